#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot the host's own systemd (Debian 12's /usr) as PID 1 of a new PID and
# mount namespace, in a scratch root: /usr bind-mounted read-only, /etc a
# tmpfs with our units (userspace/systemd, unchanged but for a drop-in
# RestartSec=1, to be quick), and as /usr/sbin/vfctl (an overlay) a fake
# that is "not ready" (exit 8, with a reason on stderr) twice, then applies. Stand-ins for libvirtd and
# kubelet record when they start. A checker unit writes what systemd says
# (systemctl show, journalctl) to OUT and powers the container off.
#   run.sh OUT [RESTART_PREVENT]   (root) exits with systemd's status: 130
#   when it powered off (reboot(2) in a PID namespace ends its init with
#   SIGINT). RESTART_PREVENT: a RestartPreventExitStatus= for the drop-in,
#   to see the test fail when exit 8 is not retried.
set -euo pipefail
cd "$(dirname "$0")/../.."
TOP=$PWD
OUT=$(realpath -m "$1")
set -- "$1" "${2:-}"
ADDR=0000:01:00.0
R=$(mktemp -d /tmp/vfctl-sd.XXXXXX)
mkdir -p "$OUT"

cleanup() { rm -rf "$R"; }
trap cleanup EXIT

for d in usr etc proc sys dev run tmp var/log/journal out upper/sbin work; do
	mkdir -p "$R/$d"
done
for l in bin sbin lib lib64; do ln -s usr/$l "$R/$l"; done
E=$R/etc
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$E/passwd"
printf 'root:x:0:\nsystemd-journal:x:101:\n' >"$E/group"
: >"$E/machine-id"
ln -s ../usr/lib/os-release "$E/os-release"
mkdir -p "$E/systemd/system" "$E/vfctl" "$E/vfctl-test"
cp "$TOP"/userspace/systemd/*.service "$E/systemd/system/"
printf '[pf %s]\nvfs = 2\n' "$ADDR" >"$E/vfctl/test.conf"

# the fake vfctl, /usr/sbin/vfctl in an overlay over the host's /usr: not
# ready twice, then "applied"
cat >"$R/upper/sbin/vfctl" <<'EOF'
#!/bin/sh
n=$(cat /run/vfctl-test.count 2>/dev/null || echo 0)
n=$((n + 1))
echo $n >/run/vfctl-test.count
echo "$n $*" >>/out/vfctl.calls
if [ $n -le 2 ]; then
	echo "vfctl: not ready: PF $5 has no driver bound (yet) [fake, attempt $n]" >&2
	exit 8
fi
echo "vfctl: $5: applied [fake, attempt $n]" >&2
EOF
chmod +x "$R/upper/sbin/vfctl"
mkdir -p "$E/systemd/system/vfctl-apply@.service.d"
cat >"$E/systemd/system/vfctl-apply@.service.d/fake.conf" <<EOF
[Service]
RestartSec=1
${2:+RestartPreventExitStatus=$2}
EOF
# stand-ins for the guests' managers: when did they start
for s in libvirtd kubelet; do
	cat >"$E/systemd/system/$s.service" <<EOF
[Service]
Type=oneshot
ExecStart=/bin/sh -c 'echo "\$(cat /run/vfctl-test.count 2>/dev/null || echo 0)" >/out/$s.saw'
EOF
done
cat >"$E/systemd/system/vfctl-test.target" <<EOF
[Unit]
Wants=vfctl-apply@$ADDR.service libvirtd.service kubelet.service vfctl-check.service
EOF
cat >"$E/systemd/system/vfctl-check.service" <<EOF
[Unit]
After=libvirtd.service kubelet.service
[Service]
Type=oneshot
ExecStart=/bin/sh -c 'i=0; while [ \$i -lt 300 ] && ! systemctl show -P ActiveState vfctl-apply@$ADDR.service | grep -qx "inactive\|failed"; do sleep 0.2; i=\$((i + 1)); done; \
 systemctl show -p Before -p After -p NRestarts -p Result -p ExecMainStatus vfctl-apply@$ADDR.service >/out/show; \
 journalctl --no-pager -o cat -u vfctl-apply@$ADDR.service >/out/journal; \
 systemctl --no-pager list-units --all "vfctl*" >/out/units 2>&1; systemctl poweroff'
EOF
ln -s vfctl-test.target "$E/systemd/system/default.target"

unshare --pid --fork --mount --uts --propagation private bash -c '
	set -e
	R=$1; OUT=$2
	mount -t overlay overlay -o "lowerdir=/usr,upperdir=$R/upper,workdir=$R/work" "$R/usr"
	mount -t tmpfs tmpfs "$R/run"; mount -t tmpfs tmpfs "$R/tmp"
	mount --rbind /dev "$R/dev"
	mount --rbind /sys "$R/sys"
	mount --bind "$OUT" "$R/out"
	exec chroot "$R" /usr/bin/env -i container=vfctl-test /lib/systemd/systemd --system --log-target=console
' - "$R" "$OUT" >"$OUT/console" 2>&1 </dev/null
