/*
 * tui: the terminal side's own state over the model -- what only the
 * facilitator's screen has (the help overlay, a count being typed) --
 * and the result every key handler returns.  The model (app) knows
 * operations; this layer knows keys.
 */
#ifndef HANDSUP_TUI_H
#define HANDSUP_TUI_H

#include <stdbool.h>

struct app;
struct phones;
struct timers;

/* What a key handler did, so the caller (not a flag) decides what next. */
enum input_result {
	INPUT_IGNORED, /* not this handler's key: let the next one try */
	INPUT_HANDLED, /* done; the next frame shows it */
	INPUT_REDRAW,  /* done; repaint every cell of the next frame */
	INPUT_QUIT,    /* leave the session */
};

/* What the digits being typed will set. */
enum entry_for { ENTRY_COUNT, ENTRY_HEADCOUNT };

struct tui {
	struct app *app;
	bool help;		  /* the help overlay is open */
	int help_page;		  /* its page of keys, from 0 */
	bool check;		  /* the projector check is up (P) */
	bool entry;		  /* a number is being typed */
	enum entry_for entry_for; /* ... for the selected view or headcount */
	char typed[8];		  /* the digits typed so far */
	bool entry_full;	  /* a digit past the sixth was refused */
	/*
	 * This screen is an audience view (handsup follow): read-only, and
	 * it never shows notes, help, hints, questions, typed digits or
	 * messages.
	 */
	bool audience;
	/* An audience view follows this session on another screen: the
	 * facilitator's screen shows the item's note beside the item. */
	bool followed;
	/* The items' discussion timers (--timer), or NULL. */
	struct timers *timers;
	/* Phone voting (tui/phones.h), or NULL in an audience view. */
	struct phones *phones;
};

#endif
