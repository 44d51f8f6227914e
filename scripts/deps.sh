#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install exactly what building and testing vfprov needs on Debian 12, and
# cache the kselftest headers and checkpatch from linux-source-6.1 and the
# YNL tools from linux-source-6.12.
# Idempotent: with everything present it only checks and returns.
set -euo pipefail

cd "$(dirname "$0")/.."
CACHE=${VFPROV_CACHE:-$PWD/.cache}

PKGS=(
	build-essential pkg-config kmod cpio xz-utils
	linux-image-amd64 linux-headers-amd64 linux-source-6.1
	linux-source-6.12 python3-yaml python3-jsonschema iproute2
	qemu-system-x86 busybox-static pciutils
	libnl-3-dev libnl-genl-3-dev libjson-c-dev
	libvirt-clients libxml2-utils python3-yaml
	libvirt-daemon libvirt-daemon-driver-qemu
	dkms sparse tmux
	systemd udev
	ovmf qemu-utils xorriso
	debootstrap
)
# `deps.sh debug`: what building the debug guest kernel needs on top.
[ "${1:-}" = debug ] && PKGS+=(bc bison flex libelf-dev libssl-dev patch)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done

SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
if ((${#missing[@]})); then
	echo "deps: installing ${missing[*]}"
	$SUDO apt-get update -q
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q \
		--no-install-recommends "${missing[@]}"
fi

# The kernel matrix (VFPROV_MATRIX=0 skips it): 6.12 from bookworm-backports,
# headers to build against and an image to boot. (5.10 is no longer built:
# the v2 netlink policies need 5.16; see README.)
matrix_sources() {
	local src=/etc/apt/sources.list.d/vfprov-matrix.sources
	[ -f "$src" ] && return 1
	$SUDO tee "$src" >/dev/null <<-EOT
	Types: deb
	URIs: http://deb.debian.org/debian
	Suites: bookworm-backports
	Components: main
	Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
	EOT
}

newest_pkg() { # regex
	apt-cache search --names-only "$1" | awk '{ print $1 }' | sort -V | tail -n1
}

if [ "${VFPROV_MATRIX:-1}" = 1 ] &&
	! ls /boot/vmlinuz-6.12.* /usr/src/linux-headers-6.12.*-amd64 \
		>/dev/null 2>&1; then
	matrix_sources && $SUDO apt-get update -q
	k612=$(newest_pkg '^linux-image-6\.12\.[0-9.]+\+deb12-amd64$')
	echo "deps: kernel matrix: $k612 ${k612/image/headers}"
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q \
		--no-install-recommends "$k612" "${k612/image/headers}"
fi

# The kernel matrix's newest: 7.2 from trixie-backports, built (its headers
# want gcc-14 and trixie's glibc) and unpacked in a minimal trixie chroot
# cached in $CACHE/trixie (scripts/kchroot.sh; about a minute, 700 MB).
if [ "${VFPROV_MATRIX:-1}" = 1 ]; then
	VFPROV_CACHE=$CACHE scripts/kchroot.sh setup
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
# The kernel's YNL tools (ynl-gen-c for scripts/ynl-gen.sh, the YNL CLI
# for the netlink_ynl VM tests) from linux-source-6.12 (bookworm-security),
# extracted into $CACHE by ynl-gen.sh. Never committed.
scripts/ynl-gen.sh --tree >/dev/null
echo "deps: ok"
