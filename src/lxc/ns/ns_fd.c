/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Namespaces as file descriptors: open a process's namespaces, resolve the
 * lxc.namespace.share.* targets (pid, nsfs path, container directory or name) and join them
 * with setns. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <linux/magic.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "config/conf.h"
#include "log/log.h"
#include "ns/ns.h"

#if __has_include("ipc/commands.h")
#include "ipc/commands.h"
#define NS_HAVE_CMD_GET_INIT_PID 1
#endif

lxc_log_define(ns);

/* The order namespaces are joined in; user is handled separately, mount comes last. */
static const enum conf_ns join_order[] = {
	CONF_NS_PID, CONF_NS_TIME,   CONF_NS_UTS, CONF_NS_IPC,
	CONF_NS_NET, CONF_NS_CGROUP, CONF_NS_MNT,
};

int ns_open_pid(pid_t pid, enum conf_ns ns)
{
	const struct ns_info *info = ns_info(ns);
	char path[64];
	int fd;

	if (!info || pid <= 0)
		return -EINVAL;
	snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)pid, info->name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int ns_open_all(pid_t pid, int flags, bool skip_missing, int fds[CONF_NS_MAX], enum conf_ns *ret_ns)
{
	int opened[CONF_NS_MAX];

	ns_fds_init(opened);
	for (int i = 0; i < CONF_NS_MAX; i++) {
		int fd;

		if (!(flags & ns_info(i)->flag))
			continue;
		fd = ns_open_pid(pid, i);
		if (fd == -ENOENT && skip_missing)
			continue;
		if (fd < 0) {
			ns_fds_close(opened);
			if (ret_ns)
				*ret_ns = i;
			return fd;
		}
		opened[i] = fd;
	}
	for (int i = 0; i < CONF_NS_MAX; i++) {
		if (opened[i] >= 0) {
			close_prot_errno_disarm(fds[i]);
			fds[i] = opened[i];
		}
	}
	return 0;
}

static void msg_set(char *msg, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void msg_set(char *msg, size_t size, const char *fmt, ...)
{
	va_list ap;

	if (!msg || !size)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, size, fmt, ap);
	va_end(ap);
}

/* The init pid of a running container. The single call into the ipc layer. */
static int container_init_pid(const char *lxcpath, const char *name, pid_t *ret_pid)
{
#ifdef NS_HAVE_CMD_GET_INIT_PID
	int r = cmd_get_init_pid(lxcpath, name, 10, ret_pid);

	return r == CMD_NOT_RUNNING ? -ESRCH : r;
#else
	(void)lxcpath;
	(void)name;
	(void)ret_pid;
	return -ENOSYS;
#endif
}

/* Check that fd is a namespace file of type ns. 1 yes, 0 not nsfs at all, -EINVAL wrong
 * type. */
static int nsfs_check(int fd, enum conf_ns ns)
{
	struct statfs sfs;
	int type;

	if (fstatfs(fd, &sfs) < 0)
		return -errno;
	if (sfs.f_type != NSFS_MAGIC)
		return 0;
	type = ioctl(fd, NS_GET_NSTYPE);
	if (type < 0)
		return 1; /* old kernel without NS_GET_NSTYPE: trust the caller */
	return type == ns_info(ns)->flag ? 1 : -EINVAL;
}

/* Open the namespace of a container given as name + lxcpath. */
static int open_container_ns(const char *lxcpath, const char *name, enum conf_ns ns,
			     const char *key, char *msg, size_t size)
{
	pid_t pid = 0;
	int r;

	r = container_init_pid(lxcpath, name, &pid);
	if (r >= 0 && pid <= 0)
		r = -ESRCH;
	if (r < 0) {
		msg_set(msg, size,
			"Failed to find the init of container \"%s\" in \"%s\" for \"%s\": %s",
			name, lxcpath ? lxcpath : "", key,
			r == -ESRCH ? "not running" : strerror(-r));
		return r;
	}
	r = ns_open_pid(pid, ns);
	if (r < 0)
		msg_set(msg, size,
			"Failed to open namespace \"%s\" of container \"%s\" for \"%s\": %s",
			ns_info(ns)->name, name, key, strerror(-r));
	return r;
}

/* A path: an nsfs file (/proc/PID/ns/net, a bind mount of one) or a container directory. */
static int open_path_target(const char *path, enum conf_ns ns, const char *key, char *msg,
			    size_t size)
{
	__do_close int fd = -EBADF;
	__do_free char *dup = NULL;
	struct stat st;
	char *slash;
	int r;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		r = -errno;
		msg_set(msg, size, "Failed to open \"%s\" for \"%s\": %s", path, key, strerror(-r));
		return r;
	}
	r = nsfs_check(fd, ns);
	if (r == -EINVAL) {
		msg_set(msg, size, "Failed to use \"%s\" for \"%s\": not a \"%s\" namespace", path,
			key, ns_info(ns)->name);
		return r;
	}
	if (r > 0)
		return take_fd(fd);
	if (r < 0 || fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode)) {
		msg_set(msg, size,
			"Failed to use \"%s\" for \"%s\": neither a namespace file nor a container "
			"directory",
			path, key);
		return -EINVAL;
	}
	dup = strdup(path);
	if (!dup)
		return -ENOMEM;
	while ((slash = strrchr(dup, '/')) && slash != dup && !slash[1])
		*slash = '\0'; /* "/opt/c3/" */
	slash = strrchr(dup, '/');
	*slash = '\0';
	return open_container_ns(slash == dup ? "/" : dup, slash + 1, ns, key, msg, size);
}

static int open_share_target(const struct conf_ns_share *sh, enum conf_ns ns, const char *lxcpath,
			     char *msg, size_t size)
{
	char key[64];
	int r;

	snprintf(key, sizeof(key), "lxc.namespace.share.%s", ns_info(ns)->name);
	switch (sh->kind) {
	case CONF_NS_SHARE_PID:
		r = ns_open_pid(sh->pid, ns);
		if (r < 0)
			msg_set(msg, size,
				"Failed to open namespace \"%s\" of process %d for \"%s\": %s",
				ns_info(ns)->name, (int)sh->pid, key, strerror(-r));
		return r;
	case CONF_NS_SHARE_PATH:
		return open_path_target(sh->value, ns, key, msg, size);
	case CONF_NS_SHARE_NAME:
		return open_container_ns(lxcpath, sh->value, ns, key, msg, size);
	default:
		return -EINVAL;
	}
}

int ns_open_share_targets(const struct lxc_conf *conf, const char *lxcpath, int fds[CONF_NS_MAX],
			  char *msg, size_t msg_size)
{
	int opened[CONF_NS_MAX];

	ns_fds_init(opened);
	for (int i = 0; i < CONF_NS_MAX; i++) {
		const struct conf_ns_share *sh = &conf->sec.ns_share[i];
		int fd;

		if (sh->kind == CONF_NS_SHARE_NONE)
			continue;
		fd = open_share_target(sh, i, lxcpath, msg, msg_size);
		if (fd < 0) {
			ns_fds_close(opened);
			return fd;
		}
		opened[i] = fd;
		DEBUG("Opened \"%s\" namespace target \"%s\" as fd %d", ns_info(i)->name,
		      sh->value ? sh->value : "", fd);
	}
	for (int i = 0; i < CONF_NS_MAX; i++) {
		if (opened[i] >= 0) {
			close_prot_errno_disarm(fds[i]);
			fds[i] = opened[i];
		}
	}
	return 0;
}

/* Whether fd refers to the user namespace we are already in (setns would fail with EINVAL). */
static bool is_own_userns(int fd)
{
	struct stat a, b;

	if (fstat(fd, &a) < 0 || stat("/proc/self/ns/user", &b) < 0)
		return false;
	return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static int join_one(int fd, enum conf_ns ns)
{
	if (setns(fd, ns_info(ns)->flag) < 0)
		return -errno;
	TRACE("Joined namespace \"%s\"", ns_info(ns)->name);
	return 0;
}

/* Join the non-user namespaces of fds (only those marked in todo when todo is not NULL).
 * With defer, an EPERM failure marks the namespace in deferred instead of failing. */
static int join_pass(const int fds[CONF_NS_MAX], const bool *todo, bool *deferred,
		     enum conf_ns *ret_ns)
{
	for (size_t k = 0; k < ARRAY_SIZE(join_order); k++) {
		enum conf_ns ns = join_order[k];
		int r;

		if (fds[ns] < 0 || (todo && !todo[ns]))
			continue;
		r = join_one(fds[ns], ns);
		if (r == -EPERM && deferred) {
			deferred[ns] = true;
			continue;
		}
		if (r < 0) {
			if (ret_ns)
				*ret_ns = ns;
			return r;
		}
	}
	return 0;
}

int ns_join_fds(const int fds[CONF_NS_MAX], enum conf_ns *ret_ns)
{
	bool deferred[CONF_NS_MAX] = {false};
	int user = fds[CONF_NS_USER];
	int r;

	r = join_pass(fds, NULL, user >= 0 ? deferred : NULL, ret_ns);
	if (r < 0)
		return r;
	if (user >= 0 && !is_own_userns(user)) {
		r = join_one(user, CONF_NS_USER);
		if (r < 0) {
			if (ret_ns)
				*ret_ns = CONF_NS_USER;
			return r;
		}
	}
	return join_pass(fds, deferred, NULL, ret_ns);
}

int ns_join_pidfd(int pidfd, int flags)
{
	if (setns(pidfd, flags) < 0)
		return -errno;
	return 0;
}

int ns_same(pid_t a, pid_t b, enum conf_ns ns)
{
	const struct ns_info *info = ns_info(ns);
	char pa[64], pb[64];
	struct stat sa, sb;

	if (!info)
		return -EINVAL;
	snprintf(pa, sizeof(pa), "/proc/%d/ns/%s", (int)a, info->name);
	snprintf(pb, sizeof(pb), "/proc/%d/ns/%s", (int)b, info->name);
	if (stat(pa, &sa) < 0 || stat(pb, &sb) < 0)
		return -errno;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
