/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* start/startl, stop, shutdown, reboot/reboot2, wait, init_pidfd and get_running_config_item:
 * thin adapters over the lifecycle (lifecycle/launch.h spawns the monitor) and the monitor's
 * command socket (ipc/commands.h). In the foreground (daemonize off) start() returns once the
 * container has stopped, with the init's raw wait status in error_num, as LXC does (lxc-execute
 * exits with WEXITSTATUS of it). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "api/api.h"
#include "base/file.h"
#include "base/str.h"
#include "config/config.h"
#include "ipc/commands.h"
#include "lifecycle/launch.h"
#include "lifecycle/state.h"
#include "log/log.h"

lxc_log_define(api);


static bool running_now(struct lxc_container *c)
{
	int s = cmd_get_state(c->config_path, c->name, c->rcv_timeout);

	return s >= 0 && s != LXC_STATE_STOPPED;
}

static void write_pidfile(struct lxc_container *c, pid_t pid)
{
	char buf[32];

	if (!c->pidfile)
		return;
	snprintf(buf, sizeof(buf), "%d\n", pid);
	if (file_write_atomic(c->pidfile, buf, strlen(buf), 0644) < 0)
		WARN("Failed to write pid file \"%s\", ignoring", c->pidfile);
}

static bool has_config(struct lxc_container *c)
{
	return (c->configfile && file_exists(c->configfile)) || c->lxc_conf->text.n_ops > 0;
}

/* Deliberate difference from LXC: without lxc.rootfs.path the container shares the host's
 * file system, and booting the host's own init (systemd) there takes over the host (it cleans
 * /tmp, starts gettys, ...). Refuse that one case; lxc-execute and an explicit command or
 * lxc.init.cmd still run on the host's root. */
static bool boots_host_init(const struct lxc_conf *conf, int useinit, char *const argv[])
{
	const char *init = conf_proc_init_cmd(&conf->proc);

	if (useinit || (argv && argv[0]) || conf->fs.rootfs.path)
		return false;
	return strcmp(init, CONF_PROC_DEFAULT_INIT) == 0 || strcmp(init, "/sbin/init") == 0;
}

static bool start(struct lxc_container *c, int useinit, char *const argv[])
{
	__do(conf) struct lxc_conf *conf = NULL;
	struct launch_args a = { 0 };
	struct launch_result res;
	int ret;

	if (!c)
		return false;
	if (running_now(c)) {
		api_error(c, EBUSY, "Failed to start container \"%s\": Container \"%s\" is already "
			  "running", c->name, c->name);
		return false;
	}
	api_obj_lock(c);
	if (c->lxc_conf && has_config(c))
		conf = conf_clone(c->lxc_conf);
	a.daemonize = c->daemonize;
	a.close_all_fds = c->privlock->close_all_fds;
	api_obj_unlock(c);
	if (!conf) {
		api_error(c, c->lxc_conf ? ENOENT : ENOMEM, "Failed to start container \"%s\": %s",
			  c->name, c->lxc_conf ? "no configuration" : "out of memory");
		return false;
	}
	if (boots_host_init(conf, useinit, argv)) {
		api_error(c, EINVAL, "Failed to start container \"%s\": rootfs: lxc.rootfs.path is "
			  "not set, refusing to boot the host's own init \"%s\"", c->name,
			  conf_proc_init_cmd(&conf->proc));
		return false;
	}
	a.name = c->name;
	a.lxcpath = c->config_path;
	a.config_file = c->configfile;
	a.conf = conf;
	a.argv = argv;
	a.execute = useinit != 0;
	ret = lifecycle_launch(&a, &res);
	if (ret == -EBUSY) /* another start won the command socket */
		api_error(c, EBUSY, "Failed to start container \"%s\": %s", c->name,
			  res.err.message);
	else if (ret < 0)
		api_error(c, -ret, "Failed to start container \"%s\": %s: %s", c->name,
			  res.err.step, res.err.message);
	if (ret < 0)
		return false;
	if (a.daemonize) {
		write_pidfile(c, res.init_pid);
		return true;
	}
	api_obj_lock(c);
	c->error_num = res.exited ? res.status : 0;
	api_obj_unlock(c);
	return true;
}

static bool startl(struct lxc_container *c, int useinit, ...)
{
	char **argv = NULL;
	const char *arg;
	va_list ap;
	bool ret;

	va_start(ap, useinit);
	while ((arg = va_arg(ap, const char *))) {
		if (strv_append(&argv, arg) < 0) {
			va_end(ap);
			strv_free(argv);
			api_error(c, ENOMEM, "Failed to start container \"%s\": out of memory",
				  c ? c->name : "");
			return false;
		}
	}
	va_end(ap);
	ret = start(c, useinit, argv);
	strv_free(argv);
	return ret;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Milliseconds left until deadline (-1: none). */
static int left_ms(long long deadline)
{
	long long left;

	if (deadline < 0)
		return -1;
	left = deadline - now_ms();
	return left > 0 ? (int)(left > 2000000000 ? 2000000000 : left) : 0;
}

/* Read pushed states until one in want[] (or the monitor went away: STOPPED). Returns the
 * state reached, -ETIMEDOUT, or -errno. */
static int wait_pushed(int fd, const bool want[LXC_STATE_MAX], long long deadline)
{
	enum lxc_state st;
	int ret;

	for (;;) {
		ret = cmd_state_client_next(fd, left_ms(deadline), &st);
		if (ret == CMD_NOT_RUNNING)
			st = LXC_STATE_STOPPED;
		else if (ret < 0)
			return ret;
		if ((unsigned int)st < LXC_STATE_MAX && want[st])
			return st;
		if (ret == CMD_NOT_RUNNING)
			return -ESRCH;
	}
}

static long long deadline_after(int timeout_s)
{
	return timeout_s < 0 ? -1 : now_ms() + (long long)timeout_s * 1000;
}

/* Connect a state client and send cmd. *ret_fd < 0 and 0 when the container is not running. */
static int command_and_watch(struct lxc_container *c, int (*send)(struct lxc_container *, int),
			     int arg, int *ret_fd)
{
	enum lxc_state st;
	int fd = -EBADF, ret;

	*ret_fd = -EBADF;
	ret = cmd_add_state_client(c->config_path, c->name, c->rcv_timeout, &fd, &st);
	if (ret == CMD_NOT_RUNNING)
		return 0;
	if (ret < 0)
		return ret;
	if (st == LXC_STATE_STOPPED) {
		close(fd);
		return 0;
	}
	ret = send(c, arg);
	if (ret == CMD_NOT_RUNNING || ret == -ESRCH) {
		close(fd);
		return 0;
	}
	if (ret < 0) {
		close(fd);
		return ret;
	}
	*ret_fd = fd;
	return 0;
}

static int send_stop(struct lxc_container *c, int unused)
{
	return cmd_stop(c->config_path, c->name, c->rcv_timeout);
}

static bool stop(struct lxc_container *c)
{
	static const bool want[LXC_STATE_MAX] = { [LXC_STATE_STOPPED] = true };
	int fd, ret;

	if (!c)
		return false;
	ret = command_and_watch(c, send_stop, 0, &fd);
	if (ret == 0 && fd >= 0) {
		ret = wait_pushed(fd, want, deadline_after(c->rcv_timeout));
		if (ret == -ESRCH)
			ret = 0;
		close(fd);
	}
	if (ret < 0) {
		api_error(c, -ret, "Failed to stop container \"%s\": %s", c->name, strerror(-ret));
		return false;
	}
	return true;
}

static int send_shutdown(struct lxc_container *c, int timeout)
{
	return cmd_shutdown(c->config_path, c->name, timeout, c->rcv_timeout);
}

static bool do_shutdown(struct lxc_container *c, int timeout)
{
	static const bool want[LXC_STATE_MAX] = { [LXC_STATE_STOPPED] = true };
	int fd, ret;

	if (!c)
		return false;
	ret = command_and_watch(c, send_shutdown, timeout, &fd);
	if (ret == 0 && fd >= 0) {
		ret = timeout == 0 ? 0 : wait_pushed(fd, want, deadline_after(timeout));
		if (ret == -ESRCH)
			ret = 0;
		close(fd);
	}
	if (ret == -ETIMEDOUT) {
		api_error(c, ETIMEDOUT, "Failed to shut down container \"%s\": still running "
			  "after %d seconds", c->name, timeout);
		return false;
	}
	if (ret < 0) {
		api_error(c, -ret, "Failed to shut down container \"%s\": %s", c->name,
			  strerror(-ret));
		return false;
	}
	return true;
}

static int send_reboot(struct lxc_container *c, int unused)
{
	return cmd_reboot(c->config_path, c->name, c->rcv_timeout);
}

/* After the reboot request: some state other than RUNNING, then RUNNING again. */
static int wait_rebooted(int fd, long long deadline)
{
	static const bool any[LXC_STATE_MAX] = { true, true, true, true, true, true, true, true };
	bool went_down = false;
	int ret;

	for (;;) {
		ret = wait_pushed(fd, any, deadline);
		if (ret < 0)
			return ret;
		if (ret != LXC_STATE_RUNNING)
			went_down = true;
		else if (went_down)
			return 0;
	}
}

static bool reboot2(struct lxc_container *c, int timeout)
{
	int fd, ret;

	if (!c)
		return false;
	if (!running_now(c)) {
		api_error(c, ESRCH, "Failed to reboot container \"%s\": container is not running",
			  c->name);
		return false;
	}
	ret = command_and_watch(c, send_reboot, 0, &fd);
	if (ret == 0 && fd >= 0) {
		if (timeout != 0)
			ret = wait_rebooted(fd, deadline_after(timeout));
		close(fd);
	}
	if (ret < 0) {
		api_error(c, -ret, "Failed to reboot container \"%s\": %s", c->name,
			  ret == -ESRCH ? "container stopped" : strerror(-ret));
		return false;
	}
	return true;
}

static bool reboot(struct lxc_container *c)
{
	return reboot2(c, 0);
}

/* "RUNNING", "RUNNING|STOPPED", ... into want[]. */
static int parse_states(const char *s, bool want[LXC_STATE_MAX])
{
	char **v = NULL;
	enum lxc_state st;
	int ret = strv_split(s, "|", &v);

	for (size_t i = 0; ret == 0 && v && v[i]; i++) {
		ret = lxc_state_parse(v[i], &st);
		if (ret == 0)
			want[st] = true;
	}
	if (ret == 0 && !v)
		ret = -EINVAL;
	strv_free(v);
	return ret;
}

static bool wait_state(struct lxc_container *c, const char *state, int timeout)
{
	bool want[LXC_STATE_MAX] = { false };
	long long deadline = deadline_after(timeout);
	enum lxc_state st;
	int fd, ret;

	if (!c)
		return false;
	if (!state || parse_states(state, want) < 0) {
		api_error(c, EINVAL, "Invalid state \"%s\"", state ? state : "");
		return false;
	}
	for (;;) {
		ret = cmd_add_state_client(c->config_path, c->name, c->rcv_timeout, &fd, &st);
		if (ret == 0) {
			if (want[st]) {
				close(fd);
				return true;
			}
			ret = wait_pushed(fd, want, deadline);
			close(fd);
			if (ret >= 0)
				return true;
		} else if (ret == CMD_NOT_RUNNING && want[LXC_STATE_STOPPED]) {
			return true;
		}
		if (ret != CMD_NOT_RUNNING && ret != -ESRCH && ret != -ETIMEDOUT)
			break;
		if (left_ms(deadline) == 0) {
			ret = -ETIMEDOUT;
			break;
		}
		usleep(50 * 1000);
	}
	api_error(c, -ret, "Failed to wait for container \"%s\" to be %s: %s", c->name, state,
		  ret == -ETIMEDOUT ? "timed out" : strerror(-ret));
	return false;
}

static int init_pidfd(struct lxc_container *c)
{
	int fd = -EBADF, ret;

	if (!c)
		return -EBADF;
	ret = cmd_get_init_pidfd(c->config_path, c->name, c->rcv_timeout, &fd);
	if (ret < 0) {
		api_error(c, ret == CMD_NOT_RUNNING ? ESRCH : -ret, "Failed to get init pidfd of "
			  "container \"%s\": %s", c->name, ret == CMD_NOT_RUNNING ?
			  "container is not running" : strerror(-ret));
		return -EBADF;
	}
	return fd;
}

static char *get_running_config_item(struct lxc_container *c, const char *key)
{
	char *value = NULL;
	int ret;

	if (!c || !key)
		return NULL;
	ret = cmd_get_config_item(c->config_path, c->name, key, c->rcv_timeout, &value);
	if (ret < 0) {
		api_error(c, ret == CMD_NOT_RUNNING ? EINVAL : -ret, "Failed to get running config "
			  "item \"%s\" of container \"%s\": %s", key, c->name,
			  ret == CMD_NOT_RUNNING ? "container is not running" : strerror(-ret));
		return NULL;
	}
	return value;
}

void api_install_lifecycle_methods(struct lxc_container *c)
{
	c->start = start;
	c->startl = startl;
	c->stop = stop;
	c->shutdown = do_shutdown;
	c->reboot = reboot;
	c->reboot2 = reboot2;
	c->wait = wait_state;
	c->init_pidfd = init_pidfd;
	c->get_running_config_item = get_running_config_item;
}
