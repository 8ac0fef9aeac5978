/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ABI check against the INSTALLED public headers: sizes and member offsets of every public
 * struct and the values of the public constants, compared with a hand-written table of LXC's
 * x86_64 layout (pointer/long/size_t 8, int/enum/uid_t 4, bool 1, uint64_t 8, natural
 * alignment). The numbers below were worked out from LXC's member lists, not from our headers.
 * Other architectures only get the constant checks. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <lxc/attach_options.h>
#include <lxc/lxccontainer.h>
#include <lxc/version.h>

static int failures;

static void check(const char *what, long long got, long long want)
{
	if (got == want)
		return;
	fprintf(stderr, "ABI mismatch: %s is %lld, LXC has %lld\n", what, got, want);
	failures++;
}

#define OFF(type, member, want) check("offsetof(" #type ", " #member ")", \
				      (long long)offsetof(type, member), want)
#define SIZE(type, want) check("sizeof(" #type ")", (long long)sizeof(type), want)
#define MSIZE(type, member, want) check("sizeof(" #type "." #member ")", \
					(long long)sizeof(((type *)0)->member), want)
#define VAL(name, want) check(#name, (long long)(name), want)

static void container_layout(void)
{
	SIZE(struct lxc_container, 584);
	OFF(struct lxc_container, name, 0);
	OFF(struct lxc_container, configfile, 8);
	OFF(struct lxc_container, pidfile, 16);
	OFF(struct lxc_container, slock, 24);
	OFF(struct lxc_container, privlock, 32);
	OFF(struct lxc_container, numthreads, 40);
	OFF(struct lxc_container, lxc_conf, 48);
	OFF(struct lxc_container, error_string, 56);
	OFF(struct lxc_container, error_num, 64);
	OFF(struct lxc_container, daemonize, 68);
	OFF(struct lxc_container, config_path, 72);
	OFF(struct lxc_container, is_defined, 80);
	OFF(struct lxc_container, state, 88);
	OFF(struct lxc_container, is_running, 96);
	OFF(struct lxc_container, freeze, 104);
	OFF(struct lxc_container, unfreeze, 112);
	OFF(struct lxc_container, init_pid, 120);
	OFF(struct lxc_container, load_config, 128);
	OFF(struct lxc_container, start, 136);
	OFF(struct lxc_container, startl, 144);
	OFF(struct lxc_container, stop, 152);
	OFF(struct lxc_container, want_daemonize, 160);
	OFF(struct lxc_container, want_close_all_fds, 168);
	OFF(struct lxc_container, config_file_name, 176);
	OFF(struct lxc_container, wait, 184);
	OFF(struct lxc_container, set_config_item, 192);
	OFF(struct lxc_container, destroy, 200);
	OFF(struct lxc_container, save_config, 208);
	OFF(struct lxc_container, create, 216);
	OFF(struct lxc_container, createl, 224);
	OFF(struct lxc_container, rename, 232);
	OFF(struct lxc_container, reboot, 240);
	OFF(struct lxc_container, shutdown, 248);
	OFF(struct lxc_container, clear_config, 256);
	OFF(struct lxc_container, clear_config_item, 264);
	OFF(struct lxc_container, get_config_item, 272);
	OFF(struct lxc_container, get_running_config_item, 280);
	OFF(struct lxc_container, get_keys, 288);
	OFF(struct lxc_container, get_interfaces, 296);
	OFF(struct lxc_container, get_ips, 304);
	OFF(struct lxc_container, get_cgroup_item, 312);
	OFF(struct lxc_container, set_cgroup_item, 320);
	OFF(struct lxc_container, get_config_path, 328);
	OFF(struct lxc_container, set_config_path, 336);
	OFF(struct lxc_container, clone, 344);
	OFF(struct lxc_container, console_getfd, 352);
	OFF(struct lxc_container, console, 360);
	OFF(struct lxc_container, attach, 368);
	OFF(struct lxc_container, attach_run_wait, 376);
	OFF(struct lxc_container, attach_run_waitl, 384);
	OFF(struct lxc_container, snapshot, 392);
	OFF(struct lxc_container, snapshot_list, 400);
	OFF(struct lxc_container, snapshot_restore, 408);
	OFF(struct lxc_container, snapshot_destroy, 416);
	OFF(struct lxc_container, may_control, 424);
	OFF(struct lxc_container, add_device_node, 432);
	OFF(struct lxc_container, remove_device_node, 440);
	OFF(struct lxc_container, attach_interface, 448);
	OFF(struct lxc_container, detach_interface, 456);
	OFF(struct lxc_container, checkpoint, 464);
	OFF(struct lxc_container, restore, 472);
	OFF(struct lxc_container, destroy_with_snapshots, 480);
	OFF(struct lxc_container, snapshot_destroy_all, 488);
	OFF(struct lxc_container, migrate, 496);
	OFF(struct lxc_container, console_log, 504);
	OFF(struct lxc_container, reboot2, 512);
	OFF(struct lxc_container, mount, 520);
	OFF(struct lxc_container, umount, 528);
	OFF(struct lxc_container, seccomp_notify_fd, 536);
	OFF(struct lxc_container, seccomp_notify_fd_active, 544);
	OFF(struct lxc_container, init_pidfd, 552);
	OFF(struct lxc_container, devpts_fd, 560);
	OFF(struct lxc_container, set_timeout, 568);
	OFF(struct lxc_container, rcv_timeout, 576);
	MSIZE(struct lxc_container, numthreads, 4);
	MSIZE(struct lxc_container, error_num, 4);
	MSIZE(struct lxc_container, daemonize, 1);
	MSIZE(struct lxc_container, rcv_timeout, 4);
}

static void other_layouts(void)
{
	SIZE(lxc_attach_options_t, 96);
	OFF(lxc_attach_options_t, attach_flags, 0);
	OFF(lxc_attach_options_t, namespaces, 4);
	OFF(lxc_attach_options_t, personality, 8);
	OFF(lxc_attach_options_t, initial_cwd, 16);
	OFF(lxc_attach_options_t, uid, 24);
	OFF(lxc_attach_options_t, gid, 28);
	OFF(lxc_attach_options_t, env_policy, 32);
	OFF(lxc_attach_options_t, extra_env_vars, 40);
	OFF(lxc_attach_options_t, extra_keep_env, 48);
	OFF(lxc_attach_options_t, stdin_fd, 56);
	OFF(lxc_attach_options_t, stdout_fd, 60);
	OFF(lxc_attach_options_t, stderr_fd, 64);
	OFF(lxc_attach_options_t, log_fd, 68);
	OFF(lxc_attach_options_t, lsm_label, 72);
	OFF(lxc_attach_options_t, groups, 80);
	OFF(lxc_attach_options_t, groups.size, 80);
	OFF(lxc_attach_options_t, groups.list, 88);
	MSIZE(lxc_attach_options_t, personality, 8);
	MSIZE(lxc_attach_options_t, uid, 4);
	MSIZE(lxc_attach_options_t, gid, 4);
	MSIZE(lxc_attach_options_t, env_policy, 4);
	MSIZE(lxc_attach_options_t, log_fd, 4);
	SIZE(lxc_groups_t, 16);
	SIZE(lxc_attach_command_t, 16);
	OFF(lxc_attach_command_t, program, 0);
	OFF(lxc_attach_command_t, argv, 8);

	SIZE(struct lxc_snapshot, 40);
	OFF(struct lxc_snapshot, name, 0);
	OFF(struct lxc_snapshot, comment_pathname, 8);
	OFF(struct lxc_snapshot, timestamp, 16);
	OFF(struct lxc_snapshot, lxcpath, 24);
	OFF(struct lxc_snapshot, free, 32);

	SIZE(struct bdev_specs, 80);
	OFF(struct bdev_specs, fstype, 0);
	OFF(struct bdev_specs, fssize, 8);
	OFF(struct bdev_specs, zfs.zfsroot, 16);
	OFF(struct bdev_specs, lvm.vg, 24);
	OFF(struct bdev_specs, lvm.lv, 32);
	OFF(struct bdev_specs, lvm.thinpool, 40);
	OFF(struct bdev_specs, dir, 48);
	OFF(struct bdev_specs, rbd.rbdname, 56);
	OFF(struct bdev_specs, rbd.rbdpool, 64);
	OFF(struct bdev_specs, rbd.rbduser, 72);
	MSIZE(struct bdev_specs, fssize, 8);

	SIZE(struct lxc_console_log, 24);
	OFF(struct lxc_console_log, clear, 0);
	OFF(struct lxc_console_log, read, 1);
	OFF(struct lxc_console_log, read_max, 8);
	OFF(struct lxc_console_log, data, 16);
	MSIZE(struct lxc_console_log, clear, 1);
	MSIZE(struct lxc_console_log, read, 1);

	SIZE(struct lxc_mount, 4);
	OFF(struct lxc_mount, version, 0);

	SIZE(struct migrate_opts, 80);
	OFF(struct migrate_opts, directory, 0);
	OFF(struct migrate_opts, verbose, 8);
	OFF(struct migrate_opts, stop, 9);
	OFF(struct migrate_opts, predump_dir, 16);
	OFF(struct migrate_opts, pageserver_address, 24);
	OFF(struct migrate_opts, pageserver_port, 32);
	OFF(struct migrate_opts, preserves_inodes, 40);
	OFF(struct migrate_opts, action_script, 48);
	OFF(struct migrate_opts, disable_skip_in_flight, 56);
	OFF(struct migrate_opts, ghost_limit, 64);
	OFF(struct migrate_opts, features_to_check, 72);
	MSIZE(struct migrate_opts, verbose, 1);
	MSIZE(struct migrate_opts, stop, 1);
	MSIZE(struct migrate_opts, preserves_inodes, 1);
	MSIZE(struct migrate_opts, disable_skip_in_flight, 1);
	MSIZE(struct migrate_opts, ghost_limit, 8);

	SIZE(struct lxc_log, 48);
	OFF(struct lxc_log, name, 0);
	OFF(struct lxc_log, lxcpath, 8);
	OFF(struct lxc_log, file, 16);
	OFF(struct lxc_log, level, 24);
	OFF(struct lxc_log, prefix, 32);
	OFF(struct lxc_log, quiet, 40);
	MSIZE(struct lxc_log, quiet, 1);
}

static void constants(void)
{
	lxc_attach_options_t defaults = LXC_ATTACH_OPTIONS_DEFAULT;

	VAL(LXC_ATTACH_KEEP_ENV, 0);
	VAL(LXC_ATTACH_CLEAR_ENV, 1);
	VAL(LXC_ATTACH_MOVE_TO_CGROUP, 0x1);
	VAL(LXC_ATTACH_DROP_CAPABILITIES, 0x2);
	VAL(LXC_ATTACH_SET_PERSONALITY, 0x4);
	VAL(LXC_ATTACH_LSM_EXEC, 0x8);
	VAL(LXC_ATTACH_REMOUNT_PROC_SYS, 0x10000);
	VAL(LXC_ATTACH_LSM_NOW, 0x20000);
	VAL(LXC_ATTACH_NO_NEW_PRIVS, 0x40000);
	VAL(LXC_ATTACH_TERMINAL, 0x80000);
	VAL(LXC_ATTACH_LSM_LABEL, 0x100000);
	VAL(LXC_ATTACH_SETGROUPS, 0x200000);
	VAL(LXC_ATTACH_DEFAULT, 0xffff);
	VAL(LXC_ATTACH_LSM, 0x120008);
	VAL(LXC_ATTACH_DETECT_PERSONALITY, -1);

	VAL(defaults.attach_flags, 0xffff);
	VAL(defaults.namespaces, -1);
	VAL(defaults.personality, -1);
	VAL(defaults.uid, 0xffffffffLL);
	VAL(defaults.gid, 0xffffffffLL);
	VAL(defaults.stdin_fd, 0);
	VAL(defaults.stdout_fd, 1);
	VAL(defaults.stderr_fd, 2);
	VAL(defaults.log_fd, -EBADF);

	VAL(LXC_CLONE_KEEPNAME, 1);
	VAL(LXC_CLONE_KEEPMACADDR, 2);
	VAL(LXC_CLONE_SNAPSHOT, 4);
	VAL(LXC_CLONE_KEEPBDEVTYPE, 8);
	VAL(LXC_CLONE_MAYBE_SNAPSHOT, 16);
	VAL(LXC_CLONE_MAXFLAGS, 32);
	VAL(LXC_CLONE_ALLOW_RUNNING, 64);
	VAL(LXC_CREATE_QUIET, 1);
	VAL(LXC_CREATE_MAXFLAGS, 2);
	VAL(LXC_MOUNT_API_V1, 1);
	VAL(MIGRATE_PRE_DUMP, 0);
	VAL(MIGRATE_DUMP, 1);
	VAL(MIGRATE_RESTORE, 2);
	VAL(MIGRATE_FEATURE_CHECK, 3);
	VAL(FEATURE_MEM_TRACK, 1);
	VAL(FEATURE_LAZY_PAGES, 2);
	VAL(LXC_VERSION_MAJOR, 7);
	VAL(LXC_VERSION_MINOR, 0);
	VAL(LXC_VERSION_MICRO, 0);
	if (strcmp(LXC_VERSION, "7.0.0")) {
		fprintf(stderr, "ABI mismatch: LXC_VERSION is \"%s\", expected \"7.0.0\"\n",
			LXC_VERSION);
		failures++;
	}
}

int main(void)
{
#if defined(__x86_64__)
	container_layout();
	other_layouts();
#else
	fprintf(stderr, "Layout table is for x86_64 only: checking constants only\n");
#endif
	constants();
	if (failures) {
		fprintf(stderr, "%d ABI mismatches\n", failures);
		return 1;
	}
	printf("ABI layout and constants match LXC\n");
	return 0;
}
