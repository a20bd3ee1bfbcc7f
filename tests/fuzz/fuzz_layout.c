/*
 * Fuzz target for the item screen's layout: a deck and a session made
 * from the input (headings, views, labels, groups, counts, rounds and a
 * headcount of any size), laid out at a size the input chooses, from the
 * smallest the screen allows to far beyond a projector's.  Every part
 * must fall inside the body, in order, with the chart's bars at least a
 * row each.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "base/error.h"
#include "core/deck.h"
#include "core/session.h"
#include "tui/screen.h"
#include "tui/term.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct input {
	const uint8_t *p, *end;
};

static unsigned byte(struct input *in)
{
	return in->p < in->end ? *in->p++ : 0;
}

/* A deck's text from the rest of the input, with the item and group
 * counts the first bytes choose; the parser decides what is kept. */
static char *deck_text(struct input *in, size_t *len)
{
	size_t rest = (size_t)(in->end - in->p);
	char *t = malloc(rest + 256);
	if (t == NULL)
		abort();
	int n = snprintf(t, 256, "title: T\n");
	if (byte(in) & 1)
		n += snprintf(t + n, 64, "groups: A | Bb | Ccc | Dddd\n");
	rest = (size_t)(in->end - in->p);
	memcpy(t + n, in->p, rest);
	in->p = in->end;
	*len = (size_t)n + rest;
	return t;
}

static void check(const struct item_plan *l, int y, int h, int n)
{
	int rows = l->head_rows + l->head_gap + l->banner + l->chart_gap +
		   l->panel_gap + l->panel * l->panel_each + l->info + l->swing;
	if (l->chart_y < y || l->chart_y + l->chart_rows > y + h ||
	    l->bar_h < 1 || l->chart_rows < n || rows + l->chart_rows > h ||
	    l->w < 1 || l->head_rows < 1)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = {data, data + size};
	int rows = TERM_MIN_ROWS + (int)(byte(&in) | byte(&in) << 8) % 400;
	int cols = TERM_MIN_COLS + (int)(byte(&in) | byte(&in) << 8) % 600;
	unsigned seed = byte(&in) | byte(&in) << 8;
	size_t len;
	char *text = deck_text(&in, &len);
	struct deck d;
	struct error err;
	if (deck_parse(&d, text, len, &err) != 0) {
		free(text);
		return 0;
	}
	struct session s;
	if (session_from_deck(&s, &d, NULL, "fuzz", 0, d.groups, d.ngroups))
		abort();
	for (int i = 0; i < s.nitems; i++) {
		for (int g = 0; g < s.tally.ngroups; g++)
			for (int v = 0; v < s.items[i].nviews; v++)
				tally_set(
					&s.tally, i, g, v,
					(long)((seed * 2654435761u >> (g + v)) %
					       (seed & 1 ? 1000000 : 50)));
		if (seed & 2)
			tally_new_round(&s.tally, i);
	}
	tally_set_headcount(&s.tally, 0, seed % 3 ? 0 : (long)seed);
	struct app a;
	app_init(&a, &d, &s, "/nonexistent/fuzz.session");
	for (int i = 0; i < s.nitems; i++) {
		struct item_plan l;
		int h = rows - 2;
		screen_item_plan(&a, i, 1, h, cols, &l);
		check(&l, 1, h, s.items[i].nviews);
	}
	session_free(&s);
	deck_free(&d);
	free(text);
	return 0;
}
