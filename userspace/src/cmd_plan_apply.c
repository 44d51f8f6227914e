// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl plan / apply: build the request (profile, scheduler preset, explicit
 * options or config files), then PLAN or APPLY it in the kernel.
 */
#include <errno.h>
#include <getopt.h>
#include <glob.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_wait.h"
#include "conffile.h"
#include "host.h"
#include "hostwide.h"
#include "json_out.h"
#include "persist.h"
#include "profile.h"
#include "qos.h"
#include "size.h"

#define MAX_FILES 64

struct apply_opts {
	bool plan_only;
	bool dry_run;
	bool force;
	bool rebalance;
	bool boot;
	bool sequential;		/* -f: PF after PF, as before issue 20 */
	bool recover;			/* --recover: a stale host journal */
	bool have_gen;
	uint64_t gen;
	int nfiles;
	const char *files[MAX_FILES];
	struct vf_req expl;
	bool any_req;			/* a request option was given */
	char only_pf[VFPROV_ADDR_LEN];	/* --pf: this PF's sections only */
	int wait_ready;			/* --wait-ready SEC, with --pf */
};

enum {
	O_VFS = 256, O_LMEM, O_GGTT, O_CTX, O_DB, O_EQ, O_PT, O_VF, O_WEIGHT,
	O_PROFILE, O_SCHED, O_DRIVER, O_SPARE, O_SET, O_FORCE, O_DRY, O_GEN,
	O_BOOT, O_REBALANCE, O_ECC, O_SEQ, O_RECOVER, O_ONLY_PF, O_WAIT_READY,
};

static const struct option apply_longopts[] = {
	{ "vfs", required_argument, NULL, O_VFS },
	{ "lmem", required_argument, NULL, O_LMEM },
	{ "ggtt", required_argument, NULL, O_GGTT },
	{ "contexts", required_argument, NULL, O_CTX },
	{ "doorbells", required_argument, NULL, O_DB },
	{ "exec-quantum", required_argument, NULL, O_EQ },
	{ "preempt-timeout", required_argument, NULL, O_PT },
	{ "vf", required_argument, NULL, O_VF },
	{ "weight", required_argument, NULL, O_WEIGHT },
	{ "profile", required_argument, NULL, O_PROFILE },
	{ "sched", required_argument, NULL, O_SCHED },
	{ "driver", required_argument, NULL, O_DRIVER },
	{ "spare", required_argument, NULL, O_SPARE },
	{ "set", required_argument, NULL, O_SET },
	{ "force", no_argument, NULL, O_FORCE },
	{ "rebalance", no_argument, NULL, O_REBALANCE },
	{ "ecc", required_argument, NULL, O_ECC },
	{ "dry-run", no_argument, NULL, O_DRY },
	{ "expect-gen", required_argument, NULL, O_GEN },
	{ "boot", no_argument, NULL, O_BOOT },
	{ "sequential", no_argument, NULL, O_SEQ },
	{ "recover", no_argument, NULL, O_RECOVER },
	{ "pf", required_argument, NULL, O_ONLY_PF },
	{ "wait-ready", required_argument, NULL, O_WAIT_READY },
	{ "file", required_argument, NULL, 'f' },
	{ "json", no_argument, NULL, 'j' },
	{ NULL, 0, NULL, 0 },
};

static int setk(struct vf_req *r, const char *key, const char *val,
		const char *opt)
{
	char err[256];

	if (req_set_key(r, key, val, err, sizeof(err))) {
		usage_error("%s: %s", opt, err);
		return -1;
	}
	return 0;
}

/* "K:key=val,key=val" (prefix "vf.K.") or "key=val,..." (prefix "spare.") */
static int set_list(struct vf_req *r, const char *arg, const char *opt,
		    bool per_vf)
{
	char buf[512], *list = buf, *tok, *save = NULL, prefix[32] = "spare.";

	snprintf(buf, sizeof(buf), "%s", arg);
	if (per_vf) {
		char *colon = strchr(buf, ':'), *end;
		unsigned long k;

		if (!colon) {
			usage_error("%s '%s': expected K:KEY=VALUE[,KEY=VALUE]", opt, arg);
			return -1;
		}
		*colon = 0;
		k = strtoul(buf, &end, 10);
		if (*end || end == buf || k < 1 || k > VFPROV_MAX_VFS) {
			usage_error("%s '%s': VF number must be 1..%d", opt, arg, VFPROV_MAX_VFS);
			return -1;
		}
		snprintf(prefix, sizeof(prefix), "vf.%lu.", k);
		list = colon + 1;
	}
	for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char key[64], *eq = strchr(tok, '=');

		if (!eq) {
			usage_error("%s '%s': expected KEY=VALUE, got '%s'", opt, arg, tok);
			return -1;
		}
		*eq = 0;
		snprintf(key, sizeof(key), "%s%s", prefix, tok);
		if (setk(r, key, eq + 1, opt))
			return -1;
	}
	return 0;
}

static int parse_apply(int argc, char **argv, struct apply_opts *o,
		       const char **pf_spec)
{
	struct vf_req *r = &o->expl;
	char err[128];
	int c;

	while ((c = getopt_long(argc, argv, "f:j", apply_longopts, NULL)) != -1) {
		int rc = 0;

		switch (c) {
		case O_VFS: rc = setk(r, "vfs", optarg, "--vfs"); break;
		case O_LMEM: rc = setk(r, "lmem", optarg, "--lmem"); break;
		case O_GGTT: rc = setk(r, "ggtt", optarg, "--ggtt"); break;
		case O_CTX: rc = setk(r, "contexts", optarg, "--contexts"); break;
		case O_DB: rc = setk(r, "doorbells", optarg, "--doorbells"); break;
		case O_EQ: rc = setk(r, "exec_quantum_ms", optarg, "--exec-quantum"); break;
		case O_PT: rc = setk(r, "preempt_timeout_us", optarg, "--preempt-timeout"); break;
		case O_PROFILE: rc = setk(r, "profile", optarg, "--profile"); break;
		case O_SCHED: rc = setk(r, "sched", optarg, "--sched"); break;
		case O_DRIVER: rc = setk(r, "driver", optarg, "--driver"); break;
		case O_ECC: rc = setk(r, "ecc", optarg, "--ecc"); break;
		case O_VF: rc = set_list(r, optarg, "--vf", true); break;
		case O_SPARE: rc = set_list(r, optarg, "--spare", false); break;
		case O_WEIGHT: {
			char arg[96];
			const char *colon = strchr(optarg, ':');

			if (!colon || strlen(optarg) > 60) {
				usage_error("--weight '%s': expected K:W", optarg);
				return EXIT_USAGE;
			}
			snprintf(arg, sizeof(arg), "%.*s:weight=%s",
				 (int)(colon - optarg), optarg, colon + 1);
			rc = set_list(r, arg, "--weight", true);
			break;
		}
		case O_SET: {
			char buf[256], *eq;

			snprintf(buf, sizeof(buf), "%s", optarg);
			eq = strchr(buf, '=');
			if (!eq) {
				usage_error("--set '%s': expected KEY=VALUE", optarg);
				return EXIT_USAGE;
			}
			*eq = 0;
			rc = setk(r, buf, eq + 1, "--set");
			break;
		}
		case O_FORCE: o->force = true; continue;
		case O_REBALANCE: o->rebalance = true; continue;
		case O_DRY: o->dry_run = true; continue;
		case O_BOOT: o->boot = true; continue;
		case O_SEQ: o->sequential = true; continue;
		case O_RECOVER: o->recover = true; continue;
		case O_ONLY_PF:
			if (conf_check_pf(optarg, o->only_pf, sizeof(o->only_pf),
					  err, sizeof(err))) {
				usage_error("--pf: %s", err);
				return EXIT_USAGE;
			}
			continue;
		case O_WAIT_READY: {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*end || end == optarg || v < 0 || v > 3600) {
				usage_error("--wait-ready '%s': seconds, 0..3600", optarg);
				return EXIT_USAGE;
			}
			o->wait_ready = (int)v;
			continue;
		}
		case 'j': g_opts.json = true; continue;
		case O_GEN:
			if (u64_parse(optarg, &o->gen, err, sizeof(err))) {
				usage_error("--expect-gen: %s", err);
				return EXIT_USAGE;
			}
			o->have_gen = true;
			continue;
		case 'f':
			if (o->nfiles >= MAX_FILES) {
				usage_error("too many files");
				return EXIT_USAGE;
			}
			o->files[o->nfiles++] = optarg;
			continue;
		default:
			usage_error("bad option");
			return EXIT_USAGE;
		}
		if (rc)
			return EXIT_USAGE;
		o->any_req = true;
	}
	*pf_spec = NULL;
	if (o->recover) {
		if (optind < argc || o->nfiles || o->boot || o->any_req ||
		    o->plan_only) {
			usage_error("usage: vfctl apply --recover (no other argument)");
			return EXIT_USAGE;
		}
		return EXIT_OK;
	}
	if (o->wait_ready && !o->only_pf[0]) {
		usage_error("--wait-ready waits for the PF of --pf ADDR");
		return EXIT_USAGE;
	}
	if (o->only_pf[0] && !o->nfiles && !o->boot) {
		usage_error("--pf ADDR picks a section of -f FILE|DIR or --boot");
		return EXIT_USAGE;
	}
	if (o->nfiles || o->boot) {
		if (optind < argc) {
			usage_error("-f/--boot take no PF argument (the files name their PFs)");
			return EXIT_USAGE;
		}
		if (o->any_req) {
			usage_error("request options cannot be combined with -f/--boot");
			return EXIT_USAGE;
		}
		if (o->have_gen) {
			usage_error("--expect-gen names one PF: not with -f/--boot");
			return EXIT_USAGE;
		}
		return EXIT_OK;
	}
	if (optind != argc - 1) {
		usage_error("usage: vfctl %s PF --vfs N [OPTIONS] | %s -f FILE",
			    o->plan_only ? "plan" : "apply",
			    o->plan_only ? "plan" : "apply");
		return EXIT_USAGE;
	}
	*pf_spec = argv[optind];
	return EXIT_OK;
}

struct outcome {
	json_object *arr;	/* file mode, JSON */
};

static void emit(struct outcome *out, const char *addr, const char *status,
		 int code, const struct vf_result *res)
{
	json_object *o = json_result(addr, status, code, res);

	if (out->arr)
		json_object_array_add(out->arr, o);
	else
		json_print(o, false);
}

/*
 * The VFs the apply would disable or rebind, and who holds them now (read
 * from the VF dump: the driver, and whether a guest has it open).
 */
static void print_disrupted(struct vfnl *nl, const char *addr,
			    const struct vf_result *res)
{
	struct pf_state *pf;
	struct vf_result r2 = { 0 };
	int i, n = 0;

	if (!res->disrupt_off && !res->disrupt_rebind) {
		printf("no running VF is disabled or rebound\n");
		return;
	}
	pf = calloc(1, sizeof(*pf));
	if (pf) {
		snprintf(pf->addr, sizeof(pf->addr), "%s", addr);
		if (vfnl_vf_dump(nl, pf, &r2))
			pf->nvfs = 0;
	}
	printf("VFs disrupted:\n");
	for (i = 0; i < 64; i++) {
		const struct vf_state *vs = NULL;
		bool off = res->disrupt_off >> i & 1;
		int k;

		if (!off && !(res->disrupt_rebind >> i & 1))
			continue;
		for (k = 0; pf && k < pf->nvfs; k++)
			if (pf->vf[k].id == (uint32_t)i + 1)
				vs = &pf->vf[k];
		printf("  VF %d %s: %s, %s\n", i + 1,
		       off ? "disabled" : "rebound",
		       vs && vs->driver[0] ? vs->driver : "no driver",
		       vs && vs->in_use ? "in use by a guest" : "not in use");
		n++;
	}
	printf("%d VF%s disrupted\n", n, n == 1 ? "" : "s");
	free(pf);
}

static int plan_one(struct vfnl *nl, const char *addr, const struct vf_req *req,
		    struct outcome *out)
{
	struct vf_result res = { 0 };
	struct vf_req *plan = calloc(1, sizeof(*plan));
	int rc, code;

	if (!plan)
		return EXIT_ERR;
	rc = caps_refusal(nl, addr, req, &res);	/* issue 21 */
	if (!rc)
		rc = vfnl_plan(nl, addr, req, plan, &res);
	code = result_exit_code(rc, &res);
	if (code) {
		if (g_opts.json)
			emit(out, addr, result_status(code, &res), code, &res);
		print_failure("plan", addr, code, &res);
		free(plan);
		return code;
	}
	if (!plan->set)
		*plan = *req;	/* the kernel sent no plan back */
	if (g_opts.json) {
		json_object *o = json_plan(addr, plan);

		if (out->arr)
			json_object_array_add(out->arr, o);
		else
			json_print(o, false);
	} else {
		printf("plan for PF %s%s:\n", addr,
		       plan == req ? " (request only: no plan in the reply)" : "");
		print_config_table(plan);
		print_disrupted(nl, addr, &res);
	}
	free(plan);
	return EXIT_OK;
}

static void print_applied(struct vfnl *nl, const char *addr,
			  const struct vf_req *req, const struct vf_req *plan,
			  const struct apply_opts *o,
			  const struct vf_result *res)
{
	if (o->dry_run) {
		printf("%s: dry run: the kernel accepts this request\n", addr);
		if (plan && plan->set)
			print_config_table(plan);
		print_disrupted(nl, addr, res);
	} else if (res->have_result && res->result == VFPROV_RESULT_UNCHANGED) {
		printf("%s: unchanged (%u VFs)\n", addr, req->num_vfs);
	} else if (res->have_gen) {
		printf("%s: committed, generation %" PRIu64 " (%u VFs)\n",
		       addr, res->generation, req->num_vfs);
	} else {
		printf("%s: committed (%u VFs)\n", addr, req->num_vfs);
	}
}

/* apply --dry-run: the PLAN op (any user), with apply's flags. */
static int dry_run_one(struct vfnl *nl, const char *addr,
		       const struct vf_req *req, const struct apply_opts *o,
		       uint32_t flags, struct outcome *out)
{
	struct vf_result res = { 0 };
	struct vf_req *plan = calloc(1, sizeof(*plan));
	int rc, code;

	if (!plan)
		return EXIT_ERR;
	rc = vfnl_plan_flags(nl, addr, req, flags, o->have_gen ? &o->gen : NULL,
			     plan, &res);
	code = result_exit_code(rc, &res);
	if (g_opts.json)
		emit(out, addr, code ? result_status(code, &res) : "dry-run",
		     code, &res);
	else if (!code && !g_opts.quiet)
		print_applied(nl, addr, req, plan, o, &res);
	if (code)
		print_failure("apply --dry-run", addr, code, &res);
	free(plan);
	return code;
}

/*
 * One APPLY request, then the wait for its transaction. IF_CHANGED makes
 * it idempotent: the kernel compares its plan with the snapshot it has
 * just read under the PF's lock and writes nothing when they match.
 */
static int apply_one(struct vfnl *nl, const char *addr, const struct vf_req *req,
		     const struct apply_opts *o, bool force, struct outcome *out)
{
	struct vf_result res = { 0 };
	uint32_t flags = (force ? VFCTL_F_FORCE : 0) |
			 (o->rebalance ? VFCTL_F_REBALANCE : 0);
	struct wait_ui ui;
	bool same;
	int rc, code;

	if (caps_refusal(nl, addr, req, &res)) {	/* issue 21 */
		code = EXIT_REJECTED;
		if (g_opts.json)
			emit(out, addr, result_status(code, &res), code, &res);
		print_failure("apply", addr, code, &res);
		return code;
	}
	if (o->dry_run)
		return dry_run_one(nl, addr, req, o, flags, out);
	wait_ui_start(&ui, addr, "apply");
	rc = vfnl_apply_wait(nl, addr, req, flags | VFCTL_F_IF_CHANGED,
			     o->have_gen ? &o->gen : NULL, NULL, &ui.w, &res);
	wait_ui_end(&ui);
	if (rc == -EINTR) {
		code = print_detached("apply", addr, &res);
		if (g_opts.json)
			emit(out, addr, "interrupted", code, &res);
		return code;
	}
	result_no_outcome(rc, &res);
	code = result_exit_code(rc, &res);
	same = res.have_result && res.result == VFPROV_RESULT_UNCHANGED;
	if (g_opts.json) {
		emit(out, addr, code ? result_status(code, &res) :
			      same ? "unchanged" : "committed", code, &res);
	} else if (!code && !g_opts.quiet) {
		print_applied(nl, addr, req, NULL, o, &res);
	}
	if (!code && res.extack[0] && !g_opts.json)
		fprintf(stderr, "vfctl: %s: kernel warning: %s\n", addr, res.extack);
	if (code)
		print_failure("apply", addr, code, &res);
	return code;
}

static int load_files(struct apply_opts *o, struct conf *conf)
{
	char err[512];
	glob_t g;
	int i;
	size_t k;

	if (o->boot) {
		const char *dir = getenv("VFCTL_CONF_DIR");
		char pat[4096];

		snprintf(pat, sizeof(pat), "%s/*.conf", dir && *dir ? dir : "/etc/vfctl");
		if (!glob(pat, 0, NULL, &g)) {
			for (k = 0; k < g.gl_pathc; k++)
				if (conf_parse_file(g.gl_pathv[k], conf, err, sizeof(err))) {
					fprintf(stderr, "vfctl: %s\n", err);
					globfree(&g);
					return EXIT_USAGE;
				}
			globfree(&g);
		}
	}
	for (i = 0; i < o->nfiles; i++)
		if (conf_parse_path(o->files[i], conf, err, sizeof(err))) {
			fprintf(stderr, "vfctl: %s\n", err);
			return EXIT_USAGE;
		}
	if (o->only_pf[0])
		conf_keep_pf(conf, o->only_pf);
	return EXIT_OK;
}

/*
 * --pf (udev's template unit, watch): nothing to do for a PF no file
 * names, and a PF that is there but cannot take VFs yet is "not ready"
 * (8, retried) rather than an error, with the reason.
 */
static int only_pf_check(struct apply_opts *o, bool *nothing)
{
	struct conf conf = { 0 };
	int rc = load_files(o, &conf);

	*nothing = !rc && !conf.n;
	conf_free(&conf);
	if (rc)
		return rc;
	if (*nothing) {
		if (!g_opts.quiet)
			fprintf(stderr, "vfctl: no [pf %s] section in the files: nothing to apply\n",
				o->only_pf);
		return EXIT_OK;
	}
	return pf_ready_wait(o->only_pf, o->wait_ready);
}

/* --profile card: the PF's own XPU Manager rows, by PCI device ID. */
static int card_profile(const char *addr, struct vf_req *r, char *err,
			size_t errlen)
{
	char path[128];
	unsigned long ven = 0, dev = 0;
	const char *name;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/vendor", addr);
	if (host_read_ul(path, &ven) == 0) {
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/device",
			 addr);
		host_read_ul(path, &dev);
	}
	name = profile_for_device((uint16_t)ven, (uint16_t)dev);
	if (!name) {
		snprintf(err, errlen, "--profile card: PF %s (%04lx:%04lx) is not a card XPU Manager has rows for (Flex 170/170V/140)",
			 addr, ven, dev);
		return -1;
	}
	snprintf(r->profile, sizeof(r->profile), "%s", name);
	return 0;
}

/* LMEM the VFs of PF @addr may hold: free + held by VFs - spare. */
static uint64_t lmem_usable(struct vfnl *nl, const char *addr)
{
	struct pf_state *pf = calloc(1, sizeof(*pf));
	struct vf_result res = { 0 };
	uint64_t pool = 0, spare = 0;
	int i;

	if (!pf || vfnl_pf_get(nl, addr, pf, &res)) {
		free(pf);
		return 0;
	}
	for (i = 0; i < pf->nres; i++)
		if (!strcmp(pf->res[i].name, "lmem")) {
			pool = pf->res[i].free;
			spare = pf->res[i].spare;
		}
	for (i = 0; pf->have_cfg && i < (int)pf->num_vfs && i < VFPROV_MAX_VFS; i++)
		pool += pf->cfg.vf[i].lmem;
	free(pf);
	return pool > spare ? pool - spare : 0;
}

/*
 * The request for one PF: --profile card picks the card's rows, and when
 * ECC was not set (on/off) and the profile has an ECC row, the card's ECC
 * state decides. XPU Manager asks the GSC firmware (igsc, through MEI),
 * which neither i915 nor sysfs shows; vfctl infers it from the memory the
 * card reports: ECC on takes 1/8 of LMEM, so a card whose LMEM cannot hold
 * the non-ECC row for N VFs while it holds the ECC row runs with ECC on.
 */
static int resolve_for_pf(struct vfnl *nl, const char *addr,
			  const struct profile_dirs *dirs,
			  const struct vf_req *expl, struct vf_req *req,
			  char *err, size_t errlen)
{
	struct vf_req *tmp = malloc(sizeof(*tmp)), *on = malloc(sizeof(*on));
	uint64_t usable;
	int rc = -1;

	if (!tmp || !on) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	*tmp = *expl;
	if (!strcmp(tmp->profile, "card") && card_profile(addr, tmp, err, errlen))
		goto out;
	if (request_resolve(dirs, tmp, req, err, errlen))
		goto out;
	rc = 0;
	if (tmp->set & REQ_SET_ECC || !tmp->profile[0])
		goto out;
	tmp->ecc = VFCTL_ECC_ON;
	if (request_resolve(dirs, tmp, on, err, errlen) ||
	    on->vf[0].lmem == req->vf[0].lmem || !req->num_vfs)
		goto out;
	usable = lmem_usable(nl, addr);
	if (usable && req->vf[0].lmem * req->num_vfs > usable &&
	    on->vf[0].lmem * req->num_vfs <= usable) {
		if (!g_opts.quiet && !g_opts.json)
			fprintf(stderr, "vfctl: %s: LMEM holds the ECC row of '%s', not the non-ECC one: ECC is on (--ecc off|on to choose)\n",
				addr, req->profile);
		*req = *on;
	}
out:
	if (!rc && !g_opts.quiet)
		qos_warn(addr, req);	/* EQ 0 on several VFs: starvation */
	free(tmp);
	free(on);
	return rc;
}

/* Several PFs in the files: one host-wide transaction (hostwide.c). */
static int run_hostwide(struct vfnl *nl, const struct apply_opts *o,
			const struct conf *conf, const struct vf_req *reqs,
			char (*addrs)[VFPROV_ADDR_LEN])
{
	struct hw_pf *p = calloc((size_t)conf->n, sizeof(*p));
	int i, rc;

	if (!p)
		return EXIT_ERR;
	for (i = 0; i < conf->n; i++) {
		snprintf(p[i].addr, sizeof(p[i].addr), "%s", addrs[i]);
		p[i].want = reqs[i];
		p[i].force = o->force || conf->pf[i].force;
	}
	rc = hostwide_apply(nl, p, conf->n,
			    o->rebalance ? VFCTL_F_REBALANCE : 0);
	free(p);
	return rc;
}

static int run_files(struct apply_opts *o)
{
	struct conf conf = { 0 };
	struct profile_dirs dirs;
	struct outcome out = { 0 };
	struct vf_req *reqs = NULL;
	char (*addrs)[VFPROV_ADDR_LEN] = NULL;
	struct vfnl nl;
	int rc, i, j, worst = EXIT_OK;

	if (!o->plan_only && !o->dry_run && !have_sys_admin()) {
		fprintf(stderr, "vfctl: apply needs root (CAP_SYS_ADMIN)\n");
		return EXIT_PERM;
	}
	rc = load_files(o, &conf);
	if (rc)
		return rc;
	if (!conf.n) {
		if (!g_opts.quiet)
			fprintf(stderr, "vfctl: nothing to apply (no [pf ...] sections)\n");
		return EXIT_OK;
	}
	profile_dirs_default(&dirs, g_opts.profile_dir);
	reqs = calloc((size_t)conf.n, sizeof(*reqs));
	addrs = calloc((size_t)conf.n, sizeof(*addrs));
	if (!reqs || !addrs) {
		rc = EXIT_ERR;
		goto out;
	}
	/* Every section must resolve before anything is applied. */
	for (i = 0; i < conf.n; i++) {
		char err[512];

		if (strcmp(conf.pf[i].req.profile, "card") &&
		    request_resolve(&dirs, &conf.pf[i].req, &reqs[i], err, sizeof(err))) {
			fprintf(stderr, "vfctl: [pf %s] (line %d): %s\n",
				conf.pf[i].spec, conf.pf[i].line, err);
			rc = EXIT_USAGE;
			goto out;
		}
	}
	rc = open_nl(&nl);
	if (rc)
		goto out;
	for (i = 0; i < conf.n; i++) {
		rc = resolve_pf_listed(&nl, conf.pf[i].spec, addrs[i],
				       sizeof(addrs[i]));
		if (rc) {
			vfnl_close(&nl);
			goto out;
		}
		for (j = 0; j < i; j++)
			if (!strcmp(addrs[i], addrs[j])) {
				fprintf(stderr, "vfctl: PF %s is configured twice ([pf %s] and [pf %s])\n",
					addrs[i], conf.pf[j].spec, conf.pf[i].spec);
				vfnl_close(&nl);
				rc = EXIT_USAGE;
				goto out;
			}
	}
	for (i = 0; i < conf.n; i++) {
		char err[512];

		if (resolve_for_pf(&nl, addrs[i], &dirs, &conf.pf[i].req,
				   &reqs[i], err, sizeof(err))) {
			fprintf(stderr, "vfctl: [pf %s] (line %d): %s\n",
				conf.pf[i].spec, conf.pf[i].line, err);
			vfnl_close(&nl);
			rc = EXIT_USAGE;
			goto out;
		}
	}
	if (!o->plan_only && !o->dry_run && !o->sequential && conf.n > 1) {
		rc = run_hostwide(&nl, o, &conf, reqs, addrs);
		vfnl_close(&nl);
		goto out;
	}
	if (g_opts.json)
		out.arr = json_object_new_array();
	for (i = 0; i < conf.n; i++) {
		if (rc == EXIT_DETACHED) {
			fprintf(stderr, "vfctl: interrupted: [pf %s] and the PFs after it were not applied\n",
				conf.pf[i].spec);
			break;
		}
		rc = o->plan_only ? plan_one(&nl, addrs[i], &reqs[i], &out)
				  : apply_one(&nl, addrs[i], &reqs[i], o,
					      o->force || conf.pf[i].force, &out);
		if (rc > worst)
			worst = rc;
	}
	vfnl_close(&nl);
	if (out.arr) {
		json_object *top = json_object_new_object();

		json_object_object_add(top, "schema_version", json_object_new_int(VFCTL_JSON_SCHEMA));
		json_object_object_add(top, "results", out.arr);
		json_print(top, false);
	}
	rc = worst;
out:
	free(reqs);
	free(addrs);
	conf_free(&conf);
	return rc;
}

static int run(int argc, char **argv, bool plan_only)
{
	struct apply_opts *o = calloc(1, sizeof(*o));
	struct vf_req *req = calloc(1, sizeof(*req));
	struct outcome out = { 0 };
	struct profile_dirs dirs;
	char addr[VFPROV_ADDR_LEN], err[512];
	const char *spec;
	struct vfnl nl;
	int rc;

	if (!o || !req) {
		rc = EXIT_ERR;
		goto out;
	}
	o->plan_only = plan_only;
	rc = parse_apply(argc, argv, o, &spec);
	if (rc)
		goto out;
	if (plan_only && o->rebalance) {
		usage_error("plan --rebalance: use apply --dry-run --rebalance");
		rc = EXIT_USAGE;
		goto out;
	}
	if (o->nfiles || o->boot) {
		bool nothing = false;

		rc = o->only_pf[0] ? only_pf_check(o, &nothing) : EXIT_OK;
		if (!rc && !nothing)
			rc = run_files(o);
		goto out;
	}
	if (o->recover) {
		if (!have_sys_admin()) {
			fprintf(stderr, "vfctl: apply --recover needs root (CAP_SYS_ADMIN)\n");
			rc = EXIT_PERM;
			goto out;
		}
		rc = open_nl(&nl);
		if (!rc) {
			rc = hostwide_recover(&nl);
			vfnl_close(&nl);
		}
		goto out;
	}
	if (!plan_only && !o->dry_run && !have_sys_admin()) {
		fprintf(stderr, "vfctl: apply needs root (CAP_SYS_ADMIN)\n");
		rc = EXIT_PERM;
		goto out;
	}
	profile_dirs_default(&dirs, g_opts.profile_dir);
	if (strcmp(o->expl.profile, "card") &&
	    request_resolve(&dirs, &o->expl, req, err, sizeof(err))) {
		usage_error("%s", err);
		rc = EXIT_USAGE;
		goto out;
	}
	rc = open_nl(&nl);
	if (rc)
		goto out;
	rc = resolve_pf(&nl, spec, addr, sizeof(addr));
	if (!rc && resolve_for_pf(&nl, addr, &dirs, &o->expl, req, err,
				  sizeof(err))) {
		usage_error("%s", err);
		rc = EXIT_USAGE;
	}
	if (!rc)
		rc = plan_only ? plan_one(&nl, addr, req, &out)
			       : apply_one(&nl, addr, req, o, o->force, &out);
	vfnl_close(&nl);
out:
	free(o);
	free(req);
	return rc;
}

int cmd_plan(int argc, char **argv)
{
	return run(argc, argv, true);
}

int cmd_apply(int argc, char **argv)
{
	return run(argc, argv, false);
}
