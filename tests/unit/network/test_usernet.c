/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests of network/usernet.c: lxc-usernet lines, comments, errors with line numbers,
 * per-user and per-group matching in file order, and quota sums. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "network/usernet.h"

static const char sample[] =
	"# lxc-usernet\n"
	"\n"
	"alice veth lxcbr0 2\n"
	"  @staff\tveth lxcbr0 3  \n"
	"bob veth br1 10\n"
	"@staff veth br1 0\n"
	"alice veth lxcbr0 1";	/* no final newline */

static void test_parse(void **state)
{
	struct usernet u;
	unsigned int bad = 0;

	assert_int_equal(usernet_parse(sample, &u, &bad), 0);
	assert_int_equal(u.n, 5);
	assert_string_equal(u.v[0].name, "alice");
	assert_false(u.v[0].is_group);
	assert_string_equal(u.v[0].type, "veth");
	assert_string_equal(u.v[0].link, "lxcbr0");
	assert_int_equal(u.v[0].count, 2);
	assert_int_equal(u.v[0].line, 3);
	assert_string_equal(u.v[1].name, "staff");
	assert_true(u.v[1].is_group);
	assert_int_equal(u.v[1].count, 3);
	assert_int_equal(u.v[1].line, 4);
	assert_string_equal(u.v[2].link, "br1");
	assert_int_equal(u.v[3].count, 0);
	assert_int_equal(u.v[4].line, 7);
	assert_int_equal(bad, 0);
	usernet_free(&u);
	assert_int_equal(u.n, 0);
	assert_null(u.v);

	assert_int_equal(usernet_parse("", &u, NULL), 0);
	assert_int_equal(u.n, 0);
	usernet_free(&u);
	assert_int_equal(usernet_parse("# only\n\n   \n", &u, NULL), 0);
	assert_int_equal(u.n, 0);
	usernet_free(&u);
}

static void test_parse_errors(void **state)
{
	static const struct {
		const char *text;
		unsigned int line;
	} bad[] = {
		{ "alice veth lxcbr0\n", 1 },
		{ "alice veth lxcbr0 2\nbob veth br 1 extra\n", 2 },
		{ "\n\nalice veth lxcbr0 two\n", 3 },
		{ "alice veth lxcbr0 -1\n", 1 },
		{ "@ veth lxcbr0 1\n", 1 },
		{ "alice veth lxcbr0 99999999999\n", 1 },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct usernet u;
		unsigned int line = 0;

		assert_int_equal(usernet_parse(bad[i].text, &u, &line), -EINVAL);
		assert_int_equal(line, bad[i].line);
		assert_int_equal(u.n, 0);
		assert_null(u.v);
	}
}

static void test_match_and_quota(void **state)
{
	struct usernet u;
	char *groups[] = { "users", "staff" };
	size_t idx[8];

	assert_int_equal(usernet_parse(sample, &u, NULL), 0);
	/* alice in staff: lines 3, 4, 7 in file order. */
	assert_int_equal(usernet_match(&u, "alice", groups, 2, "veth", "lxcbr0", idx, 8), 3);
	assert_int_equal(idx[0], 0);
	assert_int_equal(idx[1], 1);
	assert_int_equal(idx[2], 4);
	assert_int_equal(usernet_quota(&u, "alice", groups, 2, "veth", "lxcbr0"), 6);
	/* Without the group only her own lines count. */
	assert_int_equal(usernet_quota(&u, "alice", NULL, 0, "veth", "lxcbr0"), 3);
	assert_int_equal(usernet_quota(&u, "bob", groups, 2, "veth", "br1"), 10);
	assert_int_equal(usernet_quota(&u, "carol", groups, 1, "veth", "lxcbr0"), 0);
	assert_int_equal(usernet_quota(&u, "alice", groups, 2, "macvlan", "lxcbr0"), 0);
	/* A short index array still gets the full count. */
	assert_int_equal(usernet_match(&u, "alice", groups, 2, "veth", "lxcbr0", idx, 1), 3);
	assert_int_equal(usernet_match(&u, "alice", groups, 2, "veth", "lxcbr0", NULL, 0), 3);
	usernet_free(&u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_match_and_quota),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
