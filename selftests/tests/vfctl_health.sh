#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Health in vfctl (issue 21): thresholds and policies set through vfctl's
# keys (--vf K:threshold.*, --set sample_period_ms=, engine_reset=) read
# back by show and export, and export | apply is a no-op; an adverse
# event injected into the simulated GuC reaches `vfctl monitor` (text and
# --json, parsed by python) as a vf-adverse event naming the VF, the kind
# with its total and the process holding the VF through VFIO (pid, comm);
# show's HEALTH column and show --json count it. On the LTS personality
# sched_priority is "not supported by this driver version" (exit 5) and
# nothing is sent.
. "${0%/*}/../lib/core.sh"
. "${0%/*}/../lib/ynl.sh"

O=/tmp/vfctl-health
t_start "the host's /usr over 9p (python3)" ynl_setup
t_start "atsm_sim (lts) bound to $SIM_PF, vfprov loaded" sim_vfprov
vfctl reset "$SIM_PF" --force >/dev/null 2>&1

out=$(vfctl apply "$SIM_PF" --vfs 2 --driver vfio-pci --set sample_period_ms=1000 \
	--set engine_reset=1 --vf 1:threshold.page_fault_count=5,threshold.cat_error_count=2 2>&1)
t_eq "apply with thresholds and policies: exit 0 ($out)" 0 $?
t_eq "  ...the driver's vf1 threshold/page_fault_count" 5 \
	"$(cat "$IOV/vf1/gt/threshold/page_fault_count")"
t_eq "  ...the driver's policies/sample_period_ms" 1000 \
	"$(cat "$IOV/pf/gt/policies/sample_period_ms")"
show=$(vfctl show "$SIM_PF")
t_ok "show: PF policies line" sh -c "echo '$show' | grep -q 'PF policies: engine_reset 1, sample_period_ms 1000'"
t_ok "show: VF 1 thresholds line" sh -c "echo '$show' | grep -q 'VF 1 thresholds:.* page_fault_count 5'"
t_ok "show: caps thresholds policies" sh -c "echo '$show' | grep -q 'caps: thresholds policies'"
vfctl export "$SIM_PF" > $O.conf
t_ok "export has vf.1.threshold.page_fault_count = 5" grep -q '^vf.1.threshold.page_fault_count = 5$' $O.conf
t_ok "export has sample_period_ms = 1000" grep -q '^sample_period_ms = 1000$' $O.conf
gen=$(vfctl show "$SIM_PF" --json | sed -n 's/.*"generation": \([0-9]*\).*/\1/p' | head -n 1)
out=$(vfctl apply -f $O.conf 2>&1)
t_eq "export | apply: exit 0" 0 $?
t_eq "  ...no generation bump" "$gen" \
	"$(vfctl show "$SIM_PF" --json | sed -n 's/.*"generation": \([0-9]*\).*/\1/p' | head -n 1)"
t_ok "export | assert: no differences" vfctl assert -f $O.conf
sed 's/^vf.1.threshold.page_fault_count = 5$/vf.1.threshold.page_fault_count = 6/' $O.conf > $O.diff
out=$(vfctl assert -f $O.diff 2>&1)
t_eq "assert of a changed threshold: exit 11" 11 $?
t_ok "  ...names threshold.page_fault_count ($out)" sh -c "echo '$out' | grep -q 'threshold.page_fault_count'"

vfctl apply "$SIM_PF" --vfs 2 --driver vfio-pci --set sched_priority=high > $O.prio 2>&1
t_eq "sched_priority on lts: exit 5" 5 $?
t_ok "  ...not supported by this driver version" \
	grep -q 'sched_priority: not supported by this driver version' $O.prio

vf1=$(basename "$(readlink "$DEV/$SIM_PF/virtfn0")")
hold_vf "$vf1" 60 $O.hold
t_ok "VF 1 ($vf1) held through VFIO by pid $hold" grep -q held $O.hold

vfctl monitor > $O.txt 2>/dev/null &
m1=$!
vfctl monitor --json > $O.json 2>/dev/null &
m2=$!
sleep 1
t_ok "inject 10 page faults on VF 1" sh -c "echo '1 page_fault_count 10' > $DBG/inject_adverse"
i=0
while ! grep -q vf-adverse $O.json && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
sleep 0.5
kill $m1 $m2
wait $m1 $m2 2>/dev/null
line=$(grep vf-adverse $O.txt | head -n 1)
t_ok "monitor: a vf-adverse line for VF 1 ($line)" \
	sh -c "echo '$line' | grep -q 'vf-adverse $SIM_PF vf=1 pci=$vf1'"
t_ok "  ...with the kind and its total" sh -c "echo '$line' | grep -q 'adverse=page-fault:1'"
t_ok "  ...and the holder vfio_hold[$hold]" sh -c "echo '$line' | grep -q 'holder=\"vfio_hold\[$hold\]\"'"
grep vf-adverse $O.json | head -n 1 > $O.one
t_eq "monitor --json: event, PF, VF, page-fault total, holder pid and comm" \
	"vf-adverse $SIM_PF 1 $vf1 1 $hold vfio_hold" \
	"$(jq_py $O.one 'r["event"]' 'r["address"]' 'r["vf"]' 'r["pci_address"]' \
	   'r["adverse"]["page-fault"]' 'r["holder"]["pid"]' 'r["holder"]["comm"]' | tr '\n' ' ' | sed 's/ $//')"
show=$(vfctl show "$SIM_PF")
t_ok "show: HEALTH of VF 1 counts the page fault" \
	sh -c "echo '$show' | grep -q '^1 .* page-fault=1$'"
t_ok "show: VF 2 healthy" sh -c "echo '$show' | grep -q '^2 .* ok$'"
vfctl show "$SIM_PF" --json | tr -d '\n' > $O.show
t_eq "show --json: VF 1 adverse page-fault 1, caps list thresholds" "1 True" \
	"$(jq_py $O.show '[v for v in r["pf"]["vfs"] if v["id"] == 1][0]["adverse"]["page-fault"]' \
	   '"thresholds" in r["pf"]["caps"]' | tr '\n' ' ' | sed 's/ $//')"
kill $hold 2>/dev/null
wait $hold 2>/dev/null
vfctl reset "$SIM_PF" --force >/dev/null 2>&1
t_done
