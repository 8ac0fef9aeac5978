/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lxc.time.offset.boot and lxc.time.offset.monotonic: a signed integer with one unit out of
 * h, m, s, ms, us, ns (blanks allowed between number and unit), stored as a normalised
 * seconds + nanoseconds pair. A new line replaces the previous offset. get prints the value
 * in the largest unit that represents it exactly, without a blank: "-90m", "1500ms"; unset is
 * the offset 0 and prints "0s". */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "base/cleanup.h"
#include "base/str.h"
#include "config/security/keys_priv.h"

#define NSEC_PER_SEC  INT64_C(1000000000)
#define TIME_EXPECTED "an integer with a unit h, m, s, ms, us or ns, e.g. \"-10s\" or \"500ms\""

static const struct {
	const char *unit;
	int64_t sec;  /* seconds per unit, or 0 */
	int64_t nsec; /* nanoseconds per unit when sec is 0 */
} time_units[] = {
	{"h", 3600, 0},	    {"m", 60, 0},    {"s", 1, 0},
	{"ms", 0, 1000000}, {"us", 0, 1000}, {"ns", 0, 1},
};

static int time_parse(const char *value, struct conf_time_offset *ret)
{
	const char *p = value, *unit;
	bool neg = false;
	uint64_t n = 0;
	size_t i;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (*p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (n > ((uint64_t)INT64_MAX - (uint64_t)(*p - '0')) / 10)
			return -ERANGE;
		n = n * 10 + (uint64_t)(*p - '0');
	}
	unit = p + strspn(p, " \t");
	for (i = 0; i < ARRAY_SIZE(time_units); i++) {
		if (strcmp(unit, time_units[i].unit) == 0)
			break;
	}
	if (i == ARRAY_SIZE(time_units))
		return -EINVAL;

	if (time_units[i].sec) {
		if (n > (uint64_t)(INT64_MAX / time_units[i].sec))
			return -ERANGE;
		ret->sec = (int64_t)n * time_units[i].sec;
		ret->nsec = 0;
	} else {
		uint64_t per_sec = (uint64_t)(NSEC_PER_SEC / time_units[i].nsec);

		ret->sec = (int64_t)(n / per_sec);
		ret->nsec = (int64_t)(n % per_sec) * time_units[i].nsec;
	}
	if (neg) {
		ret->sec = -ret->sec;
		if (ret->nsec) {
			ret->sec -= 1;
			ret->nsec = NSEC_PER_SEC - ret->nsec;
		}
	}
	ret->set = true;
	return 0;
}

int sec_time_offset_set(const struct conf_key *k, const char *key, const char *value,
			struct lxc_conf *conf, struct conf_diag *d)
{
	struct conf_time_offset *t = SEC_PTR(conf, k), parsed;

	if (!*value)
		return sec_time_offset_clear(k, key, conf);
	if (time_parse(value, &parsed) < 0)
		return conf_invalid(d, key, value, TIME_EXPECTED);
	*t = parsed;
	return 0;
}

int sec_time_offset_get(const struct conf_key *k, const char *key, struct strbuf *out,
			const struct lxc_conf *conf)
{
	const struct conf_time_offset *t = SEC_CPTR(conf, k);

	if (!t->nsec) {
		if (t->sec && t->sec % 3600 == 0)
			return strbuf_printf(out, "%" PRId64 "h", t->sec / 3600);
		if (t->sec && t->sec % 60 == 0)
			return strbuf_printf(out, "%" PRId64 "m", t->sec / 60);
		return strbuf_printf(out, "%" PRId64 "s", t->sec);
	}
	/* Sub-second offsets come from ms/us/ns input, so the total fits the unit chosen. */
	for (size_t i = 3; i < ARRAY_SIZE(time_units); i++) {
		int64_t per = time_units[i].nsec;

		if (t->nsec % per == 0)
			return strbuf_printf(out, "%" PRId64 "%s",
					     t->sec * (NSEC_PER_SEC / per) + t->nsec / per,
					     time_units[i].unit);
	}
	return 0;
}

int sec_time_offset_clear(const struct conf_key *k, const char *key, struct lxc_conf *conf)
{
	struct conf_time_offset *t = SEC_PTR(conf, k);

	t->set = false;
	t->sec = 0;
	t->nsec = 0;
	return 0;
}
