#include "store/deck_dir.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* This file alone is compiled with the data folder, so that a new
 * DATADIR rebuilds nothing else. */
#ifndef HANDSUP_DATADIR
#error "HANDSUP_DATADIR is set by the Makefile"
#endif

const char *deck_dir(void)
{
	const char *env = getenv("HANDSUP_DATADIR");
	return env && *env ? env : HANDSUP_DATADIR;
}

/* dir/arg followed by ext, when that file exists; else NULL. */
static char *in_dir(const char *dir, const char *arg, const char *ext,
		    bool *oom)
{
	struct stat st;
	size_t n = strlen(dir) + strlen(arg) + strlen(ext) + 2;
	char *p = malloc(n);
	if (p == NULL) {
		*oom = true;
		return NULL;
	}
	snprintf(p, n, "%s/%s%s", dir, arg, ext);
	if (stat(p, &st) == 0)
		return p;
	free(p);
	return NULL;
}

char *deck_dir_find(const char *arg, const char *dir)
{
	struct stat st;
	bool oom = false;
	if (*arg == '\0' || strchr(arg, '/') || stat(arg, &st) == 0 ||
	    errno != ENOENT)
		return strdup(arg);
	char *p = in_dir(dir, arg, "", &oom);
	if (p == NULL && !oom)
		p = in_dir(dir, arg, ".deck", &oom);
	return p || oom ? p : strdup(arg);
}
