/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The file system configuration model: init/free, the mount entry list, and the pure parsers
 * for fstab-format lines, lxc.rootfs.path and lxc.rootfs.options. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "config/fs/fs.h"

void conf_rootfs_reset(struct conf_rootfs *r)
{
	free(r->path);
	free(r->mount);
	free(r->options);
	free(r->idmap);
	memset(r, 0, sizeof(*r));
	r->managed = true;
}

void conf_mount_entry_free(struct conf_mount_entry *e)
{
	if (!e)
		return;
	free(e->line);
	free(e->source);
	free(e->target);
	free(e->fstype);
	free(e->options);
	free(e->idmap);
	memset(e, 0, sizeof(*e));
}

void conf_mount_list_clear(struct conf_mount_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		conf_mount_entry_free(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

int conf_mount_list_push(struct conf_mount_list *l, struct conf_mount_entry *e)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct conf_mount_entry *n = realloc(l->items, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		l->items = n;
		l->cap = cap;
	}
	l->items[l->n++] = *e;
	memset(e, 0, sizeof(*e));
	return 0;
}

void conf_mount_auto_reset(struct conf_mount_auto *a)
{
	free(a->shmounts_host);
	free(a->shmounts_container);
	memset(a, 0, sizeof(*a));
}

void conf_fs_init(struct conf_fs *m)
{
	memset(m, 0, sizeof(*m));
	m->rootfs.managed = true;
	m->autodev = true;
	m->autodev_tmpfs_size = -1;
}

void conf_fs_free(struct conf_fs *m)
{
	if (!m)
		return;
	conf_rootfs_reset(&m->rootfs);
	free(m->fstab);
	conf_mount_list_clear(&m->entries);
	conf_mount_auto_reset(&m->autos);
	conf_fs_init(m);
}

const char *conf_fs_shmounts_container(const struct conf_fs *m)
{
	if (!(m->autos.mask & CONF_AUTO_SHMOUNTS))
		return NULL;
	return m->autos.shmounts_container ?: CONF_SHMOUNTS_CONTAINER_DEFAULT;
}

long long conf_fs_autodev_tmpfs_size(const struct conf_fs *m)
{
	/* Unset and 0 both mean the default, as in LXC. */
	return m->autodev_tmpfs_size <= 0 ? CONF_AUTODEV_TMPFS_SIZE_DEFAULT : m->autodev_tmpfs_size;
}

/* One whitespace-separated fstab field starting at *p, with fstab(5) octal escapes (\040 for
 * a space, \011, \012, \134) decoded. Advances *p past the field. */
static char *fstab_field(const char **p)
{
	const char *s = *p;
	size_t n = strcspn(s, " \t");
	char *out = malloc(n + 1), *o = out;

	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 3 < n && s[i + 1] >= '0' && s[i + 1] <= '3' &&
		    s[i + 2] >= '0' && s[i + 2] <= '7' && s[i + 3] >= '0' && s[i + 3] <= '7') {
			*o++ = (char)((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 +
				      (s[i + 3] - '0'));
			i += 3;
			continue;
		}
		*o++ = s[i];
	}
	*o = '\0';
	*p = s + n;
	return out;
}

/* LXC's own options: validate create= and idmap=, note the flags. */
static int entry_options(struct conf_mount_entry *e, const char **ret_why)
{
	const char *p = e->options;

	while (*p) {
		size_t n = strcspn(p, ",");

		if (n == 8 && strncmp(p, "optional", n) == 0)
			e->flags |= CONF_MNT_OPTIONAL;
		else if (n == 8 && strncmp(p, "relative", n) == 0)
			e->flags |= CONF_MNT_RELATIVE;
		else if (n == 4 && strncmp(p, "bind", n) == 0)
			e->flags |= CONF_MNT_BIND;
		else if (n == 5 && strncmp(p, "rbind", n) == 0)
			e->flags |= CONF_MNT_RBIND;
		else if (n == 10 && strncmp(p, "create=dir", n) == 0)
			e->flags |= CONF_MNT_CREATE_DIR;
		else if (n == 11 && strncmp(p, "create=file", n) == 0)
			e->flags |= CONF_MNT_CREATE_FILE;
		else if (strncmp(p, "create=", 7) == 0 && n >= 7) {
			*ret_why = "create=dir or create=file";
			return -EINVAL;
		} else if (strncmp(p, "idmap=", 6) == 0 && n >= 6) {
			if (n == 6 || e->idmap) {
				*ret_why = "a single idmap=container or idmap=PATH option";
				return -EINVAL;
			}
			e->idmap = strndup(p + 6, n - 6);
			if (!e->idmap)
				return -ENOMEM;
			e->flags |= CONF_MNT_IDMAP;
		}
		p += n;
		p += strspn(p, ",");
	}
	return 0;
}

static int entry_number(const char **p, int *ret)
{
	__do_free char *f = fstab_field(p);

	if (!f)
		return -ENOMEM;
	if (str_to_int(f, ret) < 0 || *ret < 0)
		return -EINVAL;
	return 0;
}

static const char *skip_blanks(const char *p)
{
	return p + strspn(p, " \t");
}

int conf_mount_entry_parse(const char *line, struct conf_mount_entry *ret, const char **ret_why)
{
	struct conf_mount_entry e = {0};
	char **fields[] = {&e.source, &e.target, &e.fstype, &e.options};
	const char *p = skip_blanks(line);
	size_t nf = 0;
	int r = -EINVAL;

	*ret_why = "an fstab line: SOURCE TARGET FSTYPE [OPTIONS [FREQ [PASSNO]]]";
	if (strchr(line, '\n'))
		goto fail;
	for (; *p && nf < ARRAY_SIZE(fields); nf++, p = skip_blanks(p)) {
		*fields[nf] = fstab_field(&p);
		if (!*fields[nf]) {
			r = -ENOMEM;
			goto fail;
		}
	}
	if (nf < 3)
		goto fail;
	if (nf == 3 && !(e.options = strdup("defaults"))) {
		r = -ENOMEM;
		goto fail;
	}
	if (*p && (r = entry_number(&p, &e.freq)) < 0)
		goto fail;
	p = skip_blanks(p);
	if (*p && (r = entry_number(&p, &e.passno)) < 0)
		goto fail;
	r = -EINVAL;
	if (*skip_blanks(p))
		goto fail;
	r = entry_options(&e, ret_why);
	if (r < 0)
		goto fail;
	e.line = strdup(line);
	if (!e.line) {
		r = -ENOMEM;
		goto fail;
	}
	*ret = e;
	return 0;
fail:
	conf_mount_entry_free(&e);
	return r;
}

/* Backends and what their source must look like. */
enum src_rule { SRC_ABS, SRC_ANY, SRC_PAIR };

static const struct {
	const char *type;
	enum src_rule rule;
} rootfs_backends[] = {
	{"btrfs", SRC_ABS},	 {"dir", SRC_ABS}, {"loop", SRC_ABS},
	{"lvm", SRC_ABS},	 {"nbd", SRC_ANY}, {"overlay", SRC_PAIR},
	{"overlayfs", SRC_PAIR}, {"rbd", SRC_ANY}, {"zfs", SRC_ANY},
};

#define ROOTFS_WHY                                                                                 \
	"an absolute path or BACKEND:SOURCE with BACKEND one of dir, btrfs, zfs, lvm, loop, "      \
	"nbd, rbd, overlay (overlay:LOWER:UPPER)"

static bool source_ok(const char *src, enum src_rule rule)
{
	const char *colon;

	switch (rule) {
	case SRC_ABS:
		return src[0] == '/';
	case SRC_ANY:
		return src[0] != '\0';
	case SRC_PAIR:
		colon = strrchr(src, ':');
		return colon && colon != src && colon[1] != '\0';
	}
	return false;
}

int conf_rootfs_parse_path(const char *path, struct conf_rootfs_spec *ret, const char **ret_why)
{
	const char *colon = strchr(path, ':');

	*ret_why = ROOTFS_WHY;
	if (strchr(path, '\n'))
		return -EINVAL;
	if (path[0] == '/') {
		ret->type[0] = '\0';
		ret->source = path;
		return 0;
	}
	if (!colon)
		return -EINVAL;
	for (size_t i = 0; i < ARRAY_SIZE(rootfs_backends); i++) {
		size_t n = strlen(rootfs_backends[i].type);

		if ((size_t)(colon - path) != n || strncmp(path, rootfs_backends[i].type, n) != 0)
			continue;
		if (!source_ok(colon + 1, rootfs_backends[i].rule))
			return -EINVAL;
		memcpy(ret->type, path, n);
		ret->type[n] = '\0';
		ret->source = colon + 1;
		return 0;
	}
	return -EINVAL;
}

int conf_fs_rootfs_spec(const struct conf_fs *m, struct conf_rootfs_spec *ret)
{
	const char *why;

	if (!m->rootfs.path)
		return -ENOENT;
	return conf_rootfs_parse_path(m->rootfs.path, ret, &why);
}

int conf_rootfs_parse_options(const char *options, char **ret_idmap, const char **ret_why)
{
	__do_free char *idmap = NULL;
	const char *p = options;

	*ret_why = "comma-separated mount options, with at most one idmap=container or "
		   "idmap=ABSOLUTE-PATH";
	if (strpbrk(options, " \t\n"))
		return -EINVAL;
	while (*p) {
		size_t n = strcspn(p, ",");

		if (n == 0)
			return -EINVAL;
		if (strncmp(p, "idmap=", 6) == 0 && n >= 6) {
			if (idmap)
				return -EINVAL;
			idmap = strndup(p + 6, n - 6);
			if (!idmap)
				return -ENOMEM;
			if (strcmp(idmap, "container") != 0 && idmap[0] != '/')
				return -EINVAL;
		}
		p += n;
		if (*p == ',' && *++p == '\0')
			return -EINVAL;
	}
	*ret_idmap = take_ptr(idmap);
	return 0;
}
