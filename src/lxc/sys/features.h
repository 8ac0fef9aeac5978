/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Kernel features probed once per process and cached (the only global state besides logging).
 * A call that fails with ENOSYS or EPERM (seccomp) counts as missing, so callers fall back. */
#pragma once

#include <stdbool.h>

enum sys_feature {
	SYS_FEATURE_PIDFD,		/* pidfd_open + pidfd_send_signal */
	SYS_FEATURE_CLONE3,		/* clone3 with CLONE_PIDFD */
	SYS_FEATURE_CLOSE_RANGE,	/* close_range */
	SYS_FEATURE_OPENAT2,		/* openat2 with RESOLVE_* */
	SYS_FEATURE_MOUNT_API,		/* open_tree/move_mount/fsopen */
	SYS_FEATURE_MOUNT_SETATTR,	/* mount_setattr */
	SYS_FEATURE_MAX,
};

bool sys_has(enum sys_feature f);
const char *sys_feature_name(enum sys_feature f);
/* Tests only: forget the cache and treat the listed features as missing. */
void sys_features_override(unsigned int missing_mask);
