/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The start sequence's network step: create the lxc.net.* devices on the host side after the
 * clone, move them into the init's network namespace and configure them there; undo it all
 * on stop or on a failed start. Used by start.c (and guard.c: net_restore_record()). */
#pragma once

#include <stdbool.h>

struct monitor;
struct lxc_error;

/* Set up every lxc.net.N in index order. On failure *err names lxc.net.N.KEY, the value and
 * the kernel's reason; what was made so far stays recorded for net_cleanup(). */
int net_setup(struct monitor *m, struct lxc_error *err);

/* Whether net_setup() has work on the host side for the devices of the init's new network
 * namespace: anything but "empty" devices without scripts (for those it only brings "lo" up). */
bool net_host_work(const struct monitor *m);

/* Remove what net_setup() made (script.down first), give phys devices back under their own
 * name and MTU. Safe to call when nothing was set up, and more than once. */
void net_cleanup(struct monitor *m);

/* What a killed monitor of LXCPATH/NAME left on the host side, as recorded under
 * RUNDIR/net/<hash>: remove its host-side devices and proxy entries, rename lent phys devices
 * back. Used at the next start and by the cleanup guard (guard.c). 0 or -errno. */
int net_restore_record(const char *lxcpath, const char *name);
