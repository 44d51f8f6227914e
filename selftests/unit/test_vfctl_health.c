// SPDX-License-Identifier: GPL-2.0
/*
 * Issue 21 in vfctl's pure parts: per-VF thresholds, PF policies and
 * priority through netlink (built and read back), pf-get caps, vf-get
 * health (state, LMEM allocated, adverse counters), vf-ntf events, the
 * vf-action request; the config file keys (text and JSON) and their
 * errors; export | apply (no differences) and assert listing them; the
 * caps check's "not supported by this driver version".
 */
#include <string.h>
#include <linux/genetlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "assert.h"
#include "conffile.h"
#include "export.h"
#include "nl_msg.h"
#include "vfctl_genl.h"
#include "vfctl_tap.h"

#define PAGE_FAULT VFPROV_ADVERSE_PAGE_FAULT
#define CAT_ERROR VFPROV_ADVERSE_CAT_ERROR

static void put_adverse(struct nl_msg *m, uint32_t kind, uint64_t n)
{
	struct nlattr *a = nla_nest_start(m, VFPROV_A_VF_ADVERSE);

	nla_put_u32(m, VFPROV_A_ADVERSE_COUNT_TYPE, kind);
	nla_put_u64(m, VFPROV_A_ADVERSE_COUNT_COUNT, n);
	nla_nest_end(m, a);
}

/* A vf-get reply or a vf-ntf of VF 2 with health and a threshold. */
static struct nl_msg *vf_msg(uint8_t cmd, bool ntf)
{
	struct nl_msg *m = msg_new(FAM, cmd);
	struct nlattr *c;

	nla_put_string(m, VFPROV_A_VF_PF_ADDR, "0000:4d:00.0");
	nla_put_u32(m, VFPROV_A_VF_ID, 2);
	nla_put_string(m, VFPROV_A_VF_PCI_ADDR, "0000:4d:00.2");
	nla_put_u32(m, VFPROV_A_VF_IOMMU_GROUP, 17);
	nla_put_u32(m, VFPROV_A_VF_STATE, VFPROV_VF_RUN_STATE_PAUSED);
	nla_put_u64(m, VFPROV_A_VF_LMEM_ALLOC, 3ull << 29);
	c = nla_nest_start(m, VFPROV_A_VF_CONFIG);
	nla_put_u32(m, VFPROV_A_VF_CONFIG_ID, 2);
	nla_put_u64(m, VFPROV_A_VF_CONFIG_LMEM, 2ull << 30);
	nla_put_u32(m, VFPROV_A_VF_CONFIG_THRESHOLD_PAGE_FAULT_COUNT, 10);
	nla_put_u32(m, VFPROV_A_VF_CONFIG_THRESHOLD_DOORBELL_TIME_US, 0);
	nla_nest_end(m, c);
	put_adverse(m, PAGE_FAULT, 12);
	put_adverse(m, CAT_ERROR, 1);
	put_adverse(m, 99, 5);		/* a newer kernel's kind: ignored */
	if (ntf) {
		nla_put_u32(m, VFPROV_A_VF_CHANGE, VFPROV_VF_CHANGE_ADVERSE);
	}
	return m;
}

static void vf_health(void)
{
	struct nl_msg *m = vf_msg(VFPROV_CMD_VF_GET, false);
	struct vf_state vs;

	ok(!nlm_vf(nlmsg_hdr(m), &vs), "vf-get reply with health parses");
	ok(vs.have_state && vs.run_state == VFPROV_VF_RUN_STATE_PAUSED, "run state paused");
	ok(vs.have_lmem_alloc && vs.lmem_alloc == 3ull << 29, "LMEM allocated (telemetry)");
	is_u64(vs.adverse_set, (1u << PAGE_FAULT) | (1u << CAT_ERROR),
	       "adverse kinds: page-fault and cat-error, not the unknown one");
	is_u64(vs.adverse[PAGE_FAULT], 12, "page-fault total");
	ok((vs.cfg.set & VF_SET_THR(PAGE_FAULT)) && vs.cfg.thr[PAGE_FAULT] == 10,
	   "threshold page_fault_count 10");
	ok((vs.cfg.set & VF_SET_THR(VFPROV_ADVERSE_DOORBELL_TIME)) &&
	   !vs.cfg.thr[VFPROV_ADVERSE_DOORBELL_TIME], "a threshold of 0 (disabled) is reported");
	ok(!(vs.cfg.set & VF_SET_THR(CAT_ERROR)), "absent thresholds are not set");
	nlmsg_free(m);

	m = msg_new(FAM, VFPROV_CMD_VF_GET);
	nla_put_u32(m, VFPROV_A_VF_ID, 1);
	ok(!nlm_vf(nlmsg_hdr(m), &vs) && !vs.have_state && !vs.have_lmem_alloc &&
	   !vs.adverse_set, "an older kernel's VF: no health, nothing invented");
	nlmsg_free(m);
}

static void pf_caps(void)
{
	static struct pf_state pf;
	struct nl_msg *m = msg_new(FAM, VFPROV_CMD_PF_GET);
	struct nlattr *c;

	nla_put_string(m, VFPROV_A_PF_ADDR, "0000:4d:00.0");
	nla_put_u32(m, VFPROV_A_PF_CAPS, VFPROV_CAPS_THRESHOLDS | VFPROV_CAPS_VF_FLR);
	c = nla_nest_start(m, VFPROV_A_PF_CONFIG);
	nla_put_u8(m, VFPROV_A_CONFIG_ENGINE_RESET, 1);
	nla_put_u32(m, VFPROV_A_CONFIG_SAMPLE_PERIOD_MS, 250);
	nla_put_u32(m, VFPROV_A_CONFIG_SCHED_PRIORITY, VFPROV_SCHED_PRIORITY_HIGH);
	nla_nest_end(m, c);
	ok(!nlm_pf(nlmsg_hdr(m), &pf), "pf-get with caps parses");
	ok(pf.have_caps && pf.caps == (VFPROV_CAPS_THRESHOLDS | VFPROV_CAPS_VF_FLR), "caps");
	ok(pf.cfg.set & REQ_SET_ENGINE_RESET && pf.cfg.engine_reset == 1, "engine_reset");
	ok(pf.cfg.set & REQ_SET_SAMPLE_PERIOD && pf.cfg.sample_period_ms == 250, "sample_period_ms");
	ok(pf.cfg.set & REQ_SET_SCHED_PRIO && pf.cfg.sched_priority == VFPROV_SCHED_PRIORITY_HIGH,
	   "sched_priority");
	nlmsg_free(m);
}

static void vf_events(void)
{
	struct nl_msg *m = vf_msg(VFPROV_CMD_VF_NTF, true);
	struct vf_result ev;

	ok(!nlm_event(nlmsg_hdr(m), &ev), "vf-ntf (adverse) parses");
	ok(ev.event == VFCTL_EV_VF_ADVERSE && ev.have_vf && !ev.have_pf, "an adverse VF event");
	is_str(ev.addr, "0000:4d:00.0", "its PF");
	ok(ev.vf.id == 2 && !strcmp(ev.vf.pci_addr, "0000:4d:00.2") &&
	   ev.vf.iommu_group == 17, "its VF, PCI address and IOMMU group");
	is_u64(ev.vf.adverse[PAGE_FAULT], 12, "the total that grew");
	is_str(event_word(&ev), "vf-adverse", "event word");
	nlmsg_free(m);

	m = msg_new(FAM, VFPROV_CMD_VF_NTF);
	nla_put_string(m, VFPROV_A_VF_PF_ADDR, "0000:4d:00.0");
	nla_put_u32(m, VFPROV_A_VF_ID, 1);
	nla_put_u32(m, VFPROV_A_VF_STATE, VFPROV_VF_RUN_STATE_STOPPED);
	nla_put_u32(m, VFPROV_A_VF_CHANGE, VFPROV_VF_CHANGE_ACTION);
	nla_put_u32(m, VFPROV_A_VF_ACTION, VFPROV_VF_ACTION_STOP);
	ok(!nlm_event(nlmsg_hdr(m), &ev) && ev.event == VFCTL_EV_VF_ACTION &&
	   ev.have_action && ev.action == VFPROV_VF_ACTION_STOP &&
	   ev.vf.run_state == VFPROV_VF_RUN_STATE_STOPPED, "vf-ntf (action stop) parses");
	is_str(vf_action_done(ev.action), "stopped", "stop reads stopped");
	nlmsg_free(m);
}

static void vf_action_request(void)
{
	struct nl_msg *m = msg_new(FAM, VFPROV_CMD_VF_ACTION);
	struct nlattr *tb[VFPROV_A_TXN_MAX + 1];

	ok(!nlm_put_vf_action(m, "0000:4d:00.0", 3, VFPROV_VF_ACTION_FLR, VFPROV_FLAGS_FORCE),
	   "vf-action request built");
	ok(!genlmsg_parse(nlmsg_hdr(m), 0, tb, VFPROV_A_TXN_MAX, NULL), "it parses");
	ok(tb[VFPROV_A_TXN_PF_ADDR] && !strcmp(nla_get_string(tb[VFPROV_A_TXN_PF_ADDR]), "0000:4d:00.0"),
	   "pf-addr");
	ok(tb[VFPROV_A_TXN_VF_ID] && nla_get_u32(tb[VFPROV_A_TXN_VF_ID]) == 3, "vf-id");
	ok(tb[VFPROV_A_TXN_ACTION] && nla_get_u32(tb[VFPROV_A_TXN_ACTION]) == VFPROV_VF_ACTION_FLR,
	   "action flr");
	ok(tb[VFPROV_A_TXN_FLAGS] && nla_get_u32(tb[VFPROV_A_TXN_FLAGS]) == VFPROV_FLAGS_FORCE,
	   "force flag");
	ok(!tb[VFPROV_A_TXN_CONFIG], "no config");
	nlmsg_free(m);
}

static void config_roundtrip(void)
{
	static struct vf_req req, back;
	struct nl_msg *m = msg_new(FAM, VFPROV_CMD_PLAN);
	struct vf_result r = { 0 };
	char err[256];

	ok(!req_set_key(&req, "vfs", "2", err, sizeof(err)), "vfs");
	ok(!req_set_key(&req, "vf.2.threshold.page_fault_count", "10", err, sizeof(err)),
	   "vf.2.threshold.page_fault_count = 10 (%s)", err);
	ok(!req_set_key(&req, "threshold.h2g_time_us", "500", err, sizeof(err)),
	   "threshold.h2g_time_us for every VF");
	ok(!req_set_key(&req, "engine_reset", "yes", err, sizeof(err)), "engine_reset = yes");
	ok(!req_set_key(&req, "sample_period_ms", "100", err, sizeof(err)), "sample_period_ms");
	ok(!req_set_key(&req, "sched_priority", "high", err, sizeof(err)), "sched_priority = high");
	req_expand(&req);
	ok(!nlm_put_config(m, VFPROV_A_TXN_PLAN, &req), "config nest built");
	ok(!nlm_txn_reply(nlmsg_hdr(m), &r, &back), "read back");
	ok(back.engine_reset == 1 && back.sample_period_ms == 100 &&
	   back.sched_priority == VFPROV_SCHED_PRIORITY_HIGH &&
	   (back.set & (REQ_SET_ENGINE_RESET | REQ_SET_SAMPLE_PERIOD | REQ_SET_SCHED_PRIO)) ==
	   (REQ_SET_ENGINE_RESET | REQ_SET_SAMPLE_PERIOD | REQ_SET_SCHED_PRIO), "policies round-trip");
	ok(back.vf[1].thr[PAGE_FAULT] == 10 && back.vf[1].thr[VFPROV_ADVERSE_H2G_TIME] == 500 &&
	   back.vf[0].thr[VFPROV_ADVERSE_H2G_TIME] == 500 &&
	   !(back.vf[0].set & VF_SET_THR(PAGE_FAULT)), "thresholds round-trip, per VF");
	nlmsg_free(m);
}

static void bad_keys(void)
{
	static struct vf_req req;
	char err[256];

	ok(req_set_key(&req, "vf.1.threshold.bogus", "1", err, sizeof(err)) &&
	   strstr(err, "page_fault_count"), "an unknown threshold lists the known ones (%s)", err);
	ok(req_set_key(&req, "vf.1.threshold.page_fault_count", "-1", err, sizeof(err)),
	   "a negative threshold is refused (%s)", err);
	ok(req_set_key(&req, "sched_priority", "urgent", err, sizeof(err)) &&
	   strstr(err, "low, normal or high"), "a bad priority says which are good (%s)", err);
	ok(req_set_key(&req, "engine_reset", "maybe", err, sizeof(err)), "engine_reset maybe");
	ok(!req.set && !req.vf[0].set, "nothing was set by the refused keys");
}

static void caps(void)
{
	static struct vf_req req;
	char err[256];

	ok(!req_caps_check(&req, 0, err, sizeof(err)), "a plain request needs no caps");
	req_set_key(&req, "vf.1.threshold.cat_error_count", "3", err, sizeof(err));
	ok(req_caps_check(&req, VFPROV_CAPS_POLICIES, err, sizeof(err)) &&
	   strstr(err, "not supported by this driver version") && strstr(err, "threshold"),
	   "thresholds without the cap: not supported by this driver version (%s)", err);
	ok(!req_caps_check(&req, VFPROV_CAPS_THRESHOLDS, err, sizeof(err)), "with the cap: fine");
	req_set_key(&req, "sched_priority", "low", err, sizeof(err));
	ok(req_caps_check(&req, VFPROV_CAPS_THRESHOLDS, err, sizeof(err)) &&
	   strstr(err, "sched_priority"), "priority without its cap (%s)", err);
}

static const char conf_text[] =
	"[pf 0000:4d:00.0]\n"
	"vfs = 2\n"
	"engine_reset = 1\n"
	"sample_period_ms = 100\n"
	"sched_priority = normal\n"
	"vf.1.threshold.page_fault_count = 10\n"
	"vf.2.threshold.irq_time_us = 0\n";

static const char conf_json[] =
	"{\"schema_version\": 1, \"pfs\": [{\"address\": \"0000:4d:00.0\", \"vfs\": 2,"
	" \"engine_reset\": true, \"sample_period_ms\": 100, \"sched_priority\": \"normal\","
	" \"vf\": [{\"id\": 1, \"threshold.page_fault_count\": 10},"
	" {\"id\": 2, \"threshold.irq_time_us\": 0}]}]}";

static void conf_files(void)
{
	struct conf a = { 0 }, b = { 0 };
	char err[256];

	ok(!conf_parse_str("t.conf", conf_text, &a, err, sizeof(err)), "text config parses (%s)", err);
	ok(!conf_parse_str("t.json", conf_json, &b, err, sizeof(err)), "JSON config parses (%s)", err);
	ok(a.n == 1 && b.n == 1 && a.pf[0].req.set == b.pf[0].req.set &&
	   a.pf[0].req.sched_priority == VFPROV_SCHED_PRIORITY_NORMAL &&
	   b.pf[0].req.engine_reset == 1 &&
	   !memcmp(&a.pf[0].req.vf[0], &b.pf[0].req.vf[0], sizeof(a.pf[0].req.vf[0])) &&
	   !memcmp(&a.pf[0].req.vf[1], &b.pf[0].req.vf[1], sizeof(a.pf[0].req.vf[1])),
	   "both forms give the same request");
	conf_free(&a);
	conf_free(&b);
	ok(conf_parse_str("t.conf", "[pf 0000:4d:00.0]\nvf.1.threshold.nope = 1\n", &a, err,
			  sizeof(err)) && strstr(err, "t.conf:2"), "a bad key names its line (%s)", err);
	conf_free(&a);
}

static void export_assert(void)
{
	static struct pf_state pf;
	struct exp_pf e = { .st = &pf };
	struct conf c = { 0 };
	struct diffs d = { 0 };
	static struct vf_req live, want;
	char *buf = NULL, err[256];
	size_t len = 0;
	FILE *f;
	int i;

	snprintf(pf.addr, sizeof(pf.addr), "0000:4d:00.0");
	pf.have_cfg = true;
	conf_parse_str("t", conf_text, &c, err, sizeof(err));
	pf.cfg = c.pf[0].req;
	conf_free(&c);
	f = open_memstream(&buf, &len);
	export_conf(f, &e, 1);
	fclose(f);
	ok(buf && strstr(buf, "vf.1.threshold.page_fault_count = 10") &&
	   strstr(buf, "sched_priority = normal") && strstr(buf, "engine_reset = 1") &&
	   strstr(buf, "sample_period_ms = 100"), "export writes the keys");
	ok(!conf_parse_str("export", buf, &c, err, sizeof(err)), "export parses back (%s)", err);
	export_live_req(&pf, &live);
	want = c.pf[0].req;
	req_expand(&want);
	is_u64(assert_compare(pf.addr, &want, &live, &d), 0, "export | assert: no differences");
	free(buf);
	want.vf[0].thr[PAGE_FAULT] = 11;
	want.sched_priority = VFPROV_SCHED_PRIORITY_LOW;
	is_u64(assert_compare(pf.addr, &want, &live, &d), 2, "assert lists a threshold and the priority");
	for (i = 0; i < d.n; i++)
		if (d.d[i].vf == 1)
			ok(!strcmp(d.d[i].field, "threshold.page_fault_count") &&
			   !strcmp(d.d[i].want, "11") && !strcmp(d.d[i].have, "10"),
			   "the threshold's difference: want 11, have 10");
		else
			ok(!strcmp(d.d[i].field, "sched_priority") && !strcmp(d.d[i].want, "low") &&
			   !strcmp(d.d[i].have, "normal"), "the priority's difference: low vs normal");
	diffs_free(&d);
	conf_free(&c);
}

int main(void)
{
	vf_health();
	pf_caps();
	vf_events();
	vf_action_request();
	config_roundtrip();
	bad_keys();
	caps();
	conf_files();
	export_assert();
	return tap_done();
}
