/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* attach(), inside: the intermediate moves into the container's cgroups, joins its namespaces
 * and forks the attached process with CLONE_PARENT; that process sets up its terminal, /proc,
 * bounding set, personality, LSM label, environment, ids, cwd and fds, then runs the exec
 * function. Both stay non-dumpable until exec (CVE-2019-5736; see lxc-attach(1), SECURITY). */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "attach/attach_internal.h"
#include "base/cleanup.h"
#include "base/file.h"
#include "config/conf.h"
#include "log/log.h"
#include "ns/ns.h"
#include "sys/process.h"

lxc_log_define(attach);

#define ATTACH_FAIL(ctx, err, ...)                                                        \
	do {                                                                              \
		attach_msg_send((ctx)->msg_fd, ATTACH_MSG_ERROR, 0, (err), __VA_ARGS__);    \
		_exit(EXIT_FAILURE);                                                      \
	} while (0)

static void join_cgroups(struct attach_ctx *ctx)
{
	char buf[32];
	int len = snprintf(buf, sizeof(buf), "%d\n", getpid());

	for (int i = 0; i < ctx->n_cgroup_fds; i++) {
		if (write(ctx->cgroup_fds[i], buf, len) != len)
			ATTACH_FAIL(ctx, errno, "Failed to move into the cgroup of container "
				    "\"%s\": %s", ctx->req->name, strerror(errno));
		close_prot_errno_disarm(ctx->cgroup_fds[i]);
	}
	ctx->n_cgroup_fds = 0;
}

static void join_namespaces(struct attach_ctx *ctx)
{
	int fds[CONF_NS_MAX];
	enum conf_ns which = CONF_NS_MAX;
	int ret = -ENOSYS;

	if (!ctx->ns_flags)
		return;
	if (ctx->init_pidfd >= 0)
		ret = ns_join_pidfd(ctx->init_pidfd, ctx->ns_flags);
	if (ret == 0)
		return;
	ns_fds_init(fds);
	ret = ns_open_all(ctx->init_pid, ctx->ns_flags, true, fds, &which);
	if (ret == 0)
		ret = ns_join_fds(fds, &which);
	ns_fds_close(fds);
	if (ret < 0)
		ATTACH_FAIL(ctx, -ret, "Failed to join the %s namespace of container \"%s\": %s",
			    ns_info(which) ? ns_info(which)->name : "", ctx->req->name,
			    strerror(-ret));
}

static void setup_stdio(struct attach_ctx *ctx)
{
	const lxc_attach_options_t *o = ctx->req->options;
	int src[3] = { o->stdin_fd, o->stdout_fd, o->stderr_fd };
	int tmp[3];

	if (ctx->pty.peer >= 0) {
		if (setsid() < 0 || ioctl(ctx->pty.peer, TIOCSCTTY, 0) < 0)
			ATTACH_FAIL(ctx, errno, "Failed to make the pty the controlling terminal: "
				    "%s", strerror(errno));
		for (int i = 0; i < 3; i++)
			if (src[i] >= 0 && isatty(src[i]))
				src[i] = ctx->pty.peer;
	}
	for (int i = 0; i < 3; i++) {
		tmp[i] = src[i] >= 0 ? fcntl(src[i], F_DUPFD_CLOEXEC, 3)
				     : open("/dev/null", O_RDWR | O_CLOEXEC);
		if (tmp[i] < 0)
			ATTACH_FAIL(ctx, errno, "Failed to set up standard fd %d: %s", i,
				    strerror(errno));
	}
	for (int i = 0; i < 3; i++)
		if (dup2(tmp[i], i) < 0)
			ATTACH_FAIL(ctx, errno, "Failed to set up standard fd %d: %s", i,
				    strerror(errno));
	for (int i = 0; i < 3; i++)
		close(tmp[i]);
	term_pty_close(&ctx->pty);
}

/* -R: a private mount namespace with /proc and /sys of the joined pid and net namespaces. */
static void remount_proc_sys(struct attach_ctx *ctx)
{
	if (ctx->ns_flags & CLONE_NEWNS)
		return;
	if (unshare(CLONE_NEWNS) < 0 || mount(NULL, "/", NULL, MS_REC | MS_SLAVE, NULL) < 0)
		ATTACH_FAIL(ctx, errno, "Failed to unshare the mount namespace: %s",
			    strerror(errno));
	if (umount2("/proc", MNT_DETACH) < 0 && errno != EINVAL)
		ATTACH_FAIL(ctx, errno, "Failed to unmount \"/proc\": %s", strerror(errno));
	if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		ATTACH_FAIL(ctx, errno, "Failed to mount \"/proc\": %s", strerror(errno));
	if (umount2("/sys", MNT_DETACH) < 0 && errno != EINVAL)
		ATTACH_FAIL(ctx, errno, "Failed to unmount \"/sys\": %s", strerror(errno));
	if (mount("sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		ATTACH_FAIL(ctx, errno, "Failed to mount \"/sys\": %s", strerror(errno));
}

static void drop_caps(struct attach_ctx *ctx)
{
	if (!ctx->drop_caps)
		return;
	for (int cap = 0; cap < 64; cap++) {
		if ((ctx->cap_bnd >> cap) & 1)
			continue;
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL)
			ATTACH_FAIL(ctx, errno, "Failed to drop capability %d: %s", cap,
				    strerror(errno));
	}
}

/* The label to apply and whether the caller asked for it explicitly. */
static const char *lsm_label(const struct attach_ctx *ctx, bool *ret_explicit)
{
	const lxc_attach_options_t *o = ctx->req->options;
	const struct lxc_conf *conf = ctx->req->conf;

	*ret_explicit = (ctx->flags & LXC_ATTACH_LSM_LABEL) && o->lsm_label;
	if (*ret_explicit)
		return o->lsm_label;
	if (!(ctx->flags & (LXC_ATTACH_LSM_EXEC | LXC_ATTACH_LSM_NOW)) || !conf)
		return NULL;
	if (conf->sec.apparmor.mode == CONF_AA_NAMED && conf->sec.apparmor.profile)
		return conf->sec.apparmor.profile;
	return conf->sec.selinux.context;
}

static void set_lsm(struct attach_ctx *ctx)
{
	__do_free char *lsms = NULL;
	bool explicit, now = ctx->flags & LXC_ATTACH_LSM_NOW;
	const char *label = lsm_label(ctx, &explicit);
	char buf[4096];
	const char *path;
	int fd, len;

	if (!label)
		return;
	if (file_read_all("/sys/kernel/security/lsm", &lsms, NULL) < 0)
		lsms = NULL;
	if (lsms && strstr(lsms, "apparmor")) {
		path = now ? "/proc/self/attr/apparmor/current" : "/proc/self/attr/apparmor/exec";
		len = snprintf(buf, sizeof(buf), "%s %s", now ? "changeprofile" : "exec", label);
	} else if (lsms && strstr(lsms, "selinux")) {
		path = now ? "/proc/self/attr/current" : "/proc/self/attr/exec";
		len = snprintf(buf, sizeof(buf), "%s", label);
	} else {
		if (explicit)
			ATTACH_FAIL(ctx, EOPNOTSUPP, "Failed to set LSM label \"%s\": no LSM is "
				    "enabled", label);
		INFO("No LSM is enabled, not applying \"%s\"", label);
		return;
	}
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, buf, len) != len)
		ATTACH_FAIL(ctx, errno, "Failed to set LSM label \"%s\": %s", label,
			    strerror(errno));
	close(fd);
}

static void set_ids(struct attach_ctx *ctx)
{
	const lxc_attach_options_t *o = ctx->req->options;
	uid_t uid = o->uid == (uid_t)-1 ? 0 : o->uid;
	gid_t gid = o->gid == (gid_t)-1 ? 0 : o->gid;

	if (ctx->flags & LXC_ATTACH_SETGROUPS) {
		if (setgroups(o->groups.size, o->groups.list) < 0)
			ATTACH_FAIL(ctx, errno, "Failed to set supplementary groups: %s",
				    strerror(errno));
	} else if (setgroups(0, NULL) < 0 && errno != EPERM) {
		ATTACH_FAIL(ctx, errno, "Failed to clear supplementary groups: %s",
			    strerror(errno));
	}
	if (setresgid(gid, gid, gid) < 0)
		ATTACH_FAIL(ctx, errno, "Failed to switch to gid %u in container \"%s\": %s",
			    (unsigned)gid, ctx->req->name, strerror(errno));
	if (setresuid(uid, uid, uid) < 0)
		ATTACH_FAIL(ctx, errno, "Failed to switch to uid %u in container \"%s\": %s",
			    (unsigned)uid, ctx->req->name, strerror(errno));
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

static void set_cwd(struct attach_ctx *ctx)
{
	const char *cwd = ctx->req->options->initial_cwd ? ctx->req->options->initial_cwd
							 : ctx->cwd;

	if (cwd && chdir(cwd) < 0) {
		INFO("Could not change directory to \"%s\", using \"/\"", cwd);
		if (chdir("/") < 0)
			ATTACH_FAIL(ctx, errno, "Failed to change directory to \"/\": %s",
				    strerror(errno));
	}
}

/* Every fd but stdio and the report pipe is closed on exec (the pipe is CLOEXEC too). */
static void seal_fds(void)
{
	if (sys_close_range(3, UINT_MAX, CLOSE_RANGE_CLOEXEC) == 0)
		return;
	for (int fd = 3; fd < 65536; fd++)
		fcntl(fd, F_SETFD, FD_CLOEXEC);
}

__attribute__((noreturn)) static void attached_main(struct attach_ctx *ctx)
{
	const lxc_attach_options_t *o = ctx->req->options;
	const struct lxc_conf *conf = ctx->req->conf;
	int ret;

	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	if (ctx->flags & LXC_ATTACH_REMOUNT_PROC_SYS)
		remount_proc_sys(ctx);
	setup_stdio(ctx);
	if (ctx->personality >= 0 && personality((unsigned long)ctx->personality) < 0)
		ATTACH_FAIL(ctx, errno, "Failed to set personality 0x%lx: %s", ctx->personality,
			    strerror(errno));
	drop_caps(ctx);
	ret = attach_set_env(o, conf);
	if (ret < 0)
		ATTACH_FAIL(ctx, -ret, "Failed to set up the environment: %s", strerror(-ret));
	set_lsm(ctx);
	set_ids(ctx);
	if (((ctx->flags & LXC_ATTACH_NO_NEW_PRIVS) || (conf && conf->sec.no_new_privs.on)) &&
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		ATTACH_FAIL(ctx, errno, "Failed to set no_new_privs: %s", strerror(errno));
	set_cwd(ctx);
	seal_fds();
	attach_msg_send(ctx->msg_fd, ATTACH_MSG_READY, 0, 0, NULL);
	close_prot_errno_disarm(ctx->msg_fd);
	_exit(ctx->req->exec_function(ctx->req->exec_payload));
}

__attribute__((noreturn)) void attach_intermediate(struct attach_ctx *ctx)
{
	struct clone_args args = { .flags = CLONE_PARENT, .exit_signal = 0 };
	pid_t pid;

	/* Before anything of the container can see us (CVE-2019-5736). */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	join_cgroups(ctx);
	join_namespaces(ctx);
	pid = sys_clone3(&args);
	if (pid == -ENOSYS || pid == -EPERM) {
		/* The exit signal of a CLONE_PARENT child is ours (SIGCHLD). */
		long r = syscall(SYS_clone, CLONE_PARENT, NULL, NULL, NULL, 0);

		pid = r < 0 ? -errno : (pid_t)r;
	}
	if (pid == 0)
		attached_main(ctx);
	if (pid < 0)
		ATTACH_FAIL(ctx, -pid, "Failed to create the attached process in container \"%s\""
			    ": %s", ctx->req->name, strerror(-pid));
	attach_msg_send(ctx->msg_fd, ATTACH_MSG_PID, pid, 0, NULL);
	_exit(EXIT_SUCCESS);
}
