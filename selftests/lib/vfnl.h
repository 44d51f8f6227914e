/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vfnl.h - a small raw generic netlink client for the vfprov tests.
 *
 * Raw on purpose: the validation tests must be able to send malformed
 * messages (wrong types, bad nesting, unknown attributes) that a library
 * would refuse to build. Header-only; one request in flight per socket.
 */
#ifndef VFNL_H
#define VFNL_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <linux/capability.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/vfprov.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define VFNL_BUF	65536

struct vfnl {
	int fd;
	uint16_t family;
	uint32_t events_grp;
	uint32_t audit_grp;	/* 0: the kernel has no "audit" group */
	uint32_t seq;
	/* the last ack */
	int err;
	char extack[256];
	uint32_t bad_off;	/* offset of the bad attribute, 0 = none */
	int has_miss;		/* the ack names a missing attribute: */
	uint32_t miss_type;	/* ...its type */
	unsigned int batches;	/* recv() calls the last request took */
};

struct vfnl_msg {
	char buf[VFNL_BUF];
	struct nlmsghdr *nlh;
	struct nlattr *nest[8];
	int depth;
};

static inline struct nlattr *vfnl_put(struct vfnl_msg *m, uint16_t type,
				      const void *data, int len)
{
	struct nlattr *a = (struct nlattr *)(m->buf + NLMSG_ALIGN(m->nlh->nlmsg_len));

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (len)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	m->nlh->nlmsg_len = NLMSG_ALIGN(m->nlh->nlmsg_len) + NLA_ALIGN(a->nla_len);
	return a;
}

static inline void vfnl_u8(struct vfnl_msg *m, uint16_t t, uint8_t v) { vfnl_put(m, t, &v, 1); }
static inline void vfnl_u32(struct vfnl_msg *m, uint16_t t, uint32_t v) { vfnl_put(m, t, &v, 4); }
static inline void vfnl_u64(struct vfnl_msg *m, uint16_t t, uint64_t v) { vfnl_put(m, t, &v, 8); }
static inline void vfnl_str(struct vfnl_msg *m, uint16_t t, const char *s)
{
	vfnl_put(m, t, s, strlen(s) + 1);
}

static inline void vfnl_nest(struct vfnl_msg *m, uint16_t t)
{
	m->nest[m->depth++] = vfnl_put(m, t | NLA_F_NESTED, NULL, 0);
}

static inline void vfnl_end(struct vfnl_msg *m)
{
	struct nlattr *a = m->nest[--m->depth];

	a->nla_len = (char *)m->buf + m->nlh->nlmsg_len - (char *)a;
}

static inline void vfnl_init(struct vfnl_msg *m, uint16_t family, uint8_t cmd,
			     uint16_t flags)
{
	struct genlmsghdr *g;

	memset(m, 0, sizeof(*m));
	m->nlh = (struct nlmsghdr *)m->buf;
	m->nlh->nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	m->nlh->nlmsg_type = family;
	m->nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	g = NLMSG_DATA(m->nlh);
	g->cmd = cmd;
	g->version = VFPROV_GENL_VERSION;
}

/* Attribute iteration over a payload. */
#define vfnl_for_each(a, start, len) \
	for (a = (struct nlattr *)(start); \
	     (char *)a + NLA_HDRLEN <= (char *)(start) + (len) && \
	     a->nla_len >= NLA_HDRLEN && \
	     (char *)a + a->nla_len <= (char *)(start) + (len); \
	     a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len)))

#define vfnl_data(a)	((void *)((char *)(a) + NLA_HDRLEN))
#define vfnl_len(a)	((a)->nla_len - NLA_HDRLEN)
#define vfnl_type(a)	((a)->nla_type & NLA_TYPE_MASK)

static inline uint32_t vfnl_get_u32(const struct nlattr *a) { uint32_t v; memcpy(&v, vfnl_data(a), 4); return v; }
static inline uint64_t vfnl_get_u64(const struct nlattr *a) { uint64_t v; memcpy(&v, vfnl_data(a), 8); return v; }
static inline uint8_t vfnl_get_u8(const struct nlattr *a) { return *(uint8_t *)vfnl_data(a); }

/* Index the attributes of a payload by type (last one wins). */
static inline void vfnl_parse(struct nlattr **tb, int max, void *start, int len)
{
	struct nlattr *a;

	memset(tb, 0, sizeof(*tb) * (max + 1));
	vfnl_for_each(a, start, len)
		if (vfnl_type(a) <= max)
			tb[vfnl_type(a)] = a;
}

static inline void vfnl_parse_msg(struct nlattr **tb, int max, struct nlmsghdr *h)
{
	vfnl_parse(tb, max, (char *)NLMSG_DATA(h) + GENL_HDRLEN,
		   h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN));
}

static inline void vfnl_parse_ack(struct vfnl *s, struct nlmsghdr *h)
{
	struct nlmsgerr *e = NLMSG_DATA(h);
	struct nlattr *a;
	int off, len;

	s->err = e->error;
	s->extack[0] = 0;
	s->bad_off = 0;
	s->has_miss = 0;
	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	off = sizeof(*e);
	if (!(h->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - sizeof(e->msg);
	len = h->nlmsg_len - NLMSG_HDRLEN - off;
	vfnl_for_each(a, (char *)e + off, len) {
		if (vfnl_type(a) == NLMSGERR_ATTR_MSG)
			snprintf(s->extack, sizeof(s->extack), "%s",
				 (char *)vfnl_data(a));
		else if (vfnl_type(a) == NLMSGERR_ATTR_OFFS)
			s->bad_off = vfnl_get_u32(a);
		else if (vfnl_type(a) == NLMSGERR_ATTR_MISS_TYPE) {
			s->has_miss = 1;
			s->miss_type = vfnl_get_u32(a);
		}
	}
}

typedef int (*vfnl_cb)(struct nlmsghdr *h, void *arg);

/*
 * Send @m and read until its ack (or NLMSG_DONE of a dump); every data
 * message goes to @cb. Returns the ack's errno (0 or negative).
 */
static inline int vfnl_talk(struct vfnl *s, struct vfnl_msg *m, vfnl_cb cb,
			    void *arg)
{
	static char rbuf[VFNL_BUF];
	struct sockaddr_nl kern = { .nl_family = AF_NETLINK };
	struct nlmsghdr *h;
	int n, done = 0;

	m->nlh->nlmsg_seq = ++s->seq;
	s->err = 0;
	s->extack[0] = 0;
	s->bad_off = 0;
	s->has_miss = 0;
	s->batches = 0;
	if (sendto(s->fd, m->buf, m->nlh->nlmsg_len, 0,
		   (struct sockaddr *)&kern, sizeof(kern)) < 0)
		return -errno;
	while (!done) {
		n = recv(s->fd, rbuf, sizeof(rbuf), 0);
		if (n < 0)
			return -errno;
		s->batches++;
		for (h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != s->seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR) {
				vfnl_parse_ack(s, h);
				done = 1;
			} else if (h->nlmsg_type == NLMSG_DONE) {
				/* errno, then (NLM_F_ACK_TLVS) the extack */
				int *e = NLMSG_DATA(h);
				struct nlattr *a;

				s->err = *e;
				if (h->nlmsg_flags & NLM_F_ACK_TLVS)
					vfnl_for_each(a, e + 1, h->nlmsg_len -
						      NLMSG_LENGTH(sizeof(*e)))
						if (vfnl_type(a) == NLMSGERR_ATTR_MSG)
							snprintf(s->extack, sizeof(s->extack),
								 "%s", (char *)vfnl_data(a));
				done = 1;
			} else if (cb) {
				cb(h, arg);
			}
		}
	}
	return s->err;
}

static inline int vfnl_ctrl_cb(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1], *g, *gtb[CTRL_ATTR_MCAST_GRP_MAX + 1];
	struct vfnl *s = arg;

	vfnl_parse_msg(tb, CTRL_ATTR_MAX, h);
	if (tb[CTRL_ATTR_FAMILY_ID])
		s->family = *(uint16_t *)vfnl_data(tb[CTRL_ATTR_FAMILY_ID]);
	if (!tb[CTRL_ATTR_MCAST_GROUPS])
		return 0;
	vfnl_for_each(g, vfnl_data(tb[CTRL_ATTR_MCAST_GROUPS]),
		      vfnl_len(tb[CTRL_ATTR_MCAST_GROUPS])) {
		vfnl_parse(gtb, CTRL_ATTR_MCAST_GRP_MAX, vfnl_data(g), vfnl_len(g));
		if (gtb[CTRL_ATTR_MCAST_GRP_NAME] && gtb[CTRL_ATTR_MCAST_GRP_ID] &&
		    !strcmp(vfnl_data(gtb[CTRL_ATTR_MCAST_GRP_NAME]),
			    VFPROV_MCGRP_EVENTS))
			s->events_grp = vfnl_get_u32(gtb[CTRL_ATTR_MCAST_GRP_ID]);
		if (gtb[CTRL_ATTR_MCAST_GRP_NAME] && gtb[CTRL_ATTR_MCAST_GRP_ID] &&
		    !strcmp(vfnl_data(gtb[CTRL_ATTR_MCAST_GRP_NAME]),
			    VFPROV_MCGRP_AUDIT))
			s->audit_grp = vfnl_get_u32(gtb[CTRL_ATTR_MCAST_GRP_ID]);
	}
	return 0;
}

/* Open a socket with extended acks and resolve the vfprov family. */
static inline int vfnl_open(struct vfnl *s)
{
	static struct vfnl_msg m;
	int one = 1;

	memset(s, 0, sizeof(*s));
	s->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (s->fd < 0)
		return -errno;
	setsockopt(s->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(s->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	vfnl_init(&m, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0);
	m.nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	((struct genlmsghdr *)NLMSG_DATA(m.nlh))->version = 1;
	vfnl_str(&m, CTRL_ATTR_FAMILY_NAME, VFPROV_GENL_NAME);
	if (vfnl_talk(s, &m, vfnl_ctrl_cb, s) || !s->family) {
		close(s->fd);
		return -ENOENT;
	}
	return 0;
}

static inline int vfnl_subscribe(struct vfnl *s)
{
	uint32_t g = s->events_grp;

	return setsockopt(s->fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &g,
			  sizeof(g)) ? -errno : 0;
}

/*
 * Keep only CAP_NET_ADMIN (uid stays 0): what many network daemons and
 * containers hold. vfprov's mutations must refuse such a caller.
 */
static inline int keep_net_admin(void)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[2] = { 0 };

	d[0].effective = d[0].permitted = 1u << CAP_NET_ADMIN;
	return syscall(SYS_capset, &h, d);
}

#endif /* VFNL_H */
