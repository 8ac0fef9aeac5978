/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private to the network step (network.c) and its crash record (network_record.c): what each
 * lxc.net.N made, and the record of it that outlives a killed monitor. */
#pragma once

#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>

#include "config/net/net.h"
#include "network/netlink.h"

struct monitor;

/* What one lxc.net.N made, for the undo. */
struct net_made {
	struct conf_net_dev *dev;
	char host[IFNAMSIZ];	/* host-side device we own (veth end, unmoved macvlan...), "" */
	char inner[IFNAMSIZ];	/* its name inside the container once configured */
	char tmp[IFNAMSIZ];	/* name while moving in */
	int inner_ifindex;
	bool phys;		/* a host device lent to the container */
	char phys_name[IFNAMSIZ];
	unsigned int phys_mtu;
	bool up_ran;		/* script.up ran: script.down runs at cleanup */
	struct net_neigh {
		int family;
		int ifindex;
		struct in6_addr a;	/* in_addr in its first bytes for AF_INET */
	} neigh[16];
	size_t n_neigh;
};

struct net_run {
	int netns;			/* the init's network namespace (keeps it alive) */
	struct netlink_sock host, inner;
	struct net_made *made;
	size_t n;
	bool record;			/* a phys record was written */
};

/* RUNDIR/net/<sha256 of LXCPATH/NAME>, malloc'd; NULL when out of memory. */
char *net_record_path(const struct monitor *m);
/* Write what r made (host-side devices, proxy entries, lent phys devices) to the record. */
void net_record_write(struct monitor *m, struct net_run *r);
/* Undo what a previous, killed monitor of this container recorded, through nl. */
void net_record_restore(struct monitor *m, struct netlink_sock *nl);
