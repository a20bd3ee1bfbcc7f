/* Unit tests of text: decoding, sanitising, widths, wrapping, fitting. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/text.h"
#include "base/text_wrap.h"

static bool utf8_locale;

/* Widths of non-ASCII text need a UTF-8 locale: without one, say so. */
static void skip_no_utf8(void)
{
	print_message("skipped: no UTF-8 locale (C.UTF-8) on this machine\n");
	skip();
}

static void decode_one(const char *s, size_t len, unsigned want_cp,
		       size_t want_n, bool want_ok)
{
	unsigned cp = 0;
	bool ok = !want_ok;
	size_t n = text_decode(s, len, &cp, &ok);

	assert_int_equal(n, want_n);
	assert_int_equal(cp, want_cp);
	assert_int_equal(ok, want_ok);
}

/* The codesets that glibc and the BSDs call UTF-8, and no other. */
static void test_utf8_codeset(void **state)
{
	(void)state;
	assert_true(text_utf8_codeset("UTF-8"));
	assert_true(text_utf8_codeset("utf8"));
	assert_false(text_utf8_codeset("ANSI_X3.4-1968"));
	assert_false(text_utf8_codeset("ISO-8859-1"));
	assert_false(text_utf8_codeset(""));
	assert_false(text_utf8_codeset(NULL));
}

static void test_decode_valid(void **state)
{
	(void)state;
	decode_one("A", 1, 'A', 1, true);
	decode_one("\xC2\x80", 2, 0x80, 2, true);
	decode_one("\xDF\xBF", 2, 0x7FF, 2, true);
	decode_one("\xE0\xA0\x80", 3, 0x800, 3, true);
	decode_one("\xEF\xBF\xBD", 3, 0xFFFD, 3, true);
	decode_one("\xED\x9F\xBF", 3, 0xD7FF, 3, true);
	decode_one("\xF0\x90\x80\x80", 4, 0x10000, 4, true);
	decode_one("\xF4\x8F\xBF\xBF", 4, 0x10FFFF, 4, true);
	decode_one("\xE2\x80\x99x", 4, 0x2019, 3, true);
}

static void test_decode_invalid(void **state)
{
	(void)state;
	decode_one("\xC0\xAF", 2, 0xFFFD, 1, false);	     /* overlong */
	decode_one("\xC1\xBF", 2, 0xFFFD, 1, false);	     /* overlong */
	decode_one("\xE0\x80\xAF", 3, 0xFFFD, 1, false);     /* overlong */
	decode_one("\xF0\x80\x80\xAF", 4, 0xFFFD, 1, false); /* overlong */
	decode_one("\xED\xA0\x80", 3, 0xFFFD, 1, false);     /* surrogate */
	decode_one("\xED\xBF\xBF", 3, 0xFFFD, 1, false);     /* surrogate */
	decode_one("\xF4\x90\x80\x80", 4, 0xFFFD, 1, false); /* > 10FFFF */
	decode_one("\xF5\x80\x80\x80", 4, 0xFFFD, 1, false);
	decode_one("\xFF", 1, 0xFFFD, 1, false);
	decode_one("\x80", 1, 0xFFFD, 1, false);	 /* lone tail */
	decode_one("\xE2\x80", 2, 0xFFFD, 1, false);	 /* truncated */
	decode_one("\xE2\x80\x99", 2, 0xFFFD, 1, false); /* len cuts it */
	decode_one("\xE2\x41\x99", 3, 0xFFFD, 1, false); /* bad tail */
}

static void test_encode_roundtrip(void **state)
{
	static const unsigned cps[] = {0x24,   0xA2,	0x939,	 0x20AC,
				       0xD55C, 0x10348, 0x10FFFF};
	char buf[4];

	(void)state;
	for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		size_t n = text_encode(cps[i], buf);
		unsigned cp;
		bool ok;
		assert_int_equal(text_decode(buf, n, &cp, &ok), n);
		assert_true(ok);
		assert_int_equal(cp, cps[i]);
	}
	assert_int_equal(text_encode(0xD800, buf), 3);
	assert_memory_equal(buf, "\xEF\xBF\xBD", 3);
}

static void test_utf8_valid(void **state)
{
	size_t bad = 99;

	(void)state;
	assert_true(text_utf8_valid("h\xC3\xA9llo", 6, &bad));
	assert_true(text_utf8_valid("", 0, &bad));
	assert_false(text_utf8_valid("abc\xC3", 4, &bad));
	assert_int_equal(bad, 3);
	assert_false(text_utf8_valid("ab\0c", 4, &bad));
	assert_int_equal(bad, 2);
	assert_false(text_utf8_valid("\xED\xA0\x80", 3, NULL));
}

/*
 * The word-at-a-time paths of the validator and the sanitiser: every
 * byte that is not plain ASCII, at every place of a 24-byte run (so in
 * each lane of a word, and in the tail), is found, and a cap is kept.
 */
static void test_word_paths(void **state)
{
	(void)state;
	static const unsigned char odd[] = {0x00, 0x01, 0x09, 0x1b, 0x1f,
					    0x7f, 0x80, 0xc3, 0xff};
	for (size_t k = 0; k < sizeof odd; k++)
		for (size_t at = 0; at < 24; at++) {
			char s[25], out[80];
			memset(s, 'a', 24);
			s[24] = '\0';
			s[at] = (char)odd[k];
			size_t bad = 99;
			bool valid = text_utf8_valid(s, 24, &bad);
			/* Control characters are valid UTF-8, but NUL is not
			 * text; bytes from 0x80 alone are never valid. */
			assert_int_equal(valid, odd[k] >= 0x01 && odd[k] < 0x80);
			if (!valid)
				assert_int_equal(bad, at);
			size_t n = text_sanitize_into(s, 24, out, sizeof out);
			/* Before it, every 'a' survives; it is replaced, dropped
			 * or turned to a space, never passed on raw. */
			for (size_t i = 0; i < at; i++)
				assert_int_equal(out[i], 'a');
			for (size_t i = 0; i < n; i++)
				assert_true((unsigned char)out[i] >= 0x20 &&
					    (unsigned char)out[i] != 0x7f);
			assert_int_equal(strlen(out), n);
		}
	/* A long clean run, cut by a small cap: the cap is kept. */
	char s[100], out[11];
	memset(s, 'b', sizeof s);
	assert_int_equal(text_sanitize_into(s, sizeof s, out, sizeof out), 10);
	assert_int_equal(strlen(out), 10);
	assert_true(text_utf8_valid(s, sizeof s, NULL));
}

static void test_unsafe(void **state)
{
	static const unsigned bad[] = {
		0x00,	0x07,	0x1B,	0x7F,	0x80,	0x9B,	0x9F,	0x061C,
		0x200E, 0x200F, 0x202A, 0x202E, 0x2066, 0x2069, 0x2028, 0x2029};
	static const unsigned good[] = {' ',	'a',	'~',	0xA0,	0x2019,
					0x200D, 0x2065, 0x206A, 0x202F, 0x4E2D};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_true(text_is_unsafe(bad[i]));
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		assert_false(text_is_unsafe(good[i]));
}

static void check_sanitize(const char *in, size_t len, const char *want)
{
	char *s = text_sanitize(in, len);

	assert_non_null(s);
	assert_string_equal(s, want);
	free(s);
}

static void test_sanitize(void **state)
{
	(void)state;
	check_sanitize("\x1b[2Jhello", 9, "\xEF\xBF\xBD[2Jhello");
	check_sanitize("a\tb", 3, "a b");
	check_sanitize("a\nb\r", 4,
		       "a\xEF\xBF\xBD"
		       "b\xEF\xBF\xBD");
	check_sanitize("\xC2\x9B"
		       "31m",
		       5,
		       "\xEF\xBF\xBD"
		       "31m");
	/* Right-to-left override and isolate cannot reorder the screen. */
	check_sanitize("x\xE2\x80\xAEy\xE2\x81\xA6z", 9,
		       "x\xEF\xBF\xBDy\xEF\xBF\xBDz");
	check_sanitize("\xC0\xAF", 2, "\xEF\xBF\xBD\xEF\xBF\xBD");
	check_sanitize("a\0b", 3,
		       "a\xEF\xBF\xBD"
		       "b");
	check_sanitize("caf\xC3\xA9", 5, "caf\xC3\xA9");
	check_sanitize("", 0, "");
}

/* What only styles or joins emoji is left out: terminals that draw the
 * sequence as one glyph would disagree with the cell layout. */
static void test_sanitize_emoji(void **state)
{
	/* 👨‍👩‍👧, the family: three people, shown one after another. */
	static const char family[] = "\xF0\x9F\x91\xA8\xE2\x80\x8D"
				     "\xF0\x9F\x91\xA9\xE2\x80\x8D"
				     "\xF0\x9F\x91\xA7";
	/* 🧑🏽‍💻 and 🏳️‍🌈: a modifier or a selector before the joiner. */
	static const char coder[] = "\xF0\x9F\xA7\x91\xF0\x9F\x8F\xBD"
				    "\xE2\x80\x8D\xF0\x9F\x92\xBB";
	static const char flag[] = "\xF0\x9F\x8F\xB3\xEF\xB8\x8F"
				   "\xE2\x80\x8D\xF0\x9F\x8C\x88";
	/* क्‍ष: in Devanagari the joiner shapes the word, and stays. */
	static const char deva[] = "\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8D"
				   "\xE0\xA4\xB7";

	(void)state;
	check_sanitize(family, sizeof family - 1,
		       "\xF0\x9F\x91\xA8\xF0\x9F\x91\xA9\xF0\x9F\x91\xA7");
	check_sanitize(coder, sizeof coder - 1,
		       "\xF0\x9F\xA7\x91\xF0\x9F\x92\xBB");
	check_sanitize(flag, sizeof flag - 1,
		       "\xF0\x9F\x8F\xB3\xF0\x9F\x8C\x88");
	check_sanitize("I \xE2\x9D\xA4\xEF\xB8\x8F it", 11,
		       "I \xE2\x9D\xA4 it");
	check_sanitize(deva, sizeof deva - 1, deva);
	check_sanitize("a\xE2\x80\x8D"
		       "b",
		       5,
		       "a\xE2\x80\x8D"
		       "b");
	if (!utf8_locale)
		skip_no_utf8();
	/* Measured the same before and after. */
	assert_int_equal(text_width(family), 6);
	assert_int_equal(text_width(coder), 4);
}

static void test_sanitize_into_cuts_whole(void **state)
{
	char buf[8];

	(void)state;
	/* "ab" + U+FFFD would need 6 bytes with the NUL: cut before it. */
	assert_int_equal(text_sanitize_into("ab\x1b"
					    "c",
					    4, buf, 5),
			 2);
	assert_string_equal(buf, "ab");
	assert_int_equal(text_sanitize_into("ab\x1b"
					    "c",
					    4, buf, 6),
			 5);
	assert_string_equal(buf, "ab\xEF\xBF\xBD");
	assert_int_equal(text_sanitize_into("abc", 3, buf, 1), 0);
	assert_string_equal(buf, "");
	/* Plain ASCII is copied in runs; a run is cut to the room too. */
	assert_int_equal(text_sanitize_into("abcdefgh", 8, buf, 6), 5);
	assert_string_equal(buf, "abcde");
	assert_int_equal(text_sanitize_into("abc", 3, buf, 2), 1);
	assert_string_equal(buf, "a");
	assert_int_equal(text_sanitize_into("a\tb\x7f", 4, buf, 6), 3);
	assert_string_equal(buf, "a b");
	assert_int_equal(text_sanitize_into("a\tb\x7f", 4, buf, 7), 6);
	assert_string_equal(buf, "a b\xEF\xBF\xBD");
}

static void test_ascii(void **state)
{
	char buf[64];

	(void)state;
	text_to_ascii("\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x98x\xE2\x80\x99",
		      buf, sizeof buf);
	assert_string_equal(buf, "\"Hi\" 'x'");
	text_to_ascii("a\xE2\x80\x93"
		      "b\xE2\x80\x94"
		      "c\xE2\x80\xA6",
		      buf, sizeof buf);
	assert_string_equal(buf, "a-b--c...");
	text_to_ascii("1\xC2\xA0\xE2\x86\x92\xC2\xA0"
		      "2 \xE4\xB8\xAD",
		      buf, sizeof buf);
	assert_string_equal(buf, "1 -> 2 ?");
	/* Accents go, decomposed or not; the letters stay. */
	text_to_ascii("Caf\xC3\xA9 na\xC3\xAFve Stra\xC3\x9F"
		      "e e\xCC\x81",
		      buf, sizeof buf);
	assert_string_equal(buf, "Cafe naive Strasse e");
	/* An ellipsis that does not fit whole is left out. */
	assert_int_equal(text_to_ascii("ab\xE2\x80\xA6", buf, 4), 2);
	assert_string_equal(buf, "ab");
}

static void test_widths(void **state)
{
	(void)state;
	assert_int_equal(text_width("hello"), 5);
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("\x1b"), 1);
	assert_int_equal(text_width_n("abc", 2), 2);
	if (!utf8_locale)
		skip_no_utf8();
	assert_int_equal(text_cp_width(0x4E2D), 2);  /* 中 */
	assert_int_equal(text_cp_width(0x1F600), 2); /* 😀 */
	assert_int_equal(text_cp_width(0x0301), 0);  /* combining acute */
	assert_int_equal(text_cp_width(0xE9), 1);
	assert_int_equal(text_width("\xE4\xB8\xAD\xE6\x96\x87"), 4);
	assert_int_equal(text_width("e\xCC\x81t\xC3\xA9"), 3);
	assert_int_equal(text_width("\xF0\x9F\x98\x80!"), 3);
	/* Joiner, presentation selectors, skin tones: nothing of their own. */
	assert_int_equal(text_cp_width(0x200D), 0);
	assert_int_equal(text_cp_width(0xFE0E), 0);
	assert_int_equal(text_cp_width(0xFE0F), 0);
	assert_int_equal(text_cp_width(0x1F3FB), 0);
	assert_int_equal(text_cp_width(0x1F3FF), 0);
	/* 👍🏽 measures as the plain 👍 it is shown as. */
	assert_int_equal(text_width("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"), 2);
	/* Where the locale cannot show them, each code point is one '?'. */
	setlocale(LC_CTYPE, "C");
	assert_int_equal(text_width("\xE4\xB8\xAD"
				    "e\xCC\x81"),
			 3);
	setlocale(LC_CTYPE, "C.UTF-8");
}

static void test_wrap_words(void **state)
{
	const char *s = "the quick brown fox jumps";
	struct text_line l[8];
	size_t n;

	(void)state;
	n = text_wrap(s, 10, l, 8);
	assert_int_equal(n, 3);
	assert_int_equal(l[0].off, 0);
	assert_int_equal(l[0].len, 9); /* "the quick" */
	assert_int_equal(l[0].width, 9);
	assert_int_equal(l[1].off, 10);
	assert_int_equal(l[1].len, 9); /* "brown fox" */
	assert_int_equal(l[2].off, 20);
	assert_int_equal(l[2].len, 5);
	/* Counting without storing. */
	assert_int_equal(text_wrap(s, 10, NULL, 0), 3);
	assert_int_equal(text_wrap(s, 10, l, 1), 3);
	assert_int_equal(text_wrap("", 10, l, 8), 0);
	assert_int_equal(text_wrap(s, 100, l, 8), 1);
	assert_int_equal(l[0].len, strlen(s));
}

/* Every line must start and end on a word boundary when words fit. */
static void test_wrap_never_mid_word(void **state)
{
	const char *s = "alpha beta gamma delta epsilon zeta eta theta iota";
	struct text_line l[32];

	(void)state;
	for (int w = 7; w <= 60; w++) {
		size_t n = text_wrap(s, w, l, 32);
		for (size_t i = 0; i < n; i++) {
			size_t e = l[i].off + l[i].len;
			assert_true(l[i].width <= w);
			assert_true(l[i].off == 0 || s[l[i].off - 1] == ' ');
			assert_true(s[e] == ' ' || s[e] == '\0');
			assert_true(s[l[i].off] != ' ');
		}
	}
}

static void test_wrap_long_word_and_newlines(void **state)
{
	struct text_line l[8];
	size_t n;

	(void)state;
	n = text_wrap("ab abcdefghij c", 4, l, 8);
	assert_int_equal(n, 4);
	assert_int_equal(l[0].len, 2);
	assert_int_equal(l[1].off, 3);
	assert_int_equal(l[1].len, 4); /* "abcd" */
	assert_int_equal(l[2].off, 7);
	assert_int_equal(l[2].len, 4); /* "efgh" */
	assert_int_equal(l[3].off, 11);
	assert_int_equal(l[3].len, 4); /* "ij c" */

	n = text_wrap("one\n\ntwo", 10, l, 8);
	assert_int_equal(n, 3);
	assert_int_equal(l[0].len, 3);
	assert_int_equal(l[1].len, 0);
	assert_int_equal(l[1].width, 0);
	assert_int_equal(l[2].off, 5);
	assert_int_equal(l[2].len, 3);
}

static void test_wrap_wide_and_combining(void **state)
{
	/* Five CJK characters, two columns each. */
	const char *cjk = "\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97\xE4\xB8\xAD"
			  "\xE6\x96\x87";
	/* "e" + U+0301 four times: four columns. */
	const char *acc = "e\xCC\x81"
			  "e\xCC\x81"
			  "e\xCC\x81"
			  "e\xCC\x81";
	struct text_line l[8];
	size_t n;

	(void)state;
	if (!utf8_locale)
		skip_no_utf8();
	n = text_wrap(cjk, 5, l, 8);
	assert_int_equal(n, 3);
	assert_int_equal(l[0].len, 6);
	assert_int_equal(l[0].width, 4);
	assert_int_equal(l[2].len, 3);
	assert_int_equal(l[2].width, 2);

	n = text_wrap(acc, 3, l, 8);
	assert_int_equal(n, 2);
	assert_int_equal(l[0].len, 9); /* three bases, each with its mark */
	assert_int_equal(l[0].width, 3);
	assert_int_equal(l[1].off, 9);
	assert_int_equal(l[1].len, 3);

	n = text_wrap("a \xE4\xB8\xAD\xE6\x96\x87", 6, l, 8);
	assert_int_equal(n, 1);
	assert_int_equal(l[0].width, 6);
	/* A line may break between two wide characters. */
	n = text_wrap("ab \xE4\xB8\xAD\xE6\x96\x87", 6, l, 8);
	assert_int_equal(n, 2);
	assert_int_equal(l[0].width, 5);
	assert_int_equal(l[1].off, 6);
	assert_int_equal(l[1].width, 2);
	n = text_wrap("abc \xE4\xB8\xAD\xE6\x96\x87", 6, l, 8);
	assert_int_equal(n, 2);
	assert_int_equal(l[0].width, 6);
	assert_int_equal(l[1].width, 2);
}

/* Checks that text wraps at width into exactly the lines want[]. */
static void expect_lines(const char *s, int width, const char *const *want,
			 size_t nwant)
{
	struct text_line l[16];
	size_t n = text_wrap(s, width, l, 16);

	for (size_t i = 0; i < n && i < nwant; i++) {
		print_message("line %zu: '%.*s'\n", i, (int)l[i].len,
			      s + l[i].off);
		assert_int_equal(l[i].len, strlen(want[i]));
		assert_memory_equal(s + l[i].off, want[i], l[i].len);
		assert_int_equal(l[i].width, text_width(want[i]));
		assert_true(l[i].width <= width);
	}
	assert_int_equal(n, nwant);
}

/* Japanese and Chinese have no spaces: they break between characters,
 * but never before closing punctuation or after an opening bracket. */
static void test_wrap_east_asian(void **state)
{
	/* 日本語のテキストです。 */
	static const char ja[] = "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E"
				 "\xE3\x81\xAE\xE3\x83\x86\xE3\x82\xAD"
				 "\xE3\x82\xB9\xE3\x83\x88\xE3\x81\xA7"
				 "\xE3\x81\x99\xE3\x80\x82";
	static const char *const ja_lines[] = {
		("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE"
		 "\xE3\x83\x86"),
		"\xE3\x82\xAD\xE3\x82\xB9\xE3\x83\x88\xE3\x81\xA7",
		"\xE3\x81\x99\xE3\x80\x82", /* す。 stay together */
	};
	/* 我们使用 Linux 系统 */
	static const char zh[] = "\xE6\x88\x91\xE4\xBB\xAC\xE4\xBD\xBF"
				 "\xE7\x94\xA8 Linux \xE7\xB3\xBB\xE7\xBB\x9F";
	static const char *const zh_lines[] = {
		"\xE6\x88\x91\xE4\xBB\xAC\xE4\xBD\xBF\xE7\x94\xA8",
		"Linux \xE7\xB3\xBB",
		"\xE7\xBB\x9F",
	};
	/* 日本Linux版: the Latin word stays whole between wide ones. */
	static const char mixed[] = "\xE6\x97\xA5\xE6\x9C\xACLinux"
				    "\xE7\x89\x88";
	static const char *const mixed_lines[] = {
		"\xE6\x97\xA5\xE6\x9C\xAC",
		"Linux",
		"\xE7\x89\x88",
	};
	static const char *const mixed_wide[] = {
		"\xE6\x97\xA5\xE6\x9C\xACLinux",
		"\xE7\x89\x88",
	};
	/* 「はい」と言った */
	static const char quote[] = "\xE3\x80\x8C\xE3\x81\xAF\xE3\x81\x84"
				    "\xE3\x80\x8D\xE3\x81\xA8\xE8\xA8\x80"
				    "\xE3\x81\xA3\xE3\x81\x9F";
	static const char *const quote_lines[] = {
		"\xE3\x80\x8C\xE3\x81\xAF",
		"\xE3\x81\x84\xE3\x80\x8D\xE3\x81\xA8",
		"\xE8\xA8\x80\xE3\x81\xA3\xE3\x81\x9F",
	};
	/* か + combining voiced mark (U+3099), three times. */
	static const char ga[] = "\xE3\x81\x8B\xE3\x82\x99"
				 "\xE3\x81\x8B\xE3\x82\x99"
				 "\xE3\x81\x8B\xE3\x82\x99";
	static const char *const ga_lines[] = {
		"\xE3\x81\x8B\xE3\x82\x99\xE3\x81\x8B\xE3\x82\x99",
		"\xE3\x81\x8B\xE3\x82\x99",
	};

	(void)state;
	if (!utf8_locale)
		skip_no_utf8();
	expect_lines(ja, 10, ja_lines, 3);
	expect_lines(zh, 8, zh_lines, 3);
	expect_lines(mixed, 6, mixed_lines, 3);
	expect_lines(mixed, 9, mixed_wide, 2);
	expect_lines(quote, 6, quote_lines, 3);
	expect_lines(ga, 4, ga_lines, 2);
	/* Latin text keeps its rule: "a.b" is one word. */
	expect_lines("\xE4\xB8\xAD"
		     "a.b",
		     3, (const char *const[]){"\xE4\xB8\xAD", "a.b"}, 2);
}

static void test_fit(void **state)
{
	int used = -1;

	(void)state;
	assert_int_equal(text_fit("hello", 3, &used), 3);
	assert_int_equal(used, 3);
	assert_int_equal(text_fit("hi", 10, &used), 2);
	assert_int_equal(used, 2);
	assert_int_equal(text_fit("hi", 0, NULL), 0);
	if (!utf8_locale)
		skip_no_utf8();
	/* A wide character that would overflow is left out whole. */
	assert_int_equal(text_fit("a\xE4\xB8\xAD"
				  "b",
				  2, &used),
			 1);
	assert_int_equal(used, 1);
	assert_int_equal(text_fit("a\xE4\xB8\xAD"
				  "b",
				  3, &used),
			 4);
	assert_int_equal(used, 3);
	/* The mark after a fitting base comes along. */
	assert_int_equal(text_fit("e\xCC\x81x", 1, &used), 3);
	assert_int_equal(used, 1);
}

static void slug_is(const char *s, size_t cap, const char *want)
{
	char out[64];

	assert_true(cap <= sizeof out);
	memset(out, 'X', sizeof out);
	assert_int_equal(text_slug(s, out, cap), strlen(want));
	assert_string_equal(out, want);
}

static void test_slug(void **state)
{
	(void)state;
	slug_is("Acme Corp: Q3 Kick-off!", 64, "acme-corp-q3-kick-off");
	slug_is("  --Hello__World--  ", 64, "hello-world");
	/* Non-ASCII letters are separators, not letters, in any locale. */
	slug_is("Caf\xC3\xA9 Z\xC3\xBCrich", 64, "caf-z-rich");
	slug_is("\xE4\xB8\xAD\xE6\x96\x87", 64, "session");
	slug_is("", 64, "session");
	slug_is(NULL, 64, "session");
	slug_is("!!!", 64, "session");
	/* Too long: cut after a whole word, never with a trailing '-'. */
	slug_is("alpha beta gamma", 11, "alpha-beta");
	slug_is("alpha beta gamma", 12, "alpha-beta");
	slug_is("alpha beta gamma", 13, "alpha-beta");
	slug_is("alpha beta gamma", 17, "alpha-beta-gamma");
	slug_is("alpha beta gamma", 10, "alpha");
	slug_is("alpha beta", 11, "alpha-beta");
	/* One word longer than the room has no boundary: cut it. */
	slug_is("abcdefghij", 5, "abcd");
	slug_is("x", 1, "");
	slug_is("", 4, "ses");
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_codeset),
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_invalid),
		cmocka_unit_test(test_encode_roundtrip),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_word_paths),
		cmocka_unit_test(test_unsafe),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_sanitize_emoji),
		cmocka_unit_test(test_sanitize_into_cuts_whole),
		cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_wrap_words),
		cmocka_unit_test(test_wrap_never_mid_word),
		cmocka_unit_test(test_wrap_long_word_and_newlines),
		cmocka_unit_test(test_wrap_wide_and_combining),
		cmocka_unit_test(test_wrap_east_asian),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_slug),
	};

	utf8_locale = setlocale(LC_ALL, "C.UTF-8") != NULL;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
