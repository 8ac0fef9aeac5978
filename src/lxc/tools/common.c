/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Helpers shared by the tools (see common.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "tools/arguments.h"
#include "tools/common.h"

static const char *const share_keys[LXC_TOOL_NSHARE] = {
	"lxc.namespace.share.net",
	"lxc.namespace.share.ipc",
	"lxc.namespace.share.uts",
	"lxc.namespace.share.pid",
};

int lxc_tool_add_define(const struct lxc_arguments *args, struct lxc_tool_overrides *o,
			char *arg)
{
	char **defs;

	if (!strchr(arg, '=') || arg[0] == '=') {
		lxc_arguments_error(args, "Invalid definition \"%s\": expected KEY=VAL", arg);
		return -1;
	}
	defs = realloc(o->defines, (o->ndefines + 1) * sizeof(*defs));
	if (!defs) {
		lxc_arguments_error(args, "Out of memory");
		return -1;
	}
	defs[o->ndefines++] = arg;
	o->defines = defs;
	return 0;
}

int lxc_tool_apply_overrides(struct lxc_container *c, const struct lxc_tool_overrides *o)
{
	for (int i = 0; i < o->ndefines; i++) {
		char *eq = strchr(o->defines[i], '=');
		bool ok;

		*eq = '\0';
		ok = c->set_config_item(c, o->defines[i], eq + 1);
		*eq = '=';
		if (!ok)
			return -1;
	}
	for (int i = 0; i < LXC_TOOL_NSHARE; i++)
		if (o->share[i] && !c->set_config_item(c, share_keys[i], o->share[i]))
			return -1;
	return 0;
}

void lxc_tool_overrides_free(struct lxc_tool_overrides *o)
{
	free(o->defines);
	o->defines = NULL;
	o->ndefines = 0;
}

char *lxc_tool_config_item(struct lxc_container *c, const char *key, bool running)
{
	char *val;
	int len;

	if (running)
		return c->get_running_config_item(c, key);
	len = c->get_config_item(c, key, NULL, 0);
	if (len <= 0)
		return NULL;
	val = calloc((size_t)len + 1, 1);
	if (val && c->get_config_item(c, key, val, len + 1) != len) {
		free(val);
		val = NULL;
	}
	return val;
}

static bool cgroup_unsupported;

char *lxc_tool_cgroup_item(struct lxc_container *c, const char *item)
{
	char *val;
	int len;

	if (cgroup_unsupported)
		return NULL;
	len = c->get_cgroup_item(c, item, NULL, 0);
	if (len < 0 && c->error_num == ENOSYS)
		cgroup_unsupported = true;
	if (len <= 0)
		return NULL;
	val = calloc((size_t)len + 1, 1);
	if (val && c->get_cgroup_item(c, item, val, len + 1) < 0) {
		free(val);
		val = NULL;
	}
	return val;
}

bool lxc_tool_cgroup2_host(void)
{
	return access("/sys/fs/cgroup/cgroup.controllers", F_OK) == 0;
}

void lxc_tool_strv_free(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

char **lxc_tool_split_lines(char *text)
{
	char **v = NULL, *save = NULL;
	size_t n = 0;

	if (!text)
		return NULL;
	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char **nv = realloc(v, (n + 2) * sizeof(*v));

		if (!nv)
			break;
		v = nv;
		v[n] = strdup(l);
		if (!v[n])
			break;
		v[++n] = NULL;
	}
	free(text);
	return v;
}

int lxc_tool_run_method(const struct lxc_arguments *args,
			bool (*call)(struct lxc_container *c), const char *verb)
{
	struct lxc_container *c = lxc_arguments_open_container(args, LXC_OPEN_MAY_CONTROL);
	int ret = EXIT_SUCCESS;

	if (!c)
		return EXIT_FAILURE;
	if (!call(c)) {
		/* The library has already reported why on stderr. */
		if (!c->error_string)
			lxc_arguments_error(args, "Failed to %s %s", verb, c->name);
		ret = EXIT_FAILURE;
	}
	lxc_container_put(c);
	return ret;
}
