/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests for the system configuration: defaults for root and for users (HOME/XDG), which
 * lxc.conf applies, the reader (comments, blanks, trailing slashes, unknown keys with the
 * closest key), the process cache behind lxc_get_global_config_item(), and the paths. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <lxc/lxccontainer.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "config/system/paths.h"
#include "config/system/sysconf.h"
#include "log/log.h"

static char tmpdir[PATH_MAX];

static const struct sysconf_env root_env = { .root = true, .home = "/root" };
static const struct sysconf_env user_env = { .root = false, .home = "/home/u" };

static void assert_str_or_null(const char *got, const char *want)
{
	if (!want)
		assert_null(got);
	else
		assert_string_equal(got, want);
}

static void test_key_table(void **state)
{
	static const char *const names[] = {
		"lxc.default_config", "lxc.lxcpath",	   "lxc.bdev.lvm.vg",
		"lxc.bdev.lvm.thin_pool", "lxc.bdev.zfs.root", "lxc.bdev.rbd.rbdpool",
		"lxc.cgroup.use",	  "lxc.cgroup.pattern",
	};

	assert_int_equal(ARRAY_SIZE(names), SYSCONF_NKEYS);
	for (int i = 0; i < SYSCONF_NKEYS; i++) {
		assert_string_equal(sysconf_key_name(i), names[i]);
		assert_int_equal(sysconf_key_lookup(names[i]), i);
	}
	assert_null(sysconf_key_name(SYSCONF_NKEYS));
	assert_int_equal(sysconf_key_lookup("lxc.lxcpath "), -EINVAL);
	assert_int_equal(sysconf_key_lookup(NULL), -EINVAL);
}

static void test_root_defaults(void **state)
{
	struct sysconf sc;

	assert_int_equal(sysconf_init(&sc, &root_env), 0);
	assert_string_equal(sc.values[SYSCONF_LXCPATH], LXCPATH);
	assert_string_equal(sc.values[SYSCONF_DEFAULT_CONFIG], LXC_DEFAULT_CONFIG);
	assert_string_equal(sc.values[SYSCONF_LVM_VG], LXC_DEFAULT_VG);
	assert_string_equal(sc.values[SYSCONF_LVM_THIN_POOL], LXC_DEFAULT_THINPOOL);
	assert_string_equal(sc.values[SYSCONF_ZFS_ROOT], LXC_DEFAULT_ZFSROOT);
	assert_string_equal(sc.values[SYSCONF_RBD_POOL], LXC_DEFAULT_RBDPOOL);
	assert_null(sc.values[SYSCONF_CGROUP_USE]);
	assert_str_or_null(sc.values[SYSCONF_CGROUP_PATTERN],
			   *LXC_CGROUP_PATTERN ? LXC_CGROUP_PATTERN : NULL);
	sysconf_free(&sc);
}

static void test_user_defaults(void **state)
{
	struct sysconf_env env = user_env;
	struct sysconf sc;

	assert_int_equal(sysconf_init(&sc, &env), 0);
	assert_string_equal(sc.values[SYSCONF_LXCPATH], "/home/u/.local/share/lxc");
	assert_string_equal(sc.values[SYSCONF_DEFAULT_CONFIG], "/home/u/.config/lxc/default.conf");
	assert_string_equal(sc.values[SYSCONF_LVM_VG], LXC_DEFAULT_VG);
	assert_null(sc.values[SYSCONF_CGROUP_PATTERN]);
	assert_null(sc.values[SYSCONF_CGROUP_USE]);
	sysconf_free(&sc);

	/* XDG_CONFIG_HOME counts when absolute; HOME "/" gives no double slash. */
	env.xdg_config_home = "/x/cfg";
	env.home = "/";
	assert_int_equal(sysconf_init(&sc, &env), 0);
	assert_string_equal(sc.values[SYSCONF_DEFAULT_CONFIG], "/x/cfg/lxc/default.conf");
	assert_string_equal(sc.values[SYSCONF_LXCPATH], "/.local/share/lxc");
	sysconf_free(&sc);
	env.xdg_config_home = "relative/cfg";
	assert_int_equal(sysconf_init(&sc, &env), 0);
	assert_string_equal(sc.values[SYSCONF_DEFAULT_CONFIG], "/.config/lxc/default.conf");
	sysconf_free(&sc);
}

static void test_file_path(void **state)
{
	struct sysconf_env env = user_env;
	__do_free char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

	assert_int_equal(sysconf_file_path(&root_env, &a), 0);
	assert_string_equal(a, LXC_GLOBAL_CONF);
	assert_int_equal(sysconf_file_path(&env, &b), 0);
	assert_string_equal(b, "/home/u/.config/lxc/lxc.conf");
	env.xdg_config_home = "/x/cfg";
	assert_int_equal(sysconf_file_path(&env, &c), 0);
	assert_string_equal(c, "/x/cfg/lxc/lxc.conf");
	env.global_conf = "/build/devenv-lxc.conf";
	env.root = true;
	assert_int_equal(sysconf_file_path(&env, &d), 0);
	assert_string_equal(d, "/build/devenv-lxc.conf");
}

static void test_parse(void **state)
{
	struct conf_diag diag = {};
	struct sysconf sc;
	const char *text = "# system config\n"
			   "\n"
			   "   lxc.lxcpath =   /srv/lxc///  \n"
			   "lxc.cgroup.use=@kernel\n"
			   "\t# indented comment\n"
			   "lxc.bdev.lvm.vg = first\n"
			   "lxc.bdev.lvm.vg = second\n"
			   "lxc.bdev.zfs.root =\n"
			   "lxc.cgroup.pattern = lxc/%n\n"
			   "lxc.default_config = \"/quoted\"\n";

	assert_int_equal(sysconf_init(&sc, &root_env), 0);
	assert_int_equal(sysconf_parse(&sc, text, "lxc.conf", &diag), 0);
	assert_int_equal(diag.err, 0);
	assert_string_equal(sc.values[SYSCONF_LXCPATH], "/srv/lxc");
	assert_string_equal(sc.values[SYSCONF_CGROUP_USE], "@kernel");
	assert_string_equal(sc.values[SYSCONF_LVM_VG], "second");
	assert_string_equal(sc.values[SYSCONF_ZFS_ROOT], LXC_DEFAULT_ZFSROOT);
	assert_string_equal(sc.values[SYSCONF_CGROUP_PATTERN], "lxc/%n");
	/* Values are taken as written: no quote removal, as LXC. */
	assert_string_equal(sc.values[SYSCONF_DEFAULT_CONFIG], "\"/quoted\"");
	assert_string_equal(sc.values[SYSCONF_RBD_POOL], LXC_DEFAULT_RBDPOOL);
	sysconf_free(&sc);
}

static void test_unknown_key(void **state)
{
	struct conf_diag diag = {};
	struct sysconf sc;
	char msg[2048];

	assert_int_equal(sysconf_init(&sc, &root_env), 0);
	assert_int_equal(sysconf_parse(&sc, "lxc.bdev.lvm.vg = vg0\n# c\nlxc.lxpath = /x\n",
				       "/etc/lxc/lxc.conf", &diag),
			 -EINVAL);
	assert_int_equal(diag.err, -EINVAL);
	assert_int_equal(diag.line, 3);
	assert_string_equal(diag.file, "/etc/lxc/lxc.conf");
	assert_string_equal(diag.key, "lxc.lxpath");
	assert_string_equal(diag.hint, "lxc.lxcpath");
	conf_diag_format(&diag, msg, sizeof(msg));
	assert_string_equal(msg, "/etc/lxc/lxc.conf:3: Unknown key \"lxc.lxpath\" "
				 "(did you mean \"lxc.lxcpath\"?)");
	/* All or nothing: the good line before the bad one did not apply. */
	assert_string_equal(sc.values[SYSCONF_LVM_VG], LXC_DEFAULT_VG);
	assert_string_equal(sc.values[SYSCONF_LXCPATH], LXCPATH);

	diag = (struct conf_diag){};
	assert_int_equal(sysconf_parse(&sc, "lxc.net.0.type = veth\n", "f", &diag), -EINVAL);
	conf_diag_format(&diag, msg, sizeof(msg));
	assert_string_equal(msg, "f:1: Unknown key \"lxc.net.0.type\"");

	diag = (struct conf_diag){};
	assert_int_equal(sysconf_parse(&sc, "\n\nlxc.lxcpath\n", "f", &diag), -EINVAL);
	conf_diag_format(&diag, msg, sizeof(msg));
	assert_string_equal(msg, "f:3: Invalid line \"lxc.lxcpath\": expected \"key = value\"");
	sysconf_free(&sc);
}

static void test_load_file(void **state)
{
	char path[PATH_MAX + 32];
	struct conf_diag diag = {};
	struct sysconf sc;
	const char *text = "lxc.bdev.lvm.thin_pool = tp\n";

	assert_int_equal(sysconf_init(&sc, &user_env), 0);
	snprintf(path, sizeof(path), "%s/missing.conf", tmpdir);
	assert_int_equal(sysconf_load_file(&sc, path, &diag), 0);
	assert_string_equal(sc.values[SYSCONF_LVM_THIN_POOL], LXC_DEFAULT_THINPOOL);
	snprintf(path, sizeof(path), "%s/lxc.conf", tmpdir);
	assert_int_equal(file_write_atomic(path, text, strlen(text), 0644), 0);
	assert_int_equal(sysconf_load_file(&sc, path, &diag), 0);
	assert_string_equal(sc.values[SYSCONF_LVM_THIN_POOL], "tp");
	sysconf_free(&sc);
}

static void write_global_conf(const char *text)
{
	char path[PATH_MAX + 32];

	snprintf(path, sizeof(path), "%s/global.conf", tmpdir);
	assert_int_equal(file_write_atomic(path, text, strlen(text), 0644), 0);
	setenv("LXC_GLOBAL_CONF", path, 1);
	sysconf_reset_cache();
}

static void test_global_item(void **state)
{
	__do_free char *copy = NULL;
	const char *v;

	write_global_conf("lxc.lxcpath = /var/tmp/containers/\nlxc.bdev.zfs.root = tank\n");
	v = lxc_get_global_config_item("lxc.lxcpath");
	assert_string_equal(v, "/var/tmp/containers");
	/* The same pointer every time: owned by the library. */
	assert_ptr_equal(lxc_get_global_config_item("lxc.lxcpath"), v);
	assert_string_equal(lxc_get_global_config_item("lxc.bdev.zfs.root"), "tank");
	assert_string_equal(lxc_get_global_config_item("lxc.bdev.lvm.vg"), LXC_DEFAULT_VG);
	errno = 0;
	assert_null(lxc_get_global_config_item("lxc.cgroup.use"));
	assert_int_equal(errno, 0);
	assert_null(lxc_get_global_config_item("lxc.nope"));
	assert_int_equal(errno, EINVAL);
	assert_null(lxc_get_global_config_item(NULL));
	assert_int_equal(errno, EINVAL);

	assert_int_equal(sysconf_get("lxc.bdev.zfs.root", &copy), 0);
	assert_string_equal(copy, "tank");
	assert_int_equal(sysconf_get("lxc.bogus", &copy), -EINVAL);
	assert_string_equal(paths_default_lxcpath(), "/var/tmp/containers");
}

static void test_global_broken(void **state)
{
	char *copy = (char *)"untouched";

	lxc_log_set_quiet(true);
	write_global_conf("lxc.lxcpth = /x\n");
	errno = 0;
	assert_null(lxc_get_global_config_item("lxc.lxcpath"));
	assert_int_equal(errno, EINVAL);
	assert_int_equal(sysconf_get("lxc.lxcpath", &copy), -EINVAL);
	assert_null(paths_default_config());
	lxc_log_set_quiet(false);
	write_global_conf("\n");
	assert_non_null(lxc_get_global_config_item("lxc.lxcpath"));
}

static void *get_lxcpath(void *arg)
{
	return (void *)lxc_get_global_config_item("lxc.lxcpath");
}

/* Threads racing for the first read all get the one cached string. */
static void test_global_threads(void **state)
{
	pthread_t t[8];
	void *got[8];

	write_global_conf("lxc.lxcpath = /threads\n");
	for (size_t i = 0; i < ARRAY_SIZE(t); i++)
		assert_int_equal(pthread_create(&t[i], NULL, get_lxcpath, NULL), 0);
	for (size_t i = 0; i < ARRAY_SIZE(t); i++)
		assert_int_equal(pthread_join(t[i], &got[i]), 0);
	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		assert_non_null(got[i]);
		assert_string_equal(got[i], "/threads");
		assert_ptr_equal(got[i], got[0]);
	}
}

static void test_rundir(void **state)
{
	struct sysconf_env env = user_env;
	__do_free char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL;

	assert_int_equal(paths_rundir_for(&root_env, &a), 0);
	assert_string_equal(a, LXC_RUNTIME_PATH "/lxc");
	assert_int_equal(paths_rundir_for(&env, &b), 0);
	assert_string_equal(b, "/home/u/.cache/lxc/run/lxc");
	env.xdg_runtime_dir = "/run/user/1000";
	assert_int_equal(paths_rundir_for(&env, &c), 0);
	assert_string_equal(c, "/run/user/1000/lxc");
	assert_int_equal(paths_lockdir_for(&env, &d), 0);
	assert_string_equal(d, "/run/user/1000/lxc/lock");
	assert_int_equal(paths_lockdir_for(&root_env, &e), 0);
	assert_string_equal(e, LXC_RUNTIME_PATH "/lxc/lock");
}

static void test_dirs(void **state)
{
	static const struct {
		const char *var;
		const char *(*fn)(void);
		const char *def;
	} dirs[] = {
		{ "LXC_TEMPLATE_DIR", paths_templatedir, LXC_TEMPLATEDIR },
		{ "LXC_CONFIG_DIR", paths_configdir, LXC_CONFIGDIR },
		{ "LXC_HOOK_DIR", paths_hookdir, LXC_HOOKDIR },
		{ "LXC_LIBEXEC_DIR", paths_libexecdir, LXC_LIBEXECDIR },
	};

	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++) {
		setenv(dirs[i].var, "/over/ride", 1);
		assert_string_equal(dirs[i].fn(), "/over/ride");
		setenv(dirs[i].var, "", 1);
		assert_string_equal(dirs[i].fn(), dirs[i].def);
		unsetenv(dirs[i].var);
		assert_string_equal(dirs[i].fn(), dirs[i].def);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_table),   cmocka_unit_test(test_root_defaults),
		cmocka_unit_test(test_user_defaults), cmocka_unit_test(test_file_path),
		cmocka_unit_test(test_parse),	      cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_load_file),     cmocka_unit_test(test_global_item),
		cmocka_unit_test(test_global_broken), cmocka_unit_test(test_global_threads),
		cmocka_unit_test(test_rundir),
		cmocka_unit_test(test_dirs),
	};
	char cmd[PATH_MAX + 64];
	int ret;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/lxc-test-sysconf.XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	ret = cmocka_run_group_tests(tests, NULL, NULL);
	snprintf(cmd, sizeof(cmd), "rm -rf --one-file-system '%s'", tmpdir);
	if (system(cmd) != 0)
		ret = 1;
	return ret;
}
