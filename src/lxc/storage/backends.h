/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private to storage/: the backend ops tables and the error helper they share. */
#pragma once

#include "storage/storage.h"

extern const struct storage_ops storage_dir_ops;
extern const struct storage_ops storage_btrfs_ops;
extern const struct storage_ops storage_overlay_ops;
extern const struct storage_ops storage_loop_ops;
extern const struct storage_ops storage_lvm_ops;
extern const struct storage_ops storage_zfs_ops;
extern const struct storage_ops storage_rbd_ops;
extern const struct storage_ops storage_nbd_ops;

/* Fill err (when not NULL) with errnum and the formatted message; returns -errnum. */
int storage_fail(struct storage_error *err, int errnum, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
