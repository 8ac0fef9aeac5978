/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Methods that read or change a container's configuration: load, set, get, clear, list keys,
 * save, and the config file and lxcpath names. Each one checks, locks, calls the config
 * module and copies its diagnostic into error_string on failure. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/file.h"
#include "base/str.h"
#include "config/config.h"
#include "log/log.h"

lxc_log_define(api);

static bool load_config(struct lxc_container *c, const char *alt_file)
{
	struct conf_diag diag = { 0 };
	__do_close int lockfd = -EBADF;
	char msg[2048];
	const char *file;
	int ret;

	if (!c)
		return false;
	file = alt_file ? alt_file : c->configfile;
	if (!file)
		return false;
	/* Only the container's own config file is guarded by the container lock. */
	if (!alt_file || !strcmp(alt_file, c->configfile)) {
		lockfd = api_disk_lock(c);
		if (lockfd < 0) {
			api_error(c, -lockfd, "Failed to lock container \"%s\": %s", c->name,
				  strerror(-lockfd));
			return false;
		}
	}

	api_obj_lock(c);
	ret = conf_load_file(c->lxc_conf, file, &diag);
	api_obj_unlock(c);
	if (ret < 0) {
		conf_diag_format(&diag, msg, sizeof(msg));
		api_error(c, -ret, "Failed to load config of container \"%s\": %s", c->name, msg);
		return false;
	}
	return true;
}

static bool set_config_item(struct lxc_container *c, const char *key, const char *value)
{
	struct conf_diag diag = { 0 };
	char msg[2048];
	int ret;

	if (!c || !key)
		return false;
	api_obj_lock(c);
	ret = conf_set_item(c->lxc_conf, key, value ? value : "", &diag);
	api_obj_unlock(c);
	if (ret < 0) {
		conf_diag_format(&diag, msg, sizeof(msg));
		api_error(c, -ret, "Failed to set config item of container \"%s\": %s", c->name,
			  msg);
		return false;
	}
	return true;
}

static int unknown_or_err(struct lxc_container *c, const char *what, const char *key, int err)
{
	const char *why = strerror(-err);

	if (err == -ENOENT)
		why = conf_key_is_supported(key) ? "not set" : "unknown key";
	api_error(c, -err, "Failed to %s \"%s\" of container \"%s\": %s", what, key, c->name, why);
	return -1;
}

static int get_config_item(struct lxc_container *c, const char *key, char *retv, int inlen)
{
	struct strbuf out = { 0 };
	int ret;

	if (!c || !key)
		return -1;
	if (!retv)
		inlen = 0;
	if (inlen > 0)
		retv[0] = '\0';
	api_obj_lock(c);
	ret = conf_get_item(c->lxc_conf, key, &out);
	api_obj_unlock(c);
	if (ret < 0) {
		strbuf_free(&out);
		return unknown_or_err(c, "get config item", key, ret);
	}
	ret = strbuf_copy_out(&out, retv, inlen);
	strbuf_free(&out);
	return ret;
}

static int get_keys(struct lxc_container *c, const char *key, char *retv, int inlen)
{
	struct strbuf out = { 0 };
	int ret;

	if (!c)
		return -1;
	if (!retv)
		inlen = 0;
	if (inlen > 0)
		retv[0] = '\0';
	api_obj_lock(c);
	ret = conf_list_keys(c->lxc_conf, key, &out);
	api_obj_unlock(c);
	if (ret < 0) {
		strbuf_free(&out);
		return unknown_or_err(c, "list keys of", key ? key : "", ret);
	}
	ret = strbuf_copy_out(&out, retv, inlen);
	strbuf_free(&out);
	return ret;
}

static bool clear_config_item(struct lxc_container *c, const char *key)
{
	int ret;

	if (!c || !key)
		return false;
	api_obj_lock(c);
	ret = conf_clear_item(c->lxc_conf, key);
	api_obj_unlock(c);
	if (ret < 0) {
		unknown_or_err(c, "clear config item", key, ret);
		return false;
	}
	return true;
}

static void clear_config(struct lxc_container *c)
{
	struct lxc_conf *fresh;

	if (!c)
		return;
	fresh = conf_new();
	if (!fresh) {
		api_error(c, ENOMEM, "Failed to clear config of container \"%s\": out of memory",
			  c->name);
		return;
	}
	api_obj_lock(c);
	conf_free(c->lxc_conf);
	c->lxc_conf = fresh;
	api_obj_unlock(c);
}

/* LXCPATH/NAME, created when save_config() writes the container's own file. */
static int make_container_dir(struct lxc_container *c)
{
	__do_free char *dir = NULL;

	if (asprintf(&dir, "%s/%s", c->config_path, c->name) < 0)
		return -ENOMEM;
	return mkdir_p(dir, 0755);
}

static bool save_config(struct lxc_container *c, const char *alt_file)
{
	__do_close int lockfd = -EBADF;
	__do_free char *file = NULL;
	int ret;

	if (!c)
		return false;
	api_obj_lock(c);
	file = strdup(alt_file ? alt_file : c->configfile);
	api_obj_unlock(c);
	if (!file) {
		api_error(c, ENOMEM, "Failed to save config of container \"%s\": out of memory",
			  c->name);
		return false;
	}

	lockfd = api_disk_lock(c);
	if (lockfd < 0) {
		api_error(c, -lockfd, "Failed to lock container \"%s\": %s", c->name,
			  strerror(-lockfd));
		return false;
	}
	if (!alt_file || !strcmp(alt_file, c->configfile)) {
		ret = make_container_dir(c);
		if (ret < 0) {
			api_error(c, -ret, "Failed to create directory of container \"%s\" "
				  "in \"%s\": %s", c->name, c->config_path, strerror(-ret));
			return false;
		}
	}
	api_obj_lock(c);
	ret = conf_save(c->lxc_conf, file);
	api_obj_unlock(c);
	if (ret < 0) {
		api_error(c, -ret, "Failed to save config of container \"%s\" to \"%s\": %s",
			  c->name, file, strerror(-ret));
		return false;
	}
	return true;
}

static char *config_file_name(struct lxc_container *c)
{
	char *ret;

	if (!c || !c->configfile)
		return NULL;
	api_obj_lock(c);
	ret = strdup(c->configfile);
	api_obj_unlock(c);
	return ret;
}

static const char *get_config_path(struct lxc_container *c)
{
	return c ? c->config_path : NULL;
}

static bool set_config_path(struct lxc_container *c, const char *path)
{
	__do_free char *p = NULL, *file = NULL;
	size_t len;

	if (!c || !path || !*path)
		return false;
	p = strdup(path);
	if (!p)
		return false;
	len = strlen(p);
	while (len > 1 && p[len - 1] == '/')
		p[--len] = '\0';
	if (asprintf(&file, "%s/%s/config", p, c->name) < 0) {
		file = NULL;
		api_error(c, ENOMEM, "Failed to set lxcpath of container \"%s\": out of memory",
			  c->name);
		return false;
	}
	api_obj_lock(c);
	free(c->config_path);
	c->config_path = take_ptr(p);
	free(c->configfile);
	c->configfile = take_ptr(file);
	api_obj_unlock(c);
	return true;
}

void api_install_config_methods(struct lxc_container *c)
{
	c->load_config = load_config;
	c->set_config_item = set_config_item;
	c->get_config_item = get_config_item;
	c->get_keys = get_keys;
	c->clear_config_item = clear_config_item;
	c->clear_config = clear_config;
	c->save_config = save_config;
	c->config_file_name = config_file_name;
	c->get_config_path = get_config_path;
	c->set_config_path = set_config_path;
}
