/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests of the cgroup driver's pure parts: layout parsing of hand-written legacy, hybrid,
 * unified and nested hosts, lxc.cgroup.use, the forced-unified switch, cgroup naming and
 * suffixes, device rules and the generated BPF program, stats parsers. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/file.h"
#include "base/str.h"
#include "cgroups/cgroup.h"
#include "cgroups/devices.h"

static const char *fixtures;

static char *fixture(const char *name)
{
	char path[4096];
	char *buf = NULL;

	snprintf(path, sizeof(path), "%s/%s", fixtures, name);
	if (file_read_all(path, &buf, NULL) < 0)
		fail_msg("cannot read fixture %s", path);
	return buf;
}

static void parse(struct cgroup_host *h, const char *which, const char *use, const char *force)
{
	char name[64];
	char *mi, *pc;
	struct cgroup_error e = { 0 };

	snprintf(name, sizeof(name), "%s.mountinfo", which);
	mi = fixture(name);
	snprintf(name, sizeof(name), "%s.cgroup", which);
	pc = fixture(name);
	if (cgroup_host_parse(h, mi, pc, use, force, &e) < 0)
		fail_msg("parse %s: %s", which, e.msg);
	free(mi);
	free(pc);
}

static char *joined(char **v)
{
	static char buf[256];
	char *j = strv_join(v, ",");

	snprintf(buf, sizeof(buf), "%s", j ? j : "");
	free(j);
	return buf;
}

static void test_hybrid(void **state)
{
	struct cgroup_host h;
	const struct cgroup_hierarchy *m;

	(void)state;
	parse(&h, "hybrid", NULL, NULL);
	assert_int_equal(h.layout, CGROUP_LAYOUT_HYBRID);
	assert_string_equal(cgroup_layout_name(h.layout), "hybrid");
	assert_int_equal(h.n, 8);
	assert_int_equal(h.unified, 7);
	assert_false(h.forced);
	assert_string_equal(joined(h.h[0].controllers), "name=systemd");
	assert_string_equal(h.h[0].base,
			    "/sys/fs/cgroup/systemd/user.slice/user-1000.slice/session-2.scope");
	assert_string_equal(joined(h.h[1].controllers), "cpu,cpuacct");
	assert_string_equal(h.h[1].mountpoint, "/sys/fs/cgroup/cpu,cpuacct");
	assert_string_equal(h.h[1].base, "/sys/fs/cgroup/cpu,cpuacct/user.slice");
	assert_string_equal(joined(h.h[5].controllers), "cpuset");
	assert_string_equal(h.h[5].base, "/sys/fs/cgroup/cpuset");
	assert_int_equal(h.h[7].version, 2);
	assert_string_equal(h.h[7].base,
			    "/sys/fs/cgroup/unified/user.slice/user-1000.slice/session-2.scope");
	assert_null(h.h[7].controllers);
	for (size_t i = 0; i < h.n; i++)
		assert_true(h.h[i].used);
	m = cgroup_host_find(&h, "memory", 0);
	assert_non_null(m);
	assert_string_equal(m->base, "/sys/fs/cgroup/memory/user.slice/user-1000.slice/session-2.scope");
	assert_null(cgroup_host_find(&h, "memory", 2));
	assert_ptr_equal(cgroup_host_find(&h, "cgroup", 0), &h.h[7]);
	assert_ptr_equal(cgroup_host_find(&h, "cpuacct", 1), &h.h[1]);
	assert_null(cgroup_host_find(&h, "blkio", 0));
	cgroup_host_free(&h);
	assert_int_equal(h.n, 0);
}

static void test_legacy(void **state)
{
	struct cgroup_host h;

	(void)state;
	parse(&h, "legacy", NULL, NULL);
	assert_int_equal(h.layout, CGROUP_LAYOUT_LEGACY);
	assert_int_equal(h.unified, -1);
	/* The second mount of the memory hierarchy (root /lxc) is the same hierarchy. */
	assert_int_equal(h.n, 6);
	assert_string_equal(joined(h.h[0].controllers), "name=systemd");
	assert_string_equal(joined(h.h[1].controllers), "net_cls,net_prio");
	assert_string_equal(h.h[1].base, "/sys/fs/cgroup/net_cls,net_prio");
	assert_string_equal(h.h[3].base, "/sys/fs/cgroup/memory/system.slice/sshd.service");
	assert_ptr_equal(cgroup_host_find(&h, "cgroup", 0), &h.h[0]);
	assert_ptr_equal(cgroup_host_find(&h, "blkio", 0), &h.h[2]);
	cgroup_host_free(&h);
}

static void test_unified(void **state)
{
	struct cgroup_host h;
	char *ctrls = fixture("unified.controllers");

	(void)state;
	parse(&h, "unified", NULL, NULL);
	assert_int_equal(h.layout, CGROUP_LAYOUT_UNIFIED);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.unified, 0);
	assert_string_equal(h.h[0].mountpoint, "/sys/fs/cgroup");
	assert_string_equal(h.h[0].base,
		"/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/app.slice/foo.scope");
	assert_null(cgroup_host_find(&h, "memory", 0));
	assert_int_equal(cgroup_host_set_unified_controllers(&h, ctrls), 0);
	assert_string_equal(joined(h.h[0].controllers), "cpuset,cpu,io,memory,hugetlb,pids,rdma,misc");
	assert_ptr_equal(cgroup_host_find(&h, "memory", 0), &h.h[0]);
	assert_null(cgroup_host_find(&h, "memory", 1));
	assert_null(cgroup_host_find(&h, "freezer", 0));
	free(ctrls);
	cgroup_host_free(&h);
}

static void test_nested(void **state)
{
	struct cgroup_host h;

	(void)state;
	/* Inside a container: the mounts' roots are the container's cgroup. */
	parse(&h, "nested", NULL, NULL);
	assert_int_equal(h.layout, CGROUP_LAYOUT_HYBRID);
	assert_int_equal(h.n, 2);
	assert_string_equal(h.h[0].base, "/sys/fs/cgroup/memory/init.scope");
	assert_string_equal(h.h[1].base, "/sys/fs/cgroup/unified");
	cgroup_host_free(&h);
}

static void test_use(void **state)
{
	struct cgroup_host h;

	(void)state;
	parse(&h, "hybrid", "memory,freezer", NULL);
	assert_false(h.h[0].used); /* name=systemd */
	assert_false(h.h[1].used); /* cpu,cpuacct */
	assert_true(h.h[2].used);  /* memory */
	assert_true(h.h[3].used);  /* freezer */
	assert_false(h.h[4].used); /* devices */
	assert_true(h.h[7].used);  /* cgroup2 */
	assert_null(cgroup_host_find(&h, "cpu", 0));
	cgroup_host_free(&h);

	parse(&h, "hybrid", "cpuacct, name=systemd", NULL);
	assert_true(h.h[0].used);
	assert_true(h.h[1].used);
	assert_false(h.h[2].used);
	cgroup_host_free(&h);

	parse(&h, "hybrid", "@all", NULL);
	for (size_t i = 0; i < h.n; i++)
		assert_true(h.h[i].used);
	cgroup_host_free(&h);
}

static void test_force_unified(void **state)
{
	struct cgroup_host h;
	struct cgroup_error e = { 0 };
	char *mi = fixture("hybrid.mountinfo"), *pc = fixture("hybrid.cgroup");

	(void)state;
	parse(&h, "hybrid", NULL, "/sys/fs/cgroup/unified");
	assert_int_equal(h.layout, CGROUP_LAYOUT_UNIFIED);
	assert_true(h.forced);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.unified, 0);
	assert_string_equal(h.h[0].base,
			    "/sys/fs/cgroup/unified/user.slice/user-1000.slice/session-2.scope");
	assert_string_equal(joined(h.v1_only), "cpu,cpuacct,memory,freezer,devices,cpuset,pids");
	assert_null(cgroup_host_find(&h, "memory", 0));
	cgroup_host_free(&h);

	assert_int_equal(cgroup_host_parse(&h, mi, pc, NULL, "/sys/fs/cgroup/memory", &e), -ENOENT);
	assert_string_equal(e.msg,
			    "LXC_CGROUP_FORCE_UNIFIED=\"/sys/fs/cgroup/memory\": no cgroup2 mount there");
	assert_int_equal(h.n, 0);
	free(mi);
	free(pc);
}

static void test_bad_input(void **state)
{
	struct cgroup_host h;
	struct cgroup_error e = { 0 };

	(void)state;
	assert_int_equal(cgroup_host_parse(&h, "garbage line\n", "0::/\n", NULL, NULL, &e),
			 -EINVAL);
	assert_string_equal(e.msg, "Failed to parse the cgroup layout of this host");
	memset(&e, 0, sizeof(e));
	assert_int_equal(cgroup_host_parse(&h, "", "", NULL, NULL, &e), 0);
	assert_int_equal(h.layout, CGROUP_LAYOUT_NONE);
	cgroup_host_free(&h);
}

static void check_name(const struct conf_cgroup *c, const char *pattern, enum cgroup_kind kind,
		       const char *want, bool want_fixed)
{
	char *got = NULL;
	bool fixed = !want_fixed;

	assert_int_equal(cgroup_name(c, pattern, "c1", kind, &got, &fixed), 0);
	assert_string_equal(got, want);
	assert_int_equal(fixed, want_fixed);
	free(got);
}

static void test_naming(void **state)
{
	struct conf_cgroup c;
	char *s = NULL;

	(void)state;
	conf_cgroup_init(&c);
	check_name(&c, NULL, CGROUP_PAYLOAD, "lxc.payload.c1", false);
	check_name(&c, NULL, CGROUP_MONITOR, "lxc.monitor.c1", false);
	check_name(&c, "lxc.payload.%n", CGROUP_PAYLOAD, "lxc.payload.c1", false);
	check_name(&c, "lxc.payload.%n", CGROUP_MONITOR, "lxc.monitor.c1", false);
	check_name(&c, "lxc/%n", CGROUP_PAYLOAD, "lxc/lxc.payload.c1", false);
	check_name(&c, "/machines/%n/x", CGROUP_MONITOR, "machines/c1/lxc.monitor.c1", false);
	c.dir = strdup("my-cgroup/first");
	check_name(&c, "lxc/%n", CGROUP_PAYLOAD, "my-cgroup/first/lxc.payload.c1", false);
	check_name(&c, NULL, CGROUP_MONITOR, "my-cgroup/first/lxc.monitor.c1", false);
	free(c.dir);
	c.dir = NULL;
	c.dir_container = strdup("/a/b");
	c.dir_monitor = strdup("m");
	check_name(&c, NULL, CGROUP_PAYLOAD, "a/b", true);
	check_name(&c, NULL, CGROUP_MONITOR, "m", true);
	conf_cgroup_free(&c);

	assert_int_equal(cgroup_name_suffix("lxc.payload.c1", 0, &s), 0);
	assert_string_equal(s, "lxc.payload.c1");
	free(s);
	assert_int_equal(cgroup_name_suffix("lxc.payload.c1", 1, &s), 0);
	assert_string_equal(s, "lxc.payload.c1-1");
	free(s);
	assert_int_equal(cgroup_name_suffix("d/lxc.payload.c1", 12, &s), 0);
	assert_string_equal(s, "d/lxc.payload.c1-12");
	free(s);
}

static void test_dev_rule_parse(void **state)
{
	struct cgroup_dev_rule r;
	static const char *const bad[] = { "x 1:3 rwm", "c 1 rwm", "c 1:3 rwx", "c a:3 r",
					    "c 1:3 rw m", "", "c :3 r", NULL };

	(void)state;
	assert_int_equal(cgroup_dev_rule_parse("c 1:3 rwm", true, &r), 0);
	assert_int_equal(r.type, 'c');
	assert_int_equal(r.major, 1);
	assert_int_equal(r.minor, 3);
	assert_int_equal(r.access, 7);
	assert_true(r.allow);
	assert_int_equal(cgroup_dev_rule_parse("b *:* m", false, &r), 0);
	assert_int_equal(r.type, 'b');
	assert_int_equal(r.major, -1);
	assert_int_equal(r.minor, -1);
	assert_int_equal(r.access, BPF_DEVCG_ACC_MKNOD);
	assert_false(r.allow);
	assert_int_equal(cgroup_dev_rule_parse("c 136:* rw", true, &r), 0);
	assert_int_equal(r.access, BPF_DEVCG_ACC_READ | BPF_DEVCG_ACC_WRITE);
	assert_int_equal(cgroup_dev_rule_parse("a", false, &r), 0);
	assert_int_equal(r.type, 'a');
	assert_int_equal(cgroup_dev_rule_parse("a *:* rwm", true, &r), 0);
	assert_int_equal(r.type, 'a');
	for (size_t i = 0; bad[i]; i++)
		if (cgroup_dev_rule_parse(bad[i], true, &r) != -EINVAL)
			fail_msg("accepted \"%s\"", bad[i]);
}

static void add(struct cgroup_dev_list *l, const char *v, bool allow)
{
	struct cgroup_dev_rule r;

	assert_int_equal(cgroup_dev_rule_parse(v, allow, &r), 0);
	assert_int_equal(cgroup_dev_list_add(l, &r), 0);
}

static void test_dev_list(void **state)
{
	struct cgroup_dev_list l = { 0 };

	(void)state;
	assert_false(l.allowlist); /* default: everything allowed */
	add(&l, "c 1:3 rwm", false);
	add(&l, "c 1:5 rwm", true); /* agrees with the default: ignored */
	assert_int_equal(l.n, 1);
	add(&l, "a", false); /* reset, allowlist */
	assert_true(l.allowlist);
	assert_int_equal(l.n, 0);
	add(&l, "c *:* m", true);
	add(&l, "c 1:3 rwm", true);
	add(&l, "c 1:5 rwm", false); /* ignored in an allowlist */
	add(&l, "c 1:3 r", true);    /* replaces the earlier 1:3 rule */
	assert_int_equal(l.n, 2);
	assert_int_equal(l.rules[1].access, BPF_DEVCG_ACC_READ);
	add(&l, "a", false); /* reset, stays an allowlist */
	assert_true(l.allowlist);
	assert_int_equal(l.n, 0);
	add(&l, "a", true);
	assert_false(l.allowlist);
	cgroup_dev_list_free(&l);
}

static void test_dev_prog(void **state)
{
	struct cgroup_dev_list l = { 0 };
	struct bpf_insn *p = NULL;
	size_t n = 0;

	(void)state;
	/* Denylist without rules: load the context, allow. */
	assert_int_equal(cgroup_dev_prog_build(&l, &p, &n), 0);
	assert_int_equal(n, 8);
	assert_int_equal(p[0].code, BPF_LDX | BPF_W | BPF_MEM);
	assert_int_equal(p[1].code, BPF_ALU | BPF_AND | BPF_K);
	assert_int_equal(p[1].imm, 0xffff);
	assert_int_equal(p[3].code, BPF_ALU | BPF_RSH | BPF_K);
	assert_int_equal(p[3].imm, 16);
	assert_int_equal(p[4].off, 4);
	assert_int_equal(p[5].off, 8);
	assert_int_equal(p[6].code, BPF_ALU64 | BPF_MOV | BPF_K);
	assert_int_equal(p[6].imm, 1);
	assert_int_equal(p[7].code, BPF_JMP | BPF_EXIT);
	free(p);

	/* The manual's allowlist plus a pty rule. */
	add(&l, "a", false);
	add(&l, "c *:* m", true);    /* type + access(3) + verdict(2) = 6 */
	add(&l, "b *:* m", true);    /* 6 */
	add(&l, "c 1:3 rwm", true);  /* type + major + minor + verdict = 5 */
	add(&l, "c 136:* rw", true); /* type + access + major + verdict = 7 */
	assert_int_equal(cgroup_dev_prog_build(&l, &p, &n), 0);
	assert_int_equal(n, 6 + 6 + 6 + 5 + 7 + 2);
	/* Rule 1: jump over its 6 instructions on a mismatch. */
	assert_int_equal(p[6].code, BPF_JMP | BPF_JNE | BPF_K);
	assert_int_equal(p[6].dst_reg, BPF_REG_2);
	assert_int_equal(p[6].imm, BPF_DEVCG_DEV_CHAR);
	assert_int_equal(p[6].off, 5);
	assert_int_equal(p[8].imm, BPF_DEVCG_ACC_READ | BPF_DEVCG_ACC_WRITE); /* not m */
	assert_int_equal(p[9].off, 2);
	assert_int_equal(p[10].imm, 1);
	assert_int_equal(p[12].imm, BPF_DEVCG_DEV_BLOCK);
	/* Rule 3 (c 1:3): type, major, minor. */
	assert_int_equal(p[18].imm, BPF_DEVCG_DEV_CHAR);
	assert_int_equal(p[18].off, 4);
	assert_int_equal(p[19].dst_reg, BPF_REG_4);
	assert_int_equal(p[19].imm, 1);
	assert_int_equal(p[19].off, 3);
	assert_int_equal(p[20].dst_reg, BPF_REG_5);
	assert_int_equal(p[20].imm, 3);
	assert_int_equal(p[20].off, 2);
	/* Rule 4 (c 136:* rw): no minor check; access mask is m. */
	assert_int_equal(p[25].imm, BPF_DEVCG_ACC_MKNOD);
	assert_int_equal(p[27].imm, 136);
	assert_int_equal(p[27].off, 2);
	/* Default: deny. */
	assert_int_equal(p[n - 2].imm, 0);
	assert_int_equal(p[n - 1].code, BPF_JMP | BPF_EXIT);
	free(p);
	cgroup_dev_list_free(&l);
}

static void test_stat_parsers(void **state)
{
	int64_t v = 0;

	(void)state;
	assert_int_equal(cgroup_parse_keyed("usage_usec 1234\nuser_usec 1\n", "usage_usec", &v), 0);
	assert_int_equal(v, 1234);
	assert_int_equal(cgroup_parse_keyed("usage_usec 1234\nuser_usec 1\n", "user_usec", &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(cgroup_parse_keyed("usage_usec 1\n", "system_usec", &v), -ENOENT);
	assert_int_equal(cgroup_parse_blkio_total("8:0 Read 10\n8:0 Write 20\n8:0 Total 30\n"
						  "Total 4096\n", &v), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(cgroup_parse_io_stat("8:0 rbytes=100 wbytes=20 rios=1 wios=2\n"
					      "8:16 rbytes=1 wbytes=2 dbytes=9\n", &v), 0);
	assert_int_equal(v, 123);
	assert_int_equal(cgroup_parse_io_stat("", &v), 0);
	assert_int_equal(v, 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hybrid),
		cmocka_unit_test(test_legacy),
		cmocka_unit_test(test_unified),
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_use),
		cmocka_unit_test(test_force_unified),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_naming),
		cmocka_unit_test(test_dev_rule_parse),
		cmocka_unit_test(test_dev_list),
		cmocka_unit_test(test_dev_prog),
		cmocka_unit_test(test_stat_parsers),
	};

	if (argc < 2) {
		fprintf(stderr, "usage: %s FIXTURE_DIR\n", argv[0]);
		return 1;
	}
	fixtures = argv[1];
	return cmocka_run_group_tests(tests, NULL, NULL);
}
