#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# PROBE (work in progress): can the host's libvirtd run in the guest?
# timeout: 300
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/nested.sh"

T=/tmp/vfctl-libvirt
rm -rf "$T"
mkdir -p "$T"
U=$NESTED_USR

t_ok "host /usr mounted over 9p" nested_mount

# The guest's /usr holds only vfctl: link the host's libvirt and qemu trees in.
[ -e /usr/lib ] || ln -s "$U/lib" /usr/lib
[ -e /usr/libexec ] || ln -s "$U/libexec" /usr/libexec
for d in libvirt qemu seabios ipxe misc; do
	[ -e "/usr/share/$d" ] || ln -s "$U/share/$d" "/usr/share/$d"
done
for b in sbin/libvirtd sbin/virtlogd bin/virsh bin/qemu-system-x86_64; do
	[ -e "/usr/$b" ] || ln -s "$U/$b" "/usr/$b"
done
grep -q '^root:' /etc/passwd 2>/dev/null || echo 'root:x:0:0:root:/root:/bin/sh' >>/etc/passwd
grep -q '^root:' /etc/group 2>/dev/null || echo 'root:x:0:' >>/etc/group
# The qemu driver resolves its built-in default user and group before it
# reads qemu.conf (user = "root" below): they must exist.
grep -q '^libvirt-qemu:' /etc/passwd || echo 'libvirt-qemu:x:64055:992::/var/lib/libvirt:/bin/false' >>/etc/passwd
grep -q '^kvm:' /etc/group || echo 'kvm:x:992:' >>/etc/group
grep -q '^libvirt-qemu:' /etc/group || echo 'libvirt-qemu:x:64055:' >>/etc/group
# virsh looks for the socket under /var/run, the daemon makes it in /run.
[ -e /var/run ] || { mkdir -p /var && ln -s /run /var/run; }
mkdir -p /etc/libvirt/hooks /var/lib/libvirt /var/cache/libvirt /run/libvirt /var/log/libvirt
cat >/etc/libvirt/libvirtd.conf <<'EOC'
unix_sock_group = "root"
unix_sock_rw_perms = "0770"
auth_unix_rw = "none"
auth_unix_ro = "none"
log_outputs = "2:file:/tmp/vfctl-libvirt/libvirtd.log"
EOC
cat >/etc/libvirt/qemu.conf <<'EOC'
user = "root"
group = "root"
namespaces = [ ]
cgroup_controllers = [ ]
security_driver = "none"
remember_owner = 0
stdio_handler = "file"
EOC
t_diag "ld: $(ls -la /lib64 /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 2>&1 | tr '\n' ' ')"
/usr/sbin/libvirtd --version >"$T/ver" 2>&1
t_diag "libvirtd --version: $(cat "$T/ver")"
start=$(date +%s)
/usr/sbin/libvirtd -f /etc/libvirt/libvirtd.conf >"$T/d.out" 2>&1 &
dpid=$!
i=0
while [ $i -lt 200 ] && ! [ -S /run/libvirt/libvirt-sock ]; do
	kill -0 $dpid 2>/dev/null || break
	sleep 1; i=$((i + 1))
done
t_diag "socket after $(($(date +%s) - start)) s"
virsh -c qemu:///system version >"$T/v.out" 2>&1
t_diag "after $(($(date +%s) - start)) s: $(cat "$T/v.out")"
t_diag "daemon out: $(tail -c 1500 "$T/d.out")"
t_diag "daemon log: $(tail -c 3000 "$T/libvirtd.log" 2>&1)"
t_ok "virsh talks to libvirtd" virsh -c qemu:///system version
virsh -c qemu:///system capabilities >"$T/caps" 2>&1
t_diag "caps: $(grep -E 'emulator|domain type|machine' "$T/caps" | head -20 | tr '\n' ' ')"
virsh -c qemu:///system domcapabilities --virttype qemu >"$T/dcaps" 2>&1
t_diag "domcaps: $(head -c 600 "$T/dcaps")"
kill $dpid
t_done
