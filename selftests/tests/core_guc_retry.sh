#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# i915 answers ENODEV to GuC-backed stores while a GT reset is in progress.
# vfprov retries such a store (5 tries, 50..800 ms apart): one ENODEV at
# any store of an apply still commits; ENODEV on a plain PCI file is not
# retried (it is not the GuC's).
. "${0%/*}/../lib/core.sh"

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov
vfnl reset "$SIM_PF" >/dev/null

X="num=3 drv=none vf1.lmem=1073741824 vf2.lmem=1073741824 vf3.lmem=1073741824 vf1.eq=10"
Y="num=2 drv=none vf1.lmem=536870912 vf2.lmem=536870912 vf2.eq=20"
vfnl apply "$SIM_PF" $X >/dev/null
read -r a < "$DBG/writes"
vfnl apply "$SIM_PF" $Y >/dev/null
read -r b < "$DBG/writes"
n=$((b - a))
vfnl apply "$SIM_PF" $X >/dev/null
sx=$(sim_state "$SIM_PF")
t_ok "setup: an apply makes several stores" test "$n" -gt 4

echo 19 > "$DBG/fail_write_errno"
bad=0 k=1 cur=X
while [ "$k" -le "$n" ]; do
	if [ "$cur" = X ]; then args=$Y; cur=Y; else args=$X; cur=X; fi
	echo "$k" > "$DBG/fail_write_nth"
	# shellcheck disable=SC2086
	out=$(vfnl apply "$SIM_PF" $args)
	if [ "$(echo "$out" | kv result)" != committed ]; then
		bad=$((bad + 1))
		t_diag "ENODEV at store $k: $out"
	fi
	k=$((k + 1))
done
echo 0 > "$DBG/fail_write_nth"
t_eq "one ENODEV at any of the $n stores: retried, committed" 0 "$bad"
t_eq "PF idle" idle "$(vfnl pf-get "$SIM_PF" | kv state)"

# the VF enable failing with ENODEV once is retried as well
echo 19 > "$DBG/fail_enable_errno"
out=$(vfnl apply "$SIM_PF" num=4 drv=none)
t_eq "one ENODEV at the VF enable: retried, committed" committed \
	"$(echo "$out" | kv result)"
echo 0 > "$DBG/fail_enable_errno"

# EIO is not retried: the apply rolls back
echo 5 > "$DBG/fail_write_errno"
echo 1 > "$DBG/fail_write_nth"
out=$(vfnl apply "$SIM_PF" $X)
t_eq "EIO is not retried: rolled back" rolled_back "$(echo "$out" | kv result)"
echo 0 > "$DBG/fail_write_nth"
t_ok "reset" vfnl reset "$SIM_PF"
t_done
