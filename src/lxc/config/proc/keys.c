/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Placeholder for the proc key family (replaced when the family lands). */
#include "config.h"

#include "config/keys.h"
#include "config/proc/proc.h"

const struct conf_key_table conf_table_proc = { NULL, 0 };

void conf_proc_init(struct conf_proc *m)
{
	(void)m;
}

void conf_proc_free(struct conf_proc *m)
{
	(void)m;
}
