/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Methods about the container's existence and run state, and per-object settings. The run
 * state comes from the container's monitor over the command socket; a container whose monitor
 * does not answer is STOPPED. set_timeout()'s value bounds every command reply (-1: none). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "api/api.h"
#include "base/file.h"
#include "ipc/commands.h"
#include "lifecycle/state.h"
#include "log/log.h"

lxc_log_define(api);

/* lifecycle_methods.c: start, stop, shutdown, reboot, wait, init_pidfd, running config. Called
 * last here so it overrides earlier installers (api.h should declare it). */

static bool is_defined(struct lxc_container *c)
{
	bool ret;

	if (!c)
		return false;
	api_obj_lock(c);
	ret = c->configfile && file_exists(c->configfile);
	api_obj_unlock(c);
	return ret;
}

/* The monitor's answer; no monitor (no socket, or it is exiting) means STOPPED. */
static enum lxc_state query_state(struct lxc_container *c)
{
	int ret = cmd_get_state(c->config_path, c->name, c->rcv_timeout);

	if (ret < 0 || ret >= LXC_STATE_MAX)
		return LXC_STATE_STOPPED;
	return (enum lxc_state)ret;
}

static const char *state(struct lxc_container *c)
{
	if (!c)
		return NULL;
	return lxc_state_name(query_state(c));
}

static bool is_running(struct lxc_container *c)
{
	enum lxc_state s;

	if (!c)
		return false;
	s = query_state(c);
	return s != LXC_STATE_STOPPED && s != LXC_STATE_ABORTING;
}

static pid_t init_pid(struct lxc_container *c)
{
	pid_t pid = -1;

	if (!c)
		return -1;
	if (cmd_get_init_pid(c->config_path, c->name, c->rcv_timeout, &pid) < 0)
		return -1;
	return pid;
}

static bool want_daemonize(struct lxc_container *c, bool on)
{
	if (!c)
		return false;
	api_obj_lock(c);
	c->daemonize = on;
	api_obj_unlock(c);
	return true;
}

static bool want_close_all_fds(struct lxc_container *c, bool on)
{
	if (!c)
		return false;
	api_obj_lock(c);
	c->privlock->close_all_fds = on;
	api_obj_unlock(c);
	return true;
}

static bool set_timeout(struct lxc_container *c, int timeout)
{
	if (!c)
		return false;
	if (timeout < -1) {
		api_error(c, EINVAL, "Invalid timeout %d for container \"%s\": expected -1 or "
			  "a number of seconds", timeout, c->name);
		return false;
	}
	api_obj_lock(c);
	c->rcv_timeout = timeout;
	api_obj_unlock(c);
	return true;
}

/* Writable, or creatable: the nearest existing ancestor is writable. */
static bool creatable(const char *path)
{
	char buf[PATH_MAX];
	char *slash;

	snprintf(buf, sizeof(buf), "%s", path);
	while (access(buf, F_OK) < 0) {
		slash = strrchr(buf, '/');
		if (!slash)
			return false;
		if (slash == buf) {
			buf[1] = '\0';
			break;
		}
		*slash = '\0';
	}
	return access(buf, W_OK) == 0;
}

/* Whoever may write the container's config (or, for a new container, create it in lxcpath)
 * may control it. */
static bool may_control(struct lxc_container *c)
{
	char dir[PATH_MAX];
	bool ret;

	if (!c)
		return false;
	api_obj_lock(c);
	snprintf(dir, sizeof(dir), "%s/%s", c->config_path, c->name);
	if (file_exists(c->configfile))
		ret = access(c->configfile, W_OK) == 0 && access(dir, W_OK) == 0;
	else
		ret = creatable(dir);
	api_obj_unlock(c);
	return ret;
}

void api_install_state_methods(struct lxc_container *c)
{
	c->is_defined = is_defined;
	c->state = state;
	c->is_running = is_running;
	c->init_pid = init_pid;
	c->want_daemonize = want_daemonize;
	c->want_close_all_fds = want_close_all_fds;
	c->set_timeout = set_timeout;
	c->may_control = may_control;
}
