// SPDX-License-Identifier: GPL-2.0
/* Outcome of a request -> exit code, status word and the admin's hint. Pure. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

int result_exit_code(int nl_rc, const struct vf_result *r)
{
	int e = nl_rc ? nl_rc : 0;

	if (r->have_result) {
		switch (r->result) {
		case VFPROV_RESULT_COMMITTED:
		case VFPROV_RESULT_UNCHANGED:
			return nl_rc ? EXIT_ERR : EXIT_OK;
		case VFPROV_RESULT_REJECTED:
			return EXIT_REJECTED;
		case VFPROV_RESULT_ROLLED_BACK:
			return EXIT_ROLLEDBACK;
		case VFPROV_RESULT_DEGRADED:
			return EXIT_DEGRADED;
		default:
			break;
		}
	}
	if (!e)
		return EXIT_OK;
	switch (-e) {
	case EPERM:
	case EACCES:
		return EXIT_PERM;
	case ENODEV:
	case ENOENT:
	case ENXIO:
		return EXIT_NOTFOUND;
	/* refused before anything was written */
	case EINVAL:
	case ERANGE:
	case EDQUOT:
	case ENOSPC:
	case E2BIG:
	case EOVERFLOW:
	case EBUSY:
	case ESTALE:
	case EOPNOTSUPP:
	case EAGAIN:
		return EXIT_REJECTED;
	default:
		return EXIT_ERR;
	}
}

/*
 * A failed request whose reply carried no result was answered before any
 * transaction ran (parsing, lookup, memory): nothing of this request was
 * written. The PF's last result is someone else's and says nothing about
 * it, so the outcome is left to the errno and only the message is filled.
 */
void result_no_outcome(int nl_rc, struct vf_result *r)
{
	if (!nl_rc || r->have_result || r->message[0])
		return;
	snprintf(r->message, sizeof(r->message),
		 "refused before a transaction started: %s", strerror(-nl_rc));
}

const char *result_status(int code, const struct vf_result *r)
{
	(void)r;
	switch (code) {
	case EXIT_OK:
		return "committed";
	case EXIT_REJECTED:
		return "rejected";
	case EXIT_ROLLEDBACK:
		return "rolled-back";
	case EXIT_DEGRADED:
		return "degraded";
	case EXIT_PERM:
		return "permission-denied";
	case EXIT_NOTFOUND:
		return "not-found";
	case EXIT_DETACHED:
		return "interrupted";
	default:
		return "error";
	}
}

static const char *hint(int code, int err)
{
	switch (code) {
	case EXIT_PERM:
		return "needs root (CAP_SYS_ADMIN in the initial user namespace): run it with sudo";
	case EXIT_NOTFOUND:
		return "check the PF with `vfctl list`; is vfprov loaded (modprobe vfprov)?";
	case EXIT_REJECTED:
		if (err == -EBUSY)
			return "nothing was changed; a VF is in use by a guest or another transaction runs: stop the guest, or use --force";
		if (err == -ESTALE)
			return "nothing was changed; the PF changed since that generation: re-read it with `vfctl show` and retry";
		if (err == -EOPNOTSUPP)
			return "nothing was changed; not supported by this driver version: drop those keys (`vfctl show PF` lists the PF's caps), or update the driver";
		if (err == -EAGAIN)
			return "nothing was changed; i915 has not finished probing the PF: retry in a moment";
		return "nothing was changed; adjust the request (free resources: `vfctl show PF`; what would be set: `vfctl plan`)";
	case EXIT_ROLLEDBACK:
		return "the previous configuration was restored; fix the cause (see dmesg) and apply again";
	case EXIT_DEGRADED:
		return "the undo failed too: the PF is in an unknown state; check dmesg, then `vfctl reset PF --force`";

	default:
		return "see dmesg for details";
	}
}

void print_failure(const char *what, const char *addr, int code,
		   const struct vf_result *r)
{
	print_failure_hint(what, addr, code, r, NULL);
}

void print_failure_hint(const char *what, const char *addr, int code,
			const struct vf_result *r, const char *why)
{
	int err = r->err ? r->err : r->nl_err;
	const char *ename = err ? strerrorname_np(-err) : NULL;

	fprintf(stderr, "vfctl: %s %s: %s", what, addr, result_status(code, r));
	if (err)
		fprintf(stderr, " (%s: %s)", ename ? ename : "?", strerror(-err));
	fputc('\n', stderr);
	if (r->extack[0])
		fprintf(stderr, "  kernel: %s\n", r->extack);
	if (r->message[0] && strcmp(r->message, r->extack))
		fprintf(stderr, "  reason: %s\n", r->message);
	if (r->step[0])
		fprintf(stderr, "  failed step: %s\n", r->step);
	if (r->field[0])
		fprintf(stderr, "  field: %s\n", r->field);
	if (r->have_failed_vf && (r->step[0] || r->message[0])) {
		if (r->failed_vf)
			fprintf(stderr, "  at: VF %u\n", r->failed_vf);
		else
			fprintf(stderr, "  at: the PF\n");
	}
	/* queued, but how it ended is unknown (vfnl_*_wait said why) */
	if (why)
		fprintf(stderr, "  hint: %s\n", why);
	else if (code == EXIT_ERR && r->have_txn && !r->have_result)
		fprintf(stderr, "  hint: its outcome is unknown to vfctl: `vfctl show %s` shows the PF's state and latest outcomes; check dmesg\n",
			addr);
	else
		fprintf(stderr, "  hint: %s\n", hint(code, err));
}

int print_detached(const char *what, const char *addr,
		   const struct vf_result *r)
{
	if (r->have_txn)
		fprintf(stderr, "\nvfctl: %s %s: interrupted; transaction %llu goes on in the kernel\n",
			what, addr, (unsigned long long)r->txn_id);
	else
		fprintf(stderr, "\nvfctl: %s %s: interrupted; the transaction goes on in the kernel\n",
			what, addr);
	fprintf(stderr, "  hint: its outcome: `vfctl show %s` (state, running, recent outcomes), or `vfctl monitor`\n",
		addr);
	return EXIT_DETACHED;
}
