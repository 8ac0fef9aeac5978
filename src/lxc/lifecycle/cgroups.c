/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The monitor's use of the cgroup layer: the monitor and payload cgroups of a run (created,
 * entered and limited before "continue", removed when the run ends or aborts), the freezer
 * commands (FREEZING, FROZEN, THAWED states) and GET_CGROUP. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "cgroups/cgroup.h"
#include "config/system/sysconf.h"
#include "ipc/commands.h"
#include "lifecycle/guard.h"
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

/* First run: detect the host from the monitor's own cgroup, then create the monitor's cgroup
 * and move the monitor into it. Later runs (reboot) reuse both. */
static int setup_monitor_cgroup(struct monitor *m, struct cgroup_error *ce)
{
	int ret;

	if (m->cg_monitor)
		return 0;
	if (!m->cg_host) {
		ret = cgroup_host_detect(&m->cg.host, ce);
		if (ret < 0)
			return ret;
		m->cg_host = true;
	}
	/* Still in the parent cgroup: the guard stays there (it removes lxc.monitor.NAME). */
	guard_start(m->req.lxcpath, m->req.name);
	if (m->cg.host.layout == CGROUP_LAYOUT_NONE)
		return 0;
	ret = cgroup_create(&m->cg, &m->conf->cgroup, cgroup_pattern(), m->req.name,
			    CGROUP_MONITOR, ce);
	if (ret < 0)
		return ret;
	m->cg_monitor = true;
	guard_note_cgroup(&m->cg, CGROUP_MONITOR);
	return cgroup_enter(&m->cg, CGROUP_MONITOR, getpid(), ce);
}

int monitor_cgroup_setup(struct monitor *m, struct lxc_error *err)
{
	struct cgroup_error ce = { 0 };
	int ret;

	ret = setup_monitor_cgroup(m, &ce);
	if (ret < 0)
		goto fail;
	if (m->cg.host.layout == CGROUP_LAYOUT_NONE) {
		if (m->conf->cgroup.v1.n || m->conf->cgroup.v2.n)
			return lxc_error_set_plain(err, "cgroups", ENOENT, "Failed to apply the "
						   "cgroup limits of container \"%s\": no cgroup "
						   "file system is mounted", m->req.name);
		return 0;
	}
	ret = cgroup_create(&m->cg, &m->conf->cgroup, cgroup_pattern(), m->req.name,
			    CGROUP_PAYLOAD, &ce);
	if (ret < 0)
		goto fail;
	m->cg_payload = true;
	guard_note_cgroup(&m->cg, CGROUP_PAYLOAD);
	ret = cgroup_apply_limits(&m->cg, &m->conf->cgroup, NULL, &ce);
	if (ret == 0)
		ret = cgroup_enter(&m->cg, CGROUP_PAYLOAD, m->init_pid, &ce);
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

	monitor_cgroup_cleanup_run(m);
	if (m->cg_monitor &&
	    cgroup_destroy(&m->cg, CGROUP_MONITOR, &m->conf->cgroup, &ce) < 0)
		WARN("Failed to remove the monitor cgroup of container \"%s\", ignoring: %s",
		     m->req.name, ce.msg);
	else if (m->cg_monitor)
		guard_forget_cgroup(CGROUP_MONITOR);
	m->cg_monitor = false;
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
