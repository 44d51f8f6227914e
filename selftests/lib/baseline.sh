# SPDX-License-Identifier: GPL-2.0
# The state every guest test starts from (sourced by the guest runner).
#
#   baseline_save      record, once at boot, the driver, driver_override and
#                      sriov_drivers_autoprobe of every SR-IOV PF
#   baseline_restore   after a test: kill what it left running, empty
#                      vfprov's configfs tree, VFs off on every PF, vfprov
#                      atsm_sim and xe_sim unloaded, removed devices rescanned,
#                      overrides, autoprobe and drivers as at boot; prints
#                      what it had to undo, one "# " line each
#   baseline_diff      what still differs from the boot state (empty: none)
#
# One test must not poison the next: a test that leaves VFs enabled or a
# module loaded would make the next one pass or fail for the wrong reason.

BL=/tmp/baseline
BL_DEV=/sys/bus/pci/devices
BL_MODS="vfprov atsm_sim xe_sim"

# One line per SR-IOV PF (the devices tests change; VFs are off at boot):
# address driver override autoprobe. The guest's own plumbing (virtio 9p
# under the mounted /usr, the nested guest's disks) is not the tests': a
# test that loads virtio drivers leaves them bound, and unbinding one under
# a mounted 9p share waits for ever.
bl_snapshot() {
	for _d in "$BL_DEV"/*; do
		[ -e "$_d/sriov_totalvfs" ] || continue
		_a=${_d##*/}
		_drv=-
		[ -e "$_d/driver" ] && _drv=$(basename "$(readlink "$_d/driver")")
		_ovr=$(cat "$_d/driver_override" 2>/dev/null)
		_ap=$(cat "$_d/sriov_drivers_autoprobe" 2>/dev/null)
		echo "$_a ${_drv:--} ${_ovr:-(null)} ${_ap:--}"
	done
	echo "bus-autoprobe $(cat /sys/bus/pci/drivers_autoprobe)"
}

baseline_save() {
	bl_snapshot > "$BL.boot"
}

# PIDs of user processes other than init, this shell and its parents.
bl_strays() {
	_keep=" 1 $$ $PPID "
	for _p in /proc/[0-9]*; do
		_pid=${_p##*/}
		case $_keep in *" $_pid "*) continue ;; esac
		# kernel threads have no executable (and /proc sizes read 0)
		[ -e "$_p/exe" ] || continue
		echo "$_pid"
	done
}

# Call in the runner's own shell, not in a pipeline or a $(): a subshell
# would find itself.
bl_kill_strays() {
	_n=0
	for _pid in $(bl_strays); do
		[ -e "/proc/$_pid" ] || continue
		_c=$(tr '\0' ' ' < "/proc/$_pid/cmdline" 2>/dev/null)
		kill -KILL "$_pid" 2>/dev/null || continue
		# busybox timeout leaves its watcher behind: not the test's
		case $_c in "timeout "*) continue ;; esac
		_n=$((_n + 1))
		echo "# baseline: killed $_pid ($_c)"
	done
	[ "$_n" = 0 ] || sleep 1
}

bl_configfs() {
	_c=/sys/kernel/config/vfprov
	[ -d "$_c" ] || return 0
	for _p in "$_c"/*/; do
		[ -d "$_p" ] || continue
		for _v in "$_p"vf*/; do
			[ -d "$_v" ] && rmdir "$_v"
		done
		rmdir "$_p" && echo "# baseline: removed configfs ${_p%/}"
	done
}

bl_vfs_off() {
	for _f in "$BL_DEV"/*/sriov_numvfs; do
		[ -e "$_f" ] || continue
		[ "$(cat "$_f")" = 0 ] && continue
		_d=${_f%/sriov_numvfs}
		echo "# baseline: ${_d##*/} had $(cat "$_f") VFs"
		echo 0 > "$_f"
	done
}

bl_unload() {
	for _m in $BL_MODS; do
		grep -q "^$_m " /proc/modules || continue
		rmmod "$_m" && echo "# baseline: unloaded $_m"
	done
}

# Devices of the boot snapshot that are gone (a test removed a PF and did
# not rescan): rescan with bus autoprobe off, so no driver takes them
# before their override is back.
bl_rescan() {
	_missing=
	while read -r _a _drv _ovr _ap; do
		[ "$_a" = bus-autoprobe ] && continue
		[ -e "$BL_DEV/$_a" ] || _missing="$_missing $_a"
	done < "$BL.boot"
	[ -n "$_missing" ] || return 0
	echo "# baseline: rescanning for$_missing"
	echo 0 > /sys/bus/pci/drivers_autoprobe
	echo 1 > /sys/bus/pci/rescan
	sleep 1
}

# Overrides, autoprobe and drivers back as at boot.
bl_devices() {
	while read -r _a _drv _ovr _ap; do
		_d=$BL_DEV/$_a
		if [ "$_a" = bus-autoprobe ]; then
			echo "$_drv" > /sys/bus/pci/drivers_autoprobe
			continue
		fi
		[ -e "$_d" ] || continue
		_now=$(cat "$_d/driver_override" 2>/dev/null)
		if [ "${_now:-(null)}" != "$_ovr" ]; then
			echo "# baseline: $_a driver_override '$_now' -> '$_ovr'"
			if [ "$_ovr" = "(null)" ]; then
				echo > "$_d/driver_override"
			else
				echo "$_ovr" > "$_d/driver_override"
			fi
		fi
		[ "$_ap" != - ] && echo "$_ap" > "$_d/sriov_drivers_autoprobe"
		_cur=-
		[ -e "$_d/driver" ] && _cur=$(basename "$(readlink "$_d/driver")")
		[ "$_cur" = "$_drv" ] && continue
		echo "# baseline: $_a driver $_cur -> $_drv"
		[ "$_cur" != - ] && echo "$_a" > "$_d/driver/unbind"
		[ "$_drv" != - ] && echo "$_a" > /sys/bus/pci/drivers_probe
	done < "$BL.boot"
}

baseline_restore() {
	bl_kill_strays
	bl_configfs
	bl_vfs_off
	bl_unload
	bl_rescan
	bl_devices
}

baseline_diff() {
	bl_snapshot > "$BL.now"
	diff "$BL.boot" "$BL.now" | grep '^[-+][^-+]'
	for _m in $BL_MODS; do
		grep -q "^$_m " /proc/modules && echo "module $_m still loaded"
	done
	[ -e /sys/kernel/config/vfprov ] && echo "configfs vfprov still there"
	for _f in "$BL_DEV"/*/sriov_numvfs; do
		[ -e "$_f" ] && [ "$(cat "$_f")" != 0 ] && echo "VFs left: $_f"
	done
	return 0
}
