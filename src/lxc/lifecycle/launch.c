/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Spawning the monitor: fork + execve of LIBEXEC/lxc-monitor-exec with argv[0]
 * "[lxc monitor] LXCPATH NAME", the request on fd 3 (env LXC_MONITOR_FD=3) and the status
 * pipe on fd 4. Daemonized, an intermediate child exits at once so the monitor is reparented
 * and the caller never collects it. Everything is prepared before fork: between fork and
 * execve the child only makes async-signal-safe calls (the caller may be threaded). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "config/system/paths.h"
#include "lifecycle/launch.h"
#include "lifecycle/request.h"
#include "log/log.h"
#include "sys/process.h"

lxc_log_define(start);

#define REQ_FD 3
#define STATUS_FD 4
/* Value of the error record the forked child sends when execve failed (no strerror there). */
#define EXEC_FAILED 127

extern char **environ;

struct spawn {
	char *path;
	char *argv[2];
	char **envp;
	int req_fd;
	int status_fd;	/* write end */
	bool daemonize;
};

static void spawn_free(struct spawn *s)
{
	free(s->path);
	free(s->argv[0]);
	strv_free(s->envp);
}

static int build_env(struct spawn *s)
{
	int ret = 0;

	for (char **e = environ; e && *e && ret == 0; e++)
		if (!str_starts_with(*e, START_REQUEST_ENV "="))
			ret = strv_append(&s->envp, *e);
	if (ret == 0)
		ret = strv_append(&s->envp, START_REQUEST_ENV "=3");
	return ret;
}

static int prepare(const struct launch_args *a, struct spawn *s)
{
	if (asprintf(&s->path, "%s/lxc-monitor-exec", paths_libexecdir()) < 0) {
		s->path = NULL;
		return -ENOMEM;
	}
	if (asprintf(&s->argv[0], "[lxc monitor] %s %s", a->lxcpath, a->name) < 0) {
		s->argv[0] = NULL;
		return -ENOMEM;
	}
	return build_env(s);
}

/* In the forked child: async-signal-safe calls only. */
static __attribute__((noreturn)) void child(struct spawn *s)
{
	struct lxc_error e = { .step = "monitor" };
	sigset_t none;

	for (int sig = 1; sig < NSIG; sig++)
		signal(sig, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (s->daemonize) {
		pid_t pid = fork();

		if (pid != 0)
			_exit(pid < 0 ? 1 : 0);
	}
	if (dup2(s->req_fd, REQ_FD) < 0 || dup2(s->status_fd, STATUS_FD) < 0)
		_exit(1);
	if (sys_close_range(STATUS_FD + 1, ~0U, 0) < 0)
		for (int fd = STATUS_FD + 1; fd < 4096; fd++)
			close(fd);
	execve(s->path, s->argv, s->envp);
	e.err = errno;
	/* No snprintf here: build the message by hand. */
	strcpy(e.message, "Failed to exec \"");
	strncat(e.message, s->path, sizeof(e.message) - 40);
	strcat(e.message, "\"");
	start_status_send(STATUS_FD, START_STATUS_ERROR, EXEC_FAILED, &e);
	_exit(127);
}

static int request_fd(const struct launch_args *a)
{
	struct start_request req = {
		.name = (char *)a->name,
		.lxcpath = (char *)a->lxcpath,
		.config_file = (char *)(a->config_file ? a->config_file : ""),
		.log_level = -1,
		.status_fd = STATUS_FD,
		.argv = (char **)a->argv,
		.conf = (struct lxc_conf *)a->conf,
	};
	char logfile[4096];

	if (lxc_log_get_file(logfile, sizeof(logfile)) > 0)
		req.log_file = logfile;
	req.log_level = lxc_log_get_level();
	req.flags = (a->daemonize ? START_DAEMONIZE : 0) | (a->execute ? START_EXECUTE : 0) |
		    (a->close_all_fds ? START_CLOSE_ALL_FDS : 0);
	return start_request_memfd(&req);
}

static int high_fd(int fd)
{
	int nfd = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	int err = errno;

	close(fd);
	return nfd < 0 ? -err : nfd;
}

/* Foreground, as LXC's in-process monitor: the caller's SIGTERM, SIGINT and SIGHUP (those the
 * monitor forwards to the init) are blocked in this thread and passed on to the monitor while
 * the container runs. Returns a signalfd, or -errno (no forwarding, mask unchanged). */
static int forward_begin(sigset_t *old)
{
	sigset_t mask;
	int fd;

	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	if (pthread_sigmask(SIG_BLOCK, &mask, old) != 0)
		return -EINVAL;
	fd = signalfd(-1, &mask, SFD_CLOEXEC);
	if (fd < 0) {
		fd = -errno;
		pthread_sigmask(SIG_SETMASK, old, NULL);
	}
	return fd;
}

/* Wait until fd is readable, forwarding the signals read from sfd to pid meanwhile. */
static void forward_until_readable(int fd, int sfd, pid_t pid)
{
	struct pollfd p[2] = { { .fd = fd, .events = POLLIN }, { .fd = sfd, .events = POLLIN } };
	struct signalfd_siginfo si;

	while (sfd >= 0) {
		int r = poll(p, 2, -1);

		if ((r < 0 && errno != EINTR) || (r > 0 && p[0].revents))
			return;
		if (r > 0 && (p[1].revents & POLLIN) && read(sfd, &si, sizeof(si)) == sizeof(si))
			kill(pid, (int)si.ssi_signo);
	}
}

/* Read the monitor's records until RUNNING (daemonized) or the end (foreground). */
static int collect(int fd, bool daemonize, int sfd, pid_t pid, struct launch_result *ret)
{
	struct start_status st;
	int n;

	for (;;) {
		forward_until_readable(fd, sfd, pid);
		if ((n = start_status_recv(fd, &st)) <= 0)
			break;
		switch (st.kind) {
		case START_STATUS_RUNNING:
			ret->ran = true;
			ret->init_pid = st.value;
			if (daemonize)
				return 0;
			break;
		case START_STATUS_EXIT:
			ret->exited = true;
			ret->status = st.value;
			break;
		case START_STATUS_ERROR:
			ret->err = st.err;
			if (st.value == EXEC_FAILED)
				lxc_error_set(&ret->err, "monitor", st.err.err, "%s", st.err.message);
			return -(st.err.err ? st.err.err : EIO);
		}
	}
	if (ret->ran)
		return 0;
	return lxc_error_set_plain(&ret->err, "monitor", n < 0 ? -n : EPIPE,
				   "The monitor exited before the container started");
}

int lifecycle_launch(const struct launch_args *a, struct launch_result *ret)
{
	struct spawn s = { .req_fd = -EBADF, .status_fd = -EBADF, .daemonize = a->daemonize };
	__do_close int status_rd = -EBADF;
	int pipefd[2], err, wstatus = 0, sfd = -1;
	sigset_t oldmask;
	pid_t pid;

	memset(ret, 0, sizeof(*ret));
	ret->init_pid = -1;
	err = prepare(a, &s);
	if (err == 0)
		err = s.req_fd = request_fd(a);
	if (err >= 0 && (s.req_fd = high_fd(s.req_fd)) < 0)
		err = s.req_fd;
	if (err >= 0 && pipe2(pipefd, O_CLOEXEC) < 0)
		err = -errno;
	if (err >= 0) {
		status_rd = pipefd[0];
		s.status_fd = high_fd(pipefd[1]);
		err = s.status_fd < 0 ? s.status_fd : 0;
	}
	if (err < 0) {
		spawn_free(&s);
		if (s.req_fd >= 0)
			close(s.req_fd);
		return lxc_error_set(&ret->err, "monitor", -err, "Failed to prepare the monitor");
	}
	if (!a->daemonize)
		sfd = forward_begin(&oldmask);
	pid = fork();
	if (pid == 0)
		child(&s);
	err = pid < 0 ? -errno : 0;
	close(s.req_fd);
	close(s.status_fd);
	spawn_free(&s);
	if (err < 0 && sfd >= 0) {
		close(sfd);
		pthread_sigmask(SIG_SETMASK, &oldmask, NULL);
	}
	if (err < 0)
		return lxc_error_set(&ret->err, "monitor", -err, "Failed to fork the monitor");
	if (a->daemonize)
		waitpid(pid, NULL, 0);
	err = collect(status_rd, a->daemonize, sfd, pid, ret);
	if (!a->daemonize) {
		while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
			;
		ret->monitor_status = wstatus;
	}
	if (sfd >= 0) {
		close(sfd);
		pthread_sigmask(SIG_SETMASK, &oldmask, NULL);
	}
	return err;
}
