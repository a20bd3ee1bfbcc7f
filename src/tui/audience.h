/*
 * audience: the keys of an audience view (handsup follow).  It is
 * read-only, so a key never counts, moves or asks: q leaves at once and
 * F5 or Ctrl-L repaints; every other key is ignored.  Its drawing is
 * frame_draw with the tui's audience flag set.
 */
#ifndef HANDSUP_AUDIENCE_H
#define HANDSUP_AUDIENCE_H

#include "tui/tui.h"

/* INPUT_QUIT for q, INPUT_REDRAW for F5 and Ctrl-L, else INPUT_IGNORED. */
enum input_result audience_key(int key);

#endif
