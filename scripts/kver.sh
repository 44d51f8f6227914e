#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# kver.sh [K]: print the kernel release to build and test against.
#   K given (e.g. 6.1, 6.12, 7.2): the newest installed release "K.*" that
#   has both headers and a bootable image, on the host or (7.2) in the
#   trixie chroot of scripts/kchroot.sh.
#   K empty: the running kernel if its build tree is installed (a real
#   host), else the newest 6.1 (the development and CI machines, whose own
#   kernel has no module support).
set -e

has_build() {
	[ -d "/usr/src/linux-headers-$1" ] || [ -d "/lib/modules/$1/build" ]
}

if [ -z "$1" ]; then
	r=$(uname -r)
	if [ -d "/lib/modules/$r/build" ]; then
		echo "$r"
		exit 0
	fi
	set -- 6.1
fi

best=
for img in /boot/vmlinuz-"$1".*; do
	[ -e "$img" ] || continue
	r=${img#/boot/vmlinuz-}
	has_build "$r" && best="$best $r"
done
kroot=${VFPROV_CACHE:-$(dirname "$0")/../.cache}/trixie
for img in "$kroot"/usr/lib/modules/"$1".*/vmlinuz; do
	[ -e "$img" ] || continue
	r=${img%/vmlinuz}
	r=${r##*/}
	[ -d "$kroot/usr/src/linux-headers-$r" ] && best="$best $r"
done
best=$(printf '%s\n' $best | sort -V | tail -n1)
if [ -z "$best" ]; then
	echo "kver.sh: no kernel $1.* with headers and image; run 'make deps'" >&2
	exit 1
fi
echo "$best"
