#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test-ynl-gen.sh: the committed netlink uapi header and kernel policies
# are what linux-source-6.12's ynl-gen-c makes of the spec today
# (scripts/ynl-gen.sh --check), and that check fails on a hand edit of a
# generated file and on a spec edit nobody regenerated for (both tried in
# a scratch copy). Framed TAP for unit.sh.
set -uo pipefail
cd "$(dirname "$0")/.."
TOP=$PWD
export VFPROV_CACHE=${VFPROV_CACHE:-$TOP/.cache}

. scripts/lib/tap.sh

SPEC=Documentation/netlink/specs/vfprov.yaml
GEN=(kmod/include/uapi/linux/vfprov.h kmod/netlink-gen.h kmod/netlink-gen.c)

tap_begin ynl_gen

if scripts/ynl-gen.sh --check >"$T/check" 2>&1; then
	ok "ynl_generated_files_match_spec"
else
	nok "ynl_generated_files_match_spec"
	echo "#   regenerate with: make gen"
	diag "$T/check"
fi

# A scratch tree holding only what ynl-gen.sh reads and writes.
scratch() {
	rm -rf "$T/tree"
	mkdir -p "$T/tree"
	cp --parents scripts/ynl-gen.sh "$SPEC" "${GEN[@]}" "$T/tree/"
}

scratch
echo '/* edited by hand */' >>"$T/tree/kmod/netlink-gen.c"
if (cd "$T/tree" && scripts/ynl-gen.sh --check) >"$T/edit" 2>&1; then
	nok "ynl_check_fails_on_an_edited_generated_file"
	diag "$T/edit"
elif grep -q '^-/\* edited by hand \*/' "$T/edit"; then
	ok "ynl_check_fails_on_an_edited_generated_file"
else
	nok "ynl_check_fails_on_an_edited_generated_file"
	echo "#   failed, but the diff does not show the edit:"
	diag "$T/edit"
fi

scratch
# a new last attribute of the pf set, not regenerated
python3 - "$T/tree/$SPEC" <<'EOF'
import sys
p = sys.argv[1]
s = open(p).read()
anchor = "        doc: pf-ntf only.\n"
assert s.count(anchor) == 1, "spec anchor moved"
s = s.replace(anchor, anchor + "      -\n        name: ynl-gen-test\n        type: u32\n")
open(p, "w").write(s)
EOF
if (cd "$T/tree" && scripts/ynl-gen.sh --check) >"$T/spec" 2>&1; then
	nok "ynl_check_fails_on_a_spec_edit_not_regenerated"
	diag "$T/spec"
elif grep -q '^+.*VFPROV_A_PF_YNL_GEN_TEST' "$T/spec"; then
	ok "ynl_check_fails_on_a_spec_edit_not_regenerated"
else
	nok "ynl_check_fails_on_a_spec_edit_not_regenerated"
	echo "#   failed, but the diff does not show the new attribute:"
	diag "$T/spec"
fi

tap_end
