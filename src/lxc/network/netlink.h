/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Small rtnetlink client: a growable message builder with nested attributes, a NETLINK_ROUTE
 * socket with sequence numbers, request/ACK with the kernel's extended-ack text, dumps and an
 * attribute parser. No logging: every call returns -errno and fills struct netlink_err. */
#pragma once

#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Why the kernel refused a request: err is the -errno, msg the extended-ack message
 * (NLMSGERR_ATTR_MSG, e.g. "MTU greater than device maximum") or "" when the kernel sent
 * none. Every netlink_ and netdev_ call taking one fills it only on failure; NULL is allowed. */
struct netlink_err {
	int err;
	char msg[256];
};

/* Fill e (if not NULL) with err and, when non-NULL, msg; returns err. */
int netlink_err_set(struct netlink_err *e, int err, const char *msg);

/* ---- message builder ---- */

#define NETLINK_NEST_MAX 8

/* One request being built. Append failures (ENOMEM, nesting too deep) are sticky: they are
 * recorded in m->error and returned by netlink_request()/netlink_dump(), so call sites may
 * chain appends without checking each one. */
struct nl_msg {
	char *buf;
	size_t len, cap;
	size_t nest[NETLINK_NEST_MAX]; /* offsets of open nests */
	unsigned int depth;
	int error;
};

/* Start a message: nlmsghdr (type, NLM_F_REQUEST | flags) followed by the family header
 * (struct ifinfomsg, ifaddrmsg, rtmsg, ndmsg...) copied from hdr, padded to NLMSG_ALIGN.
 * Sequence number and port are set when it is sent. */
int nlmsg_init(struct nl_msg *m, uint16_t type, uint16_t flags, const void *hdr, size_t hdrlen);
void nlmsg_free(struct nl_msg *m);
/* Scope cleanup: __do_nlmsg struct nl_msg m = {0}; */
static inline void __auto_nlmsg__(struct nl_msg *m)
{
	nlmsg_free(m);
}
#define __do_nlmsg __attribute__((__cleanup__(__auto_nlmsg__)))
/* The family header inside the message (to fill after init). */
void *nlmsg_family_hdr(struct nl_msg *m);
static inline struct nlmsghdr *nlmsg_hdr_of(struct nl_msg *m)
{
	return (struct nlmsghdr *)m->buf;
}

/* Raw bytes at the end (padded to 4), e.g. the struct ifinfomsg that starts VETH_INFO_PEER. */
int nlmsg_append(struct nl_msg *m, const void *data, size_t len);
int nla_put(struct nl_msg *m, uint16_t type, const void *data, size_t len);
int nla_put_u8(struct nl_msg *m, uint16_t type, uint8_t v);
int nla_put_u16(struct nl_msg *m, uint16_t type, uint16_t v);
int nla_put_u32(struct nl_msg *m, uint16_t type, uint32_t v);
int nla_put_s32(struct nl_msg *m, uint16_t type, int32_t v);
int nla_put_string(struct nl_msg *m, uint16_t type, const char *s); /* with the NUL */
int nla_put_flag(struct nl_msg *m, uint16_t type);
/* Open a nested attribute (NLA_F_NESTED is NOT added: rtnetlink's IFLA_LINKINFO & co. are
 * plain nests); close it with nla_nest_end(), which fixes up its length. */
int nla_nest_start(struct nl_msg *m, uint16_t type);
int nla_nest_end(struct nl_msg *m);

/* ---- parsing ---- */

/* Index the attributes in [data, data+len) by type into tb[0..max] (NULL = absent; later
 * duplicates win; types > max are skipped; NLA_F_NESTED/NLA_F_NET_BYTEORDER are masked off).
 * -EINVAL when an attribute is truncated. */
int nla_parse(const struct nlattr *tb[], int max, const void *data, size_t len);
/* Attributes following the family header of size hdrlen in h. */
int nla_parse_msg(const struct nlattr *tb[], int max, const struct nlmsghdr *h, size_t hdrlen);
static inline const void *nla_data_of(const struct nlattr *a)
{
	return (const char *)a + NLA_HDRLEN;
}
static inline size_t nla_len_of(const struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN;
}
uint8_t nla_get_u8(const struct nlattr *a);
uint16_t nla_get_u16(const struct nlattr *a);
uint32_t nla_get_u32(const struct nlattr *a);
uint64_t nla_get_u64(const struct nlattr *a); /* memcpy: IFLA_STATS64 may be unaligned */
/* The string payload, or NULL when it is not NUL-terminated inside the attribute. */
const char *nla_get_string(const struct nlattr *a);

/* Decode an NLMSG_ERROR message: 0 for an ACK, -errno otherwise, with the extended-ack
 * text (NLMSGERR_ATTR_MSG, present when NLM_F_ACK_TLVS is set) copied into e->msg. */
int netlink_parse_error(const struct nlmsghdr *h, struct netlink_err *e);

/* ---- socket ---- */

struct netlink_sock {
	int fd;		 /* -EBADF when closed */
	uint32_t seq;	 /* last sequence number used */
	uint32_t portid; /* kernel-assigned port */
};

#define NETLINK_SOCK_INIT                                                                          \
	{                                                                                          \
		.fd = -EBADF, .seq = 0, .portid = 0                                                \
	}

/* A NETLINK_ROUTE socket in the caller's network namespace, O_CLOEXEC, with extended ACKs
 * (NETLINK_EXT_ACK) and capped ACKs (NETLINK_CAP_ACK) enabled when the kernel has them. */
int netlink_open(struct netlink_sock *ret);
/* The same, bound to the network namespace netns_fd: the calling THREAD does
 * setns(netns_fd, CLONE_NEWNET), opens the socket and setns()es back to its previous network
 * namespace before returning (the socket stays in netns_fd's namespace for its lifetime). No
 * fork; safe in threaded callers because network namespaces are per thread. Needs
 * CAP_SYS_ADMIN over both namespaces. netns_fd < 0 is netlink_open(). */
int netlink_open_in_netns(int netns_fd, struct netlink_sock *ret);
void netlink_close(struct netlink_sock *s);

/* Send m with NLM_F_ACK, wait for the matching ACK or error. 0 or -errno (e filled, with the
 * kernel's message when given). */
int netlink_request(struct netlink_sock *s, struct nl_msg *m, struct netlink_err *e);

/* Called once per data message of a reply; a negative return stops the dump and is returned. */
typedef int (*netlink_dump_cb)(const struct nlmsghdr *h, void *data);
/* Send m with NLM_F_DUMP and feed every reply to cb until NLMSG_DONE. */
int netlink_dump(struct netlink_sock *s, struct nl_msg *m, netlink_dump_cb cb, void *data,
		 struct netlink_err *e);

/* Send a GET for one object (no dump) with NLM_F_ACK: cb sees the reply, then the ACK ends it.
 * -ENODEV & co. come back as the kernel's error. */
int netlink_get(struct netlink_sock *s, struct nl_msg *m, netlink_dump_cb cb, void *data,
		struct netlink_err *e);

/* ---- network namespaces of the calling thread ---- */

/* setns(target_fd, CLONE_NEWNET) for the calling thread, returning an fd of the namespace it
 * was in for netns_leave(). */
int netns_enter(int target_fd, int *ret_orig_fd);
/* Go back to orig_fd's namespace and close it. */
int netns_leave(int orig_fd);
