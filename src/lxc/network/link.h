/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Network devices over rtnetlink: create veth/macvlan/ipvlan/vlan/bridge, delete, move to
 * another network namespace, rename, up/down, mtu, hwaddr, bridge ports and VLAN filtering,
 * and listing links with their 64-bit counters. Each call acts in the namespace of nl. */
#pragma once

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "config/net/net.h"
#include "network/netlink.h"

/* A veth pair: name in nl's namespace, peer in peer_netns_fd's namespace (IFLA_NET_NS_FD on
 * the peer) or next to name when peer_netns_fd < 0. mtu (0 = default) is set on both ends;
 * rx/tx queue counts (0 = default) too. name and peer must be valid interface names. */
struct netdev_veth_spec {
	const char *name;
	const char *peer;
	int peer_netns_fd;
	unsigned int mtu;
	unsigned int n_rxqueues;
	unsigned int n_txqueues;
};
int netdev_veth_create(struct netlink_sock *nl, const struct netdev_veth_spec *s,
		       struct netlink_err *e);

/* macvlan/ipvlan/vlan on the parent link_ifindex (in nl's namespace); mtu 0 = inherit. The
 * kernel's error (e.g. EOPNOTSUPP/"Unknown device type" without 8021q/ipvlan) comes back as
 * is: vlan without the 8021q module gives -EOPNOTSUPP. */
int netdev_macvlan_create(struct netlink_sock *nl, const char *name, int link_ifindex,
			  enum conf_net_macvlan_mode mode, unsigned int mtu, struct netlink_err *e);
int netdev_ipvlan_create(struct netlink_sock *nl, const char *name, int link_ifindex,
			 enum conf_net_ipvlan_mode mode, enum conf_net_ipvlan_isolation iso,
			 unsigned int mtu, struct netlink_err *e);
int netdev_vlan_create(struct netlink_sock *nl, const char *name, int link_ifindex, uint16_t vid,
		       unsigned int mtu, struct netlink_err *e);
/* A bridge, optionally with VLAN filtering on (IFLA_BR_VLAN_FILTERING). Mainly for tests. */
int netdev_bridge_create(struct netlink_sock *nl, const char *name, bool vlan_filtering,
			 struct netlink_err *e);

/* Delete a link (-ENODEV if it does not exist). Deleting one end of a veth deletes both. */
int netdev_delete(struct netlink_sock *nl, int ifindex, struct netlink_err *e);
int netdev_delete_by_name(struct netlink_sock *nl, const char *name, struct netlink_err *e);

/* Move a link into another network namespace, by namespace fd or by a process's pid,
 * optionally renaming it in the same request (new_name NULL = keep). After the move ifindex
 * is meaningless in nl's namespace: reopen a socket there (netlink_open_in_netns). */
int netdev_move_to_netns_fd(struct netlink_sock *nl, int ifindex, int netns_fd,
			    const char *new_name, struct netlink_err *e);
int netdev_move_to_netns_pid(struct netlink_sock *nl, int ifindex, pid_t pid, const char *new_name,
			     struct netlink_err *e);

/* Single-attribute changes (RTM_NEWLINK on an existing index). A link must be down to be
 * renamed; the kernel's -EBUSY comes back otherwise. */
int netdev_rename(struct netlink_sock *nl, int ifindex, const char *new_name,
		  struct netlink_err *e);
int netdev_set_up(struct netlink_sock *nl, int ifindex, bool up, struct netlink_err *e);
int netdev_set_mtu(struct netlink_sock *nl, int ifindex, unsigned int mtu, struct netlink_err *e);
/* hwaddr "aa:bb:cc:dd:ee:ff" (-EINVAL if malformed). */
int netdev_set_hwaddr(struct netlink_sock *nl, int ifindex, const char *hwaddr,
		      struct netlink_err *e);
/* Enslave to a bridge (IFLA_MASTER); master_ifindex 0 releases the link. */
int netdev_set_master(struct netlink_sock *nl, int ifindex, int master_ifindex,
		      struct netlink_err *e);

/* Bridge VLAN filtering on a bridge port (RTM_SETLINK, AF_BRIDGE, IFLA_AF_SPEC /
 * IFLA_BRIDGE_VLAN_INFO). flags: BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED for
 * veth.vlan.id, 0 for a veth.vlan.tagged.id entry. */
int netdev_bridge_vlan_add(struct netlink_sock *nl, int ifindex, uint16_t vid, uint16_t flags,
			   struct netlink_err *e);
int netdev_bridge_vlan_del(struct netlink_sock *nl, int ifindex, uint16_t vid,
			   struct netlink_err *e);
/* The VLANs on a port, from an AF_BRIDGE dump with RTEXT_FILTER_BRVLAN: vids[] and flags[]
 * of up to max entries; returns the number found (may exceed max). */
int netdev_bridge_vlan_list(struct netlink_sock *nl, int ifindex, uint16_t *vids, uint16_t *flags,
			    int max);

/* One link as the kernel reports it. */
struct netdev_link {
	int ifindex;
	char name[IFNAMSIZ];
	char kind[16];	    /* IFLA_INFO_KIND: "veth", "bridge", "" for plain devices */
	unsigned int flags; /* IFF_* */
	unsigned int mtu;
	int master; /* bridge ifindex, 0 if none */
	int link;   /* IFLA_LINK: parent or veth peer index, 0 if none */
	unsigned char hwaddr[32];
	unsigned int hwaddr_len;
	uint64_t rx_bytes, tx_bytes, rx_packets, tx_packets; /* IFLA_STATS64 */
};

/* Index of a link by name in nl's namespace (RTM_GETLINK + IFLA_IFNAME): -ENODEV if none. */
int netdev_get_ifindex(struct netlink_sock *nl, const char *name, int *ret_ifindex);
/* One link by index (name NULL) or by name (ifindex 0). -ENODEV if none. */
int netdev_get_link(struct netlink_sock *nl, int ifindex, const char *name,
		    struct netdev_link *ret);
/* All links, malloc'd array in kernel order. */
int netdev_list_links(struct netlink_sock *nl, struct netdev_link **ret, size_t *ret_n);
/* Parse one RTM_NEWLINK message (used by the dump and by unit tests). */
int netdev_parse_link(const struct nlmsghdr *h, struct netdev_link *ret);

/* "aa:bb:cc:dd:ee:ff" <-> 6 bytes. */
int netdev_hwaddr_parse(const char *s, unsigned char ret[6]);
void netdev_hwaddr_format(const unsigned char *a, unsigned int len, char *buf, size_t size);
