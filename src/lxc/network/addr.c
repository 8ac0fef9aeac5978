/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Addresses, routes and proxy neighbour entries over rtnetlink; per-interface sysctls written
 * inside a chosen network namespace. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_addr.h>
#include <linux/neighbour.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "config/net/net.h"
#include "network/addr.h"

static int addr_add(struct netlink_sock *nl, int family, int ifindex, const void *addr, size_t alen,
		    unsigned int prefix, const void *bcast, uint32_t flags, struct netlink_err *e)
{
	__do_nlmsg struct nl_msg m = {0};
	struct ifaddrmsg ifa = {
		.ifa_family = family,
		.ifa_prefixlen = prefix,
		.ifa_index = ifindex,
		.ifa_scope = RT_SCOPE_UNIVERSE,
	};

	if (prefix > alen * 8)
		return netlink_err_set(e, -EINVAL, "prefix length out of range");
	nlmsg_init(&m, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, &ifa, sizeof(ifa));
	nla_put(&m, IFA_LOCAL, addr, alen);
	nla_put(&m, IFA_ADDRESS, addr, alen);
	if (bcast)
		nla_put(&m, IFA_BROADCAST, bcast, alen);
	if (flags)
		nla_put_u32(&m, IFA_FLAGS, flags);
	return netlink_request(nl, &m, e);
}

int netdev_addr_add_ipv4(struct netlink_sock *nl, int ifindex, const struct in_addr *addr,
			 unsigned int prefix, const struct in_addr *bcast, struct netlink_err *e)
{
	return addr_add(nl, AF_INET, ifindex, addr, sizeof(*addr), prefix, bcast, 0, e);
}

int netdev_addr_add_ipv6(struct netlink_sock *nl, int ifindex, const struct in6_addr *addr,
			 unsigned int prefix, struct netlink_err *e)
{
	return addr_add(nl, AF_INET6, ifindex, addr, sizeof(*addr), prefix, NULL, 0, e);
}

int netdev_addr_add_ipv6_nodad(struct netlink_sock *nl, int ifindex, const struct in6_addr *addr,
			       unsigned int prefix, struct netlink_err *e)
{
	return addr_add(nl, AF_INET6, ifindex, addr, sizeof(*addr), prefix, NULL, IFA_F_NODAD, e);
}

struct addr_ctx {
	int ifindex, scope;
	struct netdev_addr *v;
	size_t n, cap;
};

static int addr_cb(const struct nlmsghdr *h, void *data)
{
	struct addr_ctx *c = data;
	const struct ifaddrmsg *ifa = NLMSG_DATA(h);
	const struct nlattr *tb[IFA_MAX + 1];
	const struct nlattr *a;
	struct netdev_addr *out;
	size_t alen;

	if (h->nlmsg_type != RTM_NEWADDR || h->nlmsg_len < NLMSG_LENGTH(sizeof(*ifa)))
		return 0;
	if (c->ifindex > 0 && (int)ifa->ifa_index != c->ifindex)
		return 0;
	if (c->scope >= 0 && ifa->ifa_scope != c->scope)
		return 0;
	if (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6)
		return 0;
	if (nla_parse_msg(tb, IFA_MAX, h, sizeof(*ifa)) < 0)
		return 0;
	/* IFA_LOCAL is the address on point-to-point links; IFA_ADDRESS otherwise. */
	a = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	alen = ifa->ifa_family == AF_INET ? sizeof(struct in_addr) : sizeof(struct in6_addr);
	if (!a || nla_len_of(a) < alen)
		return 0;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 8;
		struct netdev_addr *p = realloc(c->v, cap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		c->v = p;
		c->cap = cap;
	}
	out = &c->v[c->n++];
	memset(out, 0, sizeof(*out));
	out->family = ifa->ifa_family;
	out->ifindex = (int)ifa->ifa_index;
	out->prefix = ifa->ifa_prefixlen;
	out->scope = ifa->ifa_scope;
	memcpy(&out->addr, nla_data_of(a), alen);
	return 0;
}

int netdev_addr_list(struct netlink_sock *nl, int family, int ifindex, int scope,
		     struct netdev_addr **ret, size_t *ret_n)
{
	__do_nlmsg struct nl_msg m = {0};
	struct ifaddrmsg ifa = {.ifa_family = family};
	struct addr_ctx c = {.ifindex = ifindex, .scope = scope};
	int r;

	nlmsg_init(&m, RTM_GETADDR, 0, &ifa, sizeof(ifa));
	r = netlink_dump(nl, &m, addr_cb, &c, NULL);
	if (r < 0) {
		free(c.v);
		return r;
	}
	*ret = c.v;
	*ret_n = c.n;
	return 0;
}

int netdev_addr_to_string(const struct netdev_addr *a, char *buf, size_t size)
{
	if (!inet_ntop(a->family, &a->addr, buf, size))
		return -errno;
	return 0;
}

static int route_msg(struct netlink_sock *nl, uint16_t type, int family, int ifindex,
		     const void *dst, size_t alen, unsigned int prefix, const void *gw,
		     struct netlink_err *e)
{
	__do_nlmsg struct nl_msg m = {0};
	struct rtmsg rt = {
		.rtm_family = family,
		.rtm_dst_len = prefix,
		.rtm_table = RT_TABLE_MAIN,
		.rtm_protocol = RTPROT_BOOT,
		.rtm_scope = gw ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK,
		.rtm_type = RTN_UNICAST,
	};

	if (prefix > alen * 8)
		return netlink_err_set(e, -EINVAL, "prefix length out of range");
	if (type == RTM_DELROUTE)
		rt.rtm_scope = RT_SCOPE_NOWHERE;
	nlmsg_init(&m, type, type == RTM_NEWROUTE ? NLM_F_CREATE | NLM_F_EXCL : 0, &rt, sizeof(rt));
	if (dst && prefix)
		nla_put(&m, RTA_DST, dst, alen);
	if (gw)
		nla_put(&m, RTA_GATEWAY, gw, alen);
	nla_put_u32(&m, RTA_OIF, (uint32_t)ifindex);
	return netlink_request(nl, &m, e);
}

int netdev_route_add_ipv4(struct netlink_sock *nl, int ifindex, const struct in_addr *dst,
			  unsigned int prefix, const struct in_addr *gw, struct netlink_err *e)
{
	return route_msg(nl, RTM_NEWROUTE, AF_INET, ifindex, dst, sizeof(*dst), prefix, gw, e);
}

int netdev_route_add_ipv6(struct netlink_sock *nl, int ifindex, const struct in6_addr *dst,
			  unsigned int prefix, const struct in6_addr *gw, struct netlink_err *e)
{
	return route_msg(nl, RTM_NEWROUTE, AF_INET6, ifindex, dst, sizeof(*dst), prefix, gw, e);
}

int netdev_route_del_ipv4(struct netlink_sock *nl, int ifindex, const struct in_addr *dst,
			  unsigned int prefix, struct netlink_err *e)
{
	return route_msg(nl, RTM_DELROUTE, AF_INET, ifindex, dst, sizeof(*dst), prefix, NULL, e);
}

int netdev_route_del_ipv6(struct netlink_sock *nl, int ifindex, const struct in6_addr *dst,
			  unsigned int prefix, struct netlink_err *e)
{
	return route_msg(nl, RTM_DELROUTE, AF_INET6, ifindex, dst, sizeof(*dst), prefix, NULL, e);
}

static int neigh_proxy(struct netlink_sock *nl, uint16_t type, int family, int ifindex,
		       const void *addr, struct netlink_err *e)
{
	__do_nlmsg struct nl_msg m = {0};
	struct ndmsg nd = {
		.ndm_family = family,
		.ndm_ifindex = ifindex,
		.ndm_state = NUD_PERMANENT,
		.ndm_flags = NTF_PROXY,
	};
	size_t alen;

	if (family == AF_INET)
		alen = sizeof(struct in_addr);
	else if (family == AF_INET6)
		alen = sizeof(struct in6_addr);
	else
		return netlink_err_set(e, -EAFNOSUPPORT, "address family not supported");
	nlmsg_init(&m, type, type == RTM_NEWNEIGH ? NLM_F_CREATE | NLM_F_REPLACE : 0, &nd,
		   sizeof(nd));
	nla_put(&m, NDA_DST, addr, alen);
	return netlink_request(nl, &m, e);
}

int netdev_neigh_proxy_add(struct netlink_sock *nl, int family, int ifindex, const void *addr,
			   struct netlink_err *e)
{
	return neigh_proxy(nl, RTM_NEWNEIGH, family, ifindex, addr, e);
}

int netdev_neigh_proxy_del(struct netlink_sock *nl, int family, int ifindex, const void *addr,
			   struct netlink_err *e)
{
	return neigh_proxy(nl, RTM_DELNEIGH, family, ifindex, addr, e);
}

/* Open /proc/sys/net/<key> in netns_fd's namespace: /proc/sys/net follows the namespace of
 * the thread that opens the file, and the open file keeps it. */
static int sysctl_open(int netns_fd, const char *key_fmt, const char *ifname, int flags)
{
	char key[128], path[256];
	int orig = -EBADF, fd, r;

	if (!conf_net_ifname_valid(ifname) || strchr(ifname, '/') || !strcmp(ifname, "all") ||
	    !strcmp(ifname, "default"))
		return -EINVAL;
	if (!strstr(key_fmt, "%s") || strstr(key_fmt, ".."))
		return -EINVAL;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	r = snprintf(key, sizeof(key), key_fmt, ifname);
#pragma GCC diagnostic pop
	if (r < 0 || (size_t)r >= sizeof(key))
		return -ENAMETOOLONG;
	snprintf(path, sizeof(path), "/proc/sys/net/%s", key);
	if (netns_fd >= 0) {
		r = netns_enter(netns_fd, &orig);
		if (r < 0)
			return r;
	}
	fd = open(path, flags | O_CLOEXEC | O_NOFOLLOW);
	r = fd < 0 ? -errno : fd;
	if (orig >= 0) {
		int r2 = netns_leave(orig);

		if (r2 < 0) {
			if (fd >= 0)
				close(fd);
			return r2;
		}
	}
	return r;
}

int netdev_sysctl_set(int netns_fd, const char *key_fmt, const char *ifname, const char *value)
{
	__do_close int fd = sysctl_open(netns_fd, key_fmt, ifname, O_WRONLY);

	if (fd < 0)
		return fd;
	return fd_write_all(fd, value, strlen(value));
}

int netdev_sysctl_get(int netns_fd, const char *key_fmt, const char *ifname, char *buf, size_t size)
{
	__do_close int fd = sysctl_open(netns_fd, key_fmt, ifname, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return fd;
	if (size == 0)
		return -EINVAL;
	n = read(fd, buf, size - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	if (n > 0 && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return 0;
}
