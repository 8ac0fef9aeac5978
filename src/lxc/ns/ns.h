/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Namespaces: the table (proc name, CLONE_NEW* flag, lxc-attach name, hook variable), the
 * clone flags a configuration asks for, the lxc.namespace.share.* targets opened as fds,
 * joining namespaces with setns and lxc-attach's "-s NETWORK|IPC" lists. Namespaces are
 * indexed by enum conf_ns (config/security/security.h); fd arrays hold -EBADF when unset. */
#pragma once

#include <sched.h>
#include <stdbool.h>
#include <sys/types.h>

#include "config/security/security.h"

struct lxc_conf;

#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP 0x02000000
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

/* Every CLONE_NEW* flag the table knows. */
#define NS_ALL_FLAGS                                                                               \
	(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWNET | \
	 CLONE_NEWCGROUP | CLONE_NEWTIME)

/* What LXC creates when lxc.namespace.clone is unset (user and time are added on demand). */
#define NS_DEFAULT_FLAGS                                                                           \
	(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWCGROUP)

struct ns_info {
	const char *name;	 /* file under /proc/PID/ns and the config name: "mnt", "net" */
	int flag;		 /* CLONE_NEWNS, CLONE_NEWNET, ... */
	const char *attach_name; /* lxc-attach -s name: "MOUNT", "NETWORK", ... */
	const char *env_name;	 /* hook variable for version 1 hooks: "LXC_MNT_NS", ... */
};

/* Table entry of a namespace; NULL when ns is out of range. */
const struct ns_info *ns_info(enum conf_ns ns);
/* Namespace by /proc name ("mnt", "net"; "mount" is accepted). -EINVAL if unknown. */
int ns_from_name(const char *name, enum conf_ns *ret_ns);
/* Namespace of exactly one CLONE_NEW* flag. -EINVAL otherwise. */
int ns_from_flag(int flag, enum conf_ns *ret_ns);

/* The CLONE_NEW* flags the init is cloned with. Without lxc.namespace.clone: mnt pid uts ipc
 * net cgroup, plus user when lxc.idmap lines exist, plus time when lxc.time.offset.* is set,
 * minus net when the only lxc.net entries have type "none" (the host's network is used).
 * lxc.namespace.clone replaces that set; lxc.namespace.keep removes from it; every
 * lxc.namespace.share.X removes X (the init joins the target's X instead). Pure: no kernel
 * probe; the caller drops flags the kernel lacks (ns_supported_flags()). Returns 0. */
int ns_clone_flags(const struct lxc_conf *conf, int *ret_flags);

/* The CLONE_NEW* flags of the namespaces this kernel has (/proc/self/ns/NAME exists). */
int ns_supported_flags(void);

/* Flags of the lxc.namespace.share.* entries that are set. */
int ns_share_flags(const struct lxc_conf *conf);

/* Parse an lxc-attach -s list: names MOUNT PID UTSNAME IPC USER NETWORK CGROUP TIME
 * separated by "|" (case-sensitive, like LXC). -EINVAL for an unknown or empty name. */
int ns_attach_flags_parse(const char *list, int *ret_flags);

/* Set every element of fds[CONF_NS_MAX] to -EBADF / close the valid ones (and reset them). */
void ns_fds_init(int fds[CONF_NS_MAX]);
void ns_fds_close(int fds[CONF_NS_MAX]);

/* Open /proc/PID/ns/NAME (O_RDONLY|O_CLOEXEC). Returns the fd or -errno. */
int ns_open_pid(pid_t pid, enum conf_ns ns);
/* Open the namespaces in flags of process pid into fds[] (others untouched). A namespace the
 * kernel lacks is skipped when skip_missing is true. On failure fds opened here are closed
 * again and ret_ns names the one that failed. */
int ns_open_all(pid_t pid, int flags, bool skip_missing, int fds[CONF_NS_MAX],
		enum conf_ns *ret_ns);

/* Resolve every lxc.namespace.share.NAME into fds[NAME]:
 *   a pid                -> /proc/PID/ns/NAME
 *   a path to an nsfs file (e.g. /proc/PID/ns/net or a bind-mounted namespace) -> that file
 *   a container directory "/opt/c3" -> init pid of container "c3" in lxcpath "/opt"
 *   a container name     -> init pid of that container in lxcpath
 * The nsfs file's type must match NAME. On failure every fd opened is closed and, when msg is
 * not NULL, msg receives 'Failed to open ...' naming the key and the target. */
int ns_open_share_targets(const struct lxc_conf *conf, const char *lxcpath, int fds[CONF_NS_MAX],
			  char *msg, size_t msg_size);

/* setns() into every valid fd of fds[]. Non-user namespaces are joined first; any that fail
 * with EPERM are retried after the user namespace was joined (like nsenter), so both "joining
 * as host root" and "joining as the owner of the user namespace" work. Mount is joined last
 * in each pass. fds that were joined are left open. On failure ret_ns (may be NULL) names the
 * namespace that failed. Note: a pid or time namespace only applies to children forked
 * afterwards. */
int ns_join_fds(const int fds[CONF_NS_MAX], enum conf_ns *ret_ns);

/* Join namespaces of a process through its pidfd in one setns(pidfd, flags) call (Linux 5.8).
 * -EINVAL/-ENOSYS on older kernels: fall back to ns_open_all + ns_join_fds. */
int ns_join_pidfd(int pidfd, int flags);

/* Whether two processes share a namespace (same nsfs inode). 1 yes, 0 no, -errno. */
int ns_same(pid_t a, pid_t b, enum conf_ns ns);
