/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* struct lxc_error: the small, fixed-size error record a setup step fills on failure (step,
 * errno, message naming the object). Plain bytes, so the container init can write it as-is
 * over the sync socket to the monitor. */
#pragma once

#include <stdarg.h>

struct lxc_error {
	char step[32];	   /* short step name: "rootfs", "mount entry", "autodev", ... */
	int err;	   /* positive errno, 0 while no error was recorded */
	char message[480]; /* 'Failed to mount rootfs "/x": No such file or directory' */
};

/* Forget any recorded error. */
void lxc_error_clear(struct lxc_error *e);

/* Record an error: step, errno err (positive or negative, sign ignored) and a message built
 * from fmt to which ": <strerror(err)>" is appended. Returns -err (so callers can
 * `return lxc_error_set(...)`). e may be NULL (nothing recorded, still returns -err). A record
 * already holding an error is overwritten. */
int lxc_error_set(struct lxc_error *e, const char *step, int err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The same without the strerror suffix (for errors that are not a failed system call, e.g.
 * "storage type \"zfs\" is not supported yet"). */
int lxc_error_set_plain(struct lxc_error *e, const char *step, int err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
