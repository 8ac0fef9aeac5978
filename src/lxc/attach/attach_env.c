/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The attached process's environment: keep or clear the caller's (keeping the listed names
 * and, when not kept, a default PATH), then lxc.environment, the extra "NAME=VALUE" variables
 * and container=lxc, in that order (later wins). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "attach/attach_internal.h"
#include "base/cleanup.h"
#include "base/str.h"
#include "config/conf.h"

#define ATTACH_DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

static int put_var(const char *nv)
{
	__do_free char *name = NULL;
	const char *eq = strchr(nv, '=');

	if (!eq || eq == nv)
		return -EINVAL;
	name = strndup(nv, eq - nv);
	if (!name)
		return -ENOMEM;
	return setenv(name, eq + 1, 1) < 0 ? -errno : 0;
}

static int clear_env(char **keep)
{
	__do_free char **saved = NULL;
	size_t n = strv_len(keep), k = 0;
	bool path_kept = false;
	int ret = 0;

	saved = calloc(n + 1, sizeof(*saved));
	if (!saved)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		const char *v = getenv(keep[i]);

		if (!v)
			continue;
		if (strcmp(keep[i], "PATH") == 0)
			path_kept = true;
		if (asprintf(&saved[k], "%s=%s", keep[i], v) < 0) {
			saved[k] = NULL;
			strv_free(take_ptr(saved));
			return -ENOMEM;
		}
		k++;
	}
	clearenv();
	for (size_t i = 0; i < k && ret == 0; i++)
		ret = put_var(saved[i]);
	strv_free(take_ptr(saved));
	if (ret == 0 && !path_kept && setenv("PATH", ATTACH_DEFAULT_PATH, 1) < 0)
		ret = -errno;
	return ret;
}

int attach_set_env(const lxc_attach_options_t *o, const struct lxc_conf *conf)
{
	int ret;

	if (o->env_policy == LXC_ATTACH_CLEAR_ENV) {
		ret = clear_env(o->extra_keep_env);
		if (ret < 0)
			return ret;
	}
	for (char **e = conf ? conf->proc.environment : NULL; e && *e; e++) {
		ret = put_var(*e);
		if (ret < 0)
			return ret;
	}
	for (char **e = o->extra_env_vars; e && *e; e++) {
		ret = put_var(*e);
		if (ret < 0)
			return ret;
	}
	return setenv("container", "lxc", 1) < 0 ? -errno : 0;
}
