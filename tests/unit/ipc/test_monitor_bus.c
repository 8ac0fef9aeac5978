/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests for ipc/monitor_bus: two listeners get the same message, a stale socket is
 * removed, missing directory, the RUNDIR of a non-root user. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "ipc/hash.h"
#include "ipc/monitor_bus.h"
#include "ipc/unix.h"

#define TEST_LXCPATH "/var/lib/lxc-test-bus"
#define WAIT_MS	     20000

static char rundir[256];

/* Child: listen, report readiness, receive two messages, report them, exit. */
static void listener(int ready_fd, int out_fd)
{
	struct monitor_bus_msg m[2];
	int fd, err;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	err = monitor_bus_listen_in(rundir, TEST_LXCPATH, &fd);
	if (write(ready_fd, &err, sizeof(err)) != sizeof(err) || err < 0)
		_exit(1);
	for (int i = 0; i < 2; i++)
		if (monitor_bus_recv(fd, &m[i], WAIT_MS) < 0)
			_exit(2);
	if (write(out_fd, m, sizeof(m)) != sizeof(m))
		_exit(3);
	_exit(monitor_bus_unlisten_in(rundir, TEST_LXCPATH, fd) == 0 ? 0 : 4);
}

static pid_t spawn_listener(int out_fd)
{
	int p[2], err = -1;
	pid_t pid;

	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(p[0]);
		listener(p[1], out_fd);
	}
	close(p[1]);
	assert_int_equal(read(p[0], &err, sizeof(err)), sizeof(err));
	close(p[0]);
	assert_int_equal(err, 0);
	return pid;
}

static int count_sockets(const char *dir)
{
	char cmd[PATH_MAX + 32];
	FILE *f;
	int n = -1;

	snprintf(cmd, sizeof(cmd), "ls -A '%s' | wc -l", dir);
	f = popen(cmd, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%d", &n) != 1)
		n = -1;
	pclose(f);
	return n;
}

/* The one socket in dir: its name into buf. */
static int only_entry(const char *dir, char *buf, size_t size)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(buf, size, "%s", e->d_name);
		n++;
	}
	closedir(d);
	return n == 1 ? 0 : -EEXIST;
}

static void test_two_listeners_and_stale(void **state)
{
	char hex[IPC_SHA256_HEX_LEN + 1], dir[PATH_MAX];
	struct monitor_bus_msg m[2];
	int out[2], dfd, stale, status;
	pid_t a, b;

	ipc_sha256_hex(TEST_LXCPATH, hex);
	snprintf(dir, sizeof(dir), "%s/monitor/%s", rundir, hex);
	assert_int_equal(pipe(out), 0);
	a = spawn_listener(out[1]);
	b = spawn_listener(out[1]);
	close(out[1]);

	/* A listener that went away without cleaning up. */
	dfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	assert_true(dfd >= 0);
	stale = unix_dgram_bind_at(dfd, "999999999");
	assert_true(stale >= 0);
	close(stale);
	assert_int_equal(count_sockets(dir), 3);

	assert_int_equal(monitor_bus_send_in(rundir, TEST_LXCPATH, "c1", MONITOR_MSG_STATE,
					     LXC_STATE_RUNNING),
			 2);
	assert_int_equal(count_sockets(dir), 2);
	assert_int_equal(faccessat(dfd, "999999999", F_OK, 0), -1);
	assert_int_equal(monitor_bus_send_in(rundir, TEST_LXCPATH, "c1", MONITOR_MSG_EXIT, 256), 2);

	for (int i = 0; i < 2; i++) {
		assert_int_equal(read(out[0], m, sizeof(m)), sizeof(m));
		assert_int_equal(m[0].type, MONITOR_MSG_STATE);
		assert_int_equal(m[0].value, LXC_STATE_RUNNING);
		assert_string_equal(m[0].name, "c1");
		assert_int_equal(m[1].type, MONITOR_MSG_EXIT);
		assert_int_equal(m[1].value, 256);
		assert_string_equal(m[1].name, "c1");
	}
	close(out[0]);
	assert_int_equal(waitpid(a, &status, 0), a);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(waitpid(b, &status, 0), b);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* Both unlistened: nobody left. */
	assert_int_equal(count_sockets(dir), 0);
	assert_int_equal(monitor_bus_send_in(rundir, TEST_LXCPATH, "c1", MONITOR_MSG_STATE,
					     LXC_STATE_STOPPED),
			 0);
	close(dfd);
}

static void test_no_directory(void **state)
{
	assert_int_equal(monitor_bus_send_in(rundir, "/no/such/lxcpath", "c1", MONITOR_MSG_STATE,
					     LXC_STATE_RUNNING),
			 0);
	char longname[MONITOR_BUS_NAME_MAX + 2];

	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	assert_int_equal(monitor_bus_send_in(rundir, TEST_LXCPATH, longname, MONITOR_MSG_STATE, 0),
			 -EINVAL);
}

static void test_recv_timeout_and_junk(void **state)
{
	struct monitor_bus_msg m;
	char hex[IPC_SHA256_HEX_LEN + 1], dir[PATH_MAX], name[NAME_MAX + 1];
	int fd, dfd;

	assert_int_equal(monitor_bus_listen_in(rundir, "/timeout", &fd), 0);
	assert_int_equal(monitor_bus_recv(fd, &m, 0), -ETIMEDOUT);
	/* A datagram of the wrong size is skipped. */
	ipc_sha256_hex("/timeout", hex);
	snprintf(dir, sizeof(dir), "%s/monitor/%s", rundir, hex);
	assert_int_equal(only_entry(dir, name, sizeof(name)), 0);
	dfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	assert_true(dfd >= 0);
	assert_int_equal(unix_dgram_send_at(dfd, name, "junk", 4), 0);
	assert_int_equal(monitor_bus_recv(fd, &m, 0), -ETIMEDOUT);
	assert_int_equal(monitor_bus_unlisten_in(rundir, "/timeout", fd), 0);
	assert_int_equal(faccessat(dfd, name, F_OK, 0), -1);
	close(dfd);
}

/* One process listening twice to one lxcpath: two sockets, both get the message, each
 * unlisten removes its own. */
static void test_same_process_twice(void **state)
{
	struct monitor_bus_msg m;
	int a, b;

	assert_int_equal(monitor_bus_listen_in(rundir, "/twice", &a), 0);
	assert_int_equal(monitor_bus_listen_in(rundir, "/twice", &b), 0);
	assert_int_equal(
		monitor_bus_send_in(rundir, "/twice", "t", MONITOR_MSG_STATE, LXC_STATE_ABORTING),
		2);
	assert_int_equal(monitor_bus_recv(a, &m, WAIT_MS), 0);
	assert_int_equal(m.value, LXC_STATE_ABORTING);
	assert_int_equal(monitor_bus_recv(b, &m, WAIT_MS), 0);
	assert_string_equal(m.name, "t");
	assert_int_equal(monitor_bus_unlisten_in(rundir, "/twice", a), 0);
	assert_int_equal(
		monitor_bus_send_in(rundir, "/twice", "t", MONITOR_MSG_STATE, LXC_STATE_STOPPED),
		1);
	assert_int_equal(monitor_bus_recv(b, &m, WAIT_MS), 0);
	assert_int_equal(m.value, LXC_STATE_STOPPED);
	assert_int_equal(monitor_bus_unlisten_in(rundir, "/twice", b), 0);
	assert_int_equal(
		monitor_bus_send_in(rundir, "/twice", "t", MONITOR_MSG_STATE, LXC_STATE_STOPPED),
		0);
}

/* The public functions use paths_rundir(): $XDG_RUNTIME_DIR/lxc for a non-root user. */
static void test_public_rundir(void **state)
{
	char xdg[PATH_MAX];
	int status;
	pid_t pid;

	if (geteuid() != 0)
		skip();
	snprintf(xdg, sizeof(xdg), "%s/xdg", rundir);
	assert_int_equal(mkdir(xdg, 0777), 0);
	assert_int_equal(chmod(xdg, 0777), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct monitor_bus_msg m;
		int fd;

		if (setresgid(65534, 65534, 65534) < 0 || setresuid(65534, 65534, 65534) < 0)
			_exit(10);
		setenv("XDG_RUNTIME_DIR", xdg, 1);
		if (monitor_bus_listen("/lp", &fd) < 0)
			_exit(11);
		if (monitor_bus_send("/lp", "pub", LXC_STATE_FROZEN) != 1)
			_exit(12);
		if (monitor_bus_recv(fd, &m, WAIT_MS) < 0 || strcmp(m.name, "pub") ||
		    m.value != LXC_STATE_FROZEN)
			_exit(13);
		_exit(monitor_bus_unlisten("/lp", fd) == 0 ? 0 : 14);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static int setup(void **state)
{
	char tmpl[] = "/tmp/lxc-test-bus-XXXXXX";

	if (!mkdtemp(tmpl))
		return -1;
	snprintf(rundir, sizeof(rundir), "%s", tmpl);
	chmod(rundir, 0755);
	return 0;
}

static int teardown(void **state)
{
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf --one-file-system '%s'", rundir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_listeners_and_stale),
		cmocka_unit_test(test_no_directory),
		cmocka_unit_test(test_recv_timeout_and_junk),
		cmocka_unit_test(test_same_process_twice),
		cmocka_unit_test(test_public_rundir),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
