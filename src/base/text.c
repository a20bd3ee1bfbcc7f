#include "base/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Reports an invalid sequence: one byte is consumed so that a decoder
 * resynchronises at the next byte, as the Unicode "maximal subpart"
 * practice suggests for replacement. */
static size_t bad_byte(unsigned *cp, bool *ok)
{
	*cp = TEXT_REPLACEMENT;
	if (ok)
		*ok = false;
	return 1;
}

/*
 * Eight bytes at a time, for the runs of plain ASCII that most text is.
 * memcpy is the portable unaligned load; compilers make it one move.
 */
#define ONES  0x0101010101010101u
#define HIGHS 0x8080808080808080u

static uint64_t load8(const char *s)
{
	uint64_t x;
	memcpy(&x, s, sizeof x);
	return x;
}

/* Whether any byte of x is below n (n <= 128), or has its top bit set. */
static bool any_below_or_high(uint64_t x, unsigned n)
{
	return (((x - ONES * n) & ~x) | x) & HIGHS;
}

/* The length of the run of bytes 0x01-0x7F at s, in whole words. */
static size_t ascii_words(const char *s, size_t len)
{
	size_t i = 0;
	while (i + 8 <= len && !any_below_or_high(load8(s + i), 1))
		i += 8;
	return i;
}

/* The same for printable ASCII, 0x20-0x7E, up to max bytes. */
static size_t printable_words(const char *s, size_t max)
{
	size_t i = 0;
	while (i + 8 <= max) {
		uint64_t x = load8(s + i);
		/* Below 0x20, 0x7F (x + 1 carries into the top bit), or high. */
		if (any_below_or_high(x, 0x20) || ((x + ONES) & HIGHS))
			break;
		i += 8;
	}
	return i;
}

size_t text_decode(const char *s, size_t len, unsigned *cp, bool *ok)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c, lo = 0x80, hi = 0xBF;
	size_t n;

	if (len == 0) {
		*cp = TEXT_REPLACEMENT;
		if (ok)
			*ok = false;
		return 0;
	}
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		if (ok)
			*ok = true;
		return 1;
	}
	/* The first byte decides the length and, for E0, ED, F0 and F4, a
	 * narrower range for the second byte: that is what excludes
	 * overlong forms, surrogates and values above U+10FFFF. */
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
		c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
		c &= 0x07;
	} else {
		return bad_byte(cp, ok);
	}
	if (len < n)
		return bad_byte(cp, ok);
	for (size_t i = 1; i < n; i++) {
		unsigned b = u[i];
		if (b < lo || b > hi)
			return bad_byte(cp, ok);
		lo = 0x80;
		hi = 0xBF;
		c = (c << 6) | (b & 0x3F);
	}
	*cp = c;
	if (ok)
		*ok = true;
	return n;
}

size_t text_encode(unsigned cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = TEXT_REPLACEMENT;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

bool text_utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t i = 0;

	while (i < len) {
		unsigned cp;
		bool ok;
		/* ASCII, most of any deck, needs no decoding. */
		if ((unsigned char)s[i] - 1u < 0x7f) {
			size_t run = ascii_words(s + i, len - i);
			i += run ? run : 1;
			continue;
		}
		size_t n = text_decode(s + i, len - i, &cp, &ok);
		if (!ok || cp == 0) {
			if (bad)
				*bad = i;
			return false;
		}
		i += n;
	}
	return true;
}

bool text_is_unsafe(unsigned cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return true;
	switch (cp) {
	case 0x061C:
	case 0x200E:
	case 0x200F:
	case 0x2028:
	case 0x2029:
		return true;
	default:
		break;
	}
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Code points that only choose how an emoji looks: the text and emoji
 * presentation selectors and the skin-tone modifiers. */
static bool is_emoji_style(unsigned cp)
{
	return cp == 0xFE0E || cp == 0xFE0F || (cp >= 0x1F3FB && cp <= 0x1F3FF);
}

/* Pictographs, roughly: enough to tell a ZWJ that joins emoji from one
 * that shapes a script (Devanagari, Arabic, ...), which stays. */
static bool joins_emoji(unsigned prev)
{
	return is_emoji_style(prev) || (prev >= 0x2190 && prev <= 0x2BFF) ||
	       (prev >= 0x1F000 && prev <= 0x1FAFF);
}

size_t text_sanitize_into(const char *s, size_t len, char *buf, size_t cap)
{
	size_t i = 0, o = 0;
	unsigned prev = 0;

	if (cap == 0)
		return 0;
	while (i < len) {
		unsigned cp;
		char enc[4];
		/* A run of printable ASCII goes as it is, in one copy. */
		if (o + 1 >= cap)
			break;
		size_t max = len - i < cap - 1 - o ? len - i : cap - 1 - o;
		size_t run = printable_words(s + i, max);
		while (i + run < len && run < cap - 1 - o &&
		       (unsigned char)s[i + run] - 0x20u < 0x5f)
			run++;
		if (run > 0) {
			memcpy(buf + o, s + i, run);
			o += run;
			i += run;
			prev = (unsigned char)s[i - 1];
			continue;
		}
		size_t n = text_decode(s + i, len - i, &cp, NULL), m;
		bool drop;

		i += n;
		/* Terminals that draw a styled or joined emoji as one glyph
		 * disagree with wcwidth, which curses lays the cells out by,
		 * and the screen is left with stale cells.  Without these
		 * every terminal draws the plain emoji, one after another. */
		drop = is_emoji_style(cp) ||
		       (cp == 0x200D && joins_emoji(prev));
		prev = cp;
		if (drop)
			continue;
		if (cp == '\t')
			cp = ' ';
		else if (text_is_unsafe(cp))
			cp = TEXT_REPLACEMENT;
		m = text_encode(cp, enc);
		if (o + m >= cap)
			break;
		memcpy(buf + o, enc, m);
		o += m;
	}
	buf[o] = '\0';
	return o;
}

char *text_sanitize(const char *s, size_t len)
{
	char *buf, *shrunk;
	size_t n;

	/* Every input byte yields at most one 3-byte U+FFFD. */
	if (len > (SIZE_MAX - 1) / 3)
		return NULL;
	buf = malloc(len * 3 + 1);
	if (!buf)
		return NULL;
	n = text_sanitize_into(s, len, buf, len * 3 + 1);
	shrunk = realloc(buf, n + 1);
	return shrunk ? shrunk : buf;
}

/* ASCII stand-ins for the typography that decks are full of. */
static const char *ascii_lookalike(unsigned cp)
{
	switch (cp) {
	case 0x00A0: /* no-break space */
	case 0x2002:
	case 0x2003:
	case 0x2009:
	case 0x202F:
		return " ";
	case 0x2018:
	case 0x2019:
	case 0x201A:
	case 0x2032:
		return "'";
	case 0x201C:
	case 0x201D:
	case 0x201E:
	case 0x2033:
		return "\"";
	case 0x2010:
	case 0x2011:
	case 0x2012:
	case 0x2013:
	case 0x2212:
		return "-";
	case 0x2014:
	case 0x2015:
		return "--";
	case 0x2026:
		return "...";
	case 0x2022:
		return "*";
	case 0x2192:
		return "->";
	case 0x2190:
		return "<-";
	case 0x00AB:
		return "<<";
	case 0x00BB:
		return ">>";
	default:
		return "?";
	}
}

/* Latin-1 letters without their accents, U+00C0 to U+00FF. */
static const char *const latin1_base[64] = {
	"A", "A", "A", "A", "A",  "A",	"AE", "C", "E", "E", "E",  "E", "I",
	"I", "I", "I", "D", "N",  "O",	"O",  "O", "O", "O", "x",  "O", "U",
	"U", "U", "U", "Y", "Th", "ss", "a",  "a", "a", "a", "a",  "a", "ae",
	"c", "e", "e", "e", "e",  "i",	"i",  "i", "i", "d", "n",  "o", "o",
	"o", "o", "o", "/", "o",  "u",	"u",  "u", "u", "y", "th", "y",
};

/*
 * Combining marks and invisible joiners, known without the locale's help:
 * text_to_ascii is used exactly where the locale cannot tell.
 */
static bool is_mark(unsigned cp)
{
	return (cp >= 0x0300 && cp <= 0x036F) ||
	       (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	       (cp >= 0x1DC0 && cp <= 0x1DFF) ||
	       (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 ||
	       (cp >= 0x20D0 && cp <= 0x20FF) ||
	       (cp >= 0xFE00 && cp <= 0xFE0F) ||
	       (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0xFEFF ||
	       (cp >= 0xE0100 && cp <= 0xE01EF) ||
	       (cp >= 0x1F3FB && cp <= 0x1F3FF);
}

size_t text_to_ascii(const char *s, char *buf, size_t cap)
{
	size_t len = strlen(s), i = 0, o = 0;

	if (cap == 0)
		return 0;
	while (i < len) {
		unsigned cp;
		size_t n = text_decode(s + i, len - i, &cp, NULL), m;
		const char *rep;
		char one[2] = {0, 0};

		i += n;
		if (cp == '\n' || (cp >= 0x20 && cp < 0x7F)) {
			one[0] = (char)cp;
			rep = one;
		} else if (cp == '\t') {
			rep = " ";
		} else if (cp < 0x80) {
			rep = "?";
		} else if (cp >= 0xC0 && cp <= 0xFF) {
			rep = latin1_base[cp - 0xC0];
		} else if (is_mark(cp)) {
			continue; /* the base letter alone reads fine */
		} else {
			rep = ascii_lookalike(cp);
		}
		m = strlen(rep);
		if (o + m >= cap)
			break;
		memcpy(buf + o, rep, m);
		o += m;
	}
	buf[o] = '\0';
	return o;
}

/*
 * wcwidth takes a wchar_t, which holds the code point itself only where
 * the C library says so with __STDC_ISO_10646__ (glibc, musl).  Elsewhere
 * (macOS, the BSDs) the locale decides what a wchar_t means, so the code
 * point goes through its UTF-8 form and mbrtowc, which is right in any
 * UTF-8 locale and fails, like wcwidth's -1, in any other.
 */
static int cp_wcwidth(unsigned cp)
{
#if defined(__STDC_ISO_10646__)
	return wcwidth((wchar_t)cp);
#else
	char enc[4];
	size_t n = text_encode(cp, enc);
	mbstate_t st;
	wchar_t wc;

	memset(&st, 0, sizeof st);
	if (mbrtowc(&wc, enc, n, &st) != n)
		return -1;
	return wcwidth(wc);
#endif
}

int text_cp_width(unsigned cp)
{
	int w;

	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	if (text_is_unsafe(cp))
		return 1; /* drawn as a replacement glyph */
	/* The sanitiser drops these (or, for a ZWJ in a script, wcwidth
	 * says 0 too): raw and sanitised text measure the same. */
	if (cp == 0x200D || is_emoji_style(cp))
		return 0;
	w = cp_wcwidth(cp);
	/* -1 means the locale cannot show it; it is drawn as one '?'. */
	return w < 0 ? 1 : w;
}

int text_width_n(const char *s, size_t len)
{
	size_t i = 0;
	int w = 0;

	while (i < len) {
		unsigned cp;
		i += text_decode(s + i, len - i, &cp, NULL);
		w += text_cp_width(cp);
	}
	return w;
}

int text_width(const char *s)
{
	return text_width_n(s, strlen(s));
}

bool text_utf8_codeset(const char *codeset)
{
	return codeset &&
	       (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}
