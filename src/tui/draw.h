/*
 * draw: everything put on the screen goes through here.  Colour roles in
 * one table with a monochrome column (callers name a role, never a
 * colour), glyph sets with an ASCII fallback, and text helpers that only
 * ever write sanitised text, clipped to the screen.
 */
#ifndef HANDSUP_DRAW_H
#define HANDSUP_DRAW_H

#include <stdbool.h>

enum role {
	ROLE_NORMAL,
	ROLE_TOPBAR,   /* the first line: deck title and position */
	ROLE_TITLE,    /* the deck title on the title screen */
	ROLE_HEADING,  /* an item's heading */
	ROLE_DIM,      /* secondary text: source, hints */
	ROLE_KEY,      /* a key name in hints and help */
	ROLE_STATUS,   /* the last line */
	ROLE_WARNING,  /* a save failed, a question is open */
	ROLE_SELECTED, /* the selected view's marker */
	ROLE_GROUP,    /* the group whose hands are being counted */
	ROLE_PAPER,    /* a screen blanked to white */
	ROLE_VIEW1,    /* ROLE_VIEW1 + v for view v (0..5) */
	ROLE_VIEW6 = ROLE_VIEW1 + 5,
	ROLE_COUNT
};

/*
 * Chooses colour or monochrome, and UTF-8 or ASCII glyphs, once the
 * terminal is up (term_start does it).
 */
void draw_init(bool mono, bool ascii);

/*
 * Sets the attributes of role for the curses calls that follow, for the
 * few callers that paint cells themselves (the large digits).
 */
void draw_role(enum role r);

/* Whether glyphs are ASCII only. */
bool draw_ascii(void);

/*
 * Draws s at (y, x) in role, clipped to maxw columns (never past the
 * right edge).  The text is sanitised again and, in ASCII mode,
 * transliterated.  Returns the columns used.
 */
int draw_text(int y, int x, int maxw, enum role role, const char *s);

/* Like ui_text, with a trailing ellipsis if s does not fit in maxw. */
int draw_text_clip(int y, int x, int maxw, enum role role, const char *s);

/* Draws s centred in the row between x and x + w. */
void draw_text_centre(int y, int x, int w, enum role role, const char *s);

/* Fills w cells with spaces in role. */
void draw_fill(int y, int x, int w, enum role role);

/*
 * Draws a horizontal bar for view v: full whole cells and eighths (0..7)
 * of one more, in the view's role and glyphs.  Returns the cells used.
 */
int draw_bar(int y, int x, int view, int full, int eighths);

/*
 * Draws one cell of two stacked pixels in role's colour: both on is a
 * cell painted in the colour (its background, so stacked cells leave no
 * seam), one on is a half block over the screen's own background, none
 * is that background.  Without colour a painted cell is reversed.  For
 * large type; ASCII terminals get '#' for any pixel.
 */
void draw_cell(int y, int x, enum role role, bool top, bool bottom);

/* Draws a box outline (for overlays), its inside cleared. */
void draw_box(int y, int x, int h, int w, enum role role);

/* The glyph used for the selected-view marker, and an ellipsis. */
const char *draw_marker(void);

#endif
