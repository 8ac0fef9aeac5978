/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Public ABI: options for running a process inside a running container (attach). The layout,
 * member order and constant values match LXC 5.0, 6.0 and 7.0 and must never change. */
#ifndef __LXC_ATTACH_OPTIONS_H
#define __LXC_ATTACH_OPTIONS_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What happens to the caller's environment in the attached process. */
typedef enum lxc_attach_env_policy_t {
	LXC_ATTACH_KEEP_ENV = 0, /* keep the caller's environment */
#define LXC_ATTACH_KEEP_ENV LXC_ATTACH_KEEP_ENV
	LXC_ATTACH_CLEAR_ENV = 1, /* start from an empty environment */
#define LXC_ATTACH_CLEAR_ENV LXC_ATTACH_CLEAR_ENV
} lxc_attach_env_policy_t;

enum {
	/* Low 16 bits: steps done unless the caller clears them. */
	LXC_ATTACH_MOVE_TO_CGROUP = 0x00000001,
#define LXC_ATTACH_MOVE_TO_CGROUP LXC_ATTACH_MOVE_TO_CGROUP
	LXC_ATTACH_DROP_CAPABILITIES = 0x00000002,
#define LXC_ATTACH_DROP_CAPABILITIES LXC_ATTACH_DROP_CAPABILITIES
	LXC_ATTACH_SET_PERSONALITY = 0x00000004,
#define LXC_ATTACH_SET_PERSONALITY LXC_ATTACH_SET_PERSONALITY
	LXC_ATTACH_LSM_EXEC = 0x00000008,
#define LXC_ATTACH_LSM_EXEC LXC_ATTACH_LSM_EXEC

	/* High 16 bits: steps done only when the caller asks for them. */
	LXC_ATTACH_REMOUNT_PROC_SYS = 0x00010000,
#define LXC_ATTACH_REMOUNT_PROC_SYS LXC_ATTACH_REMOUNT_PROC_SYS
	LXC_ATTACH_LSM_NOW = 0x00020000,
#define LXC_ATTACH_LSM_NOW LXC_ATTACH_LSM_NOW
	LXC_ATTACH_NO_NEW_PRIVS = 0x00040000,
#define LXC_ATTACH_NO_NEW_PRIVS LXC_ATTACH_NO_NEW_PRIVS
	LXC_ATTACH_TERMINAL = 0x00080000,
#define LXC_ATTACH_TERMINAL LXC_ATTACH_TERMINAL
	LXC_ATTACH_LSM_LABEL = 0x00100000,
#define LXC_ATTACH_LSM_LABEL LXC_ATTACH_LSM_LABEL
	LXC_ATTACH_SETGROUPS = 0x00200000,
#define LXC_ATTACH_SETGROUPS LXC_ATTACH_SETGROUPS

	LXC_ATTACH_DEFAULT = 0x0000FFFF,
#define LXC_ATTACH_DEFAULT LXC_ATTACH_DEFAULT
};

/* Every flag that concerns the Linux Security Module. */
#define LXC_ATTACH_LSM (LXC_ATTACH_LSM_EXEC | LXC_ATTACH_LSM_NOW | LXC_ATTACH_LSM_LABEL)

/* Function run inside the container; its return value becomes the exit status. */
typedef int (*lxc_attach_exec_t)(void *payload);

typedef struct lxc_groups_t {
	size_t size;
	gid_t *list;
} lxc_groups_t;

/* Use the container's personality rather than a fixed one. */
#define LXC_ATTACH_DETECT_PERSONALITY ~0L

typedef struct lxc_attach_options_t {
	int attach_flags;		/* LXC_ATTACH_* */
	int namespaces;			/* CLONE_NEW* mask, -1 for all of the container's */
	long personality;		/* or LXC_ATTACH_DETECT_PERSONALITY */
	char *initial_cwd;		/* NULL: the caller's cwd if it exists inside, else / */
	uid_t uid;			/* (uid_t)-1: the container's root */
	gid_t gid;			/* (gid_t)-1: the container's root group */
	lxc_attach_env_policy_t env_policy;
	char **extra_env_vars;		/* NULL-terminated "NAME=VALUE" list */
	char **extra_keep_env;		/* NULL-terminated names kept with LXC_ATTACH_CLEAR_ENV */
	int stdin_fd;
	int stdout_fd;
	int stderr_fd;
	int log_fd;			/* -EBADF: none */
	char *lsm_label;		/* with LXC_ATTACH_LSM_LABEL */
	lxc_groups_t groups;		/* with LXC_ATTACH_SETGROUPS */
} lxc_attach_options_t;

#define LXC_ATTACH_OPTIONS_DEFAULT                                      \
	{                                                               \
		.attach_flags = LXC_ATTACH_DEFAULT,                     \
		.namespaces = -1,                                       \
		.personality = LXC_ATTACH_DETECT_PERSONALITY,           \
		.initial_cwd = NULL,                                    \
		.uid = (uid_t)-1,                                       \
		.gid = (gid_t)-1,                                       \
		.env_policy = LXC_ATTACH_KEEP_ENV,                      \
		.extra_env_vars = NULL,                                 \
		.extra_keep_env = NULL,                                 \
		.stdin_fd = 0,                                          \
		.stdout_fd = 1,                                         \
		.stderr_fd = 2,                                         \
		.log_fd = -EBADF,                                       \
		.lsm_label = NULL,                                      \
		.groups = {},                                           \
	}

/* Payload for lxc_attach_run_command(). */
typedef struct lxc_attach_command_t {
	char *program;	/* looked up with execvp() */
	char **argv;	/* NULL-terminated, argv[0] included */
} lxc_attach_command_t;

/* Ready-made exec functions for attach(): run a command, or the user's login shell. */
extern int lxc_attach_run_command(void *payload);
extern int lxc_attach_run_shell(void *payload);

#ifdef __cplusplus
}
#endif

#endif
