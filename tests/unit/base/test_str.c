/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests for base/str: strbuf, strict number parsing, sizes, lists, edit distance. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/cleanup.h"
#include "base/str.h"

static void test_strbuf(void **state)
{
	struct strbuf sb = {};
	char small[4];

	assert_int_equal(strbuf_append(&sb, "ab"), 0);
	assert_int_equal(strbuf_printf(&sb, "-%d-", 42), 0);
	assert_string_equal(sb.buf, "ab-42-");
	assert_int_equal(strbuf_copy_out(&sb, small, sizeof(small)), 6);
	assert_string_equal(small, "ab-");
	assert_int_equal(strbuf_copy_out(&sb, NULL, 0), 6);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(strbuf_append(&sb, "x"), 0);
	assert_int_equal(sb.len, 1006);
	strbuf_reset(&sb);
	assert_string_equal(sb.buf, "");
	strbuf_free(&sb);
	assert_null(sb.buf);
}

static void test_numbers(void **state)
{
	int i;
	unsigned int u;
	uint64_t u64;
	int64_t i64;
	bool b;

	assert_int_equal(str_to_int("-12", &i), 0);
	assert_int_equal(i, -12);
	assert_int_equal(str_to_int("12x", &i), -EINVAL);
	assert_int_equal(str_to_int(" 12", &i), -EINVAL);
	assert_int_equal(str_to_int("", &i), -EINVAL);
	assert_int_equal(str_to_int("2147483648", &i), -ERANGE);
	assert_int_equal(str_to_uint("4294967295", &u), 0);
	assert_int_equal(u, UINT_MAX);
	assert_int_equal(str_to_uint("-1", &u), -EINVAL);
	assert_int_equal(str_to_uint64("18446744073709551615", &u64), 0);
	assert_true(u64 == UINT64_MAX);
	assert_int_equal(str_to_int64("-9223372036854775808", &i64), 0);
	assert_int_equal(str_to_bool01("1", &b), 0);
	assert_true(b);
	assert_int_equal(str_to_bool01("true", &b), -EINVAL);
	assert_int_equal(str_to_bool01("10", &b), -EINVAL);
}

static void test_sizes(void **state)
{
	uint64_t v;

	assert_int_equal(str_to_size("4096", &v), 0);
	assert_true(v == 4096);
	assert_int_equal(str_to_size("64K", &v), 0);
	assert_true(v == 65536);
	assert_int_equal(str_to_size("10MB", &v), 0);
	assert_true(v == 10485760);
	assert_int_equal(str_to_size("1 G", &v), 0);
	assert_true(v == 1073741824);
	assert_int_equal(str_to_size("1X", &v), -EINVAL);
	assert_int_equal(str_to_size("K", &v), -EINVAL);
	assert_int_equal(str_to_size("99999999999T", &v), -ERANGE);
}

static void test_text(void **state)
{
	char buf[] = "  \tvalue here \r\n";

	assert_string_equal(str_trim(buf), "value here");
	assert_true(str_starts_with("lxc.net.0", "lxc.net"));
	assert_false(str_starts_with("lxc", "lxc.net"));
	assert_true(str_ends_with("a.conf", ".conf"));
	assert_true(str_is_empty("  \t"));
	assert_true(str_is_empty(NULL));
	assert_false(str_is_empty(" a"));
	assert_int_equal(str_distance("lxc.net.0.lnk", "lxc.net.0.link", 5), 1);
	assert_int_equal(str_distance("kitten", "sitting", 5), 3);
	assert_int_equal(str_distance("abc", "abcdefghij", 3), 4);
	assert_int_equal(str_distance("", "", 0), 0);
}

static void test_strv(void **state)
{
	char **v = NULL, **d;
	__do_free char *joined = NULL;

	assert_int_equal(strv_split("a,,b c", ", ", &v), 0);
	assert_int_equal(strv_len(v), 3);
	assert_string_equal(v[2], "c");
	assert_int_equal(strv_append(&v, "b"), 0);
	assert_true(strv_contains(v, "b"));
	assert_int_equal(strv_remove(v, "b"), 2);
	assert_int_equal(strv_len(v), 2);
	d = strv_dup(v);
	joined = strv_join(d, "+");
	assert_string_equal(joined, "a+c");
	strv_free(v);
	strv_free(d);
	strv_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strbuf), cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_sizes),  cmocka_unit_test(test_text),
		cmocka_unit_test(test_strv),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
