/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The state broadcast lxc-monitor listens to, without a daemon: every listener binds its own
 * datagram socket RUNDIR/monitor/<hex SHA-256 of LXCPATH>/<pid> (RUNDIR = paths_rundir(), i.e.
 * /run/lxc for root); a container monitor sends each change to every socket in its lxcpath's
 * directory and unlinks the ones that refuse it (their listener is gone).
 *
 * Message: one datagram of exactly sizeof(struct monitor_bus_wire) = 272 bytes, host order:
 *   {u32 magic 0x4c58434d ("LXCM"), u32 type, i32 value, u32 reserved, char name[256]}
 * type MONITOR_MSG_STATE: value = enum lxc_state; MONITOR_MSG_EXIT: value = the init's exit
 * status as waitpid() gives it. name is NUL-terminated. Other sizes/magics are ignored. */
#pragma once

#include <stdint.h>

#include "lifecycle/state.h"

#define MONITOR_BUS_NAME_MAX 255
#define MONITOR_BUS_MAGIC    0x4c58434dU

enum monitor_msg_type {
	MONITOR_MSG_STATE = 0,
	MONITOR_MSG_EXIT = 1,
};

struct monitor_bus_wire {
	uint32_t magic;
	uint32_t type;
	int32_t value;
	uint32_t reserved;
	char name[MONITOR_BUS_NAME_MAX + 1];
};

struct monitor_bus_msg {
	enum monitor_msg_type type;
	int value; /* enum lxc_state for MONITOR_MSG_STATE, exit status for EXIT */
	char name[MONITOR_BUS_NAME_MAX + 1];
};

/* Create RUNDIR/monitor/<hash>/ (missing directories mode 0755) and bind "<pid>" there
 * ("<pid>.<n>" for this process's later listeners). *ret_fd = the datagram socket
 * (O_CLOEXEC). The socket file is removed by monitor_bus_unlisten() or, once the process is
 * gone, by the next sender. */
int monitor_bus_listen(const char *lxcpath, int *ret_fd);
/* Remove fd's socket file and close fd. */
int monitor_bus_unlisten(const char *lxcpath, int fd);
/* Wait up to timeout_ms (< 0: no limit) for one valid message: 0, -ETIMEDOUT, -errno. */
int monitor_bus_recv(int fd, struct monitor_bus_msg *ret, int timeout_ms);
/* Send {name, state} to every listener of lxcpath. Returns how many got it (a missing
 * directory means 0 listeners); stale sockets are unlinked. */
int monitor_bus_send(const char *lxcpath, const char *name, enum lxc_state state);
/* The same for the init's exit status. */
int monitor_bus_send_exit(const char *lxcpath, const char *name, int status);

/* Variants with an explicit RUNDIR (paths_rundir() output) instead of the process's: for
 * tests and callers that already resolved it. */
int monitor_bus_listen_in(const char *rundir, const char *lxcpath, int *ret_fd);
int monitor_bus_unlisten_in(const char *rundir, const char *lxcpath, int fd);
int monitor_bus_send_in(const char *rundir, const char *lxcpath, const char *name,
			enum monitor_msg_type type, int value);
