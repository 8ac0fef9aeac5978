/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The console log file: size limit, rotation to FILE.1 or truncation. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "terminal/console_log.h"

#define LOG_OPEN_FLAGS (O_CLOEXEC | O_RDWR | O_CREAT | O_APPEND)

void term_log_init(struct term_log *log)
{
	log->fd = -EBADF;
	log->path = NULL;
	log->size = 0;
	log->rotate = false;
}

void term_log_close(struct term_log *log)
{
	close_prot_errno_disarm(log->fd);
	free(log->path);
	term_log_init(log);
}

int term_log_open(struct term_log *log, const char *path, uint64_t size, bool rotate)
{
	__do_close int fd = -EBADF;
	__do_free char *copy = NULL;
	struct stat st;

	term_log_init(log);
	copy = strdup(path);
	if (!copy)
		return -ENOMEM;
	fd = open(path, LOG_OPEN_FLAGS, 0600);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode) && (size > 0 || rotate))
		return -EINVAL;
	log->fd = take_fd(fd);
	log->path = take_ptr(copy);
	log->size = size;
	log->rotate = rotate;
	return 0;
}

static int log_truncate(struct term_log *log)
{
	return ftruncate(log->fd, 0) < 0 ? -errno : 0;
}

/* FILE -> FILE.1 (replacing it), then a fresh FILE. */
static int log_rename(struct term_log *log)
{
	__do_free char *old = NULL;
	int fd;

	if (asprintf(&old, "%s.1", log->path) < 0)
		return -ENOMEM;
	if (rename(log->path, old) < 0)
		return -errno;
	fd = open(log->path, LOG_OPEN_FLAGS | O_TRUNC, 0600);
	if (fd < 0)
		return -errno;
	close(log->fd);
	log->fd = fd;
	return 0;
}

int term_log_rotate(struct term_log *log)
{
	if (log->fd < 0)
		return -EBADF;
	return log->rotate ? log_rename(log) : log_truncate(log);
}

int term_log_write(struct term_log *log, const void *buf, size_t len)
{
	const char *p = buf;
	size_t room, rest;
	struct stat st;
	int r;

	if (log->fd < 0 || len == 0)
		return 0;
	if (log->size == 0) {
		r = fd_write_all(log->fd, buf, len);
		return r < 0 ? r : (int)len;
	}
	if (fstat(log->fd, &st) < 0)
		return -errno;
	room = (uint64_t)st.st_size < log->size ? (size_t)(log->size - st.st_size) : 0;
	if (len <= room) {
		r = fd_write_all(log->fd, p, len);
		return r < 0 ? r : (int)len;
	}

	r = fd_write_all(log->fd, p, room);
	if (r < 0)
		return r;
	r = term_log_rotate(log);
	if (r < 0)
		return r;
	rest = len - room;
	p += room;
	if (rest > log->size) {	/* more than a whole file: keep the newest bytes */
		p += rest - log->size;
		rest = log->size;
	}
	r = fd_write_all(log->fd, p, rest);
	return r < 0 ? r : (int)len;
}
