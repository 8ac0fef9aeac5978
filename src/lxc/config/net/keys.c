/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The lxc.net key family: "lxc.net" (all networks), "lxc.net.[i]" (one network) and the
 * lxc.net.[i].* keys, each a value kind (kinds.c) applied to one field of the device. */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "config/conf.h"
#include "config/keys.h"
#include "config/net/kinds.h"
#include "config/net/net.h"

#define NET_PREFIX "lxc.net."
#define NET_KEY_PREFIX "lxc.net.[i]."

/* ---- lxc.net.[i].<key> --------------------------------------------------------------- */

static int net_index(const char *key, unsigned int *ret)
{
	return conf_key_index(key, NET_PREFIX, ret, NULL);
}

static int wrong_type(const char *key, unsigned int idx, enum conf_net_type need,
		      struct conf_diag *d)
{
	const char *type = conf_net_type_name(need);

	return conf_diag_set(d, -EINVAL, key,
			     "Failed to set \"%s\": only valid for networks of type \"%s\", "
			     "set \"lxc.net.%u.type = %s\" first", key, type, idx, type);
}

static int net_set(const struct conf_key *k, const char *key, const char *value,
		   struct lxc_conf *conf, struct conf_diag *d)
{
	const struct net_key *nk = k->data;
	struct conf_net_dev *dev;
	union net_value v;
	unsigned int idx;
	bool created;
	int ret;

	if (net_index(key, &idx) < 0)
		return conf_diag_set(d, -EINVAL, key, "Invalid network index in \"%s\"", key);
	dev = conf_net_find(&conf->net, idx);
	if (value[0] == '\0') {
		/* Resetting a key of a network that does not exist changes nothing. */
		if (dev)
			nk->kind->clear(nk, dev);
		return 0;
	}
	if (nk->only != CONF_NET_UNSET && (!dev || dev->type != nk->only))
		return wrong_type(key, idx, nk->only, d);
	memset(&v, 0, sizeof(v));
	if (nk->kind->parse(nk, value, &v) < 0)
		return conf_invalid(d, key, value, k->syntax);

	created = !dev;
	dev = conf_net_get_or_add(&conf->net, idx);
	if (!dev)
		return conf_diag_set(d, -ENOMEM, key, "Failed to allocate network %u", idx);
	ret = nk->kind->apply(nk, dev, &v);
	if (ret < 0) {
		if (created)
			conf_net_remove(&conf->net, idx);
		return conf_diag_set(d, ret, key, "Failed to set \"%s\"", key);
	}
	return 0;
}

static int net_get(const struct conf_key *k, const char *key, struct strbuf *out,
		   const struct lxc_conf *conf)
{
	const struct net_key *nk = k->data;
	const struct conf_net_dev *dev;
	unsigned int idx;

	if (net_index(key, &idx) < 0)
		return -EINVAL;
	dev = conf_net_find(&conf->net, idx);
	if (!dev)
		return -ENOENT;
	if (nk->only != CONF_NET_UNSET && dev->type != nk->only)
		return 0;
	return nk->kind->get(nk, dev, out);
}

static int net_clear(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	const struct net_key *nk = k->data;
	struct conf_net_dev *dev;
	unsigned int idx;

	if (net_index(key, &idx) < 0)
		return -EINVAL;
	dev = conf_net_find(&conf->net, idx);
	if (!dev)
		return -ENOENT;
	nk->kind->clear(nk, dev);
	return 0;
}

/* ---- key descriptions ---------------------------------------------------------------- */

#define OFF(field) offsetof(struct conf_net_dev, field)

static const char *const veth_modes[] = { "bridge", "router" };
static const char *const macvlan_modes[] = { "private", "vepa", "bridge", "passthru" };
static const char *const ipvlan_modes[] = { "l3", "l3s", "l2" };
static const char *const ipvlan_isolations[] = { "bridge", "private", "vepa" };
#define WORDS(w) .words = (w), .nwords = sizeof(w) / sizeof((w)[0])

static const struct net_key nk_type = { &net_kind_type, 0, CONF_NET_UNSET, false };
static const struct net_key nk_flags = { &net_kind_flags, 0, CONF_NET_UNSET, true };
static const struct net_key nk_link = { &net_kind_ifname, OFF(link), CONF_NET_UNSET, true };
static const struct net_key nk_name = { &net_kind_ifname, OFF(name), CONF_NET_UNSET, true };
static const struct net_key nk_hwaddr = { &net_kind_hwaddr, OFF(hwaddr), CONF_NET_UNSET, true };
static const struct net_key nk_mtu = { &net_kind_uint, OFF(mtu), CONF_NET_UNSET, true,
				       .min = 68, .max = 65535 };
static const struct net_key nk_ipv4 = { &net_kind_ipv4_list, OFF(ipv4), CONF_NET_UNSET, true };
static const struct net_key nk_gw4 = { &net_kind_gw4, 0, CONF_NET_UNSET, true };
static const struct net_key nk_ipv6 = { &net_kind_ipv6_list, OFF(ipv6), CONF_NET_UNSET, true };
static const struct net_key nk_gw6 = { &net_kind_gw6, 0, CONF_NET_UNSET, true };
static const struct net_key nk_l2proxy = { &net_kind_bool, OFF(l2proxy), CONF_NET_UNSET, true };
static const struct net_key nk_up = { &net_kind_str, OFF(script_up), CONF_NET_UNSET, false };
static const struct net_key nk_down = { &net_kind_str, OFF(script_down), CONF_NET_UNSET, false };
static const struct net_key nk_veth_mode = { &net_kind_word, OFF(veth.mode), CONF_NET_VETH, true,
					     WORDS(veth_modes) };
static const struct net_key nk_veth_pair = { &net_kind_ifname, OFF(veth.pair), CONF_NET_VETH,
					     true };
static const struct net_key nk_veth_r4 = { &net_kind_ipv4_list, OFF(veth.ipv4_routes),
					   CONF_NET_VETH, true, .max = 1 };
static const struct net_key nk_veth_r6 = { &net_kind_ipv6_list, OFF(veth.ipv6_routes),
					   CONF_NET_VETH, true, .max = 1 };
static const struct net_key nk_veth_vlan = { &net_kind_vlan_id, OFF(veth.vlan_id),
					     CONF_NET_VETH, true, .min = 1 };
static const struct net_key nk_veth_tagged = { &net_kind_tagged, 0, CONF_NET_VETH, true };
static const struct net_key nk_veth_rxq = { &net_kind_uint, OFF(veth.n_rxqueues), CONF_NET_VETH,
					    true, .min = 1, .max = 4096 };
static const struct net_key nk_veth_txq = { &net_kind_uint, OFF(veth.n_txqueues), CONF_NET_VETH,
					    true, .min = 1, .max = 4096 };
static const struct net_key nk_macvlan_mode = { &net_kind_word, OFF(macvlan.mode),
						CONF_NET_MACVLAN, true, WORDS(macvlan_modes) };
static const struct net_key nk_ipvlan_mode = { &net_kind_word, OFF(ipvlan.mode), CONF_NET_IPVLAN,
					       true, WORDS(ipvlan_modes) };
static const struct net_key nk_ipvlan_iso = { &net_kind_word, OFF(ipvlan.isolation),
					      CONF_NET_IPVLAN, true, WORDS(ipvlan_isolations) };
static const struct net_key nk_vlan_id = { &net_kind_vlan_id, OFF(vlan.vid), CONF_NET_VLAN, true };

/* ---- "lxc.net" and "lxc.net.[i]" ------------------------------------------------------ */

static int family_set(const struct conf_key *k, const char *key, const char *value,
		      struct lxc_conf *conf, struct conf_diag *d)
{
	if (value[0] != '\0')
		return conf_invalid(d, key, value, k->syntax);
	conf_net_clear(&conf->net);
	return 0;
}

static int family_get(const struct conf_key *k, const char *key, struct strbuf *out,
		      const struct lxc_conf *conf)
{
	const struct conf_net_dev *dev;

	conf_net_foreach(dev, &conf->net) {
		int ret = strbuf_printf(out, "%u\n", dev->index);

		if (ret < 0)
			return ret;
	}
	return 0;
}

static int family_clear(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	conf_net_clear(&conf->net);
	return 0;
}

static int dev_get(const struct conf_key *k, const char *key, struct strbuf *out,
		   const struct lxc_conf *conf)
{
	unsigned int idx;

	if (net_index(key, &idx) < 0)
		return -EINVAL;
	return conf_net_find(&conf->net, idx) ? 0 : -ENOENT;
}

static int dev_clear(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	unsigned int idx;

	if (net_index(key, &idx) < 0)
		return -EINVAL;
	return conf_net_remove(&conf->net, idx);
}

static int dev_list(const struct conf_key *k, const char *key, struct strbuf *out,
		    const struct lxc_conf *conf);

/* ---- the table ----------------------------------------------------------------------- */

#define NET_KEY(suffix, flags, nk, syntax)                                                   \
	{ NET_KEY_PREFIX suffix, (flags), net_set, net_get, net_clear, NULL, &(nk), (syntax) }

static const struct conf_key net_keys[] = {
	{ "lxc.net", CONF_KEY_FAMILY, family_set, family_get, family_clear, NULL, NULL,
	  "an empty value, which removes every network" },
	{ "lxc.net.[i]", CONF_KEY_NOSET, NULL, dev_get, dev_clear, dev_list, NULL, NULL },
	NET_KEY("type", 0, nk_type, "one of veth, macvlan, ipvlan, vlan, phys, empty, none"),
	NET_KEY("flags", 0, nk_flags, "up"),
	NET_KEY("link", 0, nk_link,
		"an interface name of 1 to 15 characters without '/', ':' or blanks"),
	NET_KEY("name", 0, nk_name,
		"an interface name of 1 to 15 characters without '/', ':' or blanks"),
	NET_KEY("hwaddr", 0, nk_hwaddr,
		"a MAC address like 00:16:3e:xx:xx:xx, where x stands for a random digit"),
	NET_KEY("mtu", 0, nk_mtu, "an integer from 68 to 65535"),
	NET_KEY("ipv4.address", CONF_KEY_LIST, nk_ipv4,
		"an IPv4 address with prefix length, e.g. 192.0.2.10/24, optionally followed by "
		"a broadcast address"),
	NET_KEY("ipv4.gateway", 0, nk_gw4, "an IPv4 address, \"auto\" or \"dev\""),
	NET_KEY("ipv6.address", CONF_KEY_LIST, nk_ipv6,
		"an IPv6 address with prefix length, e.g. 2001:db8::10/64"),
	NET_KEY("ipv6.gateway", 0, nk_gw6, "an IPv6 address, \"auto\" or \"dev\""),
	NET_KEY("l2proxy", 0, nk_l2proxy, "0 or 1"),
	NET_KEY("script.up", 0, nk_up, "a command to run"),
	NET_KEY("script.down", 0, nk_down, "a command to run"),
	NET_KEY("veth.mode", 0, nk_veth_mode, "bridge or router"),
	NET_KEY("veth.pair", 0, nk_veth_pair,
		"an interface name of 1 to 15 characters without '/', ':' or blanks"),
	NET_KEY("veth.ipv4.route", CONF_KEY_LIST, nk_veth_r4,
		"an IPv4 network with prefix length, e.g. 192.0.2.0/24"),
	NET_KEY("veth.ipv6.route", CONF_KEY_LIST, nk_veth_r6,
		"an IPv6 network with prefix length, e.g. 2001:db8::/64"),
	NET_KEY("veth.vlan.id", 0, nk_veth_vlan, "a VLAN id from 0 to 4094 or \"none\""),
	NET_KEY("veth.vlan.tagged.id", CONF_KEY_LIST, nk_veth_tagged,
		"a VLAN id from 0 to 4094"),
	NET_KEY("veth.n_rxqueues", 0, nk_veth_rxq, "an integer from 1 to 4096"),
	NET_KEY("veth.n_txqueues", 0, nk_veth_txq, "an integer from 1 to 4096"),
	NET_KEY("macvlan.mode", 0, nk_macvlan_mode, "private, vepa, bridge or passthru"),
	NET_KEY("ipvlan.mode", 0, nk_ipvlan_mode, "l3, l3s or l2"),
	NET_KEY("ipvlan.isolation", 0, nk_ipvlan_iso, "bridge, private or vepa"),
	NET_KEY("vlan.id", 0, nk_vlan_id, "a VLAN id from 0 to 4094"),
};

#define N_NET_KEYS (sizeof(net_keys) / sizeof(net_keys[0]))

const struct conf_key_table conf_table_net = { net_keys, N_NET_KEYS };

/* get_keys("lxc.net.N"): the keys that apply to that network's type, in table order. */
static int dev_list(const struct conf_key *k, const char *key, struct strbuf *out,
		    const struct lxc_conf *conf)
{
	const struct conf_net_dev *dev;
	unsigned int idx;
	bool no_iface;

	if (net_index(key, &idx) < 0)
		return -EINVAL;
	dev = conf_net_find(&conf->net, idx);
	if (!dev)
		return -ENOENT;
	no_iface = dev->type == CONF_NET_EMPTY || dev->type == CONF_NET_NONE;
	for (size_t i = 0; i < N_NET_KEYS; i++) {
		const struct net_key *nk = net_keys[i].data;
		int ret;

		if (!nk || (nk->iface && no_iface))
			continue;
		if (nk->only != CONF_NET_UNSET && nk->only != dev->type)
			continue;
		ret = strbuf_printf(out, "%s\n", net_keys[i].name + strlen(NET_KEY_PREFIX));
		if (ret < 0)
			return ret;
	}
	return 0;
}
