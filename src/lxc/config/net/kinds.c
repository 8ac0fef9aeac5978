/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The value kinds of the lxc.net.[i].* keys: parse (validate only), apply, print, clear. A key
 * is a kind plus the offset of its field in struct conf_net_dev (see kinds.h). */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "config/net/kinds.h"
#include "config/values.h"

#define FIELD(dev, nk, type) ((type *)((char *)(dev) + (nk)->off))
#define CFIELD(dev, nk, type) ((const type *)((const char *)(dev) + (nk)->off))

/* ---- type ---------------------------------------------------------------------------- */

static int type_parse(const struct net_key *nk, const char *value, union net_value *ret)
{
	for (int t = CONF_NET_EMPTY; t <= CONF_NET_NONE; t++) {
		if (strcmp(value, conf_net_type_name(t)) == 0) {
			ret->i = t;
			return 0;
		}
	}
	return -EINVAL;
}

static int type_apply(const struct net_key *nk, struct conf_net_dev *dev, const union net_value *v)
{
	if (dev->type != (enum conf_net_type)v->i)
		conf_net_dev_reset_type_attrs(dev);
	dev->type = v->i;
	return 0;
}

static int type_get(const struct net_key *nk, const struct conf_net_dev *dev, struct strbuf *out)
{
	return conf_put_str(out, conf_net_type_name(dev->type));
}

static void type_clear(const struct net_key *nk, struct conf_net_dev *dev)
{
	conf_net_dev_reset_type_attrs(dev);
	dev->type = CONF_NET_UNSET;
}

const struct net_kind net_kind_type = { type_parse, type_apply, type_get, type_clear };

/* ---- flags --------------------------------------------------------------------------- */

static int flags_parse(const struct net_key *nk, const char *value, union net_value *ret)
{
	return strcmp(value, "up") == 0 ? 0 : -EINVAL;
}

static int flags_apply(const struct net_key *nk, struct conf_net_dev *dev, const union net_value *v)
{
	dev->up = true;
	return 0;
}

static int flags_get(const struct net_key *nk, const struct conf_net_dev *dev, struct strbuf *out)
{
	return dev->up ? strbuf_append(out, "up") : 0;
}

static void flags_clear(const struct net_key *nk, struct conf_net_dev *dev)
{
	dev->up = false;
}

const struct net_kind net_kind_flags = { flags_parse, flags_apply, flags_get, flags_clear };

/* ---- fixed-size words: interface names and the MAC address --------------------------- */

static int ifname_parse(const struct net_key *nk, const char *value, union net_value *ret)
{
	if (!conf_net_ifname_valid(value))
		return -EINVAL;
	strcpy(ret->word, value);
	return 0;
}

static int word_field_apply(const struct net_key *nk, struct conf_net_dev *dev,
			    const union net_value *v)
{
	strcpy(FIELD(dev, nk, char), v->word);
	return 0;
}

static int word_field_get(const struct net_key *nk, const struct conf_net_dev *dev,
			  struct strbuf *out)
{
	return strbuf_append(out, CFIELD(dev, nk, char));
}

static void word_field_clear(const struct net_key *nk, struct conf_net_dev *dev)
{
	FIELD(dev, nk, char)[0] = '\0';
}

const struct net_kind net_kind_ifname = { ifname_parse, word_field_apply, word_field_get,
					  word_field_clear };

static int hwaddr_parse(const struct net_key *nk, const char *value, union net_value *ret)
{
	return conf_net_parse_hwaddr(value, ret->word);
}

const struct net_kind net_kind_hwaddr = { hwaddr_parse, word_field_apply, word_field_get,
					  word_field_clear };

/* ---- unsigned numbers in [min, max], 0 = unset (mtu, veth queues) ---------------------- */

static int uint_parse(const struct net_key *nk, const char *value, union net_value *ret)
{
	if (str_to_uint(value, &ret->u) < 0 || ret->u < nk->min || ret->u > nk->max)
		return -EINVAL;
	return 0;
}

static int uint_apply(const struct net_key *nk, struct conf_net_dev *dev, const union net_value *v)
{
	*FIELD(dev, nk, unsigned int) = v->u;
	return 0;
}

static int uint_get(const struct net_key *nk, const struct conf_net_dev *dev, struct strbuf *out)
{
	unsigned int u = *CFIELD(dev, nk, unsigned int);

	return u ? conf_put_uint(out, u) : 0;
}

static void uint_clear(const struct net_key *nk, struct conf_net_dev *dev)
{
	*FIELD(dev, nk, unsigned int) = 0;
}

const struct net_kind net_kind_uint = { uint_parse, uint_apply, uint_get, uint_clear };

/* ---- address lists (ipv4.address, veth.ipv4.route, and the IPv6 ones) ---------------- */

/* Append one item of size sz to a (v, n) array. */
static int array_push(void **v, size_t *n, const void *item, size_t sz)
{
	char *nv = realloc(*v, (*n + 1) * sz);

	if (!nv)
		return -ENOMEM;
	memcpy(nv + *n * sz, item, sz);
	*v = nv;
	(*n)++;
	return 0;
}

static int ipv4_parse(const struct net_key *nk, const char *value, union net_value *ret)
{
	bool route = nk->max == 1;

	return conf_net_parse_ipv4(value, route, !route, &ret->v4);
}

static int ipv4_apply(const struct net_key *nk, struct conf_net_dev *dev, const union net_value *v)
{
	struct conf_net_ipv4_list *l = FIELD(dev, nk, struct conf_net_ipv4_list);

	return array_push((void **)&l->v, &l->n, &v->v4, sizeof(v->v4));
}

static int ipv4_get(const struct net_key *nk, const struct conf_net_dev *dev, struct strbuf *out)
{
	const struct conf_net_ipv4_list *l = CFIELD(dev, nk, struct conf_net_ipv4_list);

	for (size_t i = 0; i < l->n; i++) {
		int ret = conf_net_put_ipv4(out, &l->v[i]);

		if (ret < 0 || (ret = strbuf_append(out, "\n")) < 0)
			return ret;
	}
	return 0;
}

static void ipv4_clear(const struct net_key *nk, struct conf_net_dev *dev)
{
	struct conf_net_ipv4_list *l = FIELD(dev, nk, struct conf_net_ipv4_list);

	free(l->v);
	l->v = NULL;
	l->n = 0;
}

const struct net_kind net_kind_ipv4_list = { ipv4_parse, ipv4_apply, ipv4_get, ipv4_clear };

static int ipv6_parse(const struct net_key *nk, const char *value, union net_value *ret)
{
	return conf_net_parse_ipv6(value, nk->max == 1, &ret->v6);
}

static int ipv6_apply(const struct net_key *nk, struct conf_net_dev *dev, const union net_value *v)
{
	struct conf_net_ipv6_list *l = FIELD(dev, nk, struct conf_net_ipv6_list);

	return array_push((void **)&l->v, &l->n, &v->v6, sizeof(v->v6));
}

static int ipv6_get(const struct net_key *nk, const struct conf_net_dev *dev, struct strbuf *out)
{
	const struct conf_net_ipv6_list *l = CFIELD(dev, nk, struct conf_net_ipv6_list);

	for (size_t i = 0; i < l->n; i++) {
		int ret = conf_net_put_ipv6(out, &l->v[i]);

		if (ret < 0 || (ret = strbuf_append(out, "\n")) < 0)
			return ret;
	}
	return 0;
}

static void ipv6_clear(const struct net_key *nk, struct conf_net_dev *dev)
{
	struct conf_net_ipv6_list *l = FIELD(dev, nk, struct conf_net_ipv6_list);

	free(l->v);
	l->v = NULL;
	l->n = 0;
}

const struct net_kind net_kind_ipv6_list = { ipv6_parse, ipv6_apply, ipv6_get, ipv6_clear };

/* ---- gateways: "auto", "dev" or an address ------------------------------------------- */

static int gw_special(const char *value, enum conf_net_gw_kind *ret)
{
	if (strcmp(value, "auto") == 0)
		*ret = CONF_NET_GW_AUTO;
	else if (strcmp(value, "dev") == 0)
		*ret = CONF_NET_GW_DEV;
	else
		return -EINVAL;
	return 0;
}

static int gw4_parse(const struct net_key *nk, const char *value, union net_value *ret)
{
	memset(&ret->gw4, 0, sizeof(ret->gw4));
	if (gw_special(value, &ret->gw4.kind) == 0)
		return 0;
	if (inet_pton(AF_INET, value, &ret->gw4.addr) != 1)
		return -EINVAL;
	ret->gw4.kind = CONF_NET_GW_ADDR;
	return 0;
}

static int gw6_parse(const struct net_key *nk, const char *value, union net_value *ret)
{
	memset(&ret->gw6, 0, sizeof(ret->gw6));
	if (gw_special(value, &ret->gw6.kind) == 0)
		return 0;
	if (inet_pton(AF_INET6, value, &ret->gw6.addr) != 1)
		return -EINVAL;
	ret->gw6.kind = CONF_NET_GW_ADDR;
	return 0;
}

static int gw4_apply(const struct net_key *nk, struct conf_net_dev *dev, const union net_value *v)
{
	dev->ipv4_gateway = v->gw4;
	return 0;
}

static int gw6_apply(const struct net_key *nk, struct conf_net_dev *dev, const union net_value *v)
{
	dev->ipv6_gateway = v->gw6;
	return 0;
}

static int gw_put(struct strbuf *out, enum conf_net_gw_kind kind, int af, const void *addr)
{
	char buf[INET6_ADDRSTRLEN];

	switch (kind) {
	case CONF_NET_GW_AUTO:
		return strbuf_append(out, "auto");
	case CONF_NET_GW_DEV:
		return strbuf_append(out, "dev");
	case CONF_NET_GW_ADDR:
		if (!inet_ntop(af, addr, buf, sizeof(buf)))
			return -EINVAL;
		return strbuf_append(out, buf);
	default:
		return 0;
	}
}

static int gw4_get(const struct net_key *nk, const struct conf_net_dev *dev, struct strbuf *out)
{
	return gw_put(out, dev->ipv4_gateway.kind, AF_INET, &dev->ipv4_gateway.addr);
}

static int gw6_get(const struct net_key *nk, const struct conf_net_dev *dev, struct strbuf *out)
{
	return gw_put(out, dev->ipv6_gateway.kind, AF_INET6, &dev->ipv6_gateway.addr);
}

static void gw4_clear(const struct net_key *nk, struct conf_net_dev *dev)
{
	memset(&dev->ipv4_gateway, 0, sizeof(dev->ipv4_gateway));
}

static void gw6_clear(const struct net_key *nk, struct conf_net_dev *dev)
{
	memset(&dev->ipv6_gateway, 0, sizeof(dev->ipv6_gateway));
}

const struct net_kind net_kind_gw4 = { gw4_parse, gw4_apply, gw4_get, gw4_clear };
const struct net_kind net_kind_gw6 = { gw6_parse, gw6_apply, gw6_get, gw6_clear };

/* ---- free-form strings (script.up, script.down) --------------------------------------- */

static int str_parse(const struct net_key *nk, const char *value, union net_value *ret)
{
	ret->str = value;
	return 0;
}

static int str_apply(const struct net_key *nk, struct conf_net_dev *dev, const union net_value *v)
{
	return conf_set_str(FIELD(dev, nk, char *), v->str);
}

static int str_get(const struct net_key *nk, const struct conf_net_dev *dev, struct strbuf *out)
{
	return conf_put_str(out, *CFIELD(dev, nk, char *));
}

static void str_clear(const struct net_key *nk, struct conf_net_dev *dev)
{
	char **field = FIELD(dev, nk, char *);

	free(*field);
	*field = NULL;
}

const struct net_kind net_kind_str = { str_parse, str_apply, str_get, str_clear };

/* ---- keywords stored as an enum whose default is value 0 (modes, isolation) ---------- */

static int word_parse(const struct net_key *nk, const char *value, union net_value *ret)
{
	for (size_t i = 0; i < nk->nwords; i++) {
		if (strcmp(value, nk->words[i]) == 0) {
			ret->i = (int)i;
			return 0;
		}
	}
	return -EINVAL;
}

/* The mode enums are plain C enums, stored as int-sized fields. */
_Static_assert(sizeof(enum conf_net_veth_mode) == sizeof(int) &&
		       sizeof(enum conf_net_macvlan_mode) == sizeof(int) &&
		       sizeof(enum conf_net_ipvlan_mode) == sizeof(int) &&
		       sizeof(enum conf_net_ipvlan_isolation) == sizeof(int),
	       "mode enums must be int-sized");
static int word_apply(const struct net_key *nk, struct conf_net_dev *dev, const union net_value *v)
{
	*FIELD(dev, nk, int) = v->i;
	return 0;
}

static int word_get(const struct net_key *nk, const struct conf_net_dev *dev, struct strbuf *out)
{
	int i = *CFIELD(dev, nk, int);

	return i >= 0 && (size_t)i < nk->nwords ? strbuf_append(out, nk->words[i]) : 0;
}

static void word_clear(const struct net_key *nk, struct conf_net_dev *dev)
{
	*FIELD(dev, nk, int) = 0;
}

const struct net_kind net_kind_word = { word_parse, word_apply, word_get, word_clear };

/* ---- 0/1 (l2proxy) ------------------------------------------------------------------- */

static int bool_parse(const struct net_key *nk, const char *value, union net_value *ret)
{
	return str_to_bool01(value, &ret->b);
}

static int bool_apply(const struct net_key *nk, struct conf_net_dev *dev, const union net_value *v)
{
	*FIELD(dev, nk, bool) = v->b;
	return 0;
}

static int bool_get(const struct net_key *nk, const struct conf_net_dev *dev, struct strbuf *out)
{
	return conf_put_bool01(out, *CFIELD(dev, nk, bool));
}

static void bool_clear(const struct net_key *nk, struct conf_net_dev *dev)
{
	*FIELD(dev, nk, bool) = false;
}

const struct net_kind net_kind_bool = { bool_parse, bool_apply, bool_get, bool_clear };

/* ---- VLAN ids: vlan.id (0..4094), veth.vlan.id (also "none") -------------------------- */

static int vlan_parse(const struct net_key *nk, const char *value, union net_value *ret)
{
	unsigned int id;

	if (nk->min == 1 && strcmp(value, "none") == 0) {
		ret->i = CONF_NET_VLAN_NONE;
		return 0;
	}
	if (str_to_uint(value, &id) < 0 || id > CONF_NET_VLAN_ID_MAX)
		return -EINVAL;
	ret->i = (int)id;
	return 0;
}

static int vlan_get(const struct net_key *nk, const struct conf_net_dev *dev, struct strbuf *out)
{
	int id = *CFIELD(dev, nk, int);

	if (id == CONF_NET_VLAN_NONE)
		return strbuf_append(out, "none");
	return id >= 0 ? conf_put_int(out, id) : 0;
}

static void vlan_clear(const struct net_key *nk, struct conf_net_dev *dev)
{
	*FIELD(dev, nk, int) = CONF_NET_VLAN_UNSET;
}

const struct net_kind net_kind_vlan_id = { vlan_parse, word_apply, vlan_get, vlan_clear };

/* ---- veth.vlan.tagged.id: a list of ids ---------------------------------------------- */

static int tagged_apply(const struct net_key *nk, struct conf_net_dev *dev,
			const union net_value *v)
{
	unsigned short id = (unsigned short)v->i;

	return array_push((void **)&dev->veth.tagged_ids, &dev->veth.n_tagged_ids, &id, sizeof(id));
}

static int tagged_get(const struct net_key *nk, const struct conf_net_dev *dev,
		      struct strbuf *out)
{
	for (size_t i = 0; i < dev->veth.n_tagged_ids; i++) {
		int ret = strbuf_printf(out, "%u\n", dev->veth.tagged_ids[i]);

		if (ret < 0)
			return ret;
	}
	return 0;
}

static void tagged_clear(const struct net_key *nk, struct conf_net_dev *dev)
{
	free(dev->veth.tagged_ids);
	dev->veth.tagged_ids = NULL;
	dev->veth.n_tagged_ids = 0;
}

const struct net_kind net_kind_tagged = { vlan_parse, tagged_apply, tagged_get, tagged_clear };
