/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private interface of the API layer: the two locks of a container object, error reporting into
 * error_string/error_num, and the per-file method installers used by lxc_container_new(). */
#pragma once

#include <pthread.h>
#include <stdbool.h>

#include <lxc/lxccontainer.h>

#include "base/cleanup.h"
#include "base/compiler.h"

/* Container names are path components; the lock file is ".NAME", hence one byte less than
 * NAME_MAX. */
#define API_NAME_MAX 254

enum lxc_lock_type {
	LXC_LOCK_MUTEX,	/* privlock: the object, shared by the threads of one process */
	LXC_LOCK_OFD,	/* slock: the on-disk container, between threads and processes */
};

/* The "struct lxc_lock" the public header only forward-declares. */
struct lxc_lock {
	enum lxc_lock_type type;
	pthread_mutex_t mutex;		/* LXC_LOCK_MUTEX, recursive */
	/* Kept here until struct lxc_conf has a place for it (want_close_all_fds()). */
	bool close_all_fds;
};

struct lxc_lock *api_lock_new(enum lxc_lock_type type);
void api_lock_free(struct lxc_lock *l);

/* Object lock (privlock). Recursive, so a locked method may call a helper that locks too. */
void api_obj_lock(struct lxc_container *c);
void api_obj_unlock(struct lxc_container *c);

/* Container lock (slock): an open file description lock on
 * RUNTIME/lxc/lock/LXCPATH/.NAME, created with its directories as needed. Returns the fd that
 * holds the lock (close it to unlock) or -errno. Not reentrant: never nest it. */
int api_disk_lock(struct lxc_container *c);
/* The lock file path; RUNTIME is LXC_RUNTIME_PATH for root, $XDG_RUNTIME_DIR (else
 * ~/.cache/lxc/run) otherwise. */
int api_lock_path(const char *lxcpath, const char *name, char **ret_path);

/* Record a failure: error_num = err (positive errno), error_string = the message, and log it
 * once at ERROR. As in LXC, a later success does not reset error_num/error_string: they
 * describe the last failure. Returns -err. */
int api_error(struct lxc_container *c, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Name rules for lxc_container_new(): non-empty, no '/', not "." or "..", at most
 * API_NAME_MAX bytes. Returns 0 or -EINVAL with a message in buf. */
int api_check_name(const char *name, char *buf, size_t size);

/* Method installers, one per source file; together they set every function pointer. */
void api_install_config_methods(struct lxc_container *c);
void api_install_state_methods(struct lxc_container *c);
void api_install_stub_methods(struct lxc_container *c);
void api_install_lifecycle_methods(struct lxc_container *c);
void api_install_create_methods(struct lxc_container *c);
void api_install_attach_methods(struct lxc_container *c);
void api_install_cgroup_methods(struct lxc_container *c);
void api_install_console_methods(struct lxc_container *c);
void api_install_net_methods(struct lxc_container *c);

/* The lxcpath used when the caller passes none. */
const char *api_default_lxcpath(void);
