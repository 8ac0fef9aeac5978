/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Placeholder for the net key family (replaced when the family lands). */
#include "config.h"

#include "config/keys.h"
#include "config/net/net.h"

const struct conf_key_table conf_table_net = { NULL, 0 };

void conf_net_init(struct conf_net *m)
{
	(void)m;
}

void conf_net_free(struct conf_net *m)
{
	(void)m;
}
