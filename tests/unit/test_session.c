/*
 * Tests of the session module: the file format both ways, the strict
 * reader, the atomic save under every failure, the lock across
 * processes, the state folder and the resume list.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/deck.h"
#include "core/session.h"
#include "core/tally.h"
#include "base/text.h"
#include "base/error.h"
#include "core/session_parse.h"
#include "store/session_dir.h"
#include "store/session_file.h"
#include "store/session_lock.h"

/* ---- faults --------------------------------------------------------- */

/*
 * Test doubles for the system calls of the save, put in by link-time
 * wrapping (-Wl,--wrap=open,... in the Makefile), so the release build
 * has no hook at all.  fail_step N makes step N of the write protocol
 * fail with a plausible errno: 1 creating the temporary file, 2 writing
 * it, 3 its fsync, 4 its close, 5 the rename, 6 the folder's fsync.
 */
static int fail_step, tmp_fd = -1;

static void session_fail_at_step(int step)
{
	fail_step = step;
}

int __real_open(const char *path, int flags, ...);
ssize_t __real_write(int fd, const void *buf, size_t n);
int __real_fsync(int fd);
int __real_close(int fd);
int __real_rename(const char *from, const char *to);
int __wrap_open(const char *path, int flags, ...);
ssize_t __wrap_write(int fd, const void *buf, size_t n);
int __wrap_fsync(int fd);
int __wrap_close(int fd);
int __wrap_rename(const char *from, const char *to);

int __wrap_open(const char *path, int flags, ...)
{
	unsigned mode = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, unsigned);
		va_end(ap);
	}
	bool tmp = (flags & O_CREAT) && strstr(path, ".tmp.") != NULL;
	if (tmp && fail_step == 1) {
		errno = EACCES;
		return -1;
	}
	int fd = __real_open(path, flags, mode);
	if (tmp)
		tmp_fd = fd;
	return fd;
}

ssize_t __wrap_write(int fd, const void *buf, size_t n)
{
	if (fail_step == 2 && fd == tmp_fd) {
		errno = ENOSPC;
		return -1;
	}
	return __real_write(fd, buf, n);
}

int __wrap_fsync(int fd)
{
	struct stat st;
	bool dir = fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
	if ((fail_step == 3 && fd == tmp_fd) || (fail_step == 6 && dir)) {
		errno = EIO;
		return -1;
	}
	return __real_fsync(fd);
}

int __wrap_close(int fd)
{
	int rc = __real_close(fd);
	if (fd == tmp_fd) {
		tmp_fd = -1;
		/* Closed all the same, as a failed close on Linux is. */
		if (fail_step == 4 && rc == 0) {
			errno = EIO;
			return -1;
		}
	}
	return rc;
}

int __wrap_rename(const char *from, const char *to)
{
	if (fail_step == 5 && strstr(from, ".tmp.") != NULL) {
		errno = EIO;
		return -1;
	}
	return __real_rename(from, to);
}

/* ---- fixtures ------------------------------------------------------- */

static char tmpdir[64];

static int rm_entry(const char *p, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static int setup_dir(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/handsup-session-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
	(void)state;
	session_fail_at_step(0);
	return nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static char *in_dir(const char *name)
{
	static char buf[4][PATH_MAX];
	static int next;
	char *p = buf[next++ % 4];
	snprintf(p, PATH_MAX, "%s/%s", tmpdir, name);
	return p;
}

/* A deck of three items with 2, 3 and 6 views, built by hand. */
static char d_title[] = "The Widening Divide: Sales Training";
static char d_source[] = "Brian Lambert, Forrester Research";
static char h1[] = "Regarding the Scope of Sales Training";
static char h2[] = "Café – naïve 日本語 🙂 e\xcc\x81";
static char h3[] = "Six ways";
static char vx[] = "a view";

static void make_deck(struct deck *d, struct deck_item items[3])
{
	memset(d, 0, sizeof *d);
	memset(items, 0, 3 * sizeof *items);
	char *heads[3] = {h1, h2, h3};
	int nv[3] = {2, 3, 6};
	for (int i = 0; i < 3; i++) {
		items[i].heading = heads[i];
		items[i].nviews = nv[i];
		for (int v = 0; v < nv[i]; v++)
			items[i].views[v] = vx;
	}
	d->title = d_title;
	d->source = d_source;
	d->items = items;
	d->nitems = 3;
	d->hash = 0x0123456789abcdefULL;
}

static const time_t start_time = 1795772112; /* 2026-11-27T09:35:12Z */

static void make_session(struct session *s, const char *name)
{
	struct deck d;
	struct deck_item items[3];
	make_deck(&d, items);
	assert_int_equal(session_from_deck(s, &d, "/home/me/decks/x.deck", name,
					   start_time, NULL, 0),
			 0);
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(1 << 16);
	assert_non_null(buf);
	size_t n = fread(buf, 1, (1 << 16) - 1, f);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void assert_same_counts(const struct session *a, const struct session *b)
{
	assert_int_equal(a->nitems, b->nitems);
	for (int i = 0; i < a->nitems; i++) {
		assert_int_equal(a->items[i].nviews, b->items[i].nviews);
		for (int v = 0; v < a->items[i].nviews; v++)
			assert_int_equal(tally_get(&a->tally, i, v),
					 tally_get(&b->tally, i, v));
	}
}

/* ---- building and formatting ----------------------------------------- */

static void test_from_deck(void **state)
{
	(void)state;
	struct session s;
	make_session(&s, NULL);
	char want[64];
	struct tm tm;
	localtime_r(&start_time, &tm);
	strftime(want, sizeof want, "%Y-%m-%d %H:%M", &tm);
	assert_string_equal(s.name, want);
	assert_string_equal(s.deck_title, d_title);
	assert_string_equal(s.deck_source, d_source);
	assert_string_equal(s.deck_path, "/home/me/decks/x.deck");
	assert_int_equal(s.nitems, 3);
	assert_int_equal(s.items[2].nviews, 6);
	assert_string_equal(s.items[1].heading, h2);
	assert_string_equal(s.items[2].labels[5], "View 6");
	assert_int_equal(tally_get(&s.tally, 2, 5), 0);
	assert_int_equal(s.current, 0);
	session_free(&s);

	struct deck d;
	struct deck_item items[3];
	make_deck(&d, items);
	d.source = NULL;
	assert_int_equal(session_from_deck(&s, &d, NULL, "x", 0, NULL, 0), 0);
	assert_null(s.deck_source);
	assert_string_equal(s.deck_path, "(embedded)");
	session_free(&s);
	session_free(&s); /* freeing twice is harmless */
}

/*
 * A view's paragraphs (the deck's " ." line) are the one newline a deck
 * string holds.  The session records the wording as one line, joined by
 * a space, so the file and every export show no replacement character.
 */
static void test_paragraphs_in_a_view(void **state)
{
	(void)state;
	struct deck d;
	struct deck_item items[3];
	struct session s, t;
	struct error err;
	make_deck(&d, items);
	char two[] = "First part.\nSecond part, \"quoted\".";
	items[1].views[0] = two;
	assert_int_equal(session_from_deck(&s, &d, NULL, "p", 0, NULL, 0), 0);
	assert_string_equal(s.items[1].texts[0],
			    "First part. Second part, \"quoted\".");
	size_t len;
	char *text = session_format(&s, &len);
	assert_non_null(text);
	assert_non_null(
		strstr(text, "\ntext: First part. Second part, \"quoted\".\n"));
	assert_null(strstr(text, "\xef\xbf\xbd"));
	assert_int_equal(session_parse(&t, text, len, &err), 0);
	assert_string_equal(t.items[1].texts[0], s.items[1].texts[0]);
	free(text);
	session_free(&t);
	session_free(&s);
}

/* A byte order mark, as an editor may put first, is skipped. */
static void test_byte_order_mark(void **state)
{
	(void)state;
	struct session s, t;
	struct error err;
	make_session(&s, "bom");
	size_t len;
	char *text = session_format(&s, &len);
	assert_non_null(text);
	char *bom = malloc(len + 3);
	assert_non_null(bom);
	memcpy(bom, "\xEF\xBB\xBF", 3);
	memcpy(bom + 3, text, len);
	assert_int_equal(session_parse(&t, bom, len + 3, &err), 0);
	assert_string_equal(t.name, "bom");
	assert_int_equal(t.nitems, s.nitems);
	session_free(&t);
	/* Anywhere else it is a character of its line: before the "name"
	 * key on line 2, it makes a key that does not exist. */
	const char *nl = memchr(text, '\n', len);
	size_t head = (size_t)(nl - text) + 1;
	memcpy(bom, text, head);
	memcpy(bom + head, "\xEF\xBB\xBF", 3);
	memcpy(bom + head + 3, text + head, len - head);
	assert_int_equal(session_parse(&t, bom, len + 3, &err), -1);
	assert_int_equal(err.line, 2);
	assert_non_null(strstr(err.msg, "unknown key"));
	free(bom);
	free(text);
	session_free(&s);
}

static void test_format_exact(void **state)
{
	(void)state;
	struct session s;
	make_session(&s, "2026-11-27 09:35");
	s.current = 3;
	tally_load(&s.tally, 0, 0, 0, 0, 12);
	tally_load(&s.tally, 0, 0, 0, 1, 3);
	size_t len;
	char *text = session_format(&s, &len);
	assert_non_null(text);
	/* Format 2: labels and texts first, then a line per round and view
	 * with one count per group (here the room, counted as one). */
	const char *want = "handsup-session 2\n"
			   "name: 2026-11-27 09:35\n"
			   "started: 2026-11-27T09:35:12Z\n"
			   "deck-title: The Widening Divide: Sales Training\n"
			   "deck-source: Brian Lambert, Forrester Research\n"
			   "deck-path: /home/me/decks/x.deck\n"
			   "deck-hash: 0123456789abcdef\n"
			   "current: 3\n"
			   "percent-base: hands\n"
			   "item: Regarding the Scope of Sales Training\n"
			   "view: View 1\n"
			   "text: a view\n"
			   "view: View 2\n"
			   "text: a view\n"
			   "count: 1 1 12\n"
			   "count: 1 2 3\n";
	assert_int_equal(strncmp(text, want, strlen(want)), 0);
	assert_string_equal(text + len - 4, "end\n");
	assert_int_equal(strlen(text), len);
	free(text);

	free(s.deck_source);
	s.deck_source = NULL;
	text = session_format(&s, &len);
	assert_non_null(text);
	assert_null(strstr(text, "deck-source"));
	free(text);
	session_free(&s);
}

static void test_round_trip(void **state)
{
	(void)state;
	struct session s, t;
	struct error err;
	make_session(&s, "Day 1 – Room B «ü»");
	s.current = 5;
	long v = 0;
	for (int i = 0; i < s.nitems; i++)
		for (int k = 0; k < s.items[i].nviews; k++, v += 7919)
			tally_load(&s.tally, i, 0, 0, k,
				   v % (TALLY_MAX_COUNT + 1));
	tally_load(&s.tally, 2, 0, 0, 5, TALLY_MAX_COUNT);
	tally_load(&s.tally, 2, 0, 0, 4, 0);
	free(s.items[0].labels[1]);
	s.items[0].labels[1] = strdup("  two  spaces  ");
	size_t len;
	char *text = session_format(&s, &len);
	assert_non_null(text);
	assert_int_equal(session_parse(&t, text, len, &err), 0);
	assert_string_equal(t.name, s.name);
	assert_int_equal(t.started, s.started);
	assert_string_equal(t.deck_title, s.deck_title);
	assert_string_equal(t.deck_source, s.deck_source);
	assert_string_equal(t.deck_path, s.deck_path);
	assert_true(t.deck_hash == s.deck_hash);
	assert_int_equal(t.current, 5);
	for (int i = 0; i < s.nitems; i++) {
		assert_string_equal(t.items[i].heading, s.items[i].heading);
		for (int k = 0; k < s.items[i].nviews; k++)
			assert_string_equal(t.items[i].labels[k],
					    s.items[i].labels[k]);
	}
	assert_same_counts(&s, &t);
	assert_int_equal(tally_get(&t.tally, 2, 5), TALLY_MAX_COUNT);
	assert_false(tally_can_undo(&t.tally));
	/* The same bytes again: nothing drifts across a save and a load. */
	size_t len2;
	char *text2 = session_format(&t, &len2);
	assert_non_null(text2);
	assert_int_equal(len, len2);
	assert_memory_equal(text, text2, len);
	free(text);
	free(text2);
	session_free(&s);
	session_free(&t);
}

/* ESC, bidi overrides and newlines must never come back out as such. */
static void test_hostile_strings(void **state)
{
	(void)state;
	struct session s, t;
	struct error err;
	make_session(&s, "evil\nname: injected");
	free(s.items[0].heading);
	s.items[0].heading = strdup("\x1b[2J\xe2\x80\xae"
				    "desrever\xe2\x81\xa6"
				    "x\ny\tz\r");
	free(s.deck_title);
	s.deck_title = strdup("title\nend\n");
	size_t len;
	char *text = session_format(&s, &len);
	assert_non_null(text);
	assert_null(memchr(text, '\x1b', len));
	assert_null(strstr(text, "\xe2\x80\xae"));
	assert_null(strstr(text, "\nname: injected"));
	assert_null(strstr(text, "\nend\nitem"));
	assert_int_equal(session_parse(&t, text, len, &err), 0);
	assert_string_equal(t.items[0].heading,
			    "\xef\xbf\xbd[2J\xef\xbf\xbd"
			    "desrever\xef\xbf\xbdx\xef\xbf\xbdy z\xef\xbf\xbd");
	assert_string_equal(t.name, "evil\xef\xbf\xbdname: injected");
	assert_int_equal(t.nitems, 3);
	session_free(&t);
	free(text);
	session_free(&s);

	/* A hand-made file with raw escapes is neutralised on reading. */
	const char *raw = "handsup-session 1\n"
			  "name: \x1b]0;pwned\x07\n"
			  "started: 2026-11-27T09:35:12Z\n"
			  "deck-title: \xe2\x80\x8f"
			  "t\n"
			  "deck-path: (embedded)\n"
			  "deck-hash: 0000000000000000\n"
			  "current: 0\n"
			  "item: \x1b[2J\xe2\x81\xa8heading\n"
			  "view: 1 \xc2\x9b"
			  "31m\n"
			  "view: 2 b\n"
			  "end\n";
	assert_int_equal(session_parse(&t, raw, strlen(raw), &err), 0);
	assert_string_equal(t.name, "\xef\xbf\xbd]0;pwned\xef\xbf\xbd");
	assert_string_equal(t.deck_title, "\xef\xbf\xbdt");
	assert_string_equal(t.items[0].heading, "\xef\xbf\xbd[2J\xef\xbf\xbd"
						"heading");
	assert_string_equal(t.items[0].labels[0], "\xef\xbf\xbd"
						  "31m");
	assert_null(t.deck_source);
	session_free(&t);
}

/* ---- the strict reader ----------------------------------------------- */

#define HEAD                                                                   \
	"handsup-session 1\nname: n\nstarted: 2026-11-27T09:35:12Z\n"          \
	"deck-title: t\ndeck-path: /p\ndeck-hash: 0123456789abcdef\n"          \
	"current: 1\n"
#define ITEM "item: h\nview: 1 a\nview: 2 b\n"

static void test_parse_minimal(void **state)
{
	(void)state;
	struct session s;
	struct error err;
	const char *ok = HEAD ITEM "end\n";
	assert_int_equal(session_parse(&s, ok, strlen(ok), &err), 0);
	assert_int_equal(tally_get(&s.tally, 0, 1), 2);
	assert_int_equal(s.current, 1);
	session_free(&s);
	/* Written on another system: CRLF line ends and an empty label. */
	const char *crlf = "handsup-session 1\r\nname: n\r\n"
			   "started: 2026-11-27T09:35:12Z\r\ndeck-title: t\r\n"
			   "deck-path: /p\r\ndeck-hash: 0123456789abcdef\r\n"
			   "current: 1\r\nitem: h\r\nview: 5\r\nview: 0 \r\n"
			   "end\r\n";
	assert_int_equal(session_parse(&s, crlf, strlen(crlf), &err), 0);
	assert_string_equal(s.name, "n");
	assert_string_equal(s.items[0].labels[0], "");
	assert_int_equal(tally_get(&s.tally, 0, 0), 5);
	session_free(&s);
}

/* Labels that name their own view, or none, are accepted as they are. */
static void test_parse_labels(void **state)
{
	(void)state;
	struct session s;
	struct error err;
	const char *ok =
		HEAD "item: h\nview: 1 View 1\nview: 2\n"
		     "view: 3 Not sure\nview: 4 VIEW 4\nview: 5 Viewpoint 9\n"
		     "view: 6 View 6 (last)\nend\n";
	assert_int_equal(session_parse(&s, ok, strlen(ok), &err), 0);
	assert_int_equal(s.items[0].nviews, 6);
	assert_string_equal(s.items[0].labels[0], "View 1");
	assert_string_equal(s.items[0].labels[1], "");
	assert_string_equal(s.items[0].labels[2], "Not sure");
	assert_string_equal(s.items[0].labels[4], "Viewpoint 9");
	session_free(&s);
}

/*
 * Parse each text: one whose msg is "" must load; any other must fail at
 * its line with a message containing msg, and leave nothing allocated.
 */
struct parse_case {
	const char *text;
	int line;
	const char *msg;
};

static void check_parse_cases(const struct parse_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct session s;
		struct error err;
		int want = cases[i].msg[0] ? -1 : 0;
		int rc = session_parse(&s, cases[i].text, strlen(cases[i].text),
				       &err);
		if (rc != want || (want && (err.line != cases[i].line ||
					    !strstr(err.msg, cases[i].msg))))
			fail_msg("case %zu (%s): rc %d line %d msg '%s'", i,
				 cases[i].msg, rc, err.line, err.msg);
		if (want) {
			assert_null(s.items);
			assert_null(s.name);
			assert_null(s.groups[0]);
		}
		session_free(&s);
	}
}

static void test_parse_errors(void **state)
{
	(void)state;
	static const struct parse_case cases[] = {
		{"", 0, "empty file"},
		{"handsup-session 4\n", 1, "unsupported session version 4"},
		/* Written as the writer writes it, or not at all. */
		{"handsup-session 01\n", 1, "unsupported session version 01"},
		{"handsup-session 0\n", 1, "unsupported session version 0"},
		{"handsup-session 1x\nend\n", 1, "not a handsup session file"},
		{"title: x\nend\n", 1, "not a handsup session file"},
		{HEAD "colour: red\n" ITEM "end\n", 8, "unknown key 'colour'"},
		{HEAD "just words\n" ITEM "end\n", 8, "expected 'key: value'"},
		{HEAD "name: again\n" ITEM "end\n", 8, "duplicate 'name'"},
		{HEAD ITEM "current: 2\nend\n", 11, "must come before"},
		{"handsup-session 1\nname: n\nstarted: 2026-11-27T09:35:12Z\n"
		 "deck-title: t\ndeck-path: /p\ncurrent: 1\n" ITEM "end\n",
		 7, "missing 'deck-hash'"},
		{HEAD "end\n", 8, "no items"},
		{HEAD "view: 1 a\nend\n", 8, "before the first item"},
		{HEAD "item: h\nview: 1 a\nitem: g\nview: 1 a\nview: 1 a\n"
		      "end\n",
		 8, "item has 1 view"},
		{HEAD "item: h\nview: 1 a\nend\n", 8, "item has 1 view"},
		/* A heading is text, as in a deck: none is refused. */
		{HEAD "item:\nview: 1 a\nview: 2 b\nend\n", 8, "empty heading"},
		{HEAD "item: \nview: 1 a\nview: 2 b\nend\n", 8,
		 "empty heading"},
		{HEAD "item:  \t \r\nview: 1 a\nview: 2 b\nend\n", 8,
		 "empty heading"},
		{HEAD ITEM "item:\nview: 1 a\nview: 2 b\nend\n", 11,
		 "empty heading"},
		{HEAD "item: h\nview: 1 1\nview: 1 2\nview: 1 3\nview: 1 4\n"
		      "view: 1 5\nview: 1 6\nview: 1 7\nend\n",
		 15, "more than 6 views"},
		{HEAD "item: h\nview: 1000000 a\nview: 1 b\nend\n", 9,
		 "bad count"},
		{HEAD "item: h\nview: -1 a\nview: 1 b\nend\n", 9, "bad count"},
		{HEAD "item: h\nview: 1 a\nview: 12x b\nend\n", 10,
		 "bad count"},
		{HEAD "item: h\nview: 1 a\nview:  2 b\nend\n", 10, "bad count"},
		{HEAD "item: h\nview: 1 a\nview: \nend\n", 10, "bad count"},
		/* A label naming another view would put counts under it. */
		{HEAD "item: h\nview: 1 View 1\nview: 2 View 3\n"
		      "view: 3 View 2\nend\n",
		 10, "view 2 is labelled 'View 3', expected 'View 2'"},
		{HEAD "item: h\nview: 1 view 2 (price)\nview: 2 b\nend\n", 9,
		 "view 1 is labelled 'view 2 (price)', expected 'View 1'"},
		{HEAD "item: h\nview: 1 View 1\nview: 2 View 12345678901\n"
		      "end\n",
		 10, "view 2 is labelled 'View 12345678901', expected"},
		{HEAD "item: g\nview: 1 View 1\nview: 2 View 2\nitem: h\n"
		      "view: 1 View 2\nview: 2 View 1\nend\n",
		 12, "view 1 is labelled 'View 2', expected 'View 1'"},
		{HEAD "item: h\nview: 99999999999999999999 a\nend\n", 9,
		 "bad count"},
		/* Far beyond any long: refused without overflowing. */
		{HEAD "item: h\nview: 9223372036854775808 a\nend\n", 9,
		 "bad count"},
		{HEAD "item: h\nview: 18446744073709551617 a\nend\n", 9,
		 "bad count"},
		{HEAD "item: h\nview: 4294967296 a\nend\n", 9, "bad count"},
		{HEAD "item: h\nview: 123456789012345678901234567890123456789"
		      "0123456789 a\nend\n",
		 9, "bad count"},
		{"handsup-session 99999999999999999999999999999999\n", 1,
		 "not a handsup session file"},
		{"handsup-session 1\ncurrent: 9223372036854775807\n", 2,
		 "bad current"},
		{"handsup-session 1\ncurrent: 1000000\n", 2, "bad current"},
		{HEAD ITEM "end\nmore\n", 12, "after the 'end' line"},
		{HEAD ITEM "end\nx", 12, "after the 'end' line"},
		{HEAD ITEM, 0, "truncated: no end line"},
		{HEAD ITEM "end", 0, "truncated: no end line"},
		{HEAD "item: h\nview: 1 \xc3\x28\nview: 2 b\nend\n", 9,
		 "invalid UTF-8"},
		{HEAD "item: \xed\xa0\x80\nend\n", 8, "invalid UTF-8"},
		{"handsup-session 1\nname: n\nstarted: 2026-02-30T09:35:12Z\n",
		 3, "bad start time"},
		{"handsup-session 1\nname: n\nstarted: 1969-12-31T23:59:59Z\n",
		 3, "bad start time"},
		{"handsup-session 1\nname: n\nstarted: 2026-11-27 09:35:12\n",
		 3, "bad start time"},
		{"handsup-session 1\nstarted: 2023-02-29T00:00:00Z\n", 2,
		 "bad start time"},
		{"handsup-session 1\nstarted: 2100-02-29T00:00:00Z\n", 2,
		 "bad start time"},
		{"handsup-session 1\nstarted: 2026-04-31T00:00:00Z\n", 2,
		 "bad start time"},
		{"handsup-session 1\nstarted: 2026-13-01T00:00:00Z\n", 2,
		 "bad start time"},
		{"handsup-session 1\nstarted: 2026-00-01T00:00:00Z\n", 2,
		 "bad start time"},
		{"handsup-session 1\nstarted: 2026-01-00T00:00:00Z\n", 2,
		 "bad start time"},
		{"handsup-session 1\nstarted: 2026-01-01T24:00:00Z\n", 2,
		 "bad start time"},
		{"handsup-session 1\nstarted: 2026-01-01T00:60:00Z\n", 2,
		 "bad start time"},
		{"handsup-session 1\nstarted: 2016-12-31T23:59:60Z\n", 2,
		 "bad start time"},
		{"handsup-session 1\nstarted: 0000-01-01T00:00:00Z\n", 2,
		 "bad start time"},
		{"handsup-session 1\ndeck-hash: 0123456789ABCDEF\n", 2,
		 "bad deck hash"},
		{"handsup-session 1\ndeck-hash: 0123456789abcde\n", 2,
		 "bad deck hash"},
		{"handsup-session 1\ncurrent: -1\n", 2, "bad current"},
	};
	check_parse_cases(cases, sizeof cases / sizeof *cases);
	/* A NUL byte inside a line is not text. */
	static const char nul[] =
		HEAD "item: h\0x\nview: 1 a\nview: 2 b\nend\n";
	struct session s;
	struct error err;
	assert_int_equal(session_parse(&s, nul, sizeof nul - 1, &err), -1);
	assert_int_equal(err.line, 8);
	assert_string_equal(err.msg, "a NUL byte: binary data");
}

/* Counts at the limit read; leading zeros do not make a number long. */
static void test_parse_numbers(void **state)
{
	(void)state;
	struct session s;
	struct error err;
	const char *ok = HEAD "item: h\nview: 999999 a\n"
			      "view: 0000000000000000000000000000000000007 b\n"
			      "end\n";
	assert_int_equal(session_parse(&s, ok, strlen(ok), &err), 0);
	assert_int_equal(tally_get(&s.tally, 0, 0), 999999);
	assert_int_equal(tally_get(&s.tally, 0, 1), 7);
	session_free(&s);
}

static void parse_started(const char *when, time_t *out, int want_rc)
{
	char text[512];
	struct session s;
	struct error err;
	snprintf(text, sizeof text,
		 "handsup-session 1\nname: n\nstarted: %s\n"
		 "deck-title: t\ndeck-path: /p\ndeck-hash: 0123456789abcdef\n"
		 "current: 1\n" ITEM "end\n",
		 when);
	int rc = session_parse(&s, text, strlen(text), &err);
	if (rc != want_rc)
		fail_msg("%s: rc %d (%s)", when, rc, err.msg);
	if (rc == 0 && out)
		*out = s.started;
	session_free(&s);
}

/* The start time's arithmetic agrees with the C library's calendar. */
static void test_parse_times(void **state)
{
	(void)state;
	time_t t;
	parse_started("1970-01-01T00:00:00Z", &t, 0);
	assert_int_equal(t, 0);
	parse_started("2000-02-29T12:00:00Z", &t, 0);
	assert_int_equal(t, 951825600);
	parse_started("2024-02-29T23:59:59Z", &t, 0);
	assert_int_equal(t, 1709251199);
	parse_started("2038-01-19T03:14:07Z", &t, 0);
	assert_int_equal(t, 2147483647);
	if (sizeof(time_t) >= 8) {
		parse_started("9999-12-31T23:59:59Z", &t, 0);
		assert_true((long long)t == 253402300799LL);
	}
	/* Every 37 days and some hours, from 1970 to 9999. */
	long long end = sizeof(time_t) >= 8 ? 253402300799LL : 2147483647LL;
	for (long long x = 0; x <= end; x += 37LL * 86400 + 3 * 3600 + 61) {
		time_t want = (time_t)x, got = 0;
		struct tm tm;
		char when[32];
		assert_non_null(gmtime_r(&want, &tm));
		assert_true(strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ",
				     &tm) > 0);
		parse_started(when, &got, 0);
		if (got != want)
			fail_msg("%s: %lld, want %lld", when, (long long)got,
				 x);
	}
}

/* A file cut anywhere either reads back whole or is refused. */
static void test_truncated_prefixes(void **state)
{
	(void)state;
	struct session s, t;
	struct error err;
	make_session(&s, "cut");
	for (int i = 0; i < s.nitems; i++)
		for (int v = 0; v < s.items[i].nviews; v++)
			tally_load(&s.tally, i, 0, 0, v, 10 * i + v + 1);
	size_t len;
	char *text = session_format(&s, &len);
	assert_non_null(text);
	for (size_t n = 0; n <= len; n++) {
		char *copy = malloc(n + 1);
		assert_non_null(copy);
		memcpy(copy, text, n);
		int rc = session_parse(&t, copy, n, &err);
		if (n == len) {
			assert_int_equal(rc, 0);
			assert_same_counts(&s, &t);
		} else {
			if (rc != -1)
				fail_msg("prefix of %zu bytes was accepted", n);
			assert_true(err.msg[0] != '\0');
			assert_null(t.items);
		}
		session_free(&t);
		free(copy);
	}
	free(text);
	session_free(&s);
}

/* ---- format 2: groups, headcounts, rounds ------------------------------ */

/* A format 2 header (lines 1-7), three groups (8-11) and an item (12-16)
 * with a count for each of them on each line. */
#define V2HEAD                                                                 \
	"handsup-session 2\nname: n\nstarted: 2026-11-27T09:35:12Z\n"          \
	"deck-title: t\ndeck-path: /p\ndeck-hash: 0123456789abcdef\n"          \
	"current: 1\n"
#define V2GROUPS                                                               \
	"group: 12 Sales Training\ngroup: 0 Product Marketing\n"               \
	"group: 7 Sales Leadership\nactive-group: 2\n"
#define V2ITEM "item: h\nview: a\nview: b\ncount: 1 1 1 2 3\ncount: 1 2 4 5 6\n"

/* What today's release writes still reads, as it always did. */
static void test_parse_format1(void **state)
{
	(void)state;
	struct session s;
	struct error err;
	const char *v1 =
		HEAD "item: h\nview: 4 View 1\nview: 6 View 2\n"
		     "item: g\nview: 1 Yes\nview: 0 No\nview: 2 Maybe\n"
		     "end\n";
	assert_int_equal(session_parse(&s, v1, strlen(v1), &err), 0);
	assert_int_equal(s.version, 1);
	assert_int_equal(s.ngroups, 0);
	assert_int_equal(s.tally.ngroups, 1);
	assert_int_equal(s.active, 0);
	assert_false(s.pct_of_room);
	/* Format 1 showed the totals over all items: it still does. */
	assert_true(s.same_views);
	assert_int_equal(tally_room_headcount(&s.tally), 0);
	assert_int_equal(s.nitems, 2);
	assert_int_equal(s.items[1].nviews, 3);
	assert_string_equal(s.items[1].labels[2], "Maybe");
	assert_null(s.items[0].texts[0]);
	assert_int_equal(tally_rounds(&s.tally, 0), 1);
	assert_int_equal(tally_get(&s.tally, 0, 0), 4);
	assert_int_equal(tally_get(&s.tally, 0, 1), 6);
	assert_int_equal(tally_get(&s.tally, 1, 2), 2);
	assert_string_equal(session_group_name(&s, 0), "Room");
	/* Saved again, it is format 2 and means the same. */
	size_t len;
	char *text = session_format(&s, &len);
	assert_non_null(text);
	assert_int_equal(strncmp(text, "handsup-session 2\n", 18), 0);
	assert_non_null(strstr(text, "\nsame-views: yes\n"));
	assert_non_null(strstr(text, "\ncount: 1 3 2\n"));
	struct session t;
	assert_int_equal(session_parse(&t, text, len, &err), 0);
	assert_int_equal(t.version, 2);
	assert_true(t.same_views);
	assert_same_counts(&s, &t);
	session_free(&t);
	free(text);
	session_free(&s);
}

static void test_parse_format2(void **state)
{
	(void)state;
	struct session s;
	struct error err;
	const char *v2 = V2HEAD "same-views: yes\npercent-base: room\n" V2GROUPS
				"item: h\n"
				"view: View 1\ntext: The first view.\n"
				"view: Agree\n"
				"count: 1 1 1 2 3\ncount: 1 2 4 5 6\n"
				"count: 2 1 7 8 9\ncount: 2 2 0 0 10\n"
				"item: g\nview: x\nview: y\nview: z\n"
				"text: Zed.\n"
				"count: 1 1 0 0 0\ncount: 1 2 0 1 0\n"
				"count: 1 3 0 0 999999\n"
				"end\n";
	assert_int_equal(session_parse(&s, v2, strlen(v2), &err), 0);
	assert_int_equal(s.version, 2);
	assert_true(s.same_views);
	assert_true(s.pct_of_room);
	assert_int_equal(s.ngroups, 3);
	assert_int_equal(s.tally.ngroups, 3);
	assert_string_equal(s.groups[0], "Sales Training");
	assert_string_equal(s.groups[1], "Product Marketing");
	assert_string_equal(s.groups[2], "Sales Leadership");
	assert_string_equal(session_group_name(&s, 2), "Sales Leadership");
	assert_int_equal(s.active, 1);
	assert_int_equal(tally_headcount(&s.tally, 0), 12);
	assert_int_equal(tally_headcount(&s.tally, 1), 0);
	assert_int_equal(tally_headcount(&s.tally, 2), 7);
	/* Product Marketing has no headcount, so the room has none. */
	assert_int_equal(tally_room_headcount(&s.tally), 0);
	assert_string_equal(s.items[0].labels[0], "View 1");
	assert_string_equal(s.items[0].labels[1], "Agree");
	assert_string_equal(s.items[0].texts[0], "The first view.");
	assert_null(s.items[0].texts[1]);
	assert_null(s.items[1].texts[0]);
	assert_string_equal(s.items[1].texts[2], "Zed.");
	/* Two rounds of item h, one of item g. */
	assert_int_equal(tally_rounds(&s.tally, 0), 2);
	assert_int_equal(tally_rounds(&s.tally, 1), 1);
	static const long r1[2][3] = {{1, 2, 3}, {4, 5, 6}};
	static const long r2[2][3] = {{7, 8, 9}, {0, 0, 10}};
	for (int v = 0; v < 2; v++)
		for (int g = 0; g < 3; g++) {
			assert_int_equal(tally_cell(&s.tally, 0, 0, g, v),
					 r1[v][g]);
			assert_int_equal(tally_cell(&s.tally, 0, 1, g, v),
					 r2[v][g]);
		}
	assert_int_equal(tally_get(&s.tally, 0, 0), 24);
	assert_int_equal(tally_get(&s.tally, 0, 1), 10);
	assert_int_equal(tally_group_get(&s.tally, 1, 1, 1), 1);
	assert_int_equal(tally_group_get(&s.tally, 1, 2, 2), 999999);
	assert_false(tally_can_undo(&s.tally));
	session_free(&s);

	/* Without groups: one count a line, and the room's headcount; the
	 * defaults of the keys left out are "no" and "hands". */
	const char *room = V2HEAD "headcount: 40\n"
				  "item: h\nview: a\nview: b\n"
				  "count: 1 1 3\ncount: 1 2 4\n"
				  "count: 2 1 5\ncount: 2 2 6\nend\n";
	assert_int_equal(session_parse(&s, room, strlen(room), &err), 0);
	assert_int_equal(s.ngroups, 0);
	assert_int_equal(s.tally.ngroups, 1);
	assert_int_equal(tally_room_headcount(&s.tally), 40);
	assert_false(s.same_views);
	assert_false(s.pct_of_room);
	assert_int_equal(tally_rounds(&s.tally, 0), 2);
	assert_int_equal(tally_cell(&s.tally, 0, 0, 0, 1), 4);
	assert_int_equal(tally_get(&s.tally, 0, 1), 6);
	session_free(&s);
}

/* A deck with groups; three items of 2, 3 and 6 views. */
static char g1[] = "Sales Training", g2[] = "Product Marketing",
	    g3[] = "Sales Leadership";
static char *const three_groups[] = {g1, g2, g3};

static void make_grouped(struct session *s)
{
	struct deck d;
	struct deck_item items[3];
	static char yes[] = "Yes", no[] = "No";
	make_deck(&d, items);
	d.same_views = true;
	items[0].labels[0] = yes;
	items[0].labels[1] = no;
	assert_int_equal(session_from_deck(s, &d, "/home/me/decks/x.deck",
					   "grouped", start_time, three_groups,
					   3),
			 0);
	/* Item 1 in three rounds, item 2 in one, item 3 not counted. */
	long k = 1;
	for (int r = 0; r < 3; r++)
		for (int g = 0; g < 3; g++)
			for (int v = 0; v < 2; v++)
				tally_load(&s->tally, 0, r, g, v, k++ * 3 % 17);
	for (int g = 0; g < 3; g++)
		for (int v = 0; v < 3; v++)
			tally_load(&s->tally, 1, 0, g, v, 100 * g + v);
	tally_set_headcount(&s->tally, 0, 25);
	tally_set_headcount(&s->tally, 2, 99999);
	s->active = 2;
	s->pct_of_room = true;
	s->current = 2;
}

static void test_round_trip_format2(void **state)
{
	(void)state;
	struct session s, t;
	struct error err;
	make_grouped(&s);
	assert_int_equal(s.ngroups, 3);
	assert_true(s.same_views);
	assert_string_equal(s.items[0].labels[0], "Yes");
	assert_string_equal(s.items[1].labels[0], "View 1");
	size_t len;
	char *text = session_format(&s, &len);
	assert_non_null(text);
	assert_non_null(strstr(text, "\ncurrent: 2\nsame-views: yes\n"
				     "percent-base: room\n"
				     "group: 25 Sales Training\n"
				     "group: 0 Product Marketing\n"
				     "group: 99999 Sales Leadership\n"
				     "active-group: 3\n"
				     "item: Regarding the Scope of Sales "
				     "Training\n"
				     "view: Yes\ntext: a view\n"
				     "view: No\ntext: a view\n"
				     "count: 1 1 3 9 15\n"
				     "count: 1 2 6 12 1\n"
				     "count: 2 1 4 10 16\n"));
	assert_non_null(strstr(text, "\ncount: 3 2 8 14 3\nitem: "));
	assert_non_null(strstr(text, "\ncount: 1 3 2 102 202\nitem: Six"));
	assert_int_equal(session_parse(&t, text, len, &err), 0);
	assert_int_equal(t.ngroups, 3);
	for (int g = 0; g < 3; g++) {
		assert_string_equal(t.groups[g], s.groups[g]);
		assert_int_equal(tally_headcount(&t.tally, g),
				 tally_headcount(&s.tally, g));
	}
	assert_int_equal(t.active, 2);
	assert_true(t.pct_of_room);
	assert_true(t.same_views);
	assert_int_equal(t.current, 2);
	for (int i = 0; i < s.nitems; i++) {
		assert_int_equal(tally_rounds(&t.tally, i),
				 tally_rounds(&s.tally, i));
		for (int v = 0; v < s.items[i].nviews; v++) {
			assert_string_equal(t.items[i].labels[v],
					    s.items[i].labels[v]);
			assert_string_equal(t.items[i].texts[v],
					    s.items[i].texts[v]);
			for (int r = 0; r < tally_rounds(&s.tally, i); r++)
				for (int g = 0; g < 3; g++)
					assert_int_equal(tally_cell(&t.tally, i,
								    r, g, v),
							 tally_cell(&s.tally, i,
								    r, g, v));
		}
	}
	/* The same bytes again. */
	size_t len2;
	char *text2 = session_format(&t, &len2);
	assert_non_null(text2);
	assert_int_equal(len, len2);
	assert_memory_equal(text, text2, len);
	free(text2);
	session_free(&t);
	free(text);

	/* A session without groups keeps its headcount and base. */
	session_free(&s);
	make_session(&s, "room");
	tally_set_headcount(&s.tally, 0, 30);
	s.pct_of_room = true;
	tally_load(&s.tally, 0, 1, 0, 1, 8);
	text = session_format(&s, &len);
	assert_non_null(text);
	assert_non_null(strstr(text, "\npercent-base: room\nheadcount: 30\n"
				     "item: "));
	assert_null(strstr(text, "same-views"));
	assert_null(strstr(text, "group"));
	assert_non_null(strstr(text, "\ncount: 2 2 8\n"));
	assert_int_equal(session_parse(&t, text, len, &err), 0);
	assert_int_equal(tally_room_headcount(&t.tally), 30);
	assert_true(t.pct_of_room);
	assert_false(t.same_views);
	assert_int_equal(tally_rounds(&t.tally, 0), 2);
	assert_int_equal(tally_get(&t.tally, 0, 1), 8);
	session_free(&t);
	free(text);
	session_free(&s);
}

/* A grouped two-round file cut anywhere is refused, and says where. */
static void test_format2_prefixes(void **state)
{
	(void)state;
	struct session s, t;
	struct error err;
	make_grouped(&s);
	size_t len;
	char *text = session_format(&s, &len);
	assert_non_null(text);
	for (size_t n = 0; n <= len; n++) {
		/* A copy of its own, so that reading past n is caught. */
		char *copy = malloc(n ? n : 1);
		assert_non_null(copy);
		memcpy(copy, text, n);
		int rc = session_parse(&t, copy, n, &err);
		if (n == len) {
			assert_int_equal(rc, 0);
			assert_int_equal(tally_rounds(&t.tally, 0), 3);
			assert_int_equal(tally_cell(&t.tally, 0, 2, 2, 0), 0);
			assert_int_equal(tally_cell(&t.tally, 0, 2, 2, 1), 3);
			assert_int_equal(tally_cell(&t.tally, 1, 0, 2, 2), 202);
		} else {
			if (rc != -1)
				fail_msg("prefix of %zu bytes was accepted", n);
			bool says_where =
				err.line > 0 || strstr(err.msg, "truncated") ||
				(n == 0 && !strcmp(err.msg, "empty file"));
			if (!says_where)
				fail_msg("prefix of %zu bytes: line %d '%s'", n,
					 err.line, err.msg);
			assert_null(t.items);
			assert_null(t.groups[0]);
			assert_null(t.tally.items);
		}
		session_free(&t);
		free(copy);
	}
	free(text);
	session_free(&s);
}

static void test_format2_strict(void **state)
{
	(void)state;
	static const struct parse_case cases[] = {
		/* Count lines: round by round, views in order. */
		{V2HEAD V2GROUPS "item: h\nview: a\nview: b\n"
				 "count: 1 2 4 5 6\ncount: 1 1 1 2 3\nend\n",
		 15, "count of round 1 view 2 where round 1 view 1 belongs"},
		{V2HEAD V2GROUPS V2ITEM "count: 3 1 1 1 1\ncount: 3 2 1 1 1\n"
					"end\n",
		 17, "count of round 3 view 1 where round 2 view 1 belongs"},
		{V2HEAD V2GROUPS V2ITEM "count: 1 1 1 2 3\nend\n", 17,
		 "count of round 1 view 1 where round 2 view 1 belongs"},
		{V2HEAD V2GROUPS "item: h\nview: a\nview: b\n"
				 "count: 0 1 1 2 3\nend\n",
		 15, "count of round 0 view 1 where round 1 view 1 belongs"},
		{V2HEAD V2GROUPS "item: h\nview: a\nview: b\n"
				 "count: 1 3 1 2 3\nend\n",
		 15, "count of round 1 view 3 where round 1 view 1 belongs"},
		{V2HEAD V2GROUPS "item: h\nview: a\nview: b\n"
				 "count: 10 1 1 2 3\nend\n",
		 15, "bad 'count' (want ROUND VIEW COUNT...)"},
		{V2HEAD V2GROUPS "item: h\nview: a\nview: b\n"
				 "count: 1 7 1 2 3\nend\n",
		 15, "bad 'count' (want ROUND VIEW COUNT...)"},
		{V2HEAD V2GROUPS "item: h\nview: a\nview: b\ncount: 1\nend\n",
		 15, "bad 'count'"},
		{V2HEAD V2GROUPS "count: 1 1 1 2 3\n" V2ITEM "end\n", 12,
		 "'count' before the first item"},
		/* A view missing from a round, or every count missing. */
		{V2HEAD V2GROUPS "item: h\nview: a\nview: b\n"
				 "count: 1 1 1 2 3\nend\n",
		 16, "round 1 lacks the count of view 2"},
		{V2HEAD V2GROUPS V2ITEM "count: 2 1 1 1 1\n"
					"item: g\nview: a\nview: b\n"
					"count: 1 1 1 1 1\ncount: 1 2 1 1 1\n"
					"end\n",
		 18, "round 2 lacks the count of view 2"},
		{V2HEAD V2GROUPS "item: h\nview: a\nview: b\nend\n", 12,
		 "item has no 'count' lines"},
		/* One number per group, no more, no fewer. */
		{V2HEAD V2GROUPS "item: h\nview: a\nview: b\n"
				 "count: 1 1 1 2\ncount: 1 2 4 5 6\nend\n",
		 15, "want 3 counts of 0 to 999999 after the view"},
		{V2HEAD V2GROUPS "item: h\nview: a\nview: b\n"
				 "count: 1 1 1 2 3 4\ncount: 1 2 4 5 6\nend\n",
		 15, "more counts than the 3 groups"},
		{V2HEAD V2GROUPS "item: h\nview: a\nview: b\n"
				 "count: 1 1\ncount: 1 2 4 5 6\nend\n",
		 15, "want 3 counts"},
		{V2HEAD V2GROUPS "item: h\nview: a\nview: b\n"
				 "count: 1 1 1  2 3\ncount: 1 2 4 5 6\nend\n",
		 15, "want 3 counts"},
		{V2HEAD V2GROUPS "item: h\nview: a\nview: b\n"
				 "count: 1 1 1 -2 3\ncount: 1 2 4 5 6\nend\n",
		 15, "want 3 counts"},
		{V2HEAD V2GROUPS "item: h\nview: a\nview: b\n"
				 "count: 1 1 1 1000000 3\ncount: 1 2 4 5 6\n"
				 "end\n",
		 15, "want 3 counts"},
		{V2HEAD "item: h\nview: a\nview: b\ncount: 1 1 1 2\n"
			"count: 1 2 4\nend\n",
		 11, "more counts than the 1 group"},
		{V2HEAD "item: h\nview: a\nview: b\ncount: 1 1\n"
			"count: 1 2 4\nend\n",
		 11, "want 1 count of 0 to 999999 after the view"},
		/* Groups before the first item, with their own headcounts. */
		{V2HEAD "group: 1 A\nactive-group: 1\n"
			"item: h\nview: a\nview: b\ngroup: 2 B\n"
			"count: 1 1 1\ncount: 1 2 1\nend\n",
		 13, "'group' must come before the first item"},
		{V2HEAD "headcount: 5\n" V2GROUPS V2ITEM "end\n", 13,
		 "'headcount' with groups: each group has its own"},
		{V2HEAD V2GROUPS "headcount: 5\n" V2ITEM "end\n", 13,
		 "'headcount' with groups: each group has its own"},
		{V2HEAD "group: x A\n", 8, "bad headcount (want 0 to 99999)"},
		{V2HEAD "group: 100000 A\n", 8, "bad headcount"},
		{V2HEAD "group: -1 A\n", 8, "bad headcount"},
		{V2HEAD "group: 5\n", 8, "empty group name"},
		{V2HEAD "group: 5 \n", 8, "empty group name"},
		{V2HEAD "group: 1 A\ngroup: 2 A\n", 9, "duplicate group 'A'"},
		{V2HEAD "group: 1 A\ngroup: 1 B\ngroup: 1 C\ngroup: 1 D\n"
			"group: 1 E\ngroup: 1 F\ngroup: 1 G\ngroup: 1 H\n"
			"group: 1 I\n",
		 16, "more than 8 groups"},
		{V2HEAD "headcount: 100000\n", 8, "bad headcount"},
		{V2HEAD "headcount: \n", 8, "bad headcount"},
		{V2HEAD "headcount: 1\nheadcount: 2\n", 9,
		 "duplicate 'headcount'"},
		/* The active group: one of the groups, and only with groups. */
		{V2HEAD "group: 1 A\ngroup: 1 B\ngroup: 1 C\n"
			"active-group: 4\n" V2ITEM "end\n",
		 12, "active group 4 of 3 groups"},
		{V2HEAD "group: 1 A\nactive-group: 0\n", 9, "bad active group"},
		{V2HEAD "group: 1 A\nactive-group: 9\n", 9, "bad active group"},
		{V2HEAD "group: 1 A\nactive-group: x\n", 9, "bad active group"},
		{V2HEAD "group: 1 A\ngroup: 1 B\ngroup: 1 C\n" V2ITEM "end\n",
		 11, "missing 'active-group' before this line"},
		{V2HEAD "active-group: 1\nitem: h\nview: a\nview: b\n"
			"count: 1 1 1\ncount: 1 2 1\nend\n",
		 9, "'active-group' without groups"},
		{V2HEAD "group: 1 A\nactive-group: 1\nactive-group: 1\n", 10,
		 "duplicate 'active-group'"},
		{V2HEAD V2GROUPS "end\n", 12, "no items"},
		{V2HEAD "group: 1 A\nend\n", 9, "missing 'active-group'"},
		/* Views, then their texts, then the counts. */
		{V2HEAD V2GROUPS V2ITEM "view: c\nend\n", 17,
		 "'view' after the item's counts"},
		{V2HEAD V2GROUPS "item: h\nview: a\nview: b\n"
				 "count: 1 1 1 2 3\nview: c\nend\n",
		 16, "'view' after the item's counts"},
		{V2HEAD V2GROUPS "item: h\nview: a\ntext: x\ntext: y\n"
				 "view: b\ncount: 1 1 1 2 3\n"
				 "count: 1 2 4 5 6\nend\n",
		 15, "view 1 has two texts"},
		{V2HEAD V2GROUPS "item: h\ntext: x\n", 13,
		 "'text' before its view"},
		{V2HEAD V2GROUPS "text: x\n", 12, "'text' before its view"},
		{V2HEAD V2GROUPS V2ITEM "text: x\nend\n", 17,
		 "'text' after the item's counts"},
		{V2HEAD V2GROUPS "item: h\nview: View 2\n", 13,
		 "view 1 is labelled 'View 2', expected 'View 1'"},
		/* The keys of format 2. */
		{V2HEAD "same-views: maybe\n", 8, "want yes or no"},
		{V2HEAD "same-views: Yes\n", 8, "want yes or no"},
		{V2HEAD "same-views: no\nsame-views: no\n", 9,
		 "duplicate 'same-views'"},
		{V2HEAD "percent-base: people\n", 8, "want hands or room"},
		{V2HEAD "percent-base: \n", 8, "want hands or room"},
		{V2HEAD V2GROUPS V2ITEM "percent-base: room\nend\n", 17,
		 "'percent-base' must come before the first item"},
		{V2HEAD V2GROUPS V2ITEM "same-views: yes\nend\n", 17,
		 "'same-views' must come before the first item"},
		/* Format 1 knows none of them. */
		{HEAD "same-views: yes\n", 8, "unknown key 'same-views'"},
		{HEAD "percent-base: room\n", 8, "unknown key 'percent-base'"},
		{HEAD "headcount: 5\n", 8, "unknown key 'headcount'"},
		{HEAD "group: 5 A\n", 8, "unknown key 'group'"},
		{HEAD "active-group: 1\n", 8, "unknown key 'active-group'"},
		{HEAD ITEM "text: x\n", 11, "unknown key 'text'"},
		{HEAD ITEM "count: 1 1 5\n", 11, "unknown key 'count'"},
		/* In format 2 a view line is its label only. */
		{V2HEAD "item: h\nview: 1 a\nview: 2 b\ncount: 1 1 3\n"
			"count: 1 2 4\nend\n",
		 0, ""},
	};
	check_parse_cases(cases, sizeof cases / sizeof *cases);
}

/*
 * Three rules of the reader: the version as the writer writes it, a
 * current screen that exists, and no item block pasted twice.
 */
static void test_reader_rules(void **state)
{
	(void)state;
	static const struct parse_case cases[] = {
		{"handsup-session 02\n", 1, "unsupported session version 02"},
		{"handsup-session 001\n", 1, "unsupported session version 001"},
		{"handsup-session  2\n", 1, "not a handsup session file"},
		{"handsup-session 2 \n", 1, "not a handsup session file"},
		/* One item: title 0, item 1, summary 2, closing 3. */
		{"handsup-session 1\nname: n\nstarted: 2026-11-27T09:35:12Z\n"
		 "deck-title: t\ndeck-path: /p\ndeck-hash: 0123456789abcdef\n"
		 "current: 4\n" ITEM "end\n",
		 7, "current screen 4 is beyond the last (3)"},
		{"handsup-session 2\nname: n\ncurrent: 5\n"
		 "started: 2026-11-27T09:35:12Z\n"
		 "deck-title: t\ndeck-path: /p\ndeck-hash: 0123456789abcdef\n"
		 "item: h\nview: a\nview: b\ncount: 1 1 0\ncount: 1 2 0\n"
		 "end\n",
		 3, "current screen 5 is beyond the last (3)"},
		/* The same block twice would count its hands twice. */
		{HEAD ITEM ITEM "end\n", 11,
		 "item 'h' repeats the one at line 8"},
		{HEAD ITEM "item: g\nview: 1 a\nview: 2 b\n" ITEM "end\n", 14,
		 "item 'h' repeats the one at line 8"},
		{V2HEAD V2GROUPS V2ITEM V2ITEM "end\n", 17,
		 "item 'h' repeats the one at line 12"},
		{V2HEAD V2GROUPS V2ITEM
		 "count: 2 1 0 0 0\ncount: 2 2 1 0 0\n" V2ITEM
		 "count: 2 1 0 0 0\ncount: 2 2 1 0 0\n"
		 "end\n",
		 19, "item 'h' repeats the one at line 12"},
	};
	check_parse_cases(cases, sizeof cases / sizeof *cases);

	/* What stays allowed: the last screen, and items that only share a
	 * heading (other counts, labels or rounds). */
	static const char *const ok[] = {
		"handsup-session 1\nname: n\nstarted: 2026-11-27T09:35:12Z\n"
		"deck-title: t\ndeck-path: /p\ndeck-hash: 0123456789abcdef\n"
		"current: 3\n" ITEM "end\n",
		HEAD ITEM "item: h\nview: 1 a\nview: 3 b\nend\n",
		HEAD ITEM "item: h\nview: 1 a\nview: 2 c\nend\n",
		HEAD ITEM "item: h\nview: 1 a\nview: 2 b\nview: 0 c\nend\n",
		V2HEAD V2GROUPS V2ITEM
		"item: h\nview: a\nview: b\ncount: 1 1 1 2 3\n"
		"count: 1 2 4 5 7\nend\n",
		V2HEAD V2GROUPS V2ITEM V2ITEM
		"count: 2 1 0 0 0\ncount: 2 2 0 0 0\nend\n",
	};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		struct session s;
		struct error err;
		if (session_parse(&s, ok[i], strlen(ok[i]), &err) != 0)
			fail_msg("ok %zu: line %d '%s'", i, err.line, err.msg);
		assert_int_equal(s.nitems, 2 - (i == 0));
		session_free(&s);
	}
}

/*
 * Many items under one heading, each as large as an item can be: every
 * pair is compared, and reading takes a moment, not minutes.  The last
 * one repeats the first exactly, and is found.
 */
static void test_many_items_one_heading(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	fputs(V2HEAD, f);
	for (int g = 0; g < TALLY_MAX_GROUPS; g++)
		fprintf(f, "group: 0 G%d\n", g);
	fputs("active-group: 1\n", f);
	const int n = 1000;
	int line = 7 + TALLY_MAX_GROUPS + 1 + 1;
	for (int i = 0; i < n; i++) {
		fputs("item: h\n", f);
		for (int v = 0; v < TALLY_MAX_VIEWS; v++)
			fputs("view: x\n", f);
		/* Items differ only in their last count; the last item's is
		 * the first's. */
		for (int r = 1; r <= TALLY_MAX_ROUNDS; r++)
			for (int v = 1; v <= TALLY_MAX_VIEWS; v++) {
				bool last = r == TALLY_MAX_ROUNDS &&
					    v == TALLY_MAX_VIEWS;
				fprintf(f, "count: %d %d 0 0 0 0 0 0 0 %d\n", r,
					v, last ? i % (n - 1) : 0);
			}
		if (i < n - 1)
			line += 1 + TALLY_MAX_VIEWS +
				TALLY_MAX_ROUNDS * TALLY_MAX_VIEWS;
	}
	fputs("end\n", f);
	assert_int_equal(fclose(f), 0);
	struct session s;
	struct error err;
	/* No time is asserted here (make bench measures); comparing each
	 * pair from the start of the counts took a minute on this file. */
	assert_int_equal(session_parse(&s, text, len, &err), -1);
	assert_int_equal(err.line, line);
	assert_string_equal(err.msg, "item 'h' repeats the one at line 17");
	free(text);
}

/* ---- saving and loading ---------------------------------------------- */

static void test_save_load(void **state)
{
	(void)state;
	struct session s, t;
	struct error err;
	make_session(&s, "saved");
	tally_load(&s.tally, 1, 0, 0, 2, 42);
	const char *path = in_dir("a.session");
	assert_int_equal(session_save(&s, path, &err), 0);
	assert_int_equal(count_entries(tmpdir), 1);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(session_load(&t, path, &err), 0);
	assert_same_counts(&s, &t);
	assert_string_equal(t.name, "saved");
	session_free(&t);

	/* Saving over an existing file replaces it. */
	tally_load(&s.tally, 1, 0, 0, 2, 43);
	assert_int_equal(session_save(&s, path, &err), 0);
	assert_int_equal(session_load(&t, path, &err), 0);
	assert_int_equal(tally_get(&t.tally, 1, 2), 43);
	session_free(&t);
	assert_int_equal(count_entries(tmpdir), 1);
	session_free(&s);
}

static void test_load_errors(void **state)
{
	(void)state;
	struct session s;
	struct error err;
	assert_int_equal(session_load(&s, in_dir("none.session"), &err), -1);
	assert_string_equal(err.msg, "no such file or directory");
	assert_int_equal(session_load(&s, tmpdir, &err), -1);
	assert_string_equal(err.msg, "is a directory");
	write_file(in_dir("bad.session"), HEAD "item: h\nview: x a\n");
	assert_int_equal(session_load(&s, in_dir("bad.session"), &err), -1);
	assert_int_equal(err.line, 9);
	assert_non_null(strstr(err.msg, "bad count"));
	assert_null(s.items);

	assert_int_equal(mkfifo(in_dir("fifo.session"), 0600), 0);
	assert_int_equal(session_load(&s, in_dir("fifo.session"), &err), -1);
	assert_string_equal(err.msg, "not a regular file");

	int fd = open(in_dir("huge.session"), O_CREAT | O_WRONLY, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, 17 << 20), 0);
	close(fd);
	assert_int_equal(session_load(&s, in_dir("huge.session"), &err), -1);
	assert_string_equal(err.msg, "larger than 16 MiB");
}

/* Each step of the write protocol fails in turn; nothing is lost. */
static void test_save_fail_each_step(void **state)
{
	(void)state;
	struct session s;
	struct error err;
	make_session(&s, "steps");
	tally_load(&s.tally, 0, 0, 0, 0, 7);
	const char *path = in_dir("s.session");
	assert_int_equal(session_save(&s, path, &err), 0);
	size_t before_len;
	char *before = read_all(path, &before_len);
	assert_non_null(before);
	for (int step = 1; step <= 6; step++) {
		tally_load(&s.tally, 0, 0, 0, 0, 100 + step);
		session_fail_at_step(step);
		assert_int_equal(session_save(&s, path, &err), -1);
		char want[PATH_MAX + 20];
		snprintf(want, sizeof want, "cannot save %s: ", path);
		assert_int_equal(strncmp(err.msg, want, strlen(want)), 0);
		size_t after_len;
		char *after = read_all(path, &after_len);
		assert_non_null(after);
		assert_int_equal(after_len, before_len);
		assert_memory_equal(after, before, before_len);
		free(after);
		if (count_entries(tmpdir) != 1)
			fail_msg("step %d left a file behind", step);
	}
	session_fail_at_step(0);
	assert_int_equal(session_save(&s, path, &err), 0);
	struct session t;
	assert_int_equal(session_load(&t, path, &err), 0);
	assert_int_equal(tally_get(&t.tally, 0, 0), 106);
	session_free(&t);

	/* A first save that fails leaves no file at all. */
	for (int step = 1; step <= 6; step++) {
		session_fail_at_step(step);
		assert_int_equal(session_save(&s, in_dir("new.session"), &err),
				 -1);
		assert_int_equal(count_entries(tmpdir), 1);
	}
	session_fail_at_step(0);
	free(before);
	session_free(&s);
}

/* A disk that fills up: the write fails, the old file stays. */
static void test_full_disk(void **state)
{
	(void)state;
	struct session s;
	struct error err;
	make_session(&s, "full");
	const char *path = in_dir("f.session");
	assert_int_equal(session_save(&s, path, &err), 0);
	size_t before_len;
	char *before = read_all(path, &before_len);
	assert_non_null(before);

	struct rlimit old, tiny;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	tiny = old;
	tiny.rlim_cur = 64;
	void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &tiny), 0);
	tally_load(&s.tally, 0, 0, 0, 1, 9);
	int rc = session_save(&s, path, &err);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, prev);

	assert_int_equal(rc, -1);
	assert_non_null(strstr(err.msg, "cannot save"));
	assert_non_null(strstr(err.msg, strerror(EFBIG)));
	size_t after_len;
	char *after = read_all(path, &after_len);
	assert_int_equal(after_len, before_len);
	assert_memory_equal(after, before, before_len);
	assert_int_equal(count_entries(tmpdir), 1);

	assert_int_equal(session_save(&s, path, &err), 0);
	struct session t;
	assert_int_equal(session_load(&t, path, &err), 0);
	assert_int_equal(tally_get(&t.tally, 0, 1), 9);
	session_free(&t);
	free(before);
	free(after);
	session_free(&s);
}

/* ---- the lock ----------------------------------------------------------- */

static void test_lock_refused(void **state)
{
	(void)state;
	struct error err;
	const char *path = in_dir("l.session");
	int fd = session_lock(path, &err);
	assert_true(fd >= 0);
	char want[80];
	snprintf(want, sizeof want,
		 "session is open in another handsup (process %ld)",
		 (long)getpid());
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct error e;
		int rc = session_lock(path, &e);
		_exit(rc == SESSION_LOCK_HELD && !strcmp(e.msg, want) ? 0 : 1);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	session_unlock(fd, path);
	assert_int_equal(access(in_dir("l.session.lock"), F_OK), -1);
	/* Free again once let go. */
	fd = session_lock(path, &err);
	assert_true(fd >= 0);
	session_unlock(fd, path);
}

/* A lock file that cannot be made is a failure of its own, not "held". */
static void test_lock_cannot_create(void **state)
{
	(void)state;
	struct error err;
	assert_int_equal(session_lock(in_dir("missing/m.session"), &err), -1);
	assert_non_null(strstr(err.msg, "cannot lock "));
	assert_non_null(strstr(err.msg, strerror(ENOENT)));
	write_file(in_dir("file"), "x");
	assert_int_equal(session_lock(in_dir("file/m.session"), &err), -1);
	assert_non_null(strstr(err.msg, strerror(ENOTDIR)));
}

static void test_lock_stale(void **state)
{
	(void)state;
	struct error err;
	const char *path = in_dir("k.session");
	int ready[2];
	assert_int_equal(pipe(ready), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct error e;
		char c = session_lock(path, &e) >= 0 ? 'y' : 'n';
		if (write(ready[1], &c, 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(ready[1]);
	char c = 0;
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	assert_int_equal(c, 'y');

	char want[80];
	snprintf(want, sizeof want, "(process %ld)", (long)pid);
	assert_int_equal(session_lock(path, &err), SESSION_LOCK_HELD);
	assert_non_null(strstr(err.msg, want));

	kill(pid, SIGKILL);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	/* Its lock file is still there, with a dead pid in it. */
	assert_int_equal(access(in_dir("k.session.lock"), F_OK), 0);
	int fd = session_lock(path, &err);
	assert_true(fd >= 0);
	char *text = read_all(in_dir("k.session.lock"), NULL);
	assert_non_null(text);
	assert_int_equal(strtol(text, NULL, 10), (long)getpid());
	free(text);
	session_unlock(fd, path);
}

/* session_lock under a file-size limit of 0: writing the pid fails. */
static int lock_with_full_disk(const char *path, struct error *err)
{
	struct rlimit old, none;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	none = old;
	none.rlim_cur = 0;
	void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &none), 0);
	int fd = session_lock(path, err);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, prev);
	return fd;
}

/*
 * A lock that fails once its file is made (the pid cannot be written on
 * a full disk) leaves no lock file behind; another live holder's file
 * is never removed.
 */
static void test_lock_full_disk(void **state)
{
	(void)state;
	struct error err;
	const char *path = in_dir("f.session");
	assert_int_equal(lock_with_full_disk(path, &err), -1);
	assert_non_null(strstr(err.msg, "cannot lock "));
	assert_non_null(strstr(err.msg, strerror(EFBIG)));
	assert_int_equal(access(in_dir("f.session.lock"), F_OK), -1);
	assert_int_equal(count_entries(tmpdir), 0);

	/* A dead process's lock file is ours to take, and so to remove. */
	write_file(in_dir("f.session.lock"), "999999999\n");
	assert_int_equal(lock_with_full_disk(path, &err), -1);
	assert_int_equal(access(in_dir("f.session.lock"), F_OK), -1);

	int ready[2];
	assert_int_equal(pipe(ready), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct error e;
		char c = session_lock(path, &e) >= 0 ? 'y' : 'n';
		if (write(ready[1], &c, 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(ready[1]);
	char c = 0;
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	assert_int_equal(c, 'y');
	assert_int_equal(lock_with_full_disk(path, &err), SESSION_LOCK_HELD);
	assert_int_equal(access(in_dir("f.session.lock"), F_OK), 0);
	kill(pid, SIGKILL);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	unlink(in_dir("f.session.lock"));
}

/* ---- leftovers, the state folder, names and the list ------------------- */

static pid_t dead_pid(void)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(0);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return pid;
}

static void test_clean_tmp(void **state)
{
	(void)state;
	char name[64];
	pid_t dead = dead_pid();
	snprintf(name, sizeof name, "a.session.tmp.%ld", (long)dead);
	write_file(in_dir(name), "x");
	snprintf(name, sizeof name, "b.session.tmp.%ld.old", (long)dead);
	write_file(in_dir(name), "x");
	snprintf(name, sizeof name, "c.session.tmp.%ld", (long)getpid());
	write_file(in_dir(name), "x");
	snprintf(name, sizeof name, "notes.tmp.%ld", (long)dead);
	write_file(in_dir(name), "x");
	write_file(in_dir("a.session"), "x");
	write_file(in_dir("d.session.tmp.abc"), "x");
	/* Numbers beyond any pid are not ours, and must not overflow. */
	write_file(in_dir("e.session.tmp.99999999999999999999999999"), "x");
	write_file(in_dir("f.session.tmp.4294967297"), "x");
	write_file(in_dir("g.session.tmp.2147483648.old"), "x");
	write_file(in_dir("h.session.tmp.18446744073709551617"), "x");
	session_clean_tmp(tmpdir);
	assert_int_equal(count_entries(tmpdir), 8);
	snprintf(name, sizeof name, "c.session.tmp.%ld", (long)getpid());
	assert_int_equal(access(in_dir(name), F_OK), 0);
	snprintf(name, sizeof name, "a.session.tmp.%ld", (long)dead);
	assert_int_equal(access(in_dir(name), F_OK), -1);
	session_clean_tmp(in_dir("missing")); /* no folder: no harm */
}

static void set_env(const char *name, const char *value)
{
	if (value)
		assert_int_equal(setenv(name, value, 1), 0);
	else
		assert_int_equal(unsetenv(name), 0);
}

static void test_state_dir(void **state)
{
	(void)state;
	struct error err;
	char *saved[3];
	const char *names[3] = {"HANDSUP_STATE_DIR", "XDG_STATE_HOME", "HOME"};
	for (int i = 0; i < 3; i++)
		saved[i] = getenv(names[i]) ? strdup(getenv(names[i])) : NULL;

	set_env("HOME", in_dir("home"));
	set_env("XDG_STATE_HOME", in_dir("xdg"));
	set_env("HANDSUP_STATE_DIR", in_dir("own/deep/er"));
	char *d = session_state_dir(NULL, &err);
	assert_non_null(d);
	assert_string_equal(d, in_dir("own/deep/er"));
	struct stat st;
	assert_int_equal(stat(d, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0700);
	free(d);

	d = session_state_dir(in_dir("cli"), &err);
	assert_non_null(d);
	assert_string_equal(d, in_dir("cli"));
	free(d);

	set_env("HANDSUP_STATE_DIR", NULL);
	d = session_state_dir(NULL, &err);
	assert_non_null(d);
	assert_string_equal(d, in_dir("xdg/handsup"));
	free(d);

	set_env("XDG_STATE_HOME", "relative/state");
	d = session_state_dir(NULL, &err);
	assert_non_null(d);
	assert_string_equal(d, in_dir("home/.local/state/handsup"));
	assert_int_equal(stat(d, &st), 0);
	free(d);

	set_env("XDG_STATE_HOME", NULL);
	set_env("HOME", NULL);
	assert_null(session_state_dir(NULL, &err));
	assert_non_null(strstr(err.msg, "HOME"));

	write_file(in_dir("plain"), "x");
	assert_null(session_state_dir(in_dir("plain/sub"), &err));
	assert_non_null(strstr(err.msg, "cannot create"));

	for (int i = 0; i < 3; i++) {
		set_env(names[i], saved[i]);
		free(saved[i]);
	}
}

/* Nothing an error message shows can act on a terminal. */
static void assert_printable(const char *msg)
{
	size_t len = strlen(msg), i = 0;
	assert_true(text_utf8_valid(msg, len, NULL));
	while (i < len) {
		unsigned cp;
		i += text_decode(msg + i, len - i, &cp, NULL);
		if (text_is_unsafe(cp))
			fail_msg("U+%04X in '%s'", cp, msg);
	}
}

/* A path holding a screen-clearing escape and a right-to-left override. */
#define EVIL                                                                   \
	"no\x1b[2J\xe2\x80\xae"                                                \
	"evil"

static void test_messages_sanitised(void **state)
{
	(void)state;
	struct session s;
	struct error err;
	char *saved = getenv("HANDSUP_STATE_DIR");
	saved = saved ? strdup(saved) : NULL;
	make_session(&s, "evil");

	const char *path = in_dir(EVIL "/x.session");
	assert_int_equal(session_save(&s, path, &err), -1);
	assert_printable(err.msg);
	assert_true(strncmp(err.msg, "cannot save ", 12) == 0);
	assert_non_null(strstr(err.msg, "no\xef\xbf\xbd[2J\xef\xbf\xbd"
					"evil"
					"/x.session: "));

	assert_int_equal(session_lock(path, &err), -1);
	assert_printable(err.msg);
	assert_non_null(strstr(err.msg, "cannot lock "));

	struct session t;
	assert_int_equal(session_load(&t, path, &err), -1);
	assert_printable(err.msg);

	write_file(in_dir("plain"), "x");
	assert_null(session_state_dir(in_dir("plain/" EVIL), &err));
	assert_printable(err.msg);
	assert_non_null(strstr(err.msg, "cannot create "));
	set_env("HANDSUP_STATE_DIR", in_dir("plain/" EVIL "\xff"));
	assert_null(session_state_dir(NULL, &err));
	assert_printable(err.msg);
	assert_non_null(strstr(err.msg, "\xef\xbf\xbd[2J"));
	set_env("HANDSUP_STATE_DIR", saved);
	free(saved);

	/* A long path gives way to the reason, which is always whole. */
	char longp[1024];
	static const char mid[] = "/" EVIL;
	size_t k = strlen(tmpdir);
	memcpy(longp, tmpdir, k);
	memcpy(longp + k, mid, sizeof mid - 1);
	for (k += sizeof mid - 1; k + 2 < sizeof longp; k += 2)
		memcpy(longp + k, "/a", 2);
	longp[k] = '\0';
	assert_int_equal(session_save(&s, longp, &err), -1);
	assert_printable(err.msg);
	size_t n = strlen(err.msg);
	const char *why = ": No such file or directory";
	if (n < strlen(why) || strcmp(err.msg + n - strlen(why), why) != 0)
		fail_msg("'%s'", err.msg);
	session_free(&s);
}

static void test_new_path(void **state)
{
	(void)state;
	struct session s;
	make_session(&s, "Sales Kick-off: Day 1 / Room B!");
	char stamp[32];
	struct tm tm;
	localtime_r(&start_time, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	char want[PATH_MAX];
	for (int i = 1; i <= 3; i++) {
		char *p = session_new_path(tmpdir, &s);
		assert_non_null(p);
		if (i == 1)
			snprintf(want, sizeof want,
				 "%s/%s-sales-kick-off-day-1-room-b.session",
				 tmpdir, stamp);
		else
			snprintf(want, sizeof want,
				 "%s/%s-sales-kick-off-day-1-room-b-%d.session",
				 tmpdir, stamp, i);
		assert_string_equal(p, want);
		write_file(p, "x");
		free(p);
	}
	free(s.name);
	s.name = strdup("日本語 ✓");
	char *p = session_new_path(tmpdir, &s);
	snprintf(want, sizeof want, "%s/%s-session.session", tmpdir, stamp);
	assert_string_equal(p, want);
	free(p);
	free(s.name);
	s.name = strdup("a-very-long-name-that-goes-on-and-on-and-on-forever");
	p = session_new_path(tmpdir, &s);
	const char *slug = strrchr(p, '/') + 1 + strlen(stamp) + 1;
	assert_true(strlen(slug) - strlen(".session") <= 40);
	free(p);
	free(s.name);
	s.name = strdup("abcdefghij abcdefghij abcdefghij abcdef xyz");
	p = session_new_path(tmpdir, &s);
	slug = strrchr(p, '/') + 1 + strlen(stamp) + 1;
	/* Cut at a word: never "abcdefx", never a trailing '-'. */
	assert_string_equal(slug, "abcdefghij-abcdefghij-abcdefghij-abcdef"
				  ".session");
	free(p);
	session_free(&s);
}

static void save_named(const char *file, const char *name, int counted,
		       time_t mtime)
{
	struct session s;
	struct error err;
	make_session(&s, name);
	for (int i = 0; i < counted; i++)
		tally_load(&s.tally, i, 0, 0, 1, 1);
	s.current = counted;
	assert_int_equal(session_save(&s, in_dir(file), &err), 0);
	struct timespec ts[2] = {{mtime, 0}, {mtime, 0}};
	assert_int_equal(utimensat(AT_FDCWD, in_dir(file), ts, 0), 0);
	session_free(&s);
}

static void test_list(void **state)
{
	(void)state;
	struct session_summary *list;
	size_t n;
	assert_int_equal(session_list(tmpdir, &list, &n), 0);
	assert_int_equal(n, 0);
	session_list_free(list, n);
	assert_int_equal(session_list(in_dir("missing"), &list, &n), 0);
	assert_int_equal(n, 0);

	save_named("b.session", "middle", 2, 2000000000);
	save_named("a.session", "newest", 3, 2000000500);
	save_named("c.session", "oldest", 0, 1900000000);
	write_file(in_dir("broken.session"), HEAD ITEM);
	write_file(in_dir("notes.txt"), "x");
	write_file(in_dir("x.session.tmp.1"), HEAD ITEM "end\n");
	assert_int_equal(session_list(tmpdir, &list, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].name, "newest");
	assert_string_equal(list[1].name, "middle");
	assert_string_equal(list[2].name, "oldest");
	assert_string_equal(list[0].path, in_dir("a.session"));
	assert_string_equal(list[0].deck_title, d_title);
	assert_int_equal(list[0].modified, 2000000500);
	assert_int_equal(list[0].started, start_time);
	assert_int_equal(list[0].nitems, 3);
	assert_int_equal(list[0].counted, 3);
	assert_int_equal(list[0].current, 3);
	assert_int_equal(list[1].counted, 2);
	assert_int_equal(list[2].counted, 0);
	assert_false(list[0].in_use);
	session_list_free(list, n);
}

/* The index of the summary of file in list, which must hold it. */
static size_t find_summary(const struct session_summary *list, size_t n,
			   const char *file)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i].path, in_dir(file)))
			return i;
	fail_msg("%s not listed", file);
	return 0;
}

/*
 * A session locked by another live process shows as in use, without the
 * list taking the lock; once that process is gone (its lock file left
 * behind) it does not.  Files that cannot be listed are counted.
 */
static void test_list_in_use_skipped(void **state)
{
	(void)state;
	struct session_summary *list;
	size_t n, skipped = 99;
	int up[2], down[2];
	char c = 0;

	save_named("held.session", "held", 1, 2000000000);
	save_named("free.session", "free", 1, 2000000100);
	write_file(in_dir("broken.session"), HEAD ITEM);
	write_file(in_dir("empty.session"), "");
	assert_int_equal(mkdir(in_dir("folder.session"), 0700), 0);
	write_file(in_dir("notes.txt"), "x");
	write_file(in_dir("held.session.tmp.1"), "x");
	assert_int_equal(session_list_skipped(tmpdir, &list, &n, &skipped), 0);
	assert_int_equal(n, 2);
	assert_int_equal(skipped, 3);
	assert_false(list[0].in_use);
	assert_false(list[1].in_use);
	session_list_free(list, n);

	assert_int_equal(pipe(up), 0);
	assert_int_equal(pipe(down), 0);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct error err;
		close(up[0]);
		close(down[1]);
		int fd = session_lock(in_dir("held.session"), &err);
		char ok = fd >= 0 ? 'y' : 'n';
		if (write(up[1], &ok, 1) != 1)
			_exit(1);
		/* Holds the lock until the parent closes its end. */
		while (read(down[0], &ok, 1) > 0)
			;
		_exit(0);
	}
	close(up[1]);
	close(down[0]);
	assert_int_equal(read(up[0], &c, 1), 1);
	assert_int_equal(c, 'y');
	assert_int_equal(session_list_skipped(tmpdir, &list, &n, &skipped), 0);
	assert_int_equal(n, 2);
	assert_int_equal(skipped, 3);
	assert_true(list[find_summary(list, n, "held.session")].in_use);
	assert_false(list[find_summary(list, n, "free.session")].in_use);
	session_list_free(list, n);

	/* Listing did not take the lock: the holder still has it. */
	struct error err;
	assert_int_equal(session_lock(in_dir("held.session"), &err),
			 SESSION_LOCK_HELD);

	close(down[1]);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	close(up[0]);
	assert_int_equal(access(in_dir("held.session.lock"), F_OK), 0);
	assert_int_equal(session_list(tmpdir, &list, &n), 0);
	assert_int_equal(n, 2);
	assert_false(list[0].in_use);
	assert_false(list[1].in_use);
	session_list_free(list, n);

	/* A missing folder: nothing listed, nothing skipped. */
	assert_int_equal(
		session_list_skipped(in_dir("missing"), &list, &n, &skipped),
		0);
	assert_int_equal(n, 0);
	assert_int_equal(skipped, 0);
	session_list_free(list, n);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup_dir, teardown_dir)
	const struct CMUnitTest tests[] = {
		T(test_from_deck),
		T(test_format_exact),
		T(test_round_trip),
		T(test_hostile_strings),
		T(test_paragraphs_in_a_view),
		T(test_byte_order_mark),
		T(test_parse_minimal),
		T(test_parse_labels),
		T(test_parse_errors),
		T(test_parse_numbers),
		T(test_parse_times),
		T(test_truncated_prefixes),
		T(test_parse_format1),
		T(test_parse_format2),
		T(test_round_trip_format2),
		T(test_format2_prefixes),
		T(test_format2_strict),
		T(test_reader_rules),
		T(test_many_items_one_heading),
		T(test_save_load),
		T(test_load_errors),
		T(test_save_fail_each_step),
		T(test_full_disk),
		T(test_lock_refused),
		T(test_lock_cannot_create),
		T(test_lock_stale),
		T(test_lock_full_disk),
		T(test_clean_tmp),
		T(test_state_dir),
		T(test_messages_sanitised),
		T(test_new_path),
		T(test_list),
		T(test_list_in_use_skipped),
	};
	return cmocka_run_group_tests_name("session", tests, NULL, NULL);
}
