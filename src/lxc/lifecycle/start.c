/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The monitor's start sequence: STARTING, pre-start hook, console and ttys, clone3 of the
 * init into its namespaces, host-side setup (cgroups, id maps, network, start-host hook),
 * "continue", and the init's result. Each failure names its step; what was made is undone. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "lifecycle/hooks.h"
#include "lifecycle/monitor.h"
#include "lifecycle/network.h"
#include "lifecycle/sync.h"
#include "log/log.h"
#include "mainloop/mainloop.h"
#include "ns/idmap.h"
#include "ns/ns.h"
#include "sys/features.h"
#include "sys/pidfd.h"
#include "sys/process.h"

lxc_log_define(start);

static int host_hook(struct monitor *m, enum conf_hook_type type, struct lxc_error *err)
{
	struct hook_error herr = { 0 };
	struct hook_env env = { .name = m->req.name, .config_file = m->req.config_file };
	int ret;

	if (!conf_proc_hooks(&m->conf->proc, type))
		return 0;
	ret = hooks_run(m->conf, type, &env, &herr);
	if (ret < 0)
		return lxc_error_set_plain(err, "hook", -ret, "%s",
					   herr.msg[0] ? herr.msg : "Failed to run hook");
	return 0;
}

static int ptx_cb(int fd, uint32_t events, void *data)
{
	struct monitor *m = data;
	int ret = term_proxy_on_ptx_readable(&m->proxy);

	if (ret == TERM_PROXY_PTX_GONE || ret < 0) {
		m->ptx_watched = false;
		return MAINLOOP_CLOSE;
	}
	return MAINLOOP_CONTINUE;
}

static int peer_cb(int fd, uint32_t events, void *data)
{
	struct monitor *m = data;
	int ret = term_proxy_on_peer_readable(&m->proxy);

	if (ret == TERM_PROXY_DETACH || ret == TERM_PROXY_PEER_GONE || ret < 0)
		return MAINLOOP_CLOSE;
	return MAINLOOP_CONTINUE;
}

static void peer_release(int fd, void *data)
{
	struct monitor *m = data;

	m->peer_fd = -EBADF;
	term_proxy_detach(&m->proxy);
}

int monitor_watch_peer(struct monitor *m)
{
	int fd = term_proxy_peer_fd(&m->proxy);
	int ret;

	if (fd < 0)
		return -EBADF;
	ret = mainloop_add(m->loop, fd, EPOLLIN, 0, peer_cb, peer_release, m);
	if (ret < 0) {
		term_proxy_detach(&m->proxy);
		return ret;
	}
	m->peer_fd = fd;
	return 0;
}

/* lxc.console.path = a host device (not "none"): it is the console's peer. */
static int attach_console_device(struct monitor *m, const char *path, struct lxc_error *err)
{
	int fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return lxc_error_set(err, "console", errno, "Failed to open console \"%s\"", path);
	m->console_dev = fd;
	ret = term_proxy_attach(&m->proxy, fd, fd, TERM_ESCAPE_NONE, true);
	return ret == -EBUSY ? 0 : ret;
}

/* Console, ttys, console log and ring buffer; in the foreground the caller's terminal is the
 * console's peer. */
static int setup_console(struct monitor *m, struct lxc_error *err)
{
	const struct conf_console *cc = &m->conf->proc.console;
	bool fg = !(m->req.flags & START_DAEMONIZE) && !m->direct_stdio;
	int ret;

	ret = term_ptys_alloc(&m->conf->proc, -1, &m->ptys);
	if (ret < 0)
		return lxc_error_set(err, "console", -ret, "Failed to allocate the console and ttys");
	if (cc->logfile) {
		ret = term_log_open(&m->log, cc->logfile, cc->log_size, cc->rotate);
		if (ret < 0)
			return lxc_error_set(err, "console", -ret, "Failed to open console log \"%s\"",
					     cc->logfile);
	}
	if (cc->buffer_size) {
		ret = term_ringbuf_init(&m->rb, cc->buffer_size);
		if (ret < 0)
			return lxc_error_set(err, "console", -ret, "Failed to allocate the console "
					     "ring buffer");
	}
	if (m->clone_flags & CLONE_NEWUSER) {
		uid_t uid = 0;
		gid_t gid = 0;

		ns_idmap_root_uid(&m->conf->sec, &uid);
		ns_idmap_root_gid(&m->conf->sec, &gid);
		ret = term_ptys_chown(&m->ptys, uid, gid);
		if (ret < 0)
			WARN("Failed to give the console and ttys of container \"%s\" to its root "
			     "(%u:%u), ignoring: %s", m->req.name, uid, gid, strerror(-ret));
	}
	if (m->ptys.console.ptx < 0)
		return 0;
	fcntl(m->ptys.console.ptx, F_SETFL, fcntl(m->ptys.console.ptx, F_GETFL) | O_NONBLOCK);
	term_proxy_init(&m->proxy, m->ptys.console.ptx, cc->buffer_size ? &m->rb : NULL,
			cc->logfile ? &m->log : NULL);
	ret = mainloop_add(m->loop, m->ptys.console.ptx, EPOLLIN, 0, ptx_cb, NULL, m);
	if (ret < 0)
		return lxc_error_set(err, "console", -ret, "Failed to watch the console");
	m->ptx_watched = true;
	if (fg)
		ret = term_proxy_attach(&m->proxy, STDIN_FILENO, STDOUT_FILENO, TERM_ESCAPE_NONE,
					isatty(STDIN_FILENO));
	else if (cc->path)
		ret = attach_console_device(m, cc->path, err);
	else
		return 0;
	if (ret == 0)
		monitor_watch_peer(m);
	return ret < 0 && err->err ? ret : 0;
}

/* clone3 with CLONE_PIDFD, into the payload's cgroup2 cgroup when there is one (the init then
 * enters its v1 cgroups itself, see init_child.c); plain clone + pidfd_open where clone3 is
 * missing. The cgroup namespace is unshared by the init once it is in its cgroups. */
static pid_t clone_init(struct monitor *m, int *ret_pidfd)
{
	struct clone_args args = {
		.flags = (uint64_t)(m->clone_flags & ~CLONE_NEWCGROUP) | CLONE_PIDFD,
		.pidfd = (uint64_t)(uintptr_t)ret_pidfd,
		.exit_signal = SIGCHLD,
	};
	pid_t pid;

	if (sys_has(SYS_FEATURE_CLONE3)) {
		/* Set before each clone: the child reads the value its clone started with. */
		m->init_born_in = m->cg_payload && m->cg.unified_fd >= 0;
		if (m->init_born_in) {
			pid = sys_clone3(&(struct clone_args){
				.flags = args.flags | CLONE_INTO_CGROUP,
				.pidfd = args.pidfd,
				.exit_signal = SIGCHLD,
				.cgroup = (uint64_t)m->cg.unified_fd,
			});
			if (pid >= 0)
				return pid;
			DEBUG("clone3 into the cgroup of container \"%s\" failed (%s), the init "
			      "enters it itself", m->req.name, strerror(-pid));
			m->init_born_in = false;
		}
		pid = sys_clone3(&args);
		if (pid >= 0 || (pid != -ENOSYS && pid != -EPERM))
			return pid;
	}
	m->init_born_in = false;
	pid = (pid_t)syscall(SYS_clone,
			     (unsigned long)(m->clone_flags & ~CLONE_NEWCGROUP) | SIGCHLD, NULL,
			     NULL, NULL, 0);
	if (pid < 0)
		return -errno;
	if (pid > 0)
		*ret_pidfd = sys_pidfd_open(pid, 0);
	return pid;
}

/* Settings this build parses but does not apply yet: refuse those whose silent absence would
 * weaken the container's isolation or change what it sees, and warn about the rest, as LXC
 * does for an LSM the host lacks. */
static int check_unapplied(struct monitor *m, struct lxc_error *err)
{
	const struct conf_security *sec = &m->conf->sec;

	if (sec->seccomp.profile)
		return lxc_error_set_plain(err, "seccomp", ENOTSUP, "lxc.seccomp.profile \"%s\" is "
					   "set, but this build does not apply seccomp policies yet; "
					   "remove the key to start without one", sec->seccomp.profile);
	if (sec->seccomp.notify_proxy)
		return lxc_error_set_plain(err, "seccomp", ENOTSUP, "lxc.seccomp.notify.proxy is set, "
					   "but this build does not support seccomp notification yet");
	if (sec->time_boot.set || sec->time_monotonic.set)
		return lxc_error_set_plain(err, "time namespace", ENOTSUP, "lxc.time.offset.* is set, "
					   "but this build does not apply time namespace offsets yet");
	if (sec->sched_core.on)
		return lxc_error_set_plain(err, "sched.core", ENOTSUP, "lxc.sched.core is set, but "
					   "this build does not create core scheduling domains yet");
	if (m->conf->proc.monitor_unshare)
		WARN("lxc.monitor.unshare is not supported yet, ignoring it");
	if (sec->apparmor.mode == CONF_AA_NAMED || sec->apparmor.mode == CONF_AA_GENERATED ||
	    sec->apparmor.raw)
		WARN("AppArmor is not supported by this build, ignoring lxc.apparmor.*");
	if (sec->selinux.context || sec->selinux.context_keyring)
		WARN("SELinux is not supported by this build, ignoring lxc.selinux.*");
	return 0;
}

static int clone_flags(struct monitor *m, struct lxc_error *err)
{
	int flags = 0;

	ns_clone_flags(m->conf, &flags);
	m->clone_flags = flags & ns_supported_flags();
	ns_fds_init(m->share_fds);
	if (ns_share_flags(m->conf)) {
		char msg[sizeof(err->message)];
		int ret = ns_open_share_targets(m->conf, m->req.lxcpath, m->share_fds, msg,
						sizeof(msg));
		if (ret < 0)
			return lxc_error_set_plain(err, "namespaces", -ret, "%s", msg);
	}
	return 0;
}

/* Host-side steps between clone and "continue"; the init is in its cgroups before the
 * start-host hook runs (see spawn_init()). */
static int setup_idmap(struct monitor *m, struct lxc_error *err)
{
	char msg[sizeof(err->message)] = "";
	int ret;

	if (!(m->clone_flags & CLONE_NEWUSER))
		return 0;
	ret = ns_idmap_write(m->init_pid, &m->conf->sec, msg, sizeof(msg));
	if (ret < 0)
		return lxc_error_set_plain(err, "idmap", -ret, "%s", msg[0] ? msg :
					   "Failed to write the id maps");
	return 0;
}

static int setup_network(struct monitor *m, struct lxc_error *err)
{
	return net_setup(m, err);
}

static int start_host_hook(struct monitor *m, struct lxc_error *err)
{
	return host_hook(m, CONF_HOOK_START_HOST, err);
}

static const struct {
	const char *name;
	int (*run)(struct monitor *, struct lxc_error *);
} host_steps[] = {
	{ "idmap", setup_idmap },
	{ "network", setup_network },
	{ "start-host hook", start_host_hook },
};

/* lxc.namespace.share.pid: a pid namespace only applies to children, so the monitor points
 * its children's pid namespace at the target just for the clone, then back at its own. */
static pid_t clone_init_shared_pid(struct monitor *m, int *ret_pidfd)
{
	__do_close int own = -EBADF;
	int target = m->share_fds[CONF_NS_PID];
	pid_t pid;

	if (target < 0)
		return clone_init(m, ret_pidfd);
	own = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);
	if (own < 0)
		return -errno;
	if (setns(target, CLONE_NEWPID) < 0)
		return -errno;
	pid = clone_init(m, ret_pidfd);
	if (pid != 0 && setns(own, CLONE_NEWPID) < 0)
		WARN("Failed to return to the monitor's pid namespace: %s", strerror(errno));
	return pid;
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* bench/cgroup-bench.sh reads these lines. */
static void log_step(struct monitor *m, const char *step, const struct timespec *t0)
{
	DEBUG("Host step \"%s\" of container \"%s\" took %.3f ms", step, m->req.name,
	      ms_since(t0));
}

/* The init's "ready": it is in its cgroups (before the start-host hook, which may look). */
static int wait_ready(struct monitor *m, int fd, struct lxc_error *err)
{
	int ret = sync_wait_ready(fd, err);

	if (ret == -EPIPE)
		return lxc_error_set_plain(err, "cgroups", EPIPE, "The init of container \"%s\" "
					   "exited before it entered its cgroups", m->req.name);
	if (ret == -EIO)
		return -(err->err ? err->err : EIO);
	if (ret < 0)
		return lxc_error_set(err, "sync", -ret, "Failed to hear from the init");
	return 0;
}

/* Whether the init waits for "continue" before its setup (id maps to come, devices to be moved
 * in, a hook that may look at them) or only before the exec, its setup overlapping the host
 * steps (then only "lo" is brought up). */
static bool init_waits_early(struct monitor *m)
{
	if ((m->clone_flags & CLONE_NEWUSER) || net_host_work(m))
		return true;
	for (int t = 0; t < CONF_HOOK_MAX; t++)
		if (t != CONF_HOOK_PRE_START && conf_proc_hooks(&m->conf->proc, t))
			return true;
	return false;
}

static int spawn_init(struct monitor *m, struct lxc_error *err)
{
	__do_close int sync_parent = -EBADF;
	int sv[2], pidfd = -EBADF, ret, cont;
	struct timespec t0, t_cg;
	pid_t pid;

	/* "cgroups": the payload cgroup made and limited before the clone, the init in it. */
	clock_gettime(CLOCK_MONOTONIC, &t_cg);
	ret = monitor_cgroup_prepare(m, err);
	if (ret < 0)
		return ret;
	ret = sync_pair(sv);
	if (ret < 0)
		return lxc_error_set(err, "clone", -ret, "Failed to create the sync socket");
	sync_parent = sv[0];
	m->init_waits = init_waits_early(m);
	pid = clone_init_shared_pid(m, &pidfd);
	if (pid == 0) {
		close(sv[0]);
		init_child_main(m, sv[1]);
	}
	close(sv[1]);
	cgroup_self_close(&m->cg_self);
	if (pid < 0)
		return lxc_error_set(err, "clone", -pid, "Failed to clone the init of container "
				     "\"%s\"", m->req.name);
	m->init_pid = pid;
	m->init_pidfd = pidfd;
	m->init_exited = false;
	/* The init enters its cgroups while we do the host steps that do not need it there. */
	for (size_t i = 0; i < ARRAY_SIZE(host_steps); i++) {
		if (host_steps[i].run == start_host_hook) {
			ret = wait_ready(m, sync_parent, err);
			if (ret < 0)
				return ret;
			log_step(m, "cgroups", &t_cg);
		}
		clock_gettime(CLOCK_MONOTONIC, &t0);
		ret = host_steps[i].run(m, err);
		if (ret < 0)
			return ret;
		log_step(m, host_steps[i].name, &t0);
	}
	/* An init that does not wait early may have failed meanwhile: its error record comes
	 * before the end of the socket. */
	cont = sync_send_continue(sync_parent);
	if (cont < 0 && cont != -EPIPE && cont != -ECONNRESET)
		return lxc_error_set(err, "sync", -cont, "Failed to wake up the init");
	ret = sync_wait_result(sync_parent, err);
	if (ret == 0 && cont < 0)
		return lxc_error_set(err, "sync", -cont, "The init of container \"%s\" exited "
				     "before it was told to go on", m->req.name);
	if (ret == -EIO)
		return -(err->err ? err->err : EIO);
	if (ret < 0)
		return lxc_error_set(err, "sync", -ret, "Failed to read the init's result");
	return 0;
}

int monitor_start_init(struct monitor *m, struct lxc_error *err)
{
	enum conf_ns failed;
	int ret;

	monitor_set_state(m, LXC_STATE_STARTING);
	m->reboot_requested = false;
	ret = check_unapplied(m, err);
	if (ret == 0)
		ret = clone_flags(m, err);
	if (ret == 0)
		ret = host_hook(m, CONF_HOOK_PRE_START, err);
	if (ret == 0)
		ret = setup_console(m, err);
	if (ret == 0)
		ret = spawn_init(m, err);
	if (ret < 0) {
		monitor_set_state(m, LXC_STATE_ABORTING);
		if (m->init_pid > 0) {
			monitor_kill_init(m, SIGKILL);
			waitpid(m->init_pid, NULL, 0);
			m->init_pid = -1;
		}
		monitor_cleanup_run(m);
		return ret;
	}
	term_ptys_close_peers(&m->ptys);
	/* The stop hook gets the namespaces of the dead container; without one only the mount
	 * namespace is held, so that its teardown waits until the caller knows (see
	 * monitor_cleanup_run()). */
	ns_fds_init(m->ns_fds);
	if (conf_proc_hooks(&m->conf->proc, CONF_HOOK_STOP)) {
		if (ns_open_all(m->init_pid, m->clone_flags, true, m->ns_fds, &failed) < 0)
			ns_fds_init(m->ns_fds);
	} else if (m->clone_flags & CLONE_NEWNS) {
		int fd = ns_open_pid(m->init_pid, CONF_NS_MNT);

		m->ns_fds[CONF_NS_MNT] = fd < 0 ? -EBADF : fd;
	}
	monitor_set_state(m, LXC_STATE_RUNNING);
	return 0;
}

void monitor_cleanup_run(struct monitor *m)
{
	net_cleanup(m);
	if (m->peer_fd >= 0)
		mainloop_remove(m->loop, m->peer_fd);
	m->peer_fd = -EBADF;
	term_proxy_detach(&m->proxy);
	if (m->ptx_watched)
		mainloop_remove(m->loop, m->ptys.console.ptx);
	m->ptx_watched = false;
	term_ptys_free(&m->ptys);
	if (m->console_dev >= 0)
		close(m->console_dev);
	m->console_dev = -EBADF;
	term_log_close(&m->log);
	term_ringbuf_free(&m->rb);
	monitor_cgroup_cleanup_run(m);
	/* Closing the last reference to the mount namespace unmounts the container's tree and
	 * waits for an RCU grace period: after the last run that waits until the caller knows. */
	if (!m->ns_fds_late)
		ns_fds_close(m->ns_fds);
	ns_fds_close(m->share_fds);
	if (m->init_pidfd >= 0)
		close(m->init_pidfd);
	m->init_pidfd = -EBADF;
}
