/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The container monitor: the single-threaded process (lxc-monitor-exec) that owns a running
 * container's command socket, console and state, clones the init and waits for it. This header
 * is shared by the files of the monitor (monitor.c, start.c, init_child.c, init_exec.c,
 * stop.c); the rest of the library only calls monitor_main(). */
#pragma once

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "cgroups/cgroup.h"
#include "config/conf.h"
#include "lifecycle/request.h"
#include "lifecycle/state.h"
#include "rootfs/error.h"
#include "terminal/console_log.h"
#include "terminal/proxy.h"
#include "terminal/pty.h"
#include "terminal/ringbuf.h"

struct mainloop;
struct cmd_server;

struct monitor {
	struct start_request req;	/* name, lxcpath, conf, argv, flags */
	struct lxc_conf *conf;		/* == req.conf */
	struct mainloop *loop;
	struct cmd_server *server;
	int listen_fd;			/* the command socket until the server takes it, -EBADF */
	enum lxc_state state;
	int status_fd;			/* to the caller; -EBADF once released */
	sigset_t oldmask;		/* signal mask before the signalfd (restored in the init) */

	/* Console: ptys, ring buffer, log file, proxy to the foreground terminal. */
	struct term_ptys ptys;
	struct term_ringbuf rb;
	struct term_log log;
	struct term_proxy proxy;
	bool ptx_watched;
	int peer_fd;			/* proxy peer watched in the loop, -EBADF */
	int console_dev;		/* lxc.console.path device, -EBADF */
	bool direct_stdio;		/* the init keeps our stdio (lxc-execute, no terminal) */

	/* The init. */
	int clone_flags;
	pid_t init_pid;			/* -1 when none */
	int init_pidfd;			/* -EBADF when none */
	int init_status;		/* raw wait status once it exited */
	int ns_fds[CONF_NS_MAX];			/* its namespaces (all for a stop hook, else the
						 * mount one only), -EBADF unset */
	bool ns_fds_late;		/* the last run: ns_fds are closed after the caller is told */
	int share_fds[CONF_NS_MAX];		/* lxc.namespace.share.* targets */
	bool reboot_requested;
	bool init_exited;
	bool init_waits;		/* the init waits for "continue" before its setup, not
					 * just before its exec (start.c) */
	struct net_run *net;		/* lifecycle/network.c state, NULL when none */

	/* Cgroups (cgroups.c): the host is detected and the monitor cgroup made (by the guard)
	 * before the split; the payload cgroup lives for one run. cg_self: the payload's files
	 * the init writes "0" to, open from before the clone until the init is in. */
	struct cgroup_run cg;
	struct cgroup_self cg_self;
	bool cg_host, cg_payload;
	bool cg_payload_early;		/* the guard makes the first run's payload cgroup; not
					 * adopted yet */
	bool init_born_in;		/* the init was cloned into its cgroup2 cgroup */
};

/* lxc-monitor-exec's body: read the request from reqfd, split into guard and monitor
 * (lifecycle/guard.h; TITLE is argv[0], "[lxc monitor guard] LXCPATH NAME", which the monitor
 * overwrites with "[lxc monitor] LXCPATH NAME"), run the container (again after each reboot)
 * and return the exit code: the init's status (128+N for signal N), 1 on failure. */
int monitor_main(int reqfd, char *title);

/* monitor.c: change state: record, push to state clients and lxc-monitor listeners. */
void monitor_set_state(struct monitor *m, enum lxc_state state);

/* start.c: run the start sequence up to RUNNING (the init exec'd). On failure *err names the
 * step; everything created is undone (state ABORTING). */
int monitor_start_init(struct monitor *m, struct lxc_error *err);
/* start.c: release what one run of the container holds (ptys, console, ns fds, pidfd). */
void monitor_cleanup_run(struct monitor *m);

/* start.c: watch the proxy's peer (foreground terminal or lxc-console client pty) in the
 * loop; it is detached when it hangs up or the run ends. */
int monitor_watch_peer(struct monitor *m);

/* init_child.c: the init's side, in the new namespaces; never returns. */
__attribute__((noreturn)) void init_child_main(struct monitor *m, int sync_fd);

/* init_exec.c: process settings applied by the init (sysctls before the rootfs, the rest after
 * pivot_root); each fills *err. */
int init_apply_sysctls(const struct lxc_conf *conf, struct lxc_error *err);
int init_apply_proc_settings(const struct lxc_conf *conf, struct lxc_error *err);
int init_drop_caps(const struct lxc_conf *conf, struct lxc_error *err);
int init_set_personality_nnp(const struct lxc_conf *conf, struct lxc_error *err);
int init_session_keyring(const struct lxc_conf *conf, struct lxc_error *err);
int init_set_ids(const struct lxc_conf *conf, struct lxc_error *err);
/* The init's environment: container=lxc, container_ttys, lxc.environment. malloc'd strv. */
int init_build_env(const struct lxc_conf *conf, char ***ret_envp);
/* The init's argv: req argv, lxc.init.cmd (or lxc.execute.cmd) split at spaces; in execute
 * mode prefixed by "lxc-init -n NAME -P LXCPATH --". */
int init_build_argv(const struct monitor *m, char ***ret_argv);

/* cgroups.c: detect the host's cgroups and split into guard and monitor (returns in the
 * monitor only); create the payload cgroup, apply its limits and open cg_self (before the init
 * is cloned); remove the payload cgroup when a run ends or aborts; free everything when the
 * monitor exits; thaw a frozen payload (before a kill). */
int monitor_split(struct monitor *m, struct lxc_error *err);
int monitor_cgroup_prepare(struct monitor *m, struct lxc_error *err);
void monitor_cgroup_cleanup_run(struct monitor *m);
void monitor_cgroup_fini(struct monitor *m);
void monitor_cgroup_thaw(struct monitor *m);
/* GET_STATE (FROZEN when the payload is frozen), GET_CGROUP (flags & CMD_CGROUP_LIMIT: the
 * payload, else the init's inner cgroup), FREEZE, UNFREEZE. */
#ifndef CMD_CGROUP_LIMIT
#define CMD_CGROUP_LIMIT (1U << 0)
#endif
struct cmd_req;
struct cmd_reply;
int monitor_on_get_state(void *data, const struct cmd_req *req, struct cmd_reply *reply);
int monitor_on_get_cgroup(void *data, const struct cmd_req *req, struct cmd_reply *reply);
int monitor_on_freeze(void *data, const struct cmd_req *req, struct cmd_reply *reply);
int monitor_on_unfreeze(void *data, const struct cmd_req *req, struct cmd_reply *reply);

/* stop.c: the command handlers and the signalfd/init-exit handling. */
extern const struct cmd_server_ops monitor_cmd_ops;
int monitor_on_signal(int fd, uint32_t events, void *data);
/* Send sig to the init through its pidfd (kill() as fallback). */
int monitor_kill_init(struct monitor *m, int sig);
