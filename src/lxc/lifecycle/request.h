/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The start request the caller hands to a fresh monitor process (lxc-monitor-exec) through an
 * inherited fd, and the status records the monitor sends back. The configuration travels as
 * its replay log (every set/clear applied, current key names), so unsaved set_config_item()
 * changes reach the monitor exactly; the monitor replays it into a new struct lxc_conf. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "config/conf.h"
#include "rootfs/error.h"

/* Environment variable naming the request fd in lxc-monitor-exec. */
#define START_REQUEST_ENV "LXC_MONITOR_FD"

enum start_flags {
	START_DAEMONIZE = 1 << 0,	/* setsid, stdio to /dev/null, caller does not wait */
	START_CLOSE_ALL_FDS = 1 << 1,	/* lxc-start -C (the monitor closes inherited fds anyway) */
	START_EXECUTE = 1 << 2,		/* useinit: run lxc-init -- argv (lxc-execute) */
};

struct start_request {
	char *name;
	char *lxcpath;
	char *config_file;	/* LXC_CONFIG_FILE for hooks, may be "" */
	char *log_file;		/* the caller's log file (lxc-start -o), NULL: none */
	int log_level;		/* the caller's chosen level (lxc-start -l), -1: none */
	unsigned int flags;	/* enum start_flags */
	int status_fd;		/* inherited fd number of the status pipe, -1 none */
	char **argv;		/* init argv, NULL: lxc.init.cmd / lxc.execute.cmd */
	struct lxc_conf *conf;	/* rebuilt by start_request_read() */
};

/* Serialize into a new sealed memfd (offset 0, O_CLOEXEC off is the caller's business: the
 * fd is O_CLOEXEC). Returns the fd or -errno. */
int start_request_memfd(const struct start_request *req);
/* Read a request from fd and replay the configuration. On failure msg (size bytes) says why. */
int start_request_read(int fd, struct start_request *ret, char *msg, size_t size);
void start_request_free(struct start_request *req);

/* What the monitor reports to the caller on the status pipe. */
enum start_status_kind {
	START_STATUS_RUNNING = 1,	/* the init runs; value = its pid */
	START_STATUS_ERROR = 2,		/* the start failed; err names the step */
	START_STATUS_EXIT = 3,		/* the init exited; value = raw wait status */
	START_STATUS_MONITOR = 4,	/* the monitor parted from its guard; value = its pid */
};

struct start_status {
	uint32_t kind;
	int32_t value;
	struct lxc_error err;
};

/* Write one record (ignores EPIPE: the caller may be gone). fd < 0 is a no-op. */
int start_status_send(int fd, enum start_status_kind kind, int value, const struct lxc_error *e);
/* Read one record: 1 and *ret, 0 on EOF, -errno. */
int start_status_recv(int fd, struct start_status *ret);
