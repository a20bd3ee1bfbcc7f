/*
 * file: the file utilities every layer above shares -- reading a whole
 * file without hanging on a FIFO, syncing a folder, and the atomic
 * replace that never leaves a half-written file where a good one was.
 */
#ifndef HANDSUP_FILE_H
#define HANDSUP_FILE_H

#include <stddef.h>
#include <stdint.h>

struct error;

/*
 * Reads a whole regular file of at most max bytes into a malloc'd buffer
 * (NUL-terminated; *len excludes the NUL).  On failure returns -1 with
 * err->msg a short reason without the path, safe to print ("no such file
 * or directory", "is a directory", "not a regular file", "larger than
 * 1 MiB", ...), err->line 0.  A FIFO or a device is refused at once,
 * never read.
 */
int file_read(const char *path, size_t max, char **buf, size_t *len,
	      struct error *err);

/* A buffer that file_read_buf reuses from one file to the next. */
struct file_buf {
	char *data; /* NUL-terminated after len bytes; NULL before the first */
	size_t len, cap;
};

/* Which file was read: its device and inode. */
struct file_id {
	uint64_t dev, ino;
};

/*
 * The same as file_read, into b, which grows as needed and is kept for
 * the next file (free it with file_buf_free); b->len is 0 on failure.
 * *id (if not NULL) says which file was read, from the same fstat that
 * checked it.
 */
int file_read_buf(const char *path, size_t max, struct file_buf *b,
		  struct file_id *id, struct error *err);

void file_buf_free(struct file_buf *b);

/* a followed by b in a new string, to build a path; NULL: out of memory. */
char *file_cat(const char *a, const char *b);

/* The folder part of path ("." when none); NULL when out of memory. */
char *file_dir_of(const char *path);

/* write(2) until done; -1 with errno on failure (ENOSPC for no progress). */
int file_write_all(int fd, const char *buf, size_t len);

/*
 * fsync of a folder, so that a rename in it is durable.  A file system
 * that cannot sync a folder counts as success: the rename stands.
 * Returns 0, or -1 with errno.
 */
int file_sync_dir(const char *dir);

/*
 * Replaces path with text[0..len) atomically and durably, mode 0600:
 * (1) create "<path>.tmp.<pid>", (2) write, (3) fsync, (4) close,
 * (5) rename over path, (6) fsync the folder.  Until step 6 succeeds a
 * hard link "<tmp>.old" keeps the previous file, which a failure puts
 * back; so on failure (-1 with errno) path holds what it held before
 * (or nothing, if it did not exist) and no temporary file is left.
 */
int file_replace(const char *path, const char *text, size_t len);

#endif
