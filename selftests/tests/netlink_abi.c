// SPDX-License-Identifier: GPL-2.0
/*
 * netlink_abi: the vfprov generic netlink ABI v2, command by command, and
 * every class of invalid input (wrong type, out of range, missing, unknown,
 * oversize, nesting abuse): each answered with the right errno and an
 * extack message pointing at the attribute, and without any change to the
 * simulated device or either PF. Mutations without CAP_SYS_ADMIN
 * (CAP_NET_ADMIN alone, too) are refused with EPERM; reads and PLAN stay
 * open. APPLY and RESET answer at once with a transaction id; the outcome
 * comes as txn-ntf and stays in PF_GET's outcome ring. The family is
 * version 2 and exists in the initial network namespace only. Requests
 * are tables of attribute ops (struct req), the invalid ones one fixture
 * variant each.
 *
 * Needs vfprov loaded and atsm_sim bound to $SIM_PF; $PCI_PF is the nvme PF.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <sched.h>
#include <sys/wait.h>

/* The harness is written for the kernel's -Wall only; we build with -Wextra. */
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wsign-compare"
#include "kselftest_harness.h"
#include "../lib/vfnl.h"

static const char *sim_pf, *pci_pf;

#define STATE_MAX	(256 * 1024)

static uint64_t pf_gen(struct vfnl *s, const char *pf);

/*
 * What no invalid request may change: the whole simulated device (atsm_sim's
 * debugfs "state": every GT's pushed config and LMEM use, every VF's
 * quotas, auto-provisioning), every readable prelim_iov file of the PF and
 * its VFs, both PFs' VF counts, autoprobe and VF drivers, and both PFs'
 * generations. One shell reads the files: lib/core.sh's sim_state and
 * pci_state, the helpers the shell tests compare with.
 */
static void pf_state(struct vfnl *s, char *buf, size_t len)
{
	static const char cmd[] =
		". /selftests/lib/core.sh; "
		"cat /sys/kernel/debug/atsm_sim/$SIM_PF/state && "
		"sim_state $SIM_PF && echo \"pci: $(pci_state $PCI_PF)\"";
	static int failures;
	size_t n = 0, r;
	FILE *f;

	n = snprintf(buf, len, "gen sim=%llu pci=%llu\n",
		     (unsigned long long)pf_gen(s, sim_pf),
		     (unsigned long long)pf_gen(s, pci_pf));
	f = popen(cmd, "r");
	if (!f)
		return;
	while (n < len - 1 && (r = fread(buf + n, 1, len - 1 - n, f)) > 0)
		n += r;
	buf[n] = 0;
	/* never equal to another reading: a failed read is a difference */
	if (pclose(f))
		snprintf(buf, len, "reading the state failed (%d)", ++failures);
}

struct pf_reply {
	uint32_t backend;
	uint32_t total, num;
	uint64_t gen;
	int seen;
	char addr[8][32];
	int nseen;
};

static int pf_cb(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[VFPROV_A_PF_MAX + 1];
	struct pf_reply *r = arg;

	vfnl_parse_msg(tb, VFPROV_A_PF_MAX, h);
	if (!tb[VFPROV_A_PF_ADDR] || !tb[VFPROV_A_PF_BACKEND] ||
	    !tb[VFPROV_A_PF_GENERATION] || !tb[VFPROV_A_PF_TOTAL_VFS])
		return 0;
	r->backend = vfnl_get_u32(tb[VFPROV_A_PF_BACKEND]);
	r->total = vfnl_get_u32(tb[VFPROV_A_PF_TOTAL_VFS]);
	r->num = vfnl_get_u32(tb[VFPROV_A_PF_NUM_VFS]);
	r->gen = vfnl_get_u64(tb[VFPROV_A_PF_GENERATION]);
	if (r->nseen < 8)
		snprintf(r->addr[r->nseen], 32, "%s",
			 (char *)vfnl_data(tb[VFPROV_A_PF_ADDR]));
	r->nseen++;
	r->seen++;
	return 0;
}

static uint64_t pf_gen(struct vfnl *s, const char *pf)
{
	static struct vfnl_msg m;
	struct pf_reply r = { 0 };

	vfnl_init(&m, s->family, VFPROV_CMD_PF_GET, 0);
	vfnl_str(&m, VFPROV_A_PF_ADDR, pf);
	if (vfnl_talk(s, &m, pf_cb, &r) || !r.seen)
		return ~0ULL;
	return r.gen;
}

/*
 * Requests as data. A request is a command, netlink flags and a list of
 * attribute ops; build() turns it into a message. SIM and PCI stand for
 * the PF addresses of this run.
 */
enum op_kind { OP_END, OP_STR, OP_U8, OP_U32, OP_U64, OP_NEST, OP_CLOSE, OP_RAW };

struct op {
	enum op_kind k;
	uint16_t type;
	uint64_t v;		/* value; length for OP_RAW */
	const char *s;
};

#define SIM	((const char *)1)
#define PCI	((const char *)2)
#define STR(t, x)	{ OP_STR, (t), 0, (x) }
#define RAW(t, x, l)	{ OP_RAW, (t), (l), (x) }
#define U8(t, x)	{ OP_U8, (t), (x), NULL }
#define U32(t, x)	{ OP_U32, (t), (x), NULL }
#define U64(t, x)	{ OP_U64, (t), (x), NULL }
#define NEST(t)		{ OP_NEST, (t), 0, NULL }
#define CLOSE		{ OP_CLOSE, 0, 0, NULL }
/* pf addr, vf pf-addr and txn pf-addr: each set's attribute 2 */
#define ADDR(pf)	STR(VFPROV_A_PF_ADDR, pf)
/* txn CONFIG { NUM_VFS n ... (left open) */
#define CFG(n)		NEST(VFPROV_A_TXN_CONFIG), U32(VFPROV_A_CONFIG_NUM_VFS, (n))
/* (in CFG) one multi-attr VF { ID id ... (left open) */
#define VF(id)		NEST(VFPROV_A_CONFIG_VF), U32(VFPROV_A_VF_CONFIG_ID, (id))
#define OPS(...)	((const struct op[]){ __VA_ARGS__, { OP_END, 0, 0, NULL } })

struct req {
	uint8_t cmd;
	uint16_t flags;
	const struct op *ops;
};

static const char *op_str(const char *x)
{
	return x == SIM ? sim_pf : x == PCI ? pci_pf : x;
}

static void build(struct vfnl_msg *m, struct vfnl *s, const struct req *r)
{
	const struct op *o;

	vfnl_init(m, s->family, r->cmd, r->flags);
	for (o = r->ops; o && o->k != OP_END; o++) {
		switch (o->k) {
		case OP_STR:
			vfnl_str(m, o->type, op_str(o->s));
			break;
		case OP_RAW:
			vfnl_put(m, o->type, o->s, (int)o->v);
			break;
		case OP_U8:
			vfnl_u8(m, o->type, (uint8_t)o->v);
			break;
		case OP_U32:
			vfnl_u32(m, o->type, (uint32_t)o->v);
			break;
		case OP_U64:
			vfnl_u64(m, o->type, o->v);
			break;
		case OP_NEST:
			vfnl_nest(m, o->type);
			break;
		case OP_CLOSE:
			if (m->depth)
				vfnl_end(m);
			break;
		case OP_END:
			break;
		}
	}
	while (m->depth)	/* close what the table left open */
		vfnl_end(m);
}

/* Send @r; the status of the ack, replies to @cb. */
static int talk(struct vfnl *s, struct vfnl_msg *m, const struct req *r,
		int (*cb)(struct nlmsghdr *, void *), void *arg)
{
	build(m, s, r);
	return vfnl_talk(s, m, cb, arg);
}

#define REQ(c, f, ...)	(&(const struct req){ (c), (f), OPS(__VA_ARGS__) })
#define APPLY(...)	REQ(VFPROV_CMD_APPLY, 0, __VA_ARGS__)

struct outcome {
	uint64_t txn;		/* the reply's txn-id */
	int have;		/* an outcome nest was there */
	uint64_t otxn;		/* the outcome's txn-id */
	uint32_t result, field, vf;
	int err;
	uint64_t gen;
	char msg[160];
};

static void parse_outcome(struct nlattr *nest, struct outcome *o)
{
	struct nlattr *tb[VFPROV_A_OUTCOME_MAX + 1];

	vfnl_parse(tb, VFPROV_A_OUTCOME_MAX, vfnl_data(nest), vfnl_len(nest));
	if (!tb[VFPROV_A_OUTCOME_RESULT] || !tb[VFPROV_A_OUTCOME_ERRNO] ||
	    !tb[VFPROV_A_OUTCOME_GENERATION] || !tb[VFPROV_A_OUTCOME_MESSAGE] ||
	    !tb[VFPROV_A_OUTCOME_STEP] || !tb[VFPROV_A_OUTCOME_VF] ||
	    !tb[VFPROV_A_OUTCOME_FIELD] || !tb[VFPROV_A_OUTCOME_TXN_ID])
		return;
	o->have = 1;
	o->otxn = vfnl_get_u64(tb[VFPROV_A_OUTCOME_TXN_ID]);
	o->result = vfnl_get_u32(tb[VFPROV_A_OUTCOME_RESULT]);
	o->err = (int)vfnl_get_u32(tb[VFPROV_A_OUTCOME_ERRNO]);
	o->field = vfnl_get_u32(tb[VFPROV_A_OUTCOME_FIELD]);
	o->vf = vfnl_get_u32(tb[VFPROV_A_OUTCOME_VF]);
	o->gen = vfnl_get_u64(tb[VFPROV_A_OUTCOME_GENERATION]);
	snprintf(o->msg, sizeof(o->msg), "%s",
		 (char *)vfnl_data(tb[VFPROV_A_OUTCOME_MESSAGE]));
}

/* The reply to PLAN/APPLY/RESET, and txn-ntf: txn-id, outcome. */
static int outcome_cb(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[VFPROV_A_TXN_MAX + 1];
	struct outcome *o = arg;

	vfnl_parse_msg(tb, VFPROV_A_TXN_MAX, h);
	if (tb[VFPROV_A_TXN_TXN_ID])
		o->txn = vfnl_get_u64(tb[VFPROV_A_TXN_TXN_ID]);
	if (tb[VFPROV_A_TXN_OUTCOME])
		parse_outcome(tb[VFPROV_A_TXN_OUTCOME], o);
	return 0;
}

/* The txn-ntf of @txn on @ev (subscribed), within 120 s: 0 or -1. */
static int wait_txn(struct vfnl *ev, uint64_t txn, struct outcome *o)
{
	static char buf[VFNL_BUF];
	struct pollfd p = { .fd = ev->fd, .events = POLLIN };
	struct nlattr *tb[VFPROV_A_TXN_MAX + 1];
	struct nlmsghdr *h;
	int n, polls;

	for (polls = 0; polls < 1200; polls++) {
		if (poll(&p, 1, 100) <= 0)
			continue;
		n = recv(ev->fd, buf, sizeof(buf), 0);
		if (n < 0)
			return -1;
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type != ev->family ||
			    ((struct genlmsghdr *)NLMSG_DATA(h))->cmd !=
			    VFPROV_CMD_TXN_NTF)
				continue;
			vfnl_parse_msg(tb, VFPROV_A_TXN_MAX, h);
			if (!tb[VFPROV_A_TXN_TXN_ID] ||
			    vfnl_get_u64(tb[VFPROV_A_TXN_TXN_ID]) != txn)
				continue;
			memset(o, 0, sizeof(*o));
			outcome_cb(h, o);
			return 0;
		}
	}
	return -1;
}

struct nl_env {
	struct vfnl s;
	struct vfnl ev;		/* subscribed to "events" */
	struct vfnl_msg m;
	char *before;
	char *after;
	char extack[256];	/* of the last expect_invalid() */
	uint32_t bad_off;	/* ...its bad attribute offset */
	int has_miss;		/* ...it named a missing attribute */
};

static int apply_wait(struct nl_env *e, const struct req *r, struct outcome *o);

static int nl_env_setup(struct nl_env *e)
{
	sim_pf = getenv("SIM_PF");
	pci_pf = getenv("PCI_PF");
	if (!sim_pf || !pci_pf)
		return -1;
	if (system("sh -c '. /selftests/lib/core.sh; sim_up && load_vfprov'"))
		return -1;
	if (vfnl_open(&e->s) || vfnl_open(&e->ev) || vfnl_subscribe(&e->ev))
		return -1;
	e->before = malloc(STATE_MAX);
	e->after = malloc(STATE_MAX);
	if (!e->before || !e->after)
		return -1;
	/* A known start: 1 VF on the simulated PF. */
	if (apply_wait(e, APPLY(ADDR(SIM), CFG(1)), NULL))
		return -1;
	pf_state(&e->s, e->before, STATE_MAX);
	/* the reading covers the device model and the prelim_iov tree */
	if (!strstr(e->before, "totalvfs: 31") || !strstr(e->before, "pf/gt/") ||
	    !strstr(e->before, "vf31/gt/"))
		return -1;
	return 0;
}

static void nl_env_teardown(struct nl_env *e)
{
	free(e->before);
	free(e->after);
	close(e->s.fd);
	close(e->ev.fd);
}

/*
 * APPLY/RESET @r and wait for its transaction: the ack's errno if it was
 * refused, else the outcome's; @o (optional) gets the outcome.
 */
static int apply_wait(struct nl_env *e, const struct req *r, struct outcome *o)
{
	struct outcome tmp, *out = o ? o : &tmp;
	uint64_t txn;
	int err;

	memset(out, 0, sizeof(*out));
	err = talk(&e->s, &e->m, r, outcome_cb, out);
	if (err || !out->txn)
		return err ? err : -EPROTO;
	txn = out->txn;
	if (out->have || wait_txn(&e->ev, txn, out))
		return -EPROTO;		/* queued replies carry no outcome */
	out->txn = txn;
	return out->err;
}

/* The whole state still reads as before the request. */
#define EXPECT_UNCHANGED(e) do {					\
	pf_state(&(e)->s, (e)->after, STATE_MAX);			\
	EXPECT_STREQ((e)->before, (e)->after);				\
} while (0)

/* Send the message built in e->m; it must fail with -@err, with an extack. */
#define EXPECT_INVALID(e, err) do {					\
	int __r = vfnl_talk(&(e)->s, &(e)->m, NULL, NULL);		\
									\
	EXPECT_EQ(-(err), __r) TH_LOG("extack: %s", (e)->s.extack);	\
	EXPECT_NE(0, (e)->s.extack[0]) TH_LOG("no extack message");	\
	memcpy((e)->extack, (e)->s.extack, sizeof((e)->extack));	\
	(e)->bad_off = (e)->s.bad_off;					\
	(e)->has_miss = (e)->s.has_miss;				\
	EXPECT_UNCHANGED(e);						\
} while (0)

FIXTURE(nl) {
	struct nl_env e;
};

FIXTURE_SETUP(nl)
{
	ASSERT_EQ(0, nl_env_setup(&self->e));
}

FIXTURE_TEARDOWN(nl)
{
	nl_env_teardown(&self->e);
}

/* ---- every command ---------------------------------------------------- */

TEST_F(nl, pf_get_doit)
{
	struct pf_reply r = { 0 };

	ASSERT_EQ(0, talk(&self->e.s, &self->e.m,
			  REQ(VFPROV_CMD_PF_GET, 0, ADDR(SIM)), pf_cb, &r));
	EXPECT_EQ(VFPROV_BACKEND_I915_PRELIM, r.backend);
	EXPECT_EQ(31, r.total);
	EXPECT_EQ(1, r.num);

	memset(&r, 0, sizeof(r));
	ASSERT_EQ(0, talk(&self->e.s, &self->e.m,
			  REQ(VFPROV_CMD_PF_GET, 0, ADDR(PCI)), pf_cb, &r));
	EXPECT_EQ(VFPROV_BACKEND_PCI, r.backend);
	EXPECT_EQ(4, r.total);
}

/* PCI devices with sriov_totalvfs > 0, as the registry counts them */
static int count_pfs(void)
{
	FILE *p = popen("cat /sys/bus/pci/devices/*/sriov_totalvfs 2>/dev/null", "r");
	int n = 0, v;

	if (!p)
		return -1;
	while (fscanf(p, "%d", &v) == 1)
		n += v > 0;
	pclose(p);
	return n;
}

TEST_F(nl, pf_dump_lists_each_pf_once)
{
	const char *sim_pf2 = getenv("SIM_PF2");
	struct pf_reply r = { 0 };
	int sim = 0, pci = 0, sim2 = 0, i;

	ASSERT_EQ(0, talk(&self->e.s, &self->e.m,
			  &(const struct req){ VFPROV_CMD_PF_GET, NLM_F_DUMP, NULL },
			  pf_cb, &r));
	/* every SR-IOV PF of the VM, whatever devices it was given */
	ASSERT_EQ(count_pfs(), r.nseen);
	for (i = 0; i < r.nseen && i < 8; i++) {
		sim += !strcmp(r.addr[i], sim_pf);
		pci += !strcmp(r.addr[i], pci_pf);
		sim2 += sim_pf2 && !strcmp(r.addr[i], sim_pf2);
	}
	EXPECT_EQ(1, sim);
	EXPECT_EQ(1, pci);
	EXPECT_EQ(sim_pf2 ? 1 : 0, sim2);
}

struct vf_ids {
	int n;
	int id[64];
};

static int vf_cb(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[VFPROV_A_VF_MAX + 1];
	struct vf_ids *r = arg;

	vfnl_parse_msg(tb, VFPROV_A_VF_MAX, h);
	if (!tb[VFPROV_A_VF_PCI_ADDR] || !tb[VFPROV_A_VF_CONFIG] || r->n >= 64)
		return 0;
	r->id[r->n++] = tb[VFPROV_A_VF_ID] ? (int)vfnl_get_u32(tb[VFPROV_A_VF_ID]) : -1;
	return 0;
}

TEST_F(nl, vf_dump_spans_several_messages)
{
	struct vf_ids r = { 0 };
	int i;

	ASSERT_EQ(0, talk(&self->e.s, &self->e.m,
			  REQ(VFPROV_CMD_VF_GET, NLM_F_DUMP, ADDR(SIM)), vf_cb, &r));
	ASSERT_EQ(31, r.n);
	for (i = 0; i < 31; i++)
		EXPECT_EQ(i + 1, r.id[i]);
	EXPECT_GT(self->e.s.batches, 1) TH_LOG("dump fit one skb: not a resume test");
}

TEST_F(nl, vf_get_doit)
{
	struct vf_ids r = { 0 };

	ASSERT_EQ(0, talk(&self->e.s, &self->e.m,
			  REQ(VFPROV_CMD_VF_GET, 0, ADDR(SIM), U32(VFPROV_A_VF_ID, 1)),
			  vf_cb, &r));
	ASSERT_EQ(1, r.n);
	EXPECT_EQ(1, r.id[0]);
}

/* VF entries of the reply's plan with LMEM, GGTT and contexts set. */
static int plan_cb(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[VFPROV_A_TXN_MAX + 1], *a, *p;
	struct nlattr *v[VFPROV_A_VF_CONFIG_MAX + 1];
	int *n = arg;

	vfnl_parse_msg(tb, VFPROV_A_TXN_MAX, h);
	p = tb[VFPROV_A_TXN_PLAN];
	if (!p)
		return 0;
	vfnl_for_each(a, vfnl_data(p), vfnl_len(p)) {
		if (vfnl_type(a) != VFPROV_A_CONFIG_VF)
			continue;
		vfnl_parse(v, VFPROV_A_VF_CONFIG_MAX, vfnl_data(a), vfnl_len(a));
		if (v[VFPROV_A_VF_CONFIG_LMEM] &&
		    vfnl_get_u64(v[VFPROV_A_VF_CONFIG_LMEM]) &&
		    v[VFPROV_A_VF_CONFIG_GGTT] && v[VFPROV_A_VF_CONFIG_CONTEXTS])
			(*n)++;
	}
	return 0;
}

TEST_F(nl, plan_returns_full_plan_and_changes_nothing)
{
	int n = 0;

	ASSERT_EQ(0, talk(&self->e.s, &self->e.m,
			  REQ(VFPROV_CMD_PLAN, 0, ADDR(SIM), CFG(5)), plan_cb, &n));
	EXPECT_EQ(5, n);
	EXPECT_UNCHANGED(&self->e);
}

/*
 * APPLY and RESET answer at once with a transaction id (unique, growing,
 * never 0) and no outcome; the outcome is the txn-ntf of that id.
 */
TEST_F(nl, apply_and_reset_answer_txn_id_then_notify_outcome)
{
	uint64_t gen = pf_gen(&self->e.s, pci_pf);
	struct outcome o = { 0 };
	uint64_t first;

	ASSERT_EQ(0, talk(&self->e.s, &self->e.m, APPLY(ADDR(PCI), CFG(2)),
			  outcome_cb, &o));
	EXPECT_NE(0, o.txn);
	EXPECT_EQ(0, o.have) TH_LOG("a queued apply answered with an outcome");
	first = o.txn;
	ASSERT_EQ(0, wait_txn(&self->e.ev, first, &o));
	EXPECT_EQ(first, o.txn);
	EXPECT_EQ(first, o.otxn);
	EXPECT_EQ(VFPROV_RESULT_COMMITTED, o.result);
	EXPECT_EQ(gen + 1, o.gen);

	ASSERT_EQ(0, apply_wait(&self->e,
				REQ(VFPROV_CMD_RESET, 0, ADDR(PCI),
				    U64(VFPROV_A_TXN_EXPECTED_GEN, gen + 1)),
				&o));
	EXPECT_GT(o.txn, first);
	EXPECT_EQ(VFPROV_RESULT_COMMITTED, o.result);
	EXPECT_EQ(gen + 2, o.gen);
}

/* PF_GET's outcome ring: newest first, each by its transaction id. */
struct ring {
	int n;
	uint64_t txn[8];
	uint32_t result[8];
	int running;
};

static int ring_cb(struct nlmsghdr *h, void *arg)
{
	struct nlattr *a, *o[VFPROV_A_OUTCOME_MAX + 1];
	struct ring *r = arg;

	vfnl_for_each(a, (char *)NLMSG_DATA(h) + GENL_HDRLEN,
		      h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN)) {
		if (vfnl_type(a) == VFPROV_A_PF_RUNNING)
			r->running = 1;
		if (vfnl_type(a) != VFPROV_A_PF_OUTCOME || r->n >= 8)
			continue;
		vfnl_parse(o, VFPROV_A_OUTCOME_MAX, vfnl_data(a), vfnl_len(a));
		r->txn[r->n] = o[VFPROV_A_OUTCOME_TXN_ID] ?
			       vfnl_get_u64(o[VFPROV_A_OUTCOME_TXN_ID]) : 0;
		r->result[r->n++] = o[VFPROV_A_OUTCOME_RESULT] ?
				    vfnl_get_u32(o[VFPROV_A_OUTCOME_RESULT]) : 99;
	}
	return 0;
}

TEST_F(nl, pf_get_keeps_the_latest_outcomes_newest_first)
{
	uint64_t id[VFPROV_OUTCOMES_KEPT + 1];
	struct outcome o;
	struct ring r = { 0 };
	int i;

	/* one more than the ring holds: the oldest falls out */
	for (i = 0; i <= VFPROV_OUTCOMES_KEPT; i++) {
		ASSERT_EQ(0, apply_wait(&self->e, APPLY(ADDR(PCI), CFG(i % 2)),
					&o));
		id[i] = o.txn;
	}
	ASSERT_EQ(0, talk(&self->e.s, &self->e.m,
			  REQ(VFPROV_CMD_PF_GET, 0, ADDR(PCI)), ring_cb, &r));
	ASSERT_EQ(VFPROV_OUTCOMES_KEPT, r.n);
	EXPECT_EQ(0, r.running);
	for (i = 0; i < VFPROV_OUTCOMES_KEPT; i++) {
		EXPECT_EQ(id[VFPROV_OUTCOMES_KEPT - i], r.txn[i]);
		EXPECT_EQ(VFPROV_RESULT_COMMITTED, r.result[i]);
	}
	ASSERT_EQ(0, apply_wait(&self->e, REQ(VFPROV_CMD_RESET, 0, ADDR(PCI)),
				NULL));
}

/* Version 2, and only in the initial network namespace (not netnsok). */
TEST_F(nl, family_v2_in_init_net_only)
{
	int status;
	pid_t pid;

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct vfnl s;

		if (unshare(CLONE_NEWNET))
			_exit(10);
		_exit(vfnl_open(&s) == -ENOENT ? 0 : 1);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status)) TH_LOG("family visible in a new netns");
	EXPECT_EQ(2, VFPROV_GENL_VERSION);
}

TEST_F(nl, semantic_rejection_names_attribute)
{
	struct outcome o = { 0 };
	struct nlattr *cfg, *num;

	EXPECT_EQ(-ERANGE, talk(&self->e.s, &self->e.m, APPLY(ADDR(SIM), CFG(40)),
				outcome_cb, &o));
	EXPECT_EQ(1, o.have) TH_LOG("a refusal answers with its outcome");
	EXPECT_NE(0, o.txn);
	EXPECT_EQ(VFPROV_RESULT_REJECTED, o.result);
	EXPECT_EQ(VFPROV_FIELD_NUM_VFS, o.field);
	EXPECT_EQ(-ERANGE, o.err);
	EXPECT_NE(0, o.msg[0]);
	EXPECT_NE(0, self->e.s.extack[0]);
	/* NUM_VFS is the first attribute inside CONFIG */
	cfg = self->e.m.nest[0];
	num = vfnl_data(cfg);
	EXPECT_EQ((char *)num - self->e.m.buf, self->e.s.bad_off);
	EXPECT_UNCHANGED(&self->e);
}

/* The generation is known only at run time: not a table entry. */
TEST_F(nl, stale_generation_is_estale)
{
	uint64_t gen = pf_gen(&self->e.s, sim_pf) + 7;

	build(&self->e.m, &self->e.s,
	      APPLY(ADDR(SIM), U64(VFPROV_A_TXN_EXPECTED_GEN, gen), CFG(2)));
	EXPECT_INVALID(&self->e, ESTALE);
}

/* ---- every class of invalid input, one table entry each ------------------ */

/* Damage done to a built message that the op list cannot express. */
static void reserved_byte(struct vfnl_msg *m)
{
	((struct genlmsghdr *)NLMSG_DATA(m->nlh))->reserved = 1;
}

static void trailing_garbage(struct vfnl_msg *m)
{
	memset(m->buf + m->nlh->nlmsg_len, 0xff, 4);
	m->nlh->nlmsg_len += 4;
}

/* the first attribute of the first nest claims more than the nest holds */
static void inner_overrun(struct vfnl_msg *m)
{
	((struct nlattr *)vfnl_data(m->nest[0]))->nla_len = 64;
}

FIXTURE(bad) {
	struct nl_env e;
};

FIXTURE_VARIANT(bad) {
	struct req req;
	int err;
	void (*mangle)(struct vfnl_msg *m);
	const char *extack;	/* a word the extack must contain */
	/*
	 * The fault is in no attribute (a header, a dump's end, a length):
	 * every other refusal's extack names the attribute, by offset or as
	 * the missing type.
	 */
	int no_attr;
};

FIXTURE_SETUP(bad)
{
	ASSERT_EQ(0, nl_env_setup(&self->e));
}

FIXTURE_TEARDOWN(bad)
{
	nl_env_teardown(&self->e);
}

TEST_F(bad, refused_with_errno_and_extack_changes_nothing)
{
	build(&self->e.m, &self->e.s, &variant->req);
	if (variant->mangle)
		variant->mangle(&self->e.m);
	EXPECT_INVALID(&self->e, variant->err);
	if (!variant->no_attr)
		EXPECT_TRUE(self->e.bad_off || self->e.has_miss)
			TH_LOG("the extack names no attribute: %s", self->e.extack);
	if (variant->extack)
		EXPECT_NE(NULL, strstr(self->e.extack, variant->extack))
			TH_LOG("extack: %s", self->e.extack);
}

#define BAD(name, e, c, f, ...)						\
	FIXTURE_VARIANT_ADD(bad, name) {				\
		.req = { (c), (f), OPS(__VA_ARGS__) }, .err = (e),	\
	}
#define BAD_APPLY(name, e, ...)	BAD(name, e, VFPROV_CMD_APPLY, 0, __VA_ARGS__)
#define BAD_MANGLED(name, e, fn, ...)					\
	FIXTURE_VARIANT_ADD(bad, name) {				\
		.req = { VFPROV_CMD_APPLY, 0, OPS(__VA_ARGS__) },	\
		.err = (e), .mangle = (fn), .no_attr = 1,		\
	}

#define A99 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

/* lookups */
BAD(vf_get_id_32_absent, ENOENT, VFPROV_CMD_VF_GET, 0, ADDR(SIM), U32(VFPROV_A_VF_ID, 32));
BAD_APPLY(unknown_pf_is_enodev, ENODEV, ADDR("0000:7f:1f.7"), CFG(1));
/* wrong types */
BAD_APPLY(wrong_type_addr_not_a_string, EINVAL, U32(VFPROV_A_TXN_PF_ADDR, 0x41414141));
BAD_APPLY(wrong_type_num_vfs_as_u8, EINVAL, ADDR(SIM), NEST(VFPROV_A_TXN_CONFIG),
	  U8(VFPROV_A_CONFIG_NUM_VFS, 2));
BAD_APPLY(wrong_type_flags_as_u64, EINVAL, ADDR(SIM),
	  U64(VFPROV_A_TXN_FLAGS, VFPROV_FLAGS_FORCE), CFG(2));
BAD_APPLY(wrong_type_quota_as_u32, EINVAL, ADDR(SIM), CFG(2), VF(1),
	  U32(VFPROV_A_VF_CONFIG_LMEM, 1 << 30));
BAD_APPLY(wrong_type_contexts_as_u32, EINVAL, ADDR(SIM), CFG(2), VF(1),
	  U32(VFPROV_A_VF_CONFIG_CONTEXTS, 16));
/* out of range: the policy's, and the core's (16-bit counts) */
BAD_APPLY(range_num_vfs_64, ERANGE, ADDR(SIM), CFG(64));
BAD_APPLY(range_vf_driver_3, ERANGE, ADDR(SIM), CFG(2), U32(VFPROV_A_CONFIG_VF_DRIVER, 3));
BAD_APPLY(range_contexts_spare_above_u16, ERANGE, ADDR(SIM), CFG(2),
	  U64(VFPROV_A_CONFIG_CONTEXTS_SPARE, 70000));
BAD_APPLY(range_doorbells_above_u16, ERANGE, ADDR(SIM), CFG(2), VF(1),
	  U64(VFPROV_A_VF_CONFIG_DOORBELLS, 65536));
BAD_APPLY(range_sched_if_idle_2, ERANGE, ADDR(SIM), CFG(2),
	  U8(VFPROV_A_CONFIG_SCHED_IF_IDLE, 2));
BAD_APPLY(range_vf_id_0, ERANGE, ADDR(SIM), CFG(2), VF(0));
BAD_APPLY(range_vf_id_64, ERANGE, ADDR(SIM), CFG(2), VF(64));
BAD_APPLY(range_weight_1001, ERANGE, ADDR(SIM), CFG(2), VF(1),
	  U32(VFPROV_A_VF_CONFIG_WEIGHT, 1001));
BAD(range_vf_get_id_64, ERANGE, VFPROV_CMD_VF_GET, 0, ADDR(SIM), U32(VFPROV_A_VF_ID, 64));
BAD_APPLY(unknown_flag_bits, EINVAL, ADDR(SIM), U32(VFPROV_A_TXN_FLAGS, 0x80), CFG(2));
BAD_APPLY(vf_beyond_num_vfs, EINVAL, ADDR(SIM), CFG(2), VF(3),
	  U32(VFPROV_A_VF_CONFIG_EXEC_QUANTUM_MS, 5));
/* missing */
BAD_APPLY(missing_pf_addr, EINVAL, CFG(2));
BAD_APPLY(missing_config, EINVAL, ADDR(SIM));
BAD(missing_config_in_plan, EINVAL, VFPROV_CMD_PLAN, 0, ADDR(SIM));
BAD_APPLY(missing_num_vfs, EINVAL, ADDR(SIM), NEST(VFPROV_A_TXN_CONFIG),
	  U32(VFPROV_A_CONFIG_EXEC_QUANTUM_MS, 10));
BAD_APPLY(missing_vf_id, EINVAL, ADDR(SIM), CFG(2), NEST(VFPROV_A_CONFIG_VF),
	  U32(VFPROV_A_VF_CONFIG_WEIGHT, 3));
BAD(missing_vf_id_in_vf_get, EINVAL, VFPROV_CMD_VF_GET, 0, ADDR(SIM));
FIXTURE_VARIANT_ADD(bad, missing_pf_addr_in_vf_dump) {
	.req = { VFPROV_CMD_VF_GET, NLM_F_DUMP, NULL }, .err = EINVAL,
	.no_attr = 1,	/* a dump's NLMSG_DONE carries only the message */
};
BAD(unknown_attr_in_dump_request, EINVAL, VFPROV_CMD_PF_GET, NLM_F_DUMP,
    U32(VFPROV_A_PF_TOTAL_VFS, 0));
/* unknown */
BAD_APPLY(unknown_top_level_type, EINVAL, ADDR(SIM), U32(250, 1));
BAD_APPLY(unknown_type_in_config, EINVAL, ADDR(SIM), CFG(2), U32(40, 1));
/* attributes of replies and notifications are no request's */
FIXTURE_VARIANT_ADD(bad, reply_only_txn_id) {
	.req = { VFPROV_CMD_APPLY, 0,
		 OPS(ADDR(SIM), U64(VFPROV_A_TXN_TXN_ID, 1), CFG(2)) },
	.err = EINVAL, .extack = "nknown attribute",
};
BAD(reply_only_config_in_pf_get, EINVAL, VFPROV_CMD_PF_GET, 0, ADDR(SIM),
    NEST(VFPROV_A_PF_CONFIG));
BAD(config_in_reset, EINVAL, VFPROV_CMD_RESET, 0, ADDR(SIM), CFG(0));
BAD_MANGLED(reserved_header_byte, EINVAL, reserved_byte, ADDR(SIM), CFG(2));
BAD_MANGLED(trailing_garbage, EINVAL, trailing_garbage, ADDR(SIM), CFG(2));
/* oversize: a NUL string longer than the policy allows; no NUL at all */
BAD(oversize_pf_addr, EINVAL, VFPROV_CMD_PF_GET, 0, STR(VFPROV_A_PF_ADDR, A99));
BAD(unterminated_pf_addr, EINVAL, VFPROV_CMD_PF_GET, 0,
    RAW(VFPROV_A_PF_ADDR, "0000:01:00.0", 12));
/* nesting abuse */
BAD_APPLY(config_not_nested, EINVAL, ADDR(SIM), U32(VFPROV_A_TXN_CONFIG, 2));
BAD_APPLY(vf_inside_vf, EINVAL, ADDR(SIM), CFG(2), VF(1), NEST(VFPROV_A_CONFIG_VF),
	  U32(VFPROV_A_VF_CONFIG_ID, 2));
BAD_APPLY(scalar_vf_entry, EINVAL, ADDR(SIM), CFG(2), U32(VFPROV_A_CONFIG_VF, 1));
BAD_APPLY(duplicate_vf_id, EINVAL, ADDR(SIM), CFG(2), VF(1), CLOSE, VF(1));
BAD_MANGLED(nest_with_truncated_inner_attribute, EINVAL, inner_overrun,
	    ADDR(SIM), CFG(2));

/* ---- privileges ------------------------------------------------------- */

static int drop_caps(void)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[2] = { 0 };

	return syscall(SYS_capset, &h, d);
}

/*
 * CAP_NET_ADMIN alone is refused every mutation with EPERM and an extack
 * naming CAP_SYS_ADMIN; PLAN (the dry run) and reads stay open.
 */
TEST_F(nl, net_admin_only_mutations_eperm)
{
	int status;
	pid_t pid;

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		const struct req *const mut[] = {
			APPLY(ADDR(SIM), CFG(2)),
			REQ(VFPROV_CMD_APPLY, 0, ADDR(SIM),
			    U32(VFPROV_A_TXN_FLAGS, VFPROV_FLAGS_IF_CHANGED), CFG(1)),
			REQ(VFPROV_CMD_APPLY, 0, ADDR(PCI),
			    U32(VFPROV_A_TXN_FLAGS, VFPROV_FLAGS_FORCE), CFG(1)),
			REQ(VFPROV_CMD_RESET, 0, ADDR(SIM)),
			REQ(VFPROV_CMD_RESET, 0, ADDR(PCI),
			    U32(VFPROV_A_TXN_FLAGS, VFPROV_FLAGS_FORCE)),
		};
		struct vfnl s;
		unsigned int i;
		int bad = 0;

		if (keep_net_admin() || vfnl_open(&s))
			_exit(100);
		for (i = 0; i < sizeof(mut) / sizeof(mut[0]); i++)
			if (talk(&s, &self->e.m, mut[i], NULL, NULL) != -EPERM ||
			    !strstr(s.extack, "CAP_SYS_ADMIN"))
				bad |= 1 << i;
		if (talk(&s, &self->e.m, REQ(VFPROV_CMD_PLAN, 0, ADDR(SIM), CFG(3)),
			 NULL, NULL))
			bad |= 1 << 6;
		_exit(bad);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status))
		TH_LOG("bits 0-4: a mutation not EPERM/CAP_SYS_ADMIN; 6: plan failed");
	EXPECT_UNCHANGED(&self->e);
}

/* In a child without any capability: mutations EPERM, reads fine. */
TEST_F(nl, unprivileged_mutations_eperm)
{
	int status, err;
	pid_t pid;

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct vfnl s;
		int bad = 0;

		if (drop_caps() || vfnl_open(&s))
			_exit(10);
		err = talk(&s, &self->e.m, APPLY(ADDR(SIM), CFG(2)), NULL, NULL);
		bad |= (err != -EPERM) << 0;
		err = talk(&s, &self->e.m, REQ(VFPROV_CMD_RESET, 0, ADDR(PCI)),
			   NULL, NULL);
		bad |= (err != -EPERM) << 1;
		err = talk(&s, &self->e.m,
			   &(const struct req){ VFPROV_CMD_PF_GET, NLM_F_DUMP, NULL },
			   NULL, NULL);
		bad |= (err != 0) << 2;
		err = talk(&s, &self->e.m, REQ(VFPROV_CMD_PLAN, 0, ADDR(SIM), CFG(3)),
			   NULL, NULL);
		bad |= (err != 0) << 3;
		_exit(bad);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status))
		TH_LOG("bits: 0 apply, 1 reset not EPERM; 2 dump, 3 plan failed");
	/* user nobody: setuid() away from root drops every capability */
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct vfnl s;

		if (setuid(65534) || vfnl_open(&s))
			_exit(10);
		_exit(talk(&s, &self->e.m, REQ(VFPROV_CMD_RESET, 0, ADDR(SIM)),
			   NULL, NULL) != -EPERM);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status)) TH_LOG("nobody's reset not EPERM");
	EXPECT_UNCHANGED(&self->e);
}

TEST_HARNESS_MAIN
