/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The sync socket between the monitor and the container init it cloned: the init waits for
 * "continue" (sent once the host-side setup is done), then either execs (the socket closes
 * through O_CLOEXEC: success) or sends one error record {step, errno, message} and exits. */
#pragma once

#include "rootfs/error.h"

/* A SOCK_SEQPACKET socketpair, both ends O_CLOEXEC: [0] monitor, [1] init. */
int sync_pair(int ret[2]);
/* Monitor: let the init go on. */
int sync_send_continue(int fd);
/* Init, first thing: it is in its cgroups (or not: then an error record instead). */
int sync_send_ready(int fd);
/* Monitor: 0 on "ready", -EIO with *ret filled on an error record, -EPIPE when the init went
 * away without either, other -errno. */
int sync_wait_ready(int fd, struct lxc_error *ret);
/* Init: block until "continue"; -EPIPE if the monitor went away. */
int sync_wait_continue(int fd);
/* Init: report a failure (best effort). */
void sync_send_error(int fd, const struct lxc_error *e);
/* Monitor: 0 when the socket closed without a record (the init exec'd), -EIO with *ret filled
 * when an error record arrived, other -errno on transport failure. */
int sync_wait_result(int fd, struct lxc_error *ret);
