/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host readiness (`vfctl check`): every requirement of a mode as PASS, WARN
 * or FAIL with a fix. Reads the host through host.h, so the unit tests run
 * it on a fake tree.
 */
#ifndef VFCTL_CHECK_H
#define VFCTL_CHECK_H

#include <stdbool.h>
#include <stdint.h>

#include <json-c/json.h>

enum check_mode { CHECK_SRIOV, CHECK_PASSTHROUGH };
enum check_status { CHECK_PASS, CHECK_WARN, CHECK_FAIL };

struct check_item {
	char name[32];		/* stable key: "cpu_virt", "iommu", ... */
	enum check_status status;
	char detail[512];	/* what was found */
	char fix[512];		/* how to fix it, "" on PASS */
};

#define CHECK_MAX_ITEMS 64

struct check_report {
	enum check_mode mode;
	int n;
	struct check_item item[CHECK_MAX_ITEMS];
};

/* What the process may lock (RLIMIT_MEMLOCK), passed in to be testable. */
struct check_limits {
	uint64_t memlock;	/* soft limit in bytes, UINT64_MAX unlimited */
	bool ipc_lock;		/* CAP_IPC_LOCK: VFIO ignores the limit */
};

/* The limits of this process. */
void check_limits_self(struct check_limits *l);

void check_run(enum check_mode mode, const struct check_limits *lim,
	       struct check_report *rep);
/* No FAIL. */
bool check_ready(const struct check_report *rep);
const struct check_item *check_find(const struct check_report *rep,
				    const char *name);
const char *check_status_name(enum check_status s);
const char *check_mode_name(enum check_mode m);
int check_parse_mode(const char *s, enum check_mode *m);

/* {"mode":..., "ready":bool, "checks":[{name,status,detail,fix}]} */
struct json_object *check_json(const struct check_report *rep);

#endif
