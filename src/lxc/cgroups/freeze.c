// SPDX-License-Identifier: LGPL-2.1-or-later
/* Freezer and kill: v1 freezer.state or v2 cgroup.freeze (waiting on cgroup.events with
 * poll(POLLPRI)), and killing every task of the payload with cgroup.kill or freeze + SIGKILL
 * + thaw until cgroup.procs is empty. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "base/str.h"
#include "cgroups/internal.h"
#include "log/log.h"

lxc_log_define(cgroup_freeze);

#define KILL_TIMEOUT_MS 30000

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Milliseconds left until DEADLINE (-1 forever), at least 0. */
static int left_ms(int64_t deadline)
{
	int64_t l;

	if (deadline < 0)
		return -1;
	l = deadline - now_ms();
	return l < 0 ? 0 : (int)(l > 60000 ? 60000 : l);
}

static const struct cgroup_hierarchy *v1_freezer(const struct cgroup_run *run)
{
	return cgroup_host_find(&run->host, "freezer", 1);
}

static const struct cgroup_hierarchy *unified(const struct cgroup_run *run)
{
	return run->host.unified >= 0 ? &run->host.h[run->host.unified] : NULL;
}

/* Read an fd of cgroup.events from the start; 1 if "KEY 1" is in it. */
static int events_has(int fd, const char *key)
{
	char buf[512], want[64];
	ssize_t n;

	if (lseek(fd, 0, SEEK_SET) < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	snprintf(want, sizeof(want), "%s 1\n", key);
	return !!strstr(buf, want);
}

/* Wait until cgroup.events in DIR says "KEY 1" (WANT true) or "KEY 0". */
static int events_wait(const char *dir, const char *key, bool want, int64_t deadline)
{
	__do_free char *p = cg_path(dir, "cgroup.events");
	__do_close int fd = -EBADF;

	if (!p)
		return -ENOMEM;
	fd = open(p, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLPRI };
		int ret = events_has(fd, key);

		if (ret < 0)
			return ret;
		if (ret == want)
			return 0;
		ret = poll(&pfd, 1, left_ms(deadline));
		if (ret < 0 && errno != EINTR)
			return -errno;
		if (ret == 0)
			return -ETIMEDOUT;
	}
}

static int freeze_v1(const char *dir, int64_t deadline)
{
	/* v1 has no change notification: check again after 1 ms, backing off to 10 ms. */
	unsigned int wait_ms = 1;

	for (;;) {
		__do_free char *state = NULL;
		int ret = cg_write(dir, "freezer.state", "FROZEN");

		if (ret < 0)
			return ret;
		ret = cg_read(dir, "freezer.state", &state);
		if (ret < 0)
			return ret;
		if (!strcmp(str_trim(state), "FROZEN"))
			return 0;
		if (deadline >= 0 && left_ms(deadline) == 0)
			return -ETIMEDOUT;
		cg_msleep(wait_ms);
		if (wait_ms < 10)
			wait_ms *= 2;
	}
}

int cgroup_freeze(const struct cgroup_run *run, int timeout_ms, struct cgroup_error *e)
{
	const struct cgroup_hierarchy *h = v1_freezer(run);
	int64_t deadline = timeout_ms < 0 ? -1 : now_ms() + timeout_ms;
	__do_free char *dir = NULL;
	int ret;

	if (!h)
		h = unified(run);
	if (!h || !(dir = cg_run_dir(run, h, CGROUP_PAYLOAD, false)))
		return cgroup_error_set(e, -ENOENT, "No container cgroup to freeze");
	if (h->version == 1) {
		ret = freeze_v1(dir, deadline);
	} else {
		ret = cg_write(dir, "cgroup.freeze", "1");
		if (ret == 0)
			ret = events_wait(dir, "frozen", true, deadline);
	}
	if (ret < 0)
		return cgroup_error_set(e, ret, "Failed to freeze cgroup \"%s\": %s", dir,
					strerror(-ret));
	return 0;
}

int cgroup_thaw(const struct cgroup_run *run, struct cgroup_error *e)
{
	const struct cgroup_hierarchy *h = v1_freezer(run);
	__do_free char *dir = NULL;
	int ret;

	if (!h)
		h = unified(run);
	if (!h || !(dir = cg_run_dir(run, h, CGROUP_PAYLOAD, false)))
		return cgroup_error_set(e, -ENOENT, "No container cgroup to thaw");
	ret = h->version == 1 ? cg_write(dir, "freezer.state", "THAWED") :
				cg_write(dir, "cgroup.freeze", "0");
	if (ret < 0)
		return cgroup_error_set(e, ret, "Failed to thaw cgroup \"%s\": %s", dir,
					strerror(-ret));
	return 0;
}

int cgroup_is_frozen(const struct cgroup_run *run)
{
	const struct cgroup_hierarchy *h = v1_freezer(run);
	__do_free char *dir = NULL, *buf = NULL;
	int ret;

	if (!h)
		h = unified(run);
	if (!h || !(dir = cg_run_dir(run, h, CGROUP_PAYLOAD, false)))
		return -ENOENT;
	if (h->version == 1) {
		ret = cg_read(dir, "freezer.state", &buf);
		return ret < 0 ? ret : !strcmp(str_trim(buf), "FROZEN");
	}
	ret = cg_read(dir, "cgroup.events", &buf);
	return ret < 0 ? ret : !!strstr(buf, "frozen 1\n");
}

/* SIGKILL every pid listed in cgroup.procs of DIR and below; the number signalled. */
static int kill_tree(const char *dir)
{
	__do_closedir DIR *d = NULL;
	__do_free char *procs = NULL;
	char **pids = NULL;
	struct dirent *de;
	int n = 0, ret;

	ret = cg_read(dir, "cgroup.procs", &procs);
	if (ret < 0)
		return ret == -ENOENT ? 0 : ret;
	if (strv_split(procs, "\n", &pids) < 0)
		return -ENOMEM;
	for (size_t i = 0; pids && pids[i]; i++) {
		int pid;

		if (str_to_int(pids[i], &pid) == 0 && pid > 0 && kill(pid, SIGKILL) == 0)
			n++;
	}
	strv_free(pids);
	d = opendir(dir);
	while (d && (de = readdir(d))) {
		__do_free char *sub = NULL;

		if (de->d_type != DT_DIR || !strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		sub = cg_path(dir, de->d_name);
		if (!sub)
			return -ENOMEM;
		ret = kill_tree(sub);
		if (ret < 0)
			return ret;
		n += ret;
	}
	return n;
}

int cgroup_kill_all(const struct cgroup_run *run, struct cgroup_error *e)
{
	const struct cgroup_hierarchy *u = unified(run);
	int64_t deadline = now_ms() + KILL_TIMEOUT_MS;
	__do_free char *dir = NULL, *killf = NULL;
	int ret;

	dir = cgroup_path(run, CGROUP_PAYLOAD, NULL, false);
	if (!dir)
		return cgroup_error_set(e, -ENOENT, "No container cgroup to kill");
	if (u && (killf = cg_path(dir, "cgroup.kill")) && file_exists(killf)) {
		ret = cg_write(dir, "cgroup.kill", "1");
		/* Tasks stopped by a v1 freezer only die once thawed. */
		if (ret == 0 && v1_freezer(run))
			(void)cgroup_thaw(run, NULL);
		if (ret == 0)
			ret = events_wait(dir, "populated", false, deadline);
		if (ret < 0)
			return cgroup_error_set(e, ret, "Failed to kill cgroup \"%s\": %s", dir,
						strerror(-ret));
		return 0;
	}
	for (;;) {
		ret = cg_populated(dir);
		if (ret <= 0)
			break;
		/* Frozen tasks cannot fork while we go through the list. */
		(void)cgroup_freeze(run, 1000, NULL);
		ret = kill_tree(dir);
		(void)cgroup_thaw(run, NULL);
		if (ret < 0)
			break;
		if (left_ms(deadline) == 0) {
			ret = -ETIMEDOUT;
			break;
		}
		cg_msleep(10);
	}
	if (ret < 0)
		return cgroup_error_set(e, ret, "Failed to kill cgroup \"%s\": %s", dir,
					strerror(-ret));
	return 0;
}
