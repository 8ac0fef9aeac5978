/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Typed model of the lxc.net.[i].* keys: one struct conf_net_dev per configured network, kept
 * in a container sorted by index, with typed addresses, gateways and per-type attributes. The
 * network code reads it through the accessors at the end of this header. */
#pragma once

#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/str.h"

enum conf_net_type {
	CONF_NET_UNSET = 0,	/* keys were set but no lxc.net.[i].type yet */
	CONF_NET_EMPTY,
	CONF_NET_VETH,
	CONF_NET_MACVLAN,
	CONF_NET_IPVLAN,
	CONF_NET_PHYS,
	CONF_NET_VLAN,
	CONF_NET_NONE,
};

enum conf_net_gw_kind {
	CONF_NET_GW_UNSET = 0,
	CONF_NET_GW_AUTO,	/* "auto": primary address of the link */
	CONF_NET_GW_DEV,	/* "dev": default route through the device */
	CONF_NET_GW_ADDR,	/* an explicit address */
};

enum conf_net_veth_mode { CONF_NET_VETH_BRIDGE = 0, CONF_NET_VETH_ROUTER };
enum conf_net_macvlan_mode {
	CONF_NET_MACVLAN_PRIVATE = 0,
	CONF_NET_MACVLAN_VEPA,
	CONF_NET_MACVLAN_BRIDGE,
	CONF_NET_MACVLAN_PASSTHRU,
};
enum conf_net_ipvlan_mode { CONF_NET_IPVLAN_L3 = 0, CONF_NET_IPVLAN_L3S, CONF_NET_IPVLAN_L2 };
enum conf_net_ipvlan_isolation {
	CONF_NET_IPVLAN_ISO_BRIDGE = 0,
	CONF_NET_IPVLAN_ISO_PRIVATE,
	CONF_NET_IPVLAN_ISO_VEPA,
};

/* veth.vlan.id: unset, "none" (leave the default untagged VLAN), or 0..4094. */
#define CONF_NET_VLAN_UNSET (-1)
#define CONF_NET_VLAN_NONE (-2)
#define CONF_NET_VLAN_ID_MAX 4094

/* An IPv4 address or route. bcast is always valid for addresses: the one written in the
 * config when has_bcast, otherwise computed from addr and prefix. Routes leave it zero. */
struct conf_net_ipv4 {
	struct in_addr addr;
	unsigned int prefix;
	bool has_bcast;
	struct in_addr bcast;
};

struct conf_net_ipv6 {
	struct in6_addr addr;
	unsigned int prefix;
};

struct conf_net_gw4 {
	enum conf_net_gw_kind kind;
	struct in_addr addr;	/* only for CONF_NET_GW_ADDR */
};

struct conf_net_gw6 {
	enum conf_net_gw_kind kind;
	struct in6_addr addr;	/* only for CONF_NET_GW_ADDR */
};

/* Typed arrays used for the list keys. */
struct conf_net_ipv4_list {
	struct conf_net_ipv4 *v;
	size_t n;
};

struct conf_net_ipv6_list {
	struct conf_net_ipv6 *v;
	size_t n;
};

struct conf_net_veth {
	enum conf_net_veth_mode mode;		/* veth.mode, default bridge */
	char pair[IFNAMSIZ];			/* veth.pair, "" = chosen at start */
	struct conf_net_ipv4_list ipv4_routes;	/* veth.ipv4.route */
	struct conf_net_ipv6_list ipv6_routes;	/* veth.ipv6.route */
	int vlan_id;				/* veth.vlan.id or CONF_NET_VLAN_UNSET/_NONE */
	unsigned short *tagged_ids;		/* veth.vlan.tagged.id, in config order */
	size_t n_tagged_ids;
	unsigned int n_rxqueues;		/* veth.n_rxqueues, 0 = kernel default */
	unsigned int n_txqueues;		/* veth.n_txqueues, 0 = kernel default */
};

struct conf_net_macvlan {
	enum conf_net_macvlan_mode mode;	/* default private */
};

struct conf_net_ipvlan {
	enum conf_net_ipvlan_mode mode;		/* default l3 */
	enum conf_net_ipvlan_isolation isolation; /* default bridge */
};

struct conf_net_vlan {
	int vid;				/* vlan.id, CONF_NET_VLAN_UNSET if not set */
};

struct conf_net_dev {
	unsigned int index;			/* the i of lxc.net.[i] */
	enum conf_net_type type;
	bool up;				/* flags = up */
	char link[IFNAMSIZ];			/* "" = unset; may end in '+' for phys */
	char name[IFNAMSIZ];			/* name inside the container, "" = unset */
	char hwaddr[18];			/* lower case, 'x' = random digit, "" = unset */
	unsigned int mtu;			/* 0 = unset */
	struct conf_net_ipv4_list ipv4;
	struct conf_net_ipv6_list ipv6;
	struct conf_net_gw4 ipv4_gateway;
	struct conf_net_gw6 ipv6_gateway;
	char *script_up;			/* NULL = unset */
	char *script_down;
	bool l2proxy;
	/* Per-type attributes; only the one matching type is meaningful. They are kept in
	 * separate members (not a union) so that changing the type cannot misread memory. */
	struct conf_net_veth veth;
	struct conf_net_macvlan macvlan;
	struct conf_net_ipvlan ipvlan;
	struct conf_net_vlan vlan;
};

/* All networks of a container, sorted by index (indices may have gaps). */
struct conf_net {
	struct conf_net_dev **devs;
	size_t n;
};

void conf_net_init(struct conf_net *m);
void conf_net_free(struct conf_net *m);

/* Number of networks, and the i-th one in index order (NULL past the end). */
size_t conf_net_count(const struct conf_net *m);
struct conf_net_dev *conf_net_at(const struct conf_net *m, size_t i);
/* Iterate in index order: conf_net_foreach(dev, &conf->net) { ... } */
#define conf_net_foreach(dev, m)                                                        \
	for (size_t __i_##dev = 0; ((dev) = conf_net_at((m), __i_##dev)) != NULL; __i_##dev++)

/* The network with that index, or NULL. */
struct conf_net_dev *conf_net_find(const struct conf_net *m, unsigned int index);
/* The network with that index, created (with defaults) if missing. NULL only on ENOMEM. */
struct conf_net_dev *conf_net_get_or_add(struct conf_net *m, unsigned int index);
/* Remove one network (-ENOENT if absent) or all of them. */
int conf_net_remove(struct conf_net *m, unsigned int index);
void conf_net_clear(struct conf_net *m);

/* Reset the per-type attributes of dev to the defaults of its type. */
void conf_net_dev_reset_type_attrs(struct conf_net_dev *dev);

/* Keyword <-> enum ("veth", "bridge", "l3s", ...). Names return NULL for out-of-range values;
 * conf_net_type_name(CONF_NET_UNSET) is NULL. */
const char *conf_net_type_name(enum conf_net_type t);
const char *conf_net_veth_mode_name(enum conf_net_veth_mode m);
const char *conf_net_macvlan_mode_name(enum conf_net_macvlan_mode m);
const char *conf_net_ipvlan_mode_name(enum conf_net_ipvlan_mode m);
const char *conf_net_ipvlan_isolation_name(enum conf_net_ipvlan_isolation m);

/* Canonical text of one address: "192.0.2.10/24", plus " 192.0.2.255" when a broadcast was
 * written; IPv6 "2001:db8::1/64". Appended to out. */
int conf_net_put_ipv4(struct strbuf *out, const struct conf_net_ipv4 *a);
int conf_net_put_ipv6(struct strbuf *out, const struct conf_net_ipv6 *a);

/* Value parsers shared by the key handlers (and usable by tools): 0 or -EINVAL. */
bool conf_net_ifname_valid(const char *s);
int conf_net_parse_hwaddr(const char *s, char ret[18]);
int conf_net_parse_ipv4(const char *s, bool cidr_required, bool allow_bcast,
			struct conf_net_ipv4 *ret);
int conf_net_parse_ipv6(const char *s, bool cidr_required, struct conf_net_ipv6 *ret);
