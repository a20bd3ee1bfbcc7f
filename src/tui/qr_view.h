/*
 * qr_view: the phones' column at the right of the title and item
 * screens while phones vote -- the join URL's QR code in black on
 * white, the URL as text below it, and how many phones joined and
 * voted.  On a room's screen each module is two cells wide, so that
 * the code can be read from further away.
 */
#ifndef HANDSUP_QR_VIEW_H
#define HANDSUP_QR_VIEW_H

struct tui;

/*
 * The columns the phones' column takes beside a body of rows rows on a
 * terminal cols wide (what the screen's own width gives up), or 0 when
 * phones are off, or the code does not fit those rows, or beside a
 * screen's worth of text.  qr_view_draw must be given the same rows.
 */
int qr_view_width(const struct tui *t, int cols, int rows);

/*
 * The same, narrower than under columns: the column with a smaller code
 * (one cell a module across instead of two), or 0 when there is none.
 */
int qr_view_width_under(const struct tui *t, int cols, int rows, int under);

/*
 * Draws the column from row y, h rows, in the last w columns from x (w
 * as qr_view_width or qr_view_width_under gave, less 2); item is the
 * item shown (-1: none), whose votes it counts.  Returns the row below
 * the column's last: the rows below it are free across the width.
 */
int qr_view_draw(const struct tui *t, int item, int y, int h, int x, int w);

/*
 * Where the code does not fit: the rows (1 or 2; 0 while phones are
 * off) that the URL and the phones' counts take at the foot of a screen
 * w columns wide, one row when both fit in it side by side.
 */
int qr_view_foot_rows(const struct tui *t, int item, int w);

/*
 * Draws the URL and the counts from row y, at most rows rows, centred in
 * w columns from x: the counts go where they fit, else only the URL.
 * Returns the rows used.
 */
int qr_view_foot(const struct tui *t, int item, int y, int rows, int x, int w);

/* The join URL while phones vote, else NULL (for a screen without the
 * room for the code). */
const char *qr_view_url(const struct tui *t);

#endif
