/* Unit tests of font: glyphs, widths and the wrapping of large type. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/font.h"

/* Every glyph's rows are as wide as it says, and hold only '#' and '.'. */
static void test_glyphs_well_formed(void **state)
{
	(void)state;
	const char *chars =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;'\"?!-+=/()&%#";
	for (const char *c = chars; *c; c++) {
		const struct font_glyph *g = font_glyph((unsigned char)*c);
		assert_non_null(g);
		assert_true(g->width >= 1 && g->width <= 5);
		for (int y = 0; y < FONT_HEIGHT; y++) {
			assert_int_equal(strlen(g->rows[y]), g->width);
			assert_int_equal(strspn(g->rows[y], "#."), g->width);
		}
	}
}

/* Lower case is set as upper case; typographic marks have glyphs; the
 * rest of Unicode has none, and neither do controls. */
static void test_glyph_lookup(void **state)
{
	(void)state;
	assert_ptr_equal(font_glyph('a'), font_glyph('A'));
	assert_ptr_equal(font_glyph('z'), font_glyph('Z'));
	assert_non_null(font_glyph(0x2019));
	assert_non_null(font_glyph(0x201C));
	assert_non_null(font_glyph(0x2014));
	assert_null(font_glyph(0xE9)); /* é */
	assert_null(font_glyph(0x4E2D));
	assert_null(font_glyph('\t'));
	assert_null(font_glyph(0x1B));
	assert_null(font_glyph('~'));
}

/* The digits keep one width, so that numbers keep their columns, and
 * are the seven-segment shapes the chart has always shown. */
static void test_digits(void **state)
{
	(void)state;
	for (unsigned d = '0'; d <= '9'; d++)
		assert_int_equal(font_glyph(d)->width, 3);
	const struct font_glyph *one = font_glyph('1');
	assert_true(font_pixel(one, 1, 0));
	assert_false(font_pixel(one, 0, 0));
	assert_true(font_pixel(one, 0, 4));
	/* Outside the glyph nothing is on. */
	assert_false(font_pixel(one, 3, 4));
	assert_false(font_pixel(one, -1, 4));
	assert_false(font_pixel(one, 1, 5));
	assert_false(font_pixel(NULL, 0, 0));
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(font_width("", 0), 0);
	assert_int_equal(font_width("1", 1), 3);
	/* A blank column between glyphs, none after the last. */
	assert_int_equal(font_width("12", 2), 7);
	assert_int_equal(font_width("75%", 3), 11);
	assert_int_equal(font_width("MI", 2), 9);
	assert_int_equal(font_width("I I", 3), 10);
	assert_int_equal(font_width("caf\xc3\xa9", 5), -1);
	assert_int_equal(font_width("it\xe2\x80\x99s", 6),
			 3 + 1 + 3 + 1 + 1 + 1 + 3);
}

/* Words go whole onto lines no wider than asked; spaces between lines
 * are dropped. */
static void test_wrap(void **state)
{
	(void)state;
	struct text_line l[8];
	const char *s = "REGARDING THE SCOPE OF SALES TRAINING";
	int all = font_width(s, strlen(s));
	assert_int_equal(font_wrap(s, all, l, 8), 1);
	assert_int_equal(l[0].width, all);
	size_t n = font_wrap(s, 60, l, 8);
	assert_true(n >= 2);
	size_t seen = 0;
	for (size_t i = 0; i < n; i++) {
		assert_true(l[i].width <= 60);
		assert_int_equal(l[i].width,
				 font_width(s + l[i].off, l[i].len));
		assert_true(s[l[i].off] != ' ');
		assert_true(l[i].len > 0 && s[l[i].off + l[i].len - 1] != ' ');
		seen += l[i].len;
	}
	/* Every letter is on some line. */
	assert_int_equal(seen + n - 1, strlen(s));
	/* The count of lines needed, whatever max is. */
	assert_int_equal(font_wrap(s, 60, l, 1), n);
	assert_int_equal(font_wrap(s, 60, NULL, 0), n);
}

static void test_wrap_newline_and_spaces(void **state)
{
	(void)state;
	struct text_line l[4];
	assert_int_equal(font_wrap("  AB\nCD  ", 100, l, 4), 2);
	assert_int_equal(l[0].off, 2);
	assert_int_equal(l[0].len, 2);
	assert_int_equal(l[1].off, 5);
	assert_int_equal(l[1].len, 2);
	assert_int_equal(l[1].width, 7);
}

/* What cannot be set in large type says so, so that it is set in normal
 * type instead of being cut. */
static void test_wrap_refuses(void **state)
{
	(void)state;
	struct text_line l[4];
	assert_int_equal(font_wrap("", 100, l, 4), 0);
	assert_int_equal(font_wrap("   ", 100, l, 4), 0);
	assert_int_equal(font_wrap("\n", 100, l, 4), 0);
	assert_int_equal(font_wrap("AB", 0, l, 4), 0);
	assert_int_equal(font_wrap("CAF\xc3\x89 NOIR", 100, l, 4), 0);
	/* A word wider than the line. */
	assert_int_equal(font_wrap("ABCDEFGHIJ", 20, l, 4), 0);
	assert_int_equal(font_wrap("ABCDE", font_width("ABCDE", 5), l, 4), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_glyphs_well_formed),
		cmocka_unit_test(test_glyph_lookup),
		cmocka_unit_test(test_digits),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_wrap_newline_and_spaces),
		cmocka_unit_test(test_wrap_refuses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
