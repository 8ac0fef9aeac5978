/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Typed model of the security keys (placeholder until the family lands). */
#pragma once

struct conf_security {
	int unused;
};

void conf_security_init(struct conf_security *m);
void conf_security_free(struct conf_security *m);
