#include "tui/keys.h"

#include <curses.h>

#define CTRL(c) ((c)&0x1f)

/*
 * Presentation clickers send PageDown/PageUp (some Right/Left), 'b' or '.'
 * for a black screen, and F5 or Escape to start or end a slide show.  So
 * every one of those keys has a harmless meaning here, and none quits.
 */
/* One row per binding reads best as a table. */
/* clang-format off */
static const struct key_binding table[] = {
	{KEYMODE_NORMAL, KEY_RIGHT, ACT_NEXT, 0, "Right PgDn Space", "next screen"},
	{KEYMODE_NORMAL, KEY_NPAGE, ACT_NEXT, 0, NULL, NULL},
	{KEYMODE_NORMAL, ' ', ACT_NEXT, 0, NULL, NULL},
	{KEYMODE_NORMAL, KEY_LEFT, ACT_PREV, 0, "Left PgUp Bksp", "previous screen"},
	{KEYMODE_NORMAL, KEY_PPAGE, ACT_PREV, 0, NULL, NULL},
	{KEYMODE_NORMAL, KEY_BACKSPACE, ACT_PREV, 0, NULL, NULL},
	{KEYMODE_NORMAL, 127, ACT_PREV, 0, NULL, NULL},
	{KEYMODE_NORMAL, CTRL('h'), ACT_PREV, 0, NULL, NULL},
	{KEYMODE_NORMAL, KEY_HOME, ACT_FIRST, 0, "Home / End", "first / last item"},
	{KEYMODE_NORMAL, KEY_END, ACT_LAST, 0, NULL, NULL},
	{KEYMODE_NORMAL, 't', ACT_TITLE, 0, "t", "title screen"},
	{KEYMODE_NORMAL, 's', ACT_SUMMARY, 0, "s", "summary"},
	{KEYMODE_NORMAL, '1', ACT_VOTE, 0, "1-6", "a hand for view 1-6"},
	{KEYMODE_NORMAL, '2', ACT_VOTE, 1, NULL, NULL},
	{KEYMODE_NORMAL, '3', ACT_VOTE, 2, NULL, NULL},
	{KEYMODE_NORMAL, '4', ACT_VOTE, 3, NULL, NULL},
	{KEYMODE_NORMAL, '5', ACT_VOTE, 4, NULL, NULL},
	{KEYMODE_NORMAL, '6', ACT_VOTE, 5, NULL, NULL},
	{KEYMODE_NORMAL, '\t', ACT_SEL_NEXT, 0, "Tab Down S-Tab Up", "select a view"},
	{KEYMODE_NORMAL, KEY_DOWN, ACT_SEL_NEXT, 0, NULL, NULL},
	{KEYMODE_NORMAL, KEY_BTAB, ACT_SEL_PREV, 0, NULL, NULL},
	{KEYMODE_NORMAL, KEY_UP, ACT_SEL_PREV, 0, NULL, NULL},
	{KEYMODE_NORMAL, '+', ACT_INC, 0, "+ = -", "add / remove a hand"},
	{KEYMODE_NORMAL, '=', ACT_INC, 0, NULL, NULL},
	{KEYMODE_NORMAL, '-', ACT_DEC, 0, NULL, NULL},
	{KEYMODE_NORMAL, '\n', ACT_ENTRY, 0, "Enter c", "type a count"},
	{KEYMODE_NORMAL, '\r', ACT_ENTRY, 0, NULL, NULL},
	{KEYMODE_NORMAL, KEY_ENTER, ACT_ENTRY, 0, NULL, NULL},
	{KEYMODE_NORMAL, 'c', ACT_ENTRY, 0, NULL, NULL},
	{KEYMODE_NORMAL, 'u', ACT_UNDO, 0, "u", "undo"},
	{KEYMODE_NORMAL, 'r', ACT_REDO, 0, "r Ctrl-R", "redo"},
	{KEYMODE_NORMAL, CTRL('r'), ACT_REDO, 0, NULL, NULL},
	{KEYMODE_NORMAL, 'x', ACT_RESET, 0, "x", "clear this item"},
	{KEYMODE_NORMAL, 'g', ACT_GROUP_NEXT, 0, "g / G", "next / previous group"},
	{KEYMODE_NORMAL, 'G', ACT_GROUP_PREV, 0, NULL, NULL},
	{KEYMODE_NORMAL, 'p', ACT_HEADCOUNT, 0, "p", "type the headcount"},
	{KEYMODE_NORMAL, '%', ACT_BASE, 0, "%", "% of hands / of room"},
	{KEYMODE_NORMAL, 'n', ACT_ROUND, 0, "n", "new round (asks)"},
	{KEYMODE_NORMAL, 'e', ACT_EXPORT, 0, "e", "export report + CSV"},
	{KEYMODE_NORMAL, 'i', ACT_NOTE, 0, "i", "facilitator's note"},
	{KEYMODE_NORMAL, 'b', ACT_BLANK, 0, "b . / w", "blank: black / white"},
	{KEYMODE_NORMAL, '.', ACT_BLANK, 0, NULL, NULL},
	{KEYMODE_NORMAL, 'w', ACT_WHITE, 0, NULL, NULL},
	{KEYMODE_NORMAL, 'h', ACT_HIDE, 0, "h", "hide / show results"},
	{KEYMODE_NORMAL, 'd', ACT_TIMER, 0, "d / D", "timer: run / reset"},
	{KEYMODE_NORMAL, 'D', ACT_TIMER_CLR, 0, NULL, NULL},
	{KEYMODE_NORMAL, 'T', ACT_THEME, 0, "T", "next colour theme"},
	{KEYMODE_NORMAL, 'v', ACT_PHONES, 0, "v", "phone votes on / off"},
	{KEYMODE_NORMAL, 'P', ACT_PROJECTOR, 0, "P", "projector check"},
	{KEYMODE_NORMAL, '?', ACT_HELP, 0, "? F1", "this help"},
	{KEYMODE_NORMAL, KEY_F(1), ACT_HELP, 0, NULL, NULL},
	{KEYMODE_NORMAL, 27, ACT_CANCEL, 0, "Esc", "close help"},
	{KEYMODE_NORMAL, KEY_F(5), ACT_REDRAW, 0, "F5 Ctrl-L", "redraw"},
	{KEYMODE_NORMAL, CTRL('l'), ACT_REDRAW, 0, NULL, NULL},
	{KEYMODE_NORMAL, 'q', ACT_QUIT, 0, "q", "quit (asks)"},

	{KEYMODE_ENTRY, '0', ACT_DIGIT, 0, "0-9", "type the count"},
	{KEYMODE_ENTRY, '1', ACT_DIGIT, 1, NULL, NULL},
	{KEYMODE_ENTRY, '2', ACT_DIGIT, 2, NULL, NULL},
	{KEYMODE_ENTRY, '3', ACT_DIGIT, 3, NULL, NULL},
	{KEYMODE_ENTRY, '4', ACT_DIGIT, 4, NULL, NULL},
	{KEYMODE_ENTRY, '5', ACT_DIGIT, 5, NULL, NULL},
	{KEYMODE_ENTRY, '6', ACT_DIGIT, 6, NULL, NULL},
	{KEYMODE_ENTRY, '7', ACT_DIGIT, 7, NULL, NULL},
	{KEYMODE_ENTRY, '8', ACT_DIGIT, 8, NULL, NULL},
	{KEYMODE_ENTRY, '9', ACT_DIGIT, 9, NULL, NULL},
	{KEYMODE_ENTRY, KEY_BACKSPACE, ACT_ERASE, 0, "Bksp", "delete a digit"},
	{KEYMODE_ENTRY, 127, ACT_ERASE, 0, NULL, NULL},
	{KEYMODE_ENTRY, CTRL('h'), ACT_ERASE, 0, NULL, NULL},
	{KEYMODE_ENTRY, '\n', ACT_CONFIRM, 0, "Enter", "set the count"},
	{KEYMODE_ENTRY, '\r', ACT_CONFIRM, 0, NULL, NULL},
	{KEYMODE_ENTRY, KEY_ENTER, ACT_CONFIRM, 0, NULL, NULL},
	{KEYMODE_ENTRY, 27, ACT_CANCEL, 0, "Esc", "cancel"},
	{KEYMODE_ENTRY, KEY_F(5), ACT_REDRAW, 0, NULL, NULL},
	{KEYMODE_ENTRY, CTRL('l'), ACT_REDRAW, 0, NULL, NULL},

	{KEYMODE_ASK, 'y', ACT_CONFIRM, 0, "y", "yes"},
	{KEYMODE_ASK, 'Y', ACT_CONFIRM, 0, NULL, NULL},
	{KEYMODE_ASK, 'n', ACT_CANCEL, 0, "n Esc", "no"},
	{KEYMODE_ASK, 'N', ACT_CANCEL, 0, NULL, NULL},
	{KEYMODE_ASK, 27, ACT_CANCEL, 0, NULL, NULL},
	{KEYMODE_ASK, KEY_F(5), ACT_REDRAW, 0, NULL, NULL},
	{KEYMODE_ASK, CTRL('l'), ACT_REDRAW, 0, NULL, NULL},
};
/* clang-format on */

enum action keys_lookup(enum key_mode mode, int key, int *arg)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		if (table[i].mode == mode && table[i].key == key) {
			*arg = table[i].arg;
			return table[i].action;
		}
	}
	*arg = 0;
	return ACT_NONE;
}

const struct key_binding *keys_table(size_t *n)
{
	*n = sizeof table / sizeof table[0];
	return table;
}
