#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Configures (once) and builds the tree in ./build, man pages included.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f build/build.ninja ]; then
	meson setup --reconfigure build -Dman=true >/dev/null
else
	meson setup build -Dman=true >/dev/null
fi
ninja -C build
