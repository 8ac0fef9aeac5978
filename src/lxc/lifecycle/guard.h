/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The monitor's cleanup guard. The process liblxc execs (lxc-monitor-exec, named
 * "[lxc monitor guard] LXCPATH NAME") splits in two once it owns the command socket: it waits
 * for the previous guard of the container (a lock), creates the monitor cgroup and clones the
 * monitor straight into it (clone3 CLONE_INTO_CGROUP for cgroup2; the v1 part is created by the
 * guard once the monitor has made the payload cgroup, while the init is cloned, and entered by
 * the monitor, "0" into its "tasks" files, once the container runs: no global cgroup lock and
 * nothing of it on the start's path, see cgroups/cgroup.h). The parent stays behind
 * as the guard, in the caller's cgroups: it learns over a socket which payload cgroups the monitor
 * creates, forwards SIGTERM, SIGINT and SIGHUP to it, and once the monitor has exited removes
 * the monitor cgroup (nobody has to move out of it) and exits with the monitor's exit code. If
 * the monitor dies without saying "done", the guard also kills and removes the payload cgroups,
 * restores the recorded network state and announces STOPPED. */
#pragma once

#include <stddef.h>
#include <sys/types.h>

#include "cgroups/cgroup.h"
#include "rootfs/error.h"

struct guard_split_args {
	const char *lxcpath;
	const char *name;
	struct cgroup_run *cg;		/* host detected (layout NONE: no cgroups); the monitor
					 * cgroup is created into it */
	const struct conf_cgroup *conf;
	const char *pattern;		/* lxc.cgroup.pattern, NULL if none */
	const int *guard_closes;	/* fds the guard closes after the split (the monitor's) */
	size_t n_guard_closes;
	bool payload_early;		/* the guard makes the payload cgroup of the first run
					 * while the monitor gets ready (guard_take_payload()) */
};

/* Split. Returns 0 in the monitor: in its cgroup2 monitor cgroup, the signal mask as on entry,
 * the guard's socket ready for the calls below. Never returns in the guard. -errno with *err filled when the split
 * failed (nothing is left behind). Call once, single-threaded. */
int guard_split(const struct guard_split_args *a, struct lxc_error *err);

/* ---- The monitor's side ---- */

/* Enter the rest of the monitor cgroup, which the guard creates once it heard of the payload
 * cgroup (call it once the container runs: off the start's path; later calls do nothing).
 * -errno with MSG filled when the guard could not make it or entering failed. */
int guard_enter_monitor_cgroup(struct cgroup_run *cg, char *msg, size_t size);

/* With payload_early: wait for the payload cgroup the guard made and adopt it into CG (it is
 * the monitor's to remove from then on). -errno with *E filled on failure. */
int guard_take_payload(struct cgroup_run *cg, struct cgroup_error *e);

/* Tell the guard the payload cgroups RUN created (relative names and absolute dirs). */
void guard_note_cgroup(const struct cgroup_run *run, enum cgroup_kind kind);
/* The monitor removed the KIND cgroups itself: the guard forgets them. */
void guard_forget_cgroup(enum cgroup_kind kind);
/* Clean exit ahead: the guard only removes the monitor cgroup once the monitor is gone. */
void guard_done(void);
