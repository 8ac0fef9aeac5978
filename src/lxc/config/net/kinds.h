/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internal to config/net: the value kinds of the lxc.net.[i].* keys. Each key names a kind and
 * the field it stores into; the kind parses (no side effects), applies, prints and clears. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "base/str.h"
#include "config/net/net.h"

/* A parsed value, before it is stored. */
union net_value {
	char word[IFNAMSIZ > 18 ? IFNAMSIZ : 18];	/* interface name, hwaddr */
	const char *str;				/* points into the caller's value */
	int i;
	unsigned int u;
	bool b;
	struct conf_net_ipv4 v4;
	struct conf_net_ipv6 v6;
	struct conf_net_gw4 gw4;
	struct conf_net_gw6 gw6;
};

struct net_key;

struct net_kind {
	/* 0 or -EINVAL; must not touch anything but *ret. */
	int (*parse)(const struct net_key *nk, const char *value, union net_value *ret);
	/* Store a parsed value; fails only with -ENOMEM and then changes nothing. */
	int (*apply)(const struct net_key *nk, struct conf_net_dev *dev, const union net_value *v);
	int (*get)(const struct net_key *nk, const struct conf_net_dev *dev, struct strbuf *out);
	void (*clear)(const struct net_key *nk, struct conf_net_dev *dev);
};

/* Handler data of one lxc.net.[i].* key. */
struct net_key {
	const struct net_kind *kind;
	size_t off;			/* field offset in struct conf_net_dev */
	enum conf_net_type only;	/* CONF_NET_UNSET: valid for every type */
	bool iface;			/* meaningless for types "empty" and "none" */
	const char *const *words;	/* keyword kinds: names, index = enum value */
	size_t nwords;
	unsigned int min, max;		/* number kinds; for address lists: 1 = route (CIDR) */
};

extern const struct net_kind net_kind_type, net_kind_flags, net_kind_ifname, net_kind_uint,
	net_kind_hwaddr, net_kind_ipv4_list, net_kind_ipv6_list, net_kind_gw4, net_kind_gw6,
	net_kind_str, net_kind_word, net_kind_bool, net_kind_vlan_id, net_kind_tagged;
