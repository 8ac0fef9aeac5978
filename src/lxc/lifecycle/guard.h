/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The monitor's cleanup guard: a tiny process (LIBEXEC/lxc-monitor-guard) started by the monitor
 * once it creates host state. It learns the exact cgroup dirs the monitor made over a pipe and
 * waits on the monitor's pidfd; when the monitor dies without saying "done" it kills the
 * payload, removes those cgroups, restores the recorded network state and announces STOPPED. */
#pragma once

#include <sys/types.h>

#include "cgroups/cgroup.h"

/* Environment of lxc-monitor-guard (set by guard_start()). */
#define GUARD_ENV_FD      "LXC_GUARD_FD"
#define GUARD_ENV_MONITOR "LXC_GUARD_MONITOR"
#define GUARD_ENV_LXCPATH "LXC_GUARD_LXCPATH"
#define GUARD_ENV_NAME    "LXC_GUARD_NAME"

/* ---- The monitor's side (one guard per monitor process; later calls are no-ops) ---- */

/* Spawn the guard in the calling process's current cgroups (call it before the monitor enters
 * its own cgroup). Idempotent. */
int guard_start(const char *lxcpath, const char *name);
/* Tell the guard the KIND cgroups RUN created (relative names and absolute dirs). */
void guard_note_cgroup(const struct cgroup_run *run, enum cgroup_kind kind);
/* The monitor removed the KIND cgroups itself: the guard forgets them. */
void guard_forget_cgroup(enum cgroup_kind kind);
/* Clean exit: the guard leaves at once without touching anything. */
void guard_done(void);

/* ---- The guard's side ---- */

/* Serve the monitor MONITOR on the pipe FD; returns the exit code. */
int guard_main(int fd, pid_t monitor, const char *lxcpath, const char *name);
