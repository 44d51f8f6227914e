// SPDX-License-Identifier: GPL-2.0
/*
 * While apply or reset waits for its transaction: SIGINT and SIGTERM end
 * the wait (not the transaction), and on a terminal one line on stderr
 * shows the running step and VF, cleared before the result is printed.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "cmd_wait.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static long long now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec;
}

static void progress(const struct pf_state *pf, uint64_t id, void *arg)
{
	struct wait_ui *u = arg;
	const struct txn_status *r;
	char vf[24] = "", what[64];

	if (!pf) {
		if (u->shown)
			fputs("\r\033[K", stderr);
		u->shown = false;
		return;
	}
	r = &pf->running;
	if (!pf->have_running || r->txn_id != id) {
		snprintf(what, sizeof(what), "queued");
		if (pf->have_running)
			snprintf(what, sizeof(what), "queued behind transaction %llu",
				 (unsigned long long)r->txn_id);
	} else {
		snprintf(what, sizeof(what), "%s",
			 r->step ? step_name(r->step) : "starting");
		if (r->vf)
			snprintf(vf, sizeof(vf), ", VF %u", r->vf);
	}
	fprintf(stderr, "\r\033[K%s: %s, transaction %llu: %s%s [%llds]",
		u->addr, u->what, (unsigned long long)id, what, vf,
		now_s() - u->t0);
	u->shown = true;
}

void wait_ui_start(struct wait_ui *u, const char *addr, const char *what)
{
	struct sigaction sa;

	memset(u, 0, sizeof(*u));
	u->addr = addr;
	u->what = what;
	u->t0 = now_s();
	stop = 0;
	u->w.stop = &stop;
	if (isatty(STDERR_FILENO) && !g_opts.quiet) {
		u->w.progress = progress;
		u->w.arg = u;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: poll() returns EINTR */
	sigaction(SIGINT, &sa, &u->old_int);
	sigaction(SIGTERM, &sa, &u->old_term);
}

void wait_ui_end(struct wait_ui *u)
{
	sigaction(SIGINT, &u->old_int, NULL);
	sigaction(SIGTERM, &u->old_term, NULL);
}

bool wait_ui_stopped(void)
{
	return stop;
}
