/*
 * qr: the QR code of the join URL, from libqrencode, as a matrix of
 * modules with its quiet zone, and that matrix as terminal cells of two
 * modules each (one above the other: a cell is about twice as tall as it
 * is wide, so the modules come out square).
 *
 * A URL in capitals and digits only ("HTTP://10.0.0.5:8080/K7Q2M9XA")
 * is encoded in QR's alphanumeric mode, which needs fewer modules than
 * the same URL in lower case: larger modules, read from further away.
 */
#ifndef HANDSUP_QR_H
#define HANDSUP_QR_H

#include <stdbool.h>
#include <stddef.h>

struct error;

/* The quiet zone the standard asks for, in modules on each side. */
#define QR_QUIET 4
/* The longest text encoded: a URL, never a document. */
#define QR_MAX_TEXT 256

struct qr {
	int size;	     /* modules a side, the quiet zone included */
	int quiet;	     /* of which this many on each side are light */
	unsigned char *dark; /* [size * size], row by row: 1 dark, 0 light */
};

/* How a terminal cell shows its two modules. */
enum qr_cell {
	QR_CELL_LIGHT = 0,  /* both light */
	QR_CELL_TOP = 1,    /* the upper dark: "▀" */
	QR_CELL_BOTTOM = 2, /* the lower dark: "▄" */
	QR_CELL_FULL = 3,   /* both dark: "█" */
};

/*
 * The QR code of text (1..QR_MAX_TEXT bytes) at error correction level
 * L, with quiet (0..QR_QUIET) light modules on each side.  Returns 0, or
 * -1 with err set; q is then safe to pass to qr_free.
 */
int qr_make(struct qr *q, const char *text, int quiet, struct error *err);
void qr_free(struct qr *q);

/* Whether the module at column x, row y is dark (false outside). */
bool qr_dark(const struct qr *q, int x, int y);

/* The terminal cells the code needs: size columns, (size + 1) / 2 rows. */
int qr_cols(const struct qr *q);
int qr_rows(const struct qr *q);

/*
 * Fills cells[row * qr_cols + col] with an enum qr_cell for each cell;
 * a last row of an odd size has a light lower half.  Pure: the matrix
 * in, the cells out.  Returns 0, or -1 when cap is too small.
 */
int qr_cells(const struct qr *q, unsigned char *cells, size_t cap);

#endif
