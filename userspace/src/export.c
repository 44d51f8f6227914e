// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl export: the live state of PFs as a config file or its JSON form,
 * so that `export | apply -f -` changes nothing and `export | assert` is
 * clean. Both forms come from one list of keys (export_keys()). Pure.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "size.h"

void export_live_req(const struct pf_state *pf, struct vf_req *out)
{
	int i;

	memset(out, 0, sizeof(*out));
	if (pf->have_cfg) {
		*out = pf->cfg;
	} else {
		out->set = REQ_SET_NUM_VFS;
		out->num_vfs = pf->num_vfs;
		for (i = 0; i < pf->nvfs; i++) {
			uint32_t id = pf->vf[i].id;

			if (id >= 1 && id <= VFPROV_MAX_VFS)
				out->vf[id - 1] = pf->vf[i].cfg;
		}
	}
	out->profile[0] = out->sched[0] = 0;
	out->set &= ~REQ_SET_ECC;
	memset(&out->all, 0, sizeof(out->all));
	for (i = 0; i < VFPROV_MAX_VFS; i++) {
		out->vf[i].set &= ~VF_SET_WEIGHT;
		if ((uint32_t)i >= out->num_vfs)
			memset(&out->vf[i], 0, sizeof(out->vf[i]));
	}
}

enum key_kind { K_NUM, K_SIZE, K_DRIVER, K_PRIO };

/*
 * @prefix is "" (PF), "spare." or "pf."; with @vf set, "" (the VF's own
 * key) or "gtN." (a value GT N holds apart from the VF's).
 */
typedef void (*key_cb)(void *arg, const char *prefix, uint32_t vf,
		       const char *name, uint64_t v, enum key_kind kind);

static void gt_keys(const struct vf_cfg *c, uint32_t vf, key_cb cb, void *arg)
{
	char prefix[16];
	uint32_t bit;
	int gt, i;

	for (gt = 0; gt < VFCTL_NGT; gt++) {
		const struct vf_gt *g = &c->gt[gt];

		snprintf(prefix, sizeof(prefix), "gt%d.", gt);
		for (i = 0; i < VFCTL_NGT_KEYS; i++) {
			const char *key = gt_key(i, &bit);

			if (g->set & bit)
				cb(arg, prefix, vf, key, gt_value(g, bit), K_NUM);
		}
	}
}

static void vf_keys(const struct vf_cfg *c, uint32_t vf, key_cb cb, void *arg)
{
	uint32_t i;

	if (c->set & VF_SET_LMEM)
		cb(arg, "", vf, "lmem", c->lmem, K_SIZE);
	if (c->set & VF_SET_GGTT)
		cb(arg, "", vf, "ggtt", c->ggtt, K_SIZE);
	if (c->set & VF_SET_CONTEXTS)
		cb(arg, "", vf, "contexts", c->contexts, K_NUM);
	if (c->set & VF_SET_DOORBELLS)
		cb(arg, "", vf, "doorbells", c->doorbells, K_NUM);
	if (c->set & VF_SET_EQ)
		cb(arg, "", vf, "exec_quantum_ms", c->eq, K_NUM);
	if (c->set & VF_SET_PT)
		cb(arg, "", vf, "preempt_timeout_us", c->pt, K_NUM);
	for (i = 0; i < VFCTL_NTHR; i++)
		if (c->set & VF_SET_THR(i)) {
			char name[48];

			snprintf(name, sizeof(name), "threshold.%s", threshold_key(i));
			cb(arg, "", vf, name, c->thr[i], K_NUM);
		}
	if (c->set & VF_SET_GT)
		gt_keys(c, vf, cb, arg);
}

static void export_keys(const struct vf_req *r, key_cb cb, void *arg)
{
	uint32_t i;

	cb(arg, "", 0, "vfs", r->num_vfs, K_NUM);
	if (r->set & REQ_SET_DRIVER)
		cb(arg, "", 0, "driver", r->driver, K_DRIVER);
	if (r->set & REQ_SET_IDLE)
		cb(arg, "", 0, "sched_if_idle", r->sched_if_idle, K_NUM);
	if (r->set & REQ_SET_ENGINE_RESET)
		cb(arg, "", 0, "engine_reset", r->engine_reset, K_NUM);
	if (r->set & REQ_SET_SAMPLE_PERIOD)
		cb(arg, "", 0, "sample_period_ms", r->sample_period_ms, K_NUM);
	if (r->set & REQ_SET_SCHED_PRIO)
		cb(arg, "", 0, "sched_priority", r->sched_priority, K_PRIO);
	if (r->set & REQ_SET_PF_EQ)
		cb(arg, "pf.", 0, "exec_quantum_ms", r->pf_eq, K_NUM);
	if (r->set & REQ_SET_PF_PT)
		cb(arg, "pf.", 0, "preempt_timeout_us", r->pf_pt, K_NUM);
	if (r->set & REQ_SET_LMEM_SPARE)
		cb(arg, "spare.", 0, "lmem", r->lmem_spare, K_SIZE);
	if (r->set & REQ_SET_GGTT_SPARE)
		cb(arg, "spare.", 0, "ggtt", r->ggtt_spare, K_SIZE);
	if (r->set & REQ_SET_CTX_SPARE)
		cb(arg, "spare.", 0, "contexts", r->contexts_spare, K_NUM);
	if (r->set & REQ_SET_DB_SPARE)
		cb(arg, "spare.", 0, "doorbells", r->doorbells_spare, K_NUM);
	for (i = 0; i < r->num_vfs && i < VFPROV_MAX_VFS; i++)
		vf_keys(&r->vf[i], i + 1, cb, arg);
}

static void conf_key(void *arg, const char *prefix, uint32_t vf,
		     const char *name, uint64_t v, enum key_kind kind)
{
	FILE *f = arg;
	char buf[32];

	if (vf)
		fprintf(f, "vf.%u.%s%s = ", vf, prefix, name);
	else
		fprintf(f, "%s%s = ", prefix, name);
	if (kind == K_SIZE)
		fprintf(f, "%s\n", size_format_exact(v, buf, sizeof(buf)));
	else if (kind == K_DRIVER)
		fprintf(f, "%s\n", driver_name((uint32_t)v));
	else if (kind == K_PRIO)
		fprintf(f, "%s\n", sched_prio_name((uint32_t)v));
	else
		fprintf(f, "%" PRIu64 "\n", v);
}

void export_conf(FILE *f, const struct exp_pf *pfs, int n)
{
	struct vf_req *r = malloc(sizeof(*r));
	int i;

	if (!r)
		return;
	fprintf(f, "# vfctl export: the live state; `vfctl apply -f` reproduces it,\n"
		   "# `vfctl assert -f` checks a host against it.\n");
	for (i = 0; i < n; i++) {
		const struct pf_state *pf = pfs[i].st;

		export_live_req(pf, r);
		fprintf(f, "\n# %s%s%s, backend %s, generation %" PRIu64 "\n",
			pf->addr, pf->card[0] ? " " : "", pf->card,
			pf->backend[0] ? pf->backend : "-", pf->generation);
		fprintf(f, "[pf %s]\n", pf->addr);
		export_keys(r, conf_key, f);
	}
	free(r);
}

struct json_ctx {
	struct json_object *pf, *groups[2], *vfs;
	uint32_t last_vf;
	struct json_object *cur_vf;
	struct json_object *cur_gts, *cur_gt;	/* the VF's "gt", its last entry */
	int last_gt;
};

/* The entry of GT @prefix ("gtN.") in the current VF's "gt" array */
static struct json_object *json_gt(struct json_ctx *c, const char *prefix)
{
	int gt = atoi(prefix + 2);

	if (!c->cur_gts) {
		c->cur_gts = json_object_new_array();
		json_object_object_add(c->cur_vf, "gt", c->cur_gts);
		c->last_gt = -1;
	}
	if (gt != c->last_gt) {
		c->cur_gt = json_object_new_object();
		json_object_object_add(c->cur_gt, "id", json_object_new_int(gt));
		json_object_array_add(c->cur_gts, c->cur_gt);
		c->last_gt = gt;
	}
	return c->cur_gt;
}

static void json_key(void *arg, const char *prefix, uint32_t vf,
		     const char *name, uint64_t v, enum key_kind kind)
{
	struct json_ctx *c = arg;
	struct json_object *val, *dst = c->pf;

	if (kind == K_DRIVER)
		val = json_object_new_string(driver_name((uint32_t)v));
	else if (kind == K_PRIO)
		val = json_object_new_string(sched_prio_name((uint32_t)v));
	else
		val = json_object_new_uint64(v);
	if (vf) {
		if (vf != c->last_vf) {
			c->cur_vf = json_object_new_object();
			json_object_object_add(c->cur_vf, "id", json_object_new_int((int)vf));
			json_object_array_add(c->vfs, c->cur_vf);
			c->last_vf = vf;
			c->cur_gts = NULL;
		}
		dst = *prefix ? json_gt(c, prefix) : c->cur_vf;
	} else if (*prefix) {
		int g = !strcmp(prefix, "pf.");

		if (!c->groups[g]) {
			c->groups[g] = json_object_new_object();
			json_object_object_add(c->pf, g ? "pf" : "spare", c->groups[g]);
		}
		dst = c->groups[g];
	}
	json_object_object_add(dst, name, val);
}

struct json_object *export_json(const struct exp_pf *pfs, int n)
{
	struct json_object *top = json_object_new_object();
	struct json_object *arr = json_object_new_array();
	struct vf_req *r = malloc(sizeof(*r));
	int i;

	json_object_object_add(top, "schema_version", json_object_new_int(1));
	json_object_object_add(top, "pfs", arr);
	for (i = 0; r && i < n; i++) {
		struct json_ctx c = { 0 };

		export_live_req(pfs[i].st, r);
		c.pf = json_object_new_object();
		json_object_object_add(c.pf, "address",
				       json_object_new_string(pfs[i].st->addr));
		c.vfs = json_object_new_array();
		export_keys(r, json_key, &c);
		if (json_object_array_length(c.vfs))
			json_object_object_add(c.pf, "vf", c.vfs);
		else
			json_object_put(c.vfs);
		json_object_array_add(arr, c.pf);
	}
	free(r);
	return top;
}
