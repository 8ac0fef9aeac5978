/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Methods on a running container's cgroup: freeze and unfreeze (done by the monitor, which
 * announces FREEZING, FROZEN, THAWED), and get/set_cgroup_item, which ask the monitor for the
 * container's cgroup directory of the key's controller and read or write the file there. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/api.h"
#include "base/cleanup.h"
#include "base/file.h"
#include "ipc/commands.h"
#include "lifecycle/state.h"

/* GET_CGROUP flag: the payload (limit) cgroup rather than the init's inner one (the monitor
 * defines the same value in lifecycle/monitor.h). */
#ifndef CMD_CGROUP_LIMIT
#define CMD_CGROUP_LIMIT (1U << 0)
#endif

static bool not_running(struct lxc_container *c, const char *what)
{
	api_error(c, EINVAL, "Failed to %s container \"%s\": container is not running", what,
		  c->name);
	return false;
}

static int current_state(struct lxc_container *c)
{
	int s = cmd_get_state(c->config_path, c->name, c->rcv_timeout);

	if (s == CMD_NOT_RUNNING || s == LXC_STATE_STOPPED || s == LXC_STATE_ABORTING)
		return -ESRCH;
	return s;
}

static bool freeze(struct lxc_container *c)
{
	int ret;

	if (!c)
		return false;
	ret = current_state(c);
	if (ret == -ESRCH)
		return not_running(c, "freeze");
	if (ret == LXC_STATE_FROZEN)
		return true;
	if (ret >= 0)
		ret = cmd_freeze(c->config_path, c->name, -1, c->rcv_timeout);
	if (ret == CMD_NOT_RUNNING || ret == -ESRCH)
		return not_running(c, "freeze");
	if (ret < 0) {
		api_error(c, -ret, "Failed to freeze container \"%s\": %s", c->name,
			  ret == -EBUSY ? "container is not in RUNNING state" : strerror(-ret));
		return false;
	}
	return true;
}

static bool unfreeze(struct lxc_container *c)
{
	int ret;

	if (!c)
		return false;
	ret = current_state(c);
	if (ret == -ESRCH)
		return not_running(c, "unfreeze");
	if (ret >= 0 && ret != LXC_STATE_FROZEN) {
		api_error(c, EINVAL, "Failed to unfreeze container \"%s\": container is not frozen",
			  c->name);
		return false;
	}
	if (ret >= 0)
		ret = cmd_unfreeze(c->config_path, c->name, -1, c->rcv_timeout);
	if (ret == CMD_NOT_RUNNING || ret == -ESRCH)
		return not_running(c, "unfreeze");
	if (ret == -EINVAL) {
		api_error(c, EINVAL, "Failed to unfreeze container \"%s\": container is not frozen",
			  c->name);
		return false;
	}
	if (ret < 0) {
		api_error(c, -ret, "Failed to unfreeze container \"%s\": %s", c->name,
			  strerror(-ret));
		return false;
	}
	return true;
}

/* KEY is a file name "controller.file": no path, no leading dot. */
static bool valid_key(const char *key)
{
	const char *dot = key ? strchr(key, '.') : NULL;

	return dot && dot != key && dot[1] && !strchr(key, '/') && strcmp(key, "..") != 0;
}

/* The file KEY in the container's limit cgroup of KEY's controller. *ret malloc'd. */
static int item_path(struct lxc_container *c, const char *what, const char *key, char **ret)
{
	__do_free char *ctrl = NULL;
	struct cmd_rsp rsp = { 0 };
	struct cmd_req req = { .cmd = CMD_GET_CGROUP, .flags = CMD_CGROUP_LIMIT };
	int r;

	if (!valid_key(key))
		return api_error(c, EINVAL, "Failed to %s \"%s\" of container \"%s\": not a cgroup "
				 "file name", what, key ? key : "(null)", c->name);
	ctrl = strndup(key, (size_t)(strchr(key, '.') - key));
	if (!ctrl)
		return api_error(c, ENOMEM, "Out of memory");
	req.data = ctrl;
	req.datalen = (uint32_t)strlen(ctrl) + 1;
	r = cmd_call(c->config_path, c->name, &req, c->rcv_timeout, &rsp);
	if (r == 0)
		r = rsp.ret;
	if (r == CMD_NOT_RUNNING || r == -ESRCH) {
		cmd_rsp_free(&rsp);
		return api_error(c, EINVAL, "Failed to %s \"%s\" of container \"%s\": container is "
				 "not running", what, key, c->name);
	}
	if (r == 0 && !rsp.data)
		r = -ENOENT;
	if (r < 0) {
		cmd_rsp_free(&rsp);
		return api_error(c, -r, "Failed to %s \"%s\" of container \"%s\": %s", what, key,
				 c->name, r == -ENOENT ? "no cgroup for that controller" :
				 strerror(-r));
	}
	r = asprintf(ret, "%s/%s", rsp.data, key);
	cmd_rsp_free(&rsp);
	if (r < 0)
		return api_error(c, ENOMEM, "Out of memory");
	return 0;
}

/* LXC's contract: the number of bytes of the file (its final newline included); with a
 * buffer, up to inlen - 1 of them are copied and NUL-terminated. */
static int get_cgroup_item(struct lxc_container *c, const char *subsys, char *retv, int inlen)
{
	__do_free char *path = NULL, *buf = NULL;
	size_t len = 0;
	int r;

	if (!c)
		return -1;
	if (item_path(c, "read cgroup item", subsys, &path) < 0)
		return -1;
	r = file_read_all(path, &buf, &len);
	if (r < 0) {
		api_error(c, -r, "Failed to read cgroup item \"%s\" of container \"%s\": %s",
			  subsys, c->name, strerror(-r));
		return -1;
	}
	if (len > 0x7fffffff)
		len = 0x7fffffff;
	if (retv && inlen > 0) {
		size_t n = len < (size_t)inlen - 1 ? len : (size_t)inlen - 1;

		memcpy(retv, buf, n);
		retv[n] = '\0';
		return (int)n;
	}
	return (int)len;
}

static bool set_cgroup_item(struct lxc_container *c, const char *subsys, const char *value)
{
	__do_free char *path = NULL;
	__do_close int fd = -EBADF;
	int r;

	if (!c)
		return false;
	if (!value) {
		api_error(c, EINVAL, "Failed to set cgroup item \"%s\" of container \"%s\": no "
			  "value", subsys ? subsys : "(null)", c->name);
		return false;
	}
	if (item_path(c, "set cgroup item", subsys, &path) < 0)
		return false;
	fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		r = -errno;
	} else {
		/* One write(2): the kernel takes a cgroup value in one piece. */
		ssize_t n = write(fd, value, strlen(value));

		r = n < 0 ? -errno : 0;
	}
	if (r < 0) {
		api_error(c, -r, "Failed to set cgroup item \"%s\" of container \"%s\" to \"%s\": %s",
			  subsys, c->name, value, strerror(-r));
		return false;
	}
	return true;
}

void api_install_cgroup_methods(struct lxc_container *c)
{
	c->freeze = freeze;
	c->unfreeze = unfreeze;
	c->get_cgroup_item = get_cgroup_item;
	c->set_cgroup_item = set_cgroup_item;
}
