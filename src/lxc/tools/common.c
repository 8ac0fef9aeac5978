/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Helpers shared by the tools (see common.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "tools/common.h"

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
