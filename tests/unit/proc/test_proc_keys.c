/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests for the proc scalar keys through the configuration API: hostname, arch, init,
 * signals, autostart, monitor, ttys, console, log, families and the table itself. */
#include "config.h"

#include <limits.h>
#include <signal.h>
#include <sys/personality.h>
#include <unistd.h>

#include "config/values.h"
#include "log/log.h"
#include "proc_test.h"

static void test_defaults(void **state)
{
	struct lxc_conf *c = *state;
	struct conf_proc *m = PROC(c);
	static const char *const empty[] = {
		"lxc.uts.name", "lxc.arch", "lxc.init.cmd", "lxc.init.cwd", "lxc.init.groups",
		"lxc.execute.cmd", "lxc.environment", "lxc.prlimit", "lxc.sysctl", "lxc.proc",
		"lxc.group",
		"lxc.tty.dir", "lxc.console.path", "lxc.console.logfile", "lxc.log.file",
		"lxc.log.level", "lxc.log.syslog", "lxc.hook.pre-start", "lxc.hook.start-host",
		"lxc.prlimit.nofile", "lxc.sysctl.net.ipv4.ip_forward", "lxc.proc.oom_score_adj",
	};
	static const char *const zero[] = {
		"lxc.init.uid", "lxc.init.gid", "lxc.start.auto", "lxc.start.delay",
		"lxc.start.order", "lxc.monitor.unshare", "lxc.ephemeral", "lxc.tty.max",
		"lxc.pty.max", "lxc.console.rotate", "lxc.console.size", "lxc.console.buffer.size",
		"lxc.hook.version", "lxc.signal.halt", "lxc.signal.reboot", "lxc.signal.stop",
	};

	for (size_t i = 0; i < sizeof(empty) / sizeof(empty[0]); i++)
		assert_string_equal(get(c, empty[i]), "");
	for (size_t i = 0; i < sizeof(zero) / sizeof(zero[0]); i++)
		assert_string_equal(get(c, zero[i]), "0");
	assert_string_equal(get(c, "lxc.monitor.signal.pdeath"), "9");
	assert_int_equal(conf_proc_halt_signal(m), SIGPWR);
	assert_int_equal(conf_proc_reboot_signal(m), SIGINT);
	assert_int_equal(conf_proc_stop_signal(m), SIGKILL);
	assert_string_equal(conf_proc_init_cmd(m), "/sbin/init");
	assert_int_equal(m->personality, CONF_PERSONALITY_UNSET);
	assert_int_equal(m->log_level, LXC_LOG_LEVEL_NOTSET);
	assert_false(conf_proc_console_disabled(m));
}

static void test_uts(void **state)
{
	struct lxc_conf *c = *state;
	char name[66];

	ok(c, "lxc.uts.name", "web-1", "web-1");
	memset(name, 'a', 64);
	name[64] = '\0';
	ok(c, "lxc.uts.name", name, name);
	name[64] = 'a';
	name[65] = '\0';
	bad(c, "lxc.uts.name", name);
	assert_true(str_ends_with(last_diag.msg, "expected a host name of at most 64 characters"));
	ok(c, "lxc.uts.name", "", "");
	assert_null(PROC(c)->uts_name);
	/* The legacy name reaches the same field. */
	ok(c, "lxc.utsname", "old", "old");
	assert_string_equal(get(c, "lxc.uts.name"), "old");
	assert_int_equal(conf_clear_item(c, "lxc.uts"), 0);
	assert_string_equal(get(c, "lxc.uts.name"), "");
}

static void test_arch(void **state)
{
	struct lxc_conf *c = *state;
	struct conf_proc *m = PROC(c);

	assert_int_equal(set(c, "lxc.arch", "amd64"), 0);
	assert_int_equal(m->personality, PER_LINUX);
	assert_string_equal(m->arch, "amd64");
	assert_int_equal(set(c, "lxc.arch", "i386"), 0);
	assert_int_equal(m->personality, PER_LINUX32);
	assert_int_equal(set(c, "lxc.arch", "aarch64"), 0);
	assert_int_equal(m->personality, PER_LINUX);
#if defined(__x86_64__) || defined(__i386__)
	assert_string_equal(get(c, "lxc.arch"), "x86_64");
	ok(c, "lxc.arch", "armhf", "i686");
#else
	assert_string_equal(get(c, "lxc.arch"), "aarch64");
#endif
	bad(c, "lxc.arch", "sparc");
	assert_string_equal(last_diag.msg,
			    "Invalid value \"sparc\" for \"lxc.arch\": expected an architecture such "
			    "as x86_64, amd64, i686, x86, aarch64, arm64, armhf, ppc64le, s390x or "
			    "riscv64");
	bad(c, "lxc.arch", "X86_64");
	assert_string_equal(m->arch, "armhf");
	ok(c, "lxc.arch", "", "");
	assert_int_equal(m->personality, CONF_PERSONALITY_UNSET);
	assert_null(m->arch);
}

static void test_init(void **state)
{
	struct lxc_conf *c = *state;
	struct conf_proc *m = PROC(c);

	ok(c, "lxc.init.cmd", "/sbin/my-init --debug", "/sbin/my-init --debug");
	assert_string_equal(conf_proc_init_cmd(m), "/sbin/my-init --debug");
	ok(c, "lxc.execute.cmd", "/bin/sh -c true", "/bin/sh -c true");
	ok(c, "lxc.init.cwd", "/srv/app", "/srv/app");
	bad(c, "lxc.init.cwd", "srv");
	assert_string_equal(last_diag.msg,
			    "Invalid value \"srv\" for \"lxc.init.cwd\": expected an absolute path");
	ok(c, "lxc.init.uid", "1000", "1000");
	ok(c, "lxc.init.gid", "4294967294", "4294967294");
	assert_int_equal(m->init_gid, 4294967294u);
	bad(c, "lxc.init.uid", "-1");
	bad(c, "lxc.init.uid", "4294967295");
	bad(c, "lxc.init.gid", "root");
	assert_string_equal(last_diag.msg, "Invalid value \"root\" for \"lxc.init.gid\": expected "
					   "an integer from 0 to 4294967294");
	assert_string_equal(get(c, "lxc.init"),
			    "lxc.init.cmd = /sbin/my-init --debug\n"
			    "lxc.init.cwd = /srv/app\n"
			    "lxc.init.uid = 1000\n"
			    "lxc.init.gid = 4294967294\n");
	ok(c, "lxc.init.uid", "", "0");
	assert_int_equal(conf_clear_item(c, "lxc.init"), 0);
	assert_null(m->init_cmd);
	assert_null(m->init_cwd);
	assert_int_equal(m->init_gid, 0);
	assert_string_equal(get(c, "lxc.init"), "lxc.init.uid = 0\nlxc.init.gid = 0\n");
	/* lxc.execute.cmd is not part of lxc.init. */
	assert_string_equal(get(c, "lxc.execute.cmd"), "/bin/sh -c true");
}

static void test_signals(void **state)
{
	struct lxc_conf *c = *state;
	struct conf_proc *m = PROC(c);
	char num[16];

	ok(c, "lxc.signal.halt", "SIGRTMIN+3", (snprintf(num, sizeof(num), "%d", SIGRTMIN + 3), num));
	assert_int_equal(conf_proc_halt_signal(m), SIGRTMIN + 3);
	ok(c, "lxc.signal.reboot", "SIGTERM", "15");
	ok(c, "lxc.signal.stop", "9", "9");
	ok(c, "lxc.signal.stop", "usr1", "10");
	bad(c, "lxc.signal.halt", "SIGBOGUS");
	assert_string_equal(last_diag.msg,
			    "Invalid value \"SIGBOGUS\" for \"lxc.signal.halt\": expected a signal "
			    "number or name such as SIGPWR, SIGTERM or SIGRTMIN+3");
	bad(c, "lxc.signal.reboot", "65");
	/* "0" and "" both mean LXC's default; like LXC, 0 is printed. */
	ok(c, "lxc.signal.halt", "0", "0");
	assert_int_equal(conf_proc_halt_signal(m), SIGPWR);
	ok(c, "lxc.signal.reboot", "", "0");
	assert_int_equal(conf_proc_reboot_signal(m), SIGINT);
	assert_string_equal(get(c, "lxc.signal"), "lxc.signal.halt = 0\n"
						  "lxc.signal.reboot = 0\n"
						  "lxc.signal.stop = 10\n");
	assert_int_equal(conf_clear_item(c, "lxc.signal"), 0);
	assert_int_equal(conf_proc_stop_signal(m), SIGKILL);
	assert_string_equal(get(c, "lxc.signal.stop"), "0");

	/* pdeath: 0 is "none", clearing restores SIGKILL. */
	ok(c, "lxc.monitor.signal.pdeath", "0", "0");
	assert_int_equal(m->monitor_pdeath_signal, 0);
	ok(c, "lxc.monitor.signal.pdeath", "SIGTERM", "15");
	bad(c, "lxc.monitor.signal.pdeath", "-1");
	ok(c, "lxc.monitor.signal.pdeath", "", "9");
}

static void test_start_monitor(void **state)
{
	struct lxc_conf *c = *state;
	struct conf_proc *m = PROC(c);

	ok(c, "lxc.start.auto", "1", "1");
	assert_true(m->start_auto);
	bad(c, "lxc.start.auto", "2");
	assert_string_equal(last_diag.msg,
			    "Invalid value \"2\" for \"lxc.start.auto\": expected 0 or 1");
	bad(c, "lxc.start.auto", "yes");
	ok(c, "lxc.start.delay", "15", "15");
	bad(c, "lxc.start.delay", "-3");
	ok(c, "lxc.start.order", "-5", "-5");
	bad(c, "lxc.start.order", "first");
	assert_string_equal(get(c, "lxc.start"),
			    "lxc.start.auto = 1\nlxc.start.delay = 15\nlxc.start.order = -5\n");
	assert_int_equal(conf_clear_item(c, "lxc.start"), 0);
	assert_string_equal(get(c, "lxc.start"),
			    "lxc.start.auto = 0\nlxc.start.delay = 0\nlxc.start.order = 0\n");

	ok(c, "lxc.monitor.unshare", "1", "1");
	bad(c, "lxc.monitor.unshare", "on");
	ok(c, "lxc.ephemeral", "1", "1");
	assert_true(m->ephemeral);
	bad(c, "lxc.ephemeral", "true");
	ok(c, "lxc.ephemeral", "", "0");
	assert_string_equal(get(c, "lxc.monitor"),
			    "lxc.monitor.unshare = 1\nlxc.monitor.signal.pdeath = 9\n");
	assert_int_equal(conf_clear_item(c, "lxc.monitor"), 0);
	assert_int_equal(m->monitor_unshare, 0);
}

static void test_tty(void **state)
{
	struct lxc_conf *c = *state;

	ok(c, "lxc.tty.max", "4", "4");
	bad(c, "lxc.tty.max", "four");
	ok(c, "lxc.tty.dir", "lxc", "lxc");
	bad(c, "lxc.tty.dir", "lxc/tty");
	assert_string_equal(last_diag.msg, "Invalid value \"lxc/tty\" for \"lxc.tty.dir\": "
					   "expected a directory name under /dev, such as \"lxc\"");
	bad(c, "lxc.tty.dir", "..");
	ok(c, "lxc.pty.max", "1024", "1024");
	bad(c, "lxc.pty.max", "1k");
	assert_string_equal(get(c, "lxc.tty"), "lxc.tty.max = 4\nlxc.tty.dir = lxc\n");
	assert_int_equal(conf_clear_item(c, "lxc.tty"), 0);
	assert_string_equal(get(c, "lxc.tty"), "lxc.tty.max = 0\n");
	assert_string_equal(get(c, "lxc.pty.max"), "1024");
}

static void test_console(void **state)
{
	struct lxc_conf *c = *state;
	struct conf_proc *m = PROC(c);
	char page[32];

	ok(c, "lxc.console.path", "/dev/ttyS0", "/dev/ttyS0");
	ok(c, "lxc.console.path", "none", "none");
	assert_true(conf_proc_console_disabled(m));
	bad(c, "lxc.console.path", "ttyS0");
	assert_string_equal(last_diag.msg,
			    "Invalid value \"ttyS0\" for \"lxc.console.path\": expected an "
			    "absolute path to a device or \"none\"");
	ok(c, "lxc.console.logfile", "/var/log/c1.console", "/var/log/c1.console");
	ok(c, "lxc.console.rotate", "1", "1");
	bad(c, "lxc.console.rotate", "5");
	ok(c, "lxc.console.size", "auto", "131072");
	ok(c, "lxc.console.size", "1M", "1048576");
	ok(c, "lxc.console.size", "100K", "131072");
	snprintf(page, sizeof(page), "%ld", sysconf(_SC_PAGESIZE));
	ok(c, "lxc.console.size", "0", page);
	ok(c, "lxc.console.buffer.size", "AUTO", "131072");
	ok(c, "lxc.console.buffer.size", "65536", "65536");
	assert_int_equal(m->console.buffer_size, 65536);
	bad(c, "lxc.console.buffer.size", "big");
	bad(c, "lxc.console.size", "-4K");
	ok(c, "lxc.console.size", "", "0");
	assert_string_equal(get(c, "lxc.console"),
			    "lxc.console.path = none\n"
			    "lxc.console.logfile = /var/log/c1.console\n"
			    "lxc.console.rotate = 1\n"
			    "lxc.console.size = 0\n"
			    "lxc.console.buffer.size = 65536\n");
	/* The family is read and cleared, never set to a value. */
	assert_int_equal(set(c, "lxc.console.bogus", "1"), -EINVAL);
	assert_int_equal(conf_clear_item(c, "lxc.console"), 0);
	assert_null(m->console.path);
	assert_null(m->console.logfile);
	assert_false(m->console.rotate);
	assert_int_equal(m->console.buffer_size, 0);
}

static void test_log(void **state)
{
	struct lxc_conf *c = *state;
	struct conf_proc *m = PROC(c);

	ok(c, "lxc.log.level", "debug", "DEBUG");
	assert_int_equal(m->log_level, LXC_LOG_LEVEL_DEBUG);
	ok(c, "lxc.log.level", "3", "NOTICE");
	ok(c, "lxc.log.level", "Warn", "WARN");
	ok(c, "lxc.log.level", "8", "FATAL");
	bad(c, "lxc.log.level", "9");
	bad(c, "lxc.log.level", "verbose");
	assert_string_equal(last_diag.msg,
			    "Invalid value \"verbose\" for \"lxc.log.level\": expected a log level "
			    "(TRACE, DEBUG, INFO, NOTICE, WARN, ERROR, CRIT, ALERT, FATAL) or a "
			    "number from 0 to 8");
	ok(c, "lxc.log.file", "/var/log/lxc/c1.log", "/var/log/lxc/c1.log");
	ok(c, "lxc.log.syslog", "daemon", "daemon");
	ok(c, "lxc.log.syslog", "local7", "local7");
	bad(c, "lxc.log.syslog", "kern");
	assert_string_equal(last_diag.msg, "Invalid value \"kern\" for \"lxc.log.syslog\": "
					   "expected a syslog facility: daemon, user or local0 to "
					   "local7");
	assert_string_equal(get(c, "lxc.log"),
			    "lxc.log.file = /var/log/lxc/c1.log\n"
			    "lxc.log.level = FATAL\n"
			    "lxc.log.syslog = local7\n");
	ok(c, "lxc.log.level", "", "");
	assert_int_equal(m->log_level, LXC_LOG_LEVEL_NOTSET);
	assert_int_equal(conf_clear_item(c, "lxc.log"), 0);
	assert_string_equal(get(c, "lxc.log"), "");
}

static void test_families_noset(void **state)
{
	struct lxc_conf *c = *state;
	static const char *const families[] = {
		"lxc.uts", "lxc.init", "lxc.signal", "lxc.start", "lxc.monitor", "lxc.tty",
		"lxc.console", "lxc.log", "lxc.hook",
	};

	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
		assert_int_equal(set(c, families[i], "x"), -EINVAL);
		assert_true(conf_key_is_supported(families[i]));
	}
	/* A hook type that does not exist is an unknown key, not a family member. */
	assert_int_equal(set(c, "lxc.hook.pre-stop", "/bin/true"), -EINVAL);
	assert_string_equal(last_diag.msg, "Unknown configuration key \"lxc.hook.pre-stop\"");
	assert_false(conf_key_is_supported("lxc.hook.pre-stop"));
	assert_false(conf_key_is_supported("lxc.signal.kill"));
}

/* Every entry is well formed: unique "lxc." names, get and clear everywhere, set unless
 * NOSET, list keys marked as such. */
static void test_table(void **state)
{
	const struct conf_key_table *t = &conf_table_proc;

	(void)state;
	assert_true(t->n > 50);
	for (size_t i = 0; i < t->n; i++) {
		const struct conf_key *k = &t->keys[i];

		assert_true(str_starts_with(k->name, "lxc."));
		assert_non_null(k->get);
		assert_non_null(k->clear);
		assert_true((k->flags & CONF_KEY_NOSET) ? !k->set : k->set != NULL);
		if (!(k->flags & CONF_KEY_NOSET))
			assert_non_null(k->syntax);
		for (size_t j = i + 1; j < t->n; j++)
			assert_string_not_equal(k->name, t->keys[j].name);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_defaults, setup_conf, teardown_conf),
		cmocka_unit_test_setup_teardown(test_uts, setup_conf, teardown_conf),
		cmocka_unit_test_setup_teardown(test_arch, setup_conf, teardown_conf),
		cmocka_unit_test_setup_teardown(test_init, setup_conf, teardown_conf),
		cmocka_unit_test_setup_teardown(test_signals, setup_conf, teardown_conf),
		cmocka_unit_test_setup_teardown(test_start_monitor, setup_conf, teardown_conf),
		cmocka_unit_test_setup_teardown(test_tty, setup_conf, teardown_conf),
		cmocka_unit_test_setup_teardown(test_console, setup_conf, teardown_conf),
		cmocka_unit_test_setup_teardown(test_log, setup_conf, teardown_conf),
		cmocka_unit_test_setup_teardown(test_families_noset, setup_conf, teardown_conf),
		cmocka_unit_test(test_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
