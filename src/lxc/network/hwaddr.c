/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Completing lxc.net.N.hwaddr templates and making random interface names. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/random.h>

#include "network/hwaddr.h"

static int default_rand(void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = getrandom((char *)buf + done, len - done, 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		done += (size_t)n;
	}
	return 0;
}

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int netdev_hwaddr_randomize(const char *tmpl, char ret[18], netdev_rand_fn rnd)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char r[12];
	int err;

	if (!tmpl || strlen(tmpl) != 17)
		return -EINVAL;
	for (int i = 0; i < 17; i++) {
		char c = tmpl[i];

		if (i % 3 == 2 ? c != ':' : !(is_hex(c) || c == 'x' || c == 'X'))
			return -EINVAL;
	}
	err = (rnd ? rnd : default_rand)(r, sizeof(r));
	if (err < 0)
		return err;
	for (int i = 0, k = 0; i < 17; i++) {
		char c = tmpl[i];

		if (c == 'x' || c == 'X') {
			/* Second digit of the first octet: unicast (bit 0 clear) and locally
			 * administered (bit 1 set). */
			if (i == 1)
				c = hex[(r[k++] & 0x0e) | 0x02];
			else
				c = hex[r[k++] & 0x0f];
		} else if (c >= 'A' && c <= 'F') {
			c = (char)(c - 'A' + 'a');
		}
		ret[i] = c;
	}
	ret[17] = '\0';
	return 0;
}

int netdev_random_name(const char *tmpl, char ret[IFNAMSIZ], netdev_rand_fn rnd)
{
	static const char chars[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	unsigned char r[IFNAMSIZ];
	size_t len, start;
	int err;

	if (!tmpl)
		return -EINVAL;
	len = strlen(tmpl);
	if (len == 0 || len >= IFNAMSIZ || tmpl[len - 1] != 'X')
		return -EINVAL;
	for (start = len; start > 0 && tmpl[start - 1] == 'X'; start--)
		;
	err = (rnd ? rnd : default_rand)(r, len - start);
	if (err < 0)
		return err;
	memcpy(ret, tmpl, len + 1);
	/* 62 is not a power of two; the slight bias is irrelevant for names. */
	for (size_t i = start; i < len; i++)
		ret[i] = chars[r[i - start] % (sizeof(chars) - 1)];
	return 0;
}
