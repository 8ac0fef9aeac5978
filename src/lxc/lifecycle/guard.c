/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The cleanup guard of a monitor (see guard.h). Wire: text lines on a pipe, monitor to guard:
 * "p REL" "i REL" "m REL" (payload, payload inner, monitor relative names), "P DIR" "M DIR"
 * (a dir the monitor created), "-P" "-M" (the monitor removed them), "done". */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "config/system/paths.h"
#include "base/file.h"
#include "ipc/commands.h"
#include "ipc/hash.h"
#include "ipc/monitor_bus.h"
#include "ipc/unix.h"
#include "lifecycle/guard.h"
#include "lifecycle/network.h"
#include "log/log.h"
#include "sys/pidfd.h"

lxc_log_define(guard);

#define GUARD_FD 3	/* the pipe from the monitor */
#define GUARD_LOCK_FD 4	/* the locked RUNDIR/guard/<hash> (see guard_lock()) */

extern char **environ;

/* The monitor is one process serving one container: its guard's pipe and pidfd, -EBADF when
 * none. */
static int guard_fd = -EBADF, guard_pidfd = -EBADF;
static pid_t guard_pid = -1;

/* ---- the monitor's side ---- */

static int append_kv(char ***envp, const char *key, const char *value)
{
	char *s;

	if (asprintf(&s, "%s=%s", key, value) < 0)
		return -ENOMEM;
	return strv_append_take(envp, s);
}

static int build_env(char ***envp, int rd, const char *lxcpath, const char *name)
{
	char buf[64];
	int ret = 0;

	for (char **e = environ; e && *e && ret == 0; e++)
		if (!str_starts_with(*e, "LXC_GUARD_"))
			ret = strv_append(envp, *e);
	snprintf(buf, sizeof(buf), GUARD_ENV_FD "=%d", rd);
	if (ret == 0)
		ret = strv_append(envp, buf);
	snprintf(buf, sizeof(buf), GUARD_ENV_MONITOR "=%d", (int)getpid());
	if (ret == 0)
		ret = strv_append(envp, buf);
	if (ret == 0)
		ret = append_kv(envp, GUARD_ENV_LXCPATH, lxcpath);
	if (ret == 0)
		ret = append_kv(envp, GUARD_ENV_NAME, name);
	return ret;
}

/* RUNDIR/guard/<sha256 of LXCPATH/NAME>, write-locked (OFD lock) by a monitor and then by its
 * guard until the guard exits: a new monitor of the container waits here for a guard that is
 * still cleaning up after the previous one, so it never sees half-removed state and the guard
 * never touches the new run's cgroups. Returns the locked fd. */
static char *lock_path(const char *lxcpath, const char *name)
{
	__do_free char *rundir = NULL, *key = NULL;
	char hex[IPC_SHA256_HEX_LEN + 1], *path;

	if (paths_rundir(&rundir) < 0 || asprintf(&key, "%s/%s", lxcpath, name) < 0)
		return NULL;
	ipc_sha256_hex(key, hex);
	if (asprintf(&path, "%s/guard/%s", rundir, hex) < 0)
		return NULL;
	return path;
}

/* The holder unlinks the file when it is done: a waiter that then gets the lock of an
 * unlinked file starts over. */
static int guard_lock(const char *lxcpath, const char *name)
{
	__do_free char *path = lock_path(lxcpath, name);
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	struct stat a, b;
	char *slash;
	int fd;

	if (!path)
		return -ENOMEM;
	slash = strrchr(path, '/');
	*slash = '\0';
	mkdir_p(path, 0755);
	*slash = '/';
	for (;;) {
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
		if (fd < 0)
			return -errno;
		while (fcntl(fd, F_OFD_SETLKW, &fl) < 0) {
			if (errno != EINTR) {
				close(fd);
				return -errno;
			}
		}
		if (fstat(fd, &a) == 0 && stat(path, &b) == 0 && a.st_ino == b.st_ino &&
		    a.st_dev == b.st_dev)
			return fd;
		close(fd);
	}
}

static int spawn(const char *lxcpath, const char *name, int rd, int lock)
{
	__do_free char *path = NULL, *argv0 = NULL;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	char **envp = NULL, *argv[2];
	sigset_t none, all;
	pid_t pid;
	int ret;

	if (asprintf(&path, "%s/lxc-monitor-guard", paths_libexecdir()) < 0)
		path = NULL;
	if (asprintf(&argv0, "[lxc monitor guard] %s %s", lxcpath, name) < 0)
		argv0 = NULL;
	if (!path || !argv0 || build_env(&envp, GUARD_FD, lxcpath, name) < 0) {
		strv_free(envp);
		return -ENOMEM;
	}
	argv[0] = argv0;
	argv[1] = NULL;
	sigemptyset(&none);
	sigfillset(&all);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &all);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF |
				 POSIX_SPAWN_SETSID);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, rd, GUARD_FD);
	posix_spawn_file_actions_adddup2(&fa, lock, GUARD_LOCK_FD);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDWR, 0);
	posix_spawn_file_actions_adddup2(&fa, 0, 1);
	posix_spawn_file_actions_adddup2(&fa, 0, 2);
	/* posix_spawn uses CLONE_VM|CLONE_VFORK: cheap even for a big monitor. */
	ret = -posix_spawn(&pid, path, &fa, &attr, argv, envp);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	strv_free(envp);
	if (ret < 0)
		WARN("Failed to start the cleanup guard \"%s\", continuing without: %s", path,
		     strerror(-ret));
	else
		DEBUG("Started the cleanup guard %d of container \"%s\"", (int)pid, name);
	if (ret == 0) {
		/* Not reaped before the monitor's loop runs: the pid is still the guard's. */
		guard_pid = pid;
		guard_pidfd = sys_pidfd_open(pid, 0);
	}
	return ret;
}

int guard_start(const char *lxcpath, const char *name)
{
	__do_close int lock = -EBADF, lock0 = -EBADF;
	int p[2], rd, ret;

	if (guard_fd >= 0)
		return 0;
	/* The command socket is ours: only a previous run's guard can hold this. */
	lock0 = guard_lock(lxcpath, name);
	if (lock0 < 0)
		return lock0;
	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	/* Above the guard's fds, so the dup2s in the child really make non-CLOEXEC copies. */
	rd = fcntl(p[0], F_DUPFD_CLOEXEC, GUARD_LOCK_FD + 1);
	lock = fcntl(lock0, F_DUPFD_CLOEXEC, GUARD_LOCK_FD + 1);
	close(p[0]);
	if (rd < 0 || lock < 0) {
		if (rd >= 0)
			close(rd);
		close(p[1]);
		return -EMFILE;
	}
	ret = spawn(lxcpath, name, rd, lock);
	close(rd);
	if (ret < 0) {
		close(p[1]);
		return ret;
	}
	/* A stuck guard must never block the monitor. */
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	guard_fd = p[1];
	return 0;
}

static void send_line(const char *fmt, ...)
{
	__do_free char *line = NULL;
	va_list ap;
	int n;

	if (guard_fd < 0)
		return;
	va_start(ap, fmt);
	n = vasprintf(&line, fmt, ap);
	va_end(ap);
	if (n < 0) {
		line = NULL;
		return;
	}
	if (write(guard_fd, line, (size_t)n) != n)
		DEBUG("Failed to tell the cleanup guard \"%.*s\": %s", n - 1, line, strerror(errno));
}

void guard_note_cgroup(const struct cgroup_run *run, enum cgroup_kind kind)
{
	char **made = run->created[kind];

	if (kind == CGROUP_PAYLOAD) {
		send_line("p %s\n", run->payload ? run->payload : "");
		send_line("i %s\n", run->payload_inner ? run->payload_inner : "");
	} else {
		send_line("m %s\n", run->monitor ? run->monitor : "");
	}
	for (size_t i = 0; made && made[i]; i++)
		send_line("%c %s\n", kind == CGROUP_PAYLOAD ? 'P' : 'M', made[i]);
}

void guard_forget_cgroup(enum cgroup_kind kind)
{
	send_line("-%c\n", kind == CGROUP_PAYLOAD ? 'P' : 'M');
}

void guard_done(void)
{
	send_line("done\n");
	if (guard_fd >= 0)
		close(guard_fd);
	guard_fd = -EBADF;
	/* Not waited for: the guard leaves at once on "done" and a new monitor of the same
	 * container waits for the guard's lock anyway. Reaped now if already gone, else by init. */
	if (guard_pidfd >= 0)
		close(guard_pidfd);
	if (guard_pid > 0)
		waitpid(guard_pid, NULL, WNOHANG);
	guard_pidfd = -EBADF;
	guard_pid = -1;
}

/* ---- the guard's side ---- */

struct guard_state {
	char *rel[3];		/* payload, payload inner, monitor */
	char **made[2];		/* per enum cgroup_kind */
	bool done;
	char buf[8192];
	size_t len;
};

static void set_str(char **p, const char *s)
{
	free(*p);
	*p = *s ? strdup(s) : NULL;
}

static void on_line(struct guard_state *g, char *line)
{
	char *arg = line[0] && line[1] == ' ' ? line + 2 : NULL;

	if (strcmp(line, "done") == 0)
		g->done = true;
	else if (strcmp(line, "-P") == 0 || strcmp(line, "-M") == 0) {
		enum cgroup_kind k = line[1] == 'P' ? CGROUP_PAYLOAD : CGROUP_MONITOR;

		strv_free(g->made[k]);
		g->made[k] = NULL;
	} else if (arg && line[0] == 'p')
		set_str(&g->rel[0], arg);
	else if (arg && line[0] == 'i')
		set_str(&g->rel[1], arg);
	else if (arg && line[0] == 'm')
		set_str(&g->rel[2], arg);
	else if (arg && (line[0] == 'P' || line[0] == 'M') && arg[0] == '/') {
		char ***made = &g->made[line[0] == 'P' ? CGROUP_PAYLOAD : CGROUP_MONITOR];

		/* Again after a reboot whose cleanup failed: once is enough. */
		if (!strv_contains(*made, arg))
			strv_append(made, arg);
	}
}

/* Read what is there; 0 on EOF, 1 if more may come, -errno. */
static int read_lines(struct guard_state *g, int fd)
{
	ssize_t n;
	char *nl;

	if (g->len == sizeof(g->buf) - 1)
		g->len = 0;	/* a line longer than any path: dropped */
	n = read(fd, g->buf + g->len, sizeof(g->buf) - 1 - g->len);
	if (n < 0)
		return errno == EINTR ? 1 : -errno;
	if (n == 0)
		return 0;
	g->len += (size_t)n;
	g->buf[g->len] = '\0';
	while ((nl = memchr(g->buf, '\n', g->len))) {
		size_t used = (size_t)(nl - g->buf) + 1;

		*nl = '\0';
		on_line(g, g->buf);
		memmove(g->buf, g->buf + used, g->len - used);
		g->len -= used;
	}
	return 1;
}

/* Block until the monitor says "done", closes the pipe or dies. */
static void wait_monitor(struct guard_state *g, int fd, int pidfd)
{
	struct pollfd p[2] = { { .fd = fd, .events = POLLIN }, { .fd = pidfd, .events = POLLIN } };

	while (!g->done) {
		if (poll(p, pidfd >= 0 ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[0].revents && read_lines(g, fd) <= 0)
			break;
		if (pidfd >= 0 && p[1].revents)
			break;
	}
	/* Dead: whatever it wrote before dying is still in the pipe. */
	fcntl(fd, F_SETFL, O_NONBLOCK);
	while (!g->done && read_lines(g, fd) > 0)
		;
}

static void cleanup_cgroups(struct guard_state *g, const char *name)
{
	struct cgroup_error ce = { 0 };
	struct cgroup_run run;

	if (!g->made[CGROUP_PAYLOAD] && !g->made[CGROUP_MONITOR])
		return;
	cgroup_run_init(&run);
	if (cgroup_host_detect(&run.host, &ce) < 0) {
		ERROR("Failed to clean up the cgroups of container \"%s\": %s", name, ce.msg);
		cgroup_run_free(&run);
		return;
	}
	run.payload = take_ptr(g->rel[0]);
	run.payload_inner = take_ptr(g->rel[1]);
	run.monitor = take_ptr(g->rel[2]);
	run.created[CGROUP_PAYLOAD] = take_ptr(g->made[CGROUP_PAYLOAD]);
	run.created[CGROUP_MONITOR] = take_ptr(g->made[CGROUP_MONITOR]);
	if (run.created[CGROUP_PAYLOAD] && run.payload) {
		/* A frozen task cannot die. */
		cgroup_thaw(&run, NULL);
		if (cgroup_destroy(&run, CGROUP_PAYLOAD, NULL, &ce) < 0)
			ERROR("Failed to remove the cgroup of container \"%s\": %s", name, ce.msg);
	}
	ce.err = 0;
	ce.msg[0] = '\0';
	if (run.created[CGROUP_MONITOR] &&
	    cgroup_destroy(&run, CGROUP_MONITOR, NULL, &ce) < 0)
		ERROR("Failed to remove the monitor cgroup of container \"%s\": %s", name, ce.msg);
	cgroup_run_free(&run);
}

/* A new monitor took the container's command socket (it then waits for our lock). */
static bool monitor_running(const char *lxcpath, const char *name)
{
	char sock[UNIX_ABSTRACT_MAX + 1];
	int fd;

	if (cmd_socket_name(lxcpath, name, sock, sizeof(sock)) < 0)
		return false;
	fd = unix_connect_abstract(sock);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* Still holding the lock (GUARD_LOCK_FD): no one else uses the file. */
static void unlink_lock(const char *lxcpath, const char *name)
{
	__do_free char *path = lock_path(lxcpath, name);

	if (path)
		unlink(path);
}

int guard_main(int fd, pid_t monitor, const char *lxcpath, const char *name)
{
	struct guard_state g = { 0 };
	int pidfd = sys_pidfd_open(monitor, 0);

	/* The monitor spawned us: if it is no longer our parent, it is gone already (and the
	 * pidfd, if any, may name another process). */
	if (getppid() != monitor && pidfd >= 0) {
		close(pidfd);
		pidfd = -EBADF;
	}
	wait_monitor(&g, fd, pidfd);
	if (g.done) {
		unlink_lock(lxcpath, name);
		return 0;
	}
	INFO("Monitor %d of container \"%s\" died: cleaning up", (int)monitor, name);
	cleanup_cgroups(&g, name);
	net_restore_record(lxcpath, name);
	if (!monitor_running(lxcpath, name))
		monitor_bus_send(lxcpath, name, LXC_STATE_STOPPED);
	unlink_lock(lxcpath, name);
	for (int i = 0; i < 3; i++)
		free(g.rel[i]);
	strv_free(g.made[0]);
	strv_free(g.made[1]);
	if (pidfd >= 0)
		close(pidfd);
	return 0;
}
