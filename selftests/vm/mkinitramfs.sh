#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# mkinitramfs.sh KVER BUILD OUT.cpio.gz
#
# The test guest's whole root file system: busybox, the kernel modules of
# modules.list with their dependencies, our modules from BUILD, the
# selftests, vfctl, and the shared libraries the binaries need.
set -euo pipefail

KVER=$1
BUILD=$2
OUT=$3
TOP=$(cd "$(dirname "$0")/../.." && pwd)
ROOT=$BUILD/initramfs
# A kernel not installed in /boot and /lib/modules (the debug kernel) names
# the root its modules were installed under.
MODROOT=${VFPROV_MODROOT:-}

rm -rf "$ROOT"
mkdir -p "$ROOT"/{bin,sbin,etc,proc,sys,dev,tmp,run,mnt,root,usr/bin,usr/sbin}
mkdir -p "$ROOT"/{lib/modules/"$KVER",vfprov,selftests}

# busybox: link every applet except "busybox" itself (ELOOP at /init).
cp /bin/busybox "$ROOT/bin/busybox"
for applet in $(/bin/busybox --list-full); do
	[ "${applet##*/}" = busybox ] && continue
	mkdir -p "$ROOT/$(dirname "$applet")"
	ln -sf /bin/busybox "$ROOT/$applet"
done

# Kernel modules with dependencies, then depmod so busybox modprobe works.
grep -v '^#' "$TOP/selftests/vm/modules.list" | while read -r m; do
	[ -n "$m" ] || continue
	modprobe ${MODROOT:+-d "$MODROOT"} -S "$KVER" --show-depends "$m" |
		awk '$1 == "insmod" { print $2 }'
done | sort -u | while read -r ko; do
	ko=${ko#"$MODROOT"}
	mkdir -p "$ROOT$(dirname "$ko")"
	cp "$MODROOT$ko" "$ROOT$ko"
done
cp "$MODROOT"/lib/modules/"$KVER"/modules.{order,builtin,builtin.modinfo} \
	"$ROOT/lib/modules/$KVER/" 2>/dev/null || true
depmod -b "$ROOT" "$KVER"

# Our modules and test tree.
find "$BUILD/src" -name '*.ko' -exec cp {} "$ROOT/vfprov/" \;
cp -r "$TOP/selftests/lib" "$ROOT/selftests/"
mkdir -p "$ROOT/selftests/tests" "$ROOT/selftests/tools"
cp "$TOP"/selftests/tests/*.sh "$ROOT/selftests/tests/" 2>/dev/null || true
cp "$BUILD"/tests/* "$ROOT/selftests/tests/" 2>/dev/null || true
cp "$BUILD"/tools/* "$ROOT/selftests/tools/" 2>/dev/null || true
cp "$TOP"/selftests/vm/guest/*.sh "$ROOT/selftests/"
# make bench: floor, tns, hand.sh and the planner figures (bench/Makefile)
if [ -d "$BUILD/bench" ]; then
	mkdir -p "$ROOT/selftests/bench"
	cp "$BUILD"/bench/* "$ROOT/selftests/bench/"
fi
if [ -x "$TOP/userspace/vfctl" ]; then
	cp "$TOP/userspace/vfctl" "$ROOT/usr/sbin/"
	[ -d "$TOP/userspace/profiles" ] &&
		mkdir -p "$ROOT/usr/share/vfctl" &&
		cp -r "$TOP/userspace/profiles" "$ROOT/usr/share/vfctl/"
fi
# The kernel's YNL CLI (tools/net/ynl of linux-source-6.12, extracted by
# scripts/ynl-gen.sh --tree, run by the host's python over 9p), our spec
# and the schema it is checked against: for the netlink_ynl tests.
if ynl=$("$TOP/scripts/ynl-gen.sh" --tree); then
	mkdir -p "$ROOT/selftests/ynl/lib" "$ROOT/selftests/ynl/specs"
	cp "$ynl/cli.py" "$ROOT/selftests/ynl/"
	cp "$ynl"/lib/*.py "$ROOT/selftests/ynl/lib/"
	cp "$ynl/../../../Documentation/netlink/genetlink-legacy.yaml" \
		"$ROOT/selftests/ynl/"
	cp "$TOP/Documentation/netlink/specs/vfprov.yaml" "$ROOT/selftests/ynl/specs/"
fi
# The udev rule, for vfctl_persist_udev (the host's udevadm over 9p).
mkdir -p "$ROOT/selftests/udev"
cp "$TOP"/userspace/udev/*.rules "$ROOT/selftests/udev/"
cp "$TOP/selftests/vm/init" "$ROOT/init"
chmod +x "$ROOT/init"

# Shared libraries of every dynamically linked binary we ship.
find "$ROOT/selftests" "$ROOT/usr" -type f -perm -u+x | while read -r f; do
	file_is_elf=$(head -c 4 "$f" | tr -d '\0' | grep -c ELF || true)
	[ "$file_is_elf" = 1 ] || continue
	ldd "$f" 2>/dev/null | grep -o '/[^ ]*' || true
done | sort -u | while read -r lib; do
	mkdir -p "$ROOT$(dirname "$lib")"
	cp -L "$lib" "$ROOT$lib"
done
[ -e "$ROOT/lib64" ] || ln -s lib "$ROOT/lib64" 2>/dev/null || true

(cd "$ROOT" && find . | cpio -o -H newc --quiet) | gzip -1 > "$OUT"
