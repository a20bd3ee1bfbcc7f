/*
 * Keys that arrive together: sixty count keys written to the terminal in
 * one go are applied together, saved a few times at most and drawn a few
 * times at most, and no frame on the way shows a count that the session
 * file does not hold yet ("save before draw").  The saves are counted as
 * the session file's renames into place, seen through inotify.
 */
#include <poll.h>
#include <sys/inotify.h>

#include "screen_util.h"

#include "../saves.h"

#define BURST 60

/* View 1's count as the screen shows it. */
static long shown(struct hs *h)
{
	long counts[SU_MAX_BARS];
	int pcts[SU_MAX_BARS];
	return su_read_chart(h, counts, pcts, SU_MAX_BARS) == 2 ? counts[0]
								: -1;
}

/* View 1's count of item 1 in the session file. */
static long on_disk(const char *dir)
{
	struct session s;
	su_load(dir, &s);
	long n = tally_get(&s.tally, 0, 0);
	session_free(&s);
	return n;
}

static void test_burst_is_saved_once_and_drawn_once(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	SU_EXPECT2(h, 0, 0);
	int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	assert_true(in >= 0);
	/* IN_CREATE too: each save's temporary file comes between two
	 * renames, so the kernel cannot fold them into one event. */
	assert_true(inotify_add_watch(in, r.dir, IN_MOVED_TO | IN_CREATE) >= 0);
	char keys[BURST + 1];
	memset(keys, '1', BURST);
	keys[BURST] = '\0';
	assert_int_equal(hs_send(h, keys), 0);
	int frames = 0;
	long seen = 0;
	while (seen < BURST) {
		assert_int_not_equal(hs_wait_frame(h), -1);
		frames++;
		seen = shown(h);
		/* Whatever a frame shows is already in the file. */
		if (seen > on_disk(r.dir)) {
			hs_dump(h, "burst");
			fail_msg("the screen shows %ld hands, the file has %ld",
				 seen, on_disk(r.dir));
		}
		assert_true(frames <= BURST);
	}
	SU_EXPECT2(h, BURST, 0);
	int n = saves_count(in);
	close(in);
	if (n > 10 || frames > 10)
		fail_msg("%d keys at once: %d saves and %d frames, expected "
			 "10 at most",
			 BURST, n, frames);
	assert_int_equal(on_disk(r.dir), BURST);
	/* Undo still takes back one hand at a time. */
	su_press(h, 'u');
	SU_EXPECT2(h, BURST - 1, 0);
	su_quit(&r);
	assert_int_equal(on_disk(r.dir), BURST - 1);
	su_end(&r);
}

/* Keys one at a time still save each (one frame, one save). */
static void test_single_keys_save_each(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	for (int i = 1; i <= 5; i++) {
		su_press(h, '2');
		struct session s;
		su_load(r.dir, &s);
		assert_int_equal(tally_get(&s.tally, 0, 1), i);
		session_free(&s);
	}
	SU_EXPECT2(h, 0, 5);
	su_quit(&r);
	su_end(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_burst_is_saved_once_and_drawn_once),
		cmocka_unit_test(test_single_keys_save_each),
	};
	return cmocka_run_group_tests(tests, NULL, su_cleanup);
}
