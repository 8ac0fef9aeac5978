/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The namespace table and the pure computations on it: clone flags from the configuration and
 * lxc-attach's -s lists. Opening and joining namespaces is in ns_fd.c. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "config/conf.h"
#include "ns/ns.h"

static const struct ns_info ns_table[CONF_NS_MAX] = {
	[CONF_NS_MNT] = {"mnt", CLONE_NEWNS, "MOUNT", "LXC_MNT_NS"},
	[CONF_NS_PID] = {"pid", CLONE_NEWPID, "PID", "LXC_PID_NS"},
	[CONF_NS_UTS] = {"uts", CLONE_NEWUTS, "UTSNAME", "LXC_UTS_NS"},
	[CONF_NS_IPC] = {"ipc", CLONE_NEWIPC, "IPC", "LXC_IPC_NS"},
	[CONF_NS_USER] = {"user", CLONE_NEWUSER, "USER", "LXC_USER_NS"},
	[CONF_NS_NET] = {"net", CLONE_NEWNET, "NETWORK", "LXC_NET_NS"},
	[CONF_NS_CGROUP] = {"cgroup", CLONE_NEWCGROUP, "CGROUP", "LXC_CGROUP_NS"},
	[CONF_NS_TIME] = {"time", CLONE_NEWTIME, "TIME", "LXC_TIME_NS"},
};

const struct ns_info *ns_info(enum conf_ns ns)
{
	if ((unsigned int)ns >= CONF_NS_MAX)
		return NULL;
	return &ns_table[ns];
}

int ns_from_name(const char *name, enum conf_ns *ret_ns)
{
	if (!name)
		return -EINVAL;
	if (strcasecmp(name, "mount") == 0)
		name = "mnt";
	for (int i = 0; i < CONF_NS_MAX; i++) {
		if (strcasecmp(name, ns_table[i].name) == 0) {
			*ret_ns = (enum conf_ns)i;
			return 0;
		}
	}
	return -EINVAL;
}

int ns_from_flag(int flag, enum conf_ns *ret_ns)
{
	for (int i = 0; i < CONF_NS_MAX; i++) {
		if (ns_table[i].flag == flag) {
			*ret_ns = (enum conf_ns)i;
			return 0;
		}
	}
	return -EINVAL;
}

/* Only "none" network entries: the container uses the host's network namespace. */
static bool net_only_none(const struct conf_net *net)
{
	size_t n = conf_net_count(net);

	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		const struct conf_net_dev *dev = conf_net_at(net, i);

		if (dev && dev->type != CONF_NET_NONE)
			return false;
	}
	return true;
}

static bool wants_timens(const struct conf_security *sec)
{
	return sec->time_boot.set || sec->time_monotonic.set;
}

int ns_share_flags(const struct lxc_conf *conf)
{
	int flags = 0;

	for (int i = 0; i < CONF_NS_MAX; i++) {
		if (conf->sec.ns_share[i].kind != CONF_NS_SHARE_NONE)
			flags |= ns_table[i].flag;
	}
	return flags;
}

static int default_flags(const struct lxc_conf *conf)
{
	int flags = NS_DEFAULT_FLAGS;

	if (conf_security_has_userns(&conf->sec))
		flags |= CLONE_NEWUSER;
	if (wants_timens(&conf->sec))
		flags |= CLONE_NEWTIME;
	if (net_only_none(&conf->net))
		flags &= ~CLONE_NEWNET;
	return flags;
}

int ns_clone_flags(const struct lxc_conf *conf, int *ret_flags)
{
	int flags;

	if (conf->sec.ns_clone)
		flags = conf->sec.ns_clone;
	else
		flags = default_flags(conf) & ~conf->sec.ns_keep;
	*ret_flags = flags & ~ns_share_flags(conf);
	return 0;
}

/* The kernel's set does not change: probed once per process. */
int ns_supported_flags(void)
{
	static int cached = -1;
	char path[64];
	int flags = 0;

	if (cached >= 0)
		return cached;
	for (int i = 0; i < CONF_NS_MAX; i++) {
		snprintf(path, sizeof(path), "/proc/self/ns/%s", ns_table[i].name);
		if (access(path, F_OK) == 0)
			flags |= ns_table[i].flag;
	}
	cached = flags;
	return flags;
}

static int attach_name_flag(const char *name, size_t len)
{
	for (int i = 0; i < CONF_NS_MAX; i++) {
		const char *n = ns_table[i].attach_name;

		if (strlen(n) == len && strncmp(name, n, len) == 0)
			return ns_table[i].flag;
	}
	return -EINVAL;
}

int ns_attach_flags_parse(const char *list, int *ret_flags)
{
	const char *p = list;
	int flags = 0;

	if (!list || !*list)
		return -EINVAL;
	for (;;) {
		size_t len = strcspn(p, "|");
		int f = attach_name_flag(p, len);

		if (f < 0)
			return f;
		flags |= f;
		if (!p[len])
			break;
		p += len + 1;
	}
	*ret_flags = flags;
	return 0;
}

void ns_fds_init(int fds[CONF_NS_MAX])
{
	for (int i = 0; i < CONF_NS_MAX; i++)
		fds[i] = -EBADF;
}

void ns_fds_close(int fds[CONF_NS_MAX])
{
	for (int i = 0; i < CONF_NS_MAX; i++)
		close_prot_errno_disarm(fds[i]);
}
