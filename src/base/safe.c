#include "base/safe.h"

#include <stdbool.h>
#include <string.h>

#include "base/text.h"

/*
 * Printable ASCII, most of any output, goes out as it is; the rest goes
 * through the one sanitiser (text_sanitize_into) in pieces of at most
 * SAFE_CHUNK bytes.
 */
#define SAFE_CHUNK 256

static bool plain_ascii(unsigned char c)
{
	return c >= 0x20 && c < 0x7f;
}

int safe_put(FILE *out, const char *s, size_t len)
{
	char buf[3 * SAFE_CHUNK + 1]; /* one U+FFFD per byte at most */
	size_t i = 0;

	while (i < len) {
		size_t run = i, end;

		while (run < len && plain_ascii((unsigned char)s[run]))
			run++;
		if (run > i && fwrite(s + i, 1, run - i, out) != run - i)
			return -1;
		i = run;
		if (i >= len)
			break;
		/*
		 * Up to the next printable ASCII byte, which always starts a
		 * code point; a longer stretch is cut in pieces before a lead
		 * byte, so that no sequence is split and misread as invalid.
		 */
		end = i;
		while (end < len && end - i < SAFE_CHUNK &&
		       !plain_ascii((unsigned char)s[end]))
			end++;
		for (int back = 0; end < len && back < 3 &&
				   ((unsigned char)s[end] & 0xc0) == 0x80;
		     back++)
			end--;
		size_t n = text_sanitize_into(s + i, end - i, buf, sizeof buf);

		if (fwrite(buf, 1, n, out) != n)
			return -1;
		i = end;
	}
	return ferror(out) ? -1 : 0;
}

int safe_puts(FILE *out, const char *s)
{
	return safe_put(out, s, strlen(s));
}

int safe_put_shell(FILE *out, const char *s)
{
	if (s[0] != '\0' && strspn(s, "abcdefghijklmnopqrstuvwxyz"
				      "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				      "0123456789/._-+:,@") == strlen(s))
		return safe_puts(out, s);
	fputc('\'', out);
	for (const char *q; (q = strchr(s, '\'')) != NULL; s = q + 1) {
		safe_put(out, s, (size_t)(q - s));
		fputs("'\\''", out);
	}
	safe_puts(out, s);
	fputc('\'', out);
	return ferror(out) ? -1 : 0;
}

const char *safe_copy(char *buf, size_t cap, const char *s)
{
	if (s == NULL)
		s = "";
	text_sanitize_into(s, strlen(s), buf, cap);
	return buf;
}
