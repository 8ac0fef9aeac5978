/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Device rules ("c 1:3 rwm", "a") with LXC's allowlist/denylist semantics, compiled into a
 * BPF_PROG_TYPE_CGROUP_DEVICE program (raw instructions, bpf(2), no libbpf) for cgroup2. */
#pragma once

#include <linux/bpf.h>
#include <stdbool.h>
#include <stddef.h>

struct cgroup_dev_rule {
	char type;	/* 'a' (all), 'b', 'c' */
	int major;	/* -1: '*' */
	int minor;	/* -1: '*' */
	int access;	/* BPF_DEVCG_ACC_MKNOD | _READ | _WRITE */
	bool allow;
};

/* The device program: default verdict plus the rules that decide against it. */
struct cgroup_dev_list {
	bool allowlist;			/* default deny ("deny a" seen); else default allow */
	struct cgroup_dev_rule *rules;
	size_t n;
};

/* Parse one devices.allow/deny value: "a", "c 1:3 rwm", "b *:* m", "c 136:* rw".
 * -EINVAL on anything else. */
int cgroup_dev_rule_parse(const char *value, bool allow, struct cgroup_dev_rule *ret);

/* Add a rule with LXC's semantics: "a" resets the list and sets the mode (allow a: denylist,
 * deny a: allowlist); a rule agreeing with the default is ignored; a rule for the same
 * device and type replaces the earlier one. -ENOMEM. */
int cgroup_dev_list_add(struct cgroup_dev_list *l, const struct cgroup_dev_rule *r);
void cgroup_dev_list_free(struct cgroup_dev_list *l);

/* The program for L: malloc'd instructions in *ret, their count in *ret_n. Shape: 6 insns
 * loading the context (type, access, major, minor), per rule a block of 1 type check (absent for 'a'),
 * 3 access-subset insns (absent for rwm), 1 per fixed major, 1 per fixed minor, then
 * "r0 = verdict; exit" (2); finally "r0 = default; exit" (2). */
int cgroup_dev_prog_build(const struct cgroup_dev_list *l, struct bpf_insn **ret, size_t *ret_n);

/* Load the program and attach it to the cgroup2 directory CGROUP_FD (BPF_CGROUP_DEVICE,
 * BPF_F_ALLOW_MULTI). Returns the program fd (keep it for the cgroup's life) or -errno. */
int cgroup_dev_prog_attach(const struct bpf_insn *insns, size_t n, int cgroup_fd);
