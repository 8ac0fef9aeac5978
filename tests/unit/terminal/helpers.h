/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Shared helpers of the terminal unit tests: wait for readability, read an exact count. */
#pragma once

#include <poll.h>
#include <unistd.h>

/* Generous upper bound so a broken test fails instead of hanging; never a timing assumption. */
#define WAIT_MS 10000

static inline int wait_readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, WAIT_MS) == 1 && (p.revents & (POLLIN | POLLHUP)) ? 0 : -1;
}

/* Read exactly n bytes (blocking via poll); -1 on EOF, error or timeout. */
static inline int read_exact(int fd, char *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r;

		if (wait_readable(fd) < 0)
			return -1;
		r = read(fd, buf + got, n - got);
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}
