#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vfctl export / assert on the simulated Flex PF ($SIM_PF): the exported
# config file and its JSON form apply as unchanged (same generation) and
# assert clean; a scheduling value written behind vfprov's back makes
# assert exit 11 naming the PF, VF, field, want and have; the orchestrator
# formats carry the VFs' real addresses, IDs and IOMMU groups from sysfs;
# a config file naming a PF by index or card is refused.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/cmd.sh"

T=/tmp/vfctl-export
DEV=/sys/bus/pci/devices
mkdir -p "$T"

. "${0%/*}/../lib/load.sh"

t_start "vfprov loaded, atsm_sim bound to $SIM_PF" sim_vfprov

gen_of() { # PF
	vfctl show "$1" --json 2>/dev/null |
		sed -n 's/.*"generation" *: *\([0-9]*\).*/\1/p' | head -1
}

run vfctl apply "$SIM_PF" --vfs 3 --vf 2:lmem=1G --exec-quantum 10 --preempt-timeout 20000
t_rc "setup: 3 VFs, VF 2 with 1 GiB" 0

run vfctl export "$SIM_PF"
t_rc "export PF: exit 0" 0
cp "$T/out" "$T/host.conf"
t_grep "export: the PF by its address" "^\[pf $SIM_PF\]$" "$T/host.conf"
t_grep "export: the VF count" "^vfs = 3$" "$T/host.conf"
t_grep "export: VF 2's LMEM, exact" "^vf.2.lmem = 1G$" "$T/host.conf"
t_grep "export: VF 3's scheduling" "^vf.3.exec_quantum_ms = 10$" "$T/host.conf"

gen=$(gen_of "$SIM_PF")
run sh -c "vfctl export $SIM_PF | vfctl apply -f -"
t_rc "export | apply -f -: exit 0" 0
t_grep "export | apply -f -: unchanged" "unchanged" "$T/out"
t_eq "export | apply -f -: the generation stays" "$gen" "$(gen_of "$SIM_PF")"

run sh -c "vfctl export --all | vfctl apply -f - --json"
t_rc "export --all | apply -f -: exit 0" 0
npf=$(grep -c '"address"' "$T/out")
t_eq "export --all | apply -f -: every PF unchanged (the pci backend too)" "$npf" \
	"$(grep -c '"status": "unchanged"' "$T/out")"
t_grep "export --all: the pci backend PF is in it" "$PCI_PF" "$T/out"
t_grep "export --all: a PF without a driver is left out, and said so" "left out (no driver bound)" "$T/err"

run vfctl assert -f "$T/host.conf"
t_rc "assert on the exported file: exit 0" 0
t_grep "assert: the host matches" "the host matches" "$T/out"

run vfctl export "$SIM_PF" --format json
cp "$T/out" "$T/host.json"
t_rc "export --format json: exit 0" 0
run vfctl apply -f "$T/host.json"
t_rc "apply -f of the JSON form: exit 0" 0
t_grep "apply -f of the JSON form: unchanged" "unchanged" "$T/out"
t_eq "JSON form: the generation stays" "$gen" "$(gen_of "$SIM_PF")"
run vfctl assert -f "$T/host.json"
t_rc "assert on the JSON form: exit 0" 0

# A hand-made change: VF 2's execution quantum written behind vfprov's back.
echo 25 > "$IOV/vf2/gt/exec_quantum_ms"
run vfctl assert -f "$T/host.conf"
t_rc "assert after a hand-made change: exit 11 (differs)" 11
if grep -Eq "^$SIM_PF +2 +exec_quantum_ms +10 +25$" "$T/out"; then
	t_pass "assert names PF, VF 2, exec_quantum_ms, want 10, have 25"
else
	t_fail "assert names PF, VF 2, exec_quantum_ms, want 10, have 25" "$(cat "$T/out")"
fi
run vfctl assert -f "$T/host.json" --json
t_rc "assert --json after the change: exit 11" 11
t_grep "assert --json: the difference" '"field": "exec_quantum_ms"' "$T/out"
run vfctl apply -f "$T/host.conf"
t_rc "apply -f puts the exported state back" 0
run vfctl assert -f "$T/host.conf"
t_rc "assert is clean again" 0

# The orchestrator formats carry what sysfs says of each VF.
vf1=$(basename "$(readlink "$DEV/$SIM_PF/virtfn0")")
grp=$(basename "$(readlink "$DEV/$vf1/iommu_group")")
ven=$(sed 's/^0x//' "$DEV/$vf1/vendor")
dev=$(sed 's/^0x//' "$DEV/$vf1/device")
run vfctl export "$SIM_PF" --format libvirt
t_rc "export --format libvirt: exit 0" 0
t_eq "libvirt: a hostdev per VF" 3 "$(grep -c '<hostdev mode="subsystem" type="pci" managed="yes">' "$T/out")"
fn=${vf1##*.}
t_grep "libvirt: VF 1's function" "function=\"0x$fn\"" "$T/out"
run vfctl export "$SIM_PF" --format proxmox --node pve1
t_rc "export --format proxmox: exit 0" 0
t_grep "proxmox: VF 1 with its IDs and IOMMU group" \
	"map id=$ven:$dev,iommugroup=$grp,node=pve1,path=$vf1" "$T/out"
run vfctl export "$SIM_PF" --format kubevirt
t_rc "export --format kubevirt: exit 0" 0
t_grep "kubevirt: the VFs' vendor:device" "\"pciVendorSelector\": \"$ven:$dev\"" "$T/out"
run vfctl export "$SIM_PF" --format nova
t_rc "export --format nova: exit 0" 0
t_grep "nova: device_spec of the PF with the VFs' product_id" \
	"\"product_id\": \"$dev\", \"address\": \"$SIM_PF\"" "$T/out"
run vfctl export "$SIM_PF" --format yaml
t_rc "export --format yaml: usage (2)" 2

# The libvirt hook: a domain that passes the PF itself through is refused
# while the PF has VFs; one with a VF starts; other operations pass.
dom_xml() { # PCI-ADDRESS
	_r=${1#*:}
	printf "<domain type='kvm'><name>g1</name><devices><hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x%s' bus='0x%s' slot='0x%s' function='0x%s'/></source></hostdev></devices></domain>\n" \
		"${1%%:*}" "${_r%%:*}" "$(echo "$_r" | cut -d: -f2 | cut -d. -f1)" "${1##*.}"
}
dom_xml "$SIM_PF" >"$T/pf.xml"
dom_xml "$vf1" >"$T/vf.xml"
run sh -c "vfctl hook g1 prepare begin - <$T/pf.xml"
t_rc "hook: a domain passing through the PF with 3 VFs: refused (1)" 1
t_grep "hook: the reason names the PF and its VFs" "passes through $SIM_PF, a PF with 3 VFs enabled" "$T/err"
run sh -c "vfctl hook g1 prepare begin - <$T/vf.xml"
t_rc "hook: a domain with a VF: allowed" 0
run sh -c "vfctl hook g1 release end - <$T/pf.xml"
t_rc "hook: other operations pass" 0

# hook --bind-vfio: the domain's VF goes to vfio-pci at prepare begin (for
# managed='no'); the PF is still refused and keeps its driver.
vf_drv() { _l=$(readlink "$DEV/$vf1/driver" 2>/dev/null); echo "${_l##*/}"; }
pf_drv=$(readlink "$DEV/$SIM_PF/driver")
t_diag "VF $vf1 driver before the hook: '$(vf_drv)'"
t_eq "hook without --bind-vfio leaves the VF's driver alone" "" "$(vf_drv | grep vfio-pci)"
run sh -c "vfctl hook --bind-vfio g1 prepare begin - <$T/vf.xml"
t_rc "hook --bind-vfio: a domain with a VF starts (0)" 0
t_eq "hook --bind-vfio: the VF is bound to vfio-pci" vfio-pci "$(vf_drv)"
t_eq "... through driver_override" vfio-pci "$(cat "$DEV/$vf1/driver_override")"
run sh -c "vfctl hook --bind-vfio g1 prepare begin - <$T/vf.xml"
t_rc "hook --bind-vfio again: already bound, starts (0)" 0
run sh -c "vfctl hook --bind-vfio g1 prepare begin - <$T/pf.xml"
t_rc "hook --bind-vfio: the PF with VFs is still refused (1)" 1
t_eq "... and keeps its driver" "$pf_drv" "$(readlink "$DEV/$SIM_PF/driver")"
run sh -c "vfctl hook --bind-vfio g1 stopped end - <$T/vf.xml"
t_rc "hook --bind-vfio: other operations pass" 0
echo > "$DEV/$vf1/driver_override"
echo "$vf1" > "$DEV/$vf1/driver/unbind"

# PFs by index or card are refused in files, with the reason.
printf '[pf 0]\nvfs = 1\n' >"$T/index.conf"
run vfctl apply -f "$T/index.conf"
t_rc "apply -f with [pf 0]: usage (2)" 2
t_grep "[pf 0]: indices shift, use the address" "indices and card numbers shift" "$T/err"
printf '[pf %s]\nlmem = 1GB\n' "$SIM_PF" >"$T/gb.conf"
run vfctl apply -f "$T/gb.conf"
t_rc "apply -f with lmem = 1GB: usage (2)" 2
t_grep "1GB: the hint" "GB is ambiguous: write G or GiB (binary)" "$T/err"

t_ok "vfctl reset" vfctl reset "$SIM_PF"
run sh -c "vfctl hook g1 prepare begin - <$T/pf.xml"
t_rc "hook: the PF without VFs may be passed through" 0
t_done
