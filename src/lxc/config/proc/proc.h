/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Typed model of the proc keys (placeholder until the family lands). */
#pragma once

struct conf_proc {
	int unused;
};

void conf_proc_init(struct conf_proc *m);
void conf_proc_free(struct conf_proc *m);
