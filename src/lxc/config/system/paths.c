/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Runtime, lock and installed directories, with the environment overrides documented in
 * paths.h. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "base/str.h"
#include "config/system/paths.h"

int paths_rundir_for(const struct sysconf_env *env, char **ret)
{
	struct strbuf sb = {};
	int err;

	if (env->root)
		err = strbuf_printf(&sb, "%s/lxc", LXC_RUNTIME_PATH);
	else if (env->xdg_runtime_dir && *env->xdg_runtime_dir)
		err = strbuf_printf(&sb, "%s/lxc", env->xdg_runtime_dir);
	else
		err = strbuf_printf(&sb, "%s%s.cache/lxc/run/lxc", env->home,
				    str_ends_with(env->home, "/") ? "" : "/");
	if (err < 0)
		return err;
	*ret = strbuf_take(&sb);
	return *ret ? 0 : -ENOMEM;
}

int paths_rundir(char **ret)
{
	struct sysconf_env env;

	sysconf_env_current(&env);
	return paths_rundir_for(&env, ret);
}

int paths_lockdir_for(const struct sysconf_env *env, char **ret)
{
	char *rundir = NULL;
	struct strbuf sb = {};
	int err;

	err = paths_rundir_for(env, &rundir);
	if (err < 0)
		return err;
	err = strbuf_printf(&sb, "%s/lock", rundir);
	free(rundir);
	if (err < 0)
		return err;
	*ret = strbuf_take(&sb);
	return *ret ? 0 : -ENOMEM;
}

int paths_lockdir(char **ret)
{
	struct sysconf_env env;

	sysconf_env_current(&env);
	return paths_lockdir_for(&env, ret);
}

static const char *env_or(const char *var, const char *fallback)
{
	const char *v = getenv(var);

	return v && *v ? v : fallback;
}

const char *paths_templatedir(void)
{
	return env_or("LXC_TEMPLATE_DIR", LXC_TEMPLATEDIR);
}

const char *paths_configdir(void)
{
	return env_or("LXC_CONFIG_DIR", LXC_CONFIGDIR);
}

const char *paths_hookdir(void)
{
	return env_or("LXC_HOOK_DIR", LXC_HOOKDIR);
}

const char *paths_libexecdir(void)
{
	return env_or("LXC_LIBEXEC_DIR", LXC_LIBEXECDIR);
}

static const char *peek_or_null(const char *key)
{
	const char *value = NULL;
	int err = sysconf_peek(key, &value);

	if (err < 0) {
		errno = -err;
		return NULL;
	}
	return value;
}

const char *paths_default_lxcpath(void)
{
	return peek_or_null("lxc.lxcpath");
}

const char *paths_default_config(void)
{
	return peek_or_null("lxc.default_config");
}
