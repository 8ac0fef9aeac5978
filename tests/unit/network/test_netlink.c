/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests of network/netlink.c and the link parser: messages built with nests compared
 * byte for byte with hand-written expectations; error/extended-ack and RTM_NEWLINK decoding
 * from hand-written kernel replies. */
#include <errno.h>
#include <linux/if_link.h>
#include <net/if.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "network/link.h"
#include "network/netlink.h"

/* RTM_NEWLINK veth "ve0" with peer "ve1": IFLA_LINKINFO { KIND "veth", DATA { PEER {
 * ifinfomsg, IFNAME "ve1" } } } -- three levels of nesting. */
static const unsigned char veth_expected[] = {
	0x58, 0x00, 0x00, 0x00, 0x10, 0x00, 0x01, 0x06,	/* len 88, RTM_NEWLINK, REQ|EXCL|CREATE */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* seq, pid */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* ifinfomsg */
	0x08, 0x00, 0x03, 0x00, 'v', 'e', '0', 0x00,	/* IFLA_IFNAME */
	0x30, 0x00, 0x12, 0x00,				/* IFLA_LINKINFO, 48 */
	0x09, 0x00, 0x01, 0x00, 'v', 'e', 't', 'h', 0x00, 0x00, 0x00, 0x00, /* KIND + pad */
	0x20, 0x00, 0x02, 0x00,				/* IFLA_INFO_DATA, 32 */
	0x1c, 0x00, 0x01, 0x00,				/* VETH_INFO_PEER, 28 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* peer ifinfomsg */
	0x08, 0x00, 0x03, 0x00, 'v', 'e', '1', 0x00,		/* IFLA_IFNAME */
};

static void test_build_nested(void **state)
{
	__do_nlmsg struct nl_msg m = { 0 };
	struct ifinfomsg ifi = { 0 };

	assert_int_equal(nlmsg_init(&m, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &ifi,
				    sizeof(ifi)), 0);
	assert_int_equal(nla_put_string(&m, IFLA_IFNAME, "ve0"), 0);
	assert_int_equal(nla_nest_start(&m, IFLA_LINKINFO), 0);
	assert_int_equal(nla_put_string(&m, IFLA_INFO_KIND, "veth"), 0);
	assert_int_equal(nla_nest_start(&m, IFLA_INFO_DATA), 0);
	assert_int_equal(nla_nest_start(&m, 1 /* VETH_INFO_PEER */), 0);
	assert_int_equal(nlmsg_append(&m, &ifi, sizeof(ifi)), 0);
	assert_int_equal(nla_put_string(&m, IFLA_IFNAME, "ve1"), 0);
	assert_int_equal(nla_nest_end(&m), 0);
	assert_int_equal(nla_nest_end(&m), 0);
	assert_int_equal(nla_nest_end(&m), 0);
	assert_int_equal(m.error, 0);
	assert_int_equal(m.len, sizeof(veth_expected));
	assert_memory_equal(m.buf, veth_expected, sizeof(veth_expected));
}

static void test_build_scalars(void **state)
{
	__do_nlmsg struct nl_msg m = { 0 };
	static const unsigned char expected[] = {
		0x30, 0x00, 0x00, 0x00, 0x13, 0x00, 0x01, 0x00,	/* len 48, RTM_SETLINK, REQ */
		0, 0, 0, 0, 0, 0, 0, 0,
		0x06, 0x00, 0x00, 0x00,				/* 2-byte header + pad */
		0x06, 0x00, 0x05, 0x00, 0x34, 0x12, 0x00, 0x00,	/* u16 type 5 + pad */
		0x05, 0x00, 0x07, 0x00, 0xab, 0x00, 0x00, 0x00,	/* u8 type 7 */
		0x04, 0x00, 0x09, 0x00,				/* flag type 9 */
		0x08, 0x00, 0x04, 0x00, 0xdc, 0x05, 0x00, 0x00,	/* u32 1500 */
	};
	uint16_t hdr = 6;

	nlmsg_init(&m, RTM_SETLINK, 0, &hdr, sizeof(hdr));
	nla_put_u16(&m, 5, 0x1234);
	nla_put_u8(&m, 7, 0xab);
	nla_put_flag(&m, 9);
	nla_put_u32(&m, IFLA_MTU, 1500);
	assert_int_equal(m.error, 0);
	assert_int_equal(m.len, sizeof(expected));
	assert_memory_equal(m.buf, expected, sizeof(expected));
}

static void test_nest_errors_sticky(void **state)
{
	__do_nlmsg struct nl_msg m = { 0 };
	__do_nlmsg struct nl_msg deep = { 0 };

	nlmsg_init(&m, RTM_NEWLINK, 0, NULL, 0);
	assert_int_equal(nla_nest_end(&m), -EINVAL);
	/* Sticky: later appends fail with the first error. */
	assert_int_equal(nla_put_u32(&m, 1, 1), -EINVAL);
	assert_int_equal(m.error, -EINVAL);

	nlmsg_init(&deep, RTM_NEWLINK, 0, NULL, 0);
	for (int i = 0; i < NETLINK_NEST_MAX; i++)
		assert_int_equal(nla_nest_start(&deep, 1), 0);
	assert_int_equal(nla_nest_start(&deep, 1), -E2BIG);
}

static void test_parse_attrs(void **state)
{
	static const unsigned char attrs[] = {
		0x08, 0x00, 0x04, 0x00, 0xdc, 0x05, 0x00, 0x00,	/* type 4 u32 1500 */
		0x08, 0x00, 0x03, 0x80, 'a', 'b', 'c', 0x00,	/* type 3 | NLA_F_NESTED */
		0x05, 0x00, 0x63, 0x00, 0x01, 0x00, 0x00, 0x00,	/* type 99 > max: skipped */
		0x06, 0x00, 0x01, 0x00, 'x', 'y', 0x00, 0x00,	/* type 1, not NUL-terminated */
	};
	static const unsigned char truncated[] = { 0x10, 0x00, 0x01, 0x00, 1, 2, 3, 4 };
	const struct nlattr *tb[6];

	assert_int_equal(nla_parse(tb, 5, attrs, sizeof(attrs)), 0);
	assert_non_null(tb[4]);
	assert_int_equal(nla_get_u32(tb[4]), 1500);
	assert_non_null(tb[3]);
	assert_string_equal(nla_get_string(tb[3]), "abc");
	assert_non_null(tb[1]);
	assert_null(nla_get_string(tb[1]));
	assert_null(tb[0]);
	assert_null(tb[2]);
	assert_null(tb[5]);
	assert_int_equal(nla_parse(tb, 5, truncated, sizeof(truncated)), -EINVAL);
}

/* NLMSG_ERROR, capped (only the request's header echoed), with NLMSGERR_ATTR_MSG. */
static const unsigned char err_capped[] = {
	0x30, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x03,	/* len 48, NLMSG_ERROR, CAPPED|ACK_TLVS */
	0x05, 0x00, 0x00, 0x00, 0x99, 0x00, 0x00, 0x00,	/* seq 5, port 0x99 */
	0xea, 0xff, 0xff, 0xff,				/* error -22 */
	0x20, 0x00, 0x00, 0x00, 0x10, 0x00, 0x05, 0x00,	/* echoed header: len 32, RTM_NEWLINK */
	0x05, 0x00, 0x00, 0x00, 0x99, 0x00, 0x00, 0x00,
	0x0c, 0x00, 0x01, 0x00, 'b', 'a', 'd', ' ', 'm', 't', 'u', 0x00, /* ATTR_MSG */
};

/* NLMSG_ERROR, not capped: the whole 24-byte request is echoed before the TLVs. */
static const unsigned char err_full[] = {
	0x38, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x02,	/* len 56, NLMSG_ERROR, ACK_TLVS */
	0x01, 0x00, 0x00, 0x00, 0x99, 0x00, 0x00, 0x00,
	0xef, 0xff, 0xff, 0xff,				/* error -17 */
	0x18, 0x00, 0x00, 0x00, 0x10, 0x00, 0x05, 0x06,	/* echoed request, len 24 */
	0x01, 0x00, 0x00, 0x00, 0x99, 0x00, 0x00, 0x00,
	0x08, 0x00, 0x03, 0x00, 'v', 'e', '0', 0x00,	/* its IFLA_IFNAME */
	0x0c, 0x00, 0x01, 0x00, 'e', 'x', 'i', 's', 't', 's', 0x00, 0x00,
};

static const unsigned char ack[] = {
	0x24, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x01,	/* len 36, NLMSG_ERROR, CAPPED */
	0x07, 0x00, 0x00, 0x00, 0x99, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,				/* error 0: ACK */
	0x10, 0x00, 0x00, 0x00, 0x10, 0x00, 0x05, 0x00,
	0x07, 0x00, 0x00, 0x00, 0x99, 0x00, 0x00, 0x00,
};

static void test_parse_error(void **state)
{
	struct netlink_err e = { 0 };

	assert_int_equal(netlink_parse_error((const void *)err_capped, &e), -EINVAL);
	assert_int_equal(e.err, -EINVAL);
	assert_string_equal(e.msg, "bad mtu");

	memset(&e, 0, sizeof(e));
	assert_int_equal(netlink_parse_error((const void *)err_full, &e), -EEXIST);
	assert_string_equal(e.msg, "exists");

	memset(&e, 0, sizeof(e));
	assert_int_equal(netlink_parse_error((const void *)ack, &e), 0);
	assert_int_equal(e.err, 0);
	/* NULL diagnostics are allowed. */
	assert_int_equal(netlink_parse_error((const void *)err_capped, NULL), -EINVAL);
}

/* RTM_NEWLINK for "eth0", index 7, up, mtu 1500, counters, kind veth, hwaddr. */
static const unsigned char newlink[] = {
	0x74, 0x00, 0x00, 0x00, 0x10, 0x00, 0x02, 0x00,	/* len 116, RTM_NEWLINK, MULTI */
	0, 0, 0, 0, 0, 0, 0, 0,
	0x00, 0x00, 0x01, 0x00, 0x07, 0x00, 0x00, 0x00,	/* AF_UNSPEC, ARPHRD_ETHER, index 7 */
	0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* IFF_UP, change */
	0x09, 0x00, 0x03, 0x00, 'e', 't', 'h', '0', 0x00, 0x00, 0x00, 0x00,
	0x08, 0x00, 0x04, 0x00, 0xdc, 0x05, 0x00, 0x00,	/* IFLA_MTU 1500 */
	0x24, 0x00, 0x17, 0x00,				/* IFLA_STATS64 (prefix) */
	0x01, 0, 0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0, 0, 0, 0, 0,
	0x2c, 0x01, 0, 0, 0, 0, 0, 0, 0x90, 0x01, 0, 0, 0, 0, 0, 0,
	0x10, 0x00, 0x12, 0x00,				/* IFLA_LINKINFO */
	0x09, 0x00, 0x01, 0x00, 'v', 'e', 't', 'h', 0x00, 0x00, 0x00, 0x00,
	0x0a, 0x00, 0x01, 0x00, 0x02, 0x00, 0x5e, 0x10, 0x20, 0x30, 0x00, 0x00,
};

static void test_parse_link(void **state)
{
	struct netdev_link l;
	char mac[32];

	assert_int_equal(netdev_parse_link((const void *)newlink, &l), 0);
	assert_int_equal(l.ifindex, 7);
	assert_string_equal(l.name, "eth0");
	assert_string_equal(l.kind, "veth");
	assert_int_equal(l.flags, IFF_UP);
	assert_int_equal(l.mtu, 1500);
	assert_int_equal(l.rx_packets, 1);
	assert_int_equal(l.tx_packets, 2);
	assert_int_equal(l.rx_bytes, 300);
	assert_int_equal(l.tx_bytes, 400);
	assert_int_equal(l.master, 0);
	assert_int_equal(l.hwaddr_len, 6);
	netdev_hwaddr_format(l.hwaddr, l.hwaddr_len, mac, sizeof(mac));
	assert_string_equal(mac, "02:00:5e:10:20:30");
	/* Not an RTM_NEWLINK: refused. */
	assert_int_equal(netdev_parse_link((const void *)ack, &l), -EBADMSG);
}

static void test_hwaddr_text(void **state)
{
	unsigned char a[6];
	char buf[18];

	assert_int_equal(netdev_hwaddr_parse("0A:bc:00:11:22:ff", a), 0);
	netdev_hwaddr_format(a, 6, buf, sizeof(buf));
	assert_string_equal(buf, "0a:bc:00:11:22:ff");
	assert_int_equal(netdev_hwaddr_parse("0a:bc:00:11:22", a), -EINVAL);
	assert_int_equal(netdev_hwaddr_parse("0a-bc-00-11-22-ff", a), -EINVAL);
	assert_int_equal(netdev_hwaddr_parse("0g:bc:00:11:22:ff", a), -EINVAL);
	assert_int_equal(netdev_hwaddr_parse(NULL, a), -EINVAL);
	/* A short buffer truncates instead of overflowing. */
	netdev_hwaddr_format(a, 6, buf, 6);
	assert_string_equal(buf, "0a:bc");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_nested),
		cmocka_unit_test(test_build_scalars),
		cmocka_unit_test(test_nest_errors_sticky),
		cmocka_unit_test(test_parse_attrs),
		cmocka_unit_test(test_parse_error),
		cmocka_unit_test(test_parse_link),
		cmocka_unit_test(test_hwaddr_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
