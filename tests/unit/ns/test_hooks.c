/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Tests of lifecycle/hooks: scripts in a temporary directory record their arguments and
 * environment; version 0 and 1 conventions, stop hook namespace paths, failure stops the
 * sequence with a message naming hook type, command and status. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/file.h"
#include "config/config.h"
#include "lifecycle/hooks.h"
#include "ns/ns.h"

static char dir[256];

/* The recording script: one line per argument, then the LXC_ variables sorted. */
static const char record_sh[] =
	"#!/bin/sh\n"
	"out=\"$(dirname \"$0\")/$(basename \"$0\").out\"\n"
	"{ echo \"argc=$#\"; for a in \"$@\"; do echo \"arg=$a\"; done;\n"
	"  env | grep '^LXC_' | grep -v '^LXC_TEST_\\|^LXC_GLOBAL_CONF\\|^LXC_TEMPLATE_DIR\\|"
	"^LXC_CONFIG_DIR\\|^LXC_HOOK_DIR\\|^LXC_LIBEXEC_DIR' | sort; } >> \"$out\"\n"
	"echo this goes to the log\n";

static void write_script(const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, 0755), 0);
}

static char *read_out(const char *name)
{
	char path[512];
	char *buf = NULL;
	size_t len = 0;

	snprintf(path, sizeof(path), "%s/%s.out", dir, name);
	if (file_read_all(path, &buf, &len) < 0)
		return strdup("<missing>");
	return buf;
}

static int setup(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/lxc-test-hooks-XXXXXX");
	assert_non_null(mkdtemp(dir));
	write_script("rec", record_sh);
	write_script("fail", "#!/bin/sh\nexit 3\n");
	/* Keep the test independent of the developer's environment. */
	unsetenv("LXC_NAME");
	unsetenv("LXC_ROOTFS_MOUNT");
	return 0;
}

static int teardown(void **state)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf --one-file-system '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct lxc_conf *load(const char *fmt, ...)
{
	struct conf_diag d = {0};
	struct lxc_conf *c = conf_new();
	char text[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	assert_non_null(c);
	if (conf_load_string(c, text, "test", &d) < 0)
		fail_msg("load failed: %s", d.msg);
	return c;
}

static void test_version0(void **state)
{
	struct lxc_conf *c = load("lxc.rootfs.path = dir:/srv/c1/rootfs\n"
				  "lxc.hook.pre-start = %s/rec extra-word\n"
				  "lxc.console.logfile = /tmp/c1.console\n",
				  dir);
	struct hook_env env = {
		.name = "c1",
		.config_file = "/srv/c1/config",
		.rootfs_mount = "/usr/lib/lxc/rootfs",
		.log_level = "DEBUG",
	};
	struct hook_error err = {0};
	char *out;

	assert_int_equal(hooks_run(c, CONF_HOOK_PRE_START, &env, &err), 0);
	out = read_out("rec");
	assert_string_equal(out, "argc=4\n"
				 "arg=extra-word\n"
				 "arg=c1\n"
				 "arg=lxc\n"
				 "arg=pre-start\n"
				 "LXC_CGNS_AWARE=1\n"
				 "LXC_CONFIG_FILE=/srv/c1/config\n"
				 "LXC_CONSOLE_LOGPATH=/tmp/c1.console\n"
				 "LXC_HOOK_VERSION=0\n"
				 "LXC_LOG_LEVEL=DEBUG\n"
				 "LXC_NAME=c1\n"
				 "LXC_ROOTFS_MOUNT=/usr/lib/lxc/rootfs\n"
				 "LXC_ROOTFS_PATH=dir:/srv/c1/rootfs\n");
	free(out);
	/* no hook of that type: nothing runs */
	assert_int_equal(hooks_run(c, CONF_HOOK_MOUNT, &env, &err), 0);
	conf_free(c);
	unlink(strcat(strcpy((char[512]){0}, dir), "/rec.out"));
}

static void test_version1_clone_args(void **state)
{
	struct lxc_conf *c = load("lxc.hook.version = 1\nlxc.hook.clone = %s/rec\n", dir);
	char *args[] = {"a b", "it's", NULL};
	struct hook_env env = {
		.name = "new",
		.src_name = "old",
		.config_file = "/p/new/config",
		.args = args,
		.log_level = "ERROR",
	};
	struct hook_error err = {0};
	char *out;

	assert_int_equal(hooks_run(c, CONF_HOOK_CLONE, &env, &err), 0);
	out = read_out("rec");
	assert_string_equal(out, "argc=2\n"
				 "arg=a b\n"
				 "arg=it's\n"
				 "LXC_CGNS_AWARE=1\n"
				 "LXC_CONFIG_FILE=/p/new/config\n"
				 "LXC_HOOK_SECTION=lxc\n"
				 "LXC_HOOK_TYPE=clone\n"
				 "LXC_HOOK_VERSION=1\n"
				 "LXC_LOG_LEVEL=ERROR\n"
				 "LXC_NAME=new\n"
				 "LXC_SRC_NAME=old\n");
	free(out);
	conf_free(c);
	unlink(strcat(strcpy((char[512]){0}, dir), "/rec.out"));
}

static void test_stop_ns(void **state)
{
	int fds[CONF_NS_MAX];
	char want[1024];
	struct hook_env env = {
		.name = "c1", .target = "reboot", .log_level = "INFO", .ns_fds = fds};
	struct hook_error err = {0};
	struct lxc_conf *c;
	char *out;

	ns_fds_init(fds);
	fds[CONF_NS_MNT] = 7;
	fds[CONF_NS_NET] = 9;

	c = load("lxc.hook.stop = %s/rec\n", dir);
	assert_int_equal(hooks_run(c, CONF_HOOK_STOP, &env, &err), 0);
	conf_free(c);
	out = read_out("rec");
	snprintf(want, sizeof(want),
		 "argc=5\narg=c1\narg=lxc\narg=stop\narg=mnt:/proc/%d/fd/7\narg=net:/proc/%d/fd/9\n"
		 "LXC_CGNS_AWARE=1\nLXC_HOOK_VERSION=0\nLXC_LOG_LEVEL=INFO\nLXC_NAME=c1\n"
		 "LXC_TARGET=reboot\n",
		 (int)getpid(), (int)getpid());
	assert_string_equal(out, want);
	free(out);
	unlink(strcat(strcpy((char[512]){0}, dir), "/rec.out"));

	c = load("lxc.hook.version = 1\nlxc.hook.stop = %s/rec\n", dir);
	assert_int_equal(hooks_run(c, CONF_HOOK_STOP, &env, &err), 0);
	conf_free(c);
	out = read_out("rec");
	snprintf(want, sizeof(want),
		 "argc=0\n"
		 "LXC_CGNS_AWARE=1\nLXC_HOOK_SECTION=lxc\nLXC_HOOK_TYPE=stop\nLXC_HOOK_VERSION=1\n"
		 "LXC_LOG_LEVEL=INFO\nLXC_MNT_NS=/proc/%d/fd/7\nLXC_NAME=c1\n"
		 "LXC_NET_NS=/proc/%d/fd/9\nLXC_TARGET=reboot\n",
		 (int)getpid(), (int)getpid());
	assert_string_equal(out, want);
	free(out);
	unlink(strcat(strcpy((char[512]){0}, dir), "/rec.out"));
}

static void test_failure_stops(void **state)
{
	struct lxc_conf *c = load("lxc.hook.post-stop = %s/rec one\n"
				  "lxc.hook.post-stop = %s/fail\n"
				  "lxc.hook.post-stop = %s/rec two\n",
				  dir, dir, dir);
	struct hook_env env = {.name = "c1", .log_level = "ERROR"};
	struct hook_error err = {0};
	char want[1024];
	char *out;

	assert_int_equal(hooks_run(c, CONF_HOOK_POST_STOP, &env, &err), -EIO);
	assert_int_equal(err.err, -EIO);
	assert_int_equal(err.status, 3);
	snprintf(want, sizeof(want),
		 "Failed to run \"post-stop\" hook \"%s/fail\": exited with status 3", dir);
	assert_string_equal(err.msg, want);
	out = read_out("rec");
	/* only the first one ran */
	assert_non_null(strstr(out, "arg=one\n"));
	assert_null(strstr(out, "arg=two\n"));
	free(out);
	conf_free(c);
	unlink(strcat(strcpy((char[512]){0}, dir), "/rec.out"));

	/* the shell itself dies: a script killed inside it shows as status 128+N instead */
	c = load("lxc.hook.start-host = kill -9 $$\n");
	memset(&err, 0, sizeof(err));
	assert_int_equal(hooks_run(c, CONF_HOOK_START_HOST, &env, &err), -EIO);
	assert_int_equal(err.status, 128 + 9);
	snprintf(want, sizeof(want),
		 "Failed to run \"start-host\" hook \"kill -9 $$\": killed by signal 9");
	assert_string_equal(err.msg, want);
	conf_free(c);

	c = load("lxc.hook.destroy = %s/missing-script\n", dir);
	memset(&err, 0, sizeof(err));
	assert_int_equal(hooks_run(c, CONF_HOOK_DESTROY, &env, &err), -EIO);
	assert_int_equal(err.status, 127);
	conf_free(c);
}

static void test_net_script(void **state)
{
	char *args[] = {"veth", "vethXYZ", NULL};
	char *extra[] = {"LXC_NET_TYPE=veth", "LXC_NET_PARENT=br0", "LXC_NET_PEER=vethXYZ", NULL};
	struct hook_env env = {
		.name = "c1", .args = args, .extra_env = extra, .log_level = "ERROR"};
	struct hook_error err = {0};
	char cmd[512];
	char *out;

	snprintf(cmd, sizeof(cmd), "%s/rec", dir);
	assert_int_equal(hook_run_command(NULL, "net", "up", cmd, 0, &env, &err), 0);
	out = read_out("rec");
	assert_string_equal(out, "argc=5\narg=c1\narg=net\narg=up\narg=veth\narg=vethXYZ\n"
				 "LXC_CGNS_AWARE=1\nLXC_HOOK_VERSION=0\nLXC_LOG_LEVEL=ERROR\n"
				 "LXC_NAME=c1\nLXC_NET_PARENT=br0\nLXC_NET_PEER=vethXYZ\n"
				 "LXC_NET_TYPE=veth\n");
	free(out);
	unlink(strcat(strcpy((char[512]){0}, dir), "/rec.out"));

	snprintf(cmd, sizeof(cmd), "%s/fail", dir);
	assert_int_equal(hook_run_command(NULL, "net", "down", cmd, 1, &env, &err), -EIO);
	snprintf(cmd, sizeof(cmd),
		 "Failed to run \"down\" script \"%s/fail\": exited with status 3", dir);
	assert_string_equal(err.msg, cmd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version0),   cmocka_unit_test(test_version1_clone_args),
		cmocka_unit_test(test_stop_ns),	   cmocka_unit_test(test_failure_stops),
		cmocka_unit_test(test_net_script),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
