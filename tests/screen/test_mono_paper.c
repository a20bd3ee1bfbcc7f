/*
 * Mono draws in the terminal's own colours, and white and black are then
 * whichever of them the terminal has light and dark: on a window of dark
 * text on white, a screen blanked to white is the plain window and one
 * blanked to black is reversed, and the phones' QR code stands dark on
 * white.  Which way round the terminal is, it says in its answer to the
 * background query; without an answer handsup takes it for a dark one.
 */
#include <ctype.h>

#include "net/qr.h"
#include "room_util.h"

#define LIGHT "rgb:ffff/ffff/ffff"
#define DARK  "rgb:0000/0000/0000"

static bool reversed(struct hs *h, int row, int col)
{
	struct hs_cell c;
	assert_true(hs_cell(h, row, col, &c));
	return c.reverse;
}

/* Waits, frame by frame, until the cell's video is the one wanted. */
static void until_reversed(struct hs *h, int row, int col, bool want)
{
	while (reversed(h, row, col) != want)
		if (hs_wait_frame(h) == -1) {
			hs_dump(h, "cell's video");
			fail_msg("cell %d,%d never %s: %s", row, col,
				 want ? "reversed" : "plain", hs_error(h));
		}
}

/* w, then b, on item 1; each blank checked in the middle and a corner. */
static void blanks(const char *rgb, const char *const extra[], bool light)
{
	static const char *const argv[] = {"handsup", "--theme", "mono",
					   "--name",  "t",	 NULL};
	struct su_run r;
	struct hs *h = su_start_on(&r, rgb, 24, 80, argv, extra);
	/* The answer's frame may come before the key's. */
	su_press(h, HS_KEY_RIGHT);
	su_until(h, "Regarding the Scope", true);
	su_press(h, 'w');
	su_expect_not(h, "Regarding");
	/* White: the window itself where it is light, else reversed. */
	until_reversed(h, 12, 40, !light);
	until_reversed(h, 23, 79, !light);
	su_press(h, '1');
	su_expect(h, "Regarding the Scope");
	su_press(h, 'b');
	su_expect_not(h, "Regarding");
	assert_int_equal(reversed(h, 12, 40), light);
	assert_int_equal(reversed(h, 0, 0), light);
	assert_false(hs_screen_has_color(h));
	su_press(h, '1');
	su_expect(h, "Regarding the Scope");
	su_quit(&r);
	su_end(&r);
}

static void test_blank_on_light(void **state)
{
	(void)state;
	blanks(LIGHT, NULL, true);
	static const char *const nc[] = {"NO_COLOR=1", NULL};
	blanks(LIGHT, nc, true);
}

static void test_blank_on_dark(void **state)
{
	(void)state;
	blanks(DARK, NULL, false);
	/* libvterm answers only the device attributes: taken as dark. */
	blanks(NULL, NULL, false);
}

/* The join URL on the screen, in capitals as the code holds it. */
static bool code_url(struct hs *h, char *out, size_t cap)
{
	if (!room_shown_url(h, out, cap))
		return false;
	for (char *c = out; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	return true;
}

/*
 * On a light window, module (mx, my) of the code at (y, x), one cell a
 * module across and two down: dark is the reversed video (the window's
 * dark text colour), a half block dark in its reversed upper half or its
 * plain lower one.
 */
static bool dark_module(struct hs *h, int y, int x, int mx, int my)
{
	struct hs_cell c;
	int row = y + my / 2, col = x + mx;
	assert_true(hs_cell(h, row, col, &c));
	if (strcmp(c.text, "▄") == 0)
		return (my % 2 == 0) == c.reverse;
	return c.reverse;
}

/* How many of the code's modules the screen shows wrong, dark on light. */
static int modules_wrong(struct hs *h, const struct qr *q, int y, int x)
{
	int wrong = 0;
	for (int my = 0; my < q->size; my++)
		for (int mx = 0; mx < q->size; mx++)
			wrong += dark_module(h, y, x, mx, my) !=
				 qr_dark(q, mx, my);
	return wrong;
}

static void code_at(struct hs *h, struct qr *q, int *y, int *x)
{
	char url[160];
	struct error err;
	if (!code_url(h, url, sizeof url)) {
		hs_dump(h, "no join URL");
		fail_msg("no join URL on the title screen");
	}
	assert_int_equal(qr_make(q, url, 2, &err), 0);
	*y = 1;
	*x = hs_cols(h) - q->size - 2;
}

static struct hs *start_phones(struct su_run *r, const char *rgb, char *listen,
			       size_t cap)
{
	snprintf(listen, cap, "127.0.0.1:%d", phone_free_port());
	const char *argv[] = {"handsup", "--theme",  "mono", "--name",
			      "t",	 "--listen", listen, NULL};
	return su_start_on(r, rgb, 24, 80, argv, NULL);
}

/* On a light window the code is dark on the window's white. */
static void test_code_on_light(void **state)
{
	(void)state;
	struct su_run r;
	char listen[32];
	struct hs *h = start_phones(&r, LIGHT, listen, sizeof listen);
	struct qr q;
	int y, x;
	code_at(h, &q, &y, &x);
	/* The answer's frame redraws the code the other way round; it may
	 * still be on its way when the first cells have changed, so the
	 * whole code is read again at each frame until it is right. */
	int wrong;
	while ((wrong = modules_wrong(h, &q, y, x)) != 0)
		if (hs_wait_frame(h) == -1 &&
		    (wrong = modules_wrong(h, &q, y, x)) != 0) {
			hs_dump(h, "the QR code");
			fail_msg("%d modules differ from the code shown",
				 wrong);
		}
	qr_free(&q);
	/* The quiet zone's corner is the plain window; the finder's
	 * corner, module (2, 2), is reversed. */
	assert_false(reversed(h, y, x));
	assert_true(reversed(h, y + 1, x + 2));
	su_quit(&r);
	su_end(&r);
}

/* On a dark window, as before: its light text colour is the white. */
static void test_code_on_dark(void **state)
{
	(void)state;
	struct su_run r;
	char listen[32];
	struct hs *h = start_phones(&r, DARK, listen, sizeof listen);
	struct qr q;
	int y, x;
	code_at(h, &q, &y, &x);
	qr_free(&q);
	su_press(h, HS_KEY_RIGHT);
	su_until(h, "Regarding the Scope", true);
	assert_true(reversed(h, y, x));
	assert_false(reversed(h, y + 1, x + 2));
	su_quit(&r);
	su_end(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blank_on_light),
		cmocka_unit_test(test_blank_on_dark),
		cmocka_unit_test(test_code_on_light),
		cmocka_unit_test(test_code_on_dark),
	};
	return cmocka_run_group_tests(tests, NULL, su_cleanup);
}
