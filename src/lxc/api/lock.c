/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The two locks of a container object: privlock, a recursive mutex guarding the object, and
 * slock, an open file description lock (F_OFD_SETLKW) on a per-container lock file that
 * excludes other threads and other processes alike. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

#include "api/api.h"
#include "base/file.h"
#include "config/system/paths.h"

struct lxc_lock *api_lock_new(enum lxc_lock_type type)
{
	pthread_mutexattr_t attr;
	struct lxc_lock *l;

	l = calloc(1, sizeof(*l));
	if (!l)
		return NULL;
	l->type = type;
	if (type != LXC_LOCK_MUTEX)
		return l;

	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
	if (pthread_mutex_init(&l->mutex, &attr) != 0) {
		pthread_mutexattr_destroy(&attr);
		free(l);
		return NULL;
	}
	pthread_mutexattr_destroy(&attr);
	return l;
}

void api_lock_free(struct lxc_lock *l)
{
	if (!l)
		return;
	if (l->type == LXC_LOCK_MUTEX)
		pthread_mutex_destroy(&l->mutex);
	free(l);
}

void api_obj_lock(struct lxc_container *c)
{
	pthread_mutex_lock(&c->privlock->mutex);
}

void api_obj_unlock(struct lxc_container *c)
{
	pthread_mutex_unlock(&c->privlock->mutex);
}

int api_lock_path(const char *lxcpath, const char *name, char **ret_path)
{
	__do_free char *lockdir = NULL;
	char path[PATH_MAX];
	int ret;

	ret = paths_lockdir(&lockdir);
	if (ret < 0)
		return ret;
	ret = snprintf(path, sizeof(path), "%s/%s/.%s", lockdir, lxcpath, name);
	if (ret < 0 || (size_t)ret >= sizeof(path))
		return -ENAMETOOLONG;
	*ret_path = strdup(path);
	return *ret_path ? 0 : -ENOMEM;
}

int api_disk_lock(struct lxc_container *c)
{
	__do_free char *path = NULL;
	__do_close int fd = -EBADF;
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	char *slash;
	int ret;

	api_obj_lock(c);
	ret = api_lock_path(c->config_path, c->name, &path);
	api_obj_unlock(c);
	if (ret < 0)
		return ret;

	/* The lock directory exists after the first lock of the lxcpath: create it only when the
	 * open says it is missing, so that loading many containers costs one open each. */
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 && errno == ENOENT) {
		slash = strrchr(path, '/');
		*slash = '\0';
		ret = mkdir_p(path, 0755);
		*slash = '/';
		if (ret < 0)
			return ret;
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	}
	if (fd < 0)
		return -errno;
	while ((ret = fcntl(fd, F_OFD_SETLKW, &fl)) < 0 && errno == EINTR)
		;
	if (ret < 0)
		return -errno;
	return take_fd(fd);
}
