/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* /etc/lxc/lxc-usernet (lxc-usernet(5)): "user type bridge count" or "@group type bridge
 * count" lines giving unprivileged users quotas of interfaces per bridge. Pure parser and
 * lookup; reading the file and counting existing interfaces are the caller's job. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct usernet_entry {
	char *name; /* user name, or group name without the '@' */
	bool is_group;
	char *type; /* "veth" (the only type LXC supports) */
	char *link; /* bridge name */
	unsigned int count;
	unsigned int line; /* 1-based line in the text */
};

struct usernet {
	struct usernet_entry *v;
	size_t n;
};

/* Parse text: blank lines and lines starting with '#' are skipped; fields are separated by
 * blanks; a line with a wrong number of fields, an empty name or a count that is not a
 * non-negative integer is -EINVAL with *ret_bad_line set to its 1-based number (lxc-user-nic
 * rejects the whole file too). On failure ret is left empty. */
int usernet_parse(const char *text, struct usernet *ret, unsigned int *ret_bad_line);
void usernet_free(struct usernet *u);

/* The entries that apply to user (member of groups[0..n_groups)) for type and link, in file
 * order: indices into u->v written to ret_idx (up to max); returns how many apply. */
size_t usernet_match(const struct usernet *u, const char *user, char *const *groups,
		     size_t n_groups, const char *type, const char *link, size_t *ret_idx,
		     size_t max);
/* Sum of the quotas of the matching entries: how many interfaces user may have on link. */
unsigned int usernet_quota(const struct usernet *u, const char *user, char *const *groups,
			   size_t n_groups, const char *type, const char *link);
