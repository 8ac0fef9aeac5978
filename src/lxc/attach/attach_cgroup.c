/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Which cgroups the attached process joins: those of the container's init that differ from its
 * monitor's (its parent's), i.e. the ones created for the container. Nothing else is written:
 * a container without cgroups of its own is not moved anywhere. v2 and v1 hierarchies mounted
 * under /sys/fs/cgroup. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attach/attach_internal.h"
#include "base/cleanup.h"
#include "base/file.h"
#include "log/log.h"

lxc_log_define(attach);

static pid_t parent_of(pid_t pid)
{
	__do_free char *buf = NULL;
	char path[64], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (file_read_all(path, &buf, NULL) < 0)
		return -1;
	p = strrchr(buf, ')');
	if (!p)
		return -1;
	return (pid_t)strtol(p + 4, NULL, 10); /* ") S PPID" */
}

static int read_cgroups(pid_t pid, char **ret)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/cgroup", pid);
	return file_read_all(path, ret, NULL);
}

/* The line of text for hierarchy "N:controllers:" in buf, or NULL. */
static const char *find_line(const char *buf, const char *prefix, size_t len)
{
	for (const char *p = buf; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, prefix, len) == 0)
			return p;
	return NULL;
}

/* The mount point of a hierarchy: "" -> the unified one, "name=systemd" -> systemd. */
static void hierarchy_dir(const char *ctrl, size_t len, char *buf, size_t size)
{
	if (len == 0) {
		snprintf(buf, size, dir_exists("/sys/fs/cgroup/unified") ?
			 "/sys/fs/cgroup/unified" : "/sys/fs/cgroup");
		return;
	}
	if (len > 5 && strncmp(ctrl, "name=", 5) == 0) {
		ctrl += 5;
		len -= 5;
	}
	snprintf(buf, size, "/sys/fs/cgroup/%.*s", (int)len, ctrl);
}

int attach_open_cgroups(pid_t init_pid, int fds[ATTACH_MAX_CGROUPS])
{
	__do_free char *mine = NULL, *mon = NULL;
	pid_t monitor = parent_of(init_pid);
	int n = 0, ret;

	if (monitor <= 0)
		return -ESRCH;
	ret = read_cgroups(init_pid, &mine);
	if (ret < 0)
		return ret;
	ret = read_cgroups(monitor, &mon);
	if (ret < 0)
		return ret;
	for (char *line = mine, *next; line && *line; line = next) {
		char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		char dir[512], path[PATH_MAX];
		const char *other;
		size_t plen;
		int fd;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!c2)
			continue;
		plen = c2 + 1 - line;
		other = find_line(mon, line, plen);
		if (other && strncmp(other + plen, c2 + 1, strlen(c2 + 1)) == 0 &&
		    (other[plen + strlen(c2 + 1)] == '\n' || other[plen + strlen(c2 + 1)] == '\0'))
			continue; /* same cgroup as the monitor: not the container's own */
		hierarchy_dir(c1 + 1, c2 - c1 - 1, dir, sizeof(dir));
		snprintf(path, sizeof(path), "%s%s/cgroup.procs", dir, c2 + 1);
		fd = open(path, O_WRONLY | O_CLOEXEC);
		if (fd < 0) {
			DEBUG("Not joining cgroup \"%s\": %m", path);
			continue;
		}
		if (n == ATTACH_MAX_CGROUPS) {
			close(fd);
			break;
		}
		fds[n++] = fd;
	}
	return n;
}
