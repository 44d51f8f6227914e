#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A plan never waits for, delays or marks a transaction (issue 19): while a
# slow 31-VF apply runs (every prelim_iov store slowed down), an
# unprivileged netlink PLAN, an APPLY with DRY_RUN and a read of configfs
# `plan` each answer while the apply is still running, the PF stays
# "applying" until the apply ends, and the apply's outcome is its own.
. "${0%/*}/../lib/core.sh"

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov
vfnl reset "$SIM_PF" >/dev/null
grep -q '^nobody:' /etc/passwd 2>/dev/null ||
	echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >>/etc/passwd
C=/sys/kernel/config/vfprov
[ -d "$C" ] || mount -t configfs none /sys/kernel/config 2>/dev/null
P=$C/$SIM_PF
mkdir "$P"
echo 4 > "$P/num_vfs"

B="--vfs 31 --driver none --lmem 256M"
gen0=$(vfnl pf-get "$SIM_PF" | kv gen)
# Every store of the apply sleeps 500 ms while the plans run (the apply
# then needs well over a minute), and none once they are done: how long
# the plans take under a loaded TCG host cannot end the apply first.
echo 500 > "$DBG/write_delay_ms"
# shellcheck disable=SC2086
vfctl apply "$SIM_PF" $B >/tmp/plan-nolock.out 2>&1 &
apid=$!
i=0
while [ "$(vfnl pf-get "$SIM_PF" | kv state)" != applying ] && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
t_eq "the slow apply is running" applying "$(vfnl pf-get "$SIM_PF" | kv state)"

# still_running DESC: the apply has not finished and the PF shows it
still_running() {
	if kill -0 "$apid" 2>/dev/null &&
	   [ "$(vfnl pf-get "$SIM_PF" | kv state)" = applying ]; then
		t_pass "$1"
	else
		t_fail "$1" "the apply ended first (the plan waited for it)"
	fi
}

out=$(su -s /bin/sh nobody -c "vfnl plan $SIM_PF num=3" 2>&1)
t_eq "unprivileged PLAN during the apply: acked" "ack=0" \
	"$(echo "$out" | tr ' ' '\n' | grep '^ack=')"
still_running "PLAN answered while the apply runs; the PF stays applying"
out=$(vfnl apply "$SIM_PF" --dry num=5 2>&1)
t_eq "APPLY with DRY_RUN during the apply: acked" "ack=0" \
	"$(echo "$out" | tr ' ' '\n' | grep '^ack=')"
still_running "DRY_RUN answered while the apply runs; the PF stays applying"
t_ok "configfs plan read during the apply" \
	su -s /bin/sh nobody -c "grep -q '^num_vfs 4' $P/plan"
still_running "configfs plan answered while the apply runs"
n=0
while [ $n -lt 5 ]; do
	su -s /bin/sh nobody -c "vfnl plan $SIM_PF num=2" >/dev/null 2>&1
	n=$((n + 1))
done
still_running "back-to-back plans never set the PF idle or hold the apply"

echo 0 > "$DBG/write_delay_ms"
wait "$apid"
t_eq "the apply committed" 0 "$?"
st=$(vfnl pf-get "$SIM_PF")
t_eq "generation grew by exactly one" $((gen0 + 1)) "$(echo "$st" | kv gen)"
t_eq "last result is the apply's" committed "$(echo "$st" | kv last_result)"
t_eq "PF idle" idle "$(echo "$st" | kv state)"
t_eq "31 VFs" 31 "$(cat "$DEV/$SIM_PF/sriov_numvfs")"
rmdir "$P"
t_ok "reset" vfnl reset "$SIM_PF"
t_done
