/*
 * phones: the phones' ballots as changes to the model.  These are the
 * callbacks that net/server calls for each request it has judged: what
 * the projector shows, a ballot's group and vote, a phone that joined.
 * Each change is saved (app_save_ballot) before the callback returns,
 * so a phone is told "saved" only with its ballot on disk, and the
 * frame that shows the vote comes after the save.
 */
#ifndef HANDSUP_APP_PHONES_H
#define HANDSUP_APP_PHONES_H

#include "net/server.h"

struct app;

/* The callbacks over a, for server_start. */
struct server_app app_phones_server(struct app *a);

/*
 * What the item screen says of the phones: how many joined, and how
 * many voted on the current round of item (-1: none).
 */
struct app_phone_count {
	int joined;
	long voted;
};
struct app_phone_count app_phones_count(const struct app *a, int item);

#endif
