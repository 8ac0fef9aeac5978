/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Handlers for lxc.uts.name, lxc.arch, lxc.init.groups, lxc.environment and lxc.start.order:
 * the proc keys that need more than the generic string/number/list handlers. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>

#include "base/cleanup.h"
#include "config/proc/proc_keys.h"
#include "config/values.h"

/* The kernel's nodename holds 64 characters. */
#define PROC_HOSTNAME_MAX 64

int proc_check_hostname(const char *key, const char *value, struct conf_diag *d)
{
	if (strlen(value) > PROC_HOSTNAME_MAX)
		return conf_invalid(d, key, value, "a host name of at most 64 characters");
	return 0;
}

/* The architecture names LXC accepts and the personality each selects. */
static const struct {
	const char *name;
	long personality;
} arches[] = {
	{ "arm", PER_LINUX32 },		{ "armel", PER_LINUX32 },	{ "armhf", PER_LINUX32 },
	{ "armv7l", PER_LINUX32 },	{ "athlon", PER_LINUX32 },	{ "i386", PER_LINUX32 },
	{ "i486", PER_LINUX32 },	{ "i586", PER_LINUX32 },	{ "i686", PER_LINUX32 },
	{ "linux32", PER_LINUX32 },	{ "mips", PER_LINUX32 },	{ "mipsel", PER_LINUX32 },
	{ "ppc", PER_LINUX32 },		{ "powerpc", PER_LINUX32 },	{ "x86", PER_LINUX32 },
	{ "aarch64", PER_LINUX },	{ "amd64", PER_LINUX },		{ "arm64", PER_LINUX },
	{ "linux64", PER_LINUX },	{ "loongarch64", PER_LINUX },	{ "mips64", PER_LINUX },
	{ "mips64el", PER_LINUX },	{ "ppc64", PER_LINUX },		{ "ppc64el", PER_LINUX },
	{ "ppc64le", PER_LINUX },	{ "powerpc64", PER_LINUX },	{ "riscv64", PER_LINUX },
	{ "s390x", PER_LINUX },		{ "x86_64", PER_LINUX },
};

int proc_set_arch(const struct conf_key *k, const char *key, const char *value,
		  struct lxc_conf *conf, struct conf_diag *d)
{
	struct conf_proc *m = &conf->proc;
	int ret;

	(void)k;
	if (!*value)
		return proc_clear_arch(k, key, conf);
	for (size_t i = 0; i < ARRAY_SIZE(arches); i++) {
		if (strcmp(arches[i].name, value) != 0)
			continue;
		ret = conf_set_str(&m->arch, value);
		if (ret < 0)
			return ret;
		m->personality = arches[i].personality;
		return 0;
	}
	return conf_invalid(d, key, value,
			    "an architecture such as x86_64, amd64, i686, x86, aarch64, arm64, "
			    "armhf, ppc64le, s390x or riscv64");
}

/* Like LXC on x86, the personality is printed as "i686" (32 bit) or "x86_64" (64 bit); other
 * builds print the name as set. */
int proc_get_arch(const struct conf_key *k, const char *key, struct strbuf *out,
		  const struct lxc_conf *conf)
{
	const struct conf_proc *m = &conf->proc;

	(void)k;
	(void)key;
	if (m->personality == CONF_PERSONALITY_UNSET)
		return 0;
#if defined(__x86_64__) || defined(__i386__)
	return strbuf_append(out, m->personality == PER_LINUX32 ? "i686" : "x86_64");
#else
	return conf_put_str(out, m->arch);
#endif
}

int proc_clear_arch(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	(void)k;
	(void)key;
	free_disarm(conf->proc.arch);
	conf->proc.personality = CONF_PERSONALITY_UNSET;
	return 0;
}

/* "100,200, 300": comma-separated numeric group ids, appended to the list. */
int proc_set_init_groups(const struct conf_key *k, const char *key, const char *value,
			 struct lxc_conf *conf, struct conf_diag *d)
{
	struct conf_proc *m = &conf->proc;
	__do_free gid_t *gids = NULL;
	char **parts = NULL;
	size_t n;
	int ret;

	if (!*value)
		return proc_clear_init_groups(k, key, conf);
	ret = strv_split(value, ",", &parts);
	if (ret < 0)
		return ret;
	n = strv_len(parts);
	if (!n) {
		strv_free(parts);
		return conf_invalid(d, key, value, "a comma-separated list of numeric group ids");
	}
	gids = calloc(m->n_init_groups + n + 1, sizeof(gid_t));
	if (!gids) {
		strv_free(parts);
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned int v;

		if (str_to_uint(str_trim(parts[i]), &v) < 0 || v == (unsigned int)-1) {
			strv_free(parts);
			return conf_invalid(d, key, value,
					    "a comma-separated list of numeric group ids");
		}
		gids[m->n_init_groups + i] = v;
	}
	strv_free(parts);
	if (m->n_init_groups)
		memcpy(gids, m->init_groups, m->n_init_groups * sizeof(gid_t));
	free(m->init_groups);
	m->init_groups = take_ptr(gids);
	m->n_init_groups += n;
	return 0;
}

/* LXC prints the ids on one line: "10,20,30". */
int proc_get_init_groups(const struct conf_key *k, const char *key, struct strbuf *out,
			 const struct lxc_conf *conf)
{
	(void)k;
	(void)key;
	for (size_t i = 0; i < conf->proc.n_init_groups; i++) {
		int ret = strbuf_printf(out, "%s%u", i ? "," : "",
					(unsigned int)conf->proc.init_groups[i]);

		if (ret < 0)
			return ret;
	}
	return 0;
}

int proc_clear_init_groups(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	(void)k;
	(void)key;
	free_disarm(conf->proc.init_groups);
	conf->proc.n_init_groups = 0;
	return 0;
}

/* "NAME=VALUE", or "NAME" for the caller's value of NAME, resolved now as LXC does. */
int proc_set_environment(const struct conf_key *k, const char *key, const char *value,
			 struct lxc_conf *conf, struct conf_diag *d)
{
	const char *eq = strchr(value, '=');
	char *item;

	if (!*value)
		return proc_clear_strv(k, key, conf);
	if (eq == value)
		return conf_invalid(d, key, value, "NAME=VALUE or the name of a variable to pass on");
	if (eq) {
		item = strdup(value);
	} else {
		const char *host = getenv(value);

		if (!host)
			return conf_diag_set(d, -ENOENT, key,
					     "Failed to pass on \"%s\" for \"%s\": not set in the "
					     "environment", value, key);
		item = NULL;
		if (asprintf(&item, "%s=%s", value, host) < 0)
			item = NULL;
	}
	return strv_append_take(&conf->proc.environment, item);
}

int proc_set_start_order(const struct conf_key *k, const char *key, const char *value,
			 struct lxc_conf *conf, struct conf_diag *d)
{
	int v = 0;

	(void)k;
	if (*value) {
		int ret = conf_parse_int(key, value, INT_MIN, INT_MAX, &v, d);

		if (ret < 0)
			return ret;
	}
	conf->proc.start_order = v;
	return 0;
}

int proc_get_start_order(const struct conf_key *k, const char *key, struct strbuf *out,
			 const struct lxc_conf *conf)
{
	(void)k;
	(void)key;
	return conf_put_int(out, conf->proc.start_order);
}

int proc_clear_start_order(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	(void)k;
	(void)key;
	conf->proc.start_order = 0;
	return 0;
}
