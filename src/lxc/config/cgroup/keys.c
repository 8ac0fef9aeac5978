/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Placeholder for the cgroup key family (replaced when the family lands). */
#include "config.h"

#include "config/keys.h"
#include "config/cgroup/cgroup.h"

const struct conf_key_table conf_table_cgroup = { NULL, 0 };

void conf_cgroup_init(struct conf_cgroup *m)
{
	(void)m;
}

void conf_cgroup_free(struct conf_cgroup *m)
{
	(void)m;
}
