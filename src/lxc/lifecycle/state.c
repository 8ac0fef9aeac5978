/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Container state names. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "lifecycle/state.h"

static const char *const names[LXC_STATE_MAX] = {
	[LXC_STATE_STOPPED] = "STOPPED",   [LXC_STATE_STARTING] = "STARTING",
	[LXC_STATE_RUNNING] = "RUNNING",   [LXC_STATE_STOPPING] = "STOPPING",
	[LXC_STATE_ABORTING] = "ABORTING", [LXC_STATE_FREEZING] = "FREEZING",
	[LXC_STATE_FROZEN] = "FROZEN",	   [LXC_STATE_THAWED] = "THAWED",
};

const char *lxc_state_name(enum lxc_state s)
{
	return (unsigned int)s < LXC_STATE_MAX ? names[s] : NULL;
}

int lxc_state_parse(const char *name, enum lxc_state *ret)
{
	for (int i = 0; i < LXC_STATE_MAX; i++) {
		if (strcmp(name, names[i]) == 0) {
			*ret = (enum lxc_state)i;
			return 0;
		}
	}
	return -EINVAL;
}
