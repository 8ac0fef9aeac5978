/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The split of the monitor process into guard and monitor, and the guard's life (see guard.h).
 * Wire: text lines on a stream socket. Monitor to guard: "p REL" "i REL" (payload and payload
 * inner relative names), "P DIR" (a dir the monitor created), "-P" (the monitor removed them),
 * "done". Guard to monitor: with payload_early first the payload cgroup it made ("pl REL",
 * "pi REL", "pd DIR"..., then "pok", or "perr ERRNO MESSAGE"); then, once, "ready" or
 * "error MESSAGE" (the monitor cgroup). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "base/str.h"
#include "config/system/paths.h"
#include "ipc/commands.h"
#include "ipc/hash.h"
#include "ipc/monitor_bus.h"
#include "ipc/unix.h"
#include "lifecycle/guard.h"
#include "lifecycle/network.h"
#include "log/log.h"
#include "sys/features.h"
#include "sys/process.h"
#include "sys/exit_code.h"

lxc_log_define(guard);

/* How long a monitor waits for its guard to create the v1 part of the monitor cgroup. */
#define GUARD_READY_TIMEOUT_MS 10000

/* The monitor's end of the socket to its guard, -EBADF when none; whether the monitor was
 * cloned into its cgroup2 cgroup; whether it entered the rest of its monitor cgroup. */
static int guard_fd = -EBADF;
static bool born_in, entered;

/* RUNDIR/guard/<sha256 of LXCPATH/NAME>, write-locked (OFD lock) by a guard until it exits: a
 * new start of the container waits here for a guard that is still cleaning up after the
 * previous run, so it never sees half-removed state and the guard never touches the new run's
 * cgroups. */
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
 * unlinked file starts over. Returns the locked fd. */
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

/* Still holding the lock: no one else uses the file. */
static void unlink_lock(const char *lxcpath, const char *name)
{
	__do_free char *path = lock_path(lxcpath, name);

	if (path)
		unlink(path);
}

/* ---- the monitor's side ---- */

/* What the guard sent and the monitor did not read yet (its messages may arrive together). */
static struct {
	char buf[8192];
	size_t len;
} unread;

/* The next line from the guard, without its "\n": 1, 0 on EOF or timeout, -errno. */
static int read_line(char *line, size_t size, int timeout_ms)
{
	struct pollfd p = { .fd = guard_fd, .events = POLLIN };

	for (;;) {
		char *nl = memchr(unread.buf, '\n', unread.len);
		ssize_t n;
		int r;

		if (nl) {
			size_t used = (size_t)(nl - unread.buf) + 1;

			snprintf(line, size, "%.*s", (int)(used - 1), unread.buf);
			memmove(unread.buf, unread.buf + used, unread.len - used);
			unread.len -= used;
			return 1;
		}
		if (guard_fd < 0 || unread.len == sizeof(unread.buf))
			return 0;
		r = poll(&p, 1, timeout_ms);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r < 0 ? -errno : 0;
		n = recv(guard_fd, unread.buf + unread.len, sizeof(unread.buf) - unread.len, 0);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			return n < 0 ? -errno : 0;
		unread.len += (size_t)n;
	}
}

int guard_take_payload(struct cgroup_run *cg, struct cgroup_error *e)
{
	__do_free char *rel = NULL, *inner = NULL;
	char **made = NULL;
	char line[4096];
	int ret, err;

	for (;;) {
		ret = read_line(line, sizeof(line), GUARD_READY_TIMEOUT_MS);
		if (ret <= 0) {
			ret = cgroup_error_set(e, ret < 0 ? ret : -ETIMEDOUT, "The cleanup guard "
					       "did not create the container's cgroup");
			break;
		}
		if (str_starts_with(line, "pl ")) {
			free(rel);
			rel = strdup(line + 3);
		} else if (str_starts_with(line, "pi ")) {
			free(inner);
			inner = strdup(line + 3);
		} else if (str_starts_with(line, "pd ")) {
			if (strv_append(&made, line + 3) < 0) {
				ret = cgroup_error_set(e, -ENOMEM, "Out of memory");
				break;
			}
		} else if (strcmp(line, "pok") == 0) {
			if (!rel) {
				ret = cgroup_error_set(e, -EPROTO, "The cleanup guard did not "
						       "name the container's cgroup");
				break;
			}
			ret = cgroup_adopt(cg, CGROUP_PAYLOAD, rel, inner && *inner ? inner : NULL,
					   take_ptr(made), e);
			break;
		} else if (sscanf(line, "perr %d", &err) == 1) {
			const char *msg = strchr(line + 5, ' ');

			ret = cgroup_error_set(e, err < 0 ? err : -EIO, "%s", msg ? msg + 1 : line);
			break;
		}
	}
	strv_free(made);
	return ret;
}

static void send_text(const char *text, size_t len)
{
	if (guard_fd < 0 || !text)
		return;
	if (write(guard_fd, text, len) != (ssize_t)len)
		DEBUG("Failed to tell the cleanup guard \"%.*s\": %s", (int)len - 1, text,
		      strerror(errno));
}

/* All lines in one write: the guard reads them together. */
void guard_note_cgroup(const struct cgroup_run *run, enum cgroup_kind kind)
{
	struct strbuf sb = { 0 };
	char **made = run->created[kind];
	int ret;

	if (kind != CGROUP_PAYLOAD)
		return;	/* the guard made the monitor cgroup itself */
	ret = strbuf_printf(&sb, "p %s\ni %s\n", run->payload ? run->payload : "",
			    run->payload_inner ? run->payload_inner : "");
	for (size_t i = 0; ret >= 0 && made && made[i]; i++)
		ret = strbuf_printf(&sb, "P %s\n", made[i]);
	if (ret >= 0)
		send_text(sb.buf, sb.len);
	strbuf_free(&sb);
}

void guard_forget_cgroup(enum cgroup_kind kind)
{
	if (kind == CGROUP_PAYLOAD)
		send_text("-P\n", 3);
}

void guard_done(void)
{
	send_text("done\n", 5);
	if (guard_fd >= 0)
		close(guard_fd);
	guard_fd = -EBADF;
}

/* ---- the guard's side ---- */

struct guard_state {
	const struct guard_split_args *a;
	char *rel[2];		/* payload, payload inner */
	char **made;		/* payload dirs */
	bool done, pipe_open;
	bool split, monitor_cg_sent;	/* the v1 part of the monitor cgroup is ours to make */
	int fd;			/* the socket to the monitor */
	pid_t monitor;
	int status;		/* the monitor's wait status, once reaped */
	char buf[8192];
	size_t len;
};

static void set_str(char **p, const char *s)
{
	free(*p);
	*p = *s ? strdup(s) : NULL;
}

static void finish_monitor_cgroup(const struct guard_split_args *a, int fd, bool split);

/* Once: the rest of the monitor cgroup, after the monitor made the payload's. Both take the
 * kernel's cgroup mutex for each directory: made one after the other they do not wait on each
 * other, and ours overlaps the clone of the init. A monitor that stops before that never
 * enters it, so it is not made (leftovers of a killed run are taken over by the next run). */
static void monitor_cgroup_once(struct guard_state *g)
{
	if (g->monitor_cg_sent || !g->a->cg->monitor)
		return;
	g->monitor_cg_sent = true;
	finish_monitor_cgroup(g->a, g->fd, g->split);
}

/* payload_early: the payload cgroup of the first run, made while the monitor gets ready; the
 * monitor adopts it (guard_take_payload()). Ours to remove until it says it did ("-P"). */
static void make_payload(struct guard_state *g)
{
	const struct guard_split_args *a = g->a;
	struct cgroup_error ce = { 0 };
	struct strbuf sb = { 0 };
	int ret = cgroup_create(a->cg, a->conf, a->pattern, a->name, CGROUP_PAYLOAD, &ce);

	if (ret < 0) {
		ret = strbuf_printf(&sb, "perr %d %s\n", ret, ce.msg);
	} else {
		close_prot_errno_disarm(a->cg->unified_fd);
		set_str(&g->rel[0], a->cg->payload);
		set_str(&g->rel[1], a->cg->payload_inner);
		strv_free(g->made);
		g->made = take_ptr(a->cg->created[CGROUP_PAYLOAD]);
		ret = strbuf_printf(&sb, "pl %s\npi %s\n", a->cg->payload,
				    a->cg->payload_inner ? a->cg->payload_inner : "");
		for (size_t i = 0; ret >= 0 && g->made && g->made[i]; i++)
			ret = strbuf_printf(&sb, "pd %s\n", g->made[i]);
		if (ret >= 0)
			ret = strbuf_printf(&sb, "pok\n");
	}
	if (ret < 0 || send(g->fd, sb.buf, sb.len, MSG_NOSIGNAL) < 0)
		DEBUG("Failed to give the monitor of container \"%s\" its cgroup", a->name);
	strbuf_free(&sb);
}

static void on_line(struct guard_state *g, char *line)
{
	char *arg = line[0] && line[1] == ' ' ? line + 2 : NULL;

	if (line[0] == 'p' && line[1] == ' ')
		monitor_cgroup_once(g);
	if (strcmp(line, "done") == 0) {
		g->done = true;
	} else if (strcmp(line, "-P") == 0) {
		strv_free(g->made);
		g->made = NULL;
	} else if (arg && line[0] == 'p') {
		set_str(&g->rel[0], arg);
	} else if (arg && line[0] == 'i') {
		set_str(&g->rel[1], arg);
	} else if (arg && line[0] == 'P' && arg[0] == '/') {
		/* Again after a reboot whose cleanup failed: once is enough. */
		if (!strv_contains(g->made, arg))
			strv_append(&g->made, arg);
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

/* Serve the monitor until it has exited (and is reaped): read its lines, forward signals. */
static void wait_monitor(struct guard_state *g, int fd, int sfd)
{
	struct pollfd p[2] = { { .fd = fd, .events = POLLIN }, { .fd = sfd, .events = POLLIN } };
	struct signalfd_siginfo si;

	for (;;) {
		if (waitpid(g->monitor, &g->status, WNOHANG) == g->monitor)
			break;
		p[0].fd = g->pipe_open ? fd : -1;
		if (!g->pipe_open && sfd < 0)
			goto block;	/* nothing else to watch */
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			goto block;
		}
		if (p[0].revents && read_lines(g, fd) <= 0)
			g->pipe_open = false;
		if ((p[1].revents & POLLIN) && read(sfd, &si, sizeof(si)) == sizeof(si) &&
		    si.ssi_signo != SIGCHLD)
			kill(g->monitor, (int)si.ssi_signo);
	}
	goto drain;
block:
	while (waitpid(g->monitor, &g->status, 0) < 0 && errno == EINTR)
		;
drain:
	/* Dead: whatever it wrote before dying is still in the socket. */
	fcntl(fd, F_SETFL, O_NONBLOCK);
	while (g->pipe_open && read_lines(g, fd) > 0)
		;
}

/* The payload cgroups a dead monitor left: killed and removed. */
static void cleanup_payload(struct guard_state *g, struct cgroup_run *cg, const char *name)
{
	struct cgroup_error ce = { 0 };

	if (!g->made || !g->rel[0])
		return;
	free(cg->payload);
	free(cg->payload_inner);
	cg->payload = take_ptr(g->rel[0]);
	cg->payload_inner = take_ptr(g->rel[1]);
	strv_free(cg->created[CGROUP_PAYLOAD]);
	cg->created[CGROUP_PAYLOAD] = take_ptr(g->made);
	/* A frozen task cannot die. */
	cgroup_thaw(cg, NULL);
	if (cgroup_destroy(cg, CGROUP_PAYLOAD, NULL, &ce) < 0)
		ERROR("Failed to remove the cgroup of container \"%s\": %s", name, ce.msg);
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

static __attribute__((noreturn)) void guard_run(const struct guard_split_args *a, pid_t monitor,
						 int fd, int sfd, bool split)
{
	struct guard_state g = { .a = a, .monitor = monitor, .pipe_open = true, .split = split,
				 .fd = fd };
	struct cgroup_error ce = { 0 };

	if (a->payload_early && a->cg->host.layout != CGROUP_LAYOUT_NONE) {
		make_payload(&g);
		monitor_cgroup_once(&g);
	}
	wait_monitor(&g, fd, sfd);
	/* Payload dirs the monitor did not say it removed (it died, failed to remove them, or
	 * stopped before it adopted ours) go now. */
	cleanup_payload(&g, a->cg, a->name);
	if (!g.done) {
		INFO("Monitor %d of container \"%s\" died: cleaning up", (int)monitor, a->name);
		net_restore_record(a->lxcpath, a->name);
		if (!monitor_running(a->lxcpath, a->name))
			monitor_bus_send(a->lxcpath, a->name, LXC_STATE_STOPPED);
	}
	if (a->cg->monitor && cgroup_destroy(a->cg, CGROUP_MONITOR, a->conf, &ce) < 0)
		ERROR("Failed to remove the monitor cgroup of container \"%s\": %s", a->name,
		      ce.msg);
	unlink_lock(a->lxcpath, a->name);
	_exit(sys_exit_code(g.status));
}

/* The monitor's process: born in the cgroup2 monitor cgroup when CGFD is one and clone3 takes
 * it (*ret_in). clone3 from a single-threaded process: the child goes on with glibc, whose
 * pthread_kill/raise on itself ask the kernel for the thread id. */
static pid_t clone_monitor(int cgfd, bool *ret_in)
{
	struct clone_args args = {
		.flags = CLONE_INTO_CGROUP,
		.exit_signal = SIGCHLD,
		.cgroup = (uint64_t)cgfd,
	};
	pid_t pid;

	*ret_in = false;
	if (cgfd >= 0 && sys_has(SYS_FEATURE_CLONE3)) {
		pid = sys_clone3(&args);
		if (pid == 0)
			*ret_in = true;
		if (pid >= 0)
			return pid;
		DEBUG("clone3 into the monitor cgroup failed (%s), forking", strerror(-pid));
	}
	pid = fork();
	return pid < 0 ? -errno : pid;
}

int guard_enter_monitor_cgroup(struct cgroup_run *cg, char *msg, size_t size)
{
	struct cgroup_self self;
	struct cgroup_error ce = { 0 };
	char line[512];
	int ret;

	if (entered || !cg->monitor)
		return 0;
	entered = true;
	/* The guard says "ready" or "error MESSAGE" once it made the v1 part. */
	if (read_line(line, sizeof(line), GUARD_READY_TIMEOUT_MS) <= 0) {
		snprintf(msg, size, "The cleanup guard did not create the monitor cgroup \"%s\"",
			 cg->monitor);
		return -ETIMEDOUT;
	}
	if (strcmp(line, "ready") != 0) {
		snprintf(msg, size, "%s", str_starts_with(line, "error ") ? line + 6 : line);
		return -EIO;
	}
	ret = cgroup_self_open(cg, CGROUP_MONITOR, &self, &ce);
	if (ret == 0)
		ret = cgroup_self_enter(&self, born_in, &ce);
	cgroup_self_close(&self);
	if (ret < 0)
		snprintf(msg, size, "%s", ce.msg);
	return ret;
}

/* The guard, once the monitor runs: the rest of the monitor cgroup (SPLIT: its v1 part), then
 * "ready" or "error MESSAGE" to the monitor. */
static void finish_monitor_cgroup(const struct guard_split_args *a, int fd, bool split)
{
	struct cgroup_error ce = { 0 };
	char *line = NULL;
	int ret = 0;

	if (split)
		ret = cgroup_create_rest(a->cg, CGROUP_MONITOR, 2, &ce);
	if (ret < 0 && asprintf(&line, "error %s\n", ce.msg) < 0)
		line = NULL;
	if (send(fd, line ? line : "ready\n", line ? strlen(line) : 6, MSG_NOSIGNAL) < 0)
		DEBUG("Failed to tell the monitor of container \"%s\" its cgroup: %s", a->name,
		      strerror(errno));
	free(line);
}

/* Whether the monitor cgroup is made in two parts: cgroup2 before the clone, v1 meanwhile. */
static bool split_create(const struct cgroup_run *cg)
{
	bool v1 = false, v2 = false;

	for (size_t i = 0; i < cg->host.n; i++) {
		if (!cg->host.h[i].used)
			continue;
		if (cg->host.h[i].version == 1)
			v1 = true;
		else
			v2 = true;
	}
	return v1 && v2;
}

int guard_split(const struct guard_split_args *a, struct lxc_error *err)
{
	__do_close int lock = -EBADF, cgfd = -EBADF;
	struct cgroup_error ce = { 0 };
	sigset_t mask, old;
	bool split = false, in;
	int p[2] = { -EBADF, -EBADF }, sfd, ret;
	pid_t pid;

	lock = guard_lock(a->lxcpath, a->name);
	if (lock < 0)
		return lxc_error_set(err, "monitor", -lock, "Failed to lock the cleanup guard of "
				     "container \"%s\"", a->name);
	if (a->cg->host.layout != CGROUP_LAYOUT_NONE) {
		split = split_create(a->cg);
		if (split)
			ret = cgroup_create_version(a->cg, a->conf, a->pattern, a->name,
						    CGROUP_MONITOR, 2, &ce);
		else
			ret = cgroup_create(a->cg, a->conf, a->pattern, a->name, CGROUP_MONITOR,
					    &ce);
		if (ret < 0)
			return lxc_error_set_plain(err, "cgroups", -ret, "%s", ce.msg);
		cgfd = cgroup_open_dir(a->cg, CGROUP_MONITOR);
	}
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGCHLD);
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, p) < 0) {
		ret = -errno;
		goto undo;
	}
	sigprocmask(SIG_BLOCK, &mask, &old);
	pid = clone_monitor(cgfd, &in);
	if (pid == 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		close(p[0]);
		/* Non-blocking: a stuck guard must never block the monitor. */
		fcntl(p[1], F_SETFL, O_NONBLOCK);
		guard_fd = p[1];
		born_in = in;
		return 0;
	}
	close(p[1]);
	if (pid < 0) {
		ret = pid;
		close(p[0]);
		sigprocmask(SIG_SETMASK, &old, NULL);
		goto undo;
	}
	DEBUG("Monitor of container \"%s\" is %d", a->name, (int)pid);
	for (size_t i = 0; i < a->n_guard_closes; i++)
		if (a->guard_closes[i] >= 0)
			close(a->guard_closes[i]);
	close_prot_errno_disarm(cgfd);
	sfd = signalfd(-1, &mask, SFD_CLOEXEC);
	guard_run(a, pid, p[0], sfd, split);

undo:
	if (a->cg->monitor && cgroup_destroy(a->cg, CGROUP_MONITOR, a->conf, &ce) < 0)
		WARN("Failed to remove the monitor cgroup of container \"%s\": %s", a->name,
		     ce.msg);
	unlink_lock(a->lxcpath, a->name);
	return lxc_error_set(err, "monitor", -ret, "Failed to start the monitor of container "
			     "\"%s\"", a->name);
}
