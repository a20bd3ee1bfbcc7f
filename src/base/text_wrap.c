#include "base/text_wrap.h"

#include <stdbool.h>
#include <string.h>
#include "base/text.h"

/* Cutting text to size: fitting and word wrap in columns, and slugs for
 * file names.  Decoding, sanitising and widths are in text.c. */

/*
 * The fitting core: how many bytes of s[0..len) fit in width columns,
 * stopping before a base character that would overflow, so its
 * combining marks go with it.  With force, at least one cluster is taken
 * even if it is too wide, so that wrapping always makes progress.
 */
static size_t fit_n(const char *s, size_t len, int width, int *used, bool force)
{
	size_t i = 0;
	int w = 0;

	while (i < len) {
		unsigned cp;
		size_t n = text_decode(s + i, len - i, &cp, NULL);
		int cw = text_cp_width(cp);

		if (cw > 0 && w + cw > width && !(force && i == 0))
			break;
		w += cw;
		i += n;
	}
	if (used)
		*used = w;
	return i;
}

size_t text_fit(const char *s, int width, int *used)
{
	return fit_n(s, strlen(s), width < 0 ? 0 : width, used, false);
}

static void put_line(struct text_line *lines, size_t max, size_t k, size_t off,
		     size_t len, int width)
{
	if (lines && k < max) {
		lines[k].off = off;
		lines[k].len = len;
		lines[k].width = width;
	}
}

/* Punctuation that must not start a line, or end one: a simple form of
 * the rules that keep "。" off the start of a Japanese line. */
static bool no_break_before(unsigned cp)
{
	switch (cp) {
	case '.':
	case ',':
	case ';':
	case ':':
	case '!':
	case '?':
	case ')':
	case ']':
	case '}':
	case '%':
	case 0x3001:
	case 0x3002:
	case 0x300D:
	case 0x300F:
	case 0x3011:
	case 0x3009:
	case 0x300B:
	case 0x30FC:
	case 0x30FB:
	case 0xFF01:
	case 0xFF09:
	case 0xFF0C:
	case 0xFF0E:
	case 0xFF1A:
	case 0xFF1B:
	case 0xFF1F:
	case 0xFF3D:
	case 0xFF5D:
		return true;
	default:
		return false;
	}
}

static bool no_break_after(unsigned cp)
{
	switch (cp) {
	case '(':
	case '[':
	case '{':
	case 0x3008:
	case 0x300A:
	case 0x300C:
	case 0x300E:
	case 0x3010:
	case 0xFF08:
	case 0xFF3B:
	case 0xFF5B:
	case 0x200D: /* whatever it still joins stays whole */
		return true;
	default:
		return false;
	}
}

/*
 * East Asian text has no spaces between words: a line may break before
 * and after any wide character, while Latin words stay whole and a
 * combining mark stays with its base.  Returns the end of the piece of
 * the space-free run s[i..end) that starts at i.
 */
static size_t piece_end(const char *s, size_t i, size_t end)
{
	unsigned prev = 0;
	bool prev_wide = false, first = true;

	while (i < end && s[i] != ' ') {
		unsigned cp;
		size_t n = text_decode(s + i, end - i, &cp, NULL);
		int w = text_cp_width(cp);

		if (!first && w > 0 && (prev_wide || w == 2) &&
		    !no_break_before(cp) && !no_break_after(prev))
			break;
		if (w > 0 || cp == 0x200D) {
			prev = cp;
			prev_wide = w == 2;
		}
		first = false;
		i += n;
	}
	return i;
}

/* Wraps one paragraph s[off..end) (no newline inside); returns the new
 * line count.  Pieces are words, or the parts of an East Asian run (see
 * piece_end); between two pieces of one run there is no space. */
static size_t wrap_para(const char *s, size_t off, size_t end, int width,
			struct text_line *lines, size_t max, size_t k)
{
	size_t p = off, line_off = 0, line_end = 0;
	int line_w = 0;
	bool open = false;

	for (;;) {
		size_t ws, we, gap;
		int gap_w, word_w;

		ws = p;
		while (ws < end && s[ws] == ' ')
			ws++;
		if (ws == end)
			break;
		we = piece_end(s, ws, end);
		gap = ws - p;
		gap_w = (int)gap;
		word_w = text_width_n(s + ws, we - ws);
		if (open && line_w + gap_w + word_w <= width) {
			line_w += gap_w + word_w;
			line_end = we;
			p = we;
			continue;
		}
		if (open) {
			put_line(lines, max, k++, line_off, line_end - line_off,
				 line_w);
			open = false;
		}
		/* A word wider than a line is the only thing ever cut. */
		while (word_w > width) {
			int used;
			size_t n = fit_n(s + ws, we - ws, width, &used, true);
			put_line(lines, max, k++, ws, n, used);
			ws += n;
			word_w -= used;
		}
		if (ws < we) {
			open = true;
			line_off = ws;
			line_end = we;
			line_w = word_w;
		}
		p = we;
	}
	if (open)
		put_line(lines, max, k++, line_off, line_end - line_off,
			 line_w);
	return k;
}

size_t text_wrap(const char *s, int width, struct text_line *lines, size_t max)
{
	size_t len = strlen(s), p = 0, k = 0;

	if (width < 1)
		width = 1;
	if (len == 0)
		return 0;
	for (;;) {
		const char *nl = memchr(s + p, '\n', len - p);
		size_t end = nl ? (size_t)(nl - s) : len;
		size_t before = k;

		k = wrap_para(s, p, end, width, lines, max, k);
		if (k == before) /* an empty paragraph is one empty line */
			put_line(lines, max, k++, p, 0, 0);
		if (!nl)
			break;
		p = end + 1;
	}
	return k;
}

static bool slug_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

size_t text_slug(const char *s, char *out, size_t cap)
{
	size_t n = 0, word_end = 0;
	bool gap = false, cut = false;

	if (cap == 0)
		return 0;
	for (const char *p = s ? s : ""; *p && !cut; p++) {
		char c = *p;

		if (!slug_char(c)) {
			gap = true;
			continue;
		}
		if (gap && n > 0) {
			word_end = n;
			if (n + 1 < cap)
				out[n++] = '-';
			else
				cut = true;
		}
		gap = false;
		if (!cut && n + 1 < cap)
			out[n++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a')
							: c;
		else
			cut = true;
	}
	/* Half a word reads as another word; a single word too long for
	 * the room has no boundary to cut at, so it is cut where it must. */
	if (cut && word_end > 0)
		n = word_end;
	out[n] = '\0';
	if (n == 0) {
		static const char fallback[] = "session";
		n = sizeof fallback - 1 < cap - 1 ? sizeof fallback - 1
						  : cap - 1;
		memcpy(out, fallback, n);
		out[n] = '\0';
	}
	return n;
}
