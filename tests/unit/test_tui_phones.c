/*
 * Which of the laptop's networks the join address is on, without
 * --listen: the one a phone in the room can reach.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "tui/phones.h"

static void test_rank(void **state)
{
	(void)state;
	/* Wi-Fi first: that is where the room's phones are. */
	assert_true(phones_rank("wlp2s0") > phones_rank("enp0s31f6"));
	assert_true(phones_rank("wlan0") > phones_rank("eth0"));
	/* A phone's hotspot over USB, or anything unknown, beats nothing. */
	assert_true(phones_rank("usb0") > phones_rank("docker0"));
	assert_true(phones_rank("eth0") > phones_rank("usb0"));
	/* Containers, virtual machines and tunnels no phone can reach. */
	static const char *const virt[] = {"docker0", "br-4f2a9c", "veth12ab",
					   "virbr0",  "vmnet8",	   "vboxnet0",
					   "tun0",    "tap0",	   "wg0"};
	for (size_t i = 0; i < sizeof virt / sizeof *virt; i++)
		assert_int_equal(phones_rank(virt[i]), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rank),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
