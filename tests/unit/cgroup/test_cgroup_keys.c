/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests for the cgroup key family through the configuration API: lxc.cgroup.* and
 * lxc.cgroup2.* ordered lists, the directory keys, lxc.cgroup.relative, get/clear/list, error
 * texts, and the model accessors the cgroup driver uses. */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "config/cgroup/cgroup.h"
#include "config/config.h"
#include "conf_harness.h"

static void test_v1_order_and_get(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();

	assert_non_null(c);
	assert_string_equal(get(c, "lxc.cgroup"), "");
	assert_int_equal(set(c, "lxc.cgroup.devices.deny", "a"), 0);
	assert_int_equal(set(c, "lxc.cgroup.devices.allow", "c 1:3 rwm"), 0);
	assert_int_equal(set(c, "lxc.cgroup.memory.limit_in_bytes", "512M"), 0);
	assert_int_equal(set(c, "lxc.cgroup.devices.allow", "c 1:5 rwm"), 0);
	assert_int_equal(set(c, "lxc.cgroup.cpuset.cpus", "0-3"), 0);
	assert_string_equal(get(c, "lxc.cgroup"), "lxc.cgroup.devices.deny = a\n"
						  "lxc.cgroup.devices.allow = c 1:3 rwm\n"
						  "lxc.cgroup.memory.limit_in_bytes = 512M\n"
						  "lxc.cgroup.devices.allow = c 1:5 rwm\n"
						  "lxc.cgroup.cpuset.cpus = 0-3\n");
	assert_string_equal(get(c, "lxc.cgroup.devices.allow"), "c 1:3 rwm\nc 1:5 rwm");
	assert_string_equal(get(c, "lxc.cgroup.memory.limit_in_bytes"), "512M");
	assert_string_equal(get(c, "lxc.cgroup.pids.max"), "");
	/* v1 and v2 are separate lists. */
	assert_string_equal(get(c, "lxc.cgroup2"), "");
	assert_string_equal(get(c, "lxc.cgroup2.devices.allow"), "");
}

static void test_v2(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();

	assert_int_equal(set(c, "lxc.cgroup2.devices.deny", "a"), 0);
	assert_int_equal(set(c, "lxc.cgroup2.devices.allow", "c *:* m"), 0);
	assert_int_equal(set(c, "lxc.cgroup2.memory.max", "1G"), 0);
	assert_int_equal(set(c, "lxc.cgroup2.devices.allow", "c 1:3 rwm"), 0);
	assert_int_equal(set(c, "lxc.cgroup2.cpu.weight.nice", "5"), 0);
	assert_string_equal(get(c, "lxc.cgroup2"), "lxc.cgroup2.devices.deny = a\n"
						   "lxc.cgroup2.devices.allow = c *:* m\n"
						   "lxc.cgroup2.memory.max = 1G\n"
						   "lxc.cgroup2.devices.allow = c 1:3 rwm\n"
						   "lxc.cgroup2.cpu.weight.nice = 5\n");
	assert_string_equal(get(c, "lxc.cgroup2.devices.allow"), "c *:* m\nc 1:3 rwm");
	assert_string_equal(get(c, "lxc.cgroup"), "");
	assert_true(conf_cgroup_uses_controller(&c->cgroup, CONF_CGROUP_V2, "devices"));
	assert_true(conf_cgroup_uses_controller(&c->cgroup, CONF_CGROUP_V2, "cpu"));
	assert_false(conf_cgroup_uses_controller(&c->cgroup, CONF_CGROUP_V2, "dev"));
	assert_false(conf_cgroup_uses_controller(&c->cgroup, CONF_CGROUP_V1, "devices"));
	assert_string_equal(conf_cgroup_last_value(&c->cgroup, CONF_CGROUP_V2, "devices.allow"),
			    "c 1:3 rwm");
	assert_null(conf_cgroup_last_value(&c->cgroup, CONF_CGROUP_V2, "pids.max"));
}

static void test_accessors(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	const struct conf_cgroup_list *l;
	const struct conf_cgroup_item *it;
	size_t n = 0;

	assert_int_equal(set(c, "lxc.cgroup.memory.limit_in_bytes", "1"), 0);
	assert_int_equal(set(c, "lxc.cgroup.net_cls.classid", "0x100001"), 0);
	l = conf_cgroup_settings(&c->cgroup, CONF_CGROUP_V1);
	assert_non_null(l);
	assert_null(conf_cgroup_settings(&c->cgroup, 3));
	conf_cgroup_foreach(l, it)
	{
		if (n == 0) {
			assert_string_equal(it->key, "memory.limit_in_bytes");
			assert_true(conf_cgroup_item_is_controller(it, "memory"));
			assert_false(conf_cgroup_item_is_controller(it, "mem"));
		} else {
			assert_string_equal(it->value, "0x100001");
			assert_int_equal(it->controller_len, strlen("net_cls"));
		}
		n++;
	}
	assert_int_equal(n, 2);
}

/* One controller key prints its bare value; repeated keys join with "\n", none trailing. */
static void test_get_one_key_bare_value(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();

	assert_int_equal(set(c, "lxc.cgroup2.memory.max", "1G"), 0);
	assert_string_equal(get(c, "lxc.cgroup2.memory.max"), "1G");
	assert_int_equal(set(c, "lxc.cgroup.memory.limit_in_bytes", "512M"), 0);
	assert_string_equal(get(c, "lxc.cgroup.memory.limit_in_bytes"), "512M");
	assert_int_equal(set(c, "lxc.cgroup2.devices.allow", "c 1:3 rwm"), 0);
	assert_int_equal(set(c, "lxc.cgroup2.memory.high", "900M"), 0);
	assert_int_equal(set(c, "lxc.cgroup2.devices.allow", "c 1:5 rwm"), 0);
	assert_int_equal(set(c, "lxc.cgroup2.devices.allow", "c 1:7 rwm"), 0);
	assert_string_equal(get(c, "lxc.cgroup2.devices.allow"), "c 1:3 rwm\nc 1:5 rwm\nc 1:7 rwm");
	assert_string_equal(get(c, "lxc.cgroup2.pids.max"), "");
	/* The family key keeps one "KEY = VALUE" line per setting. */
	assert_string_equal(get(c, "lxc.cgroup2"), "lxc.cgroup2.memory.max = 1G\n"
						   "lxc.cgroup2.devices.allow = c 1:3 rwm\n"
						   "lxc.cgroup2.memory.high = 900M\n"
						   "lxc.cgroup2.devices.allow = c 1:5 rwm\n"
						   "lxc.cgroup2.devices.allow = c 1:7 rwm\n");
	assert_string_equal(get(c, "lxc.cgroup"), "lxc.cgroup.memory.limit_in_bytes = 512M\n");
}

/* Iterating an empty list (items == NULL) runs the body zero times; break works. */
static void test_foreach_empty_and_break(void **state)
{
	struct conf_cgroup m;
	const struct conf_cgroup_item *it = NULL;
	size_t n = 0;

	conf_cgroup_init(&m);
	assert_null(m.v2.items);
	conf_cgroup_foreach(&m.v2, it)
		n++;
	assert_int_equal(n, 0);
	assert_int_equal(conf_cgroup_append(&m, CONF_CGROUP_V2, "pids.max", "5"), 0);
	assert_int_equal(conf_cgroup_append(&m, CONF_CGROUP_V2, "memory.max", "1G"), 0);
	conf_cgroup_foreach(&m.v2, it) {
		n++;
		if (strcmp(it->key, "pids.max") == 0)
			break;
	}
	assert_int_equal(n, 1);
	assert_string_equal(it->value, "5");
	conf_cgroup_free(&m);
}

static void test_bad_controller_keys(void **state)
{
	static const char *const bad[] = {
		"lxc.cgroup.memory",	  "lxc.cgroup.memory.",	     "lxc.cgroup..memory",
		"lxc.cgroup.memory..max", "lxc.cgroup.cpu/x.shares", "lxc.cgroup2.memory",
		"lxc.cgroup2.a..b",	  "lxc.cgroup2.x/y.z",
	};
	__do(conf) struct lxc_conf *c = conf_new();

	assert_int_equal(set(c, "lxc.cgroup.pids.max", "10"), 0);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		assert_int_equal(set(c, bad[i], "1"), -EINVAL);
		assert_int_equal(diag.err, -EINVAL);
	}
	assert_int_equal(set(c, "lxc.cgroup.memory", "1"), -EINVAL);
	assert_string_equal(diag.msg, "Invalid key \"lxc.cgroup.memory\": expected "
				      "lxc.cgroup.<controller>.<file>");
	assert_int_equal(set(c, "lxc.cgroup2.x/y.z", "1"), -EINVAL);
	assert_string_equal(diag.msg, "Invalid key \"lxc.cgroup2.x/y.z\": expected "
				      "lxc.cgroup2.<controller>.<file>");
	/* A misspelt directory key is not taken for a "dir" controller. */
	assert_int_equal(set(c, "lxc.cgroup.dir.monitr", "a"), -EINVAL);
	assert_string_equal(diag.msg, "Unknown cgroup directory key \"lxc.cgroup.dir.monitr\"");
	assert_string_equal(diag.hint, "lxc.cgroup.dir.monitor");
	/* Values are single lines. */
	assert_int_equal(set(c, "lxc.cgroup.pids.max", "1\n2"), -EINVAL);
	assert_string_equal(diag.msg,
			    "Invalid value \"1\n2\" for \"lxc.cgroup.pids.max\": expected a "
			    "single-line value");
	/* Setting the family key to a value is refused. */
	assert_int_equal(set(c, "lxc.cgroup", "x"), -EINVAL);
	/* Nothing changed. */
	assert_string_equal(get(c, "lxc.cgroup"), "lxc.cgroup.pids.max = 10\n");
	assert_string_equal(get(c, "lxc.cgroup.dir"), "");
}

static void test_empty_value_and_clear(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();

	assert_int_equal(set(c, "lxc.cgroup.devices.allow", "a"), 0);
	assert_int_equal(set(c, "lxc.cgroup.memory.limit_in_bytes", "1G"), 0);
	assert_int_equal(set(c, "lxc.cgroup.devices.allow", "b"), 0);
	assert_int_equal(set(c, "lxc.cgroup.dir", "lxc/c1"), 0);
	assert_int_equal(set(c, "lxc.cgroup2.memory.max", "2G"), 0);

	/* Empty value: empties that key's list only. */
	assert_int_equal(set(c, "lxc.cgroup.devices.allow", ""), 0);
	assert_string_equal(get(c, "lxc.cgroup"), "lxc.cgroup.memory.limit_in_bytes = 1G\n");

	assert_int_equal(set(c, "lxc.cgroup.devices.allow", "c"), 0);
	assert_int_equal(conf_clear_item(c, "lxc.cgroup.memory.limit_in_bytes"), 0);
	assert_string_equal(get(c, "lxc.cgroup"), "lxc.cgroup.devices.allow = c\n");

	/* Clearing the family key clears the v1 settings, not the directories nor v2. */
	assert_int_equal(set(c, "lxc.cgroup.memory.limit_in_bytes", "1G"), 0);
	assert_int_equal(conf_clear_item(c, "lxc.cgroup"), 0);
	assert_string_equal(get(c, "lxc.cgroup"), "");
	assert_string_equal(get(c, "lxc.cgroup.dir"), "lxc/c1");
	assert_string_equal(get(c, "lxc.cgroup2"), "lxc.cgroup2.memory.max = 2G\n");

	assert_int_equal(conf_clear_item(c, "lxc.cgroup.dir"), 0);
	assert_string_equal(get(c, "lxc.cgroup.dir"), "");
	assert_int_equal(conf_clear_item(c, "lxc.cgroup2"), 0);
	assert_string_equal(get(c, "lxc.cgroup2"), "");
}

static void test_dirs(void **state)
{
	static const char *const keys[] = {
		"lxc.cgroup.dir",
		"lxc.cgroup.dir.container",
		"lxc.cgroup.dir.container.inner",
		"lxc.cgroup.dir.monitor",
		"lxc.cgroup.dir.monitor.pivot",
	};
	__do(conf) struct lxc_conf *c = conf_new();

	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		assert_int_equal(set(c, keys[i], "a/b"), 0);
		assert_string_equal(get(c, keys[i]), "a/b");
		assert_int_equal(set(c, keys[i], "x..y/z"), 0);
		assert_string_equal(get(c, keys[i]), "x..y/z");
		assert_int_equal(set(c, keys[i], "/abs"), -EINVAL);
		assert_int_equal(set(c, keys[i], "a/../b"), -EINVAL);
		assert_int_equal(set(c, keys[i], ".."), -EINVAL);
		assert_string_equal(get(c, keys[i]), "x..y/z");
		assert_int_equal(set(c, keys[i], ""), 0);
		assert_string_equal(get(c, keys[i]), "");
	}
	assert_int_equal(set(c, "lxc.cgroup.dir.monitor", "../up"), -EINVAL);
	assert_string_equal(diag.msg,
			    "Invalid value \"../up\" for \"lxc.cgroup.dir.monitor\": expected a "
			    "relative path without \"..\" components");
	assert_null(c->cgroup.dir_monitor);

	assert_int_equal(set(c, "lxc.cgroup.dir.container", "payload"), 0);
	assert_int_equal(set(c, "lxc.cgroup.dir.container.inner", "inner"), 0);
	assert_string_equal(c->cgroup.dir_container, "payload");
	assert_string_equal(c->cgroup.dir_container_inner, "inner");
	/* The get of the family key lists controller settings only. */
	assert_string_equal(get(c, "lxc.cgroup"), "");
}

static void test_check(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};

	assert_int_equal(conf_cgroup_check(&c->cgroup, &d), 0);
	assert_int_equal(set(c, "lxc.cgroup.dir.container", "payload"), 0);
	assert_int_equal(conf_cgroup_check(&c->cgroup, &d), -EINVAL);
	assert_string_equal(d.msg, "\"lxc.cgroup.dir.container\" and \"lxc.cgroup.dir.monitor\" "
				   "must be set together");
	assert_int_equal(set(c, "lxc.cgroup.dir.monitor", "monitor"), 0);
	memset(&d, 0, sizeof(d));
	assert_int_equal(conf_cgroup_check(&c->cgroup, &d), 0);
	assert_int_equal(set(c, "lxc.cgroup.dir", "x"), 0);
	assert_int_equal(conf_cgroup_check(&c->cgroup, &d), -EINVAL);
	assert_string_equal(d.key, "lxc.cgroup.dir");
}

static void test_relative(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();

	assert_string_equal(get(c, "lxc.cgroup.relative"), "0");
	assert_int_equal(set(c, "lxc.cgroup.relative", "1"), 0);
	assert_true(c->cgroup.relative);
	assert_string_equal(get(c, "lxc.cgroup.relative"), "1");
	assert_int_equal(set(c, "lxc.cgroup.relative", "yes"), -EINVAL);
	assert_string_equal(diag.msg,
			    "Invalid value \"yes\" for \"lxc.cgroup.relative\": expected 0 or 1");
	assert_string_equal(get(c, "lxc.cgroup.relative"), "1");
	assert_int_equal(set(c, "lxc.cgroup.relative", ""), 0);
	assert_string_equal(get(c, "lxc.cgroup.relative"), "0");
	assert_int_equal(set(c, "lxc.cgroup.relative", "1"), 0);
	assert_int_equal(conf_clear_item(c, "lxc.cgroup.relative"), 0);
	assert_false(c->cgroup.relative);
}

static void test_list_keys(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();

	assert_int_equal(set(c, "lxc.cgroup.memory.limit_in_bytes", "1"), 0);
	assert_int_equal(set(c, "lxc.cgroup.devices.allow", "a"), 0);
	assert_int_equal(set(c, "lxc.cgroup.devices.allow", "b"), 0);
	assert_string_equal(list(c, "lxc.cgroup"),
			    "dir\ndir.container\ndir.container.inner\ndir.monitor\n"
			    "dir.monitor.pivot\nrelative\nmemory.limit_in_bytes\ndevices.allow\n");
	assert_string_equal(list(c, "lxc.cgroup2"), "");
	assert_int_equal(set(c, "lxc.cgroup2.pids.max", "5"), 0);
	assert_string_equal(list(c, "lxc.cgroup2"), "pids.max\n");
	assert_true(conf_key_is_supported("lxc.cgroup.dir.monitor.pivot"));
	assert_true(conf_key_is_supported("lxc.cgroup2.memory.high"));
}

static void test_clone_replays(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	__do(conf) struct lxc_conf *copy = NULL;

	assert_int_equal(set(c, "lxc.cgroup2.devices.deny", "a"), 0);
	assert_int_equal(set(c, "lxc.cgroup2.devices.allow", "c 1:3 rwm"), 0);
	assert_int_equal(set(c, "lxc.cgroup.dir", "g/c1"), 0);
	copy = conf_clone(c);
	assert_non_null(copy);
	assert_string_equal(
		get(copy, "lxc.cgroup2"),
		"lxc.cgroup2.devices.deny = a\nlxc.cgroup2.devices.allow = c 1:3 rwm\n");
	assert_string_equal(get(copy, "lxc.cgroup.dir"), "g/c1");
}

/* What save writes reads back with the same order. */
static void test_write_roundtrip(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	__do(conf) struct lxc_conf *back = conf_new();
	struct conf_diag d = {};
	struct strbuf text = {};

	assert_int_equal(set(c, "lxc.cgroup.devices.deny", "a"), 0);
	assert_int_equal(set(c, "lxc.cgroup.memory.limit_in_bytes", "1G"), 0);
	assert_int_equal(set(c, "lxc.cgroup.devices.allow", "c 1:3 rwm"), 0);
	assert_int_equal(set(c, "lxc.cgroup.relative", "1"), 0);
	assert_int_equal(conf_write(c, &text), 0);
	assert_int_equal(conf_load_string(back, text.buf, "saved.conf", &d), 0);
	assert_string_equal(get(back, "lxc.cgroup"), "lxc.cgroup.devices.deny = a\n"
						     "lxc.cgroup.memory.limit_in_bytes = 1G\n"
						     "lxc.cgroup.devices.allow = c 1:3 rwm\n");
	assert_string_equal(get(back, "lxc.cgroup.relative"), "1");
	strbuf_free(&text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v1_order_and_get),
		cmocka_unit_test(test_v2),
		cmocka_unit_test(test_accessors),
		cmocka_unit_test(test_get_one_key_bare_value),
		cmocka_unit_test(test_foreach_empty_and_break),
		cmocka_unit_test(test_bad_controller_keys),
		cmocka_unit_test(test_empty_value_and_clear),
		cmocka_unit_test(test_dirs),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_relative),
		cmocka_unit_test(test_list_keys),
		cmocka_unit_test(test_clone_replays),
		cmocka_unit_test(test_write_roundtrip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
