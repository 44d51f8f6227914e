#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The "events" group is open to every user and names no requester: an
# unprivileged monitor sees a commit without pid, uid or comm. Who asked is
# in the kernel log and, where the kernel can restrict a group to
# CAP_SYS_ADMIN (GENL_MCAST_CAP_SYS_ADMIN), in the "audit" group, which
# root joins and user nobody cannot.
. "${0%/*}/../lib/core.sh"

grep -q '^nobody:' /etc/passwd 2>/dev/null ||
	echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >>/etc/passwd

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov
vfnl reset "$SIM_PF" >/dev/null
chmod 0777 /tmp
su -s /bin/sh nobody -c "vfnl monitor 1 60 > /tmp/anon.events 2>&1" &
anon=$!
# the audit group exists where genl can restrict it (not on 5.10)
if vfnl monitor 0 1 audit >/dev/null 2>&1; then
	vfnl monitor 1 60 audit > /tmp/audit.events 2>&1 &
	audit=$!
else
	echo monitoring > /tmp/audit.events
	audit=
fi
i=0
while ! grep -q monitoring /tmp/anon.events 2>/dev/null ||
	! grep -q monitoring /tmp/audit.events 2>/dev/null; do
	[ $i -lt 50 ] || break
	sleep 0.1
	i=$((i + 1))
done
dmesg -c >/dev/null
t_ok "apply num=2" vfnl apply "$SIM_PF" num=2
wait "$anon"
[ -z "$audit" ] || wait "$audit"
t_ok "unprivileged monitor: committed event" \
	grep -q "^event=committed pf=$SIM_PF" /tmp/anon.events
t_eq "  ...without pid, uid or comm" 0 \
	"$(grep -cE 'pid=|uid=|comm=' /tmp/anon.events)"
if [ "$audit" ]; then
	t_ok "audit monitor (root): committed event with who (uid 0, comm vfnl)" \
		grep -q "^event=committed pf=$SIM_PF .* uid=0 comm=vfnl" /tmp/audit.events
else
	t_diag "no audit group on this kernel (no GENL_MCAST_CAP_SYS_ADMIN)"
fi
t_ok "kernel log names the requester" \
	sh -c "dmesg | grep -q '$SIM_PF: committed generation .* (vfnl pid [0-9]* uid 0)'"
out=$(su -s /bin/sh nobody -c "vfnl monitor 0 1 audit" 2>&1)
t_eq "user nobody cannot join the audit group" 2 "$?"
vfnl reset "$SIM_PF" >/dev/null
t_done
