#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install exactly what building and testing vfprov needs on Debian 12, and
# cache the kselftest headers and checkpatch from linux-source-6.1.
# Idempotent: with everything present it only checks and returns.
set -euo pipefail

cd "$(dirname "$0")/.."
CACHE=${VFPROV_CACHE:-$PWD/.cache}

PKGS=(
	build-essential pkg-config kmod cpio xz-utils
	linux-image-amd64 linux-headers-amd64 linux-source-6.1
	qemu-system-x86 busybox-static pciutils
	libnl-3-dev libnl-genl-3-dev libjson-c-dev
)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done

if ((${#missing[@]})); then
	echo "deps: installing ${missing[*]}"
	SUDO=
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	$SUDO apt-get update -q
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q \
		--no-install-recommends "${missing[@]}"
fi

# kselftest harness headers and checkpatch: not packaged on their own, so
# take them from Debian's kernel source tarball once. Never committed.
KSRC_FILES=(
	tools/testing/selftests/kselftest.h
	tools/testing/selftests/kselftest_harness.h
	scripts/checkpatch.pl
	scripts/spelling.txt
	scripts/const_structs.checkpatch
)
if [ ! -f "$CACHE/linux-6.1/tools/testing/selftests/kselftest_harness.h" ]; then
	tarball=$(ls /usr/src/linux-source-6.1.tar.* | head -n1)
	echo "deps: extracting kselftest headers and checkpatch from $tarball"
	mkdir -p "$CACHE/linux-6.1.tmp"
	tar -xf "$tarball" -C "$CACHE/linux-6.1.tmp" --strip-components=1 \
		"${KSRC_FILES[@]/#/linux-source-6.1/}"
	rm -rf "$CACHE/linux-6.1"
	mv "$CACHE/linux-6.1.tmp" "$CACHE/linux-6.1"
fi
echo "deps: ok"
