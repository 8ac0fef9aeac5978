// SPDX-License-Identifier: LGPL-2.1-or-later
/* cgroup2 device rules: parsing "type major:minor access", LXC's allowlist/denylist list
 * semantics, and the BPF_PROG_TYPE_CGROUP_DEVICE program built from the list with raw
 * instructions, loaded and attached with bpf(2). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/str.h"
#include "cgroups/devices.h"

#define ACC_ALL (BPF_DEVCG_ACC_MKNOD | BPF_DEVCG_ACC_READ | BPF_DEVCG_ACC_WRITE)

static int parse_num(const char *s, size_t len, int *ret)
{
	char buf[16];
	unsigned int v;

	if (len == 1 && s[0] == '*') {
		*ret = -1;
		return 0;
	}
	if (len == 0 || len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (str_to_uint(buf, &v) < 0 || v > 0xfffff)
		return -EINVAL;
	*ret = (int)v;
	return 0;
}

int cgroup_dev_rule_parse(const char *value, bool allow, struct cgroup_dev_rule *ret)
{
	const char *p = value, *colon, *end;
	struct cgroup_dev_rule r = { .major = -1, .minor = -1, .access = ACC_ALL, .allow = allow };

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != 'a' && *p != 'b' && *p != 'c')
		return -EINVAL;
	r.type = *p++;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p && r.type == 'a')
		goto done;
	colon = strchr(p, ':');
	if (!colon)
		return -EINVAL;
	end = colon + 1 + strcspn(colon + 1, " \t");
	if (parse_num(p, (size_t)(colon - p), &r.major) < 0 ||
	    parse_num(colon + 1, (size_t)(end - colon - 1), &r.minor) < 0)
		return -EINVAL;
	p = end;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p) {
		r.access = 0;
		for (; *p && *p != ' ' && *p != '\t' && *p != '\n'; p++) {
			if (*p == 'r')
				r.access |= BPF_DEVCG_ACC_READ;
			else if (*p == 'w')
				r.access |= BPF_DEVCG_ACC_WRITE;
			else if (*p == 'm')
				r.access |= BPF_DEVCG_ACC_MKNOD;
			else
				return -EINVAL;
		}
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (*p || !r.access)
			return -EINVAL;
	}
done:
	*ret = r;
	return 0;
}

void cgroup_dev_list_free(struct cgroup_dev_list *l)
{
	free(l->rules);
	l->rules = NULL;
	l->n = 0;
	l->allowlist = false;
}

int cgroup_dev_list_add(struct cgroup_dev_list *l, const struct cgroup_dev_rule *r)
{
	struct cgroup_dev_rule *n;

	if (r->type == 'a') {
		/* A global rule resets the list: "deny a" blocks all by default (allowlist),
		 * "allow a" allows all by default (denylist). */
		free(l->rules);
		l->rules = NULL;
		l->n = 0;
		l->allowlist = !r->allow;
		return 0;
	}
	if (r->allow != l->allowlist)
		return 0; /* agrees with the default: nothing to decide */
	for (size_t i = 0; i < l->n; i++) {
		if (l->rules[i].type == r->type && l->rules[i].major == r->major &&
		    l->rules[i].minor == r->minor) {
			l->rules[i] = *r;
			return 0;
		}
	}
	n = realloc(l->rules, (l->n + 1) * sizeof(*n));
	if (!n)
		return -ENOMEM;
	l->rules = n;
	l->rules[l->n++] = *r;
	return 0;
}

#define INSN(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })
#define LDX_W(d, s, o) INSN(BPF_LDX | BPF_W | BPF_MEM, d, s, o, 0)
#define ALU32_IMM(op, d, i) INSN(BPF_ALU | (op) | BPF_K, d, 0, 0, i)
#define MOV64_REG(d, s) INSN(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define MOV64_IMM(d, i) INSN(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define JNE_IMM(d, i, o) INSN(BPF_JMP | BPF_JNE | BPF_K, d, 0, o, i)
#define EXIT() INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

static size_t rule_len(const struct cgroup_dev_rule *r)
{
	return (r->type != 'a') + (r->access != ACC_ALL ? 3 : 0) + (r->major >= 0) +
	       (r->minor >= 0) + 2;
}

int cgroup_dev_prog_build(const struct cgroup_dev_list *l, struct bpf_insn **ret, size_t *ret_n)
{
	size_t total = 6 + 2, k = 0;
	struct bpf_insn *p;

	for (size_t i = 0; i < l->n; i++)
		total += rule_len(&l->rules[i]);
	p = calloc(total, sizeof(*p));
	if (!p)
		return -ENOMEM;
	/* r2 = type, r3 = access, r4 = major, r5 = minor (struct bpf_cgroup_dev_ctx). */
	p[k++] = LDX_W(BPF_REG_2, BPF_REG_1, 0);
	p[k++] = ALU32_IMM(BPF_AND, BPF_REG_2, 0xffff);
	p[k++] = LDX_W(BPF_REG_3, BPF_REG_1, 0);
	p[k++] = ALU32_IMM(BPF_RSH, BPF_REG_3, 16);
	p[k++] = LDX_W(BPF_REG_4, BPF_REG_1, 4);
	p[k++] = LDX_W(BPF_REG_5, BPF_REG_1, 8);
	for (size_t i = 0; i < l->n; i++) {
		const struct cgroup_dev_rule *r = &l->rules[i];
		size_t next = k + rule_len(r);

		/* Each check jumps to the next rule's block on mismatch. */
		if (r->type != 'a') {
			int t = r->type == 'b' ? BPF_DEVCG_DEV_BLOCK : BPF_DEVCG_DEV_CHAR;

			p[k] = JNE_IMM(BPF_REG_2, t, (short)(next - k - 1));
			k++;
		}
		if (r->access != ACC_ALL) {
			/* The requested access must be a subset of the rule's. */
			p[k++] = MOV64_REG(BPF_REG_1, BPF_REG_3);
			p[k++] = ALU32_IMM(BPF_AND, BPF_REG_1, ~r->access & ACC_ALL);
			p[k] = JNE_IMM(BPF_REG_1, 0, (short)(next - k - 1));
			k++;
		}
		if (r->major >= 0) {
			p[k] = JNE_IMM(BPF_REG_4, r->major, (short)(next - k - 1));
			k++;
		}
		if (r->minor >= 0) {
			p[k] = JNE_IMM(BPF_REG_5, r->minor, (short)(next - k - 1));
			k++;
		}
		p[k++] = MOV64_IMM(BPF_REG_0, r->allow ? 1 : 0);
		p[k++] = EXIT();
	}
	p[k++] = MOV64_IMM(BPF_REG_0, l->allowlist ? 0 : 1);
	p[k++] = EXIT();
	*ret = p;
	*ret_n = k;
	return 0;
}

static long sys_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

int cgroup_dev_prog_attach(const struct bpf_insn *insns, size_t n, int cgroup_fd)
{
	static const char license[] = "GPL";
	union bpf_attr attr;
	int prog;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_CGROUP_DEVICE;
	attr.insns = (__u64)(unsigned long)insns;
	attr.insn_cnt = (__u32)n;
	attr.license = (__u64)(unsigned long)license;
	prog = (int)sys_bpf(BPF_PROG_LOAD, &attr);
	if (prog < 0)
		return -errno;
	memset(&attr, 0, sizeof(attr));
	attr.target_fd = (__u32)cgroup_fd;
	attr.attach_bpf_fd = (__u32)prog;
	attr.attach_type = BPF_CGROUP_DEVICE;
	attr.attach_flags = BPF_F_ALLOW_MULTI;
	if (sys_bpf(BPF_PROG_ATTACH, &attr) < 0) {
		int err = -errno;

		close(prog);
		return err;
	}
	return prog;
}
