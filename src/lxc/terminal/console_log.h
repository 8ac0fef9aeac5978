/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The console log file (lxc.console.logfile) with its size limit (lxc.console.size) and
 * rotation (lxc.console.rotate), written by the monitor's console proxy.
 * With a limit, a write that does not fit fills the file up to the limit, then the file is
 * rotated (rotate = 1: renamed to "FILE.1", replacing an older one, and FILE started anew) or
 * truncated (rotate = 0), and the rest is written to the fresh file (at most the limit, the
 * newest bytes kept). Without a limit (0) the file grows. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct term_log {
	int fd;			/* -EBADF when closed */
	char *path;
	uint64_t size;		/* lxc.console.size in bytes, 0 = no limit */
	bool rotate;		/* lxc.console.rotate */
};

/* Empty state (fd -EBADF); term_log_write on it is a no-op returning 0. */
void term_log_init(struct term_log *log);
/* Open (create 0600, append) path. A size limit or rotation on a file that is not a regular
 * file (a fifo, a device) gives -EINVAL, as in LXC. On failure *log stays closed. */
int term_log_open(struct term_log *log, const char *path, uint64_t size, bool rotate);
/* Write all of buf under the rules above. Returns len or -errno. */
int term_log_write(struct term_log *log, const void *buf, size_t len);
/* Rotate now (FILE -> FILE.1, new empty FILE), e.g. on an API request; with rotate off the
 * file is truncated instead. */
int term_log_rotate(struct term_log *log);
/* Close and free; accepts a closed log. */
void term_log_close(struct term_log *log);
