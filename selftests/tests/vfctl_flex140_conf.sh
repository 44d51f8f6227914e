#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A Flex 140 card (two PFs, one GPU each: atsm_sim variant=flex140 bound to
# SIM_PF and SIM_PF2) provisioned from one vfctl config file, as a user of
# the card writes it: one [pf ...] section per GPU, XPU Manager's profile
# rows (flex140-3 on GPU 0, flex140-6 and vfio-pci on GPU 1). `vfctl apply
# -f` commits both, each GPU holds exactly its row's quotas and the
# flexible_30fps scheduling for its VF count; a reset of each GPU then
# leaves both pristine.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/core.sh"

T=/tmp/vfctl-flex140
mkdir -p "$T"
PF2=$DEV/$SIM_PF2
if ! sim_up variant=flex140; then
	t_fail "atsm_sim variant=flex140 bound to $SIM_PF"
	t_done
fi
echo atsm_sim > "$PF2/driver_override"
echo 0 > "$PF2/sriov_drivers_autoprobe"
echo "$SIM_PF2" > /sys/bus/pci/drivers_probe
IOV2=$(echo "$PF2"/drm/card*/prelim_iov)
t_ok "GPU 1 ($SIM_PF2) bound, its own single-gt card" \
	test -d "$IOV2/pf/gt" -a "$IOV2" != "$IOV"
load_vfprov

cat > "$T/card.conf" <<EOF
# Flex 140: both GPUs of one card
[pf $SIM_PF]
profile = flex140
vfs = 3
driver = none

[pf $SIM_PF2]
profile = flex140
vfs = 6
driver = vfio-pci
EOF

vfctl apply -f "$T/card.conf" > "$T/out" 2>&1
rc=$?
t_eq "vfctl apply -f: exit 0" 0 $rc
[ $rc = 0 ] || t_diag "$(head -c 800 "$T/out")"

# gpu IOV PF N LMEM GGTT DB EQ PT: every VF of the GPU holds the row
gpu() {
	_iov=$1 _pf=$2 _n=$3
	shift 3
	_want="$_n $1 $2 1024 $3 $4 $5 20 20000"
	_bad=
	_k=1
	while [ "$_k" -le "$_n" ]; do
		_g=$_iov/vf$_k/gt
		_got="$(cat "$DEV/$_pf/sriov_numvfs") $(cat "$_g/lmem_quota" \
			"$_g/ggtt_quota" "$_g/contexts_quota" "$_g/doorbells_quota" \
			"$_g/exec_quantum_ms" "$_g/preempt_timeout_us" \
			"$_iov/pf/gt/exec_quantum_ms" "$_iov/pf/gt/preempt_timeout_us" |
			tr '\n' ' ')"
		[ "${_got% }" = "$_want" ] || _bad="$_bad vf$_k: $_got"
		_k=$((_k + 1))
	done
	echo "${_bad# }"
}
# flex140-3: 1920 MiB LMEM, 1280 MiB GGTT, 80 doorbells; EQ 32/3, PT 64000/3
t_eq "GPU 0: 3 VFs with the flex140-3 row and flexible_30fps" "" \
	"$(gpu "$IOV" "$SIM_PF" 3 2013265920 1342177280 80 10 21333)"
# flex140-6: 960 MiB, 640 MiB, 40 doorbells; EQ 32/6, PT max(64000/6, 16000)
t_eq "GPU 1: 6 VFs with the flex140-6 row and flexible_30fps" "" \
	"$(gpu "$IOV2" "$SIM_PF2" 6 1006632960 671088640 40 5 16000)"
t_eq "GPU 0: VFs unbound" "- - -" "$(vf_drivers "$SIM_PF")"
t_eq "GPU 1: VFs on vfio-pci" "vfio-pci vfio-pci vfio-pci vfio-pci vfio-pci vfio-pci" \
	"$(vf_drivers "$SIM_PF2")"
t_eq "GPU 0: committed" committed "$(vfnl pf-get "$SIM_PF" | kv last_result)"
t_eq "GPU 1: committed" committed "$(vfnl pf-get "$SIM_PF2" | kv last_result)"
t_eq "GPU 0's pool paid only for its own 3 VFs and their LMTTs" \
	$(((6144 - 128) * 1048576 - 65536 - 3 * (2013265920 + 262144))) \
	"$(cat "$IOV/pf/gt/available/lmem_free")"

t_ok "vfctl reset GPU 0" vfctl reset "$SIM_PF"
t_ok "vfctl reset GPU 1" vfctl reset "$SIM_PF2"
# pristine ADDR IOV: 0 VFs, auto_provisioning on, VF 1 empty
pristine() {
	echo $(cat "$DEV/$1/sriov_numvfs" "$2/pf/auto_provisioning" \
		"$2/vf1/gt/lmem_quota" "$2/vf1/gt/ggtt_quota")
}
t_eq "GPU 0 after reset: 0 VFs, auto_provisioning on, VF 1 empty" "0 1 0 0" \
	"$(pristine "$SIM_PF" "$IOV")"
t_eq "GPU 1 after reset: 0 VFs, auto_provisioning on, VF 1 empty" "0 1 0 0" \
	"$(pristine "$SIM_PF2" "$IOV2")"
t_eq "GPU 0: all its LMEM free again" $(((6144 - 128) * 1048576 - 65536)) \
	"$(cat "$IOV/pf/gt/available/lmem_free")"

rmmod vfprov
echo "$SIM_PF2" > "$PF2/driver/unbind"
echo flex140-gpu1 > "$PF2/driver_override"
sim_down
t_done
