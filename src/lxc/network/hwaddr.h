/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Random parts of network settings: lxc.net.N.hwaddr templates ("00:16:3e:xx:xx:xx": each 'x'
 * becomes a random hex digit, the rest is kept) and random device names (vethXXXXXX). */
#pragma once

#include <net/if.h>
#include <stddef.h>

/* The default template LXC uses when lxc.net.N.hwaddr is unset. */
#define NETDEV_HWADDR_DEFAULT_TEMPLATE "00:16:3e:xx:xx:xx"

/* Source of randomness: fills buf, 0 or -errno. NULL means getrandom(2). Tests pass their own. */
typedef int (*netdev_rand_fn)(void *buf, size_t len);

/* Replace every 'x'/'X' of tmpl (17 chars "hh:hh:hh:hh:hh:hh") with a random lower-case hex
 * digit; fixed digits are kept as written. When the second digit of the first octet is
 * random, it is chosen so the address is unicast and locally administered (as LXC does).
 * -EINVAL if tmpl is not of that form. ret gets 17 chars + NUL. */
int netdev_hwaddr_randomize(const char *tmpl, char ret[18], netdev_rand_fn rnd);

/* Replace a trailing run of 'X' in tmpl ("vethXXXXXX", "mcXXXXXX") with random characters from
 * [a-zA-Z0-9]; -EINVAL if the result would not fit IFNAMSIZ or tmpl has no 'X'. */
int netdev_random_name(const char *tmpl, char ret[IFNAMSIZ], netdev_rand_fn rnd);
/* The name LXC gives host-side veths: "veth" + 6 random characters. */
static inline int netdev_random_veth_name(char ret[IFNAMSIZ], netdev_rand_fn rnd)
{
	return netdev_random_name("vethXXXXXX", ret, rnd);
}
