/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* LSM and seccomp keys with more than a plain string: lxc.apparmor.profile (a name or one of
 * unconfined, unchanged, generated), lxc.apparmor.raw (a list of profile lines) and
 * lxc.seccomp.notify.proxy (unix:/path or unix:@abstract). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "config/security/keys_priv.h"
#include "config/values.h"

static const struct {
	const char *name;
	enum conf_aa_mode mode;
} aa_modes[] = {
	{"unconfined", CONF_AA_UNCONFINED},
	{"unchanged", CONF_AA_UNCHANGED},
	{"generated", CONF_AA_GENERATED},
};

int sec_aa_profile_set(const struct conf_key *k, const char *key, const char *value,
		       struct lxc_conf *conf, struct conf_diag *d)
{
	enum conf_aa_mode mode = CONF_AA_NAMED;
	int r;

	if (!*value)
		return sec_aa_profile_clear(k, key, conf);
	r = sec_check_text(key, value, d);
	if (r < 0)
		return r;
	for (size_t i = 0; i < ARRAY_SIZE(aa_modes); i++) {
		if (strcmp(value, aa_modes[i].name) == 0)
			mode = aa_modes[i].mode;
	}
	r = conf_set_str(&conf->sec.apparmor.profile, value);
	if (r < 0)
		return conf_diag_set(d, r, key, "Failed to store \"%s\"", key);
	conf->sec.apparmor.mode = mode;
	return 0;
}

int sec_aa_profile_get(const struct conf_key *k, const char *key, struct strbuf *out,
		       const struct lxc_conf *conf)
{
	return conf_put_str(out, conf->sec.apparmor.profile);
}

int sec_aa_profile_clear(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	free_disarm(conf->sec.apparmor.profile);
	conf->sec.apparmor.mode = CONF_AA_DEFAULT;
	return 0;
}

int sec_aa_raw_set(const struct conf_key *k, const char *key, const char *value,
		   struct lxc_conf *conf, struct conf_diag *d)
{
	int r;

	if (!*value)
		return sec_aa_raw_clear(k, key, conf);
	r = sec_check_text(key, value, d);
	if (r < 0)
		return r;
	r = strv_append(&conf->sec.apparmor.raw, value);
	if (r < 0)
		return conf_diag_set(d, r, key, "Failed to store \"%s\"", key);
	return 0;
}

int sec_aa_raw_get(const struct conf_key *k, const char *key, struct strbuf *out,
		   const struct lxc_conf *conf)
{
	return conf_put_strv(out, conf->sec.apparmor.raw);
}

int sec_aa_raw_clear(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	strv_free(conf->sec.apparmor.raw);
	conf->sec.apparmor.raw = NULL;
	return 0;
}

/* The address part after "unix:": a path or @name that fits into sun_path. */
static bool proxy_addr_valid(const char *value)
{
	struct sockaddr_un addr;
	const char *p;
	size_t len;

	if (!str_starts_with(value, "unix:"))
		return false;
	p = value + 5;
	len = strlen(p);
	return (p[0] == '/' || p[0] == '@') && len >= 2 && len < sizeof(addr.sun_path);
}

int sec_notify_proxy_set(const struct conf_key *k, const char *key, const char *value,
			 struct lxc_conf *conf, struct conf_diag *d)
{
	int r;

	if (!*value)
		return sec_notify_proxy_clear(k, key, conf);
	r = sec_check_text(key, value, d);
	if (r < 0)
		return r;
	if (!proxy_addr_valid(value))
		return conf_invalid(d, key, value,
				    "unix:/path/to/socket or unix:@abstract-name, at most 107 "
				    "characters after unix:");
	r = conf_set_str(&conf->sec.seccomp.notify_proxy, value);
	if (r < 0)
		return conf_diag_set(d, r, key, "Failed to store \"%s\"", key);
	return 0;
}

int sec_notify_proxy_get(const struct conf_key *k, const char *key, struct strbuf *out,
			 const struct lxc_conf *conf)
{
	return conf_put_str(out, conf->sec.seccomp.notify_proxy);
}

int sec_notify_proxy_clear(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	free_disarm(conf->sec.seccomp.notify_proxy);
	return 0;
}
