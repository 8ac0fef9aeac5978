/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The monitor command protocol: clients (API, tools) ask a container's monitor for its state,
 * init pid/pidfd, config, ttys, console log, or to stop/shutdown/reboot/freeze it.
 *
 * Socket: the abstract stream socket "@lxc/cmd/<hex SHA-256 of "LXCPATH/NAME">" (ipc/hash.h;
 * 8 + 64 characters, whatever the lengths of lxcpath and name). The monitor binds it first
 * thing; -EADDRINUSE means another monitor for that container already runs.
 *
 * Wire format (host byte order; both ends are on one machine):
 *   request  {u32 magic, u32 cmd, i64 arg, u32 flags, u32 datalen} + datalen bytes of data
 *   reply    {u32 magic, i32 ret, u32 datalen, u32 nfds} + datalen bytes; nfds fds travel
 *            with the header (SCM_RIGHTS). ret: >= 0 success (command-specific), -errno.
 * One request per connection, except ADD_STATE_CLIENT: its reply's ret is the current state
 * and the connection stays open; every later state change arrives as another reply header
 * with ret = the new state, datalen = 0, nfds = 0. A successful GET_TTY_FD also keeps the
 * connection open (the handler sets cmd_reply.keep): the client holds the tty until it closes
 * it, and the server then tells the monitor (ops->client_gone).
 *
 * Only root or the monitor's own euid may talk to the monitor (SO_PEERCRED): others get
 * -EACCES. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "lifecycle/state.h"

struct mainloop;

/* Stable values: they are on the wire between tools and monitors of different builds. */
enum cmd_type {
	CMD_GET_STATE = 0,		/* ret = enum lxc_state */
	CMD_GET_INIT_PID = 1,		/* ret = init pid (in the monitor's pid namespace) */
	CMD_GET_INIT_PIDFD = 2,		/* ret = 0, fds[0] = pidfd of init */
	CMD_GET_CONFIG_ITEM = 3,	/* data = key (NUL-terminated); reply data = value */
	CMD_STOP = 4,			/* SIGKILL init; ret = 0 (wait with a state client) */
	CMD_SHUTDOWN = 5,		/* arg = timeout in s (-1 none); halt signal to init */
	CMD_REBOOT = 6,			/* reboot signal to init; ret = 0 */
	CMD_ADD_STATE_CLIENT = 7,	/* ret = current state; connection stays, pushes follow */
	CMD_GET_TTY_FD = 8,		/* arg = tty number (-1: first free); ret = tty number,
					 * fds[0] = the pty's fd */
	CMD_CONSOLE_LOG = 9,		/* flags = CMD_CONSOLE_LOG_*; arg = read_max (bytes);
					 * reply data = log bytes read */
	CMD_GET_CGROUP = 10,		/* data = controller or ""; reply data = cgroup path */
	CMD_FREEZE = 11,		/* arg = timeout in s */
	CMD_UNFREEZE = 12,		/* arg = timeout in s */
	CMD_GET_DEVPTS_FD = 13,		/* fds[0] = the container's devpts */
	CMD_GET_SECCOMP_NOTIFY_FD = 14, /* fds[0] = seccomp listener */
	CMD_MAX,
};

enum {
	CMD_CONSOLE_LOG_READ = 1 << 0,
	CMD_CONSOLE_LOG_CLEAR = 1 << 1,
};

/* The one error every client function returns when no monitor answers: the socket does not
 * exist / refuses (ECONNREFUSED, ENOENT), or the monitor hung up before replying (it is
 * exiting). For a defined container it means STOPPED. */
#define CMD_NOT_RUNNING (-ECONNREFUSED)

#define CMD_MAX_FDS	 4
#define CMD_MAX_REQ_DATA (64 * 1024)
#define CMD_MAX_RSP_DATA (16 * 1024 * 1024)

struct cmd_req {
	uint32_t cmd;	/* enum cmd_type */
	uint32_t flags; /* command-specific */
	int64_t arg;	/* command-specific */
	uint32_t datalen;
	const void *data; /* datalen bytes (client side); server side: malloc'd, NUL-terminated */
};

struct cmd_rsp {
	int32_t ret; /* >= 0 command result, -errno */
	uint32_t datalen;
	char *data;	      /* malloc'd, datalen bytes + a NUL; NULL when datalen == 0 */
	int fds[CMD_MAX_FDS]; /* received fds (the caller owns them); unused slots -EBADF */
	uint32_t nfds;
};

/* Free data and close the fds still in rsp (set a slot to -EBADF to keep that fd). */
void cmd_rsp_free(struct cmd_rsp *rsp);

/* The abstract socket name (without the leading NUL): "lxc/cmd/<64 hex>". ret has room for
 * UNIX_ABSTRACT_MAX + 1 bytes. */
int cmd_socket_name(const char *lxcpath, const char *name, char *ret, size_t size);

/* ---- client ---- */

/* Connect, send req, wait for the reply (timeout_s <= 0: no limit; else -ETIMEDOUT after
 * timeout_s seconds of silence). Returns 0 with *ret filled (check ret->ret, free with
 * cmd_rsp_free()), CMD_NOT_RUNNING, -ETIMEDOUT, -EACCES, or another -errno. */
int cmd_call(const char *lxcpath, const char *name, const struct cmd_req *req, int timeout_s,
	     struct cmd_rsp *ret);

/* Convenience wrappers: >= 0 as documented, CMD_NOT_RUNNING, or -errno (transport error or
 * the monitor's reply). */
int cmd_get_state(const char *lxcpath, const char *name, int timeout_s); /* lxc_state */
int cmd_get_init_pid(const char *lxcpath, const char *name, int timeout_s, pid_t *ret_pid);
int cmd_get_init_pidfd(const char *lxcpath, const char *name, int timeout_s, int *ret_fd);
int cmd_stop(const char *lxcpath, const char *name, int timeout_s);
/* shutdown_timeout_s is passed as arg; the reply comes once the halt signal is sent. */
int cmd_shutdown(const char *lxcpath, const char *name, int shutdown_timeout_s, int timeout_s);
int cmd_reboot(const char *lxcpath, const char *name, int timeout_s);
int cmd_freeze(const char *lxcpath, const char *name, int freeze_timeout_s, int timeout_s);
int cmd_unfreeze(const char *lxcpath, const char *name, int freeze_timeout_s, int timeout_s);
/* *ret = malloc'd value ("" when the key is unset but valid). */
int cmd_get_config_item(const char *lxcpath, const char *name, const char *key, int timeout_s,
			char **ret);
/* *ret = malloc'd cgroup path for controller (NULL or "": the unified/container cgroup). */
int cmd_get_cgroup(const char *lxcpath, const char *name, const char *controller, int timeout_s,
		   char **ret);
/* ttynum -1: any free tty. *ret_fd = pty fd (caller owns), *ret_ttynum = its number. */
int cmd_get_tty_fd(const char *lxcpath, const char *name, int ttynum, int timeout_s, int *ret_fd,
		   int *ret_ttynum);
/* The same, keeping the connection: *ret_conn holds the tty (close it to release it). */
int cmd_get_tty_fd_held(const char *lxcpath, const char *name, int ttynum, int timeout_s,
			int *ret_conn, int *ret_fd, int *ret_ttynum);
/* flags CMD_CONSOLE_LOG_*; with READ, up to read_max bytes into *ret_data (malloc'd,
 * NUL-terminated, may be NULL when empty) and *ret_len. */
int cmd_console_log(const char *lxcpath, const char *name, unsigned int flags, uint64_t read_max,
		    int timeout_s, char **ret_data, size_t *ret_len);

/* Register as a state client: *ret_fd = the connection (caller owns), *ret_state = the state at
 * registration. Every later change is pushed; read them with cmd_state_client_next(). */
int cmd_add_state_client(const char *lxcpath, const char *name, int timeout_s, int *ret_fd,
			 enum lxc_state *ret_state);
/* Next pushed state: 0 and *ret_state, -ETIMEDOUT after timeout_ms (< 0: no limit),
 * CMD_NOT_RUNNING when the monitor closed the connection (it exited). */
int cmd_state_client_next(int fd, int timeout_ms, enum lxc_state *ret_state);

/* ---- server (the monitor) ---- */

/* What a command handler fills in besides its return value (which becomes rsp.ret). */
struct cmd_reply {
	void *data; /* malloc'd; the server frees it after sending */
	uint32_t datalen;
	int fds[CMD_MAX_FDS]; /* sent with the reply; borrowed (not closed) unless close_fds */
	uint32_t nfds;
	bool close_fds; /* close fds after sending */
	int client;	/* in: id of the requesting connection (> 0, unique per server) */
	bool keep;	/* out: keep the connection; ops->client_gone(data, client) when it ends */
};

/* A handler gets the ops' data, the request (req->data NUL-terminated, may be NULL) and a
 * zeroed reply; it returns >= 0 or -errno. It must not block. */
typedef int (*cmd_handler)(void *data, const struct cmd_req *req, struct cmd_reply *reply);

/* One callback per command; NULL: the client gets -ENOSYS. GET_STATE may be NULL: the server
 * then answers with the last state given to cmd_server_broadcast_state(). ADD_STATE_CLIENT is
 * handled by the server itself (it answers with that last state). */
struct cmd_server_ops {
	cmd_handler get_state;
	cmd_handler get_init_pid;
	cmd_handler get_init_pidfd;
	cmd_handler get_config_item;
	cmd_handler stop;
	cmd_handler shutdown;
	cmd_handler reboot;
	cmd_handler get_tty_fd;
	cmd_handler console_log;
	cmd_handler get_cgroup;
	cmd_handler freeze;
	cmd_handler unfreeze;
	cmd_handler get_devpts_fd;
	cmd_handler get_seccomp_notify_fd;
	/* A connection kept with cmd_reply.keep closed (client exit, or server close). */
	void (*client_gone)(void *data, int client);
};

struct cmd_server;

/* Bind "@lxc/cmd/<hash>" and register the listener (and later each client connection) in
 * loop. -EADDRINUSE: another monitor owns this container. The initial state is STOPPED until
 * the first cmd_server_broadcast_state(). ops and data must outlive the server. */
int cmd_server_open(const char *lxcpath, const char *name, struct mainloop *loop,
		    const struct cmd_server_ops *ops, void *data, struct cmd_server **ret);
/* The same in two steps: bind (the listening fd, or -EADDRINUSE), then serve that fd in loop
 * (the fd is the server's from then on, closed on failure too). The monitor binds before it
 * splits from its guard (lifecycle/guard.h), so a second start fails at once. */
int cmd_server_listen(const char *lxcpath, const char *name);
int cmd_server_open_fd(int fd, struct mainloop *loop, const struct cmd_server_ops *ops,
		       void *data, struct cmd_server **ret);
/* Record state and push it to every state client (a client that cannot take it at once, or
 * has gone, is dropped). Returns the number of clients reached. */
int cmd_server_broadcast_state(struct cmd_server *server, enum lxc_state state);
/* The listening fd (to keep it across close-all-fds, or to check it). */
int cmd_server_fd(const struct cmd_server *server);
/* Unregister from the loop, close the listener and every client connection, free. NULL ok.
 * Not from inside one of the server's own handlers; before mainloop_free(loop). */
void cmd_server_close(struct cmd_server *server);
