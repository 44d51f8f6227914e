#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vfctl against the real libvirt: the host's libvirtd 9.0 (Debian 12's
# libvirt-daemon and libvirt-daemon-driver-qemu) and qemu run in the guest
# from the 9p /usr, without systemd or D-Bus, with `vfctl hook --bind-vfio`
# as its qemu hook. A domain made by `vfctl export --format libvirt-domain`
# for one VF of the simulated Flex PF ($SIM_PF) is accepted by libvirt and
# starts: the hook ran at prepare begin, the VF is on vfio-pci and the qemu
# process holds the VF's /dev/vfio group; with managed='no' it is the
# hook's --bind-vfio that puts the VF there. A domain passing through the
# PF itself does not start: virsh shows the hook's reason and the PF keeps
# its VFs and driver. Only qemu's start is waited for, not a guest boot:
# 57-150 s of guest time on the shared 2-core host (libvirtd's probe of
# qemu and each virsh start are TCG-bound); the hook broken (no PF check,
# no binding) fails 11 of the 27 checks.
# timeout: 420
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/cmd.sh"
. "${0%/*}/../lib/nested.sh"

T=/tmp/vfctl-libvirt
DEV=/sys/bus/pci/devices
U=$NESTED_USR
V="virsh -c qemu:///system"
# qemu's log ends a failing t_rc's diagnostics
# shellcheck disable=SC2034 # read by t_rc (lib/cmd.sh)
T_RC_LOG='/var/log/libvirt/qemu/*.log'
rm -rf "$T"
mkdir -p "$T"

. "${0%/*}/../lib/load.sh"

# VF 1 back to no driver (as vfctl apply left it), if it is still there.
vf_release() {
	[ -e "$DEV/$vf1/driver_override" ] && echo >"$DEV/$vf1/driver_override"
	[ -e "$DEV/$vf1/driver" ] && echo "$vf1" >"$DEV/$vf1/driver/unbind"
	return 0
}

drv_of() { _l=$(readlink "$DEV/$1/driver" 2>/dev/null); echo "${_l##*/}"; }

# Does the domain's qemu hold /dev/vfio/GROUP open?
qemu_has_group() { # domain group
	_p=$(cat "/run/libvirt/qemu/$1.pid" 2>/dev/null) || return 1
	ls -l "/proc/$_p/fd" 2>/dev/null | grep -q -- "-> /dev/vfio/$2\$"
}

# The guest's /usr holds only vfctl: link the host's libvirt and qemu in.
libvirt_tree() {
	[ -e /usr/lib ] || ln -s "$U/lib" /usr/lib
	[ -e /usr/libexec ] || ln -s "$U/libexec" /usr/libexec
	for _d in libvirt qemu seabios ipxe misc; do
		[ -e "/usr/share/$_d" ] || ln -s "$U/share/$_d" "/usr/share/$_d"
	done
	for _b in sbin/libvirtd bin/virsh bin/qemu-system-x86_64; do
		[ -e "/usr/$_b" ] || ln -s "$U/$_b" "/usr/$_b"
	done
	# The qemu driver resolves its built-in user and group (libvirt-qemu,
	# kvm) before it reads qemu.conf, where we say root: they must exist.
	for _e in 'root:x:0:0:root:/root:/bin/sh' \
		'libvirt-qemu:x:64055:992::/var/lib/libvirt:/bin/false'; do
		grep -q "^${_e%%:*}:" /etc/passwd 2>/dev/null || echo "$_e" >>/etc/passwd
	done
	for _e in 'root:x:0:' 'kvm:x:992:' 'libvirt-qemu:x:64055:'; do
		grep -q "^${_e%%:*}:" /etc/group 2>/dev/null || echo "$_e" >>/etc/group
	done
	# virsh looks for the socket under /var/run, the daemon makes it in /run.
	[ -e /var/run ] || { mkdir -p /var && ln -s /run /var/run; }
	mkdir -p /etc/libvirt/hooks /var/lib/libvirt /var/cache/libvirt \
		/run/libvirt /var/log/libvirt/qemu
	cat >/etc/libvirt/libvirtd.conf <<'EOC'
unix_sock_group = "root"
unix_sock_rw_perms = "0770"
auth_unix_rw = "none"
auth_unix_ro = "none"
log_outputs = "3:file:/tmp/vfctl-libvirt/libvirtd.log"
EOC
	# No cgroups, mount namespaces or security labels in this guest.
	cat >/etc/libvirt/qemu.conf <<'EOC'
user = "root"
group = "root"
namespaces = [ ]
cgroup_controllers = [ ]
security_driver = "none"
remember_owner = 0
stdio_handler = "file"
EOC
	# The hook as docs/orchestrators.md installs it, plus a log of its calls.
	cat >/etc/libvirt/hooks/qemu <<EOH
#!/bin/sh
echo "\$*" >>$T/hook.log
exec /usr/sbin/vfctl hook --bind-vfio "\$@"
EOH
	chmod 755 /etc/libvirt/hooks/qemu
}

# libvirtd in the foreground (it reads the hook at start); wait for virsh.
libvirtd_up() {
	/usr/sbin/libvirtd -f /etc/libvirt/libvirtd.conf >"$T/libvirtd.out" 2>&1 &
	LPID=$!
	_i=0
	while [ $_i -lt 120 ] && ! [ -S /run/libvirt/libvirt-sock ]; do
		kill -0 "$LPID" 2>/dev/null || break
		sleep 1
		_i=$((_i + 1))
	done
	$V version >"$T/version" 2>&1 || {
		echo "# libvirtd: $(tail -c 1000 "$T/libvirtd.log" 2>/dev/null) $(cat "$T/version")" >&2
		return 1
	}
}

# A domain from the export, made runnable here: TCG, 128 MiB.
tcg_domain() { # export-file out-file
	sed -e 's/type="kvm"/type="qemu"/' \
		-e 's|<memory unit="GiB">4</memory>|<memory unit="MiB">128</memory>|' \
		-e 's/<vcpu>2</<vcpu>1</' "$1" >"$2"
}

t_start "vfprov loaded, atsm_sim bound to $SIM_PF" sim_vfprov
t_ok "host /usr mounted over 9p" nested_mount
libvirt_tree
start=$(date +%s)
libvirtd_up
t_eq "libvirtd runs from the 9p /usr and virsh talks to it" 0 $?
t_diag "libvirtd answered after $(($(date +%s) - start)) s: $(grep -h 'Running hypervisor' "$T/version")"

run vfctl apply "$SIM_PF" --vfs 2
t_rc "setup: 2 VFs on $SIM_PF" 0
vf1=$(basename "$(readlink "$DEV/$SIM_PF/virtfn0")")
grp=$(basename "$(readlink "$DEV/$vf1/iommu_group")")
pf_drv=$(drv_of "$SIM_PF")
t_diag "VF 1 is $vf1 (IOMMU group $grp), driver '$(drv_of "$vf1")'; PF driver $pf_drv"

run vfctl export "$SIM_PF" --format libvirt-domain --vf 1 --name vf1
t_rc "export --format libvirt-domain --vf 1: exit 0" 0
tcg_domain "$T/out" "$T/vf1.xml"
run $V define "$T/vf1.xml"
t_rc "libvirt accepts the exported domain (virsh define)" 0

# --- managed='no': the hook's --bind-vfio is what binds the VF -------------
sed -e 's/managed="yes"/managed="no"/' -e 's/<name>vf1</<name>vf1hook</' \
	"$T/vf1.xml" >"$T/vf1hook.xml"
run $V define "$T/vf1hook.xml"
t_rc "the same domain with managed='no' defined" 0
t_eq "VF 1 is not on vfio-pci before the start" "" "$(drv_of "$vf1" | grep vfio-pci)"
s=$(date +%s)
run $V start vf1hook
t_rc "virsh start of the managed='no' domain succeeds" 0
t_eq "virsh says the managed='no' domain runs" running "$($V domstate vf1hook 2>&1 | head -n 1)"
t_diag "virsh start took $(($(date +%s) - s)) s"
t_grep "libvirt ran the hook at prepare begin" "^vf1hook prepare begin -" "$T/hook.log"
t_eq "the hook bound VF 1 to vfio-pci (libvirt does not, managed='no')" vfio-pci "$(drv_of "$vf1")"
t_ok "its qemu holds the VF's /dev/vfio/$grp" qemu_has_group vf1hook "$grp"
run $V destroy vf1hook
t_rc "virsh destroy of the managed='no' domain" 0

# --- managed='yes', as exported ----------------------------------------------
vf_release
run $V start vf1
t_rc "virsh start of the exported domain succeeds" 0
t_eq "VF 1 on vfio-pci while it runs" vfio-pci "$(drv_of "$vf1")"
t_ok "the exported domain's qemu holds the VF's /dev/vfio/$grp" qemu_has_group vf1 "$grp"
t_eq "virsh says the exported domain runs" running "$($V domstate vf1 2>&1 | head -n 1)"
run $V destroy vf1
t_rc "virsh destroy of the exported domain" 0

# --- the PF itself: refused by the hook --------------------------------------
vfctl export "$SIM_PF" --format libvirt-domain --vf 1 --name pf >"$T/pfexp.xml"
b=${SIM_PF#*:}
sed -e "s/bus=\"[^\"]*\" slot=\"[^\"]*\" function=\"[^\"]*\"/bus=\"0x${b%%:*}\" slot=\"0x$(echo "$b" | cut -d: -f2 | cut -d. -f1)\" function=\"0x${SIM_PF##*.}\"/" \
	"$T/pfexp.xml" >"$T/pf0.xml"
tcg_domain "$T/pf0.xml" "$T/pf.xml"
t_grep "a domain with the PF as hostdev" "function=\"0x${SIM_PF##*.}\"" "$T/pf.xml"
run $V define "$T/pf.xml"
t_rc "libvirt accepts the PF domain's XML" 0
run $V start pf
t_rc "virsh start of a domain passing through the PF fails (1)" 1
t_grep "virsh's error is the hook's reason" "passes through $SIM_PF, a PF with 2 VFs enabled" "$T/err"
t_eq "the PF keeps its 2 VFs" 2 "$(cat "$DEV/$SIM_PF/sriov_numvfs")"
t_eq "... and its driver" "$pf_drv" "$(drv_of "$SIM_PF")"
t_eq "no qemu left running for it" "" "$($V list --name --state-running | tr -d '\n')"

$V undefine vf1 >/dev/null 2>&1
$V undefine vf1hook >/dev/null 2>&1
$V undefine pf >/dev/null 2>&1
kill "$LPID"
wait "$LPID"
vf_release
t_ok "vfctl reset" vfctl reset "$SIM_PF"
t_diag "$(($(date +%s) - start)) s from libvirtd's start to here"
t_done
