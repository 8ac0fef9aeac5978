/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The container object's life: lxc_container_new() (name check, lxcpath, config file, locks,
 * methods, loading an existing config), reference counting with lxc_container_get/put(), and
 * the error report shared by every method. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/file.h"
#include "config/config.h"
#include "log/log.h"

lxc_log_define(api);

int api_error(struct lxc_container *c, int err, const char *fmt, ...)
{
	char *msg = NULL;
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (ret < 0)
		msg = NULL;

	ERROR("%s", msg ? msg : "Out of memory while reporting an error");
	api_obj_lock(c);
	free(c->error_string);
	c->error_string = msg;
	c->error_num = err;
	api_obj_unlock(c);
	return -err;
}

int api_check_name(const char *name, char *buf, size_t size)
{
	const char *why = NULL;

	if (!name || !*name)
		why = "the name is empty";
	else if (strchr(name, '/'))
		why = "it contains \"/\"";
	else if (!strcmp(name, ".") || !strcmp(name, ".."))
		why = "\".\" and \"..\" are reserved";
	else if (strlen(name) > API_NAME_MAX)
		why = "it is longer than 254 bytes";
	if (!why)
		return 0;
	snprintf(buf, size, "Invalid container name \"%s\": %s", name ? name : "", why);
	return -EINVAL;
}

const char *api_default_lxcpath(void)
{
	return lxc_get_global_config_item("lxc.lxcpath");
}

/* Duplicate path without trailing slashes ("/" stays "/"). */
static char *dup_path(const char *path)
{
	char *p = strdup(path);
	size_t len;

	if (!p)
		return NULL;
	len = strlen(p);
	while (len > 1 && p[len - 1] == '/')
		p[--len] = '\0';
	return p;
}

static void container_free(struct lxc_container *c)
{
	if (!c)
		return;
	conf_free(c->lxc_conf);
	api_lock_free(c->privlock);
	api_lock_free(c->slock);
	free(c->name);
	free(c->configfile);
	free(c->pidfile);
	free(c->config_path);
	free(c->error_string);
	free(c);
}
DEFINE_CLEANUP(container, struct lxc_container *, container_free);

static int load_existing(struct lxc_container *c)
{
	struct conf_diag diag = { 0 };
	char msg[2048];
	int ret;

	if (!file_exists(c->configfile))
		return 0;
	/* No container lock: every save replaces the file with a rename, so a read always sees a
	 * whole file, and listing many containers (lxc-ls) stays one open per config. */
	ret = conf_load_file(c->lxc_conf, c->configfile, &diag);
	if (ret < 0) {
		conf_diag_format(&diag, msg, sizeof(msg));
		ERROR("Failed to load config of container \"%s\": %s", c->name, msg);
	}
	return ret;
}

LXC_EXPORT struct lxc_container *lxc_container_new(const char *name, const char *configpath)
{
	__do(container) struct lxc_container *c = NULL;
	const char *lxcpath = configpath;
	char msg[512];

	if (api_check_name(name, msg, sizeof(msg)) < 0) {
		ERROR("%s", msg);
		errno = EINVAL;
		return NULL;
	}
	if (!lxcpath || !*lxcpath)
		lxcpath = api_default_lxcpath();
	if (!lxcpath || !*lxcpath) {
		ERROR("Failed to create container \"%s\": no lxcpath configured", name);
		errno = EINVAL;
		return NULL;
	}

	c = calloc(1, sizeof(*c));
	if (!c)
		goto nomem;
	c->name = strdup(name);
	c->config_path = dup_path(lxcpath);
	c->privlock = api_lock_new(LXC_LOCK_MUTEX);
	c->slock = api_lock_new(LXC_LOCK_OFD);
	c->lxc_conf = conf_new();
	if (!c->name || !c->config_path || !c->privlock || !c->slock || !c->lxc_conf)
		goto nomem;
	if (asprintf(&c->configfile, "%s/%s/config", c->config_path, name) < 0) {
		c->configfile = NULL;
		goto nomem;
	}
	c->numthreads = 1;
	c->daemonize = true;
	c->rcv_timeout = -1;
	api_install_config_methods(c);
	api_install_state_methods(c);
	api_install_stub_methods(c);
	api_install_lifecycle_methods(c);
	api_install_create_methods(c);
	api_install_attach_methods(c);
	api_install_cgroup_methods(c);
	api_install_console_methods(c);
	api_install_net_methods(c);

	if (load_existing(c) < 0) {
		errno = EINVAL;
		return NULL;
	}
	return take_ptr(c);

nomem:
	ERROR("Failed to create container \"%s\": out of memory", name);
	errno = ENOMEM;
	return NULL;
}

LXC_EXPORT int lxc_container_get(struct lxc_container *c)
{
	int ret = 0;

	if (!c || !c->privlock)
		return 0;
	api_obj_lock(c);
	/* A count below one means the object is being freed: too late to take a reference. */
	if (c->numthreads >= 1) {
		c->numthreads++;
		ret = 1;
	}
	api_obj_unlock(c);
	return ret;
}

LXC_EXPORT int lxc_container_put(struct lxc_container *c)
{
	bool last;

	if (!c || !c->privlock)
		return -1;
	api_obj_lock(c);
	last = --c->numthreads < 1;
	api_obj_unlock(c);
	if (!last)
		return 0;
	container_free(c);
	return 1;
}
