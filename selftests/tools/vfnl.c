// SPDX-License-Identifier: GPL-2.0
/*
 * vfnl - talk to vfprov over generic netlink, for the shell tests.
 *
 *   vfnl pf-get [PF]                    one line per PF (all: dump)
 *   vfnl vf-get PF [ID]                 one line per VF (all: dump)
 *   vfnl plan PF KEY=VAL...             the plan
 *   vfnl apply PF [--dry] [--force] [--if-changed] [--gen=N] KEY=VAL...
 *   vfnl reset PF [--force] [--if-changed] [--gen=N]
 *   vfnl monitor COUNT SECONDS [audit]  print COUNT events, or fail
 *                                       (audit: the privileged group)
 *   --residue (plan/apply/reset): fill freed kmalloc-128 objects with a
 *   non-pointer pattern first, so that a read past a small attribute
 *   table in the kernel finds garbage there, not a lucky NULL
 *
 * KEY: num drv(vfio|none) ggtt_spare lmem_spare ctx_spare db_spare eq pt
 * idle, and vfK.{ggtt,lmem,ctx,db,eq,pt,weight}.
 * Output is "key=value" words; the last line of a request is
 * "ack=ENAME extack=..." and the exit code is 0 only for a zero ack.
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
static const char *const events[] = {
	"unspec", "pf_added", "pf_removed", "committed", "rolled_back",
	"degraded", "pf_driver", "rejected",
};
static const char *const states[] = { "idle", "applying", "degraded", "gone" };

#define NAME(tab, i) ((i) < sizeof(tab) / sizeof(tab[0]) ? tab[i] : "?")

static void put_vf_cfg(struct nlattr **tb)
{
	static const char *const n[] = {
		[VFPROV_VF_A_GGTT] = "ggtt", [VFPROV_VF_A_LMEM] = "lmem",
		[VFPROV_VF_A_CONTEXTS] = "ctx", [VFPROV_VF_A_DOORBELLS] = "db",
		[VFPROV_VF_A_EXEC_QUANTUM_MS] = "eq",
		[VFPROV_VF_A_PREEMPT_TIMEOUT_US] = "pt",
		[VFPROV_VF_A_WEIGHT] = "weight",
	};
	int t;

	for (t = VFPROV_VF_A_GGTT; t <= VFPROV_VF_A_WEIGHT; t++) {
		if (!tb[t])
			continue;
		if (vfnl_len(tb[t]) == 8)
			printf(" %s=%llu", n[t],
			       (unsigned long long)vfnl_get_u64(tb[t]));
		else
			printf(" %s=%u", n[t], vfnl_get_u32(tb[t]));
	}
}

static int print_pf(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[VFPROV_A_MAX + 1], *r, *rtb[VFPROV_RES_A_MAX + 1];

	(void)arg;
	vfnl_parse_msg(tb, VFPROV_A_MAX, h);
	printf("pf=%s backend=%s driver=%s total=%u num=%u gen=%llu state=%s last_result=%s last_errno=%d",
	       (char *)vfnl_data(tb[VFPROV_A_PF_ADDR]),
	       (char *)vfnl_data(tb[VFPROV_A_PF_BACKEND]),
	       (char *)vfnl_data(tb[VFPROV_A_PF_DRIVER]),
	       vfnl_get_u32(tb[VFPROV_A_PF_TOTAL_VFS]),
	       vfnl_get_u32(tb[VFPROV_A_PF_NUM_VFS]),
	       (unsigned long long)vfnl_get_u64(tb[VFPROV_A_PF_GENERATION]),
	       NAME(states, vfnl_get_u32(tb[VFPROV_A_PF_STATE])),
	       NAME(results, vfnl_get_u32(tb[VFPROV_A_PF_LAST_RESULT])),
	       (int)vfnl_get_u32(tb[VFPROV_A_PF_LAST_ERRNO]));
	if (tb[VFPROV_A_PF_RESOURCES]) {
		vfnl_for_each(r, vfnl_data(tb[VFPROV_A_PF_RESOURCES]),
			      vfnl_len(tb[VFPROV_A_PF_RESOURCES])) {
			const char *n;

			vfnl_parse(rtb, VFPROV_RES_A_MAX, vfnl_data(r), vfnl_len(r));
			n = vfnl_data(rtb[VFPROV_RES_A_NAME]);
			printf(" %s.free=%llu %s.max_quota=%llu %s.spare=%llu",
			       n, (unsigned long long)vfnl_get_u64(rtb[VFPROV_RES_A_FREE]),
			       n, (unsigned long long)vfnl_get_u64(rtb[VFPROV_RES_A_MAX_QUOTA]),
			       n, (unsigned long long)vfnl_get_u64(rtb[VFPROV_RES_A_SPARE]));
		}
	}
	printf("\n");
	return 0;
}

static int print_vf(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[VFPROV_A_MAX + 1], *v[VFPROV_VF_A_MAX + 1];

	(void)arg;
	vfnl_parse_msg(tb, VFPROV_A_MAX, h);
	vfnl_parse(v, VFPROV_VF_A_MAX, vfnl_data(tb[VFPROV_A_VF]),
		   vfnl_len(tb[VFPROV_A_VF]));
	printf("vf=%u enabled=%u addr=%s driver=%s group=%d in_use=%u",
	       vfnl_get_u32(v[VFPROV_VF_A_ID]), vfnl_get_u8(v[VFPROV_VF_A_ENABLED]),
	       (char *)vfnl_data(v[VFPROV_VF_A_PCI_ADDR]),
	       (char *)vfnl_data(v[VFPROV_VF_A_DRIVER]),
	       (int)vfnl_get_u32(v[VFPROV_VF_A_IOMMU_GROUP]),
	       vfnl_get_u8(v[VFPROV_VF_A_IN_USE]));
	put_vf_cfg(v);
	printf("\n");
	return 0;
}

static void print_outcome(struct nlattr **tb)
{
	printf("result=%s errno=%d step=%s vf=%u gen=%llu msg=\"%s\"\n",
	       NAME(results, vfnl_get_u32(tb[VFPROV_A_RESULT])),
	       (int)vfnl_get_u32(tb[VFPROV_A_ERRNO]),
	       (char *)vfnl_data(tb[VFPROV_A_FAILED_STEP]),
	       vfnl_get_u32(tb[VFPROV_A_FAILED_VF]),
	       (unsigned long long)vfnl_get_u64(tb[VFPROV_A_PF_GENERATION]),
	       (char *)vfnl_data(tb[VFPROV_A_MESSAGE]));
}

static int print_reply(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[VFPROV_A_MAX + 1], *c[VFPROV_CFG_A_MAX + 1], *a;
	struct nlattr *v[VFPROV_VF_A_MAX + 1];

	(void)arg;
	vfnl_parse_msg(tb, VFPROV_A_MAX, h);
	print_outcome(tb);
	if (!tb[VFPROV_A_CONFIG])
		return 0;
	vfnl_parse(c, VFPROV_CFG_A_MAX, vfnl_data(tb[VFPROV_A_CONFIG]),
		   vfnl_len(tb[VFPROV_A_CONFIG]));
	printf("plan num=%u drv=%u\n", vfnl_get_u32(c[VFPROV_CFG_A_NUM_VFS]),
	       vfnl_get_u32(c[VFPROV_CFG_A_VF_DRIVER]));
	if (!c[VFPROV_CFG_A_VFS])
		return 0;
	vfnl_for_each(a, vfnl_data(c[VFPROV_CFG_A_VFS]), vfnl_len(c[VFPROV_CFG_A_VFS])) {
		vfnl_parse(v, VFPROV_VF_A_MAX, vfnl_data(a), vfnl_len(a));
		printf("plan.vf=%u", vfnl_get_u32(v[VFPROV_VF_A_ID]));
		put_vf_cfg(v);
		printf("\n");
	}
	return 0;
}

struct kv { const char *key; int attr; int wide; };

static const struct kv pf_keys[] = {
	{ "num", VFPROV_CFG_A_NUM_VFS, 0 },
	{ "ggtt_spare", VFPROV_CFG_A_GGTT_SPARE, 1 },
	{ "lmem_spare", VFPROV_CFG_A_LMEM_SPARE, 1 },
	{ "ctx_spare", VFPROV_CFG_A_CONTEXTS_SPARE, 0 },
	{ "db_spare", VFPROV_CFG_A_DOORBELLS_SPARE, 0 },
	{ "eq", VFPROV_CFG_A_EXEC_QUANTUM_MS, 0 },
	{ "pt", VFPROV_CFG_A_PREEMPT_TIMEOUT_US, 0 },
	{ "idle", VFPROV_CFG_A_SCHED_IF_IDLE, 2 },
	{ NULL, 0, 0 },
};

static const struct kv vf_keys[] = {
	{ "ggtt", VFPROV_VF_A_GGTT, 1 },
	{ "lmem", VFPROV_VF_A_LMEM, 1 },
	{ "ctx", VFPROV_VF_A_CONTEXTS, 0 },
	{ "db", VFPROV_VF_A_DOORBELLS, 0 },
	{ "eq", VFPROV_VF_A_EXEC_QUANTUM_MS, 0 },
	{ "pt", VFPROV_VF_A_PREEMPT_TIMEOUT_US, 0 },
	{ "weight", VFPROV_VF_A_WEIGHT, 0 },
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
		vfnl_u32(m, VFPROV_CFG_A_VF_DRIVER, !strcmp(val, "vfio") ?
			 VFPROV_VF_DRIVER_VFIO_PCI : VFPROV_VF_DRIVER_NONE);
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

/* The config nest from KEY=VAL words; VF keys grouped per VF id. */
static int build_config(struct vfnl_msg *m, int argc, char **argv)
{
	int i, id, any_vf = 0;

	vfnl_nest(m, VFPROV_A_CONFIG);
	for (i = 0; i < argc; i++) {
		char key[64], *eq = strchr(argv[i], '=');

		if (!eq || eq - argv[i] >= (int)sizeof(key))
			return -1;
		snprintf(key, sizeof(key), "%.*s", (int)(eq - argv[i]), argv[i]);
		if (!strncmp(key, "vf", 2) && strchr(key, '.')) {
			any_vf = 1;
			continue;
		}
		if (put_pf_key(m, key, eq + 1))
			return -1;
	}
	if (any_vf) {
		vfnl_nest(m, VFPROV_CFG_A_VFS);
		for (id = 1; id <= VFPROV_MAX_VFS; id++) {
			int open = 0;

			for (i = 0; i < argc; i++) {
				const struct kv *k;
				char *dot, *eq = strchr(argv[i], '=');

				if (strncmp(argv[i], "vf", 2) || atoi(argv[i] + 2) != id ||
				    !(dot = strchr(argv[i], '.')) || dot > eq)
					continue;
				if (!open) {
					vfnl_nest(m, VFPROV_A_VF);
					vfnl_u32(m, VFPROV_VF_A_ID, id);
					open = 1;
				}
				for (k = vf_keys; k->key; k++)
					if (!strncmp(k->key, dot + 1, eq - dot - 1) &&
					    strlen(k->key) == (size_t)(eq - dot - 1))
						break;
				if (!k->key)
					return -1;
				put_kv(m, k, strtoull(eq + 1, NULL, 0));
			}
			if (open)
				vfnl_end(m);
		}
		vfnl_end(m);
	}
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

static int print_event(struct nlmsghdr *h)
{
	struct nlattr *tb[VFPROV_A_MAX + 1];

	vfnl_parse_msg(tb, VFPROV_A_MAX, h);
	printf("event=%s pf=%s", NAME(events, vfnl_get_u32(tb[VFPROV_A_EVENT])),
	       tb[VFPROV_A_PF_ADDR] ? (char *)vfnl_data(tb[VFPROV_A_PF_ADDR]) : "");
	if (tb[VFPROV_A_RESULT])
		printf(" result=%s errno=%d step=%s vf=%u gen=%llu",
		       NAME(results, vfnl_get_u32(tb[VFPROV_A_RESULT])),
		       (int)vfnl_get_u32(tb[VFPROV_A_ERRNO]),
		       (char *)vfnl_data(tb[VFPROV_A_FAILED_STEP]),
		       vfnl_get_u32(tb[VFPROV_A_FAILED_VF]),
		       (unsigned long long)vfnl_get_u64(tb[VFPROV_A_PF_GENERATION]));
	if (tb[VFPROV_A_PID])
		printf(" pid=%u uid=%u comm=%s", vfnl_get_u32(tb[VFPROV_A_PID]),
		       vfnl_get_u32(tb[VFPROV_A_UID]),
		       (char *)vfnl_data(tb[VFPROV_A_COMM]));
	printf("\n");
	fflush(stdout);
	return 0;
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
			print_event(h);
			got++;
		}
	}
	return got >= count ? 0 : 1;
}

int main(int argc, char **argv)
{
	static struct vfnl_msg m;
	struct vfnl s;
	const char *cmd;
	int i, err;

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
		vfnl_str(&m, VFPROV_A_PF_ADDR, argv[2]);
		if (argc > 3)
			vfnl_u32(&m, VFPROV_A_VF_ID, atoi(argv[3]));
		return finish(&s, vfnl_talk(&s, &m, print_vf, NULL));
	}
	if (argc < 3)
		return 2;
	if (!strcmp(cmd, "plan"))
		vfnl_init(&m, s.family, VFPROV_CMD_PLAN, 0);
	else if (!strcmp(cmd, "apply"))
		vfnl_init(&m, s.family, VFPROV_CMD_APPLY, 0);
	else if (!strcmp(cmd, "reset"))
		vfnl_init(&m, s.family, VFPROV_CMD_RESET, 0);
	else
		return 2;
	vfnl_str(&m, VFPROV_A_PF_ADDR, argv[2]);
	{
		unsigned int flags = 0;
		int first = 3, residue = 0;

		for (i = 3; i < argc && argv[i][0] == '-'; i++, first++) {
			if (!strcmp(argv[i], "--dry"))
				flags |= VFPROV_F_DRY_RUN;
			else if (!strcmp(argv[i], "--force"))
				flags |= VFPROV_F_FORCE;
			else if (!strcmp(argv[i], "--if-changed"))
				flags |= VFPROV_F_IF_CHANGED;
			else if (!strcmp(argv[i], "--residue"))
				residue = 1;
			else if (!strncmp(argv[i], "--gen=", 6))
				vfnl_u64(&m, VFPROV_A_EXPECTED_GEN,
					 strtoull(argv[i] + 6, NULL, 0));
		}
		if (flags)
			vfnl_u32(&m, VFPROV_A_FLAGS, flags);
		if (strcmp(cmd, "reset") &&
		    build_config(&m, argc - first, argv + first)) {
			fprintf(stderr, "vfnl: bad KEY=VAL\n");
			return 2;
		}
		if (residue)
			slab_residue();
	}
	err = vfnl_talk(&s, &m, print_reply, NULL);
	return finish(&s, err);
}
