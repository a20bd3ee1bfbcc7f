/*
 * Fuzz target: sanitising, measuring, wrapping, fitting and ASCII
 * folding of arbitrary bytes.  The first byte chooses the wrap width.
 */
#include <locale.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/text_wrap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_lines(const char *s, int width)
{
	struct text_line lines[64];
	size_t len = strlen(s);
	size_t n = text_wrap(s, width, lines, 64);

	if (n != text_wrap(s, width, NULL, 0))
		abort();
	for (size_t i = 0; i < n && i < 64; i++) {
		const struct text_line *l = &lines[i];
		if (l->off > len || l->len > len - l->off)
			abort();
		if (l->width != text_width_n(s + l->off, l->len))
			abort();
		/* Only a single too-wide glyph may overflow the width. */
		if (l->width > width && l->width > 2)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	char *s, ascii[256], into[64];
	int width, used;
	size_t fit, n;

	if (!ready) {
		setlocale(LC_ALL, "C.UTF-8");
		ready = true;
	}
	if (size == 0)
		return 0;
	width = 1 + data[0] % 100;
	s = text_sanitize((const char *)data + 1, size - 1);
	if (!s)
		return 0;
	n = strlen(s);
	if (!text_utf8_valid(s, n, NULL))
		abort();
	/* Turn replacements back into newlines on odd widths, so that
	 * wrapping also meets paragraphs. */
	for (size_t i = 0; (data[0] & 1) && i + 2 < n; i++) {
		if (memcmp(s + i, "\xEF\xBF\xBD", 3) != 0)
			continue;
		s[i] = '\n';
		memmove(s + i + 1, s + i + 3, n - i - 2);
		n -= 2;
	}
	check_lines(s, width);
	fit = text_fit(s, width, &used);
	if (fit > n || used > width || used != text_width_n(s, fit))
		abort();
	n = text_to_ascii(s, ascii, sizeof ascii);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)ascii[i] >= 0x80)
			abort();
	n = text_sanitize_into((const char *)data, size, into, sizeof into);
	if (n >= sizeof into || !text_utf8_valid(into, n, NULL))
		abort();
	free(s);
	return 0;
}
