#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Journal and undo against atsm_sim's fault injection: for every store of a
# transaction (the Nth prelim_iov write fails), in four transactions,
# the result is "rolled_back" and the PF reads back exactly as
# before (every prelim_iov file of the PF and VFs 1-6, sriov_numvfs,
# autoprobe, VF drivers). core_undo.sh covers enable/disable failures, a
# failing undo and the events.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/core.sh"

if ! sim_up; then
	t_fail "atsm_sim bound to $SIM_PF"
	t_done
fi
load_vfprov

state() { sim_state "$SIM_PF" '[1-6]'; }

# setup FROM...: reset, then apply FROM (nothing for "pristine").
setup() {
	vfnl reset "$SIM_PF" >/dev/null || return 1
	[ "$1" = pristine ] && return 0
	vfnl apply "$SIM_PF" "$@" >/dev/null
}

# faults NAME "FROM" "TO": every store of FROM -> TO fails once, in turn.
faults() {
	_name=$1 _from=$2 _to=$3 _n=1 _bad=0 _runs=0
	# A rollback leaves FROM behind, so FROM is set up again only when a
	# run did not restore it.
	# shellcheck disable=SC2086
	setup $_from || { t_fail "$_name: setup"; return; }
	_before=$(state)
	while [ "$_n" -lt 100 ]; do
		echo "$_n" > "$DBG/fail_write_nth"
		# shellcheck disable=SC2086
		_out=$(vfnl apply "$SIM_PF" $_to)
		echo 0 > "$DBG/fail_write_nth"
		_res=$(echo "$_out" | kv result)
		[ "$_res" = committed ] && break
		_runs=$((_runs + 1))
		if [ "$_res" != rolled_back ] || [ "$_before" != "$(state)" ]; then
			_bad=$((_bad + 1))
			t_diag "$_name: store $_n failing: $_out"
			echo "$_before" > /tmp/before; state > /tmp/after
			diff /tmp/before /tmp/after | sed 's/^/#   /'
			# shellcheck disable=SC2086
			setup $_from
			_before=$(state)
		fi
		_n=$((_n + 1))
	done
	t_diag "$_name: $_runs runs, $(cut -d' ' -f1 /proc/uptime)s uptime"
	t_ok "$_name: some stores were failed ($_runs)" test "$_runs" -gt 2
	t_eq "$_name: each failure rolled back to the exact previous state" 0 "$_bad"
	t_eq "$_name: then the apply commits" committed "$_res"
}

A="num=2 drv=vfio vf1.lmem=1073741824 vf1.eq=10 vf2.pt=30000"
A_NONE="num=2 drv=none vf1.lmem=1073741824 vf1.eq=10 vf2.pt=30000"
B="num=3 drv=vfio vf2.lmem=2147483648 vf3.ggtt=268435456 eq=20 pt=20000 idle=1"
faults "pristine -> 3 VFs" pristine "$B"
faults "2 VFs -> 3 VFs" "$A" "$B"
faults "2 VFs -> new quotas" "$A_NONE" "num=2 vf1.lmem=536870912 vf2.ctx=2048"
faults "2 VFs -> 0 VFs" "$A_NONE" "num=0"

t_ok "rmmod vfprov" rmmod vfprov
t_done
