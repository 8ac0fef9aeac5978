/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The exported entry points lxc_log_init() and lxc_log_close(): what a program (the lxc-*
 * tools, go-lxc) chooses for the whole process: prefix, level, file, quiet. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "base/cleanup.h"
#include "base/compiler.h"
#include "base/str.h"
#include "log/log.h"

lxc_log_define(log);

/* No file given but a container name: like LXC, the log goes to LOGPATH/NAME.log for root
 * with the default lxcpath, else LXCPATH/NAME/NAME.log, else LOGPATH/NAME.log. */
static int set_default_file(const char *name, const char *lxcpath)
{
	char path[4096];
	int ret = -EINVAL;

	if (!lxcpath)
		lxcpath = LXC_LOGPATH;
	if (geteuid() == 0 && strcmp(lxcpath, LXCPATH) == 0) {
		snprintf(path, sizeof(path), "%s/%s.log", LXC_LOGPATH, name);
		ret = lxc_log_set_file(path);
	}
	if (ret < 0) {
		snprintf(path, sizeof(path), "%s/%s/%s.log", lxcpath, name, name);
		ret = lxc_log_set_file(path);
	}
	if (ret < 0) {
		snprintf(path, sizeof(path), "%s/%s.log", LXC_LOGPATH, name);
		ret = lxc_log_set_file(path);
	}
	return ret;
}

static int apply_level(const char *level)
{
	int lvl;

	if (!level)
		return 0;
	if (lxc_log_level_parse(level, &lvl) < 0) {
		ERROR("Invalid log priority \"%s\"", level);
		return -EINVAL;
	}
	return lxc_log_set_level(lvl);
}

static int apply_file(const struct lxc_log *log)
{
	int ret;

	if (log->file && strcmp(log->file, "none") == 0)
		return lxc_log_set_file(NULL);
	if (!str_is_empty(log->file)) {
		ret = lxc_log_set_file(log->file);
		if (ret < 0) {
			errno = -ret;
			SYSERROR("Failed to open log file \"%s\"", log->file);
		}
		return ret;
	}
	if (!log->name || !*log->name)
		return 0;
	ret = set_default_file(log->name, log->lxcpath);
	if (ret < 0) {
		errno = -ret;
		SYSERROR("Failed to open a log file for \"%s\"", log->name);
	}
	return ret;
}

LXC_EXPORT int lxc_log_init(struct lxc_log *log)
{
	int ret;

	if (!log)
		return ret_errno(EINVAL);
	if (log->prefix)
		lxc_log_set_prog(log->prefix);
	lxc_log_set_quiet(log->quiet);
	lxc_log_set_container(log->name);
	ret = apply_level(log->level);
	if (ret < 0)
		return ret_errno(-ret);
	ret = apply_file(log);
	if (ret < 0)
		return ret_errno(-ret);
	lxc_log_set_user_choice(log->level != NULL, log->file != NULL);
	return 0;
}

LXC_EXPORT void lxc_log_close(void)
{
	lxc_log_set_syslog(NULL);
	lxc_log_set_file(NULL);
	lxc_log_set_container(NULL);
}
