/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Running a process inside a running container (the engine behind attach()): join the init's
 * namespaces, cgroup, capability bounding set, personality, LSM label, environment and ids,
 * optionally through a new pty, then call the caller's exec function. */
#pragma once

#include <stddef.h>
#include <sys/types.h>

#include <lxc/attach_options.h>

struct lxc_conf;

struct attach_request {
	const char *lxcpath;
	const char *name;
	const struct lxc_conf *conf;	/* the container's loaded configuration (may be NULL) */
	lxc_attach_exec_t exec_function;
	void *exec_payload;
	const lxc_attach_options_t *options;
};

/* Start the attached process; it is a child of the caller (reap it with waitpid). With
 * LXC_ATTACH_TERMINAL this returns once the process has closed its terminal (usually: exited),
 * having forwarded I/O in between. On failure nothing is left running, the return value is
 * -errno and msg holds 'Failed to ...' naming the step. */
int attach_run(const struct attach_request *req, pid_t *ret_pid, char *msg, size_t msg_size);
