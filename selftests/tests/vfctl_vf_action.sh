#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# `vfctl vf ACTION PF:VF` (issue 21): pause, resume, stop, clear and flr
# wait for their transaction and print the VF's new state, which `vfctl
# show --json` reports too; the refusals say why and how to go on, with
# the documented exit codes: a bad action or target (2), an unprivileged
# user (4), a transaction running on the PF (5, "wait for it"), an action
# the backend lacks (5, "not supported by this driver version") and a VF a
# process holds through VFIO (5, naming it: "guest vfio_hold pid N holds
# it", then --force goes through). A VF that is not enabled and the
# driver's own refusal are rejections (5) too.
. "${0%/*}/../lib/core.sh"

grep -q '^nobody:' /etc/passwd 2>/dev/null ||
	echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >>/etc/passwd
O=/tmp/vfctl-vfa

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov
vfctl reset "$SIM_PF" --force >/dev/null 2>&1
t_ok "apply --vfs 2" vfctl apply "$SIM_PF" --vfs 2 --driver none

# has RE: the last command's output ($out) matches RE (grep, through a file:
# the messages hold quotes)
has() {
	printf '%s\n' "$out" > $O.out
	grep -q "$1" $O.out
}

# vstate K: VF K's run state from show --json
vstate() {
	vfctl show "$SIM_PF" --json | tr -d '\n ' |
		sed 's/"id":/\n/g' | sed -n "s/^$1,.*\"state\":\"\([a-z]*\)\".*/\1/p" | head -n 1
}

out=$(vfctl vf pause "$SIM_PF:1" 2>&1)
t_eq "vf pause: exit 0" 0 $?
t_ok "  ...prints the VF and its new state ($out)" \
	has "^$SIM_PF VF 1 (.*): paused, state paused$"
t_eq "  ...show --json: VF 1 paused" paused "$(vstate 1)"
t_eq "  ...show --json: VF 2 still running" running "$(vstate 2)"
t_ok "  ...show's table has the STATE column" \
	sh -c "vfctl show $SIM_PF | grep -q '^1 .* paused '"
out=$(vfctl vf resume "$SIM_PF:1" 2>&1)
t_eq "vf resume: exit 0, running" "0 running" "$? $(vstate 1)"
out=$(vfctl vf pause "$SIM_PF:1" 2>&1)
out=$(vfctl vf pause "$SIM_PF:1" 2>&1)
rc=$?
t_eq "pause of a paused VF: the driver's refusal, nothing changed (5)" 5 "$rc"
t_ok "  ...names the step action" has "failed step: action"
t_ok "vf stop" vfctl vf stop "$SIM_PF:1"
t_eq "  ...stopped" stopped "$(vstate 1)"
out=$(vfctl vf flr "$SIM_PF:1" 2>&1)
t_eq "vf flr: exit 0" 0 $?
t_ok "  ...prints reset (FLR), state running" \
	has "reset (FLR), state running"
t_ok "vf clear VF 2" vfctl vf clear "$SIM_PF:2"
out=$(vfctl --json vf pause "$SIM_PF:2")
t_eq "vf --json pause: exit 0" 0 $?
t_ok "  ...JSON says vf_state paused" has "\"vf_state\": \"paused\""
vfctl vf resume "$SIM_PF:2" >/dev/null

out=$(vfctl vf reboot "$SIM_PF:1" 2>&1)
t_eq "an unknown action: exit 2" 2 $?
t_ok "  ...lists the actions" has "stop, pause, resume, clear, flr"
out=$(vfctl vf pause "$SIM_PF" 2>&1)
t_eq "a PF without :VF: exit 2" 2 $?
vfctl vf pause "$SIM_PF:0" >/dev/null 2>&1
t_eq "VF 0: exit 2" 2 $?
out=$(su -s /bin/sh nobody -c "/usr/sbin/vfctl vf pause $SIM_PF:1" 2>&1)
t_eq "unprivileged: exit 4" 4 $?
t_eq "  ...VF 1 untouched" running "$(vstate 1)"
out=$(vfctl vf pause "$SIM_PF:5" 2>&1)
t_eq "a VF that is not enabled: exit 5" 5 $?
t_ok "  ...says so ($out)" has "VF 5: not enabled"

# a slowed apply holds the PF: the action is refused at once
echo 3000 > "$DBG/configure_delay_ms"
vfctl apply "$SIM_PF" --vfs 3 --driver none > $O.apply 2>&1 &
ap=$!
i=0
while ! vfctl show "$SIM_PF" | grep -q 'running: transaction' && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
out=$(vfctl vf pause "$SIM_PF:1" 2>&1)
rc=$?
echo 0 > "$DBG/configure_delay_ms"
wait $ap
t_eq "vf while a transaction runs: exit 5" 5 "$rc"
t_ok "  ...says wait for it ($out)" has "a transaction is running on PF $SIM_PF: wait for it (vfctl show $SIM_PF)"

# the pci backend: FLR only; a held VF needs --force
vfctl reset "$PCI_PF" --force >/dev/null 2>&1
t_ok "pci PF: apply --vfs 2 --driver vfio-pci" vfctl apply "$PCI_PF" --vfs 2 --driver vfio-pci
out=$(vfctl vf pause "$PCI_PF:1" 2>&1)
t_eq "pause on the pci backend: exit 5" 5 $?
t_ok "  ...not supported by this driver version" \
	has "pause is not supported by this driver version"
vf1=$(basename "$(readlink "$DEV/$PCI_PF/virtfn0")")
hold_vf "$vf1" 30 $O.hold
t_ok "VF 1 of the pci PF held through VFIO" grep -q held $O.hold
out=$(vfctl vf flr "$PCI_PF:1" 2>&1)
t_eq "flr of the held VF: exit 5" 5 $?
t_ok "  ...names the holder: guest vfio_hold pid $hold holds it ($out)" \
	has "guest vfio_hold pid $hold holds it: stop the guest, or use --force"
out=$(vfctl vf flr "$PCI_PF:1" --force 2>&1)
t_eq "flr --force: exit 0" 0 $?
t_ok "  ...the holder still has it" kill -0 $hold
kill $hold 2>/dev/null
wait $hold 2>/dev/null
vfctl reset "$PCI_PF" --force >/dev/null 2>&1
vfctl reset "$SIM_PF" --force >/dev/null 2>&1
t_done
