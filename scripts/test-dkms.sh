#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# dkms add/build/install/status/remove of vfprov in scratch trees (nothing
# touches /usr/src, /var/lib/dkms or /lib/modules), for the default kernel
# headers. Framed TAP.
set -uo pipefail
cd "$(dirname "$0")/.."

kver=$(scripts/kver.sh 6.1)
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
s=$PWD/build/dkms
rm -rf "$s"
mkdir -p "$s"/{src,tree,install/"$kver"}
make -s dkms-src DKMS_SRC="$s/src/vfprov-$ver" >/dev/null

n=0
failed=0
dk() { # desc dkms-args...
	local desc=$1 out
	shift
	n=$((n + 1))
	if out=$(dkms "$@" -m vfprov -v "$ver" -k "$kver" \
		--kernelsourcedir "/usr/src/linux-headers-$kver" \
		--sourcetree "$s/src" --dkmstree "$s/tree" \
		--installtree "$s/install" --no-depmod 2>&1); then
		echo "ok $n $desc"
	else
		failed=$((failed + 1))
		echo "not ok $n $desc"
		echo "$out" | tail -n 20 | sed 's/^/#   /'
	fi
}
check() { # desc command...
	local desc=$1
	shift
	n=$((n + 1))
	if "$@" >/dev/null 2>&1; then
		echo "ok $n $desc"
	else
		failed=$((failed + 1))
		echo "not ok $n $desc"
	fi
}

echo "# BEGIN dkms"
dk "dkms add" add
dk "dkms build for $kver" build
dk "dkms install into the scratch install tree" install
check "vfprov.ko installed under updates/dkms" \
	test -f "$s/install/$kver/updates/dkms/vfprov.ko"
check "installed module is for $kver" \
	sh -c "modinfo -F vermagic '$s/install/$kver/updates/dkms/vfprov.ko' | grep -q '^$kver '"
n=$((n + 1))
if dkms status -m vfprov -v "$ver" --dkmstree "$s/tree" \
	--installtree "$s/install" | grep -q installed; then
	echo "ok $n dkms status says installed"
else
	failed=$((failed + 1))
	echo "not ok $n dkms status says installed"
fi
dk "dkms remove" remove
check "module gone after remove" \
	test ! -e "$s/install/$kver/updates/dkms/vfprov.ko"
echo "1..$n"
echo "# END dkms rc=$((failed ? 1 : 0))"
