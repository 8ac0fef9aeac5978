/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The security key table (caps, seccomp, AppArmor, SELinux, no_new_privs, keyring, idmap,
 * namespaces, time offsets, core scheduling) and the generic string, 0/1 and family handlers;
 * the typed handlers live in keys_caps.c, keys_lsm.c, keys_ns.c and keys_time.c.
 * get forms: strings as stored; 0/1 keys always "0"/"1", the default when unset, as LXC does;
 * lists one item per line, each followed by "\n" (caps by number as lower-case names, idmap
 * "u 0 100000 65536", namespaces one proc name per line as LXC does); time offsets in the
 * largest exact unit ("-90m", "0s" when unset). Families print nothing. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "config/security/keys_priv.h"
#include "config/values.h"

int sec_check_text(const char *key, const char *value, struct conf_diag *d)
{
	for (const char *p = value; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return conf_invalid(d, key, value, "text without control characters");
	}
	if (strlen(value) >= PATH_MAX)
		return conf_invalid(d, key, value, "at most 4095 characters");
	return 0;
}

int sec_split_words(const char *value, char ***ret)
{
	char **v = NULL;
	int r;

	r = strv_split(value, " \t", &v);
	if (r < 0)
		return r;
	if (!v || !v[0]) {
		strv_free(v);
		return -EINVAL;
	}
	*ret = v;
	return 0;
}

/* ---- Strings: data is the offset of a char * ---- */

int sec_str_set(const struct conf_key *k, const char *key, const char *value, struct lxc_conf *conf,
		struct conf_diag *d)
{
	int r;

	r = sec_check_text(key, value, d);
	if (r < 0)
		return r;
	r = conf_set_str(SEC_PTR(conf, k), value);
	if (r < 0)
		return conf_diag_set(d, r, key, "Failed to store \"%s\"", key);
	return 0;
}

int sec_str_get(const struct conf_key *k, const char *key, struct strbuf *out,
		const struct lxc_conf *conf)
{
	char *const *field = SEC_CPTR(conf, k);

	return conf_put_str(out, *field);
}

int sec_str_clear(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	char **field = SEC_PTR(conf, k);

	free_disarm(*field);
	return 0;
}

/* ---- 0/1 keys: data is the offset of a struct conf_sec_flag ---- */

int sec_flag_set(const struct conf_key *k, const char *key, const char *value,
		 struct lxc_conf *conf, struct conf_diag *d)
{
	struct conf_sec_flag *f = SEC_PTR(conf, k);
	bool on;
	int r;

	if (!*value)
		return sec_flag_clear(k, key, conf);
	r = conf_parse_bool01(key, value, &on, d);
	if (r < 0)
		return r;
	f->set = true;
	f->on = on;
	return 0;
}

/* Unset prints the default: 0 for these keys (see sec_flag_on_get for the others). */
int sec_flag_get(const struct conf_key *k, const char *key, struct strbuf *out,
		 const struct lxc_conf *conf)
{
	const struct conf_sec_flag *f = SEC_CPTR(conf, k);

	return conf_put_bool01(out, f->set && f->on);
}

/* A 0/1 key whose default is 1 (lxc.keyring.session). */
static int sec_flag_on_get(const struct conf_key *k, const char *key, struct strbuf *out,
			   const struct lxc_conf *conf)
{
	const struct conf_sec_flag *f = SEC_CPTR(conf, k);

	return conf_put_bool01(out, f->set ? f->on : true);
}

int sec_flag_clear(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	struct conf_sec_flag *f = SEC_PTR(conf, k);

	f->set = false;
	f->on = false;
	return 0;
}

/* ---- Families ("lxc.cap", "lxc.seccomp", ...): get prints nothing, clear clears every key
 * of the table below the family name. ---- */

int sec_family_set(const struct conf_key *k, const char *key, const char *value,
		   struct lxc_conf *conf, struct conf_diag *d)
{
	return conf_diag_set(d, -EINVAL, key, "Failed to set \"%s\": it only groups other keys",
			     key);
}

int sec_family_get(const struct conf_key *k, const char *key, struct strbuf *out,
		   const struct lxc_conf *conf)
{
	return 0;
}

int sec_family_clear(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	size_t len = strlen(k->name);

	for (size_t i = 0; i < conf_table_security.n; i++) {
		const struct conf_key *e = &conf_table_security.keys[i];

		if (e->flags & CONF_KEY_NOSET || strncmp(e->name, k->name, len) != 0 ||
		    e->name[len] != '.')
			continue;
		e->clear(e, e->name, conf);
	}
	return 0;
}

#define FAMILY(n)                                                                                  \
	{                                                                                          \
		n, CONF_KEY_NOSET, sec_family_set, sec_family_get, sec_family_clear, NULL, NULL,   \
			"a key family (get and clear only)"                                        \
	}
#define KEY(n, fl, h, dat, syn)                                                                    \
	{                                                                                          \
		n, fl, h##_set, h##_get, h##_clear, NULL, dat, syn                                 \
	}

static const struct conf_key security_keys[] = {
	FAMILY("lxc.cap"),
	KEY("lxc.cap.drop", CONF_KEY_LIST, sec_cap_drop, NULL,
	    "capability names without CAP_ (e.g. sys_module) or numbers, space-separated"),
	KEY("lxc.cap.keep", CONF_KEY_LIST, sec_cap_keep, NULL,
	    "capability names without CAP_ (e.g. sys_admin) or numbers, space-separated, or none"),

	FAMILY("lxc.seccomp"),
	KEY("lxc.seccomp.profile", 0, sec_str, SEC_FIELD(seccomp.profile),
	    "path to a seccomp policy file"),
	KEY("lxc.seccomp.allow_nesting", 0, sec_flag, SEC_FIELD(seccomp.allow_nesting), "0 or 1"),
	KEY("lxc.seccomp.notify.proxy", 0, sec_notify_proxy, NULL,
	    "unix:/path/to/socket or unix:@abstract-name"),
	KEY("lxc.seccomp.notify.cookie", 0, sec_str, SEC_FIELD(seccomp.notify_cookie),
	    "a string sent with proxied seccomp notifications"),

	FAMILY("lxc.apparmor"),
	KEY("lxc.apparmor.profile", 0, sec_aa_profile, NULL,
	    "a profile name, unconfined, unchanged or generated"),
	KEY("lxc.apparmor.allow_incomplete", 0, sec_flag, SEC_FIELD(apparmor.allow_incomplete),
	    "0 or 1"),
	KEY("lxc.apparmor.allow_nesting", 0, sec_flag, SEC_FIELD(apparmor.allow_nesting), "0 or 1"),
	KEY("lxc.apparmor.raw", CONF_KEY_LIST, sec_aa_raw, NULL,
	    "a raw AppArmor profile line (generated profiles only)"),

	FAMILY("lxc.selinux"),
	KEY("lxc.selinux.context", 0, sec_str, SEC_FIELD(selinux.context),
	    "an SELinux context, e.g. system_u:system_r:lxc_t:s0:c22"),
	KEY("lxc.selinux.context.keyring", 0, sec_str, SEC_FIELD(selinux.context_keyring),
	    "an SELinux context, e.g. system_u:system_r:lxc_t:s0:c22"),

	KEY("lxc.no_new_privs", 0, sec_flag, SEC_FIELD(no_new_privs), "0 or 1"),
	{"lxc.keyring.session", 0, sec_flag_set, sec_flag_on_get, sec_flag_clear, NULL,
	 SEC_FIELD(keyring_session), "0 or 1 (default 1)"},
	KEY("lxc.sched.core", 0, sec_flag, SEC_FIELD(sched_core), "0 or 1"),

	KEY("lxc.idmap", CONF_KEY_LIST, sec_idmap, NULL,
	    "u|g NSID HOSTID RANGE, e.g. u 0 100000 65536"),
	KEY("lxc.namespace.clone", CONF_KEY_LIST, sec_ns_clone, NULL,
	    "namespaces out of cgroup ipc mnt net pid time user uts, space-separated"),
	KEY("lxc.namespace.keep", CONF_KEY_LIST, sec_ns_keep, NULL,
	    "namespaces out of cgroup ipc mnt net pid time user uts, space-separated"),
	{"lxc.namespace.share", CONF_KEY_PREFIX, sec_ns_share_set, sec_ns_share_get,
	 sec_ns_share_clear, sec_ns_share_list, NULL,
	 "lxc.namespace.share.NAME = a container name, a pid or an absolute path"},
	KEY("lxc.time.offset.boot", 0, sec_time_offset, SEC_FIELD(time_boot),
	    "an integer with a unit h, m, s, ms, us or ns, e.g. -10s"),
	KEY("lxc.time.offset.monotonic", 0, sec_time_offset, SEC_FIELD(time_monotonic),
	    "an integer with a unit h, m, s, ms, us or ns, e.g. -10s"),
};

const struct conf_key_table conf_table_security = {security_keys, ARRAY_SIZE(security_keys)};
