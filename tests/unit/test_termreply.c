/* termreply: answers to OSC 11 and DA1 picked out of the keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/termreply.h"

/*
 * Feeds s, then says the input is idle; collects the keys handed on and
 * the last event.  Returns the number of keys.
 */
static size_t feed(struct termreply *r, const char *s, int *keys,
		   enum termreply_result *last)
{
	size_t n = 0;
	*last = TERMREPLY_KEY;
	for (; *s; s++) {
		int ch = (unsigned char)*s;
		enum termreply_result e = termreply_feed(r, ch);
		if (e == TERMREPLY_KEYS) {
			for (size_t i = 0; i < r->nkeys; i++)
				keys[n++] = r->keys[i];
			e = termreply_feed(r, ch); /* offered again */
		}
		if (e == TERMREPLY_KEY)
			keys[n++] = ch;
		else if (e != TERMREPLY_HELD)
			*last = e;
	}
	if (termreply_idle(r))
		for (size_t i = 0; i < r->nkeys; i++)
			keys[n++] = r->keys[i];
	return n;
}

static void test_light_answer_then_da(void **state)
{
	(void)state;
	struct termreply r;
	termreply_init(&r);
	int keys[64];
	enum termreply_result last;
	assert_int_equal(
		feed(&r, "\033]11;rgb:ffff/ffff/ffff\033\\", keys, &last), 0);
	assert_int_equal(last, TERMREPLY_BACKGROUND);
	assert_true(r.light);
	assert_int_equal(feed(&r, "\033[?62;22c", keys, &last), 0);
	assert_int_equal(last, TERMREPLY_DA);
}

static void test_dark_answer_with_bel(void **state)
{
	(void)state;
	struct termreply r;
	termreply_init(&r);
	int keys[64];
	enum termreply_result last;
	assert_int_equal(feed(&r, "\033]11;rgb:1e/1e/1e\a", keys, &last), 0);
	assert_int_equal(last, TERMREPLY_BACKGROUND);
	assert_false(r.light);
}

/* A count typed with the answer must count, and nothing of it leaks. */
static void test_keys_around_answers(void **state)
{
	(void)state;
	struct termreply r;
	termreply_init(&r);
	int keys[64];
	enum termreply_result last;
	size_t n = feed(&r, "1\033[?1;2c2", keys, &last);
	assert_int_equal(n, 2);
	assert_int_equal(keys[0], '1');
	assert_int_equal(keys[1], '2');
	assert_int_equal(last, TERMREPLY_DA);
}

/* Escape alone, and Escape then a key, are keys. */
static void test_escape_is_a_key(void **state)
{
	(void)state;
	struct termreply r;
	termreply_init(&r);
	int keys[64];
	enum termreply_result last;
	size_t n = feed(&r, "\033", keys, &last);
	assert_int_equal(n, 1);
	assert_int_equal(keys[0], 27);
	n = feed(&r, "\033q", keys, &last);
	assert_int_equal(n, 2);
	assert_int_equal(keys[0], 27);
	assert_int_equal(keys[1], 'q');
	/* A curses key code after Escape ends the wait too. */
	assert_int_equal(termreply_feed(&r, 27), TERMREPLY_HELD);
	assert_int_equal(termreply_feed(&r, 0x105), TERMREPLY_KEYS);
	assert_int_equal(r.nkeys, 1);
	assert_int_equal(r.keys[0], 27);
	assert_int_equal(termreply_feed(&r, 0x105), TERMREPLY_KEY);
}

/* An answer split over two reads waits for its end. */
static void test_split_answer(void **state)
{
	(void)state;
	struct termreply r;
	termreply_init(&r);
	int keys[64];
	enum termreply_result last;
	assert_int_equal(feed(&r, "\033]11;rgb:ff", keys, &last), 0);
	assert_int_equal(feed(&r, "ff/ffff/ffff\033\\", keys, &last), 0);
	assert_int_equal(last, TERMREPLY_BACKGROUND);
	assert_true(r.light);
}

/* Garbage that starts like an answer is never lost as keys, never
 * overflows. */
static void test_overlong_and_odd(void **state)
{
	(void)state;
	struct termreply r;
	termreply_init(&r);
	int keys[400];
	enum termreply_result last;
	char s[300] = "\033]";
	memset(s + 2, 'x', 250);
	s[252] = '\0';
	size_t n = feed(&r, s, keys, &last);
	assert_true(n > 0 && n <= 252);
	assert_int_equal(feed(&r, "\033]12;rgb:0/0/0\a", keys, &last), 0);
	assert_int_equal(last, TERMREPLY_KEY); /* another colour: swallowed */
	n = feed(&r, "\033[5~", keys, &last);
	assert_int_equal(n, 4);
}

static void test_rgb(void **state)
{
	(void)state;
	bool light;
	assert_int_equal(termreply_rgb_light("rgb:ffff/ffff/ffff", &light), 0);
	assert_true(light);
	assert_int_equal(termreply_rgb_light("rgb:0/0/0", &light), 0);
	assert_false(light);
	assert_int_equal(termreply_rgb_light("rgb:fd/f6/e3", &light), 0);
	assert_true(light); /* a cream paper */
	assert_int_equal(termreply_rgb_light("rgb:30/30/30", &light), 0);
	assert_false(light);
	/* Mid grey: black on it reads better (L = 0.216). */
	assert_int_equal(termreply_rgb_light("rgb:80/80/80", &light), 0);
	assert_true(light);
	assert_int_equal(termreply_rgb_light("rgb:70/70/70", &light), 0);
	assert_false(light); /* L = 0.162 */
	assert_int_equal(termreply_rgb_light("rgb:fffff/0/0", &light), -1);
	assert_int_equal(termreply_rgb_light("rgb:ff/ff", &light), -1);
	assert_int_equal(termreply_rgb_light("rgb:gg/00/00", &light), -1);
	assert_int_equal(termreply_rgb_light("rgb://", &light), -1);
	assert_int_equal(termreply_rgb_light("#ffffff", &light), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_light_answer_then_da),
		cmocka_unit_test(test_dark_answer_with_bel),
		cmocka_unit_test(test_keys_around_answers),
		cmocka_unit_test(test_escape_is_a_key),
		cmocka_unit_test(test_split_answer),
		cmocka_unit_test(test_overlong_and_odd),
		cmocka_unit_test(test_rgb),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
