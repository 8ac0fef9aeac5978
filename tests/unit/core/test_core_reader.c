/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The config reader: comments and spacing, errors with file:line, non-"lxc." keys skipped,
 * quoted values, includes (file, sorted directory, nested, missing, loop also through a
 * symlink, depth) and all-or-nothing loads. */
#include "helpers.h"
#include "base/file.h"
#include "log/log.h"

static void test_comments_blank_spaces(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};

	assert_int_equal(conf_load_string(c,
		"# a comment\n"
		"\n"
		"   # indented comment\n"
		"lxc.uts.name=first\r\n"
		"  lxc.environment   =   A=1  \n"
		"lxc.environment = B=2\n"
		"lxc.uts.name = second", "mem", &d), 0);
	assert_get(c, "lxc.uts.name", "second");
	assert_get(c, "lxc.environment", "A=1\nB=2\n");
	assert_written(c,
		"# a comment\n"
		"\n"
		"   # indented comment\n"
		"lxc.uts.name = first\n"
		"lxc.environment = A=1\n"
		"lxc.environment = B=2\n"
		"lxc.uts.name = second\n");
}

static void test_line_without_equals(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};

	assert_int_equal(conf_load_string(c, "lxc.uts.name = a\nlxc.uts.name b\n",
					  "/x/config", &d), -EINVAL);
	assert_string_equal(diag_text(&d),
			    "/x/config:2: Invalid line \"lxc.uts.name b\": expected \"key = value\"");
	assert_int_equal(d.line, 2);
	memset(&d, 0, sizeof(d));
	assert_int_equal(conf_load_string(c, "= x\n", "/x/config", &d), -EINVAL);
	assert_string_equal(diag_text(&d),
			    "/x/config:1: Invalid line \"= x\": expected \"key = value\"");
}

/* Keys not starting with "lxc." are skipped with a warning naming file:line, as LXC skips them,
 * and stay in the saved text; the load gives the same config as without them. */
static void test_foreign_key_skipped(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new(), *back = conf_new();
	static const char text[] = "lxc.uts.name = a\n"
				   "foo.bar = 1\n"
				   "  this is not a key\n"
				   "lxc.environment = A=1\n";
	struct conf_diag d = {};
	char *log = NULL, *w;
	size_t len;

	assert_int_equal(lxc_log_set_file(tpath("log")), 0);
	assert_int_equal(lxc_log_set_level(LXC_LOG_LEVEL_WARN), 0);
	assert_int_equal(conf_load_string(c, text, "/x/config", &d), 0);
	lxc_log_set_file(NULL);
	assert_int_equal(file_read_all(tpath("log"), &log, &len), 0);
	assert_non_null(strstr(log, "Ignoring \"foo.bar\" at /x/config:2: not an LXC key"));
	assert_non_null(strstr(log, "Ignoring \"this is not a key\" at /x/config:3: "
				    "not an LXC key"));
	free(log);
	assert_get(c, "lxc.uts.name", "a");
	assert_get(c, "lxc.environment", "A=1\n");
	assert_written(c, "lxc.uts.name = a\nfoo.bar = 1\n  this is not a key\nlxc.environment = A=1\n");
	w = written(c);
	assert_int_equal(conf_load_string(back, w, "saved", &d), 0);
	free(w);
	assert_get(back, "lxc.uts.name", "a");
	assert_get(back, "lxc.environment", "A=1\n");

	/* In an included file too. */
	write_file("inc.conf", "other.key = 2\nlxc.uts.name = b\n");
	memset(&d, 0, sizeof(d));
	assert_int_equal(conf_set_item(c, "lxc.include", tpath("inc.conf"), &d), 0);
	assert_get(c, "lxc.uts.name", "b");
}

/* A near miss of a valid key is a typo, not a foreign key: it fails with the suggestion. */
static void test_foreign_near_miss_fails(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};

	assert_int_equal(conf_load_string(c, "lxc.uts.name = a\nlcx.net.0.link = br0\n", "cfg", &d),
			 -EINVAL);
	assert_string_equal(diag_text(&d), "cfg:2: Unknown configuration key \"lcx.net.0.link\" "
					   "(did you mean \"lxc.net.0.link\"?)");
	memset(&d, 0, sizeof(d));
	assert_int_equal(conf_load_string(c, "lx.uts.name = a\n", "cfg", &d), -EINVAL);
	assert_string_equal(d.hint, "lxc.uts.name");
	assert_get(c, "lxc.uts.name", "");
}

/* A value in a matching pair of quotes loses them; the saved text keeps the line as written. */
static void test_quoted_values(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new(), *back = conf_new();
	char text[2048];
	struct conf_diag d = {};
	char *w;

	write_file("inc.conf", "lxc.environment = INC=1\n");
	snprintf(text, sizeof(text),
		 "lxc.uts.name = \"host1\"\n"
		 "lxc.environment = 'A=b c'\n"
		 "lxc.environment = \"B='x'\"\n"
		 "lxc.apparmor.raw = \"mount,'\n"
		 "lxc.apparmor.raw = \"\n"
		 "lxc.init.cmd = \"\"\n"
		 "lxc.include = \"%s\"\n", tpath("inc.conf"));
	assert_int_equal(conf_load_string(c, text, "cfg", &d), 0);
	assert_get(c, "lxc.uts.name", "host1");
	assert_get(c, "lxc.environment", "A=b c\nB='x'\nINC=1\n");
	/* Unmatched quotes and a lone quote are kept. */
	assert_get(c, "lxc.apparmor.raw", "\"mount,'\n\"\n");
	assert_get(c, "lxc.init.cmd", "");
	assert_written(c, text);
	w = written(c);
	assert_int_equal(conf_load_string(back, w, "saved", &d), 0);
	free(w);
	assert_get(back, "lxc.environment", "A=b c\nB='x'\nINC=1\n");
	assert_get(back, "lxc.apparmor.raw", "\"mount,'\n\"\n");
	assert_get(back, "lxc.uts.name", "host1");
}

static void test_unknown_key_suggestion(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};
	struct strbuf sb = {};

	for (int i = 0; i < 11; i++)
		strbuf_append(&sb, i % 2 ? "# comment\n" : "\n");
	strbuf_append(&sb, "lxc.net.0.lnk = br0\n");
	write_file("config", sb.buf);
	strbuf_free(&sb);
	assert_int_equal(conf_load_file(c, tpath("config"), &d), -EINVAL);
	assert_string_equal(d.key, "lxc.net.0.lnk");
	assert_string_equal(d.hint, "lxc.net.0.link");
	assert_int_equal(d.line, 12);
	char expected[1024];
	snprintf(expected, sizeof(expected), "%s:12: Unknown configuration key \"lxc.net.0.lnk\" "
		 "(did you mean \"lxc.net.0.link\"?)", tpath("config"));
	assert_string_equal(diag_text(&d), expected);
}

static void test_unknown_key_far_away(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};

	assert_int_equal(conf_load_string(c, "lxc.completely.bogus = 1\n", "cfg", &d), -EINVAL);
	assert_string_equal(diag_text(&d),
			    "cfg:1: Unknown configuration key \"lxc.completely.bogus\"");
	assert_string_equal(d.hint, "");
}

static void test_suggest_scalar_and_prefix(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};

	assert_int_equal(conf_set_item(c, "lxc.uts.nmae", "x", &d), -EINVAL);
	assert_string_equal(diag_text(&d),
			    "Unknown configuration key \"lxc.uts.nmae\" (did you mean \"lxc.uts.name\"?)");
	memset(&d, 0, sizeof(d));
	assert_int_equal(conf_set_item(c, "lxc.cgrop.memory.max", "1", &d), -EINVAL);
	assert_string_equal(d.hint, "lxc.cgroup.memory.max");
}

static void test_include_file(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};
	char top[1024], expected[1024];

	write_file("common.conf", "# included comment\nlxc.uts.name = inc\nlxc.environment = A=1\n");
	snprintf(top, sizeof(top), "lxc.include = %s\nlxc.environment = B=2\n",
		 tpath("common.conf"));
	write_file("config", top);
	assert_int_equal(conf_load_file(c, tpath("config"), &d), 0);
	assert_get(c, "lxc.uts.name", "inc");
	assert_get(c, "lxc.environment", "A=1\nB=2\n");
	/* The include line stays, the included lines do not. */
	snprintf(expected, sizeof(expected), "lxc.include = %s\nlxc.environment = B=2\n",
		 tpath("common.conf"));
	assert_written(c, expected);
}

static void test_include_directory_sorted(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};
	char top[1024];

	make_dir("conf.d");
	write_file("conf.d/20-b.conf", "lxc.uts.name = b\nlxc.environment = B=2\n");
	write_file("conf.d/10-a.conf", "lxc.uts.name = a\nlxc.environment = A=1\n");
	write_file("conf.d/30-c.txt", "lxc.uts.name = ignored\n");
	make_dir("conf.d/40-dir.conf");
	snprintf(top, sizeof(top), "lxc.include = %s\n", tpath("conf.d"));
	assert_int_equal(conf_load_string(c, top, "top", &d), 0);
	assert_get(c, "lxc.uts.name", "b");
	assert_get(c, "lxc.environment", "A=1\nB=2\n");
}

static void test_include_nested(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};
	char text[1024];

	write_file("c.conf", "lxc.environment = C=3\n");
	snprintf(text, sizeof(text), "lxc.environment = B=2\nlxc.include = %s\n", tpath("c.conf"));
	write_file("b.conf", text);
	snprintf(text, sizeof(text), "lxc.include=%s\nlxc.environment = A=1\n", tpath("b.conf"));
	assert_int_equal(conf_load_string(c, text, "top", &d), 0);
	assert_get(c, "lxc.environment", "B=2\nC=3\nA=1\n");
}

static void test_include_missing(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};
	char text[1024], expected[1024];

	snprintf(text, sizeof(text), "lxc.uts.name = x\nlxc.include = %s\n", tpath("nope.conf"));
	write_file("config", text);
	assert_int_equal(conf_load_file(c, tpath("config"), &d), -ENOENT);
	snprintf(expected, sizeof(expected),
		 "%s:2: Failed to include \"%s\": No such file or directory", tpath("config"),
		 tpath("nope.conf"));
	assert_string_equal(diag_text(&d), expected);
	assert_written(c, "");
}

static void test_include_loop(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};
	char text[1024], expected[1024];

	snprintf(text, sizeof(text), "lxc.include = %s\n", tpath("b.conf"));
	write_file("a.conf", text);
	snprintf(text, sizeof(text), "# b\nlxc.include = %s\n", tpath("a.conf"));
	write_file("b.conf", text);
	assert_int_equal(conf_load_file(c, tpath("a.conf"), &d), -ELOOP);
	snprintf(expected, sizeof(expected),
		 "%s:2: Failed to include \"%s\": it includes itself (include loop)",
		 tpath("b.conf"), tpath("a.conf"));
	assert_string_equal(diag_text(&d), expected);
}

/* Loops are found by file identity: a symlink to an including file is the same file. */
static void test_include_loop_through_symlink(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};
	char text[1024], expected[1024];

	snprintf(text, sizeof(text), "lxc.uts.name = x\nlxc.include = %s\n", tpath("link.conf"));
	write_file("a.conf", text);
	assert_int_equal(symlink(tpath("a.conf"), tpath("link.conf")), 0);
	assert_int_equal(conf_load_file(c, tpath("a.conf"), &d), -ELOOP);
	snprintf(expected, sizeof(expected),
		 "%s:2: Failed to include \"%s\": it includes itself (include loop)",
		 tpath("a.conf"), tpath("link.conf"));
	assert_string_equal(diag_text(&d), expected);
}

/* The same file included twice in a row (not nested) is not a loop. */
static void test_include_twice_not_loop(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};
	char text[1024];

	write_file("env.conf", "lxc.environment = A=1\n");
	assert_int_equal(symlink(tpath("env.conf"), tpath("env2.conf")), 0);
	snprintf(text, sizeof(text), "lxc.include = %s\nlxc.include = %s\n", tpath("env.conf"),
		 tpath("env2.conf"));
	write_file("top.conf", text);
	assert_int_equal(conf_load_file(c, tpath("top.conf"), &d), 0);
	assert_get(c, "lxc.environment", "A=1\nA=1\n");
}

/* A FIFO named as the config file fails at once instead of blocking the open. */
static void test_load_fifo(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};
	char expected[1024];

	assert_int_equal(mkfifo(tpath("fifo"), 0600), 0);
	assert_int_equal(conf_load_file(c, tpath("fifo"), &d), -EINVAL);
	snprintf(expected, sizeof(expected), "Failed to read \"%s\": not a regular file",
		 tpath("fifo"));
	assert_string_equal(diag_text(&d), expected);
}

static void test_include_too_deep(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};
	char name[64], text[1024];

	for (int i = 0; i < 30; i++) {
		snprintf(name, sizeof(name), "f%02d.conf", i);
		snprintf(text, sizeof(text), "lxc.include = %s/f%02d.conf\n", test_dir, i + 1);
		write_file(name, text);
	}
	write_file("f30.conf", "lxc.uts.name = deep\n");
	assert_int_equal(conf_load_file(c, tpath("f00.conf"), &d), -ELOOP);
	assert_non_null(strstr(d.msg, "includes nested too deeply (more than 16 levels)"));
	assert_int_equal(d.line, 1);
}

static void test_error_inside_include(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};
	char text[1024], expected[1024];

	write_file("inc.conf", "lxc.uts.name = x\n\nlxc.uts.nam = y\n");
	snprintf(text, sizeof(text), "lxc.include = %s\n", tpath("inc.conf"));
	assert_int_equal(conf_load_string(c, text, "top", &d), -EINVAL);
	snprintf(expected, sizeof(expected),
		 "%s:3: Unknown configuration key \"lxc.uts.nam\" (did you mean \"lxc.uts.name\"?)",
		 tpath("inc.conf"));
	assert_string_equal(diag_text(&d), expected);
}

static void test_all_or_nothing(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};
	char *before;

	write_file("good", "lxc.uts.name = good\nlxc.environment = A=1\n");
	write_file("bad", "lxc.uts.name = bad\nlxc.environment = B=2\nlxc.this line is bad\n");
	assert_int_equal(conf_load_file(c, tpath("good"), &d), 0);
	before = written(c);
	assert_int_equal(conf_load_file(c, tpath("bad"), &d), -EINVAL);
	assert_int_equal(d.line, 3);
	assert_get(c, "lxc.uts.name", "good");
	assert_get(c, "lxc.environment", "A=1\n");
	assert_written(c, before);
	free(before);
}

static void test_bad_value_located(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};

	assert_int_equal(conf_load_string(c, "\nlxc.net.0.type = bogus\n", "cfg", &d), -EINVAL);
	assert_string_equal(d.file, "cfg");
	assert_int_equal(d.line, 2);
	assert_string_equal(d.key, "lxc.net.0.type");
	assert_non_null(strstr(d.msg, "Invalid value \"bogus\" for \"lxc.net.0.type\""));
}

static void test_missing_file(void **state)
{
	__do(conf) struct lxc_conf *c = conf_new();
	struct conf_diag d = {};
	char expected[1024];

	assert_int_equal(conf_load_file(c, tpath("absent"), &d), -ENOENT);
	snprintf(expected, sizeof(expected),
		 "%s: Failed to read \"%s\": No such file or directory", tpath("absent"),
		 tpath("absent"));
	assert_string_equal(diag_text(&d), expected);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, tmpdir_setup, tmpdir_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_comments_blank_spaces),
		T(test_line_without_equals),
		T(test_foreign_key_skipped),
		T(test_foreign_near_miss_fails),
		T(test_quoted_values),
		T(test_unknown_key_suggestion),
		T(test_unknown_key_far_away),
		T(test_suggest_scalar_and_prefix),
		T(test_include_file),
		T(test_include_directory_sorted),
		T(test_include_nested),
		T(test_include_missing),
		T(test_include_loop),
		T(test_include_loop_through_symlink),
		T(test_include_twice_not_loop),
		T(test_load_fifo),
		T(test_include_too_deep),
		T(test_error_inside_include),
		T(test_all_or_nothing),
		T(test_bad_value_located),
		T(test_missing_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
