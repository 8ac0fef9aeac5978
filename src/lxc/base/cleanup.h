/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Scope-bound cleanup: __do_free, __do_close, __do_fclose, __do_closedir and explicit hand-off
 * with take_ptr()/take_fd(). Unset fds hold -EBADF. */
#pragma once

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define __lxc_unused __attribute__((unused))

static inline void __auto_free__(void *p)
{
	free(*(void **)p);
}

static inline void __auto_close__(int *fd)
{
	if (*fd >= 0) {
		int saved = errno;
		close(*fd);
		errno = saved;
	}
}

static inline void __auto_fclose__(FILE **f)
{
	if (*f)
		fclose(*f);
}

static inline void __auto_closedir__(DIR **d)
{
	if (*d)
		closedir(*d);
}

#define __do_free __attribute__((__cleanup__(__auto_free__)))
#define __do_close __attribute__((__cleanup__(__auto_close__)))
#define __do_fclose __attribute__((__cleanup__(__auto_fclose__)))
#define __do_closedir __attribute__((__cleanup__(__auto_closedir__)))

/* Define a cleanup attribute for a type with its own destructor: DEFINE_FREE(conf, struct
 * lxc_conf *, conf_free) gives __do_conf. The destructor must accept NULL. */
#define DEFINE_CLEANUP(name, type, fn)                                   \
	static inline void __auto_##name##__(type *p) { fn(*p); }       \
	struct __lxc_cleanup_dummy_##name

#define __do(name) __attribute__((__cleanup__(__auto_##name##__)))

/* Hand a pointer or fd out of a cleanup scope. */
#define take_ptr(p)                          \
	({                                   \
		__typeof__(p) __tmp_p = (p); \
		(p) = NULL;                  \
		__tmp_p;                     \
	})

#define take_fd(fd)                   \
	({                            \
		int __tmp_fd = (fd);  \
		(fd) = -EBADF;        \
		__tmp_fd;             \
	})

#define close_prot_errno_disarm(fd)     \
	do {                            \
		if ((fd) >= 0) {        \
			int __e = errno; \
			close(fd);       \
			errno = __e;     \
			(fd) = -EBADF;   \
		}                       \
	} while (0)

#define free_disarm(p)        \
	do {                  \
		free(p);      \
		(p) = NULL;   \
	} while (0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ret_errno(e) ({ errno = (e); -(e); })
