# SPDX-License-Identifier: GPL-2.0
# The kernel log verdict (sourced by the guest runner, and by the host's
# scripts/test-klog.sh, which feeds it canned logs; POSIX sh, busybox grep).
#
#   klog_scan FILE     print every line of FILE that is a kernel complaint;
#                      status 0 when there is none
#   klog_show FILE     the first complaint whole: the lines before it (a
#                      WARN() prints its message there) and its backtrace,
#                      as TAP diagnostics
#
# What counts as a complaint: anything the kernel says when something is
# wrong, not only BUG and WARNING. A lockdep, KASAN, UBSAN or kmemleak
# report, a refcount or list corruption, a hung task, an RCU stall or soft
# lockup, a general protection fault, a duplicate sysfs or /proc name, an
# extack message cut short, a sleep in atomic context, any backtrace, a
# kernel_read() refused.
KLOG_REPORT='BUG:|WARNING:|kernel BUG at|Oops|general protection|Kernel panic'
KLOG_REPORT="$KLOG_REPORT|Call Trace:|cut here \]|Unable to handle|stack segment"
KLOG_REPORT="$KLOG_REPORT|possible circular locking|possible recursive locking"
KLOG_REPORT="$KLOG_REPORT|inconsistent lock state|suspicious RCU usage"
KLOG_REPORT="$KLOG_REPORT|bad unlock balance|lock held when returning"
KLOG_REPORT="$KLOG_REPORT|DEBUG_LOCKS_WARN_ON|sleeping function called"
KLOG_REPORT="$KLOG_REPORT|KASAN|UBSAN|kmemleak: [0-9]+ new suspected"
KLOG_REPORT="$KLOG_REPORT|refcount_t:|list_(add|del) corruption|list corruption"
KLOG_REPORT="$KLOG_REPORT|blocked for more than [0-9]+ seconds"
KLOG_REPORT="$KLOG_REPORT|rcu: INFO|detected stall|RCU stall|soft lockup|hard LOCKUP"
KLOG_REPORT="$KLOG_REPORT|cannot create duplicate filename|proc_dir_entry .* already registered"
KLOG_REPORT="$KLOG_REPORT|truncated extack|double free|use-after-free|out-of-bounds"
KLOG_REPORT="$KLOG_REPORT|Bad page state|page allocation failure|invalid opcode"
# kernel_read()/kernel_write() on a file without read_iter/write_iter (5.10+)
KLOG_REPORT="$KLOG_REPORT|kernel (read|write) not supported for file"

klog_scan() {
	! grep -E "$KLOG_REPORT" "$1"
}

klog_show() {
	grep -m1 -B3 -A40 -E "$KLOG_REPORT" "$1" | sed 's/^/#   /'
}
