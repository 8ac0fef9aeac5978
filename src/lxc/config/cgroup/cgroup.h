/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Typed model of the cgroup keys: the ordered controller settings for the legacy hierarchies
 * (lxc.cgroup.<controller>.<file>) and the unified one (lxc.cgroup2.<controller>.<file>), the
 * cgroup placement directories and lxc.cgroup.relative, with the accessors the cgroup driver
 * uses. Order of settings is kept as written: device rules depend on it. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "config/diag.h"

enum conf_cgroup_version {
	CONF_CGROUP_V1 = 1, /* lxc.cgroup.<controller>.<file> */
	CONF_CGROUP_V2 = 2, /* lxc.cgroup2.<controller>.<file> */
};

/* One "lxc.cgroup[2].<key> = <value>" line. */
struct conf_cgroup_item {
	char *key;   /* "memory.limit_in_bytes", "devices.allow" (no lxc.cgroup[2]. prefix) */
	char *value; /* never empty */
	size_t controller_len; /* key[0..controller_len) is the controller, e.g. "memory" */
};

/* The settings of one hierarchy version, in the order they were set. */
struct conf_cgroup_list {
	struct conf_cgroup_item *items;
	size_t n;
	size_t cap;
};

struct conf_cgroup {
	struct conf_cgroup_list v1; /* lxc.cgroup.* */
	struct conf_cgroup_list v2; /* lxc.cgroup2.* */
	char *dir;		    /* lxc.cgroup.dir (relative, NULL if unset) */
	char *dir_container;	    /* lxc.cgroup.dir.container */
	char *dir_container_inner;  /* lxc.cgroup.dir.container.inner */
	char *dir_monitor;	    /* lxc.cgroup.dir.monitor */
	char *dir_monitor_pivot;    /* lxc.cgroup.dir.monitor.pivot */
	bool relative;		    /* lxc.cgroup.relative, default false */
};

void conf_cgroup_init(struct conf_cgroup *m);
void conf_cgroup_free(struct conf_cgroup *m); /* leaves m re-initialised */

/* The settings for one version (NULL for an unknown version). */
const struct conf_cgroup_list *conf_cgroup_settings(const struct conf_cgroup *m,
						    enum conf_cgroup_version version);

/* Iterate over a list's items in order: conf_cgroup_foreach(l, it) { ... }. IT must be a plain
 * identifier. Index based: an empty list has items == NULL, and "items + n" would be pointer
 * arithmetic on NULL (undefined, reported by UBSan); items[i] is only formed for i < n. */
#define conf_cgroup_foreach(list, it)                                                              \
	for (size_t __i_##it = 0;                                                                  \
	     __i_##it < (list)->n && ((it) = &(list)->items[__i_##it], true); __i_##it++)

/* True if the item belongs to CONTROLLER ("memory", "devices", ...). */
bool conf_cgroup_item_is_controller(const struct conf_cgroup_item *it, const char *controller);
/* True if any setting of that version names CONTROLLER. */
bool conf_cgroup_uses_controller(const struct conf_cgroup *m, enum conf_cgroup_version version,
				 const char *controller);
/* The last value set for KEY ("memory.max"), or NULL. */
const char *conf_cgroup_last_value(const struct conf_cgroup *m, enum conf_cgroup_version version,
				   const char *key);

/* Append (key, value) to a version's list. Neither is validated here. -ENOMEM only. */
int conf_cgroup_append(struct conf_cgroup *m, enum conf_cgroup_version version, const char *key,
		       const char *value);
/* Drop every item of that version (key NULL) or only the items whose key equals KEY.
 * Returns the number of items removed. */
size_t conf_cgroup_remove(struct conf_cgroup *m, enum conf_cgroup_version version, const char *key);

/* Cross-key rules checked before a start (not at set time, because lines may come in any
 * order): lxc.cgroup.dir excludes lxc.cgroup.dir.container/monitor, and dir.container and
 * dir.monitor go together. (dir.container.inner without dir.container has no effect, as
 * documented, and is not an error.) 0 or -EINVAL + diag. */
int conf_cgroup_check(const struct conf_cgroup *m, struct conf_diag *diag);
