// SPDX-License-Identifier: LGPL-2.1-or-later
/* Limits: lxc.cgroup.* written to the v1 payload dirs and lxc.cgroup2.* to the v2 one, in the
 * order configured; v2 device rules become one BPF device program. Also the single-file
 * get/set used by lxc-cgroup and get/set_cgroup_item. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "base/str.h"
#include "cgroups/devices.h"
#include "cgroups/internal.h"
#include "log/log.h"

lxc_log_define(cgroup_limits);

/* A controller the host keeps on cgroup v1 (forced unified, or hybrid). */
static bool bound_to_v1(const struct cgroup_host *host, const char *controller)
{
	if (strv_contains(host->v1_only, controller))
		return true;
	for (size_t i = 0; i < host->n; i++)
		if (host->h[i].version == 1 && cg_has_controller(&host->h[i], controller))
			return true;
	return false;
}

/* Does the cgroup2 directory DIR have CONTROLLER (its cgroup.controllers)? */
static bool payload_has(const char *dir, const char *controller)
{
	__do_free char *text = NULL;
	char **v = NULL;
	bool found;

	if (cg_read(dir, "cgroup.controllers", &text) < 0 || strv_split(text, " \n", &v) < 0)
		return true; /* let the write report what is wrong */
	found = strv_contains(v, controller);
	strv_free(v);
	return found;
}

static int unavailable_v2(const char *controller, struct cgroup_error *e)
{
	return cgroup_error_set(e, -ENOENT,
				"cgroup2 controller \"%s\" is not available on this host (it is bound to cgroup v1)",
				controller);
}

/* Write one setting; PREFIX is "lxc.cgroup" or "lxc.cgroup2" for the messages. */
static int write_setting(const char *dir, const char *prefix, const char *key, const char *value,
			 struct cgroup_error *e)
{
	int ret = cg_write(dir, key, value);

	if (ret == -ENOENT)
		return cgroup_error_set(e, ret, "Unknown cgroup file \"%s.%s\": no \"%s/%s\"", prefix,
					key, dir, key);
	if (ret < 0)
		return cgroup_error_set(e, ret, "Failed to set \"%s.%s\" to \"%s\": %s", prefix, key,
					value, strerror(-ret));
	return 0;
}

static int apply_v1(struct cgroup_run *run, const struct conf_cgroup *conf, size_t *ignored,
		    struct cgroup_error *e)
{
	const struct conf_cgroup_list *l = conf_cgroup_settings(conf, CONF_CGROUP_V1);
	const struct conf_cgroup_item *it;

	conf_cgroup_foreach(l, it) {
		__do_free char *ctrl = strndup(it->key, it->controller_len), *dir = NULL;
		const struct cgroup_hierarchy *h;
		int ret;

		if (!ctrl)
			return cgroup_error_set(e, -ENOMEM, "Out of memory");
		if (run->host.layout == CGROUP_LAYOUT_UNIFIED) {
			(*ignored)++;
			continue;
		}
		h = cgroup_host_find(&run->host, ctrl, 1);
		if (!h)
			return cgroup_error_set(e, -ENOENT,
						"Failed to set \"lxc.cgroup.%s\": no cgroup v1 hierarchy with the \"%s\" controller is used",
						it->key, ctrl);
		dir = cg_run_dir(run, h, CGROUP_PAYLOAD, false);
		if (!dir)
			return cgroup_error_set(e, -ENOENT, "No container cgroup was created");
		ret = write_setting(dir, "lxc.cgroup", it->key, it->value, e);
		if (ret < 0)
			return ret;
		DEBUG("Set \"lxc.cgroup.%s\" to \"%s\"", it->key, it->value);
	}
	return 0;
}

static int attach_devices(struct cgroup_run *run, const struct cgroup_dev_list *dl,
			  struct cgroup_error *e)
{
	__do_free struct bpf_insn *insns = NULL;
	__do_free char *dir = NULL;
	__do_close int fd = -EBADF;
	size_t n = 0;
	int ret, prog;

	ret = cgroup_dev_prog_build(dl, &insns, &n);
	if (ret < 0)
		return cgroup_error_set(e, ret, "Out of memory");
	dir = cg_run_dir(run, &run->host.h[run->host.unified], CGROUP_PAYLOAD, false);
	if (!dir)
		return cgroup_error_set(e, -ENOENT, "No container cgroup was created");
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return cgroup_error_set(e, -errno, "Failed to open cgroup \"%s\": %s", dir,
					strerror(errno));
	prog = cgroup_dev_prog_attach(insns, n, fd);
	if (prog < 0)
		return cgroup_error_set(e, prog,
					"Failed to attach the cgroup2 device program to \"%s\": %s",
					dir, strerror(-prog));
	if (run->bpf_prog_fd >= 0)
		close(run->bpf_prog_fd);
	run->bpf_prog_fd = prog;
	return 0;
}

static int apply_v2(struct cgroup_run *run, const struct conf_cgroup *conf, size_t *ignored,
		    struct cgroup_error *e)
{
	const struct conf_cgroup_list *l = conf_cgroup_settings(conf, CONF_CGROUP_V2);
	struct cgroup_dev_list dl = { 0 };
	const struct conf_cgroup_item *it;
	bool devices = false;
	int ret = 0;

	conf_cgroup_foreach(l, it) {
		__do_free char *ctrl = strndup(it->key, it->controller_len), *dir = NULL;
		const struct cgroup_hierarchy *u;

		if (!ctrl) {
			ret = cgroup_error_set(e, -ENOMEM, "Out of memory");
			break;
		}
		if (run->host.unified < 0) {
			(*ignored)++;
			continue;
		}
		u = &run->host.h[run->host.unified];
		if (!strcmp(it->key, "devices.allow") || !strcmp(it->key, "devices.deny")) {
			struct cgroup_dev_rule r;

			ret = cgroup_dev_rule_parse(it->value, it->key[8] == 'a', &r);
			if (ret < 0) {
				ret = cgroup_error_set(e, ret, "Invalid device rule \"lxc.cgroup2.%s\" = \"%s\"",
						       it->key, it->value);
				break;
			}
			ret = cgroup_dev_list_add(&dl, &r);
			if (ret < 0)
				break;
			devices = true;
			continue;
		}
		if (strcmp(ctrl, "cgroup") && !cg_has_controller(u, ctrl) &&
		    bound_to_v1(&run->host, ctrl)) {
			ret = unavailable_v2(ctrl, e);
			break;
		}
		dir = cg_run_dir(run, u, CGROUP_PAYLOAD, false);
		if (!dir) {
			ret = cgroup_error_set(e, -ENOENT, "No container cgroup was created");
			break;
		}
		if (strcmp(ctrl, "cgroup") && !payload_has(dir, ctrl)) {
			ret = cgroup_error_set(e, -ENOENT,
					       "Failed to set \"lxc.cgroup2.%s\": the \"%s\" controller is not enabled in \"%s\"",
					       it->key, ctrl, dir);
			break;
		}
		ret = write_setting(dir, "lxc.cgroup2", it->key, it->value, e);
		if (ret < 0)
			break;
		DEBUG("Set \"lxc.cgroup2.%s\" to \"%s\"", it->key, it->value);
	}
	if (ret == 0 && devices)
		ret = attach_devices(run, &dl, e);
	cgroup_dev_list_free(&dl);
	return ret;
}

int cgroup_apply_limits(struct cgroup_run *run, const struct conf_cgroup *conf,
			size_t *ret_ignored, struct cgroup_error *e)
{
	size_t ignored = 0;
	int ret;

	ret = apply_v1(run, conf, &ignored, e);
	if (ret == 0)
		ret = apply_v2(run, conf, &ignored, e);
	if (ret_ignored)
		*ret_ignored = ignored;
	return ret;
}

/* The payload dir holding KEY ("memory.limit_in_bytes"): hierarchy by controller. */
static int item_dir(const struct cgroup_run *run, const char *key, char **ret,
		     struct cgroup_error *e)
{
	const char *dot = strchr(key, '.');
	__do_free char *ctrl = NULL, *dir = NULL;
	const struct cgroup_hierarchy *h;

	if (!dot || dot == key || !dot[1] || strchr(key, '/'))
		return cgroup_error_set(e, -EINVAL, "Invalid cgroup key \"%s\"", key);
	ctrl = strndup(key, (size_t)(dot - key));
	if (!ctrl)
		return cgroup_error_set(e, -ENOMEM, "Out of memory");
	h = cgroup_host_find(&run->host, ctrl, 0);
	if (!h && run->host.unified >= 0) {
		/* Core cgroup2 files named like a controller's (cpu.stat, memory.pressure) exist
		 * without the controller. */
		__do_free char *udir = cg_run_dir(run, &run->host.h[run->host.unified],
						  CGROUP_PAYLOAD, false);
		__do_free char *f = udir ? cg_path(udir, key) : NULL;

		if (f && file_exists(f))
			h = &run->host.h[run->host.unified];
	}
	if (!h) {
		if (run->host.forced && bound_to_v1(&run->host, ctrl))
			return unavailable_v2(ctrl, e);
		return cgroup_error_set(e, -ENOENT, "No cgroup hierarchy has the \"%s\" controller",
					ctrl);
	}
	dir = cg_run_dir(run, h, CGROUP_PAYLOAD, false);
	if (!dir)
		return cgroup_error_set(e, -ENOENT, "No container cgroup was created");
	*ret = take_ptr(dir);
	return 0;
}

int cgroup_get_item(const struct cgroup_run *run, const char *key, char **ret,
		    struct cgroup_error *e)
{
	__do_free char *dir = NULL, *buf = NULL;
	size_t len;
	int r = item_dir(run, key, &dir, e);

	if (r < 0)
		return r;
	r = cg_read(dir, key, &buf);
	if (r < 0)
		return cgroup_error_set(e, r, "Failed to read \"%s/%s\": %s", dir, key,
					strerror(-r));
	len = strlen(buf);
	while (len > 0 && buf[len - 1] == '\n')
		buf[--len] = '\0';
	*ret = take_ptr(buf);
	return 0;
}

int cgroup_set_item(const struct cgroup_run *run, const char *key, const char *value,
		    struct cgroup_error *e)
{
	__do_free char *dir = NULL;
	int r = item_dir(run, key, &dir, e);

	if (r < 0)
		return r;
	r = cg_write(dir, key, value);
	if (r < 0)
		return cgroup_error_set(e, r, "Failed to set \"%s\" to \"%s\": %s", key, value,
					strerror(-r));
	return 0;
}
