/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Placeholder for the tools' shared argument parser. */
int lxc_tools_placeholder;
