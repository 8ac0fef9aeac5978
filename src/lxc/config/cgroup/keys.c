/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The cgroup key family: lxc.cgroup.<controller>.<file> and lxc.cgroup2.<controller>.<file>
 * (ordered lists, repeated lines append), the lxc.cgroup.dir* placement keys and
 * lxc.cgroup.relative. */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/cleanup.h"
#include "config/cgroup/cgroup.h"
#include "config/conf.h"
#include "config/keys.h"
#include "config/values.h"

#define CG_V1	      ((const void *)(uintptr_t)CONF_CGROUP_V1)
#define CG_V2	      ((const void *)(uintptr_t)CONF_CGROUP_V2)
#define CG_DIR(field) ((const void *)offsetof(struct conf_cgroup, field))

static const char *const dir_keys[] = {
	"lxc.cgroup.dir",	  "lxc.cgroup.dir.container",	  "lxc.cgroup.dir.container.inner",
	"lxc.cgroup.dir.monitor", "lxc.cgroup.dir.monitor.pivot",
};

static enum conf_cgroup_version key_version(const struct conf_key *k)
{
	return (enum conf_cgroup_version)(uintptr_t)k->data;
}

/* "lxc.cgroup.memory.max" under "lxc.cgroup" -> "memory.max"; the family key itself -> "";
 * NULL when key is not under the family. */
static const char *sub_key(const struct conf_key *k, const char *key)
{
	size_t n = strlen(k->name);

	if (strncmp(key, k->name, n) != 0)
		return NULL;
	if (key[n] == '\0')
		return key + n;
	return key[n] == '.' ? key + n + 1 : NULL;
}

/* controller.file[.more]: at least two parts, none empty, no '/', no blanks, no '='. */
static bool controller_key_valid(const char *sub)
{
	if (!*sub || !strchr(sub, '.') || sub[0] == '.' || sub[strlen(sub) - 1] == '.')
		return false;
	if (strstr(sub, ".."))
		return false;
	return strpbrk(sub, "/ \t\n=") == NULL;
}

static void suggest_dir_key(const char *key, struct conf_diag *diag)
{
	size_t best = (size_t)-1;
	const char *hint = NULL;

	for (size_t i = 0; i < ARRAY_SIZE(dir_keys); i++) {
		size_t d = str_distance(key, dir_keys[i], 8);

		if (d < best) {
			best = d;
			hint = dir_keys[i];
		}
	}
	if (diag && hint && best <= 8 && !diag->hint[0])
		snprintf(diag->hint, sizeof(diag->hint), "%s", hint);
}

static int set_controller(const struct conf_key *k, const char *key, const char *value,
			  struct lxc_conf *conf, struct conf_diag *diag)
{
	enum conf_cgroup_version v = key_version(k);
	const char *sub = sub_key(k, key);

	if (!sub)
		return conf_diag_set(diag, -EINVAL, key, "Invalid key \"%s\"", key);
	/* An empty value empties the list: all of it for the family key, else that key's. */
	if (!*value) {
		conf_cgroup_remove(&conf->cgroup, v, *sub ? sub : NULL);
		return 0;
	}
	if (v == CONF_CGROUP_V1 && str_starts_with(sub, "dir.")) {
		conf_diag_set(diag, -EINVAL, key, "Unknown cgroup directory key \"%s\"", key);
		suggest_dir_key(key, diag);
		return -EINVAL;
	}
	if (!controller_key_valid(sub))
		return conf_diag_set(diag, -EINVAL, key,
				     "Invalid key \"%s\": expected %s.<controller>.<file>", key,
				     k->name);
	if (strchr(value, '\n'))
		return conf_invalid(diag, key, value, "a single-line value");
	return conf_cgroup_append(&conf->cgroup, v, sub, value);
}

/* The family key prints "lxc.cgroup.K = V\n" lines. One controller key prints its bare value,
 * as LXC does (python3-lxc turns a value ending in "\n" into a list); a key given several times
 * prints its values joined by "\n", without a trailing one. */
static int get_controller(const struct conf_key *k, const char *key, struct strbuf *out,
			  const struct lxc_conf *conf)
{
	const struct conf_cgroup_list *l = conf_cgroup_settings(&conf->cgroup, key_version(k));
	const char *sub = sub_key(k, key);
	const struct conf_cgroup_item *it;
	bool first = true;
	int ret = 0;

	if (!sub)
		return -ENOENT;
	conf_cgroup_foreach(l, it) {
		if (!*sub) {
			ret = strbuf_printf(out, "%s.%s = %s\n", k->name, it->key, it->value);
		} else if (strcmp(it->key, sub) == 0) {
			ret = strbuf_printf(out, "%s%s", first ? "" : "\n", it->value);
			first = false;
		}
		if (ret < 0)
			return ret;
	}
	return 0;
}

static int clear_controller(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	const char *sub = sub_key(k, key);

	if (!sub)
		return -ENOENT;
	conf_cgroup_remove(&conf->cgroup, key_version(k), *sub ? sub : NULL);
	return 0;
}

/* get_keys("lxc.cgroup"): the fixed sub-keys, then each configured controller key once. */
static int list_controller(const struct conf_key *k, const char *key, struct strbuf *out,
			   const struct lxc_conf *conf)
{
	const struct conf_cgroup_list *l = conf_cgroup_settings(&conf->cgroup, key_version(k));
	size_t plen = strlen("lxc.cgroup.");
	int ret;

	if (strcmp(key, k->name) != 0)
		return 0;
	if (key_version(k) == CONF_CGROUP_V1) {
		for (size_t i = 0; i < ARRAY_SIZE(dir_keys); i++) {
			ret = strbuf_printf(out, "%s\n", dir_keys[i] + plen);
			if (ret < 0)
				return ret;
		}
		ret = strbuf_append(out, "relative\n");
		if (ret < 0)
			return ret;
	}
	for (size_t i = 0; i < l->n; i++) {
		bool seen = false;

		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(l->items[j].key, l->items[i].key) == 0;
		if (seen)
			continue;
		ret = strbuf_printf(out, "%s\n", l->items[i].key);
		if (ret < 0)
			return ret;
	}
	return 0;
}

static char **dir_field(const struct conf_key *k, struct lxc_conf *conf)
{
	return (char **)((char *)&conf->cgroup + (uintptr_t)k->data);
}

/* A relative path that stays below its starting point: no leading '/', no ".." part. */
static bool relative_path_valid(const char *value)
{
	const char *p = value;

	if (value[0] == '/' || strchr(value, '\n'))
		return false;
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return false;
		p += n;
		p += strspn(p, "/");
	}
	return true;
}

static int set_dir(const struct conf_key *k, const char *key, const char *value,
		   struct lxc_conf *conf, struct conf_diag *diag)
{
	if (*value && !relative_path_valid(value))
		return conf_invalid(diag, key, value, "a relative path without \"..\" components");
	return conf_set_str(dir_field(k, conf), value);
}

static int get_dir(const struct conf_key *k, const char *key, struct strbuf *out,
		   const struct lxc_conf *conf)
{
	return conf_put_str(out, *dir_field(k, (struct lxc_conf *)conf));
}

static int clear_dir(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	return conf_set_str(dir_field(k, conf), NULL);
}

static int set_relative(const struct conf_key *k, const char *key, const char *value,
			struct lxc_conf *conf, struct conf_diag *diag)
{
	bool v = false;

	if (*value && conf_parse_bool01(key, value, &v, diag) < 0)
		return -EINVAL;
	conf->cgroup.relative = v;
	return 0;
}

static int get_relative(const struct conf_key *k, const char *key, struct strbuf *out,
			const struct lxc_conf *conf)
{
	return conf_put_bool01(out, conf->cgroup.relative);
}

static int clear_relative(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	conf->cgroup.relative = false;
	return 0;
}

#define DIR_KEY(n, field)                                                                          \
	{                                                                                          \
		.name = n, .set = set_dir, .get = get_dir, .clear = clear_dir,                     \
		.data = CG_DIR(field), .syntax = "a relative path without \"..\" components"       \
	}

static const struct conf_key cgroup_keys[] = {
	{.name = "lxc.cgroup",
	 .flags = CONF_KEY_PREFIX | CONF_KEY_LIST,
	 .set = set_controller,
	 .get = get_controller,
	 .clear = clear_controller,
	 .list = list_controller,
	 .data = CG_V1,
	 .syntax = "lxc.cgroup.<controller>.<file> = <value>"},
	{.name = "lxc.cgroup2",
	 .flags = CONF_KEY_PREFIX | CONF_KEY_LIST,
	 .set = set_controller,
	 .get = get_controller,
	 .clear = clear_controller,
	 .list = list_controller,
	 .data = CG_V2,
	 .syntax = "lxc.cgroup2.<controller>.<file> = <value>"},
	DIR_KEY("lxc.cgroup.dir", dir),
	DIR_KEY("lxc.cgroup.dir.container", dir_container),
	DIR_KEY("lxc.cgroup.dir.container.inner", dir_container_inner),
	DIR_KEY("lxc.cgroup.dir.monitor", dir_monitor),
	DIR_KEY("lxc.cgroup.dir.monitor.pivot", dir_monitor_pivot),
	{.name = "lxc.cgroup.relative",
	 .set = set_relative,
	 .get = get_relative,
	 .clear = clear_relative,
	 .syntax = "0 or 1"},
};

const struct conf_key_table conf_table_cgroup = {cgroup_keys, ARRAY_SIZE(cgroup_keys)};
