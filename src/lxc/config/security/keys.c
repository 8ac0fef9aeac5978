/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Placeholder for the security key family (replaced when the family lands). */
#include "config.h"

#include "config/keys.h"
#include "config/security/security.h"

const struct conf_key_table conf_table_security = { NULL, 0 };

void conf_security_init(struct conf_security *m)
{
	(void)m;
}

void conf_security_free(struct conf_security *m)
{
	(void)m;
}
