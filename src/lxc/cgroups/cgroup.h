/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The cgroup driver: host layout detection (legacy, hybrid, unified), placement of a
 * container's payload and monitor cgroups, limits (lxc.cgroup.*, lxc.cgroup2.*, v2 device
 * rules as a BPF program), freezer, kill, stats and cleanup. Library code: returns -errno and
 * fills a struct cgroup_error with the one-line cause; logs at DEBUG at most. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "config/cgroup/cgroup.h"

/* Test switch: LXC_CGROUP_FORCE_UNIFIED=<cgroup2 mountpoint> (e.g. /sys/fs/cgroup/unified on a
 * hybrid host) makes cgroup_host_detect() treat that mount as a pure cgroup2 host: the v1
 * hierarchies are ignored, and a v2 controller the kernel keeps on v1 is reported as
 * 'cgroup2 controller "memory" is not available on this host (it is bound to cgroup v1)'. */
#define CGROUP_FORCE_UNIFIED_ENV "LXC_CGROUP_FORCE_UNIFIED"

/* A failure's cause, filled only on failure (first one wins): err is the -errno returned, msg a
 * full sentence ('Failed to set "lxc.cgroup.memory.limit_in_bytes" to "foo": Invalid
 * argument'), to be printed or copied as is. */
struct cgroup_error {
	int err;
	char msg[1024];
};
/* Record a failure (unless one is recorded) and return err. */
int cgroup_error_set(struct cgroup_error *e, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- Host layout ---- */

enum cgroup_layout {
	CGROUP_LAYOUT_NONE = 0,	 /* no cgroup mounts */
	CGROUP_LAYOUT_LEGACY,	 /* only cgroup v1 hierarchies */
	CGROUP_LAYOUT_HYBRID,	 /* v1 hierarchies plus a cgroup2 mount */
	CGROUP_LAYOUT_UNIFIED,	 /* only cgroup2 (or forced, see above) */
};
/* "legacy", "hybrid", "unified", "none". */
const char *cgroup_layout_name(enum cgroup_layout l);

struct cgroup_hierarchy {
	int version;		/* 1 or 2 */
	char **controllers;	/* NULL-terminated. v1: from the mount options ("cpu", "cpuacct",
				 * "name=systemd"); v2: the base's cgroup.controllers (may be empty) */
	char *mountpoint;	/* "/sys/fs/cgroup/memory" */
	char *base;		/* the caller's cgroup as a directory: mountpoint + its path in
				 * /proc/self/cgroup (minus the mount's root): "/sys/fs/cgroup/memory/x" */
	bool used;		/* cgroups are created here (lxc.cgroup.use admits it; v2 always) */
};

struct cgroup_host {
	enum cgroup_layout layout;
	struct cgroup_hierarchy *h;	/* v1 hierarchies in mountinfo order, then the cgroup2 one */
	size_t n;
	int unified;			/* index of the cgroup2 hierarchy in h, -1 if none */
	bool forced;			/* LXC_CGROUP_FORCE_UNIFIED was in effect */
	char **v1_only;			/* forced: controllers mounted on v1 (unavailable on v2) */
};

void cgroup_host_init(struct cgroup_host *host);
void cgroup_host_free(struct cgroup_host *host);	/* leaves it re-initialised */

/* Pure parser (unit-tested with fixtures): build HOST from the text of /proc/self/mountinfo and
 * /proc/self/cgroup. USE is lxc.cgroup.use ("cpu,memory", "@all"/NULL = all) and restricts
 * which v1 hierarchies are used (a hierarchy is used if one of its controllers is listed; named
 * hierarchies like name=systemd only with "@all"/NULL or their exact "name=..." entry).
 * FORCE_UNIFIED: NULL, or a cgroup2 mountpoint to treat as a pure v2 host (-ENOENT if no
 * cgroup2 mount there). The cgroup2 hierarchy's controllers are left empty: set them with
 * cgroup_host_set_unified_controllers(). -EINVAL for unparsable text, -ENOMEM. */
int cgroup_host_parse(struct cgroup_host *host, const char *mountinfo, const char *proc_cgroup,
		      const char *use, const char *force_unified, struct cgroup_error *e);
/* The text of a cgroup.controllers file ("cpu io memory pids\n"). */
int cgroup_host_set_unified_controllers(struct cgroup_host *host, const char *text);

/* The real thing: reads /proc/self/mountinfo, /proc/self/cgroup, $LXC_CGROUP_FORCE_UNIFIED,
 * lxc.cgroup.use (system config) and the base's cgroup.controllers. Call it in the process
 * whose cgroup is the parent of the container's (the monitor, before it enters its own). */
int cgroup_host_detect(struct cgroup_host *host, struct cgroup_error *e);

/* The hierarchy holding CONTROLLER ("memory", "name=systemd"; "cgroup" for the cgroup2 core
 * files), preferring VERSION (1 or 2; 0 = v1 first, then v2). NULL if none. */
const struct cgroup_hierarchy *cgroup_host_find(const struct cgroup_host *host,
						const char *controller, int version);

/* ---- Placement: one container run ---- */

enum cgroup_kind {
	CGROUP_PAYLOAD,		/* the container: lxc.payload.NAME (+ dir.container.inner) */
	CGROUP_MONITOR,		/* the monitor: lxc.monitor.NAME */
};

struct cgroup_run {
	struct cgroup_host host;	/* owned */
	char *payload;		/* limit cgroup, relative to each base: "lxc.payload.c1-1", "d/c" */
	char *payload_inner;	/* where the init lives: payload[/dir.container.inner] */
	char *monitor;		/* "lxc.monitor.c1" */
	char **created[2];	/* per kind: absolute dirs this run created, in creation order */
	int unified_fd;		/* O_DIRECTORY fd of the v2 payload_inner, -EBADF if no cgroup2;
				 * for clone3(CLONE_INTO_CGROUP), which only places the child in the
				 * cgroup2 hierarchy: on hybrid/legacy still call cgroup_enter() */
	int bpf_prog_fd;	/* the attached v2 device program, -EBADF if none */
};

void cgroup_run_init(struct cgroup_run *run);
/* Frees memory and fds only; does not touch cgroups (see cgroup_destroy()). */
void cgroup_run_free(struct cgroup_run *run);

/* Pure naming (unit-tested): the relative path of a cgroup before suffixing.
 *   dir.container / dir.monitor set:   that path (payload also gets inner, see cgroup_run)
 *   lxc.cgroup.dir = D:                 "D/lxc.payload.NAME", "D/lxc.monitor.NAME"
 *   pattern P (lxc.cgroup.pattern):     dirname(P with %n = NAME) + "/lxc.payload.NAME"
 *                                       ("lxc.payload.%n" -> "lxc.payload.NAME", "lxc/%n" ->
 *                                       "lxc/lxc.payload.NAME"), same for lxc.monitor.NAME
 *   else:                               "lxc.payload.NAME", "lxc.monitor.NAME"
 * *ret_fixed is true for explicit dir.container/dir.monitor paths (never suffixed). */
int cgroup_name(const struct conf_cgroup *conf, const char *pattern, const char *name,
		enum cgroup_kind kind, char **ret, bool *ret_fixed);
/* "lxc.payload.c1" + attempt: 0 -> "lxc.payload.c1", 1 -> "lxc.payload.c1-1", ... */
int cgroup_name_suffix(const char *path, unsigned int attempt, char **ret);

/* Create the cgroup of KIND in every used hierarchy, under the caller's cgroup (host->h[].base;
 * the host must be detected first: cgroup_host_detect() into run->host). PATTERN is
 * lxc.cgroup.pattern (NULL: none). A taken name gets "-1", "-2", ... (up to 1000); a leftover of
 * the same name that is empty (no tasks anywhere below it) is removed and reused. v1 cpuset:
 * cpuset.cpus/mems copied from the parent into every created level. v2: controllers the parent
 * offers are enabled in cgroup.subtree_control of the non-leaf cgroups this run created.
 * Checks conf_cgroup_check() first. Payload: opens run->unified_fd. Anything created is
 * removed again on failure. lxc.cgroup.relative needs no handling: cgroups are always placed
 * under the caller's own cgroup, never escaping to the root.
 * "Empty" means no task in cgroup.procs anywhere below: the container lock keeps a second start
 * of the same container out, so an empty same-named cgroup is a crashed run's leftover. */
int cgroup_create(struct cgroup_run *run, const struct conf_cgroup *conf, const char *pattern,
		  const char *name, enum cgroup_kind kind, struct cgroup_error *e);

/* Take over the KIND cgroup another process of this run made with cgroup_create() (the
 * monitor's guard): REL and INNER (payload_inner; NULL: REL) as cgroup_create() chose them, MADE
 * the dirs it created (taken over, even on failure). Payload: opens run->unified_fd. */
int cgroup_adopt(struct cgroup_run *run, enum cgroup_kind kind, const char *rel,
		 const char *inner, char **made, struct cgroup_error *e);

/* The same in two parts (the monitor: its cgroup2 cgroup before it is cloned into it, the v1
 * ones meanwhile): cgroup_create() in the used hierarchies of VERSION only, then the chosen
 * name in the other used hierarchies (an existing dir is taken as is: the name is ours since
 * the first part made it). Both add to run->created[KIND]. */
int cgroup_create_version(struct cgroup_run *run, const struct conf_cgroup *conf,
			  const char *pattern, const char *name, enum cgroup_kind kind, int version,
			  struct cgroup_error *e);
int cgroup_create_rest(struct cgroup_run *run, enum cgroup_kind kind, int version_done,
		       struct cgroup_error *e);

/* Move PID (into cgroup.procs) into the KIND cgroup (the payload: payload_inner) of every used
 * hierarchy. */
int cgroup_enter(const struct cgroup_run *run, enum cgroup_kind kind, pid_t pid,
		 struct cgroup_error *e);
/* ---- Entering without the global lock (self.c) ----
 * Moving a process by pid (cgroup.procs) takes the kernel's global threadgroup lock, whose
 * first writer waits for an RCU grace period: 1-15 ms on every start. The monitor and the init
 * avoid it: a child is born in its cgroup2 cgroup (clone3 CLONE_INTO_CGROUP with
 * cgroup_open_dir()), and a single-threaded process moves itself in each v1 hierarchy by
 * writing "0" to "tasks" (the calling thread only: no global lock). */
struct cgroup_self {
	int *fds;	/* O_WRONLY, per used hierarchy: v1 "tasks", cgroup2 "cgroup.procs" */
	char **paths;	/* the same files, for messages */
	size_t n;
	int unified;	/* index of the cgroup2 file, -1 if none */
};
void cgroup_self_init(struct cgroup_self *s);
/* Open the files of KIND (the payload: its inner cgroup) in every used hierarchy. */
int cgroup_self_open(const struct cgroup_run *run, enum cgroup_kind kind, struct cgroup_self *s,
		     struct cgroup_error *e);
/* Move the calling thread (the whole process when it is single-threaded, which the caller
 * guarantees) in: "0" to each file. SKIP_UNIFIED: it was born in its cgroup2 cgroup (the
 * cgroup2 write moves the thread group, under the global lock: the slow path). */
int cgroup_self_enter(const struct cgroup_self *s, bool skip_unified, struct cgroup_error *e);
void cgroup_self_close(struct cgroup_self *s);	/* leaves it re-initialised */
/* O_DIRECTORY fd of the cgroup2 cgroup of KIND (payload: inner) for CLONE_INTO_CGROUP;
 * -ENOENT when no cgroup2 hierarchy is used. */
int cgroup_open_dir(const struct cgroup_run *run, enum cgroup_kind kind);

/* Write PID into DIR/cgroup.procs (for attach with a path from GET_CGROUP). */
int cgroup_enter_dir(const char *dir, pid_t pid);
/* The absolute directory of KIND for CONTROLLER (NULL/"" = the cgroup2 one, else the
 * first used); INNER selects payload_inner over payload. Malloc'd; NULL if none or no memory. */
char *cgroup_path(const struct cgroup_run *run, enum cgroup_kind kind, const char *controller,
		  bool inner);

/* Remove the KIND cgroups this run created (children first, deepest first; the payload is
 * killed first if tasks are left). The monitor: the calling process, if it is inside, first
 * moves back to dir.monitor.pivot (if set) or its original cgroup. Idempotent. */
int cgroup_destroy(struct cgroup_run *run, enum cgroup_kind kind, const struct conf_cgroup *conf,
		   struct cgroup_error *e);

/* ---- Limits ---- */

/* Apply lxc.cgroup.* to the v1 payload dirs and lxc.cgroup2.* to the v2 one, in order, before
 * the init runs. Device rules: v1 devices.allow/deny written in order; v2 compiled into one
 * BPF_PROG_TYPE_CGROUP_DEVICE program attached to the payload (BPF_F_ALLOW_MULTI), kept in
 * run->bpf_prog_fd. Errors: 'Failed to set "lxc.cgroup.memory.limit_in_bytes" to "foo": Invalid
 * argument', 'Unknown cgroup file "lxc.cgroup2.memory.bogus": ...', the forced-unified message.
 * Settings of a version the host lacks are skipped; *ret_ignored (may be NULL) counts them. */
int cgroup_apply_limits(struct cgroup_run *run, const struct conf_cgroup *conf,
			size_t *ret_ignored, struct cgroup_error *e);

/* lxc-cgroup / get_cgroup_item / set_cgroup_item: KEY is "memory.limit_in_bytes", the
 * hierarchy follows the controller (v1 first, then v2). get: the file's text without the
 * final newline, malloc'd. -ENOENT no such controller or file. */
int cgroup_get_item(const struct cgroup_run *run, const char *key, char **ret,
		    struct cgroup_error *e);
int cgroup_set_item(const struct cgroup_run *run, const char *key, const char *value,
		    struct cgroup_error *e);

/* ---- Freezer, kill, stats ---- */

/* v1 freezer.state (FROZEN, waits until it reads FROZEN) if a v1 freezer is used, else v2
 * cgroup.freeze (waits for "frozen 1" in cgroup.events with poll(POLLPRI)). TIMEOUT_MS < 0:
 * wait forever; -ETIMEDOUT when it expires. Thaw does not wait for frozen 0. */
int cgroup_freeze(const struct cgroup_run *run, int timeout_ms, struct cgroup_error *e);
int cgroup_thaw(const struct cgroup_run *run, struct cgroup_error *e);
/* 1 frozen, 0 not (v1 FREEZING counts as not frozen). */
int cgroup_is_frozen(const struct cgroup_run *run);

/* SIGKILL everything in the payload: cgroup.kill where present, else freeze, kill every pid
 * of cgroup.procs, thaw; repeats until cgroup.procs is empty everywhere below the payload. */
int cgroup_kill_all(const struct cgroup_run *run, struct cgroup_error *e);

/* -1 in a field: not available on this host. */
struct cgroup_stats {
	int64_t cpu_ns;		/* cpuacct.usage, or cpu.stat usage_usec * 1000 */
	int64_t blkio_bytes;	/* blkio.throttle.io_service_bytes "Total", or io.stat rbytes+wbytes */
	int64_t mem_bytes;	/* memory.usage_in_bytes, or memory.current */
	int64_t kmem_bytes;	/* memory.kmem.usage_in_bytes */
};
int cgroup_stats(const struct cgroup_run *run, struct cgroup_stats *ret);

/* Pure parsers used by cgroup_stats() (unit-tested). */
int cgroup_parse_keyed(const char *text, const char *key, int64_t *ret);  /* "key value" lines */
int cgroup_parse_blkio_total(const char *text, int64_t *ret);	/* "Total N" line */
int cgroup_parse_io_stat(const char *text, int64_t *ret);	/* sum rbytes= + wbytes= */
