/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* On-the-wire headers of the command protocol (layout documented in commands.h); shared by the
 * client (commands.c) and the server (commands_server.c) only. */
#pragma once

#include <stdint.h>

#define CMD_REQ_MAGIC 0x4c584351U /* "LXCQ" */
#define CMD_RSP_MAGIC 0x4c584352U /* "LXCR" */

struct cmd_wire_req {
	uint32_t magic;
	uint32_t cmd;
	int64_t arg;
	uint32_t flags;
	uint32_t datalen;
};

struct cmd_wire_rsp {
	uint32_t magic;
	int32_t ret;
	uint32_t datalen;
	uint32_t nfds;
};

_Static_assert(sizeof(struct cmd_wire_req) == 24, "request header layout");
_Static_assert(sizeof(struct cmd_wire_rsp) == 16, "reply header layout");
