/*
 * Session files on disk: the atomic save, loading, the lock, and clearing
 * what killed runs left behind.  The save never writes over the only good
 * copy: a complete, synced temporary file replaces the old one by rename.
 */
#include "store/session_file.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/file.h"
#include "core/session.h"
#include "core/session_parse.h"

/* Far above any real session (a few KiB); bounds a hostile file. */
#define SESSION_MAX_BYTES (16 * 1024 * 1024)

int session_save(const struct session *s, const char *path, struct error *err)
{
	size_t len = 0;
	char *text = session_format(s, &len);
	int rc = -1;
	if (text == NULL)
		error_errno(err, "cannot save", path, ENOMEM);
	else if (file_replace(path, text, len) != 0)
		error_errno(err, "cannot save", path, errno);
	else
		rc = 0;
	free(text);
	return rc;
}

int session_load(struct session *s, const char *path, struct error *err)
{
	char *text;
	size_t len;

	memset(s, 0, sizeof *s);
	if (file_read(path, SESSION_MAX_BYTES, &text, &len, err) != 0)
		return -1;
	int rc = session_parse(s, text, len, err);
	free(text);
	err->file = path;
	return rc;
}

struct session_loader {
	struct file_buf buf;
	struct session_reader *reader;
	const char *path; /* of the file read last */
};

struct session_loader *session_loader_new(void)
{
	struct session_loader *l = calloc(1, sizeof *l);
	if (l && !(l->reader = session_reader_new())) {
		free(l);
		l = NULL;
	}
	return l;
}

int session_loader_read(struct session_loader *l, const char *path,
			struct file_id *id, struct error *err)
{
	l->path = path;
	return file_read_buf(path, SESSION_MAX_BYTES, &l->buf, id, err);
}

int session_loader_parse(struct session_loader *l, const struct session **out,
			 struct error *err)
{
	int rc = session_reader_parse(l->reader, l->buf.data, l->buf.len, out,
				      err);
	err->file = l->path;
	return rc;
}

void session_loader_free(struct session_loader *l)
{
	if (!l)
		return;
	file_buf_free(&l->buf);
	session_reader_free(l->reader);
	free(l);
}
