#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# timeout: 300
# iproute2's genl (the host's, over 9p) sees the family the spec describes:
# version 2, exactly the spec's operations with their capabilities (doit,
# dumpit, policy, admin permission for apply and reset), the events and
# audit groups; and the controller dumps every operation's policy with each
# request attribute of the spec, typed, ranged and length-limited as the
# spec says, nests followed into their policies (selftests/lib/genl_policy.py
# compares the two). Then the family is gone from the controller once
# vfprov is unloaded.
. "${0%/*}/../lib/core.sh"
. "$VFPROV_LIB/ynl.sh"

W=/tmp/genl_pol
mkdir -p "$W"

t_start "vfprov loaded" load_vfprov
t_start "host genl and python3 reachable in the guest" ynl_setup

if hgenl ctrl get name vfprov > "$W/get" 2>&1; then
	t_pass "genl ctrl get name vfprov"
else
	t_fail "genl ctrl get name vfprov" "$(head -n 3 "$W/get")"
fi
if hgenl ctrl policy name vfprov > "$W/policy" 2>&1 && [ -s "$W/policy" ]; then
	t_pass "genl ctrl policy name vfprov"
else
	t_fail "genl ctrl policy name vfprov" "$(head -n 3 "$W/policy")"
fi
hgenl ctrl list > "$W/list" 2>&1
t_ok "genl ctrl list shows vfprov" grep -q '^Name: vfprov' "$W/list"

host_py "$VFPROV_LIB/genl_policy.py" "$YNL_SPEC" "$W/get" "$W/policy" \
	> "$W/checks" 2>&1
rc=$?
n=0
while IFS= read -r l; do
	case $l in
	"PASS "*) t_pass "${l#PASS }" ;;
	"FAIL "*) t_fail "${l#FAIL }" ;;
	*) t_diag "$l" ;;
	esac
	n=$((n + 1))
done < "$W/checks"
t_ok "the spec was compared with what genl dumped ($n checks, rc $rc)" \
	test "$n" -gt 20
if [ "$rc" -ne 0 ]; then
	t_diag "genl ctrl get:"
	sed 's/^/#   /' "$W/get"
	t_diag "genl ctrl policy:"
	sed 's/^/#   /' "$W/policy"
fi

rmmod vfprov
hgenl ctrl get name vfprov > "$W/gone" 2>&1
rc=$?
t_ok "after rmmod, the controller no longer knows vfprov" test "$rc" -ne 0
t_done
