/*
 * room: the parts of the item screen that tell the room about itself --
 * the banner naming the group being counted, one compact split bar per
 * group and one for the whole room, the line of hands, headcount and
 * percentage base, and the swing from the previous round.
 */
#ifndef HANDSUP_ROOM_H
#define HANDSUP_ROOM_H

#include <stdbool.h>
#include <stddef.h>

struct app;
struct divide;

/*
 * Draws the banner of the active group, rows high, w columns wide; keys:
 * say which key counts the next group (not on the audience's screen).
 */
void room_banner(const struct app *a, int y, int x, int w, int rows, bool keys);

/*
 * Draws the split bars, each rows_each rows high, from row y, at most
 * rows rows in all: the groups (the active one always) then the room.
 * Returns the rows used.
 */
int room_panel(const struct app *a, int item, int y, int x, int w, int rows,
	       int rows_each);

/* The rows room_panel needs for every group and the room, one row each. */
int room_panel_rows(const struct app *a);

/*
 * Draws the line of hands: how many hands, of how many people, how many
 * raised none, the percentage base, and a warning when the hands exceed
 * the headcount; keys: name the key that sets the headcount (not on the
 * audience's screen).
 */
void room_info(const struct app *a, int item, int y, int x, int w, bool keys);

/* Draws the swing from the previous round; 0 rows when the item has one. */
int room_swing(const struct app *a, int item, int y, int x, int w);

/*
 * "Sales Leadership 80% View 1, Product Marketing 25% View 1: 55 points
 * apart": the two groups of an item's divide and their splits (with more
 * than two views, each group's leading view).  Wider than width columns
 * (0: no limit), it drops the points, which the caller shows beside it,
 * then shortens the names alike ("Sales Op."); the figures stay whole.
 */
void room_pair_text(const struct app *a, int item, const struct divide *d,
		    int width, char *buf, size_t cap);

#endif
