/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The writer: the unexpanded text as save_config writes it ("key = value" lines with current
 * key names, comments and blank lines verbatim), and the atomic save. */
#include "config.h"

#include <errno.h>

#include "base/cleanup.h"
#include "base/file.h"
#include "base/str.h"
#include "config/config.h"

int conf_write(const struct lxc_conf *conf, struct strbuf *out)
{
	if (!conf || !out)
		return -EINVAL;
	for (size_t i = 0; i < conf->text.n_lines; i++) {
		const struct conf_line *l = &conf->text.lines[i];
		int ret;

		if (l->key)
			ret = strbuf_printf(out, "%s = %s\n", l->key, l->text);
		else
			ret = strbuf_printf(out, "%s\n", l->text);
		if (ret < 0)
			return ret;
	}
	return 0;
}

int conf_save(const struct lxc_conf *conf, const char *path)
{
	struct strbuf sb = {};
	int ret;

	if (!path)
		return -EINVAL;
	ret = conf_write(conf, &sb);
	if (ret == 0)
		ret = file_write_atomic(path, sb.buf ? sb.buf : "", sb.len, 0640);
	strbuf_free(&sb);
	return ret;
}
