#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Unloading vfprov while a transaction runs in its worker is safe: with the
# requester killed (SIGKILL) half-way through a slow 31-VF apply, rmmod
# waits for the worker to commit, then unloads; the PF holds the new
# config, and a reloaded vfprov applies again. The same with the requester
# still waiting: its reply comes, then the module goes.
. "${0%/*}/../lib/core.sh"

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov
vfnl reset "$SIM_PF" >/dev/null

B="--vfs 31 --driver none --lmem 256M"
# applying: wait until the PF shows a transaction running
applying() {
	_i=0
	while [ "$(vfnl pf-get "$SIM_PF" | kv state)" != applying ]; do
		[ $_i -ge 200 ] && return 1
		sleep 0.05
		_i=$((_i + 1))
	done
}

echo 10 > "$DBG/write_delay_ms"
# shellcheck disable=SC2086
vfctl apply "$SIM_PF" $B >/dev/null 2>&1 &
pid=$!
t_ok "the slow apply is running" applying
kill -KILL "$pid"
wait "$pid" 2>/dev/null
t_ok "rmmod vfprov while its worker applies: waits, then unloads" \
	rmmod vfprov
t_eq "the worker finished first: 31 VFs" 31 \
	"$(cat "$DEV/$SIM_PF/sriov_numvfs")"
t_eq "every VF has its LMEM" 31 \
	"$(grep -l '^268435456$' "$IOV"/vf*/gt/lmem_quota | wc -l)"
echo 0 > "$DBG/write_delay_ms"
load_vfprov
t_ok "reloaded vfprov: reset" vfnl reset "$SIM_PF"

echo 10 > "$DBG/write_delay_ms"
# shellcheck disable=SC2086
vfctl apply "$SIM_PF" $B >/tmp/unload-txn.out 2>&1 &
pid=$!
t_ok "a second slow apply is running" applying
t_ok "rmmod with the requester waiting: waits, then unloads" rmmod vfprov
wait "$pid"
t_eq "the waiting requester got its reply: committed (exit 0)" 0 "$?"
echo 0 > "$DBG/write_delay_ms"
load_vfprov
t_ok "reset" vfnl reset "$SIM_PF"
t_done
