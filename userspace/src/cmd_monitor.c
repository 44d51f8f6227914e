// SPDX-License-Identifier: GPL-2.0
/* vfctl monitor: one line per vfprov event until SIGINT/SIGTERM. */
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "json_out.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* pf-ntf: the PF as it is now */
static void print_pf_event(const struct vf_result *ev)
{
	printf(" state=%s", state_name(ev->state));
	if (ev->have_gen)
		printf(" gen=%" PRIu64, ev->generation);
	if (ev->event != VFCTL_EV_PF_REMOVED)
		printf(" vfs=%u/%u backend=%s driver=%s", ev->num_vfs,
		       ev->total_vfs, ev->backend[0] ? ev->backend : "-",
		       ev->driver[0] ? ev->driver : "-");
}

/* txn-ntf: the outcome, as v1's event lines read */
static void print_txn_event(const struct vf_result *ev)
{
	if (ev->have_gen)
		printf(" gen=%" PRIu64, ev->generation);
	if (ev->have_result)
		printf(" result=%s", result_name(ev->result));
	printf(" txn=%llu op=%s", (unsigned long long)ev->txn_id,
	       txn_op_name(ev->op));
	if (ev->err)
		printf(" errno=%s", strerrorname_np(-ev->err) ?: "?");
	if (ev->step[0])
		printf(" step=%s", ev->step);
	if (ev->have_failed_vf && (ev->step[0] || ev->err))
		printf(" vf=%u", ev->failed_vf);
	if (ev->field[0])
		printf(" field=%s", ev->field);
	if (ev->have_who)
		printf(" by=%s[%u] uid=%u", ev->comm[0] ? ev->comm : "?", ev->pid, ev->uid);
	if (ev->message[0])
		printf(" msg=\"%s\"", ev->message);
}

static int print_event(const struct vf_result *ev, void *arg)
{
	struct timespec ts;
	char when[32];
	struct tm tm;

	(void)arg;
	clock_gettime(CLOCK_REALTIME, &ts);
	if (g_opts.json) {
		json_print(json_event(ev, (long long)ts.tv_sec), true);
		fflush(stdout);
		return 0;
	}
	localtime_r(&ts.tv_sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
	printf("%s %s %s", when, event_word(ev), ev->addr[0] ? ev->addr : "-");
	if (ev->event == VFCTL_EV_LOST)
		printf(" the socket overran: events were lost (re-read with `vfctl list`)");
	else if (ev->have_pf)
		print_pf_event(ev);
	else
		print_txn_event(ev);
	putchar('\n');
	fflush(stdout);
	return 0;
}

int cmd_monitor(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	struct sigaction sa;
	struct vfnl nl;
	int c, rc;

	while ((c = getopt_long(argc, argv, "j", opts, NULL)) != -1) {
		if (c != 'j') {
			usage_error("usage: vfctl monitor [--json]");
			return EXIT_USAGE;
		}
		g_opts.json = true;
	}
	if (optind != argc) {
		usage_error("usage: vfctl monitor [--json]");
		return EXIT_USAGE;
	}
	rc = open_nl(&nl);
	if (rc)
		return rc;
	if (nl.mcgrp < 0) {
		fprintf(stderr, "vfctl: the vfprov family has no \"%s\" group\n",
			VFPROV_MCGRP_EVENTS);
		vfnl_close(&nl);
		return EXIT_ERR;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: poll() returns EINTR */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!g_opts.json)
		fprintf(stderr, "vfctl: listening for vfprov events (Ctrl-C to stop)\n");
	rc = vfnl_monitor(&nl, print_event, NULL, &stop);
	vfnl_close(&nl);
	if (rc) {
		fprintf(stderr, "vfctl: monitor: %s\n", strerror(-rc));
		return EXIT_ERR;
	}
	return EXIT_OK;
}
