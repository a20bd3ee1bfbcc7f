/*
 * Counting a session's saves from outside handsup: each save renames a
 * *.session file into place, which inotify on the folder reports as
 * IN_MOVED_TO.  For the burst test and the bench, which watch IN_CREATE
 * too, so that the kernel folds no two renames into one event.
 */
#ifndef HANDSUP_TESTS_SAVES_H
#define HANDSUP_TESTS_SAVES_H

#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

/* Renames of a *.session into place read from in (non-blocking) since
 * the last call. */
static inline int saves_count(int in)
{
	static const char ext[] = ".session";
	char buf[4096]
		__attribute__((aligned(__alignof__(struct inotify_event))));
	int n = 0;
	ssize_t got;
	while ((got = read(in, buf, sizeof buf)) > 0)
		for (char *q = buf; q < buf + got;) {
			struct inotify_event *ev = (struct inotify_event *)q;
			size_t len = ev->len ? strlen(ev->name) : 0;
			if ((ev->mask & IN_MOVED_TO) && len > sizeof ext - 1 &&
			    strcmp(ev->name + len - (sizeof ext - 1), ext) == 0)
				n++;
			q += sizeof *ev + ev->len;
		}
	return n;
}

#endif
