// SPDX-License-Identifier: GPL-2.0
/*
 * The request model: names, merging and the key = value setter shared by
 * the command line (--vf K:lmem=4G), config files and profiles. Pure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "size.h"
#include "vfctl.h"

static const struct {
	const char *key;
	uint32_t bit;
} gt_keys[VFCTL_NGT_KEYS] = {
	{ "contexts", VF_SET_CONTEXTS },
	{ "doorbells", VF_SET_DOORBELLS },
	{ "exec_quantum_ms", VF_SET_EQ },
	{ "preempt_timeout_us", VF_SET_PT },
};

const char *gt_key(int i, uint32_t *bit)
{
	*bit = gt_keys[i].bit;
	return gt_keys[i].key;
}

uint32_t gt_value(const struct vf_gt *g, uint32_t bit)
{
	switch (bit) {
	case VF_SET_CONTEXTS:
		return g->contexts;
	case VF_SET_DOORBELLS:
		return g->doorbells;
	case VF_SET_EQ:
		return g->eq;
	default:
		return g->pt;
	}
}

struct vf_gt vf_gt_of(const struct vf_cfg *c)
{
	return (struct vf_gt){ .set = c->set & VF_SET_GT_KEYS,
			       .contexts = c->contexts, .doorbells = c->doorbells,
			       .eq = c->eq, .pt = c->pt };
}

/* @d's field @f becomes @s's where @s sets @bit */
#define TAKE(d, s, bit, f)			\
	do {					\
		if ((s)->set & (bit))		\
			(d)->f = (s)->f;	\
	} while (0)

/* the keys a GT may hold apart, in a VF or in one of its GTs */
#define TAKE_GT_KEYS(d, s)					\
	do {							\
		TAKE(d, s, VF_SET_CONTEXTS, contexts);		\
		TAKE(d, s, VF_SET_DOORBELLS, doorbells);	\
		TAKE(d, s, VF_SET_EQ, eq);			\
		TAKE(d, s, VF_SET_PT, pt);			\
	} while (0)

static void gt_overlay(struct vf_gt *d, const struct vf_gt *s)
{
	TAKE_GT_KEYS(d, s);
	d->set |= s->set;
}

void vf_overlay(struct vf_cfg *d, const struct vf_cfg *s)
{
	int i;

	TAKE(d, s, VF_SET_GGTT, ggtt);
	TAKE(d, s, VF_SET_LMEM, lmem);
	TAKE_GT_KEYS(d, s);
	TAKE(d, s, VF_SET_WEIGHT, weight);
	for (i = 0; i < VFCTL_NTHR; i++)
		if (s->set & VF_SET_THR(i))
			d->thr[i] = s->thr[i];
	for (i = 0; i < VFCTL_NGT; i++)
		gt_overlay(&d->gt[i], &s->gt[i]);
	d->set |= s->set;
}

void req_overlay(struct vf_req *d, const struct vf_req *s)
{
	int i;

	if (s->set & REQ_SET_NUM_VFS)
		d->num_vfs = s->num_vfs;
	if (s->set & REQ_SET_DRIVER)
		d->driver = s->driver;
	if (s->set & REQ_SET_GGTT_SPARE)
		d->ggtt_spare = s->ggtt_spare;
	if (s->set & REQ_SET_LMEM_SPARE)
		d->lmem_spare = s->lmem_spare;
	if (s->set & REQ_SET_CTX_SPARE)
		d->contexts_spare = s->contexts_spare;
	if (s->set & REQ_SET_DB_SPARE)
		d->doorbells_spare = s->doorbells_spare;
	if (s->set & REQ_SET_PF_EQ)
		d->pf_eq = s->pf_eq;
	if (s->set & REQ_SET_PF_PT)
		d->pf_pt = s->pf_pt;
	if (s->set & REQ_SET_IDLE)
		d->sched_if_idle = s->sched_if_idle;
	if (s->set & REQ_SET_ECC)
		d->ecc = s->ecc;
	if (s->set & REQ_SET_ENGINE_RESET)
		d->engine_reset = s->engine_reset;
	if (s->set & REQ_SET_SAMPLE_PERIOD)
		d->sample_period_ms = s->sample_period_ms;
	if (s->set & REQ_SET_SCHED_PRIO)
		d->sched_priority = s->sched_priority;
	d->set |= s->set;
	vf_overlay(&d->all, &s->all);
	for (i = 0; i < VFPROV_MAX_VFS; i++)
		vf_overlay(&d->vf[i], &s->vf[i]);
	if (s->profile[0])
		memcpy(d->profile, s->profile, sizeof(d->profile));
	if (s->sched[0])
		memcpy(d->sched, s->sched, sizeof(d->sched));
}

void req_expand(struct vf_req *req)
{
	uint32_t i;

	for (i = 0; i < req->num_vfs && i < VFPROV_MAX_VFS; i++) {
		struct vf_cfg merged = req->all;

		vf_overlay(&merged, &req->vf[i]);
		req->vf[i] = merged;
	}
}

/* threshold.KEY (the i915 file names); 1 when @key is not one */
static int set_threshold(struct vf_cfg *v, const char *key, const char *val,
			 char *err, size_t errlen)
{
	char e[128];
	uint32_t i;

	if (strncmp(key, "threshold.", 10))
		return 1;
	for (i = 0; i < VFCTL_NTHR; i++)
		if (!strcmp(key + 10, threshold_key(i)))
			break;
	if (i == VFCTL_NTHR) {
		snprintf(err, errlen, "unknown key '%s' (threshold.cat_error_count, .engine_reset_count, .page_fault_count, .h2g_time_us, .irq_time_us, .doorbell_time_us)",
			 key);
		return -1;
	}
	if (u32_parse(val, UINT32_MAX, &v->thr[i], e, sizeof(e))) {
		snprintf(err, errlen, "%s: %s", key, e);
		return -1;
	}
	v->set |= VF_SET_THR(i);
	return 0;
}

static int set_vf_key(struct vf_cfg *v, const char *key, const char *val,
		      char *err, size_t errlen)
{
	char e[128];
	int t = set_threshold(v, key, val, err, errlen);

	if (t <= 0)
		return t;

	if (!strcmp(key, "lmem") || !strcmp(key, "ggtt")) {
		uint64_t sz;

		if (size_parse(val, &sz, e, sizeof(e)))
			goto bad;
		if (key[0] == 'l') {
			v->lmem = sz;
			v->set |= VF_SET_LMEM;
		} else {
			v->ggtt = sz;
			v->set |= VF_SET_GGTT;
		}
		return 0;
	}
	if (!strcmp(key, "contexts")) {
		if (u32_parse(val, 65535, &v->contexts, e, sizeof(e)))
			goto bad;
		v->set |= VF_SET_CONTEXTS;
		return 0;
	}
	if (!strcmp(key, "doorbells")) {
		if (u32_parse(val, 65535, &v->doorbells, e, sizeof(e)))
			goto bad;
		v->set |= VF_SET_DOORBELLS;
		return 0;
	}
	if (!strcmp(key, "exec_quantum_ms")) {
		if (u32_parse(val, UINT32_MAX, &v->eq, e, sizeof(e)))
			goto bad;
		v->set |= VF_SET_EQ;
		return 0;
	}
	if (!strcmp(key, "preempt_timeout_us")) {
		if (u32_parse(val, UINT32_MAX, &v->pt, e, sizeof(e)))
			goto bad;
		v->set |= VF_SET_PT;
		return 0;
	}
	if (!strcmp(key, "weight")) {
		if (u32_parse(val, 1000, &v->weight, e, sizeof(e)) ||
		    v->weight == 0) {
			snprintf(e, sizeof(e), "'%s' is out of range (1..1000)", val);
			goto bad;
		}
		v->set |= VF_SET_WEIGHT;
		return 0;
	}
	snprintf(err, errlen, "unknown key '%s'", key);
	return -1;
bad:
	snprintf(err, errlen, "%s: %s", key, e);
	return -1;
}

static bool is_gt_key(const char *key)
{
	int i;

	for (i = 0; i < VFCTL_NGT_KEYS; i++)
		if (!strcmp(key, gt_keys[i].key))
			return true;
	return false;
}

/*
 * gtN.KEY: the value GT N holds apart from the VF's, parsed as the VF's
 * own KEY; 1 when @key is not a gtN. key.
 */
static int set_gt_key(struct vf_cfg *v, const char *key, const char *val,
		      char *err, size_t errlen)
{
	struct vf_cfg c = { 0 };
	struct vf_gt g;
	unsigned long id;
	char e[160], *end;

	if (strncmp(key, "gt", 2) || key[2] < '0' || key[2] > '9')
		return 1;
	id = strtoul(key + 2, &end, 10);
	if (*end != '.' || id > VFPROV_MAX_GT) {
		snprintf(err, errlen, "bad key '%s' (gtN.KEY with N in 0..%d)",
			 key, VFPROV_MAX_GT);
		return -1;
	}
	if (!is_gt_key(end + 1)) {
		snprintf(err, errlen, "'%s' is not a per-GT key (per GT: contexts, doorbells, exec_quantum_ms, preempt_timeout_us)",
			 key);
		return -1;
	}
	if (set_vf_key(&c, end + 1, val, e, sizeof(e))) {
		snprintf(err, errlen, "gt%lu.%s", id, e);
		return -1;
	}
	g = vf_gt_of(&c);
	gt_overlay(&v->gt[id], &g);
	v->set |= VF_SET_GT;
	return 0;
}

static int yes_no(const char *val, uint32_t *out)
{
	if (!strcmp(val, "1") || !strcmp(val, "yes") || !strcmp(val, "true") ||
	    !strcmp(val, "on"))
		*out = 1;
	else if (!strcmp(val, "0") || !strcmp(val, "no") || !strcmp(val, "false") ||
		 !strcmp(val, "off"))
		*out = 0;
	else
		return -1;
	return 0;
}

/* PF policies and priority: engine_reset, sample_period_ms, sched_priority */
static int set_policy(struct vf_req *r, const char *key, const char *val,
		      char *err, size_t errlen)
{
	char e[128];

	if (!strcmp(key, "engine_reset")) {
		if (yes_no(val, &r->engine_reset)) {
			snprintf(err, errlen, "%s: '%s' is not 0/1", key, val);
			return -1;
		}
		r->set |= REQ_SET_ENGINE_RESET;
		return 0;
	}
	if (!strcmp(key, "sample_period_ms")) {
		if (u32_parse(val, UINT32_MAX, &r->sample_period_ms, e, sizeof(e))) {
			snprintf(err, errlen, "%s: %s", key, e);
			return -1;
		}
		r->set |= REQ_SET_SAMPLE_PERIOD;
		return 0;
	}
	if (sched_prio_parse(val, &r->sched_priority)) {
		snprintf(err, errlen, "%s: '%s' is not low, normal or high", key, val);
		return -1;
	}
	r->set |= REQ_SET_SCHED_PRIO;
	return 0;
}

/* Which cap each part of a request needs. */
static uint32_t req_needs(const struct vf_req *r)
{
	uint32_t need = 0, any = r->all.set;
	int i;

	for (i = 0; i < VFPROV_MAX_VFS; i++)
		any |= r->vf[i].set;
	if (any & VF_SET_THR_ALL)
		need |= VFPROV_CAPS_THRESHOLDS;
	if (any & VF_SET_GT)
		need |= VFPROV_CAPS_PER_GT;
	if (r->set & (REQ_SET_ENGINE_RESET | REQ_SET_SAMPLE_PERIOD))
		need |= VFPROV_CAPS_POLICIES;
	if (r->set & REQ_SET_SCHED_PRIO)
		need |= VFPROV_CAPS_SCHED_PRIORITY;
	return need;
}

int req_caps_check(const struct vf_req *r, uint32_t caps, char *err,
		   size_t errlen)
{
	static const struct { uint32_t cap; const char *keys; } t[] = {
		{ VFPROV_CAPS_THRESHOLDS, "threshold.* keys" },
		{ VFPROV_CAPS_POLICIES, "engine_reset and sample_period_ms" },
		{ VFPROV_CAPS_SCHED_PRIORITY, "sched_priority" },
		{ VFPROV_CAPS_PER_GT, "gtN.* keys" },
	};
	uint32_t missing = req_needs(r) & ~caps;
	size_t i;

	err[0] = 0;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (missing & t[i].cap) {
			snprintf(err, errlen,
				 "%s: not supported by this driver version (the PF lacks the %s capability; `vfctl show PF` lists its caps): drop them from the request",
				 t[i].keys, cap_name(t[i].cap));
			return -1;
		}
	return 0;
}

/* A VF's (or every VF's) key: its own, or a GT's */
static int set_vf_cfg_key(struct vf_cfg *v, const char *key, const char *val,
			  char *err, size_t errlen)
{
	int rc = set_gt_key(v, key, val, err, errlen);

	return rc <= 0 ? rc : set_vf_key(v, key, val, err, errlen);
}

int req_set_key(struct vf_req *r, const char *key, const char *val,
		char *err, size_t errlen)
{
	char e[128];

	if (!strcmp(key, "vfs") || !strcmp(key, "num_vfs")) {
		if (u32_parse(val, VFPROV_MAX_VFS, &r->num_vfs, e, sizeof(e)))
			goto bad;
		r->set |= REQ_SET_NUM_VFS;
		return 0;
	}
	if (!strcmp(key, "driver")) {
		if (driver_parse(val, &r->driver)) {
			snprintf(e, sizeof(e), "'%s' is not vfio-pci, xe-vfio-pci or none", val);
			goto bad;
		}
		r->set |= REQ_SET_DRIVER;
		return 0;
	}
	if (!strcmp(key, "profile") || !strcmp(key, "sched")) {
		char *dst = key[0] == 'p' ? r->profile : r->sched;
		size_t n = strlen(val);

		if (!n || n >= VFCTL_NAME_LEN || strchr(val, '/') || val[0] == '.') {
			snprintf(e, sizeof(e), "'%s' is not a valid name", val);
			goto bad;
		}
		memcpy(dst, val, n + 1);
		return 0;
	}
	if (!strncmp(key, "spare.", 6)) {
		const char *k = key + 6;

		if (!strcmp(k, "lmem") || !strcmp(k, "ggtt")) {
			uint64_t sz;

			if (size_parse(val, &sz, e, sizeof(e)))
				goto bad;
			if (k[0] == 'l') {
				r->lmem_spare = sz;
				r->set |= REQ_SET_LMEM_SPARE;
			} else {
				r->ggtt_spare = sz;
				r->set |= REQ_SET_GGTT_SPARE;
			}
			return 0;
		}
		if (!strcmp(k, "contexts")) {
			if (u32_parse(val, 65535, &r->contexts_spare, e, sizeof(e)))
				goto bad;
			r->set |= REQ_SET_CTX_SPARE;
			return 0;
		}
		if (!strcmp(k, "doorbells")) {
			if (u32_parse(val, 65535, &r->doorbells_spare, e, sizeof(e)))
				goto bad;
			r->set |= REQ_SET_DB_SPARE;
			return 0;
		}
		snprintf(err, errlen, "unknown key '%s' (spare.lmem, spare.ggtt, spare.contexts, spare.doorbells)", key);
		return -1;
	}
	if (!strcmp(key, "pf.exec_quantum_ms")) {
		if (u32_parse(val, UINT32_MAX, &r->pf_eq, e, sizeof(e)))
			goto bad;
		r->set |= REQ_SET_PF_EQ;
		return 0;
	}
	if (!strcmp(key, "pf.preempt_timeout_us")) {
		if (u32_parse(val, UINT32_MAX, &r->pf_pt, e, sizeof(e)))
			goto bad;
		r->set |= REQ_SET_PF_PT;
		return 0;
	}
	if (!strcmp(key, "ecc")) {
		if (!strcmp(val, "on") || !strcmp(val, "1") || !strcmp(val, "yes"))
			r->ecc = VFCTL_ECC_ON;
		else if (!strcmp(val, "off") || !strcmp(val, "0") || !strcmp(val, "no"))
			r->ecc = VFCTL_ECC_OFF;
		else if (!strcmp(val, "auto"))
			r->ecc = VFCTL_ECC_AUTO;
		else {
			snprintf(e, sizeof(e), "'%s' is not on, off or auto", val);
			goto bad;
		}
		r->set |= REQ_SET_ECC;
		return 0;
	}
	if (!strcmp(key, "sched_if_idle")) {
		if (!strcmp(val, "1") || !strcmp(val, "yes") || !strcmp(val, "true"))
			r->sched_if_idle = 1;
		else if (!strcmp(val, "0") || !strcmp(val, "no") || !strcmp(val, "false"))
			r->sched_if_idle = 0;
		else {
			snprintf(e, sizeof(e), "'%s' is not 0/1", val);
			goto bad;
		}
		r->set |= REQ_SET_IDLE;
		return 0;
	}
	if (!strcmp(key, "engine_reset") || !strcmp(key, "sample_period_ms") ||
	    !strcmp(key, "sched_priority"))
		return set_policy(r, key, val, err, errlen);
	if (!strncmp(key, "vf.", 3)) {
		char *end;
		unsigned long k = strtoul(key + 3, &end, 10);

		if (end == key + 3 || *end != '.' || k < 1 || k > VFPROV_MAX_VFS) {
			snprintf(err, errlen, "bad key '%s' (vf.K.KEY with K in 1..%d)",
				 key, VFPROV_MAX_VFS);
			return -1;
		}
		return set_vf_cfg_key(&r->vf[k - 1], end + 1, val, err, errlen);
	}
	return set_vf_cfg_key(&r->all, key, val, err, errlen);
bad:
	snprintf(err, errlen, "%s: %s", key, e);
	return -1;
}
