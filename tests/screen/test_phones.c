/*
 * Phones in the room, as the facilitator and a phone see it: the QR code
 * and the address on the title and item screens (the code read back off
 * the screen is the address's), votes that add to the hands and follow
 * the screen, a vote changed, hidden results, and a taken port that
 * leaves the session to the hands.  The phones are plain HTTP clients
 * on loopback.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>

#include "net/qr.h"
#include "room_util.h"

static struct hs *start_room(struct room *m, int rows, int cols,
			     const char *groups)
{
	return room_start(m, rows, cols, "phones", groups);
}

/* Another phone at the room's address, that has opened the page. */
static struct phone phone_of(const struct room *m)
{
	struct phone p = m->base;
	p.cookie[0] = '\0';
	assert_int_equal(phone_join(&p), 200);
	return p;
}

/*
 * The modules of the code on the screen at (y, x), scale 1: each cell
 * two modules, a half block for one, painted for both, in the colour of
 * a dark module (the finder's corner at module (2, 2): cell row 1).
 */
static bool screen_module(struct hs *h, int y, int x, int mx, int my,
			  int dark_bg)
{
	struct hs_cell c;
	int row = y + my / 2, col = x + mx;
	assert_true(hs_cell(h, row, col, &c));
	if (strcmp(c.text, "▄") == 0) {
		bool upper = hs_upper_half(h, row, col);
		return (my % 2 == 0) == upper;
	}
	return c.bg == dark_bg;
}

/* The QR code on the screen is the code of the URL shown, module for module. */
static void expect_code_of_url(struct hs *h, const struct phone *p, int y,
			       int x)
{
	char url[160];
	struct qr q;
	struct error err;
	snprintf(url, sizeof url, "HTTP://%s:%d/%s", p->host, p->port, p->code);
	assert_int_equal(qr_make(&q, url, 2, &err), 0);
	struct hs_cell c;
	assert_true(hs_cell(h, y + 1, x + 2, &c));
	int dark = c.bg;
	int wrong = 0;
	for (int my = 0; my < q.size; my++)
		for (int mx = 0; mx < q.size; mx++)
			wrong += screen_module(h, y, x, mx, my, dark) !=
				 qr_dark(&q, mx, my);
	qr_free(&q);
	if (wrong) {
		hs_dump(h, "the QR code");
		fail_msg("%d modules differ from the code of %s", wrong, url);
	}
}

/*
 * Where the code starts, k cells a module: below the top bar, at the
 * right edge but for a column and a half of margin.
 */
static void find_code(struct hs *h, const struct phone *p, int k, int *y,
		      int *x)
{
	char url[160];
	struct qr q;
	struct error err;
	snprintf(url, sizeof url, "HTTP://%s:%d/%s", p->host, p->port, p->code);
	assert_int_equal(qr_make(&q, url, 2, &err), 0);
	*y = 1;
	*x = hs_cols(h) - k * q.size - 2;
	qr_free(&q);
	/* The quiet zone's corner is paper, the finder's is ink. */
	if (su_cell_painted(h, *y, *x) ||
	    !su_cell_painted(h, *y + k, *x + 2 * k)) {
		hs_dump(h, "no QR code");
		fail_msg("no QR code at row %d, column %d", *y, *x);
	}
}

static void test_code_and_address_on_screen(void **state)
{
	(void)state;
	struct room m;
	struct hs *h = start_room(&m, 24, 80, NULL);
	assert_int_equal(m.base.port, atoi(strchr(m.listen, ':') + 1));
	assert_int_equal(strlen(m.base.code), 8);
	su_expect(h, "0 phones joined");
	int y, x;
	find_code(h, &m.base, 1, &y, &x);
	expect_code_of_url(h, &m.base, y, x);
	/* The same code on every item screen. */
	su_press(h, HS_KEY_RIGHT);
	su_expect(h, "0 phones + 0 hands");
	su_expect(h, "0 joined, 0 voted");
	find_code(h, &m.base, 1, &y, &x);
	expect_code_of_url(h, &m.base, y, x);
	/* And in the session file, for a resume. */
	struct session s;
	su_load(m.r.dir, &s);
	assert_string_equal(s.phones, m.base.code);
	session_free(&s);
	su_quit(&m.r);
	su_end(&m.r);
}

/*
 * Beside the code at 80x24, the title screen gives up its blank rows
 * before any text: every group of the built-in deck and the intro's
 * last words stay.
 */
static void test_title_whole_beside_the_code(void **state)
{
	(void)state;
	struct room m;
	snprintf(m.listen, sizeof m.listen, "127.0.0.1:%d", phone_free_port());
	const char *argv[] = {"handsup",  "--name", "phones",
			      "--listen", m.listen, NULL};
	struct hs *h = su_start(&m.r, 24, 80, argv, NULL);
	su_expect(h, "0 phones joined");
	su_expect(h, "Leadership");
	su_expect_not(h, "Sales\xe2\x80\xa6");
	su_expect(h, "select alike.");
	su_expect(h, "Press Right, PageDown or Space to begin");
	su_quit(&m.r);
	su_end(&m.r);
}

static void test_votes_add_to_hands(void **state)
{
	(void)state;
	struct room m;
	struct hs *h = start_room(&m, 24, 80, NULL);
	struct phone a = phone_of(&m);
	su_press(h, HS_KEY_RIGHT);
	su_until(h, "1 joined, 0 voted", true);
	struct phone b = phone_of(&m);
	assert_int_equal(phone_vote(&a, 1, 1, 2), 303);
	assert_int_equal(phone_vote(&b, 1, 1, 2), 303);
	su_until(h, "2 phones + 0 hands", true);
	su_presses(h, "111");
	su_until(h, "2 phones + 3 hands", true);
	SU_EXPECT2(h, 3, 2);
	/* A phone changes its mind: the vote moves, it is not added. */
	assert_int_equal(phone_vote(&a, 1, 1, 1), 303);
	su_until(h, "2 joined, 2 voted", true);
	su_until_chart(h, 4, 1);
	SU_EXPECT2(h, 4, 1);
	/* Undo takes back a hand, never a phone's vote. */
	su_press(h, 'u');
	SU_EXPECT2(h, 3, 1);
	/* Saved as the screen shows it: hands and ballots apart. */
	struct session s;
	su_load(m.r.dir, &s);
	assert_int_equal(tally_get(&s.tally, 0, 0), 2);
	assert_int_equal(tally_get(&s.tally, 0, 1), 0);
	assert_int_equal(ballots_joined(s.ballots), 2);
	session_free(&s);
	su_quit(&m.r);
	su_end(&m.r);
}

static void test_voting_follows_the_screen(void **state)
{
	(void)state;
	struct room m;
	struct hs *h = start_room(&m, 24, 80, NULL);
	struct phone a = phone_of(&m);
	/* Nothing is open on the title screen. */
	assert_int_equal(phone_vote(&a, 1, 1, 1), 409);
	su_press(h, HS_KEY_RIGHT);
	assert_int_equal(phone_vote(&a, 1, 1, 1), 303);
	su_until(h, "1 phone + 0 hands", true);
	su_press(h, HS_KEY_RIGHT);
	/* Item 1 closed when the screen moved on; item 2 is open. */
	assert_int_equal(phone_vote(&a, 1, 1, 2), 409);
	assert_int_equal(phone_vote(&a, 2, 1, 2), 303);
	su_until(h, "1 phone + 0 hands   2 / 7", true);
	/* Hidden results: the room votes blind, the count goes on. */
	assert_int_equal(hs_send(h, "h"), 0);
	su_until(h, "Results are hidden from the room", true);
	struct phone b = phone_of(&m);
	assert_int_equal(phone_vote(&b, 2, 1, 1), 303);
	su_until(h, "2 joined, 2 voted", true);
	assert_int_equal(hs_send(h, "h"), 0);
	su_until(h, "Results are hidden from the room", false);
	SU_EXPECT2(h, 1, 1);
	/* A new round closes the first: a vote there is refused. */
	su_press(h, 'n');
	su_press(h, 'y');
	assert_int_equal(phone_vote(&b, 2, 1, 2), 409);
	assert_int_equal(phone_vote(&b, 2, 2, 2), 303);
	su_until(h, "1 phone + 0 hands", true);
	/* v closes voting; the ballots stay on screen and on disk. */
	assert_int_equal(hs_send(h, "v"), 0);
	su_until(h, "Phone voting is closed", true);
	su_expect_not(h, "http://");
	assert_int_equal(phone_vote(&b, 2, 2, 1), 0);
	su_quit(&m.r);
	struct session s;
	su_load(m.r.dir, &s);
	assert_int_equal(ballots_joined(s.ballots), 2);
	assert_null(s.phones_url);
	session_free(&s);
	/* Closed by the facilitator, voting stays closed on a resume. */
	char path[512];
	su_session_path(m.r.dir, path, sizeof path);
	const char *again[] = {"handsup", "resume", path, NULL};
	h = su_launch(&m.r, 24, 80, again, NULL);
	su_expect(h, "1 phone + 0 hands   2 / 7");
	su_expect_not(h, "http://");
	su_expect_not(h, "Phones:");
	su_quit(&m.r);
	su_end(&m.r);
}

static void test_groups_are_picked_once(void **state)
{
	(void)state;
	struct room m;
	struct hs *h = start_room(&m, 24, 80, "Sales|Marketing");
	struct phone a = phone_of(&m);
	su_press(h, HS_KEY_RIGHT);
	struct phone_reply r;
	assert_int_equal(phone_ask(&a, "GET", "", NULL, &r), 200);
	assert_non_null(strstr(r.body, "Which group are you in?"));
	assert_non_null(strstr(r.body, "Marketing"));
	/* No vote before a group. */
	assert_int_equal(phone_vote(&a, 1, 1, 1), 400);
	assert_int_equal(phone_group(&a, 2), 303);
	assert_int_equal(phone_vote(&a, 1, 1, 1), 303);
	su_until(h, "1 phone + 0 hands", true);
	su_expect(h, "Marketing");
	/* A count is a vote now, by hand or by phone. */
	su_expect(h, "1 vote; % of the votes");
	struct session s;
	su_load(m.r.dir, &s);
	struct tally t = {0};
	assert_int_equal(session_counts(&s, &t), 0);
	assert_int_equal(tally_group_get(&t, 0, 1, 0), 1);
	tally_free(&t);
	session_free(&s);
	su_quit(&m.r);
	su_end(&m.r);
}

/* Someone else has the port: the screen says so, the hands go on. */
/*
 * A phone that keeps no cookie is told so and counts nothing, however
 * often it taps: one device, one ballot at the most.
 */
static void test_no_cookie_no_ballot(void **state)
{
	(void)state;
	struct room m;
	struct hs *h = start_room(&m, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	struct phone p = m.base;
	struct phone_reply r;
	for (int i = 0; i < 4; i++) {
		p.cookie[0] = '\0';
		assert_int_equal(phone_ask(&p, "GET", "", NULL, &r), 200);
		p.cookie[0] = '\0';
		assert_int_equal(phone_ask(&p, "POST", "/vote",
					   "item=1&round=1&view=1", &r),
				 400);
		assert_non_null(strstr(r.body, "Allow cookies"));
	}
	su_expect(h, "0 joined, 0 voted");
	su_expect(h, "0 phones + 0 hands");
	su_quit(&m.r);
	struct session s;
	su_load(m.r.dir, &s);
	assert_true(s.ballots == NULL || ballots_joined(s.ballots) == 0);
	session_free(&s);
	su_end(&m.r);
}

static void test_port_taken(void **state)
{
	(void)state;
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(listen(fd, 1), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	char where[32];
	snprintf(where, sizeof where, "127.0.0.1:%d", ntohs(a.sin_port));
	struct su_run r;
	const char *argv[] = {"handsup", "--no-groups", "--listen", where,
			      NULL};
	struct hs *h = su_start(&r, 24, 80, argv, NULL);
	su_expect(h, "Phones are off");
	su_expect(h, "in use");
	su_expect_not(h, "http://");
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "12");
	SU_EXPECT2(h, 1, 1);
	su_expect(h, "2 hands");
	su_quit(&r);
	/* Voting never opened: the session has no phones, and is format 2. */
	struct session s;
	su_load(r.dir, &s);
	assert_null(s.phones);
	assert_null(s.ballots);
	assert_int_equal(s.version, 2);
	session_free(&s);
	su_end(&r);
	close(fd);
}

/* Too small for the code: the address alone, on the title screen. */
static void test_small_terminal(void **state)
{
	(void)state;
	struct room m;
	snprintf(m.listen, sizeof m.listen, "127.0.0.1:%d", phone_free_port());
	const char *argv[] = {"handsup", "--no-groups", "--listen", m.listen,
			      NULL};
	struct hs *h = su_start(&m.r, 12, 40, argv, NULL);
	/* A redraw puts the hints back in place of the one-shot message:
	 * what stays is the screen's own line. */
	su_press(h, 'L' & 0x1f);
	int row, col;
	assert_true(hs_find(h, "http://127.0.0.1:", &row, &col));
	assert_true(row < hs_rows(h) - 1);
	su_press(h, HS_KEY_RIGHT);
	su_expect(h, "0 phones");
	assert_true(hs_find(h, "http://127.0.0.1:", &row, &col));
	assert_true(row < hs_rows(h) - 1);
	su_quit(&m.r);
	su_end(&m.r);
}

/*
 * Where the code does not fit the item's body (a timer's band below it,
 * a short window, ASCII), the item screen gives its address as text.
 */
static void test_address_without_the_code(void **state)
{
	(void)state;
	struct room m;
	snprintf(m.listen, sizeof m.listen, "127.0.0.1:%d", phone_free_port());
	const char *timer[] = {"handsup",  "--no-groups", "--timer", "2m",
			       "--listen", m.listen,	  NULL};
	struct hs *h = su_start(&m.r, 20, 80, timer, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_expect(h, "http://127.0.0.1:");
	/* No module of a code above the timer's band: none of its white. */
	int band, bcol;
	assert_true(hs_find(h, "Discussion", &band, &bcol));
	for (int row = 1; row < band; row++)
		for (int col = 0; col < hs_cols(h); col++) {
			struct hs_cell c;
			assert_true(hs_cell(h, row, col, &c));
			if (c.bg == 231)
				fail_msg("a white cell at %d,%d", row, col);
		}
	su_quit(&m.r);
	su_end(&m.r);
	const char *ascii[] = {"handsup",  "--no-groups", "--ascii",
			       "--listen", m.listen,	  NULL};
	h = su_start(&m.r, 24, 80, ascii, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_expect(h, "http://127.0.0.1:");
	su_quit(&m.r);
	su_end(&m.r);
}

/* On a room's screen each module is two cells wide, one cell tall. */
static void test_large_code(void **state)
{
	(void)state;
	struct room m;
	struct hs *h = start_room(&m, 48, 160, NULL);
	char url[160];
	struct qr q;
	struct error err;
	snprintf(url, sizeof url, "HTTP://%s:%d/%s", m.base.host, m.base.port,
		 m.base.code);
	assert_int_equal(qr_make(&q, url, 2, &err), 0);
	int y, x;
	find_code(h, &m.base, 2, &y, &x);
	int wrong = 0;
	for (int my = 0; my < q.size; my++)
		for (int mx = 0; mx < q.size; mx++)
			for (int k = 0; k < 2; k++)
				wrong += su_cell_painted(h, y + my,
							 x + 2 * mx + k) !=
					 qr_dark(&q, mx, my);
	qr_free(&q);
	if (wrong) {
		hs_dump(h, "the large QR code");
		fail_msg("%d cells differ from the code of %s", wrong, url);
	}
	su_quit(&m.r);
	su_end(&m.r);
}

/*
 * The audience view on the projector shows the code too, with the
 * phones' count, and stops showing it when voting closes.
 */
static void test_audience_view_shows_the_code(void **state)
{
	(void)state;
	struct room m;
	struct hs *h = start_room(&m, 24, 80, NULL);
	const char *argv[] = {"handsup", "follow", NULL};
	struct hs *v = hs_start(24, 80, argv, m.r.env);
	assert_non_null(v);
	su_track(su_tracked_dirs, su_tracked_hs, NULL, v, true);
	assert_int_not_equal(hs_wait_frame(v), -1);
	su_until(v, "0 phones joined", true);
	char url[160];
	assert_true(room_shown_url(v, url, sizeof url));
	struct phone seen;
	assert_true(phone_from_url(&seen, url));
	assert_string_equal(seen.code, m.base.code);
	assert_int_equal(seen.port, m.base.port);
	int y, x;
	find_code(v, &m.base, 1, &y, &x);
	expect_code_of_url(v, &m.base, y, x);
	su_press(h, HS_KEY_RIGHT);
	struct phone a = phone_of(&m);
	assert_int_equal(phone_vote(&a, 1, 1, 1), 303);
	su_until(v, "1 joined, 1 voted", true);
	su_press(h, 'v');
	su_until(v, "http://", false);
	su_quit(&m.r);
	/* The facilitator quit: the view says so and leaves. */
	int status = 0;
	assert_int_not_equal(hs_finish(v, &status), -1);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	su_expect(v, "The session has ended");
	su_track(su_tracked_dirs, su_tracked_hs, NULL, v, false);
	hs_free(v);
	su_end(&m.r);
}

/*
 * A resume without --listen listens where the session's voting last
 * did: after a kill -9 the phones' URL, and their cookies, go on as
 * they were; so does v, closing voting and opening it again.  When that address is gone the facilitator is told the URL
 * is new (or, on a machine with no other network, that there is none).
 */
static void test_resume_keeps_the_address(void **state)
{
	(void)state;
	struct room m;
	struct hs *h = start_room(&m, 24, 80, NULL);
	struct phone a = phone_of(&m);
	su_press(h, HS_KEY_RIGHT);
	assert_int_equal(phone_vote(&a, 1, 1, 2), 303);
	su_until(h, "1 phone + 0 hands", true);
	kill(hs_pid(h), SIGKILL);
	su_forget(&m.r);
	char path[512], url[160];
	su_session_path(m.r.dir, path, sizeof path);
	snprintf(url, sizeof url, "http://%s:%d/%s", m.base.host, m.base.port,
		 m.base.code);
	const char *again[] = {"handsup", "resume", path, NULL};
	h = su_launch(&m.r, 24, 80, again, NULL);
	su_until(h, "1 phone + 0 hands", true);
	su_expect(h, "Phones: http://");
	char shown[96];
	assert_true(room_shown_url(h, shown, sizeof shown));
	assert_string_equal(shown, url);
	/* The same phone, its old cookie: its ballot, changed. */
	assert_int_equal(phone_vote(&a, 1, 1, 1), 303);
	su_until_chart(h, 1, 0);
	su_expect(h, "1 joined, 1 voted");
	/* Closed with v and opened again: the same address still. */
	assert_int_equal(hs_send(h, "v"), 0);
	su_until(h, "Phone voting is closed", true);
	assert_int_equal(hs_send(h, "v"), 0);
	su_until(h, "Phones: http://", true);
	assert_true(room_shown_url(h, shown, sizeof shown));
	assert_string_equal(shown, url);
	assert_int_equal(phone_vote(&a, 1, 1, 2), 303);
	su_until_chart(h, 0, 1);
	kill(hs_pid(h), SIGKILL);
	su_forget(&m.r);

	/* The port taken meanwhile: not the old URL, and it says so. */
	struct sockaddr_in sa = {.sin_family = AF_INET,
				 .sin_port = htons((uint16_t)m.base.port),
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	/* The phone's closed connections may linger on the port. */
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(listen(fd, 1), 0);
	h = su_launch(&m.r, 24, 80, again, NULL);
	su_until(h, "1 phone + 0 hands", true);
	bool told =
		hs_screen_contains(h, "Phones, at a new address: http://") ||
		hs_screen_contains(h, "Phones are off: no network here");
	if (!told) {
		hs_dump(h, "a new address");
		fail_msg("a resume whose address is gone says nothing of it");
	}
	su_expect_not(h, url);
	close(fd);
	su_quit(&m.r);
	su_end(&m.r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_code_and_address_on_screen),
		cmocka_unit_test(test_title_whole_beside_the_code),
		cmocka_unit_test(test_votes_add_to_hands),
		cmocka_unit_test(test_voting_follows_the_screen),
		cmocka_unit_test(test_groups_are_picked_once),
		cmocka_unit_test(test_no_cookie_no_ballot),
		cmocka_unit_test(test_port_taken),
		cmocka_unit_test(test_small_terminal),
		cmocka_unit_test(test_large_code),
		cmocka_unit_test(test_address_without_the_code),
		cmocka_unit_test(test_audience_view_shows_the_code),
		cmocka_unit_test(test_resume_keeps_the_address),
	};
	return cmocka_run_group_tests(tests, NULL, su_cleanup);
}
