// SPDX-License-Identifier: GPL-2.0
/*
 * JSON output with json-c. Schema version VFCTL_JSON_SCHEMA; fields are only
 * ever added. Sizes are integers in bytes. See vfctl(8), JSON OUTPUT.
 */
#include <stdio.h>
#include <string.h>

#include "json_out.h"

static void add_u64(struct json_object *o, const char *k, uint64_t v)
{
	json_object_object_add(o, k, json_object_new_uint64(v));
}

static void add_int(struct json_object *o, const char *k, int64_t v)
{
	json_object_object_add(o, k, json_object_new_int64(v));
}

static void add_str(struct json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, json_object_new_string(v ? v : ""));
}

static void add_bool(struct json_object *o, const char *k, bool v)
{
	json_object_object_add(o, k, json_object_new_boolean(v));
}

static void add_errno(struct json_object *o, const char *k, int e)
{
	const char *n = e ? strerrorname_np(e < 0 ? -e : e) : NULL;

	add_int(o, k, e);
	if (n) {
		char key[64];

		snprintf(key, sizeof(key), "%s_name", k);
		add_str(o, key, n);
	}
}

/* "gt": [ { "id": 1, "contexts": 512 } ]: the GTs with values of their own */
static struct json_object *json_gts(const struct vf_cfg *c)
{
	struct json_object *a = json_object_new_array();
	uint32_t bit;
	int gt, i;

	for (gt = 0; gt < VFCTL_NGT; gt++) {
		const struct vf_gt *g = &c->gt[gt];
		struct json_object *o;

		if (!(g->set & VF_SET_GT_KEYS))
			continue;
		o = json_object_new_object();
		add_u64(o, "id", (uint64_t)gt);
		for (i = 0; i < VFCTL_NGT_KEYS; i++) {
			const char *key = gt_key(i, &bit);

			if (g->set & bit)
				add_u64(o, key, gt_value(g, bit));
		}
		json_object_array_add(a, o);
	}
	return a;
}

static void vf_cfg_fields(struct json_object *o, const struct vf_cfg *c)
{
	if (c->set & VF_SET_LMEM)
		add_u64(o, "lmem", c->lmem);
	if (c->set & VF_SET_GGTT)
		add_u64(o, "ggtt", c->ggtt);
	if (c->set & VF_SET_CONTEXTS)
		add_u64(o, "contexts", c->contexts);
	if (c->set & VF_SET_DOORBELLS)
		add_u64(o, "doorbells", c->doorbells);
	if (c->set & VF_SET_EQ)
		add_u64(o, "exec_quantum_ms", c->eq);
	if (c->set & VF_SET_PT)
		add_u64(o, "preempt_timeout_us", c->pt);
	if (c->set & VF_SET_WEIGHT)
		add_u64(o, "weight", c->weight);
	if (c->set & VF_SET_THR_ALL) {
		struct json_object *t = json_object_new_object();
		int i;

		for (i = 0; i < VFCTL_NTHR; i++)
			if (c->set & VF_SET_THR(i))
				add_u64(t, threshold_key(i), c->thr[i]);
		json_object_object_add(o, "thresholds", t);
	}
	if (c->set & VF_SET_GT)
		json_object_object_add(o, "gt", json_gts(c));
}

/* The non-zero adverse-event counters by kind, {} when there are none. */
static struct json_object *json_adverse(const struct vf_state *vs)
{
	struct json_object *a = json_object_new_object();
	int i;

	for (i = 0; i < VFCTL_NTHR; i++)
		if (vs->adverse_set & (1u << i))
			add_u64(a, adverse_name(i), vs->adverse[i]);
	return a;
}

/* state, lmem_alloc and adverse (absent when the kernel reports none) */
static void vf_health_fields(struct json_object *v, const struct vf_state *vs)
{
	if (vs->have_state)
		add_str(v, "state", vf_run_state_name(vs->run_state));
	if (vs->have_lmem_alloc)
		add_u64(v, "lmem_alloc", vs->lmem_alloc);
	json_object_object_add(v, "adverse", json_adverse(vs));
}

struct json_object *json_caps(uint32_t caps)
{
	struct json_object *a = json_object_new_array();
	uint32_t bit;

	for (bit = 1; bit && bit <= VFPROV_CAPS_PER_GT; bit <<= 1)
		if (caps & bit)
			json_object_array_add(a, json_object_new_string(cap_name(bit)));
	return a;
}

struct json_object *json_config(const struct vf_req *r)
{
	struct json_object *o = json_object_new_object();
	struct json_object *vfs = json_object_new_array();
	struct json_object *spare = json_object_new_object();
	uint32_t i, n;

	if (r->set & REQ_SET_NUM_VFS)
		add_u64(o, "num_vfs", r->num_vfs);
	if (r->set & REQ_SET_DRIVER)
		add_str(o, "vf_driver", driver_name(r->driver));
	if (r->set & REQ_SET_LMEM_SPARE)
		add_u64(spare, "lmem", r->lmem_spare);
	if (r->set & REQ_SET_GGTT_SPARE)
		add_u64(spare, "ggtt", r->ggtt_spare);
	if (r->set & REQ_SET_CTX_SPARE)
		add_u64(spare, "contexts", r->contexts_spare);
	if (r->set & REQ_SET_DB_SPARE)
		add_u64(spare, "doorbells", r->doorbells_spare);
	json_object_object_add(o, "pf_spare", spare);
	if (r->set & REQ_SET_PF_EQ)
		add_u64(o, "pf_exec_quantum_ms", r->pf_eq);
	if (r->set & REQ_SET_PF_PT)
		add_u64(o, "pf_preempt_timeout_us", r->pf_pt);
	if (r->set & REQ_SET_IDLE)
		add_bool(o, "sched_if_idle", r->sched_if_idle);
	if (r->set & REQ_SET_ENGINE_RESET)
		add_bool(o, "engine_reset", r->engine_reset);
	if (r->set & REQ_SET_SAMPLE_PERIOD)
		add_u64(o, "sample_period_ms", r->sample_period_ms);
	if (r->set & REQ_SET_SCHED_PRIO)
		add_str(o, "sched_priority", sched_prio_name(r->sched_priority));
	n = (r->set & REQ_SET_NUM_VFS) ? r->num_vfs : VFPROV_MAX_VFS;
	for (i = 0; i < n && i < VFPROV_MAX_VFS; i++) {
		struct json_object *v;

		if (!r->vf[i].set && !(r->set & REQ_SET_NUM_VFS))
			continue;
		v = json_object_new_object();
		add_u64(v, "id", i + 1);
		vf_cfg_fields(v, &r->vf[i]);
		json_object_array_add(vfs, v);
	}
	json_object_object_add(o, "vfs", vfs);
	return o;
}

struct json_object *json_vf(const struct vf_state *vs)
{
	struct json_object *v = json_object_new_object();

	add_u64(v, "id", vs->id);
	if (vs->pci_addr[0])
		add_str(v, "pci_address", vs->pci_addr);
	else
		json_object_object_add(v, "pci_address", NULL);
	add_bool(v, "enabled", vs->enabled);
	add_str(v, "driver", vs->driver);
	if (vs->iommu_group >= 0)
		add_int(v, "iommu_group", vs->iommu_group);
	else
		json_object_object_add(v, "iommu_group", NULL);
	add_bool(v, "in_use", vs->in_use);
	vf_cfg_fields(v, &vs->cfg);
	vf_health_fields(v, vs);
	return v;
}

static void result_fields(struct json_object *o, const struct vf_result *r);

/* The running transaction, or null */
static struct json_object *json_running(const struct pf_state *pf)
{
	struct json_object *o;

	if (!pf->have_running)
		return NULL;
	o = json_object_new_object();
	add_u64(o, "txn_id", pf->running.txn_id);
	add_str(o, "op", txn_op_name(pf->running.op));
	add_str(o, "step", step_name(pf->running.step));
	add_u64(o, "vf", pf->running.vf);
	return o;
}

/* The latest outcomes, newest first */
static struct json_object *json_outcomes(const struct pf_state *pf)
{
	struct json_object *a = json_object_new_array();
	int i;

	for (i = 0; i < pf->nout && i < VFPROV_OUTCOMES_KEPT; i++) {
		struct json_object *o = json_object_new_object();

		result_fields(o, &pf->out[i]);
		json_object_array_add(a, o);
	}
	return a;
}

struct json_object *json_pf(const struct pf_state *pf, int index,
			    bool with_vfs)
{
	struct json_object *o = json_object_new_object();
	struct json_object *res = json_object_new_array();
	int i;

	if (index >= 0)
		add_int(o, "index", index);
	add_str(o, "address", pf->addr);
	if (pf->card[0])
		add_str(o, "card", pf->card);
	else
		json_object_object_add(o, "card", NULL);
	add_str(o, "backend", pf->backend);
	add_str(o, "driver", pf->driver);
	add_u64(o, "total_vfs", pf->total_vfs);
	add_u64(o, "num_vfs", pf->num_vfs);
	add_u64(o, "generation", pf->generation);
	add_str(o, "state", state_name(pf->state));
	add_str(o, "last_result", result_name(pf->last_result));
	add_errno(o, "last_errno", pf->last_errno);
	add_str(o, "last_error", pf->last_error);
	if (pf->have_caps)
		json_object_object_add(o, "caps", json_caps(pf->caps));
	else
		json_object_object_add(o, "caps", NULL);
	if (pf->gts)
		add_u64(o, "gts", pf->gts);
	for (i = 0; i < pf->nres; i++) {
		const struct res_info *ri = &pf->res[i];
		struct json_object *r = json_object_new_object();

		add_str(r, "name", ri->name);
		add_u64(r, "free", ri->free);
		add_u64(r, "max_quota", ri->max_quota);
		add_u64(r, "granule", ri->granule);
		add_u64(r, "spare", ri->spare);
		add_u64(r, "spare_min", ri->spare_min);
		add_u64(r, "vf_max", ri->vf_max);
		json_object_array_add(res, r);
	}
	json_object_object_add(o, "resources", res);
	json_object_object_add(o, "running", json_running(pf));
	json_object_object_add(o, "outcomes", json_outcomes(pf));
	if (pf->have_cfg)
		json_object_object_add(o, "config", json_config(&pf->cfg));
	if (with_vfs) {
		struct json_object *vfs = json_object_new_array();

		for (i = 0; i < pf->nvfs; i++)
			json_object_array_add(vfs, json_vf(&pf->vf[i]));
		json_object_object_add(o, "vfs", vfs);
	}
	return o;
}

struct json_object *json_list(const struct pf_state *pfs, int n)
{
	struct json_object *o = json_object_new_object();
	struct json_object *a = json_object_new_array();
	int i;

	add_int(o, "schema_version", VFCTL_JSON_SCHEMA);
	for (i = 0; i < n; i++)
		json_object_array_add(a, json_pf(&pfs[i], i, false));
	json_object_object_add(o, "pfs", a);
	return o;
}

struct json_object *json_show(const struct pf_state *pf)
{
	struct json_object *o = json_object_new_object();

	add_int(o, "schema_version", VFCTL_JSON_SCHEMA);
	json_object_object_add(o, "pf", json_pf(pf, -1, true));
	return o;
}

struct json_object *json_plan(const char *addr, const struct vf_req *plan)
{
	struct json_object *o = json_object_new_object();

	add_int(o, "schema_version", VFCTL_JSON_SCHEMA);
	add_str(o, "address", addr);
	json_object_object_add(o, "plan", json_config(plan));
	return o;
}

static void result_fields(struct json_object *o, const struct vf_result *r)
{
	if (r->have_txn) {
		add_u64(o, "txn_id", r->txn_id);
		add_str(o, "op", txn_op_name(r->op));
	}
	if (r->have_result)
		add_str(o, "result", result_name(r->result));
	if (r->field[0])
		add_str(o, "failed_field", r->field);
	add_errno(o, "errno", r->err ? r->err : r->nl_err);
	add_str(o, "message", r->message);
	add_str(o, "extack", r->extack);
	add_str(o, "failed_step", r->step);
	if (r->have_failed_vf)
		add_u64(o, "failed_vf", r->failed_vf);
	if (r->have_gen)
		add_u64(o, "generation", r->generation);
}

struct json_object *json_result(const char *addr, const char *status,
				int exit_code, const struct vf_result *r)
{
	struct json_object *o = json_object_new_object();

	add_int(o, "schema_version", VFCTL_JSON_SCHEMA);
	add_str(o, "address", addr);
	add_str(o, "status", status);
	add_int(o, "exit_code", exit_code);
	result_fields(o, r);
	return o;
}

struct json_object *json_event(const struct vf_result *ev, long long ts)
{
	struct json_object *o = json_object_new_object();

	add_int(o, "schema_version", VFCTL_JSON_SCHEMA);
	add_int(o, "time", ts);
	add_str(o, "event", event_word(ev));
	add_str(o, "address", ev->addr);
	if (ev->event == VFCTL_EV_LOST)
		return o;
	if (ev->have_pf) {
		add_str(o, "change", pf_change_name(ev->change));
		add_str(o, "state", state_name(ev->state));
		if (ev->have_gen)
			add_u64(o, "generation", ev->generation);
		add_u64(o, "num_vfs", ev->num_vfs);
		add_u64(o, "total_vfs", ev->total_vfs);
		add_str(o, "backend", ev->backend);
		add_str(o, "driver", ev->driver);
		return o;
	}
	if (ev->have_vf) {
		add_str(o, "change", ev->event == VFCTL_EV_VF_ADVERSE ? "adverse" : "action");
		add_u64(o, "vf", ev->vf.id);
		add_str(o, "pci_address", ev->vf.pci_addr);
		if (ev->have_action)
			add_str(o, "action", vf_action_name(ev->action));
		if (ev->vf.have_state)
			add_str(o, "state", vf_run_state_name(ev->vf.run_state));
		json_object_object_add(o, "adverse", json_adverse(&ev->vf));
		return o;
	}
	result_fields(o, ev);
	if (ev->have_who) {
		add_u64(o, "pid", ev->pid);
		add_u64(o, "uid", ev->uid);
		add_str(o, "comm", ev->comm);
	}
	return o;
}

void json_print(struct json_object *o, bool oneline)
{
	int flags = oneline ? JSON_C_TO_STRING_PLAIN
			    : JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED;

	flags |= JSON_C_TO_STRING_NOSLASHESCAPE;
	fputs(json_object_to_json_string_ext(o, flags), stdout);
	fputc('\n', stdout);
	json_object_put(o);
}
