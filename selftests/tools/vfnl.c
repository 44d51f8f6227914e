// SPDX-License-Identifier: GPL-2.0
/*
 * vfnl - talk to vfprov (netlink ABI v2) over generic netlink, for the
 * shell tests.
 *
 *   vfnl pf-get [PF]                    one line per PF (all: dump)
 *   vfnl vf-get PF [ID]                 one line per VF (all: dump)
 *   vfnl plan PF [--force] [--gen=N] KEY=VAL...   the plan
 *   vfnl apply PF [--dry] [--force] [--if-changed] [--rebalance] [--gen=N]
 *              [--nowait] KEY=VAL...
 *   vfnl reset PF [--force] [--if-changed] [--gen=N] [--nowait]
 *   vfnl vf-action PF [--force] [--nowait] VF ACTION
 *                                       ACTION: stop pause resume clear flr
 *   vfnl monitor COUNT SECONDS [audit]  print COUNT events, or fail
 *                                       (audit: the privileged group)
 *
 * apply and reset are asynchronous in the kernel: vfnl subscribes to the
 * "events" group first, sends the request and, once it is queued (ack 0),
 * waits for the txn-ntf of its own transaction and prints that outcome
 * (first line, with txn=ID) as if it had been the reply; a lost notification (socket
 * overrun) is recovered from PF_GET's outcome ring. --nowait prints the
 * queued reply ("txn=ID", then the ack line) and returns. --dry sends a PLAN (v2 has no dry-run flag).
 * --residue (plan/apply/reset): fill freed kmalloc-128 objects with a
 * non-pointer pattern first, so that a read past a small attribute table
 * in the kernel finds garbage there, not a lucky NULL.
 *
 * KEY: num drv(vfio|xevfio|none|N) ggtt_spare lmem_spare ctx_spare db_spare eq pt
 * idle er sp prio, and vfK.{ggtt,lmem,ctx,db,eq,pt,weight,thr_cat,thr_er,
 * thr_pf,thr_h2g,thr_irq,thr_db} and per GT vfK.gtG.{ctx,db,eq,pt} (a GT
 * entry; replies print a GT's own values as gtG.KEY=N). pf-get prints caps=N
 * gts=N and, where the driver has them, er= sp= prio= (PF policies and
 * priority).
 * Output is "key=value" words; the last line of a request is
 * "ack=ENAME extack=... bad_off=N" and the exit code is 0 only for a zero
 * ack. For a transaction that was queued, ack is its outcome's errno (the
 * netlink ack was 0) and extack is empty.
 *
 * monitor counts the events v1 had (pf_added, pf_removed, pf_driver, and
 * committed/rolled_back/degraded/rejected transactions) and vf-ntf
 * (event=vf_action, event=vf_adverse with adv.KIND=TOTAL of the kinds that
 * grew); it prints, but does not count, pf_config (the PF after a
 * transaction) and unchanged.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <time.h>
#include <sys/xattr.h>
#include "../lib/vfnl.h"

static const char *const results[] = {
	"none", "committed", "rejected", "rolled_back", "degraded",
	"unchanged",
};
static const char *const states[] = { "idle", "applying", "degraded", "gone" };
static const char *const backends[] = { "none", "pci", "i915-prelim", "xe" };
static const char *const steps[] = {
	"", "validate", "autoprobe", "unbind", "disable",
	"auto_provisioning_off", "release", "spares", "quotas", "scheduling",
	"auto_provisioning_on", "enable", "bind", "verify", "undo",
	"thresholds", "policies", "action",
};
static const char *const vf_actions[] = {
	"stop", "pause", "resume", "clear", "flr",
};
static const char *const run_states[] = {
	"unknown", "running", "paused", "stopped",
};
static const char *const adverse_kinds[] = {
	"cat_error", "engine_reset", "page_fault", "h2g_time", "irq_time",
	"doorbell_time",
};
static const char *const fields[] = {
	"", "num_vfs", "vf_driver", "ggtt", "lmem", "contexts", "doorbells",
	"exec_quantum_ms", "preempt_timeout_us", "weight", "ggtt_spare",
	"lmem_spare", "contexts_spare", "doorbells_spare", "sched_if_idle",
	"vf_id", "flags", "expected_gen",
	"threshold_cat_error_count", "threshold_engine_reset_count",
	"threshold_page_fault_count", "threshold_h2g_time_us",
	"threshold_irq_time_us", "threshold_doorbell_time_us",
	"engine_reset", "sample_period_ms", "sched_priority", "action",
};
static const char *const resources[] = { "ggtt", "lmem", "contexts", "doorbells" };
static const char *const changes[] = {
	"pf_added", "pf_removed", "pf_driver", "pf_config",
};

#define NAME(tab, i) ((i) < sizeof(tab) / sizeof(tab[0]) ? tab[i] : "?")

static uint32_t u32_or(struct nlattr *a, uint32_t dflt)
{
	return a ? vfnl_get_u32(a) : dflt;
}

static uint64_t u64_or(struct nlattr *a, uint64_t dflt)
{
	return a ? vfnl_get_u64(a) : dflt;
}

static const char *str_or(struct nlattr *a, const char *dflt)
{
	return a ? (const char *)vfnl_data(a) : dflt;
}

/* A vf-config nest's GT entries: " gtK.ctx=N gtK.eq=N" */
static void put_vf_gts(struct nlattr *nest)
{
	static const char *const n[] = {
		[VFPROV_A_VF_GT_CONFIG_CONTEXTS] = "ctx",
		[VFPROV_A_VF_GT_CONFIG_DOORBELLS] = "db",
		[VFPROV_A_VF_GT_CONFIG_EXEC_QUANTUM_MS] = "eq",
		[VFPROV_A_VF_GT_CONFIG_PREEMPT_TIMEOUT_US] = "pt",
	};
	struct nlattr *a, *g[VFPROV_A_VF_GT_CONFIG_MAX + 1];
	unsigned int gt;
	int t;

	vfnl_for_each(a, vfnl_data(nest), vfnl_len(nest)) {
		if (vfnl_type(a) != VFPROV_A_VF_CONFIG_GT)
			continue;
		vfnl_parse(g, VFPROV_A_VF_GT_CONFIG_MAX, vfnl_data(a),
			   vfnl_len(a));
		gt = u32_or(g[VFPROV_A_VF_GT_CONFIG_ID], 99);
		for (t = VFPROV_A_VF_GT_CONFIG_CONTEXTS;
		     t <= VFPROV_A_VF_GT_CONFIG_PREEMPT_TIMEOUT_US; t++) {
			if (!g[t])
				continue;
			if (t <= VFPROV_A_VF_GT_CONFIG_DOORBELLS)
				printf(" gt%u.%s=%llu", gt, n[t],
				       (unsigned long long)vfnl_get_u64(g[t]));
			else
				printf(" gt%u.%s=%u", gt, n[t],
				       vfnl_get_u32(g[t]));
		}
	}
}

/* The quotas and scheduling of a vf-config nest. */
static void put_vf_cfg(struct nlattr *nest)
{
	static const char *const n[] = {
		[VFPROV_A_VF_CONFIG_GGTT] = "ggtt",
		[VFPROV_A_VF_CONFIG_LMEM] = "lmem",
		[VFPROV_A_VF_CONFIG_CONTEXTS] = "ctx",
		[VFPROV_A_VF_CONFIG_DOORBELLS] = "db",
		[VFPROV_A_VF_CONFIG_EXEC_QUANTUM_MS] = "eq",
		[VFPROV_A_VF_CONFIG_PREEMPT_TIMEOUT_US] = "pt",
		[VFPROV_A_VF_CONFIG_WEIGHT] = "weight",
		[VFPROV_A_VF_CONFIG_THRESHOLD_CAT_ERROR_COUNT] = "thr_cat",
		[VFPROV_A_VF_CONFIG_THRESHOLD_ENGINE_RESET_COUNT] = "thr_er",
		[VFPROV_A_VF_CONFIG_THRESHOLD_PAGE_FAULT_COUNT] = "thr_pf",
		[VFPROV_A_VF_CONFIG_THRESHOLD_H2G_TIME_US] = "thr_h2g",
		[VFPROV_A_VF_CONFIG_THRESHOLD_IRQ_TIME_US] = "thr_irq",
		[VFPROV_A_VF_CONFIG_THRESHOLD_DOORBELL_TIME_US] = "thr_db",
	};
	struct nlattr *tb[VFPROV_A_VF_CONFIG_MAX + 1];
	int t;

	if (!nest)
		return;
	vfnl_parse(tb, VFPROV_A_VF_CONFIG_MAX, vfnl_data(nest), vfnl_len(nest));
	for (t = VFPROV_A_VF_CONFIG_GGTT;
	     t <= VFPROV_A_VF_CONFIG_THRESHOLD_DOORBELL_TIME_US; t++) {
		if (!tb[t] || !n[t])
			continue;
		if (t <= VFPROV_A_VF_CONFIG_DOORBELLS)
			printf(" %s=%llu", n[t],
			       (unsigned long long)vfnl_get_u64(tb[t]));
		else
			printf(" %s=%u", n[t], vfnl_get_u32(tb[t]));
	}
	put_vf_gts(nest);
}

/* The words of an outcome nest (result first, msg last). */
static void print_outcome(struct nlattr *nest)
{
	struct nlattr *o[VFPROV_A_OUTCOME_MAX + 1];

	vfnl_parse(o, VFPROV_A_OUTCOME_MAX, vfnl_data(nest), vfnl_len(nest));
	printf("result=%s errno=%d step=%s vf=%u field=%s gen=%llu txn=%llu msg=\"%s\"\n",
	       NAME(results, u32_or(o[VFPROV_A_OUTCOME_RESULT], 0)),
	       (int)u32_or(o[VFPROV_A_OUTCOME_ERRNO], 0),
	       NAME(steps, u32_or(o[VFPROV_A_OUTCOME_STEP], 0)),
	       u32_or(o[VFPROV_A_OUTCOME_VF], 0),
	       NAME(fields, u32_or(o[VFPROV_A_OUTCOME_FIELD], 0)),
	       (unsigned long long)u64_or(o[VFPROV_A_OUTCOME_GENERATION], 0),
	       (unsigned long long)u64_or(o[VFPROV_A_OUTCOME_TXN_ID], 0),
	       str_or(o[VFPROV_A_OUTCOME_MESSAGE], ""));
}

static void *payload(struct nlmsghdr *h)
{
	return (char *)NLMSG_DATA(h) + GENL_HDRLEN;
}

static int payload_len(struct nlmsghdr *h)
{
	return h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
}

static void print_res(struct nlattr *r)
{
	struct nlattr *rtb[VFPROV_A_RESOURCE_MAX + 1];
	const char *n;

	vfnl_parse(rtb, VFPROV_A_RESOURCE_MAX, vfnl_data(r), vfnl_len(r));
	n = NAME(resources, u32_or(rtb[VFPROV_A_RESOURCE_TYPE], 9));
	printf(" %s.free=%llu %s.max_quota=%llu %s.spare=%llu",
	       n, (unsigned long long)u64_or(rtb[VFPROV_A_RESOURCE_FREE], 0),
	       n, (unsigned long long)u64_or(rtb[VFPROV_A_RESOURCE_MAX_QUOTA], 0),
	       n, (unsigned long long)u64_or(rtb[VFPROV_A_RESOURCE_SPARE], 0));
}

/* The PF policies and priority of a config nest, where present. */
static void print_policies(struct nlattr *nest)
{
	struct nlattr *c[VFPROV_A_CONFIG_MAX + 1];

	if (!nest)
		return;
	vfnl_parse(c, VFPROV_A_CONFIG_MAX, vfnl_data(nest), vfnl_len(nest));
	if (c[VFPROV_A_CONFIG_ENGINE_RESET])
		printf(" er=%u", vfnl_get_u8(c[VFPROV_A_CONFIG_ENGINE_RESET]));
	if (c[VFPROV_A_CONFIG_SAMPLE_PERIOD_MS])
		printf(" sp=%u", vfnl_get_u32(c[VFPROV_A_CONFIG_SAMPLE_PERIOD_MS]));
	if (c[VFPROV_A_CONFIG_SCHED_PRIORITY])
		printf(" prio=%u", vfnl_get_u32(c[VFPROV_A_CONFIG_SCHED_PRIORITY]));
}

/*
 * last_result/last_errno: the newest outcome (the first in the message);
 * last_txn its id, outcomes how many the PF keeps.
 */
static void print_pf_attrs(struct nlmsghdr *h)
{
	struct nlattr *tb[VFPROV_A_PF_MAX + 1], *a, *first = NULL;
	struct nlattr *o[VFPROV_A_OUTCOME_MAX + 1] = { 0 };
	struct nlattr *run[VFPROV_A_TXN_STATUS_MAX + 1] = { 0 };
	unsigned int n = 0;

	vfnl_parse_msg(tb, VFPROV_A_PF_MAX, h);
	vfnl_for_each(a, payload(h), payload_len(h))
		if (vfnl_type(a) == VFPROV_A_PF_OUTCOME && !n++)
			first = a;
	if (first)
		vfnl_parse(o, VFPROV_A_OUTCOME_MAX, vfnl_data(first),
			   vfnl_len(first));
	printf("pf=%s backend=%s driver=%s total=%u num=%u gen=%llu state=%s last_result=%s last_errno=%d last_txn=%llu outcomes=%u",
	       str_or(tb[VFPROV_A_PF_ADDR], ""),
	       NAME(backends, u32_or(tb[VFPROV_A_PF_BACKEND], 0)),
	       str_or(tb[VFPROV_A_PF_DRIVER], ""),
	       u32_or(tb[VFPROV_A_PF_TOTAL_VFS], 0),
	       u32_or(tb[VFPROV_A_PF_NUM_VFS], 0),
	       (unsigned long long)u64_or(tb[VFPROV_A_PF_GENERATION], 0),
	       NAME(states, u32_or(tb[VFPROV_A_PF_STATE], 0)),
	       NAME(results, u32_or(o[VFPROV_A_OUTCOME_RESULT], 0)),
	       (int)u32_or(o[VFPROV_A_OUTCOME_ERRNO], 0),
	       (unsigned long long)u64_or(o[VFPROV_A_OUTCOME_TXN_ID], 0), n);
	if (tb[VFPROV_A_PF_RUNNING]) {
		vfnl_parse(run, VFPROV_A_TXN_STATUS_MAX,
			   vfnl_data(tb[VFPROV_A_PF_RUNNING]),
			   vfnl_len(tb[VFPROV_A_PF_RUNNING]));
		printf(" running=%llu running_step=%s running_vf=%u",
		       (unsigned long long)u64_or(run[VFPROV_A_TXN_STATUS_TXN_ID], 0),
		       NAME(steps, u32_or(run[VFPROV_A_TXN_STATUS_STEP], 0)),
		       u32_or(run[VFPROV_A_TXN_STATUS_VF], 0));
	}
	printf(" caps=%u gts=%u", u32_or(tb[VFPROV_A_PF_CAPS], 0),
	       u32_or(tb[VFPROV_A_PF_GTS], 0));
	print_policies(tb[VFPROV_A_PF_CONFIG]);
	vfnl_for_each(a, payload(h), payload_len(h))
		if (vfnl_type(a) == VFPROV_A_PF_RESOURCE)
			print_res(a);
}

static int print_pf(struct nlmsghdr *h, void *arg)
{
	(void)arg;
	print_pf_attrs(h);
	printf("\n");
	return 0;
}

/* state, lmem_alloc and the adverse nests (adv.KIND=COUNT) of a VF message */
static void print_vf_health(struct nlmsghdr *h, struct nlattr **v)
{
	struct nlattr *a;

	printf(" state=%s", NAME(run_states, u32_or(v[VFPROV_A_VF_STATE], 9)));
	if (v[VFPROV_A_VF_LMEM_ALLOC])
		printf(" lmem_alloc=%llu", (unsigned long long)
		       vfnl_get_u64(v[VFPROV_A_VF_LMEM_ALLOC]));
	vfnl_for_each(a, payload(h), payload_len(h)) {
		struct nlattr *c[VFPROV_A_ADVERSE_COUNT_MAX + 1];

		if (vfnl_type(a) != VFPROV_A_VF_ADVERSE)
			continue;
		vfnl_parse(c, VFPROV_A_ADVERSE_COUNT_MAX, vfnl_data(a),
			   vfnl_len(a));
		printf(" adv.%s=%llu",
		       NAME(adverse_kinds, u32_or(c[VFPROV_A_ADVERSE_COUNT_TYPE], 9)),
		       (unsigned long long)u64_or(c[VFPROV_A_ADVERSE_COUNT_COUNT], 0));
	}
}

static int print_vf(struct nlmsghdr *h, void *arg)
{
	struct nlattr *v[VFPROV_A_VF_MAX + 1];

	(void)arg;
	vfnl_parse_msg(v, VFPROV_A_VF_MAX, h);
	printf("vf=%u enabled=%u addr=%s driver=%s group=%d in_use=%u",
	       u32_or(v[VFPROV_A_VF_ID], 0),
	       v[VFPROV_A_VF_ENABLED] ? vfnl_get_u8(v[VFPROV_A_VF_ENABLED]) : 0,
	       str_or(v[VFPROV_A_VF_PCI_ADDR], ""),
	       str_or(v[VFPROV_A_VF_DRIVER], ""),
	       (int)u32_or(v[VFPROV_A_VF_IOMMU_GROUP], -1),
	       v[VFPROV_A_VF_IN_USE] ? vfnl_get_u8(v[VFPROV_A_VF_IN_USE]) : 0);
	put_vf_cfg(v[VFPROV_A_VF_CONFIG]);
	print_vf_health(h, v);
	printf("\n");
	return 0;
}

static void print_plan(struct nlattr *plan)
{
	struct nlattr *c[VFPROV_A_CONFIG_MAX + 1], *a;

	vfnl_parse(c, VFPROV_A_CONFIG_MAX, vfnl_data(plan), vfnl_len(plan));
	printf("plan num=%u drv=%u\n", u32_or(c[VFPROV_A_CONFIG_NUM_VFS], 0),
	       u32_or(c[VFPROV_A_CONFIG_VF_DRIVER], 0));
	vfnl_for_each(a, vfnl_data(plan), vfnl_len(plan)) {
		struct nlattr *v[VFPROV_A_VF_CONFIG_MAX + 1];

		if (vfnl_type(a) != VFPROV_A_CONFIG_VF)
			continue;
		vfnl_parse(v, VFPROV_A_VF_CONFIG_MAX, vfnl_data(a), vfnl_len(a));
		printf("plan.vf=%u", u32_or(v[VFPROV_A_VF_CONFIG_ID], 0));
		put_vf_cfg(a);
		printf("\n");
	}
}

/* What the reply to plan/apply/reset said. */
struct reply {
	uint64_t txn;
	int have_outcome;
};

static int print_reply(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[VFPROV_A_TXN_MAX + 1];
	struct reply *r = arg;

	vfnl_parse_msg(tb, VFPROV_A_TXN_MAX, h);
	/* the outcome line (first, as tests read it) has txn= too */
	if (tb[VFPROV_A_TXN_TXN_ID])
		r->txn = vfnl_get_u64(tb[VFPROV_A_TXN_TXN_ID]);
	if (tb[VFPROV_A_TXN_OUTCOME]) {
		r->have_outcome = 1;
		print_outcome(tb[VFPROV_A_TXN_OUTCOME]);
	}
	if (tb[VFPROV_A_TXN_PLAN])
		print_plan(tb[VFPROV_A_TXN_PLAN]);
	return 0;
}

struct kv { const char *key; int attr; int wide; };

static const struct kv pf_keys[] = {
	{ "num", VFPROV_A_CONFIG_NUM_VFS, 0 },
	{ "ggtt_spare", VFPROV_A_CONFIG_GGTT_SPARE, 1 },
	{ "lmem_spare", VFPROV_A_CONFIG_LMEM_SPARE, 1 },
	{ "ctx_spare", VFPROV_A_CONFIG_CONTEXTS_SPARE, 1 },
	{ "db_spare", VFPROV_A_CONFIG_DOORBELLS_SPARE, 1 },
	{ "eq", VFPROV_A_CONFIG_EXEC_QUANTUM_MS, 0 },
	{ "pt", VFPROV_A_CONFIG_PREEMPT_TIMEOUT_US, 0 },
	{ "idle", VFPROV_A_CONFIG_SCHED_IF_IDLE, 2 },
	{ "er", VFPROV_A_CONFIG_ENGINE_RESET, 2 },
	{ "sp", VFPROV_A_CONFIG_SAMPLE_PERIOD_MS, 0 },
	{ "prio", VFPROV_A_CONFIG_SCHED_PRIORITY, 0 },
	{ NULL, 0, 0 },
};

static const struct kv vf_keys[] = {
	{ "ggtt", VFPROV_A_VF_CONFIG_GGTT, 1 },
	{ "lmem", VFPROV_A_VF_CONFIG_LMEM, 1 },
	{ "ctx", VFPROV_A_VF_CONFIG_CONTEXTS, 1 },
	{ "db", VFPROV_A_VF_CONFIG_DOORBELLS, 1 },
	{ "eq", VFPROV_A_VF_CONFIG_EXEC_QUANTUM_MS, 0 },
	{ "pt", VFPROV_A_VF_CONFIG_PREEMPT_TIMEOUT_US, 0 },
	{ "weight", VFPROV_A_VF_CONFIG_WEIGHT, 0 },
	{ "thr_cat", VFPROV_A_VF_CONFIG_THRESHOLD_CAT_ERROR_COUNT, 0 },
	{ "thr_er", VFPROV_A_VF_CONFIG_THRESHOLD_ENGINE_RESET_COUNT, 0 },
	{ "thr_pf", VFPROV_A_VF_CONFIG_THRESHOLD_PAGE_FAULT_COUNT, 0 },
	{ "thr_h2g", VFPROV_A_VF_CONFIG_THRESHOLD_H2G_TIME_US, 0 },
	{ "thr_irq", VFPROV_A_VF_CONFIG_THRESHOLD_IRQ_TIME_US, 0 },
	{ "thr_db", VFPROV_A_VF_CONFIG_THRESHOLD_DOORBELL_TIME_US, 0 },
	{ NULL, 0, 0 },
};

static void put_kv(struct vfnl_msg *m, const struct kv *k, unsigned long long v)
{
	if (k->wide == 1)
		vfnl_u64(m, k->attr, v);
	else if (k->wide == 2)
		vfnl_u8(m, k->attr, v);
	else
		vfnl_u32(m, k->attr, v);
}

static int put_pf_key(struct vfnl_msg *m, const char *key, const char *val)
{
	const struct kv *k;

	if (!strcmp(key, "drv")) {
		vfnl_u32(m, VFPROV_A_CONFIG_VF_DRIVER,
			 !strcmp(val, "vfio") ? VFPROV_VF_DRIVER_VFIO_PCI :
			 !strcmp(val, "xevfio") ? VFPROV_VF_DRIVER_XE_VFIO_PCI :
			 !strcmp(val, "none") ? VFPROV_VF_DRIVER_NONE :
			 strtoul(val, NULL, 0));
		return 0;
	}
	for (k = pf_keys; k->key; k++) {
		if (!strcmp(k->key, key)) {
			put_kv(m, k, strtoull(val, NULL, 0));
			return 0;
		}
	}
	return -1;
}

static const struct kv gt_keys[] = {
	{ "ctx", VFPROV_A_VF_GT_CONFIG_CONTEXTS, 1 },
	{ "db", VFPROV_A_VF_GT_CONFIG_DOORBELLS, 1 },
	{ "eq", VFPROV_A_VF_GT_CONFIG_EXEC_QUANTUM_MS, 0 },
	{ "pt", VFPROV_A_VF_GT_CONFIG_PREEMPT_TIMEOUT_US, 0 },
	{ NULL, 0, 0 },
};

static const struct kv *find_key(const struct kv *k, const char *key,
				 size_t len)
{
	for (; k->key; k++)
		if (!strncmp(k->key, key, len) && strlen(k->key) == len)
			return k;
	return NULL;
}

/* The GT entries of VF @id from its vfK.gtG.KEY=VAL words (G 0..9). */
static int build_vf_gts(struct vfnl_msg *m, int id, int argc, char **argv)
{
	int gt, i, open;

	for (gt = 0; gt <= 9; gt++) {
		open = 0;
		for (i = 0; i < argc; i++) {
			char pre[16], *eq = strchr(argv[i], '='), *key;
			const struct kv *k;

			snprintf(pre, sizeof(pre), "vf%d.gt%d.", id, gt);
			if (strncmp(argv[i], pre, strlen(pre)) || !eq)
				continue;
			key = argv[i] + strlen(pre);
			k = eq > key ? find_key(gt_keys, key, eq - key) : NULL;
			if (!k)
				return -1;
			if (!open) {
				vfnl_nest(m, VFPROV_A_VF_CONFIG_GT);
				vfnl_u32(m, VFPROV_A_VF_GT_CONFIG_ID, gt);
				open = 1;
			}
			put_kv(m, k, strtoull(eq + 1, NULL, 0));
		}
		if (open)
			vfnl_end(m);
	}
	return 0;
}

/* The multi-attr VF entry of VF @id from the vfK.KEY=VAL words, if any. */
static int build_vf(struct vfnl_msg *m, int id, int argc, char **argv)
{
	int i, open = 0;

	for (i = 0; i < argc; i++) {
		const struct kv *k;
		char *dot, *eq = strchr(argv[i], '=');

		if (strncmp(argv[i], "vf", 2) || atoi(argv[i] + 2) != id ||
		    !(dot = strchr(argv[i], '.')) || !eq || dot > eq)
			continue;
		if (!open) {
			vfnl_nest(m, VFPROV_A_CONFIG_VF);
			vfnl_u32(m, VFPROV_A_VF_CONFIG_ID, id);
			open = 1;
		}
		if (!strncmp(dot + 1, "gt", 2))
			continue;	/* build_vf_gts() */
		k = find_key(vf_keys, dot + 1, eq - dot - 1);
		if (!k)
			return -1;
		put_kv(m, k, strtoull(eq + 1, NULL, 0));
	}
	if (open && build_vf_gts(m, id, argc, argv))
		return -1;
	if (open)
		vfnl_end(m);
	return 0;
}

/* The config nest from KEY=VAL words; VF keys grouped per VF id. */
static int build_config(struct vfnl_msg *m, int argc, char **argv)
{
	int i, id;

	vfnl_nest(m, VFPROV_A_TXN_CONFIG);
	for (i = 0; i < argc; i++) {
		char key[64], *eq = strchr(argv[i], '=');

		if (!eq || eq - argv[i] >= (int)sizeof(key))
			return -1;
		snprintf(key, sizeof(key), "%.*s", (int)(eq - argv[i]), argv[i]);
		if (!strncmp(key, "vf", 2) && strchr(key, '.'))
			continue;
		if (put_pf_key(m, key, eq + 1))
			return -1;
	}
	for (id = 1; id <= VFPROV_MAX_VFS; id++)
		if (build_vf(m, id, argc, argv))
			return -1;
	vfnl_end(m);
	return 0;
}

/*
 * setxattr() copies the value into a kvmalloc()ed buffer (kmalloc-128 for
 * 128 bytes) before the filesystem looks at it and frees it on return,
 * whatever the answer: the next small allocations on this CPU get objects
 * full of 0x41.
 */
static void slab_residue(void)
{
	char v[128];
	int i;

	memset(v, 0x41, sizeof(v));
	for (i = 0; i < 16; i++)
		setxattr("/", "user.vfnl", v, sizeof(v), XATTR_REPLACE);
}

static int finish(struct vfnl *s, int err)
{
	printf("ack=%s extack=\"%s\" bad_off=%u\n",
	       err ? strerrorname_np(-err) : "0", s->extack, s->bad_off);
	return err ? 1 : 0;
}

/* ---- events ----------------------------------------------------------- */

static uint8_t genl_cmd(struct nlmsghdr *h)
{
	return ((struct genlmsghdr *)NLMSG_DATA(h))->cmd;
}

/* Prints one event; returns 1 if it counts (see the header). */
static int print_event(struct nlmsghdr *h)
{
	struct nlattr *tb[VFPROV_A_TXN_MAX + 1], *o[VFPROV_A_OUTCOME_MAX + 1];
	struct nlattr *who[VFPROV_A_REQUESTER_MAX + 1];
	uint32_t v;

	if (genl_cmd(h) == VFPROV_CMD_PF_NTF) {
		struct nlattr *p[VFPROV_A_PF_MAX + 1];

		vfnl_parse_msg(p, VFPROV_A_PF_MAX, h);
		v = u32_or(p[VFPROV_A_PF_CHANGE], 9);
		printf("event=%s pf=%s state=%s\n", NAME(changes, v),
		       str_or(p[VFPROV_A_PF_ADDR], ""),
		       NAME(states, u32_or(p[VFPROV_A_PF_STATE], 0)));
		fflush(stdout);
		return v != VFPROV_PF_CHANGE_CONFIG;
	}
	if (genl_cmd(h) == VFPROV_CMD_VF_NTF) {
		struct nlattr *p[VFPROV_A_VF_MAX + 1];

		vfnl_parse_msg(p, VFPROV_A_VF_MAX, h);
		v = u32_or(p[VFPROV_A_VF_CHANGE], 9);
		printf("event=%s pf=%s vf=%u addr=%s driver=%s in_use=%u",
		       v == VFPROV_VF_CHANGE_ACTION ? "vf_action" :
		       v == VFPROV_VF_CHANGE_ADVERSE ? "vf_adverse" : "vf_?",
		       str_or(p[VFPROV_A_VF_PF_ADDR], ""),
		       u32_or(p[VFPROV_A_VF_ID], 0),
		       str_or(p[VFPROV_A_VF_PCI_ADDR], ""),
		       str_or(p[VFPROV_A_VF_DRIVER], ""),
		       p[VFPROV_A_VF_IN_USE] ? vfnl_get_u8(p[VFPROV_A_VF_IN_USE]) : 0);
		if (p[VFPROV_A_VF_ACTION])
			printf(" action=%s", NAME(vf_actions,
			       vfnl_get_u32(p[VFPROV_A_VF_ACTION])));
		print_vf_health(h, p);
		printf("\n");
		fflush(stdout);
		return 1;
	}
	if (genl_cmd(h) != VFPROV_CMD_TXN_NTF)
		return 0;
	vfnl_parse_msg(tb, VFPROV_A_TXN_MAX, h);
	memset(o, 0, sizeof(o));
	if (tb[VFPROV_A_TXN_OUTCOME])
		vfnl_parse(o, VFPROV_A_OUTCOME_MAX,
			   vfnl_data(tb[VFPROV_A_TXN_OUTCOME]),
			   vfnl_len(tb[VFPROV_A_TXN_OUTCOME]));
	v = u32_or(o[VFPROV_A_OUTCOME_RESULT], 0);
	printf("event=%s pf=%s txn=%llu result=%s errno=%d step=%s vf=%u gen=%llu",
	       NAME(results, v), str_or(tb[VFPROV_A_TXN_PF_ADDR], ""),
	       (unsigned long long)u64_or(tb[VFPROV_A_TXN_TXN_ID], 0),
	       NAME(results, v), (int)u32_or(o[VFPROV_A_OUTCOME_ERRNO], 0),
	       NAME(steps, u32_or(o[VFPROV_A_OUTCOME_STEP], 0)),
	       u32_or(o[VFPROV_A_OUTCOME_VF], 0),
	       (unsigned long long)u64_or(o[VFPROV_A_OUTCOME_GENERATION], 0));
	if (tb[VFPROV_A_TXN_REQUESTER]) {
		vfnl_parse(who, VFPROV_A_REQUESTER_MAX,
			   vfnl_data(tb[VFPROV_A_TXN_REQUESTER]),
			   vfnl_len(tb[VFPROV_A_TXN_REQUESTER]));
		printf(" pid=%u uid=%u comm=%s",
		       u32_or(who[VFPROV_A_REQUESTER_PID], 0),
		       u32_or(who[VFPROV_A_REQUESTER_UID], 0),
		       str_or(who[VFPROV_A_REQUESTER_COMM], ""));
	}
	printf("\n");
	fflush(stdout);
	return v != VFPROV_RESULT_UNCHANGED && v != VFPROV_RESULT_NONE;
}

static int monitor(struct vfnl *s, int count, int seconds)
{
	static char buf[VFNL_BUF];
	struct pollfd p = { .fd = s->fd, .events = POLLIN };
	time_t end = time(NULL) + seconds;
	struct nlmsghdr *h;
	int n, got = 0;

	if (vfnl_subscribe(s))
		return 2;
	printf("monitoring\n");
	fflush(stdout);
	while (got < count && time(NULL) < end) {
		if (poll(&p, 1, 200) <= 0)
			continue;
		n = recv(s->fd, buf, sizeof(buf), 0);
		for (h = (struct nlmsghdr *)buf; n > 0 && NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type != s->family)
				continue;
			got += print_event(h);
		}
	}
	return got >= count ? 0 : 1;
}

/* ---- waiting for a transaction ---------------------------------------- */

/* Its outcome from PF_GET's ring, if it ended: 1 found, 0 not yet. */
struct ring_find {
	uint64_t txn;
	struct nlattr *found;
	char copy[4096];
};

static int ring_cb(struct nlmsghdr *h, void *arg)
{
	struct ring_find *f = arg;
	struct nlattr *a, *o[VFPROV_A_OUTCOME_MAX + 1];

	vfnl_for_each(a, payload(h), payload_len(h)) {
		if (vfnl_type(a) != VFPROV_A_PF_OUTCOME)
			continue;
		vfnl_parse(o, VFPROV_A_OUTCOME_MAX, vfnl_data(a), vfnl_len(a));
		if (o[VFPROV_A_OUTCOME_TXN_ID] &&
		    vfnl_get_u64(o[VFPROV_A_OUTCOME_TXN_ID]) == f->txn &&
		    a->nla_len <= sizeof(f->copy)) {
			memcpy(f->copy, a, a->nla_len);
			f->found = (struct nlattr *)f->copy;
		}
	}
	return 0;
}

static int ring_lookup(const char *pf, struct ring_find *f)
{
	static struct vfnl_msg m;
	struct vfnl s;
	int err;

	if (vfnl_open(&s))
		return -ENOENT;
	vfnl_init(&m, s.family, VFPROV_CMD_PF_GET, 0);
	vfnl_str(&m, VFPROV_A_PF_ADDR, pf);
	err = vfnl_talk(&s, &m, ring_cb, f);
	close(s.fd);
	return err;
}

static int outcome_errno(struct nlattr *nest)
{
	struct nlattr *o[VFPROV_A_OUTCOME_MAX + 1];

	vfnl_parse(o, VFPROV_A_OUTCOME_MAX, vfnl_data(nest), vfnl_len(nest));
	return (int)u32_or(o[VFPROV_A_OUTCOME_ERRNO], 0);
}

/* The txn-ntf of @txn on @ev; 0 and *err, or -1 on overrun / timeout. */
static int wait_ntf(struct vfnl *ev, uint64_t txn, int *err)
{
	static char buf[VFNL_BUF];
	struct pollfd p = { .fd = ev->fd, .events = POLLIN };
	time_t end = time(NULL) + 3600;
	struct nlattr *tb[VFPROV_A_TXN_MAX + 1];
	struct nlmsghdr *h;
	int n;

	while (time(NULL) < end) {
		if (poll(&p, 1, 1000) <= 0)
			continue;
		n = recv(ev->fd, buf, sizeof(buf), 0);
		if (n < 0)
			return -1;	/* ENOBUFS: notifications were lost */
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type != ev->family ||
			    genl_cmd(h) != VFPROV_CMD_TXN_NTF)
				continue;
			vfnl_parse_msg(tb, VFPROV_A_TXN_MAX, h);
			if (!tb[VFPROV_A_TXN_TXN_ID] || !tb[VFPROV_A_TXN_OUTCOME] ||
			    vfnl_get_u64(tb[VFPROV_A_TXN_TXN_ID]) != txn)
				continue;
			print_outcome(tb[VFPROV_A_TXN_OUTCOME]);
			*err = outcome_errno(tb[VFPROV_A_TXN_OUTCOME]);
			return 0;
		}
	}
	return -1;
}

/* After a lost notification: poll the PF's outcome ring. */
static int wait_ring(const char *pf, uint64_t txn, int *err)
{
	static struct ring_find f;
	int i;

	for (i = 0; i < 36000; i++) {
		memset(&f, 0, sizeof(f));
		f.txn = txn;
		if (ring_lookup(pf, &f) == 0 && f.found) {
			print_outcome(f.found);
			*err = outcome_errno(f.found);
			return 0;
		}
		usleep(100000);
	}
	return -1;
}

/* ---- requests --------------------------------------------------------- */

struct opts {
	unsigned int flags;
	int residue, nowait, dry, gen_set;
	unsigned long long gen;
	int first;		/* first KEY=VAL word */
};

static void parse_opts(int argc, char **argv, struct opts *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	for (i = 3; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		if (!strcmp(argv[i], "--dry"))
			o->dry = 1;
		else if (!strcmp(argv[i], "--force"))
			o->flags |= VFPROV_FLAGS_FORCE;
		else if (!strcmp(argv[i], "--if-changed"))
			o->flags |= VFPROV_FLAGS_IF_CHANGED;
		else if (!strcmp(argv[i], "--rebalance"))
			o->flags |= VFPROV_FLAGS_REBALANCE;
		else if (!strcmp(argv[i], "--residue"))
			o->residue = 1;
		else if (!strcmp(argv[i], "--nowait"))
			o->nowait = 1;
		else if (!strncmp(argv[i], "--gen=", 6)) {
			o->gen_set = 1;
			o->gen = strtoull(argv[i] + 6, NULL, 0);
		}
	}
	o->first = i;
}

/* VF ACTION (a word, or a number to send as it is) */
static int build_action(struct vfnl_msg *m, int argc, char **argv)
{
	unsigned int a;

	if (argc != 2)
		return -1;
	vfnl_u32(m, VFPROV_A_TXN_VF_ID, strtoul(argv[0], NULL, 0));
	for (a = 0; a < sizeof(vf_actions) / sizeof(vf_actions[0]); a++)
		if (!strcmp(argv[1], vf_actions[a]))
			break;
	vfnl_u32(m, VFPROV_A_TXN_ACTION, a < sizeof(vf_actions) /
		 sizeof(vf_actions[0]) ? a : strtoul(argv[1], NULL, 0));
	return 0;
}

static int request(struct vfnl *s, const char *cmd, int argc, char **argv)
{
	static struct vfnl_msg m;
	struct reply r = { 0 };
	struct vfnl ev;
	struct opts o;
	int op, err, terr = 0;

	parse_opts(argc, argv, &o);
	if (!strcmp(cmd, "plan") || (!strcmp(cmd, "apply") && o.dry))
		op = VFPROV_CMD_PLAN;
	else if (!strcmp(cmd, "apply"))
		op = VFPROV_CMD_APPLY;
	else if (!strcmp(cmd, "reset"))
		op = VFPROV_CMD_RESET;
	else if (!strcmp(cmd, "vf-action"))
		op = VFPROV_CMD_VF_ACTION;
	else
		return 2;
	vfnl_init(&m, s->family, op, 0);
	vfnl_str(&m, VFPROV_A_TXN_PF_ADDR, argv[2]);
	if (o.flags)
		vfnl_u32(&m, VFPROV_A_TXN_FLAGS, o.flags);
	if (o.gen_set)
		vfnl_u64(&m, VFPROV_A_TXN_EXPECTED_GEN, o.gen);
	if (op == VFPROV_CMD_VF_ACTION && build_action(&m, argc - o.first,
						       argv + o.first)) {
		fprintf(stderr, "vfnl: vf-action PF [--force] [--nowait] VF ACTION\n");
		return 2;
	}
	if (op != VFPROV_CMD_RESET && op != VFPROV_CMD_VF_ACTION &&
	    build_config(&m, argc - o.first, argv + o.first)) {
		fprintf(stderr, "vfnl: bad KEY=VAL\n");
		return 2;
	}
	/* subscribed before the request: its notification cannot slip by */
	if (op != VFPROV_CMD_PLAN && !o.nowait &&
	    (vfnl_open(&ev) || vfnl_subscribe(&ev))) {
		fprintf(stderr, "vfnl: cannot subscribe to events\n");
		return 2;
	}
	if (o.residue)
		slab_residue();
	err = vfnl_talk(s, &m, print_reply, &r);
	if (o.nowait && r.txn && !r.have_outcome)
		printf("txn=%llu\n", (unsigned long long)r.txn);
	if (op == VFPROV_CMD_PLAN || o.nowait || err || !r.txn)
		return finish(s, err);
	if (wait_ntf(&ev, r.txn, &terr) && wait_ring(argv[2], r.txn, &terr)) {
		fprintf(stderr, "vfnl: transaction %llu: no outcome\n",
			(unsigned long long)r.txn);
		return 2;
	}
	close(ev.fd);
	return finish(s, terr);
}

int main(int argc, char **argv)
{
	static struct vfnl_msg m;
	struct vfnl s;
	const char *cmd;

	if (argc < 2)
		return 2;
	if (vfnl_open(&s)) {
		fprintf(stderr, "vfnl: vfprov family not found\n");
		return 2;
	}
	cmd = argv[1];
	if (!strcmp(cmd, "monitor")) {
		if (argc > 4 && !strcmp(argv[4], "audit")) {
			if (!s.audit_grp) {
				fprintf(stderr, "vfnl: no audit group\n");
				return 2;
			}
			s.events_grp = s.audit_grp;
		}
		return monitor(&s, argc > 2 ? atoi(argv[2]) : 1,
			       argc > 3 ? atoi(argv[3]) : 10);
	}
	if (!strcmp(cmd, "pf-get")) {
		vfnl_init(&m, s.family, VFPROV_CMD_PF_GET, argc > 2 ? 0 : NLM_F_DUMP);
		if (argc > 2)
			vfnl_str(&m, VFPROV_A_PF_ADDR, argv[2]);
		return finish(&s, vfnl_talk(&s, &m, print_pf, NULL));
	}
	if (!strcmp(cmd, "vf-get") && argc > 2) {
		vfnl_init(&m, s.family, VFPROV_CMD_VF_GET, argc > 3 ? 0 : NLM_F_DUMP);
		vfnl_str(&m, VFPROV_A_VF_PF_ADDR, argv[2]);
		if (argc > 3)
			vfnl_u32(&m, VFPROV_A_VF_ID, atoi(argv[3]));
		return finish(&s, vfnl_talk(&s, &m, print_vf, NULL));
	}
	if (argc < 3)
		return 2;
	return request(&s, cmd, argc, argv);
}
