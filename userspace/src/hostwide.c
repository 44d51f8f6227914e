// SPDX-License-Identifier: GPL-2.0
/*
 * Host-wide transactions (`vfctl apply -f FILE` with several PFs, and
 * `apply --recover`): plan every PF, capture each one's live state and
 * generation, journal them, queue every APPLY at once on one socket and
 * wait for all outcomes; when one PF fails, put every PF this run
 * committed back to its previous state, guarded by the generation its
 * commit produced. Why vfctl and not one kernel request: docs/hostwide.md.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "export.h"
#include "hostwide.h"
#include "json_out.h"

/* Print every rejection; EXIT_OK when every PF plans. */
static int plan_all(struct vfnl *nl, struct hw_pf *p, int n, uint32_t flags)
{
	int i, worst = EXIT_OK;

	for (i = 0; i < n; i++) {
		struct vf_result res = { 0 };
		uint32_t f = flags | (p[i].force ? VFCTL_F_FORCE : 0);
		int rc = vfnl_plan_flags(nl, p[i].addr, &p[i].want, f, NULL,
					 NULL, &res);
		int code = result_exit_code(rc, &res);

		if (!code)
			continue;
		print_failure("plan", p[i].addr, code, &res);
		if (code > worst)
			worst = code;
	}
	if (worst)
		fprintf(stderr, "vfctl: host-wide apply: a PF was rejected in planning: nothing was written on any PF\n");
	return worst;
}

/* The previous state as a request, resolved as `export | apply -f` does. */
static int prev_request(const struct vf_req *explicit_keys, struct vf_req *out)
{
	struct profile_dirs dirs;
	char err[256];

	profile_dirs_default(&dirs, g_opts.profile_dir);
	if (request_resolve(&dirs, explicit_keys, out, err, sizeof(err))) {
		fprintf(stderr, "vfctl: previous state does not resolve: %s\n", err);
		return -1;
	}
	return 0;
}

static int capture(struct vfnl *nl, struct hw_pf *p, struct pf_state **live,
		   int n)
{
	int i;

	for (i = 0; i < n; i++) {
		struct vf_result res = { 0 };
		struct vf_req raw;

		live[i] = calloc(1, sizeof(*live[i]));
		if (!live[i])
			return EXIT_ERR;
		if (vfnl_pf_get(nl, p[i].addr, live[i], &res)) {
			print_failure("capture", p[i].addr,
				      result_exit_code(res.nl_err, &res), &res);
			return EXIT_ERR;
		}
		if (live[i]->have_running) {
			fprintf(stderr, "vfctl: %s: transaction %" PRIu64 " is running: retry when it ended\n",
				p[i].addr, live[i]->running.txn_id);
			return EXIT_REJECTED;
		}
		export_live_req(live[i], &raw);
		if (prev_request(&raw, &p[i].prev))
			return EXIT_ERR;
		p[i].prev_gen = live[i]->generation;
	}
	return EXIT_OK;
}

static int journal_put(const char *path, const struct hw_pf *p,
		       struct pf_state **live, const uint64_t *ids, int n)
{
	json_object *j = hw_journal_json(p, (const struct pf_state *const *)live,
					 ids, n, (int)getpid());
	int rc = j ? hw_journal_write(path, j) : -ENOMEM;

	json_object_put(j);
	if (rc)
		fprintf(stderr, "vfctl: cannot write the host journal %s: %s\n",
			path, strerror(-rc));
	return rc;
}

/* One request of a batch: queued together, waited for together. */
struct batch {
	const char *addr;
	const struct vf_req *req;
	const uint64_t *gen;
	bool use;
	uint32_t flags;
	struct vf_result *out;
	int rc;
};

static void run_batch(struct vfnl *nl, struct batch *b, int n,
		      void (*queued_cb)(int i, uint64_t id, void *arg), void *arg)
{
	struct vf_result **wait = calloc((size_t)n + 1, sizeof(*wait));
	int *wrc = calloc((size_t)n + 1, sizeof(*wrc));
	int *idx = calloc((size_t)n + 1, sizeof(*idx));
	int i, k, nw = 0;

	if (!wait || !wrc || !idx) {
		for (i = 0; i < n; i++)
			b[i].rc = -ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		bool queued;

		if (!b[i].use)
			continue;
		memset(b[i].out, 0, sizeof(*b[i].out));
		b[i].rc = vfnl_submit(nl, VFPROV_CMD_APPLY, b[i].addr, b[i].req,
				      b[i].flags, b[i].gen, b[i].out, &queued);
		if (!queued)
			continue;
		if (queued_cb)
			queued_cb(i, b[i].out->txn_id, arg);
		idx[nw] = i;
		wait[nw++] = b[i].out;
	}
	if (nw && vfnl_wait_many(nl, wait, wrc, nw, NULL))
		for (k = 0; k < nw; k++)
			wrc[k] = -ENOMEM;
	for (k = 0; k < nw; k++) {
		i = idx[k];
		b[i].rc = wrc[k] ? wrc[k] : b[i].out->nl_err;
	}
out:
	free(wait);
	free(wrc);
	free(idx);
}

struct jctx {
	const char *path;
	const struct hw_pf *p;
	struct pf_state **live;
	uint64_t *ids;
	int n;
};

/* Each txn id goes into the journal as soon as it is known. */
static void note_queued(int i, uint64_t id, void *arg)
{
	struct jctx *c = arg;

	c->ids[i] = id;
	journal_put(c->path, c->p, c->live, c->ids, c->n);
}

static int apply_all(struct vfnl *nl, struct hw_pf *p, int n, uint32_t flags,
		     struct jctx *jc)
{
	struct batch *b = calloc((size_t)n, sizeof(*b));
	int i;

	if (!b)
		return EXIT_ERR;
	for (i = 0; i < n; i++)
		b[i] = (struct batch){ .addr = p[i].addr, .req = &p[i].want,
			.gen = &p[i].prev_gen, .use = true, .out = &p[i].res,
			.flags = flags | VFCTL_F_IF_CHANGED |
				 (p[i].force ? VFCTL_F_FORCE : 0) };
	run_batch(nl, b, n, note_queued, jc);
	for (i = 0; i < n; i++) {
		result_no_outcome(b[i].rc, &p[i].res);
		p[i].code = result_exit_code(b[i].rc, &p[i].res);
		p[i].fate = hw_fate_of(b[i].rc, &p[i].res);
		p[i].commit_gen = p[i].res.generation;
	}
	free(b);
	return EXIT_OK;
}

/*
 * Every PF this run committed goes back to its previous state, all at
 * once. expected-gen is the generation our commit produced: a PF someone
 * else changed since refuses with ESTALE and keeps their change.
 */
static void undo_all(struct vfnl *nl, struct hw_pf *p, int n, uint32_t flags)
{
	struct batch *b = calloc((size_t)n, sizeof(*b));
	int i;

	if (!b) {
		for (i = 0; i < n; i++)
			if (hw_needs_undo(&p[i]))
				p[i].undo = HW_UNDO_FAILED;
		return;
	}
	for (i = 0; i < n; i++)
		b[i] = (struct batch){ .addr = p[i].addr, .req = &p[i].prev,
			.gen = &p[i].commit_gen, .use = hw_needs_undo(&p[i]),
			.out = &p[i].undo_res,
			.flags = (flags & VFCTL_F_FORCE) |
				 (p[i].force ? VFCTL_F_FORCE : 0) };
	run_batch(nl, b, n, NULL, NULL);
	for (i = 0; i < n; i++) {
		if (!b[i].use)
			continue;
		result_no_outcome(b[i].rc, &p[i].undo_res);
		p[i].undo = hw_undo_of(b[i].rc, &p[i].undo_res);
		p[i].undo_gen = p[i].undo_res.generation;
	}
	free(b);
}

/* A PF's status word, as a one-PF apply gives it ("unchanged" too). */
static const char *hw_status(const struct hw_pf *p)
{
	if (!p->code && p->res.have_result &&
	    p->res.result == VFPROV_RESULT_UNCHANGED)
		return "unchanged";
	return result_status(p->code, &p->res);
}

static void report(const struct hw_pf *p, int n, int code)
{
	json_object *arr = g_opts.json ? json_object_new_array() : NULL;
	int i;

	for (i = 0; i < n; i++) {
		char line[512];

		hw_describe(&p[i], line, sizeof(line));
		if (arr) {
			json_object *o = json_result(p[i].addr,
						     hw_status(&p[i]),
						     p[i].code, &p[i].res);

			json_object_object_add(o, "host_wide", json_object_new_string(line));
			json_object_array_add(arr, o);
		} else if (!g_opts.quiet || code) {
			printf("%s: %s\n", p[i].addr, line);
		}
	}
	if (arr) {
		json_object *top = json_object_new_object();

		json_object_object_add(top, "schema_version", json_object_new_int(VFCTL_JSON_SCHEMA));
		json_object_object_add(top, "exit_code", json_object_new_int(code));
		json_object_object_add(top, "results", arr);
		json_print(top, false);
	}
	fflush(stdout);
	if (code == EXIT_ROLLEDBACK)
		fprintf(stderr, "vfctl: host-wide apply failed: every PF is back at its previous state\n");
	else if (code == EXIT_DEGRADED)
		fprintf(stderr, "vfctl: host-wide apply failed and some PF is NOT at its previous state (see above)\n");
	else if (code == EXIT_REJECTED)
		fprintf(stderr, "vfctl: host-wide apply rejected: nothing was written\n");
}

int hostwide_apply(struct vfnl *nl, struct hw_pf *p, int n, uint32_t flags)
{
	struct pf_state **live = calloc((size_t)n, sizeof(*live));
	uint64_t *ids = calloc((size_t)n, sizeof(*ids));
	char path[4200];
	struct jctx jc;
	int i, rc;

	if (!live || !ids) {
		rc = EXIT_ERR;
		goto out;
	}
	rc = plan_all(nl, p, n, flags);
	if (!rc)
		rc = capture(nl, p, live, n);
	if (rc)
		goto out;
	hw_journal_path((int)getpid(), path, sizeof(path));
	jc = (struct jctx){ .path = path, .p = p, .live = live, .ids = ids, .n = n };
	if (journal_put(path, p, live, ids, n)) {
		rc = EXIT_ERR;
		goto out;
	}
	rc = apply_all(nl, p, n, flags, &jc);
	if (!rc && hw_failed(p, n))
		undo_all(nl, p, n, flags);
	if (!rc) {
		rc = hw_exit_code(p, n);
		report(p, n, rc);
	}
	unlink(path);
out:
	for (i = 0; live && i < n; i++)
		free(live[i]);
	free(live);
	free(ids);
	return rc;
}

/* ---- apply --recover: a journal left by a vfctl that died */

/*
 * Wait until PF @e's transaction of the journal ended; its outcome in
 * @o. 0, or -ENOMSG when it cannot be learnt.
 */
static int journal_txn(struct vfnl *nl, const struct hw_jentry *e,
		       struct vf_result *o)
{
	struct vf_result *w = o;
	int rc = 0;

	memset(o, 0, sizeof(*o));
	snprintf(o->addr, sizeof(o->addr), "%s", e->addr);
	o->txn_id = e->txn_id;
	o->have_txn = true;
	if (vfnl_wait_many(nl, &w, &rc, 1, NULL))
		return -ENOMEM;
	return rc;
}

/* One PF of a journal: 0 when it is at its previous state (now). */
static int recover_one(struct vfnl *nl, const struct hw_jentry *e)
{
	struct pf_state *pf = calloc(1, sizeof(*pf));
	struct vf_result o, r = { 0 };
	struct vf_req prev;
	uint64_t gen;
	int rc = EXIT_DEGRADED;

	if (!pf)
		return EXIT_ERR;
	if (!e->txn_id) {
		if (vfnl_pf_get(nl, e->addr, pf, &r)) {
			printf("%s: cannot read the PF: %s\n", e->addr, r.extack);
		} else if (pf->generation == e->prev_gen) {
			printf("%s: not applied (generation %" PRIu64 "): nothing to undo\n",
			       e->addr, e->prev_gen);
			rc = EXIT_OK;
		} else {
			printf("%s: generation %" PRIu64 " -> %" PRIu64 " and no transaction in the journal: cannot tell who changed it, not undone\n",
			       e->addr, e->prev_gen, pf->generation);
		}
		goto out;
	}
	if (journal_txn(nl, e, &o) || !o.have_result) {
		printf("%s: the outcome of transaction %" PRIu64 " is no longer known: not undone\n",
		       e->addr, e->txn_id);
		goto out;
	}
	if (o.result != VFPROV_RESULT_COMMITTED) {
		printf("%s: transaction %" PRIu64 " %s: nothing to undo\n",
		       e->addr, e->txn_id, result_name(o.result));
		rc = o.result == VFPROV_RESULT_DEGRADED ? EXIT_DEGRADED : EXIT_OK;
		goto out;
	}
	gen = o.generation;
	if (prev_request(&e->prev, &prev))
		goto out;
	memset(&r, 0, sizeof(r));
	rc = vfnl_apply(nl, e->addr, &prev, 0, &gen, NULL, &r);
	switch (hw_undo_of(rc, &r)) {
	case HW_UNDO_DONE:
		printf("%s: committed, undone (restored generation %" PRIu64 ")\n",
		       e->addr, r.generation);
		rc = EXIT_OK;
		break;
	case HW_UNDO_STALE:
		printf("%s: committed, changed by someone else since (generation %" PRIu64 " is gone): not undone\n",
		       e->addr, gen);
		rc = EXIT_DEGRADED;
		break;
	default:
		result_no_outcome(rc, &r);
		printf("%s: committed, undo FAILED: %s\n", e->addr,
		       r.message[0] ? r.message : r.extack);
		rc = EXIT_DEGRADED;
		break;
	}
out:
	free(pf);
	return rc;
}

struct rec {
	struct vfnl *nl;
	int worst;
	int found;
};

static void recover_file(const char *path, int pid, void *arg)
{
	struct rec *rc = arg;
	struct hw_journal j;
	char err[512], *text = NULL;
	size_t len = 0;
	FILE *f = fopen(path, "r");
	int i, worst = EXIT_OK;

	rc->found++;
	if (f) {
		FILE *m = open_memstream(&text, &len);
		char buf[4096];
		size_t k;

		while (m && (k = fread(buf, 1, sizeof(buf), f)) > 0)
			fwrite(buf, 1, k, m);
		if (m)
			fclose(m);
		fclose(f);
	}
	if (!text || hw_journal_parse(text, &j, err, sizeof(err))) {
		fprintf(stderr, "vfctl: %s: %s\n", path, text ? err : strerror(errno));
		free(text);
		if (rc->worst < EXIT_ERR)
			rc->worst = EXIT_ERR;
		return;
	}
	free(text);
	printf("recovering the host-wide apply of vfctl %d (%s)\n", pid, path);
	for (i = 0; i < j.n; i++) {
		int r = recover_one(rc->nl, &j.e[i]);

		if (r > worst)
			worst = r;
	}
	hw_journal_free(&j);
	if (worst == EXIT_OK)
		unlink(path);
	else
		fprintf(stderr, "vfctl: %s kept: some PF is not at its previous state\n", path);
	if (worst > rc->worst)
		rc->worst = worst;
}

int hostwide_recover(struct vfnl *nl)
{
	struct rec rc = { .nl = nl };

	hw_journal_stale(recover_file, &rc);
	if (!rc.found && !g_opts.quiet)
		printf("no stale host journal in %s: nothing to recover\n",
		       hw_journal_dir());
	return rc.worst;
}
