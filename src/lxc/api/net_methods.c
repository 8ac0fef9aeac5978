/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* get_interfaces, get_ips, attach_interface and detach_interface: the network of a running
 * container, read or changed from a short-lived child that joins the container's network
 * namespace (callers may be threaded; the child is single-threaded and exits at once). */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "api/api.h"
#include "base/file.h"
#include "base/str.h"
#include "ipc/commands.h"
#include "network/link.h"
#include "network/netlink.h"
#include "ns/ns.h"

/* The container's network namespace as an fd of this process. */
static int open_netns(struct lxc_container *c, const char *what)
{
	pid_t pid = -1;
	int fd;

	if (cmd_get_init_pid(c->config_path, c->name, c->rcv_timeout, &pid) < 0 || pid <= 0)
		return api_error(c, ESRCH, "Failed to %s \"%s\": the container is not running",
				 what, c->name);
	fd = ns_open_pid(pid, CONF_NS_NET);
	if (fd < 0)
		return api_error(c, -fd, "Failed to %s \"%s\": Failed to open its network "
				 "namespace: %s", what, c->name, strerror(-fd));
	return fd;
}

struct ips_filter {
	const char *interface;	/* NULL: all but "lo" */
	const char *family;	/* NULL, "inet" or "inet6" */
	int scope;		/* IPv6: only addresses whose scope id equals it (0 = global) */
};

/* Child: one NUL-terminated record per interface name (filter NULL) or address. */
static int list_in_child(int out, const struct ips_filter *f)
{
	struct ifaddrs *ifs = NULL;
	struct strbuf sb = { 0 };
	char **seen = NULL;

	if (getifaddrs(&ifs) < 0)
		return -errno;
	for (struct ifaddrs *i = ifs; i; i = i->ifa_next) {
		char buf[INET6_ADDRSTRLEN];
		const void *a;
		int fam;

		if (!f) {
			if (strv_contains(seen, i->ifa_name) || strv_append(&seen, i->ifa_name) < 0)
				continue;
			strbuf_appendn(&sb, i->ifa_name, strlen(i->ifa_name) + 1);
			continue;
		}
		if (!i->ifa_addr)
			continue;
		fam = i->ifa_addr->sa_family;
		if (fam != AF_INET && fam != AF_INET6)
			continue;
		if (f->family && strcmp(f->family, fam == AF_INET ? "inet" : "inet6") != 0)
			continue;
		if (f->interface ? strcmp(f->interface, i->ifa_name) != 0
				 : strcmp(i->ifa_name, "lo") == 0)
			continue;
		if (fam == AF_INET6) {
			const struct sockaddr_in6 *s6 = (const void *)i->ifa_addr;

			if ((int)s6->sin6_scope_id != f->scope)
				continue;
			a = &s6->sin6_addr;
		} else {
			a = &((const struct sockaddr_in *)(const void *)i->ifa_addr)->sin_addr;
		}
		if (!inet_ntop(fam, a, buf, sizeof(buf)))
			continue;
		strbuf_appendn(&sb, buf, strlen(buf) + 1);
	}
	freeifaddrs(ifs);
	strv_free(seen);
	return sb.len ? fd_write_all(out, sb.buf, sb.len) : 0;
}

/* Run list_in_child in the container's network namespace; a NULL-terminated array. */
static char **list_in_netns(struct lxc_container *c, const char *what,
			    const struct ips_filter *f)
{
	__do_close int netns = -EBADF;
	char *buf = NULL, **res = NULL;
	size_t len = 0;
	int p[2], status = 0;
	pid_t pid;

	netns = open_netns(c, what);
	if (netns < 0)
		return NULL;
	if (pipe2(p, O_CLOEXEC) < 0) {
		api_error(c, errno, "Failed to %s \"%s\": %s", what, c->name, strerror(errno));
		return NULL;
	}
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		if (setns(netns, CLONE_NEWNET) < 0)
			_exit(2);
		_exit(list_in_child(p[1], f) < 0 ? 1 : 0);
	}
	close(p[1]);
	if (pid > 0)
		fd_read_all(p[0], &buf, &len);
	close(p[0]);
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		free(buf);
		api_error(c, EIO, "Failed to %s \"%s\": %s", what, c->name,
			  pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 2 ?
			  "Failed to enter its network namespace" : "Failed to list its addresses");
		return NULL;
	}
	res = calloc(1, sizeof(*res));
	for (size_t off = 0; res && off < len; off += strlen(buf + off) + 1) {
		if (strv_append(&res, buf + off) < 0) {
			strv_free(res);
			res = NULL;
		}
	}
	free(buf);
	if (!res)
		api_error(c, ENOMEM, "Failed to %s \"%s\": out of memory", what, c->name);
	return res;
}

static char **get_interfaces(struct lxc_container *c)
{
	if (!c)
		return NULL;
	return list_in_netns(c, "get interfaces of container", NULL);
}

static char **get_ips(struct lxc_container *c, const char *interface, const char *family,
		      int scope)
{
	struct ips_filter f = { .interface = interface, .family = family, .scope = scope };

	if (!c)
		return NULL;
	if (family && strcmp(family, "inet") != 0 && strcmp(family, "inet6") != 0) {
		api_error(c, EINVAL, "Failed to get IP addresses of container \"%s\": unknown "
			  "family \"%s\" (\"inet\" or \"inet6\")", c->name, family);
		return NULL;
	}
	return list_in_netns(c, "get IP addresses of container", &f);
}

/* In the current namespace of s: take dev down and move it into the namespace of netns_fd,
 * renamed to dst when not NULL/empty. */
static int move_link(struct netlink_sock *s, const char *dev, int netns_fd, const char *dst,
		     struct netlink_err *e)
{
	int idx, ret;

	ret = netdev_get_ifindex(s, dev, &idx);
	if (ret < 0)
		return netlink_err_set(e, ret, NULL);
	ret = netdev_set_up(s, idx, false, e);
	if (ret < 0)
		return ret;
	return netdev_move_to_netns_fd(s, idx, netns_fd, dst && *dst ? dst : NULL, e);
}

/* Move dev between this process's network namespace and the container's. The work runs in
 * a child: if_nametoindex must see the source namespace. */
static bool move_iface(struct lxc_container *c, const char *dev, const char *dst, bool in)
{
	const char *what = in ? "attach interface to container" : "detach interface from "
								"container";
	__do_close int netns = -EBADF, own = -EBADF;
	struct netlink_err e = { 0 };
	int p[2], status = 0;
	pid_t pid;

	if (!c)
		return false;
	if (!dev || !*dev || strlen(dev) >= IFNAMSIZ || (dst && strlen(dst) >= IFNAMSIZ)) {
		api_error(c, EINVAL, "Failed to %s \"%s\": invalid interface name \"%s\"", what,
			  c->name, dev && strlen(dev) >= IFNAMSIZ ? dev : dst ? dst : "");
		return false;
	}
	netns = open_netns(c, what);
	if (netns < 0)
		return false;
	own = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (own < 0 || pipe2(p, O_CLOEXEC) < 0) {
		api_error(c, errno, "Failed to %s \"%s\": %s", what, c->name, strerror(errno));
		return false;
	}
	pid = fork();
	if (pid == 0) {
		struct netlink_sock s = NETLINK_SOCK_INIT;
		int ret;

		close(p[0]);
		ret = (!in && setns(netns, CLONE_NEWNET) < 0) ? -errno : netlink_open(&s);
		if (ret >= 0)
			ret = move_link(&s, dev, in ? netns : own, dst, &e);
		else
			netlink_err_set(&e, ret, NULL);
		fd_write_all(p[1], &e, sizeof(e));
		_exit(ret < 0 ? 1 : 0);
	}
	close(p[1]);
	if (pid < 0 || read(p[0], &e, sizeof(e)) != (ssize_t)sizeof(e))
		e.err = pid < 0 ? -errno : -EIO;
	close(p[0]);
	if (pid > 0)
		waitpid(pid, &status, 0);
	if (e.err < 0) {
		api_error(c, -e.err, "Failed to %s \"%s\": Failed to move \"%s\"%s%s: %s%s%s", what,
			  c->name, dev, in ? " into it" : " out of it",
			  dst && *dst ? " (renamed)" : "", strerror(-e.err), e.msg[0] ? ": " : "",
			  e.msg);
		return false;
	}
	return true;
}

static bool attach_interface(struct lxc_container *c, const char *dev, const char *dst_dev)
{
	return move_iface(c, dev, dst_dev, true);
}

static bool detach_interface(struct lxc_container *c, const char *dev, const char *dst_dev)
{
	return move_iface(c, dev, dst_dev, false);
}

void api_install_net_methods(struct lxc_container *c)
{
	c->get_interfaces = get_interfaces;
	c->get_ips = get_ips;
	c->attach_interface = attach_interface;
	c->detach_interface = detach_interface;
}
