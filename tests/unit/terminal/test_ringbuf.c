/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Ring buffer: sizes, wrap-around, overwrite of the oldest bytes, peek/consume/clear and the
 * CONSOLE_LOG command semantics. */
#include "config.h"
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "terminal/ringbuf.h"

static uint64_t page(void)
{
	return (uint64_t)sysconf(_SC_PAGESIZE);
}

static void test_sizes(void **state)
{
	struct term_ringbuf rb;

	assert_int_equal(term_ringbuf_init(&rb, 0), -EINVAL);
	assert_null(rb.data);
	assert_int_equal(term_ringbuf_init(&rb, 1), 0);
	assert_int_equal(rb.size, page());
	term_ringbuf_free(&rb);
	assert_null(rb.data);
	assert_int_equal(rb.size, 0);
	assert_int_equal(term_ringbuf_init(&rb, page() + 1), 0);
	assert_int_equal(rb.size, 2 * page());
	term_ringbuf_free(&rb);
	assert_int_equal(term_ringbuf_init(&rb, 128 * 1024), 0);
	assert_int_equal(rb.size, 128 * 1024);
	assert_int_equal(term_ringbuf_used(&rb), 0);
	term_ringbuf_free(&rb);
	term_ringbuf_free(&rb);	/* twice is harmless */
}

/* Fill with a counting pattern so every byte's position is checkable. */
static void fill(char *buf, size_t n, unsigned start)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)('a' + (start + i) % 26);
}

static void test_wrap_around(void **state)
{
	struct term_ringbuf rb;
	uint64_t sz;
	char *in, *out;

	assert_int_equal(term_ringbuf_init(&rb, 1), 0);
	sz = rb.size;
	in = malloc(2 * sz);
	out = malloc(2 * sz);
	assert_non_null(in);
	assert_non_null(out);
	fill(in, 2 * sz, 0);

	/* three quarters, then a half: the oldest quarter is overwritten */
	term_ringbuf_write(&rb, in, sz / 4 * 3);
	assert_int_equal(term_ringbuf_used(&rb), sz / 4 * 3);
	term_ringbuf_write(&rb, in + sz / 4 * 3, sz / 2);
	assert_int_equal(term_ringbuf_used(&rb), sz);
	assert_int_equal(term_ringbuf_peek(&rb, out, 2 * sz), sz);
	assert_memory_equal(out, in + sz / 4, sz);

	/* peek does not consume; a short peek gives the oldest bytes */
	assert_int_equal(term_ringbuf_peek(&rb, out, 10), 10);
	assert_memory_equal(out, in + sz / 4, 10);
	assert_int_equal(term_ringbuf_used(&rb), sz);

	/* consume drops the oldest */
	assert_int_equal(term_ringbuf_consume(&rb, 100), 100);
	assert_int_equal(term_ringbuf_used(&rb), sz - 100);
	assert_int_equal(term_ringbuf_peek(&rb, out, 5), 5);
	assert_memory_equal(out, in + sz / 4 + 100, 5);
	assert_int_equal(term_ringbuf_consume(&rb, 2 * sz), sz - 100);
	assert_int_equal(term_ringbuf_used(&rb), 0);
	assert_int_equal(term_ringbuf_peek(&rb, out, 5), 0);

	/* a write larger than the buffer keeps its last size bytes */
	term_ringbuf_write(&rb, in, sz + 7);
	assert_int_equal(term_ringbuf_used(&rb), sz);
	assert_int_equal(term_ringbuf_peek(&rb, out, sz), sz);
	assert_memory_equal(out, in + 7, sz);

	term_ringbuf_clear(&rb);
	assert_int_equal(term_ringbuf_used(&rb), 0);
	term_ringbuf_write(&rb, "xyz", 3);
	assert_int_equal(term_ringbuf_peek(&rb, out, sz), 3);
	assert_memory_equal(out, "xyz", 3);

	free(in);
	free(out);
	term_ringbuf_free(&rb);
}

static void test_byte_by_byte(void **state)
{
	struct term_ringbuf rb;
	char c, out[3];

	assert_int_equal(term_ringbuf_init(&rb, 1), 0);
	for (uint64_t i = 0; i < rb.size + 3; i++) {
		c = (char)('0' + i % 10);
		term_ringbuf_write(&rb, &c, 1);
	}
	assert_int_equal(term_ringbuf_used(&rb), rb.size);
	/* oldest kept byte is number 3 */
	assert_int_equal(term_ringbuf_peek(&rb, out, 3), 3);
	assert_memory_equal(out, "345", 3);
	term_ringbuf_free(&rb);
}

static void test_unallocated(void **state)
{
	struct term_ringbuf rb = { 0 };
	char out[4];

	term_ringbuf_write(&rb, "abc", 3);
	assert_int_equal(term_ringbuf_used(&rb), 0);
	assert_int_equal(term_ringbuf_peek(&rb, out, 4), 0);
}

static void test_console_log(void **state)
{
	struct term_ringbuf rb;
	char *data;
	uint64_t len;

	assert_int_equal(term_ringbuf_init(&rb, 1), 0);
	assert_int_equal(term_ringbuf_console_log(&rb, true, false, 0, &data, &len), -ENODATA);
	assert_null(data);
	assert_int_equal(len, 0);

	term_ringbuf_write(&rb, "hello world", 11);
	/* read with a limit consumes what it returns */
	assert_int_equal(term_ringbuf_console_log(&rb, true, false, 5, &data, &len), 0);
	assert_int_equal(len, 5);
	assert_memory_equal(data, "hello", 5);
	free(data);
	assert_int_equal(term_ringbuf_used(&rb), 6);

	/* read all and clear */
	assert_int_equal(term_ringbuf_console_log(&rb, true, true, 0, &data, &len), 0);
	assert_int_equal(len, 6);
	assert_memory_equal(data, " world", 6);
	free(data);
	assert_int_equal(term_ringbuf_used(&rb), 0);

	/* neither read nor clear: read_max bytes are discarded, 0 is a no-op */
	term_ringbuf_write(&rb, "abcdef", 6);
	assert_int_equal(term_ringbuf_console_log(&rb, false, false, 0, &data, &len), 0);
	assert_null(data);
	assert_int_equal(len, 0);
	assert_int_equal(term_ringbuf_used(&rb), 6);
	assert_int_equal(term_ringbuf_console_log(&rb, false, false, 2, &data, &len), 0);
	assert_null(data);
	assert_int_equal(len, 2);
	assert_int_equal(term_ringbuf_used(&rb), 4);

	/* clear only */
	assert_int_equal(term_ringbuf_console_log(&rb, false, true, 0, &data, &len), 0);
	assert_null(data);
	assert_int_equal(term_ringbuf_used(&rb), 0);
	term_ringbuf_free(&rb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_wrap_around),
		cmocka_unit_test(test_byte_by_byte),
		cmocka_unit_test(test_unallocated),
		cmocka_unit_test(test_console_log),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
