/*
 * A count typed on an item where phones voted too: the count sets the
 * hands, the chart shows the hands with the phones' votes, and the
 * status line says which is which, its figures in sight at 80 x 24 and
 * at 40 x 12, where the names shorten instead.
 */
#include "room_util.h"

static struct hs *start_room(struct room *m, const char *groups)
{
	return room_start(m, 24, 80, "typed", groups);
}

/* Enter, the digits, Enter. */
static void type_count(struct hs *h, const char *digits)
{
	su_press(h, HS_KEY_ENTER);
	su_presses(h, digits);
	su_press(h, HS_KEY_ENTER);
}

static void test_typed_beside_phones(void **state)
{
	(void)state;
	struct room m;
	struct hs *h = start_room(&m, "Sales Leadership|Marketing");
	struct phone a = m.base;
	assert_int_equal(phone_join(&a), 200);
	assert_int_equal(phone_group(&a, 1), 303);
	su_press(h, HS_KEY_RIGHT);
	assert_int_equal(phone_vote(&a, 1, 1, 1), 303);
	su_until(h, "1 joined, 1 voted", true);
	/* 5 hands and the phone's vote: the chart's 6, the message's 5. */
	type_count(h, "5");
	su_expect_status(h,
			 " Sales Leadership: View 1 set to 5 hands + 1 phone",
			 " Sales Leadership");
	su_until(h, "6 (100%)", true);
	/* At 40 columns the names give way; the figures stay whole. */
	assert_int_not_equal(hs_resize(h, 12, 40), -1);
	type_count(h, "4");
	su_expect_status(h, "View 1 set to 4 hands + 1 phone", " Sa");
	su_quit(&m.r);
	su_end(&m.r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typed_beside_phones),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
