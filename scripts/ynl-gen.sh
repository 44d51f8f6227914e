#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Generate the netlink uapi header and the kernel policies/ops from
# Documentation/netlink/specs/vfprov.yaml with the kernel's own ynl-gen-c,
# taken from Debian's linux-source-6.12 at build time (never copied into
# this tree).
#
#   scripts/ynl-gen.sh          regenerate the committed files in place
#   scripts/ynl-gen.sh --check  regenerate into a scratch dir; exit 1 and
#                               show the diff if the committed files differ
#   scripts/ynl-gen.sh --tree   print the extracted ynl tree (tools/net/ynl)
set -euo pipefail

cd "$(dirname "$0")/.."
TOP=$PWD
CACHE=${VFPROV_CACHE:-$TOP/.cache}
SRC_TAR=${VFPROV_YNL_TAR:-/usr/src/linux-source-6.12.tar.xz}
SPEC=Documentation/netlink/specs/vfprov.yaml
# generated file <- "mode kind"
OUTS=(
	"kmod/include/uapi/linux/vfprov.h:uapi --header"
	"kmod/netlink-gen.h:kernel --header"
	"kmod/netlink-gen.c:kernel --source"
)

# tools/net/ynl and the spec schemas of linux-source-6.12, extracted once
ynl_tree() {
	local dir=$CACHE/ynl-6.12 top=linux-source-6.12
	if [ ! -f "$dir/$top/tools/net/ynl/ynl-gen-c.py" ]; then
		[ -f "$SRC_TAR" ] || {
			echo "ynl-gen: $SRC_TAR missing: apt-get install linux-source-6.12 (make deps)" >&2
			exit 1
		}
		rm -rf "$dir" && mkdir -p "$dir"
		tar -C "$dir" -xJf "$SRC_TAR" "$top/tools/net/ynl" \
			"$top/Documentation/netlink"
	fi
	echo "$dir/$top"
}

# Debian's python3 has python3-yaml and python3-jsonschema (make deps);
# a pyenv or venv python first on PATH may lack them.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

# ynl-gen-c finds the schema beside the spec's parent directory and names
# the spec relative to the tree holding a MAINTAINERS file: give it a tree
# shaped like the kernel's, holding only our spec.
gen_into() { # outdir
	local ksrc scratch
	ksrc=$(ynl_tree)
	scratch=$(mktemp -d)
	trap 'rm -rf "$scratch"' RETURN
	mkdir -p "$scratch/Documentation/netlink/specs"
	touch "$scratch/MAINTAINERS"
	cp "$ksrc"/Documentation/netlink/*.yaml "$scratch/Documentation/netlink/"
	cp "$SPEC" "$scratch/$SPEC"
	local o file mode
	for o in "${OUTS[@]}"; do
		file=${o%%:*} mode=${o#*:}
		mkdir -p "$1/$(dirname "$file")"
		# shellcheck disable=SC2086
		timeout 120 "$PY" "$ksrc/tools/net/ynl/ynl-gen-c.py" --mode $mode \
			--spec "$scratch/$SPEC" -o "$1/$file"
	done
}

case "${1:-}" in
--tree)
	echo "$(ynl_tree)/tools/net/ynl"
	;;
--check)
	out=$(mktemp -d)
	trap 'rm -rf "$out"' EXIT
	gen_into "$out"
	rc=0
	for o in "${OUTS[@]}"; do
		f=${o%%:*}
		diff -u "$f" "$out/$f" || rc=1
	done
	[ $rc -eq 0 ] || echo "ynl-gen: generated files are stale: run scripts/ynl-gen.sh" >&2
	exit $rc
	;;
"")
	gen_into "$TOP"
	;;
*)
	echo "usage: $0 [--check|--tree]" >&2
	exit 2
	;;
esac
