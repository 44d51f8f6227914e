/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VFCTL_CMD_WAIT_H
#define VFCTL_CMD_WAIT_H

#include <signal.h>

#include "nl.h"

struct wait_ui {
	struct vfnl_wait w;		/* pass &u->w to vfnl_*_wait */
	const char *addr;
	const char *what;		/* "apply", "reset" */
	long long t0;
	bool shown;
	struct sigaction old_int, old_term;
};

/* Catch SIGINT/SIGTERM (restored by _end); progress when stderr is a tty. */
void wait_ui_start(struct wait_ui *u, const char *addr, const char *what);
void wait_ui_end(struct wait_ui *u);
/* A signal asked to stop (also for the PFs not yet applied). */
bool wait_ui_stopped(void);

#endif
