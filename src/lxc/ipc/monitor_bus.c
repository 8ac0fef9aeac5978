/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* State broadcast for lxc-monitor: one datagram socket per listener in a per-lxcpath
 * directory; senders walk the directory. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "base/str.h"
#include "config/system/paths.h"
#include "ipc/hash.h"
#include "ipc/monitor_bus.h"
#include "ipc/unix.h"

_Static_assert(sizeof(struct monitor_bus_wire) == 272, "monitor bus message layout");

/* RUNDIR/monitor/<hash of lxcpath> into *ret. */
static int bus_dir(const char *rundir, const char *lxcpath, char **ret)
{
	char hex[IPC_SHA256_HEX_LEN + 1];
	struct strbuf sb = {};

	if (!rundir || !lxcpath)
		return -EINVAL;
	ipc_sha256_hex(lxcpath, hex);
	if (strbuf_printf(&sb, "%s/monitor/%s", rundir, hex) < 0)
		return -ENOMEM;
	*ret = strbuf_take(&sb);
	return *ret ? 0 : -ENOMEM;
}

static int open_dir(const char *path)
{
	int fd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

/* "<pid>" for a process's first listener, "<pid>.<n>" for later ones (one process may listen
 * to one lxcpath twice, e.g. the API waiting while a tool monitors). */
static void listener_name(char *buf, size_t size)
{
	static unsigned int counter;
	unsigned int n = __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED);

	if (n == 0)
		snprintf(buf, size, "%d", (int)getpid());
	else
		snprintf(buf, size, "%d.%u", (int)getpid(), n);
}

int monitor_bus_listen_in(const char *rundir, const char *lxcpath, int *ret_fd)
{
	__do_free char *dir = NULL;
	__do_close int dfd = -EBADF;
	char name[48];
	int err, fd;

	err = bus_dir(rundir, lxcpath, &dir);
	if (err < 0)
		return err;
	err = mkdir_p(dir, 0755);
	if (err < 0)
		return err;
	dfd = open_dir(dir);
	if (dfd < 0)
		return dfd;
	listener_name(name, sizeof(name));
	fd = unix_dgram_bind_at(dfd, name);
	if (fd < 0)
		return fd;
	*ret_fd = fd;
	return 0;
}

/* The name fd was bound to: the last component of its address. */
static int bound_name(int fd, char *buf, size_t size)
{
	struct sockaddr_un addr = {};
	socklen_t len = sizeof(addr);
	const char *slash;

	if (getsockname(fd, (struct sockaddr *)&addr, &len) < 0)
		return -errno;
	addr.sun_path[sizeof(addr.sun_path) - 1] = '\0';
	slash = strrchr(addr.sun_path, '/');
	if (!slash || !slash[1] || strlen(slash + 1) >= size)
		return -EINVAL;
	strcpy(buf, slash + 1);
	return 0;
}

int monitor_bus_unlisten_in(const char *rundir, const char *lxcpath, int fd)
{
	__do_free char *dir = NULL;
	__do_close int dfd = -EBADF;
	char name[sizeof(((struct sockaddr_un *)0)->sun_path)];
	int err;

	err = bound_name(fd, name, sizeof(name));
	if (fd >= 0)
		close(fd);
	if (err < 0)
		return err;
	err = bus_dir(rundir, lxcpath, &dir);
	if (err < 0)
		return err;
	dfd = open_dir(dir);
	if (dfd < 0)
		return dfd == -ENOENT ? 0 : dfd;
	if (unlinkat(dfd, name, 0) < 0 && errno != ENOENT)
		return -errno;
	return 0;
}

int monitor_bus_recv(int fd, struct monitor_bus_msg *ret, int timeout_ms)
{
	struct pollfd pfd = {.fd = fd, .events = POLLIN};
	struct monitor_bus_wire w;

	for (;;) {
		ssize_t n;
		int r = poll(&pfd, 1, timeout_ms < 0 ? -1 : timeout_ms);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			return -ETIMEDOUT;
		n = recv(fd, &w, sizeof(w), MSG_DONTWAIT);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n < 0)
			return -errno;
		/* Foreign or truncated datagrams are skipped (the wait restarts). */
		if (n != sizeof(w) || w.magic != MONITOR_BUS_MAGIC)
			continue;
		w.name[MONITOR_BUS_NAME_MAX] = '\0';
		ret->type = (enum monitor_msg_type)w.type;
		ret->value = w.value;
		memcpy(ret->name, w.name, sizeof(ret->name));
		return 0;
	}
}

/* Deliver w to one listener; unlink its socket when the listener is gone. */
static int send_one(int dfd, const char *name, const struct monitor_bus_wire *w)
{
	int err = unix_dgram_send_at(dfd, name, w, sizeof(*w));

	if (err == -ECONNREFUSED || err == -ENOTSOCK)
		unlinkat(dfd, name, 0);
	return err;
}

int monitor_bus_send_in(const char *rundir, const char *lxcpath, const char *name,
			enum monitor_msg_type type, int value)
{
	struct monitor_bus_wire w = {.magic = MONITOR_BUS_MAGIC, .type = type, .value = value};
	__do_free char *dir = NULL;
	__do_closedir DIR *d = NULL;
	struct dirent *de;
	int err, reached = 0;

	if (!name || strlen(name) > MONITOR_BUS_NAME_MAX)
		return -EINVAL;
	memcpy(w.name, name, strlen(name));
	err = bus_dir(rundir, lxcpath, &dir);
	if (err < 0)
		return err;
	d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (send_one(dirfd(d), de->d_name, &w) == 0)
			reached++;
	}
	return reached;
}

int monitor_bus_listen(const char *lxcpath, int *ret_fd)
{
	__do_free char *rundir = NULL;
	int err = paths_rundir(&rundir);

	return err < 0 ? err : monitor_bus_listen_in(rundir, lxcpath, ret_fd);
}

int monitor_bus_unlisten(const char *lxcpath, int fd)
{
	__do_free char *rundir = NULL;
	int err = paths_rundir(&rundir);

	if (err < 0) {
		close(fd);
		return err;
	}
	return monitor_bus_unlisten_in(rundir, lxcpath, fd);
}

int monitor_bus_send(const char *lxcpath, const char *name, enum lxc_state state)
{
	__do_free char *rundir = NULL;
	int err = paths_rundir(&rundir);

	return err < 0 ? err
		       : monitor_bus_send_in(rundir, lxcpath, name, MONITOR_MSG_STATE, (int)state);
}

int monitor_bus_send_exit(const char *lxcpath, const char *name, int status)
{
	__do_free char *rundir = NULL;
	int err = paths_rundir(&rundir);

	return err < 0 ? err : monitor_bus_send_in(rundir, lxcpath, name, MONITOR_MSG_EXIT, status);
}
