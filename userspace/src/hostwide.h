/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VFCTL_HOSTWIDE_H
#define VFCTL_HOSTWIDE_H

#include <json-c/json.h>

#include "vfctl.h"

/*
 * Host-wide transactions (docs/hostwide.md): `apply -f` with several PFs
 * plans them all, applies them all at once and, when one fails, undoes
 * the ones that committed in this run. The kernel keeps each PF atomic;
 * vfctl makes the host file all-or-nothing.
 */

/* What this run's APPLY did to a PF. */
enum hw_fate {
	HW_PENDING,	/* not sent (or refused before it was queued) */
	HW_COMMITTED,	/* committed in this run: ->commit_gen */
	HW_UNCHANGED,	/* already matched: nothing written */
	HW_FAILED,	/* rejected or rolled back: at its previous state */
	HW_DEGRADED,	/* the kernel's own undo failed */
	HW_UNKNOWN,	/* the outcome could not be learnt */
};

/* What the undo of a committed PF did. */
enum hw_undo {
	HW_UNDO_NONE,	/* not needed, or not tried */
	HW_UNDO_DONE,	/* previous state restored: ->undo_gen */
	HW_UNDO_STALE,	/* changed by someone else since: not undone */
	HW_UNDO_FAILED,	/* the undo transaction failed */
};

struct hw_pf {
	char addr[VFPROV_ADDR_LEN];
	struct vf_req want;		/* the file's request, resolved */
	bool force;
	struct vf_req prev;		/* the live state before (export's view) */
	uint64_t prev_gen;
	enum hw_fate fate;
	uint64_t commit_gen;
	struct vf_result res;		/* the APPLY's outcome */
	int code;			/* its exit code */
	enum hw_undo undo;
	uint64_t undo_gen;
	struct vf_result undo_res;
};

/* Pure decisions (unit tested). */
enum hw_fate hw_fate_of(int nl_rc, const struct vf_result *res);
enum hw_undo hw_undo_of(int nl_rc, const struct vf_result *res);
/* Some PF did not commit (or stay unchanged): the run must be undone. */
bool hw_failed(const struct hw_pf *p, int n);
/* Commits of this run: the PFs the undo must restore. */
bool hw_needs_undo(const struct hw_pf *p);
/*
 * 0 all committed; 5 nothing was written (every failure a rejection, no
 * commit); 6 every PF is back at its previous state; 7 some PF is not
 * (the kernel's undo or vfctl's failed, or someone else changed it since).
 */
int hw_exit_code(const struct hw_pf *p, int n);
/* "committed, undone (restored generation 7)" etc., for a PF's line. */
void hw_describe(const struct hw_pf *p, char *buf, size_t len);

/*
 * The host journal: /run/vfctl/apply-PID.json ($VFCTL_RUN_DIR for tests)
 * holds each PF's previous state and generation, and the txn id of this
 * run's APPLY once it is queued. Removed at the end of the run; one left
 * behind by a dead vfctl is what `apply --recover` reads.
 *
 *   { "vfctl_journal": 1, "pid": 123,
 *     "pfs": [ { "address": "0000:01:00.0", "previous_generation": 4,
 *                "txn_id": 17 } ],
 *     "previous": { ... the JSON form of export (conf_json.c) ... } }
 */
struct hw_jentry {
	char addr[VFPROV_ADDR_LEN];
	uint64_t prev_gen;
	uint64_t txn_id;	/* 0: not queued (or not known to be) */
	bool have_prev;
	struct vf_req prev;	/* explicit keys, as conf_parse_json gives */
};

struct hw_journal {
	int pid;
	int n;
	struct hw_jentry *e;
};

/* @live[i]: PF i's state before (for its previous config). */
json_object *hw_journal_json(const struct hw_pf *p,
			     const struct pf_state *const *live,
			     const uint64_t *txn_ids, int n, int pid);
int hw_journal_parse(const char *text, struct hw_journal *j, char *err,
		     size_t errlen);
void hw_journal_free(struct hw_journal *j);

/* Files. The directory: $VFCTL_RUN_DIR, else /run/vfctl. */
const char *hw_journal_dir(void);
void hw_journal_path(int pid, char *buf, size_t len);
/* Written to a temporary file, synced and renamed: never half a journal. */
int hw_journal_write(const char *path, json_object *j);
/*
 * Journals whose vfctl is no longer running: calls @cb with each path and
 * pid; returns how many.
 */
int hw_journal_stale(void (*cb)(const char *path, int pid, void *arg),
		     void *arg);
/* One line on stderr per stale journal (check, show); returns the count. */
int hw_journal_warn_stale(void);

/* hostwide.c (netlink): the run itself and --recover. */
struct vfnl;
int hostwide_apply(struct vfnl *nl, struct hw_pf *p, int n, uint32_t flags);
int hostwide_recover(struct vfnl *nl);

#endif
