/*
 * A count typed on an item where phones voted too: the count sets the
 * hands, the chart shows the hands with the phones' votes, and the
 * status line says which is which, its figures in sight at 80 x 24 and
 * at 40 x 12, where the names shorten instead.
 */
#include "../phone_client.h"
#include "screen_util.h"

struct room {
	struct su_run r;
	char listen[32];
	struct phone base; /* the address as the screen shows it */
};

/* The first word in the cells of row from col to the right edge. */
static size_t word_at(struct hs *h, int row, int col, char *out, size_t cap)
{
	char cells[256];
	su_cells(h, row, col, hs_cols(h) - col, cells, sizeof cells);
	const char *p = cells + strspn(cells, " ");
	size_t k = strcspn(p, " ");
	if (k >= cap)
		k = cap - 1;
	memcpy(out, p, k);
	out[k] = '\0';
	return k;
}

/* The join URL as the screen shows it, joined up when it wraps. */
static bool shown_url(struct hs *h, char *out, size_t cap)
{
	int row, col;
	if (!hs_find(h, "http://", &row, &col))
		return false;
	size_t n = word_at(h, row, col, out, cap);
	const char *slash = strrchr(out, '/');
	if (!slash || strlen(slash + 1) < 8)
		word_at(h, row + 1, col, out + n, cap - n);
	return true;
}

static struct hs *start_room(struct room *m, const char *groups)
{
	snprintf(m->listen, sizeof m->listen, "127.0.0.1:%d",
		 phone_free_port());
	const char *argv[] = {"handsup", "--name",   "typed", "--listen",
			      m->listen, "--groups", groups,  NULL};
	struct hs *h = su_start(&m->r, 24, 80, argv, NULL);
	char url[96];
	if (!shown_url(h, url, sizeof url) || !phone_from_url(&m->base, url)) {
		hs_dump(h, "no join URL");
		fail_msg("no join URL on the title screen");
	}
	return h;
}

/* The status line, once it holds want, starts with first. */
static void expect_status(struct hs *h, const char *want, const char *first)
{
	su_until(h, want, true);
	char *t = hs_row_text(h, hs_rows(h) - 1);
	bool ok = strstr(t, want) != NULL &&
		  strncmp(t, first, strlen(first)) == 0;
	if (!ok) {
		hs_dump(h, want);
		fail_msg("status line \"%s\": no \"%s\" after \"%s\"", t, want,
			 first);
	}
	free(t);
}

/* Enter, the digits, Enter. */
static void type_count(struct hs *h, const char *digits)
{
	su_press(h, HS_KEY_ENTER);
	su_presses(h, digits);
	su_press(h, HS_KEY_ENTER);
}

static void test_typed_beside_phones(void **state)
{
	(void)state;
	struct room m;
	struct hs *h = start_room(&m, "Sales Leadership|Marketing");
	struct phone a = m.base;
	assert_int_equal(phone_join(&a), 200);
	assert_int_equal(phone_group(&a, 1), 303);
	su_press(h, HS_KEY_RIGHT);
	assert_int_equal(phone_vote(&a, 1, 1, 1), 303);
	su_until(h, "1 joined, 1 voted", true);
	/* 5 hands and the phone's vote: the chart's 6, the message's 5. */
	type_count(h, "5");
	expect_status(h, " Sales Leadership: View 1 set to 5 hands + 1 phone",
		      " Sales Leadership");
	su_until(h, "6 (100%)", true);
	/* At 40 columns the names give way; the figures stay whole. */
	assert_int_not_equal(hs_resize(h, 12, 40), -1);
	type_count(h, "4");
	expect_status(h, "View 1 set to 4 hands + 1 phone", " Sa");
	su_quit_asked(&m.r);
	su_end(&m.r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typed_beside_phones),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
