/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests of network/hwaddr.c: hwaddr templates keep their fixed digits and only the 'x'
 * digits change; random names keep their prefix. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "network/hwaddr.h"

static int rand_ab(void *buf, size_t len)
{
	memset(buf, 0xab, len);
	return 0;
}

static int rand_zero(void *buf, size_t len)
{
	memset(buf, 0, len);
	return 0;
}

static int rand_fail(void *buf, size_t len)
{
	return -EIO;
}

static void test_template_deterministic(void **state)
{
	char out[18];

	assert_int_equal(netdev_hwaddr_randomize("00:16:3e:xx:xx:xx", out, rand_ab), 0);
	assert_string_equal(out, "00:16:3e:bb:bb:bb");
	/* The second digit of a random first octet is unicast + locally administered. */
	assert_int_equal(netdev_hwaddr_randomize("xx:xx:xx:xx:xx:xx", out, rand_ab), 0);
	assert_string_equal(out, "ba:bb:bb:bb:bb:bb");
	assert_int_equal(netdev_hwaddr_randomize("xx:xx:xx:xx:xx:xx", out, rand_zero), 0);
	assert_string_equal(out, "02:00:00:00:00:00");
	/* Fixed digits are kept (lower-cased), mixed octets too. */
	assert_int_equal(netdev_hwaddr_randomize("AA:Bb:cc:x1:1X:Xx", out, rand_zero), 0);
	assert_string_equal(out, "aa:bb:cc:01:10:00");
	/* A fixed first octet is never changed, even if multicast. */
	assert_int_equal(netdev_hwaddr_randomize("01:xx:xx:xx:xx:xx", out, rand_ab), 0);
	assert_string_equal(out, "01:bb:bb:bb:bb:bb");
	assert_int_equal(netdev_hwaddr_randomize("00:16:3e:12:34:56", out, rand_fail), -EIO);
}

static void test_template_invalid(void **state)
{
	char out[18];
	static const char *bad[] = {
		"00:16:3e:xx:xx", "00-16-3e-xx-xx-xx", "0g:16:3e:xx:xx:xx", "00:16:3e:xx:xx:xxx",
		"", "00:16:3e:xy:xx:xx", "00:16:3e:xx:xx:x",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(netdev_hwaddr_randomize(bad[i], out, rand_ab), -EINVAL);
	assert_int_equal(netdev_hwaddr_randomize(NULL, out, rand_ab), -EINVAL);
}

static void test_template_random(void **state)
{
	const char *tmpl = NETDEV_HWADDR_DEFAULT_TEMPLATE;
	char out[18], first[18];
	bool differs = false;

	for (int n = 0; n < 200; n++) {
		assert_int_equal(netdev_hwaddr_randomize(tmpl, out, NULL), 0);
		assert_int_equal(strlen(out), 17);
		for (int i = 0; i < 17; i++) {
			if (tmpl[i] == 'x')
				assert_non_null(strchr("0123456789abcdef", out[i]));
			else
				assert_int_equal(out[i], tmpl[i]);
		}
		if (n == 0)
			memcpy(first, out, sizeof(out));
		else if (strcmp(first, out) != 0)
			differs = true;
		assert_int_equal(netdev_hwaddr_randomize("xx:00:00:00:00:00", out, NULL), 0);
		/* first octet: bit 0 clear (unicast), bit 1 set (local) */
		assert_int_equal(strtoul((char[]){ out[0], out[1], 0 }, NULL, 16) & 3, 2);
	}
	assert_true(differs);
}

static void test_random_name(void **state)
{
	char out[IFNAMSIZ];

	assert_int_equal(netdev_random_veth_name(out, rand_zero), 0);
	assert_string_equal(out, "vethaaaaaa");
	assert_int_equal(netdev_random_name("mcXXXXXX", out, rand_zero), 0);
	assert_string_equal(out, "mcaaaaaa");
	/* Only the trailing run of X is replaced. */
	assert_int_equal(netdev_random_name("aXbXX", out, rand_zero), 0);
	assert_string_equal(out, "aXbaa");
	assert_int_equal(netdev_random_name("veth", out, rand_zero), -EINVAL);
	assert_int_equal(netdev_random_name("abcdefghijXXXXXX", out, rand_zero), -EINVAL);
	assert_int_equal(netdev_random_name("", out, rand_zero), -EINVAL);
	assert_int_equal(netdev_random_name("vethXX", out, rand_fail), -EIO);
	for (int n = 0; n < 100; n++) {
		assert_int_equal(netdev_random_veth_name(out, NULL), 0);
		assert_int_equal(strlen(out), 10);
		assert_memory_equal(out, "veth", 4);
		for (int i = 4; i < 10; i++)
			assert_non_null(strchr("abcdefghijklmnopqrstuvwxyz"
					       "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", out[i]));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_template_deterministic),
		cmocka_unit_test(test_template_invalid),
		cmocka_unit_test(test_template_random),
		cmocka_unit_test(test_random_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
