// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration that follows the hardware: is a PF ready for its config
 * section, and `vfctl watch`, which applies a PF's section whenever vfprov
 * says the PF appeared or its driver bound (docs/persistence.md).
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "conffile.h"
#include "persist.h"

/* Why PF @addr cannot take its section now, or "" if it can. */
static int pf_not_ready(struct vfnl *nl, const char *addr, char *why,
			size_t len)
{
	struct pf_state *pf = calloc(1, sizeof(*pf));
	struct vf_result res = { 0 };
	int rc = EXIT_NOTREADY;

	*why = 0;
	if (!pf)
		return EXIT_ERR;
	if (vfnl_pf_get(nl, addr, pf, &res)) {
		if (res.nl_err == -ENODEV)
			snprintf(why, len, "vfprov does not list PF %s: not present (yet), or not an SR-IOV PF",
				 addr);
		else {
			snprintf(why, len, "cannot read PF %s: %s", addr,
				 res.extack[0] ? res.extack : strerror(-res.nl_err));
			rc = EXIT_ERR;
		}
	} else if (!pf->driver[0]) {
		snprintf(why, len, "PF %s has no driver bound (yet)", addr);
	} else if (!pf->total_vfs) {
		snprintf(why, len, "PF %s: driver %s offers no VFs (TotalVFs 0; i915 needs max_vfs=N, see `vfctl check`)",
			 addr, pf->driver);
	} else if (!strcmp(pf->backend, "none")) {
		snprintf(why, len, "PF %s: vfprov has no backend for driver %s (query only)",
			 addr, pf->driver);
	} else {
		rc = EXIT_OK;
	}
	free(pf);
	return rc;
}

static int ready_once(const char *addr, char *why, size_t len)
{
	struct vfnl nl;
	int rc = vfnl_open(&nl, why, len);

	if (rc)
		return rc;
	rc = pf_not_ready(&nl, addr, why, len);
	vfnl_close(&nl);
	return rc;
}

int pf_ready_check(const char *addr)
{
	return pf_ready_wait(addr, 0);
}

int pf_ready_wait(const char *addr, int wait_sec)
{
	time_t end = time(NULL) + wait_sec;
	char why[512], said[512] = "";
	int rc;

	for (;;) {
		rc = ready_once(addr, why, sizeof(why));
		if (rc && strcmp(why, said)) {
			fprintf(stderr, "vfctl: not ready: %s%s\n", why,
				wait_sec ? " (waiting)" : "");
			snprintf(said, sizeof(said), "%s", why);
		}
		if ((rc != EXIT_NOTREADY && rc != EXIT_NOTFOUND) ||
		    time(NULL) >= end)
			break;
		sleep(1);
	}
	if (!rc && said[0])
		fprintf(stderr, "vfctl: %s is ready now\n", addr);
	return rc;
}

/* ---- vfctl watch */

#define WATCH_MAX_PF 64

struct pending {
	char addr[VFPROV_ADDR_LEN];
	int tries;		/* not-ready answers so far */
	time_t due;		/* apply at or after this time */
};

struct watch {
	const char **paths;
	int npaths;
	int retry_sec;
	int retries;
	int npend;
	struct pending pend[WATCH_MAX_PF];
};

static void wlog(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void wlog(const char *fmt, ...)
{
	va_list ap;

	fputs("vfctl watch: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* The PFs the files name now (they are read afresh for every event). */
static int watch_conf(struct watch *w, struct conf *c)
{
	char err[512];
	int i;

	for (i = 0; i < w->npaths; i++)
		if (conf_parse_path(w->paths[i], c, err, sizeof(err))) {
			wlog("%s", err);
			conf_free(c);
			return -1;
		}
	return 0;
}

static bool configured(struct watch *w, const char *addr)
{
	struct conf c = { 0 };
	bool yes;

	if (watch_conf(w, &c))
		return false;
	yes = conf_keep_pf(&c, addr) > 0;
	conf_free(&c);
	return yes;
}

static struct pending *find(struct watch *w, const char *addr)
{
	int i;

	for (i = 0; i < w->npend; i++)
		if (!strcmp(w->pend[i].addr, addr))
			return &w->pend[i];
	return NULL;
}

static void schedule(struct watch *w, const char *addr)
{
	struct pending *p = find(w, addr);

	if (!p) {
		if (w->npend >= WATCH_MAX_PF) {
			wlog("%s: more than %d PFs pending: not applied", addr,
			     WATCH_MAX_PF);
			return;
		}
		p = &w->pend[w->npend++];
		snprintf(p->addr, sizeof(p->addr), "%s", addr);
	}
	p->tries = 0;
	p->due = 0;
}

static void drop(struct watch *w, struct pending *p)
{
	*p = w->pend[--w->npend];
}

/*
 * `vfctl apply -f PATH... --pf ADDR` in a child, so a watch that runs for
 * months does the same as the template unit and keeps no state of it.
 */
static int run_apply(struct watch *w, const char *addr)
{
	const char *argv[8 + 2 * WATCH_MAX_PF];
	int n = 0, i, status;
	pid_t pid;

	argv[n++] = "vfctl";
	if (g_opts.quiet)
		argv[n++] = "--quiet";
	if (g_opts.profile_dir) {
		argv[n++] = "--profile-dir";
		argv[n++] = g_opts.profile_dir;
	}
	argv[n++] = "apply";
	for (i = 0; i < w->npaths; i++) {
		argv[n++] = "-f";
		argv[n++] = w->paths[i];
	}
	argv[n++] = "--pf";
	argv[n++] = addr;
	argv[n] = NULL;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return EXIT_ERR;
	if (!pid) {
		dup2(STDERR_FILENO, STDOUT_FILENO);	/* one log */
		execv("/proc/self/exe", (char **)argv);
		fprintf(stderr, "vfctl watch: exec /proc/self/exe: %s\n",
			strerror(errno));
		_exit(EXIT_ERR);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return EXIT_ERR;
	return WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_ERR;
}

static void apply_due(struct watch *w)
{
	time_t now = time(NULL);
	int i = 0;

	while (i < w->npend && !stop) {
		struct pending *p = &w->pend[i];
		int rc;

		if (p->due > now) {
			i++;
			continue;
		}
		wlog("%s: applying its section", p->addr);
		rc = run_apply(w, p->addr);
		if ((rc == EXIT_NOTREADY || rc == EXIT_NOTFOUND) &&
		    ++p->tries <= w->retries) {
			wlog("%s: not ready (exit %d): retry %d/%d in %ds",
			     p->addr, rc, p->tries, w->retries, w->retry_sec);
			p->due = now + w->retry_sec;
			i++;
			continue;
		}
		if (rc)
			wlog("%s: failed (exit %d): not retried until its next event",
			     p->addr, rc);
		else
			wlog("%s: applied", p->addr);
		drop(w, p);
	}
}

static void schedule_all(struct watch *w)
{
	struct conf c = { 0 };
	int i;

	if (watch_conf(w, &c))
		return;
	for (i = 0; i < c.n; i++)
		schedule(w, c.pf[i].spec);
	conf_free(&c);
}

static int on_event(const struct vf_result *ev, void *arg)
{
	struct watch *w = arg;
	struct pending *p;

	switch (ev->event) {
	case VFCTL_EV_LOST:
		wlog("events were lost: applying every section");
		schedule_all(w);
		break;
	case VFCTL_EV_PF_ADDED:
	case VFCTL_EV_PF_DRIVER:
		if (!configured(w, ev->addr))
			break;
		if (ev->event == VFCTL_EV_PF_DRIVER && !ev->driver[0]) {
			wlog("%s: driver unbound: applying when one binds", ev->addr);
			p = find(w, ev->addr);
			if (p)
				drop(w, p);
			break;
		}
		wlog("%s: %s", ev->addr, ev->event == VFCTL_EV_PF_ADDED ?
		     "appeared" : "driver bound");
		schedule(w, ev->addr);
		break;
	case VFCTL_EV_PF_REMOVED:
		p = find(w, ev->addr);
		if (p)
			drop(w, p);
		if (configured(w, ev->addr))
			wlog("%s: removed: applying when it is back", ev->addr);
		break;
	default:
		break;
	}
	apply_due(w);
	return stop;
}

static int watch_usage(void)
{
	usage_error("usage: vfctl watch -f FILE|DIR... [--retry-sec N] [--retries N]");
	return EXIT_USAGE;
}

static int parse_watch(int argc, char **argv, struct watch *w)
{
	static const struct option opts[] = {
		{ "file", required_argument, NULL, 'f' },
		{ "retry-sec", required_argument, NULL, 'r' },
		{ "retries", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	long v;
	int c;

	while ((c = getopt_long(argc, argv, "f:", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (w->npaths >= WATCH_MAX_PF)
				return watch_usage();
			w->paths[w->npaths++] = optarg;
			break;
		case 'r':
		case 'n':
			v = strtol(optarg, &end, 10);
			if (*end || end == optarg || v < (c == 'r') || v > 3600) {
				usage_error("--%s '%s': a number 0..3600 (--retry-sec at least 1)",
					    c == 'r' ? "retry-sec" : "retries", optarg);
				return EXIT_USAGE;
			}
			if (c == 'r')
				w->retry_sec = (int)v;
			else
				w->retries = (int)v;
			break;
		default:
			return watch_usage();
		}
	}
	if (optind != argc || !w->npaths)
		return watch_usage();
	return EXIT_OK;
}

int cmd_watch(int argc, char **argv)
{
	static const char *paths[WATCH_MAX_PF];
	struct watch *w = calloc(1, sizeof(*w));
	struct conf c = { 0 };
	struct sigaction sa;
	struct vfnl nl;
	int rc;

	if (!w)
		return EXIT_ERR;
	w->paths = paths;
	w->retry_sec = 5;
	w->retries = 12;
	rc = parse_watch(argc, argv, w);
	if (!rc && watch_conf(w, &c))
		rc = EXIT_USAGE;	/* a bad file: say so at start */
	conf_free(&c);
	if (!rc && !have_sys_admin()) {
		fprintf(stderr, "vfctl: watch applies: needs root (CAP_SYS_ADMIN)\n");
		rc = EXIT_PERM;
	}
	if (!rc)
		rc = open_nl(&nl);
	if (rc)
		goto out;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: poll() returns EINTR */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/*
	 * Every section once, applied from the first event or tick: after
	 * the subscription, so no event falls in between.
	 */
	wlog("watching %d path(s); applying every section once", w->npaths);
	schedule_all(w);
	rc = vfnl_monitor_timed(&nl, on_event, w, &stop, 1000);
	vfnl_close(&nl);
	if (rc) {
		fprintf(stderr, "vfctl: watch: %s\n", strerror(-rc));
		rc = EXIT_ERR;
	} else {
		wlog("stopped");
	}
out:
	free(w);
	return rc;
}
