/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The system configuration, lxc.system.conf(5): a few "key = value" lines in lxc.conf that set
 * the default lxcpath, default container config, cgroup layout and storage defaults. Values are
 * read once per process and cached; lxc_get_global_config_item() is the exported view. */
#pragma once

#include <stdbool.h>

#include "config/diag.h"

/* The keys, in the order `lxc-config -l` lists them. */
enum sysconf_key {
	SYSCONF_DEFAULT_CONFIG,
	SYSCONF_LXCPATH,
	SYSCONF_LVM_VG,
	SYSCONF_LVM_THIN_POOL,
	SYSCONF_ZFS_ROOT,
	SYSCONF_RBD_POOL,
	SYSCONF_CGROUP_USE,
	SYSCONF_CGROUP_PATTERN,
	SYSCONF_NKEYS,
};

/* "lxc.lxcpath" etc.; NULL outside 0..SYSCONF_NKEYS-1. */
const char *sysconf_key_name(int key);
/* The key's index, or -EINVAL. */
int sysconf_key_lookup(const char *name);

/* Who asks: identity and environment, explicit so that tests can vary them. */
struct sysconf_env {
	bool root;			/* euid 0 */
	const char *home;		/* $HOME ("/" when unset) */
	const char *xdg_config_home;	/* $XDG_CONFIG_HOME or NULL */
	const char *xdg_runtime_dir;	/* $XDG_RUNTIME_DIR or NULL */
	const char *global_conf;	/* $LXC_GLOBAL_CONF or NULL */
};
/* Fill env from this process (getenv() pointers, valid until the environment changes). */
void sysconf_env_current(struct sysconf_env *env);

struct sysconf {
	char *values[SYSCONF_NKEYS];	/* NULL: not set (lxc.cgroup.use, user's pattern) */
};

/* The defaults for env (root: the build's config.h paths; users: ~/.local/share/lxc and
 * ~/.config/lxc/default.conf, no cgroup pattern). */
int sysconf_init(struct sysconf *sc, const struct sysconf_env *env);
void sysconf_free(struct sysconf *sc);

/* Which lxc.conf applies: $LXC_GLOBAL_CONF, else LXC_GLOBAL_CONF for root, else
 * $XDG_CONFIG_HOME/lxc/lxc.conf (~/.config/lxc/lxc.conf). Malloc'd into *ret. */
int sysconf_file_path(const struct sysconf_env *env, char **ret);

/* Apply "key = value" lines on top of sc. '#' starts a comment line; an empty value keeps the
 * default; lxc.lxcpath loses trailing slashes; a key given twice: the last one wins. All or
 * nothing: on failure sc is unchanged and diag names NAME:LINE (and the closest key for an
 * unknown one). */
int sysconf_parse(struct sysconf *sc, const char *text, const char *name, struct conf_diag *diag);
/* The same for a file; a missing file leaves sc unchanged and returns 0. */
int sysconf_load_file(struct sysconf *sc, const char *path, struct conf_diag *diag);

/* The process-wide values: lxc.conf read on first use and cached for the life of the process.
 * *ret gets a malloc'd copy, or NULL when the key is not set. -EINVAL unknown key; a broken
 * lxc.conf: its error (logged once at ERROR). */
int sysconf_get(const char *key, char **ret);
/* The same, without a copy: the cached string (never freed) or NULL. */
int sysconf_peek(const char *key, const char **ret);
/* Forget the cache (tests: change LXC_GLOBAL_CONF, then read again). The old values are kept
 * (never freed), so pointers from sysconf_peek()/lxc_get_global_config_item() stay valid. */
void sysconf_reset_cache(void);
