#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# VF actions (vf-action): stop, pause, resume and clear through the
# simulated i915's vfK/control, and FLR through the PCI core. Each action
# commits as a transaction of its own (no generation bump), leaves the run
# state vf-get reports and sends vf-ntf (change action); the driver's
# refusals (the GuC's failure response: EIO) come back with step action
# and leave the state alone. Refused: unprivileged (EPERM), an unknown
# action (ERANGE, the policy), a VF that is not enabled (ENODEV), while a slowed apply
# runs (EBUSY), a control word on the pci backend (EOPNOTSUPP), and an FLR
# of a VF held through VFIO without force (EBUSY). Disable and re-enable
# make a VF running again.
. "${0%/*}/../lib/core.sh"

grep -q '^nobody:' /etc/passwd 2>/dev/null ||
	echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >>/etc/passwd

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov
vfnl reset "$SIM_PF" >/dev/null
t_ok "apply num=2" vfnl apply "$SIM_PF" num=2

caps=$(vfnl pf-get "$SIM_PF" | kv caps)
t_eq "caps: vf-control" 8 $((caps & 8))
t_eq "caps: vf-flr" 16 $((caps & 16))
t_eq "caps: adverse-events (debugfs)" 64 $((caps & 64))
t_eq "caps: no telemetry on the LTS personality" 0 $((caps & 32))
t_eq "VF 1 running after the enable" running \
	"$(vfnl vf-get "$SIM_PF" 1 | kv state)"

gen=$(vfnl pf-get "$SIM_PF" | kv gen)
vfnl monitor 1 20 > /tmp/va_mon.out &
mon=$!
mon_ready /tmp/va_mon.out
out=$(vfnl vf-action "$SIM_PF" 1 pause)
t_eq "pause VF 1 commits" "committed 0" \
	"$(echo "$out" | head -n 1 | kv result) $(echo "$out" | kv ack)"
t_eq "  ...VF 1 paused" paused "$(vfnl vf-get "$SIM_PF" 1 | kv state)"
t_ok "  ...the simulator's VF 1 is paused" \
	sh -c "grep -q '^  vf1: .* paused' $DBG/state"
t_eq "  ...VF 2 still running" running "$(vfnl vf-get "$SIM_PF" 2 | kv state)"
t_eq "  ...no generation bump" "$gen" "$(vfnl pf-get "$SIM_PF" | kv gen)"
wait $mon
t_eq "  ...vf-ntf on events: vf_action VF 1 pause paused" \
	"vf_action 1 pause paused" \
	"$(grep '^event=vf_action' /tmp/va_mon.out | head -n 1 |
	   sed 's/.*event=\([^ ]*\).* vf=\([0-9]*\).* action=\([^ ]*\).* state=\([^ ]*\).*/\1 \2 \3 \4/')"
t_ok "  ...the log names who asked" \
	sh -c "dmesg | grep -q 'VF 1: pause (vfnl pid [0-9]* uid 0)'"

out=$(vfnl vf-action "$SIM_PF" 1 pause)
t_eq "pause of a paused VF: the GuC's failure (EIO) at step action" \
	"EIO action action" \
	"$(echo "$out" | kv ack) $(echo "$out" | head -n 1 | kv step) $(echo "$out" | head -n 1 | kv field)"
t_eq "  ...still paused" paused "$(vfnl vf-get "$SIM_PF" 1 | kv state)"
t_ok "resume VF 1" vfnl vf-action "$SIM_PF" 1 resume
t_eq "  ...running" running "$(vfnl vf-get "$SIM_PF" 1 | kv state)"
t_eq "resume of a running VF: EIO" EIO \
	"$(vfnl vf-action "$SIM_PF" 1 resume | kv ack)"
t_ok "stop VF 1" vfnl vf-action "$SIM_PF" 1 stop
t_eq "  ...stopped" stopped "$(vfnl vf-get "$SIM_PF" 1 | kv state)"
t_eq "resume of a stopped VF: EIO" EIO \
	"$(vfnl vf-action "$SIM_PF" 1 resume | kv ack)"
t_eq "pause of a stopped VF: EIO" EIO \
	"$(vfnl vf-action "$SIM_PF" 1 pause | kv ack)"
t_eq "  ...still stopped" stopped "$(vfnl vf-get "$SIM_PF" 1 | kv state)"

echo 1 > "$DBG/guc_fail_nth"
t_eq "stop of VF 2 with the GuC failing once: EIO" EIO \
	"$(vfnl vf-action "$SIM_PF" 2 stop | kv ack)"
t_eq "  ...VF 2 still running" running "$(vfnl vf-get "$SIM_PF" 2 | kv state)"

lm=$(vfq 2 lmem_quota)
t_ok "VF 2 holds LMEM" test "$lm" -gt 0
gen=$(vfnl pf-get "$SIM_PF" | kv gen)
t_ok "clear VF 2" vfnl vf-action "$SIM_PF" 2 clear
t_eq "  ...its LMEM quota is released" 0 "$(vfq 2 lmem_quota)"
t_eq "  ...a config change: the generation bumps" $((gen + 1)) \
	"$(vfnl pf-get "$SIM_PF" | kv gen)"
t_eq "  ...its run state is left alone" running \
	"$(vfnl vf-get "$SIM_PF" 2 | kv state)"

out=$(vfnl vf-action "$SIM_PF" 1 flr)
t_eq "FLR of VF 1 through the PCI core commits" 0 "$(echo "$out" | kv ack)"
t_eq "  ...VF 1 running again" running "$(vfnl vf-get "$SIM_PF" 1 | kv state)"

t_eq "VF 3 is not enabled: ENODEV" ENODEV \
	"$(vfnl vf-action "$SIM_PF" 3 pause | kv ack)"
t_eq "unknown action 9: ERANGE (policy)" ERANGE \
	"$(vfnl vf-action "$SIM_PF" 1 9 | kv ack)"
out=$(su -s /bin/sh nobody -c "vfnl vf-action $SIM_PF 1 pause" 2>&1)
t_eq "unprivileged: EPERM" EPERM "$(echo "$out" | kv ack)"
t_eq "  ...VF 1 untouched" running "$(vfnl vf-get "$SIM_PF" 1 | kv state)"

# a slowed apply holds the PF; a vf-action queued behind it would act on
# a VF the apply is changing: refused at once
echo 2000 > "$DBG/configure_delay_ms"
out=$(vfnl apply "$SIM_PF" --nowait num=3)
t_eq "slowed apply num=3 queued" 0 "$(echo "$out" | kv ack)"
out=$(vfnl vf-action "$SIM_PF" 1 pause)
t_eq "vf-action while it runs: EBUSY" EBUSY "$(echo "$out" | kv ack)"
t_eq "  ...the reply's outcome says so" rejected \
	"$(echo "$out" | head -n 1 | kv result)"
i=0
while [ "$(vfnl pf-get "$SIM_PF" | kv state)" != idle ] && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
echo 0 > "$DBG/configure_delay_ms"
t_eq "the apply ended" idle "$(vfnl pf-get "$SIM_PF" | kv state)"

t_ok "pause VF 1" vfnl vf-action "$SIM_PF" 1 pause
t_ok "disable" vfnl apply "$SIM_PF" num=0
t_ok "enable 2 again" vfnl apply "$SIM_PF" num=2
t_eq "VF 1 running after disable and re-enable" running \
	"$(vfnl vf-get "$SIM_PF" 1 | kv state)"

# the pci backend: FLR only; a VF held through VFIO needs force
vfnl reset "$PCI_PF" >/dev/null
t_ok "pci PF: apply num=2 drv=vfio" vfnl apply "$PCI_PF" num=2 drv=vfio
t_eq "pci PF caps: vf-flr only" 16 "$(( $(vfnl pf-get "$PCI_PF" | kv caps) & 88 ))"
out=$(vfnl vf-action "$PCI_PF" 1 pause)
t_eq "pause on the pci backend: EOPNOTSUPP, field action" \
	"EOPNOTSUPP action" \
	"$(echo "$out" | kv ack) $(echo "$out" | head -n 1 | kv field)"
vf1=$(basename "$(readlink "$DEV/$PCI_PF/virtfn0")")
hold_vf "$vf1" 8 /tmp/va_hold.out
t_ok "VF 1 opened through VFIO" grep -q held /tmp/va_hold.out
out=$(vfnl vf-action "$PCI_PF" 1 flr)
t_eq "FLR of a VF a guest holds: EBUSY without force" \
	"EBUSY flags" "$(echo "$out" | kv ack) $(echo "$out" | head -n 1 | kv field)"
t_ok "FLR of VF 2 (not held)" vfnl vf-action "$PCI_PF" 2 flr
out=$(vfnl vf-action "$PCI_PF" --force 1 flr)
t_eq "forced FLR of the held VF commits" 0 "$(echo "$out" | kv ack)"
t_ok "  ...the holder still has it" kill -0 $hold
t_ok "  ...logged as forced" sh -c "dmesg | grep -q 'VF 1: flr (forced)'"
kill $hold 2>/dev/null
wait $hold 2>/dev/null
t_ok "reset pci PF" vfnl reset "$PCI_PF"
t_ok "reset sim PF" vfnl reset "$SIM_PF"
t_done
