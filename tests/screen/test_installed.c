/*
 * Installed decks by name: "handsup starter" runs the data folder's
 * starter.deck from any folder ($HANDSUP_DATADIR points the test at the
 * tree's content/), and the session records the file it found.
 */
#include "screen_util.h"

#include <limits.h>

static void test_run_by_name(void **state)
{
	(void)state;
	char cwd[PATH_MAX], data_env[PATH_MAX + 32];
	assert_non_null(getcwd(cwd, sizeof cwd));
	snprintf(data_env, sizeof data_env, "HANDSUP_DATADIR=%s/content", cwd);
	const char *env[] = {data_env, NULL};
	static const char *const names[] = {"starter", "starter.deck"};
	for (size_t i = 0; i < 2; i++) {
		const char *argv[] = {"handsup", "--name", "by name", names[i],
				      NULL};
		struct su_run r;
		struct hs *h = su_start(&r, 24, 80, argv, env);
		su_expect(h, "Retrospective: How Did This Quarter Go?");
		su_quit(&r);
		struct session s;
		su_load(r.dir, &s);
		char want[PATH_MAX + 32];
		snprintf(want, sizeof want, "%s/content/starter.deck", cwd);
		assert_string_equal(s.deck_path, want);
		session_free(&s);
		su_end(&r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_run_by_name),
	};
	return cmocka_run_group_tests_name("installed", tests, NULL,
					   su_cleanup);
}
