#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# `vfctl top` (issue 21): --once --json is one JSON object (python parses
# it) with every enabled VF, its owner through VFIO (pid, comm), run
# state, LMEM quota and the LMEM the guest allocated (25.1 telemetry);
# --json without --once prints one object per refresh and SIGTERM ends it
# with exit 0; an unprivileged user gets the same VFs with the owner
# "not permitted"; on a terminal (a tmux pane, tmux from the host's /usr)
# it draws the table, redraws it after a change (a VF paused), and q
# quits with exit 0, the alternate screen left and the tty modes restored.
. "${0%/*}/../lib/core.sh"
. "${0%/*}/../lib/ynl.sh"

grep -q '^nobody:' /etc/passwd 2>/dev/null ||
	echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >>/etc/passwd
O=/tmp/vfctl-top
t_start "the host's /usr over 9p (python3, tmux)" ynl_setup
t_start "atsm_sim (25.1: telemetry) bound to $SIM_PF" sim_up abi=25.1
t_start "vfprov loaded" load_vfprov
vfctl reset "$SIM_PF" --force >/dev/null 2>&1
t_ok "apply --vfs 2 --lmem 1G --driver vfio-pci" \
	vfctl apply "$SIM_PF" --vfs 2 --lmem 1G --driver vfio-pci
t_ok "VF 1's guest reports 256M allocated" sh -c "echo '1 268435456' > $DBG/lmem_alloc"
vf1=$(basename "$(readlink "$DEV/$SIM_PF/virtfn0")")
vf2=$(basename "$(readlink "$DEV/$SIM_PF/virtfn1")")
hold_vf "$vf1" 120 $O.hold
t_ok "VF 1 held through VFIO by pid $hold" grep -q held $O.hold

vfctl top "$SIM_PF" --once --json > $O.once
t_eq "top --once --json: exit 0" 0 $?
t_eq "  ...one line" 1 "$(wc -l < $O.once)"
t_eq "  ...2 VFs: addresses, VF 1 owner, state, quota, allocated; VF 2 no owner" \
	"2 $vf1 $vf2 $hold vfio_hold running 1073741824 268435456 None" \
	"$(jq_py $O.once 'len(r["vfs"])' 'r["vfs"][0]["pci_address"]' 'r["vfs"][1]["pci_address"]' \
	   'r["vfs"][0]["owner"]["pid"]' 'r["vfs"][0]["owner"]["comm"]' 'r["vfs"][0]["state"]' \
	   'r["vfs"][0]["lmem_quota"]' 'r["vfs"][0]["lmem_alloc"]' 'r["vfs"][1]["owner"]' |
	   tr '\n' ' ' | sed 's/ $//')"

: > $O.lines
vfctl top --json --interval 0.5 > $O.lines 2>$O.err &
tp=$!
i=0
while [ "$(wc -l < $O.lines)" -lt 3 ] && [ $i -lt 200 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -TERM $tp
wait $tp
t_eq "top --json: SIGTERM ends it with exit 0" 0 $?
n=$(wc -l < $O.lines)
t_ok "  ...one object per refresh ($n lines)" test "$n" -ge 3
t_eq "  ...every line parses, each with the 2 VFs" True \
	"$(host_py -S -c '
import json, sys
ls = [json.loads(l) for l in open(sys.argv[1])]
print(all(len([v for v in o["vfs"] if v["pf"] == sys.argv[2]]) == 2 for o in ls))' $O.lines "$SIM_PF")"

su -s /bin/sh nobody -c "/usr/sbin/vfctl top $SIM_PF --once --json" > $O.nobody 2>&1
t_eq "unprivileged top --once --json: exit 0" 0 $?
t_eq "  ...same VFs, VF 1's owner not permitted, allocation still read" \
	"2 False not permitted 268435456" \
	"$(jq_py $O.nobody 'len(r["vfs"])' 'r["vfs"][0]["owner"]["known"]' \
	   'r["vfs"][0]["owner"]["reason"]' 'r["vfs"][0]["lmem_alloc"]' | tr '\n' ' ' | sed 's/ $//')"
su -s /bin/sh nobody -c "/usr/sbin/vfctl top $SIM_PF --once" > $O.plain 2>&1
t_ok "unprivileged plain top: the table with 'unknown (not permitted)'" \
	grep -q "^$SIM_PF  1 .*unknown (not permitted)" $O.plain

# the terminal: tmux from the host's /usr, its server in this guest; its
# panes need devpts
if [ ! -e /dev/pts/ptmx ]; then
	mkdir -p /dev/pts
	mount -t devpts devpts /dev/pts
fi
tm() {
	LOCPATH=$NESTED_USR/lib/locale LC_ALL=C.UTF-8 \
	TERMINFO_DIRS=$NESTED_USR/lib/terminfo:$NESTED_USR/share/terminfo \
	TMUX_TMPDIR=/tmp SHELL=/bin/sh host_exec bin/tmux -f /dev/null "$@"
}
# until_pane RE: the pane shows RE (at most ~30 s)
until_pane() {
	_i=0
	while ! tm capture-pane -p -t top > $O.pane 2>/dev/null || ! grep -q "$1" $O.pane; do
		[ $_i -ge 300 ] && return 1
		sleep 0.1
		_i=$((_i + 1))
	done
}
cat > $O.sh <<EOS
echo BEFORE-TOP
s1=\$(stty -g)
/usr/sbin/vfctl top $SIM_PF --interval 1
rc=\$?
[ "\$s1" = "\$(stty -g)" ] && echo TTY-RESTORED
echo TOP-EXIT=\$rc
sleep 120
EOS
t_ok "tmux: a 200x40 pane running vfctl top" \
	tm new-session -d -s top -x 200 -y 40 "sh $O.sh"
t_ok "  ...the table: header and both VFs" until_pane "^$SIM_PF  2 "
t_ok "  ...header line and columns" sh -c "grep -q 'vfctl top - .* - 2 VFs - q quits' $O.pane &&
	grep -q '^PF  *VF  *PCI  *OWNER  *STATE' $O.pane"
t_ok "  ...VF 1 owned by vfio_hold[$hold], running" \
	grep -q "^$SIM_PF  1    $vf1  vfio_hold\[$hold\] .* running" $O.pane
t_ok "  ...the alternate screen: BEFORE-TOP is not shown" sh -c "! grep -q BEFORE-TOP $O.pane"
t_ok "pause VF 2" vfctl vf pause "$SIM_PF:2"
t_ok "  ...the table refreshes: VF 2 paused" until_pane "^$SIM_PF  2 .* paused "
t_ok "send q" tm send-keys -t top q
t_ok "  ...top exits 0" until_pane "TOP-EXIT=0"
t_ok "  ...the tty modes are restored" grep -q TTY-RESTORED $O.pane
t_ok "  ...the normal screen is back (BEFORE-TOP, no table)" sh -c "grep -q BEFORE-TOP $O.pane &&
	! grep -q 'q quits' $O.pane"
tm kill-server 2>/dev/null
kill $hold 2>/dev/null
wait $hold 2>/dev/null
vfctl reset "$SIM_PF" --force >/dev/null 2>&1
t_done
