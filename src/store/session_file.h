/*
 * session_file: a session on disk.  The save is file_replace's atomic
 * protocol, so a failed save always leaves the previous save in place.
 */
#ifndef HANDSUP_SESSION_FILE_H
#define HANDSUP_SESSION_FILE_H

struct error;
struct session;

/*
 * Saves atomically to path (mode 0600).  On failure returns -1 with *err
 * set ("cannot save PATH: <errno text>", PATH sanitised: every message of
 * this module is safe to print as it is) and the previous file at path
 * untouched -- even when only the final folder sync fails, the previous
 * file is put back -- and no temporary file left behind.
 */
int session_save(const struct session *s, const char *path, struct error *err);

/*
 * Reads and parses a file (at most 16 MiB).  -1 with *err on any failure:
 * a parse error with its line, or line 0 and a reason without the path
 * ("no such file or directory", "is a directory", "not a regular file",
 * "larger than 16 MiB", ...; see file_read), for the caller to print as
 * "PATH: reason".
 */
int session_load(struct session *s, const char *path, struct error *err);

/*
 * Many files loaded one after another, each held only until the next
 * (handsup report): the bytes go into one buffer kept from file to file,
 * and a session_reader (core/session_parse.h) keeps the strings that
 * repeat from one file to the next.  The read and the parse are apart, so
 * that the caller can skip a file it has seen by its identity.
 */
struct file_id;
struct session_loader;

/* NULL when out of memory. */
struct session_loader *session_loader_new(void);

/* Reads path (at most 16 MiB); 0, or -1 with *err as session_load's. */
int session_loader_read(struct session_loader *l, const char *path,
			struct file_id *id, struct error *err);

/*
 * Parses the file read last.  0 with *out the loader's session, valid
 * until the next parse, which the caller neither changes nor frees; or -1
 * with *err as session_load's and *out NULL.
 */
int session_loader_parse(struct session_loader *l, const struct session **out,
			 struct error *err);

void session_loader_free(struct session_loader *l);

#endif
