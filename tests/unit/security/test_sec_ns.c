/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests for the user and namespace keys: lxc.idmap and its lookups, lxc.namespace.clone,
 * lxc.namespace.keep, lxc.namespace.share.NAME and lxc.time.offset.*. */
#include "config.h"

#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "harness.h"

#define IDMAP_MSG(v)                                                                               \
	"Invalid value \"" v                                                                       \
	"\" for \"lxc.idmap\": expected u|g NSID HOSTID RANGE, e.g. \"u 0 100000 65536\""

static void test_idmap(void **state)
{
	struct lxc_conf *c = *state;
	uint32_t id;

	assert_false(conf_security_has_userns(&c->sec));
	assert_false(conf_security_is_unprivileged(&c->sec));
	SET_OK(c, "lxc.idmap", "u 0 100000 65536");
	SET_OK(c, "lxc.idmap", "g\t0   100000 65536");
	SET_OK(c, "lxc.idmap", "u 65536 4294901759 65536");
	GET_IS(c, "lxc.idmap", "u 0 100000 65536\ng 0 100000 65536\nu 65536 4294901759 65536\n");
	assert_int_equal(c->sec.n_idmap, 3);
	assert_int_equal(c->sec.idmap[1].type, CONF_IDMAP_GID);
	assert_int_equal(c->sec.idmap[2].hostid, 4294901759u);

	SET_BAD(c, "lxc.idmap", "b 0 100000 65536");
	assert_string_equal(diag.msg, IDMAP_MSG("b 0 100000 65536"));
	SET_BAD(c, "lxc.idmap", "u 0 100000");
	assert_string_equal(diag.msg, IDMAP_MSG("u 0 100000"));
	SET_BAD(c, "lxc.idmap", "u 0 100000 65536 1");
	SET_BAD(c, "lxc.idmap", "U 0 100000 65536");
	SET_BAD(c, "lxc.idmap", "u -1 100000 65536");
	SET_BAD(c, "lxc.idmap", "u 0 1e5 65536");
	SET_BAD(c, "lxc.idmap", "u 0 4294967296 1");
	SET_BAD(c, "lxc.idmap", "u 0 100000 0");
	assert_string_equal(diag.msg,
			    "Invalid value \"u 0 100000 0\" for \"lxc.idmap\": expected RANGE >= 1 "
			    "with NSID + RANGE and HOSTID + RANGE at most 4294967295");
	SET_BAD(c, "lxc.idmap", "u 0 4294967295 1");
	SET_BAD(c, "lxc.idmap", "g 4294967290 0 6");
	SET_OK(c, "lxc.idmap", "g 4294967290 0 5");
	assert_int_equal(c->sec.n_idmap, 4);

	assert_true(conf_security_has_userns(&c->sec));
	assert_true(conf_security_is_unprivileged(&c->sec));
	assert_int_equal(conf_security_idmap_to_host(&c->sec, CONF_IDMAP_UID, 0, &id), 0);
	assert_int_equal(id, 100000);
	assert_int_equal(conf_security_idmap_to_host(&c->sec, CONF_IDMAP_UID, 65537, &id), 0);
	assert_int_equal(id, 4294901760u);
	assert_int_equal(conf_security_idmap_to_host(&c->sec, CONF_IDMAP_UID, 131072, &id),
			 -ENOENT);
	assert_int_equal(conf_security_idmap_to_ns(&c->sec, CONF_IDMAP_GID, 165535, &id), 0);
	assert_int_equal(id, 65535);
	assert_int_equal(conf_security_idmap_to_ns(&c->sec, CONF_IDMAP_GID, 165536, &id), -ENOENT);
	assert_int_equal(conf_security_idmap_to_ns(&c->sec, CONF_IDMAP_GID, 4, &id), 0);
	assert_int_equal(id, 4294967294u);

	SET_OK(c, "lxc.idmap", "");
	GET_IS(c, "lxc.idmap", "");
	assert_false(conf_security_has_userns(&c->sec));
	/* Only a uid map for container root makes the container unprivileged. */
	SET_OK(c, "lxc.idmap", "g 0 100000 65536");
	SET_OK(c, "lxc.idmap", "u 1 100000 65536");
	assert_true(conf_security_has_userns(&c->sec));
	assert_false(conf_security_is_unprivileged(&c->sec));
	assert_int_equal(t_clear(c, "lxc.idmap"), 0);
	assert_int_equal(c->sec.n_idmap, 0);
}

static void test_ns_clone_keep(void **state)
{
	struct lxc_conf *c = *state;

	SET_OK(c, "lxc.namespace.clone", "net mnt");
	SET_OK(c, "lxc.namespace.clone", "IPC mount");
	GET_IS(c, "lxc.namespace.clone", "mnt\nipc\nnet\n");
	assert_int_equal(c->sec.ns_clone, CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWNET);
	SET_BAD(c, "lxc.namespace.clone", "uts network");
	assert_string_equal(
		diag.msg,
		"Invalid value \"network\" for \"lxc.namespace.clone\": expected namespace names "
		"separated by spaces, out of cgroup ipc mnt net pid time user uts");
	GET_IS(c, "lxc.namespace.clone", "mnt\nipc\nnet\n");

	SET_BAD(c, "lxc.namespace.keep", "user");
	assert_string_equal(diag.msg,
			    "Failed to set \"lxc.namespace.keep\": \"lxc.namespace.clone\" is "
			    "already set and only one of them may be used");
	GET_IS(c, "lxc.namespace.keep", "");

	SET_OK(c, "lxc.namespace.clone", "");
	GET_IS(c, "lxc.namespace.clone", "");
	SET_OK(c, "lxc.namespace.keep", "user net ipc time cgroup uts pid mnt");
	GET_IS(c, "lxc.namespace.keep", "mnt\npid\nuts\nipc\nuser\nnet\ncgroup\ntime\n");
	SET_BAD(c, "lxc.namespace.clone", "pid");
	assert_string_equal(diag.msg,
			    "Failed to set \"lxc.namespace.clone\": \"lxc.namespace.keep\" is "
			    "already set and only one of them may be used");
	assert_int_equal(c->sec.ns_clone, 0);
	assert_int_equal(t_clear(c, "lxc.namespace.keep"), 0);
	GET_IS(c, "lxc.namespace.keep", "");
	SET_OK(c, "lxc.namespace.clone", "pid");
	GET_IS(c, "lxc.namespace.clone", "pid\n");
}

static void test_ns_share(void **state)
{
	struct lxc_conf *c = *state;

	SET_OK(c, "lxc.namespace.share.net", "42");
	SET_OK(c, "lxc.namespace.share.pid", "c3");
	SET_OK(c, "lxc.namespace.share.user", "/opt/c3");
	SET_OK(c, "lxc.namespace.share.uts", "1abc");
	GET_IS(c, "lxc.namespace.share.net", "42");
	GET_IS(c, "lxc.namespace.share.pid", "c3");
	GET_IS(c, "lxc.namespace.share.user", "/opt/c3");
	GET_IS(c, "lxc.namespace.share.ipc", "");
	assert_int_equal(c->sec.ns_share[CONF_NS_NET].kind, CONF_NS_SHARE_PID);
	assert_int_equal(c->sec.ns_share[CONF_NS_NET].pid, 42);
	assert_int_equal(c->sec.ns_share[CONF_NS_PID].kind, CONF_NS_SHARE_NAME);
	assert_int_equal(c->sec.ns_share[CONF_NS_USER].kind, CONF_NS_SHARE_PATH);
	assert_int_equal(c->sec.ns_share[CONF_NS_UTS].kind, CONF_NS_SHARE_NAME);

	SET_BAD(c, "lxc.namespace.share.foo", "c3");
	assert_string_equal(
		diag.msg,
		"Failed to set \"lxc.namespace.share.foo\": expected lxc.namespace.share.NAME with "
		"NAME one of cgroup ipc mnt net pid time user uts");
	SET_BAD(c, "lxc.namespace.share.net.x", "c3");
	SET_BAD(c, "lxc.namespace.share", "c3");
	SET_BAD(c, "lxc.namespace.share.net", "0");
	assert_string_equal(diag.msg,
			    "Invalid value \"0\" for \"lxc.namespace.share.net\": expected a "
			    "container name, a process id or an absolute path");
	SET_BAD(c, "lxc.namespace.share.net", "a/b");
	SET_BAD(c, "lxc.namespace.share.net", "a b");
	SET_BAD(c, "lxc.namespace.share.net", "99999999999");
	GET_IS(c, "lxc.namespace.share.net", "42");
	assert_int_equal(t_get_rc(c, "lxc.namespace.share.foo"), -ENOENT);
	assert_int_equal(t_clear(c, "lxc.namespace.share.foo"), -ENOENT);

	SET_OK(c, "lxc.namespace.share.net", "");
	GET_IS(c, "lxc.namespace.share.net", "");
	assert_int_equal(c->sec.ns_share[CONF_NS_NET].kind, CONF_NS_SHARE_NONE);
	assert_int_equal(t_clear(c, "lxc.namespace.share.pid"), 0);
	GET_IS(c, "lxc.namespace.share.pid", "");
	GET_IS(c, "lxc.namespace.share.user", "/opt/c3");
	assert_int_equal(t_clear(c, "lxc.namespace.share"), 0);
	GET_IS(c, "lxc.namespace.share.user", "");
	GET_IS(c, "lxc.namespace.share.uts", "");
}

static void test_ns_names(void **state)
{
	enum conf_ns ns;

	assert_string_equal(conf_ns_name(CONF_NS_CGROUP), "cgroup");
	assert_null(conf_ns_name(CONF_NS_MAX));
	assert_int_equal(conf_ns_flag(CONF_NS_USER), CLONE_NEWUSER);
	assert_int_equal(conf_ns_flag(CONF_NS_TIME), 0x80);
	assert_int_equal(conf_ns_from_name("Time", &ns), 0);
	assert_int_equal(ns, CONF_NS_TIME);
	assert_int_equal(conf_ns_from_name("mount", &ns), 0);
	assert_int_equal(ns, CONF_NS_MNT);
	assert_int_equal(conf_ns_from_name("network", &ns), -EINVAL);
}

static void test_time_offset(void **state)
{
	struct lxc_conf *c = *state;
	static const struct {
		const char *in, *out;
		int64_t sec, nsec;
	} cases[] = {
		{"1h", "1h", 3600, 0},
		{"90m", "90m", 5400, 0},
		{"120m", "2h", 7200, 0},
		{"-10s", "-10s", -10, 0},
		{"+7 s", "7s", 7, 0},
		{"0s", "0s", 0, 0},
		{"0ns", "0s", 0, 0},
		{"3000ms", "3s", 3, 0},
		{"-5ms", "-5ms", -1, 995000000},
		{"1500000us", "1500ms", 1, 500000000},
		{"1500001us", "1500001us", 1, 500001000},
		{"-1000000001ns", "-1000000001ns", -2, 999999999},
		{"9223372036854775807ns", "9223372036854775807ns", 9223372036, 854775807},
		{"2562047788015215h", "2562047788015215h", INT64_C(9223372036854774000), 0},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		SET_OK(c, "lxc.time.offset.boot", cases[i].in);
		GET_IS(c, "lxc.time.offset.boot", cases[i].out);
		assert_true(c->sec.time_boot.set);
		assert_int_equal(c->sec.time_boot.sec, cases[i].sec);
		assert_int_equal(c->sec.time_boot.nsec, cases[i].nsec);
	}
	SET_OK(c, "lxc.time.offset.boot", "-5ms");
	SET_BAD(c, "lxc.time.offset.boot", "10");
	assert_string_equal(
		diag.msg, "Invalid value \"10\" for \"lxc.time.offset.boot\": expected an integer "
			  "with a unit h, m, s, ms, us or ns, e.g. \"-10s\" or \"500ms\"");
	SET_BAD(c, "lxc.time.offset.boot", "10x");
	SET_BAD(c, "lxc.time.offset.boot", "s");
	SET_BAD(c, "lxc.time.offset.boot", "1.5s");
	SET_BAD(c, "lxc.time.offset.boot", "10 S");
	SET_BAD(c, "lxc.time.offset.boot", "2562047788015216h");
	SET_BAD(c, "lxc.time.offset.boot", "9223372036854775808ns");
	SET_BAD(c, "lxc.time.offset.boot", "--1s");
	GET_IS(c, "lxc.time.offset.boot", "-5ms");
	/* Unset is the offset 0. */
	GET_IS(c, "lxc.time.offset.monotonic", "0s");

	SET_OK(c, "lxc.time.offset.monotonic", "-1h");
	GET_IS(c, "lxc.time.offset.monotonic", "-1h");
	SET_OK(c, "lxc.time.offset.monotonic", "");
	GET_IS(c, "lxc.time.offset.monotonic", "0s");
	assert_false(c->sec.time_monotonic.set);
	assert_int_equal(t_clear(c, "lxc.time.offset.boot"), 0);
	GET_IS(c, "lxc.time.offset.boot", "0s");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_idmap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ns_clone_keep, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ns_share, setup, teardown),
		cmocka_unit_test(test_ns_names),
		cmocka_unit_test_setup_teardown(test_time_offset, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
