/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Shared by the attach integration test cases: assertions, the test's lxcpath, running shell
 * commands and building/starting busybox containers. */
#pragma once

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lxc/lxccontainer.h>

#include "ctest.h"

extern char lxcpath[256];
extern int failures;

#define STREQ(a, b) CHECK(strcmp((a), (b)) == 0, "got \"%s\", want \"%s\"", (a), (b))

int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Run a shell command; its stdout+stderr (trailing newlines dropped) into out; exit code
 * (128 + N when killed by signal N). */
int capture(char *out, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* LXCPATH/NAME with a busybox rootfs; extra config lines before the template's. */
void make_container(const char *name, const char *extra);
struct lxc_container *start_container(const char *name, const char *extra);
/* A container with a user namespace, ids 0..65535 mapped to host_base..; exits 77 without
 * user namespaces. */
struct lxc_container *start_userns_container(const char *name, unsigned int host_base);

/* lxc-attach -P LXCPATH -n NAME ARGS, stdin from /dev/null (no pty). */
#define ATTACH(out, name, args)                                                           \
	capture(out, sizeof(out), "cd / && lxc-attach -P '%s' -n %s " args                \
		" </dev/null 2>&1", lxcpath, name)


void test_exit_codes(void);
void test_errors(void);
void test_env(void);
void test_namespaces(void);
void test_ids(void);
void test_fds(void);
void test_pty(void);
void test_api(void);
void test_api_options(void);
void test_cve_2019_5736(void);
void test_cve_2019_5736_userns(void);
void test_userns(void);
