/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The caller's side of a start: spawn a fresh monitor process (LIBEXEC/lxc-monitor-exec, never
 * a fork of the caller, which may be threaded), hand it the start request and wait on the
 * status pipe for RUNNING or the error record, and in the foreground for the monitor's end. */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

#include "rootfs/error.h"

struct lxc_conf;

struct launch_args {
	const char *name;
	const char *lxcpath;
	const char *config_file;
	const struct lxc_conf *conf;
	char *const *argv;	/* NULL: lxc.init.cmd (lxc.execute.cmd with execute) */
	bool daemonize;
	bool execute;		/* useinit: lxc-init runs argv */
	bool close_all_fds;
};

struct launch_result {
	pid_t init_pid;		/* as reported with RUNNING, -1 if it never ran */
	bool ran;		/* the init was exec'd */
	bool exited;		/* foreground: the init's status is known */
	int status;		/* raw wait status of the init (foreground) */
	struct lxc_error err;	/* why the start failed */
};

/* 0 when the container reached RUNNING (daemonized) or ran and exited (foreground), -errno
 * with ret->err filled (step and message) otherwise. */
int lifecycle_launch(const struct launch_args *args, struct launch_result *ret);
