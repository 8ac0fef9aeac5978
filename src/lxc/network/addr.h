/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Addresses, routes and neighbour proxy entries over rtnetlink, plus per-interface sysctls
 * (proxy_arp, proxy_ndp, forwarding) written inside a given network namespace. */
#pragma once

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>

#include "network/netlink.h"

/* IPv4 address with prefix; bcast NULL = none (IFA_BROADCAST omitted). IFA_LOCAL and
 * IFA_ADDRESS are both the address. -EEXIST if already present. */
int netdev_addr_add_ipv4(struct netlink_sock *nl, int ifindex, const struct in_addr *addr,
			 unsigned int prefix, const struct in_addr *bcast, struct netlink_err *e);
int netdev_addr_add_ipv6(struct netlink_sock *nl, int ifindex, const struct in6_addr *addr,
			 unsigned int prefix, struct netlink_err *e);
/* IPv6 addresses added with IFA_F_NODAD (usable at once), e.g. for tests and router mode. */
int netdev_addr_add_ipv6_nodad(struct netlink_sock *nl, int ifindex, const struct in6_addr *addr,
			       unsigned int prefix, struct netlink_err *e);

struct netdev_addr {
	int family; /* AF_INET or AF_INET6 */
	int ifindex;
	unsigned int prefix;
	unsigned char scope; /* RT_SCOPE_UNIVERSE, RT_SCOPE_LINK, RT_SCOPE_HOST */
	union {
		struct in_addr v4;
		struct in6_addr v6;
	} addr;
};

/* Addresses in nl's namespace. family AF_UNSPEC = both; ifindex 0 = all links; scope < 0 =
 * any, else only that scope (get_ips passes RT_SCOPE_UNIVERSE, or RT_SCOPE_LINK).
 * malloc'd array. */
int netdev_addr_list(struct netlink_sock *nl, int family, int ifindex, int scope,
		     struct netdev_addr **ret, size_t *ret_n);
/* Text form of one address without prefix ("192.0.2.1", "2001:db8::1"). */
int netdev_addr_to_string(const struct netdev_addr *a, char *buf, size_t size);

/* Routes in the main table, protocol boot. gw NULL = a device route (scope link), otherwise
 * via gw (which must be reachable). dst/prefix 0 = default route. For veth router mode the
 * host side gets device routes to the container's addresses (prefix 32/128). */
int netdev_route_add_ipv4(struct netlink_sock *nl, int ifindex, const struct in_addr *dst,
			  unsigned int prefix, const struct in_addr *gw, struct netlink_err *e);
int netdev_route_add_ipv6(struct netlink_sock *nl, int ifindex, const struct in6_addr *dst,
			  unsigned int prefix, const struct in6_addr *gw, struct netlink_err *e);
int netdev_route_del_ipv4(struct netlink_sock *nl, int ifindex, const struct in_addr *dst,
			  unsigned int prefix, struct netlink_err *e);
int netdev_route_del_ipv6(struct netlink_sock *nl, int ifindex, const struct in6_addr *dst,
			  unsigned int prefix, struct netlink_err *e);
/* The default route (lxc.net.N.ipv4.gateway / ipv6.gateway): gw NULL = "dev". */
static inline int netdev_route_default_ipv4(struct netlink_sock *nl, int ifindex,
					    const struct in_addr *gw, struct netlink_err *e)
{
	return netdev_route_add_ipv4(nl, ifindex, NULL, 0, gw, e);
}
static inline int netdev_route_default_ipv6(struct netlink_sock *nl, int ifindex,
					    const struct in6_addr *gw, struct netlink_err *e)
{
	return netdev_route_add_ipv6(nl, ifindex, NULL, 0, gw, e);
}

/* Proxy neighbour entries (RTM_NEWNEIGH, NTF_PROXY) on ifindex: answer ARP/NDP for addr
 * there (l2proxy). Delete with the _del variants. */
int netdev_neigh_proxy_add(struct netlink_sock *nl, int family, int ifindex, const void *addr,
			   struct netlink_err *e);
int netdev_neigh_proxy_del(struct netlink_sock *nl, int family, int ifindex, const void *addr,
			   struct netlink_err *e);

/* Write "/proc/sys/net/<key with %s = ifname>" (e.g. "ipv4/conf/%s/proxy_arp",
 * "ipv6/conf/%s/proxy_ndp", "ipv4/conf/%s/forwarding") in the network namespace netns_fd
 * (< 0: the caller's): the thread enters it, opens the file, and leaves before writing.
 * Only call it for interfaces the container setup created or was given (lxc.net.N.link),
 * never for "all"/"default": ifname must be a valid interface name and must exist. */
int netdev_sysctl_set(int netns_fd, const char *key_fmt, const char *ifname, const char *value);
int netdev_sysctl_get(int netns_fd, const char *key_fmt, const char *ifname, char *buf,
		      size_t size);
