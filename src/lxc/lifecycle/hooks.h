/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Container hooks (lxc.hook.*) and hook-like scripts (network up/down): each command runs as
 * /bin/sh -c "COMMAND [NAME SECTION TYPE] [ARGS...]" with LXC's LXC_* environment, in
 * configuration order, stopping at the first failure. fork+execve, never system(). */
#pragma once

#include <stddef.h>

#include "config/proc/proc.h"
#include "config/security/security.h"

struct lxc_conf;

/* What the caller knows at the time it runs the hooks. Every field may be NULL / unset. */
struct hook_env {
	const char *name;	     /* LXC_NAME and the NAME argument */
	const char *config_file;     /* LXC_CONFIG_FILE */
	const char *rootfs_mount;    /* LXC_ROOTFS_MOUNT */
	const char *rootfs_path;     /* LXC_ROOTFS_PATH; NULL: lxc.rootfs.path */
	const char *src_name;	     /* LXC_SRC_NAME (clone hook) */
	const char *console;	     /* LXC_CONSOLE; NULL: lxc.console.path */
	const char *console_logpath; /* LXC_CONSOLE_LOGPATH; NULL: lxc.console.logfile */
	const char *target;	     /* LXC_TARGET (stop hook): "stop" or "reboot" */
	const char *log_level;	     /* LXC_LOG_LEVEL; NULL: the current level's name ("ERROR") */
	char *const *args;	     /* extra arguments after TYPE (clone hook, net scripts) */
	char *const *extra_env;	     /* more "NAME=VALUE" (e.g. LXC_NET_TYPE for net scripts) */
	/* Stop hook: the container's namespaces as fds of the calling process (-EBADF = none),
	 * or NULL. Version 0 passes "mnt:/proc/PID/fd/N" arguments, version 1 sets LXC_MNT_NS
	 * and friends to "/proc/PID/fd/N". */
	const int *ns_fds; /* [CONF_NS_MAX] */
};

/* Filled on failure only. */
struct hook_error {
	int err;	/* -errno of the failure; -EIO when the command exited non-zero or was killed */
	int status;	/* exit status of the command, 128+N for signal N, -1 if it never ran */
	char msg[1024]; /* 'Failed to run "pre-start" hook "/x.sh": exited with status 1' */
};

/* Run every lxc.hook.TYPE command of conf in order (section "lxc"); stop at the first one
 * that fails. Hook version and defaults come from conf. 0 when all succeeded (or there are
 * none), -EIO when a command exited non-zero or was killed, -errno when it could not run. */
int hooks_run(const struct lxc_conf *conf, enum conf_hook_type type, const struct hook_env *ctx,
	      struct hook_error *err);

/* Run one command the same way: section is "lxc" or "net", type_name the TYPE argument
 * ("pre-start", "up", "down"), version the lxc.hook.version (0 arguments, 1 environment).
 * conf may be NULL (then only ctx supplies the environment). */
int hook_run_command(const struct lxc_conf *conf, const char *section, const char *type_name,
		     const char *command, int version, const struct hook_env *ctx,
		     struct hook_error *err);
