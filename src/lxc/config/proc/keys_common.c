/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Table-driven handlers for the proc keys: strings (with an optional check), unsigned
 * numbers, 0/1 flags, signals, string lists, and the families ("lxc.init", "lxc.tty", ...). */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "config/proc/proc_keys.h"
#include "config/values.h"

#define M(conf) (&(conf)->proc)

int proc_set_str(const struct conf_key *k, const char *key, const char *value,
		 struct lxc_conf *conf, struct conf_diag *d)
{
	const struct proc_str_desc *desc = k->data;

	if (*value && desc->check) {
		int ret = desc->check(key, value, d);

		if (ret < 0)
			return ret;
	}
	return conf_set_str(PROC_FIELD(M(conf), desc->off, char *), value);
}

int proc_get_str(const struct conf_key *k, const char *key, struct strbuf *out,
		 const struct lxc_conf *conf)
{
	const struct proc_str_desc *desc = k->data;

	(void)key;
	return conf_put_str(out, *PROC_CFIELD(M(conf), desc->off, char *));
}

int proc_clear_str(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	const struct proc_str_desc *desc = k->data;

	(void)key;
	free_disarm(*PROC_FIELD(M(conf), desc->off, char *));
	return 0;
}

int proc_set_uint(const struct conf_key *k, const char *key, const char *value,
		  struct lxc_conf *conf, struct conf_diag *d)
{
	const struct proc_num_desc *desc = k->data;
	unsigned int v = 0;

	if (*value) {
		int ret = conf_parse_uint(key, value, desc->max, &v, d);

		if (ret < 0)
			return ret;
	}
	*PROC_FIELD(M(conf), desc->off, unsigned int) = v;
	return 0;
}

int proc_get_uint(const struct conf_key *k, const char *key, struct strbuf *out,
		  const struct lxc_conf *conf)
{
	const struct proc_num_desc *desc = k->data;

	(void)key;
	return conf_put_uint(out, *PROC_CFIELD(M(conf), desc->off, unsigned int));
}

int proc_clear_uint(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	const struct proc_num_desc *desc = k->data;

	(void)key;
	*PROC_FIELD(M(conf), desc->off, unsigned int) = 0;
	return 0;
}

int proc_set_bool(const struct conf_key *k, const char *key, const char *value,
		  struct lxc_conf *conf, struct conf_diag *d)
{
	const struct proc_num_desc *desc = k->data;
	bool v = false;

	if (*value) {
		int ret = conf_parse_bool01(key, value, &v, d);

		if (ret < 0)
			return ret;
	}
	*PROC_FIELD(M(conf), desc->off, bool) = v;
	return 0;
}

int proc_get_bool(const struct conf_key *k, const char *key, struct strbuf *out,
		  const struct lxc_conf *conf)
{
	const struct proc_num_desc *desc = k->data;

	(void)key;
	return conf_put_bool01(out, *PROC_CFIELD(M(conf), desc->off, bool));
}

int proc_clear_bool(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	const struct proc_num_desc *desc = k->data;

	(void)key;
	*PROC_FIELD(M(conf), desc->off, bool) = false;
	return 0;
}

int proc_set_signal(const struct conf_key *k, const char *key, const char *value,
		    struct lxc_conf *conf, struct conf_diag *d)
{
	const struct proc_sig_desc *desc = k->data;
	int sig = desc->def;

	/* "0" is LXC's "default" for halt/reboot/stop and "none" for pdeath. */
	if (strcmp(value, "0") == 0)
		sig = 0;
	else if (*value) {
		int ret = conf_parse_signal(key, value, &sig, d);

		if (ret < 0)
			return ret;
	}
	*PROC_FIELD(M(conf), desc->off, int) = sig;
	return 0;
}

/* Printed as a number like every numeric key; 0 is "LXC's default" (halt, reboot, stop) or
 * "none" (pdeath). */
int proc_get_signal(const struct conf_key *k, const char *key, struct strbuf *out,
		    const struct lxc_conf *conf)
{
	const struct proc_sig_desc *desc = k->data;

	(void)key;
	return conf_put_signal(out, *PROC_CFIELD(M(conf), desc->off, int));
}

int proc_clear_signal(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	const struct proc_sig_desc *desc = k->data;

	(void)key;
	*PROC_FIELD(M(conf), desc->off, int) = desc->def;
	return 0;
}

int proc_set_strv(const struct conf_key *k, const char *key, const char *value,
		  struct lxc_conf *conf, struct conf_diag *d)
{
	const struct proc_strv_desc *desc = k->data;
	char ***field = PROC_FIELD(M(conf), desc->off, char **);
	char **parts = NULL, **merged;
	int ret;

	(void)key;
	(void)d;
	if (!*value) {
		strv_free(*field);
		*field = NULL;
		return 0;
	}
	if (desc->delims) {
		ret = strv_split(value, desc->delims, &parts);
		if (ret < 0)
			return ret;
	} else {
		ret = strv_append(&parts, value);
		if (ret < 0)
			return ret;
	}
	/* Build the new list aside so that ENOMEM leaves the old one intact. */
	merged = strv_dup(*field);
	if (!merged) {
		strv_free(parts);
		return -ENOMEM;
	}
	for (size_t i = 0; parts && parts[i]; i++) {
		ret = strv_append_take(&merged, parts[i]);
		if (ret < 0) {
			/* strv_append_take() freed parts[i]. */
			for (size_t j = i + 1; parts[j]; j++)
				free(parts[j]);
			free(parts);
			strv_free(merged);
			return ret;
		}
	}
	free(parts);
	strv_free(*field);
	*field = merged;
	return 0;
}

int proc_get_strv(const struct conf_key *k, const char *key, struct strbuf *out,
		  const struct lxc_conf *conf)
{
	const struct proc_strv_desc *desc = k->data;

	(void)key;
	return conf_put_strv(out, *PROC_CFIELD(M(conf), desc->off, char **));
}

int proc_clear_strv(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	const struct proc_strv_desc *desc = k->data;
	char ***field = PROC_FIELD(M(conf), desc->off, char **);

	(void)key;
	strv_free(*field);
	*field = NULL;
	return 0;
}

static bool is_member(const struct proc_family_desc *fam, const struct conf_key *e)
{
	if (!e->get || (e->flags & (CONF_KEY_NOSET | CONF_KEY_PREFIX)))
		return false;
	return str_starts_with(e->name, fam->prefix);
}

/* Print "NAME = LINE\n" for every line of NAME's value. */
static int put_member(const struct conf_key *e, struct strbuf *out, const struct lxc_conf *conf)
{
	struct strbuf val = { 0 };
	char *line, *next;
	int ret;

	ret = e->get(e, e->name, &val, conf);
	for (line = val.buf; ret >= 0 && line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		ret = strbuf_printf(out, "%s = %s\n", e->name, line);
	}
	strbuf_free(&val);
	return ret < 0 ? ret : 0;
}

int proc_get_family(const struct conf_key *k, const char *key, struct strbuf *out,
		    const struct lxc_conf *conf)
{
	const struct proc_family_desc *fam = k->data;

	(void)key;
	for (size_t i = 0; i < conf_table_proc.n; i++) {
		const struct conf_key *e = &conf_table_proc.keys[i];
		int ret;

		if (!is_member(fam, e))
			continue;
		ret = put_member(e, out, conf);
		if (ret < 0)
			return ret;
	}
	return 0;
}

int proc_clear_family(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	const struct proc_family_desc *fam = k->data;

	(void)key;
	for (size_t i = 0; i < conf_table_proc.n; i++) {
		const struct conf_key *e = &conf_table_proc.keys[i];
		int ret;

		if (!is_member(fam, e) || !e->clear)
			continue;
		ret = e->clear(e, e->name, conf);
		if (ret < 0)
			return ret;
	}
	return 0;
}
