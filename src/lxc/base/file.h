/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* File helpers: whole-file reads, atomic rewrites (temporary file + fsync + rename), mkdir -p.
 * Every fd is opened O_CLOEXEC. Functions return >= 0 on success and -errno on failure. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Read a whole file into a NUL-terminated malloc'd buffer. */
int file_read_all(const char *path, char **ret_buf, size_t *ret_len);
int fd_read_all(int fd, char **ret_buf, size_t *ret_len);
/* Write all of buf, retrying short writes and EINTR. */
int fd_write_all(int fd, const void *buf, size_t len);
/* Replace path with exactly buf: written to a temporary in the same directory, fsync'd, then
 * renamed over path. On failure path is untouched and no temporary is left behind. */
int file_write_atomic(const char *path, const char *buf, size_t len, mode_t mode);
/* Create a directory and its parents; existing directories are fine. */
int mkdir_p(const char *path, mode_t mode);
bool file_exists(const char *path);
bool dir_exists(const char *path);
