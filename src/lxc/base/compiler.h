/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Compiler attributes used across the library. */
#pragma once

/* Marks a symbol of the public ABI. Everything else is hidden (-fvisibility=hidden and the
 * linker version script src/lxc/liblxc.sym). */
#define LXC_EXPORT __attribute__((visibility("default")))
