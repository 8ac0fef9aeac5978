/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Methods about the container's existence and run state, and per-object settings. Until the
 * lifecycle (monitor, start, stop) lands, every container is STOPPED and has no init. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "api/api.h"
#include "base/file.h"
#include "log/log.h"

lxc_log_define(api);

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

static const char *state(struct lxc_container *c)
{
	/* The lifecycle replaces this with a query to the container's monitor. */
	return c ? "STOPPED" : NULL;
}

static bool is_running(struct lxc_container *c)
{
	return false;
}

static pid_t init_pid(struct lxc_container *c)
{
	return -1;
}

static int init_pidfd(struct lxc_container *c)
{
	if (!c)
		return -EBADF;
	api_error(c, ESRCH, "Failed to get init pidfd of container \"%s\": "
		  "container is not running", c->name);
	return -EBADF;
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
	c->init_pidfd = init_pidfd;
	c->want_daemonize = want_daemonize;
	c->want_close_all_fds = want_close_all_fds;
	c->set_timeout = set_timeout;
	c->may_control = may_control;
}
