/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The file system key family: lxc.rootfs.*, lxc.mount.* and lxc.autodev*. "lxc.rootfs" and
 * "lxc.mount" are family keys for get/clear/get_keys only; their get prints every key that is
 * not at its default as "KEY = VALUE" lines. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "config/conf.h"
#include "config/fs/fs.h"
#include "config/keys.h"
#include "config/values.h"

typedef int (*check_fn)(const char *key, const char *value, struct conf_diag *diag);

/* A string key of struct conf_fs: where it lives and how a non-empty value is checked. */
struct str_key {
	size_t off;
	check_fn check;
};

static char **str_field(const struct conf_key *k, struct lxc_conf *conf)
{
	const struct str_key *sk = k->data;

	return (char **)((char *)&conf->fs + sk->off);
}

static int check_rootfs_path(const char *key, const char *value, struct conf_diag *diag)
{
	struct conf_rootfs_spec spec;
	const char *why;

	if (conf_rootfs_parse_path(value, &spec, &why) < 0)
		return conf_invalid(diag, key, value, why);
	return 0;
}

static int check_abspath(const char *key, const char *value, struct conf_diag *diag)
{
	if (strchr(value, '\n'))
		return conf_invalid(diag, key, value, "an absolute path");
	return conf_parse_abspath(key, value, diag);
}

static int check_path(const char *key, const char *value, struct conf_diag *diag)
{
	if (strchr(value, '\n'))
		return conf_invalid(diag, key, value, "a path");
	return 0;
}

static int set_str(const struct conf_key *k, const char *key, const char *value,
		   struct lxc_conf *conf, struct conf_diag *diag)
{
	const struct str_key *sk = k->data;

	if (*value && sk->check && sk->check(key, value, diag) < 0)
		return -EINVAL;
	return conf_set_str(str_field(k, conf), value);
}

static int get_str(const struct conf_key *k, const char *key, struct strbuf *out,
		   const struct lxc_conf *conf)
{
	return conf_put_str(out, *str_field(k, (struct lxc_conf *)conf));
}

static int clear_str(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	return conf_set_str(str_field(k, conf), NULL);
}

static int set_rootfs_options(const struct conf_key *k, const char *key, const char *value,
			      struct lxc_conf *conf, struct conf_diag *diag)
{
	struct conf_rootfs *r = &conf->fs.rootfs;
	__do_free char *idmap = NULL, *copy = NULL;
	const char *why;
	int ret;

	if (*value) {
		ret = conf_rootfs_parse_options(value, &idmap, &why);
		if (ret == -EINVAL)
			return conf_invalid(diag, key, value, why);
		if (ret < 0)
			return ret;
		copy = strdup(value);
		if (!copy)
			return -ENOMEM;
	}
	free(r->options);
	free(r->idmap);
	r->options = take_ptr(copy);
	r->idmap = take_ptr(idmap);
	return 0;
}

static int clear_rootfs_options(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	return set_rootfs_options(k, key, "", conf, NULL);
}

/* Booleans with a default of 1 or 0, located by offset. */
struct bool_key {
	size_t off;
	bool def;
};

static bool *bool_field(const struct conf_key *k, struct lxc_conf *conf)
{
	const struct bool_key *bk = k->data;

	return (bool *)((char *)&conf->fs + bk->off);
}

static int set_bool(const struct conf_key *k, const char *key, const char *value,
		    struct lxc_conf *conf, struct conf_diag *diag)
{
	const struct bool_key *bk = k->data;
	bool v = bk->def;

	if (*value && conf_parse_bool01(key, value, &v, diag) < 0)
		return -EINVAL;
	*bool_field(k, conf) = v;
	return 0;
}

static int get_bool(const struct conf_key *k, const char *key, struct strbuf *out,
		    const struct lxc_conf *conf)
{
	return conf_put_bool01(out, *bool_field(k, (struct lxc_conf *)conf));
}

static int clear_bool(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	const struct bool_key *bk = k->data;

	*bool_field(k, conf) = bk->def;
	return 0;
}

static int set_entry(const struct conf_key *k, const char *key, const char *value,
		     struct lxc_conf *conf, struct conf_diag *diag)
{
	struct conf_mount_entry e;
	const char *why;
	int ret;

	if (!*value) {
		conf_mount_list_clear(&conf->fs.entries);
		return 0;
	}
	ret = conf_mount_entry_parse(value, &e, &why);
	if (ret == -EINVAL)
		return conf_invalid(diag, key, value, why);
	if (ret < 0)
		return ret;
	ret = conf_mount_list_push(&conf->fs.entries, &e);
	conf_mount_entry_free(&e);
	return ret;
}

static int get_entry(const struct conf_key *k, const char *key, struct strbuf *out,
		     const struct lxc_conf *conf)
{
	const struct conf_mount_list *l = &conf->fs.entries;

	for (size_t i = 0; i < l->n; i++) {
		int ret = strbuf_printf(out, "%s\n", l->items[i].line);

		if (ret < 0)
			return ret;
	}
	return 0;
}

static int clear_entry(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	conf_mount_list_clear(&conf->fs.entries);
	return 0;
}

static int set_auto(const struct conf_key *k, const char *key, const char *value,
		    struct lxc_conf *conf, struct conf_diag *diag)
{
	__do_free char *bad = NULL;
	const char *why;
	int ret;

	if (!*value) {
		conf_mount_auto_reset(&conf->fs.autos);
		return 0;
	}
	ret = conf_mount_auto_apply(&conf->fs.autos, value, &bad, &why);
	if (ret == -EINVAL)
		return conf_invalid(diag, key, bad ? bad : value, why);
	return ret;
}

static int get_auto(const struct conf_key *k, const char *key, struct strbuf *out,
		    const struct lxc_conf *conf)
{
	return conf_mount_auto_format(&conf->fs.autos, out);
}

static int clear_auto(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	conf_mount_auto_reset(&conf->fs.autos);
	return 0;
}

static int set_tmpfs_size(const struct conf_key *k, const char *key, const char *value,
			  struct lxc_conf *conf, struct conf_diag *diag)
{
	int v = -1;

	if (*value && conf_parse_int(key, value, 0, INT_MAX, &v, diag) < 0)
		return -EINVAL;
	conf->fs.autodev_tmpfs_size = v;
	return 0;
}

/* The effective size: unset and 0 print the default (500000), like any numeric key. */
static int get_tmpfs_size(const struct conf_key *k, const char *key, struct strbuf *out,
			  const struct lxc_conf *conf)
{
	return conf_put_int(out, conf_fs_autodev_tmpfs_size(&conf->fs));
}

static int clear_tmpfs_size(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	conf->fs.autodev_tmpfs_size = -1;
	return 0;
}

/* Family keys: "KEY = VALUE\n" for each member not at its default. */
static int put_line(struct strbuf *out, const char *key, const char *value)
{
	return value ? strbuf_printf(out, "%s = %s\n", key, value) : 0;
}

static int get_rootfs(const struct conf_key *k, const char *key, struct strbuf *out,
		      const struct lxc_conf *conf)
{
	const struct conf_rootfs *r = &conf->fs.rootfs;
	int ret;

	if ((ret = put_line(out, "lxc.rootfs.path", r->path)) < 0 ||
	    (ret = put_line(out, "lxc.rootfs.mount", r->mount)) < 0 ||
	    (ret = put_line(out, "lxc.rootfs.options", r->options)) < 0)
		return ret;
	if ((ret = put_line(out, "lxc.rootfs.managed", r->managed ? NULL : "0")) < 0)
		return ret;
	return put_line(out, "lxc.rootfs.readonly", r->readonly ? "1" : NULL);
}

static int clear_rootfs(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	conf_rootfs_reset(&conf->fs.rootfs);
	return 0;
}

static int get_mount(const struct conf_key *k, const char *key, struct strbuf *out,
		     const struct lxc_conf *conf)
{
	const struct conf_fs *fs = &conf->fs;
	int ret = put_line(out, "lxc.mount.fstab", fs->fstab);

	for (size_t i = 0; ret >= 0 && i < fs->entries.n; i++)
		ret = put_line(out, "lxc.mount.entry", fs->entries.items[i].line);
	if (ret < 0 || !(fs->autos.mask & CONF_AUTO_ALL_MASK))
		return ret;
	if ((ret = strbuf_append(out, "lxc.mount.auto = ")) < 0 ||
	    (ret = conf_mount_auto_format(&fs->autos, out)) < 0)
		return ret;
	return strbuf_append(out, "\n");
}

static int clear_mount(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	free_disarm(conf->fs.fstab);
	conf_mount_list_clear(&conf->fs.entries);
	conf_mount_auto_reset(&conf->fs.autos);
	return 0;
}

static int list_subkeys(const struct conf_key *k, const char *key, struct strbuf *out,
			const struct lxc_conf *conf)
{
	return strbuf_append(out, k->data);
}

static const struct str_key sk_path = {offsetof(struct conf_fs, rootfs.path), check_rootfs_path};
static const struct str_key sk_mount = {offsetof(struct conf_fs, rootfs.mount), check_abspath};
static const struct str_key sk_fstab = {offsetof(struct conf_fs, fstab), check_path};
static const struct bool_key bk_managed = {offsetof(struct conf_fs, rootfs.managed), true};
static const struct bool_key bk_readonly = {offsetof(struct conf_fs, rootfs.readonly), false};
static const struct bool_key bk_autodev = {offsetof(struct conf_fs, autodev), true};

#define STR_KEY(n, d, syn)                                                                         \
	{                                                                                          \
		.name = n, .set = set_str, .get = get_str, .clear = clear_str, .data = &d,         \
		.syntax = syn                                                                      \
	}
#define BOOL_KEY(n, d)                                                                             \
	{                                                                                          \
		.name = n, .set = set_bool, .get = get_bool, .clear = clear_bool, .data = &d,      \
		.syntax = "0 or 1"                                                                 \
	}

static const struct conf_key fs_keys[] = {
	{.name = "lxc.rootfs",
	 .flags = CONF_KEY_NOSET,
	 .get = get_rootfs,
	 .clear = clear_rootfs,
	 .list = list_subkeys,
	 .data = "managed\nmount\noptions\npath\nreadonly\n"},
	STR_KEY("lxc.rootfs.path", sk_path,
		"PATH or BACKEND:SOURCE, e.g. dir:/var/lib/lxc/c1/rootfs"),
	STR_KEY("lxc.rootfs.mount", sk_mount, "an absolute path"),
	{.name = "lxc.rootfs.options",
	 .set = set_rootfs_options,
	 .get = get_str,
	 .clear = clear_rootfs_options,
	 .data = &(const struct str_key){offsetof(struct conf_fs, rootfs.options), NULL},
	 .syntax = "comma-separated mount options, idmap=container|PATH"},
	BOOL_KEY("lxc.rootfs.managed", bk_managed),
	BOOL_KEY("lxc.rootfs.readonly", bk_readonly),
	{.name = "lxc.mount",
	 .flags = CONF_KEY_NOSET,
	 .get = get_mount,
	 .clear = clear_mount,
	 .list = list_subkeys,
	 .data = "auto\nentry\nfstab\n"},
	STR_KEY("lxc.mount.fstab", sk_fstab, "the path of an fstab-format file"),
	{.name = "lxc.mount.entry",
	 .flags = CONF_KEY_LIST,
	 .set = set_entry,
	 .get = get_entry,
	 .clear = clear_entry,
	 .syntax = "SOURCE TARGET FSTYPE [OPTIONS [FREQ [PASSNO]]]"},
	{.name = "lxc.mount.auto",
	 .flags = CONF_KEY_LIST,
	 .set = set_auto,
	 .get = get_auto,
	 .clear = clear_auto,
	 .syntax = "proc[:mixed|:rw] sys[:mixed|:ro|:rw] "
		   "cgroup[-full][:mixed|:ro|:rw][:force] "
		   "shmounts:HOSTPATH[:CONTAINERPATH]"},
	BOOL_KEY("lxc.autodev", bk_autodev),
	{.name = "lxc.autodev.tmpfs.size",
	 .set = set_tmpfs_size,
	 .get = get_tmpfs_size,
	 .clear = clear_tmpfs_size,
	 .syntax = "a size in bytes (default 500000)"},
};

const struct conf_key_table conf_table_fs = {fs_keys, ARRAY_SIZE(fs_keys)};
