/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests for the network model: the sorted container, accessors, typed addresses with
 * computed broadcasts, and the value parsers the network code can reuse. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/str.h"
#include "config/net/net.h"

static const char *ntop4(struct in_addr a)
{
	static char buf[INET_ADDRSTRLEN];

	return inet_ntop(AF_INET, &a, buf, sizeof(buf));
}

static void test_container(void **state)
{
	struct conf_net m;
	struct conf_net_dev *dev;
	unsigned int seen[8], n = 0;

	conf_net_init(&m);
	assert_int_equal(conf_net_count(&m), 0);
	assert_null(conf_net_at(&m, 0));
	assert_non_null(conf_net_get_or_add(&m, 5));
	assert_non_null(conf_net_get_or_add(&m, 1));
	assert_non_null(conf_net_get_or_add(&m, 9));
	assert_non_null(conf_net_get_or_add(&m, 3));
	assert_ptr_equal(conf_net_get_or_add(&m, 5), conf_net_find(&m, 5));
	assert_int_equal(conf_net_count(&m), 4);
	conf_net_foreach(dev, &m)
		seen[n++] = dev->index;
	assert_int_equal(n, 4);
	assert_int_equal(seen[0], 1);
	assert_int_equal(seen[1], 3);
	assert_int_equal(seen[2], 5);
	assert_int_equal(seen[3], 9);
	assert_null(conf_net_find(&m, 4));

	dev = conf_net_find(&m, 3);
	assert_int_equal(dev->type, CONF_NET_UNSET);
	assert_int_equal(dev->veth.mode, CONF_NET_VETH_BRIDGE);
	assert_int_equal(dev->veth.vlan_id, CONF_NET_VLAN_UNSET);
	assert_int_equal(dev->vlan.vid, CONF_NET_VLAN_UNSET);
	assert_int_equal(dev->ipvlan.mode, CONF_NET_IPVLAN_L3);
	assert_int_equal(dev->macvlan.mode, CONF_NET_MACVLAN_PRIVATE);

	assert_int_equal(conf_net_remove(&m, 3), 0);
	assert_int_equal(conf_net_remove(&m, 3), -ENOENT);
	assert_int_equal(conf_net_at(&m, 1)->index, 5);
	conf_net_clear(&m);
	assert_int_equal(conf_net_count(&m), 0);
	conf_net_free(&m);
}

static void test_names(void **state)
{
	assert_null(conf_net_type_name(CONF_NET_UNSET));
	assert_string_equal(conf_net_type_name(CONF_NET_VETH), "veth");
	assert_string_equal(conf_net_type_name(CONF_NET_NONE), "none");
	assert_null(conf_net_type_name(CONF_NET_NONE + 1));
	assert_string_equal(conf_net_veth_mode_name(CONF_NET_VETH_ROUTER), "router");
	assert_string_equal(conf_net_macvlan_mode_name(CONF_NET_MACVLAN_PASSTHRU), "passthru");
	assert_string_equal(conf_net_ipvlan_mode_name(CONF_NET_IPVLAN_L3S), "l3s");
	assert_string_equal(conf_net_ipvlan_isolation_name(CONF_NET_IPVLAN_ISO_VEPA), "vepa");
}

static void test_ipv4(void **state)
{
	struct conf_net_ipv4 a;
	struct strbuf sb = { 0 };

	assert_int_equal(conf_net_parse_ipv4("192.0.2.10/24", false, true, &a), 0);
	assert_int_equal(a.prefix, 24);
	assert_false(a.has_bcast);
	assert_string_equal(ntop4(a.addr), "192.0.2.10");
	assert_string_equal(ntop4(a.bcast), "192.0.2.255");

	assert_int_equal(conf_net_parse_ipv4("10.2.3.5/24\t10.2.3.200", false, true, &a), 0);
	assert_true(a.has_bcast);
	assert_string_equal(ntop4(a.bcast), "10.2.3.200");
	assert_int_equal(conf_net_put_ipv4(&sb, &a), 0);
	assert_string_equal(sb.buf, "10.2.3.5/24 10.2.3.200");

	/* classful default prefix when none is written */
	assert_int_equal(conf_net_parse_ipv4("172.16.1.1", false, true, &a), 0);
	assert_int_equal(a.prefix, 16);
	assert_string_equal(ntop4(a.bcast), "172.16.255.255");
	assert_int_equal(conf_net_parse_ipv4("192.168.1.1", false, true, &a), 0);
	assert_int_equal(a.prefix, 24);
	assert_int_equal(conf_net_parse_ipv4("10.0.0.1/32", false, true, &a), 0);
	assert_string_equal(ntop4(a.bcast), "10.0.0.1");
	assert_int_equal(conf_net_parse_ipv4("10.0.0.1/0", false, true, &a), 0);
	assert_string_equal(ntop4(a.bcast), "255.255.255.255");

	assert_int_equal(conf_net_parse_ipv4("10.0.0.1", true, false, &a), -EINVAL);
	assert_int_equal(conf_net_parse_ipv4("10.0.0.0/8 10.255.255.255", true, false, &a),
			 -EINVAL);
	assert_int_equal(conf_net_parse_ipv4("10.0.0.256/8", false, true, &a), -EINVAL);
	assert_int_equal(conf_net_parse_ipv4("10.0.0.1/8 ", false, true, &a), -EINVAL);
	strbuf_free(&sb);
}

static void test_ipv6(void **state)
{
	struct conf_net_ipv6 a;
	struct strbuf sb = { 0 };

	assert_int_equal(conf_net_parse_ipv6("2001:DB8::0:1", false, &a), 0);
	assert_int_equal(a.prefix, 64);
	assert_int_equal(conf_net_put_ipv6(&sb, &a), 0);
	assert_string_equal(sb.buf, "2001:db8::1/64");
	assert_int_equal(conf_net_parse_ipv6("::/0", true, &a), 0);
	assert_int_equal(a.prefix, 0);
	assert_int_equal(conf_net_parse_ipv6("2001:db8::1", true, &a), -EINVAL);
	assert_int_equal(conf_net_parse_ipv6("2001:db8::1/128", true, &a), 0);
	assert_int_equal(conf_net_parse_ipv6("2001:db8::1/64x", true, &a), -EINVAL);
	strbuf_free(&sb);
}

static void test_ifname_hwaddr(void **state)
{
	char mac[18];

	assert_true(conf_net_ifname_valid("eth0"));
	assert_true(conf_net_ifname_valid("veth%d"));
	assert_true(conf_net_ifname_valid("eth+"));
	assert_false(conf_net_ifname_valid(""));
	assert_false(conf_net_ifname_valid("."));
	assert_false(conf_net_ifname_valid("0123456789abcdef"));
	assert_false(conf_net_ifname_valid("eth\t0"));

	assert_int_equal(conf_net_parse_hwaddr("AA:bb:CC:xx:X1:00", mac), 0);
	assert_string_equal(mac, "aa:bb:cc:xx:x1:00");
	assert_int_equal(conf_net_parse_hwaddr("aa:bb:cc:dd:ee", mac), -EINVAL);
	assert_int_equal(conf_net_parse_hwaddr("aa:bb:cc:dd:ee:fff", mac), -EINVAL);
	assert_int_equal(conf_net_parse_hwaddr("aa:bb:cc:dd:e:fff", mac), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_container),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_ipv4),
		cmocka_unit_test(test_ipv6),
		cmocka_unit_test(test_ifname_hwaddr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
