/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The monitor's life: read the start request, take the command socket (one monitor per
 * container), run the container, wait for the init, restart it on reboot, and report the
 * outcome on the status pipe and through the exit code. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "ipc/commands.h"
#include "ipc/monitor_bus.h"
#include "lifecycle/guard.h"
#include "lifecycle/hooks.h"
#include "lifecycle/monitor.h"
#include "log/log.h"
#include "mainloop/mainloop.h"
#include "ns/ns.h"
#include "sys/exit_code.h"

lxc_log_define(monitor);

void monitor_set_state(struct monitor *m, enum lxc_state state)
{
	m->state = state;
	if (m->server)
		cmd_server_broadcast_state(m->server, state);
	monitor_bus_send(m->req.lxcpath, m->req.name, state);
	DEBUG("Container \"%s\" is %s", m->req.name, lxc_state_name(state));
}

static void release_status(struct monitor *m)
{
	if (m->status_fd >= 0)
		close(m->status_fd);
	m->status_fd = -EBADF;
}

/* Daemonized: own session, cwd /, stdio on /dev/null. */
static int detach(struct monitor *m)
{
	int fd;

	/* A caller or client that went away must not kill the monitor. */
	signal(SIGPIPE, SIG_IGN);
	if (!(m->req.flags & START_DAEMONIZE))
		return 0;
	if (chdir("/") < 0)
		return -errno;
	if (setsid() < 0 && errno != EPERM)
		return -errno;
	fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (int i = 0; i < 3; i++)
		dup2(fd, i);
	close(fd);
	return 0;
}

static void setup_log(struct monitor *m)
{
	const struct conf_proc *p = &m->conf->proc;

	lxc_log_set_prog("lxc-start");
	lxc_log_set_container(m->req.name);
	if (m->req.log_level >= 0) {
		lxc_log_set_level(m->req.log_level);
		lxc_log_set_user_choice(true, false);
	}
	if (m->req.log_file && lxc_log_set_file(m->req.log_file) == 0)
		lxc_log_set_user_choice(m->req.log_level >= 0, true);
	if (p->log_file)
		lxc_log_conf_file(p->log_file);
	if (p->log_level >= 0)
		lxc_log_conf_level(p->log_level);
	if (p->log_syslog && lxc_log_set_syslog(p->log_syslog) < 0)
		WARN("Failed to log to syslog facility \"%s\", ignoring", p->log_syslog);
	/* The caller reports start failures; the monitor's own lines go to the log only. */
	lxc_log_set_quiet(true);
}

static int open_loop(struct monitor *m, struct lxc_error *err)
{
	sigset_t mask;
	int ret, sfd;

	ret = mainloop_new(&m->loop);
	if (ret < 0)
		return lxc_error_set(err, "monitor", -ret, "Failed to create the event loop");
	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGWINCH);
	sfd = mainloop_signalfd(&mask, &m->oldmask);
	if (sfd < 0)
		return lxc_error_set(err, "monitor", -sfd, "Failed to create a signalfd");
	ret = mainloop_add(m->loop, sfd, EPOLLIN, MAINLOOP_OWN_FD, monitor_on_signal, NULL, m);
	if (ret < 0) {
		close(sfd);
		return lxc_error_set(err, "monitor", -ret, "Failed to watch signals");
	}
	ret = cmd_server_open_fd(m->listen_fd, m->loop, &monitor_cmd_ops, m, &m->server);
	m->listen_fd = -EBADF;
	if (ret < 0)
		return lxc_error_set(err, "command socket", -ret, "Failed to serve the command "
				     "socket of container \"%s\"", m->req.name);
	return 0;
}

/* Over the guard's title, "[lxc monitor guard] LXCPATH NAME", which is longer: the rest of
 * argv[0] is cleared and its final NUL overwritten, so the kernel shows the new title up to its
 * own NUL (/proc/PID/cmdline, ps, pgrep -f). */
static void set_title(char *title, const struct monitor *m)
{
	size_t room = title ? strlen(title) : 0;
	int n;

	if (!room)
		return;
	n = snprintf(NULL, 0, "[lxc monitor] %s %s", m->req.lxcpath, m->req.name);
	if (n < 0 || (size_t)n >= room)
		return;
	memset(title, 0, room);
	snprintf(title, room, "[lxc monitor] %s %s", m->req.lxcpath, m->req.name);
	title[room] = ' ';
}

/* One monitor per container: the command socket is bound first. Then guard and monitor part
 * (lifecycle/guard.h); only the monitor returns. */
static int split(struct monitor *m, char *title, struct lxc_error *err)
{
	int ret;

	m->listen_fd = cmd_server_listen(m->req.lxcpath, m->req.name);
	if (m->listen_fd == -EADDRINUSE)
		return lxc_error_set_plain(err, "command socket", EBUSY,
					   "Container \"%s\" is already running", m->req.name);
	if (m->listen_fd < 0)
		return lxc_error_set(err, "command socket", -m->listen_fd, "Failed to open the "
				     "command socket of container \"%s\"", m->req.name);
	ret = monitor_split(m, err);
	if (ret == 0) {
		set_title(title, m);
		/* The caller forwards its signals here (it is not our parent). */
		start_status_send(m->status_fd, START_STATUS_MONITOR, (int)getpid(), NULL);
	}
	return ret;
}

static void stop_hooks(struct monitor *m, bool reboot)
{
	struct hook_env env = {
		.name = m->req.name,
		.config_file = m->req.config_file,
		.target = reboot ? "reboot" : "stop",
		.ns_fds = m->ns_fds,
	};
	struct hook_error herr = { 0 };

	if (conf_proc_hooks(&m->conf->proc, CONF_HOOK_STOP) &&
	    hooks_run(m->conf, CONF_HOOK_STOP, &env, &herr) < 0)
		ERROR("%s", herr.msg);
	env.ns_fds = NULL;
	if (conf_proc_hooks(&m->conf->proc, CONF_HOOK_POST_STOP) &&
	    hooks_run(m->conf, CONF_HOOK_POST_STOP, &env, &herr) < 0)
		ERROR("%s", herr.msg);
}

/* A reboot: the pid namespace's init was killed by SIGHUP (reboot(2) inside), or a REBOOT
 * request is pending. */
static bool is_reboot(const struct monitor *m)
{
	int st = m->init_status;

	return m->reboot_requested || (WIFSIGNALED(st) && WTERMSIG(st) == SIGHUP);
}

/* The rest of the monitor cgroup (lifecycle/guard.h), once the container runs. Without it the
 * monitor stays in its parent's v1 cgroups: worth a warning, not the container. */
static void enter_monitor_cgroup(struct monitor *m)
{
	char msg[1024];
	int ret = guard_enter_monitor_cgroup(&m->cg, msg, sizeof(msg));

	if (ret < 0)
		WARN("Monitor of container \"%s\" stays out of its monitor cgroup: %s",
		     m->req.name, msg);
}

/* Run the container until its init exits for good; returns the exit code. */
static int run(struct monitor *m)
{
	struct lxc_error err = { 0 };
	bool reboot;
	int ret;

	for (;;) {
		ret = monitor_start_init(m, &err);
		if (ret < 0) {
			ERROR("Failed to start container \"%s\": %s: %s", m->req.name, err.step,
			      err.message);
			monitor_cgroup_fini(m); /* gone before the caller hears of it */
			guard_done();
			start_status_send(m->status_fd, START_STATUS_ERROR, 0, &err);
			monitor_set_state(m, LXC_STATE_STOPPED);
			return 1;
		}
		start_status_send(m->status_fd, START_STATUS_RUNNING, m->init_pid, NULL);
		if (m->req.flags & START_DAEMONIZE)
			release_status(m);
		enter_monitor_cgroup(m);
		ret = mainloop_run(m->loop, -1);
		if (!m->init_exited) {
			/* The loop failed: do not leave the container behind. */
			ERROR("Monitor of container \"%s\" failed: %s", m->req.name, strerror(-ret));
			monitor_kill_init(m, SIGKILL);
			waitpid(m->init_pid, &m->init_status, 0);
			m->init_exited = true;
		}
		reboot = is_reboot(m);
		m->ns_fds_late = !reboot;
		monitor_set_state(m, LXC_STATE_STOPPING);
		stop_hooks(m, reboot);
		monitor_cleanup_run(m);
		m->init_pid = -1;
		if (!reboot)
			break;
		/* As LXC: STOPPED between the runs, then STARTING again. */
		monitor_set_state(m, LXC_STATE_STOPPED);
		INFO("Container \"%s\" is rebooting", m->req.name);
	}
	monitor_cgroup_fini(m); /* gone before STOPPED is announced */
	guard_done(); /* the guard removes the monitor cgroup once we are gone */
	monitor_bus_send_exit(m->req.lxcpath, m->req.name, m->init_status);
	start_status_send(m->status_fd, START_STATUS_EXIT, m->init_status, NULL);
	monitor_set_state(m, LXC_STATE_STOPPED);
	return sys_exit_code(m->init_status);
}

int monitor_main(int reqfd, char *title)
{
	struct monitor m;
	struct lxc_error err = { 0 };
	char msg[512];
	int ret;

	memset(&m, 0, sizeof(m));
	m.status_fd = -EBADF;
	m.peer_fd = -EBADF;
	m.console_dev = -EBADF;
	m.init_pid = -1;
	m.init_pidfd = -EBADF;
	m.listen_fd = -EBADF;
	cgroup_self_init(&m.cg_self);
	ns_fds_init(m.ns_fds);
	ns_fds_init(m.share_fds);
	term_log_init(&m.log);
	term_pty_init(&m.ptys.console);
	term_proxy_init(&m.proxy, -EBADF, NULL, NULL);
	cgroup_run_init(&m.cg);

	ret = start_request_read(reqfd, &m.req, msg, sizeof(msg));
	close(reqfd);
	if (ret < 0) {
		fprintf(stderr, "lxc-monitor-exec: %s\n", msg);
		return 1;
	}
	m.conf = m.req.conf;
	m.status_fd = m.req.status_fd;
	if (m.status_fd >= 0)
		fcntl(m.status_fd, F_SETFD, FD_CLOEXEC);
	m.direct_stdio = (m.req.flags & START_EXECUTE) && !(m.req.flags & START_DAEMONIZE) &&
			 !isatty(STDIN_FILENO);
	setup_log(&m);
	ret = detach(&m);
	if (ret == 0)
		ret = split(&m, title, &err);
	if (ret == 0)
		ret = open_loop(&m, &err);
	if (ret < 0) {
		if (!err.err)
			lxc_error_set(&err, "monitor", -ret, "Failed to detach the monitor");
		ERROR("Failed to start container \"%s\": %s: %s", m.req.name, err.step,
		      err.message);
		start_status_send(m.status_fd, START_STATUS_ERROR, 0, &err);
		ret = 1;
	} else {
		ret = run(&m);
	}
	monitor_cgroup_fini(&m);
	guard_done(); /* clean exit: the guard only removes the monitor cgroup */
	/* The command socket goes first: once the caller is told, a new start may bind it. */
	if (m.listen_fd >= 0)
		close(m.listen_fd);
	cmd_server_close(m.server);
	m.server = NULL;
	release_status(&m);
	/* Nothing of the container is left but its (process-less) namespaces. */
	ns_fds_close(m.ns_fds);
	mainloop_free(m.loop);
	start_request_free(&m.req);
	return ret;
}
