/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Entering a cgroup without the kernel's global threadgroup lock (see cgroup.h): the files a
 * single-threaded process writes "0" to, opened ahead (by the monitor, for a child it is about
 * to clone), and the cgroup2 directory a child is born in with CLONE_INTO_CGROUP. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "cgroups/internal.h"

void cgroup_self_init(struct cgroup_self *s)
{
	memset(s, 0, sizeof(*s));
	s->unified = -1;
}

void cgroup_self_close(struct cgroup_self *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->fds[i] >= 0)
			close(s->fds[i]);
	free(s->fds);
	strv_free(s->paths);
	cgroup_self_init(s);
}

int cgroup_self_open(const struct cgroup_run *run, enum cgroup_kind kind, struct cgroup_self *s,
		     struct cgroup_error *e)
{
	cgroup_self_init(s);
	s->fds = calloc(run->host.n ? run->host.n : 1, sizeof(int));
	if (!s->fds)
		return cgroup_error_set(e, -ENOMEM, "Out of memory");
	for (size_t i = 0; i < run->host.n; i++) {
		const struct cgroup_hierarchy *h = &run->host.h[i];
		__do_free char *dir = NULL;
		char *file;
		int fd;

		if (!h->used)
			continue;
		dir = cg_run_dir(run, h, kind, true);
		file = dir ? cg_path(dir, h->version == 1 ? "tasks" : "cgroup.procs") : NULL;
		if (!file || strv_append_take(&s->paths, file) < 0) {
			cgroup_self_close(s);
			return cgroup_error_set(e, -ENOMEM, "Out of memory");
		}
		fd = open(file, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
		if (fd < 0) {
			int err = -errno;

			cgroup_error_set(e, err, "Failed to open \"%s\": %s", file, strerror(-err));
			cgroup_self_close(s);
			return err;
		}
		if (h->version == 2)
			s->unified = (int)s->n;
		s->fds[s->n++] = fd;
	}
	return 0;
}

int cgroup_self_enter(const struct cgroup_self *s, bool skip_unified, struct cgroup_error *e)
{
	for (size_t i = 0; i < s->n; i++) {
		ssize_t n;

		if (skip_unified && (int)i == s->unified)
			continue;
		do
			n = write(s->fds[i], "0", 1);
		while (n < 0 && errno == EINTR);
		if (n != 1) {
			int err = n < 0 ? -errno : -EIO;

			return cgroup_error_set(e, err, "Failed to enter cgroup \"%s\": %s",
						s->paths[i], strerror(-err));
		}
	}
	return 0;
}

int cgroup_open_dir(const struct cgroup_run *run, enum cgroup_kind kind)
{
	__do_free char *dir = NULL;
	int fd;

	if (run->host.unified < 0 || !run->host.h[run->host.unified].used)
		return -ENOENT;
	dir = cg_run_dir(run, &run->host.h[run->host.unified], kind, true);
	if (!dir)
		return -ENOENT;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}
