/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Placeholder for the fs key family (replaced when the family lands). */
#include "config.h"

#include "config/keys.h"
#include "config/fs/fs.h"

const struct conf_key_table conf_table_fs = { NULL, 0 };

void conf_fs_init(struct conf_fs *m)
{
	(void)m;
}

void conf_fs_free(struct conf_fs *m)
{
	(void)m;
}
