/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Shared by the attach files: what the caller learns about the container before forking
 * (init pid/pidfd, namespaces, cgroups, bounding set, personality), the message the children
 * send back, the child entry point and the pty forwarding loop. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "attach/attach.h"
#include "terminal/pty.h"

#define ATTACH_MAX_CGROUPS 16

/* What the caller prepares before forking. Unset fds hold -EBADF. */
struct attach_ctx {
	const struct attach_request *req;
	int flags;			/* options->attach_flags */
	pid_t init_pid;
	int init_pidfd;
	int ns_flags;			/* CLONE_NEW* to join */
	int cgroup_fds[ATTACH_MAX_CGROUPS]; /* cgroup.procs of the init's own cgroups */
	int n_cgroup_fds;
	uint64_t cap_bnd;		/* the init's bounding set */
	bool drop_caps;
	long personality;		/* -1: leave alone */
	char *cwd;			/* the caller's cwd (for initial_cwd == NULL) */
	struct term_pty pty;		/* with LXC_ATTACH_TERMINAL */
	int msg_fd;			/* write end of the report pipe */
};

enum attach_msg_type {
	ATTACH_MSG_PID = 1,	/* from the intermediate: the attached process's pid */
	ATTACH_MSG_READY = 2,	/* from the attached process: about to run exec_function */
	ATTACH_MSG_ERROR = 3,	/* from either: setup failed */
};

struct attach_msg {
	int type;
	pid_t pid;
	int err;		/* positive errno */
	char text[480];
};

/* The intermediate process (forked by the caller): never returns. */
__attribute__((noreturn)) void attach_intermediate(struct attach_ctx *ctx);

/* Send a message (best effort). */
void attach_msg_send(int fd, int type, pid_t pid, int err, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Forward in_fd -> ptx and ptx -> out_fd (and log_fd when >= 0) with window size changes until
 * the ptx hangs up. in_fd is put in raw mode while running when it is a terminal. */
int attach_pty_forward(int ptx, int in_fd, int out_fd, int log_fd);

/* Environment of the attached process per options and lxc.environment. */
int attach_set_env(const lxc_attach_options_t *o, const struct lxc_conf *conf);
/* Open cgroup.procs of every cgroup of init that differs from its monitor's (the cgroups the
 * container got of its own). Returns the number opened or -errno. */
int attach_open_cgroups(pid_t init_pid, int fds[ATTACH_MAX_CGROUPS]);
