/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* User namespace id maps from lxc.idmap: the uid_map/gid_map text, writing it for a child
 * (directly, or through newuidmap/newgidmap from the "uidmap" package when the caller lacks
 * the privilege), and translating ids between the container and the host. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "base/str.h"
#include "config/security/security.h"

/* Append the map text for type: one "NSID HOSTID RANGE\n" line per lxc.idmap entry of that
 * type in configuration order. Returns the number of lines (0 when there are none). */
int ns_idmap_text(const struct conf_security *sec, enum conf_idmap_type type, struct strbuf *out);

/* argv for newuidmap/newgidmap: { "newuidmap", "PID", "NSID", "HOSTID", "RANGE", ..., NULL }.
 * *ret_argv is a malloc'd strv (strv_free). -ENOENT when there is no entry of that type. */
int ns_idmap_helper_argv(const struct conf_security *sec, enum conf_idmap_type type, pid_t pid,
			 char ***ret_argv);

/* Whether writing the maps needs newuidmap/newgidmap: the caller is not root (euid != 0) and
 * the maps are more than "one line mapping our own euid/egid". */
bool ns_idmap_needs_helper(const struct conf_security *sec);

/* Write /proc/PID/uid_map and gid_map for a child that has just unshared or been cloned into
 * a new user namespace (it must not have exec'd setuid things yet). Root writes directly; an
 * unprivileged caller writes "deny" to /proc/PID/setgroups and then its own single-id maps,
 * or runs newuidmap/newgidmap for anything else. A missing helper gives -ENOENT and msg
 * 'Failed to find "newuidmap": install the "uidmap" package'. Every failure fills msg
 * (when not NULL) with 'Failed to write "/proc/PID/uid_map": ...' and the like. */
int ns_idmap_write(pid_t pid, const struct conf_security *sec, char *msg, size_t msg_size);

/* Container id -> host id and back, per type. Without any lxc.idmap line ids are the same on
 * both sides. -ENOENT when the maps do not cover the id. */
int ns_idmap_to_host(const struct conf_security *sec, enum conf_idmap_type type, uint32_t nsid,
		     uint32_t *ret_hostid);
int ns_idmap_to_ns(const struct conf_security *sec, enum conf_idmap_type type, uint32_t hostid,
		   uint32_t *ret_nsid);

/* The host uid/gid of the container's root (for chowning files the container must own): 0
 * without id maps, -ENOENT when the maps do not cover container id 0. */
int ns_idmap_root_uid(const struct conf_security *sec, uid_t *ret_uid);
int ns_idmap_root_gid(const struct conf_security *sec, gid_t *ret_gid);
