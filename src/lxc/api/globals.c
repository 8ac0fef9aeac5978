/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Library-wide entry points that need no container: the state names, the version, whether a
 * configuration key is supported and which API extensions this build really implements. */
#include <stdbool.h>
#include <string.h>

#include <lxc/lxccontainer.h>

#include "base/cleanup.h"
#include "base/compiler.h"
#include "config/config.h"
#include "lifecycle/state.h"
/* The generated <lxc/version.h>; in the build tree it sits next to the public headers. */
#include <lxc/version.h>

/* LXC's states in LXC's order (lifecycle/state.h). */
LXC_EXPORT int lxc_get_wait_states(const char **states)
{
	if (states)
		for (int i = 0; i < LXC_STATE_MAX; i++)
			states[i] = lxc_state_name(i);
	return LXC_STATE_MAX;
}

LXC_EXPORT const char *lxc_get_version(void)
{
	return LXC_VERSION;
}

LXC_EXPORT bool lxc_config_item_is_supported(const char *key)
{
	return key && conf_key_is_supported(key);
}

/* LXC's API extensions in LXC's order. An extension is reported only when its feature works and
 * is tested in this build. Still missing: mount injection (c->mount/umount), seccomp,
 * idmapped mounts and core scheduling; ipvlan is implemented but untested (this project's test
 * kernel has no ipvlan), so it is not claimed yet. */
static const struct api_extension {
	const char *name;
	bool works;
} api_extensions[] = {
	{ "lxc_log", true },
	{ "lxc_config_item_is_supported", true },
	{ "console_log", true },
	{ "reboot2", true },
	{ "mount_injection", false },
	{ "cgroup_relative", true },
	{ "mount_injection_file", false },
	{ "seccomp_allow_nesting", false },
	{ "seccomp_notify", false },
	{ "network_veth_routes", true },
	{ "network_ipvlan", false },
	{ "network_l2proxy", true },
	{ "network_gateway_device_route", true },
	{ "network_phys_macvlan_mtu", true },
	{ "network_veth_router", true },
	{ "cgroup2_devices", true },
	{ "cgroup2", true },
	{ "pidfd", true },
	{ "seccomp_proxy_send_notify_fd", false },
	{ "idmapped_mounts", false },
	{ "idmapped_mounts_v2", false },
	{ "core_scheduling", false },
};

LXC_EXPORT bool lxc_has_api_extension(const char *extension)
{
	if (!extension)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(api_extensions); i++)
		if (!strcmp(api_extensions[i].name, extension))
			return api_extensions[i].works;
	return false;
}
