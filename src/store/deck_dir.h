/*
 * deck_dir: the installed decks.  A deck named on the command line
 * without a folder ("handsup starter") that is not a file here is looked
 * up in the data folder that make install fills (the Makefile's DATADIR).
 */
#ifndef HANDSUP_DECK_DIR_H
#define HANDSUP_DECK_DIR_H

/*
 * The folder of installed decks: $HANDSUP_DATADIR when it is set and not
 * empty, else the DATADIR handsup was built with.
 */
const char *deck_dir(void);

/*
 * The file a deck argument names, as a new string (NULL: out of
 * memory).  arg itself when it has a '/', is empty, or is there (or
 * cannot be looked at for a reason other than not being there); else
 * DIR/arg or DIR/arg.deck, the first that exists; else arg, so that
 * the error names what was typed.
 */
char *deck_dir_find(const char *arg, const char *dir);

#endif
