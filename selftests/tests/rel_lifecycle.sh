#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Reliability: life cycle around provisioned VFs.
#
#  1. A VF of the pci PF bound to vfio-pci and held open through VFIO (a
#     VMM's open sequence, selftests/tools/vfio_hold.c): reconfiguration
#     and reset refused with EBUSY, nothing changed; forced, the apply
#     waits for the holder to let go and commits; unforced, fine once the
#     holder is gone.
#  2. rmmod/insmod vfprov with VFs provisioned on both PFs: the VFs stay,
#     the reloaded module reports them and can reconfigure them.
#  3. atsm_sim unbound from the PF while VFs are provisioned, then rebound.
#  4. PCI remove + rescan of the PF between applies (both PFs).
#  5. PCI remove of the sim PF from another process during an apply
#     (atsm_sim write latency stretches the apply): the apply answers (no
#     hang) with ENODEV/ENOENT or commits; the PF comes back on rescan.
# The pci (nvme) PF is removed only with 0 VFs: nvme leaves SR-IOV enabled
# on remove, and a rescan after that hits a kernel BUG (iov.c, 6.1) even
# without vfprov loaded; see docs/reliability.md.
# At the end vfprov must unload (no PF or module reference leaked).
. "${0%/*}/../lib/rel.sh"

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov
T0=$(uptime_s)
EV=/tmp/rel_lifecycle.events
vfnl monitor 100000 3000 > "$EV" &
monpid=$!
sleep 1

# rescan_pf PF DRIVER: bring a removed PF back, bound to DRIVER. The host
# nvme driver would take the sim PF: bus autoprobe is off meanwhile.
rescan_pf() {
	echo 0 > /sys/bus/pci/drivers_autoprobe
	echo 1 > /sys/bus/pci/rescan
	_i=0
	while [ ! -e "$DEV/$1" ] && [ $_i -lt 50 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	echo "$2" > "$DEV/$1/driver_override"
	echo 0 > "$DEV/$1/sriov_drivers_autoprobe"
	# a driver that got it anyway (the host nvme driver) lets go first
	if [ -e "$DEV/$1/driver" ] &&
	   [ "$(basename "$(readlink "$DEV/$1/driver")")" != "$2" ]; then
		echo "$1" > "$DEV/$1/driver/unbind"
	fi
	echo "$1" > /sys/bus/pci/drivers_probe
	echo 1 > /sys/bus/pci/drivers_autoprobe
	_i=0
	while [ ! -e "$DEV/$1/driver" ] && [ $_i -lt 100 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	[ "$(basename "$(readlink "$DEV/$1/driver")")" = "$2" ]
}

wait_gone() {
	_i=0
	while [ -e "$DEV/$1" ] && [ $_i -lt 100 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	[ ! -e "$DEV/$1" ]
}

# --- 1. a VF in use by a guest ---------------------------------------------
vfnl reset "$PCI_PF" >/dev/null
t_ok "pci PF: 2 VFs on vfio-pci" vfnl apply "$PCI_PF" num=2 drv=vfio
vf1=$(basename "$(readlink "$DEV/$PCI_PF/virtfn0")")
vfio_hold "$vf1" 8 > /tmp/hold.out 2>&1 &
hold=$!
wait_for_held() {
	_i=0
	while ! grep -q held /tmp/hold.out && [ $_i -lt 80 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	grep -q held /tmp/hold.out
}
t_ok "VF $vf1 opened through VFIO (container, group, device fd)" wait_for_held
t_eq "VF_GET reports VF 1 in use" 1 "$(vfnl vf-get "$PCI_PF" 1 | kv in_use)"
before=$(pci_state "$PCI_PF")
t_eq "apply num=3 while VF 1 is in use: EBUSY" EBUSY "$(vfnl apply "$PCI_PF" num=3 drv=vfio | kv ack)"
t_eq "reset while VF 1 is in use: EBUSY" EBUSY "$(vfnl reset "$PCI_PF" | kv ack)"
t_eq "unbinding VF 1 in use: EBUSY" EBUSY "$(vfnl apply "$PCI_PF" num=2 drv=none | kv ack)"
t_eq "refusals changed nothing" "$before" "$(pci_state "$PCI_PF")"
t0=$(uptime_s)
out=$(timeout -s KILL 60 vfnl apply "$PCI_PF" --force num=3 drv=vfio)
t_diag "forced apply with VF 1 held: $(echo "$out" | tail -n 1) after $(since "$t0")s"
t_eq "forced apply commits (after the holder lets go)" committed "$(echo "$out" | kv result)"
held=1
kill -0 $hold 2>/dev/null || held=0
t_diag "holder still running after the forced apply: $held (vfio-pci blocks the VF's removal until the device fd is closed)"
kill $hold 2>/dev/null
wait $hold 2>/dev/null
t_ok "after the holder exits, an unforced reconfiguration commits" \
	vfnl apply "$PCI_PF" num=1 drv=none
t_eq "pci PF: 1 VF, unbound" "1 -" \
	"$(cat "$DEV/$PCI_PF/sriov_numvfs") $(vf_drivers "$PCI_PF")"

# --- 2. unload/reload with provisioned VFs -------------------------------
vfnl reset "$SIM_PF" >/dev/null
vfnl apply "$SIM_PF" num=3 drv=vfio vf1.lmem=1073741824 vf2.eq=15 >/dev/null
vfnl apply "$PCI_PF" num=2 drv=vfio >/dev/null
before=$(full_state)
t_ok "rmmod vfprov with VFs provisioned" rmmod vfprov
t_eq "VFs, quotas and drivers stay without the module" "$before" "$(full_state)"
t_ok "insmod vfprov again" vfprov_insmod
kill $monpid 2>/dev/null
vfnl monitor 100000 3000 >> "$EV" &
monpid=$!
sleep 1
line=$(vfnl pf-get "$SIM_PF")
t_eq "reloaded: sim PF reports 3 VFs" 3 "$(echo "$line" | kv num)"
t_eq "reloaded: VF 1 lmem 1 GiB" 1073741824 "$(vfnl vf-get "$SIM_PF" 1 | kv lmem)"
t_eq "reloaded: VF 2 eq 15, on vfio-pci" "15 vfio-pci" \
	"$(vfnl vf-get "$SIM_PF" 2 | kv eq) $(vfnl vf-get "$SIM_PF" 2 | kv driver)"
t_eq "reloaded: pci PF reports 2 VFs" 2 "$(vfnl pf-get "$PCI_PF" | kv num)"
t_eq "reload changed nothing" "$before" "$(full_state)"
t_ok "reloaded module reconfigures the adopted VFs" \
	vfnl apply "$SIM_PF" num=2 drv=vfio vf1.lmem=536870912
t_eq "  ...VF 1 lmem now 512 MiB" 536870912 "$(vfq 1 lmem_quota)"

# --- 3. PF driver unbind / rebind -------------------------------------------
echo "$SIM_PF" > "$DEV/$SIM_PF/driver/unbind"
line=$(vfnl pf-get "$SIM_PF")
t_eq "atsm_sim unbound with VFs: PF_GET driver empty, 0 VFs" "driver= num=0" \
	"driver=$(echo "$line" | kv driver) num=$(echo "$line" | kv num)"
t_eq "apply on a PF without driver: ENOENT" ENOENT \
	"$(vfnl apply "$SIM_PF" num=2 | kv ack)"
echo "$SIM_PF" > /sys/bus/pci/drivers_probe
sim_up >/dev/null
t_eq "rebound: backend i915-prelim again" i915-prelim \
	"$(vfnl pf-get "$SIM_PF" | kv backend)"
t_ok "rebound: apply commits" vfnl apply "$SIM_PF" num=2 drv=vfio
t_eq "  ...2 VFs on vfio-pci" "vfio-pci vfio-pci" "$(vf_drivers "$SIM_PF")"
sleep 1
t_ok "pf_driver events for the unbind and the bind" \
	test "$(grep -c "^event=pf_driver pf=$SIM_PF" "$EV")" -ge 2

# --- 4. PCI remove / rescan between applies -------------------------------
for pfv in PCI_PF SIM_PF; do
	eval "pf=\$$pfv"
	drv=nvme
	[ $pfv = SIM_PF ] && drv=atsm_sim
	vfnl apply "$pf" num=2 >/dev/null
	# nvme leaves SR-IOV enabled when it is removed ("driver left SR-IOV
	# enabled after remove"): the orphaned VFs make a later rescan hit a
	# kernel BUG in 6.1, with or without vfprov. Remove it with 0 VFs.
	[ $pfv = PCI_PF ] && vfnl reset "$pf" >/dev/null
	echo 1 > "$DEV/$pf/remove"
	t_ok "$pf removed (after an apply)" wait_gone "$pf"
	t_eq "$pf: PF_GET after removal: ENODEV" ENODEV "$(vfnl pf-get "$pf" | kv ack)"
	t_eq "$pf: apply after removal: ENODEV" ENODEV "$(vfnl apply "$pf" num=1 | kv ack)"
	t_ok "$pf: rescanned and bound to $drv" rescan_pf "$pf" $drv
	t_eq "$pf: registered again, 0 VFs" "0 $drv" \
		"$(vfnl pf-get "$pf" | kv num) $(vfnl pf-get "$pf" | kv driver)"
	t_ok "$pf: apply commits on the new device" vfnl apply "$pf" num=2
	vfnl reset "$pf" >/dev/null
done
sleep 1
t_ok "pf_removed and pf_added events" sh -c \
	"grep -q '^event=pf_removed pf=$SIM_PF' $EV && grep -q '^event=pf_added pf=$SIM_PF' $EV"

# --- 5. PCI remove during an apply --------------------------------------
sim_up >/dev/null
vfnl apply "$SIM_PF" num=2 drv=vfio vf1.lmem=1073741824 >/dev/null
echo 300 > "$DBG/write_delay_ms"
t0=$(uptime_s)
( timeout -s KILL 90 vfnl apply "$SIM_PF" num=3 drv=vfio vf2.lmem=2147483648 \
	vf3.ggtt=268435456 eq=20 pt=20000 > /tmp/rel_lc.apply 2>&1
  echo $? > /tmp/rel_lc.rc ) &
ap=$!
sleep 2
echo 1 > "$DEV/$SIM_PF/remove"
wait $ap
rc=$(cat /tmp/rel_lc.rc)
ack=$(tail -n 1 /tmp/rel_lc.apply | kv ack)
t_diag "sim PF removed 2 s into a slowed apply: $(head -n 1 /tmp/rel_lc.apply) $(tail -n 1 /tmp/rel_lc.apply) after $(since "$t0")s"
t_ok "sim: the apply answered (no hang)" test "$rc" != 137
case $ack in 0 | ENODEV | ENOENT) r=ok ;; *) r="ack $ack" ;; esac
t_eq "sim: the apply committed or failed with ENODEV/ENOENT" ok "$r"
t_ok "sim PF gone" wait_gone "$SIM_PF"
t_ok "sim PF rescanned, atsm_sim bound" rescan_pf "$SIM_PF" atsm_sim
sim_up >/dev/null
t_ok "sim: apply commits on the new device" vfnl apply "$SIM_PF" num=2
vfnl reset "$SIM_PF" >/dev/null

kill $monpid 2>/dev/null
wait $monpid 2>/dev/null
t_diag "total $(since "$T0")s"
t_ok "rmmod vfprov (no reference leaked)" rmmod vfprov
t_done
