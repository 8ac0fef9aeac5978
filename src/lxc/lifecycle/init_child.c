/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The container init's side of the start sequence, run in the freshly cloned namespaces:
 * wait for the monitor's "continue", then hostname, rootfs steps with the hooks between
 * them, pivot_root, process settings, console as stdio, capabilities, environment, ids, and
 * execve. Any failure is sent to the monitor as {step, errno, message} before _exit(1). */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <grp.h>

#include "config.h"
#include "base/cleanup.h"
#include "base/str.h"
#include "config/system/paths.h"
#include "lifecycle/hooks.h"
#include "lifecycle/monitor.h"
#include "lifecycle/sync.h"
#include "ns/ns.h"
#include "rootfs/rootfs.h"
#include "sys/process.h"

#define STEP_HOOK "hook"

/* Everything the child's steps share. */
struct init_ctx {
	struct monitor *m;
	const struct lxc_conf *conf;
	struct rootfs_ctx rootfs;
	struct lxc_error err;
	int sync_fd;
	int exec_fd;		/* lxc-init opened before pivot (execute mode), -EBADF */
	char **tty_paths;
};

static __attribute__((noreturn)) void fail(struct init_ctx *c)
{
	sync_send_error(c->sync_fd, &c->err);
	_exit(1);
}

static int run_hook(struct init_ctx *c, enum conf_hook_type type)
{
	struct hook_error herr = { 0 };
	struct hook_env env = {
		.name = c->m->req.name,
		.config_file = c->m->req.config_file,
		.rootfs_mount = c->rootfs.root,
	};
	int ret;

	if (!conf_proc_hooks(&c->conf->proc, type))
		return 0;
	ret = hooks_run(c->conf, type, &env, &herr);
	if (ret < 0)
		return lxc_error_set_plain(&c->err, STEP_HOOK, -ret, "%s",
					   herr.msg[0] ? herr.msg : "Failed to run hook");
	return 0;
}

static int set_hostname(struct init_ctx *c)
{
	const char *h = c->conf->proc.uts_name;

	if (!h || !(c->m->clone_flags & CLONE_NEWUTS))
		return 0;
	if (sethostname(h, strlen(h)) < 0)
		return lxc_error_set(&c->err, "hostname", errno, "Failed to set hostname \"%s\"",
				     h);
	return 0;
}

/* Execute mode: open lxc-init while the host's file system is still visible. */
static int open_exec_helper(struct init_ctx *c)
{
	__do_free char *path = NULL;

	if (!(c->m->req.flags & START_EXECUTE))
		return 0;
	if (asprintf(&path, "%s/lxc-init", paths_libexecdir()) < 0)
		return lxc_error_set(&c->err, "exec", ENOMEM, "Failed to find lxc-init");
	c->exec_fd = open(path, O_RDONLY | O_CLOEXEC);
	if (c->exec_fd < 0)
		return lxc_error_set(&c->err, "exec", errno, "Failed to open \"%s\"", path);
	return 0;
}

static int setup_rootfs_ctx(struct init_ctx *c)
{
	struct term_ptys *p = &c->m->ptys;

	rootfs_ctx_init(&c->rootfs);
	c->rootfs.conf = c->conf;
	c->rootfs.name = c->m->req.name;
	c->rootfs.lxcpath = c->m->req.lxcpath;
	c->rootfs.userns = c->m->clone_flags & CLONE_NEWUSER;
	if (p->console.peer >= 0)
		c->rootfs.console_path = p->console.name;
	if (p->n_ttys) {
		c->tty_paths = calloc(p->n_ttys + 1, sizeof(char *));
		if (!c->tty_paths)
			return lxc_error_set(&c->err, "console", ENOMEM, "Out of memory");
		for (unsigned int i = 0; i < p->n_ttys; i++)
			c->tty_paths[i] = p->ttys[i].name;
		c->rootfs.tty_paths = (const char *const *)c->tty_paths;
		c->rootfs.n_ttys = p->n_ttys;
	}
	return 0;
}

typedef int (*rootfs_step)(struct rootfs_ctx *, struct lxc_error *);

/* The file system sequence: each rootfs step, then the hook that follows it (-1: none). */
static const struct {
	rootfs_step step;
	int hook_after;
} fs_steps[] = {
	{ rootfs_prepare_propagation, -1 },
	{ rootfs_mount, CONF_HOOK_PRE_MOUNT },
	{ rootfs_mount_fstab_and_entries, -1 },
	{ rootfs_mount_auto, CONF_HOOK_MOUNT },
	{ rootfs_setup_dev, CONF_HOOK_AUTODEV },
	{ rootfs_setup_console_ttys, -1 },
	{ rootfs_pivot, -1 },
};

static int setup_fs(struct init_ctx *c)
{
	int ret;

	if (!(c->m->clone_flags & CLONE_NEWNS))
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(fs_steps); i++) {
		ret = fs_steps[i].step(&c->rootfs, &c->err);
		if (ret < 0) {
			if (!c->err.err)
				lxc_error_set(&c->err, "rootfs", -ret, "Failed to set up the rootfs");
			return ret;
		}
		if (fs_steps[i].hook_after >= 0) {
			ret = run_hook(c, fs_steps[i].hook_after);
			if (ret < 0)
				return ret;
		}
	}
	return 0;
}

/* The console peer becomes stdio and the controlling terminal, unless the init keeps the
 * caller's stdio (lxc-execute without a terminal) or there is no console. */
static int setup_stdio(struct init_ctx *c)
{
	int fd = c->m->ptys.console.peer;

	if (c->m->direct_stdio)
		return 0;
	if (fd < 0) {
		fd = open("/dev/null", O_RDWR | O_CLOEXEC);
		if (fd < 0)
			return lxc_error_set(&c->err, "console", errno, "Failed to open \"/dev/null\"");
	} else if (ioctl(fd, TIOCSCTTY, 0) < 0) {
		return lxc_error_set(&c->err, "console", errno,
				     "Failed to make the console the controlling terminal");
	}
	for (int i = 0; i < 3; i++)
		if (dup2(fd, i) < 0)
			return lxc_error_set(&c->err, "console", errno, "Failed to set up stdio");
	return 0;
}

/* First thing: into the payload cgroups, through the files the monitor opened (their opener's
 * credentials count, so this works before the id maps exist). Single-threaded, so "0" into the
 * v1 "tasks" files moves the whole process without the kernel's global lock; cloned into the
 * cgroup2 one already unless the clone could not do that. Then "ready" to the monitor. */
static int enter_cgroups(struct init_ctx *c)
{
	struct cgroup_error ce = { 0 };
	int ret = cgroup_self_enter(&c->m->cg_self, c->m->init_born_in, &ce);

	cgroup_self_close(&c->m->cg_self);
	if (ret < 0)
		return lxc_error_set_plain(&c->err, "cgroups", -ret, "%s", ce.msg);
	ret = sync_send_ready(c->sync_fd);
	if (ret < 0)
		return lxc_error_set(&c->err, "sync", -ret, "Failed to tell the monitor");
	return 0;
}

/* We entered the container's cgroups before "continue": a cgroup namespace made now has that
 * cgroup as its root. */
static int unshare_cgroupns(struct init_ctx *c)
{
	if (!(c->m->clone_flags & CLONE_NEWCGROUP))
		return 0;
	if (unshare(CLONE_NEWCGROUP) < 0)
		return lxc_error_set(&c->err, "namespaces", errno, "Failed to create the cgroup "
				     "namespace");
	return 0;
}

static int join_shared(struct init_ctx *c)
{
	enum conf_ns which = CONF_NS_MAX;
	int ret;

	/* The pid namespace was joined at clone time (see start.c). */
	if (c->m->share_fds[CONF_NS_PID] >= 0) {
		close(c->m->share_fds[CONF_NS_PID]);
		c->m->share_fds[CONF_NS_PID] = -EBADF;
	}
	ret = ns_join_fds(c->m->share_fds, &which);

	if (ret < 0)
		return lxc_error_set(&c->err, "namespaces", -ret, "Failed to join shared %s "
				     "namespace", which < CONF_NS_MAX ? conf_ns_name(which) : "a");
	return 0;
}

static int become_root(struct init_ctx *c)
{
	if (!(c->m->clone_flags & CLONE_NEWUSER))
		return 0;
	if (setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0)
		return lxc_error_set(&c->err, "idmap", errno, "Failed to become root in the user "
				     "namespace");
	if (setgroups(0, NULL) < 0 && errno != EPERM)
		return lxc_error_set(&c->err, "idmap", errno, "Failed to drop groups");
	return 0;
}

static void do_exec(struct init_ctx *c)
{
	char **argv = NULL, **envp = NULL;
	int ret;

	ret = init_build_argv(c->m, &argv);
	if (ret == 0)
		ret = init_build_env(c->conf, &envp);
	if (ret < 0) {
		lxc_error_set(&c->err, "exec", -ret, "Failed to prepare the init command");
		return;
	}
	/* Everything not on the keep list (stdio) closes on exec, the sync socket too. */
	if (sys_close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) < 0) {
		for (int fd = 3; fd < 1024; fd++)
			fcntl(fd, F_SETFD, FD_CLOEXEC);
	}
	if (c->exec_fd >= 0)
		execveat(c->exec_fd, "", argv, envp, AT_EMPTY_PATH);
	else
		execve(argv[0], argv, envp);
	lxc_error_set(&c->err, "exec", errno, "Failed to exec \"%s\"",
		      c->exec_fd >= 0 ? "lxc-init" : argv[0]);
}

typedef int (*init_step)(struct init_ctx *);

static int step_sysctl(struct init_ctx *c)
{
	return init_apply_sysctls(c->conf, &c->err);
}

static int step_proc(struct init_ctx *c)
{
	return init_apply_proc_settings(c->conf, &c->err);
}

static int step_start_hook(struct init_ctx *c)
{
	return run_hook(c, CONF_HOOK_START);
}

static int step_caps(struct init_ctx *c)
{
	return init_drop_caps(c->conf, &c->err);
}

static int step_personality(struct init_ctx *c)
{
	return init_set_personality_nnp(c->conf, &c->err);
}

static int step_ids(struct init_ctx *c)
{
	return init_set_ids(c->conf, &c->err);
}

static int step_keyring(struct init_ctx *c)
{
	return init_session_keyring(c->conf, &c->err);
}

/* In order, after "continue". */
static const init_step init_steps[] = {
	become_root, unshare_cgroupns, join_shared, open_exec_helper, set_hostname, step_sysctl,
	setup_rootfs_ctx, setup_fs,
	step_proc, step_start_hook, setup_stdio, step_keyring, step_caps, step_personality,
	step_ids,
};

void init_child_main(struct monitor *m, int sync_fd)
{
	struct init_ctx c = { .m = m, .conf = m->conf, .sync_fd = sync_fd, .exec_fd = -EBADF };
	int pdeath = m->conf->proc.monitor_pdeath_signal;

	signal(SIGPIPE, SIG_DFL); /* the monitor ignores it; an ignored signal survives exec */
	sigprocmask(SIG_SETMASK, &m->oldmask, NULL);
	if (pdeath > 0)
		prctl(PR_SET_PDEATHSIG, pdeath, 0, 0, 0);
	if (enter_cgroups(&c) < 0)
		fail(&c);
	if (m->init_waits && sync_wait_continue(sync_fd) < 0)
		_exit(1);
	if (setsid() < 0 && errno != EPERM) {
		lxc_error_set(&c.err, "setsid", errno, "Failed to create a session");
		fail(&c);
	}
	for (size_t i = 0; i < ARRAY_SIZE(init_steps); i++)
		if (init_steps[i](&c) < 0)
			fail(&c);
	/* Nothing runs before the host steps are done ("lo" up, at least). */
	if (!m->init_waits && sync_wait_continue(sync_fd) < 0)
		_exit(1);
	do_exec(&c);
	fail(&c);
}
