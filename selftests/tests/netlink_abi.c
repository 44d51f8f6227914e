// SPDX-License-Identifier: GPL-2.0
/*
 * netlink_abi: the vfprov generic netlink ABI, command by command, and every
 * class of invalid input (wrong type, out of range, missing, unknown,
 * oversize, nesting abuse): each answered with the right errno and an
 * extack message, and without any change to either PF. Mutations without
 * CAP_NET_ADMIN are refused with EPERM; reads stay open.
 *
 * Needs vfprov loaded and atsm_sim bound to $SIM_PF; $PCI_PF is the nvme PF.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/capability.h>

/* The harness is written for the kernel's -Wall only; we build with -Wextra. */
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wsign-compare"
#include "kselftest_harness.h"
#include "../lib/vfnl.h"

static const char *sim_pf, *pci_pf;

/* What no invalid request may change: VF counts and generations. */
static void pf_state(struct vfnl *s, char *buf, size_t len);

static int read_sysfs(const char *pf, const char *attr, char *buf, size_t len)
{
	char path[256];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/%s", pf, attr);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = 0;
	return 0;
}

struct pf_reply {
	char backend[32];
	uint32_t total, num;
	uint64_t gen;
	int seen;
	char addr[3][32];
	int nseen;
};

static int pf_cb(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[VFPROV_A_MAX + 1];
	struct pf_reply *r = arg;

	vfnl_parse_msg(tb, VFPROV_A_MAX, h);
	if (!tb[VFPROV_A_PF_ADDR] || !tb[VFPROV_A_PF_BACKEND] ||
	    !tb[VFPROV_A_PF_GENERATION] || !tb[VFPROV_A_PF_TOTAL_VFS])
		return 0;
	snprintf(r->backend, sizeof(r->backend), "%s",
		 (char *)vfnl_data(tb[VFPROV_A_PF_BACKEND]));
	r->total = vfnl_get_u32(tb[VFPROV_A_PF_TOTAL_VFS]);
	r->num = vfnl_get_u32(tb[VFPROV_A_PF_NUM_VFS]);
	r->gen = vfnl_get_u64(tb[VFPROV_A_PF_GENERATION]);
	if (r->nseen < 3)
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

static void pf_state(struct vfnl *s, char *buf, size_t len)
{
	char a[16] = "", b[16] = "";

	read_sysfs(sim_pf, "sriov_numvfs", a, sizeof(a));
	read_sysfs(pci_pf, "sriov_numvfs", b, sizeof(b));
	snprintf(buf, len, "sim=%s gen=%llu pci=%s gen=%llu", a,
		 (unsigned long long)pf_gen(s, sim_pf), b,
		 (unsigned long long)pf_gen(s, pci_pf));
}

FIXTURE(nl) {
	struct vfnl s;
	struct vfnl_msg m;
	char before[128];
	char extack[256];	/* of the last EXPECT_INVALID */
};

FIXTURE_SETUP(nl)
{
	sim_pf = getenv("SIM_PF");
	pci_pf = getenv("PCI_PF");
	ASSERT_NE(NULL, sim_pf);
	ASSERT_NE(NULL, pci_pf);
	ASSERT_EQ(0, system("sh -c '. /selftests/lib/core.sh; sim_up && load_vfprov'"));
	ASSERT_EQ(0, vfnl_open(&self->s));
	/* A known start: 1 VF on the simulated PF, none on the nvme PF. */
	vfnl_init(&self->m, self->s.family, VFPROV_CMD_APPLY, 0);
	vfnl_str(&self->m, VFPROV_A_PF_ADDR, sim_pf);
	vfnl_nest(&self->m, VFPROV_A_CONFIG);
	vfnl_u32(&self->m, VFPROV_CFG_A_NUM_VFS, 1);
	vfnl_end(&self->m);
	ASSERT_EQ(0, vfnl_talk(&self->s, &self->m, NULL, NULL));
	pf_state(&self->s, self->before, sizeof(self->before));
}

FIXTURE_TEARDOWN(nl)
{
	close(self->s.fd);
}

/* Send the message built in self->m; it must fail with -@err. */
#define EXPECT_INVALID(err) do {					\
	char __after[128];						\
	int __r = vfnl_talk(&self->s, &self->m, NULL, NULL);		\
									\
	EXPECT_EQ(-(err), __r) TH_LOG("extack: %s", self->s.extack);	\
	EXPECT_NE(0, self->s.extack[0]) TH_LOG("no extack message");	\
	memcpy(self->extack, self->s.extack, sizeof(self->extack));	\
	pf_state(&self->s, __after, sizeof(__after));			\
	EXPECT_STREQ(self->before, __after);				\
} while (0)

static void apply_start(struct vfnl_msg *m, struct vfnl *s, const char *pf)
{
	vfnl_init(m, s->family, VFPROV_CMD_APPLY, 0);
	vfnl_str(m, VFPROV_A_PF_ADDR, pf);
}

/* ---- every command ---------------------------------------------------- */

TEST_F(nl, pf_get_doit)
{
	struct pf_reply r = { 0 };

	vfnl_init(&self->m, self->s.family, VFPROV_CMD_PF_GET, 0);
	vfnl_str(&self->m, VFPROV_A_PF_ADDR, sim_pf);
	ASSERT_EQ(0, vfnl_talk(&self->s, &self->m, pf_cb, &r));
	EXPECT_STREQ("i915-prelim", r.backend);
	EXPECT_EQ(31, r.total);
	EXPECT_EQ(1, r.num);

	memset(&r, 0, sizeof(r));
	vfnl_init(&self->m, self->s.family, VFPROV_CMD_PF_GET, 0);
	vfnl_str(&self->m, VFPROV_A_PF_ADDR, pci_pf);
	ASSERT_EQ(0, vfnl_talk(&self->s, &self->m, pf_cb, &r));
	EXPECT_STREQ("pci", r.backend);
	EXPECT_EQ(4, r.total);
}

TEST_F(nl, pf_dump_lists_each_pf_once)
{
	const char *sim_pf2 = getenv("SIM_PF2");
	struct pf_reply r = { 0 };
	int sim = 0, pci = 0, sim2 = 0, i;

	/* the VM's PFs: SIM_PF, PCI_PF and (unbound) SIM_PF2 */
	vfnl_init(&self->m, self->s.family, VFPROV_CMD_PF_GET, NLM_F_DUMP);
	ASSERT_EQ(0, vfnl_talk(&self->s, &self->m, pf_cb, &r));
	ASSERT_EQ(sim_pf2 ? 3 : 2, r.nseen);
	for (i = 0; i < r.nseen; i++) {
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
	struct nlattr *tb[VFPROV_A_MAX + 1], *v[VFPROV_VF_A_MAX + 1];
	struct vf_ids *r = arg;

	vfnl_parse_msg(tb, VFPROV_A_MAX, h);
	if (!tb[VFPROV_A_VF] || r->n >= 64)
		return 0;
	vfnl_parse(v, VFPROV_VF_A_MAX, vfnl_data(tb[VFPROV_A_VF]),
		   vfnl_len(tb[VFPROV_A_VF]));
	r->id[r->n++] = v[VFPROV_VF_A_ID] ? (int)vfnl_get_u32(v[VFPROV_VF_A_ID]) : -1;
	return 0;
}

TEST_F(nl, vf_dump_spans_several_messages)
{
	struct vf_ids r = { 0 };
	int i;

	vfnl_init(&self->m, self->s.family, VFPROV_CMD_VF_GET, NLM_F_DUMP);
	vfnl_str(&self->m, VFPROV_A_PF_ADDR, sim_pf);
	ASSERT_EQ(0, vfnl_talk(&self->s, &self->m, vf_cb, &r));
	ASSERT_EQ(31, r.n);
	for (i = 0; i < 31; i++)
		EXPECT_EQ(i + 1, r.id[i]);
	EXPECT_GT(self->s.batches, 1) TH_LOG("dump fit one skb: not a resume test");
}

TEST_F(nl, vf_get_doit)
{
	struct vf_ids r = { 0 };

	vfnl_init(&self->m, self->s.family, VFPROV_CMD_VF_GET, 0);
	vfnl_str(&self->m, VFPROV_A_PF_ADDR, sim_pf);
	vfnl_u32(&self->m, VFPROV_A_VF_ID, 1);
	ASSERT_EQ(0, vfnl_talk(&self->s, &self->m, vf_cb, &r));
	ASSERT_EQ(1, r.n);
	EXPECT_EQ(1, r.id[0]);

	vfnl_init(&self->m, self->s.family, VFPROV_CMD_VF_GET, 0);
	vfnl_str(&self->m, VFPROV_A_PF_ADDR, sim_pf);
	vfnl_u32(&self->m, VFPROV_A_VF_ID, 32);
	EXPECT_INVALID(ENOENT);
}

static int plan_cb(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[VFPROV_A_MAX + 1], *c[VFPROV_CFG_A_MAX + 1], *a;
	struct nlattr *v[VFPROV_VF_A_MAX + 1];
	int *n = arg;

	vfnl_parse_msg(tb, VFPROV_A_MAX, h);
	if (!tb[VFPROV_A_CONFIG])
		return 0;
	vfnl_parse(c, VFPROV_CFG_A_MAX, vfnl_data(tb[VFPROV_A_CONFIG]),
		   vfnl_len(tb[VFPROV_A_CONFIG]));
	if (!c[VFPROV_CFG_A_VFS])
		return 0;
	vfnl_for_each(a, vfnl_data(c[VFPROV_CFG_A_VFS]), vfnl_len(c[VFPROV_CFG_A_VFS])) {
		vfnl_parse(v, VFPROV_VF_A_MAX, vfnl_data(a), vfnl_len(a));
		if (v[VFPROV_VF_A_LMEM] && vfnl_get_u64(v[VFPROV_VF_A_LMEM]) &&
		    v[VFPROV_VF_A_GGTT] && v[VFPROV_VF_A_CONTEXTS])
			(*n)++;
	}
	return 0;
}

TEST_F(nl, plan_returns_full_plan_and_changes_nothing)
{
	char after[128];
	int n = 0;

	vfnl_init(&self->m, self->s.family, VFPROV_CMD_PLAN, 0);
	vfnl_str(&self->m, VFPROV_A_PF_ADDR, sim_pf);
	vfnl_nest(&self->m, VFPROV_A_CONFIG);
	vfnl_u32(&self->m, VFPROV_CFG_A_NUM_VFS, 5);
	vfnl_end(&self->m);
	ASSERT_EQ(0, vfnl_talk(&self->s, &self->m, plan_cb, &n));
	EXPECT_EQ(5, n);
	pf_state(&self->s, after, sizeof(after));
	EXPECT_STREQ(self->before, after);
}

struct outcome {
	uint32_t result;
	int err;
	uint64_t gen;
	char msg[160];
};

static int outcome_cb(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[VFPROV_A_MAX + 1];
	struct outcome *o = arg;

	vfnl_parse_msg(tb, VFPROV_A_MAX, h);
	if (!tb[VFPROV_A_RESULT] || !tb[VFPROV_A_ERRNO] ||
	    !tb[VFPROV_A_PF_GENERATION] || !tb[VFPROV_A_MESSAGE] ||
	    !tb[VFPROV_A_FAILED_STEP] || !tb[VFPROV_A_FAILED_VF])
		return 0;
	o->result = vfnl_get_u32(tb[VFPROV_A_RESULT]);
	o->err = (int)vfnl_get_u32(tb[VFPROV_A_ERRNO]);
	o->gen = vfnl_get_u64(tb[VFPROV_A_PF_GENERATION]);
	snprintf(o->msg, sizeof(o->msg), "%s", (char *)vfnl_data(tb[VFPROV_A_MESSAGE]));
	return 0;
}

TEST_F(nl, apply_and_reset_reply_outcome)
{
	uint64_t gen = pf_gen(&self->s, pci_pf);
	struct outcome o = { 0 };

	apply_start(&self->m, &self->s, pci_pf);
	vfnl_nest(&self->m, VFPROV_A_CONFIG);
	vfnl_u32(&self->m, VFPROV_CFG_A_NUM_VFS, 2);
	vfnl_end(&self->m);
	ASSERT_EQ(0, vfnl_talk(&self->s, &self->m, outcome_cb, &o));
	EXPECT_EQ(VFPROV_RESULT_COMMITTED, o.result);
	EXPECT_EQ(gen + 1, o.gen);

	memset(&o, 0, sizeof(o));
	vfnl_init(&self->m, self->s.family, VFPROV_CMD_RESET, 0);
	vfnl_str(&self->m, VFPROV_A_PF_ADDR, pci_pf);
	vfnl_u64(&self->m, VFPROV_A_EXPECTED_GEN, gen + 1);
	ASSERT_EQ(0, vfnl_talk(&self->s, &self->m, outcome_cb, &o));
	EXPECT_EQ(VFPROV_RESULT_COMMITTED, o.result);
	EXPECT_EQ(gen + 2, o.gen);
}

TEST_F(nl, semantic_rejection_names_attribute)
{
	struct outcome o = { 0 };
	struct nlattr *num;
	char after[128];

	apply_start(&self->m, &self->s, sim_pf);
	vfnl_nest(&self->m, VFPROV_A_CONFIG);
	num = vfnl_put(&self->m, VFPROV_CFG_A_NUM_VFS, &(uint32_t){ 40 }, 4);
	vfnl_end(&self->m);
	EXPECT_EQ(-ERANGE, vfnl_talk(&self->s, &self->m, outcome_cb, &o));
	EXPECT_EQ(VFPROV_RESULT_REJECTED, o.result);
	EXPECT_EQ(-ERANGE, o.err);
	EXPECT_NE(0, o.msg[0]);
	EXPECT_NE(0, self->s.extack[0]);
	EXPECT_EQ((char *)num - self->m.buf, self->s.bad_off);
	pf_state(&self->s, after, sizeof(after));
	EXPECT_STREQ(self->before, after);
}

TEST_F(nl, stale_generation_is_estale)
{
	apply_start(&self->m, &self->s, sim_pf);
	vfnl_u64(&self->m, VFPROV_A_EXPECTED_GEN, pf_gen(&self->s, sim_pf) + 7);
	vfnl_nest(&self->m, VFPROV_A_CONFIG);
	vfnl_u32(&self->m, VFPROV_CFG_A_NUM_VFS, 2);
	vfnl_end(&self->m);
	EXPECT_INVALID(ESTALE);
}

TEST_F(nl, unknown_pf_is_enodev)
{
	apply_start(&self->m, &self->s, "0000:7f:1f.7");
	vfnl_nest(&self->m, VFPROV_A_CONFIG);
	vfnl_u32(&self->m, VFPROV_CFG_A_NUM_VFS, 1);
	vfnl_end(&self->m);
	EXPECT_INVALID(ENODEV);
}

/* ---- wrong types ------------------------------------------------------ */

TEST_F(nl, wrong_type_addr_not_a_string)
{
	vfnl_init(&self->m, self->s.family, VFPROV_CMD_APPLY, 0);
	vfnl_u32(&self->m, VFPROV_A_PF_ADDR, 0x41414141);
	EXPECT_INVALID(EINVAL);
}

TEST_F(nl, wrong_type_num_vfs_as_u8)
{
	apply_start(&self->m, &self->s, sim_pf);
	vfnl_nest(&self->m, VFPROV_A_CONFIG);
	vfnl_u8(&self->m, VFPROV_CFG_A_NUM_VFS, 2);
	vfnl_end(&self->m);
	EXPECT_INVALID(EINVAL);
}

TEST_F(nl, wrong_type_flags_as_u64)
{
	apply_start(&self->m, &self->s, sim_pf);
	vfnl_u64(&self->m, VFPROV_A_FLAGS, VFPROV_F_FORCE);
	vfnl_nest(&self->m, VFPROV_A_CONFIG);
	vfnl_u32(&self->m, VFPROV_CFG_A_NUM_VFS, 2);
	vfnl_end(&self->m);
	EXPECT_INVALID(EINVAL);
}

TEST_F(nl, wrong_type_quota_as_u32)
{
	apply_start(&self->m, &self->s, sim_pf);
	vfnl_nest(&self->m, VFPROV_A_CONFIG);
	vfnl_u32(&self->m, VFPROV_CFG_A_NUM_VFS, 2);
	vfnl_nest(&self->m, VFPROV_CFG_A_VFS);
	vfnl_nest(&self->m, VFPROV_A_VF);
	vfnl_u32(&self->m, VFPROV_VF_A_ID, 1);
	vfnl_u32(&self->m, VFPROV_VF_A_LMEM, 1 << 30);
	vfnl_end(&self->m);
	vfnl_end(&self->m);
	vfnl_end(&self->m);
	EXPECT_INVALID(EINVAL);
}

/* ---- out of range ----------------------------------------------------- */

static void cfg_u32(struct vfnl_msg *m, struct vfnl *s, int attr, uint32_t v)
{
	apply_start(m, s, sim_pf);
	vfnl_nest(m, VFPROV_A_CONFIG);
	if (attr != VFPROV_CFG_A_NUM_VFS)
		vfnl_u32(m, VFPROV_CFG_A_NUM_VFS, 2);
	vfnl_u32(m, attr, v);
	vfnl_end(m);
}

static void vf_u32(struct vfnl_msg *m, struct vfnl *s, uint32_t id, int attr,
		   uint32_t v)
{
	apply_start(m, s, sim_pf);
	vfnl_nest(m, VFPROV_A_CONFIG);
	vfnl_u32(m, VFPROV_CFG_A_NUM_VFS, 2);
	vfnl_nest(m, VFPROV_CFG_A_VFS);
	vfnl_nest(m, VFPROV_A_VF);
	vfnl_u32(m, VFPROV_VF_A_ID, id);
	if (attr)
		vfnl_u32(m, attr, v);
	vfnl_end(m);
	vfnl_end(m);
	vfnl_end(m);
}

TEST_F(nl, range_num_vfs_64)
{
	cfg_u32(&self->m, &self->s, VFPROV_CFG_A_NUM_VFS, 64);
	EXPECT_INVALID(ERANGE);
}

TEST_F(nl, range_vf_driver_2)
{
	cfg_u32(&self->m, &self->s, VFPROV_CFG_A_VF_DRIVER, 2);
	EXPECT_INVALID(ERANGE);
}

TEST_F(nl, range_contexts_spare_above_u16)
{
	cfg_u32(&self->m, &self->s, VFPROV_CFG_A_CONTEXTS_SPARE, 70000);
	EXPECT_INVALID(ERANGE);
}

TEST_F(nl, range_sched_if_idle_2)
{
	apply_start(&self->m, &self->s, sim_pf);
	vfnl_nest(&self->m, VFPROV_A_CONFIG);
	vfnl_u32(&self->m, VFPROV_CFG_A_NUM_VFS, 2);
	vfnl_u8(&self->m, VFPROV_CFG_A_SCHED_IF_IDLE, 2);
	vfnl_end(&self->m);
	EXPECT_INVALID(ERANGE);
}

TEST_F(nl, range_vf_id_0)
{
	vf_u32(&self->m, &self->s, 0, 0, 0);
	EXPECT_INVALID(ERANGE);
}

TEST_F(nl, range_vf_id_64)
{
	vf_u32(&self->m, &self->s, 64, 0, 0);
	EXPECT_INVALID(ERANGE);
}

TEST_F(nl, range_weight_1001)
{
	vf_u32(&self->m, &self->s, 1, VFPROV_VF_A_WEIGHT, 1001);
	EXPECT_INVALID(ERANGE);
}

TEST_F(nl, range_vf_get_id_64)
{
	vfnl_init(&self->m, self->s.family, VFPROV_CMD_VF_GET, 0);
	vfnl_str(&self->m, VFPROV_A_PF_ADDR, sim_pf);
	vfnl_u32(&self->m, VFPROV_A_VF_ID, 64);
	EXPECT_INVALID(ERANGE);
}

TEST_F(nl, unknown_flag_bits)
{
	apply_start(&self->m, &self->s, sim_pf);
	vfnl_u32(&self->m, VFPROV_A_FLAGS, 0x80);
	vfnl_nest(&self->m, VFPROV_A_CONFIG);
	vfnl_u32(&self->m, VFPROV_CFG_A_NUM_VFS, 2);
	vfnl_end(&self->m);
	EXPECT_INVALID(EINVAL);
}

TEST_F(nl, vf_beyond_num_vfs)
{
	vf_u32(&self->m, &self->s, 3, VFPROV_VF_A_EXEC_QUANTUM_MS, 5);
	EXPECT_INVALID(EINVAL);
}

/* ---- missing ---------------------------------------------------------- */

TEST_F(nl, missing_pf_addr)
{
	vfnl_init(&self->m, self->s.family, VFPROV_CMD_APPLY, 0);
	vfnl_nest(&self->m, VFPROV_A_CONFIG);
	vfnl_u32(&self->m, VFPROV_CFG_A_NUM_VFS, 2);
	vfnl_end(&self->m);
	EXPECT_INVALID(EINVAL);
}

TEST_F(nl, missing_config)
{
	apply_start(&self->m, &self->s, sim_pf);
	EXPECT_INVALID(EINVAL);
}

TEST_F(nl, missing_num_vfs)
{
	apply_start(&self->m, &self->s, sim_pf);
	vfnl_nest(&self->m, VFPROV_A_CONFIG);
	vfnl_u32(&self->m, VFPROV_CFG_A_EXEC_QUANTUM_MS, 10);
	vfnl_end(&self->m);
	EXPECT_INVALID(EINVAL);
}

TEST_F(nl, missing_vf_id)
{
	vf_u32(&self->m, &self->s, 1, 0, 0);
	/* rebuild without the id: a VF entry with only a weight */
	apply_start(&self->m, &self->s, sim_pf);
	vfnl_nest(&self->m, VFPROV_A_CONFIG);
	vfnl_u32(&self->m, VFPROV_CFG_A_NUM_VFS, 2);
	vfnl_nest(&self->m, VFPROV_CFG_A_VFS);
	vfnl_nest(&self->m, VFPROV_A_VF);
	vfnl_u32(&self->m, VFPROV_VF_A_WEIGHT, 3);
	vfnl_end(&self->m);
	vfnl_end(&self->m);
	vfnl_end(&self->m);
	EXPECT_INVALID(EINVAL);
}

TEST_F(nl, missing_vf_id_in_vf_get)
{
	vfnl_init(&self->m, self->s.family, VFPROV_CMD_VF_GET, 0);
	vfnl_str(&self->m, VFPROV_A_PF_ADDR, sim_pf);
	EXPECT_INVALID(EINVAL);
}

TEST_F(nl, missing_pf_addr_in_vf_dump)
{
	vfnl_init(&self->m, self->s.family, VFPROV_CMD_VF_GET, NLM_F_DUMP);
	EXPECT_INVALID(EINVAL);
}

TEST_F(nl, unknown_attr_in_dump_request)
{
	vfnl_init(&self->m, self->s.family, VFPROV_CMD_PF_GET, NLM_F_DUMP);
	vfnl_u32(&self->m, VFPROV_A_FLAGS, 0);
	EXPECT_INVALID(EINVAL);
}

/* ---- unknown ---------------------------------------------------------- */

TEST_F(nl, unknown_top_level_type)
{
	apply_start(&self->m, &self->s, sim_pf);
	vfnl_u32(&self->m, 250, 1);
	EXPECT_INVALID(EINVAL);
}

TEST_F(nl, attribute_of_another_command)
{
	apply_start(&self->m, &self->s, sim_pf);
	vfnl_u32(&self->m, VFPROV_A_VF_ID, 1);
	vfnl_nest(&self->m, VFPROV_A_CONFIG);
	vfnl_u32(&self->m, VFPROV_CFG_A_NUM_VFS, 2);
	vfnl_end(&self->m);
	EXPECT_INVALID(EINVAL);
}

TEST_F(nl, unknown_type_in_config)
{
	cfg_u32(&self->m, &self->s, 40, 1);
	EXPECT_INVALID(EINVAL);
}

TEST_F(nl, state_only_vf_attribute)
{
	apply_start(&self->m, &self->s, sim_pf);
	vfnl_nest(&self->m, VFPROV_A_CONFIG);
	vfnl_u32(&self->m, VFPROV_CFG_A_NUM_VFS, 2);
	vfnl_nest(&self->m, VFPROV_CFG_A_VFS);
	vfnl_nest(&self->m, VFPROV_A_VF);
	vfnl_u32(&self->m, VFPROV_VF_A_ID, 1);
	vfnl_u8(&self->m, VFPROV_VF_A_IN_USE, 0);
	vfnl_end(&self->m);
	vfnl_end(&self->m);
	vfnl_end(&self->m);
	EXPECT_INVALID(EINVAL);
	EXPECT_NE(NULL, strstr(self->extack, "not settable"))
		TH_LOG("extack: %s", self->extack);
}

TEST_F(nl, reserved_header_byte)
{
	struct genlmsghdr *g;

	cfg_u32(&self->m, &self->s, VFPROV_CFG_A_NUM_VFS, 2);
	g = NLMSG_DATA(self->m.nlh);
	g->reserved = 1;
	EXPECT_INVALID(EINVAL);
}

TEST_F(nl, trailing_garbage)
{
	cfg_u32(&self->m, &self->s, VFPROV_CFG_A_NUM_VFS, 2);
	memset(self->m.buf + self->m.nlh->nlmsg_len, 0xff, 4);
	self->m.nlh->nlmsg_len += 4;
	EXPECT_INVALID(EINVAL);
}

/* ---- oversize --------------------------------------------------------- */

/* A NUL string longer than the policy allows: the NUL is not found. */
TEST_F(nl, oversize_pf_addr)
{
	char big[100];

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	vfnl_init(&self->m, self->s.family, VFPROV_CMD_PF_GET, 0);
	vfnl_str(&self->m, VFPROV_A_PF_ADDR, big);
	EXPECT_INVALID(EINVAL);
}

TEST_F(nl, unterminated_pf_addr)
{
	vfnl_init(&self->m, self->s.family, VFPROV_CMD_PF_GET, 0);
	vfnl_put(&self->m, VFPROV_A_PF_ADDR, "0000:01:00.0", 12);
	EXPECT_INVALID(EINVAL);
}

/* ---- nesting abuse ---------------------------------------------------- */

TEST_F(nl, config_not_nested)
{
	apply_start(&self->m, &self->s, sim_pf);
	vfnl_u32(&self->m, VFPROV_A_CONFIG, 2);
	EXPECT_INVALID(EINVAL);
}

TEST_F(nl, vf_directly_in_config)
{
	apply_start(&self->m, &self->s, sim_pf);
	vfnl_nest(&self->m, VFPROV_A_CONFIG);
	vfnl_u32(&self->m, VFPROV_CFG_A_NUM_VFS, 2);
	vfnl_nest(&self->m, VFPROV_A_VF);
	vfnl_u32(&self->m, VFPROV_VF_A_ID, 1);
	vfnl_end(&self->m);
	vfnl_end(&self->m);
	EXPECT_INVALID(EINVAL);
}

TEST_F(nl, vf_inside_vf)
{
	apply_start(&self->m, &self->s, sim_pf);
	vfnl_nest(&self->m, VFPROV_A_CONFIG);
	vfnl_u32(&self->m, VFPROV_CFG_A_NUM_VFS, 2);
	vfnl_nest(&self->m, VFPROV_CFG_A_VFS);
	vfnl_nest(&self->m, VFPROV_A_VF);
	vfnl_u32(&self->m, VFPROV_VF_A_ID, 1);
	vfnl_nest(&self->m, VFPROV_A_VF);
	vfnl_u32(&self->m, VFPROV_VF_A_ID, 2);
	vfnl_end(&self->m);
	vfnl_end(&self->m);
	vfnl_end(&self->m);
	vfnl_end(&self->m);
	EXPECT_INVALID(EINVAL);
}

TEST_F(nl, scalar_in_vf_list)
{
	apply_start(&self->m, &self->s, sim_pf);
	vfnl_nest(&self->m, VFPROV_A_CONFIG);
	vfnl_u32(&self->m, VFPROV_CFG_A_NUM_VFS, 2);
	vfnl_nest(&self->m, VFPROV_CFG_A_VFS);
	vfnl_u32(&self->m, VFPROV_A_VF_ID, 1);
	vfnl_end(&self->m);
	vfnl_end(&self->m);
	EXPECT_INVALID(EINVAL);
}

TEST_F(nl, duplicate_vf_id)
{
	int i;

	apply_start(&self->m, &self->s, sim_pf);
	vfnl_nest(&self->m, VFPROV_A_CONFIG);
	vfnl_u32(&self->m, VFPROV_CFG_A_NUM_VFS, 2);
	vfnl_nest(&self->m, VFPROV_CFG_A_VFS);
	for (i = 0; i < 2; i++) {
		vfnl_nest(&self->m, VFPROV_A_VF);
		vfnl_u32(&self->m, VFPROV_VF_A_ID, 1);
		vfnl_end(&self->m);
	}
	vfnl_end(&self->m);
	vfnl_end(&self->m);
	EXPECT_INVALID(EINVAL);
}

TEST_F(nl, nest_with_truncated_inner_attribute)
{
	struct nlattr *cfg;

	apply_start(&self->m, &self->s, sim_pf);
	vfnl_nest(&self->m, VFPROV_A_CONFIG);
	vfnl_u32(&self->m, VFPROV_CFG_A_NUM_VFS, 2);
	vfnl_end(&self->m);
	cfg = self->m.nest[0];
	/* the inner attribute claims more bytes than the nest holds */
	((struct nlattr *)vfnl_data(cfg))->nla_len = 64;
	EXPECT_INVALID(EINVAL);
}

/* ---- privileges ------------------------------------------------------- */

static int drop_caps(void)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[2] = { 0 };

	return syscall(SYS_capset, &h, d);
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
		apply_start(&self->m, &s, sim_pf);
		vfnl_nest(&self->m, VFPROV_A_CONFIG);
		vfnl_u32(&self->m, VFPROV_CFG_A_NUM_VFS, 2);
		vfnl_end(&self->m);
		err = vfnl_talk(&s, &self->m, NULL, NULL);
		bad |= (err != -EPERM) << 0;
		vfnl_init(&self->m, s.family, VFPROV_CMD_RESET, 0);
		vfnl_str(&self->m, VFPROV_A_PF_ADDR, pci_pf);
		err = vfnl_talk(&s, &self->m, NULL, NULL);
		bad |= (err != -EPERM) << 1;
		vfnl_init(&self->m, s.family, VFPROV_CMD_PF_GET, NLM_F_DUMP);
		bad |= (vfnl_talk(&s, &self->m, NULL, NULL) != 0) << 2;
		vfnl_init(&self->m, s.family, VFPROV_CMD_PLAN, 0);
		vfnl_str(&self->m, VFPROV_A_PF_ADDR, sim_pf);
		vfnl_nest(&self->m, VFPROV_A_CONFIG);
		vfnl_u32(&self->m, VFPROV_CFG_A_NUM_VFS, 3);
		vfnl_end(&self->m);
		bad |= (vfnl_talk(&s, &self->m, NULL, NULL) != 0) << 3;
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
		vfnl_init(&self->m, s.family, VFPROV_CMD_RESET, 0);
		vfnl_str(&self->m, VFPROV_A_PF_ADDR, sim_pf);
		_exit(vfnl_talk(&s, &self->m, NULL, NULL) != -EPERM);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status)) TH_LOG("nobody's reset not EPERM");
	{
		char after[128];

		pf_state(&self->s, after, sizeof(after));
		EXPECT_STREQ(self->before, after);
	}
}

TEST_HARNESS_MAIN
