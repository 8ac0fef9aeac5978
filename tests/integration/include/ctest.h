/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Shared by the C integration tests: CHECK/REQUIRE assertions counting into the test's own
 * `failures` variable, and killing the monitors of the test's lxcpath at cleanup. */
#pragma once

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHECK(cond, ...)                                                                  \
	do {                                                                              \
		if (!(cond)) {                                                            \
			fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);   \
			fprintf(stderr, __VA_ARGS__);                                     \
			fprintf(stderr, "\n");                                            \
			failures++;                                                       \
		}                                                                         \
	} while (0)

#define REQUIRE(cond, ...)                                                                \
	do {                                                                              \
		int before_ = failures;                                                   \
		CHECK(cond, __VA_ARGS__);                                                 \
		if (failures != before_)                                                  \
			exit(1);                                                          \
	} while (0)

/* Kill every "[lxc monitor] LXCPATH ..." process of the test's lxcpath; how many. */
static __attribute__((unused)) int kill_monitors(const char *lxcpath, int sig)
{
	char prefix[300], path[300], buf[512];
	struct dirent *de;
	int n = 0;
	DIR *d;

	if (!lxcpath[0] || !(d = opendir("/proc")))
		return 0;
	snprintf(prefix, sizeof(prefix), "[lxc monitor] %s ", lxcpath);
	while ((de = readdir(d))) {
		ssize_t len;
		int fd;

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/cmdline", de->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		len = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (len <= 0)
			continue;
		buf[len] = '\0';
		if (strncmp(buf, prefix, strlen(prefix)) == 0) {
			kill(atoi(de->d_name), sig);
			n++;
		}
	}
	closedir(d);
	return n;
}
