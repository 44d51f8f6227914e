// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl top's table and JSON from a canned snapshot, and the VFIO holder
 * lookup on a fake /proc and /sys: a qemu holding a VF's group file, one
 * holding a VFIO cdev, a process whose fds cannot be read (not permitted),
 * a VF not on vfio-pci, and qemu's -name forms.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include "holder.h"
#include "top.h"
#include "vfctl_fakeroot.h"
#include "vfctl_tap.h"

static void canned(struct top_snap *s, struct top_row *rows)
{
	memset(rows, 0, 2 * sizeof(*rows));
	snprintf(rows[0].pf, sizeof(rows[0].pf), "0000:4d:00.0");
	rows[0].vf.id = 1;
	rows[0].vf.enabled = true;
	snprintf(rows[0].vf.pci_addr, sizeof(rows[0].vf.pci_addr), "0000:4d:00.1");
	rows[0].vf.cfg.set = VF_SET_LMEM | VF_SET_EQ | VF_SET_PT | VF_SET_THR(2);
	rows[0].vf.cfg.lmem = 4ull << 30;
	rows[0].vf.cfg.eq = 20;
	rows[0].vf.cfg.pt = 40000;
	rows[0].vf.cfg.thr[2] = 10;
	rows[0].vf.have_state = true;
	rows[0].vf.run_state = VFPROV_VF_RUN_STATE_RUNNING;
	rows[0].vf.have_lmem_alloc = true;
	rows[0].vf.lmem_alloc = 1ull << 30;
	rows[0].vf.adverse_set = 1u << VFPROV_ADVERSE_PAGE_FAULT;
	rows[0].vf.adverse[VFPROV_ADVERSE_PAGE_FAULT] = 12;
	rows[0].holder.kind = HOLDER_FOUND;
	rows[0].holder.pid = 4242;
	snprintf(rows[0].holder.comm, sizeof(rows[0].holder.comm), "qemu-system-x86");
	snprintf(rows[0].holder.guest, sizeof(rows[0].holder.guest), "vm1");
	snprintf(rows[1].pf, sizeof(rows[1].pf), "0000:4d:00.0");
	rows[1].vf.id = 2;
	snprintf(rows[1].vf.pci_addr, sizeof(rows[1].vf.pci_addr), "0000:4d:00.2");
	rows[1].holder.kind = HOLDER_UNKNOWN;
	s->time = 1700000000;
	s->n = 2;
	s->rows = rows;
}

static void table(void)
{
	struct top_row rows[2];
	struct top_snap s;
	char *buf = NULL, *l2, *l3;
	size_t len = 0;
	FILE *f;

	canned(&s, rows);
	f = open_memstream(&buf, &len);
	top_table(f, &s, 0);
	fclose(f);
	ok(buf && !strncmp(buf, "PF ", 3) && strstr(buf, "OWNER") && strstr(buf, "LMEM_ALLOC") &&
	   strstr(buf, "ADVERSE"), "header names the columns");
	l2 = buf ? strchr(buf, '\n') + 1 : NULL;
	l3 = l2 ? strchr(l2, '\n') + 1 : NULL;
	ok(l2 && strstr(l2, "0000:4d:00.1") && strstr(l2, "qemu-system-x86[4242] guest vm1") &&
	   strstr(l2, "running") && strstr(l2, "4G") && strstr(l2, "1G") &&
	   strstr(l2, "page-fault=12") && strstr(l2, "20/40000"), "VF 1's row: %.*s",
	   l2 ? (int)(strchr(l2, '\n') - l2) : 0, l2 ? l2 : "");
	ok(l3 && strstr(l3, "unknown (not permitted)") && strstr(l3, " -/-"),
	   "VF 2's row: owner not permitted, no scheduling");
	free(buf);
	buf = NULL;
	f = open_memstream(&buf, &len);
	top_table(f, &s, 40);
	fclose(f);
	ok(buf && strlen(strchr(buf, '\n') + 1) <= 3 * 41, "rows are cut to the terminal width");
	free(buf);
	buf = NULL;
	s.n = 0;
	f = open_memstream(&buf, &len);
	top_table(f, &s, 0);
	fclose(f);
	ok(buf && strstr(buf, "(no enabled VFs)"), "an empty snapshot says so");
	free(buf);
}

static void json(void)
{
	struct top_row rows[2];
	struct top_snap s;
	struct json_object *o, *back, *vfs, *v, *x;

	canned(&s, rows);
	o = top_json(&s);
	back = json_tokener_parse(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	ok(back && json_object_object_get_ex(back, "vfs", &vfs) &&
	   json_object_array_length(vfs) == 2, "JSON: two VFs, and it parses back");
	v = json_object_array_get_idx(vfs, 0);
	ok(json_object_object_get_ex(v, "owner", &x) &&
	   json_object_get_int(json_object_object_get(x, "pid")) == 4242 &&
	   !strcmp(json_object_get_string(json_object_object_get(x, "guest")), "vm1"),
	   "VF 1's owner: pid and guest");
	ok(!strcmp(json_object_get_string(json_object_object_get(v, "state")), "running") &&
	   json_object_get_uint64(json_object_object_get(v, "lmem_alloc")) == 1ull << 30 &&
	   json_object_get_uint64(json_object_object_get(v, "lmem_quota")) == 4ull << 30,
	   "VF 1: state, LMEM quota and allocated");
	ok(json_object_object_get_ex(v, "adverse", &x) &&
	   json_object_get_int(json_object_object_get(x, "page-fault")) == 12,
	   "VF 1: adverse page-fault 12");
	ok(json_object_object_get_ex(v, "thresholds", &x) &&
	   json_object_get_int(json_object_object_get(x, "page_fault_count")) == 10,
	   "VF 1: threshold page_fault_count 10");
	v = json_object_array_get_idx(vfs, 1);
	ok(json_object_object_get_ex(v, "owner", &x) &&
	   !json_object_get_boolean(json_object_object_get(x, "known")) &&
	   json_object_object_get_ex(v, "state", &x) && !x &&
	   json_object_object_get_ex(v, "lmem_alloc", &x) && !x,
	   "VF 2: owner unknown, state and allocation null (not reported)");
	json_object_put(o);
	json_object_put(back);
}

static void fake_proc(const char *pid, const char *comm, const char *cmdline,
		      size_t cmdlen, const char *fd3)
{
	char p[256], full[1024];
	FILE *f;

	snprintf(p, sizeof(p), "/proc/%s/comm", pid);
	fr_file(p, comm);
	snprintf(p, sizeof(p), "/proc/%s/cmdline", pid);
	fr_file(p, "");
	fr_abs(full, sizeof(full), p);
	f = fopen(full, "w");
	if (f) {
		fwrite(cmdline, 1, cmdlen, f);
		fclose(f);
	}
	snprintf(p, sizeof(p), "/proc/%s/fd/0", pid);
	fr_link(p, "/dev/null");
	if (fd3) {
		snprintf(p, sizeof(p), "/proc/%s/fd/3", pid);
		fr_link(p, fd3);
	}
}

/* The answers of holder_find_many() as a user who cannot read pid 500's fds. */
static void denied_answers(const struct holder_vf *vfs, struct holder *h)
{
	int fds[2], st;
	pid_t pid;

	if (geteuid() != 0) {
		holder_find_many(vfs, 4, h);
		return;
	}
	/* root reads through mode 0: look as nobody, from a child */
	memset(h, 0, 4 * sizeof(*h));
	chmod(fr_root, 0755);
	if (pipe(fds))
		return;
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		if (setgid(65534) || setuid(65534))
			_exit(2);
		holder_find_many(vfs, 4, h);
		_exit(write(fds[1], h, 4 * sizeof(*h)) == (ssize_t)(4 * sizeof(*h)) ? 0 : 1);
	}
	close(fds[1]);
	if (read(fds[0], h, 4 * sizeof(*h)) != (ssize_t)(4 * sizeof(*h)))
		memset(h, 0, 4 * sizeof(*h));
	close(fds[0]);
	waitpid(pid, &st, 0);
}

static void denied_case(const struct holder_vf *vfs)
{
	struct holder h[4];
	char buf[128];

	denied_answers(vfs, h);
	ok(h[2].kind == HOLDER_UNKNOWN, "nobody readable holds it, one process unreadable: unknown");
	is_str(holder_text(&h[2], buf, sizeof(buf)), "unknown (not permitted)", "its text");
	ok(h[0].kind == HOLDER_FOUND && h[0].pid == 100, "a readable holder is still found");
}

static void holders(void)
{
	static const char qemu1[] = "qemu-system-x86_64\0-name\0guest=vm1,debug-threads=on\0-m\0" "2G";
	static const char qemu2[] = "qemu-system-x86_64\0-name\0vm2,process=qemu:vm2";
	struct holder_vf vfs[4] = {
		{ "0000:4d:00.1", 12 }, { "0000:4d:00.2", 13 },
		{ "0000:4d:00.3", 14 }, { "0000:4d:00.4", 15 },
	};
	struct holder h[4];
	char buf[128], p[1024];

	fr_init();
	fr_pci("0000:4d:00.1", "0x030000", "0x8086", "0x56c0", "vfio-pci", 12);
	fr_pci("0000:4d:00.2", "0x030000", "0x8086", "0x56c0", "vfio-pci", 13);
	fr_mkdirs("/sys/bus/pci/devices/0000:4d:00.2/vfio-dev/vfio7");
	fr_pci("0000:4d:00.3", "0x030000", "0x8086", "0x56c0", "vfio-pci", 14);
	fr_pci("0000:4d:00.4", "0x030000", "0x8086", "0x56c0", "", 15);
	fake_proc("100", "qemu-system-x86", qemu1, sizeof(qemu1), "/dev/vfio/12");
	fake_proc("200", "qemu-vm2", qemu2, sizeof(qemu2), "/dev/vfio/devices/vfio7");
	fake_proc("300", "other", "sh", 3, "/dev/vfio/vfio");	/* the container only */
	fake_proc("400", "holds-a-non-vfio-vf", "x", 2, "/dev/vfio/15");

	ok(!holder_find_many(vfs, 4, h), "one pass over the fake /proc");
	ok(h[0].kind == HOLDER_FOUND && h[0].pid == 100 && !strcmp(h[0].comm, "qemu-system-x86") &&
	   !strcmp(h[0].guest, "vm1"), "group file holder: pid 100, guest=vm1");
	is_str(holder_text(&h[0], buf, sizeof(buf)), "qemu-system-x86[100] guest vm1", "its text");
	ok(h[1].kind == HOLDER_FOUND && h[1].pid == 200 && !strcmp(h[1].guest, "vm2"),
	   "VFIO cdev holder (matched via sysfs vfio-dev): pid 200, -name vm2");
	ok(h[2].kind == HOLDER_NONE, "a VF on vfio-pci nobody holds (/dev/vfio/vfio is not a group)");
	is_str(holder_text(&h[2], buf, sizeof(buf)), "-", "nobody reads '-'");
	ok(h[3].kind == HOLDER_NONE, "a VF not on vfio-pci has no VFIO holder");

	/* a process whose fds this user may not read */
	fake_proc("500", "secret", "x", 2, NULL);
	fr_abs(p, sizeof(p), "/proc/500/fd");
	chmod(p, 0);
	denied_case(vfs);
	chmod(p, 0755);
	fr_cleanup();
}

static void guest_names(void)
{
	char out[64];
	static const char a[] = "qemu\0-name\0guest=win11,debug-threads=on";
	static const char b[] = "qemu\0-m\0" "4G";
	static const char c[] = "qemu\0-name";

	holder_guest_from_cmdline(a, sizeof(a), out, sizeof(out));
	is_str(out, "win11", "libvirt's -name guest=NAME,...");
	holder_guest_from_cmdline(b, sizeof(b), out, sizeof(out));
	is_str(out, "", "no -name: no guest");
	holder_guest_from_cmdline(c, sizeof(c), out, sizeof(out));
	is_str(out, "", "-name without a value: no guest");
}

int main(void)
{
	table();
	json();
	holders();
	guest_names();
	return tap_done();
}
