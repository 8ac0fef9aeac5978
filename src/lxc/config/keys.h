/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The key table: every configuration key is one entry with set/get/clear handlers. Families
 * (net, cgroup, fs, security, proc) each export a table; the core merges, sorts and searches
 * them, suggests near misses and keeps the unexpanded text for save_config. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "base/str.h"
#include "config/diag.h"

struct lxc_conf;
struct conf_key;

/* Set KEY (the full key as written, e.g. "lxc.net.3.link") to VALUE (trimmed, never NULL, may
 * be ""). Validate everything before changing anything: a failed set leaves conf unchanged.
 * Return 0, or a -errno after filling diag (conf_invalid() for bad values). */
typedef int (*conf_set_fn)(const struct conf_key *k, const char *key, const char *value,
			   struct lxc_conf *conf, struct conf_diag *diag);
/* Append the canonical value of KEY to out. List keys append each item followed by "\n".
 * Return -ENOENT for an instance that does not exist (e.g. "lxc.net.7.link" with no network 7).
 * Rule for unset keys, as LXC does: numeric and 0/1 keys always print their value (the
 * default, e.g. "0", when unset); strings and lists print nothing when unset. Exception: the
 * per-network numbers whose unset state means "leave it to the kernel" (lxc.net.[i].mtu, which
 * is a string in LXC, veth.n_rxqueues/n_txqueues, vlan ids) print nothing when unset. */
typedef int (*conf_get_fn)(const struct conf_key *k, const char *key, struct strbuf *out,
			   const struct lxc_conf *conf);
/* Reset KEY (and, for prefix/family keys, everything under it) to its default. */
typedef int (*conf_clear_fn)(const struct conf_key *k, const char *key, struct lxc_conf *conf);
/* For get_keys(KEY): append the sub-keys valid under KEY, relative to KEY + ".", each followed
 * by "\n" (e.g. for "lxc.net.0": "type\nlink\n..." depending on that network's type). Only
 * needed where the generic table scan is not enough. */
typedef int (*conf_list_fn)(const struct conf_key *k, const char *key, struct strbuf *out,
			    const struct lxc_conf *conf);

enum {
	/* Repeated lines append; an empty value empties the list. */
	CONF_KEY_LIST = 1 << 0,
	/* Matches NAME itself and any NAME.<anything> that has no exact entry of its own
	 * (lxc.cgroup.memory.max, lxc.sysctl.net.ipv4.ip_forward, ...). */
	CONF_KEY_PREFIX = 1 << 1,
	/* Valid for get/clear/get_keys only (e.g. "lxc.net", "lxc.net.[i]"); set is refused. */
	CONF_KEY_NOSET = 1 << 2,
	/* Not listed by get_keys(NULL) / lxc-config style listings (internal aliases). */
	CONF_KEY_HIDDEN = 1 << 3,
	/* Clearing NAME (or setting it to "") clears every key under NAME. too ("lxc.net"), so
	 * the core drops their lines from the unexpanded text. Implied by CONF_KEY_NOSET. */
	CONF_KEY_FAMILY = 1 << 4,
};

struct conf_key {
	/* Full key. "[i]" stands for one decimal index segment: "lxc.net.[i].ipv4.address". */
	const char *name;
	unsigned int flags;
	conf_set_fn set;
	conf_get_fn get;
	conf_clear_fn clear;
	conf_list_fn list;	/* optional */
	const void *data;	/* handler-private: field offset, enum value, ... */
	const char *syntax;	/* what a valid value looks like, for errors and docs */
};

struct conf_key_table {
	const struct conf_key *keys;
	size_t n;
};

/* One table per family, defined in config/<family>/. */
extern const struct conf_key_table conf_table_net;
extern const struct conf_key_table conf_table_cgroup;
extern const struct conf_key_table conf_table_fs;
extern const struct conf_key_table conf_table_security;
extern const struct conf_key_table conf_table_proc;

/* Parse the index of a "[i]" key: for prefix "lxc.net." and key "lxc.net.12.link" sets
 * *ret_index = 12 and *ret_rest = "link" (or "" for "lxc.net.12"). -EINVAL if malformed. */
int conf_key_index(const char *key, const char *prefix, unsigned int *ret_index,
		   const char **ret_rest);
