/*
 * keys: the one table from key codes to actions.  A key means different
 * things while a number is being typed or a yes/no question is open, so
 * each row names the input mode it belongs to.  Behaviour lives elsewhere
 * (screens and app); this module only names things.
 */
#ifndef HANDSUP_KEYS_H
#define HANDSUP_KEYS_H

#include <stddef.h>

enum action {
	ACT_NONE,
	ACT_NEXT,     /* next screen */
	ACT_PREV,     /* previous screen */
	ACT_FIRST,    /* first item */
	ACT_LAST,     /* last item */
	ACT_TITLE,    /* the title screen */
	ACT_SUMMARY,  /* the summary screen */
	ACT_HELP,     /* toggle the help overlay */
	ACT_BLANK,    /* blank the screen (a clicker's "black screen") */
	ACT_REDRAW,   /* repaint everything */
	ACT_QUIT,     /* ask to quit */
	ACT_VOTE,     /* arg: view 0..5; one more hand */
	ACT_INC,      /* one more hand for the selected view */
	ACT_DEC,      /* one hand less for the selected view */
	ACT_SEL_NEXT, /* select the next view (or scroll down) */
	ACT_SEL_PREV, /* select the previous view (or scroll up) */
	ACT_ENTRY,    /* start typing a count for the selected view */
	ACT_UNDO,
	ACT_REDO,
	ACT_RESET,	/* ask to clear the item's counts */
	ACT_EXPORT,	/* write the text report and CSV */
	ACT_NOTE,	/* show or hide the item's facilitator note */
	ACT_DIGIT,	/* arg: 0..9, while typing */
	ACT_ERASE,	/* delete the last digit typed */
	ACT_CONFIRM,	/* Enter while typing, 'y' at a question */
	ACT_CANCEL,	/* Escape, or 'n' at a question */
	ACT_GROUP_NEXT, /* count the next group's hands */
	ACT_GROUP_PREV, /* ... the previous group's */
	ACT_HEADCOUNT,	/* start typing a headcount */
	ACT_BASE,	/* percentages of the hands or of the room */
	ACT_ROUND,	/* ask to start a new round of the item */
	ACT_WHITE,	/* blank the screen to white */
	ACT_HIDE,	/* hide or reveal the results */
	ACT_THEME,	/* the next colour theme */
	ACT_PROJECTOR,	/* the projector check (title screen) */
	ACT_TIMER,	/* start or pause the item's discussion timer */
	ACT_TIMER_CLR,	/* ... set it back to the full duration */
	ACT_PHONES,	/* open or close phone voting */
};

enum key_mode {
	KEYMODE_NORMAL,
	KEYMODE_ENTRY, /* typing a count */
	KEYMODE_ASK,   /* a yes/no question is open */
};

struct key_binding {
	enum key_mode mode;
	int key; /* curses key code or character */
	enum action action;
	int arg;
	const char *name; /* how the help overlay names the key; NULL: */
	const char *help; /* same line as the row before */
};

/* The action for key in mode; *arg receives the row's argument. */
enum action keys_lookup(enum key_mode mode, int key, int *arg);

/* All rows, in the order the help overlay lists them. */
const struct key_binding *keys_table(size_t *n);

#endif
