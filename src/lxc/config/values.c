/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Value parsers and printers shared by the key families, and the diagnostic helpers. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/cleanup.h"
#include "config/diag.h"
#include "config/values.h"

int conf_diag_set(struct conf_diag *d, int err, const char *key, const char *fmt, ...)
{
	va_list ap;

	if (!d || d->err)
		return err;
	d->err = err;
	snprintf(d->key, sizeof(d->key), "%s", key ? key : "");
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
	return err;
}

int conf_invalid(struct conf_diag *d, const char *key, const char *value, const char *expected)
{
	return conf_diag_set(d, -EINVAL, key, "Invalid value \"%s\" for \"%s\": expected %s",
			     value, key, expected);
}

void conf_diag_format(const struct conf_diag *d, char *buf, size_t size)
{
	int n = 0;

	if (!size)
		return;
	buf[0] = '\0';
	if (d->file[0] && d->line)
		n = snprintf(buf, size, "%s:%u: ", d->file, d->line);
	else if (d->file[0])
		n = snprintf(buf, size, "%s: ", d->file);
	if (n < 0 || (size_t)n >= size)
		return;
	if (d->hint[0])
		snprintf(buf + n, size - (size_t)n, "%s (did you mean \"%s\"?)", d->msg, d->hint);
	else
		snprintf(buf + n, size - (size_t)n, "%s", d->msg);
}

int conf_parse_bool01(const char *key, const char *value, bool *ret, struct conf_diag *d)
{
	if (str_to_bool01(value, ret) < 0)
		return conf_invalid(d, key, value, "0 or 1");
	return 0;
}

int conf_parse_int(const char *key, const char *value, int min, int max, int *ret,
		   struct conf_diag *d)
{
	char expected[96];
	int v;

	snprintf(expected, sizeof(expected), "an integer from %d to %d", min, max);
	if (str_to_int(value, &v) < 0 || v < min || v > max)
		return conf_invalid(d, key, value, expected);
	*ret = v;
	return 0;
}

int conf_parse_uint(const char *key, const char *value, unsigned int max, unsigned int *ret,
		    struct conf_diag *d)
{
	char expected[96];
	unsigned int v;

	snprintf(expected, sizeof(expected), "an integer from 0 to %u", max);
	if (str_to_uint(value, &v) < 0 || v > max)
		return conf_invalid(d, key, value, expected);
	*ret = v;
	return 0;
}

int conf_parse_uint64(const char *key, const char *value, uint64_t *ret, struct conf_diag *d)
{
	if (str_to_uint64(value, ret) < 0)
		return conf_invalid(d, key, value, "a non-negative integer");
	return 0;
}

int conf_parse_size(const char *key, const char *value, uint64_t *ret, struct conf_diag *d)
{
	if (str_to_size(value, ret) < 0)
		return conf_invalid(d, key, value,
				    "a size in bytes, optionally with a unit (K, M, G, T), e.g. 64M");
	return 0;
}

static const struct {
	const char *name;
	int sig;
} signames[] = {
	{ "HUP", SIGHUP },	{ "INT", SIGINT },	{ "QUIT", SIGQUIT },	{ "ILL", SIGILL },
	{ "TRAP", SIGTRAP },	{ "ABRT", SIGABRT },	{ "IOT", SIGIOT },	{ "BUS", SIGBUS },
	{ "FPE", SIGFPE },	{ "KILL", SIGKILL },	{ "USR1", SIGUSR1 },	{ "SEGV", SIGSEGV },
	{ "USR2", SIGUSR2 },	{ "PIPE", SIGPIPE },	{ "ALRM", SIGALRM },	{ "TERM", SIGTERM },
	{ "STKFLT", SIGSTKFLT }, { "CHLD", SIGCHLD },	{ "CLD", SIGCHLD },	{ "CONT", SIGCONT },
	{ "STOP", SIGSTOP },	{ "TSTP", SIGTSTP },	{ "TTIN", SIGTTIN },	{ "TTOU", SIGTTOU },
	{ "URG", SIGURG },	{ "XCPU", SIGXCPU },	{ "XFSZ", SIGXFSZ },	{ "VTALRM", SIGVTALRM },
	{ "PROF", SIGPROF },	{ "WINCH", SIGWINCH },	{ "IO", SIGIO },	{ "POLL", SIGPOLL },
	{ "PWR", SIGPWR },	{ "SYS", SIGSYS },
};

static int rt_signal(const char *s, int *ret)
{
	int base, off = 0;
	const char *p;

	if (strncasecmp(s, "RTMIN", 5) == 0)
		base = SIGRTMIN;
	else if (strncasecmp(s, "RTMAX", 5) == 0)
		base = SIGRTMAX;
	else
		return -EINVAL;
	p = s + 5;
	if (*p) {
		if ((*p != '+' && *p != '-') || str_to_int(p + 1, &off) < 0)
			return -EINVAL;
		if (*p == '-')
			off = -off;
	}
	if (base + off < SIGRTMIN || base + off > SIGRTMAX)
		return -EINVAL;
	*ret = base + off;
	return 0;
}

int conf_parse_signal(const char *key, const char *value, int *ret, struct conf_diag *d)
{
	const char *name = value;
	int sig;

	if (str_to_int(value, &sig) == 0) {
		if (sig < 1 || sig > SIGRTMAX)
			goto bad;
		*ret = sig;
		return 0;
	}
	if (strncasecmp(name, "SIG", 3) == 0)
		name += 3;
	for (size_t i = 0; i < ARRAY_SIZE(signames); i++) {
		if (strcasecmp(name, signames[i].name) == 0) {
			*ret = signames[i].sig;
			return 0;
		}
	}
	if (rt_signal(name, &sig) == 0) {
		*ret = sig;
		return 0;
	}
bad:
	return conf_invalid(d, key, value,
			    "a signal number or name such as SIGPWR, SIGTERM or SIGRTMIN+3");
}

int conf_parse_abspath(const char *key, const char *value, struct conf_diag *d)
{
	if (value[0] != '/')
		return conf_invalid(d, key, value, "an absolute path");
	return 0;
}

int conf_set_str(char **field, const char *value)
{
	char *n = NULL;

	if (value && *value) {
		n = strdup(value);
		if (!n)
			return -ENOMEM;
	}
	free(*field);
	*field = n;
	return 0;
}

int conf_put_str(struct strbuf *out, const char *s)
{
	return s ? strbuf_append(out, s) : 0;
}

int conf_put_int(struct strbuf *out, long long v)
{
	return strbuf_printf(out, "%lld", v);
}

int conf_put_uint(struct strbuf *out, unsigned long long v)
{
	return strbuf_printf(out, "%llu", v);
}

int conf_put_bool01(struct strbuf *out, bool v)
{
	return strbuf_append(out, v ? "1" : "0");
}

int conf_put_strv(struct strbuf *out, char *const *v)
{
	for (size_t i = 0; v && v[i]; i++) {
		int ret = strbuf_printf(out, "%s\n", v[i]);

		if (ret < 0)
			return ret;
	}
	return 0;
}

int conf_put_signal(struct strbuf *out, int sig)
{
	return strbuf_printf(out, "%d", sig);
}

int conf_key_index(const char *key, const char *prefix, unsigned int *ret_index,
		   const char **ret_rest)
{
	size_t lp = strlen(prefix);
	const char *p, *q;
	unsigned long v;
	char *end;

	if (strncmp(key, prefix, lp) != 0)
		return -EINVAL;
	p = key + lp;
	if (!isdigit((unsigned char)*p))
		return -EINVAL;
	errno = 0;
	v = strtoul(p, &end, 10);
	if (errno || v > 1000000 || (*end != '.' && *end != '\0'))
		return -EINVAL;
	q = *end == '.' ? end + 1 : end;
	if (*end == '.' && *q == '\0')
		return -EINVAL;
	*ret_index = (unsigned int)v;
	if (ret_rest)
		*ret_rest = q;
	return 0;
}
