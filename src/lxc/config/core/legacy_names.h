/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The LXC 2.x key names that LXC 3.0 renamed or dropped, as a pure table with a classifier.
 * Header-only on purpose: the library (config/core/legacy.c) and the standalone
 * lxc-update-config tool share it without the tool linking hidden library symbols. */
#pragma once

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

enum conf_legacy_kind {
	CONF_LEGACY_NONE = 0,	/* not a legacy key */
	CONF_LEGACY_RENAME,	/* buf holds the current key */
	CONF_LEGACY_DROP,	/* no longer meaningful; buf holds the reason */
	CONF_LEGACY_NET_NEW,	/* unindexed "lxc.network.type": starts the next network;
				 * buf holds the sub-key for lxc.net.<i>. */
	CONF_LEGACY_NET_CUR,	/* other unindexed "lxc.network.X": applies to the current
				 * network; buf holds the sub-key for lxc.net.<i>. */
};

enum {
	CONF_LEGACY_SUBKEYS = 1 << 0,	 /* OLD.X maps to NEW.X too */
	CONF_LEGACY_WITH_VALUE = 1 << 1, /* legacy only when set to a non-empty value (the
					  * bare name is a current key for get/clear) */
};

struct conf_legacy_rule {
	const char *old;
	const char *cur;	/* NULL: dropped, reason says why */
	unsigned int flags;
	const char *reason;
};

static const struct conf_legacy_rule conf_legacy_rules[] = {
	{ "lxc.aa_allow_incomplete", "lxc.apparmor.allow_incomplete", 0, NULL },
	{ "lxc.aa_profile", "lxc.apparmor.profile", 0, NULL },
	{ "lxc.console", "lxc.console.path", CONF_LEGACY_WITH_VALUE, NULL },
	{ "lxc.devttydir", "lxc.tty.dir", 0, NULL },
	{ "lxc.haltsignal", "lxc.signal.halt", 0, NULL },
	{ "lxc.id_map", "lxc.idmap", 0, NULL },
	{ "lxc.init_cmd", "lxc.init.cmd", 0, NULL },
	{ "lxc.init_gid", "lxc.init.gid", 0, NULL },
	{ "lxc.init_uid", "lxc.init.uid", 0, NULL },
	{ "lxc.kmsg", NULL, 0, "/dev/kmsg is no longer linked to the console" },
	{ "lxc.limit", "lxc.prlimit", CONF_LEGACY_SUBKEYS, NULL },
	{ "lxc.logfile", "lxc.log.file", 0, NULL },
	{ "lxc.loglevel", "lxc.log.level", 0, NULL },
	{ "lxc.mount", "lxc.mount.fstab", CONF_LEGACY_WITH_VALUE, NULL },
	{ "lxc.pivotdir", NULL, 0, "pivot_root no longer needs a directory" },
	{ "lxc.pts", "lxc.pty.max", 0, NULL },
	{ "lxc.rebootsignal", "lxc.signal.reboot", 0, NULL },
	{ "lxc.rootfs", "lxc.rootfs.path", CONF_LEGACY_WITH_VALUE, NULL },
	{ "lxc.rootfs.backend", NULL, 0, "the backend comes from the lxc.rootfs.path prefix" },
	{ "lxc.se_context", "lxc.selinux.context", 0, NULL },
	{ "lxc.seccomp", "lxc.seccomp.profile", 0, NULL },
	{ "lxc.stopsignal", "lxc.signal.stop", 0, NULL },
	{ "lxc.syslog", "lxc.log.syslog", 0, NULL },
	{ "lxc.tty", "lxc.tty.max", 0, NULL },
	{ "lxc.utsname", "lxc.uts.name", 0, NULL },
};

#define CONF_LEGACY_NET "lxc.network"

/* Sub-key of an old network key as it is called under lxc.net.<i>. */
static inline int conf_legacy_net_subkey(const char *rest, char *buf, size_t size)
{
	int n;

	if (strcmp(rest, "ipv4") == 0 || strcmp(rest, "ipv6") == 0)
		n = snprintf(buf, size, "%s.address", rest);
	else
		n = snprintf(buf, size, "%s", rest);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

static inline enum conf_legacy_kind conf_legacy_classify_net(const char *key, char *buf,
							      size_t size)
{
	const char *rest = key + strlen(CONF_LEGACY_NET);
	char sub[256];
	size_t digits;
	int n;

	if (*rest == '\0')
		return snprintf(buf, size, "lxc.net") < (int)size ? CONF_LEGACY_RENAME :
								     CONF_LEGACY_NONE;
	if (*rest++ != '.' || *rest == '\0')
		return CONF_LEGACY_NONE;
	digits = strspn(rest, "0123456789");
	if (digits == 0) {
		if (conf_legacy_net_subkey(rest, buf, size) < 0)
			return CONF_LEGACY_NONE;
		return strcmp(rest, "type") == 0 ? CONF_LEGACY_NET_NEW : CONF_LEGACY_NET_CUR;
	}
	if (rest[digits] == '\0') {
		n = snprintf(buf, size, "lxc.net.%s", rest);
		return n < 0 || (size_t)n >= size ? CONF_LEGACY_NONE : CONF_LEGACY_RENAME;
	}
	if (rest[digits] != '.' || rest[digits + 1] == '\0' ||
	    conf_legacy_net_subkey(rest + digits + 1, sub, sizeof(sub)) < 0)
		return CONF_LEGACY_NONE;
	n = snprintf(buf, size, "lxc.net.%.*s.%s", (int)digits, rest, sub);
	return n < 0 || (size_t)n >= size ? CONF_LEGACY_NONE : CONF_LEGACY_RENAME;
}

/* Classify key as set to a value (has_value: the value is not empty) and fill buf. */
static inline enum conf_legacy_kind conf_legacy_classify(const char *key, bool has_value,
							  char *buf, size_t size)
{
	size_t nrules = sizeof(conf_legacy_rules) / sizeof(conf_legacy_rules[0]);

	if (strncmp(key, CONF_LEGACY_NET, strlen(CONF_LEGACY_NET)) == 0 &&
	    (key[strlen(CONF_LEGACY_NET)] == '\0' || key[strlen(CONF_LEGACY_NET)] == '.'))
		return conf_legacy_classify_net(key, buf, size);

	for (size_t i = 0; i < nrules; i++) {
		const struct conf_legacy_rule *r = &conf_legacy_rules[i];
		size_t len = strlen(r->old);
		int n;

		if (strncmp(key, r->old, len) != 0)
			continue;
		if (key[len] != '\0' && !(key[len] == '.' && (r->flags & CONF_LEGACY_SUBKEYS)))
			continue;
		if ((r->flags & CONF_LEGACY_WITH_VALUE) && !has_value)
			continue;
		if (!r->cur) {
			snprintf(buf, size, "%s", r->reason);
			return CONF_LEGACY_DROP;
		}
		n = snprintf(buf, size, "%s%s", r->cur, key + len);
		return n < 0 || (size_t)n >= size ? CONF_LEGACY_NONE : CONF_LEGACY_RENAME;
	}
	return CONF_LEGACY_NONE;
}
