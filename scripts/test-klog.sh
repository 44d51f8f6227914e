#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test-klog.sh: the guest runner's verdicts, checked on the host with canned
# input. selftests/lib/klog.sh must find every kind of kernel complaint and
# nothing in a clean boot log; tap-summary.awk must fail a skipped case and
# a program the runner marked "# RUNNER-FAIL". Framed TAP for unit.sh.
set -uo pipefail
cd "$(dirname "$0")/.."
. selftests/lib/klog.sh

. scripts/lib/tap.sh
tap_begin klog_scanner

# One line of each complaint, as the kernel prints it (6.1 wording).
while IFS= read -r line; do
	printf '[  612.000000] %s\n' "$line" > "$T/log"
	if klog_scan "$T/log" >/dev/null; then
		nok "complaint found: $line"
	else
		ok "complaint found: $line"
	fi
done <<'EOL'
WARNING: CPU: 1 PID: 4242 at fs/proc/generic.c:400 proc_register+0x10e/0x1a0
proc_dir_entry '01/00.1' already registered
BUG: kernel NULL pointer dereference, address: 0000000000000008
kernel BUG at drivers/pci/iov.c:334!
general protection fault, probably for non-canonical address 0xdead000000000100: 0000 [#1] PREEMPT SMP
Oops: 0000 [#1] PREEMPT SMP NOPTI
Call Trace:
------------[ cut here ]------------
WARNING: possible circular locking dependency detected
WARNING: possible recursive locking detected
WARNING: inconsistent lock state
WARNING: suspicious RCU usage
BUG: sleeping function called from invalid context at kernel/locking/mutex.c:580
BUG: KASAN: slab-out-of-bounds in vfprov_set_extack+0x44/0x90 [vfprov]
UBSAN: array-index-out-of-bounds in kmod/netlink.c:120:14
kmemleak: 3 new suspected memory leaks (see /sys/kernel/debug/kmemleak)
refcount_t: underflow; use-after-free.
list_add corruption. prev->next should be next (ffff888003a1c0e0), but was 0000000000000000.
list_del corruption, ffff888003a1c0e0->next is LIST_POISON1 (dead000000000100)
INFO: task vfnl:812 blocked for more than 120 seconds.
rcu: INFO: rcu_preempt self-detected stall on CPU
rcu: INFO: rcu_sched detected stalls on CPUs/tasks:
watchdog: BUG: soft lockup - CPU#0 stuck for 26s! [vfnl:1234]
sysfs: cannot create duplicate filename '/devices/pci0000:00/0000:00:02.0/0000:01:00.1'
the PF has a VF in use by a guest (VF 3 bound to vfio-ptruncated extack: the PF has a VF in use by a guest (VF 3 bound to vfio-pci, h
atsm_sim: BUG: 2 kobjects not released
Kernel panic - not syncing: Fatal exception
kernel read not supported for file /bus/pci/devices/0000:01:00.0/sriov_numvfs (pid: 812 comm: vfnl)
EOL

# A clean boot and test log: nothing may match.
cat > "$T/clean" <<'EOL'
[    0.000000] Linux version 6.1.0-57-amd64 (debian-kernel@lists.debian.org)
[    0.000000] Kernel command line: console=ttyS0 log_buf_len=16M panic=-1 oops=panic
[    0.012000] printk: log_buf_len: 16777216 bytes
[    0.100000] kasan: KernelAddressSanitizer initialized
[    0.200000] Lock dependency validator: Copyright (c) 2006 Red Hat, Inc., Ingo Molnar
[    1.000000] pci 0000:01:00.0: [1b36:0010] type 00 class 0x010802
[    1.200000] nvme nvme0: 4/0/0 default/read/poll queues
[    2.000000] vfprov-selftest: begin core_sim
[    2.100000] vfprov: fault injection enabled (debugfs /sys/kernel/debug/vfprov/): for tests only
[    2.200000] pci 0000:01:00.1: [8086:56c0] type 00 class 0x030000
[    2.300000] vfio-pci 0000:01:00.1: enabling device (0000 -> 0002)
[    2.400000] vfprov: 0000:01:00.0: undo of quota lmem_quota (VF 2) failed: -5
[    2.500000] atsm_sim 0000:01:00.0: 4 VFs enabled
[    2.600000] nvme nvme1: pci function 0000:02:00.0
EOL
if out=$(klog_scan "$T/clean"); then
	ok "a clean log has no complaint"
else
	nok "a clean log has no complaint" "matched: $out"
fi

# klog_show prints the report with the lines before it (a WARN's message).
printf '%s\n' '[1.0] sysfs: cannot create duplicate filename x' \
	'[1.0] CPU: 0 PID: 1' '[1.0] Call Trace:' '[1.0]  dump_stack+0x1' > "$T/show"
if klog_show "$T/show" | head -n 1 | grep -q '^#   .*duplicate filename'; then
	ok "klog_show starts at the first report, as TAP diagnostics"
else
	nok "klog_show starts at the first report, as TAP diagnostics"
fi

# tap-summary.awk: a skip fails, RUNNER-FAIL fails a passing program.
summary() { awk -f selftests/vm/tap-summary.awk; }
s=$(printf '# BEGIN a\nok 1 x\nok 2 y # SKIP no su\n1..2\n# END a rc=0\n' | summary)
case $s in
*"FAIL a"*"1 of 2 failed"*"1 failed") ok "a skipped case fails its program" ;;
*) nok "a skipped case fails its program" "$s" ;;
esac
s=$(printf '# BEGIN b\nok 1 x\n1..1\n# RUNNER-FAIL kernel log during b: WARNING: x\n# END b rc=0\n' | summary)
case $s in
*"FAIL b"*"kernel log during b"*"1 failed"*) ok "RUNNER-FAIL fails a passing program, with the reason" ;;
*) nok "RUNNER-FAIL fails a passing program, with the reason" "$s" ;;
esac
s=$(printf '# BEGIN c\nok 1 x\n1..1\n# END c rc=0\n' | summary)
case $s in
"PASS c"*"1 passed, 0 failed") ok "a clean program passes" ;;
*) nok "a clean program passes" "$s" ;;
esac

tap_end
