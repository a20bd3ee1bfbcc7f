/*
 * The audience view's keys: q leaves at once, F5 and Ctrl-L repaint, and
 * no other key does anything -- above all, none counts or moves.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <curses.h>

#include "tui/audience.h"
#include "tui/keys.h"

static void test_quit_and_redraw(void **state)
{
	(void)state;
	assert_int_equal(audience_key('q'), INPUT_QUIT);
	assert_int_equal(audience_key(KEY_F(5)), INPUT_REDRAW);
	assert_int_equal(audience_key('L' & 0x1f), INPUT_REDRAW);
}

/* Every key the facilitator's table knows, except those two, is ignored. */
static void test_every_other_key_ignored(void **state)
{
	(void)state;
	size_t n;
	const struct key_binding *k = keys_table(&n);
	int seen = 0;
	for (size_t i = 0; i < n; i++) {
		if (k[i].mode != KEYMODE_NORMAL || k[i].action == ACT_QUIT ||
		    k[i].action == ACT_REDRAW)
			continue;
		assert_int_equal(audience_key(k[i].key), INPUT_IGNORED);
		seen++;
	}
	assert_true(seen > 20);
	static const int more[] = {
		'1', '6', '+', 'y', 'n', 'Q', 27, KEY_RIGHT, KEY_ENTER, ' ',
	};
	for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
		if (keys_lookup(KEYMODE_NORMAL, more[i], &(int){0}) != ACT_QUIT)
			assert_int_equal(audience_key(more[i]), INPUT_IGNORED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quit_and_redraw),
		cmocka_unit_test(test_every_other_key_ignored),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
