/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unprivileged parts of the rootfs layer: mount option parsing, error records, and path
 * resolution/creation inside a root (with openat2 and with the fallback). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "rootfs/error.h"
#include "rootfs/mnt.h"
#include "sys/features.h"

static void test_opts_flags_and_data(void **state)
{
	struct mnt_opts o;

	assert_int_equal(mnt_opts_parse("bind,ro,create=dir,optional,nosuid,size=1m,mode=755", &o),
			 0);
	assert_int_equal(o.flags, MS_BIND | MS_RDONLY | MS_NOSUID);
	assert_int_equal(o.pflags, 0);
	assert_string_equal(o.data, "size=1m,mode=755");
	mnt_opts_free(&o);
	assert_null(o.data);
}

static void test_opts_clear_and_propagation(void **state)
{
	struct mnt_opts o;

	assert_int_equal(mnt_opts_parse("defaults,ro,rw,noexec,exec,rbind,rslave,relative,"
					"idmap=container",
					&o),
			 0);
	assert_int_equal(o.flags, MS_BIND | MS_REC);
	assert_int_equal(o.pflags, MS_SLAVE | MS_REC);
	assert_null(o.data);
	mnt_opts_free(&o);
	assert_int_equal(mnt_opts_parse(NULL, &o), 0);
	assert_int_equal(o.flags, 0);
	assert_null(o.data);
}

static void test_error_set(void **state)
{
	struct lxc_error e;

	assert_int_equal(lxc_error_set(&e, "rootfs", ENOENT, "Failed to mount rootfs \"%s\"", "/x"),
			 -ENOENT);
	assert_string_equal(e.step, "rootfs");
	assert_int_equal(e.err, ENOENT);
	assert_string_equal(e.message, "Failed to mount rootfs \"/x\": No such file or directory");
	assert_int_equal(lxc_error_set_plain(&e, "mount entry", -EOPNOTSUPP, "plain %d", 1),
			 -EOPNOTSUPP);
	assert_string_equal(e.step, "mount entry");
	assert_int_equal(e.err, EOPNOTSUPP);
	assert_string_equal(e.message, "plain 1");
	assert_int_equal(lxc_error_set(NULL, "x", EPERM, "y"), -EPERM);
	lxc_error_clear(&e);
	assert_int_equal(e.err, 0);
	assert_string_equal(e.message, "");
}

struct tree {
	char base[64];
	char root[128];
	int root_fd;
};

/* base/outside, base/root/{dir, abs -> /, up -> .., esc -> base/outside} */
static int tree_setup(void **state)
{
	struct tree *t = calloc(1, sizeof(*t));
	char p[256];

	snprintf(t->base, sizeof(t->base), "/tmp/lxc-rootfs-unit-XXXXXX");
	assert_non_null(mkdtemp(t->base));
	snprintf(t->root, sizeof(t->root), "%s/root", t->base);
	snprintf(p, sizeof(p), "%s/outside", t->base);
	assert_int_equal(mkdir(p, 0755), 0);
	assert_int_equal(mkdir(t->root, 0755), 0);
	snprintf(p, sizeof(p), "%s/dir", t->root);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s/abs", t->root);
	assert_int_equal(symlink("/", p), 0);
	snprintf(p, sizeof(p), "%s/up", t->root);
	assert_int_equal(symlink("..", p), 0);
	snprintf(p, sizeof(p), "%s/outside", t->base);
	char q[256];
	snprintf(q, sizeof(q), "%s/esc", t->root);
	assert_int_equal(symlink(p, q), 0);
	t->root_fd = open(t->root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	assert_true(t->root_fd >= 0);
	*state = t;
	return 0;
}

static int tree_teardown(void **state)
{
	struct tree *t = *state;
	char cmd[128];

	sys_features_override(0);
	close(t->root_fd);
	snprintf(cmd, sizeof(cmd), "rm -rf --one-file-system '%s'", t->base);
	assert_int_equal(system(cmd), 0);
	free(t);
	return 0;
}

static void assert_fd_path(int fd, const char *expect)
{
	char fdp[MNT_FD_PATH_LEN], buf[PATH_MAX];
	ssize_t n;

	assert_true(fd >= 0);
	n = readlink(mnt_fd_path(fd, fdp), buf, sizeof(buf) - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_string_equal(buf, expect);
	close(fd);
}

static void test_open_in_root(void **state)
{
	struct tree *t = *state;
	char p[256];

	if (!sys_has(SYS_FEATURE_OPENAT2))
		skip();
	/* Absolute and ".." symlinks stay in the root. */
	snprintf(p, sizeof(p), "%s/dir", t->root);
	assert_fd_path(mnt_open_in_root(t->root_fd, t->root, "/abs/dir", O_PATH), p);
	assert_fd_path(mnt_open_in_root(t->root_fd, t->root, "up/up/dir", O_PATH), p);
	assert_fd_path(mnt_open_in_root(t->root_fd, t->root, "", O_PATH), t->root);
	/* The escaping symlink is resolved inside: base/outside does not exist in the root. */
	assert_int_equal(mnt_open_in_root(t->root_fd, t->root, "esc", O_PATH), -ENOENT);
}

static void test_open_fallback_refuses_escape(void **state)
{
	struct tree *t = *state;
	char p[256];

	sys_features_override(1U << SYS_FEATURE_OPENAT2);
	snprintf(p, sizeof(p), "%s/dir", t->root);
	assert_fd_path(mnt_open_in_root(t->root_fd, t->root, "dir", O_PATH), p);
	assert_int_equal(mnt_open_in_root(t->root_fd, t->root, "esc", O_PATH), -EXDEV);
	assert_int_equal(mnt_open_in_root(t->root_fd, t->root, "abs", O_PATH), -EXDEV);
	assert_int_equal(mnt_open_in_root(t->root_fd, t->root, "up", O_PATH), -EXDEV);
	sys_features_override(0);
}

static void test_mkdir_and_mkfile(void **state)
{
	struct tree *t = *state;
	struct stat st;
	char p[256];

	if (!sys_has(SYS_FEATURE_OPENAT2))
		skip();
	snprintf(p, sizeof(p), "%s/a/b/c", t->root);
	assert_fd_path(mnt_mkdir_in_root(t->root_fd, t->root, "/a/b/c", 0755), p);
	/* Through an absolute symlink: created in the root, not on the host. */
	snprintf(p, sizeof(p), "%s/x/y", t->root);
	assert_fd_path(mnt_mkdir_in_root(t->root_fd, t->root, "abs/x/y", 0755), p);
	assert_int_equal(mnt_mkfile_in_root(t->root_fd, t->root, "up/f/file", 0644), 0);
	snprintf(p, sizeof(p), "%s/f/file", t->root);
	assert_int_equal(stat(p, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	/* Existing things are kept. */
	assert_int_equal(mnt_mkfile_in_root(t->root_fd, t->root, "f/file", 0644), 0);
	assert_int_equal(mnt_mkfile_in_root(t->root_fd, t->root, "dir/", 0644), -EISDIR);
	snprintf(p, sizeof(p), "%s/outside/x", t->base);
	/* esc points at a host path that does not exist inside the root: refused. */
	assert_int_equal(mnt_mkdir_in_root(t->root_fd, t->root, "esc/x", 0755), -ENOENT);
	assert_int_not_equal(stat(p, &st), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_opts_flags_and_data),
		cmocka_unit_test(test_opts_clear_and_propagation),
		cmocka_unit_test(test_error_set),
		cmocka_unit_test_setup_teardown(test_open_in_root, tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_open_fallback_refuses_escape, tree_setup,
						tree_teardown),
		cmocka_unit_test_setup_teardown(test_mkdir_and_mkfile, tree_setup, tree_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
