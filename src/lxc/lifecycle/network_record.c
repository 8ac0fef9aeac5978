/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The network step's crash record: RUNDIR/net/<sha256 of LXCPATH/NAME> lists what a run made
 * on the host side so that the next start, or the cleanup guard of a killed monitor, can undo
 * it: host-side devices, proxy ARP/NDP entries and phys devices lent to the container. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "base/str.h"
#include "config/system/paths.h"
#include "ipc/hash.h"
#include "lifecycle/monitor.h"
#include "lifecycle/network.h"
#include "lifecycle/network_internal.h"
#include "log/log.h"
#include "network/addr.h"
#include "network/hwaddr.h"
#include "network/link.h"

lxc_log_define(network_record);

/* RUNDIR/net/<sha256 of LXCPATH/NAME>: "ORIGNAME MTU INNERNAME HWADDR" per lent device,
 * "veth NAME IFINDEX" per host-side device we own, "proxy FAMILY IFINDEX ADDR" per proxy
 * ARP/NDP entry on a host link. */
static char *record_path_for(const char *lxcpath, const char *name)
{
	char hex[IPC_SHA256_HEX_LEN + 1], *rundir = NULL, *path = NULL, *key = NULL;

	if (asprintf(&key, "%s/%s", lxcpath, name) < 0)
		return NULL;
	ipc_sha256_hex(key, hex);
	free(key);
	if (paths_rundir(&rundir) < 0)
		return NULL;
	if (asprintf(&path, "%s/net/%s", rundir, hex) < 0)
		path = NULL;
	free(rundir);
	return path;
}

char *net_record_path(const struct monitor *m)
{
	return record_path_for(m->req.lxcpath, m->req.name);
}

static void record_host_side(struct net_run *r, struct net_made *nm, struct strbuf *sb)
{
	char txt[INET6_ADDRSTRLEN];
	int idx;

	if (nm->host[0] && netdev_get_ifindex(&r->host, nm->host, &idx) == 0)
		strbuf_printf(sb, "veth %s %d\n", nm->host, idx);
	for (size_t k = 0; k < nm->n_neigh; k++)
		if (inet_ntop(nm->neigh[k].family, &nm->neigh[k].a, txt, sizeof(txt)))
			strbuf_printf(sb, "proxy %d %d %s\n", nm->neigh[k].family,
				      nm->neigh[k].ifindex, txt);
}

void net_record_write(struct monitor *m, struct net_run *r)
{
	__do_free char *path = net_record_path(m);
	struct strbuf sb = { 0 };
	char *slash;

	if (!path)
		return;
	for (size_t i = 0; i < r->n; i++) {
		struct net_made *nm = &r->made[i];
		struct netdev_link l;
		char mac[64];

		record_host_side(r, nm, &sb);
		if (!nm->phys || !nm->inner[0] ||
		    netdev_get_link(&r->inner, nm->inner_ifindex, NULL, &l) < 0)
			continue;
		netdev_hwaddr_format(l.hwaddr, l.hwaddr_len, mac, sizeof(mac));
		strbuf_printf(&sb, "%s %u %s %s\n", nm->phys_name, nm->phys_mtu, nm->inner, mac);
	}
	slash = strrchr(path, '/');
	*slash = '\0';
	mkdir_p(path, 0755);
	*slash = '/';
	if (sb.len && file_write_atomic(path, sb.buf, sb.len, 0644) == 0)
		r->record = true;
	strbuf_free(&sb);
}

/* The link of nl's namespace with that hardware address, or -ENODEV. */
static int find_by_mac(struct netlink_sock *nl, const char *mac, struct netdev_link *ret)
{
	struct netdev_link *v = NULL;
	size_t n = 0;
	int found = -ENODEV;

	if (netdev_list_links(nl, &v, &n) < 0)
		return -ENODEV;
	for (size_t i = 0; i < n && found < 0; i++) {
		char buf[64];

		netdev_hwaddr_format(v[i].hwaddr, v[i].hwaddr_len, buf, sizeof(buf));
		if (strcmp(buf, mac) == 0) {
			*ret = v[i];
			found = 0;
		}
	}
	free(v);
	return found;
}

/* A "veth" or "proxy" line: remove what is still there (a device only while that name still
 * has the recorded ifindex). False for other lines. */
static bool restore_host_side(struct netlink_sock *nl, const char *line)
{
	char dev[IFNAMSIZ], txt[INET6_ADDRSTRLEN];
	struct in6_addr a;
	int idx, cur, family;

	if (sscanf(line, "veth %15s %d", dev, &idx) == 2) {
		if (netdev_get_ifindex(nl, dev, &cur) == 0 && cur == idx &&
		    netdev_delete_by_name(nl, dev, NULL) == 0)
			INFO("Removed leftover device \"%s\"", dev);
		return true;
	}
	if (sscanf(line, "proxy %d %d %45s", &family, &idx, txt) == 3) {
		if ((family == AF_INET || family == AF_INET6) && inet_pton(family, txt, &a) == 1)
			netdev_neigh_proxy_del(nl, family, idx, &a, NULL);
		return true;
	}
	return false;
}

/* A monitor that was killed could not give its phys devices back; the kernel returned them
 * to the initial namespace under their container-side names (or "devN"). Rename them back
 * here: only a device with the recorded hardware address that is not already called ORIG,
 * and only while no other device has that name. */
static void record_restore_path(const char *path, struct netlink_sock *nl)
{
	__do_free char *buf = NULL;
	struct strbuf keep = { 0 };
	char **lines = NULL;

	if (!path || file_read_all(path, &buf, NULL) < 0)
		return;
	strv_split(buf, "\n", &lines);
	for (size_t i = 0; lines && lines[i]; i++) {
		char orig[IFNAMSIZ], inner[IFNAMSIZ], mac[64];
		struct netdev_link l;
		unsigned int mtu;
		int idx;

		if (restore_host_side(nl, lines[i]) ||
		    sscanf(lines[i], "%15s %u %15s %63s", orig, &mtu, inner, mac) != 4 ||
		    netdev_get_ifindex(nl, orig, &idx) == 0)
			continue;
		if (find_by_mac(nl, mac, &l) < 0) {
			/* Not back yet (its namespace is still being torn down): next time. */
			strbuf_printf(&keep, "%s\n", lines[i]);
			continue;
		}
		idx = l.ifindex;
		strcpy(inner, l.name);
		netdev_set_up(nl, idx, false, NULL);
		if (netdev_rename(nl, idx, orig, NULL) == 0 && mtu)
			netdev_set_mtu(nl, idx, mtu, NULL);
		INFO("Gave phys device \"%s\" back its name \"%s\"", inner, orig);
	}
	strv_free(lines);
	if (!keep.len || file_write_atomic(path, keep.buf, keep.len, 0644) < 0)
		unlink(path);
	strbuf_free(&keep);
}

void net_record_restore(struct monitor *m, struct netlink_sock *nl)
{
	__do_free char *path = net_record_path(m);

	record_restore_path(path, nl);
}

int net_restore_record(const char *lxcpath, const char *name)
{
	__do_free char *path = record_path_for(lxcpath, name);
	struct netlink_sock nl = NETLINK_SOCK_INIT;
	int ret;

	if (!path)
		return -ENOMEM;
	if (access(path, F_OK) < 0)
		return 0;
	ret = netlink_open(&nl);
	if (ret < 0)
		return ret;
	record_restore_path(path, &nl);
	netlink_close(&nl);
	return 0;
}
