/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Typed model of the fs keys (placeholder until the family lands). */
#pragma once

struct conf_fs {
	int unused;
};

void conf_fs_init(struct conf_fs *m);
void conf_fs_free(struct conf_fs *m);
