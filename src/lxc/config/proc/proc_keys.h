/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private to config/proc: the table-driven handlers shared by the proc key files, their
 * descriptors (what a key's handler-private data points to) and the non-generic handlers. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "base/str.h"
#include "config/conf.h"
#include "config/keys.h"
#include "config/proc/proc.h"

/* A member of struct conf_proc at byte offset off. */
#define PROC_FIELD(m, off, type) ((type *)(void *)((char *)(m) + (off)))
#define PROC_CFIELD(m, off, type) ((type const *)(const void *)((const char *)(m) + (off)))
#define PROC_OFF(member) offsetof(struct conf_proc, member)

/* Validates a value before a string key stores it; 0 or -EINVAL via conf_invalid(). */
typedef int (*proc_check_fn)(const char *key, const char *value, struct conf_diag *d);

struct proc_str_desc {
	size_t off;
	proc_check_fn check;	/* optional */
};

struct proc_num_desc {
	size_t off;
	unsigned int max;	/* uint keys */
};

/* Signal keys: def is the value an empty value or a clear restores; "0" stores 0. */
struct proc_sig_desc {
	size_t off;
	int def;
};

/* List of strings; each value is split on delims (NULL: the value is one item). */
struct proc_strv_desc {
	size_t off;
	const char *delims;
};

/* A family ("lxc.init"): the members are the table keys under prefix. */
struct proc_family_desc {
	const char *prefix;	/* with the trailing dot */
};

/* Generic handlers (keys_common.c). */
int proc_set_str(const struct conf_key *k, const char *key, const char *value,
		 struct lxc_conf *conf, struct conf_diag *d);
int proc_get_str(const struct conf_key *k, const char *key, struct strbuf *out,
		 const struct lxc_conf *conf);
int proc_clear_str(const struct conf_key *k, const char *key, struct lxc_conf *conf);

int proc_set_uint(const struct conf_key *k, const char *key, const char *value,
		  struct lxc_conf *conf, struct conf_diag *d);
int proc_get_uint(const struct conf_key *k, const char *key, struct strbuf *out,
		  const struct lxc_conf *conf);
int proc_clear_uint(const struct conf_key *k, const char *key, struct lxc_conf *conf);

int proc_set_bool(const struct conf_key *k, const char *key, const char *value,
		  struct lxc_conf *conf, struct conf_diag *d);
int proc_get_bool(const struct conf_key *k, const char *key, struct strbuf *out,
		  const struct lxc_conf *conf);
int proc_clear_bool(const struct conf_key *k, const char *key, struct lxc_conf *conf);

int proc_set_signal(const struct conf_key *k, const char *key, const char *value,
		    struct lxc_conf *conf, struct conf_diag *d);
int proc_get_signal(const struct conf_key *k, const char *key, struct strbuf *out,
		    const struct lxc_conf *conf);
int proc_clear_signal(const struct conf_key *k, const char *key, struct lxc_conf *conf);

int proc_set_strv(const struct conf_key *k, const char *key, const char *value,
		  struct lxc_conf *conf, struct conf_diag *d);
int proc_get_strv(const struct conf_key *k, const char *key, struct strbuf *out,
		  const struct lxc_conf *conf);
int proc_clear_strv(const struct conf_key *k, const char *key, struct lxc_conf *conf);

/* Families: get prints "KEY = VALUE\n" for every set member (one line per list item),
 * clear resets every member. */
int proc_get_family(const struct conf_key *k, const char *key, struct strbuf *out,
		    const struct lxc_conf *conf);
int proc_clear_family(const struct conf_key *k, const char *key, struct lxc_conf *conf);

/* keys_init.c */
int proc_check_hostname(const char *key, const char *value, struct conf_diag *d);
int proc_set_arch(const struct conf_key *k, const char *key, const char *value,
		  struct lxc_conf *conf, struct conf_diag *d);
int proc_get_arch(const struct conf_key *k, const char *key, struct strbuf *out,
		  const struct lxc_conf *conf);
int proc_clear_arch(const struct conf_key *k, const char *key, struct lxc_conf *conf);
int proc_set_init_groups(const struct conf_key *k, const char *key, const char *value,
			 struct lxc_conf *conf, struct conf_diag *d);
int proc_get_init_groups(const struct conf_key *k, const char *key, struct strbuf *out,
			 const struct lxc_conf *conf);
int proc_clear_init_groups(const struct conf_key *k, const char *key, struct lxc_conf *conf);
int proc_set_environment(const struct conf_key *k, const char *key, const char *value,
			 struct lxc_conf *conf, struct conf_diag *d);
int proc_set_start_order(const struct conf_key *k, const char *key, const char *value,
			 struct lxc_conf *conf, struct conf_diag *d);
int proc_get_start_order(const struct conf_key *k, const char *key, struct strbuf *out,
			 const struct lxc_conf *conf);
int proc_clear_start_order(const struct conf_key *k, const char *key, struct lxc_conf *conf);

/* keys_term.c */
int proc_check_tty_dir(const char *key, const char *value, struct conf_diag *d);
int proc_check_console_path(const char *key, const char *value, struct conf_diag *d);
int proc_check_syslog(const char *key, const char *value, struct conf_diag *d);
int proc_set_console_size(const struct conf_key *k, const char *key, const char *value,
			  struct lxc_conf *conf, struct conf_diag *d);
int proc_get_u64(const struct conf_key *k, const char *key, struct strbuf *out,
		 const struct lxc_conf *conf);
int proc_clear_u64(const struct conf_key *k, const char *key, struct lxc_conf *conf);
int proc_set_log_level(const struct conf_key *k, const char *key, const char *value,
		       struct lxc_conf *conf, struct conf_diag *d);
int proc_get_log_level(const struct conf_key *k, const char *key, struct strbuf *out,
		       const struct lxc_conf *conf);
int proc_clear_log_level(const struct conf_key *k, const char *key, struct lxc_conf *conf);

/* keys_limits.c: lxc.prlimit, lxc.sysctl and lxc.proc (prefix keys). */
int proc_set_prlimit(const struct conf_key *k, const char *key, const char *value,
		     struct lxc_conf *conf, struct conf_diag *d);
int proc_get_prlimit(const struct conf_key *k, const char *key, struct strbuf *out,
		     const struct lxc_conf *conf);
int proc_clear_prlimit(const struct conf_key *k, const char *key, struct lxc_conf *conf);
int proc_list_prlimit(const struct conf_key *k, const char *key, struct strbuf *out,
		      const struct lxc_conf *conf);
int proc_set_kv(const struct conf_key *k, const char *key, const char *value,
		struct lxc_conf *conf, struct conf_diag *d);
int proc_get_kv(const struct conf_key *k, const char *key, struct strbuf *out,
		const struct lxc_conf *conf);
int proc_clear_kv(const struct conf_key *k, const char *key, struct lxc_conf *conf);

/* model.c */
void proc_prlimits_clear(struct conf_proc *m);
void proc_kv_clear(struct conf_kv_list *l);
/* The known resource names: one per line (lines) or ", "-separated. */
int proc_prlimit_names(struct strbuf *out, bool lines);
