/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VFCTL_CMD_H
#define VFCTL_CMD_H

#include "nl.h"
#include "profile.h"
#include "vfctl.h"

struct gopts {
	bool json;
	bool quiet;
	const char *profile_dir;	/* --profile-dir */
	const char *sysroot;		/* "/sys", or $VFCTL_SYSFS for tests */
};

extern struct gopts g_opts;

/* main.c: shared helpers */
int open_nl(struct vfnl *nl);
/*
 * Resolve PF @spec to @addr; prints the reason and returns an exit code.
 * _listed checks that vfprov knows the PF (one PF dump); resolve_pf leaves
 * that to the request for addresses and card names.
 */
int resolve_pf(struct vfnl *nl, const char *spec, char *addr, size_t len);
int resolve_pf_listed(struct vfnl *nl, const char *spec, char *addr,
		      size_t len);
/* Fill pf->card for each PF from sysfs. */
void fill_card(struct pf_state *pf);
bool have_net_admin(void);
bool have_sys_admin(void);	/* apply and reset need it (ABI v2) */
void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Exit code of a finished plan/apply/reset (see vfctl(8) EXIT STATUS),
 * from the reply's result or the netlink errno.
 */
int result_exit_code(int nl_rc, const struct vf_result *r);
void result_no_outcome(int nl_rc, struct vf_result *r);
const char *result_status(int code, const struct vf_result *r);
/*
 * A wait for a transaction ended by SIGINT/SIGTERM: the transaction goes
 * on in the kernel. Prints so and how to see the outcome; EXIT_DETACHED.
 */
int print_detached(const char *what, const char *addr,
		   const struct vf_result *r);
/* Print the kernel's reason and a hint for @code to stderr. */
void print_failure(const char *what, const char *addr, int code,
		   const struct vf_result *r);

/* The same with @why as the hint (NULL: the one for @code). */
void print_failure_hint(const char *what, const char *addr, int code,
			const struct vf_result *r, const char *why);

/*
 * cmd_caps.c: 0, or -EOPNOTSUPP with the reason in @res when @req sets keys
 * the caps of PF @addr lack ("not supported by this driver version").
 */
int caps_refusal(struct vfnl *nl, const char *addr, const struct vf_req *req,
		 struct vf_result *res);

int cmd_list(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_apply(int argc, char **argv);
int cmd_reset(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_profiles(int argc, char **argv);
int cmd_vf(int argc, char **argv);	/* cmd_vf.c (issue 21) */
int cmd_top(int argc, char **argv);	/* cmd_top.c (issue 21) */

/* cmd_show.c: print a plan/config as a VF table */
void print_config_table(const struct vf_req *r);

#endif
