/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Typed model of the security and namespace keys: capabilities, seccomp, AppArmor, SELinux,
 * no_new_privs, session keyring, id maps, namespaces (clone/keep/share), time namespace
 * offsets and core scheduling, plus the lookups the start sequence uses. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>

/* A 0/1 key: set says whether the configuration named it, on is its value. */
struct conf_sec_flag {
	bool set;
	bool on;
};

/* Capabilities by number as bit masks (bit N = capability N, 0..63). */
struct conf_caps {
	uint64_t drop; /* lxc.cap.drop */
	uint64_t keep; /* lxc.cap.keep */
	bool keep_set; /* lxc.cap.keep given; keep == 0 then means "none" */
};

enum conf_idmap_type {
	CONF_IDMAP_UID, /* "u" */
	CONF_IDMAP_GID, /* "g" */
};

/* One lxc.idmap line: ids nsid..nsid+range-1 in the container are hostid.. on the host. */
struct conf_idmap {
	enum conf_idmap_type type;
	uint32_t nsid;
	uint32_t hostid;
	uint32_t range; /* >= 1; nsid + range and hostid + range stay below 2^32 - 1 */
};

/* Namespaces in the order LXC names them. */
enum conf_ns {
	CONF_NS_MNT,
	CONF_NS_PID,
	CONF_NS_UTS,
	CONF_NS_IPC,
	CONF_NS_USER,
	CONF_NS_NET,
	CONF_NS_CGROUP,
	CONF_NS_TIME,
	CONF_NS_MAX,
};

enum conf_ns_share_kind {
	CONF_NS_SHARE_NONE,
	CONF_NS_SHARE_NAME, /* another container by name (same lxcpath) */
	CONF_NS_SHARE_PID,  /* a process id */
	CONF_NS_SHARE_PATH, /* an absolute path: a container directory or /proc/PID/ns/... */
};

/* lxc.namespace.share.NAME */
struct conf_ns_share {
	enum conf_ns_share_kind kind;
	char *value; /* as written; NULL when kind is NONE */
	pid_t pid;   /* for CONF_NS_SHARE_PID */
};

/* lxc.time.offset.*: normalised like a timespec (0 <= nsec < 1000000000). */
struct conf_time_offset {
	bool set;
	int64_t sec;
	int64_t nsec;
};

enum conf_aa_mode {
	CONF_AA_DEFAULT, /* not set: the LSM layer picks lxc-container-default[-cgns] */
	CONF_AA_NAMED,	 /* a profile name */
	CONF_AA_UNCONFINED,
	CONF_AA_UNCHANGED,
	CONF_AA_GENERATED,
};

struct conf_seccomp {
	char *profile; /* lxc.seccomp.profile */
	struct conf_sec_flag allow_nesting;
	char *notify_proxy; /* "unix:/path" or "unix:@name" as written */
	char *notify_cookie;
};

struct conf_apparmor {
	enum conf_aa_mode mode;
	char *profile; /* the value as written (also for the special modes) */
	struct conf_sec_flag allow_incomplete;
	struct conf_sec_flag allow_nesting;
	char **raw; /* lxc.apparmor.raw lines, NULL-terminated */
};

struct conf_selinux {
	char *context;
	char *context_keyring;
};

struct conf_security {
	struct conf_caps caps;
	struct conf_seccomp seccomp;
	struct conf_apparmor apparmor;
	struct conf_selinux selinux;
	struct conf_sec_flag no_new_privs;
	struct conf_sec_flag keyring_session; /* default on */
	struct conf_sec_flag sched_core;

	struct conf_idmap *idmap; /* lxc.idmap lines in order */
	size_t n_idmap;

	int ns_clone; /* CLONE_NEW* flags from lxc.namespace.clone */
	int ns_keep;  /* CLONE_NEW* flags from lxc.namespace.keep */
	struct conf_ns_share ns_share[CONF_NS_MAX];

	struct conf_time_offset time_boot;	/* lxc.time.offset.boot */
	struct conf_time_offset time_monotonic; /* lxc.time.offset.monotonic */
};

void conf_security_init(struct conf_security *m);
/* Frees everything and leaves m as after init. Accepts NULL. */
void conf_security_free(struct conf_security *m);

/* ---- Capabilities ---- */
/* Highest capability number with a known name. */
#define CONF_CAP_LAST_KNOWN 40
/* Lower-case name without "cap_" ("sys_admin"), or NULL for an unnamed number. */
const char *conf_cap_name(unsigned int cap);
/* "sys_admin", "CAP_SYS_ADMIN", "Cap_Sys_Admin" or a number 0..63. -EINVAL otherwise. */
int conf_cap_from_name(const char *name, unsigned int *ret_cap);
/* lxc.cap.drop and lxc.cap.keep are exclusive at start time: -EINVAL when both are set. */
int conf_security_caps_check(const struct conf_security *m);

/* ---- Id maps ---- */
/* Any lxc.idmap line: the container gets a user namespace. */
bool conf_security_has_userns(const struct conf_security *m);
/* Unprivileged container: a "u" map covers container uid 0. */
bool conf_security_is_unprivileged(const struct conf_security *m);
/* Map a container id to the host (and back). -ENOENT when no line covers it. */
int conf_security_idmap_to_host(const struct conf_security *m, enum conf_idmap_type type,
				uint32_t nsid, uint32_t *ret_hostid);
int conf_security_idmap_to_ns(const struct conf_security *m, enum conf_idmap_type type,
			      uint32_t hostid, uint32_t *ret_nsid);

/* ---- Namespaces ---- */
/* Proc name ("mnt", "net", ...) and CLONE_NEW* flag of a namespace. */
const char *conf_ns_name(enum conf_ns ns);
int conf_ns_flag(enum conf_ns ns);
/* Namespace by proc name (case-insensitive; "mount" is accepted for "mnt"). -EINVAL. */
int conf_ns_from_name(const char *name, enum conf_ns *ret_ns);

/* ---- Misc ---- */
/* Effective values with LXC's defaults applied. */
bool conf_security_keyring_session(const struct conf_security *m);
/* The lxc.seccomp.notify.proxy address. -ENOENT when unset, -EINVAL when malformed. */
int conf_security_notify_addr(const struct conf_security *m, struct sockaddr_un *ret_addr,
			      socklen_t *ret_len);
