/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unexpanded configuration text and replay log (placeholder until the core lands). */
#pragma once

struct conf_text {
	int unused;
};
