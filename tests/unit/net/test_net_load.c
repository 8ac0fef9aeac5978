/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests for network configuration text loaded through the core: the typed model that
 * later code reads, legacy lxc.network.* sections, and all-or-nothing loading. */
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
#include "config/config.h"
#include "config/net/net.h"

static const char text[] =
	"lxc.uts.name = netload\n"
	"lxc.net.3.type = macvlan\n"
	"lxc.net.3.link = eth0\n"
	"lxc.net.3.macvlan.mode = bridge\n"
	"lxc.net.3.ipv4.address = 10.2.3.4/24\n"
	"lxc.net.3.ipv4.address = 192.168.10.125/24\n"
	"lxc.net.0.type = veth\n"
	"lxc.net.0.flags = up\n"
	"lxc.net.0.link = br0\n"
	"lxc.net.0.name = eth0\n"
	"lxc.net.0.hwaddr = 4A:49:43:49:79:BF\n"
	"lxc.net.0.mtu = 1400\n"
	"lxc.net.0.ipv4.address = 10.2.3.5/24 10.2.3.255\n"
	"lxc.net.0.ipv4.gateway = auto\n"
	"lxc.net.0.ipv6.address = 2003:db8:1:0:214:1234:fe0b:3597\n"
	"lxc.net.0.ipv6.gateway = 2003:db8:1::1\n"
	"lxc.net.0.veth.pair = vhost0\n"
	"lxc.net.0.veth.ipv4.route = 192.0.2.0/24\n";

static void test_model_after_load(void **state)
{
	struct lxc_conf *c = conf_new();
	struct conf_diag d = { 0 };
	struct conf_net_dev *dev;
	char buf[INET6_ADDRSTRLEN];
	unsigned int order[4], n = 0;

	assert_non_null(c);
	assert_int_equal(conf_load_string(c, text, "netload.conf", &d), 0);
	conf_net_foreach(dev, &c->net)
		order[n++] = dev->index;
	assert_int_equal(n, 2);
	assert_int_equal(order[0], 0);
	assert_int_equal(order[1], 3);

	dev = conf_net_find(&c->net, 0);
	assert_non_null(dev);
	assert_int_equal(dev->type, CONF_NET_VETH);
	assert_true(dev->up);
	assert_string_equal(dev->link, "br0");
	assert_string_equal(dev->name, "eth0");
	assert_string_equal(dev->hwaddr, "4a:49:43:49:79:bf");
	assert_int_equal(dev->mtu, 1400);
	assert_int_equal(dev->ipv4.n, 1);
	assert_int_equal(dev->ipv4.v[0].prefix, 24);
	assert_true(dev->ipv4.v[0].has_bcast);
	assert_string_equal(inet_ntop(AF_INET, &dev->ipv4.v[0].bcast, buf, sizeof(buf)),
			    "10.2.3.255");
	assert_int_equal(dev->ipv4_gateway.kind, CONF_NET_GW_AUTO);
	assert_int_equal(dev->ipv6.n, 1);
	assert_int_equal(dev->ipv6.v[0].prefix, 64);
	assert_int_equal(dev->ipv6_gateway.kind, CONF_NET_GW_ADDR);
	assert_string_equal(inet_ntop(AF_INET6, &dev->ipv6_gateway.addr, buf, sizeof(buf)),
			    "2003:db8:1::1");
	assert_string_equal(dev->veth.pair, "vhost0");
	assert_int_equal(dev->veth.mode, CONF_NET_VETH_BRIDGE);
	assert_int_equal(dev->veth.ipv4_routes.n, 1);

	dev = conf_net_find(&c->net, 3);
	assert_non_null(dev);
	assert_int_equal(dev->type, CONF_NET_MACVLAN);
	assert_int_equal(dev->macvlan.mode, CONF_NET_MACVLAN_BRIDGE);
	assert_int_equal(dev->ipv4.n, 2);
	assert_string_equal(inet_ntop(AF_INET, &dev->ipv4.v[1].bcast, buf, sizeof(buf)),
			    "192.168.10.255");
	conf_free(c);
}

static void test_load_error_changes_nothing(void **state)
{
	struct lxc_conf *c = conf_new();
	struct conf_diag d = { 0 };
	struct strbuf out = { 0 };

	assert_non_null(c);
	assert_int_equal(conf_load_string(c, "lxc.net.0.type = veth\n", "a.conf", &d), 0);
	assert_int_equal(conf_load_string(c,
					  "lxc.net.1.type = veth\n"
					  "lxc.net.1.mtu = 9\n",
					  "b.conf", &d),
			 -EINVAL);
	assert_int_equal(d.line, 2);
	assert_string_equal(d.msg, "Invalid value \"9\" for \"lxc.net.1.mtu\": expected an "
				   "integer from 68 to 65535");
	assert_int_equal(conf_get_item(c, "lxc.net", &out), 0);
	assert_string_equal(out.buf, "0\n");
	assert_int_equal(conf_net_count(&c->net), 1);
	strbuf_free(&out);
	conf_free(c);
}

static void test_legacy_sections(void **state)
{
	struct lxc_conf *c = conf_new();
	struct conf_diag d = { 0 };
	struct strbuf out = { 0 };

	assert_non_null(c);
	assert_int_equal(conf_load_string(c,
					  "lxc.network.type = veth\n"
					  "lxc.network.link = br0\n"
					  "lxc.network.type = empty\n",
					  "legacy.conf", &d),
			 0);
	assert_int_equal(conf_get_item(c, "lxc.net", &out), 0);
	assert_string_equal(out.buf, "0\n1\n");
	strbuf_reset(&out);
	assert_int_equal(conf_get_item(c, "lxc.net.0.link", &out), 0);
	assert_string_equal(out.buf, "br0");
	assert_int_equal(conf_net_find(&c->net, 1)->type, CONF_NET_EMPTY);
	strbuf_free(&out);
	conf_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_after_load),
		cmocka_unit_test(test_load_error_changes_nothing),
		cmocka_unit_test(test_legacy_sections),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
