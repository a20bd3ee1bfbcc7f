/*
 * The audience view's keys, looked up in the one key table, so that the
 * keys that leave and repaint are the facilitator's own.
 */
#include "tui/audience.h"

#include "tui/keys.h"

enum input_result audience_key(int key)
{
	int arg;
	switch (keys_lookup(KEYMODE_NORMAL, key, &arg)) {
	case ACT_QUIT:
		/* Nothing to lose: the view holds no state of its own. */
		return INPUT_QUIT;
	case ACT_REDRAW:
		return INPUT_REDRAW;
	default:
		return INPUT_IGNORED;
	}
}
