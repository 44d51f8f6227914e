#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# hand.sh PF N LMEM GGTT CONTEXTS DOORBELLS EQ PT PF_EQ PF_PT
#
# The hand procedure as a script: the sysfs writes of the Flex SR-IOV guide
# in the order Intel's XPU Manager issues them (vgpu_manager.cpp: autoprobe
# off, per VF quotas, scheduling, sriov_numvfs), then what the guide does by
# hand to give the VFs to VMs: driver_override + drivers_probe per VF.
# One `echo > file` per attribute, as an admin's script does; no `cat`
# checks, no rollback (the point of vfprov). Same end state as
#   vfctl apply PF --vfs N --lmem LMEM --ggtt GGTT --contexts CONTEXTS \
#     --doorbells DOORBELLS --exec-quantum EQ --preempt-timeout PT \
#     --set pf.exec_quantum_ms=PF_EQ --set pf.preempt_timeout_us=PF_PT \
#     --driver vfio-pci
# Quota order per VF is vfprov's (ggtt, lmem, contexts, doorbells), so the
# allocations land in the same places and the end states can be compared.
# Stops at the first failing write (set -e), like a careful script would.
set -e

PF=$1 N=$2 LMEM=$3 GGTT=$4 CTX=$5 DB=$6 EQ=$7 PT=$8 PF_EQ=$9 PF_PT=${10}
DEV=/sys/bus/pci/devices/$PF
# /sys/class/drm/cardN/iov on a real card; atsm_sim has no drm class entry.
IOV=$(echo "$DEV"/drm/card*/iov)

echo 0 > "$DEV/sriov_drivers_autoprobe"

k=1
while [ "$k" -le "$N" ]; do
	echo "$GGTT" > "$IOV/vf$k/gt/ggtt_quota"
	echo "$LMEM" > "$IOV/vf$k/gt/lmem_quota"
	echo "$CTX" > "$IOV/vf$k/gt/contexts_quota"
	echo "$DB" > "$IOV/vf$k/gt/doorbells_quota"
	k=$((k + 1))
done

echo "$PF_EQ" > "$IOV/pf/gt/exec_quantum_ms"
echo "$PF_PT" > "$IOV/pf/gt/preempt_timeout_us"
k=1
while [ "$k" -le "$N" ]; do
	echo "$EQ" > "$IOV/vf$k/gt/exec_quantum_ms"
	echo "$PT" > "$IOV/vf$k/gt/preempt_timeout_us"
	k=$((k + 1))
done

echo "$N" > "$DEV/sriov_numvfs"

k=0
while [ "$k" -lt "$N" ]; do
	vf=$(readlink "$DEV/virtfn$k")
	vf=${vf##*/}
	echo vfio-pci > "/sys/bus/pci/devices/$vf/driver_override"
	echo "$vf" > /sys/bus/pci/drivers_probe
	k=$((k + 1))
done
