/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* attach(), caller side: ask the monitor for the init, learn what to join from /proc, fork the
 * intermediate (which joins and forks the attached process as our child with CLONE_PARENT),
 * collect its reports, forward the pty. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "attach/attach_internal.h"
#include "base/cleanup.h"
#include "base/file.h"
#include "ipc/commands.h"
#include "log/log.h"
#include "ns/ns.h"
#include "sys/pidfd.h"
#include "sys/process.h"

lxc_log_define(attach);

void attach_msg_send(int fd, int type, pid_t pid, int err, const char *fmt, ...)
{
	struct attach_msg m = { .type = type, .pid = pid, .err = err };
	va_list ap;

	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(m.text, sizeof(m.text), fmt, ap);
		va_end(ap);
	}
	while (write(fd, &m, sizeof(m)) < 0 && errno == EINTR)
		;
}

/* "CapBnd:\t000001ffffffffff" of /proc/PID/status. */
static int read_cap_bnd(pid_t pid, uint64_t *ret)
{
	__do_free char *buf = NULL;
	char path[64], *p;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (file_read_all(path, &buf, NULL) < 0)
		return -errno ? -errno : -EIO;
	p = strstr(buf, "\nCapBnd:");
	if (!p)
		return -ENOENT;
	*ret = strtoull(p + 8, NULL, 16);
	return 0;
}

static long read_personality(pid_t pid)
{
	__do_free char *buf = NULL;
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/personality", pid);
	if (file_read_all(path, &buf, NULL) < 0)
		return -1;
	return strtol(buf, NULL, 16);
}

/* The init's namespaces that differ from ours, restricted to the requested ones. */
static int ns_to_join(pid_t pid, int requested)
{
	int flags = 0;

	for (int i = 0; i < CONF_NS_MAX; i++) {
		const struct ns_info *info = ns_info(i);
		int same = ns_same(pid, getpid(), i);

		if (!info || same < 0)
			continue;
		if (requested == -1 ? same == 0 : (requested & info->flag) != 0) {
			/* Joining our own user namespace is EINVAL; it is a no-op anyway. */
			if (info->flag == CLONE_NEWUSER && same)
				continue;
			flags |= info->flag;
		}
	}
	return flags;
}

static void ctx_free(struct attach_ctx *ctx)
{
	close_prot_errno_disarm(ctx->init_pidfd);
	for (int i = 0; i < ctx->n_cgroup_fds; i++)
		close_prot_errno_disarm(ctx->cgroup_fds[i]);
	ctx->n_cgroup_fds = 0;
	free_disarm(ctx->cwd);
	term_pty_close(&ctx->pty);
}

static int fail(char *msg, size_t size, int err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int fail(char *msg, size_t size, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, size, fmt, ap);
	va_end(ap);
	return -err;
}

/* The container's /dev/pts, resolved inside its root (never following its symlinks out of
 * it) and checked to be a devpts instance. */
static int container_devpts(pid_t init_pid)
{
	struct open_how how = {
		.flags = O_PATH | O_DIRECTORY | O_CLOEXEC,
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	__do_close int root = -EBADF;
	char path[64];
	struct statfs sfs;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/root", init_pid);
	root = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root < 0)
		return -errno;
	fd = sys_openat2(root, "dev/pts", &how);
	if (fd < 0)
		return fd;
	if (fstatfs(fd, &sfs) < 0 || sfs.f_type != DEVPTS_SUPER_MAGIC) {
		close(fd);
		return -ENOTTY;
	}
	return fd;
}

/* The pty: on the container's devpts (from the monitor, else found through the init's root),
 * so that the attached process sees its terminal as /dev/pts/N; else on the host's. */
static int open_pty(const struct attach_request *req, pid_t init_pid, struct term_pty *pty)
{
	struct cmd_req creq = { .cmd = CMD_GET_DEVPTS_FD };
	struct cmd_rsp rsp = { 0 };
	int ret, fd;

	if (cmd_call(req->lxcpath, req->name, &creq, 5, &rsp) == 0 && rsp.ret >= 0 &&
	    rsp.nfds == 1) {
		ret = term_pty_open(rsp.fds[0], pty);
		cmd_rsp_free(&rsp);
		if (ret == 0)
			return 0;
	} else {
		cmd_rsp_free(&rsp);
	}
	fd = container_devpts(init_pid);
	if (fd >= 0) {
		ret = term_pty_open(fd, pty);
		close(fd);
		if (ret == 0)
			return 0;
	}
	return term_pty_open(-EBADF, pty);
}

static int prepare(const struct attach_request *req, struct attach_ctx *ctx, char *msg,
		   size_t size)
{
	const lxc_attach_options_t *o = req->options;
	int ret;

	ret = cmd_get_init_pid(req->lxcpath, req->name, 10, &ctx->init_pid);
	if (ret == CMD_NOT_RUNNING)
		return fail(msg, size, EINVAL, "Failed to attach to container \"%s\": container "
			    "is not running", req->name);
	if (ret < 0)
		return fail(msg, size, -ret, "Failed to get init pid of container \"%s\": %s",
			    req->name, strerror(-ret));
	if (cmd_get_init_pidfd(req->lxcpath, req->name, 10, &ctx->init_pidfd) < 0)
		ctx->init_pidfd = sys_pidfd_open(ctx->init_pid, 0);

	ctx->ns_flags = ns_to_join(ctx->init_pid, o->namespaces);
	if (ctx->flags & LXC_ATTACH_MOVE_TO_CGROUP) {
		ret = attach_open_cgroups(ctx->init_pid, ctx->cgroup_fds);
		if (ret < 0)
			return fail(msg, size, -ret, "Failed to open cgroups of container \"%s\": "
				    "%s", req->name, strerror(-ret));
		ctx->n_cgroup_fds = ret;
	}
	ctx->drop_caps = ctx->flags & LXC_ATTACH_DROP_CAPABILITIES;
	if (ctx->drop_caps && read_cap_bnd(ctx->init_pid, &ctx->cap_bnd) < 0)
		return fail(msg, size, EIO, "Failed to read the capabilities of the init of "
			    "container \"%s\"", req->name);
	ctx->personality = -1;
	if (ctx->flags & LXC_ATTACH_SET_PERSONALITY)
		ctx->personality = o->personality == LXC_ATTACH_DETECT_PERSONALITY ?
					   read_personality(ctx->init_pid) : o->personality;
	if (!o->initial_cwd) {
		char buf[PATH_MAX];

		if (getcwd(buf, sizeof(buf)))
			ctx->cwd = strdup(buf);
	}
	if (ctx->flags & LXC_ATTACH_TERMINAL) {
		ret = open_pty(req, ctx->init_pid, &ctx->pty);
		if (ret < 0)
			return fail(msg, size, -ret, "Failed to allocate a pty for container \"%s\": "
				    "%s", req->name, strerror(-ret));
		term_copy_winsize(o->stdin_fd, ctx->pty.ptx);
	}
	return 0;
}

/* Read reports until the attached process is ready and its pid is known; after a failure, until
 * every sender has exited (so that the pid of a failed attached process is known for reaping). */
static int collect(int fd, pid_t *ret_pid, char *msg, size_t size)
{
	bool ready = false;
	int err = 0;

	*ret_pid = -1;
	for (;;) {
		struct attach_msg m;
		ssize_t n = read(fd, &m, sizeof(m));

		if (n < 0 && errno == EINTR)
			continue;
		if (n != (ssize_t)sizeof(m))
			break;
		if (m.type == ATTACH_MSG_PID)
			*ret_pid = m.pid;
		else if (m.type == ATTACH_MSG_READY)
			ready = true;
		else if (m.type == ATTACH_MSG_ERROR && !err) {
			err = m.err ? m.err : EINVAL;
			snprintf(msg, size, "%s", m.text);
		}
		if (!err && ready && *ret_pid > 0)
			break;
	}
	if (err)
		return -err;
	if (!ready || *ret_pid <= 0)
		return fail(msg, size, ECHILD, "Failed to attach: the attached process exited "
			    "before it was set up");
	return 0;
}

static int wait_pid(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return status;
}

int attach_run(const struct attach_request *req, pid_t *ret_pid, char *msg, size_t msg_size)
{
	struct attach_ctx ctx = {
		.req = req,
		.flags = req->options->attach_flags,
		.init_pidfd = -EBADF,
		.msg_fd = -EBADF,
	};
	int pipefd[2], ret;
	pid_t mid, pid = -1;

	term_pty_init(&ctx.pty);
	ret = prepare(req, &ctx, msg, msg_size);
	if (ret < 0)
		goto out;
	if (pipe2(pipefd, O_CLOEXEC) < 0) {
		ret = fail(msg, msg_size, errno, "Failed to create a pipe: %s", strerror(errno));
		goto out;
	}
	ctx.msg_fd = pipefd[1];
	mid = fork();
	if (mid < 0) {
		ret = fail(msg, msg_size, errno, "Failed to fork: %s", strerror(errno));
		close(pipefd[0]);
		close(pipefd[1]);
		goto out;
	}
	if (mid == 0) {
		close(pipefd[0]);
		attach_intermediate(&ctx);
	}
	close(pipefd[1]);
	ret = collect(pipefd[0], &pid, msg, msg_size);
	close(pipefd[0]);
	wait_pid(mid);
	if (ret < 0) {
		if (pid > 0)
			wait_pid(pid);
		goto out;
	}
	if (ctx.flags & LXC_ATTACH_TERMINAL) {
		const lxc_attach_options_t *o = req->options;

		close_prot_errno_disarm(ctx.pty.peer);
		attach_pty_forward(ctx.pty.ptx, o->stdin_fd, o->stdout_fd, o->log_fd);
	}
	*ret_pid = pid;
out:
	ctx_free(&ctx);
	return ret;
}
