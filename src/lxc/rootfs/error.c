/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Filling struct lxc_error records. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "rootfs/error.h"

void lxc_error_clear(struct lxc_error *e)
{
	if (e)
		memset(e, 0, sizeof(*e));
}

static int error_vset(struct lxc_error *e, const char *step, int err, bool with_errno,
		      const char *fmt, va_list ap)
{
	int n;

	if (err < 0)
		err = -err;
	if (!e)
		return -err;
	lxc_error_clear(e);
	snprintf(e->step, sizeof(e->step), "%s", step ? step : "");
	e->err = err;
	n = vsnprintf(e->message, sizeof(e->message), fmt, ap);
	if (with_errno && n >= 0 && (size_t)n < sizeof(e->message))
		snprintf(e->message + n, sizeof(e->message) - n, ": %s", strerror(err));
	return -err;
}

int lxc_error_set(struct lxc_error *e, const char *step, int err, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = error_vset(e, step, err, true, fmt, ap);
	va_end(ap);
	return r;
}

int lxc_error_set_plain(struct lxc_error *e, const char *step, int err, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = error_vset(e, step, err, false, fmt, ap);
	va_end(ap);
	return r;
}
