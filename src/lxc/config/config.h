/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The configuration module as the rest of the library sees it: load (with lxc.include), set,
 * get, clear, list keys and save. A struct lxc_conf holds the typed configuration plus the
 * unexpanded text (includes kept as lines) that save writes back. Not thread-safe by itself:
 * callers serialise access to one conf. */
#pragma once

#include <stdbool.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "config/conf.h"
#include "config/diag.h"

struct lxc_conf *conf_new(void);	/* NULL only when out of memory */
void conf_free(struct lxc_conf *conf);	/* accepts NULL and half-built objects */
DEFINE_CLEANUP(conf, struct lxc_conf *, conf_free);

/* A deep copy (replays what was applied to conf). NULL on ENOMEM. */
struct lxc_conf *conf_clone(const struct lxc_conf *conf);

/* Read PATH on top of conf. All or nothing: on failure conf is unchanged and diag says why. */
int conf_load_file(struct lxc_conf *conf, const char *path, struct conf_diag *diag);
/* The same for text in memory; NAME is used as the file name in diagnostics. */
int conf_load_string(struct lxc_conf *conf, const char *text, const char *name,
		     struct conf_diag *diag);

/* One key as through set_config_item: legacy names are accepted (warned once, mapped), the
 * unexpanded text is updated so that save writes it. */
int conf_set_item(struct lxc_conf *conf, const char *key, const char *value,
		  struct conf_diag *diag);
/* Canonical value of key appended to out. -ENOENT unknown key or missing instance. */
int conf_get_item(const struct lxc_conf *conf, const char *key, struct strbuf *out);
/* Clear a key or a whole family ("lxc.net", "lxc.net.0", "lxc.cgroup", ...). -ENOENT unknown. */
int conf_clear_item(struct lxc_conf *conf, const char *key);
/* get_keys: prefix NULL or "" lists every key; otherwise the sub-keys of prefix. */
int conf_list_keys(const struct lxc_conf *conf, const char *prefix, struct strbuf *out);

/* The text save_config writes: the unexpanded configuration, current key names. */
int conf_write(const struct lxc_conf *conf, struct strbuf *out);
/* Atomically replace PATH with conf_write()'s text (mode 0640). */
int conf_save(const struct lxc_conf *conf, const char *path);

/* True if key (current or legacy name) is a valid configuration key. */
bool conf_key_is_supported(const char *key);
/* The current name for a legacy key, or NULL if key is not legacy. */
const char *conf_legacy_replacement(const char *key, char *buf, size_t size);
