// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl top [PF] [--interval S] [--once] [--json]: every enabled VF with
 * its owner, run state, LMEM quota and allocation, adverse events and
 * scheduling, refreshed. On a terminal: the alternate screen, redrawn in
 * place, q / Ctrl-C / SIGTERM quit and restore the terminal. Otherwise one
 * plain table per interval, or with --json one JSON object per line. Reads
 * only (pf-get, vf-get and /proc), so it works for any user: what the
 * kernel or /proc does not let it read shows as such.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "json_out.h"
#include "top.h"

#define TOP_USAGE "usage: vfctl top [PF] [--interval SECONDS] [--once] [--json]"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int add_rows(struct top_snap *s, const struct pf_state *pf)
{
	int i;

	for (i = 0; i < pf->nvfs; i++) {
		struct top_row *r;

		if (!pf->vf[i].enabled)
			continue;
		r = realloc(s->rows, (size_t)(s->n + 1) * sizeof(*r));
		if (!r)
			return -1;
		s->rows = r;
		r = &s->rows[s->n++];
		memset(r, 0, sizeof(*r));
		snprintf(r->pf, sizeof(r->pf), "%s", pf->addr);
		r->vf = pf->vf[i];
	}
	return 0;
}

static int find_holders(struct top_snap *s)
{
	struct holder_vf *v = calloc((size_t)s->n + 1, sizeof(*v));
	struct holder *h = calloc((size_t)s->n + 1, sizeof(*h));
	int i;

	if (!v || !h) {
		free(v);
		free(h);
		return -1;
	}
	for (i = 0; i < s->n; i++) {
		v[i].addr = s->rows[i].vf.pci_addr;
		v[i].group = s->rows[i].vf.iommu_group;
	}
	holder_find_many(v, s->n, h);
	for (i = 0; i < s->n; i++)
		s->rows[i].holder = h[i];
	free(v);
	free(h);
	return 0;
}

/* One snapshot of the VFs of @only (NULL: every PF). An exit code. */
static int collect(struct vfnl *nl, const char *only, struct top_snap *s)
{
	struct vf_result res = { 0 };
	struct pf_state *pfs = NULL;
	int n = 0, i, rc = EXIT_OK;

	s->n = 0;
	s->time = (long long)time(NULL);
	if (vfnl_pf_list_sorted(nl, &pfs, &n, &res)) {
		fprintf(stderr, "vfctl: top: cannot list PFs: %s\n",
			res.extack[0] ? res.extack : strerror(-res.nl_err));
		return EXIT_ERR;
	}
	for (i = 0; i < n; i++) {
		if (only && strcmp(pfs[i].addr, only))
			continue;
		memset(&res, 0, sizeof(res));
		/* a PF that went meanwhile has no VFs to show */
		if (vfnl_vf_dump(nl, &pfs[i], &res))
			continue;
		if (add_rows(s, &pfs[i])) {
			rc = EXIT_ERR;
			break;
		}
	}
	free(pfs);
	if (!rc && find_holders(s))
		rc = EXIT_ERR;
	return rc;
}

/* ---- the terminal */

struct term {
	bool on;
	bool have_tio;
	struct termios saved;
};

static struct term g_term;

static void term_restore(void)
{
	if (!g_term.on)
		return;
	if (g_term.have_tio)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_term.saved);
	/* cursor back, leave the alternate screen */
	fputs("\033[?25h\033[?1049l", stdout);
	fflush(stdout);
	g_term.on = false;
}

/* Keys one at a time without echo; Ctrl-C still raises SIGINT. */
static void term_start(void)
{
	struct termios t;

	if (isatty(STDIN_FILENO) && !tcgetattr(STDIN_FILENO, &g_term.saved)) {
		t = g_term.saved;
		t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		t.c_cc[VMIN] = 1;
		t.c_cc[VTIME] = 0;
		g_term.have_tio = !tcsetattr(STDIN_FILENO, TCSANOW, &t);
	}
	g_term.on = true;
	atexit(term_restore);
	fputs("\033[?1049h\033[?25l", stdout);
	fflush(stdout);
}

static int term_width(void)
{
	struct winsize ws;

	if (!ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_col)
		return ws.ws_col;
	return 0;
}

/* Wait @ms or until a key: true when it was q (or the input ended). */
static bool wait_key(int ms, bool keys)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	if (!keys) {
		nanosleep(&ts, NULL);	/* EINTR on a signal: stop is set */
		return false;
	}
	if (poll(&pfd, 1, ms) > 0) {
		char c;

		if (read(STDIN_FILENO, &c, 1) != 1)
			return true;
		return c == 'q' || c == 'Q';
	}
	return false;
}

/* ---- output */

static void draw(const struct top_snap *s, bool tty, double interval)
{
	if (g_opts.json) {
		json_print(top_json(s), true);
	} else if (tty) {
		char when[32];
		struct tm tm;
		time_t t = (time_t)s->time;

		localtime_r(&t, &tm);
		strftime(when, sizeof(when), "%H:%M:%S", &tm);
		fputs("\033[H\033[2J", stdout);
		printf("vfctl top - %s - every %gs - %d VF%s - q quits\n\n", when,
		       interval, s->n, s->n == 1 ? "" : "s");
		top_table(stdout, s, term_width());
	} else {
		top_table(stdout, s, 0);
		putchar('\n');
	}
	fflush(stdout);
}

static int parse_interval(const char *arg, double *out)
{
	char *end;
	double v = strtod(arg, &end);

	if (end == arg || *end || !isfinite(v) || v < 0.1 || v > 86400) {
		usage_error("--interval '%s': expected seconds, 0.1 to 86400", arg);
		return -1;
	}
	*out = v;
	return 0;
}

static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: poll() returns EINTR */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static int top_loop(struct vfnl *nl, const char *only, double interval,
		    bool once)
{
	struct top_snap s = { 0 };
	bool tty = !g_opts.json && !once && isatty(STDOUT_FILENO);
	int rc = EXIT_OK;

	catch_signals();
	if (tty)
		term_start();
	while (!stop) {
		rc = collect(nl, only, &s);
		if (rc)
			break;
		draw(&s, tty, interval);
		if (once || wait_key((int)(interval * 1000), tty && g_term.have_tio))
			break;
	}
	term_restore();
	free(s.rows);
	return rc;
}

int cmd_top(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "interval", required_argument, NULL, 'i' },
		{ "once", no_argument, NULL, '1' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	char addr[VFPROV_ADDR_LEN];
	const char *only = NULL;
	double interval = 2;
	bool once = false;
	struct vfnl nl;
	int c, rc;

	while ((c = getopt_long(argc, argv, "i:1j", opts, NULL)) != -1) {
		switch (c) {
		case 'i':
			if (parse_interval(optarg, &interval))
				return EXIT_USAGE;
			break;
		case '1':
			once = true;
			break;
		case 'j':
			g_opts.json = true;
			break;
		default:
			usage_error(TOP_USAGE);
			return EXIT_USAGE;
		}
	}
	if (optind < argc - 1) {
		usage_error(TOP_USAGE);
		return EXIT_USAGE;
	}
	rc = open_nl(&nl);
	if (rc)
		return rc;
	if (optind == argc - 1) {
		rc = resolve_pf_listed(&nl, argv[optind], addr, sizeof(addr));
		if (rc)
			goto out;
		only = addr;
	}
	setvbuf(stdout, NULL, _IOFBF, 0);
	rc = top_loop(&nl, only, interval, once);
out:
	vfnl_close(&nl);
	return rc;
}
