/*
 * The themes.  dark and light take every colour from indices 16-255 (the
 * colour cube and the grey ramp), which are the same in every xterm-like
 * terminal and which bold does not brighten, and paint their own
 * background, so a count reads the same on a black or a white window.
 * tools/palette.md has the contrast of every pair (at least 4.5:1 for
 * text, 3:1 for bars) and the colour-blind check of the views, which are
 * Okabe and Ito's hues.  Terminals of 8 or 16 colours get a dark theme
 * from those, chosen from xterm's defaults; light needs 256 colours, so
 * there it is mono.
 */
#include "tui/theme.h"

#include <curses.h>

struct style {
	short fg, bg; /* colour indices; -1 is the terminal's own */
	bool bold;
};

/* Background of the dark and light themes. */
#define BLACK 16
#define WHITE 231

static const struct style dark[ROLE_COUNT] = {
	[ROLE_NORMAL] = {253, BLACK, false},
	[ROLE_TOPBAR] = {WHITE, 238, true},
	[ROLE_TITLE] = {227, BLACK, true},
	[ROLE_HEADING] = {WHITE, BLACK, true},
	[ROLE_DIM] = {247, BLACK, false},
	[ROLE_KEY] = {227, BLACK, true},
	[ROLE_STATUS] = {253, 236, false},
	[ROLE_WARNING] = {WHITE, 160, true},
	[ROLE_SELECTED] = {227, BLACK, true},
	[ROLE_GROUP] = {WHITE, 25, true},
	[ROLE_PAPER] = {BLACK, WHITE, false},
	[ROLE_BLACKOUT] = {WHITE, BLACK, false},
	[ROLE_ALERT] = {203, BLACK, true},
	[ROLE_VIEW1 + 0] = {214, BLACK, true},
	[ROLE_VIEW1 + 1] = {117, BLACK, true},
	[ROLE_VIEW1 + 2] = {35, BLACK, true},
	[ROLE_VIEW1 + 3] = {32, BLACK, true},
	[ROLE_VIEW1 + 4] = {166, BLACK, true},
	[ROLE_VIEW1 + 5] = {139, BLACK, true},
};

static const struct style light[ROLE_COUNT] = {
	[ROLE_NORMAL] = {BLACK, WHITE, false},
	[ROLE_TOPBAR] = {WHITE, 238, true},
	[ROLE_TITLE] = {18, WHITE, true},
	[ROLE_HEADING] = {BLACK, WHITE, true},
	[ROLE_DIM] = {241, WHITE, false},
	[ROLE_KEY] = {18, WHITE, true},
	[ROLE_STATUS] = {BLACK, 254, false},
	[ROLE_WARNING] = {WHITE, 124, true},
	[ROLE_SELECTED] = {BLACK, WHITE, true},
	[ROLE_GROUP] = {WHITE, 25, true},
	[ROLE_PAPER] = {BLACK, WHITE, false},
	[ROLE_BLACKOUT] = {WHITE, BLACK, false},
	[ROLE_ALERT] = {124, WHITE, true},
	[ROLE_VIEW1 + 0] = {130, WHITE, true},
	[ROLE_VIEW1 + 1] = {23, WHITE, true},
	[ROLE_VIEW1 + 2] = {29, WHITE, true},
	[ROLE_VIEW1 + 3] = {26, WHITE, true},
	[ROLE_VIEW1 + 4] = {88, WHITE, true},
	[ROLE_VIEW1 + 5] = {97, WHITE, true},
};

/*
 * Eight colours, for terminal types that have no more (xterm's own TERM
 * is "xterm", of 8).  The background is painted black, so a white
 * window does not show through.  Bold text in 0-7 is drawn bright by
 * xterm, which is what lifts these to 4.5:1 on black; blue does not get
 * there even bright, so it is no view's colour here, and white is the
 * sixth view.  Nor is it a block's colour where the block must stand out
 * from the black (2.2:1): the group's banner is black on white.
 */
static const struct style dark16[ROLE_COUNT] = {
	[ROLE_NORMAL] = {COLOR_WHITE, COLOR_BLACK, false},
	[ROLE_TOPBAR] = {COLOR_WHITE, COLOR_BLUE, true},
	[ROLE_TITLE] = {COLOR_YELLOW, COLOR_BLACK, true},
	[ROLE_HEADING] = {COLOR_WHITE, COLOR_BLACK, true},
	[ROLE_DIM] = {COLOR_CYAN, COLOR_BLACK, false},
	[ROLE_KEY] = {COLOR_YELLOW, COLOR_BLACK, true},
	[ROLE_STATUS] = {COLOR_BLACK, COLOR_WHITE, false},
	[ROLE_WARNING] = {COLOR_WHITE, COLOR_RED, true},
	[ROLE_SELECTED] = {COLOR_YELLOW, COLOR_BLACK, true},
	[ROLE_GROUP] = {COLOR_BLACK, COLOR_WHITE, false},
	[ROLE_PAPER] = {COLOR_BLACK, COLOR_WHITE, false},
	[ROLE_BLACKOUT] = {COLOR_WHITE, COLOR_BLACK, false},
	[ROLE_ALERT] = {COLOR_RED, COLOR_BLACK, true},
	[ROLE_VIEW1 + 0] = {COLOR_YELLOW, COLOR_BLACK, true},
	[ROLE_VIEW1 + 1] = {COLOR_CYAN, COLOR_BLACK, true},
	[ROLE_VIEW1 + 2] = {COLOR_GREEN, COLOR_BLACK, true},
	[ROLE_VIEW1 + 3] = {COLOR_MAGENTA, COLOR_BLACK, true},
	[ROLE_VIEW1 + 4] = {COLOR_RED, COLOR_BLACK, true},
	[ROLE_VIEW1 + 5] = {COLOR_WHITE, COLOR_BLACK, true},
};

/* Without colour every role must stand on its attributes alone. */
static const unsigned long mono[ROLE_COUNT] = {
	[ROLE_NORMAL] = A_NORMAL,
	[ROLE_TOPBAR] = A_REVERSE | A_BOLD,
	[ROLE_TITLE] = A_BOLD | A_UNDERLINE,
	[ROLE_HEADING] = A_BOLD,
	[ROLE_DIM] = A_NORMAL,
	[ROLE_KEY] = A_BOLD,
	[ROLE_STATUS] = A_REVERSE,
	[ROLE_WARNING] = A_REVERSE | A_BOLD,
	[ROLE_SELECTED] = A_BOLD | A_REVERSE,
	[ROLE_GROUP] = A_REVERSE | A_BOLD,
	[ROLE_PAPER] = A_REVERSE,
	[ROLE_BLACKOUT] = A_NORMAL,
	[ROLE_ALERT] = A_BOLD | A_UNDERLINE,
	[ROLE_VIEW1 + 0] = A_BOLD,
	[ROLE_VIEW1 + 1] = A_BOLD,
	[ROLE_VIEW1 + 2] = A_BOLD,
	[ROLE_VIEW1 + 3] = A_BOLD,
	[ROLE_VIEW1 + 4] = A_BOLD,
	[ROLE_VIEW1 + 5] = A_BOLD,
};

static const struct style *table; /* NULL: mono */
/* Whether the terminal said its own background is light. */
static bool own_light;
/* The upper half of large type in a pair of its own (see theme_upper). */
static bool swapped;

/*
 * Pairs: r + 1 is role r's text, ROLE_COUNT + r + 1 its painted cell,
 * and 2 * ROLE_COUNT + r + 1 its colours the other way round.
 */
static void make_pairs(bool own_default)
{
	for (int r = 0; r < ROLE_COUNT; r++) {
		short fg = table[r].fg, bg = table[r].bg;
		if (!own_default) {
			fg = fg < 0 ? COLOR_WHITE : fg;
			bg = bg < 0 ? COLOR_BLACK : bg;
		}
		init_pair((short)(r + 1), fg, bg);
		init_pair((short)(ROLE_COUNT + r + 1), fg < 0 ? bg : fg,
			  fg < 0 ? bg : fg);
		if (swapped)
			init_pair((short)(2 * ROLE_COUNT + r + 1), bg, fg);
	}
}

enum theme theme_start(enum theme want)
{
	enum theme got = want == THEME_AUTO ? THEME_DARK : want;
	table = NULL;
	if (got != THEME_MONO && has_colors() && start_color() == OK &&
	    COLOR_PAIRS > 2 * ROLE_COUNT) {
		if (COLORS >= 256)
			table = got == THEME_LIGHT ? light : dark;
		else if (got == THEME_DARK)
			table = dark16;
	}
	if (table == NULL) {
		bkgdset(' ' | A_NORMAL);
		return THEME_MONO;
	}
	/* Bold brightens colours 0-7, so the eight-colour theme's upper
	 * halves stay in reverse video. */
	swapped = table != dark16 && COLOR_PAIRS > 3 * ROLE_COUNT;
	make_pairs(use_default_colors() == OK);
	/* Every cleared cell takes the theme's own background. */
	bkgdset(' ' | COLOR_PAIR(ROLE_NORMAL + 1));
	return got;
}

bool theme_colour(void)
{
	return table != NULL;
}

void theme_own_background(bool is_light)
{
	own_light = is_light;
}

/*
 * A role without colour.  White paper and black are the terminal's own
 * background and its text's colour, whichever way round the terminal
 * has them: on a light one, white is the plain cell and black reversed.
 */
static unsigned long mono_of(enum role r)
{
	if (own_light && r == ROLE_PAPER)
		return mono[ROLE_BLACKOUT];
	if (own_light && r == ROLE_BLACKOUT)
		return mono[ROLE_PAPER];
	return mono[r];
}

unsigned long theme_attr(enum role r)
{
	if (table == NULL)
		return mono_of(r);
	return (table[r].bold ? A_BOLD : A_NORMAL) | COLOR_PAIR(r + 1);
}

unsigned long theme_solid(enum role r)
{
	/* Without colour, the other video of the role's: large type on a
	 * reversed warning block is drawn in the screen's own colours. */
	if (table == NULL)
		return (mono_of(r) & ~A_UNDERLINE) ^ A_REVERSE;
	/* Bold as the role's text is, though a space shows none of it:
	 * between a painted cell and its neighbours curses then changes
	 * only the colour, where a bold switched off costs a full reset
	 * of the attributes and the colours sent again. */
	return (table[r].bold ? A_BOLD : A_NORMAL) |
	       COLOR_PAIR(ROLE_COUNT + r + 1);
}

unsigned long theme_upper(enum role r)
{
	if (table == NULL)
		return (mono_of(r) & ~A_UNDERLINE) ^ A_REVERSE;
	if (!swapped)
		return A_REVERSE | COLOR_PAIR(r + 1);
	/* The role's colours swapped, in its bold: the same cell as reverse
	 * video shows, but its neighbours in the role differ from it by
	 * colour only, where reverse video switched off costs a reset of
	 * every attribute and the colours sent again. */
	return (table[r].bold ? A_BOLD : A_NORMAL) |
	       COLOR_PAIR(2 * ROLE_COUNT + r + 1);
}
