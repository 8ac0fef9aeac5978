/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Command protocol, client side: the socket name, one request/reply exchange per connection,
 * and one small wrapper per command. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "ipc/commands.h"
#include "ipc/commands_wire.h"
#include "ipc/hash.h"
#include "ipc/unix.h"

void cmd_rsp_free(struct cmd_rsp *rsp)
{
	if (!rsp)
		return;
	free_disarm(rsp->data);
	for (int i = 0; i < CMD_MAX_FDS; i++)
		close_prot_errno_disarm(rsp->fds[i]);
	rsp->nfds = 0;
	rsp->datalen = 0;
}

int cmd_socket_name(const char *lxcpath, const char *name, char *ret, size_t size)
{
	__do_free char *key = NULL;
	char hex[IPC_SHA256_HEX_LEN + 1];
	struct strbuf sb = {};
	int n;

	if (!lxcpath || !name || !*name)
		return -EINVAL;
	if (strbuf_printf(&sb, "%s/%s", lxcpath, name) < 0 || !(key = strbuf_take(&sb)))
		return -ENOMEM;
	ipc_sha256_hex(key, hex);
	n = snprintf(ret, size, "lxc/cmd/%s", hex);
	return (n < 0 || (size_t)n >= size) ? -ENAMETOOLONG : 0;
}

static void rsp_init(struct cmd_rsp *rsp)
{
	*rsp = (struct cmd_rsp){};
	for (int i = 0; i < CMD_MAX_FDS; i++)
		rsp->fds[i] = -EBADF;
}

/* Errors meaning "no monitor is there (any more)". */
static int map_gone(int err)
{
	switch (err) {
	case -ECONNREFUSED:
	case -ENOENT:
	case -ECONNRESET:
	case -EPIPE:
		return CMD_NOT_RUNNING;
	}
	return err;
}

static int send_req(int fd, const struct cmd_req *req)
{
	struct cmd_wire_req hdr = {.magic = CMD_REQ_MAGIC,
				   .cmd = req->cmd,
				   .arg = req->arg,
				   .flags = req->flags,
				   .datalen = req->datalen};
	__do_free char *buf = NULL;
	ssize_t n;

	if (req->datalen > CMD_MAX_REQ_DATA)
		return -E2BIG;
	buf = malloc(sizeof(hdr) + req->datalen);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, &hdr, sizeof(hdr));
	if (req->datalen)
		memcpy(buf + sizeof(hdr), req->data, req->datalen);
	n = unix_send_fds(fd, buf, sizeof(hdr) + req->datalen, NULL, 0);
	return n < 0 ? map_gone((int)n) : 0;
}

/* Read one reply header (with its fds) and its data into rsp. */
static int recv_rsp(int fd, struct cmd_rsp *rsp)
{
	struct cmd_wire_rsp hdr;
	size_t nfds = 0;
	ssize_t n;

	n = unix_recv_fds(fd, &hdr, sizeof(hdr), rsp->fds, CMD_MAX_FDS, &nfds);
	if (n == 0)
		return CMD_NOT_RUNNING;
	if (n < 0)
		return map_gone((int)n);
	rsp->nfds = (uint32_t)nfds;
	if (hdr.magic != CMD_RSP_MAGIC || hdr.datalen > CMD_MAX_RSP_DATA)
		return -EPROTO;
	rsp->ret = hdr.ret;
	if (hdr.datalen == 0)
		return 0;
	rsp->data = malloc((size_t)hdr.datalen + 1);
	if (!rsp->data)
		return -ENOMEM;
	n = unix_recv_fds(fd, rsp->data, hdr.datalen, NULL, 0, NULL);
	if (n <= 0)
		return n == 0 || n == -EPIPE ? -EPROTO : (int)n;
	rsp->data[hdr.datalen] = '\0';
	rsp->datalen = hdr.datalen;
	return 0;
}

/* Connect, send, receive; *ret_fd (when not NULL) keeps the connection open. */
static int exchange(const char *lxcpath, const char *name, const struct cmd_req *req, int timeout_s,
		    struct cmd_rsp *ret, int *ret_fd)
{
	char sock[UNIX_ABSTRACT_MAX + 1];
	__do_close int fd = -EBADF;
	int err;

	rsp_init(ret);
	err = cmd_socket_name(lxcpath, name, sock, sizeof(sock));
	if (err < 0)
		return err;
	fd = unix_connect_abstract(sock);
	if (fd < 0)
		return map_gone(fd);
	if (timeout_s > 0) {
		int ms = timeout_s > 2000000 ? 2000000000 : timeout_s * 1000;

		err = unix_set_rcvtimeo(fd, ms);
		if (err >= 0)
			err = unix_set_sndtimeo(fd, ms);
		if (err < 0)
			return err;
	}
	/* A monitor that refuses us (-EACCES) may reply and hang up before our request is
	 * written: its reply is still worth reading after a failed send. */
	err = send_req(fd, req);
	if (err >= 0 || err == CMD_NOT_RUNNING) {
		int r = recv_rsp(fd, ret);

		if (err >= 0 || r >= 0)
			err = r;
	}
	if (err < 0) {
		cmd_rsp_free(ret);
		return err;
	}
	if (ret_fd)
		*ret_fd = take_fd(fd);
	return 0;
}

int cmd_call(const char *lxcpath, const char *name, const struct cmd_req *req, int timeout_s,
	     struct cmd_rsp *ret)
{
	return exchange(lxcpath, name, req, timeout_s, ret, NULL);
}

/* A request without data; returns the transport error or the reply's ret. */
static int simple(const char *lxcpath, const char *name, uint32_t cmd, int64_t arg, int timeout_s)
{
	struct cmd_req req = {.cmd = cmd, .arg = arg};
	struct cmd_rsp rsp;
	int err;

	err = cmd_call(lxcpath, name, &req, timeout_s, &rsp);
	if (err < 0)
		return err;
	err = rsp.ret;
	cmd_rsp_free(&rsp);
	return err;
}

int cmd_get_state(const char *lxcpath, const char *name, int timeout_s)
{
	return simple(lxcpath, name, CMD_GET_STATE, 0, timeout_s);
}

int cmd_get_init_pid(const char *lxcpath, const char *name, int timeout_s, pid_t *ret_pid)
{
	int r = simple(lxcpath, name, CMD_GET_INIT_PID, 0, timeout_s);

	if (r < 0)
		return r;
	if (r == 0)
		return -EPROTO;
	*ret_pid = r;
	return 0;
}

/* A request whose successful reply carries one fd; *ret_fd gets it. */
static int fd_call(const char *lxcpath, const char *name, struct cmd_req *req, int timeout_s,
		   int *ret_fd)
{
	struct cmd_rsp rsp;
	int err;

	err = cmd_call(lxcpath, name, req, timeout_s, &rsp);
	if (err < 0)
		return err;
	err = rsp.ret;
	if (err >= 0 && rsp.nfds < 1)
		err = -EPROTO;
	if (err >= 0)
		*ret_fd = take_fd(rsp.fds[0]);
	cmd_rsp_free(&rsp);
	return err;
}

int cmd_get_init_pidfd(const char *lxcpath, const char *name, int timeout_s, int *ret_fd)
{
	struct cmd_req req = {.cmd = CMD_GET_INIT_PIDFD};
	int r = fd_call(lxcpath, name, &req, timeout_s, ret_fd);

	return r < 0 ? r : 0;
}

int cmd_get_tty_fd(const char *lxcpath, const char *name, int ttynum, int timeout_s, int *ret_fd,
		   int *ret_ttynum)
{
	struct cmd_req req = {.cmd = CMD_GET_TTY_FD, .arg = ttynum};
	int r = fd_call(lxcpath, name, &req, timeout_s, ret_fd);

	if (r < 0)
		return r;
	if (ret_ttynum)
		*ret_ttynum = r;
	return 0;
}

int cmd_get_tty_fd_held(const char *lxcpath, const char *name, int ttynum, int timeout_s,
			int *ret_conn, int *ret_fd, int *ret_ttynum)
{
	struct cmd_req req = {.cmd = CMD_GET_TTY_FD, .arg = ttynum};
	__do_close int conn = -EBADF;
	struct cmd_rsp rsp;
	int err;

	err = exchange(lxcpath, name, &req, timeout_s, &rsp, &conn);
	if (err < 0)
		return err;
	err = rsp.ret;
	if (err >= 0 && rsp.nfds < 1)
		err = -EPROTO;
	if (err >= 0) {
		*ret_fd = take_fd(rsp.fds[0]);
		*ret_conn = take_fd(conn);
		if (ret_ttynum)
			*ret_ttynum = err;
	}
	cmd_rsp_free(&rsp);
	return err < 0 ? err : 0;
}

int cmd_stop(const char *lxcpath, const char *name, int timeout_s)
{
	return simple(lxcpath, name, CMD_STOP, 0, timeout_s);
}

int cmd_shutdown(const char *lxcpath, const char *name, int shutdown_timeout_s, int timeout_s)
{
	return simple(lxcpath, name, CMD_SHUTDOWN, shutdown_timeout_s, timeout_s);
}

int cmd_reboot(const char *lxcpath, const char *name, int timeout_s)
{
	return simple(lxcpath, name, CMD_REBOOT, 0, timeout_s);
}

int cmd_freeze(const char *lxcpath, const char *name, int freeze_timeout_s, int timeout_s)
{
	return simple(lxcpath, name, CMD_FREEZE, freeze_timeout_s, timeout_s);
}

int cmd_unfreeze(const char *lxcpath, const char *name, int freeze_timeout_s, int timeout_s)
{
	return simple(lxcpath, name, CMD_UNFREEZE, freeze_timeout_s, timeout_s);
}

/* A request with a string argument whose reply is a string. */
static int string_call(const char *lxcpath, const char *name, uint32_t cmd, const char *arg,
		       int timeout_s, char **ret)
{
	struct cmd_req req = {.cmd = cmd};
	struct cmd_rsp rsp;
	int err;

	if (!arg)
		arg = "";
	req.data = arg;
	req.datalen = (uint32_t)strlen(arg) + 1;
	err = cmd_call(lxcpath, name, &req, timeout_s, &rsp);
	if (err < 0)
		return err;
	err = rsp.ret;
	if (err >= 0) {
		*ret = rsp.data ? take_ptr(rsp.data) : strdup("");
		if (!*ret)
			err = -ENOMEM;
	}
	cmd_rsp_free(&rsp);
	return err;
}

int cmd_get_config_item(const char *lxcpath, const char *name, const char *key, int timeout_s,
			char **ret)
{
	if (!key || !*key)
		return -EINVAL;
	return string_call(lxcpath, name, CMD_GET_CONFIG_ITEM, key, timeout_s, ret);
}

int cmd_get_cgroup(const char *lxcpath, const char *name, const char *controller, int timeout_s,
		   char **ret)
{
	return string_call(lxcpath, name, CMD_GET_CGROUP, controller, timeout_s, ret);
}

int cmd_console_log(const char *lxcpath, const char *name, unsigned int flags, uint64_t read_max,
		    int timeout_s, char **ret_data, size_t *ret_len)
{
	struct cmd_req req = {.cmd = CMD_CONSOLE_LOG,
			      .flags = flags,
			      .arg = read_max > INT64_MAX ? INT64_MAX : (int64_t)read_max};
	struct cmd_rsp rsp;
	int err;

	err = cmd_call(lxcpath, name, &req, timeout_s, &rsp);
	if (err < 0)
		return err;
	err = rsp.ret;
	if (err >= 0) {
		if (ret_len)
			*ret_len = rsp.datalen;
		if (ret_data)
			*ret_data = take_ptr(rsp.data);
	}
	cmd_rsp_free(&rsp);
	return err;
}

int cmd_add_state_client(const char *lxcpath, const char *name, int timeout_s, int *ret_fd,
			 enum lxc_state *ret_state)
{
	struct cmd_req req = {.cmd = CMD_ADD_STATE_CLIENT};
	__do_close int fd = -EBADF;
	struct cmd_rsp rsp;
	int err, state;

	err = exchange(lxcpath, name, &req, timeout_s, &rsp, &fd);
	if (err < 0)
		return err;
	state = rsp.ret;
	cmd_rsp_free(&rsp);
	if (state < 0)
		return state;
	if (state >= LXC_STATE_MAX)
		return -EPROTO;
	/* Later pushes are waited for with poll() in cmd_state_client_next(). */
	err = unix_set_rcvtimeo(fd, 0);
	if (err < 0)
		return err;
	*ret_state = (enum lxc_state)state;
	*ret_fd = take_fd(fd);
	return 0;
}

int cmd_state_client_next(int fd, int timeout_ms, enum lxc_state *ret_state)
{
	struct pollfd pfd = {.fd = fd, .events = POLLIN};
	struct cmd_rsp rsp;
	int r;

	do
		r = poll(&pfd, 1, timeout_ms < 0 ? -1 : timeout_ms);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return -errno;
	if (r == 0)
		return -ETIMEDOUT;
	rsp_init(&rsp);
	r = recv_rsp(fd, &rsp);
	if (r >= 0 && (rsp.ret < 0 || rsp.ret >= LXC_STATE_MAX))
		r = -EPROTO;
	if (r >= 0)
		*ret_state = (enum lxc_state)rsp.ret;
	cmd_rsp_free(&rsp);
	return r;
}
