/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* struct lxc_conf: the typed configuration of one container, one member per area. Each area's
 * struct and its init/free live in config/<area>/<area>.h; the core text (unexpanded lines and
 * the replay log) in config/core/text.h. */
#pragma once

#include "config/cgroup/cgroup.h"
#include "config/core/text.h"
#include "config/fs/fs.h"
#include "config/net/net.h"
#include "config/proc/proc.h"
#include "config/security/security.h"

struct lxc_conf {
	struct conf_net net;		/* lxc.net.* */
	struct conf_cgroup cgroup;	/* lxc.cgroup.*, lxc.cgroup2.* */
	struct conf_fs fs;		/* lxc.rootfs.*, lxc.mount.*, lxc.autodev* */
	struct conf_security sec;	/* caps, seccomp, LSMs, no_new_privs, keyring, idmap, namespaces */
	struct conf_proc proc;		/* init, environment, limits, signals, ttys, console, log, hooks, ... */
	struct conf_text text;		/* unexpanded lines and the replay log (core) */
};
