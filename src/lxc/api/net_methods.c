/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* get_interfaces, get_ips, attach_interface and detach_interface: the network of a running
 * container. Reads go over a netlink socket opened inside its network namespace (no fork);
 * moves run in a short-lived child that joins the namespace. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
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
#include "network/addr.h"
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

/* A NETLINK_ROUTE socket in the container's network namespace, without a fork: the calling
 * thread setns()es into the namespace for the socket() call only and straight back
 * (netlink_open_in_netns); network namespaces are per thread, so the other threads of a
 * threaded caller (go-lxc) never see the switch. The queries then run on the socket from the
 * caller's own namespace. Needs what setns needs: CAP_SYS_ADMIN over the namespace. */
static int open_netlink(struct lxc_container *c, const char *what, struct netlink_sock *s)
{
	__do_close int netns = -EBADF;
	int ret;

	netns = open_netns(c, what);
	if (netns < 0)
		return netns;
	ret = netlink_open_in_netns(netns, s);
	if (ret < 0)
		return api_error(c, -ret, "Failed to %s \"%s\": Failed to enter its network "
				 "namespace: %s", what, c->name, strerror(-ret));
	return 0;
}

/* An empty NULL-terminated array: "nothing found" is not an error. */
static char **strv_empty(void)
{
	return calloc(1, sizeof(char *));
}

static char **get_interfaces(struct lxc_container *c)
{
	const char *what = "get interfaces of container";
	struct netlink_sock s = NETLINK_SOCK_INIT;
	struct netdev_link *links = NULL;
	char **res = NULL;
	size_t n = 0;
	int ret;

	if (!c || open_netlink(c, what, &s) < 0)
		return NULL;
	ret = netdev_list_links(&s, &links, &n);
	netlink_close(&s);
	if (ret < 0) {
		api_error(c, -ret, "Failed to %s \"%s\": Failed to list its links: %s", what,
			  c->name, strerror(-ret));
		return NULL;
	}
	res = strv_empty();
	for (size_t i = 0; res && i < n; i++) {
		if (strv_append(&res, links[i].name) < 0) {
			strv_free(res);
			res = NULL;
		}
	}
	free(links);
	if (!res)
		api_error(c, ENOMEM, "Failed to %s \"%s\": out of memory", what, c->name);
	return res;
}

/* What getifaddrs() puts in sin6_scope_id, which LXC's get_ips compares with "scope": the
 * interface index for link-local addresses, 0 for the others. */
static int ipv6_scope_id(const struct netdev_addr *a)
{
	const struct in6_addr *v6 = &a->addr.v6;

	return IN6_IS_ADDR_LINKLOCAL(v6) || IN6_IS_ADDR_MC_LINKLOCAL(v6) ? a->ifindex : 0;
}

/* The addresses (kernel order: IPv4, then IPv6) of interface (NULL: all but "lo") of family
 * (NULL: both); IPv6 ones only when their scope id equals scope. */
static char **list_ips(struct lxc_container *c, struct netlink_sock *s, const char *interface,
		       const char *family, int scope)
{
	const char *what = "get IP addresses of container";
	int fam = !family ? AF_UNSPEC : strcmp(family, "inet") == 0 ? AF_INET : AF_INET6;
	struct netdev_addr *addrs = NULL;
	int want = 0, skip = 0, ret;
	char **res = NULL;
	size_t n = 0;

	if (interface && (!*interface || strlen(interface) >= IFNAMSIZ))
		return strv_empty();	/* cannot name an interface: none matches */
	ret = netdev_get_ifindex(s, interface ? interface : "lo", interface ? &want : &skip);
	if (ret == -ENODEV && interface)
		return strv_empty();	/* no such interface: no addresses, as LXC */
	if (ret == -ENODEV)
		ret = 0;		/* no "lo": nothing to leave out */
	if (ret == 0)
		ret = netdev_addr_list(s, fam, want, -1, &addrs, &n);
	if (ret < 0) {
		api_error(c, -ret, "Failed to %s \"%s\": Failed to list its addresses: %s", what,
			  c->name, strerror(-ret));
		return NULL;
	}
	res = strv_empty();
	for (size_t i = 0; res && i < n; i++) {
		char buf[INET6_ADDRSTRLEN];

		if (skip > 0 && addrs[i].ifindex == skip)
			continue;
		if (addrs[i].family == AF_INET6 && ipv6_scope_id(&addrs[i]) != scope)
			continue;
		if (netdev_addr_to_string(&addrs[i], buf, sizeof(buf)) < 0)
			continue;
		if (strv_append(&res, buf) < 0) {
			strv_free(res);
			res = NULL;
		}
	}
	free(addrs);
	if (!res)
		api_error(c, ENOMEM, "Failed to %s \"%s\": out of memory", what, c->name);
	return res;
}

static char **get_ips(struct lxc_container *c, const char *interface, const char *family,
		      int scope)
{
	struct netlink_sock s = NETLINK_SOCK_INIT;
	char **res;

	if (!c)
		return NULL;
	if (family && strcmp(family, "inet") != 0 && strcmp(family, "inet6") != 0) {
		api_error(c, EINVAL, "Failed to get IP addresses of container \"%s\": unknown "
			  "family \"%s\" (\"inet\" or \"inet6\")", c->name, family);
		return NULL;
	}
	if (open_netlink(c, "get IP addresses of container", &s) < 0)
		return NULL;
	res = list_ips(c, &s, interface, family, scope);
	netlink_close(&s);
	return res;
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
