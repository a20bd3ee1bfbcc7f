/*
 * The item screen's plan at the sizes a room uses: large type and a
 * readable measure from 120 x 36 up, today's layout below it, and the
 * note's column beside the item while an audience view shows the room
 * the item.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app_fixture.h"
#include "tui/screen.h"

/* Every part inside the body, the chart below the texts. */
static void expect_fits(const struct item_plan *l, int y, int h, int cols)
{
	assert_true(l->w >= 1 && l->m >= 1);
	assert_true(l->m + l->w <= cols);
	assert_true(l->text_x >= l->m);
	assert_true(l->text_x + l->text_w <= l->m + l->w);
	assert_true(l->chart_y >= y + l->head_rows);
	assert_true(l->chart_y + l->chart_rows <= y + h);
	if (l->note_w > 0) {
		assert_true(l->note_x > l->m + l->w);
		assert_true(l->note_x + l->note_w <= cols);
	}
}

static void test_large_from_120x36(void **state)
{
	struct fixture *f = *state;
	struct item_plan l;
	screen_item_plan(&f->app, 0, 1, 46, 160, &l);
	expect_fits(&l, 1, 46, 160);
	assert_true(l.head_big);
	assert_int_equal(l.head_rows, 3); /* "One": a line of large type */
	assert_true(l.pct_big);
	/* A readable measure, centred. */
	assert_int_equal(l.text_w, 74);
	assert_int_equal(l.text_x, l.m + (l.w - 74) / 2);
	screen_item_plan(&f->app, 0, 1, 34, 120, &l);
	assert_true(l.head_big && l.pct_big);
	assert_true(l.text_w <= 74);
	/* A band below the item (a timer) leaves it a room's screen. */
	screen_item_plan_note(&f->app, 0, 1, 28, 120, 36, false, &l);
	assert_true(l.head_big && l.pct_big);
	expect_fits(&l, 1, 28, 120);
	screen_item_plan_note(&f->app, 0, 1, 28, 120, 30, false, &l);
	assert_false(l.head_big || l.pct_big);
}

static void test_normal_below(void **state)
{
	struct fixture *f = *state;
	static const int sizes[][2] = {
		{22, 80}, {33, 160}, {46, 119}, {10, 40}};
	for (int i = 0; i < 4; i++) {
		struct item_plan l;
		int h = sizes[i][0], cols = sizes[i][1];
		screen_item_plan(&f->app, 0, 1, h, cols, &l);
		expect_fits(&l, 1, h, cols);
		assert_false(l.head_big);
		assert_false(l.pct_big);
		assert_int_equal(l.text_x, l.m);
		assert_int_equal(l.text_w, l.w);
		assert_int_equal(l.note_w, 0);
	}
}

/* The note beside the item: its own column, the item's parts narrower. */
static void test_note_beside(void **state)
{
	struct fixture *f = *state;
	struct item_plan plain, l;
	screen_item_plan(&f->app, 0, 1, 46, 160, &plain);
	screen_item_plan_note(&f->app, 0, 1, 46, 160, 48, true, &l);
	expect_fits(&l, 1, 46, 160);
	assert_int_equal(l.note_w, 48);
	assert_int_equal(l.w + l.note_w + 3, plain.w);
	assert_int_equal(l.note_x, l.m + l.w + 3);
	assert_int_equal(l.note_x + l.note_w, 160 - l.m);
	/* The item keeps large type beside it. */
	assert_true(l.head_big);

	/* At 80 columns a third of the width, which a note fills legibly. */
	screen_item_plan_note(&f->app, 0, 1, 22, 80, 24, true, &l);
	expect_fits(&l, 1, 22, 80);
	assert_int_equal(l.note_w, 26);
	assert_true(l.w >= 40);

	/* Too narrow: the note stays behind i. */
	screen_item_plan_note(&f->app, 0, 1, 10, 40, 12, true, &l);
	assert_int_equal(l.note_w, 0);
	assert_int_equal(l.w, 40 - 2 * l.m);

	/* An item without a note, or no audience view: no column. */
	screen_item_plan_note(&f->app, 1, 1, 46, 160, 48, true, &l);
	assert_int_equal(l.note_w, 0);
	screen_item_plan_note(&f->app, 0, 1, 46, 160, 48, false, &l);
	assert_int_equal(l.note_w, 0);
	assert_int_equal(l.w, plain.w);
}

/* Every size from the smallest up fits, with the note or without. */
static void test_every_size_fits(void **state)
{
	struct fixture *f = *state;
	for (int cols = 40; cols <= 240; cols += 7)
		for (int h = 10; h <= 70; h += 3)
			for (int item = 0; item < 2; item++)
				for (int note = 0; note < 2; note++) {
					struct item_plan l;
					screen_item_plan_note(&f->app, item, 1,
							      h, cols, h + 2,
							      note, &l);
					expect_fits(&l, 1, h, cols);
				}
}

int main(void)
{
	(void)on_disk; /* the fixture's, for the tests of the model */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_large_from_120x36, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_normal_below, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_note_beside, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_every_size_fits, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
