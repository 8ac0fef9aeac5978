/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Feature probes: on this project's kernels (>= 5.10) every probed call exists; an override
 * makes a feature look missing so fallbacks can be exercised; wrappers return -errno. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "sys/features.h"
#include "sys/pidfd.h"
#include "sys/process.h"

static void test_probes(void **state)
{
	for (int f = 0; f < SYS_FEATURE_MAX; f++) {
		if (!sys_has(f))
			fail_msg("kernel feature %s reported missing", sys_feature_name(f));
	}
	assert_false(sys_has(SYS_FEATURE_MAX));
	assert_string_equal(sys_feature_name(SYS_FEATURE_CLONE3), "clone3");
}

static void test_override(void **state)
{
	sys_features_override(1U << SYS_FEATURE_PIDFD);
	assert_false(sys_has(SYS_FEATURE_PIDFD));
	assert_true(sys_has(SYS_FEATURE_CLONE3));
	sys_features_override(0);
	assert_true(sys_has(SYS_FEATURE_PIDFD));
}

static void test_wrappers(void **state)
{
	struct clone_args args = { .exit_signal = SIGCHLD };
	int status;
	pid_t pid;

	assert_int_equal(sys_pidfd_open(-1, 0), -EINVAL);
	assert_int_equal(sys_pidfd_send_signal(-1, 0, NULL, 0), -EBADF);
	pid = sys_clone3(&args);
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(7);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(WEXITSTATUS(status), 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probes),
		cmocka_unit_test(test_override),
		cmocka_unit_test(test_wrappers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
