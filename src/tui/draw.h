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
	ROLE_BLACKOUT, /* a screen blanked to black */
	ROLE_ALERT,    /* warning-coloured text on the screen's background */
	ROLE_VIEW1,    /* ROLE_VIEW1 + v for view v (0..5) */
	ROLE_VIEW6 = ROLE_VIEW1 + 5,
	ROLE_COUNT
};

/*
 * Themes.  dark and light paint their own background and take every
 * colour from the 256-colour cube and grey ramp, which terminals do not
 * retheme, so their contrast holds on any window; mono uses the
 * terminal's own colours and attributes only.
 */
enum theme { THEME_AUTO, THEME_DARK, THEME_LIGHT, THEME_MONO };

/*
 * Bars: eighth blocks at the end for sub-cell lengths, whole cells only
 * (for fonts that draw eighth blocks badly), or ASCII characters.
 */
enum bars { BARS_AUTO, BARS_BLOCKS, BARS_FULL, BARS_ASCII };

/* "dark" and so on; -1 for an unknown name. */
int draw_theme_parse(const char *name);
int draw_bars_parse(const char *name);
const char *draw_theme_name(enum theme t);

/*
 * Sets the theme (THEME_AUTO is taken as dark), the bar style and
 * whether glyphs are ASCII only, once the terminal is up (term_start
 * does it) and again whenever the theme changes.  A terminal of fewer
 * than 256 colours gets a dark theme from its 16 colours, or mono for
 * light; one without colour gets mono.
 */
void draw_init(enum theme theme, enum bars bars, bool ascii);

/* The theme in use, after any fallback. */
enum theme draw_theme(void);

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
 * seam), one on is a half block over the role's background, none is
 * that background.  Without colour a painted cell is reversed.  For
 * large type; ASCII terminals get '#' for any pixel.
 */
void draw_cell(int y, int x, enum role role, bool top, bool bottom);

/* Draws a box outline (for overlays), its inside cleared. */
void draw_box(int y, int x, int h, int w, enum role role);

/* The selected view's marker at (y, x), or its blank when not selected. */
void draw_view_marker(int y, int x, bool selected);

/* The glyph used for the selected-view marker, and an ellipsis. */
const char *draw_marker(void);

#endif
