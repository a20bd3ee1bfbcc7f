/*
 * What must stay in sight when the names are long or the screen small:
 * the count being typed and the count set, on the status line, with the
 * group's and the view's names shortened instead; the closing screen's
 * widest divide, to its points.
 */
#include "screen_util.h"

/* Starts a deck of one item, written from text, in a fresh folder. */
static struct hs *start_deck(struct su_run *r, int rows, int cols,
			     const char *text)
{
	static char deck[128];
	memset(r, 0, sizeof *r);
	su_mkdtemp(r->dir, sizeof r->dir);
	snprintf(r->state_env, sizeof r->state_env, "HANDSUP_STATE_DIR=%s",
		 r->dir);
	su_write_file(r->dir, "t.deck", text, deck, sizeof deck);
	const char *argv[] = {"handsup", "--name", "fit", deck, NULL};
	return su_launch(r, rows, cols, argv, NULL);
}

/* The status line holds want, and starts with the name's first word. */
static void expect_status(struct hs *h, const char *want, const char *first)
{
	char *t = hs_row_text(h, hs_rows(h) - 1);
	bool ok = strstr(t, want) != NULL && strstr(t, first) != NULL;
	if (!ok) {
		hs_dump(h, want);
		fail_msg("status line \"%s\": no \"%s\" or \"%s\"", t, want,
			 first);
	}
	free(t);
}

/* Enter, 4, 7 on the first item: the digits, then the count set. */
static void type_47(struct hs *h, const char *first)
{
	su_press(h, HS_KEY_RIGHT);
	su_press(h, HS_KEY_ENTER);
	su_press(h, '4');
	su_press(h, '7');
	expect_status(h, "count: 47_", first);
	su_press(h, HS_KEY_ENTER);
	expect_status(h, "set to 47", first);
	su_expect(h, "47 hands");
}

static void test_typed_count_long_names_80x24(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = start_deck(
		&r, 24, 80,
		"title: Long names\n"
		"groups: Regional Customer Success and Account Management "
		"EMEA|B\n"
		"== First item\n1: View one.\n2: View two.\n"
		"labels: Skills focus first of al | Scale the behaviors now\n");
	type_47(h, "Regional");
	/* The undo's figures stay too. */
	su_press(h, 'u');
	expect_status(h, "47 -> 0 (item 1)", "Undone: Regional");
	su_quit(&r);
	su_end(&r);
}

static void test_typed_count_long_names_40x12(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = start_deck(&r, 12, 40,
				  "title: Long names\n"
				  "groups: Operations Excellence Team|B\n"
				  "== First item\n1: View one.\n2: View two.\n"
				  "labels: Scale the behaviors now | Skills\n");
	type_47(h, "Operations");
	su_quit(&r);
	su_end(&r);
}

/*
 * The body's rows joined, each trimmed, by one space: wrapped text as
 * one line.  Free it.
 */
static char *body_text(struct hs *h)
{
	size_t cap = (size_t)hs_rows(h) * ((size_t)hs_cols(h) * 4 + 1) + 1;
	char *all = calloc(1, cap);
	assert_non_null(all);
	for (int r = 1; r < hs_rows(h) - 1; r++) {
		char *t = hs_row_text(h, r), *s = t, *e = t + strlen(t);
		while (*s == ' ')
			s++;
		while (e > s && e[-1] == ' ')
			e--;
		if (e > s)
			snprintf(all + strlen(all), cap - strlen(all), "%s%.*s",
				 all[0] ? " " : "", (int)(e - s), s);
		free(t);
	}
	return all;
}

/* The closing screen at 40x12: the widest divide whole, points too. */
static void test_closing_widest_whole_40x12(void **state)
{
	(void)state;
	struct su_run r;
	static const char *const argv[] = {"handsup", "--name", "grouped",
					   NULL};
	struct hs *h = su_start(&r, 24, 80, argv, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "111g2221");
	su_press(h, 's');
	su_press(h, HS_KEY_RIGHT);
	su_expect(h, "Closing");
	assert_int_not_equal(hs_resize(h, 12, 40), -1);
	su_expect(h, "Closing");
	char *all = body_text(h);
	const char *want = "Widest: Regarding the Scope of Sales Training. "
			   "Sales Training 100% View 1, Product Marketing 25% "
			   "View 1: 75 points apart";
	if (strstr(all, want) == NULL) {
		hs_dump(h, "closing");
		fail_msg("no \"%s\" in \"%s\"", want, all);
	}
	free(all);
	su_quit(&r);
	su_end(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typed_count_long_names_80x24),
		cmocka_unit_test(test_typed_count_long_names_40x12),
		cmocka_unit_test(test_closing_widest_whole_40x12),
	};
	return cmocka_run_group_tests(tests, NULL, su_cleanup);
}
