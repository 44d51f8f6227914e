// SPDX-License-Identifier: GPL-2.0
/*
 * Host-wide transactions, the pure half: what a PF's outcome means for the
 * run, what to undo, the exit code, and the host journal (its JSON, its
 * parsing, its files). No netlink; unit tested (test_vfctl_hostwide.c).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conffile.h"
#include "export.h"
#include "hostwide.h"

#define JOURNAL_VERSION 1

static bool is_estale(int nl_rc, const struct vf_result *r)
{
	return nl_rc == -ESTALE || r->nl_err == -ESTALE ||
	       (r->have_result && (r->err == -ESTALE || r->err == ESTALE));
}

enum hw_fate hw_fate_of(int nl_rc, const struct vf_result *r)
{
	if (r->have_result) {
		switch (r->result) {
		case VFPROV_RESULT_COMMITTED:
			return HW_COMMITTED;
		case VFPROV_RESULT_UNCHANGED:
			return HW_UNCHANGED;
		case VFPROV_RESULT_REJECTED:
		case VFPROV_RESULT_ROLLED_BACK:
			return HW_FAILED;
		case VFPROV_RESULT_DEGRADED:
			return HW_DEGRADED;
		default:
			break;
		}
	}
	if (nl_rc == -ENOMSG || nl_rc == -EINTR)
		return HW_UNKNOWN;
	/* refused in the request: nothing was queued, nothing written */
	return nl_rc ? HW_FAILED : HW_UNKNOWN;
}

enum hw_undo hw_undo_of(int nl_rc, const struct vf_result *r)
{
	if (is_estale(nl_rc, r))
		return HW_UNDO_STALE;
	if (!nl_rc && r->have_result &&
	    (r->result == VFPROV_RESULT_COMMITTED ||
	     r->result == VFPROV_RESULT_UNCHANGED))
		return HW_UNDO_DONE;
	return HW_UNDO_FAILED;
}

bool hw_failed(const struct hw_pf *p, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (p[i].fate != HW_COMMITTED && p[i].fate != HW_UNCHANGED)
			return true;
	return false;
}

bool hw_needs_undo(const struct hw_pf *p)
{
	return p->fate == HW_COMMITTED;
}

int hw_exit_code(const struct hw_pf *p, int n)
{
	bool committed = false, all_rejected = true;
	int i;

	if (!hw_failed(p, n))
		return EXIT_OK;
	for (i = 0; i < n; i++) {
		if (p[i].fate == HW_DEGRADED || p[i].fate == HW_UNKNOWN)
			return EXIT_DEGRADED;
		if (hw_needs_undo(&p[i]) && p[i].undo != HW_UNDO_DONE)
			return EXIT_DEGRADED;
		if (p[i].fate == HW_COMMITTED)
			committed = true;
		if (p[i].fate == HW_FAILED && p[i].code != EXIT_REJECTED)
			all_rejected = false;
	}
	return !committed && all_rejected ? EXIT_REJECTED : EXIT_ROLLEDBACK;
}

static const char *why(const struct vf_result *r)
{
	if (r->message[0])
		return r->message;
	if (r->extack[0])
		return r->extack;
	return r->nl_err ? strerror(-r->nl_err) : "no reason given";
}

void hw_describe(const struct hw_pf *p, char *buf, size_t len)
{
	switch (p->fate) {
	case HW_PENDING:
		snprintf(buf, len, "not applied");
		return;
	case HW_UNCHANGED:
		snprintf(buf, len, "unchanged");
		return;
	case HW_FAILED:
		snprintf(buf, len, "%s by the kernel: %s",
			 p->code == EXIT_REJECTED ? "rejected" : "rolled back",
			 why(&p->res));
		return;
	case HW_DEGRADED:
		snprintf(buf, len, "degraded (the kernel's undo failed): %s",
			 why(&p->res));
		return;
	case HW_UNKNOWN:
		snprintf(buf, len, "outcome unknown: %s", why(&p->res));
		return;
	case HW_COMMITTED:
		break;
	}
	switch (p->undo) {
	case HW_UNDO_NONE:
		snprintf(buf, len, "committed, generation %" PRIu64, p->commit_gen);
		break;
	case HW_UNDO_DONE:
		snprintf(buf, len, "committed, undone (restored generation %" PRIu64 ")",
			 p->undo_gen);
		break;
	case HW_UNDO_STALE:
		snprintf(buf, len, "committed, changed by someone else since (generation %" PRIu64 " is gone): not undone",
			 p->commit_gen);
		break;
	case HW_UNDO_FAILED:
		snprintf(buf, len, "committed, undo FAILED: %s", why(&p->undo_res));
		break;
	}
}

/* ---- the journal */

json_object *hw_journal_json(const struct hw_pf *p,
			     const struct pf_state *const *live,
			     const uint64_t *txn_ids, int n, int pid)
{
	json_object *top = json_object_new_object(), *arr = json_object_new_array();
	struct exp_pf *ep = calloc((size_t)n + 1, sizeof(*ep));
	int i;

	if (!ep) {
		json_object_put(top);
		json_object_put(arr);
		return NULL;
	}
	json_object_object_add(top, "vfctl_journal", json_object_new_int(JOURNAL_VERSION));
	json_object_object_add(top, "pid", json_object_new_int(pid));
	for (i = 0; i < n; i++) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "address", json_object_new_string(p[i].addr));
		json_object_object_add(o, "previous_generation",
				       json_object_new_uint64(p[i].prev_gen));
		json_object_object_add(o, "txn_id",
				       json_object_new_uint64(txn_ids ? txn_ids[i] : 0));
		json_object_array_add(arr, o);
		ep[i].st = live[i];
	}
	json_object_object_add(top, "pfs", arr);
	json_object_object_add(top, "previous", export_json(ep, n));
	free(ep);
	return top;
}

static int get_u64(json_object *o, const char *key, uint64_t *v)
{
	json_object *x;

	if (!json_object_object_get_ex(o, key, &x) ||
	    json_object_get_type(x) != json_type_int)
		return -1;
	*v = json_object_get_uint64(x);
	return 0;
}

static int parse_entries(json_object *arr, struct hw_journal *j, char *err,
			 size_t errlen)
{
	int i, n = (int)json_object_array_length(arr);

	j->e = calloc((size_t)n + 1, sizeof(*j->e));
	if (!j->e) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (i = 0; i < n; i++) {
		json_object *o = json_object_array_get_idx(arr, i), *a;
		struct hw_jentry *e = &j->e[i];

		if (!json_object_object_get_ex(o, "address", &a) ||
		    json_object_get_type(a) != json_type_string ||
		    conf_check_pf(json_object_get_string(a), e->addr,
				  sizeof(e->addr), err, errlen) ||
		    get_u64(o, "previous_generation", &e->prev_gen) ||
		    get_u64(o, "txn_id", &e->txn_id)) {
			snprintf(err, errlen, "pfs[%d]: needs address, previous_generation and txn_id", i);
			return -1;
		}
		j->n = i + 1;
	}
	return 0;
}

/* Each entry's previous config, from the export document. */
static int parse_previous(json_object *prev, struct hw_journal *j, char *err,
			  size_t errlen)
{
	struct conf c = { 0 };
	int i, k;

	if (conf_parse_json("journal", json_object_to_json_string(prev), &c,
			    err, errlen))
		return -1;
	for (i = 0; i < j->n; i++)
		for (k = 0; k < c.n; k++)
			if (!strcmp(c.pf[k].spec, j->e[i].addr)) {
				j->e[i].prev = c.pf[k].req;
				j->e[i].have_prev = true;
			}
	conf_free(&c);
	for (i = 0; i < j->n; i++)
		if (!j->e[i].have_prev) {
			snprintf(err, errlen, "no previous state for PF %s", j->e[i].addr);
			return -1;
		}
	return 0;
}

int hw_journal_parse(const char *text, struct hw_journal *j, char *err,
		     size_t errlen)
{
	json_object *top = json_tokener_parse(text), *v, *arr, *prev;
	int rc = -1;

	memset(j, 0, sizeof(*j));
	if (!top || json_object_get_type(top) != json_type_object) {
		snprintf(err, errlen, "not a JSON object");
		goto out;
	}
	if (!json_object_object_get_ex(top, "vfctl_journal", &v) ||
	    json_object_get_int(v) != JOURNAL_VERSION) {
		snprintf(err, errlen, "not a vfctl journal (version %d expected)",
			 JOURNAL_VERSION);
		goto out;
	}
	if (!json_object_object_get_ex(top, "pid", &v) ||
	    json_object_get_type(v) != json_type_int ||
	    json_object_get_int(v) <= 0) {
		snprintf(err, errlen, "pid: missing or not a positive number");
		goto out;
	}
	j->pid = json_object_get_int(v);
	if (!json_object_object_get_ex(top, "pfs", &arr) ||
	    json_object_get_type(arr) != json_type_array ||
	    !json_object_object_get_ex(top, "previous", &prev)) {
		snprintf(err, errlen, "needs \"pfs\" (an array) and \"previous\"");
		goto out;
	}
	if (parse_entries(arr, j, err, errlen) ||
	    parse_previous(prev, j, err, errlen))
		goto out;
	rc = 0;
out:
	if (rc)
		hw_journal_free(j);
	json_object_put(top);
	return rc;
}

void hw_journal_free(struct hw_journal *j)
{
	free(j->e);
	memset(j, 0, sizeof(*j));
}

/* ---- files */

const char *hw_journal_dir(void)
{
	const char *d = getenv("VFCTL_RUN_DIR");

	return d && *d ? d : "/run/vfctl";
}

void hw_journal_path(int pid, char *buf, size_t len)
{
	snprintf(buf, len, "%s/apply-%d.json", hw_journal_dir(), pid);
}

int hw_journal_write(const char *path, json_object *j)
{
	char tmp[4200];
	const char *text = json_object_to_json_string_ext(j, JSON_C_TO_STRING_PRETTY);
	size_t len = strlen(text);
	int fd, rc = 0;

	mkdir(hw_journal_dir(), 0700);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	if (write(fd, text, len) != (ssize_t)len || fsync(fd))
		rc = -errno ? -errno : -EIO;
	if (close(fd) && !rc)
		rc = -errno;
	if (!rc && rename(tmp, path))
		rc = -errno;
	if (rc)
		unlink(tmp);
	return rc;
}

int hw_journal_stale(void (*cb)(const char *path, int pid, void *arg),
		     void *arg)
{
	DIR *d = opendir(hw_journal_dir());
	struct dirent *de;
	int n = 0;

	if (!d)
		return 0;
	while ((de = readdir(d))) {
		char path[4200], tail[8] = "";
		int pid = 0;

		if (sscanf(de->d_name, "apply-%d.jso%1[n]", &pid, tail) != 2 ||
		    pid <= 0 || strlen(de->d_name) != (size_t)snprintf(NULL, 0, "apply-%d.json", pid))
			continue;
		if (kill(pid, 0) == 0 || errno == EPERM)
			continue;	/* that vfctl still runs */
		snprintf(path, sizeof(path), "%s/%s", hw_journal_dir(), de->d_name);
		if (cb)
			cb(path, pid, arg);
		n++;
	}
	closedir(d);
	return n;
}

static void warn_one(const char *path, int pid, void *arg)
{
	(void)arg;
	fprintf(stderr, "vfctl: stale host journal %s: vfctl %d died during a host-wide apply; run `vfctl apply --recover`\n",
		path, pid);
}

int hw_journal_warn_stale(void)
{
	return hw_journal_stale(warn_one, NULL);
}
