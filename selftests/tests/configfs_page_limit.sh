#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# configfs shows are one page. plan and applied of 31 VFs, each with every
# quota and its scheduling, need more: the read must then fail (EFBIG), or
# show every VF line whole; it must never be cut silently.
# timeout: 300
. "${0%/*}/../lib/cfs.sh"

# whole_or_efbig DESC FILE: FILE reads whole (31 complete VF lines) or
# its read fails with "File too large".
whole_or_efbig() {
	if _o=$(cat "$2" 2>&1); then
		_n=$(echo "$_o" | grep -c '^vf[0-9]* .* preempt_timeout_us=20000$')
		t_eq "$1: read whole, 31 complete VF lines" 31 "$_n"
		t_diag "$2: $(echo "$_o" | wc -c) bytes"
	else
		case $_o in
		*"File too large"*) t_pass "$1: too big for a page, EFBIG" ;;
		*) t_fail "$1" "read failed: $_o" ;;
		esac
	fi
}

if ! cfs_setup; then
	t_fail "atsm_sim bound, vfprov loaded, $C exists"
	t_done
fi
t_eq "mkdir $SIM_PF" "" "$(mkdir_err "$P")"
t_ok "num_vfs 31" sysw "$P/num_vfs" 31
i=1
while [ $i -le 31 ]; do
	mkdir "$P/vf$i"
	echo 20 > "$P/vf$i/exec_quantum_ms"
	echo 20000 > "$P/vf$i/preempt_timeout_us"
	i=$((i + 1))
done
t_ok "PF exec_quantum_ms 20" sysw "$P/exec_quantum_ms" 20
t_ok "PF preempt_timeout_us 20000" sysw "$P/preempt_timeout_us" 20000
whole_or_efbig "plan of 31 VFs" "$P/plan"
cfs_do "commit 31 VFs" "$P" commit
t_eq "31 VFs enabled" 31 "$(cat "$PF/sriov_numvfs")"
whole_or_efbig "applied of 31 VFs" "$P/applied"
cfs_do "reset" "$P" reset
cfs_teardown
t_done
