#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# kchroot.sh setup|root|run CMD...: the kernel that Debian 12 cannot build
# for, 7.2 from trixie-backports, in a Debian 13 chroot.
#
# Its headers want trixie's gcc-14, and their kbuild tools (modpost, fixdep)
# are linked against trixie's glibc, so the module is built inside a
# minimal trixie chroot (debootstrap --variant=minbase) with only make, kmod,
# and the headers with what they depend on. The image is unpacked there
# too (not installed: that would build an initrd nobody boots), depmod'ed,
# and booted from there by selftests/vm/run.sh; the host's /boot and
# /lib/modules are not touched.
#
# Each command names the one kernel it manages: scripts/kver.sh finds it
# as $ROOT/usr/lib/modules/KVER/vmlinuz with $ROOT/usr/src/linux-headers-KVER.
#
#   setup    create the chroot once (cached in $VFPROV_CACHE/trixie) with
#            the newest linux-headers/image 7.2.*+deb13-amd64
#   root     print the chroot's path
#   run CMD  run CMD in the chroot, this tree bind-mounted at its own path
#            (a private mount namespace: nothing is left mounted); only
#            paths inside this tree are seen (make's BUILD must be there)
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${VFPROV_CACHE:-$TOP/.cache}
ROOT=$CACHE/trixie
MIRROR=${VFPROV_MIRROR:-http://deb.debian.org/debian}
KSERIES=${VFPROV_KCHROOT_SERIES:-7.2}
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo

in_root() { # CMD...: run in the chroot with /proc and this tree
	$SUDO unshare -m --propagation private sh -c '
		root=$1 top=$2; shift 2
		mkdir -p "$root$top"
		mount --bind "$top" "$root$top" &&
		mount -t proc proc "$root/proc" &&
		exec chroot "$root" sh -c '\''cd "$1" 2>/dev/null || cd /
			shift; exec "$@"'\'' sh "$PWD" "$@"' \
		sh "$ROOT" "$TOP" "$@"
}

setup() {
	[ -f "$ROOT/.vfprov-ok" ] && return 0
	local tmp=$ROOT.tmp img
	echo "kchroot: debootstrap trixie (minbase) into $ROOT"
	mkdir -p "$CACHE"
	$SUDO rm -rf "$tmp"
	$SUDO debootstrap --variant=minbase --include=make,kmod,xz-utils,binutils \
		trixie "$tmp" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 ||
		{ tail -n 20 "$CACHE/debootstrap.log" >&2; return 1; }
	$SUDO tee "$tmp/etc/apt/sources.list.d/backports.sources" >/dev/null <<-EOT
	Types: deb
	URIs: $MIRROR
	Suites: trixie-backports
	Components: main
	Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
	EOT
	$SUDO rm -rf "$ROOT"
	$SUDO mv "$tmp" "$ROOT"
	in_root apt-get update -q >/dev/null
	img=$(in_root apt-cache search --names-only \
		"^linux-image-${KSERIES//./\\.}\\.[0-9.]+\\+deb13-amd64\$" |
		awk '{ print $1 }' | sort -V | tail -n1)
	[ -n "$img" ] || { echo "kchroot: no linux-image-$KSERIES.* in trixie-backports" >&2; return 1; }
	echo "kchroot: $img ${img/image/headers}"
	in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "${img/image/headers}" >/dev/null
	# The kernel unpacked, not installed: no initramfs tool, no initrd.
	# vmlinuz, config and modules land in /usr/lib/modules/KVER.
	local kver=${img#linux-image-} p debs=
	for p in binary modules base; do debs+=" linux-$p-$kver"; done
	in_root sh -ec "cd /tmp && apt-get download -q $debs >/dev/null &&
		for d in *.deb; do dpkg-deb -x \$d /; done && rm -f *.deb &&
		depmod $kver && apt-get clean"
	[ -f "$ROOT/usr/lib/modules/$kver/vmlinuz" ]
	$SUDO touch "$ROOT/.vfprov-ok"
}

case ${1:-} in
setup) setup ;;
root) echo "$ROOT" ;;
run) shift; in_root "$@" ;;
*) echo "usage: kchroot.sh setup|root|run CMD..." >&2; exit 2 ;;
esac
