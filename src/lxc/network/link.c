/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Network devices over rtnetlink: creation of each kind, delete, move, rename, up/down, mtu,
 * hwaddr, bridge ports and VLAN filtering entries, and link queries with counters. */
#include <errno.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/veth.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "network/link.h"

static int link_msg(struct nl_msg *m, uint16_t type, uint16_t flags, int family, int ifindex)
{
	struct ifinfomsg ifi = {.ifi_family = family, .ifi_index = ifindex};

	return nlmsg_init(m, type, flags, &ifi, sizeof(ifi));
}

/* Names are passed to the kernel as written so that its own message explains a bad one; only
 * what cannot be encoded is refused here. */
static int put_name(struct nl_msg *m, const char *name, struct netlink_err *e)
{
	if (!name || !*name)
		return netlink_err_set(e, -EINVAL, "empty interface name");
	if (strlen(name) > 255)
		return netlink_err_set(e, -ENAMETOOLONG, "interface name too long");
	return nla_put_string(m, IFLA_IFNAME, name);
}

int netdev_veth_create(struct netlink_sock *nl, const struct netdev_veth_spec *s,
		       struct netlink_err *e)
{
	__do_nlmsg struct nl_msg m = {0};
	struct ifinfomsg peer = {.ifi_family = AF_UNSPEC};
	int r;

	link_msg(&m, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, AF_UNSPEC, 0);
	r = put_name(&m, s->name, e);
	if (r < 0)
		return r;
	if (s->mtu)
		nla_put_u32(&m, IFLA_MTU, s->mtu);
	if (s->n_txqueues)
		nla_put_u32(&m, IFLA_NUM_TX_QUEUES, s->n_txqueues);
	if (s->n_rxqueues)
		nla_put_u32(&m, IFLA_NUM_RX_QUEUES, s->n_rxqueues);
	nla_nest_start(&m, IFLA_LINKINFO);
	nla_put_string(&m, IFLA_INFO_KIND, "veth");
	nla_nest_start(&m, IFLA_INFO_DATA);
	nla_nest_start(&m, VETH_INFO_PEER);
	nlmsg_append(&m, &peer, sizeof(peer));
	r = put_name(&m, s->peer, e);
	if (r < 0)
		return r;
	if (s->mtu)
		nla_put_u32(&m, IFLA_MTU, s->mtu);
	if (s->n_txqueues)
		nla_put_u32(&m, IFLA_NUM_TX_QUEUES, s->n_txqueues);
	if (s->n_rxqueues)
		nla_put_u32(&m, IFLA_NUM_RX_QUEUES, s->n_rxqueues);
	if (s->peer_netns_fd >= 0)
		nla_put_u32(&m, IFLA_NET_NS_FD, (uint32_t)s->peer_netns_fd);
	nla_nest_end(&m);
	nla_nest_end(&m);
	nla_nest_end(&m);
	return netlink_request(nl, &m, e);
}

/* RTM_NEWLINK for a device on a parent: IFLA_LINK, kind, and the INFO_DATA put by fill. */
static int create_on_parent(struct netlink_sock *nl, const char *name, int link_ifindex,
			    const char *kind, unsigned int mtu,
			    void (*fill)(struct nl_msg *, const void *), const void *arg,
			    struct netlink_err *e)
{
	__do_nlmsg struct nl_msg m = {0};
	int r;

	link_msg(&m, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, AF_UNSPEC, 0);
	r = put_name(&m, name, e);
	if (r < 0)
		return r;
	if (link_ifindex > 0)
		nla_put_u32(&m, IFLA_LINK, (uint32_t)link_ifindex);
	if (mtu)
		nla_put_u32(&m, IFLA_MTU, mtu);
	nla_nest_start(&m, IFLA_LINKINFO);
	nla_put_string(&m, IFLA_INFO_KIND, kind);
	if (fill) {
		nla_nest_start(&m, IFLA_INFO_DATA);
		fill(&m, arg);
		nla_nest_end(&m);
	}
	nla_nest_end(&m);
	return netlink_request(nl, &m, e);
}

static void fill_macvlan(struct nl_msg *m, const void *arg)
{
	nla_put_u32(m, IFLA_MACVLAN_MODE, *(const uint32_t *)arg);
}

int netdev_macvlan_create(struct netlink_sock *nl, const char *name, int link_ifindex,
			  enum conf_net_macvlan_mode mode, unsigned int mtu, struct netlink_err *e)
{
	static const uint32_t modes[] = {
		[CONF_NET_MACVLAN_PRIVATE] = MACVLAN_MODE_PRIVATE,
		[CONF_NET_MACVLAN_VEPA] = MACVLAN_MODE_VEPA,
		[CONF_NET_MACVLAN_BRIDGE] = MACVLAN_MODE_BRIDGE,
		[CONF_NET_MACVLAN_PASSTHRU] = MACVLAN_MODE_PASSTHRU,
	};

	if ((unsigned int)mode >= ARRAY_SIZE(modes))
		return netlink_err_set(e, -EINVAL, "invalid macvlan mode");
	return create_on_parent(nl, name, link_ifindex, "macvlan", mtu, fill_macvlan, &modes[mode],
				e);
}

struct ipvlan_arg {
	uint16_t mode, flags;
};

static void fill_ipvlan(struct nl_msg *m, const void *arg)
{
	const struct ipvlan_arg *a = arg;

	nla_put_u16(m, IFLA_IPVLAN_MODE, a->mode);
	nla_put_u16(m, IFLA_IPVLAN_FLAGS, a->flags);
}

#ifndef IPVLAN_F_PRIVATE
#define IPVLAN_F_PRIVATE 0x01
#define IPVLAN_F_VEPA	 0x02
#endif

int netdev_ipvlan_create(struct netlink_sock *nl, const char *name, int link_ifindex,
			 enum conf_net_ipvlan_mode mode, enum conf_net_ipvlan_isolation iso,
			 unsigned int mtu, struct netlink_err *e)
{
	static const uint16_t modes[] = {
		[CONF_NET_IPVLAN_L3] = IPVLAN_MODE_L3,
		[CONF_NET_IPVLAN_L3S] = IPVLAN_MODE_L3S,
		[CONF_NET_IPVLAN_L2] = IPVLAN_MODE_L2,
	};
	static const uint16_t isos[] = {
		[CONF_NET_IPVLAN_ISO_BRIDGE] = 0,
		[CONF_NET_IPVLAN_ISO_PRIVATE] = IPVLAN_F_PRIVATE,
		[CONF_NET_IPVLAN_ISO_VEPA] = IPVLAN_F_VEPA,
	};
	struct ipvlan_arg a;

	if ((unsigned int)mode >= ARRAY_SIZE(modes) || (unsigned int)iso >= ARRAY_SIZE(isos))
		return netlink_err_set(e, -EINVAL, "invalid ipvlan mode or isolation");
	a.mode = modes[mode];
	a.flags = isos[iso];
	return create_on_parent(nl, name, link_ifindex, "ipvlan", mtu, fill_ipvlan, &a, e);
}

static void fill_vlan(struct nl_msg *m, const void *arg)
{
	nla_put_u16(m, IFLA_VLAN_ID, *(const uint16_t *)arg);
}

int netdev_vlan_create(struct netlink_sock *nl, const char *name, int link_ifindex, uint16_t vid,
		       unsigned int mtu, struct netlink_err *e)
{
	return create_on_parent(nl, name, link_ifindex, "vlan", mtu, fill_vlan, &vid, e);
}

static void fill_bridge(struct nl_msg *m, const void *arg)
{
	nla_put_u8(m, IFLA_BR_VLAN_FILTERING, *(const uint8_t *)arg);
}

int netdev_bridge_create(struct netlink_sock *nl, const char *name, bool vlan_filtering,
			 struct netlink_err *e)
{
	uint8_t on = vlan_filtering;

	return create_on_parent(nl, name, 0, "bridge", 0, vlan_filtering ? fill_bridge : NULL, &on,
				e);
}

int netdev_delete(struct netlink_sock *nl, int ifindex, struct netlink_err *e)
{
	__do_nlmsg struct nl_msg m = {0};

	link_msg(&m, RTM_DELLINK, 0, AF_UNSPEC, ifindex);
	return netlink_request(nl, &m, e);
}

int netdev_delete_by_name(struct netlink_sock *nl, const char *name, struct netlink_err *e)
{
	__do_nlmsg struct nl_msg m = {0};
	int r;

	link_msg(&m, RTM_DELLINK, 0, AF_UNSPEC, 0);
	r = put_name(&m, name, e);
	if (r < 0)
		return r;
	return netlink_request(nl, &m, e);
}

static int move_link(struct netlink_sock *nl, int ifindex, uint16_t attr, uint32_t target,
		     const char *new_name, struct netlink_err *e)
{
	__do_nlmsg struct nl_msg m = {0};
	int r;

	link_msg(&m, RTM_NEWLINK, 0, AF_UNSPEC, ifindex);
	nla_put_u32(&m, attr, target);
	if (new_name) {
		r = put_name(&m, new_name, e);
		if (r < 0)
			return r;
	}
	return netlink_request(nl, &m, e);
}

int netdev_move_to_netns_fd(struct netlink_sock *nl, int ifindex, int netns_fd,
			    const char *new_name, struct netlink_err *e)
{
	if (netns_fd < 0)
		return netlink_err_set(e, -EBADF, "invalid network namespace fd");
	return move_link(nl, ifindex, IFLA_NET_NS_FD, (uint32_t)netns_fd, new_name, e);
}

int netdev_move_to_netns_pid(struct netlink_sock *nl, int ifindex, pid_t pid, const char *new_name,
			     struct netlink_err *e)
{
	if (pid <= 0)
		return netlink_err_set(e, -EINVAL, "invalid pid");
	return move_link(nl, ifindex, IFLA_NET_NS_PID, (uint32_t)pid, new_name, e);
}

int netdev_rename(struct netlink_sock *nl, int ifindex, const char *new_name, struct netlink_err *e)
{
	__do_nlmsg struct nl_msg m = {0};
	int r;

	link_msg(&m, RTM_NEWLINK, 0, AF_UNSPEC, ifindex);
	r = put_name(&m, new_name, e);
	if (r < 0)
		return r;
	return netlink_request(nl, &m, e);
}

int netdev_set_up(struct netlink_sock *nl, int ifindex, bool up, struct netlink_err *e)
{
	__do_nlmsg struct nl_msg m = {0};
	struct ifinfomsg *ifi;

	if (link_msg(&m, RTM_NEWLINK, 0, AF_UNSPEC, ifindex) < 0)
		return netlink_err_set(e, m.error, NULL);
	ifi = nlmsg_family_hdr(&m);
	ifi->ifi_change = IFF_UP;
	ifi->ifi_flags = up ? IFF_UP : 0;
	return netlink_request(nl, &m, e);
}

static int set_u32(struct netlink_sock *nl, int ifindex, uint16_t attr, uint32_t v,
		   struct netlink_err *e)
{
	__do_nlmsg struct nl_msg m = {0};

	link_msg(&m, RTM_NEWLINK, 0, AF_UNSPEC, ifindex);
	nla_put_u32(&m, attr, v);
	return netlink_request(nl, &m, e);
}

int netdev_set_mtu(struct netlink_sock *nl, int ifindex, unsigned int mtu, struct netlink_err *e)
{
	return set_u32(nl, ifindex, IFLA_MTU, mtu, e);
}

int netdev_set_master(struct netlink_sock *nl, int ifindex, int master_ifindex,
		      struct netlink_err *e)
{
	return set_u32(nl, ifindex, IFLA_MASTER, (uint32_t)master_ifindex, e);
}

int netdev_set_hwaddr(struct netlink_sock *nl, int ifindex, const char *hwaddr,
		      struct netlink_err *e)
{
	__do_nlmsg struct nl_msg m = {0};
	unsigned char a[6];

	if (netdev_hwaddr_parse(hwaddr, a) < 0)
		return netlink_err_set(e, -EINVAL, "invalid hardware address");
	link_msg(&m, RTM_NEWLINK, 0, AF_UNSPEC, ifindex);
	nla_put(&m, IFLA_ADDRESS, a, sizeof(a));
	return netlink_request(nl, &m, e);
}

static int bridge_vlan(struct netlink_sock *nl, uint16_t type, int ifindex, uint16_t vid,
		       uint16_t flags, struct netlink_err *e)
{
	__do_nlmsg struct nl_msg m = {0};
	struct bridge_vlan_info vi = {.flags = flags, .vid = vid};

	if (vid == 0 || vid > 4094)
		return netlink_err_set(e, -EINVAL, "VLAN id out of range 1-4094");
	link_msg(&m, type, 0, AF_BRIDGE, ifindex);
	nla_nest_start(&m, IFLA_AF_SPEC);
	nla_put(&m, IFLA_BRIDGE_VLAN_INFO, &vi, sizeof(vi));
	nla_nest_end(&m);
	return netlink_request(nl, &m, e);
}

int netdev_bridge_vlan_add(struct netlink_sock *nl, int ifindex, uint16_t vid, uint16_t flags,
			   struct netlink_err *e)
{
	return bridge_vlan(nl, RTM_SETLINK, ifindex, vid, flags, e);
}

int netdev_bridge_vlan_del(struct netlink_sock *nl, int ifindex, uint16_t vid,
			   struct netlink_err *e)
{
	return bridge_vlan(nl, RTM_DELLINK, ifindex, vid, 0, e);
}

struct vlan_list_ctx {
	int ifindex;
	uint16_t *vids, *flags;
	int max, n;
};

static int vlan_list_cb(const struct nlmsghdr *h, void *data)
{
	struct vlan_list_ctx *c = data;
	const struct ifinfomsg *ifi = NLMSG_DATA(h);
	const struct nlattr *tb[IFLA_MAX + 1];
	const struct nlattr *a;
	size_t left;

	if (h->nlmsg_type != RTM_NEWLINK || h->nlmsg_len < NLMSG_LENGTH(sizeof(*ifi)))
		return 0;
	if (ifi->ifi_index != c->ifindex)
		return 0;
	if (nla_parse_msg(tb, IFLA_MAX, h, sizeof(*ifi)) < 0 || !tb[IFLA_AF_SPEC])
		return 0;
	/* IFLA_AF_SPEC holds one IFLA_BRIDGE_VLAN_INFO per VLAN: walk them all. */
	a = nla_data_of(tb[IFLA_AF_SPEC]);
	left = nla_len_of(tb[IFLA_AF_SPEC]);
	while (left >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= left) {
		size_t step = NLA_ALIGN(a->nla_len);

		if ((a->nla_type & NLA_TYPE_MASK) == IFLA_BRIDGE_VLAN_INFO &&
		    nla_len_of(a) >= sizeof(struct bridge_vlan_info)) {
			struct bridge_vlan_info vi;

			memcpy(&vi, nla_data_of(a), sizeof(vi));
			if (c->n < c->max) {
				c->vids[c->n] = vi.vid;
				c->flags[c->n] = vi.flags;
			}
			c->n++;
		}
		if (step >= left)
			break;
		left -= step;
		a = (const struct nlattr *)((const char *)a + step);
	}
	return 0;
}

int netdev_bridge_vlan_list(struct netlink_sock *nl, int ifindex, uint16_t *vids, uint16_t *flags,
			    int max)
{
	__do_nlmsg struct nl_msg m = {0};
	struct vlan_list_ctx c = {.ifindex = ifindex, .vids = vids, .flags = flags, .max = max};
	int r;

	link_msg(&m, RTM_GETLINK, 0, AF_BRIDGE, 0);
	nla_put_u32(&m, IFLA_EXT_MASK, RTEXT_FILTER_BRVLAN);
	r = netlink_dump(nl, &m, vlan_list_cb, &c, NULL);
	return r < 0 ? r : c.n;
}

int netdev_parse_link(const struct nlmsghdr *h, struct netdev_link *ret)
{
	const struct ifinfomsg *ifi = NLMSG_DATA(h);
	const struct nlattr *tb[IFLA_MAX + 1];
	const char *s;

	if (h->nlmsg_type != RTM_NEWLINK || h->nlmsg_len < NLMSG_LENGTH(sizeof(*ifi)))
		return -EBADMSG;
	if (nla_parse_msg(tb, IFLA_MAX, h, sizeof(*ifi)) < 0)
		return -EBADMSG;
	memset(ret, 0, sizeof(*ret));
	ret->ifindex = ifi->ifi_index;
	ret->flags = ifi->ifi_flags;
	if (tb[IFLA_IFNAME] && (s = nla_get_string(tb[IFLA_IFNAME])))
		snprintf(ret->name, sizeof(ret->name), "%s", s);
	if (tb[IFLA_MTU])
		ret->mtu = nla_get_u32(tb[IFLA_MTU]);
	if (tb[IFLA_MASTER])
		ret->master = (int)nla_get_u32(tb[IFLA_MASTER]);
	if (tb[IFLA_LINK])
		ret->link = (int)nla_get_u32(tb[IFLA_LINK]);
	if (tb[IFLA_ADDRESS]) {
		size_t n = nla_len_of(tb[IFLA_ADDRESS]);

		if (n > sizeof(ret->hwaddr))
			n = sizeof(ret->hwaddr);
		memcpy(ret->hwaddr, nla_data_of(tb[IFLA_ADDRESS]), n);
		ret->hwaddr_len = n;
	}
	if (tb[IFLA_STATS64] && nla_len_of(tb[IFLA_STATS64]) >= 4 * sizeof(uint64_t)) {
		uint64_t st[4]; /* rx_packets, tx_packets, rx_bytes, tx_bytes */

		memcpy(st, nla_data_of(tb[IFLA_STATS64]), sizeof(st));
		ret->rx_packets = st[0];
		ret->tx_packets = st[1];
		ret->rx_bytes = st[2];
		ret->tx_bytes = st[3];
	}
	if (tb[IFLA_LINKINFO]) {
		const struct nlattr *li[IFLA_INFO_MAX + 1];

		if (nla_parse(li, IFLA_INFO_MAX, nla_data_of(tb[IFLA_LINKINFO]),
			      nla_len_of(tb[IFLA_LINKINFO])) == 0 &&
		    li[IFLA_INFO_KIND] && (s = nla_get_string(li[IFLA_INFO_KIND])))
			snprintf(ret->kind, sizeof(ret->kind), "%s", s);
	}
	return 0;
}

static int get_link_cb(const struct nlmsghdr *h, void *data)
{
	/* An unparsable reply leaves ifindex 0, which the caller reports as -ENODEV. */
	(void)netdev_parse_link(h, data);
	return 0;
}

int netdev_get_link(struct netlink_sock *nl, int ifindex, const char *name, struct netdev_link *ret)
{
	__do_nlmsg struct nl_msg m = {0};
	struct netdev_link l = {.ifindex = 0};
	int r;

	if (ifindex <= 0 && (!name || !*name || strlen(name) >= IFNAMSIZ))
		return -ENODEV;
	link_msg(&m, RTM_GETLINK, 0, AF_UNSPEC, ifindex > 0 ? ifindex : 0);
	if (ifindex <= 0)
		nla_put_string(&m, IFLA_IFNAME, name);
	r = netlink_get(nl, &m, get_link_cb, &l, NULL);
	if (r < 0)
		return r;
	if (l.ifindex <= 0)
		return -ENODEV;
	*ret = l;
	return 0;
}

int netdev_get_ifindex(struct netlink_sock *nl, const char *name, int *ret_ifindex)
{
	struct netdev_link l;
	int r = netdev_get_link(nl, 0, name, &l);

	if (r < 0)
		return r;
	*ret_ifindex = l.ifindex;
	return 0;
}

struct list_ctx {
	struct netdev_link *v;
	size_t n, cap;
};

static int list_cb(const struct nlmsghdr *h, void *data)
{
	struct list_ctx *c = data;

	if (h->nlmsg_type != RTM_NEWLINK)
		return 0;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 8;
		struct netdev_link *p = realloc(c->v, cap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		c->v = p;
		c->cap = cap;
	}
	if (netdev_parse_link(h, &c->v[c->n]) == 0)
		c->n++;
	return 0;
}

int netdev_list_links(struct netlink_sock *nl, struct netdev_link **ret, size_t *ret_n)
{
	__do_nlmsg struct nl_msg m = {0};
	struct list_ctx c = {0};
	int r;

	link_msg(&m, RTM_GETLINK, 0, AF_UNSPEC, 0);
	r = netlink_dump(nl, &m, list_cb, &c, NULL);
	if (r < 0) {
		free(c.v);
		return r;
	}
	*ret = c.v;
	*ret_n = c.n;
	return 0;
}

int netdev_hwaddr_parse(const char *s, unsigned char ret[6])
{
	unsigned char a[6];

	if (!s || strlen(s) != 17)
		return -EINVAL;
	for (int i = 0; i < 6; i++) {
		char hex[3] = {s[3 * i], s[3 * i + 1], 0};
		char *end;

		if (i < 5 && s[3 * i + 2] != ':')
			return -EINVAL;
		if (!strchr("0123456789abcdefABCDEF", hex[0]) || !hex[0] ||
		    !strchr("0123456789abcdefABCDEF", hex[1]) || !hex[1])
			return -EINVAL;
		a[i] = (unsigned char)strtoul(hex, &end, 16);
	}
	memcpy(ret, a, sizeof(a));
	return 0;
}

void netdev_hwaddr_format(const unsigned char *a, unsigned int len, char *buf, size_t size)
{
	size_t off = 0;

	if (size)
		buf[0] = '\0';
	for (unsigned int i = 0; i < len && off < size; i++)
		off += snprintf(buf + off, size - off, i ? ":%02x" : "%02x", a[i]);
}
