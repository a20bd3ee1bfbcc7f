/* embedded: the default deck, compiled into the binary from content/. */
#ifndef HANDSUP_EMBEDDED_H
#define HANDSUP_EMBEDDED_H

#include <stddef.h>

extern const unsigned char embedded_deck[];
extern const size_t embedded_deck_len;
extern const char embedded_deck_name[];

#endif
