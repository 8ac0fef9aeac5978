/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Placeholder logger: errors to stderr (replaced by the logging module). */
#include "config.h"

#include <stdio.h>

#include "log/log.h"

void lxc_log_write(int level, const struct lxc_log_category *cat, const char *file, int line,
		   const char *func, const char *fmt, ...)
{
	va_list ap;

	if (level < LXC_LOG_LEVEL_ERROR)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
