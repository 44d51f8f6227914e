// SPDX-License-Identifier: GPL-2.0
/* vfctl assert: the differences between a config file and the host. Pure. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assert.h"
#include "size.h"

static int add(struct diffs *out, const char *pf, uint32_t vf,
	       const char *field, const char *want, const char *have)
{
	struct diff *d;

	if (out->n == out->cap) {
		int cap = out->cap ? out->cap * 2 : 16;

		d = realloc(out->d, (size_t)cap * sizeof(*d));
		if (!d)
			return -1;
		out->d = d;
		out->cap = cap;
	}
	d = &out->d[out->n++];
	snprintf(d->pf, sizeof(d->pf), "%s", pf);
	d->vf = vf;
	snprintf(d->field, sizeof(d->field), "%s", field);
	snprintf(d->want, sizeof(d->want), "%s", want);
	snprintf(d->have, sizeof(d->have), "%s", have);
	return 0;
}

enum kind { NUM, SIZE, DRV, PRIO };

static const char *fmt(enum kind k, bool set, uint64_t v, char *buf, size_t len)
{
	if (!set)
		return "-";
	if (k == SIZE)
		return size_format_exact(v, buf, len);
	if (k == DRV)
		return driver_name((uint32_t)v);
	if (k == PRIO)
		return sched_prio_name((uint32_t)v);
	snprintf(buf, len, "%" PRIu64, v);
	return buf;
}

/* One field: compared when @want sets it. Returns 1 if it differs. */
static int cmp(struct diffs *out, const char *pf, uint32_t vf, const char *field,
	       enum kind k, bool wset, uint64_t w, bool hset, uint64_t h, int *err)
{
	char a[32], b[32];

	if (!wset || (hset && w == h))
		return 0;
	if (add(out, pf, vf, field, fmt(k, true, w, a, sizeof(a)),
		fmt(k, hset, h, b, sizeof(b))))
		*err = 1;
	return 1;
}

static int thr_cmp(struct diffs *out, const char *pf, uint32_t vf,
		   const struct vf_cfg *w, const struct vf_cfg *h, int *err)
{
	char field[48];
	int i, n = 0;

	for (i = 0; i < VFCTL_NTHR; i++) {
		snprintf(field, sizeof(field), "threshold.%s", threshold_key(i));
		n += cmp(out, pf, vf, field, NUM, w->set & VF_SET_THR(i), w->thr[i],
			 h->set & VF_SET_THR(i), h->thr[i], err);
	}
	return n;
}

/* gtN.KEY: the host's GT value is the GT's own, else its VF's */
static int gt_cmp(struct diffs *out, const char *pf, uint32_t vf,
		  const struct vf_cfg *w, const struct vf_cfg *h, int *err)
{
	struct vf_gt own = vf_gt_of(h);
	char field[48];
	uint32_t bit;
	int gt, i, n = 0;

	for (gt = 0; gt < VFCTL_NGT; gt++)
		for (i = 0; i < VFCTL_NGT_KEYS; i++) {
			const char *key = gt_key(i, &bit);
			const struct vf_gt *hg = h->gt[gt].set & bit ? &h->gt[gt] : &own;

			snprintf(field, sizeof(field), "gt%d.%s", gt, key);
			n += cmp(out, pf, vf, field, NUM, w->gt[gt].set & bit,
				 gt_value(&w->gt[gt], bit), hg->set & bit,
				 gt_value(hg, bit), err);
		}
	return n;
}

#define PF_CMP(field, k, bit, m) \
	cmp(out, pf, 0, field, k, want->set & (bit), want->m, have->set & (bit), have->m, &err)
#define VF_CMP(field, k, bit, m) \
	cmp(out, pf, i + 1, field, k, w->set & (bit), w->m, h->set & (bit), h->m, &err)

int assert_compare(const char *pf, const struct vf_req *want,
		   const struct vf_req *have, struct diffs *out)
{
	static const struct vf_cfg none;
	int n = 0, err = 0;
	uint32_t i;

	n += PF_CMP("vfs", NUM, REQ_SET_NUM_VFS, num_vfs);
	n += PF_CMP("driver", DRV, REQ_SET_DRIVER, driver);
	n += PF_CMP("sched_if_idle", NUM, REQ_SET_IDLE, sched_if_idle);
	n += PF_CMP("engine_reset", NUM, REQ_SET_ENGINE_RESET, engine_reset);
	n += PF_CMP("sample_period_ms", NUM, REQ_SET_SAMPLE_PERIOD, sample_period_ms);
	n += PF_CMP("sched_priority", PRIO, REQ_SET_SCHED_PRIO, sched_priority);
	n += PF_CMP("pf.exec_quantum_ms", NUM, REQ_SET_PF_EQ, pf_eq);
	n += PF_CMP("pf.preempt_timeout_us", NUM, REQ_SET_PF_PT, pf_pt);
	n += PF_CMP("spare.lmem", SIZE, REQ_SET_LMEM_SPARE, lmem_spare);
	n += PF_CMP("spare.ggtt", SIZE, REQ_SET_GGTT_SPARE, ggtt_spare);
	n += PF_CMP("spare.contexts", NUM, REQ_SET_CTX_SPARE, contexts_spare);
	n += PF_CMP("spare.doorbells", NUM, REQ_SET_DB_SPARE, doorbells_spare);
	for (i = 0; i < want->num_vfs && i < VFPROV_MAX_VFS; i++) {
		const struct vf_cfg *w = &want->vf[i], *h = &have->vf[i];

		/* a VF the host does not have holds nothing */
		if (i >= have->num_vfs)
			h = &none;
		n += VF_CMP("lmem", SIZE, VF_SET_LMEM, lmem);
		n += VF_CMP("ggtt", SIZE, VF_SET_GGTT, ggtt);
		n += VF_CMP("contexts", NUM, VF_SET_CONTEXTS, contexts);
		n += VF_CMP("doorbells", NUM, VF_SET_DOORBELLS, doorbells);
		n += VF_CMP("exec_quantum_ms", NUM, VF_SET_EQ, eq);
		n += VF_CMP("preempt_timeout_us", NUM, VF_SET_PT, pt);
		n += thr_cmp(out, pf, i + 1, w, h, &err);
		n += gt_cmp(out, pf, i + 1, w, h, &err);
	}
	return err ? -1 : n;
}

int assert_missing(const char *pf, struct diffs *out)
{
	return add(out, pf, 0, "present", "yes", "no") ? -1 : 1;
}

void diffs_free(struct diffs *d)
{
	free(d->d);
	memset(d, 0, sizeof(*d));
}
