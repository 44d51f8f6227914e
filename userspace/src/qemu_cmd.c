// SPDX-License-Identifier: GPL-2.0
/* qemu command line builder for `vfctl launch` (pure, no host access). */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu_cmd.h"

#define QEMU_DEFAULT "qemu-system-x86_64"

/* Sticky error: after a failed allocation every push is a no-op. */
struct builder {
	struct qemu_argv *a;
	bool oom;
};

static void push_owned(struct builder *b, char *s)
{
	struct qemu_argv *a = b->a;

	if (!s)
		b->oom = true;
	if (b->oom) {
		free(s);
		return;
	}
	if (a->argc + 2 > a->cap) {
		int cap = a->cap ? a->cap * 2 : 32;
		char **v = realloc(a->argv, (size_t)cap * sizeof(*v));

		if (!v) {
			b->oom = true;
			free(s);
			return;
		}
		a->argv = v;
		a->cap = cap;
	}
	a->argv[a->argc++] = s;
	a->argv[a->argc] = NULL;
}

static void push(struct builder *b, const char *s)
{
	push_owned(b, strdup(s));
}

static void pushf(struct builder *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void pushf(struct builder *b, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	push_owned(b, s);
}

char *qemu_escape(const char *s)
{
	char *out = malloc(strlen(s) * 2 + 1), *p = out;

	if (!out)
		return NULL;
	for (; *s; s++) {
		*p++ = *s;
		if (*s == ',')
			*p++ = ',';
	}
	*p = 0;
	return out;
}

/* -drive file=...: commas in a path must be doubled for qemu. */
static void push_drive(struct builder *b, const char *file, const char *rest)
{
	char *esc = qemu_escape(file);

	if (!esc) {
		b->oom = true;
		return;
	}
	push(b, "-drive");
	pushf(b, "file=%s,%s", esc, rest);
	free(esc);
}

static const char *ends(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && !strcasecmp(s + ls - lx, suffix) ? s : NULL;
}

/* Naming the format stops qemu probing (and warning about) raw images. */
static const char *disk_format(const char *file)
{
	if (ends(file, ".qcow2"))
		return ",format=qcow2";
	if (ends(file, ".img") || ends(file, ".raw"))
		return ",format=raw";
	return "";
}

static int parse_port(const char *s, unsigned int *port, const char **end)
{
	char *e;
	unsigned long v = strtoul(s, &e, 10);

	if (e == s || v < 1 || v > 65535 || !isdigit((unsigned char)*s))
		return -1;
	*port = (unsigned int)v;
	*end = e;
	return 0;
}

/* "tcp:H:G" -> ",hostfwd=tcp::H-:G" appended to @net. */
static int add_forward(const char *spec, size_t len, char *net, size_t netlen,
		       char *err, size_t errlen)
{
	char one[64], proto[4];
	unsigned int hp, gp;
	const char *p;

	if (len >= sizeof(one) || len < 5)
		goto bad;
	memcpy(one, spec, len);
	one[len] = 0;
	if (strncmp(one, "tcp:", 4) && strncmp(one, "udp:", 4))
		goto bad;
	memcpy(proto, one, 3);
	proto[3] = 0;
	if (parse_port(one + 4, &hp, &p) || *p != ':' ||
	    parse_port(p + 1, &gp, &p) || *p)
		goto bad;
	len = strlen(net);
	snprintf(net + len, netlen - len, ",hostfwd=%s::%u-:%u", proto, hp, gp);
	return 0;
bad:
	snprintf(err, errlen, "bad --forward '%.*s': want tcp:HOSTPORT:GUESTPORT or udp:...",
		 (int)len, spec);
	return -1;
}

static int build_net(const struct qemu_opts *o, struct builder *b, char *err,
		     size_t errlen)
{
	char net[1024] = "user,id=net0";
	const char *p = o->forwards;

	if (o->no_net) {
		/* without any -nic/-netdev qemu adds its default NIC (and iPXE) */
		push(b, "-nic");
		push(b, "none");
		return 0;
	}
	if (o->ssh_port)
		snprintf(net + strlen(net), sizeof(net) - strlen(net),
			 ",hostfwd=tcp::%u-:22", o->ssh_port);
	while (p && *p) {
		size_t len = strcspn(p, ",");

		if (add_forward(p, len, net, sizeof(net), err, errlen))
			return -1;
		p += len + (p[len] == ',');
	}
	push(b, "-netdev");
	push(b, net);
	push(b, "-device");
	push(b, o->windows ? "e1000e,netdev=net0" : "virtio-net-pci,netdev=net0");
	return 0;
}

static bool valid_mem(const char *m)
{
	size_t i = 0;

	while (isdigit((unsigned char)m[i]))
		i++;
	if (!i)
		return false;
	return !m[i] || (strchr("KMGTkmgt", m[i]) && !m[i + 1]);
}

/* -vnc takes ":N" or "HOST:N"; anything else qemu rejects later and worse. */
static bool valid_vnc(const char *v)
{
	const char *colon = strrchr(v, ':');
	size_t i;

	if (!colon || !colon[1])
		return false;
	for (i = 1; colon[i]; i++)
		if (!isdigit((unsigned char)colon[i]))
			return false;
	return true;
}

unsigned long long qemu_mem_bytes(const char *mem)
{
	static const char units[] = "KMGT";
	unsigned long long v;
	const char *u;
	char *end;
	int shift;

	if (!mem)
		return 4ULL << 30;
	if (!valid_mem(mem))
		return 0;
	v = strtoull(mem, &end, 10);
	u = *end ? strchr(units, toupper((unsigned char)*end)) : units + 1;
	shift = 10 * (int)(u - units + 1);
	if (v > (~0ULL >> shift))
		return 0;
	return v << shift;
}

static int check_opts(const struct qemu_opts *o, char *err, size_t errlen)
{
	const char *why = NULL;

	if (o->headless && o->vnc)
		why = "--headless and --vnc exclude each other";
	else if (o->vnc && !valid_vnc(o->vnc))
		why = "--vnc wants a display like :1";
	else if (o->mem && !valid_mem(o->mem))
		why = "--mem wants a size like 4G or 512M";
	else if (o->cpus > 1024)
		why = "--cpus wants 1..1024";
	else if (o->no_net && (o->ssh_port || o->forwards))
		why = "--no-net excludes --ssh-port and --forward";
	else if ((o->initrd || o->append) && !o->kernel)
		why = "--initrd and --append need --kernel";
	else if (!o->fw_code != !o->fw_vars)
		why = "UEFI needs both the OVMF code and a vars file";
	else if (!o->disk && !o->cdrom && !o->kernel)
		why = "nothing to boot: give --disk, --cdrom or --kernel";
	if (why)
		snprintf(err, errlen, "%s", why);
	return why ? -1 : 0;
}

static void build_machine(const struct qemu_opts *o, struct builder *b)
{
	push(b, o->qemu ? o->qemu : QEMU_DEFAULT);
	if (o->name) {
		push(b, "-name");
		push(b, o->name);
	}
	push(b, "-machine");
	push(b, "q35");
	push(b, "-accel");
	push(b, o->kvm ? "kvm" : "tcg");
	push(b, "-cpu");
	/*
	 * Windows runs markedly better (and without timer drift) with the
	 * Hyper-V enlightenments it looks for; other guests ignore them.
	 */
	pushf(b, "%s%s", o->kvm ? "host" : "max",
	      o->windows ? ",hv_relaxed,hv_vapic,hv_spinlocks=0x1fff,hv_time" : "");
	push(b, "-m");
	push(b, o->mem ? o->mem : "4G");
	push(b, "-smp");
	pushf(b, "%u", o->cpus ? o->cpus : 4);
}

/* OVMF: code read-only and shared, vars writable and this guest's own. */
static void build_firmware(const struct qemu_opts *o, struct builder *b)
{
	char *code, *vars;

	if (!o->fw_code)
		return;
	code = qemu_escape(o->fw_code);
	vars = qemu_escape(o->fw_vars);
	push(b, "-drive");
	pushf(b, "if=pflash,format=raw,unit=0,readonly=on,file=%s", code ? code : "");
	push(b, "-drive");
	pushf(b, "if=pflash,format=raw,unit=1,file=%s", vars ? vars : "");
	if (!code || !vars)
		b->oom = true;
	free(code);
	free(vars);
}

static void build_extras(const struct qemu_opts *o, struct builder *b)
{
	if (o->windows) {
		/* Windows keeps the RTC in local time; a tablet makes VNC's pointer track. */
		push(b, "-rtc");
		push(b, "base=localtime");
		push(b, "-device");
		push(b, "qemu-xhci");
		push(b, "-device");
		push(b, "usb-tablet");
	}
	if (o->debugcon) {
		char *esc = qemu_escape(o->debugcon);

		push(b, "-debugcon");
		pushf(b, "file:%s", esc ? esc : "");
		if (!esc)
			b->oom = true;
		free(esc);
		push(b, "-global");
		push(b, "isa-debugcon.iobase=0x402");
	}
	if (o->runas) {
		push(b, "-runas");
		push(b, o->runas);
	}
}

static void build_display(const struct qemu_opts *o, struct builder *b)
{
	if (o->headless) {
		push(b, "-nographic");
	} else if (o->vnc) {
		push(b, "-vnc");
		push(b, o->vnc);
	}
}

static void build_boot(const struct qemu_opts *o, struct builder *b)
{
	if (o->disk) {
		char rest[64];

		/* Windows has AHCI drivers in the box, virtio ones come from virtio-win. */
		snprintf(rest, sizeof(rest), "if=%s%s", o->windows ? "ide" : "virtio",
			 disk_format(o->disk));
		push_drive(b, o->disk, rest);
	}
	if (o->cdrom) {
		push_drive(b, o->cdrom, "media=cdrom,readonly=on");
		push(b, "-boot");
		push(b, "once=d");	/* install from the medium, then the disk */
	}
	if (!o->kernel)
		return;
	push(b, "-kernel");
	push(b, o->kernel);
	if (o->initrd) {
		push(b, "-initrd");
		push(b, o->initrd);
	}
	if (o->append || o->headless) {
		push(b, "-append");
		/* -nographic puts the serial port on stdio: send the console there. */
		push(b, o->append ? o->append : "console=ttyS0");
	}
}

int qemu_build(const struct qemu_opts *o, struct qemu_argv *out, char *err,
	       size_t errlen)
{
	struct builder b = { .a = out };

	memset(out, 0, sizeof(*out));
	if (check_opts(o, err, errlen))
		return -1;
	build_machine(o, &b);
	build_firmware(o, &b);
	build_display(o, &b);
	build_boot(o, &b);
	if (build_net(o, &b, err, errlen)) {
		qemu_argv_free(out);
		return -1;
	}
	build_extras(o, &b);
	if (o->host_pci) {
		/*
		 * A VF has no usable option ROM: rombar=0 hides the BAR, so
		 * firmware neither maps nor runs it, and qemu does not probe it.
		 */
		push(&b, "-device");
		pushf(&b, "vfio-pci,host=%s%s", o->host_pci, o->rom ? "" : ",rombar=0");
	}
	if (b.oom) {
		qemu_argv_free(out);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

void qemu_argv_free(struct qemu_argv *a)
{
	int i;

	for (i = 0; i < a->argc; i++)
		free(a->argv[i]);
	free(a->argv);
	memset(a, 0, sizeof(*a));
}

static bool shell_safe(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("_@%+=:,./-", *s))
			return false;
	return true;
}

/* Append @s single-quoted (' becomes '\''). @p has room (see shell_join). */
static char *quote_into(char *p, const char *s)
{
	if (shell_safe(s))
		return stpcpy(p, s);
	*p++ = '\'';
	for (; *s; s++)
		p = *s == '\'' ? stpcpy(p, "'\\''") : (*p = *s, p + 1);
	*p++ = '\'';
	return p;
}

char *shell_join(char *const *argv)
{
	size_t len = 1;
	char *out, *p;
	int i;

	for (i = 0; argv[i]; i++)
		len += strlen(argv[i]) * 4 + 3;	/* worst case: all quotes */
	out = malloc(len);
	if (!out)
		return NULL;
	p = out;
	for (i = 0; argv[i]; i++) {
		if (i)
			*p++ = ' ';
		p = quote_into(p, argv[i]);
	}
	*p = 0;
	return out;
}
