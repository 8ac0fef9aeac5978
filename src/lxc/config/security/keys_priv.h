/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internal to config/security: the key handlers defined in keys_*.c, gathered into
 * conf_table_security by keys.c, and the small helpers they share. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "config/conf.h"
#include "config/keys.h"
#include "config/security/security.h"

/* Handler data for field keys: the offset of the field inside struct conf_security. */
#define SEC_FIELD(f)	  ((const void *)(uintptr_t)offsetof(struct conf_security, f))
#define SEC_PTR(conf, k)  ((void *)((char *)&(conf)->sec + (uintptr_t)(k)->data))
#define SEC_CPTR(conf, k) ((const void *)((const char *)&(conf)->sec + (uintptr_t)(k)->data))

/* Reject control characters (a value must stay one config line) and over-long values. */
int sec_check_text(const char *key, const char *value, struct conf_diag *d);

/* Split value on blanks into a NULL-terminated list (never empty on success). */
int sec_split_words(const char *value, char ***ret);

#define SEC_HANDLERS(name)                                                                         \
	int name##_set(const struct conf_key *k, const char *key, const char *value,               \
		       struct lxc_conf *conf, struct conf_diag *d);                                \
	int name##_get(const struct conf_key *k, const char *key, struct strbuf *out,              \
		       const struct lxc_conf *conf);                                               \
	int name##_clear(const struct conf_key *k, const char *key, struct lxc_conf *conf)

/* keys.c: generic string, 0/1 and family handlers. */
SEC_HANDLERS(sec_str);
SEC_HANDLERS(sec_flag);
SEC_HANDLERS(sec_family);

/* keys_caps.c */
SEC_HANDLERS(sec_cap_drop);
SEC_HANDLERS(sec_cap_keep);

/* keys_lsm.c */
SEC_HANDLERS(sec_aa_profile);
SEC_HANDLERS(sec_aa_raw);
SEC_HANDLERS(sec_notify_proxy);

/* keys_ns.c */
SEC_HANDLERS(sec_idmap);
SEC_HANDLERS(sec_ns_clone);
SEC_HANDLERS(sec_ns_keep);
SEC_HANDLERS(sec_ns_share);
int sec_ns_share_list(const struct conf_key *k, const char *key, struct strbuf *out,
		      const struct lxc_conf *conf);
SEC_HANDLERS(sec_time_offset);
