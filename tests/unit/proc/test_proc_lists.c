/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests for the proc list and prefix keys through the configuration API: init.groups,
 * environment, group, prlimit, sysctl, proc and hooks, plus unchanged state after failures. */
#include "config.h"

#include <sys/resource.h>

#include "proc_test.h"

static void test_init_groups(void **state)
{
	struct lxc_conf *c = *state;
	struct conf_proc *m = PROC(c);

	/* Repeated lines append; LXC prints the ids on one line. */
	ok(c, "lxc.init.groups", "10, 20", "10,20");
	ok(c, "lxc.init.groups", "30,,", "10,20,30");
	assert_int_equal(m->n_init_groups, 3);
	assert_int_equal(m->init_groups[2], 30);
	bad(c, "lxc.init.groups", "40,wheel");
	assert_string_equal(last_diag.msg, "Invalid value \"40,wheel\" for \"lxc.init.groups\": "
					   "expected a comma-separated list of numeric group ids");
	bad(c, "lxc.init.groups", "4294967295");
	bad(c, "lxc.init.groups", ",,");
	assert_int_equal(m->n_init_groups, 3);
	ok(c, "lxc.init.groups", "", "");
	assert_int_equal(m->n_init_groups, 0);
	assert_null(m->init_groups);
}

static void test_environment(void **state)
{
	struct lxc_conf *c = *state;

	assert_int_equal(setenv("PROC_TEST_HOST_VAR", "from host", 1), 0);
	assert_int_equal(unsetenv("PROC_TEST_UNSET_VAR"), 0);
	ok(c, "lxc.environment", "APP_ENV=production", "APP_ENV=production\n");
	ok(c, "lxc.environment", "PROC_TEST_HOST_VAR",
	   "APP_ENV=production\nPROC_TEST_HOST_VAR=from host\n");
	ok(c, "lxc.environment", "EMPTY=", "APP_ENV=production\nPROC_TEST_HOST_VAR=from host\n"
					   "EMPTY=\n");
	ok(c, "lxc.environment", "A=b=c", "APP_ENV=production\nPROC_TEST_HOST_VAR=from host\n"
					  "EMPTY=\nA=b=c\n");
	assert_int_equal(set(c, "lxc.environment", "PROC_TEST_UNSET_VAR"), -ENOENT);
	assert_string_equal(last_diag.msg, "Failed to pass on \"PROC_TEST_UNSET_VAR\" for "
					   "\"lxc.environment\": not set in the environment");
	bad(c, "lxc.environment", "=value");
	assert_int_equal(strv_len(PROC(c)->environment), 4);
	assert_string_equal(PROC(c)->environment[1], "PROC_TEST_HOST_VAR=from host");
	ok(c, "lxc.environment", "", "");
	assert_null(PROC(c)->environment);
}

static void test_group(void **state)
{
	struct lxc_conf *c = *state;

	ok(c, "lxc.group", "onboot web", "onboot\nweb\n");
	ok(c, "lxc.group", "db", "onboot\nweb\ndb\n");
	assert_true(conf_proc_in_group(PROC(c), "web"));
	assert_false(conf_proc_in_group(PROC(c), "mail"));
	ok(c, "lxc.group", "", "");
	assert_false(conf_proc_in_group(PROC(c), "web"));
}

static void test_prlimit(void **state)
{
	struct lxc_conf *c = *state;
	const struct conf_prlimit *p;

	ok(c, "lxc.prlimit.nofile", "1024", "1024");
	p = conf_proc_prlimit(PROC(c), "nofile");
	assert_non_null(p);
	assert_int_equal(p->resource, RLIMIT_NOFILE);
	assert_true(p->limit.rlim_cur == 1024 && p->limit.rlim_max == 1024);
	ok(c, "lxc.prlimit.nofile", "1024:4096", "1024:4096");
	ok(c, "lxc.prlimit.core", "unlimited", "unlimited");
	p = conf_proc_prlimit(PROC(c), "core");
	assert_true(p->limit.rlim_cur == RLIM_INFINITY && p->limit.rlim_max == RLIM_INFINITY);
	ok(c, "lxc.prlimit.stack", "8388608:unlimited", "8388608:unlimited");
	ok(c, "lxc.prlimit.memlock", "0 : 65536", "0:65536");
	/* A later line for the same limit replaces it, keeping its place. */
	ok(c, "lxc.prlimit.nofile", "2048", "2048");
	assert_int_equal(PROC(c)->n_prlimits, 4);
	assert_string_equal(get(c, "lxc.prlimit"),
			    "lxc.prlimit.nofile = 2048\n"
			    "lxc.prlimit.core = unlimited\n"
			    "lxc.prlimit.stack = 8388608:unlimited\n"
			    "lxc.prlimit.memlock = 0:65536\n");

	bad(c, "lxc.prlimit.nofile", "many");
	assert_string_equal(last_diag.msg,
			    "Invalid value \"many\" for \"lxc.prlimit.nofile\": expected a limit or "
			    "SOFT:HARD limits, each a number or \"unlimited\", with SOFT not above "
			    "HARD");
	bad(c, "lxc.prlimit.nofile", "10:5");
	bad(c, "lxc.prlimit.nofile", "unlimited:5");
	bad(c, "lxc.prlimit.nofile", "1:2:3");
	bad(c, "lxc.prlimit.nofile", "-1");
	bad(c, "lxc.prlimit.nofile", "1:");
	assert_int_equal(set(c, "lxc.prlimit.files", "10"), -EINVAL);
	assert_string_equal(last_diag.msg,
			    "Invalid key \"lxc.prlimit.files\": expected lxc.prlimit.NAME with NAME "
			    "one of as, core, cpu, data, fsize, locks, memlock, msgqueue, nice, "
			    "nofile, nproc, rss, rtprio, rttime, sigpending, stack");
	assert_int_equal(set(c, "lxc.prlimit", "10"), -EINVAL);
	assert_int_equal(PROC(c)->n_prlimits, 4);

	/* Empty value or clear on one name drops it; on the family drops all. */
	ok(c, "lxc.prlimit.core", "", "");
	assert_null(conf_proc_prlimit(PROC(c), "core"));
	assert_int_equal(conf_clear_item(c, "lxc.prlimit.stack"), 0);
	assert_string_equal(get(c, "lxc.prlimit"),
			    "lxc.prlimit.nofile = 2048\nlxc.prlimit.memlock = 0:65536\n");
	assert_int_equal(set(c, "lxc.prlimit", ""), 0);
	assert_string_equal(get(c, "lxc.prlimit"), "");
	ok(c, "lxc.prlimit.nproc", "100", "100");
	assert_int_equal(conf_clear_item(c, "lxc.prlimit"), 0);
	assert_int_equal(PROC(c)->n_prlimits, 0);
	assert_int_equal(conf_prlimit_resource("rttime"), RLIMIT_RTTIME);
	assert_int_equal(conf_prlimit_resource("NOFILE"), -EINVAL);
}

static void test_sysctl_proc(void **state)
{
	struct lxc_conf *c = *state;

	ok(c, "lxc.sysctl.net.ipv4.ip_forward", "1", "1");
	ok(c, "lxc.sysctl.kernel.msgmax", "65536", "65536");
	ok(c, "lxc.sysctl.net.ipv4.ip_forward", "0", "0");
	assert_string_equal(conf_proc_sysctl(PROC(c), "net.ipv4.ip_forward"), "0");
	assert_string_equal(get(c, "lxc.sysctl"),
			    "lxc.sysctl.net.ipv4.ip_forward = 0\nlxc.sysctl.kernel.msgmax = 65536\n");
	assert_int_equal(set(c, "lxc.sysctl.net..x", "1"), -EINVAL);
	assert_string_equal(last_diag.msg,
			    "Invalid key \"lxc.sysctl.net..x\": expected lxc.sysctl.NAME");
	assert_int_equal(set(c, "lxc.sysctl.net/ipv4", "1"), -EINVAL);
	assert_int_equal(set(c, "lxc.sysctl.kernel.", "1"), -EINVAL);
	assert_int_equal(set(c, "lxc.sysctl", "1"), -EINVAL);
	assert_string_equal(last_diag.msg,
			    "Invalid value \"1\" for \"lxc.sysctl\": expected an empty value to clear "
			    "them all (values are set with lxc.sysctl.NAME)");
	ok(c, "lxc.sysctl.kernel.msgmax", "", "");
	assert_string_equal(get(c, "lxc.sysctl"), "lxc.sysctl.net.ipv4.ip_forward = 0\n");
	assert_int_equal(conf_clear_item(c, "lxc.sysctl"), 0);
	assert_string_equal(get(c, "lxc.sysctl"), "");

	ok(c, "lxc.proc.oom_score_adj", "10", "10");
	ok(c, "lxc.proc.setgroups", "deny", "deny");
	ok(c, "lxc.proc.oom_score_adj", "-100", "-100");
	assert_string_equal(get(c, "lxc.proc"),
			    "lxc.proc.oom_score_adj = -100\nlxc.proc.setgroups = deny\n");
	assert_string_equal(conf_proc_procfile(PROC(c), "setgroups"), "deny");
	assert_int_equal(set(c, "lxc.proc.attr/current", "x"), -EINVAL);
	assert_int_equal(conf_clear_item(c, "lxc.proc.setgroups"), 0);
	assert_null(conf_proc_procfile(PROC(c), "setgroups"));
	assert_int_equal(set(c, "lxc.proc", ""), 0);
	assert_string_equal(get(c, "lxc.proc"), "");
	assert_string_equal(get(c, "lxc.sysctl.never.set"), "");
}

static void test_hooks(void **state)
{
	struct lxc_conf *c = *state;
	struct conf_proc *m = PROC(c);

	ok(c, "lxc.hook.pre-start", "/usr/bin/a --x", "/usr/bin/a --x\n");
	ok(c, "lxc.hook.pre-start", "/usr/bin/b", "/usr/bin/a --x\n/usr/bin/b\n");
	ok(c, "lxc.hook.start-host", "/bin/h", "/bin/h\n");
	ok(c, "lxc.hook.post-stop", "/bin/p", "/bin/p\n");
	ok(c, "lxc.hook.version", "1", "1");
	bad(c, "lxc.hook.version", "2");
	assert_string_equal(conf_proc_hooks(m, CONF_HOOK_PRE_START)[1], "/usr/bin/b");
	assert_null(conf_proc_hooks(m, CONF_HOOK_MOUNT));
	assert_string_equal(conf_hook_name(CONF_HOOK_START_HOST), "start-host");
	assert_int_equal(conf_hook_type_from_name("post-stop"), CONF_HOOK_POST_STOP);
	assert_int_equal(conf_hook_type_from_name("poststop"), -EINVAL);
	assert_null(conf_hook_name(CONF_HOOK_MAX));
	assert_string_equal(get(c, "lxc.hook"),
			    "lxc.hook.version = 1\n"
			    "lxc.hook.pre-start = /usr/bin/a --x\n"
			    "lxc.hook.pre-start = /usr/bin/b\n"
			    "lxc.hook.post-stop = /bin/p\n"
			    "lxc.hook.start-host = /bin/h\n");
	ok(c, "lxc.hook.pre-start", "", "");
	assert_int_equal(conf_clear_item(c, "lxc.hook.post-stop"), 0);
	assert_null(conf_proc_hooks(m, CONF_HOOK_POST_STOP));
	assert_int_equal(conf_clear_item(c, "lxc.hook.start-host"), 0);
	assert_string_equal(get(c, "lxc.hook"), "lxc.hook.version = 1\n");
	/* Every hook type is a key. */
	for (int i = 0; i < CONF_HOOK_MAX; i++) {
		char key[64];

		snprintf(key, sizeof(key), "lxc.hook.%s", conf_hook_name(i));
		ok(c, key, "/bin/true", "/bin/true\n");
	}
	assert_int_equal(conf_clear_item(c, "lxc.hook"), 0);
	for (int i = 0; i < CONF_HOOK_MAX; i++)
		assert_null(conf_proc_hooks(m, i));
	assert_false(m->hook_version);
	assert_string_equal(get(c, "lxc.hook"), "lxc.hook.version = 0\n");
}

/* The whole configuration read back is identical after a batch of rejected values. */
static void test_failed_set_unchanged(void **state)
{
	struct lxc_conf *c = *state;
	static const char *const good[][2] = {
		{ "lxc.uts.name", "c1" }, { "lxc.arch", "x86_64" }, { "lxc.init.cwd", "/" },
		{ "lxc.init.groups", "5" }, { "lxc.environment", "A=1" }, { "lxc.group", "g" },
		{ "lxc.prlimit.nofile", "10:20" }, { "lxc.sysctl.a.b", "1" },
		{ "lxc.proc.oom_score_adj", "1" }, { "lxc.signal.halt", "SIGTERM" },
		{ "lxc.tty.max", "2" }, { "lxc.console.size", "1M" }, { "lxc.log.level", "INFO" },
		{ "lxc.hook.mount", "/bin/m" }, { "lxc.start.order", "3" },
	};
	static const char *const rejected[][2] = {
		{ "lxc.uts.name", "0123456789012345678901234567890123456789012345678901234567890123x" },
		{ "lxc.arch", "vax" }, { "lxc.init.cwd", "rel" }, { "lxc.init.groups", "x" },
		{ "lxc.environment", "=1" }, { "lxc.prlimit.nofile", "20:10" },
		{ "lxc.prlimit.bogus", "1" }, { "lxc.sysctl..", "1" }, { "lxc.proc.a/b", "1" },
		{ "lxc.signal.halt", "SIGNOPE" }, { "lxc.tty.max", "-1" },
		{ "lxc.console.size", "lots" }, { "lxc.log.level", "LOUD" },
		{ "lxc.hook", "/bin/x" }, { "lxc.start.order", "1.5" }, { "lxc.start.auto", "" "2" },
		{ "lxc.log.syslog", "cron" }, { "lxc.console.path", "rel" },
	};
	static const char *const families[] = {
		"lxc.uts", "lxc.arch", "lxc.init", "lxc.environment", "lxc.group", "lxc.prlimit",
		"lxc.sysctl", "lxc.proc", "lxc.signal", "lxc.tty", "lxc.console", "lxc.log",
		"lxc.hook", "lxc.start",
	};
	struct strbuf before = { 0 }, after = { 0 };

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_int_equal(set(c, good[i][0], good[i][1]), 0);
	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		assert_int_equal(conf_get_item(c, families[i], &before), 0);
	for (size_t i = 0; i < sizeof(rejected) / sizeof(rejected[0]); i++) {
		assert_int_equal(set(c, rejected[i][0], rejected[i][1]), -EINVAL);
		assert_int_equal(last_diag.err, -EINVAL);
	}
	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		assert_int_equal(conf_get_item(c, families[i], &after), 0);
	assert_string_equal(before.buf, after.buf);
	assert_true(strstr(before.buf, "lxc.prlimit.nofile = 10:20\n") != NULL);
	strbuf_free(&before);
	strbuf_free(&after);
}

/* A loaded file and a clone see the same values; get_keys lists the limit names. */
static void test_load_clone(void **state)
{
	struct lxc_conf *c = *state;
	__do(conf) struct lxc_conf *copy = NULL;
	struct conf_diag d = { 0 };
	struct strbuf keys = { 0 };

	assert_int_equal(conf_load_string(c,
					  "lxc.uts.name = loaded\n"
					  "lxc.prlimit.nofile = 100:200\n"
					  "lxc.hook.pre-start = /bin/a\n"
					  "lxc.hook.pre-start = /bin/b\n"
					  "lxc.environment = X=1\n"
					  "lxc.tty.max = 3\n",
					  "test.conf", &d), 0);
	copy = conf_clone(c);
	assert_non_null(copy);
	assert_string_equal(get(copy, "lxc.uts.name"), "loaded");
	assert_string_equal(get(copy, "lxc.prlimit"), "lxc.prlimit.nofile = 100:200\n");
	assert_string_equal(get(copy, "lxc.hook.pre-start"), "/bin/a\n/bin/b\n");
	assert_string_equal(get(copy, "lxc.environment"), "X=1\n");
	assert_string_equal(get(copy, "lxc.tty.max"), "3");
	assert_int_equal(conf_list_keys(c, "lxc.prlimit", &keys), 0);
	assert_true(str_starts_with(keys.buf, "as\ncore\ncpu\n"));
	assert_true(str_ends_with(keys.buf, "sigpending\nstack\n"));
	strbuf_free(&keys);

	memset(&d, 0, sizeof(d));
	assert_int_equal(conf_load_string(c, "lxc.tty.max = 1\nlxc.tty.max = many\n", "bad.conf",
					  &d), -EINVAL);
	assert_int_equal(d.line, 2);
	assert_string_equal(get(c, "lxc.tty.max"), "3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_init_groups, setup_conf, teardown_conf),
		cmocka_unit_test_setup_teardown(test_environment, setup_conf, teardown_conf),
		cmocka_unit_test_setup_teardown(test_group, setup_conf, teardown_conf),
		cmocka_unit_test_setup_teardown(test_prlimit, setup_conf, teardown_conf),
		cmocka_unit_test_setup_teardown(test_sysctl_proc, setup_conf, teardown_conf),
		cmocka_unit_test_setup_teardown(test_hooks, setup_conf, teardown_conf),
		cmocka_unit_test_setup_teardown(test_failed_set_unchanged, setup_conf, teardown_conf),
		cmocka_unit_test_setup_teardown(test_load_clone, setup_conf, teardown_conf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
