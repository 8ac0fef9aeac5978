/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libFuzzer target for the config reader: load arbitrary text into a fresh conf, write it
 * back, clone it, read every listed key from both copies (they must agree) and free all. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "config/config.h"

/* Every listed key reads the same from conf and copy. */
static void compare_keys(const struct lxc_conf *conf, const struct lxc_conf *copy)
{
	struct strbuf keys = {};
	char *save = NULL;

	if (conf_list_keys(conf, NULL, &keys) < 0 || !keys.buf)
		goto out;
	for (char *k = strtok_r(keys.buf, "\n", &save); k; k = strtok_r(NULL, "\n", &save)) {
		struct strbuf a = {}, b = {};
		int ra = conf_get_item(conf, k, &a), rb = conf_get_item(copy, k, &b);

		if (ra != rb || strcmp(a.buf ? a.buf : "", b.buf ? b.buf : "") != 0)
			__builtin_trap();
		strbuf_free(&a);
		strbuf_free(&b);
	}
out:
	strbuf_free(&keys);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conf_diag diag = {};
	struct strbuf out = {}, out2 = {};
	struct lxc_conf *conf, *copy;
	char *text;

	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	conf = conf_new();
	if (!conf) {
		free(text);
		return 0;
	}
	(void)conf_load_string(conf, text, "fuzz", &diag);
	(void)conf_write(conf, &out);
	copy = conf_clone(conf);
	if (copy) {
		(void)conf_write(copy, &out2);
		if (strcmp(out.buf ? out.buf : "", out2.buf ? out2.buf : "") != 0)
			__builtin_trap();
		compare_keys(conf, copy);
	}
	strbuf_free(&out);
	strbuf_free(&out2);
	conf_free(copy);
	conf_free(conf);
	free(text);
	return 0;
}
