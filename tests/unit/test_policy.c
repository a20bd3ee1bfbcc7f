/*
 * Unit tests of policy: the routes and their statuses, form bodies,
 * percent-decoding, the ballot cookie, and the limits on connections
 * and on the rate, on times handed in.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "net/policy.h"

#include "unit_util.h"

#define CODE "Xk3pQ9wz"

static void expect_route(const char *method, const char *path, int status,
			 enum policy_route want)
{
	enum policy_route r;
	int got = policy_route(method, path, CODE, &r);
	if (got != status || r != want)
		fail_msg("%s %s: %d route %d, want %d route %d", method, path,
			 got, r, status, want);
}

static void test_routes(void **state)
{
	(void)state;
	expect_route("GET", "/" CODE, 200, ROUTE_PAGE);
	expect_route("HEAD", "/" CODE, 200, ROUTE_PAGE);
	expect_route("GET", "/" CODE "/state", 200, ROUTE_STATE);
	expect_route("POST", "/" CODE "/vote", 200, ROUTE_VOTE);
	expect_route("POST", "/" CODE "/group", 200, ROUTE_GROUP);
	expect_route("POST", "/" CODE, 405, ROUTE_PAGE);
	expect_route("GET", "/" CODE "/vote", 405, ROUTE_VOTE);
	expect_route("PUT", "/" CODE "/vote", 405, ROUTE_VOTE);
	expect_route("DELETE", "/" CODE "/state", 405, ROUTE_STATE);
	static const char *missing[] = {
		"/",
		"",
		"x",
		"/" CODE "/",
		"/" CODE "x",
		"/Xk3pQ9w",
		"/xk3pQ9wz",
		"/" CODE "/vote/",
		"/" CODE "/../" CODE,
		"/" CODE "/state?x=1",
		"//" CODE,
		"/" CODE "/favicon.ico",
		"/etc/passwd",
		"/" CODE "/VOTE",
	};
	for (size_t i = 0; i < sizeof missing / sizeof *missing; i++) {
		expect_route("GET", missing[i], 404, ROUTE_NONE);
		expect_route("POST", missing[i], 404, ROUTE_NONE);
	}
	enum policy_route r;
	assert_int_equal(policy_route(NULL, "/" CODE, CODE, &r), 404);
	assert_int_equal(policy_route("GET", NULL, CODE, &r), 404);
	/* A code that is not one matches nothing, not even itself. */
	assert_int_equal(policy_route("GET", "/ab", "ab", &r), 404);
	assert_int_equal(policy_route("GET", "/", "", &r), 404);
}

static void test_codes(void **state)
{
	(void)state;
	assert_true(policy_code_valid("abc123"));
	assert_true(policy_code_valid("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"));
	assert_false(policy_code_valid("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"));
	assert_false(policy_code_valid("abc12"));
	assert_false(policy_code_valid("abc-123"));
	assert_false(policy_code_valid("abc/123"));
	assert_false(policy_code_valid(NULL));
}

static int form(enum policy_route route, const char *body,
		struct policy_form *f)
{
	struct policy_limits l;
	policy_defaults(&l);
	return policy_form(route, body, strlen(body), &l, f);
}

static void test_forms(void **state)
{
	(void)state;
	struct policy_form f;
	assert_int_equal(form(ROUTE_VOTE, "item=3&round=1&view=2", &f), 200);
	assert_int_equal(f.item, 3);
	assert_int_equal(f.round, 1);
	assert_int_equal(f.view, 2);
	assert_int_equal(f.group, -1);
	assert_int_equal(form(ROUTE_VOTE, "view=2&item=%31%30&round=1", &f),
			 200);
	assert_int_equal(f.item, 10);
	assert_int_equal(form(ROUTE_GROUP, "group=4", &f), 200);
	assert_int_equal(f.group, 4);
	assert_int_equal(form(ROUTE_GROUP, "group=9999", &f), 200);

	static const char *bad_vote[] = {
		"",
		"item=3&round=1",
		"item=3&round=1&view=2&view=2",
		"item=3&round=1&view=2&",
		"&item=3&round=1&view=2",
		"item=3&&round=1&view=2",
		"item=3&round=1&view=0",
		"item=03&round=1&view=2",
		"item=3&round=1&view=-2",
		"item=3&round=1&view=2x",
		"item=3&round=1&view=+2",
		"item=3&round=1&view=%2",
		"item=3&round=1&view=%zz",
		"item=3&round=1&view=%00",
		"item=3&round=1&view=",
		"item=3&round=1&view",
		"item=3&round=1&view=12345",
		"item=3&round=1&view=2&group=1",
		"item=3&round=1&View=2",
		"item=3&round=1&view%3d2",
		"item=3&round=1&view=2&x=1",
	};
	for (size_t i = 0; i < sizeof bad_vote / sizeof *bad_vote; i++)
		if (form(ROUTE_VOTE, bad_vote[i], &f) != 400)
			fail_msg("taken: '%s'", bad_vote[i]);
	assert_int_equal(form(ROUTE_GROUP, "item=1", &f), 400);
	assert_int_equal(form(ROUTE_GROUP, "group=1&group=2", &f), 400);
	assert_int_equal(form(ROUTE_PAGE, "group=1", &f), 400);

	char big[400];
	memset(big, '1', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	memcpy(big, "group=", 6);
	assert_int_equal(form(ROUTE_GROUP, big, &f), 413);
	/* A NUL inside the body ends nothing: it is refused. */
	struct policy_limits l;
	policy_defaults(&l);
	assert_int_equal(policy_form(ROUTE_GROUP, "group=1\0", 8, &l, &f), 400);
}

static void test_decode(void **state)
{
	(void)state;
	char out[16];
	assert_int_equal(policy_decode("a+b%41%2f", 9, out, sizeof out), 5);
	assert_string_equal(out, "a bA/");
	assert_int_equal(policy_decode("%4", 2, out, sizeof out), -1);
	assert_int_equal(policy_decode("%", 1, out, sizeof out), -1);
	assert_int_equal(policy_decode("%g0", 3, out, sizeof out), -1);
	assert_int_equal(policy_decode("%00", 3, out, sizeof out), -1);
	assert_int_equal(policy_decode("abcd", 4, out, 4), -1);
	assert_int_equal(policy_decode("abc", 3, out, 4), 3);
	assert_int_equal(policy_decode("", 0, out, 1), 0);
	assert_int_equal(policy_decode("", 0, out, 0), -1);
}

static void expect_cookie(const char *header, int status, const char *id)
{
	char got[POLICY_ID_MAX + 1];
	int st = policy_cookie(header, got);
	if (st != status || (status == 200 && strcmp(got, id) != 0))
		fail_msg("'%s': %d '%s', want %d '%s'", header ? header : "-",
			 st, got, status, id);
}

static void test_cookie(void **state)
{
	(void)state;
	expect_cookie(NULL, 200, "");
	expect_cookie("handsup=abcdefgh12", 200, "abcdefgh12");
	expect_cookie("a=1; handsup=abcdefgh12; b=x y", 200, "abcdefgh12");
	expect_cookie("a=1;handsup=A-b_C-d_", 200, "A-b_C-d_");
	expect_cookie("other=1; handsupx=abcdefgh", 200, "");
	expect_cookie("theme=dark", 200, "");
	expect_cookie("handsup=short", 400, "");
	expect_cookie("handsup=abcdefgh; handsup=abcdefgh", 400, "");
	expect_cookie("handsup=abcdefgh;", 400, "");
	expect_cookie("handsup=abc\"defgh", 400, "");
	expect_cookie("handsup=abc;defgh", 400, "");
	expect_cookie("handsup=abcdefgh\x01", 400, "");
	expect_cookie("handsup=<script>alert(1)</script>", 400, "");
	/* Another program's cookies on this host are not ours to judge:
	 * a quoted value (RFC 6265 allows it), UTF-8, a cookie with no
	 * name or no value, as browsers send them. */
	expect_cookie("novalue; handsup=abcdefgh", 200, "abcdefgh");
	expect_cookie("=x; handsup=abcdefgh", 200, "abcdefgh");
	expect_cookie("a b=1; handsup=abcdefgh", 200, "abcdefgh");
	expect_cookie("sid=\"a b\"; handsup=abcdefgh", 200, "abcdefgh");
	expect_cookie("city=K\xc3\xb6ln; handsup=abcdefgh", 200, "abcdefgh");
	expect_cookie("handsup=abcdefgh; x=\\\"; y", 200, "abcdefgh");
	expect_cookie("handsupx=1; handsup =abcdefgh", 200, "");
	expect_cookie("handsup", 200, "");
	expect_cookie("handsup=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 400,
		      "");
	char big[5000];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	memcpy(big, "x=", 2);
	expect_cookie(big, 400, "");
}

static const unsigned char ip1[4] = {192, 168, 1, 10};
static const unsigned char ip2[4] = {192, 168, 1, 11};

static struct policy_limits small(void)
{
	struct policy_limits l;
	policy_defaults(&l);
	l.per_address = 2;
	l.total = 3;
	l.burst = 4;
	l.per_second = 2;
	return l;
}

static void test_connections(void **state)
{
	(void)state;
	struct policy_peers p;
	struct policy_limits l = small();
	policy_peers_init(&p, &l);
	int a = policy_open(&p, ip1, 4, 0);
	int b = policy_open(&p, ip1, 4, 0);
	assert_int_equal(a, b);
	assert_int_equal(policy_admit(&p, a, 0), 200);
	int c = policy_open(&p, ip1, 4, 0);
	assert_int_equal(policy_admit(&p, c, 0), 503);
	policy_close(&p, c);
	assert_int_equal(policy_admit(&p, a, 0), 200);
	int d = policy_open(&p, ip2, 4, 0);
	assert_int_not_equal(d, a);
	assert_int_equal(policy_admit(&p, d, 0), 200);
	int e = policy_open(&p, ip2, 4, 0);
	assert_int_equal(policy_admit(&p, e, 0), 503); /* 4 open, total 3 */
	policy_close(&p, e);
	policy_close(&p, a);
	policy_close(&p, a);
	policy_close(&p, d);
	assert_int_equal(p.open, 0);
	policy_close(&p, d); /* more closes than opens change nothing */
	assert_int_equal(p.open, 0);
	assert_int_equal(policy_admit(&p, -1, 0), 503);
	assert_int_equal(policy_open(&p, ip1, 0, 0), -1);
	assert_int_equal(policy_open(&p, ip1, 17, 0), -1);
}

static void test_rate(void **state)
{
	(void)state;
	struct policy_peers p;
	struct policy_limits l = small();
	policy_peers_init(&p, &l);
	int a = policy_open(&p, ip1, 4, 1000);
	for (int i = 0; i < 4; i++)
		assert_int_equal(policy_admit(&p, a, 1000), 200);
	assert_int_equal(policy_admit(&p, a, 1000), 429);
	assert_int_equal(policy_admit(&p, a, 1499), 429);
	assert_int_equal(policy_admit(&p, a, 1500), 200); /* 2 a second */
	assert_int_equal(policy_admit(&p, a, 1500), 429);
	/* A clock gone back fills nothing. */
	assert_int_equal(policy_admit(&p, a, 900), 429);
	/* A long pause fills the bucket, never past the burst. */
	int ok = 0;
	for (int i = 0; i < 10; i++)
		ok += policy_admit(&p, a, 100000) == 200;
	assert_int_equal(ok, 4);
	/* Another address has its own bucket. */
	int b = policy_open(&p, ip2, 4, 100000);
	assert_int_equal(policy_admit(&p, b, 100000), 200);
	/* 1000 requests at once from one address: the burst only. */
	ok = 0;
	for (int i = 0; i < 1000; i++)
		ok += policy_admit(&p, b, 100000) == 200;
	assert_int_equal(ok, 3);
}

static void test_many_peers(void **state)
{
	(void)state;
	struct policy_peers p;
	struct policy_limits l;
	policy_defaults(&l);
	l.total = 1000;
	policy_peers_init(&p, &l);
	unsigned char ip[16] = {0};
	int first = -1;
	for (int i = 0; i < POLICY_MAX_PEERS; i++) {
		ip[14] = (unsigned char)(i >> 8);
		ip[15] = (unsigned char)i;
		int s = policy_open(&p, ip, 16, i);
		assert_true(s >= 0);
		if (i == 0)
			first = s;
	}
	ip[14] = 9;
	assert_int_equal(policy_open(&p, ip, 16, 999), -1);
	/* An address that closed is the first forgotten. */
	policy_close(&p, first);
	assert_int_equal(policy_open(&p, ip, 16, 999), first);
	assert_int_equal(policy_admit(&p, first, 999), 200);
}

/*
 * Random bytes, and random mixes of the characters that matter, into
 * every parser: none may read past its input or take what it refuses.
 */
/*
 * IPv4 as it is, IPv4 in IPv6 as IPv4, other IPv6 whole: phones on one
 * network share their /64, and each must still count as one.
 */
static void test_keys(void **state)
{
	(void)state;
	unsigned char key[16];
	const unsigned char v4[4] = {192, 168, 1, 20};
	assert_int_equal(policy_key(v4, 4, key), 4);
	assert_memory_equal(key, v4, 4);
	const unsigned char mapped[16] = {0, 0, 0,    0,    0,	 0,   0, 0,
					  0, 0, 0xff, 0xff, 192, 168, 1, 20};
	assert_int_equal(policy_key(mapped, 16, key), 4);
	assert_memory_equal(key, v4, 4);
	unsigned char a[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 2,
			       1,    2,	   3,	 4,    5, 6, 7, 8};
	unsigned char b[16];
	memcpy(b, a, 16);
	b[15] = 9; /* another phone on the same /64 */
	unsigned char kb[16];
	assert_int_equal(policy_key(a, 16, key), 16);
	assert_memory_equal(key, a, 16);
	assert_int_equal(policy_key(b, 16, kb), 16);
	assert_memory_not_equal(key, kb, 16);
	assert_int_equal(policy_key(a, 5, key), 0);
}

/* Ballots made per address: so many, then 429; the table never forgets. */
static void test_ballots_made(void **state)
{
	(void)state;
	struct policy_limits l;
	policy_defaults(&l);
	assert_true(l.ballots_per_address > 0);
	struct policy_makers *m = calloc(1, sizeof *m);
	const unsigned char x[4] = {10, 0, 0, 1}, y[4] = {10, 0, 0, 2};
	for (int i = 0; i < l.ballots_per_address; i++) {
		assert_int_equal(policy_may_make(m, &l, x, 4), POLICY_OK);
		policy_made(m, x, 4);
	}
	assert_int_equal(policy_may_make(m, &l, x, 4), POLICY_TOO_MANY);
	assert_int_equal(policy_may_make(m, &l, y, 4), POLICY_OK);
	/* 0: no limit. */
	l.ballots_per_address = 0;
	assert_int_equal(policy_may_make(m, &l, x, 4), POLICY_OK);
	/* As many addresses as ballots, then none new. */
	l.ballots_per_address = 1;
	memset(m, 0, sizeof *m);
	for (int i = 0; i < POLICY_MAX_MAKERS; i++) {
		unsigned char a[4] = {10, 1, (unsigned char)(i >> 8),
				      (unsigned char)i};
		assert_int_equal(policy_may_make(m, &l, a, 4), POLICY_OK);
		policy_made(m, a, 4);
	}
	assert_int_equal(policy_may_make(m, &l, y, 4), POLICY_TOO_MANY);
	free(m);
}

static void test_random_input(void **state)
{
	(void)state;
	static const char alphabet[] = "=&;% +0123456789abcdefgixmnrouvwp"
				       "handsup-_\"\x01\xff";
	struct policy_limits l;
	struct policy_form f;
	char buf[300], id[POLICY_ID_MAX + 1];
	policy_defaults(&l);
	for (int i = 0; i < 100000; i++) {
		size_t n = unit_rng() % 64;
		bool bytes = unit_rng() % 4 == 0;
		for (size_t j = 0; j < n; j++)
			buf[j] = bytes ? (char)(unit_rng() % 255 + 1)
				       : alphabet[unit_rng() %
						  (sizeof alphabet - 1)];
		buf[n] = '\0';
		int st = policy_form(ROUTE_VOTE, buf, n, &l, &f);
		assert_true(st == 200 || st == 400);
		if (st == 200)
			assert_true(f.item > 0 && f.round > 0 && f.view > 0 &&
				    f.view <= 9999);
		st = policy_cookie(buf, id);
		assert_true(st == 200 || st == 400);
		if (st == 200 && id[0])
			assert_true(ballot_id_valid(id));
		enum policy_route r;
		st = policy_route("GET", buf, CODE, &r);
		assert_true(st == 404 || st == 200);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_routes),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_cookie),
		cmocka_unit_test(test_connections),
		cmocka_unit_test(test_rate),
		cmocka_unit_test(test_many_peers),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_ballots_made),
		cmocka_unit_test(test_random_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
