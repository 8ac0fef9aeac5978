/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Shared between the files of config/core: the merged key table, legacy mapping, applying
 * one operation to the typed model, and the include reader. Not for other modules. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "config/config.h"
#include "config/keys.h"

#define CONF_INCLUDE_KEY "lxc.include"
#define CONF_KEY_MAX 256

/* table.c: every key of the five families plus lxc.include, sorted by name. */
size_t conf_keys_count(void);
const struct conf_key *conf_keys_at(size_t i);
/* The entry handling key: exact name, then "[i]" names, then the longest prefix entry. */
const struct conf_key *conf_key_lookup(const char *key);
/* The closest valid key to an unknown key, into buf; -ENOENT when nothing is close. */
int conf_key_suggest(const char *key, char *buf, size_t size);
/* If table name matches prefix (segment-wise, "[i]" matching a decimal segment) followed by
 * ".", the rest of name after it; else NULL. */
const char *conf_key_under(const char *name, const char *prefix);

/* legacy.c: map a key being set to its current name. Returns 0 with *ret_key = key (not
 * legacy) or buf (the current name), 1 if the key is dropped (ignore the line), or a -errno
 * after filling diag. *net is the network unindexed legacy lines apply to (updated here; the
 * caller stores it back only when the set succeeds). file names the config in the warning. */
int conf_legacy_map(const struct lxc_conf *conf, const char *key, const char *value,
		    const char *file, int *net, char *buf, size_t size, const char **ret_key,
		    struct conf_diag *diag);
/* The current name for a legacy key used with get/clear (renames only), or NULL. */
const char *conf_legacy_rename(const char *key, char *buf, size_t size);

/* conf.c: apply one set (value != NULL) or clear (value == NULL) of a current key to the
 * typed model only: no text, no log. */
int conf_apply(struct lxc_conf *conf, const char *key, const char *value, struct conf_diag *diag);
/* Legacy mapping + conf_apply + log; top: also append the line to the unexpanded text, with
 * TEXT (the value as written, e.g. still quoted) as its value. */
int conf_set_line(struct lxc_conf *conf, const char *key, const char *value, const char *text,
		  const char *file, bool top, struct conf_diag *diag);

/* reader.c: read an lxc.include target (file or directory) into conf, not all-or-nothing. */
int conf_include(struct lxc_conf *conf, const char *path, struct conf_diag *diag);
