/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The network model: the sorted container of struct conf_net_dev, keyword names, and the
 * parsers and printers of interface names, MAC addresses and IPv4/IPv6 addresses. */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "config/net/net.h"

/* ---- container ---------------------------------------------------------------------- */

void conf_net_init(struct conf_net *m)
{
	m->devs = NULL;
	m->n = 0;
}

static void dev_free(struct conf_net_dev *dev)
{
	if (!dev)
		return;
	free(dev->ipv4.v);
	free(dev->ipv6.v);
	free(dev->script_up);
	free(dev->script_down);
	free(dev->veth.ipv4_routes.v);
	free(dev->veth.ipv6_routes.v);
	free(dev->veth.tagged_ids);
	free(dev);
}

void conf_net_clear(struct conf_net *m)
{
	for (size_t i = 0; i < m->n; i++)
		dev_free(m->devs[i]);
	free(m->devs);
	m->devs = NULL;
	m->n = 0;
}

void conf_net_free(struct conf_net *m)
{
	if (m)
		conf_net_clear(m);
}

size_t conf_net_count(const struct conf_net *m)
{
	return m->n;
}

struct conf_net_dev *conf_net_at(const struct conf_net *m, size_t i)
{
	return i < m->n ? m->devs[i] : NULL;
}

/* Position of index in the sorted array: where it is, or where it would be inserted. */
static size_t dev_pos(const struct conf_net *m, unsigned int index, bool *found)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->devs[mid]->index < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < m->n && m->devs[lo]->index == index;
	return lo;
}

struct conf_net_dev *conf_net_find(const struct conf_net *m, unsigned int index)
{
	bool found;
	size_t pos = dev_pos(m, index, &found);

	return found ? m->devs[pos] : NULL;
}

void conf_net_dev_reset_type_attrs(struct conf_net_dev *dev)
{
	free(dev->veth.ipv4_routes.v);
	free(dev->veth.ipv6_routes.v);
	free(dev->veth.tagged_ids);
	memset(&dev->veth, 0, sizeof(dev->veth));
	dev->veth.mode = CONF_NET_VETH_BRIDGE;
	dev->veth.vlan_id = CONF_NET_VLAN_UNSET;
	dev->macvlan.mode = CONF_NET_MACVLAN_PRIVATE;
	dev->ipvlan.mode = CONF_NET_IPVLAN_L3;
	dev->ipvlan.isolation = CONF_NET_IPVLAN_ISO_BRIDGE;
	dev->vlan.vid = CONF_NET_VLAN_UNSET;
}

struct conf_net_dev *conf_net_get_or_add(struct conf_net *m, unsigned int index)
{
	struct conf_net_dev **devs;
	struct conf_net_dev *dev;
	bool found;
	size_t pos = dev_pos(m, index, &found);

	if (found)
		return m->devs[pos];
	dev = calloc(1, sizeof(*dev));
	if (!dev)
		return NULL;
	dev->index = index;
	conf_net_dev_reset_type_attrs(dev);
	devs = realloc(m->devs, (m->n + 1) * sizeof(*devs));
	if (!devs) {
		free(dev);
		return NULL;
	}
	memmove(devs + pos + 1, devs + pos, (m->n - pos) * sizeof(*devs));
	devs[pos] = dev;
	m->devs = devs;
	m->n++;
	return dev;
}

int conf_net_remove(struct conf_net *m, unsigned int index)
{
	bool found;
	size_t pos = dev_pos(m, index, &found);

	if (!found)
		return -ENOENT;
	dev_free(m->devs[pos]);
	memmove(m->devs + pos, m->devs + pos + 1, (m->n - pos - 1) * sizeof(*m->devs));
	m->n--;
	if (!m->n) {
		free(m->devs);
		m->devs = NULL;
	}
	return 0;
}

/* ---- keyword names ------------------------------------------------------------------- */

static const char *const type_names[] = {
	[CONF_NET_EMPTY] = "empty", [CONF_NET_VETH] = "veth",	[CONF_NET_MACVLAN] = "macvlan",
	[CONF_NET_IPVLAN] = "ipvlan", [CONF_NET_PHYS] = "phys", [CONF_NET_VLAN] = "vlan",
	[CONF_NET_NONE] = "none",
};
static const char *const veth_modes[] = { "bridge", "router" };
static const char *const macvlan_modes[] = { "private", "vepa", "bridge", "passthru" };
static const char *const ipvlan_modes[] = { "l3", "l3s", "l2" };
static const char *const ipvlan_isolations[] = { "bridge", "private", "vepa" };

#define NAME_OF(tbl, v) ((unsigned int)(v) < sizeof(tbl) / sizeof(tbl[0]) ? tbl[v] : NULL)

const char *conf_net_type_name(enum conf_net_type t)
{
	return NAME_OF(type_names, t);
}

const char *conf_net_veth_mode_name(enum conf_net_veth_mode m)
{
	return NAME_OF(veth_modes, m);
}

const char *conf_net_macvlan_mode_name(enum conf_net_macvlan_mode m)
{
	return NAME_OF(macvlan_modes, m);
}

const char *conf_net_ipvlan_mode_name(enum conf_net_ipvlan_mode m)
{
	return NAME_OF(ipvlan_modes, m);
}

const char *conf_net_ipvlan_isolation_name(enum conf_net_ipvlan_isolation m)
{
	return NAME_OF(ipvlan_isolations, m);
}

/* ---- value parsers ------------------------------------------------------------------- */

/* What the kernel accepts as a device name (dev_valid_name()). */
bool conf_net_ifname_valid(const char *s)
{
	size_t len = strlen(s);

	if (len == 0 || len >= IFNAMSIZ || strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return false;
	for (const char *p = s; *p; p++)
		if (*p == '/' || *p == ':' || isspace((unsigned char)*p) || !isprint((unsigned char)*p))
			return false;
	return true;
}

int conf_net_parse_hwaddr(const char *s, char ret[18])
{
	char buf[18];

	if (strlen(s) != 17)
		return -EINVAL;
	for (int i = 0; i < 17; i++) {
		char c = (char)tolower((unsigned char)s[i]);

		if (i % 3 == 2) {
			if (c != ':')
				return -EINVAL;
		} else if (!isxdigit((unsigned char)c) && c != 'x') {
			return -EINVAL;
		}
		buf[i] = c;
	}
	buf[17] = '\0';
	memcpy(ret, buf, sizeof(buf));
	return 0;
}

/* Split "ADDR/PREFIX": copies ADDR into addr (size bytes), parses the prefix (<= max).
 * *has_prefix says whether a "/PREFIX" was present. */
static int split_cidr(const char *s, char *addr, size_t size, unsigned int max,
		      unsigned int *prefix, bool *has_prefix)
{
	const char *slash = strchr(s, '/');
	size_t len = slash ? (size_t)(slash - s) : strlen(s);

	if (len == 0 || len >= size)
		return -EINVAL;
	memcpy(addr, s, len);
	addr[len] = '\0';
	*has_prefix = slash != NULL;
	if (!slash)
		return 0;
	/* str_to_uint accepts no blanks or signs: "24" only. */
	if (!isdigit((unsigned char)slash[1]) || str_to_uint(slash + 1, prefix) < 0 ||
	    *prefix > max)
		return -EINVAL;
	return 0;
}

/* The classful default LXC uses when no prefix is written. */
static unsigned int ipv4_class_prefix(struct in_addr a)
{
	uint32_t h = ntohl(a.s_addr);

	if ((h & 0x80000000u) == 0)
		return 8;
	if ((h & 0xc0000000u) == 0x80000000u)
		return 16;
	if ((h & 0xe0000000u) == 0xc0000000u)
		return 24;
	return 0;
}

int conf_net_parse_ipv4(const char *s, bool cidr_required, bool allow_bcast,
			struct conf_net_ipv4 *ret)
{
	struct conf_net_ipv4 a = { 0 };
	char addr[INET_ADDRSTRLEN], cidr[INET_ADDRSTRLEN + 8];
	const char *sp = strpbrk(s, " \t");
	bool has_prefix;
	size_t len = sp ? (size_t)(sp - s) : strlen(s);

	if (sp && !allow_bcast)
		return -EINVAL;
	if (len >= sizeof(cidr))
		return -EINVAL;
	memcpy(cidr, s, len);
	cidr[len] = '\0';
	if (split_cidr(cidr, addr, sizeof(addr), 32, &a.prefix, &has_prefix) < 0)
		return -EINVAL;
	if ((cidr_required && !has_prefix) || inet_pton(AF_INET, addr, &a.addr) != 1)
		return -EINVAL;
	if (!has_prefix)
		a.prefix = ipv4_class_prefix(a.addr);
	if (sp) {
		const char *b = sp;

		while (*b == ' ' || *b == '\t')
			b++;
		if (inet_pton(AF_INET, b, &a.bcast) != 1)
			return -EINVAL;
		a.has_bcast = true;
	} else if (allow_bcast) {
		uint32_t host = a.prefix >= 32 ? 0 : (0xffffffffu >> a.prefix);

		a.bcast.s_addr = a.addr.s_addr | htonl(host);
	}
	*ret = a;
	return 0;
}

int conf_net_parse_ipv6(const char *s, bool cidr_required, struct conf_net_ipv6 *ret)
{
	struct conf_net_ipv6 a = { 0 };
	char addr[INET6_ADDRSTRLEN];
	bool has_prefix;

	if (split_cidr(s, addr, sizeof(addr), 128, &a.prefix, &has_prefix) < 0)
		return -EINVAL;
	if ((cidr_required && !has_prefix) || inet_pton(AF_INET6, addr, &a.addr) != 1)
		return -EINVAL;
	if (!has_prefix)
		a.prefix = 64;
	*ret = a;
	return 0;
}

/* ---- printers ------------------------------------------------------------------------ */

int conf_net_put_ipv4(struct strbuf *out, const struct conf_net_ipv4 *a)
{
	char addr[INET_ADDRSTRLEN], bcast[INET_ADDRSTRLEN];

	if (!inet_ntop(AF_INET, &a->addr, addr, sizeof(addr)))
		return -EINVAL;
	if (!a->has_bcast)
		return strbuf_printf(out, "%s/%u", addr, a->prefix);
	if (!inet_ntop(AF_INET, &a->bcast, bcast, sizeof(bcast)))
		return -EINVAL;
	return strbuf_printf(out, "%s/%u %s", addr, a->prefix, bcast);
}

int conf_net_put_ipv6(struct strbuf *out, const struct conf_net_ipv6 *a)
{
	char addr[INET6_ADDRSTRLEN];

	if (!inet_ntop(AF_INET6, &a->addr, addr, sizeof(addr)))
		return -EINVAL;
	return strbuf_printf(out, "%s/%u", addr, a->prefix);
}
