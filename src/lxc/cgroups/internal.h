/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Helpers shared by the cgroup driver's files: cgroup file I/O, tree walks and path building.
 * Not for use outside src/lxc/cgroups/. */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

#include "cgroups/cgroup.h"

/* DIR/FILE, malloc'd (NULL: out of memory). */
char *cg_path(const char *dir, const char *file);
/* Write VALUE to DIR/FILE in one write(2). -errno of open or write. */
int cg_write(const char *dir, const char *file, const char *value);
/* Read DIR/FILE (malloc'd, NUL-terminated). */
int cg_read(const char *dir, const char *file, char **ret);
/* 1 if DIR or a cgroup below it has a task in cgroup.procs, 0 if none, -errno. */
int cg_populated(const char *dir);
/* Remove DIR and every cgroup below it, children first. Missing DIR is fine. */
int cg_rmdir_tree(const char *dir);
/* The payload directory (inner or limit) or monitor directory in hierarchy H. */
char *cg_run_dir(const struct cgroup_run *run, const struct cgroup_hierarchy *h,
		 enum cgroup_kind kind, bool inner);
bool cg_has_controller(const struct cgroup_hierarchy *h, const char *controller);
/* Sleep MS milliseconds (EINTR restarts). */
void cg_msleep(unsigned int ms);
