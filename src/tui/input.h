/*
 * input: the one place that decides what a key does.  The key table
 * (keys.c) names the action for the input mode; then, in this order, a
 * blanked screen, an open question, a count being typed and the help
 * overlay take it; then the current screen's own key function; then the
 * actions that mean the same on every screen.  Each turns into model
 * operations (app_*).
 */
#ifndef HANDSUP_INPUT_H
#define HANDSUP_INPUT_H

#include "tui/keys.h"
#include "tui/tui.h"

/* The input mode the key table should use now. */
enum key_mode input_mode(const struct tui *t);

/* Handles one key as the terminal delivered it. */
enum input_result input_key(struct tui *t, int key);

/*
 * Handles one action, whatever key it came from, on a terminal of any
 * size (input_key keeps a too-small screen from acting blind).
 */
enum input_result input_action(struct tui *t, enum action act, int arg);

#endif
