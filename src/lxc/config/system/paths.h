/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Where LXC finds and keeps things: runtime and lock directories, templates, shared configs,
 * hooks, helper programs, and the default lxcpath and container config.
 *
 * Environment overrides, so that the build tree runs uninstalled (`meson devenv` and the test
 * suite set them; an installed system sets none):
 *   LXC_GLOBAL_CONF   the system config file lxc.conf (read by sysconf.c)
 *   LXC_TEMPLATE_DIR  templates                (default LXC_TEMPLATEDIR from config.h)
 *   LXC_CONFIG_DIR    shared config includes   (default LXC_CONFIGDIR)
 *   LXC_HOOK_DIR      hook scripts             (default LXC_HOOKDIR)
 *   LXC_LIBEXEC_DIR   helper programs          (default LXC_LIBEXECDIR)
 * An override that is set but empty is ignored. */
#pragma once

#include "config/system/sysconf.h"

/* RUNDIR/lxc: root LXC_RUNTIME_PATH/lxc (/run/lxc); others $XDG_RUNTIME_DIR/lxc, else
 * ~/.cache/lxc/run/lxc. Malloc'd into *ret. */
int paths_rundir(char **ret);
int paths_rundir_for(const struct sysconf_env *env, char **ret);
/* RUNDIR/lxc/lock: container locks live below it as LOCKDIR/LXCPATH/.NAME. */
int paths_lockdir(char **ret);
int paths_lockdir_for(const struct sysconf_env *env, char **ret);

/* Installed directories (or their overrides); never NULL. */
const char *paths_templatedir(void);
const char *paths_configdir(void);
const char *paths_hookdir(void);
const char *paths_libexecdir(void);

/* lxc.lxcpath and lxc.default_config from the system config (cached for the process). NULL
 * only when lxc.conf is broken (errno set; the error was logged). */
const char *paths_default_lxcpath(void);
const char *paths_default_config(void);
