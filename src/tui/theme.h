/*
 * theme: the colours of each role in each theme, and the curses colour
 * pairs made from them.  draw.c asks for a role's attributes here; no
 * other file names a colour.
 */
#ifndef HANDSUP_THEME_H
#define HANDSUP_THEME_H

#include <stdbool.h>

#include "tui/draw.h"

/*
 * Makes the pairs of theme want (THEME_AUTO is dark) and paints the
 * screen's background with it.  Falls back as draw_init says.  Returns
 * the theme in use.
 */
enum theme theme_start(enum theme want);

/* The curses attributes (colour pair included) of role's text. */
unsigned long theme_attr(enum role r);

/*
 * The attributes of a cell painted in role's colour: a space so drawn
 * shows the colour as its background.  Without colour, the role's video
 * reversed (reverse video for all but the reversed roles).
 */
unsigned long theme_solid(enum role r);

/*
 * The attributes of a lower half block that, drawn over role's colour,
 * shows a cell whose upper half is in it: the role's colours swapped (a
 * pair of their own with 256 colours, else reverse video).
 */
unsigned long theme_upper(enum role r);

/* Whether the theme in use has colours. */
bool theme_colour(void);

/*
 * What the terminal answered of its own background: light or not (the
 * default).  Mono draws white paper and black, the QR code's too, in the
 * terminal's own colours, and needs to know which of them is light.
 */
void theme_own_background(bool is_light);

#endif
