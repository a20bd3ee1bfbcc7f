/*
 * timer_view: the discussion timer as the room sees it, in a band at
 * the foot of an item's screen: "Discussion" and the timer's state over
 * the time left in large digits, or one line of text on a small
 * terminal.  In the last seconds and at zero it is in the warning
 * colour; at zero it says that time is up.
 */
#ifndef HANDSUP_TIMER_VIEW_H
#define HANDSUP_TIMER_VIEW_H

#include "tui/tui.h"

/*
 * The rows the band takes of a body h rows high: 0 when no timer is
 * shown (no --timer, or no item on screen).
 */
int timer_view_rows(const struct tui *t, int h);

/* Draws the band in rows y .. y + rows - 1 (rows from timer_view_rows). */
void timer_view_draw(const struct tui *t, int y, int rows);

#endif
