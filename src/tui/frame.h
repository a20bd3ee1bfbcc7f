/*
 * frame: draws the whole terminal for the current state (top bar, the
 * current screen with its overlays, status line).  With t->audience,
 * only what the room should see: the top bar without the facilitator's
 * markers, and the screen without overlays or status line.
 */
#ifndef HANDSUP_FRAME_H
#define HANDSUP_FRAME_H

#include "tui/tui.h"

void frame_draw(const struct tui *t);

#endif
