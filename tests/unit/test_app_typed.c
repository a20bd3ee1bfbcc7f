/*
 * A typed count beside the phones' votes: the count sets the hands, the
 * chart shows the hands with the votes added, and the message says
 * which is which.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "app/phones.h"
#include "app_fixture.h"

#define ID1 "phoneoneAAAA"
#define ID2 "phonetwoBBBB"

static char ga[] = "Sales Leadership", gb[] = "Marketing";
static char *const two[] = {ga, gb};

static int setup_groups(void **state)
{
	return setup_with(state, two, 2);
}

/* As the program opens voting: under the session's code. */
static void phones_on(struct app *a)
{
	a->sess->phones = strdup("K7Q2M9XA");
	a->phones_on = true;
}

static void test_hands_and_phones(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct server_app sa = app_phones_server(a);
	phones_on(a);
	app_goto(a, 1);
	assert_int_equal(sa.group(sa.ctx, ID1, 0), SERVER_SAVED);
	assert_int_equal(sa.vote(sa.ctx, ID1, 0, 0, 1), SERVER_SAVED);
	/* 5 hands set; the chart shows 6. */
	app_set_count(a, 0, 5);
	assert_int_equal(tally_group_get(app_tally(a), 0, 0, 0), 6);
	assert_int_equal(on_disk(f, 0, 0, NULL), 5); /* hands alone */
	assert_string_equal(
		a->message,
		"Sales Leadership: View 1 set to 5 hands + 1 phone");
	assert_int_equal(sa.group(sa.ctx, ID2, 0), SERVER_SAVED);
	assert_int_equal(sa.vote(sa.ctx, ID2, 0, 0, 1), SERVER_SAVED);
	app_set_count(a, 0, 1);
	assert_string_equal(
		a->message,
		"Sales Leadership: View 1 set to 1 hand + 2 phones");
	/* No phone voted View 2: the hands alone, still named so. */
	app_set_count(a, 1, 3);
	assert_string_equal(a->message,
			    "Sales Leadership: View 2 set to 3 hands");
	/* Another group's phones are not this group's. */
	app_next_group(a, 1);
	app_set_count(a, 0, 2);
	assert_string_equal(a->message, "Marketing: View 1 set to 2 hands");
	/* Hidden results stay hidden. */
	app_next_group(a, -1);
	a->sess->hidden = true;
	app_set_count(a, 0, 4);
	assert_string_equal(a->message,
			    "Sales Leadership: View 1 set; results hidden");
}

/* Without phones the count is the hands, as it always was. */
static void test_no_phones(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	app_goto(a, 1);
	app_set_count(a, 0, 5);
	assert_string_equal(a->message, "View 1 set to 5");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_hands_and_phones,
						setup_groups, teardown),
		cmocka_unit_test_setup_teardown(test_no_phones, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
