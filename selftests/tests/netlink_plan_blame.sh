#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# An unprivileged PLAN the core refuses for a reason it blames on
# VFPROV_A_FLAGS (a DEGRADED PF, a VF in use by a guest) answers with a
# clean error whose extack points into the request (the same attribute an
# APPLY without flags is blamed on), never at PLAN's attribute table's end:
# PLAN's policy ends below VFPROV_A_FLAGS, and indexing info->attrs with it
# read past the array (KASAN slab-out-of-bounds; a stray pointer tripped
# netlink_ack's WARN, which the runner's kernel log scan fails on).
# vfnl --residue leaves 0x41 in freed kmalloc-128 objects, so the read finds
# garbage; Debian kernels zero every allocation (init_on_alloc=1), so
# before the fix this fails only with VFPROV_VM_APPEND=init_on_alloc=0 or
# on the debug kernel (KASAN).
. "${0%/*}/../lib/rel.sh"

grep -q '^nobody:' /etc/passwd 2>/dev/null ||
	echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >>/etc/passwd

# as_nobody CMD...: run CMD as user nobody (no capabilities)
as_nobody() {
	su -s /bin/sh nobody -c "$*" 2>&1
}

t_start "atsm_sim bound to $SIM_PF" sim_up
t_start "vfprov loaded with fault_inject=1" reload_vfprov fault_inject=1

# A degraded PF: every write from the 3rd on fails, the undo's too.
setup "$SIM_PF" num=2 >/dev/null
fi_set match ""
fi_set errno 5
fi_set times 0
fi_set nth 3
out=$(vfnl apply "$SIM_PF" num=4)
fi_set nth 0
fi_set times 1
t_eq "the PF is degraded" degraded "$(echo "$out" | kv result)"
root=$(vfnl apply "$SIM_PF" num=3)
t_eq "root APPLY on the degraded PF: EIO" EIO "$(echo "$root" | kv ack)"
for i in 1 2 3 4 5 6 7 8; do
	out=$(as_nobody vfnl plan "$SIM_PF" --residue num=3)
	t_eq "unprivileged PLAN on the degraded PF ($i): EIO" EIO \
		"$(echo "$out" | kv ack)"
	t_eq "  ...blames the attribute APPLY is blamed on" \
		"$(echo "$root" | kv bad_off)" "$(echo "$out" | kv bad_off)"
done
t_ok "  ...with an extack message" sh -c "echo '$out' | grep -q 'extack=\"[^\"]'"
t_ok "reset recovers" vfnl reset "$SIM_PF"

# A VF of the pci PF held through VFIO, as a VMM holds it.
setup "$PCI_PF" num=2 drv=vfio >/dev/null
vf1=$(basename "$(readlink "$DEV/$PCI_PF/virtfn0")")
hold_vf "$vf1" 8 /tmp/hold.out
t_ok "VF 1 opened through VFIO" grep -q held /tmp/hold.out
root=$(vfnl apply "$PCI_PF" num=3 drv=vfio)
t_eq "root APPLY resizing the held VF: EBUSY" EBUSY "$(echo "$root" | kv ack)"
for i in 1 2 3 4 5 6 7 8; do
	out=$(as_nobody vfnl plan "$PCI_PF" --residue num=3 drv=vfio)
	t_eq "unprivileged PLAN resizing the held VF ($i): EBUSY" EBUSY \
		"$(echo "$out" | kv ack)"
	t_eq "  ...blames the attribute APPLY is blamed on" \
		"$(echo "$root" | kv bad_off)" "$(echo "$out" | kv bad_off)"
done
kill "$hold" 2>/dev/null
wait "$hold" 2>/dev/null
t_ok "reset the pci PF" vfnl reset "$PCI_PF"
vfnl reset "$SIM_PF" >/dev/null
t_ok "rmmod vfprov" rmmod vfprov
t_done
