/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc.system.conf(5): the key table with its defaults, the "key = value" reader, and the
 * process-wide cache behind sysconf_get() and the exported lxc_get_global_config_item(). */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "base/cleanup.h"
#include "base/compiler.h"
#include "base/file.h"
#include "base/str.h"
#include "config/system/sysconf.h"
#include "log/log.h"

lxc_log_define(sysconf);

/* What an unprivileged user gets instead of the root default. */
enum user_default {
	USER_SAME,	/* the root default */
	USER_UNSET,	/* nothing */
	USER_DATA_LXC,	/* $HOME/.local/share/lxc */
	USER_DEFAULT_CONF, /* $XDG_CONFIG_HOME/lxc/default.conf (~/.config/lxc/default.conf) */
};

static const struct sysconf_key_def {
	const char *name;
	const char *root_default;
	enum user_default user;
} sysconf_keys[SYSCONF_NKEYS] = {
	[SYSCONF_DEFAULT_CONFIG] = { "lxc.default_config", LXC_DEFAULT_CONFIG, USER_DEFAULT_CONF },
	[SYSCONF_LXCPATH] = { "lxc.lxcpath", LXCPATH, USER_DATA_LXC },
	[SYSCONF_LVM_VG] = { "lxc.bdev.lvm.vg", LXC_DEFAULT_VG, USER_SAME },
	[SYSCONF_LVM_THIN_POOL] = { "lxc.bdev.lvm.thin_pool", LXC_DEFAULT_THINPOOL, USER_SAME },
	[SYSCONF_ZFS_ROOT] = { "lxc.bdev.zfs.root", LXC_DEFAULT_ZFSROOT, USER_SAME },
	[SYSCONF_RBD_POOL] = { "lxc.bdev.rbd.rbdpool", LXC_DEFAULT_RBDPOOL, USER_SAME },
	[SYSCONF_CGROUP_USE] = { "lxc.cgroup.use", NULL, USER_SAME },
	[SYSCONF_CGROUP_PATTERN] = { "lxc.cgroup.pattern", LXC_CGROUP_PATTERN, USER_UNSET },
};

const char *sysconf_key_name(int key)
{
	if (key < 0 || key >= SYSCONF_NKEYS)
		return NULL;
	return sysconf_keys[key].name;
}

int sysconf_key_lookup(const char *name)
{
	for (int i = 0; name && i < SYSCONF_NKEYS; i++)
		if (strcmp(name, sysconf_keys[i].name) == 0)
			return i;
	return -EINVAL;
}

void sysconf_env_current(struct sysconf_env *env)
{
	const char *home = getenv("HOME");

	*env = (struct sysconf_env){
		.root = geteuid() == 0,
		.home = home && *home ? home : "/",
		.xdg_config_home = getenv("XDG_CONFIG_HOME"),
		.xdg_runtime_dir = getenv("XDG_RUNTIME_DIR"),
		.global_conf = getenv("LXC_GLOBAL_CONF"),
	};
}

static void strip_trailing_slashes(char *s)
{
	size_t len = strlen(s);

	while (len > 1 && s[len - 1] == '/')
		s[--len] = '\0';
}

/* DIR/SUFFIX without a doubled slash when DIR is "/". */
static char *join(const char *dir, const char *suffix)
{
	struct strbuf sb = {};

	if (strbuf_printf(&sb, "%s%s%s", dir, str_ends_with(dir, "/") ? "" : "/", suffix) < 0)
		return NULL;
	return strbuf_take(&sb);
}

/* $XDG_CONFIG_HOME when set and absolute (the XDG rule), else $HOME/.config; plus suffix. */
static char *user_config_path(const struct sysconf_env *env, const char *suffix)
{
	__do_free char *dir = NULL;

	if (env->xdg_config_home && env->xdg_config_home[0] == '/')
		return join(env->xdg_config_home, suffix);
	dir = join(env->home, ".config");
	return dir ? join(dir, suffix) : NULL;
}

static int default_value(const struct sysconf_key_def *def, const struct sysconf_env *env,
			 char **ret)
{
	enum user_default how = env->root ? USER_SAME : def->user;

	*ret = NULL;
	switch (how) {
	case USER_SAME:
		if (def->root_default && *def->root_default)
			*ret = strdup(def->root_default);
		else
			return 0;
		break;
	case USER_UNSET:
		return 0;
	case USER_DATA_LXC:
		*ret = join(env->home, ".local/share/lxc");
		break;
	case USER_DEFAULT_CONF:
		*ret = user_config_path(env, "lxc/default.conf");
		break;
	}
	return *ret ? 0 : -ENOMEM;
}

void sysconf_free(struct sysconf *sc)
{
	for (int i = 0; i < SYSCONF_NKEYS; i++)
		free_disarm(sc->values[i]);
}

int sysconf_init(struct sysconf *sc, const struct sysconf_env *env)
{
	*sc = (struct sysconf){};
	for (int i = 0; i < SYSCONF_NKEYS; i++) {
		int ret = default_value(&sysconf_keys[i], env, &sc->values[i]);

		if (ret < 0) {
			sysconf_free(sc);
			return ret;
		}
		if (i == SYSCONF_LXCPATH && sc->values[i])
			strip_trailing_slashes(sc->values[i]);
	}
	return 0;
}

int sysconf_file_path(const struct sysconf_env *env, char **ret)
{
	char *path;

	if (env->global_conf && *env->global_conf)
		path = strdup(env->global_conf);
	else if (env->root)
		path = strdup(LXC_GLOBAL_CONF);
	else
		path = user_config_path(env, "lxc/lxc.conf");
	if (!path)
		return -ENOMEM;
	*ret = path;
	return 0;
}

static const char *closest_key(const char *key)
{
	const char *best = NULL;
	size_t best_dist = 4;

	for (int i = 0; i < SYSCONF_NKEYS; i++) {
		size_t d = str_distance(key, sysconf_keys[i].name, best_dist - 1);

		if (d < best_dist) {
			best_dist = d;
			best = sysconf_keys[i].name;
		}
	}
	return best;
}

static int unknown_key(struct conf_diag *diag, const char *key)
{
	const char *hint = closest_key(key);

	conf_diag_set(diag, -EINVAL, key, "Unknown key \"%s\"", key);
	if (diag && hint && diag->hint[0] == '\0')
		snprintf(diag->hint, sizeof(diag->hint), "%s", hint);
	return -EINVAL;
}

/* One line into next[]; blank and comment lines are fine. */
static int parse_line(char *line, char **next, struct conf_diag *diag)
{
	char *eq, *key, *value;
	int idx;

	str_trim(line);
	if (line[0] == '\0' || line[0] == '#')
		return 0;
	eq = strchr(line, '=');
	if (!eq)
		return conf_diag_set(diag, -EINVAL, line,
				     "Invalid line \"%s\": expected \"key = value\"", line);
	*eq = '\0';
	key = str_trim(line);
	value = str_trim(eq + 1);
	idx = sysconf_key_lookup(key);
	if (idx < 0)
		return unknown_key(diag, key);
	if (*value == '\0')
		return 0;
	if (idx == SYSCONF_LXCPATH)
		strip_trailing_slashes(value);
	free(next[idx]);
	next[idx] = strdup(value);
	return next[idx] ? 0 : -ENOMEM;
}

int sysconf_parse(struct sysconf *sc, const char *text, const char *name, struct conf_diag *diag)
{
	__do_free char *copy = strdup(text ? text : "");
	char *next[SYSCONF_NKEYS] = {};
	unsigned int lineno = 0;
	char *saveptr = NULL, *line, *cursor;
	int ret = 0;

	if (!copy)
		return -ENOMEM;
	/* strtok_r would skip empty lines and so miscount them: split by hand. */
	for (cursor = copy; cursor && ret == 0; cursor = saveptr) {
		line = cursor;
		saveptr = strchr(cursor, '\n');
		if (saveptr)
			*saveptr++ = '\0';
		lineno++;
		ret = parse_line(line, next, diag);
	}
	if (ret < 0) {
		if (diag && diag->err) {
			snprintf(diag->file, sizeof(diag->file), "%s", name ? name : "");
			diag->line = lineno;
		}
		for (int i = 0; i < SYSCONF_NKEYS; i++)
			free(next[i]);
		return ret;
	}
	for (int i = 0; i < SYSCONF_NKEYS; i++) {
		if (!next[i])
			continue;
		free(sc->values[i]);
		sc->values[i] = next[i];
	}
	return 0;
}

int sysconf_load_file(struct sysconf *sc, const char *path, struct conf_diag *diag)
{
	__do_free char *text = NULL;
	int ret;

	ret = file_read_all(path, &text, NULL);
	if (ret == -ENOENT || ret == -ENOTDIR)
		return 0;
	if (ret < 0) {
		conf_diag_set(diag, ret, NULL, "Failed to read \"%s\": %s", path, strerror(-ret));
		return ret;
	}
	return sysconf_parse(sc, text, path, diag);
}

/* The cache: loaded once; on a broken lxc.conf, cache_err keeps the error for every caller.
 * Caches dropped by sysconf_reset_cache() stay on the retired list: their strings may still be
 * in use. */
struct cached_sysconf {
	struct sysconf sc;
	struct cached_sysconf *retired;
};

static pthread_mutex_t cache_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct cached_sysconf *cache, *retired;
static int cache_err;

static void cache_lock(void)
{
	pthread_mutex_lock(&cache_mutex);
}

static void cache_unlock(void)
{
	pthread_mutex_unlock(&cache_mutex);
}

/* No thread holds the cache lock across fork(), so the child can read the cache. */
__attribute__((constructor)) static void cache_register_atfork(void)
{
	pthread_atfork(cache_lock, cache_unlock, cache_unlock);
}

static int cache_load(void)
{
	struct sysconf_env env;
	struct conf_diag diag = {};
	__do_free char *path = NULL;
	struct cached_sysconf *c;
	struct sysconf *sc;
	char msg[2048];
	int ret;

	sysconf_env_current(&env);
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	sc = &c->sc;
	ret = sysconf_init(sc, &env);
	if (ret == 0)
		ret = sysconf_file_path(&env, &path);
	if (ret == 0)
		ret = sysconf_load_file(sc, path, &diag);
	if (ret < 0) {
		sysconf_free(sc);
		free(c);
		if (ret == -ENOMEM)
			return ret;	/* not remembered: may work next time */
		conf_diag_format(&diag, msg, sizeof(msg));
		ERROR("%s", msg);
		cache_err = ret;
		return ret;
	}
	cache = c;
	return 0;
}

int sysconf_peek(const char *key, const char **ret)
{
	int idx = sysconf_key_lookup(key);
	int err = 0;

	if (idx < 0)
		return -EINVAL;
	cache_lock();
	if (!cache && !cache_err)
		err = cache_load();
	else if (!cache)
		err = cache_err;
	if (err == 0)
		*ret = cache->sc.values[idx];
	cache_unlock();
	return err;
}

int sysconf_get(const char *key, char **ret)
{
	const char *value;
	int err;

	err = sysconf_peek(key, &value);
	if (err < 0)
		return err;
	*ret = NULL;
	if (value && !(*ret = strdup(value)))
		return -ENOMEM;
	return 0;
}

void sysconf_reset_cache(void)
{
	cache_lock();
	if (cache) {
		cache->retired = retired;
		retired = cache;
	}
	cache = NULL;
	cache_err = 0;
	cache_unlock();
}

LXC_EXPORT const char *lxc_get_global_config_item(const char *key)
{
	const char *value = NULL;
	int err;

	err = sysconf_peek(key, &value);
	if (err < 0) {
		errno = -err;
		return NULL;
	}
	errno = 0;	/* NULL with errno 0: a known key without a value */
	return value;
}
