/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Legacy (LXC 2.x) key names: mapped to the current names before the families see them,
 * with one warning per legacy key per process. Unindexed "lxc.network.*" sections get the
 * next free network index. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "config/config.h"
#include "config/core/internal.h"
#include "config/core/legacy_names.h"
#include "log/log.h"

lxc_log_define(conf_legacy);

#define WARNED_MAX 128

static pthread_mutex_t warned_lock = PTHREAD_MUTEX_INITIALIZER;
static char *warned[WARNED_MAX];
static size_t n_warned;

/* True the first time name is seen in this process. */
static bool first_time(const char *name)
{
	bool first = true;

	pthread_mutex_lock(&warned_lock);
	for (size_t i = 0; i < n_warned; i++) {
		if (strcmp(warned[i], name) == 0) {
			first = false;
			break;
		}
	}
	if (first && n_warned < WARNED_MAX) {
		warned[n_warned] = strdup(name);
		if (warned[n_warned])
			n_warned++;
	}
	pthread_mutex_unlock(&warned_lock);
	return first;
}

/* The warning key: network keys are remembered without their index. */
static void warn_key(const char *key, char *buf, size_t size)
{
	size_t o = 0;

	for (const char *p = key; *p && o + 5 < size;) {
		size_t seg = strcspn(p, "."), digits = strspn(p, "0123456789");

		if (digits && digits == seg) {
			memcpy(buf + o, "[i]", 3);
			o += 3;
		} else {
			size_t n = seg < size - o - 2 ? seg : size - o - 2;

			memcpy(buf + o, p, n);
			o += n;
		}
		p += seg;
		if (*p == '.' && o + 2 < size) {
			buf[o++] = '.';
			p++;
		}
	}
	buf[o] = '\0';
}

static void warn_rename(const char *key, const char *cur, const char *file)
{
	char name[CONF_KEY_MAX];

	warn_key(key, name, sizeof(name));
	if (!first_time(name))
		return;
	WARN("Configuration key \"%s\" is deprecated, using \"%s\" instead; run "
	     "\"lxc-update-config -c %s\" to update the file",
	     key, cur, file && file[0] ? file : "FILE");
}

static void warn_drop(const char *key, const char *reason, const char *file)
{
	char name[CONF_KEY_MAX];

	warn_key(key, name, sizeof(name));
	if (!first_time(name))
		return;
	WARN("Configuration key \"%s\" is no longer supported (%s), ignoring it; run "
	     "\"lxc-update-config -c %s\" to update the file",
	     key, reason, file && file[0] ? file : "FILE");
}

/* The first network index >= start that has no network yet. */
static int next_free_net(const struct lxc_conf *conf, int start)
{
	struct strbuf sb = {};
	char key[64];

	for (int i = start; i < 100000; i++) {
		int ret;

		snprintf(key, sizeof(key), "lxc.net.%d.type", i);
		strbuf_reset(&sb);
		ret = conf_get_item(conf, key, &sb);
		if (ret == -ENOENT) {
			strbuf_free(&sb);
			return i;
		}
	}
	strbuf_free(&sb);
	return -ENOSPC;
}

int conf_legacy_map(const struct lxc_conf *conf, const char *key, const char *value,
		    const char *file, int *net, char *buf, size_t size, const char **ret_key,
		    struct conf_diag *diag)
{
	char sub[CONF_KEY_MAX];
	enum conf_legacy_kind kind;
	int idx = 0, n;

	*ret_key = key;
	kind = conf_legacy_classify(key, value[0] != '\0', sub, sizeof(sub));
	switch (kind) {
	case CONF_LEGACY_NONE:
		return 0;
	case CONF_LEGACY_DROP:
		warn_drop(key, sub, file);
		return 1;
	case CONF_LEGACY_RENAME:
		snprintf(buf, size, "%s", sub);
		*ret_key = buf;
		warn_rename(key, buf, file);
		return 0;
	case CONF_LEGACY_NET_NEW:
		idx = next_free_net(conf, *net + 1);
		if (idx < 0)
			return conf_diag_set(diag, idx, key, "Failed to add a network for \"%s\"",
					     key);
		break;
	case CONF_LEGACY_NET_CUR:
		if (*net < 0)
			return conf_diag_set(diag, -EINVAL, key,
					     "Failed to set \"%s\": no network defined yet, "
					     "\"lxc.network.type\" must come first", key);
		idx = *net;
		break;
	}
	n = snprintf(buf, size, "lxc.net.%d.%s", idx, sub);
	if (n < 0 || (size_t)n >= size)
		return conf_diag_set(diag, -E2BIG, key, "Configuration key \"%s\" is too long",
				     key);
	*net = idx;
	*ret_key = buf;
	warn_rename(key, buf, file);
	return 0;
}

const char *conf_legacy_rename(const char *key, char *buf, size_t size)
{
	char sub[CONF_KEY_MAX];

	if (conf_legacy_classify(key, true, sub, sizeof(sub)) != CONF_LEGACY_RENAME)
		return NULL;
	snprintf(buf, size, "%s", sub);
	return buf;
}

const char *conf_legacy_replacement(const char *key, char *buf, size_t size)
{
	char sub[CONF_KEY_MAX];

	if (!key || !buf || !size)
		return NULL;
	switch (conf_legacy_classify(key, true, sub, sizeof(sub))) {
	case CONF_LEGACY_NONE:
		return NULL;
	case CONF_LEGACY_RENAME:
		snprintf(buf, size, "%s", sub);
		break;
	case CONF_LEGACY_DROP:
		buf[0] = '\0';
		break;
	case CONF_LEGACY_NET_NEW:
	case CONF_LEGACY_NET_CUR:
		snprintf(buf, size, "lxc.net.[i].%s", sub);
		break;
	}
	return buf;
}
