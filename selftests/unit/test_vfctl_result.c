// SPDX-License-Identifier: GPL-2.0
/* Exit codes, status words and names from kernel replies. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "vfctl_tap.h"

struct gopts g_opts;

static struct vf_result R(bool have, uint32_t result)
{
	struct vf_result r = { 0 };

	r.have_result = have;
	r.result = result;
	return r;
}

int main(void)
{
	struct vf_result r;

	r = R(true, VFPROV_RESULT_COMMITTED);
	ok(result_exit_code(0, &r) == EXIT_OK, "committed -> 0");
	r = R(true, VFPROV_RESULT_REJECTED);
	ok(result_exit_code(-EDQUOT, &r) == EXIT_REJECTED, "rejected -> 5");
	r = R(true, VFPROV_RESULT_ROLLED_BACK);
	ok(result_exit_code(-EIO, &r) == EXIT_ROLLEDBACK, "rolled back -> 6");
	ok(result_exit_code(0, &r) == EXIT_ROLLEDBACK, "rolled back in a successful reply -> 6");
	r = R(true, VFPROV_RESULT_DEGRADED);
	ok(result_exit_code(-EIO, &r) == EXIT_DEGRADED, "degraded -> 7");
	r = R(false, 0);
	ok(result_exit_code(-EPERM, &r) == EXIT_PERM, "EPERM -> 4");
	ok(result_exit_code(-ENODEV, &r) == EXIT_NOTFOUND, "ENODEV -> 3");
	ok(result_exit_code(-EINVAL, &r) == EXIT_REJECTED, "EINVAL without result -> 5");
	ok(result_exit_code(-EBUSY, &r) == EXIT_REJECTED, "EBUSY -> 5");
	ok(result_exit_code(-EIO, &r) == EXIT_ERR, "EIO without result -> 1");

	/* no outcome in the reply: never borrowed from the PF's last result */
	r = R(false, 0);
	result_no_outcome(-EIO, &r);
	ok(!r.have_result, "no outcome: no result is made up");
	ok(result_exit_code(-EIO, &r) == EXIT_ERR, "no outcome, EIO -> 1, not 6");
	ok(strstr(r.message, "before a transaction") != NULL,
	   "no outcome: the message says nothing was started");
	r = R(false, 0);
	result_no_outcome(-EINVAL, &r);
	ok(result_exit_code(-EINVAL, &r) == EXIT_REJECTED, "no outcome, EINVAL -> 5");
	r = R(true, VFPROV_RESULT_ROLLED_BACK);
	snprintf(r.message, sizeof(r.message), "kept");
	result_no_outcome(-EIO, &r);
	ok(!strcmp(r.message, "kept") && result_exit_code(-EIO, &r) == EXIT_ROLLEDBACK,
	   "an outcome in the reply is left alone");
	r = R(false, 0);
	ok(result_exit_code(0, &r) == EXIT_OK, "plain ack -> 0");
	is_str(result_status(EXIT_ROLLEDBACK, &r), "rolled-back", "status word 6");
	is_str(result_status(EXIT_DEGRADED, &r), "degraded", "status word 7");

	r = R(true, VFPROV_RESULT_UNCHANGED);
	ok(result_exit_code(0, &r) == EXIT_OK, "unchanged -> 0");
	is_str(result_name(VFPROV_RESULT_UNCHANGED), "unchanged", "result name");
	return tap_done();
}
