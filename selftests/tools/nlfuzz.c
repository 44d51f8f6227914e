// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz - a bounded, seeded random fuzzer for the vfprov genl family.
 *
 *   nlfuzz [-s SEED] [-n COUNT] [-t SECONDS] [-u] [-p PF]... [-v]
 *
 * Sends COUNT messages (or until SECONDS pass) built from SEED (printed, so
 * a run can be replayed): random and near-valid commands, genl versions,
 * netlink flags, attribute types (incl. NLA_F_NESTED / byte-order bits),
 * lengths (short, long, lying nla_len), payloads (numbers at the edges,
 * PF addresses, long and unterminated strings, binary) and nesting up to
 * 5 levels, plus truncated and garbage messages.
 *
 * Attribute spaces are netlink ABI v2's (txn, config, vf-config). So that
 * rejected input can be told apart from accepted input, every APPLY/RESET
 * carries, as its last attribute, a guard that keeps an accepted message
 * from changing anything: a VFPROV_A_TXN_EXPECTED_GEN that no PF has (the
 * last instance of an attribute wins; v2 has no dry-run flag). An accepted
 * APPLY/RESET is queued and its transaction refused with ESTALE before
 * any write. The test then checks that the generation and the
 * device state did not move. -u drops to uid/gid 65534 before opening
 * the socket: then every APPLY/RESET must be refused with EPERM. -c keeps
 * uid 0 but only CAP_NET_ADMIN (what network daemons and containers hold):
 * every APPLY/RESET must be refused too.
 *
 * Output: "# ..." statistics lines, then "acks: ERRNO=count ...",
 * "mutating_accepted=N" (APPLY/RESET with ack 0), "eperm=N",
 * "timeouts=N", "alive=1" (a PF_GET dump worked after the run).
 * Exit 0 if the family still answers, 1 otherwise.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <grp.h>
#include <poll.h>
#include <time.h>
#include "../lib/vfnl.h"
#include "../lib/xorshift.h"

static int chance(int pct)
{
	return rn(100) < (uint32_t)pct;
}

static const char *pfs[8] = { "0000:01:00.0", "0000:02:00.0" };
static int npfs = 2;
static int user_pfs;

static const char *const junk_addrs[] = {
	"", "0000:00:00.0", "0000:01:00.1", "ffff:ff:1f.7", "0000:01:00.0 ",
	"0000:1:0.0", "../../../etc", "0000:01:00.0/../..", "%s%s%n",
	"\xff\xfe", "0000:02:00.0\n",
};

static uint64_t edge_u64(void)
{
	static const uint64_t e[] = {
		0, 1, 2, 3, 31, 32, 63, 64, 127, 128, 255, 256, 257, 1000,
		1001, 65535, 65536, 0x7fffffff, 0x80000000, 0xffffffff,
		0x100000000ULL, 0x7fffffffffffffffULL, 0xffffffffffffffffULL,
		1ULL << 20, 1ULL << 30, 1ULL << 40, 2097152, 65536 * 3,
	};

	if (chance(70))
		return e[rn(sizeof(e) / sizeof(e[0]))] + (chance(20) ? rn(3) - 1 : 0);
	return rnd() >> rn(64);
}

struct fz {
	struct vfnl_msg m;
	unsigned int end;		/* bytes used in m.buf */
};

static char *tail(struct fz *f)
{
	return f->m.buf + f->end;
}

static void put_raw(struct fz *f, uint16_t type, const void *d, int len,
		    int lie)
{
	struct nlattr *a = (struct nlattr *)tail(f);

	if (f->end + NLA_HDRLEN + len + 8 > 8192)
		return;
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (lie == 1)
		a->nla_len += 1 + rn(64);		/* beyond the message */
	else if (lie == 2)
		a->nla_len = rn(NLA_HDRLEN);		/* shorter than a header */
	if (len)
		memcpy((char *)a + NLA_HDRLEN, d, len);
	f->end += NLA_ALIGN(NLA_HDRLEN + len);
}

static uint16_t rtype(int max)
{
	uint16_t t;

	if (chance(85))
		t = rn(max + 3);
	else
		t = rnd();
	if (chance(5))
		t |= NLA_F_NET_BYTEORDER;
	return t;
}

static void put_payload(struct fz *f, uint16_t type)
{
	char buf[512];
	uint64_t v = edge_u64();
	int len, i, lie = chance(3) ? 1 + rn(2) : 0;

	switch (rn(9)) {
	case 0:
		put_raw(f, type, &v, 1, lie);
		break;
	case 1:
		put_raw(f, type, &v, 2, lie);
		break;
	case 2:
	case 3:
		put_raw(f, type, &v, 4, lie);
		break;
	case 4:
		put_raw(f, type, &v, 8, lie);
		break;
	case 5:	/* a string: a PF, junk, long, or without its NUL */
		if (chance(50)) {
			snprintf(buf, sizeof(buf), "%s", pfs[rn(npfs)]);
		} else if (chance(50)) {
			snprintf(buf, sizeof(buf), "%s",
				 junk_addrs[rn(sizeof(junk_addrs) / sizeof(junk_addrs[0]))]);
		} else {
			len = rn(sizeof(buf) - 1);
			for (i = 0; i < len; i++)
				buf[i] = 32 + rn(95);
			buf[len] = 0;
		}
		put_raw(f, type, buf, strlen(buf) + (chance(80) ? 1 : 0), lie);
		break;
	case 6:	/* binary of any length */
		len = rn(chance(90) ? 40 : sizeof(buf));
		for (i = 0; i < len; i++)
			buf[i] = rnd();
		put_raw(f, type, buf, len, lie);
		break;
	case 7:
		put_raw(f, type, NULL, 0, lie);
		break;
	default:
		put_raw(f, type, &v, rn(12), lie);
		break;
	}
}

static void put_attrs(struct fz *f, int level, int max, int n);

static void put_nest(struct fz *f, uint16_t type, int level, int max)
{
	unsigned int start = f->end;
	struct nlattr *a;

	if (f->end + 64 > 8192)
		return;
	put_raw(f, type | (chance(80) ? NLA_F_NESTED : 0), NULL, 0, 0);
	put_attrs(f, level + 1, max, rn(6));
	a = (struct nlattr *)(f->m.buf + start);
	a->nla_len = f->end - start;
	if (chance(3))
		a->nla_len += rn(16);		/* lie about the nest */
}

/* n random attributes; deeper levels use the cfg and VF attribute spaces. */
static void put_attrs(struct fz *f, int level, int max, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		uint16_t t = rtype(max);

		if (level < 5 && chance(level ? 25 : 35))
			put_nest(f, t, level, level ? VFPROV_A_VF_CONFIG_MAX :
				 VFPROV_A_CONFIG_MAX);
		else
			put_payload(f, t);
	}
}

/* A near-valid config: right types mostly, values at the edges. */
static void put_config(struct fz *f)
{
	unsigned int start = f->end;
	struct nlattr *a;
	int i, k, nvf;

	put_raw(f, VFPROV_A_TXN_CONFIG | NLA_F_NESTED, NULL, 0, 0);
	if (chance(90)) {
		uint32_t n = chance(70) ? rn(8) : edge_u64();

		put_raw(f, VFPROV_A_CONFIG_NUM_VFS, &n, 4, 0);
	}
	for (i = VFPROV_A_CONFIG_VF_DRIVER; i < VFPROV_A_CONFIG_VF; i++) {
		uint64_t v = edge_u64();

		if (!chance(25))
			continue;
		if (chance(10))
			put_payload(f, i);
		else
			put_raw(f, i, &v, i == VFPROV_A_CONFIG_SCHED_IF_IDLE ? 1 :
				(i >= VFPROV_A_CONFIG_GGTT_SPARE &&
				 i <= VFPROV_A_CONFIG_DOORBELLS_SPARE) ? 8 : 4, 0);
	}
	/* multi-attr VF entries, straight in the config nest */
	nvf = chance(60) ? rn(5) : 0;
	for (k = 0; k < nvf; k++) {
		unsigned int s = f->end;
		uint32_t id = chance(80) ? 1 + rn(8) : edge_u64();

		put_raw(f, (chance(90) ? VFPROV_A_CONFIG_VF :
			    rtype(VFPROV_A_CONFIG_MAX)) | NLA_F_NESTED, NULL, 0, 0);
		put_raw(f, VFPROV_A_VF_CONFIG_ID, &id, 4, 0);
		for (i = VFPROV_A_VF_CONFIG_GGTT; i <= VFPROV_A_VF_CONFIG_WEIGHT;
		     i++) {
			uint64_t v = edge_u64();

			if (!chance(30))
				continue;
			put_raw(f, i, &v, i <= VFPROV_A_VF_CONFIG_DOORBELLS ?
				(chance(90) ? 8 : 4) : 4, 0);
		}
		if (chance(10))
			put_attrs(f, 2, VFPROV_A_VF_CONFIG_MAX, 1);
		a = (struct nlattr *)(f->m.buf + s);
		a->nla_len = f->end - s;
	}
	a = (struct nlattr *)(f->m.buf + start);
	a->nla_len = f->end - start;
}

struct stats {
	unsigned long sent, acks[256], mut_ok, eperm, timeouts, replies;
	unsigned long by_cmd[8];
};

/* Wait for the answer to @seq; -ETIMEDOUT if none comes. */
static int await(struct vfnl *s, uint32_t seq, int ms, struct stats *st)
{
	static char rbuf[VFNL_BUF];
	struct pollfd p = { .fd = s->fd, .events = POLLIN };
	struct nlmsghdr *h;
	int n;

	for (;;) {
		if (poll(&p, 1, ms) <= 0)
			return -ETIMEDOUT;
		n = recv(s->fd, rbuf, sizeof(rbuf), MSG_DONTWAIT);
		if (n < 0)
			return -errno == -EAGAIN ? -ETIMEDOUT : -errno;
		for (h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR)
				return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
			if (h->nlmsg_type == NLMSG_DONE)
				return *(int *)NLMSG_DATA(h);
			st->replies++;
		}
	}
}

static int alive(struct vfnl *s)
{
	static struct vfnl_msg m;

	vfnl_init(&m, s->family, VFPROV_CMD_PF_GET, NLM_F_DUMP);
	return vfnl_talk(s, &m, NULL, NULL) == 0;
}

int main(int argc, char **argv)
{
	static struct fz f;
	unsigned long count = 1000, i, seed = 0;
	int seconds = 60, unpriv = 0, net_admin = 0, verbose = 0, c, a;
	struct sockaddr_nl kern = { .nl_family = AF_NETLINK };
	struct stats st = { 0 };
	struct vfnl s;
	time_t end;

	while ((c = getopt(argc, argv, "s:n:t:ucp:v")) != -1) {
		switch (c) {
		case 's': seed = strtoul(optarg, NULL, 0); break;
		case 'n': count = strtoul(optarg, NULL, 0); break;
		case 't': seconds = atoi(optarg); break;
		case 'u': unpriv = 1; break;
		case 'c': net_admin = 1; break;
		case 'p':
			if (!user_pfs++)
				npfs = 0;
			if (npfs < 8)
				pfs[npfs++] = optarg;
			break;
		case 'v': verbose = 1; break;
		default: return 2;
		}
	}
	if (!seed)
		seed = time(NULL) ^ getpid();
	rs = seed * 0x9E3779B97F4A7C15ULL | 1;
	printf("# nlfuzz seed=%lu count=%lu seconds=%d %s\n", seed, count,
	       seconds, unpriv ? "unprivileged (uid 65534)" :
	       net_admin ? "uid 0 with CAP_NET_ADMIN only" : "root");
	if (unpriv && (setgroups(0, NULL) || setgid(65534) || setuid(65534))) {
		perror("drop privileges");
		return 2;
	}
	if (net_admin && keep_net_admin()) {
		perror("capset");
		return 2;
	}
	if (vfnl_open(&s)) {
		fprintf(stderr, "nlfuzz: vfprov family not found\n");
		return 2;
	}
	end = time(NULL) + seconds;
	for (i = 0; i < count && time(NULL) < end; i++) {
		int cmd, err, mut, trunc = 0, wait_ms = 2000;
		struct genlmsghdr *g;
		uint16_t flags = NLM_F_REQUEST | NLM_F_ACK;

		cmd = chance(85) ? rn(VFPROV_CMD_MAX + 2) : rn(256);
		if (chance(10))
			flags |= NLM_F_DUMP;
		if (chance(3))
			flags |= rnd() & 0xff00;
		vfnl_init(&f.m, s.family, cmd, flags);
		g = NLMSG_DATA(f.m.nlh);
		if (chance(5))
			g->version = rn(256);
		if (chance(3))
			g->reserved = rnd();
		f.end = f.m.nlh->nlmsg_len;

		/* the body: near-valid or random */
		if (chance(60) && cmd >= VFPROV_CMD_PF_GET &&
		    cmd <= VFPROV_CMD_RESET) {
			const char *pf = pfs[rn(npfs)];

			/* pf addr, vf pf-addr and txn pf-addr are all type 2 */
			if (chance(90))
				put_raw(&f, VFPROV_A_PF_ADDR, pf, strlen(pf) + 1, 0);
			if (cmd == VFPROV_CMD_VF_GET && chance(80)) {
				uint32_t id = chance(80) ? 1 + rn(8) : edge_u64();

				put_raw(&f, VFPROV_A_VF_ID, &id, 4, 0);
			}
			if (cmd >= VFPROV_CMD_PLAN && chance(30)) {
				uint32_t fl = chance(80) ? rn(8) : edge_u64();

				put_raw(&f, VFPROV_A_TXN_FLAGS, &fl, 4, 0);
			}
			if ((cmd == VFPROV_CMD_PLAN || cmd == VFPROV_CMD_APPLY) &&
			    chance(90))
				put_config(&f);
			if (chance(30))
				put_attrs(&f, 0, VFPROV_A_TXN_MAX, 1 + rn(3));
		} else {
			put_attrs(&f, 0, VFPROV_A_TXN_MAX, rn(8));
		}
		mut = cmd == VFPROV_CMD_APPLY || cmd == VFPROV_CMD_RESET;
		if (mut) {	/* the guard: last instance wins */
			uint64_t gen = 0xdead000000000000ULL | rn(1 << 30);

			put_raw(&f, VFPROV_A_TXN_EXPECTED_GEN, &gen, 8, 0);
		}
		if (chance(3)) {	/* trailing garbage shorter than a header */
			memset(tail(&f), rnd(), 3);
			f.end += 3;
		}

		f.m.nlh->nlmsg_len = f.end;
		if (chance(2)) {	/* claim more or fewer bytes than sent */
			trunc = 1;
			wait_ms = 50;
			/*
			 * A shorter length would cut the guard off an
			 * APPLY/RESET and let it change the device.
			 */
			if (mut || chance(50))
				f.m.nlh->nlmsg_len += 1 + rn(100);
			else
				f.m.nlh->nlmsg_len = rn(f.end);
		}
		f.m.nlh->nlmsg_seq = ++s.seq;
		if (sendto(s.fd, f.m.buf, f.end, 0, (struct sockaddr *)&kern,
			   sizeof(kern)) < 0) {
			st.acks[255]++;
			continue;
		}
		st.sent++;
		if (cmd < 8)
			st.by_cmd[cmd]++;
		err = await(&s, s.seq, wait_ms, &st);
		if (err == -ETIMEDOUT) {
			st.timeouts += !trunc;
			continue;
		}
		a = -err;
		st.acks[a > 0 && a < 255 ? a : (a ? 254 : 0)]++;
		if (mut && !err && !trunc) {
			st.mut_ok++;
			if (verbose)
				printf("# accepted #%lu cmd %d len %u\n", i, cmd,
				       f.end);
		}
		if (err == -EPERM)
			st.eperm++;
	}
	printf("# %lu messages sent in %ld s, %lu reply messages\n", st.sent,
	       (long)(seconds - (end - time(NULL))), st.replies);
	printf("# by command:");
	for (a = 0; a < 8; a++)
		printf(" %d:%lu", a, st.by_cmd[a]);
	printf(" other:%lu\n", st.sent - st.by_cmd[0] - st.by_cmd[1] -
	       st.by_cmd[2] - st.by_cmd[3] - st.by_cmd[4] - st.by_cmd[5] -
	       st.by_cmd[6] - st.by_cmd[7]);
	printf("acks:");
	for (a = 0; a < 256; a++)
		if (st.acks[a])
			printf(" %s=%lu", a ? (a == 254 ? "other" : a == 255 ?
			       "sendfail" : strerrorname_np(a) ?: "?") : "0",
			       st.acks[a]);
	printf("\nmutating_accepted=%lu eperm=%lu timeouts=%lu\n", st.mut_ok,
	       st.eperm, st.timeouts);
	a = alive(&s);
	printf("alive=%d\n", a);
	return a ? 0 : 1;
}
