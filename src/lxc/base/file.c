/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* File helpers: whole-file reads, atomic rewrites, mkdir -p. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/file.h"

int fd_read_all(int fd, char **ret_buf, size_t *ret_len)
{
	__do_free char *buf = NULL;
	size_t len = 0, cap = 0;

	for (;;) {
		ssize_t n;

		if (cap - len < 4096) {
			char *nb;

			cap = cap ? cap * 2 : 8192;
			nb = realloc(buf, cap + 1);
			if (!nb)
				return -ENOMEM;
			buf = nb;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (!buf && !(buf = malloc(1)))
		return -ENOMEM;
	buf[len] = '\0';
	*ret_buf = take_ptr(buf);
	if (ret_len)
		*ret_len = len;
	return 0;
}

int file_read_all(const char *path, char **ret_buf, size_t *ret_len)
{
	__do_close int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);

	if (fd < 0)
		return -errno;
	return fd_read_all(fd, ret_buf, ret_len);
}

int fd_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int file_write_atomic(const char *path, const char *buf, size_t len, mode_t mode)
{
	char tmp[PATH_MAX];
	__do_close int fd = -EBADF;
	int ret;

	ret = snprintf(tmp, sizeof(tmp), "%s.tmp.XXXXXX", path);
	if (ret < 0 || (size_t)ret >= sizeof(tmp))
		return -ENAMETOOLONG;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = fd_write_all(fd, buf, len);
	if (ret == 0 && fchmod(fd, mode) < 0)
		ret = -errno;
	if (ret == 0 && fsync(fd) < 0)
		ret = -errno;
	if (ret == 0 && close(take_fd(fd)) < 0)
		ret = -errno;
	if (ret == 0 && rename(tmp, path) < 0)
		ret = -errno;
	if (ret < 0)
		unlink(tmp);
	return ret;
}

static int mkdir_one(const char *path, mode_t mode)
{
	return mkdir(path, mode) == 0 || errno == EEXIST ? 0 : -errno;
}

/* The full path first: when only the last component is missing (or none is) that is the one
 * mkdir. On ENOENT, cut components off the end until a mkdir succeeds (or finds the directory),
 * then put them back one by one, creating each. */
int mkdir_p(const char *path, mode_t mode)
{
	char buf[PATH_MAX];
	size_t len = strlen(path), cut;
	int ret;

	if (len == 0 || len >= sizeof(buf))
		return -ENAMETOOLONG;
	memcpy(buf, path, len + 1);
	if (mkdir(buf, mode) == 0)
		return 0;
	ret = errno == EEXIST ? 0 : -errno;
	while (ret == -ENOENT) {
		char *slash = strrchr(buf, '/');

		if (!slash || slash == buf)
			return ret;
		*slash = '\0';
		ret = mkdir_one(buf, mode);
	}
	if (ret < 0)
		return ret;
	while ((cut = strlen(buf)) < len) {
		buf[cut] = '/';
		ret = mkdir_one(buf, mode);
		if (ret < 0)
			return ret;
	}
	return dir_exists(path) ? 0 : -ENOTDIR;
}

bool file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

bool dir_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}
