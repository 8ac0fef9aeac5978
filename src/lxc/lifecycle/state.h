/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Container states and their names, in LXC's order (lxc_get_wait_states() lists them so). */
#pragma once

enum lxc_state {
	LXC_STATE_STOPPED = 0,
	LXC_STATE_STARTING = 1,
	LXC_STATE_RUNNING = 2,
	LXC_STATE_STOPPING = 3,
	LXC_STATE_ABORTING = 4,
	LXC_STATE_FREEZING = 5,
	LXC_STATE_FROZEN = 6,
	LXC_STATE_THAWED = 7,
	LXC_STATE_MAX = 8,
};

/* "STOPPED", ...; NULL for an invalid state. */
const char *lxc_state_name(enum lxc_state s);
/* Exact upper-case name; -EINVAL otherwise. */
int lxc_state_parse(const char *name, enum lxc_state *ret);
