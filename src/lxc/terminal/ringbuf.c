/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Power-of-two ring buffer for the in-memory console log. Offsets are absolute byte counts;
 * the position in data is offset & (size - 1). */
#include "config.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "terminal/ringbuf.h"

static uint64_t round_pow2(uint64_t v)
{
	uint64_t p = 1;

	while (p < v && p < (UINT64_C(1) << 62))
		p <<= 1;
	return p;
}

int term_ringbuf_init(struct term_ringbuf *rb, uint64_t size)
{
	long page = sysconf(_SC_PAGESIZE);

	*rb = (struct term_ringbuf){ 0 };
	if (size == 0)
		return -EINVAL;
	if (page > 0 && size < (uint64_t)page)
		size = (uint64_t)page;
	size = round_pow2(size);
	if (size > SIZE_MAX)
		return -ENOMEM;
	rb->data = malloc(size);
	if (!rb->data)
		return -ENOMEM;
	rb->size = size;
	return 0;
}

void term_ringbuf_free(struct term_ringbuf *rb)
{
	free(rb->data);
	*rb = (struct term_ringbuf){ 0 };
}

uint64_t term_ringbuf_used(const struct term_ringbuf *rb)
{
	return rb->w - rb->r;
}

void term_ringbuf_write(struct term_ringbuf *rb, const void *buf, size_t len)
{
	const char *src = buf;
	uint64_t pos, chunk;

	if (!rb->data || len == 0)
		return;
	if (len > rb->size) {
		rb->w += len - rb->size;	/* the skipped bytes count as written and lost */
		src += len - rb->size;
		len = rb->size;
	}
	pos = rb->w & (rb->size - 1);
	chunk = rb->size - pos < len ? rb->size - pos : len;
	memcpy(rb->data + pos, src, chunk);
	memcpy(rb->data, src + chunk, len - chunk);
	rb->w += len;
	if (rb->w - rb->r > rb->size)
		rb->r = rb->w - rb->size;
}

size_t term_ringbuf_peek(const struct term_ringbuf *rb, void *dst, size_t max)
{
	uint64_t used = term_ringbuf_used(rb), pos, chunk;
	size_t n = used < max ? (size_t)used : max;

	if (n == 0)
		return 0;
	pos = rb->r & (rb->size - 1);
	chunk = rb->size - pos < n ? rb->size - pos : n;
	memcpy(dst, rb->data + pos, chunk);
	memcpy((char *)dst + chunk, rb->data, n - chunk);
	return n;
}

uint64_t term_ringbuf_consume(struct term_ringbuf *rb, uint64_t n)
{
	uint64_t used = term_ringbuf_used(rb);

	if (n > used)
		n = used;
	rb->r += n;
	return n;
}

void term_ringbuf_clear(struct term_ringbuf *rb)
{
	rb->r = rb->w;
}

int term_ringbuf_console_log(struct term_ringbuf *rb, bool read, bool clear, uint64_t read_max,
			     char **ret_data, uint64_t *ret_len)
{
	uint64_t used = term_ringbuf_used(rb);
	uint64_t n = (read_max == 0 || read_max > used) ? used : read_max;
	char *data = NULL;

	if (!read && read_max == 0)
		n = 0;	/* nothing asked for: a plain clear, or a no-op */
	*ret_data = NULL;
	*ret_len = 0;
	if (read && used == 0)
		return -ENODATA;
	if (read && n > 0) {
		data = malloc(n);
		if (!data)
			return -ENOMEM;
		term_ringbuf_peek(rb, data, n);
	}
	if (clear)
		term_ringbuf_clear(rb);
	else
		term_ringbuf_consume(rb, n);
	*ret_data = data;
	*ret_len = n;
	return 0;
}
