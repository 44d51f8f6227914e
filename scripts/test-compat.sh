#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Kernel compatibility and style checks, as framed TAP:
#  - vfprov.ko (and atsm_sim) build with W=1 and zero warnings against every
#    installed header set of the supported range (6.1, 6.12, ...), and 7.2
#    in the trixie chroot of scripts/kchroot.sh (make modules builds there). 5.10 is
#    no longer built: the netlink policies generated from the v2 spec use
#    NLA_POLICY_MASK (5.16) and the extack NL_SET_ERR_ATTR_MISS (6.0);
#    the supported floor was 6.1 already;
#  - sparse (make C=2) reports nothing on the default release;
#  - checkpatch (from linux-source-6.1) is clean on kmod/, atsm_sim and xe_sim.
set -uo pipefail
cd "$(dirname "$0")/.."

n=0
failed=0
result() { # ok|fail desc [detail-file]
	n=$((n + 1))
	if [ "$1" = ok ]; then
		echo "ok $n $2"
	else
		failed=$((failed + 1))
		echo "not ok $n $2"
		[ -n "${3:-}" ] && sed 's/^/#   /' "$3" | head -n 40
	fi
}

log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "# BEGIN compat"
kroot=${VFPROV_CACHE:-$PWD/.cache}/trixie
for hdr in /usr/src/linux-headers-*-amd64 "$kroot"/usr/src/linux-headers-*-amd64; do
	[ -d "$hdr" ] || continue
	kver=${hdr##*/linux-headers-}
	case $kver in
	6.* | 7.*) ;;
	*) continue ;;
	esac
	kdir=$hdr
	case $hdr in "$kroot"/*) kdir= ;; esac
	if make -s modules KVER="$kver" ${kdir:+KDIR="$kdir"} >"$log" 2>&1 &&
		! grep -qE 'warning:|error:' "$log"; then
		result ok "W=1 build without warnings against $kver"
	else
		result fail "W=1 build without warnings against $kver" "$log"
	fi
done

kver=$(scripts/kver.sh 6.1)
if command -v sparse >/dev/null; then
	bdir=build/$kver/src
	touch "$bdir"/kmod/*.c "$bdir"/selftests/atsm_sim/*.c \
		"$bdir"/selftests/xe_sim/*.c 2>/dev/null
	make -s -C "/usr/src/linux-headers-$kver" M="$PWD/$bdir" W=1 C=1 \
		VFPROV_SIM=1 modules >"$log" 2>&1
	if grep -E '^[^ ]*\.[ch]:[0-9]+:[0-9]+: (warning|error)' "$log" >"$log.s"; then
		result fail "sparse clean (make C=1) on $kver" "$log.s"
	else
		result ok "sparse clean (make C=1) on $kver"
	fi
	rm -f "$log.s"
fi

# An out-of-tree module must test LINUX_VERSION_CODE where no feature macro
# exists (kmod/compat.h), in the usual "LINUX_VERSION_CODE >= KERNEL_VERSION()"
# form: the two checks aimed at in-tree code are off.
cp=${VFPROV_CACHE:-$PWD/.cache}/linux-6.1/scripts/checkpatch.pl
files=$(git ls-files 'kmod/*.[ch]' 'selftests/atsm_sim/*.[ch]' 'selftests/vfstub/*.[ch]' \
	'selftests/xe_sim/*.[ch]')
if perl "$cp" --no-tree --terse --show-types \
	--ignore SPDX_LICENSE_TAG,FILE_PATH_CHANGES,LINUX_VERSION_CODE,CONSTANT_COMPARISON \
	-f $files >"$log" 2>&1; then
	result ok "checkpatch clean on kmod/ and atsm_sim"
else
	grep -v '^total:' "$log" >"$log.c"; mv "$log.c" "$log"
	result fail "checkpatch clean on kmod/ and atsm_sim" "$log"
fi

echo "1..$n"
echo "# END compat rc=$((failed ? 1 : 0))"
