/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Typed model of the net keys (placeholder until the family lands). */
#pragma once

struct conf_net {
	int unused;
};

void conf_net_init(struct conf_net *m);
void conf_net_free(struct conf_net *m);
