/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Integration test of network/ as root. The process first moves itself into a fresh network
 * namespace "A" and makes a second one "B" (both die with it), so nothing on the host changes;
 * addresses come from 192.0.2.0/24 and 2001:db8::/64. One case per run (argv[1]); a case
 * whose kernel feature is missing exits 77 with the reason. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_bridge.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "network/addr.h"
#include "network/link.h"
#include "network/netlink.h"

static int failures;
static int ns_a = -1, ns_b = -1;
static struct netlink_sock nl_a = NETLINK_SOCK_INIT, nl_b = NETLINK_SOCK_INIT;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

#define CHECK_OK(expr)                                                                             \
	do {                                                                                       \
		int __r = (expr);                                                                  \
		if (__r < 0) {                                                                     \
			fprintf(stderr, "%s:%d: %s failed: %s\n", __FILE__, __LINE__, #expr,       \
				strerror(-__r));                                                   \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

#define CHECK_STR(a, b)                                                                            \
	do {                                                                                       \
		if (strcmp((a), (b)) != 0) {                                                       \
			fprintf(stderr, "%s:%d: \"%s\" != \"%s\"\n", __FILE__, __LINE__, (a),   \
				(b));                                                              \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

static __attribute__((noreturn)) void skip(const char *why)
{
	printf("SKIP: %s\n", why);
	exit(77);
}

static __attribute__((noreturn)) void die(const char *what, int err)
{
	fprintf(stderr, "FATAL: %s: %s\n", what, strerror(err < 0 ? -err : err));
	exit(1);
}

/* A = a fresh namespace for this process; B = another one, kept by its fd. */
static void setup_namespaces(void)
{
	int r;

	if (geteuid() != 0)
		skip("needs root");
	if (unshare(CLONE_NEWNET) < 0)
		skip("cannot create network namespaces");
	ns_a = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (ns_a < 0 || unshare(CLONE_NEWNET) < 0)
		die("create namespace B", errno);
	ns_b = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (ns_b < 0 || setns(ns_a, CLONE_NEWNET) < 0)
		die("return to namespace A", errno);
	r = netlink_open(&nl_a);
	if (r < 0)
		die("open netlink in A", r);
	r = netlink_open_in_netns(ns_b, &nl_b);
	if (r < 0)
		die("open netlink in B", r);
}

static int ifindex(struct netlink_sock *nl, const char *name)
{
	int idx = 0;
	int r = netdev_get_ifindex(nl, name, &idx);

	return r < 0 ? r : idx;
}

/* veth "va" in A, "vb" in B, both with addresses and up. */
static void make_pair(void)
{
	struct netdev_veth_spec s = { .name = "va", .peer = "vb", .peer_netns_fd = ns_b };
	struct in_addr a4, b4;
	struct in6_addr a6, b6;

	CHECK_OK(netdev_veth_create(&nl_a, &s, NULL));
	inet_pton(AF_INET, "192.0.2.1", &a4);
	inet_pton(AF_INET, "192.0.2.2", &b4);
	inet_pton(AF_INET6, "2001:db8::1", &a6);
	inet_pton(AF_INET6, "2001:db8::2", &b6);
	CHECK_OK(netdev_addr_add_ipv4(&nl_a, ifindex(&nl_a, "va"), &a4, 24, NULL, NULL));
	CHECK_OK(netdev_addr_add_ipv4(&nl_b, ifindex(&nl_b, "vb"), &b4, 24, NULL, NULL));
	CHECK_OK(netdev_addr_add_ipv6_nodad(&nl_a, ifindex(&nl_a, "va"), &a6, 64, NULL));
	CHECK_OK(netdev_addr_add_ipv6_nodad(&nl_b, ifindex(&nl_b, "vb"), &b6, 64, NULL));
	CHECK_OK(netdev_set_up(&nl_a, ifindex(&nl_a, "va"), true, NULL));
	CHECK_OK(netdev_set_up(&nl_b, ifindex(&nl_b, "vb"), true, NULL));
}

/* veth pair in A, one end moved to B (renamed on the way), then renamed again, mtu, hwaddr,
 * up; the values read back are exact. A second pair is created with its peer directly in B. */
static void case_veth(void)
{
	struct netdev_veth_spec s = {
		.name = "t0", .peer = "t1", .peer_netns_fd = -1, .mtu = 1400,
	};
	struct netdev_link l;
	char mac[32];
	int i0, i1;

	CHECK_OK(netdev_veth_create(&nl_a, &s, NULL));
	i0 = ifindex(&nl_a, "t0");
	i1 = ifindex(&nl_a, "t1");
	CHECK(i0 > 0 && i1 > 0);
	CHECK(netdev_get_link(&nl_a, i0, NULL, &l) == 0);
	CHECK_STR(l.kind, "veth");
	CHECK(l.mtu == 1400);
	CHECK(l.link == i1);

	CHECK_OK(netdev_move_to_netns_fd(&nl_a, i1, ns_b, "moved", NULL));
	CHECK(ifindex(&nl_a, "t1") == -ENODEV);
	CHECK(ifindex(&nl_b, "moved") > 0);
	i1 = ifindex(&nl_b, "moved");
	CHECK_OK(netdev_rename(&nl_b, i1, "eth7", NULL));
	CHECK(ifindex(&nl_b, "moved") == -ENODEV);
	CHECK(ifindex(&nl_b, "eth7") == i1);
	CHECK_OK(netdev_set_mtu(&nl_b, i1, 1280, NULL));
	CHECK_OK(netdev_set_hwaddr(&nl_b, i1, "02:00:5e:10:20:30", NULL));
	CHECK_OK(netdev_set_up(&nl_b, i1, true, NULL));
	CHECK(netdev_get_link(&nl_b, 0, "eth7", &l) == 0);
	CHECK(l.ifindex == i1);
	CHECK(l.mtu == 1280);
	CHECK(l.flags & IFF_UP);
	netdev_hwaddr_format(l.hwaddr, l.hwaddr_len, mac, sizeof(mac));
	CHECK_STR(mac, "02:00:5e:10:20:30");
	CHECK_OK(netdev_set_up(&nl_b, i1, false, NULL));
	CHECK(netdev_get_link(&nl_b, i1, NULL, &l) == 0 && !(l.flags & IFF_UP));

	/* Move by pid: a child sitting in B stands for the container's init. */
	{
		int pfd[2], ready[2];
		char c = 0;
		pid_t pid;

		CHECK(pipe(pfd) == 0 && pipe(ready) == 0);
		pid = fork();
		if (pid == 0) {
			close(pfd[1]);
			close(ready[0]);
			if (setns(ns_b, CLONE_NEWNET) < 0)
				_exit(1);
			(void)write(ready[1], &c, 1);
			(void)read(pfd[0], &c, 1);	/* until the parent closes its end */
			_exit(0);
		}
		close(pfd[0]);
		close(ready[1]);
		CHECK(read(ready[0], &c, 1) == 1);
		close(ready[0]);
		s = (struct netdev_veth_spec){ .name = "w0", .peer = "w1", .peer_netns_fd = -1 };
		CHECK_OK(netdev_veth_create(&nl_a, &s, NULL));
		CHECK_OK(netdev_move_to_netns_pid(&nl_a, ifindex(&nl_a, "w1"), pid, "eth9", NULL));
		close(pfd[1]);
		waitpid(pid, NULL, 0);
		CHECK(ifindex(&nl_b, "eth9") > 0);
		CHECK(ifindex(&nl_a, "w1") == -ENODEV);
		CHECK_OK(netdev_delete_by_name(&nl_a, "w0", NULL));
		CHECK(netdev_move_to_netns_pid(&nl_a, i0, 0, NULL, NULL) == -EINVAL);
	}

	/* Peer created straight in B. */
	s = (struct netdev_veth_spec){ .name = "u0", .peer = "u1", .peer_netns_fd = ns_b };
	CHECK_OK(netdev_veth_create(&nl_a, &s, NULL));
	CHECK(ifindex(&nl_a, "u0") > 0);
	CHECK(ifindex(&nl_a, "u1") == -ENODEV);
	CHECK(ifindex(&nl_b, "u1") > 0);
	/* Deleting one end deletes both. */
	CHECK_OK(netdev_delete_by_name(&nl_a, "u0", NULL));
	CHECK(ifindex(&nl_b, "u1") == -ENODEV);
	CHECK_OK(netdev_delete(&nl_a, i0, NULL));
	CHECK(ifindex(&nl_b, "eth7") == -ENODEV);
	CHECK(netdev_delete(&nl_a, i0, NULL) == -ENODEV);
}

/* Run argv in namespace B; returns the exit status. */
static int run_in_b(char *const argv[])
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);

		if (setns(ns_b, CLONE_NEWNET) < 0)
			_exit(126);
		dup2(devnull, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static int count_addrs(int family, int idx, int scope, const char *want)
{
	struct netdev_addr *v = NULL;
	size_t n = 0;
	int found = 0;
	char buf[INET6_ADDRSTRLEN];

	CHECK_OK(netdev_addr_list(&nl_a, family, idx, scope, &v, &n));
	for (size_t i = 0; i < n; i++) {
		CHECK(netdev_addr_to_string(&v[i], buf, sizeof(buf)) == 0);
		if (want && strcmp(buf, want) == 0)
			found++;
		else if (want)
			found += 1000;	/* anything else is a failure */
	}
	free(v);
	return want ? found : (int)n;
}

static void case_addr_ping(void)
{
	char *ping4[] = { "busybox", "ping", "-c", "1", "-W", "5", "192.0.2.1", NULL };
	char *ping6[] = { "busybox", "ping6", "-c", "1", "-W", "5", "2001:db8::1", NULL };
	struct netdev_link l;
	struct netdev_addr *v = NULL;
	size_t n = 0;
	int va;

	make_pair();
	va = ifindex(&nl_a, "va");
	CHECK(count_addrs(AF_INET, va, -1, "192.0.2.1") == 1);
	CHECK(count_addrs(AF_INET6, va, RT_SCOPE_UNIVERSE, "2001:db8::1") == 1);
	/* The link-local address appears with scope link only. */
	CHECK(count_addrs(AF_INET6, va, RT_SCOPE_LINK, NULL) == 1);
	CHECK_OK(netdev_addr_list(&nl_a, AF_INET, va, -1, &v, &n));
	CHECK(n == 1 && v[0].prefix == 24 && v[0].scope == RT_SCOPE_UNIVERSE && v[0].ifindex == va);
	free(v);
	{
		struct in_addr a4;

		inet_pton(AF_INET, "192.0.2.1", &a4);
		CHECK(netdev_addr_add_ipv4(&nl_a, va, &a4, 24, NULL, NULL) == -EEXIST);
	}

	CHECK(run_in_b(ping4) == 0);
	CHECK(run_in_b(ping6) == 0);
	CHECK(netdev_get_link(&nl_a, va, NULL, &l) == 0);
	CHECK(l.rx_packets >= 2 && l.tx_packets >= 2);
	/* At least one echo or reply of each family: 84 bytes (v4) + 104 (v6) on the wire. */
	CHECK(l.rx_bytes >= 84 + 104 && l.tx_bytes >= 84 + 104);
	{
		struct netdev_link *all = NULL;
		size_t na = 0;
		int seen = 0;

		CHECK_OK(netdev_list_links(&nl_a, &all, &na));
		for (size_t i = 0; i < na; i++)
			if (!strcmp(all[i].name, "va") && all[i].rx_bytes == l.rx_bytes)
				seen++;
		CHECK(na == 2 && seen == 1);	/* lo and va */
		free(all);
	}
}

static void case_routes(void)
{
	struct in_addr gw4, host4, net4;
	struct in6_addr gw6, host6;
	struct netlink_err e = { 0 };
	int vb;
	char *ping[] = { "busybox", "ping", "-c", "1", "-W", "5", "198.51.100.7", NULL };

	make_pair();
	vb = ifindex(&nl_b, "vb");
	inet_pton(AF_INET, "192.0.2.1", &gw4);
	inet_pton(AF_INET6, "2001:db8::1", &gw6);
	/* Unreachable gateway (no route to it yet): the kernel's message comes back. */
	inet_pton(AF_INET, "198.51.100.1", &net4);
	CHECK(netdev_route_default_ipv4(&nl_b, vb, &net4, &e) == -ENETUNREACH);
	CHECK(e.err == -ENETUNREACH);
	CHECK_STR(e.msg, "Nexthop has invalid gateway");
	memset(&e, 0, sizeof(e));
	CHECK_OK(netdev_route_default_ipv4(&nl_b, vb, &gw4, NULL));
	CHECK_OK(netdev_route_default_ipv6(&nl_b, vb, &gw6, NULL));
	CHECK(netdev_route_default_ipv4(&nl_b, vb, &gw4, &e) == -EEXIST);
	CHECK(e.err == -EEXIST);
	/* Router mode: host routes on A's side towards the container's addresses. */
	inet_pton(AF_INET, "198.51.100.7", &host4);
	inet_pton(AF_INET6, "2001:db8:1::7", &host6);
	CHECK_OK(netdev_addr_add_ipv4(&nl_b, ifindex(&nl_b, "lo"), &host4, 32, NULL, NULL));
	CHECK_OK(netdev_set_up(&nl_b, ifindex(&nl_b, "lo"), true, NULL));
	CHECK_OK(netdev_route_add_ipv4(&nl_a, ifindex(&nl_a, "va"), &host4, 32, NULL, NULL));
	CHECK_OK(netdev_route_add_ipv6(&nl_a, ifindex(&nl_a, "va"), &host6, 128, NULL, NULL));
	/* B reaches 192.0.2.1 and A reaches 198.51.100.7 through the host route; the reply
	 * comes back through B's default route. Run ping from A's side via B's default. */
	CHECK(run_in_b(ping) == 0);
	CHECK_OK(netdev_route_del_ipv6(&nl_a, ifindex(&nl_a, "va"), &host6, 128, NULL));
	CHECK(netdev_route_del_ipv6(&nl_a, ifindex(&nl_a, "va"), &host6, 128, NULL) == -ESRCH);
	/* "dev" gateway: a default route through the device, in a fresh pair. */
	CHECK_OK(netdev_route_del_ipv4(&nl_b, vb, NULL, 0, NULL));
	CHECK_OK(netdev_route_default_ipv4(&nl_b, vb, NULL, NULL));

}

static void case_bridge(void)
{
	struct netdev_veth_spec s = { .name = "p0", .peer = "p1", .peer_netns_fd = ns_b };
	struct netlink_err e = { 0 };
	struct netdev_link l;
	int br, p0;

	CHECK_OK(netdev_bridge_create(&nl_a, "br0", false, NULL));
	br = ifindex(&nl_a, "br0");
	CHECK(netdev_get_link(&nl_a, br, NULL, &l) == 0);
	CHECK_STR(l.kind, "bridge");
	CHECK_OK(netdev_veth_create(&nl_a, &s, NULL));
	p0 = ifindex(&nl_a, "p0");
	CHECK_OK(netdev_set_master(&nl_a, p0, br, NULL));
	CHECK(netdev_get_link(&nl_a, p0, NULL, &l) == 0 && l.master == br);
	CHECK_OK(netdev_set_master(&nl_a, p0, 0, NULL));
	CHECK(netdev_get_link(&nl_a, p0, NULL, &l) == 0 && l.master == 0);
	CHECK(netdev_set_master(&nl_a, p0, 9999, &e) == -EINVAL);
	CHECK(e.err == -EINVAL);
	CHECK(netdev_bridge_vlan_add(&nl_a, 9999, 10, 0, &e) == -ENODEV);
	CHECK_STR(e.msg, "unknown ifindex");
}

static void case_bridge_vlan(void)
{
	struct netdev_veth_spec s = { .name = "p0", .peer = "p1", .peer_netns_fd = ns_b };
	struct netlink_err e = { 0 };
	uint16_t vids[8], flags[8];
	int br, p0, r, n;

	r = netdev_bridge_create(&nl_a, "br0", true, &e);
	if (r == -EOPNOTSUPP) {
		/* Without the feature, a VLAN entry on a plain bridge's port is refused with
		 * the kernel's errno, and the port lists no VLANs. */
		CHECK_OK(netdev_bridge_create(&nl_a, "br0", false, NULL));
		CHECK_OK(netdev_veth_create(&nl_a, &s, NULL));
		p0 = ifindex(&nl_a, "p0");
		CHECK_OK(netdev_set_master(&nl_a, p0, ifindex(&nl_a, "br0"), NULL));
		CHECK(netdev_bridge_vlan_add(&nl_a, p0, 10, BRIDGE_VLAN_INFO_PVID, &e) ==
		      -EOPNOTSUPP);
		CHECK(e.err == -EOPNOTSUPP);
		CHECK(netdev_bridge_vlan_list(&nl_a, p0, vids, flags, 8) == 0);
		if (failures)
			exit(1);
		skip("kernel lacks bridge VLAN filtering (CONFIG_BRIDGE_VLAN_FILTERING)");
	}
	CHECK(r == 0);
	br = ifindex(&nl_a, "br0");
	CHECK_OK(netdev_veth_create(&nl_a, &s, NULL));
	p0 = ifindex(&nl_a, "p0");
	CHECK_OK(netdev_set_master(&nl_a, p0, br, NULL));
	/* veth.vlan.id = 10 (PVID, untagged), veth.vlan.tagged.id = 20, 30; drop default 1. */
	CHECK_OK(netdev_bridge_vlan_del(&nl_a, p0, 1, NULL));
	CHECK_OK(netdev_bridge_vlan_add(&nl_a, p0, 10,
					BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED, NULL));
	CHECK_OK(netdev_bridge_vlan_add(&nl_a, p0, 20, 0, NULL));
	CHECK_OK(netdev_bridge_vlan_add(&nl_a, p0, 30, 0, NULL));
	n = netdev_bridge_vlan_list(&nl_a, p0, vids, flags, 8);
	CHECK(n == 3);
	if (n == 3) {
		CHECK(vids[0] == 10 &&
		      flags[0] == (BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED));
		CHECK(vids[1] == 20 && flags[1] == 0);
		CHECK(vids[2] == 30 && flags[2] == 0);
	}
	CHECK(netdev_bridge_vlan_add(&nl_a, p0, 4095, 0, &e) == -EINVAL);
	CHECK_STR(e.msg, "VLAN id out of range 1-4094");
}

static void case_macvlan(void)
{
	struct netdev_veth_spec s = { .name = "par", .peer = "pp", .peer_netns_fd = ns_b };
	static const char *names[] = { "mvp", "mvv", "mvb", "mvt" };
	enum conf_net_macvlan_mode modes[] = { CONF_NET_MACVLAN_PRIVATE, CONF_NET_MACVLAN_VEPA,
					       CONF_NET_MACVLAN_BRIDGE, CONF_NET_MACVLAN_PASSTHRU };
	struct netdev_link l;
	int par;

	CHECK_OK(netdev_veth_create(&nl_a, &s, NULL));
	par = ifindex(&nl_a, "par");
	for (int i = 0; i < 4; i++) {
		/* passthru takes the whole parent: only one macvlan may exist then. */
		CHECK_OK(netdev_macvlan_create(&nl_a, names[i], par, modes[i], 1400, NULL));
		CHECK(netdev_get_link(&nl_a, 0, names[i], &l) == 0);
		CHECK_STR(l.kind, "macvlan");
		CHECK(l.link == par && l.mtu == 1400);
		/* Moved into B under the container's name, as the start sequence does. */
		CHECK_OK(netdev_move_to_netns_fd(&nl_a, l.ifindex, ns_b, "eth0", NULL));
		CHECK(ifindex(&nl_b, "eth0") > 0);
		CHECK_OK(netdev_delete_by_name(&nl_b, "eth0", NULL));
	}
}

static void case_ipvlan(void)
{
	struct netdev_veth_spec s = { .name = "par", .peer = "pp", .peer_netns_fd = ns_b };
	struct netlink_err e = { 0 };
	struct netdev_link l;
	int par, r;

	CHECK_OK(netdev_veth_create(&nl_a, &s, NULL));
	par = ifindex(&nl_a, "par");
	r = netdev_ipvlan_create(&nl_a, "iv0", par, CONF_NET_IPVLAN_L3S,
				 CONF_NET_IPVLAN_ISO_PRIVATE, 0, &e);
	if (r == -EOPNOTSUPP) {
		printf("kernel said: %s\n", e.msg);
		skip("kernel lacks ipvlan");
	}
	CHECK(r == 0);
	CHECK(netdev_get_link(&nl_a, 0, "iv0", &l) == 0);
	CHECK_STR(l.kind, "ipvlan");
	CHECK_OK(netdev_ipvlan_create(&nl_a, "iv1", par, CONF_NET_IPVLAN_L2,
				      CONF_NET_IPVLAN_ISO_VEPA, 0, NULL));
}

static void case_vlan(void)
{
	struct netdev_veth_spec s = { .name = "par", .peer = "pp", .peer_netns_fd = ns_b };
	struct netlink_err e = { 0 };
	struct netdev_link l;
	int par, r;

	CHECK_OK(netdev_veth_create(&nl_a, &s, NULL));
	par = ifindex(&nl_a, "par");
	r = netdev_vlan_create(&nl_a, "par.5", par, 5, 0, &e);
	if (r == -EOPNOTSUPP) {
		/* The error is the kernel's, cleanly: errno and its message. */
		CHECK_STR(e.msg, "Unknown device type");
		if (failures)
			exit(1);
		skip("kernel lacks 8021q (vlan): \"Unknown device type\"");
	}
	CHECK(r == 0);
	CHECK(netdev_get_link(&nl_a, 0, "par.5", &l) == 0);
	CHECK_STR(l.kind, "vlan");
}

static void case_errors(void)
{
	struct netdev_veth_spec s = { .name = "e0", .peer = "e1", .peer_netns_fd = -1 };
	struct netlink_err e = { 0 };
	int i0;

	CHECK_OK(netdev_veth_create(&nl_a, &s, NULL));
	i0 = ifindex(&nl_a, "e0");
	CHECK(netdev_set_mtu(&nl_a, i0, 70000, &e) == -EINVAL);
	CHECK_STR(e.msg, "mtu greater than device maximum");
	memset(&e, 0, sizeof(e));
	CHECK(netdev_set_mtu(&nl_a, i0, 10, &e) == -EINVAL);
	CHECK_STR(e.msg, "mtu less than device minimum");
	memset(&e, 0, sizeof(e));
	/* The kernel explains an over-long name but not an invalid character. */
	CHECK(netdev_rename(&nl_a, i0, "waytoolongname0123", &e) == -ERANGE);
	CHECK_STR(e.msg, "Attribute failed policy validation");
	memset(&e, 0, sizeof(e));
	CHECK(netdev_rename(&nl_a, i0, "bad/name", &e) == -EINVAL);
	CHECK(e.err == -EINVAL);
	CHECK_STR(e.msg, "");
	memset(&e, 0, sizeof(e));
	CHECK(netdev_veth_create(&nl_a, &s, &e) == -EEXIST);
	CHECK(e.err == -EEXIST);
	CHECK(ifindex(&nl_a, "nosuchdev") == -ENODEV);
	CHECK(netdev_set_hwaddr(&nl_a, i0, "02:00:5e:10:20", &e) == -EINVAL);
	CHECK_STR(e.msg, "invalid hardware address");
	memset(&e, 0, sizeof(e));
	CHECK(netdev_set_mtu(&nl_a, 999999, 1500, &e) == -ENODEV);
}

static void case_sysctl_proxy(void)
{
	struct in_addr a4;
	struct in6_addr a6;
	char buf[16];
	int vb;

	make_pair();
	vb = ifindex(&nl_b, "vb");
	CHECK_OK(netdev_sysctl_set(ns_b, "ipv4/conf/%s/proxy_arp", "vb", "1"));
	CHECK_OK(netdev_sysctl_get(ns_b, "ipv4/conf/%s/proxy_arp", "vb", buf, sizeof(buf)));
	CHECK_STR(buf, "1");
	CHECK_OK(netdev_sysctl_set(ns_b, "ipv6/conf/%s/proxy_ndp", "vb", "1"));
	CHECK_OK(netdev_sysctl_get(ns_b, "ipv6/conf/%s/proxy_ndp", "vb", buf, sizeof(buf)));
	CHECK_STR(buf, "1");
	/* The write happened in B: A has no "vb", and its "va" is untouched. */
	CHECK(netdev_sysctl_get(-1, "ipv4/conf/%s/proxy_arp", "vb", buf, sizeof(buf)) == -ENOENT);
	CHECK_OK(netdev_sysctl_get(ns_a, "ipv4/conf/%s/proxy_arp", "va", buf, sizeof(buf)));
	CHECK_STR(buf, "0");
	CHECK(netdev_sysctl_set(ns_b, "ipv4/conf/%s/proxy_arp", "all", "1") == -EINVAL);
	CHECK(netdev_sysctl_set(ns_b, "ipv4/conf/%s/proxy_arp", "../x", "1") == -EINVAL);
	inet_pton(AF_INET, "192.0.2.9", &a4);
	inet_pton(AF_INET6, "2001:db8::9", &a6);
	CHECK_OK(netdev_neigh_proxy_add(&nl_b, AF_INET, vb, &a4, NULL));
	CHECK_OK(netdev_neigh_proxy_add(&nl_b, AF_INET6, vb, &a6, NULL));
	CHECK_OK(netdev_neigh_proxy_del(&nl_b, AF_INET6, vb, &a6, NULL));
	CHECK_OK(netdev_neigh_proxy_del(&nl_b, AF_INET, vb, &a4, NULL));
	CHECK(netdev_neigh_proxy_del(&nl_b, AF_INET, vb, &a4, NULL) == -ENOENT);
}

static const struct {
	const char *name;
	void (*fn)(void);
} cases[] = {
	{ "veth", case_veth },		{ "addr-ping", case_addr_ping },
	{ "routes", case_routes },	{ "bridge", case_bridge },
	{ "bridge-vlan", case_bridge_vlan }, { "macvlan", case_macvlan },
	{ "ipvlan", case_ipvlan },	{ "vlan", case_vlan },
	{ "errors", case_errors },	{ "sysctl-proxy", case_sysctl_proxy },
};

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s CASE\n", argv[0]);
		return 2;
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (strcmp(cases[i].name, argv[1]) != 0)
			continue;
		setup_namespaces();
		cases[i].fn();
		netlink_close(&nl_a);
		netlink_close(&nl_b);
		if (failures) {
			fprintf(stderr, "%d check(s) failed\n", failures);
			return 1;
		}
		printf("ok %s\n", argv[1]);
		return 0;
	}
	fprintf(stderr, "unknown case \"%s\"\n", argv[1]);
	return 2;
}
