#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Configuration that follows the hardware (docs/persistence.md), through
# `vfctl watch -f DIR`, which applies a PF's section of DIR/*.conf when
# vfprov's pf-ntf says the PF appeared or its driver bound: at start, after
# the PF driver is unbound and rebound, after a PCI remove and rescan the
# VF count and quotas come back; a PF that is there but not ready (no
# driver, a driver that offers no VFs) is exit 8 with the reason, and watch
# retries it. Also `apply -f DIR --pf ADDR` on its own (the udev unit's
# command): only that PF's section, nothing for a PF no file names.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/load.sh"

T=/tmp/vfctl-persist
ETC=$T/etc
LOG=$T/watch.log
DEV=/sys/bus/pci/devices
PF=$DEV/$SIM_PF
mkdir -p "$ETC"

t_start "vfprov loaded, atsm_sim bound to $SIM_PF" sim_vfprov

# VF 2 differs from the others: a quota that comes back is the file's,
# not the fair share of a fresh apply.
cat >"$ETC/flex.conf" <<EOF
[pf $SIM_PF]
vfs = 3
driver = none
lmem = 1G
vf.2.lmem = 2G
EOF
# another file in the directory, for a PF that is never there
printf '[pf 0000:7f:00.0]\nvfs = 1\n' >"$ETC/other.conf"

# run CMD...: stdout+stderr in $T/out, exit code in $rc
run() {
	"$@" >"$T/out" 2>&1
	rc=$?
}

# wait_for CMD...: poll CMD until it holds (bounded; TCG is slow)
wait_for() {
	_i=0
	while [ $_i -lt 60 ]; do
		"$@" && return 0
		sleep 1
		_i=$((_i + 1))
	done
	return 1
}

quotas() {
	_sim_paths
	echo "$(cat $PF/sriov_numvfs 2>/dev/null)" \
		"$(cat $IOV/vf1/gt/lmem_quota 2>/dev/null)" \
		"$(cat $IOV/vf2/gt/lmem_quota 2>/dev/null)" \
		"$(cat $IOV/vf3/gt/lmem_quota 2>/dev/null)"
}
WANT="3 1073741824 2147483648 1073741824"
configured() { [ "$(quotas)" = "$WANT" ]; }
logged() { grep -q "$1" "$LOG"; }
t_log() {
	if wait_for logged "$2"; then
		t_pass "$1"
	else
		t_fail "$1" "no '$2' in the watch log: $(tail -n 15 "$LOG" | tr '\n' '|')"
	fi
}
t_back() {
	if wait_for configured; then
		t_pass "$1"
	else
		t_fail "$1" "VFs and VF1..3 lmem: want '$WANT', got '$(quotas)'"
	fi
}

# ---- apply -f DIR --pf ADDR, the template unit's command
run vfctl apply -f "$ETC" --pf 0000:7e:00.0
t_eq "apply --pf of a PF no file names: exit 0" 0 "$rc"
t_ok "  and says there is nothing to apply" grep -q "no \[pf 0000:7e:00.0\] section" "$T/out"
run vfctl apply -f "$ETC" --pf 3
t_eq "apply --pf with an index: exit 2 (files name PFs by address)" 2 "$rc"
run vfctl apply --pf "$SIM_PF"
t_eq "apply --pf without -f/--boot: exit 2" 2 "$rc"
t_eq "nothing was applied by those" 0 "$(cat $PF/sriov_numvfs)"

# ---- watch: every section once at start
vfctl watch -f "$ETC" --retry-sec 1 --retries 2 >"$LOG" 2>&1 &
WPID=$!
t_back "watch applies the section at start: 3 VFs, VF2 lmem 2G, the others 1G"
t_log "  and logs it" "$SIM_PF: applied"
t_log "a configured PF that is not there: not ready, with the reason" \
	"not ready: vfprov does not list PF 0000:7f:00.0"
t_log "  retried --retries times" "0000:7f:00.0: not ready (exit 8): retry 2/2"
t_log "  then left until its next event" \
	"0000:7f:00.0: failed (exit 8): not retried until its next event"

# ---- driver unbind and rebind
echo "$SIM_PF" >"$PF/driver/unbind"
t_eq "unbind: the driver took the VFs with it" 0 "$(cat $PF/sriov_numvfs)"
t_log "watch logs the unbind" "$SIM_PF: driver unbound"
run vfctl apply -f "$ETC" --pf "$SIM_PF"
t_eq "apply --pf of the unbound PF: exit 8 (not ready)" 8 "$rc"
t_ok "  with the reason: no driver bound" grep -q "not ready: PF $SIM_PF has no driver bound" "$T/out"
echo "$SIM_PF" >/sys/bus/pci/drivers_probe
t_back "rebind: the configuration comes back (VF count and quotas)"
t_log "  watch logged the bind" "$SIM_PF: driver bound"

# ---- PCI remove and rescan: a new device at the same address
echo 1 >"$PF/remove"
t_ok "PCI remove: the PF is gone" wait_for test ! -e "$PF"
t_log "watch logs the removal" "$SIM_PF: removed"
# The new device has no driver_override: the emulated NVMe's own driver
# takes it (pci_bus_add_device probes whatever drivers_autoprobe says).
# vfprov has no backend for nvme quotas outside pci_allow: that apply is
# refused and changes nothing; handing the PF to atsm_sim applies it.
echo 1 >/sys/bus/pci/rescan
t_ok "rescan: the PF is back" wait_for test -e "$PF"
t_log "watch applies when it appears" "$SIM_PF: appeared"
wait_for test -e "$PF/driver"
t_eq "the NVMe driver took it: no VFs" 0 "$(cat $PF/sriov_numvfs)"
sleep 2
t_diag "while nvme held it: $(grep -A 8 "$SIM_PF: appeared" "$LOG" | tr '\n' '|')"
[ -e "$PF/driver" ] && echo "$SIM_PF" >"$PF/driver/unbind"
echo atsm_sim >"$PF/driver_override"
echo 0 >"$PF/sriov_drivers_autoprobe"
echo "$SIM_PF" >/sys/bus/pci/drivers_probe
t_back "atsm_sim bound to the rescanned PF: the configuration comes back"

# ---- a driver that offers no VFs (i915 without max_vfs)
echo "$SIM_PF" >"$PF/driver/unbind"
rmmod atsm_sim
: >"$LOG.mark"
sim_insmod max_vfs=0
echo "$SIM_PF" >/sys/bus/pci/drivers_probe
t_ok "atsm_sim max_vfs=0 bound (SR-IOV not possible)" test -e "$PF/driver"
run vfctl apply -f "$ETC" --pf "$SIM_PF"
t_eq "apply --pf: exit 8 (not ready)" 8 "$rc"
t_ok "  with the reason: the driver offers no VFs" \
	grep -q "not ready: PF $SIM_PF: driver atsm_sim offers no VFs" "$T/out"
t_log "watch states the same reason" "PF $SIM_PF: driver atsm_sim offers no VFs"
t_eq "and nothing was enabled" 0 "$(cat $PF/sriov_numvfs)"

kill -TERM "$WPID"
wait "$WPID"
t_eq "watch stops on SIGTERM with exit 0" 0 "$?"
t_ok "  and says so" grep -q "vfctl watch: stopped" "$LOG"
t_diag "watch log (tail): $(tail -n 8 "$LOG" | tr '\n' '|')"

# ---- the test can fail: a watch not running restores nothing
echo "$SIM_PF" >"$PF/driver/unbind"
rmmod atsm_sim
sim_up
t_eq "without watch a rebind leaves the PF at 0 VFs" 0 "$(cat $PF/sriov_numvfs)"

# ---- apply --pf --wait-ready (the template unit): waits for the driver
echo "$SIM_PF" >"$PF/driver/unbind"
(sleep 3; echo "$SIM_PF" >/sys/bus/pci/drivers_probe) &
run vfctl apply -f "$ETC" --pf "$SIM_PF" --wait-ready 120
t_eq "apply --pf --wait-ready on an unbound PF, bound 3 s later: exit 0" 0 "$rc"
t_ok "  it said why it waited" grep -q "not ready: PF $SIM_PF has no driver bound (yet) (waiting)" "$T/out"
t_ok "  and when the PF was ready" grep -q "$SIM_PF is ready now" "$T/out"
t_back "  and applied the section"
wait

sim_down
t_done
