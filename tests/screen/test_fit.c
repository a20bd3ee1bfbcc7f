/*
 * What must stay in sight when the names are long or the screen small:
 * the count being typed and the count set, on the status line, with the
 * group's and the view's names shortened instead; the closing screen's
 * widest divide, to its points; the heading and the views' texts with
 * the facilitator's note open (i); every key on a page of the help.
 */
#include "screen_util.h"

/* Starts a deck written from text, in a fresh folder, with opt if any. */
static struct hs *start_deck_opt(struct su_run *r, int rows, int cols,
				 const char *opt, const char *text)
{
	static char deck[128];
	memset(r, 0, sizeof *r);
	su_mkdtemp(r->dir, sizeof r->dir);
	snprintf(r->state_env, sizeof r->state_env, "HANDSUP_STATE_DIR=%s",
		 r->dir);
	su_write_file(r->dir, "t.deck", text, deck, sizeof deck);
	const char *argv[] = {"handsup", "--name", "fit", deck, opt, NULL};
	return su_launch(r, rows, cols, argv, NULL);
}

static struct hs *start_deck(struct su_run *r, int rows, int cols,
			     const char *text)
{
	return start_deck_opt(r, rows, cols, NULL, text);
}

/* Enter, 4, 7 on the first item: the digits, then the count set. */
static void type_47(struct hs *h, const char *first)
{
	su_press(h, HS_KEY_RIGHT);
	su_press(h, HS_KEY_ENTER);
	su_press(h, '4');
	su_press(h, '7');
	su_expect_status(h, "count: 47_", first);
	su_press(h, HS_KEY_ENTER);
	su_expect_status(h, "set to 47", first);
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
	su_expect_status(h, "47 -> 0 (item 1)", "Undone: Regional");
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
 * With --ascii, "ß" is drawn as "ss": the names are measured as drawn,
 * so the wider ASCII line still keeps the digits.
 */
static void test_typed_count_ascii(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = start_deck_opt(&r, 24, 60, "--ascii",
				      "title: Lange Namen\n"
				      "groups: Gro\xc3\x9fhandel Stra\xc3\x9f"
				      "enbau S\xc3\xbc\xc3\x9fwaren Fu\xc3\x9f"
				      "ball Ma\xc3\x9fnahmen|B\n"
				      "== Erstes\n1: Eins.\n2: Zwei.\n"
				      "labels: Wei\xc3\x9f gr\xc3\xb6\xc3\x9f"
				      "er s\xc3\xbc\xc3\x9f hei\xc3\x9f | B\n");
	type_47(h, "Grosshandel");
	su_press(h, 'u');
	su_expect_status(h, "47 -> 0 (item 1)", "Undone: Grosshandel");
	su_quit(&r);
	su_end(&r);
}

/*
 * A group's name longer than the whole message: it is cut, the figures
 * of the count set and of the headcount confirmed stay.
 */
static void test_name_longer_than_the_line(void **state)
{
	(void)state;
	struct su_run r;
	char text[1024] = "title: Long\ngroups: ";
	for (int i = 0; i < 45; i++)
		strcat(text, "\xe5\x96\xb6\xe6\xa5\xad"); /* 営業 */
	strcat(text, "|B\n== First item\n1: One.\n2: Two.\n");
	struct hs *h = start_deck(&r, 24, 80, text);
	type_47(h, "\xe5\x96\xb6\xe6\xa5\xad");
	su_press(h, 'p');
	su_press(h, '9');
	su_press(h, HS_KEY_ENTER);
	su_expect_status(h, "9 people (room: 1 group to go)",
			 "\xe5\x96\xb6\xe6\xa5\xad");
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

/* The rows from the top to the one that holds last (the heading and the
 * views' texts), trimmed; rows without text are "". */
#define NOTE_ROWS 48
static int texts_above_chart(struct hs *h, const char *last,
			     char rows[][NOTE_ROWS * 4 + 1])
{
	int n = 0;
	for (int r = 1; r < hs_rows(h) - 1 && r < NOTE_ROWS; r++, n++) {
		char *t = hs_row_text(h, r), *s = t, *e = t + strlen(t);
		bool stop = strstr(t, last) != NULL;
		while (*s == ' ')
			s++;
		while (e > s && e[-1] == ' ')
			e--;
		snprintf(rows[n], NOTE_ROWS * 4 + 1, "%.*s", (int)(e - s), s);
		free(t);
		if (stop)
			return n + 1;
	}
	return -1; /* last is not on screen */
}

/* The text inside a box's sides, its rows joined by one space.  Free it. */
static char *boxed_text(struct hs *h)
{
	static const char side[] = "│";
	size_t cap = (size_t)hs_rows(h) * ((size_t)hs_cols(h) * 4 + 1) + 1;
	char *all = calloc(1, cap);
	assert_non_null(all);
	for (int r = 1; r < hs_rows(h) - 1; r++) {
		char *t = hs_row_text(h, r), *s = strstr(t, side), *e = NULL;
		for (char *p = s; p && (p = strstr(p + 1, side));)
			e = p;
		if (s && e) {
			s += strlen(side);
			while (*s == ' ')
				s++;
			while (e > s && e[-1] == ' ')
				e--;
			snprintf(all + strlen(all), cap - strlen(all), "%s%.*s",
				 all[0] ? " " : "", (int)(e - s), s);
		}
		free(t);
	}
	return all;
}

/*
 * i on an item: the note's box, and every row of the heading (in its
 * place) and of the views' texts (anywhere) still on screen.
 */
static void expect_note_keeps_texts(struct hs *h, int head_rows,
				    const char *note)
{
	static char before[NOTE_ROWS][NOTE_ROWS * 4 + 1];
	int n = texts_above_chart(h, "across the sales force.", before);
	assert_true(n > 0);
	su_expect(h, "View 1");
	su_press(h, 'i');
	su_expect(h, "Note (i hides it)");
	char *all = boxed_text(h);
	if (strstr(all, note) == NULL) {
		hs_dump(h, "note");
		fail_msg("the note is not shown whole: \"%s\"", note);
	}
	free(all);
	for (int r = 0; r < n; r++) {
		if (before[r][0] == '\0')
			continue;
		char *t = hs_row_text(h, r + 1);
		bool ok = r < head_rows ? strstr(t, before[r]) != NULL
					: hs_screen_contains(h, before[r]);
		free(t);
		if (!ok) {
			hs_dump(h, before[r]);
			fail_msg("hidden by the note: \"%s\"", before[r]);
		}
	}
	su_press(h, 'i');
	su_expect_not(h, "Note (i hides it)");
}

static const char builtin_note[] =
	"Is training about the individual rep, or about the system around "
	"the rep?";

/* The built-in deck's item 1 at rows x cols, its heading head_rows high. */
static void expect_builtin_note(int rows, int cols, int head_rows)
{
	struct su_run r;
	static const char *const argv[] = {"handsup", "--name", "note", NULL};
	struct hs *h = su_start(&r, rows, cols, argv, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_expect(h, "Sales training’s role is to focus");
	expect_note_keeps_texts(h, head_rows, builtin_note);
	su_quit(&r);
	su_end(&r);
}

static void test_note_keeps_the_views_80x24(void **state)
{
	(void)state;
	expect_builtin_note(24, 80, 1);
}

static void test_note_keeps_the_views_160x48(void **state)
{
	(void)state;
	/* The heading in large type: three rows. */
	expect_builtin_note(48, 160, 3);
}

/* A heading of two lines and a note of three, at 80x24. */
static void test_note_two_line_heading(void **state)
{
	(void)state;
	struct su_run r;
	static const char note[] =
		"Ask the room first which view they hold, then ask why. Is "
		"training about the individual rep, or about the system "
		"around the rep? Keep it to five minutes.";
	char text[1024];
	snprintf(
		text, sizeof text,
		"title: Two-line heading\n"
		"== Regarding the Scope and the Purpose of Sales Training in a "
		"Modern Organisation Today\n"
		"1: Sales training's role is to focus on improving the skills "
		"of the sales force, one rep at a time.\n"
		"2: Sales training's role is to scale the right behaviors, "
		"processes, content, and tools across the sales force.\n"
		"note: %s\n",
		note);
	struct hs *h = start_deck(&r, 24, 80, text);
	su_press(h, HS_KEY_RIGHT);
	su_expect(h, "Organisation Today");
	expect_note_keeps_texts(h, 2, note);
	su_quit(&r);
	su_end(&r);
}

/*
 * A note longer than the rows a box could take is shown whole over the
 * foot of the screen rather than cut short in a small box.
 */
static void expect_long_note_whole(int rows, int cols)
{
	struct su_run r;
	struct hs *h = start_deck(
		&r, rows, cols,
		"title: Notes\ngroups: Alpha|Beta|Gamma|Delta\n"
		"== First item\n1: One.\n2: Two.\n"
		"note: FIRST-WORD Ask the room which view they hold, then ask "
		"who in their company would choose the other one, and why. "
		"Let two or three people answer before you count. Write the "
		"answers on the flip chart, then count the hands once more "
		"and compare the two counts with the room. If the groups "
		"split, ask each group to name one thing that would change "
		"its mind, and write those down too; come back to them on "
		"the closing screen, when the room sees whether the groups "
		"would all select alike. LAST-WORD\n");
	su_press(h, HS_KEY_RIGHT);
	su_press(h, 'i');
	su_expect(h, "Note (i hides it)");
	su_expect(h, "FIRST-WORD");
	/* 60x14 has not the rows for it all: what fits, marked as cut. */
	su_expect(h, rows >= 24 ? "LAST-WORD" : "group\xe2\x80\xa6");
	su_quit(&r);
	su_end(&r);
}

static void test_long_note_whole(void **state)
{
	(void)state;
	expect_long_note_whole(24, 80);
	expect_long_note_whole(14, 60);
}

/*
 * At 40x12 the keys do not fit the help: ? pages through them, every key
 * on one page or another with what it does whole (a page's key column as
 * wide as its own keys), and ? on the last page or Esc on any closes it
 * without acting.  Opened again, it starts on its first page.
 */
static void test_help_pages_40x12(void **state)
{
	(void)state;
	static const char *const keys[] = {
		"next screen",	       "select a view",
		"add / remove a hand", "next / previous group",
		"clear this item",     "blank: black / white",
		"hide / show results", "phone votes on / off",
		"projector check",     "quit (asks)"};
	bool seen[sizeof keys / sizeof keys[0]] = {false};
	struct su_run r;
	struct hs *h = su_start_default(&r, 12, 40, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_press(h, '?');
	su_expect(h, "? more keys 1/4");
	for (int page = 1; page <= 4; page++) {
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
			seen[k] |= hs_screen_contains(h, keys[k]);
		if (page < 4)
			su_press(h, '?');
	}
	su_expect(h, "? or Esc closes  4/4");
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
		if (!seen[k])
			fail_msg("\"%s\" on no page of the help", keys[k]);
	su_press(h, '?');
	su_expect_not(h, "Keys");
	su_expect(h, "Regarding the Scope");
	su_expect(h, "0 hands");
	/* Esc closes it from any page; it opens again on the first. */
	su_press(h, '?');
	su_press(h, '?');
	su_expect(h, "? more keys 2/4");
	su_press(h, HS_KEY_ESC);
	su_expect_not(h, "Keys");
	su_press(h, '?');
	su_expect(h, "? more keys 1/4");
	su_press(h, HS_KEY_ESC);
	su_quit(&r);
	su_end(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typed_count_long_names_80x24),
		cmocka_unit_test(test_typed_count_long_names_40x12),
		cmocka_unit_test(test_typed_count_ascii),
		cmocka_unit_test(test_name_longer_than_the_line),
		cmocka_unit_test(test_closing_widest_whole_40x12),
		cmocka_unit_test(test_note_keeps_the_views_80x24),
		cmocka_unit_test(test_note_keeps_the_views_160x48),
		cmocka_unit_test(test_note_two_line_heading),
		cmocka_unit_test(test_long_note_whole),
		cmocka_unit_test(test_help_pages_40x12),
	};
	return cmocka_run_group_tests(tests, NULL, su_cleanup);
}
