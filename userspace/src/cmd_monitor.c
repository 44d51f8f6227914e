// SPDX-License-Identifier: GPL-2.0
/* vfctl monitor: one line per vfprov event until SIGINT/SIGTERM. */
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "holder.h"
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

/*
 * vf-ntf: "VF 0000:4d:00.1 (1 of PF ...) stopped" or the adverse kinds
 * that grew with their totals, and who holds the VF (looked up now: the
 * kernel does not know the guest).
 */
static void print_vf_event(const struct vf_result *ev, const struct holder *h)
{
	const struct vf_state *v = &ev->vf;
	char who[128];
	int i, n = 0;

	printf(" vf=%u pci=%s", v->id, v->pci_addr[0] ? v->pci_addr : "-");
	if (ev->event == VFCTL_EV_VF_ACTION && ev->have_action)
		printf(" action=%s", vf_action_name(ev->action));
	if (v->have_state)
		printf(" state=%s", vf_run_state_name(v->run_state));
	if (ev->event == VFCTL_EV_VF_ADVERSE) {
		printf(" adverse=");
		for (i = 0; i < VFCTL_NTHR; i++)
			if (v->adverse_set & (1u << i))
				printf("%s%s:%llu", n++ ? "," : "", adverse_name((uint32_t)i),
				       (unsigned long long)v->adverse[i]);
		if (!n)
			printf("-");
	}
	printf(" holder=\"%s\"", holder_text(h, who, sizeof(who)));
	if (ev->event == VFCTL_EV_VF_ACTION && ev->have_action)
		printf(" msg=\"VF %s %s\"", v->pci_addr[0] ? v->pci_addr : "?",
		       vf_action_done(ev->action));
}

static void json_holder(struct json_object *o, const struct holder *h)
{
	struct json_object *j;

	if (h->kind == HOLDER_NONE) {
		json_object_object_add(o, "holder", NULL);
		return;
	}
	j = json_object_new_object();
	json_object_object_add(j, "known", json_object_new_boolean(h->kind == HOLDER_FOUND));
	if (h->kind == HOLDER_FOUND) {
		json_object_object_add(j, "pid", json_object_new_int(h->pid));
		json_object_object_add(j, "comm", json_object_new_string(h->comm));
		json_object_object_add(j, "guest", h->guest[0] ?
				       json_object_new_string(h->guest) : NULL);
	} else {
		json_object_object_add(j, "reason", json_object_new_string("not permitted"));
	}
	json_object_object_add(o, "holder", j);
}

static int print_event(const struct vf_result *ev, void *arg)
{
	struct holder h = { 0 };
	struct timespec ts;
	char when[32];
	struct tm tm;

	(void)arg;
	clock_gettime(CLOCK_REALTIME, &ts);
	if (ev->have_vf)
		holder_find(ev->vf.pci_addr, ev->vf.iommu_group, &h);
	if (g_opts.json) {
		struct json_object *o = json_event(ev, (long long)ts.tv_sec);

		if (ev->have_vf)
			json_holder(o, &h);
		json_print(o, true);
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
	else if (ev->have_vf)
		print_vf_event(ev, &h);
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
