/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests of the lifecycle's pure parts: the start request round trip (configuration
 * replay log with unsaved sets and clears, argv, flags), the init's argv and environment, the
 * sync socket's error transport and the status records. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/str.h"
#include "config/config.h"
#include "lifecycle/monitor.h"
#include "lifecycle/request.h"
#include "lifecycle/sync.h"

static struct lxc_conf *conf_with(const char *const *kv)
{
	struct lxc_conf *conf = conf_new();

	assert_non_null(conf);
	for (size_t i = 0; kv[i]; i += 2) {
		struct conf_diag diag = {};

		if (kv[i + 1])
			assert_int_equal(conf_set_item(conf, kv[i], kv[i + 1], &diag), 0);
		else
			assert_int_equal(conf_clear_item(conf, kv[i]), 0);
	}
	return conf;
}

static char *get(const struct lxc_conf *conf, const char *key)
{
	struct strbuf sb = { 0 };

	assert_int_equal(conf_get_item(conf, key, &sb), 0);
	return sb.buf ? strbuf_take(&sb) : strdup("");
}

static void test_request_round_trip(void **state)
{
	static const char *const kv[] = {
		"lxc.uts.name", "first",
		"lxc.environment", "A=1",
		"lxc.environment", "B=2",
		"lxc.uts.name", "second",		/* later set wins */
		"lxc.tty.max", "3",
		"lxc.mount.entry", "tmpfs tmp tmpfs defaults 0 0",
		"lxc.mount.entry", NULL,		/* cleared again */
		"lxc.network.type", "empty",		/* legacy name, logged as lxc.net.0.type */
		NULL,
	};
	char *argv[] = { "/bin/sh", "-c", "echo hi there", NULL };
	struct start_request in = {
		.name = "c1", .lxcpath = "/var/lib/lxc x", .config_file = "/x/config",
		.log_file = NULL, .log_level = 5, .flags = START_EXECUTE | START_DAEMONIZE,
		.status_fd = 4, .argv = argv,
	};
	struct start_request out;
	char msg[256];
	char *v;
	int fd;

	in.conf = conf_with(kv);
	fd = start_request_memfd(&in);
	assert_true(fd >= 0);
	assert_int_equal(start_request_read(fd, &out, msg, sizeof(msg)), 0);
	close(fd);
	assert_string_equal(out.name, "c1");
	assert_string_equal(out.lxcpath, "/var/lib/lxc x");
	assert_string_equal(out.config_file, "/x/config");
	assert_null(out.log_file);
	assert_int_equal(out.log_level, 5);
	assert_int_equal(out.flags, START_EXECUTE | START_DAEMONIZE);
	assert_int_equal(out.status_fd, 4);
	assert_int_equal(strv_len(out.argv), 3);
	assert_string_equal(out.argv[2], "echo hi there");

	v = get(out.conf, "lxc.uts.name");
	assert_string_equal(v, "second");
	free(v);
	v = get(out.conf, "lxc.environment");
	assert_string_equal(v, "A=1\nB=2\n");
	free(v);
	v = get(out.conf, "lxc.tty.max");
	assert_string_equal(v, "3");
	free(v);
	v = get(out.conf, "lxc.mount.entry");
	assert_string_equal(v, "");
	free(v);
	v = get(out.conf, "lxc.net.0.type");
	assert_string_equal(v, "empty");
	free(v);
	start_request_free(&out);
	conf_free(in.conf);
}

static void test_request_no_argv(void **state)
{
	static const char *const kv[] = { NULL };
	struct start_request in = { .name = "n", .lxcpath = "/p", .log_level = -1,
				    .status_fd = -1 };
	struct start_request out;
	char msg[256];
	int fd;

	in.conf = conf_with(kv);
	fd = start_request_memfd(&in);
	assert_true(fd >= 0);
	assert_int_equal(start_request_read(fd, &out, msg, sizeof(msg)), 0);
	close(fd);
	assert_null(out.argv);
	assert_null(out.config_file);
	assert_int_equal(out.log_level, -1);
	assert_int_equal(out.status_fd, -1);
	start_request_free(&out);
	conf_free(in.conf);
}

static void test_request_garbage(void **state)
{
	struct start_request out;
	char msg[256];
	int p[2];

	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], "LXCSTRT1\x01", 9), 9);
	close(p[1]);
	assert_int_equal(start_request_read(p[0], &out, msg, sizeof(msg)), -EBADMSG);
	assert_string_equal(msg, "Malformed start request");
	close(p[0]);
}

static void monitor_for(struct monitor *m, const char *const *kv, char **argv, unsigned flags)
{
	memset(m, 0, sizeof(*m));
	m->req.name = "c1";
	m->req.lxcpath = "/lxc";
	m->req.flags = flags;
	m->req.argv = argv;
	m->conf = m->req.conf = conf_with(kv);
}

static void test_init_argv(void **state)
{
	static const char *const none[] = { NULL };
	static const char *const cmd[] = { "lxc.init.cmd", "/sbin/my-init  --quiet", NULL };
	static const char *const exe[] = { "lxc.execute.cmd", "/bin/app -x", NULL };
	char *given[] = { "/bin/sh", "-c", "exit 3", NULL };
	struct monitor m;
	char **argv;
	char *s;

	monitor_for(&m, none, NULL, 0);
	assert_int_equal(init_build_argv(&m, &argv), 0);
	s = strv_join(argv, "|");
	assert_string_equal(s, "/sbin/init");
	free(s);
	strv_free(argv);
	conf_free(m.conf);

	monitor_for(&m, cmd, NULL, 0);
	assert_int_equal(init_build_argv(&m, &argv), 0);
	s = strv_join(argv, "|");
	assert_string_equal(s, "/sbin/my-init|--quiet");
	free(s);
	strv_free(argv);
	conf_free(m.conf);

	monitor_for(&m, cmd, given, START_EXECUTE);
	assert_int_equal(init_build_argv(&m, &argv), 0);
	s = strv_join(argv, "|");
	assert_string_equal(s, "lxc-init|-n|c1|-P|/lxc|--|/bin/sh|-c|exit 3");
	free(s);
	strv_free(argv);
	conf_free(m.conf);

	monitor_for(&m, exe, NULL, START_EXECUTE);
	assert_int_equal(init_build_argv(&m, &argv), 0);
	s = strv_join(argv, "|");
	assert_string_equal(s, "lxc-init|-n|c1|-P|/lxc|--|/bin/app|-x");
	free(s);
	strv_free(argv);
	conf_free(m.conf);

	monitor_for(&m, none, NULL, START_EXECUTE);
	assert_int_equal(init_build_argv(&m, &argv), -EINVAL);
	conf_free(m.conf);
}

static void test_init_env(void **state)
{
	static const char *const kv[] = {
		"lxc.tty.max", "2", "lxc.environment", "FOO=bar", NULL,
	};
	static const char *const dir[] = { "lxc.tty.max", "1", "lxc.tty.dir", "lxc", NULL };
	struct lxc_conf *conf = conf_with(kv);
	char **envp;
	char *s;

	assert_int_equal(init_build_env(conf, &envp), 0);
	s = strv_join(envp, "|");
	assert_string_equal(s, "container=lxc|container_ttys=tty1 tty2|FOO=bar");
	free(s);
	strv_free(envp);
	conf_free(conf);

	conf = conf_with(dir);
	assert_int_equal(init_build_env(conf, &envp), 0);
	s = strv_join(envp, "|");
	assert_string_equal(s, "container=lxc|container_ttys=lxc/tty1");
	free(s);
	strv_free(envp);
	conf_free(conf);
}

static void test_sync_error_transport(void **state)
{
	struct lxc_error e = { 0 }, got;
	int sv[2];

	assert_int_equal(sync_pair(sv), 0);
	assert_int_equal(sync_send_continue(sv[0]), 0);
	assert_int_equal(sync_wait_continue(sv[1]), 0);
	lxc_error_set(&e, "rootfs", ENOENT, "Failed to mount rootfs \"%s\"", "/x");
	sync_send_error(sv[1], &e);
	close(sv[1]);
	assert_int_equal(sync_wait_result(sv[0], &got), -EIO);
	assert_string_equal(got.step, "rootfs");
	assert_int_equal(got.err, ENOENT);
	assert_string_equal(got.message, "Failed to mount rootfs \"/x\": No such file or directory");
	close(sv[0]);

	/* Closed without a record: the init exec'd. */
	assert_int_equal(sync_pair(sv), 0);
	close(sv[1]);
	assert_int_equal(sync_wait_result(sv[0], &got), 0);
	assert_int_equal(sync_wait_continue(sv[0]), -EPIPE);
	close(sv[0]);
}

static void test_status_records(void **state)
{
	struct lxc_error e = { 0 };
	struct start_status st;
	int p[2];

	assert_int_equal(pipe(p), 0);
	assert_int_equal(start_status_send(p[1], START_STATUS_RUNNING, 42, NULL), 0);
	lxc_error_set_plain(&e, "hook", EIO, "Failed to run \"pre-start\" hook");
	assert_int_equal(start_status_send(p[1], START_STATUS_ERROR, 0, &e), 0);
	assert_int_equal(start_status_send(-1, START_STATUS_EXIT, 0, NULL), 0);
	close(p[1]);
	assert_int_equal(start_status_recv(p[0], &st), 1);
	assert_int_equal(st.kind, START_STATUS_RUNNING);
	assert_int_equal(st.value, 42);
	assert_int_equal(start_status_recv(p[0], &st), 1);
	assert_int_equal(st.kind, START_STATUS_ERROR);
	assert_string_equal(st.err.step, "hook");
	assert_string_equal(st.err.message, "Failed to run \"pre-start\" hook");
	assert_int_equal(start_status_recv(p[0], &st), 0);
	close(p[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request_round_trip),
		cmocka_unit_test(test_request_no_argv),
		cmocka_unit_test(test_request_garbage),
		cmocka_unit_test(test_init_argv),
		cmocka_unit_test(test_init_env),
		cmocka_unit_test(test_sync_error_transport),
		cmocka_unit_test(test_status_records),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
