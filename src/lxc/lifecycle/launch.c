/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Spawning the monitor: posix_spawn of LIBEXEC/lxc-monitor-exec with argv[0]
 * "[lxc monitor guard] LXCPATH NAME" (it splits into guard and monitor, lifecycle/guard.h), the
 * request on fd 3 (env LXC_MONITOR_FD=3) and the status pipe on fd 4. The spawned process forks
 * and exits at once, so guard and monitor are reparented and the caller never collects them: a
 * foreground caller is done when the monitor closes the status pipe, while the guard finishes
 * removing the monitor cgroup (the next start of the container waits for that). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
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

extern char **environ;

struct spawn {
	char *path;
	char *argv[2];
	char **envp;
	int req_fd;
	int status_fd;	/* write end */
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
	/* The monitor retitles itself "[lxc monitor] ..." when it parts from its guard. */
	if (asprintf(&s->argv[0], "[lxc monitor guard] %s %s", a->lxcpath, a->name) < 0) {
		s->argv[0] = NULL;
		return -ENOMEM;
	}
	return build_env(s);
}

/* posix_spawn (CLONE_VM|CLONE_VFORK: no copy of the caller, safe when it is threaded): the
 * request and status fds on 3 and 4, default signal dispositions, nothing blocked. The monitor
 * closes every other inherited fd itself and forks at once (lxc-monitor-exec.c), so this child
 * is reaped right away. */
static int spawn_monitor(struct spawn *s, pid_t *ret_pid)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t none, all;
	int ret;

	sigemptyset(&none);
	sigfillset(&all);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &all);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, s->req_fd, REQ_FD);
	posix_spawn_file_actions_adddup2(&fa, s->status_fd, STATUS_FD);
	ret = posix_spawn(ret_pid, s->path, &fa, &attr, s->argv, s->envp);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	return -ret;
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

/* Wait until fd is readable, forwarding the signals read from sfd to pid meanwhile (once pid
 * is known: until then they stay pending). */
static void forward_until_readable(int fd, int sfd, pid_t pid)
{
	struct pollfd p[2] = { { .fd = fd, .events = POLLIN }, { .fd = sfd, .events = POLLIN } };
	struct signalfd_siginfo si;

	while (sfd >= 0 && pid > 0) {
		int r = poll(p, 2, -1);

		if ((r < 0 && errno != EINTR) || (r > 0 && p[0].revents))
			return;
		if (r > 0 && (p[1].revents & POLLIN) && read(sfd, &si, sizeof(si)) == sizeof(si))
			kill(pid, (int)si.ssi_signo);
	}
}

/* Read the monitor's records until RUNNING (daemonized) or the end (foreground). */
static int collect(int fd, bool daemonize, int sfd, struct launch_result *ret)
{
	struct start_status st;
	pid_t pid = -1;
	int n;

	for (;;) {
		forward_until_readable(fd, sfd, pid);
		if ((n = start_status_recv(fd, &st)) <= 0)
			break;
		switch (st.kind) {
		case START_STATUS_MONITOR:
			pid = st.value;
			break;
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
	struct spawn s = { .req_fd = -EBADF, .status_fd = -EBADF };
	__do_close int status_rd = -EBADF;
	int pipefd[2], err, sfd = -1;
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
	err = spawn_monitor(&s, &pid);
	close(s.req_fd);
	close(s.status_fd);
	if (err < 0) {
		if (sfd >= 0) {
			close(sfd);
			pthread_sigmask(SIG_SETMASK, &oldmask, NULL);
		}
		lxc_error_set(&ret->err, "monitor", -err, "Failed to start the monitor \"%s\"",
			      s.path);
		spawn_free(&s);
		return err;
	}
	spawn_free(&s);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	err = collect(status_rd, a->daemonize, sfd, ret);
	if (sfd >= 0) {
		close(sfd);
		pthread_sigmask(SIG_SETMASK, &oldmask, NULL);
	}
	return err;
}
