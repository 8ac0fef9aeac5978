/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Logging: level filtering and the three targets (log file, stderr, syslog). Settings live in
 * one struct behind a mutex; hot fields are also readable with atomics so that disabled levels
 * cost one load. Every line leaves in a single write(). fork() is safe: the mutex is taken
 * around fork by pthread_atfork handlers. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "base/str.h"
#include "log/log.h"

/* Warnings and errors reach stderr (unless quiet) whatever the log file level: a warning
 * always says what happens next, e.g. which key replaces a deprecated one. */
#define LOG_STDERR_LEVEL LXC_LOG_LEVEL_WARN
#define LOG_PROG_MAX 64
#define LOG_NAME_MAX 256
#define LOG_MSG_STACK 1024

struct log_state {
	int level;		/* threshold for file and syslog (atomic reads) */
	int quiet;		/* no stderr output (atomic reads) */
	int fd;			/* log file, -EBADF when none (atomic reads) */
	int use_syslog;		/* (atomic reads) */
	int facility;
	bool user_level;	/* chosen through lxc_log_init(): the container config can't */
	bool user_file;		/* override it */
	char *file;
	char prog[LOG_PROG_MAX];
	char container[LOG_NAME_MAX];
};

static pthread_mutex_t log_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct log_state log_state = {
	.level = LXC_LOG_LEVEL_ERROR,
	.fd = -EBADF,
};

static const char *const level_names[] = {
	[LXC_LOG_LEVEL_TRACE] = "TRACE", [LXC_LOG_LEVEL_DEBUG] = "DEBUG",
	[LXC_LOG_LEVEL_INFO] = "INFO",	 [LXC_LOG_LEVEL_NOTICE] = "NOTICE",
	[LXC_LOG_LEVEL_WARN] = "WARN",	 [LXC_LOG_LEVEL_ERROR] = "ERROR",
	[LXC_LOG_LEVEL_CRIT] = "CRIT",	 [LXC_LOG_LEVEL_ALERT] = "ALERT",
	[LXC_LOG_LEVEL_FATAL] = "FATAL",
};

static const int syslog_prio[] = {
	[LXC_LOG_LEVEL_TRACE] = LOG_DEBUG,   [LXC_LOG_LEVEL_DEBUG] = LOG_DEBUG,
	[LXC_LOG_LEVEL_INFO] = LOG_INFO,     [LXC_LOG_LEVEL_NOTICE] = LOG_NOTICE,
	[LXC_LOG_LEVEL_WARN] = LOG_WARNING,  [LXC_LOG_LEVEL_ERROR] = LOG_ERR,
	[LXC_LOG_LEVEL_CRIT] = LOG_CRIT,     [LXC_LOG_LEVEL_ALERT] = LOG_ALERT,
	[LXC_LOG_LEVEL_FATAL] = LOG_EMERG,
};

static const struct {
	const char *name;
	int facility;
} facilities[] = {
	{ "auth", LOG_AUTH },	  { "authpriv", LOG_AUTHPRIV }, { "cron", LOG_CRON },
	{ "daemon", LOG_DAEMON }, { "ftp", LOG_FTP },		{ "kern", LOG_KERN },
	{ "lpr", LOG_LPR },	  { "mail", LOG_MAIL },		{ "news", LOG_NEWS },
	{ "syslog", LOG_SYSLOG }, { "user", LOG_USER },		{ "uucp", LOG_UUCP },
	{ "local0", LOG_LOCAL0 }, { "local1", LOG_LOCAL1 },	{ "local2", LOG_LOCAL2 },
	{ "local3", LOG_LOCAL3 }, { "local4", LOG_LOCAL4 },	{ "local5", LOG_LOCAL5 },
	{ "local6", LOG_LOCAL6 }, { "local7", LOG_LOCAL7 },
};

#define LOAD(field) __atomic_load_n(&log_state.field, __ATOMIC_RELAXED)
#define STORE(field, v) __atomic_store_n(&log_state.field, (v), __ATOMIC_RELAXED)

static void log_lock(void)
{
	pthread_mutex_lock(&log_mutex);
}

static void log_unlock(void)
{
	pthread_mutex_unlock(&log_mutex);
}

/* No thread holds the mutex across fork(), so the child can log. */
__attribute__((constructor)) static void log_register_atfork(void)
{
	pthread_atfork(log_lock, log_unlock, log_unlock);
}

int lxc_log_level_parse(const char *s, int *ret_level)
{
	int level;

	if (!s)
		return -EINVAL;
	if (str_to_int(s, &level) == 0) {
		if (level < LXC_LOG_LEVEL_TRACE || level > LXC_LOG_LEVEL_FATAL)
			return -EINVAL;
		*ret_level = level;
		return 0;
	}
	for (level = 0; level < (int)ARRAY_SIZE(level_names); level++) {
		if (strcasecmp(s, level_names[level]) == 0) {
			*ret_level = level;
			return 0;
		}
	}
	return -EINVAL;
}

const char *lxc_log_level_name(int level)
{
	if (level < 0 || level >= (int)ARRAY_SIZE(level_names))
		return "NOTSET";
	return level_names[level];
}

bool lxc_log_enabled(int level)
{
	if (level >= LOG_STDERR_LEVEL && !LOAD(quiet))
		return true;
	if (level < LOAD(level))
		return false;
	return LOAD(fd) >= 0 || LOAD(use_syslog);
}

static void copy_name(char *dst, size_t size, const char *src)
{
	size_t len = src ? strlen(src) : 0;

	if (len >= size)
		len = size - 1;
	memcpy(dst, src ? src : "", len);
	dst[len] = '\0';
}

void lxc_log_set_prog(const char *prog)
{
	log_lock();
	copy_name(log_state.prog, sizeof(log_state.prog), prog);
	log_unlock();
}

void lxc_log_set_container(const char *name)
{
	log_lock();
	copy_name(log_state.container, sizeof(log_state.container), name);
	log_unlock();
}

void lxc_log_set_quiet(bool quiet)
{
	STORE(quiet, quiet ? 1 : 0);
}

int lxc_log_set_level(int level)
{
	if (level < LXC_LOG_LEVEL_TRACE || level > LXC_LOG_LEVEL_FATAL)
		return -EINVAL;
	STORE(level, level);
	return 0;
}

int lxc_log_get_level(void)
{
	return LOAD(level);
}

int lxc_log_get_fd(void)
{
	return LOAD(fd);
}

int lxc_log_get_file(char *buf, size_t size)
{
	int len;

	log_lock();
	len = snprintf(buf, size, "%s", log_state.file ? log_state.file : "");
	log_unlock();
	if (len < 0 || (size_t)len >= size)
		return -ENAMETOOLONG;
	return len;
}

/* Swap in fd/path (both may be "none"); the old file is closed. Called with the lock held. */
static void install_file(int fd, char *path)
{
	int old = log_state.fd;

	STORE(fd, fd);
	free(log_state.file);
	log_state.file = path;
	if (old >= 0)
		close(old);
}

static int open_log_file(const char *path)
{
	__do_free char *dir = strdup(path);
	char *slash;
	int fd;

	if (!dir)
		return -ENOMEM;
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		(void)mkdir_p(dir, 0755);
	}
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOCTTY, 0660);
	if (fd < 0)
		return -errno;
	return fd;
}

int lxc_log_set_file(const char *path)
{
	__do_free char *copy = NULL;
	int fd = -EBADF;

	if (!str_is_empty(path) && strcmp(path, "none") != 0) {
		copy = strdup(path);
		if (!copy)
			return -ENOMEM;
		fd = open_log_file(path);
		if (fd < 0)
			return fd;
	}
	log_lock();
	install_file(fd, take_ptr(copy));
	log_unlock();
	return 0;
}

int lxc_log_set_syslog(const char *facility)
{
	if (!facility || !*facility) {
		log_lock();
		if (log_state.use_syslog)
			closelog();
		STORE(use_syslog, 0);
		log_unlock();
		return 0;
	}
	for (size_t i = 0; i < ARRAY_SIZE(facilities); i++) {
		if (strcasecmp(facility, facilities[i].name) != 0)
			continue;
		log_lock();
		log_state.facility = facilities[i].facility;
		openlog(log_state.prog[0] ? log_state.prog : "lxc", LOG_PID, facilities[i].facility);
		STORE(use_syslog, 1);
		log_unlock();
		return 0;
	}
	return -EINVAL;
}

void lxc_log_set_user_choice(bool level, bool file)
{
	log_lock();
	log_state.user_level = log_state.user_level || level;
	log_state.user_file = log_state.user_file || file;
	log_unlock();
}

int lxc_log_conf_file(const char *path)
{
	if (__atomic_load_n(&log_state.user_file, __ATOMIC_RELAXED))
		return 0;
	return lxc_log_set_file(path);
}

int lxc_log_conf_level(int level)
{
	if (__atomic_load_n(&log_state.user_level, __ATOMIC_RELAXED))
		return 0;
	return lxc_log_set_level(level);
}

/* "20261122051400.123": UTC, milliseconds. */
static void format_time(char *buf, size_t size)
{
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	snprintf(buf, size, "%04d%02d%02d%02d%02d%02d.%03ld", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static const char *prog_name(void)
{
	if (log_state.prog[0])
		return log_state.prog;
	if (program_invocation_short_name && *program_invocation_short_name)
		return program_invocation_short_name;
	return "lxc";
}

struct log_event {
	int level;
	const char *cat;
	const char *file;
	const char *func;
	int line;
	const char *msg;
};

static void emit_file(const struct log_event *ev, int fd)
{
	struct strbuf sb = {};
	char when[64];

	format_time(when, sizeof(when));
	if (strbuf_printf(&sb, "%s%s%s %s %-8s %s - %s:%s:%d - %s\n", prog_name(),
			  log_state.container[0] ? " " : "", log_state.container, when,
			  lxc_log_level_name(ev->level), ev->cat, base_name(ev->file), ev->func,
			  ev->line, ev->msg) >= 0)
		(void)!write(fd, sb.buf, sb.len);
	strbuf_free(&sb);
}

static void emit_syslog(const struct log_event *ev)
{
	syslog(log_state.facility | syslog_prio[ev->level], "%s%s%s - %s:%s:%d - %s",
	       log_state.container, log_state.container[0] ? " " : "", ev->cat,
	       base_name(ev->file), ev->func, ev->line, ev->msg);
}

static void emit_stderr(const struct log_event *ev)
{
	struct strbuf sb = {};

	if (strbuf_printf(&sb, "%s: %s\n", prog_name(), ev->msg) >= 0)
		(void)!write(STDERR_FILENO, sb.buf, sb.len);
	strbuf_free(&sb);
}

/* vsnprintf into buf, or into a malloc'd buffer when longer; errno is restored before each
 * formatting pass so that %m prints the caller's error. */
static char *format_msg(char *buf, size_t size, int saved_errno, const char *fmt, va_list ap)
{
	va_list aq;
	char *big;
	int len;

	va_copy(aq, ap);
	errno = saved_errno;
	len = vsnprintf(buf, size, fmt, aq);
	va_end(aq);
	if (len < 0)
		return NULL;
	if ((size_t)len < size)
		return buf;
	big = malloc((size_t)len + 1);
	if (!big)
		return buf; /* truncated is better than nothing */
	errno = saved_errno;
	vsnprintf(big, (size_t)len + 1, fmt, ap);
	return big;
}

void lxc_log_write(int level, const struct lxc_log_category *cat, const char *file, int line,
		   const char *func, const char *fmt, ...)
{
	int saved_errno = errno;
	char stackbuf[LOG_MSG_STACK];
	struct log_event ev;
	bool to_file, to_stderr;
	va_list ap;
	char *msg;

	if (level < LXC_LOG_LEVEL_TRACE || level > LXC_LOG_LEVEL_FATAL || !lxc_log_enabled(level))
		return;

	va_start(ap, fmt);
	msg = format_msg(stackbuf, sizeof(stackbuf), saved_errno, fmt, ap);
	va_end(ap);
	if (!msg) {
		errno = saved_errno;
		return;
	}
	ev = (struct log_event){ level, cat ? cat->name : "lxc", file, func, line, msg };

	log_lock();
	to_file = level >= log_state.level;
	to_stderr = level >= LOG_STDERR_LEVEL && !log_state.quiet;
	if (to_file && log_state.fd >= 0)
		emit_file(&ev, log_state.fd);
	if (to_file && log_state.use_syslog)
		emit_syslog(&ev);
	if (to_stderr)
		emit_stderr(&ev);
	log_unlock();

	if (msg != stackbuf)
		free(msg);
	errno = saved_errno;
}
