/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The monitor's use of the cgroup layer: the split from the guard, which makes the monitor
 * cgroup; the payload cgroup of a run (created and limited before the init is cloned into it,
 * removed when the run ends or aborts); the freezer
 * commands (FREEZING, FROZEN, THAWED states) and GET_CGROUP. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "cgroups/cgroup.h"
#include "config/system/sysconf.h"
#include "ipc/commands.h"
#include "lifecycle/guard.h"
#include "lifecycle/hooks.h"
#include "lifecycle/monitor.h"
#include "log/log.h"

lxc_log_define(monitor_cgroup);

/* A freeze must not hold the monitor's loop for long when the caller gives no timeout. */
#define FREEZE_DEFAULT_TIMEOUT_MS 10000

static const char *cgroup_pattern(void)
{
	const char *p = NULL;

	if (sysconf_peek("lxc.cgroup.pattern", &p) < 0)
		return NULL;
	return p && *p ? p : NULL;
}

int monitor_split(struct monitor *m, struct lxc_error *err)
{
	struct cgroup_error ce = { 0 };
	int closes[] = { m->status_fd, m->listen_fd };
	struct guard_split_args a = {
		.lxcpath = m->req.lxcpath,
		.name = m->req.name,
		.cg = &m->cg,
		.conf = &m->conf->cgroup,
		.pattern = cgroup_pattern(),
		.guard_closes = closes,
		.n_guard_closes = ARRAY_SIZE(closes),
	};
	int ret;

	/* In the caller's cgroups: they are the parents of the container's. */
	ret = cgroup_host_detect(&m->cg.host, &ce);
	if (ret < 0)
		return lxc_error_set_plain(err, "cgroups", -ret, "%s", ce.msg);
	m->cg_host = true;
	/* The payload cgroup is made by the guard while we get ready, unless a pre-start hook
	 * runs first (as with LXC, it runs before the container's cgroup exists). */
	a.payload_early = m->cg.host.layout != CGROUP_LAYOUT_NONE &&
			  !conf_proc_hooks(&m->conf->proc, CONF_HOOK_PRE_START);
	ret = guard_split(&a, err);
	if (ret == 0)
		m->cg_payload_early = a.payload_early;
	return ret;
}

/* The first run's payload cgroup, made by the guard: once adopted (also when that failed half
 * way) it is ours to remove. */
static int take_payload(struct monitor *m, struct cgroup_error *ce)
{
	int ret = guard_take_payload(&m->cg, ce);

	m->cg_payload_early = false;
	if (m->cg.created[CGROUP_PAYLOAD])
		m->cg_payload = true;
	return ret;
}

int monitor_cgroup_prepare(struct monitor *m, struct lxc_error *err)
{
	struct cgroup_error ce = { 0 };
	int ret;

	if (m->cg.host.layout == CGROUP_LAYOUT_NONE) {
		if (m->conf->cgroup.v1.n || m->conf->cgroup.v2.n)
			return lxc_error_set_plain(err, "cgroups", ENOENT, "Failed to apply the "
						   "cgroup limits of container \"%s\": no cgroup "
						   "file system is mounted", m->req.name);
		return 0;
	}
	if (m->cg_payload_early) {
		ret = take_payload(m, &ce);
		if (ret < 0)
			goto fail;
	} else {
		ret = cgroup_create(&m->cg, &m->conf->cgroup, cgroup_pattern(), m->req.name,
				    CGROUP_PAYLOAD, &ce);
		if (ret < 0)
			goto fail;
		m->cg_payload = true;
		guard_note_cgroup(&m->cg, CGROUP_PAYLOAD);
	}
	ret = cgroup_apply_limits(&m->cg, &m->conf->cgroup, NULL, &ce);
	if (ret == 0)
		ret = cgroup_self_open(&m->cg, CGROUP_PAYLOAD, &m->cg_self, &ce);
	if (ret == 0)
		return 0;
fail:
	if (ce.msg[0])
		return lxc_error_set_plain(err, "cgroups", -ret, "%s", ce.msg);
	return lxc_error_set(err, "cgroups", -ret, "Failed to set up the cgroups of container "
			     "\"%s\"", m->req.name);
}

void monitor_cgroup_cleanup_run(struct monitor *m)
{
	struct cgroup_error ce = { 0 };

	cgroup_self_close(&m->cg_self);
	if (!m->cg_payload)
		return;
	/* A frozen task cannot die: thaw whatever a stop left frozen. */
	cgroup_thaw(&m->cg, &ce);
	if (cgroup_destroy(&m->cg, CGROUP_PAYLOAD, &m->conf->cgroup, &ce) < 0)
		WARN("Failed to remove the cgroup of container \"%s\", ignoring: %s", m->req.name,
		     ce.msg);
	else
		guard_forget_cgroup(CGROUP_PAYLOAD);
	m->cg_payload = false;
}

void monitor_cgroup_fini(struct monitor *m)
{
	struct cgroup_error ce = { 0 };

	/* A start that failed before the payload cgroup was needed: it goes before the caller
	 * hears of the failure, as one we made ourselves. */
	if (m->cg_payload_early && take_payload(m, &ce) < 0)
		WARN("Failed to take over the cgroup of container \"%s\", its guard removes it: "
		     "%s", m->req.name, ce.msg);
	/* The monitor cgroup is the guard's: it removes it once we are gone. */
	monitor_cgroup_cleanup_run(m);
	cgroup_run_free(&m->cg);
	m->cg_host = false;
}

void monitor_cgroup_thaw(struct monitor *m)
{
	struct cgroup_error ce = { 0 };

	if (m->cg_payload && cgroup_is_frozen(&m->cg) > 0)
		cgroup_thaw(&m->cg, &ce);
}

static bool cg_running(const struct monitor *m)
{
	return m->init_pid > 0 && !m->init_exited && m->cg_payload;
}

/* The state, FROZEN also when the payload was frozen behind the monitor's back (lxc-cgroup
 * freezer.state FROZEN), as LXC reports it. */
int monitor_on_get_state(void *data, const struct cmd_req *req, struct cmd_reply *reply)
{
	struct monitor *m = data;

	if (m->state == LXC_STATE_RUNNING && cg_running(m) && cgroup_is_frozen(&m->cg) > 0)
		return LXC_STATE_FROZEN;
	return m->state;
}

/* data = controller ("" or none: the cgroup2 one); flags & CMD_CGROUP_LIMIT: the payload
 * (limit) cgroup, else the one the init lives in. */
int monitor_on_get_cgroup(void *data, const struct cmd_req *req, struct cmd_reply *reply)
{
	struct monitor *m = data;
	const char *ctrl = req->data && req->datalen ? (const char *)req->data : NULL;
	char *path;

	if (!cg_running(m))
		return -ESRCH;
	path = cgroup_path(&m->cg, CGROUP_PAYLOAD, ctrl, !(req->flags & CMD_CGROUP_LIMIT));
	if (!path)
		return -ENOENT;
	reply->data = path;
	reply->datalen = (uint32_t)strlen(path);
	return 0;
}

/* arg = timeout in seconds (< 0: the default). FREEZING, then FROZEN, or back to RUNNING. */
int monitor_on_freeze(void *data, const struct cmd_req *req, struct cmd_reply *reply)
{
	struct monitor *m = data;
	struct cgroup_error ce = { 0 };
	int timeout_ms = FREEZE_DEFAULT_TIMEOUT_MS;
	int ret;

	if (!cg_running(m))
		return -ESRCH;
	if (m->state == LXC_STATE_FROZEN)
		return 0;
	if (m->state != LXC_STATE_RUNNING)
		return -EBUSY;
	if (req->arg >= 0 && req->arg < FREEZE_DEFAULT_TIMEOUT_MS / 1000)
		timeout_ms = (int)req->arg * 1000;
	monitor_set_state(m, LXC_STATE_FREEZING);
	ret = cgroup_freeze(&m->cg, timeout_ms, &ce);
	if (ret < 0) {
		ERROR("Failed to freeze container \"%s\": %s", m->req.name, ce.msg);
		cgroup_thaw(&m->cg, &ce);
		monitor_set_state(m, LXC_STATE_RUNNING);
		return ret;
	}
	monitor_set_state(m, LXC_STATE_FROZEN);
	return 0;
}

/* THAWED, then RUNNING. A container that is not frozen: -EINVAL. */
int monitor_on_unfreeze(void *data, const struct cmd_req *req, struct cmd_reply *reply)
{
	struct monitor *m = data;
	struct cgroup_error ce = { 0 };
	int ret;

	if (!cg_running(m))
		return -ESRCH;
	if (m->state != LXC_STATE_FROZEN && cgroup_is_frozen(&m->cg) <= 0)
		return -EINVAL;
	ret = cgroup_thaw(&m->cg, &ce);
	if (ret < 0) {
		ERROR("Failed to unfreeze container \"%s\": %s", m->req.name, ce.msg);
		return ret;
	}
	monitor_set_state(m, LXC_STATE_THAWED);
	monitor_set_state(m, LXC_STATE_RUNNING);
	return 0;
}
