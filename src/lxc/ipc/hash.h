/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* SHA-256 (FIPS 180-4), used to turn "LXCPATH/NAME" and LXCPATH into fixed-length socket names.
 * Our own implementation, so socket names never depend on whether OpenSSL is built in. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define IPC_SHA256_LEN	   32
#define IPC_SHA256_HEX_LEN 64

void ipc_sha256(const void *data, size_t len, uint8_t ret[IPC_SHA256_LEN]);
/* Lower-case hex of the SHA-256 of the string s, NUL-terminated. */
void ipc_sha256_hex(const char *s, char ret[IPC_SHA256_HEX_LEN + 1]);
