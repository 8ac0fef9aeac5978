/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The monitor's in-memory console log (lxc.console.buffer.size): a power-of-two ring buffer
 * where writes overwrite the oldest bytes. Reads copy oldest-first. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct term_ringbuf {
	char *data;
	uint64_t size;		/* power of two, >= page size; 0 = not allocated */
	uint64_t r;		/* absolute offset of the oldest byte kept */
	uint64_t w;		/* absolute offset of the next byte written; w - r <= size */
};

/* Allocate size bytes, rounded up to a power of two and at least one page (as LXC does for
 * values below a page). -EINVAL for size 0, -ENOMEM. */
int term_ringbuf_init(struct term_ringbuf *rb, uint64_t size);
/* Release the memory and reset to the unallocated state; accepts an unallocated buffer. */
void term_ringbuf_free(struct term_ringbuf *rb);

/* Append len bytes; when full, the oldest bytes are overwritten (and so dropped). If len
 * exceeds the size only its last size bytes are kept. No-op on an unallocated buffer. */
void term_ringbuf_write(struct term_ringbuf *rb, const void *buf, size_t len);
/* Bytes currently held. */
uint64_t term_ringbuf_used(const struct term_ringbuf *rb);
/* Copy up to max oldest bytes to dst without consuming them; returns the count. */
size_t term_ringbuf_peek(const struct term_ringbuf *rb, void *dst, size_t max);
/* Drop up to n oldest bytes; returns the count dropped. */
uint64_t term_ringbuf_consume(struct term_ringbuf *rb, uint64_t n);
/* Drop everything. */
void term_ringbuf_clear(struct term_ringbuf *rb);

/* The CONSOLE_LOG command as LXC implements it (struct lxc_console_log): n = read_max capped at
 * what is held; a read_max of 0 means all of it when reading and nothing otherwise.
 *  - read: *ret_data = malloc'd copy of the n oldest bytes (NULL when n is 0), -ENODATA if the
 *    buffer is empty.
 *  - then clear: empty the buffer; else the n bytes are consumed (so "!read && !clear" with a
 *    read_max discards read_max bytes).
 * *ret_len = n. Returns 0, -ENODATA or -ENOMEM (buffer unchanged on error). */
int term_ringbuf_console_log(struct term_ringbuf *rb, bool read, bool clear, uint64_t read_max,
			     char **ret_data, uint64_t *ret_len);
