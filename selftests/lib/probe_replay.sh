#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# probe_replay.sh RECORD [PF]: replay a `vfctl probe` record (a real card's
# behaviour, userspace/src/probe.c writes it) against the prelim_iov of PF
# (default: the record's "pf:"), normally atsm_sim, and print each line
# where the model differs from the record:
#   read REL: V (ERR, T us)              the file reads V (or fails with ERR)
#   write REL = V: ERR (T us), reads back B
#                                        the store is made again: same errno,
#                                        same value read back (rounding)
#   undo REL = V: ERR, restore ... = V: ERR   made again, same errno
#   rounding NAME: A -> B                B = what the last write read back
#   lmem overhead vfK (Q): N bytes       lmem_free before - after the last
#                                        write - its quota
#   lmem free ...: X, ecc: ... N MiB, layout: L, sriov_totalvfs, sriov_numvfs
# Timings, identity (kernel, IDs, driver, i915 version) and the record's own
# verdict lines are not compared. A line it does not know is a difference
# too (a newer probe format must be taught here). Needs 0 VFs on PF; every
# value it changes is put back at the end (also ones the record's undo
# lines do not cover, when the model accepted what the card refused).
# Exit: 0 no difference, 1 differences, 2 usage or a record without writes.
# Busybox sh; uses sysw (selftests/tools) for the errno of a store.

rec=$1
[ -r "$rec" ] || { echo "usage: probe_replay.sh RECORD [PF]" >&2; exit 2; }
pf=${2:-$(sed -n 's/^pf: //p' "$rec" | head -n 1)}
dev=/sys/bus/pci/devices/$pf
iov=$(echo "$dev"/drm/card*/prelim_iov)
J=/tmp/probe_replay.$$
: > "$J"
ndiff=0 nwrite=0 n=0 back='' fbefore='' fafter=''
auto0=$(cat "$iov/pf/auto_provisioning" 2>/dev/null)

if [ "$(cat "$dev/sriov_numvfs" 2>/dev/null)" != 0 ]; then
	echo "probe_replay: $pf: needs an SR-IOV PF with 0 VFs" >&2
	exit 2
fi

diff_at() { # what record sim
	ndiff=$((ndiff + 1))
	echo "line $n: $1: record '$2', atsm_sim '$3'"
}

same() { # what record sim
	[ "$2" = "$3" ] || diff_at "$1" "$2" "$3"
}

# rd REL: rval = prelim_iov/REL ("-" when it cannot be read), rerr = errno
rd() {
	rval=-
	if [ ! -e "$iov/$1" ]; then
		rerr=ENOENT
	elif rval=$(cat "$iov/$1" 2>/dev/null); then
		rerr=ok
	else
		rval=-
		rerr=EIO
	fi
}

free_now() { cat "$iov/pf/gt/available/lmem_free" 2>/dev/null; }

# wr REL VAL: store; werr = the errno name or "ok"
wr() {
	werr=$(sysw "$iov/$1" "$2")
	werr=${werr:-ok}
}

# journal REL: remember its value before the first write of the record
journal() {
	grep -q "^$1 " "$J" || echo "$1 $(cat "$iov/$1" 2>/dev/null)" >> "$J"
}

layout() {
	if [ -d "$iov/pf/gt0" ]; then
		echo "multi-tile (gt0/)"
	elif [ -d "$iov/pf/gt" ]; then
		echo "single-tile (gt/)"
	else
		echo "no pf/gt/ (i915 still probing?)"
	fi
}

replay_read() { # "REL: V (ERR, T us)"
	_rel=${1%%: *}
	_r=${1#*: }
	_val=${_r% (*}
	_err=${_r##* (}
	_err=${_err%%,*}
	rd "$_rel"
	same "read $_rel" "$_val ($_err)" "$rval ($rerr)"
}

replay_write() { # "REL = V: ERR (T us), reads back B"
	_rel=${1%% = *}
	_r=${1#* = }
	_val=${_r%%: *}
	_r=${_r#*: }
	_err=${_r%% (*}
	_back=${_r##*, reads back }
	case $_rel in */lmem_quota) fbefore=$(free_now) ;; esac
	journal "$_rel"
	wr "$_rel" "$_val"
	rd "$_rel"
	back=$rval
	[ "$back" = - ] && back=
	case $_rel in */lmem_quota) fafter=$(free_now) ;; esac
	nwrite=$((nwrite + 1))
	same "write $_rel = $_val: errno" "$_err" "$werr"
	same "write $_rel = $_val: reads back" "$_back" "$back"
}

replay_store() { # "REL = V: ERR" (undo and restore lines)
	_rel=$1
	_r=${2#* = }
	_val=${_r%: *}
	_err=${_r##*: }
	wr "$_rel" "$_val"
	same "$3 $_rel = $_val: errno" "$_err" "$werr"
}

replay_line() {
	case $1 in
	"vfprov-probe: "*|"pf: "*|"kernel: "*|"vendor: "*|"device: "*|\
	"subsystem_device: "*|"sriov_drivers_autoprobe: "*|"driver: "*|\
	"i915.max_vfs: "*|"i915.srcversion: "*|"prelim_iov: /"*|\
	"interrupted: "*|"state restored: "*|"differs after undo: "*|"")
		;;
	"sriov_totalvfs: "*|"sriov_numvfs: "*)
		_k=${1%%: *}
		same "$_k" "${1#*: }" "$(cat "$dev/$_k")" ;;
	"prelim_iov: absent"*)
		diff_at "prelim_iov" absent "$iov" ;;
	"refused: "*)
		echo "probe_replay: the record has no writes: $1" >&2
		exit 2 ;;
	"layout: "*)
		same layout "${1#layout: }" "$(layout)" ;;
	"read "*)
		replay_read "${1#read }" ;;
	"write "*)
		replay_write "${1#write }" ;;
	"undo "*)
		_r=${1#undo }
		replay_store "${_r%% = *}" "$_r" undo ;;
	"restore auto_provisioning = "*)
		replay_store pf/auto_provisioning "${1#restore }" restore ;;
	"rounding "*)
		_r=${1##* -> }
		same "${1%%:*}" "$_r" "$back" ;;
	"lmem overhead "*)
		_r=${1##*: }
		same "${1%%:*}" "${_r% bytes}" "$((fbefore - fafter - back))" ;;
	"lmem free after release: "*)
		_r=${1#lmem free after release: }
		same "lmem free after release" "${_r%% *}" "$(free_now)" ;;
	"lmem free with vf1 at max_quota: "*)
		same "lmem free with vf1 at max_quota" \
			"${1##*: }" "$(free_now)" ;;
	"lmem: none")
		same "lmem_free" 0 "$(free_now)" ;;
	"ecc: "*)
		_r=${1#*LMEM free + spare }
		_s=$(cat "$iov/pf/gt/lmem_spare" 2>/dev/null)
		same "LMEM free + spare (MiB)" "${_r%% MiB*}" \
			"$((($(free_now) + ${_s:-0}) / 1048576))" ;;
	*)
		diff_at "line not understood (newer probe format?)" "$1" - ;;
	esac
}

while IFS= read -r line; do
	n=$((n + 1))
	replay_line "$line"
done < "$rec"

# put back what the record's own undo lines did not (newest first)
sed -n '1!G;h;$p' "$J" | while read -r rel old; do
	[ -n "$old" ] || continue
	[ "$(cat "$iov/$rel" 2>/dev/null)" = "$old" ] && continue
	wr "$rel" "$old"
	echo "cleanup: $rel = $old: $werr"
done
if [ -n "$auto0" ] && [ "$(cat "$iov/pf/auto_provisioning")" != "$auto0" ]; then
	wr pf/auto_provisioning "$auto0"
	echo "cleanup: pf/auto_provisioning = $auto0: $werr"
fi
rm -f "$J"
echo "replay: $n lines, $nwrite writes, $ndiff differences"
[ "$ndiff" = 0 ]
