/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Typed model of the cgroup keys (placeholder until the family lands). */
#pragma once

struct conf_cgroup {
	int unused;
};

void conf_cgroup_init(struct conf_cgroup *m);
void conf_cgroup_free(struct conf_cgroup *m);
