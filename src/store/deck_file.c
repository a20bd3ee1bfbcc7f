#include "store/deck_file.h"

#include "core/deck.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/file.h"

int deck_file_load(const char *path, struct deck *d, struct error *err)
{
	char *buf;
	size_t len;
	int rc = -1;

	memset(d, 0, sizeof *d);
	if (file_read(path, DECK_MAX_BYTES, &buf, &len, err) == 0) {
		rc = deck_parse(d, buf, len, err);
		if (rc == 0)
			d->hash = deck_hash_bytes(buf, len);
		free(buf);
	}
	err->file = path;
	return rc;
}

int deck_file_load_all(const char *path, struct deck *d, struct error *errs,
		       int max, int *nerrs)
{
	char *buf;
	size_t len;
	struct error why;
	int rc = -1;

	memset(d, 0, sizeof *d);
	*nerrs = 0;
	if (file_read(path, DECK_MAX_BYTES, &buf, &len, &why) != 0) {
		if (max >= 1) {
			errs[0] = why;
			*nerrs = 1;
		}
	} else {
		rc = deck_parse_all(d, buf, len, errs, max, nerrs);
		if (rc == 0)
			d->hash = deck_hash_bytes(buf, len);
		free(buf);
	}
	for (int i = 0; i < *nerrs; i++)
		errs[i].file = path;
	return rc;
}
