#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug-kernel.sh: build (once, cached) a small 6.1 guest kernel from
# Debian's linux-source-6.1 with KASAN, lockdep, kmemleak, UBSAN and
# DEBUG_ATOMIC_SLEEP, for `make check-debug`. Prints the release name.
#
# Cache: $VFPROV_DEBUG_CACHE (default /var/cache/vfprov-debug-kernel), kept
# outside the work tree so CI runs on the same machine reuse it. The cache
# key is the source tarball's version plus this script's config fragment
# and the patches in scripts/debug-kernel-patches/ (applied in name order;
# each says why it is there).
#   <cache>/linux/                  the build tree (KDIR for our modules)
#   <cache>/root/lib/modules/KVER   modules_install output
#   <cache>/vmlinuz
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE=${VFPROV_DEBUG_CACHE:-/var/cache/vfprov-debug-kernel}
TARBALL=$(ls /usr/src/linux-source-6.1.tar.* | head -n1)
SRCVER=$(dpkg-query -W -f='${Version}' linux-source-6.1)
FRAG=$PWD/scripts/debug-kernel.config
PATCHES=$PWD/scripts/debug-kernel-patches
KEY=$(cat "$FRAG" "$PATCHES"/*.patch - <<<"$SRCVER" | sha256sum | cut -c1-16)

log() { echo "debug-kernel: $*" >&2; }

if [ -f "$CACHE/key" ] && [ "$(cat "$CACHE/key")" = "$KEY" ] &&
	[ -f "$CACHE/vmlinuz" ]; then
	cat "$CACHE/release"
	exit 0
fi

rm -rf "$CACHE"
mkdir -p "$CACHE"
log "extracting $TARBALL"
tar -xf "$TARBALL" -C "$CACHE"
mv "$CACHE"/linux-source-6.1 "$CACHE/linux"
cd "$CACHE/linux"
for p in "$PATCHES"/*.patch; do
	log "applying ${p##*/}"
	patch -p1 --quiet --forward <"$p" >&2
done

log "configuring: x86_64 defconfig + KVM guest + $FRAG"
make -s defconfig >&2
make -s kvm_guest.config >&2
scripts/kconfig/merge_config.sh -m .config "$FRAG" >&2
make -s olddefconfig >&2
# merge_config warns but does not fail when an option did not stick.
while read -r line; do
	case $line in CONFIG_*=n) continue ;; CONFIG_*=*) ;; *) continue ;; esac
	grep -qx "$line" .config || { log "config did not take: $line"; exit 1; }
done <"$FRAG"

log "building with $(nproc) jobs (tens of minutes the first time)"
make -s -j"$(nproc)" LOCALVERSION=-vfprov-debug bzImage modules >&2
make -s LOCALVERSION=-vfprov-debug INSTALL_MOD_PATH="$CACHE/root" modules_install >&2
cp arch/x86/boot/bzImage "$CACHE/vmlinuz"
make -s LOCALVERSION=-vfprov-debug kernelrelease >"$CACHE/release"
echo "$KEY" >"$CACHE/key"
cat "$CACHE/release"
