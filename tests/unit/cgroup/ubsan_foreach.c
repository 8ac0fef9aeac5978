/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Header-only check of conf_cgroup_foreach, compiled by run-ubsan.sh with clang and
 * -fsanitize=undefined: iterating an empty list (items == NULL) must not do pointer arithmetic
 * on NULL. Exit 0 when the loop bodies ran the expected number of times. */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "config/cgroup/cgroup.h"

int main(void)
{
	struct conf_cgroup_item items[2] = {
		{ .key = "pids.max", .value = "5", .controller_len = 4 },
		{ .key = "memory.max", .value = "1G", .controller_len = 6 },
	};
	struct conf_cgroup_list empty = { NULL, 0, 0 }, two = { items, 2, 2 };
	const struct conf_cgroup_item *it;
	size_t n = 0;

	conf_cgroup_foreach(&empty, it)
		n++;
	conf_cgroup_foreach(&two, it)
		n += 10;
	if (n != 20) {
		fprintf(stderr, "conf_cgroup_foreach ran %zu times instead of 2\n", n / 10);
		return 1;
	}
	return 0;
}
