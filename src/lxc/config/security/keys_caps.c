/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc.cap.drop and lxc.cap.keep: space-separated capability names or numbers kept as bit
 * masks. Repeated lines add; an empty value empties the list; "none" in lxc.cap.keep forgets
 * what was kept so far (alone it keeps nothing, i.e. drops every capability). get prints one
 * capability per line in capability order, lower-case without "cap_" ("none" for an empty
 * keep list). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "config/security/keys_priv.h"

#define CAP_EXPECTED                                                                               \
	"capability names as in capabilities(7) without CAP_ (e.g. sys_admin) or numbers 0-63, "   \
	"space-separated"

/* Add one line's capabilities to mask. allow_none: "none" forgets the bits seen so far. */
static int caps_parse(const char *key, const char *value, bool allow_none, uint64_t *mask,
		      struct conf_diag *d)
{
	char **words = NULL;
	int r;

	r = sec_split_words(value, &words);
	if (r == -ENOMEM)
		return conf_diag_set(d, r, key, "Failed to parse \"%s\"", key);
	if (r < 0)
		return conf_invalid(d, key, value, CAP_EXPECTED);
	for (char **w = words; *w; w++) {
		unsigned int cap;

		if (allow_none && strcmp(*w, "none") == 0) {
			*mask = 0;
			continue;
		}
		if (conf_cap_from_name(*w, &cap) < 0) {
			r = conf_invalid(d, key, *w, CAP_EXPECTED);
			break;
		}
		*mask |= UINT64_C(1) << cap;
	}
	strv_free(words);
	return r;
}

static int caps_put(struct strbuf *out, uint64_t mask)
{
	for (unsigned int cap = 0; cap < 64; cap++) {
		const char *name = conf_cap_name(cap);
		int r;

		if (!(mask & (UINT64_C(1) << cap)))
			continue;
		if (name)
			r = strbuf_printf(out, "%s\n", name);
		else
			r = strbuf_printf(out, "%u\n", cap);
		if (r < 0)
			return r;
	}
	return 0;
}

int sec_cap_drop_set(const struct conf_key *k, const char *key, const char *value,
		     struct lxc_conf *conf, struct conf_diag *d)
{
	uint64_t mask = conf->sec.caps.drop;
	int r;

	if (!*value)
		return sec_cap_drop_clear(k, key, conf);
	r = caps_parse(key, value, false, &mask, d);
	if (r < 0)
		return r;
	conf->sec.caps.drop = mask;
	return 0;
}

int sec_cap_drop_get(const struct conf_key *k, const char *key, struct strbuf *out,
		     const struct lxc_conf *conf)
{
	return caps_put(out, conf->sec.caps.drop);
}

int sec_cap_drop_clear(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	conf->sec.caps.drop = 0;
	return 0;
}

int sec_cap_keep_set(const struct conf_key *k, const char *key, const char *value,
		     struct lxc_conf *conf, struct conf_diag *d)
{
	uint64_t mask = conf->sec.caps.keep;
	int r;

	if (!*value)
		return sec_cap_keep_clear(k, key, conf);
	r = caps_parse(key, value, true, &mask, d);
	if (r < 0)
		return r;
	conf->sec.caps.keep = mask;
	conf->sec.caps.keep_set = true;
	return 0;
}

int sec_cap_keep_get(const struct conf_key *k, const char *key, struct strbuf *out,
		     const struct lxc_conf *conf)
{
	if (!conf->sec.caps.keep_set)
		return 0;
	if (!conf->sec.caps.keep)
		return strbuf_append(out, "none\n");
	return caps_put(out, conf->sec.caps.keep);
}

int sec_cap_keep_clear(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	conf->sec.caps.keep = 0;
	conf->sec.caps.keep_set = false;
	return 0;
}
