/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests for the lxc.net.[i].* keys: valid and invalid values with their exact error
 * texts, canonical get, clear of a key, a network and all networks, failed sets. */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "net_test.h"

static int setup(void **state)
{
	struct lxc_conf *c = test_conf_new();

	if (!c)
		return -1;
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	test_conf_free(*state);
	strbuf_free(&test_out);
	return 0;
}

/* 'Invalid value "V" for "K": expected E' */
static const char *invalid(const char *key, const char *value, const char *expected)
{
	static char buf[1024];

	snprintf(buf, sizeof(buf), "Invalid value \"%s\" for \"%s\": expected %s", value, key,
		 expected);
	return buf;
}

#define IFNAME_EXP "an interface name of 1 to 15 characters without '/', ':' or blanks"

static void test_type(void **state)
{
	struct lxc_conf *c = *state;
	const char *types[] = { "veth", "macvlan", "ipvlan", "vlan", "phys", "empty", "none" };

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		assert_set_ok(c, "lxc.net.0.type", types[i]);
		assert_get(c, "lxc.net.0.type", types[i]);
	}
	assert_set_fails(c, "lxc.net.0.type", "Veth",
			 invalid("lxc.net.0.type", "Veth",
				 "one of veth, macvlan, ipvlan, vlan, phys, empty, none"));
	assert_get(c, "lxc.net.0.type", "none");
	assert_set_ok(c, "lxc.net.0.type", "");
	assert_get(c, "lxc.net.0.type", "");
	assert_get(c, "lxc.net", "0\n");
}

static void test_order_and_gaps(void **state)
{
	struct lxc_conf *c = *state;

	assert_get(c, "lxc.net", "");
	assert_set_ok(c, "lxc.net.5.type", "veth");
	assert_set_ok(c, "lxc.net.1.link", "br0");
	assert_set_ok(c, "lxc.net.12.flags", "up");
	assert_get(c, "lxc.net", "1\n5\n12\n");
	assert_get(c, "lxc.net.1.link", "br0");
	assert_get(c, "lxc.net.1.type", "");
	assert_int_equal(test_get_raw(c, "lxc.net.3.link"), -ENOENT);
	assert_int_equal(test_get_raw(c, "lxc.net.3"), -ENOENT);
	assert_int_equal(test_get_raw(c, "lxc.net.5"), 0);
	assert_int_equal(test_out.len, 0);
}

static void test_flags(void **state)
{
	struct lxc_conf *c = *state;

	assert_set_ok(c, "lxc.net.0.flags", "up");
	assert_get(c, "lxc.net.0.flags", "up");
	assert_set_fails(c, "lxc.net.0.flags", "down", invalid("lxc.net.0.flags", "down", "up"));
	assert_get(c, "lxc.net.0.flags", "up");
	assert_set_ok(c, "lxc.net.0.flags", "");
	assert_get(c, "lxc.net.0.flags", "");
}

static void test_ifnames(void **state)
{
	struct lxc_conf *c = *state;
	const char *keys[] = { "lxc.net.0.link", "lxc.net.0.name", "lxc.net.0.veth.pair" };

	assert_set_ok(c, "lxc.net.0.type", "veth");
	for (size_t i = 0; i < 3; i++) {
		assert_set_ok(c, keys[i], "abcdefghijklmno");
		assert_get(c, keys[i], "abcdefghijklmno");
		assert_set_fails(c, keys[i], "abcdefghijklmnop",
				 invalid(keys[i], "abcdefghijklmnop", IFNAME_EXP));
		assert_set_fails(c, keys[i], "a/b", invalid(keys[i], "a/b", IFNAME_EXP));
		assert_set_fails(c, keys[i], "a b", invalid(keys[i], "a b", IFNAME_EXP));
		assert_set_fails(c, keys[i], "a:1", invalid(keys[i], "a:1", IFNAME_EXP));
		assert_set_fails(c, keys[i], "..", invalid(keys[i], "..", IFNAME_EXP));
		assert_get(c, keys[i], "abcdefghijklmno");
		assert_set_ok(c, keys[i], "eth0");
		assert_get(c, keys[i], "eth0");
		assert_set_ok(c, keys[i], "");
		assert_get(c, keys[i], "");
	}
}

static void test_mtu(void **state)
{
	struct lxc_conf *c = *state;
	const char *exp = "an integer from 68 to 65535";

	assert_set_ok(c, "lxc.net.0.mtu", "1500");
	assert_get(c, "lxc.net.0.mtu", "1500");
	assert_set_ok(c, "lxc.net.0.mtu", "68");
	assert_set_ok(c, "lxc.net.0.mtu", "65535");
	assert_get(c, "lxc.net.0.mtu", "65535");
	assert_set_fails(c, "lxc.net.0.mtu", "67", invalid("lxc.net.0.mtu", "67", exp));
	assert_set_fails(c, "lxc.net.0.mtu", "65536", invalid("lxc.net.0.mtu", "65536", exp));
	assert_set_fails(c, "lxc.net.0.mtu", "15x", invalid("lxc.net.0.mtu", "15x", exp));
	assert_set_fails(c, "lxc.net.0.mtu", "-1500", invalid("lxc.net.0.mtu", "-1500", exp));
	assert_get(c, "lxc.net.0.mtu", "65535");
	assert_set_ok(c, "lxc.net.0.mtu", "");
	assert_get(c, "lxc.net.0.mtu", "");
}

static void test_hwaddr(void **state)
{
	struct lxc_conf *c = *state;
	const char *exp = "a MAC address like 00:16:3e:xx:xx:xx, where x stands for a random digit";

	assert_set_ok(c, "lxc.net.0.hwaddr", "4A:49:43:49:79:BF");
	assert_get(c, "lxc.net.0.hwaddr", "4a:49:43:49:79:bf");
	assert_set_ok(c, "lxc.net.0.hwaddr", "00:16:3e:xX:Xx:xx");
	assert_get(c, "lxc.net.0.hwaddr", "00:16:3e:xx:xx:xx");
	assert_set_fails(c, "lxc.net.0.hwaddr", "00:16:3e:xx:xx",
			 invalid("lxc.net.0.hwaddr", "00:16:3e:xx:xx", exp));
	assert_set_fails(c, "lxc.net.0.hwaddr", "00:16:3e:xx:xx:xg",
			 invalid("lxc.net.0.hwaddr", "00:16:3e:xx:xx:xg", exp));
	assert_set_fails(c, "lxc.net.0.hwaddr", "00-16-3e-11-22-33",
			 invalid("lxc.net.0.hwaddr", "00-16-3e-11-22-33", exp));
	assert_set_fails(c, "lxc.net.0.hwaddr", "00:16:3e:11:22:33:",
			 invalid("lxc.net.0.hwaddr", "00:16:3e:11:22:33:", exp));
	assert_get(c, "lxc.net.0.hwaddr", "00:16:3e:xx:xx:xx");
	assert_int_equal(test_clear(c, "lxc.net.0.hwaddr"), 0);
	assert_get(c, "lxc.net.0.hwaddr", "");
}

static void test_ipv4_address(void **state)
{
	struct lxc_conf *c = *state;
	const char *k = "lxc.net.0.ipv4.address";
	const char *exp = "an IPv4 address with prefix length, e.g. 192.0.2.10/24, optionally "
			  "followed by a broadcast address";

	assert_set_ok(c, k, "192.0.2.10/24");
	assert_set_ok(c, k, "198.51.100.7/25 198.51.100.127");
	assert_set_ok(c, k, "10.1.2.3");
	assert_set_ok(c, k, "203.0.113.9/32");
	assert_get(c, k, "192.0.2.10/24\n198.51.100.7/25 198.51.100.127\n10.1.2.3/8\n"
			 "203.0.113.9/32\n");
	assert_set_fails(c, k, "300.1.1.1/24", invalid(k, "300.1.1.1/24", exp));
	assert_set_fails(c, k, "192.0.2.1/33", invalid(k, "192.0.2.1/33", exp));
	assert_set_fails(c, k, "192.0.2.1/", invalid(k, "192.0.2.1/", exp));
	assert_set_fails(c, k, "192.0.2.1/+4", invalid(k, "192.0.2.1/+4", exp));
	assert_set_fails(c, k, "192.0.2.1/24 300.0.0.0", invalid(k, "192.0.2.1/24 300.0.0.0", exp));
	assert_set_fails(c, k, "2001:db8::1/64", invalid(k, "2001:db8::1/64", exp));
	assert_set_fails(c, k, "/24", invalid(k, "/24", exp));
	assert_get(c, k, "192.0.2.10/24\n198.51.100.7/25 198.51.100.127\n10.1.2.3/8\n"
			 "203.0.113.9/32\n");
	assert_set_ok(c, k, "");
	assert_get(c, k, "");
}

static void test_ipv6_address(void **state)
{
	struct lxc_conf *c = *state;
	const char *k = "lxc.net.0.ipv6.address";
	const char *exp = "an IPv6 address with prefix length, e.g. 2001:db8::10/64";

	assert_set_ok(c, k, "2001:DB8:0:0::10/48");
	assert_set_ok(c, k, "2003:db8:1:0:214:1234:fe0b:3597");
	assert_get(c, k, "2001:db8::10/48\n2003:db8:1:0:214:1234:fe0b:3597/64\n");
	assert_set_fails(c, k, "2001:db8::1/129", invalid(k, "2001:db8::1/129", exp));
	assert_set_fails(c, k, "2001:db8::g/64", invalid(k, "2001:db8::g/64", exp));
	assert_set_fails(c, k, "192.0.2.1/24", invalid(k, "192.0.2.1/24", exp));
	assert_get(c, k, "2001:db8::10/48\n2003:db8:1:0:214:1234:fe0b:3597/64\n");
	assert_int_equal(test_clear(c, k), 0);
	assert_get(c, k, "");
}

static void test_gateways(void **state)
{
	struct lxc_conf *c = *state;

	assert_set_ok(c, "lxc.net.0.ipv4.gateway", "auto");
	assert_get(c, "lxc.net.0.ipv4.gateway", "auto");
	assert_set_ok(c, "lxc.net.0.ipv4.gateway", "dev");
	assert_get(c, "lxc.net.0.ipv4.gateway", "dev");
	assert_set_ok(c, "lxc.net.0.ipv4.gateway", "192.0.2.1");
	assert_get(c, "lxc.net.0.ipv4.gateway", "192.0.2.1");
	assert_set_fails(c, "lxc.net.0.ipv4.gateway", "192.0.2.1/24",
			 invalid("lxc.net.0.ipv4.gateway", "192.0.2.1/24",
				 "an IPv4 address, \"auto\" or \"dev\""));
	assert_set_fails(c, "lxc.net.0.ipv4.gateway", "AUTO",
			 invalid("lxc.net.0.ipv4.gateway", "AUTO",
				 "an IPv4 address, \"auto\" or \"dev\""));
	assert_get(c, "lxc.net.0.ipv4.gateway", "192.0.2.1");
	assert_set_ok(c, "lxc.net.0.ipv4.gateway", "");
	assert_get(c, "lxc.net.0.ipv4.gateway", "");

	assert_set_ok(c, "lxc.net.0.ipv6.gateway", "auto");
	assert_get(c, "lxc.net.0.ipv6.gateway", "auto");
	assert_set_ok(c, "lxc.net.0.ipv6.gateway", "dev");
	assert_get(c, "lxc.net.0.ipv6.gateway", "dev");
	assert_set_ok(c, "lxc.net.0.ipv6.gateway", "2001:DB8:0::1");
	assert_get(c, "lxc.net.0.ipv6.gateway", "2001:db8::1");
	assert_set_fails(c, "lxc.net.0.ipv6.gateway", "192.0.2.1",
			 invalid("lxc.net.0.ipv6.gateway", "192.0.2.1",
				 "an IPv6 address, \"auto\" or \"dev\""));
	assert_get(c, "lxc.net.0.ipv6.gateway", "2001:db8::1");
	assert_int_equal(test_clear(c, "lxc.net.0.ipv6.gateway"), 0);
	assert_get(c, "lxc.net.0.ipv6.gateway", "");
}

static void test_scripts_l2proxy(void **state)
{
	struct lxc_conf *c = *state;

	assert_set_ok(c, "lxc.net.0.script.up", "/usr/bin/up --arg");
	assert_set_ok(c, "lxc.net.0.script.down", "/usr/bin/down");
	assert_get(c, "lxc.net.0.script.up", "/usr/bin/up --arg");
	assert_get(c, "lxc.net.0.script.down", "/usr/bin/down");
	assert_set_ok(c, "lxc.net.0.script.up", "");
	assert_get(c, "lxc.net.0.script.up", "");
	assert_get(c, "lxc.net.0.l2proxy", "0");
	assert_set_ok(c, "lxc.net.0.l2proxy", "1");
	assert_get(c, "lxc.net.0.l2proxy", "1");
	assert_set_fails(c, "lxc.net.0.l2proxy", "2",
			 invalid("lxc.net.0.l2proxy", "2", "0 or 1"));
	assert_set_fails(c, "lxc.net.0.l2proxy", "true",
			 invalid("lxc.net.0.l2proxy", "true", "0 or 1"));
	assert_get(c, "lxc.net.0.l2proxy", "1");
	assert_int_equal(test_clear(c, "lxc.net.0.l2proxy"), 0);
	assert_get(c, "lxc.net.0.l2proxy", "0");
}

static void test_veth(void **state)
{
	struct lxc_conf *c = *state;
	const char *r4 = "lxc.net.2.veth.ipv4.route", *r6 = "lxc.net.2.veth.ipv6.route";
	const char *vid = "lxc.net.2.veth.vlan.id", *tag = "lxc.net.2.veth.vlan.tagged.id";

	assert_set_ok(c, "lxc.net.2.type", "veth");
	assert_get(c, "lxc.net.2.veth.mode", "bridge");
	assert_set_ok(c, "lxc.net.2.veth.mode", "router");
	assert_get(c, "lxc.net.2.veth.mode", "router");
	assert_set_fails(c, "lxc.net.2.veth.mode", "l2",
			 invalid("lxc.net.2.veth.mode", "l2", "bridge or router"));
	assert_set_ok(c, "lxc.net.2.veth.mode", "");
	assert_get(c, "lxc.net.2.veth.mode", "bridge");

	assert_set_ok(c, r4, "192.0.2.0/24");
	assert_set_ok(c, r4, "198.51.100.1/32");
	assert_get(c, r4, "192.0.2.0/24\n198.51.100.1/32\n");
	assert_set_fails(c, r4, "192.0.2.0",
			 invalid(r4, "192.0.2.0", "an IPv4 network with prefix length, e.g. 192.0.2.0/24"));
	assert_set_fails(c, r4, "192.0.2.0/24 192.0.2.255",
			 invalid(r4, "192.0.2.0/24 192.0.2.255",
				 "an IPv4 network with prefix length, e.g. 192.0.2.0/24"));
	assert_set_ok(c, r6, "2001:db8:1::/64");
	assert_get(c, r6, "2001:db8:1::/64\n");
	assert_set_fails(c, r6, "2001:db8:1::",
			 invalid(r6, "2001:db8:1::", "an IPv6 network with prefix length, e.g. 2001:db8::/64"));

	assert_get(c, vid, "");
	assert_set_ok(c, vid, "none");
	assert_get(c, vid, "none");
	assert_set_ok(c, vid, "4094");
	assert_get(c, vid, "4094");
	assert_set_ok(c, vid, "0");
	assert_get(c, vid, "0");
	assert_set_fails(c, vid, "4095", invalid(vid, "4095", "a VLAN id from 0 to 4094 or \"none\""));
	assert_set_ok(c, vid, "");
	assert_get(c, vid, "");

	assert_set_ok(c, tag, "10");
	assert_set_ok(c, tag, "4094");
	assert_get(c, tag, "10\n4094\n");
	assert_set_fails(c, tag, "none", invalid(tag, "none", "a VLAN id from 0 to 4094"));
	assert_set_fails(c, tag, "10-20", invalid(tag, "10-20", "a VLAN id from 0 to 4094"));
	assert_get(c, tag, "10\n4094\n");
	assert_set_ok(c, tag, "");
	assert_get(c, tag, "");

	assert_set_ok(c, "lxc.net.2.veth.n_rxqueues", "4");
	assert_set_ok(c, "lxc.net.2.veth.n_txqueues", "8");
	assert_get(c, "lxc.net.2.veth.n_rxqueues", "4");
	assert_get(c, "lxc.net.2.veth.n_txqueues", "8");
	assert_set_fails(c, "lxc.net.2.veth.n_rxqueues", "0",
			 invalid("lxc.net.2.veth.n_rxqueues", "0", "an integer from 1 to 4096"));
}

static void test_macvlan_ipvlan_vlan(void **state)
{
	struct lxc_conf *c = *state;
	const char *modes[] = { "private", "vepa", "bridge", "passthru" };

	assert_set_ok(c, "lxc.net.0.type", "macvlan");
	assert_get(c, "lxc.net.0.macvlan.mode", "private");
	for (size_t i = 0; i < 4; i++) {
		assert_set_ok(c, "lxc.net.0.macvlan.mode", modes[i]);
		assert_get(c, "lxc.net.0.macvlan.mode", modes[i]);
	}
	assert_set_fails(c, "lxc.net.0.macvlan.mode", "l3",
			 invalid("lxc.net.0.macvlan.mode", "l3", "private, vepa, bridge or passthru"));

	assert_set_ok(c, "lxc.net.1.type", "ipvlan");
	assert_get(c, "lxc.net.1.ipvlan.mode", "l3");
	assert_get(c, "lxc.net.1.ipvlan.isolation", "bridge");
	assert_set_ok(c, "lxc.net.1.ipvlan.mode", "l3s");
	assert_set_ok(c, "lxc.net.1.ipvlan.isolation", "vepa");
	assert_get(c, "lxc.net.1.ipvlan.mode", "l3s");
	assert_get(c, "lxc.net.1.ipvlan.isolation", "vepa");
	assert_set_ok(c, "lxc.net.1.ipvlan.mode", "l2");
	assert_set_ok(c, "lxc.net.1.ipvlan.isolation", "private");
	assert_get(c, "lxc.net.1.ipvlan.mode", "l2");
	assert_get(c, "lxc.net.1.ipvlan.isolation", "private");
	assert_set_fails(c, "lxc.net.1.ipvlan.mode", "l4",
			 invalid("lxc.net.1.ipvlan.mode", "l4", "l3, l3s or l2"));
	assert_set_fails(c, "lxc.net.1.ipvlan.isolation", "l2",
			 invalid("lxc.net.1.ipvlan.isolation", "l2", "bridge, private or vepa"));

	assert_set_ok(c, "lxc.net.2.type", "vlan");
	assert_get(c, "lxc.net.2.vlan.id", "");
	assert_set_ok(c, "lxc.net.2.vlan.id", "100");
	assert_get(c, "lxc.net.2.vlan.id", "100");
	assert_set_fails(c, "lxc.net.2.vlan.id", "none",
			 invalid("lxc.net.2.vlan.id", "none", "a VLAN id from 0 to 4094"));
	assert_set_fails(c, "lxc.net.2.vlan.id", "4095",
			 invalid("lxc.net.2.vlan.id", "4095", "a VLAN id from 0 to 4094"));
	assert_get(c, "lxc.net.2.vlan.id", "100");
}

static void test_type_specific_keys(void **state)
{
	struct lxc_conf *c = *state;

	/* Like LXC, a type-specific key needs its type first; nothing is created on failure. */
	assert_set_fails(c, "lxc.net.4.veth.pair", "vp0",
			 "Failed to set \"lxc.net.4.veth.pair\": only valid for networks of type "
			 "\"veth\", set \"lxc.net.4.type = veth\" first");
	assert_get(c, "lxc.net", "");
	assert_set_ok(c, "lxc.net.4.type", "macvlan");
	assert_set_fails(c, "lxc.net.4.vlan.id", "5",
			 "Failed to set \"lxc.net.4.vlan.id\": only valid for networks of type "
			 "\"vlan\", set \"lxc.net.4.type = vlan\" first");
	/* get of another type's key prints nothing */
	assert_get(c, "lxc.net.4.veth.pair", "");
	assert_get(c, "lxc.net.4.ipvlan.mode", "");

	/* Changing the type resets the per-type attributes, keeps the common ones. */
	assert_set_ok(c, "lxc.net.4.link", "eth0");
	assert_set_ok(c, "lxc.net.4.macvlan.mode", "vepa");
	assert_set_ok(c, "lxc.net.4.type", "veth");
	assert_set_ok(c, "lxc.net.4.veth.pair", "vp0");
	assert_set_ok(c, "lxc.net.4.type", "veth");
	assert_get(c, "lxc.net.4.veth.pair", "vp0");
	assert_set_ok(c, "lxc.net.4.type", "macvlan");
	assert_get(c, "lxc.net.4.macvlan.mode", "private");
	assert_set_ok(c, "lxc.net.4.type", "veth");
	assert_get(c, "lxc.net.4.veth.pair", "");
	assert_get(c, "lxc.net.4.link", "eth0");
}

static void test_failed_set_changes_nothing(void **state)
{
	struct lxc_conf *c = *state;

	assert_set_fails(c, "lxc.net.7.ipv4.address", "1.2.3.4/40",
			 invalid("lxc.net.7.ipv4.address", "1.2.3.4/40",
				 "an IPv4 address with prefix length, e.g. 192.0.2.10/24, "
				 "optionally followed by a broadcast address"));
	assert_get(c, "lxc.net", "");
	assert_int_equal(test_get_raw(c, "lxc.net.7.ipv4.address"), -ENOENT);
	/* An empty value for a missing network creates nothing either. */
	assert_set_ok(c, "lxc.net.7.link", "");
	assert_get(c, "lxc.net", "");

	assert_set_ok(c, "lxc.net.7.ipv4.address", "192.0.2.1/24");
	assert_set_fails(c, "lxc.net.7.ipv4.address", "192.0.2.300/24",
			 invalid("lxc.net.7.ipv4.address", "192.0.2.300/24",
				 "an IPv4 address with prefix length, e.g. 192.0.2.10/24, "
				 "optionally followed by a broadcast address"));
	assert_get(c, "lxc.net.7.ipv4.address", "192.0.2.1/24\n");
}

static void test_clear_scopes(void **state)
{
	struct lxc_conf *c = *state;

	assert_set_ok(c, "lxc.net.0.type", "veth");
	assert_set_ok(c, "lxc.net.0.link", "br0");
	assert_set_ok(c, "lxc.net.3.type", "phys");
	assert_set_ok(c, "lxc.net.3.link", "eth1");
	assert_set_ok(c, "lxc.net.9.type", "empty");

	assert_int_equal(test_clear(c, "lxc.net.0.link"), 0);
	assert_get(c, "lxc.net.0.link", "");
	assert_get(c, "lxc.net.0.type", "veth");
	assert_int_equal(test_clear(c, "lxc.net.5.link"), -ENOENT);

	assert_int_equal(test_clear(c, "lxc.net.3"), 0);
	assert_get(c, "lxc.net", "0\n9\n");
	assert_int_equal(test_clear(c, "lxc.net.3"), -ENOENT);
	assert_int_equal(test_get_raw(c, "lxc.net.3.link"), -ENOENT);

	assert_int_equal(test_clear(c, "lxc.net"), 0);
	assert_get(c, "lxc.net", "");

	/* "lxc.net =" clears everything; a value is refused. */
	assert_set_ok(c, "lxc.net.1.type", "veth");
	assert_set_fails(c, "lxc.net", "x",
			 invalid("lxc.net", "x", "an empty value, which removes every network"));
	assert_get(c, "lxc.net", "1\n");
	assert_set_ok(c, "lxc.net", "");
	assert_get(c, "lxc.net", "");
	/* "lxc.net.[i]" cannot be set */
	assert_int_not_equal(test_set(c, "lxc.net.1", "veth"), 0);
}

static void test_list_keys(void **state)
{
	struct lxc_conf *c = *state;
	const char *common = "type\nflags\nlink\nname\nhwaddr\nmtu\nipv4.address\nipv4.gateway\n"
			     "ipv6.address\nipv6.gateway\nl2proxy\nscript.up\nscript.down\n";
	char buf[1024];

	assert_null(test_keys(c, "lxc.net.0"));
	assert_set_ok(c, "lxc.net.0.link", "br0");
	assert_get(c, "lxc.net.0.type", "");
	assert_string_equal(test_keys(c, "lxc.net.0"), common);

	assert_set_ok(c, "lxc.net.0.type", "veth");
	snprintf(buf, sizeof(buf), "%s%s", common,
		 "veth.mode\nveth.pair\nveth.ipv4.route\nveth.ipv6.route\nveth.vlan.id\n"
		 "veth.vlan.tagged.id\nveth.n_rxqueues\nveth.n_txqueues\n");
	assert_string_equal(test_keys(c, "lxc.net.0"), buf);

	assert_set_ok(c, "lxc.net.0.type", "macvlan");
	snprintf(buf, sizeof(buf), "%smacvlan.mode\n", common);
	assert_string_equal(test_keys(c, "lxc.net.0"), buf);

	assert_set_ok(c, "lxc.net.0.type", "ipvlan");
	snprintf(buf, sizeof(buf), "%sipvlan.mode\nipvlan.isolation\n", common);
	assert_string_equal(test_keys(c, "lxc.net.0"), buf);

	assert_set_ok(c, "lxc.net.0.type", "vlan");
	snprintf(buf, sizeof(buf), "%svlan.id\n", common);
	assert_string_equal(test_keys(c, "lxc.net.0"), buf);

	assert_set_ok(c, "lxc.net.0.type", "phys");
	assert_string_equal(test_keys(c, "lxc.net.0"), common);

	assert_set_ok(c, "lxc.net.0.type", "empty");
	assert_string_equal(test_keys(c, "lxc.net.0"), "type\nscript.up\nscript.down\n");
	assert_set_ok(c, "lxc.net.0.type", "none");
	assert_string_equal(test_keys(c, "lxc.net.0"), "type\nscript.up\nscript.down\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_type, setup, teardown),
		cmocka_unit_test_setup_teardown(test_order_and_gaps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flags, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ifnames, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mtu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hwaddr, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ipv4_address, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ipv6_address, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gateways, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scripts_l2proxy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_veth, setup, teardown),
		cmocka_unit_test_setup_teardown(test_macvlan_ipvlan_vlan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_type_specific_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_set_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_clear_scopes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_keys, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
