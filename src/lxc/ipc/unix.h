/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unix sockets: abstract stream sockets (the command socket), datagram sockets bound in a
 * directory (the monitor bus), fd passing (SCM_RIGHTS), peer credentials (SO_PEERCRED) and
 * timeouts. Every fd is born O_CLOEXEC; received fds get MSG_CMSG_CLOEXEC. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/types.h>

/* Longest abstract name (sun_path minus the leading NUL). */
#define UNIX_ABSTRACT_MAX 107
/* Most fds one message carries. */
#define UNIX_MAX_FDS 16

/* Listen on the abstract stream socket "@name" (SOCK_STREAM|SOCK_CLOEXEC). Returns the fd;
 * -EADDRINUSE when another process holds the name (the "exactly one wins" rule);
 * -ENAMETOOLONG. */
int unix_listen_abstract(const char *name, int backlog);
/* Connect to "@name" (SOCK_STREAM|SOCK_CLOEXEC, blocking). Returns the fd; -ECONNREFUSED when
 * nobody listens (also what a missing abstract name gives). */
int unix_connect_abstract(const char *name);

/* Send len bytes (all of them; retries on EINTR and short writes) with fds attached to the
 * first byte (nfds <= UNIX_MAX_FDS, may be 0). MSG_NOSIGNAL: a closed peer gives -EPIPE.
 * Returns len or -errno (-ETIMEDOUT if SO_SNDTIMEO expired). */
ssize_t unix_send_fds(int fd, const void *buf, size_t len, const int *fds, size_t nfds);
/* Receive exactly len bytes (retrying short reads) and up to max_fds fds that came with them
 * into ret_fds (*ret_nfds set; fds beyond max_fds are closed and dropped). Returns len, 0 on EOF
 * before the first byte, -EPIPE on EOF in the middle, -ETIMEDOUT when SO_RCVTIMEO expired, -errno
 * otherwise. On failure every received fd has been closed. ret_fds/ret_nfds may be NULL when
 * max_fds is 0. */
ssize_t unix_recv_fds(int fd, void *buf, size_t len, int *ret_fds, size_t max_fds,
		      size_t *ret_nfds);

/* The peer's pid/uid/gid (SO_PEERCRED). */
int unix_peer_cred(int fd, pid_t *ret_pid, uid_t *ret_uid, gid_t *ret_gid);
/* 0 if the peer is root or has our effective uid, -EACCES otherwise (or -errno). */
int unix_peer_check(int fd);

/* SO_RCVTIMEO / SO_SNDTIMEO in milliseconds; timeout_ms <= 0 means wait forever. */
int unix_set_rcvtimeo(int fd, int timeout_ms);
int unix_set_sndtimeo(int fd, int timeout_ms);

/* Datagram socket (SOCK_DGRAM|SOCK_CLOEXEC) bound to "NAME" inside the directory dirfd
 * (path length is not limited by sun_path: the bind goes through /proc/self/fd). A stale
 * socket file of that name is replaced. Returns the fd or -errno. */
int unix_dgram_bind_at(int dirfd, const char *name);
/* Send one datagram to the socket "NAME" in dirfd from an unbound socket, without blocking.
 * -ECONNREFUSED when nobody listens there any more, -EAGAIN when its queue is full. */
int unix_dgram_send_at(int dirfd, const char *name, const void *buf, size_t len);
