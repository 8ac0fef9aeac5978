/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Backends LXC knows that are not implemented yet: they are recognised by name (in -B and as
 * the lxc.rootfs.path prefix) so that the error says "not supported yet" rather than
 * "unknown". */
#include <errno.h>
#include <string.h>

#include "storage/backends.h"

static bool is_overlay(const char *type, const char *source)
{
	return strcmp(type, "overlay") == 0 || strcmp(type, "overlayfs") == 0;
}

#define UNSUPPORTED(id, label)                                                                     \
	static bool detect_##id(const char *type, const char *source)                              \
	{                                                                                          \
		return strcmp(type, label) == 0;                                                   \
	}                                                                                          \
	const struct storage_ops storage_##id##_ops = {                                            \
		.name = label,                                                                     \
		.detect = detect_##id,                                                             \
	};

UNSUPPORTED(btrfs, "btrfs")
UNSUPPORTED(loop, "loop")
UNSUPPORTED(lvm, "lvm")
UNSUPPORTED(zfs, "zfs")
UNSUPPORTED(rbd, "rbd")
UNSUPPORTED(nbd, "nbd")

const struct storage_ops storage_overlay_ops = {
	.name = "overlay",
	.detect = is_overlay,
};
