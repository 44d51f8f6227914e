// SPDX-License-Identifier: GPL-2.0
/*
 * Host-wide transactions, the pure half (hw_journal.c): which outcome
 * makes a PF committed, failed, degraded or unknown; only the commits of
 * the run are undone; the exit code of every mix (0, 5, 6, 7); the lines
 * vfctl prints; the host journal reads back to the exact previous config
 * and generation of every PF, refuses damaged journals, and only a
 * journal whose vfctl is dead counts as stale.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "export.h"
#include "hostwide.h"
#include "vfctl_tap.h"

static struct vf_result outcome(uint32_t result, int err, uint64_t gen)
{
	struct vf_result r = { 0 };

	r.have_result = true;
	r.result = result;
	r.err = err;
	r.have_gen = true;
	r.generation = gen;
	snprintf(r.message, sizeof(r.message), "%s", err ? "injected EIO" : "");
	return r;
}

static void test_fates(void)
{
	struct vf_result r = outcome(VFPROV_RESULT_COMMITTED, 0, 3);
	struct vf_result none = { 0 };

	ok(hw_fate_of(0, &r) == HW_COMMITTED, "committed outcome: committed");
	r.result = VFPROV_RESULT_UNCHANGED;
	ok(hw_fate_of(0, &r) == HW_UNCHANGED, "unchanged: nothing written");
	r.result = VFPROV_RESULT_ROLLED_BACK;
	ok(hw_fate_of(0, &r) == HW_FAILED, "rolled back: failed, at its previous state");
	r.result = VFPROV_RESULT_REJECTED;
	ok(hw_fate_of(0, &r) == HW_FAILED, "rejected late (ESTALE in the worker): failed");
	r.result = VFPROV_RESULT_DEGRADED;
	ok(hw_fate_of(0, &r) == HW_DEGRADED, "degraded: degraded");
	ok(hw_fate_of(-ENOMSG, &none) == HW_UNKNOWN, "outcome lost: unknown");
	ok(hw_fate_of(-EINTR, &none) == HW_UNKNOWN, "interrupted: unknown");
	ok(hw_fate_of(-EINVAL, &none) == HW_FAILED, "refused in the request: failed (nothing queued)");

	r = outcome(VFPROV_RESULT_COMMITTED, 0, 5);
	ok(hw_undo_of(0, &r) == HW_UNDO_DONE, "undo committed: done");
	r = outcome(VFPROV_RESULT_REJECTED, -ESTALE, 6);
	ok(hw_undo_of(0, &r) == HW_UNDO_STALE, "undo rejected with ESTALE: changed by someone else");
	ok(hw_undo_of(-ESTALE, &none) == HW_UNDO_STALE, "undo acked -ESTALE: changed by someone else");
	r = outcome(VFPROV_RESULT_ROLLED_BACK, -EIO, 5);
	ok(hw_undo_of(0, &r) == HW_UNDO_FAILED, "undo rolled back: failed");
}

static void set(struct hw_pf *p, enum hw_fate f, int code, enum hw_undo u)
{
	p->fate = f;
	p->code = code;
	p->undo = u;
}

static void test_decisions(void)
{
	struct hw_pf p[3];
	char line[512];

	memset(p, 0, sizeof(p));
	set(&p[0], HW_COMMITTED, 0, HW_UNDO_NONE);
	set(&p[1], HW_UNCHANGED, 0, HW_UNDO_NONE);
	set(&p[2], HW_COMMITTED, 0, HW_UNDO_NONE);
	ok(!hw_failed(p, 3), "all committed or unchanged: no undo");
	ok(hw_exit_code(p, 3) == EXIT_OK, "all committed: exit 0");

	set(&p[2], HW_FAILED, EXIT_ROLLEDBACK, HW_UNDO_NONE);
	ok(hw_failed(p, 3), "the third rolled back: the run fails");
	ok(hw_needs_undo(&p[0]), "the first (committed) is undone");
	ok(!hw_needs_undo(&p[1]), "the second (unchanged: nothing written) is not");
	ok(!hw_needs_undo(&p[2]), "the failing one (rolled back by the kernel) is not");
	p[0].undo = HW_UNDO_DONE;
	ok(hw_exit_code(p, 3) == EXIT_ROLLEDBACK, "every commit undone: exit 6");
	p[0].undo = HW_UNDO_STALE;
	ok(hw_exit_code(p, 3) == EXIT_DEGRADED, "a commit changed by someone else: exit 7");
	p[0].undo = HW_UNDO_FAILED;
	ok(hw_exit_code(p, 3) == EXIT_DEGRADED, "an undo failed: exit 7");

	set(&p[0], HW_UNCHANGED, 0, HW_UNDO_NONE);
	set(&p[2], HW_FAILED, EXIT_REJECTED, HW_UNDO_NONE);
	ok(hw_exit_code(p, 3) == EXIT_REJECTED, "rejected, nothing committed: exit 5");
	set(&p[0], HW_COMMITTED, 0, HW_UNDO_DONE);
	ok(hw_exit_code(p, 3) == EXIT_ROLLEDBACK, "rejected after a commit that was undone: exit 6");
	set(&p[2], HW_DEGRADED, EXIT_DEGRADED, HW_UNDO_NONE);
	ok(hw_exit_code(p, 3) == EXIT_DEGRADED, "the kernel's undo failed on one: exit 7");
	set(&p[2], HW_UNKNOWN, EXIT_ERR, HW_UNDO_NONE);
	ok(hw_exit_code(p, 3) == EXIT_DEGRADED, "an outcome is unknown: exit 7");

	p[0].undo_gen = 9;
	hw_describe(&p[0], line, sizeof(line));
	is_str(line, "committed, undone (restored generation 9)", "undone line");
	p[0].undo = HW_UNDO_STALE;
	p[0].commit_gen = 8;
	hw_describe(&p[0], line, sizeof(line));
	ok(strstr(line, "changed by someone else") && strstr(line, "not undone"),
	   "stale line: changed by someone else, not undone (%s)", line);
	set(&p[2], HW_FAILED, EXIT_ROLLEDBACK, HW_UNDO_NONE);
	p[2].res = outcome(VFPROV_RESULT_ROLLED_BACK, -EIO, 2);
	hw_describe(&p[2], line, sizeof(line));
	is_str(line, "rolled back by the kernel: injected EIO", "rolled back line with the reason");
}

static void fake_pf(struct pf_state *pf, const char *addr, uint32_t nvfs,
		    uint64_t gen)
{
	uint32_t i;

	memset(pf, 0, sizeof(*pf));
	snprintf(pf->addr, sizeof(pf->addr), "%s", addr);
	pf->num_vfs = nvfs;
	pf->generation = gen;
	pf->have_cfg = true;
	pf->cfg.set = REQ_SET_NUM_VFS | REQ_SET_DRIVER | REQ_SET_LMEM_SPARE |
		      REQ_SET_PF_EQ;
	pf->cfg.num_vfs = nvfs;
	pf->cfg.driver = VFPROV_VF_DRIVER_VFIO_PCI;
	pf->cfg.lmem_spare = 512ull << 20;
	pf->cfg.pf_eq = 5;
	for (i = 0; i < nvfs; i++) {
		pf->cfg.vf[i].set = VF_SET_LMEM | VF_SET_CONTEXTS | VF_SET_EQ;
		pf->cfg.vf[i].lmem = (1ull << 30) + i * 4096;
		pf->cfg.vf[i].contexts = 1024;
		pf->cfg.vf[i].eq = 10 + i;
	}
}

static void test_journal(void)
{
	struct pf_state *live[3];
	const char *addrs[3] = { "0000:01:00.0", "0000:02:00.0", "0000:03:00.0" };
	uint32_t nvfs[3] = { 31, 0, 4 };
	uint64_t ids[3] = { 17, 0, 19 };
	struct hw_pf p[3];
	struct hw_journal j;
	json_object *o;
	char err[512];
	int i, k, same = 1;

	memset(p, 0, sizeof(p));
	for (i = 0; i < 3; i++) {
		live[i] = malloc(sizeof(*live[i]));
		fake_pf(live[i], addrs[i], nvfs[i], 40 + i);
		snprintf(p[i].addr, sizeof(p[i].addr), "%s", addrs[i]);
		p[i].prev_gen = 40 + i;
	}
	o = hw_journal_json(p, (const struct pf_state *const *)live, ids, 3, 4242);
	ok(o != NULL, "journal built");
	ok(!hw_journal_parse(json_object_to_json_string(o), &j, err, sizeof(err)),
	   "journal parses (%s)", err);
	ok(j.pid == 4242 && j.n == 3, "pid and PF count read back");
	for (i = 0; i < 3 && j.n == 3; i++) {
		struct vf_req want;

		export_live_req(live[i], &want);
		ok(!strcmp(j.e[i].addr, addrs[i]) && j.e[i].prev_gen == 40u + i &&
		   j.e[i].txn_id == ids[i], "PF %d: address, previous generation, txn id", i);
		same = j.e[i].have_prev && j.e[i].prev.num_vfs == want.num_vfs &&
		       j.e[i].prev.driver == want.driver &&
		       j.e[i].prev.lmem_spare == want.lmem_spare &&
		       j.e[i].prev.pf_eq == want.pf_eq;
		for (k = 0; k < (int)want.num_vfs; k++)
			same = same && j.e[i].prev.vf[k].lmem == want.vf[k].lmem &&
			       j.e[i].prev.vf[k].contexts == want.vf[k].contexts &&
			       j.e[i].prev.vf[k].eq == want.vf[k].eq;
		ok(same, "PF %d: the previous config reads back exactly", i);
	}
	hw_journal_free(&j);
	json_object_put(o);

	ok(hw_journal_parse("{\"vfctl_journal\":2,\"pid\":1,\"pfs\":[],\"previous\":{}}",
			    &j, err, sizeof(err)) && strstr(err, "version"),
	   "another journal version is refused (%s)", err);
	ok(hw_journal_parse("{\"vfctl_journal\":1,\"pid\":1,\"pfs\":[{\"address\":\"0000:01:00.0\",\"previous_generation\":1,\"txn_id\":2}],\"previous\":{\"schema_version\":1,\"pfs\":[]}}",
			    &j, err, sizeof(err)) && strstr(err, "no previous state"),
	   "a PF without its previous state is refused (%s)", err);
	ok(hw_journal_parse("{\"vfctl_journal\":1,\"pid\":1,\"pfs\":[{\"address\":\"1\",\"previous_generation\":1,\"txn_id\":2}],\"previous\":{}}",
			    &j, err, sizeof(err)), "a card index is no address: refused");
	ok(hw_journal_parse("{\"vfctl_journal\":1,", &j, err, sizeof(err)),
	   "a cut journal is refused");
	for (i = 0; i < 3; i++)
		free(live[i]);
}

static int count;
static int seen_pid;

static void count_cb(const char *path, int pid, void *arg)
{
	(void)path;
	(void)arg;
	count++;
	seen_pid = pid;
}

static void test_stale(void)
{
	char dir[] = "/tmp/vfctl-hw-XXXXXX", path[4200], cmd[4300];
	json_object *o = json_object_new_object();
	pid_t dead;

	if (!mkdtemp(dir)) {
		ok(0, "mkdtemp");
		return;
	}
	setenv("VFCTL_RUN_DIR", dir, 1);
	dead = fork();
	if (dead == 0)
		_exit(0);
	waitpid(dead, NULL, 0);
	hw_journal_path((int)getpid(), path, sizeof(path));
	ok(!hw_journal_write(path, o), "journal of a live vfctl written");
	hw_journal_path((int)dead, path, sizeof(path));
	ok(!hw_journal_write(path, o), "journal of a dead vfctl written");
	snprintf(cmd, sizeof(cmd), "%s/apply-x.json", dir);
	ok(!hw_journal_write(cmd, o), "a file that is no journal name");
	count = 0;
	ok(hw_journal_stale(count_cb, NULL) == 1 && seen_pid == (int)dead,
	   "only the dead vfctl's journal is stale");
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ok(system(cmd) == 0, "cleanup");
	unsetenv("VFCTL_RUN_DIR");
	json_object_put(o);
}

int main(void)
{
	test_fates();
	test_decisions();
	test_journal();
	test_stale();
	return tap_done();
}
