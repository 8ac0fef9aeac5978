/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Handlers for the terminal and logging keys that need more than the generic ones:
 * lxc.tty.dir, lxc.console.path, lxc.console.size / buffer.size, lxc.log.level and
 * lxc.log.syslog. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "config/proc/proc_keys.h"
#include "config/values.h"
#include "log/log.h"

/* A single directory name created under the container's /dev. */
int proc_check_tty_dir(const char *key, const char *value, struct conf_diag *d)
{
	if (strlen(value) > NAME_MAX || strchr(value, '/') || strcmp(value, ".") == 0 ||
	    strcmp(value, "..") == 0)
		return conf_invalid(d, key, value, "a directory name under /dev, such as \"lxc\"");
	return 0;
}

int proc_check_console_path(const char *key, const char *value, struct conf_diag *d)
{
	if (strcmp(value, "none") != 0 && value[0] != '/')
		return conf_invalid(d, key, value, "an absolute path to a device or \"none\"");
	return 0;
}

static const char *const syslog_facilities[] = {
	"daemon", "user", "local0", "local1", "local2", "local3", "local4", "local5", "local6",
	"local7",
};

int proc_check_syslog(const char *key, const char *value, struct conf_diag *d)
{
	for (size_t i = 0; i < ARRAY_SIZE(syslog_facilities); i++)
		if (strcasecmp(syslog_facilities[i], value) == 0)
			return 0;
	return conf_invalid(d, key, value, "a syslog facility: daemon, user or local0 to local7");
}

static uint64_t next_power2(uint64_t v)
{
	uint64_t p = 1;

	while (p && p < v)
		p <<= 1;
	return p;
}

/* "auto" (128K), or a size raised to at least a page and to the next power of 2. */
int proc_set_console_size(const struct conf_key *k, const char *key, const char *value,
			  struct lxc_conf *conf, struct conf_diag *d)
{
	const struct proc_num_desc *desc = k->data;
	uint64_t size = 0;

	if (strcasecmp(value, "auto") == 0) {
		size = CONF_CONSOLE_SIZE_AUTO;
	} else if (*value) {
		long page = sysconf(_SC_PAGESIZE);
		int ret = conf_parse_size(key, value, &size, d);

		if (ret < 0)
			return ret;
		if (page > 0 && size < (uint64_t)page)
			size = (uint64_t)page;
		size = next_power2(size);
		if (!size)
			return conf_invalid(d, key, value, "a size of at most 8E or \"auto\"");
	}
	*PROC_FIELD(&conf->proc, desc->off, uint64_t) = size;
	return 0;
}

int proc_get_u64(const struct conf_key *k, const char *key, struct strbuf *out,
		 const struct lxc_conf *conf)
{
	const struct proc_num_desc *desc = k->data;

	(void)key;
	return conf_put_uint(out, *PROC_CFIELD(&conf->proc, desc->off, uint64_t));
}

int proc_clear_u64(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	const struct proc_num_desc *desc = k->data;

	(void)key;
	*PROC_FIELD(&conf->proc, desc->off, uint64_t) = 0;
	return 0;
}

/* A level name in any case or 0..8; printed as the upper-case name LXC prints. */
int proc_set_log_level(const struct conf_key *k, const char *key, const char *value,
		       struct lxc_conf *conf, struct conf_diag *d)
{
	int level = LXC_LOG_LEVEL_NOTSET;

	(void)k;
	if (*value && lxc_log_level_parse(value, &level) < 0)
		return conf_invalid(d, key, value,
				    "a log level (TRACE, DEBUG, INFO, NOTICE, WARN, ERROR, CRIT, "
				    "ALERT, FATAL) or a number from 0 to 8");
	conf->proc.log_level = level;
	return 0;
}

int proc_get_log_level(const struct conf_key *k, const char *key, struct strbuf *out,
		       const struct lxc_conf *conf)
{
	(void)k;
	(void)key;
	if (conf->proc.log_level == LXC_LOG_LEVEL_NOTSET)
		return 0;
	return conf_put_str(out, lxc_log_level_name(conf->proc.log_level));
}

int proc_clear_log_level(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	(void)k;
	(void)key;
	conf->proc.log_level = LXC_LOG_LEVEL_NOTSET;
	return 0;
}
