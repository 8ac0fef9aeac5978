/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The network step of the start sequence, run by the single-threaded monitor after the clone:
 * host-side devices are created in the monitor's network namespace, moved into the init's,
 * and configured there through a netlink socket opened inside it (name, mtu, hwaddr,
 * addresses, up, gateways). Every step is recorded so net_cleanup() can undo it. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_bridge.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "lifecycle/hooks.h"
#include "lifecycle/monitor.h"
#include "lifecycle/network.h"
#include "lifecycle/network_internal.h"
#include "log/log.h"
#include "network/addr.h"
#include "network/hwaddr.h"
#include "network/link.h"
#include "ns/ns.h"

lxc_log_define(network);

/* ---- errors ---- */

/* 'Failed to VERB lxc.net.N.KEY "VALUE": strerror: kernel message' */
static int fail(struct lxc_error *err, const struct conf_net_dev *dev, const char *verb,
		const char *key, const char *value, const struct netlink_err *e, int code)
{
	int c = e && e->err ? e->err : code;
	const char *kmsg = e && e->err && e->msg[0] ? e->msg : NULL;

	return lxc_error_set_plain(err, "network", -c, "Failed to %s lxc.net.%u.%s \"%s\": %s%s%s",
				   verb, dev->index, key, value ? value : "", strerror(c < 0 ? -c : c),
				   kmsg ? ": " : "", kmsg ? kmsg : "");
}

static const char *u2s(unsigned int v, char buf[16])
{
	snprintf(buf, 16, "%u", v);
	return buf;
}

/* ---- scripts ---- */

static int run_script(struct monitor *m, struct net_made *nm, bool up, struct lxc_error *err)
{
	const struct conf_net_dev *dev = nm->dev;
	const char *script = up ? dev->script_up : dev->script_down;
	const char *type = conf_net_type_name(dev->type);
	const char *hostif = dev->type == CONF_NET_VETH ? nm->host : dev->link;
	char e_type[64], e_parent[64], e_peer[64];
	char *env[4] = { e_type, NULL, NULL, NULL }, *args[3] = { (char *)type, NULL, NULL };
	struct hook_env ctx = { .name = m->req.name, .config_file = m->req.config_file };
	struct hook_error herr = { 0 };
	bool v1 = m->conf->proc.hook_version;
	size_t k = 1;
	int ret;

	if (!script)
		return 0;
	snprintf(e_type, sizeof(e_type), "LXC_NET_TYPE=%s", type);
	if (dev->link[0] && dev->type != CONF_NET_EMPTY) {
		snprintf(e_parent, sizeof(e_parent), "LXC_NET_PARENT=%s", dev->link);
		env[k++] = e_parent;
	}
	if (dev->type == CONF_NET_VETH && nm->host[0]) {
		snprintf(e_peer, sizeof(e_peer), "LXC_NET_PEER=%s", nm->host);
		env[k++] = e_peer;
	}
	if (hostif && hostif[0])
		args[1] = (char *)hostif;
	ctx.extra_env = env;
	ctx.args = v1 ? NULL : args;
	ret = hook_run_command(m->conf, "net", up ? "up" : "down", script, v1, &ctx, &herr);
	if (ret < 0 && up)
		return lxc_error_set_plain(err, "network", -ret, "Failed to run lxc.net.%u."
					   "script.up: %s", dev->index, herr.msg);
	if (ret < 0)
		WARN("Failed to run lxc.net.%u.script.down, ignoring: %s", dev->index, herr.msg);
	return 0;
}

/* ---- host side ---- */

static int link_index(struct net_run *r, struct conf_net_dev *dev, int *ret,
		      struct lxc_error *err)
{
	int ret_;

	if (!dev->link[0])
		return lxc_error_set_plain(err, "network", EINVAL, "Failed to set up lxc.net.%u: "
					   "lxc.net.%u.link is required for type \"%s\"",
					   dev->index, dev->index, conf_net_type_name(dev->type));
	ret_ = netdev_get_ifindex(&r->host, dev->link, ret);
	if (ret_ < 0)
		return fail(err, dev, "find", "link", dev->link, NULL, ret_);
	return 0;
}

static int add_neigh(struct net_run *r, struct net_made *nm, int family, int ifindex,
		     const void *a, struct lxc_error *err)
{
	struct netlink_err e = { 0 };
	char txt[INET6_ADDRSTRLEN] = "";
	struct net_neigh *n;
	int ret;

	if (nm->n_neigh >= ARRAY_SIZE(nm->neigh))
		return 0;
	ret = netdev_neigh_proxy_add(&r->host, family, ifindex, a, &e);
	if (ret < 0 && ret != -EEXIST) {
		inet_ntop(family, a, txt, sizeof(txt));
		return fail(err, nm->dev, "add a proxy entry for", "l2proxy", txt, &e, ret);
	}
	n = &nm->neigh[nm->n_neigh++];
	n->family = family;
	n->ifindex = ifindex;
	memcpy(&n->a, a, family == AF_INET ? sizeof(struct in_addr) : sizeof(struct in6_addr));
	return 0;
}

/* Bridge port VLANs: veth.vlan.id (pvid untagged, replacing the default VLAN 1) and the
 * tagged ids. */
static int bridge_vlans(struct net_run *r, struct net_made *nm, int idx, struct lxc_error *err)
{
	struct conf_net_veth *v = &nm->dev->veth;
	struct netlink_err e = { 0 };
	char buf[16];
	int ret;

	if (v->vlan_id == CONF_NET_VLAN_UNSET && !v->n_tagged_ids)
		return 0;
	if (v->vlan_id != CONF_NET_VLAN_UNSET)
		netdev_bridge_vlan_del(&r->host, idx, 1, NULL);
	if (v->vlan_id >= 0) {
		ret = netdev_bridge_vlan_add(&r->host, idx, (uint16_t)v->vlan_id,
					     BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED, &e);
		if (ret < 0)
			return fail(err, nm->dev, "set", "veth.vlan.id",
				    u2s((unsigned int)v->vlan_id, buf), &e, ret);
	}
	for (size_t i = 0; i < v->n_tagged_ids; i++) {
		ret = netdev_bridge_vlan_add(&r->host, idx, v->tagged_ids[i], 0, &e);
		if (ret < 0)
			return fail(err, nm->dev, "set", "veth.vlan.tagged.id",
				    u2s(v->tagged_ids[i], buf), &e, ret);
	}
	return 0;
}

/* Routes on the host side: veth.ipv4.route/ipv6.route, and in router mode the container's
 * own addresses, with proxy ARP/NDP so the container reaches its gateways. */
static int veth_routes(struct net_run *r, struct net_made *nm, int idx, struct lxc_error *err)
{
	struct conf_net_dev *dev = nm->dev;
	bool router = dev->veth.mode == CONF_NET_VETH_ROUTER;
	struct netlink_err e = { 0 };
	struct strbuf sb = { 0 };
	int ret;

	for (size_t i = 0; i < dev->veth.ipv4_routes.n; i++) {
		const struct conf_net_ipv4 *a = &dev->veth.ipv4_routes.v[i];

		ret = netdev_route_add_ipv4(&r->host, idx, &a->addr, a->prefix, NULL, &e);
		if (ret < 0 && ret != -EEXIST)
			goto route_err4;
	}
	for (size_t i = 0; i < dev->veth.ipv6_routes.n; i++) {
		const struct conf_net_ipv6 *a = &dev->veth.ipv6_routes.v[i];

		ret = netdev_route_add_ipv6(&r->host, idx, &a->addr, a->prefix, NULL, &e);
		if (ret < 0 && ret != -EEXIST) {
			conf_net_put_ipv6(&sb, a);
			ret = fail(err, dev, "add", "veth.ipv6.route", sb.buf, &e, ret);
			strbuf_free(&sb);
			return ret;
		}
	}
	if (!router)
		return 0;
	netdev_sysctl_set(-1, "ipv4/conf/%s/proxy_arp", nm->host, "1");
	netdev_sysctl_set(-1, "ipv6/conf/%s/proxy_ndp", nm->host, "1");
	netdev_sysctl_set(-1, "ipv6/conf/%s/forwarding", nm->host, "1");	/* NDP proxying */
	for (size_t i = 0; i < dev->ipv4.n; i++) {
		ret = netdev_route_add_ipv4(&r->host, idx, &dev->ipv4.v[i].addr, 32, NULL, &e);
		if (ret < 0 && ret != -EEXIST) {
			conf_net_put_ipv4(&sb, &dev->ipv4.v[i]);
			ret = fail(err, dev, "route to", "ipv4.address", sb.buf, &e, ret);
			strbuf_free(&sb);
			return ret;
		}
	}
	for (size_t i = 0; i < dev->ipv6.n; i++) {
		ret = netdev_route_add_ipv6(&r->host, idx, &dev->ipv6.v[i].addr, 128, NULL, &e);
		if (ret < 0 && ret != -EEXIST) {
			conf_net_put_ipv6(&sb, &dev->ipv6.v[i]);
			ret = fail(err, dev, "route to", "ipv6.address", sb.buf, &e, ret);
			strbuf_free(&sb);
			return ret;
		}
	}
	if (dev->ipv6_gateway.kind == CONF_NET_GW_ADDR)
		return add_neigh(r, nm, AF_INET6, idx, &dev->ipv6_gateway.addr, err);
	return 0;

route_err4:
	for (size_t i = 0; i < dev->veth.ipv4_routes.n && !sb.len; i++)
		conf_net_put_ipv4(&sb, &dev->veth.ipv4_routes.v[i]);
	ret = fail(err, dev, "add", "veth.ipv4.route", sb.buf, &e, ret);
	strbuf_free(&sb);
	return ret;
}

static int create_veth(struct monitor *m, struct net_run *r, struct net_made *nm,
		       struct lxc_error *err)
{
	struct conf_net_dev *dev = nm->dev;
	struct netdev_veth_spec s = { .peer_netns_fd = r->netns };
	struct netlink_err e = { 0 };
	char buf[16];
	int idx, br = 0, ret;

	if (dev->veth.mode == CONF_NET_VETH_BRIDGE && dev->link[0]) {
		ret = link_index(r, dev, &br, err);
		if (ret < 0)
			return ret;
	}
	if (dev->veth.pair[0]) {
		if (netdev_get_ifindex(&r->host, dev->veth.pair, &idx) == 0)
			return fail(err, dev, "create", "veth.pair", dev->veth.pair, NULL, -EEXIST);
		strcpy(nm->host, dev->veth.pair);
	} else if (netdev_random_veth_name(nm->host, NULL) < 0) {
		return fail(err, dev, "create", "veth.pair", "vethXXXXXX", NULL, -EINVAL);
	}
	netdev_random_name("vethXXXXXX", nm->tmp, NULL);
	s.name = nm->host;
	s.peer = nm->tmp;
	s.n_rxqueues = dev->veth.n_rxqueues;
	s.n_txqueues = dev->veth.n_txqueues;
	ret = netdev_veth_create(&r->host, &s, &e);
	if (ret < 0) {
		nm->host[0] = '\0';
		return fail(err, dev, "create", "type", "veth", &e, ret);
	}
	if (!dev->veth.pair[0])
		strcpy(dev->veth.pair, nm->host);	/* the running config shows it (lxc-info) */
	ret = netdev_get_ifindex(&r->host, nm->host, &idx);
	if (ret < 0)
		return fail(err, dev, "find", "veth.pair", nm->host, NULL, ret);
	if (dev->mtu) {
		ret = netdev_set_mtu(&r->host, idx, dev->mtu, &e);
		if (ret < 0)
			return fail(err, dev, "set", "mtu", u2s(dev->mtu, buf), &e, ret);
	}
	if (br) {
		ret = netdev_set_master(&r->host, idx, br, &e);
		if (ret < 0)
			return fail(err, dev, "attach the veth to", "link", dev->link, &e, ret);
		ret = bridge_vlans(r, nm, idx, err);
		if (ret < 0)
			return ret;
	}
	ret = netdev_set_up(&r->host, idx, true, &e);
	if (ret < 0)
		return fail(err, dev, "bring up", "veth.pair", nm->host, &e, ret);
	return veth_routes(r, nm, idx, err);
}

/* macvlan, ipvlan, vlan: made next to the parent link, then moved in. */
static int create_on_link(struct net_run *r, struct net_made *nm, struct lxc_error *err)
{
	struct conf_net_dev *dev = nm->dev;
	struct netlink_err e = { 0 };
	char val[16];
	int link, idx, ret;

	ret = link_index(r, dev, &link, err);
	if (ret < 0)
		return ret;
	netdev_random_name(dev->type == CONF_NET_VLAN ? "vlanXXXXXX" : "mcXXXXXX", nm->tmp, NULL);
	if (dev->type == CONF_NET_MACVLAN) {
		ret = netdev_macvlan_create(&r->host, nm->tmp, link, dev->macvlan.mode, 0, &e);
	} else if (dev->type == CONF_NET_IPVLAN) {
		ret = netdev_ipvlan_create(&r->host, nm->tmp, link, dev->ipvlan.mode,
					   dev->ipvlan.isolation, 0, &e);
	} else {
		if (dev->vlan.vid < 0)
			return lxc_error_set_plain(err, "network", EINVAL, "Failed to set up "
						   "lxc.net.%u: lxc.net.%u.vlan.id is required for "
						   "type \"vlan\"", dev->index, dev->index);
		ret = netdev_vlan_create(&r->host, nm->tmp, link, (uint16_t)dev->vlan.vid, 0, &e);
		if (ret < 0) {
			snprintf(val, sizeof(val), "%d", dev->vlan.vid);
			return lxc_error_set_plain(err, "network", -ret, "Failed to create lxc.net.%u."
				"type \"vlan\" with lxc.net.%u.vlan.id \"%s\" on \"%s\": %s%s%s%s",
				dev->index, dev->index, val, dev->link, strerror(-ret),
				e.msg[0] ? ": " : "", e.msg,
				ret == -EOPNOTSUPP ? " (kernel without 8021q support)" : "");
		}
	}
	if (ret < 0)
		return fail(err, dev, "create", "type", conf_net_type_name(dev->type), &e, ret);
	strcpy(nm->host, nm->tmp);
	ret = netdev_get_ifindex(&r->host, nm->tmp, &idx);
	if (ret == 0)
		ret = netdev_move_to_netns_fd(&r->host, idx, r->netns, NULL, &e);
	if (ret < 0)
		return fail(err, dev, "move into the container", "link", dev->link, &e, ret);
	nm->host[0] = '\0';	/* it belongs to the container now */
	return 0;
}

static int lend_phys(struct monitor *m, struct net_run *r, struct net_made *nm,
		     struct lxc_error *err)
{
	struct conf_net_dev *dev = nm->dev;
	struct netdev_link l;
	struct netlink_err e = { 0 };
	int idx, ret;

	ret = link_index(r, dev, &idx, err);
	if (ret < 0)
		return ret;
	ret = netdev_get_link(&r->host, idx, NULL, &l);
	if (ret < 0)
		return fail(err, dev, "find", "link", dev->link, NULL, ret);
	netdev_set_up(&r->host, idx, false, NULL);
	ret = netdev_move_to_netns_fd(&r->host, idx, r->netns, NULL, &e);
	if (ret < 0)
		return fail(err, dev, "move into the container", "link", dev->link, &e, ret);
	nm->phys = true;
	strcpy(nm->phys_name, l.name);
	nm->phys_mtu = l.mtu;
	strcpy(nm->tmp, l.name);
	strcpy(nm->inner, l.name);
	return 0;
}

/* ---- inside the container ---- */

/* "auto" gateways: the first global address of lxc.net.N.link on the host side. */
static int link_addr(struct net_run *r, const struct conf_net_dev *dev, int family, void *ret)
{
	struct netdev_addr *a = NULL;
	size_t n = 0;
	int link = 0;

	if (!dev->link[0] || netdev_get_ifindex(&r->host, dev->link, &link) < 0 ||
	    netdev_addr_list(&r->host, family, link, RT_SCOPE_UNIVERSE, &a, &n) < 0 || !n) {
		free(a);
		return -EADDRNOTAVAIL;
	}
	if (family == AF_INET)
		memcpy(ret, &a[0].addr.v4, sizeof(struct in_addr));
	else
		memcpy(ret, &a[0].addr.v6, sizeof(struct in6_addr));
	free(a);
	return 0;
}

static int gateways(struct net_run *r, struct net_made *nm, int idx, struct lxc_error *err)
{
	struct conf_net_dev *dev = nm->dev;
	struct netlink_err e = { 0 };
	char txt[INET6_ADDRSTRLEN];
	int ret;

	if (dev->ipv4_gateway.kind == CONF_NET_GW_DEV) {
		ret = netdev_route_default_ipv4(&r->inner, idx, NULL, &e);
		if (ret < 0)
			return fail(err, dev, "set", "ipv4.gateway", "dev", &e, ret);
	} else if (dev->ipv4_gateway.kind != CONF_NET_GW_UNSET) {
		struct in_addr gw = dev->ipv4_gateway.addr;

		if (dev->ipv4_gateway.kind == CONF_NET_GW_AUTO) {
			ret = link_addr(r, dev, AF_INET, &gw);
			if (ret < 0)
				return fail(err, dev, "set", "ipv4.gateway", "auto", NULL, ret);
		}
		inet_ntop(AF_INET, &gw, txt, sizeof(txt));
		ret = netdev_route_default_ipv4(&r->inner, idx, &gw, &e);
		if (ret == -ENETUNREACH) {	/* a gateway outside the subnet: reach it first */
			netdev_route_add_ipv4(&r->inner, idx, &gw, 32, NULL, NULL);
			ret = netdev_route_default_ipv4(&r->inner, idx, &gw, &e);
		}
		if (ret < 0)
			return fail(err, dev, "set", "ipv4.gateway", txt, &e, ret);
	}
	if (dev->ipv6_gateway.kind == CONF_NET_GW_DEV) {
		ret = netdev_route_default_ipv6(&r->inner, idx, NULL, &e);
		if (ret < 0)
			return fail(err, dev, "set", "ipv6.gateway", "dev", &e, ret);
	} else if (dev->ipv6_gateway.kind != CONF_NET_GW_UNSET) {
		struct in6_addr gw6 = dev->ipv6_gateway.addr;
		const struct in6_addr *gw = &gw6;

		if (dev->ipv6_gateway.kind == CONF_NET_GW_AUTO) {
			ret = link_addr(r, dev, AF_INET6, &gw6);
			if (ret < 0)
				return fail(err, dev, "set", "ipv6.gateway", "auto", NULL, ret);
		}
		inet_ntop(AF_INET6, gw, txt, sizeof(txt));
		ret = netdev_route_default_ipv6(&r->inner, idx, gw, &e);
		if (ret == -ENETUNREACH || ret == -EHOSTUNREACH) {
			netdev_route_add_ipv6(&r->inner, idx, gw, 128, NULL, NULL);
			ret = netdev_route_default_ipv6(&r->inner, idx, gw, &e);
		}
		if (ret < 0)
			return fail(err, dev, "set", "ipv6.gateway", txt, &e, ret);
	}
	return 0;
}

static int addresses(struct net_run *r, struct net_made *nm, int idx, struct lxc_error *err)
{
	struct conf_net_dev *dev = nm->dev;
	struct netlink_err e = { 0 };
	struct strbuf sb = { 0 };
	int ret = 0;

	for (size_t i = 0; i < dev->ipv4.n && ret >= 0; i++) {
		const struct conf_net_ipv4 *a = &dev->ipv4.v[i];

		ret = netdev_addr_add_ipv4(&r->inner, idx, &a->addr, a->prefix, &a->bcast, &e);
		if (ret < 0) {
			conf_net_put_ipv4(&sb, a);
			ret = fail(err, dev, "add", "ipv4.address", sb.buf, &e, ret);
		}
	}
	for (size_t i = 0; i < dev->ipv6.n && ret >= 0; i++) {
		const struct conf_net_ipv6 *a = &dev->ipv6.v[i];

		ret = netdev_addr_add_ipv6_nodad(&r->inner, idx, &a->addr, a->prefix, &e);
		if (ret < 0) {
			conf_net_put_ipv6(&sb, a);
			ret = fail(err, dev, "add", "ipv6.address", sb.buf, &e, ret);
		}
	}
	strbuf_free(&sb);
	return ret;
}

/* l2proxy: the host answers ARP/NDP for the container's addresses on lxc.net.N.link. */
static int l2proxy(struct net_run *r, struct net_made *nm, struct lxc_error *err)
{
	struct conf_net_dev *dev = nm->dev;
	int link, ret = 0;

	if (!dev->l2proxy)
		return 0;
	ret = link_index(r, dev, &link, err);
	if (ret < 0)
		return ret;
	if (dev->ipv6.n)
		netdev_sysctl_set(-1, "ipv6/conf/%s/proxy_ndp", dev->link, "1");
	for (size_t i = 0; i < dev->ipv4.n && ret >= 0; i++)
		ret = add_neigh(r, nm, AF_INET, link, &dev->ipv4.v[i].addr, err);
	for (size_t i = 0; i < dev->ipv6.n && ret >= 0; i++)
		ret = add_neigh(r, nm, AF_INET6, link, &dev->ipv6.v[i].addr, err);
	return ret;
}

/* Rename, mtu, hwaddr, addresses, up, gateways, in that order. */
static int configure_inner(struct net_run *r, struct net_made *nm, struct lxc_error *err)
{
	struct conf_net_dev *dev = nm->dev;
	const char *want = dev->name[0] ? dev->name : nm->phys ? nm->tmp : "eth%d";
	struct netlink_err e = { 0 };
	struct netdev_link l;
	char buf[18];
	int idx, ret;

	ret = netdev_get_ifindex(&r->inner, nm->tmp, &idx);
	if (ret < 0)
		return fail(err, dev, "find in the container", "type", conf_net_type_name(dev->type),
			    NULL, ret);
	nm->inner_ifindex = idx;
	if (strcmp(want, nm->tmp) != 0) {
		ret = netdev_rename(&r->inner, idx, want, &e);
		if (ret < 0)
			return fail(err, dev, "rename the device to", "name", want, &e, ret);
	}
	if (netdev_get_link(&r->inner, idx, NULL, &l) == 0)
		strcpy(nm->inner, l.name);
	if (dev->mtu) {
		ret = netdev_set_mtu(&r->inner, idx, dev->mtu, &e);
		if (ret < 0)
			return fail(err, dev, "set", "mtu", u2s(dev->mtu, buf), &e, ret);
	}
	if (dev->hwaddr[0]) {
		ret = netdev_hwaddr_randomize(dev->hwaddr, buf, NULL);
		if (ret == 0)
			ret = netdev_set_hwaddr(&r->inner, idx, buf, &e);
		if (ret < 0)
			return fail(err, dev, "set", "hwaddr", dev->hwaddr, &e, ret);
		strcpy(dev->hwaddr, buf);
	}
	ret = addresses(r, nm, idx, err);
	if (ret < 0)
		return ret;
	if (dev->up) {
		ret = netdev_set_up(&r->inner, idx, true, &e);
		if (ret < 0)
			return fail(err, dev, "bring up", "flags", "up", &e, ret);
	}
	return gateways(r, nm, idx, err);
}

static int setup_one(struct monitor *m, struct net_run *r, struct net_made *nm,
		     struct lxc_error *err)
{
	int ret;

	switch (nm->dev->type) {
	case CONF_NET_EMPTY:
		ret = 0;
		break;
	case CONF_NET_VETH:
		ret = create_veth(m, r, nm, err);
		break;
	case CONF_NET_MACVLAN:
	case CONF_NET_IPVLAN:
	case CONF_NET_VLAN:
		ret = create_on_link(r, nm, err);
		break;
	case CONF_NET_PHYS:
		ret = lend_phys(m, r, nm, err);
		break;
	default:
		return lxc_error_set_plain(err, "network", EINVAL, "Failed to set up lxc.net.%u: "
					   "lxc.net.%u.type is not set", nm->dev->index,
					   nm->dev->index);
	}
	if (ret == 0 && nm->dev->type != CONF_NET_EMPTY)
		ret = configure_inner(r, nm, err);
	if (ret == 0)
		ret = l2proxy(r, nm, err);
	/* For a monitor that gets killed (phys: with the container-side name). */
	if (nm->phys || nm->host[0] || nm->n_neigh)
		net_record_write(m, r);
	if (ret == 0)
		ret = run_script(m, nm, true, err);
	if (ret == 0)
		nm->up_ran = true;
	return ret;
}

/* lxc.net.N.type = none: the host's network, for privileged containers only. */
static int check_none(struct monitor *m, struct lxc_error *err)
{
	struct conf_net_dev *dev, *none = NULL;
	size_t n = 0;

	conf_net_foreach(dev, &m->conf->net) {
		n++;
		if (dev->type == CONF_NET_NONE)
			none = dev;
	}
	if (!none)
		return 0;
	if (n > 1)
		return lxc_error_set_plain(err, "network", EINVAL, "Failed to set up lxc.net.%u."
					   "type \"none\": it cannot be combined with other "
					   "networks", none->index);
	if (m->clone_flags & CLONE_NEWUSER)
		return lxc_error_set_plain(err, "network", EPERM, "Failed to set up lxc.net.%u."
					   "type \"none\": sharing the host's network is refused "
					   "for unprivileged containers", none->index);
	/* Inside a container (its init sets $container, LXC's "lxc"), the "host" network is
	 * the outer container's: refused as well. */
	if (getenv("container") && *getenv("container"))
		return lxc_error_set_plain(err, "network", EPERM, "Failed to set up lxc.net.%u."
					   "type \"none\": sharing the host's network is refused "
					   "in a nested container (container=%s)", none->index,
					   getenv("container"));
	return 0;
}

bool net_host_work(const struct monitor *m)
{
	struct conf_net_dev *dev;

	if (!(m->clone_flags & CLONE_NEWNET))
		return false;
	conf_net_foreach(dev, &m->conf->net)
		if (dev->type != CONF_NET_EMPTY || dev->script_up || dev->script_down ||
		    dev->l2proxy)
			return true;
	return false;
}

int net_setup(struct monitor *m, struct lxc_error *err)
{
	struct net_run *r;
	size_t n = conf_net_count(&m->conf->net);
	bool n_host = net_host_work(m);
	int ret, lo;

	ret = check_none(m, err);
	if (ret < 0 || !(m->clone_flags & CLONE_NEWNET))
		return ret;
	r = calloc(1, sizeof(*r));
	if (!r || !(r->made = calloc(n ? n : 1, sizeof(*r->made)))) {
		free(r);
		return lxc_error_set(err, "network", ENOMEM, "Failed to set up the network");
	}
	r->netns = -EBADF;
	r->host = (struct netlink_sock)NETLINK_SOCK_INIT;
	r->inner = (struct netlink_sock)NETLINK_SOCK_INIT;
	m->net = r;
	r->netns = ns_open_pid(m->init_pid, CONF_NS_NET);
	if (r->netns < 0)
		return lxc_error_set(err, "network", -r->netns, "Failed to open the network "
				     "namespace of the init");
	/* Only "empty" devices: nothing on the host side but what a killed run may have left. */
	ret = n_host ? netlink_open(&r->host) : 0;
	if (ret == 0)
		ret = netlink_open_in_netns(r->netns, &r->inner);
	if (ret < 0)
		return lxc_error_set(err, "network", -ret, "Failed to open a netlink socket");
	if (n_host)
		net_record_restore(m, &r->host);
	else
		net_restore_record(m->req.lxcpath, m->req.name);
	ret = netdev_get_ifindex(&r->inner, "lo", &lo);
	if (ret == 0)
		ret = netdev_set_up(&r->inner, lo, true, NULL);
	if (ret < 0)
		return lxc_error_set(err, "network", -ret, "Failed to bring up the loopback device "
				     "\"lo\" of container \"%s\"", m->req.name);
	for (size_t i = 0; i < n; i++) {
		struct net_made *nm = &r->made[r->n++];

		nm->dev = conf_net_at(&m->conf->net, i);
		ret = setup_one(m, r, nm, err);
		if (ret < 0)
			return ret;
		DEBUG("Set up lxc.net.%u (%s) as \"%s\"", nm->dev->index,
		      conf_net_type_name(nm->dev->type), nm->inner);
	}
	return 0;
}

/* Give a lent device back to the monitor's namespace under its own name and MTU. */
static void return_phys(struct net_run *r, struct net_made *nm)
{
	struct netlink_err e = { 0 };
	__do_close int own = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	int idx = nm->inner_ifindex, ret;

	if (!idx && netdev_get_ifindex(&r->inner, nm->inner, &idx) < 0)
		idx = 0;
	if (!idx && netdev_get_ifindex(&r->inner, nm->phys_name, &idx) < 0) {
		WARN("Failed to find phys device \"%s\" in the container, ignoring",
		     nm->phys_name);
		return;
	}
	netdev_set_up(&r->inner, idx, false, NULL);
	ret = netdev_move_to_netns_fd(&r->inner, idx, own, nm->phys_name, &e);
	if (ret < 0) {
		WARN("Failed to give phys device \"%s\" back: %s %s", nm->phys_name,
		     strerror(-ret), e.msg);
		return;
	}
	if (netdev_get_ifindex(&r->host, nm->phys_name, &idx) == 0 && nm->phys_mtu)
		netdev_set_mtu(&r->host, idx, nm->phys_mtu, NULL);
}

void net_cleanup(struct monitor *m)
{
	struct net_run *r = m->net;

	if (!r)
		return;
	for (size_t i = r->n; i-- > 0;) {
		struct net_made *nm = &r->made[i];

		if (nm->up_ran)
			run_script(m, nm, false, NULL);
		for (size_t k = 0; k < nm->n_neigh; k++)
			netdev_neigh_proxy_del(&r->host, nm->neigh[k].family, nm->neigh[k].ifindex,
					       &nm->neigh[k].a, NULL);
		if (nm->host[0] && netdev_delete_by_name(&r->host, nm->host, NULL) == 0)
			DEBUG("Removed \"%s\"", nm->host);
		if (nm->phys && r->inner.fd >= 0)
			return_phys(r, nm);
	}
	if (r->record) {
		char *path = net_record_path(m);

		if (path && unlink(path) == 0) {
			*strrchr(path, '/') = '\0';
			rmdir(path);	/* only when no other container has a record */
		}
		free(path);
	}
	netlink_close(&r->inner);
	netlink_close(&r->host);
	if (r->netns >= 0)
		close(r->netns);
	free(r->made);
	free(r);
	m->net = NULL;
}
