/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The running container in the monitor: the command handlers (state, init pid/pidfd, running
 * config, stop, shutdown, reboot, ttys, console log) and the signalfd handler that notices the
 * init's exit (or forwards SIGTERM/SIGINT/SIGHUP to it). */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/str.h"
#include "config/config.h"
#include "ipc/commands.h"
#include "lifecycle/monitor.h"
#include "log/log.h"
#include "mainloop/mainloop.h"
#include "sys/pidfd.h"

lxc_log_define(monitor);

int monitor_kill_init(struct monitor *m, int sig)
{
	int ret;

	if (m->init_pid <= 0 || m->init_exited)
		return -ESRCH;
	if (m->init_pidfd >= 0) {
		ret = sys_pidfd_send_signal(m->init_pidfd, sig, NULL, 0);
		if (ret != -ENOSYS)
			return ret;
	}
	return kill(m->init_pid, sig) < 0 ? -errno : 0;
}

static int running(const struct monitor *m)
{
	return m->init_pid > 0 && !m->init_exited ? 0 : -ESRCH;
}

static int on_get_init_pid(void *data, const struct cmd_req *req, struct cmd_reply *reply)
{
	struct monitor *m = data;

	return running(m) < 0 ? -ESRCH : m->init_pid;
}

static int on_get_init_pidfd(void *data, const struct cmd_req *req, struct cmd_reply *reply)
{
	struct monitor *m = data;

	if (running(m) < 0 || m->init_pidfd < 0)
		return -ESRCH;
	reply->fds[0] = m->init_pidfd;
	reply->nfds = 1;
	return 0;
}

static int on_get_config_item(void *data, const struct cmd_req *req, struct cmd_reply *reply)
{
	struct monitor *m = data;
	struct strbuf sb = { 0 };
	int ret;

	if (!req->data || !req->datalen)
		return -EINVAL;
	ret = conf_get_item(m->conf, req->data, &sb);
	if (ret < 0) {
		strbuf_free(&sb);
		return ret;
	}
	reply->datalen = (uint32_t)sb.len;
	reply->data = strbuf_take(&sb);
	if (!reply->data)
		reply->datalen = 0;
	return 0;
}

static int on_stop(void *data, const struct cmd_req *req, struct cmd_reply *reply)
{
	struct monitor *m = data;

	int ret;

	m->reboot_requested = false;
	ret = monitor_kill_init(m, conf_proc_stop_signal(&m->conf->proc));
	monitor_cgroup_thaw(m); /* a frozen init only dies once thawed */
	return ret;
}

/* The halt signal only: a caller whose shutdown timed out decides whether to stop (kill). */
static int on_shutdown(void *data, const struct cmd_req *req, struct cmd_reply *reply)
{
	struct monitor *m = data;

	m->reboot_requested = false;
	return monitor_kill_init(m, conf_proc_halt_signal(&m->conf->proc));
}

static int on_reboot(void *data, const struct cmd_req *req, struct cmd_reply *reply)
{
	struct monitor *m = data;
	int ret = monitor_kill_init(m, conf_proc_reboot_signal(&m->conf->proc));

	if (ret == 0)
		m->reboot_requested = true;
	return ret;
}

/* lxc-console on tty 0: a new pty pair whose peer the proxy copies to and from the console,
 * held by the client's connection. */
static int console_client(struct monitor *m, struct cmd_reply *reply)
{
	int ptx = -EBADF, ret;

	if (m->ptys.console.ptx < 0)
		return -ENODEV;
	ret = term_proxy_open_client_pty(&m->proxy, reply->client, &ptx);
	if (ret < 0)
		return ret;
	ret = monitor_watch_peer(m);
	if (ret < 0) {
		close(ptx);
		return ret;
	}
	reply->fds[0] = ptx;
	reply->nfds = 1;
	reply->close_fds = true;
	reply->keep = true;
	return 0;
}

static int on_get_tty_fd(void *data, const struct cmd_req *req, struct cmd_reply *reply)
{
	struct monitor *m = data;
	int ttynum = -1, fd;

	if (running(m) < 0)
		return -ESRCH;
	if (req->arg == 0)
		return console_client(m, reply);
	if (m->ptys.n_ttys == 0)
		return -ENXIO;	/* lxc.tty.max = 0 */
	fd = term_ptys_claim(&m->ptys, req->arg > 0 ? (int)req->arg : -1, reply->client, &ttynum);
	if (fd < 0)
		return fd;
	/* The tty stays the client's until its connection closes (on_client_gone). */
	reply->fds[0] = fd;
	reply->nfds = 1;
	reply->keep = true;
	return ttynum;
}

/* An lxc-console client's connection closed: free its tty, or detach it from the console. */
static void on_client_gone(void *data, int client)
{
	struct monitor *m = data;

	term_ptys_release(&m->ptys, client);
	if (m->proxy.owner != client || !term_proxy_attached(&m->proxy))
		return;
	if (m->peer_fd >= 0)
		mainloop_remove(m->loop, m->peer_fd);	/* peer_release detaches */
	else
		term_proxy_detach(&m->proxy);
}

static int on_console_log(void *data, const struct cmd_req *req, struct cmd_reply *reply)
{
	struct monitor *m = data;
	char *buf = NULL;
	uint64_t len = 0;
	int ret;

	if (!m->rb.size)
		return -EFAULT;	/* as LXC: no lxc.console.buffer.size */
	ret = term_ringbuf_console_log(&m->rb, req->flags & CMD_CONSOLE_LOG_READ,
				       req->flags & CMD_CONSOLE_LOG_CLEAR, (uint64_t)req->arg,
				       &buf, &len);
	if (ret < 0)
		return ret;
	reply->data = buf;
	reply->datalen = buf ? (uint32_t)len : 0;
	return 0;
}

const struct cmd_server_ops monitor_cmd_ops = {
	.get_init_pid = on_get_init_pid,
	.get_init_pidfd = on_get_init_pidfd,
	.get_config_item = on_get_config_item,
	.stop = on_stop,
	.shutdown = on_shutdown,
	.reboot = on_reboot,
	.get_tty_fd = on_get_tty_fd,
	.console_log = on_console_log,
	.client_gone = on_client_gone,
	.get_state = monitor_on_get_state,
	.get_cgroup = monitor_on_get_cgroup,
	.freeze = monitor_on_freeze,
	.unfreeze = monitor_on_unfreeze,
};

/* Copy what the console still holds before the loop ends. */
static void drain_console(struct monitor *m)
{
	struct pollfd p = { .fd = m->ptys.console.ptx, .events = POLLIN };

	if (!m->ptx_watched)
		return;
	for (int i = 0; i < 1024; i++) {
		if (poll(&p, 1, 0) <= 0 || !(p.revents & POLLIN))
			return;
		if (term_proxy_on_ptx_readable(&m->proxy) != TERM_PROXY_CONTINUE)
			return;
	}
}

/* Reap children; true when the init is among them. */
static bool reap(struct monitor *m)
{
	bool init_done = false;
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (pid != m->init_pid)
			continue;
		m->init_status = status;
		m->init_exited = true;
		init_done = true;
	}
	return init_done;
}

int monitor_on_signal(int fd, uint32_t events, void *data)
{
	struct monitor *m = data;
	struct signalfd_siginfo si;
	bool init_done = false;

	while (mainloop_read_signal(fd, &si) == 0) {
		if (si.ssi_signo == SIGCHLD) {
			init_done |= reap(m);
			continue;
		}
		if (si.ssi_signo == SIGWINCH) {
			term_proxy_on_winch(&m->proxy);
			continue;
		}
		if (monitor_kill_init(m, (int)si.ssi_signo) == 0)
			INFO("Forwarded signal %u to the init of container \"%s\"", si.ssi_signo,
			     m->req.name);
	}
	if (!init_done)
		return MAINLOOP_CONTINUE;
	drain_console(m);
	return MAINLOOP_STOP;
}
