#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# timeout: 600
# Who may do what, seen through the kernel's YNL CLI: user nobody reads
# (pf-get dump), plans and joins "events", but apply and reset are refused
# with EPERM and "audit" cannot be joined; root without CAP_SYS_ADMIN
# (capsh --drop, CAP_NET_ADMIN kept, as network daemons and containers run)
# plans, but apply and reset are refused too. Nothing refused touched the PF.
. "${0%/*}/../lib/core.sh"
. "$VFPROV_LIB/ynl.sh"

W=/tmp/ynl_priv
mkdir -p "$W"
chmod 0777 /tmp "$W"
grep -q '^nobody:' /etc/passwd 2>/dev/null ||
	echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >>/etc/passwd

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov
t_start "host python3, YNL CLI and capsh reachable in the guest" ynl_setup

# ynlrun OUT ARGS... (JSON in $W/json): cli.py as whoever runs the script
cat > "$W/ynlrun" <<EOF
#!/bin/sh
export VFPROV_LIB=$VFPROV_LIB
. "$VFPROV_LIB/ynl.sh"
out=\$1
shift
ynlq "\$@" --json "\$(cat $W/json)" > "\$out" 2>&1
EOF
chmod 0755 "$W/ynlrun"
as_nobody() { su -s /bin/sh nobody -c "$W/ynlrun $*"; }
# root with every capability but CAP_SYS_ADMIN, in the bounding set too
as_netadmin() {
	host_exec sbin/capsh --drop=cap_sys_admin --shell=/bin/sh -- -c "$W/ynlrun $*"
}

echo "{\"addr\": \"$SIM_PF\"}" > "$W/json"
as_nobody "$W/pf" --do pf-get
t_eq "nobody: pf-get answers" "$SIM_PF" "$(jq_py "$W/pf" "r['addr']" 2>&1)"
gen0=$(jq_py "$W/pf" "r['generation']")

echo "{\"pf-addr\": \"$SIM_PF\", \"config\": {\"num-vfs\": 2}}" > "$W/json"
as_nobody "$W/plan" --do plan
t_eq "nobody: plan answers with 2 VFs" 2 \
	"$(jq_py "$W/plan" "r['plan']['num-vfs']" 2>&1)"
as_nobody "$W/apply" --do apply
rc=$?
t_ok "nobody: apply refused (rc $rc)" grep -q 'Operation not permitted' "$W/apply"
echo "{\"pf-addr\": \"$SIM_PF\"}" > "$W/json"
as_nobody "$W/reset" --do reset
t_ok "nobody: reset refused" grep -q 'Operation not permitted' "$W/reset"

echo "{}" > "$W/json"
as_nobody "$W/ev" --subscribe events --sleep 1
t_eq "nobody: may join events" 0 "$?"
as_nobody "$W/au" --subscribe audit --sleep 1
rc=$?
t_ok "nobody: may not join audit (rc $rc)" \
	sh -c "[ $rc -ne 0 ] && grep -qE 'PermissionError|not permitted' '$W/au'"

if host_exec sbin/capsh --drop=cap_sys_admin --shell=/bin/sh -- \
	-c "grep CapEff /proc/self/status" > "$W/caps" 2>&1; then
	t_pass "capsh runs: $(cat "$W/caps")"
else
	t_fail "capsh runs" "$(head -n 2 "$W/caps")"
fi
echo "{\"pf-addr\": \"$SIM_PF\", \"config\": {\"num-vfs\": 2}}" > "$W/json"
as_netadmin "$W/plan2" --do plan
t_eq "root without CAP_SYS_ADMIN: plan answers with 2 VFs" 2 \
	"$(jq_py "$W/plan2" "r['plan']['num-vfs']" 2>&1)"
as_netadmin "$W/apply2" --do apply
t_ok "root without CAP_SYS_ADMIN: apply refused" \
	grep -q 'Operation not permitted' "$W/apply2"
t_ok "  ...saying CAP_SYS_ADMIN is required" \
	grep -q 'CAP_SYS_ADMIN required' "$W/apply2"
echo "{\"pf-addr\": \"$SIM_PF\"}" > "$W/json"
as_netadmin "$W/reset2" --do reset
t_ok "root without CAP_SYS_ADMIN: reset refused" \
	grep -q 'Operation not permitted' "$W/reset2"

echo "{\"addr\": \"$SIM_PF\"}" > "$W/json"
"$W/ynlrun" "$W/pf2" --do pf-get
t_eq "the PF was not changed: same generation" "$gen0" \
	"$(jq_py "$W/pf2" "r['generation']" 2>&1)"
t_eq "  ...no VF enabled" 0 "$(cat "$DEV/$SIM_PF/sriov_numvfs")"
t_done
