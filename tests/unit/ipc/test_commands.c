/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests for ipc/commands: a monitor-like server in a forked child with a mainloop,
 * answering commands and pushing state changes; not-running, busy-name and timeout cases. */
#include "config.h"

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
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/cleanup.h"
#include "ipc/commands.h"
#include "ipc/unix.h"
#include "mainloop/mainloop.h"
#include "sys/pidfd.h"

#define NAME "c1"
/* Generous bounds so that a broken server fails the test instead of hanging it. */
#define WAIT_MS 20000
#define WAIT_S	20

static char lxcpath[PATH_MAX];

struct srv {
	struct mainloop *loop;
	struct cmd_server *server;
};

static int op_init_pid(void *data, const struct cmd_req *req, struct cmd_reply *rep)
{
	return 4242;
}

static int op_init_pidfd(void *data, const struct cmd_req *req, struct cmd_reply *rep)
{
	int fd = sys_pidfd_open(getpid(), 0);

	if (fd < 0)
		return fd;
	rep->fds[0] = fd;
	rep->nfds = 1;
	rep->close_fds = true;
	return 0;
}

static int op_config_item(void *data, const struct cmd_req *req, struct cmd_reply *rep)
{
	if (!req->data || strcmp(req->data, "lxc.uts.name"))
		return -ENOENT;
	rep->data = strdup("box");
	rep->datalen = 3;
	return 0;
}

static int op_tty(void *data, const struct cmd_req *req, struct cmd_reply *rep)
{
	static int devnull = -EBADF;

	if (req->arg > 4)
		return -EINVAL;
	if (devnull < 0)
		devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	rep->fds[0] = devnull; /* borrowed: the server keeps it */
	rep->nfds = 1;
	return req->arg < 0 ? 1 : (int)req->arg;
}

static int op_console_log(void *data, const struct cmd_req *req, struct cmd_reply *rep)
{
	if (!(req->flags & CMD_CONSOLE_LOG_READ))
		return 0;
	rep->data = strndup("console-output", (size_t)req->arg);
	rep->datalen = (uint32_t)strlen(rep->data);
	return 0;
}

/* A reply with data and two fds at once. */
static int op_devpts(void *data, const struct cmd_req *req, struct cmd_reply *rep)
{
	rep->fds[0] = open("/dev/null", O_RDONLY | O_CLOEXEC);
	rep->fds[1] = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	rep->nfds = 2;
	rep->close_fds = true;
	rep->data = strdup("devpts");
	rep->datalen = 6;
	return 5;
}

static int op_stop(void *data, const struct cmd_req *req, struct cmd_reply *rep)
{
	struct srv *s = data;

	cmd_server_broadcast_state(s->server, LXC_STATE_STOPPING);
	cmd_server_broadcast_state(s->server, LXC_STATE_STOPPED);
	mainloop_stop(s->loop); /* after this reply is sent */
	return 0;
}

static const struct cmd_server_ops ops = {
	.get_init_pid = op_init_pid,
	.get_init_pidfd = op_init_pidfd,
	.get_config_item = op_config_item,
	.get_tty_fd = op_tty,
	.console_log = op_console_log,
	.stop = op_stop,
	.get_devpts_fd = op_devpts,
};

/* Child: serve until STOP; tells the parent "ready" (or the open error) through fd. */
static void serve(int ready_fd)
{
	struct srv s = {};
	int err;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	err = mainloop_new(&s.loop);
	if (err >= 0)
		err = cmd_server_open(lxcpath, NAME, s.loop, &ops, &s, &s.server);
	if (err >= 0)
		cmd_server_broadcast_state(s.server, LXC_STATE_RUNNING);
	if (write(ready_fd, &err, sizeof(err)) != sizeof(err) || err < 0)
		_exit(1);
	close(ready_fd);
	err = mainloop_run(s.loop, -1);
	cmd_server_close(s.server);
	mainloop_free(s.loop);
	_exit(err == 0 ? 0 : 2);
}

static pid_t start_server(void)
{
	int p[2], err = -1;
	pid_t pid;

	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(p[0]);
		serve(p[1]);
	}
	close(p[1]);
	assert_int_equal(read(p[0], &err, sizeof(err)), sizeof(err));
	close(p[0]);
	assert_int_equal(err, 0);
	return pid;
}

static int wait_exit(pid_t pid)
{
	int status;

	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static int pidfd_pid(int fd)
{
	char path[64], *buf = NULL, *p;
	size_t len = 0;
	FILE *f;
	int pid = -1;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (getline(&buf, &len, f) > 0)
		if ((p = strstr(buf, "Pid:")) == buf)
			pid = atoi(p + 4);
	free(buf);
	fclose(f);
	return pid;
}

static void check_queries(pid_t server)
{
	__do_free char *value = NULL, *log = NULL;
	pid_t pid = 0;
	struct cmd_req devpts = {.cmd = CMD_GET_DEVPTS_FD};
	struct cmd_rsp rsp;
	int fd = -EBADF, tty = -1, r;
	char zero = 1;
	size_t len = 0;

	assert_int_equal(cmd_get_state(lxcpath, NAME, WAIT_S), LXC_STATE_RUNNING);
	assert_int_equal(cmd_get_init_pid(lxcpath, NAME, WAIT_S, &pid), 0);
	assert_int_equal(pid, 4242);
	assert_int_equal(cmd_get_config_item(lxcpath, NAME, "lxc.uts.name", WAIT_S, &value), 0);
	assert_string_equal(value, "box");
	assert_int_equal(cmd_get_config_item(lxcpath, NAME, "lxc.nope", WAIT_S, &value), -ENOENT);
	/* Not implemented by this monitor. */
	assert_int_equal(cmd_freeze(lxcpath, NAME, 1, WAIT_S), -ENOSYS);
	assert_int_equal(cmd_reboot(lxcpath, NAME, WAIT_S), -ENOSYS);

	/* The server's pidfd_open() may be missing (old kernel, valgrind): its -ENOSYS must
	 * then come back unchanged. */
	r = cmd_get_init_pidfd(lxcpath, NAME, WAIT_S, &fd);
	if (r != -ENOSYS) {
		assert_int_equal(r, 0);
		assert_true(fcntl(fd, F_GETFD) & FD_CLOEXEC);
		assert_int_equal(pidfd_pid(fd), server);
		close(fd);
	}

	assert_int_equal(cmd_get_tty_fd(lxcpath, NAME, -1, WAIT_S, &fd, &tty), 0);
	assert_int_equal(tty, 1);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(cmd_get_tty_fd(lxcpath, NAME, 3, WAIT_S, &fd, &tty), 0);
	assert_int_equal(tty, 3);
	close(fd);
	assert_int_equal(cmd_get_tty_fd(lxcpath, NAME, 7, WAIT_S, &fd, &tty), -EINVAL);

	assert_int_equal(cmd_call(lxcpath, NAME, &devpts, WAIT_S, &rsp), 0);
	assert_int_equal(rsp.ret, 5);
	assert_int_equal(rsp.nfds, 2);
	assert_int_equal(rsp.datalen, 6);
	assert_string_equal(rsp.data, "devpts");
	assert_int_equal(read(rsp.fds[1], &zero, 1), 1);
	assert_int_equal(zero, 0);
	assert_int_equal(rsp.fds[2], -EBADF);
	cmd_rsp_free(&rsp);
	assert_int_equal(rsp.fds[0], -EBADF);
	assert_null(rsp.data);

	assert_int_equal(
		cmd_console_log(lxcpath, NAME, CMD_CONSOLE_LOG_READ, 7, WAIT_S, &log, &len), 0);
	assert_int_equal(len, 7);
	assert_string_equal(log, "console");
}

/* A second monitor for the same container loses, with -EADDRINUSE. */
static void check_busy(void)
{
	struct mainloop *loop;
	struct cmd_server *s = NULL;

	assert_int_equal(mainloop_new(&loop), 0);
	assert_int_equal(cmd_server_open(lxcpath, NAME, loop, &ops, NULL, &s), -EADDRINUSE);
	assert_null(s);
	assert_int_equal(mainloop_count(loop), 0);
	mainloop_free(loop);
}

/* A client that is neither root nor the monitor's uid is refused. */
static void check_foreign_uid(void)
{
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		if (setresgid(65534, 65534, 65534) < 0 || setresuid(65534, 65534, 65534) < 0)
			_exit(3);
		_exit(cmd_get_state(lxcpath, NAME, WAIT_S) == -EACCES ? 0 : 1);
	}
	assert_int_equal(wait_exit(pid), 0);
}

static void test_server_roundtrip(void **state)
{
	enum lxc_state st = LXC_STATE_MAX;
	int sfd = -EBADF;
	pid_t server;

	server = start_server();
	assert_int_equal(cmd_add_state_client(lxcpath, NAME, WAIT_S, &sfd, &st), 0);
	assert_int_equal(st, LXC_STATE_RUNNING);
	check_queries(server);
	check_busy();
	if (geteuid() == 0)
		check_foreign_uid();
	/* No push yet. */
	assert_int_equal(cmd_state_client_next(sfd, 0, &st), -ETIMEDOUT);

	assert_int_equal(cmd_stop(lxcpath, NAME, WAIT_S), 0);
	assert_int_equal(cmd_state_client_next(sfd, WAIT_MS, &st), 0);
	assert_int_equal(st, LXC_STATE_STOPPING);
	assert_int_equal(cmd_state_client_next(sfd, WAIT_MS, &st), 0);
	assert_int_equal(st, LXC_STATE_STOPPED);
	/* The monitor exits: the state connection ends. */
	assert_int_equal(cmd_state_client_next(sfd, WAIT_MS, &st), CMD_NOT_RUNNING);
	close(sfd);
	assert_int_equal(wait_exit(server), 0);
	assert_int_equal(cmd_get_state(lxcpath, NAME, WAIT_S), CMD_NOT_RUNNING);
}

static void test_not_running(void **state)
{
	char *value = NULL;
	pid_t pid;
	int fd;
	enum lxc_state st;

	assert_int_equal(cmd_get_state(lxcpath, "missing", 1), CMD_NOT_RUNNING);
	assert_int_equal(cmd_get_init_pid(lxcpath, "missing", 0, &pid), CMD_NOT_RUNNING);
	assert_int_equal(cmd_stop(lxcpath, "missing", 0), CMD_NOT_RUNNING);
	assert_int_equal(cmd_get_config_item(lxcpath, "missing", "lxc.uts.name", 0, &value),
			 CMD_NOT_RUNNING);
	assert_null(value);
	assert_int_equal(cmd_add_state_client(lxcpath, "missing", 0, &fd, &st), CMD_NOT_RUNNING);
	assert_int_equal(CMD_NOT_RUNNING, -ECONNREFUSED);
}

/* A "monitor" that accepts (through the backlog) but never answers: the timeout ends it. */
static void test_timeout(void **state)
{
	char sock[UNIX_ABSTRACT_MAX + 1];
	int l;

	assert_int_equal(cmd_socket_name(lxcpath, "mute", sock, sizeof(sock)), 0);
	l = unix_listen_abstract(sock, 4);
	assert_true(l >= 0);
	assert_int_equal(cmd_get_state(lxcpath, "mute", 1), -ETIMEDOUT);
	close(l);
}

static void test_socket_name(void **state)
{
	char sock[UNIX_ABSTRACT_MAX + 1];

	/* sha256("/var/lib/lxc/c1") */
	assert_int_equal(cmd_socket_name("/var/lib/lxc", "c1", sock, sizeof(sock)), 0);
	assert_string_equal(
		sock, "lxc/cmd/bac5d605a063c59078796bf1c83ea905fee3ef33e8fb142e2342ce954fcd556b");
	assert_int_equal(cmd_socket_name("/var/lib/lxc", "", sock, sizeof(sock)), -EINVAL);
	assert_int_equal(cmd_socket_name("/var/lib/lxc", "c1", sock, 20), -ENAMETOOLONG);
}

static int setup(void **state)
{
	char tmpl[] = "/tmp/lxc-test-cmd-XXXXXX";

	if (!mkdtemp(tmpl))
		return -1;
	snprintf(lxcpath, sizeof(lxcpath), "%s", tmpl);
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

static int teardown(void **state)
{
	rmdir(lxcpath);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_socket_name),
		cmocka_unit_test(test_not_running),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_server_roundtrip),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
