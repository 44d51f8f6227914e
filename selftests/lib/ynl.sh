# SPDX-License-Identifier: GPL-2.0
# Netlink clients nobody here wrote, for the netlink_ynl_* and netlink_genl_*
# VM tests (sourced after tap.sh): the kernel's YNL CLI
# (tools/net/ynl/cli.py of linux-source-6.12) and iproute2's genl. Both run
# from the host's /usr, shared read-only over 9p (run.sh, tag "hostusr",
# mounted by nested.sh), with the host's own loader and libraries: the
# guest's root holds only busybox and our binaries. mkinitramfs.sh ships
# cli.py and its lib/ (extracted by scripts/ynl-gen.sh --tree), our spec
# and the genetlink-legacy schema in /selftests/ynl.
#
#   ynl_setup            mount the host's /usr; fails if anything is missing
#   ynl ARGS...          cli.py --spec vfprov.yaml --output-json ARGS...
#                        (schema-validated like a user would run it)
#   ynlq ARGS...         the same without the schema check (faster polls)
#   jq_py FILE EXPR...   print each Python EXPR, one a line (dicts and
#                        lists as JSON), over cli.py's output in FILE: r is
#                        its first line (the reply, a list for a dump), n
#                        its last (with --subscribe, the notifications)
#   hgenl ARGS...        the host's /usr/sbin/genl
#   host_exec BIN ARGS   any host binary, BIN relative to /usr

_lib=${VFPROV_LIB:-${0%/*}/../lib}
. "$_lib/nested.sh"

YNL_DIR=/selftests/ynl
YNL_SPEC=$YNL_DIR/specs/vfprov.yaml
_hlib=$NESTED_USR/lib/x86_64-linux-gnu

host_exec() {
	_bin=$1
	shift
	"$_hlib/ld-linux-x86-64.so.2" --library-path "$_hlib" \
		"$NESTED_USR/$_bin" "$@"
}

# The host's python3 with its own prefix (stdlib, dist-packages with yaml
# and jsonschema), not the guest's empty /usr; no .pyc on a read-only share.
host_py() {
	PYTHONHOME=$NESTED_USR PYTHONDONTWRITEBYTECODE=1 host_exec bin/python3 "$@"
}

# The share is mounted with the page cache on (cache=loose: the host's /usr
# does not change during a run), unless an earlier test mounted it: every
# cli.py run reads python's stdlib, yaml and the CLI again, and without a
# cache each read is a round trip to the host (5 s more per run under TCG).
ynl_setup() {
	for _m in virtio_pci 9pnet_virtio 9p; do modprobe "$_m" 2>/dev/null; done
	if ! grep -q " $NESTED_USR 9p " /proc/mounts; then
		mkdir -p "$NESTED_USR"
		# the virtio transport may still be probing right after modprobe
		for _i in 1 2 3 4 5 6 7 8 9 10; do
			mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose \
				hostusr "$NESTED_USR" 2>/dev/null && break
			sleep 1
		done
	fi
	grep -q " $NESTED_USR 9p " /proc/mounts || {
		echo "# ynl_setup: cannot mount the host's /usr (9p tag hostusr)" >&2
		return 1
	}
	for _f in "$NESTED_USR/bin/python3" "$NESTED_USR/sbin/genl" \
		"$YNL_DIR/cli.py" "$YNL_DIR/lib/ynl.py" "$YNL_SPEC" \
		"$YNL_DIR/genetlink-legacy.yaml"; do
		[ -e "$_f" ] || { echo "# ynl_setup: $_f missing" >&2; return 1; }
	done
}

ynl() {
	host_py "$YNL_DIR/cli.py" --spec "$YNL_SPEC" --output-json "$@"
}

ynlq() {
	ynl --no-schema "$@"
}

hgenl() {
	host_exec sbin/genl "$@"
}

jq_py() {
	_file=$1
	shift
	host_py -S -c '
import json, sys
d = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
r = d[0]
n = d[-1]
for e in sys.argv[2:]:
    v = eval(e)
    print(json.dumps(v) if isinstance(v, (dict, list)) else v)
' "$_file" "$@"
}
