/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The security model: init/free, capability and namespace name tables, and the lookups the
 * start sequence uses (id maps, unprivileged check, seccomp proxy address). */
#include "config.h"

#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "config/security/security.h"

#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP 0x02000000
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

/* Index = capability number (capabilities(7)); names as LXC writes them. */
static const char *const cap_names[CONF_CAP_LAST_KNOWN + 1] = {
	"chown",
	"dac_override",
	"dac_read_search",
	"fowner",
	"fsetid",
	"kill",
	"setgid",
	"setuid",
	"setpcap",
	"linux_immutable",
	"net_bind_service",
	"net_broadcast",
	"net_admin",
	"net_raw",
	"ipc_lock",
	"ipc_owner",
	"sys_module",
	"sys_rawio",
	"sys_chroot",
	"sys_ptrace",
	"sys_pacct",
	"sys_admin",
	"sys_boot",
	"sys_nice",
	"sys_resource",
	"sys_time",
	"sys_tty_config",
	"mknod",
	"lease",
	"audit_write",
	"audit_control",
	"setfcap",
	"mac_override",
	"mac_admin",
	"syslog",
	"wake_alarm",
	"block_suspend",
	"audit_read",
	"perfmon",
	"bpf",
	"checkpoint_restore",
};

static const struct {
	const char *name;
	int flag;
} ns_table[CONF_NS_MAX] = {
	[CONF_NS_MNT] = {"mnt", CLONE_NEWNS},		[CONF_NS_PID] = {"pid", CLONE_NEWPID},
	[CONF_NS_UTS] = {"uts", CLONE_NEWUTS},		[CONF_NS_IPC] = {"ipc", CLONE_NEWIPC},
	[CONF_NS_USER] = {"user", CLONE_NEWUSER},	[CONF_NS_NET] = {"net", CLONE_NEWNET},
	[CONF_NS_CGROUP] = {"cgroup", CLONE_NEWCGROUP}, [CONF_NS_TIME] = {"time", CLONE_NEWTIME},
};

void conf_security_init(struct conf_security *m)
{
	memset(m, 0, sizeof(*m));
}

void conf_security_free(struct conf_security *m)
{
	if (!m)
		return;
	free(m->seccomp.profile);
	free(m->seccomp.notify_proxy);
	free(m->seccomp.notify_cookie);
	free(m->apparmor.profile);
	strv_free(m->apparmor.raw);
	free(m->selinux.context);
	free(m->selinux.context_keyring);
	free(m->idmap);
	for (int i = 0; i < CONF_NS_MAX; i++)
		free(m->ns_share[i].value);
	conf_security_init(m);
}

const char *conf_cap_name(unsigned int cap)
{
	return cap <= CONF_CAP_LAST_KNOWN ? cap_names[cap] : NULL;
}

int conf_cap_from_name(const char *name, unsigned int *ret_cap)
{
	unsigned int nr;

	if (str_to_uint(name, &nr) == 0) {
		if (nr > 63)
			return -EINVAL;
		*ret_cap = nr;
		return 0;
	}
	if (strncasecmp(name, "cap_", 4) == 0)
		name += 4;
	for (unsigned int i = 0; i < ARRAY_SIZE(cap_names); i++) {
		if (strcasecmp(cap_names[i], name) == 0) {
			*ret_cap = i;
			return 0;
		}
	}
	return -EINVAL;
}

int conf_security_caps_check(const struct conf_security *m)
{
	if (m->caps.keep_set && m->caps.drop)
		return -EINVAL;
	return 0;
}

bool conf_security_has_userns(const struct conf_security *m)
{
	return m->n_idmap > 0;
}

bool conf_security_is_unprivileged(const struct conf_security *m)
{
	uint32_t host;

	return conf_security_idmap_to_host(m, CONF_IDMAP_UID, 0, &host) == 0;
}

int conf_security_idmap_to_host(const struct conf_security *m, enum conf_idmap_type type,
				uint32_t nsid, uint32_t *ret_hostid)
{
	for (size_t i = 0; i < m->n_idmap; i++) {
		const struct conf_idmap *e = &m->idmap[i];

		if (e->type == type && nsid >= e->nsid && nsid - e->nsid < e->range) {
			*ret_hostid = e->hostid + (nsid - e->nsid);
			return 0;
		}
	}
	return -ENOENT;
}

int conf_security_idmap_to_ns(const struct conf_security *m, enum conf_idmap_type type,
			      uint32_t hostid, uint32_t *ret_nsid)
{
	for (size_t i = 0; i < m->n_idmap; i++) {
		const struct conf_idmap *e = &m->idmap[i];

		if (e->type == type && hostid >= e->hostid && hostid - e->hostid < e->range) {
			*ret_nsid = e->nsid + (hostid - e->hostid);
			return 0;
		}
	}
	return -ENOENT;
}

const char *conf_ns_name(enum conf_ns ns)
{
	return (unsigned int)ns < CONF_NS_MAX ? ns_table[ns].name : NULL;
}

int conf_ns_flag(enum conf_ns ns)
{
	return (unsigned int)ns < CONF_NS_MAX ? ns_table[ns].flag : 0;
}

int conf_ns_from_name(const char *name, enum conf_ns *ret_ns)
{
	if (strcasecmp(name, "mount") == 0) {
		*ret_ns = CONF_NS_MNT;
		return 0;
	}
	for (int i = 0; i < CONF_NS_MAX; i++) {
		if (strcasecmp(ns_table[i].name, name) == 0) {
			*ret_ns = (enum conf_ns)i;
			return 0;
		}
	}
	return -EINVAL;
}

bool conf_security_keyring_session(const struct conf_security *m)
{
	return m->keyring_session.set ? m->keyring_session.on : true;
}

int conf_security_notify_addr(const struct conf_security *m, struct sockaddr_un *ret_addr,
			      socklen_t *ret_len)
{
	const char *p = m->seccomp.notify_proxy;
	size_t len;

	if (!p)
		return -ENOENT;
	if (!str_starts_with(p, "unix:"))
		return -EINVAL;
	p += 5;
	len = strlen(p);
	if ((p[0] != '/' && p[0] != '@') || len < 2 || len >= sizeof(ret_addr->sun_path))
		return -EINVAL;
	memset(ret_addr, 0, sizeof(*ret_addr));
	ret_addr->sun_family = AF_UNIX;
	memcpy(ret_addr->sun_path, p, len);
	if (p[0] == '@') {
		/* Abstract socket: leading NUL, length without a terminator. */
		ret_addr->sun_path[0] = '\0';
		*ret_len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len);
	} else {
		*ret_len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len + 1);
	}
	return 0;
}
