/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Logging: levels TRACE..FATAL (0..8), one category per module, targets file, stderr and
 * syslog. Every .c file that logs says lxc_log_define(module) once, then uses the macros.
 * Low-level modules log at DEBUG/TRACE at most; orchestration layers log failures once. */
#pragma once

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

enum lxc_loglevel {
	LXC_LOG_LEVEL_TRACE = 0,
	LXC_LOG_LEVEL_DEBUG = 1,
	LXC_LOG_LEVEL_INFO = 2,
	LXC_LOG_LEVEL_NOTICE = 3,
	LXC_LOG_LEVEL_WARN = 4,
	LXC_LOG_LEVEL_ERROR = 5,
	LXC_LOG_LEVEL_CRIT = 6,
	LXC_LOG_LEVEL_ALERT = 7,
	LXC_LOG_LEVEL_FATAL = 8,
	LXC_LOG_LEVEL_NOTSET = 99,
};

struct lxc_log_category {
	const char *name;
};

#define lxc_log_define(catname) \
	static const struct lxc_log_category lxc_log_category_local __attribute__((unused)) = { #catname }

void lxc_log_write(int level, const struct lxc_log_category *cat, const char *file, int line,
		   const char *func, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* True if a message at level would go anywhere (to skip costly formatting). */
bool lxc_log_enabled(int level);

/* "TRACE".."FATAL" (any case) or "0".."8"; -EINVAL otherwise. */
int lxc_log_level_parse(const char *s, int *ret_level);
const char *lxc_log_level_name(int level);

/* Settings. The program name prefixes stderr messages ("lxc-start: ...") and log lines; it
 * defaults to the executable's name. Errors (ERROR and above) reach stderr unless quiet,
 * whether or not a log file is set; the level (default ERROR) filters the file and syslog. */
void lxc_log_set_prog(const char *prog);
int lxc_log_set_level(int level);
/* Append to PATH (created 0660, missing parent directories too); NULL, "" or "none": no file.
 * On failure (-errno) the previous file stays in use. */
int lxc_log_set_file(const char *path);
int lxc_log_set_syslog(const char *facility);	/* "daemon", "local0".."local7", ...; NULL off */
void lxc_log_set_quiet(bool quiet);
/* Per-container name shown in log lines ("lxc-start NAME ..."). */
void lxc_log_set_container(const char *name);

/* The container configuration's lxc.log.file / lxc.log.level: applied only when the user did
 * not choose a file or level through lxc_log_init() (the tools' -o/-l win). */
int lxc_log_conf_file(const char *path);
int lxc_log_conf_level(int level);
/* Record that the program chose the level and/or file (lxc_log_init() does this). */
void lxc_log_set_user_choice(bool level, bool file);

int lxc_log_get_level(void);
/* The open log file's descriptor, or -EBADF (to keep it across a close-all-fds). */
int lxc_log_get_fd(void);
/* The open log file's path, copied into buf ("" when none); returns its length or -errno. */
int lxc_log_get_file(char *buf, size_t size);

#define __LXC_LOG(lvl, fmt, ...) \
	lxc_log_write(lvl, &lxc_log_category_local, __FILE__, __LINE__, __func__, fmt, ##__VA_ARGS__)

#define TRACE(fmt, ...) __LXC_LOG(LXC_LOG_LEVEL_TRACE, fmt, ##__VA_ARGS__)
#define DEBUG(fmt, ...) __LXC_LOG(LXC_LOG_LEVEL_DEBUG, fmt, ##__VA_ARGS__)
#define INFO(fmt, ...) __LXC_LOG(LXC_LOG_LEVEL_INFO, fmt, ##__VA_ARGS__)
#define NOTICE(fmt, ...) __LXC_LOG(LXC_LOG_LEVEL_NOTICE, fmt, ##__VA_ARGS__)
#define WARN(fmt, ...) __LXC_LOG(LXC_LOG_LEVEL_WARN, fmt, ##__VA_ARGS__)
#define ERROR(fmt, ...) __LXC_LOG(LXC_LOG_LEVEL_ERROR, fmt, ##__VA_ARGS__)
#define CRIT(fmt, ...) __LXC_LOG(LXC_LOG_LEVEL_CRIT, fmt, ##__VA_ARGS__)
#define ALERT(fmt, ...) __LXC_LOG(LXC_LOG_LEVEL_ALERT, fmt, ##__VA_ARGS__)
#define FATAL(fmt, ...) __LXC_LOG(LXC_LOG_LEVEL_FATAL, fmt, ##__VA_ARGS__)

/* The same with the errno text appended once: "Failed to open "x": No such file". */
#define SYSERROR(fmt, ...) ERROR(fmt ": %m", ##__VA_ARGS__)
#define SYSWARN(fmt, ...) WARN(fmt ": %m", ##__VA_ARGS__)

/* Log and return a value: return log_error_errno(-1, EINVAL, "Bad thing %s", x); */
#define log_error_errno(retval, err, fmt, ...) \
	({                                      \
		errno = (err);                  \
		SYSERROR(fmt, ##__VA_ARGS__);   \
		(retval);                       \
	})
#define log_error(retval, fmt, ...)             \
	({                                      \
		ERROR(fmt, ##__VA_ARGS__);      \
		(retval);                       \
	})
#define log_debug(retval, fmt, ...)             \
	({                                      \
		DEBUG(fmt, ##__VA_ARGS__);      \
		(retval);                       \
	})
