#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# configfs: directories pin vfprov.ko (rmmod refused while any exists,
# clean once they are gone), rmdir leaves committed VFs alone, and a PF
# removed from the bus (hot unplug) while its directory exists reads
# "gone" and refuses commits with ENODEV.
. "${0%/*}/../lib/cfs.sh"

t_start "atsm_sim bound, vfprov loaded" cfs_setup

loaded() { grep -q '^vfprov ' /proc/modules; }

# --- module unload with directories present -------------------------------
mkdir "$P" "$P/vf1"
echo 2 > "$P/num_vfs"
cfs_do "commit 2 VFs" "$P" commit
if rmmod vfprov 2>/dev/null; then
	t_fail "rmmod refused while $P/vf1 exists"
else
	t_pass "rmmod refused while $P/vf1 exists"
fi
t_ok "module still loaded" loaded
t_ok "directory still usable" grep -q '^state: idle' "$P/status"
rmdir "$P/vf1"
if rmmod vfprov 2>/dev/null; then
	t_fail "rmmod refused while $P exists"
else
	t_pass "rmmod refused while $P exists"
fi
t_ok "refcount in /proc/modules counts the directory" \
	sh -c "awk '\$1 == \"vfprov\" { exit !(\$3 >= 1) }' /proc/modules"
t_eq "rmdir PF" "" "$(rmdir_err "$P")"
t_ok "rmmod works once the directories are gone" rmmod vfprov
t_ok "configfs subsystem gone" test ! -e "$C"
t_eq "committed VFs stay after rmdir + rmmod" 2 "$(cat "$PF/sriov_numvfs")"
echo 0 > "$PF/sriov_numvfs"

t_ok "insmod again" vfprov_insmod
t_eq "mkdir after reload" "" "$(mkdir_err "$P")"
t_eq "two PF directories" "" "$(mkdir_err "$C/$PCI_PF")"
rmmod vfprov 2>/dev/null
t_ok "rmmod refused with two PF directories" loaded
rmdir "$P"
rmmod vfprov 2>/dev/null
t_ok "rmmod refused with one left" loaded
rmdir "$C/$PCI_PF"
t_ok "rmmod clean" rmmod vfprov

# --- PF hot unplug while its directory exists -----------------------------
vfprov_insmod
Q=$C/$PCI_PF
QPF=/sys/bus/pci/devices/$PCI_PF
t_eq "mkdir $PCI_PF" "" "$(mkdir_err "$Q")"
echo 1 > "$Q/num_vfs"
cfs_do "commit 1 VF on $PCI_PF" "$Q" commit
# nvme's remove leaves SR-IOV enabled (pci_sriov_configure_simple has no
# teardown), and the PCI core then keeps the orphaned VFs on the bus: the
# rescan below would re-add 0000:02:00.1 and hit BUG() in pci/iov.c. A GPU
# PF driver disables its VFs on remove; do what it would do.
echo 0 > "$QPF/sriov_numvfs"
echo 1 > "$QPF/remove"
t_ok "$PCI_PF removed from the bus" test ! -e "$QPF"
t_ok "status says gone" grep -q '^state: gone' "$Q/status"
t_ok "last_error says the PF was removed (the core's event)" \
	grep -q "$PCI_PF was removed from the bus" "$Q/last_error"
t_diag "status: $(tr '\n' ' ' < "$Q/status")"
t_err "commit on a removed PF: ENODEV" ENODEV "$Q/commit" 1
t_diag "last_error: $(cat "$Q/last_error")"
t_ok "last_error says ENODEV" grep -q -- "-ENODEV" "$Q/last_error"
t_ok "staged edits still allowed (only staging)" sysw "$Q/num_vfs" 2
t_ok "applied says gone" grep -q '^gone' "$Q/applied"
t_eq "mkdir of the removed address: EEXIST (directory kept)" EEXIST "$(mkdir_err "$Q")"
t_eq "rmdir the stale directory" "" "$(rmdir_err "$Q")"
t_eq "mkdir of the removed address now: ENODEV" ENODEV "$(mkdir_err "$Q")"
echo 1 > /sys/bus/pci/rescan
if wait_for test -e "$QPF"; then
	t_pass "$PCI_PF back after rescan"
else
	t_fail "$PCI_PF back after rescan"
fi
echo 0 > "$QPF/sriov_drivers_autoprobe" 2>/dev/null
t_eq "mkdir of the re-added PF" "" "$(mkdir_err "$Q")"
t_ok "status of the re-added PF is not gone" sh -c "! grep -q '^state: gone' '$Q/status'"
echo 0 > "$Q/num_vfs"
cfs_do "commit 0 VFs on the re-added PF" "$Q" commit
rmdir "$Q"

cfs_teardown
t_ok "vfprov unloaded at the end" sh -c "! grep -q '^vfprov ' /proc/modules"
t_done
