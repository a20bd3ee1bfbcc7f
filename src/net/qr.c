#include "net/qr.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "base/error.h"
#include "net/lib.h"

/* libqrencode's two functions, loaded when the first code is made. */
static __typeof__(QRcode_encodeString) *encode;
static __typeof__(QRcode_free) *release;

static int load(struct error *err)
{
	static const char *const names[] = {"libqrencode.so.4",
					    "libqrencode.so"};
	static const char *const syms[] = {"QRcode_encodeString",
					   "QRcode_free"};
	void *fns[2];
	if (encode)
		return 0;
	if (lib_load(names, 2, "libqrencode4", syms, fns, 2, err) != 0)
		return -1;
	memcpy(&encode, &fns[0], sizeof fns[0]);
	memcpy(&release, &fns[1], sizeof fns[1]);
	return 0;
}

int qr_make(struct qr *q, const char *text, int quiet, struct error *err)
{
	memset(q, 0, sizeof *q);
	size_t len = text ? strlen(text) : 0;
	if (len == 0 || len > QR_MAX_TEXT || quiet < 0 || quiet > QR_QUIET) {
		error_set(err, 0, "a QR code needs 1 to %d bytes of text",
			  QR_MAX_TEXT);
		return -1;
	}
	if (load(err) != 0)
		return -1;
	/* Case-sensitive, so that a lower-case path is kept as it is. */
	QRcode *code = encode(text, 0, QR_ECLEVEL_L, QR_MODE_8, 1);
	if (code == NULL) {
		error_set(err, 0, "cannot make the QR code: %s",
			  errno == ENOMEM ? "out of memory" : "text too long");
		return -1;
	}
	int size = code->width + 2 * quiet;
	q->dark = calloc((size_t)size * (size_t)size, 1);
	if (q->dark == NULL) {
		release(code);
		error_set(err, 0, "cannot make the QR code: out of memory");
		return -1;
	}
	q->size = size;
	q->quiet = quiet;
	/* libqrencode's lowest bit of each byte is the module's colour. */
	for (int y = 0; y < code->width; y++)
		for (int x = 0; x < code->width; x++)
			q->dark[(size_t)(y + quiet) * (size_t)size +
				(size_t)(x + quiet)] =
				code->data[y * code->width + x] & 1;
	release(code);
	return 0;
}

void qr_free(struct qr *q)
{
	free(q->dark);
	memset(q, 0, sizeof *q);
}

bool qr_dark(const struct qr *q, int x, int y)
{
	if (x < 0 || y < 0 || x >= q->size || y >= q->size)
		return false;
	return q->dark[(size_t)y * (size_t)q->size + (size_t)x] != 0;
}

int qr_cols(const struct qr *q)
{
	return q->size;
}

int qr_rows(const struct qr *q)
{
	return (q->size + 1) / 2;
}

int qr_cells(const struct qr *q, unsigned char *cells, size_t cap)
{
	int cols = qr_cols(q), rows = qr_rows(q);
	if (cap < (size_t)cols * (size_t)rows)
		return -1;
	for (int r = 0; r < rows; r++)
		for (int c = 0; c < cols; c++)
			cells[(size_t)r * (size_t)cols + (size_t)c] =
				(unsigned char)(qr_dark(q, c, 2 * r) |
						qr_dark(q, c, 2 * r + 1) << 1);
	return 0;
}
