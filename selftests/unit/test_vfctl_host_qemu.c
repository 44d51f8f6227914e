// SPDX-License-Identifier: GPL-2.0
/* vfctl launch: the qemu command builder and the shell quoting of --dry-run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu_cmd.h"
#include "vfctl_tap.h"

/* The joined command line for @o, or "ERR: why". Static buffer. */
static const char *line(const struct qemu_opts *o)
{
	static char out[4096];
	struct qemu_argv a;
	char err[256];
	char *s;

	if (qemu_build(o, &a, err, sizeof(err))) {
		snprintf(out, sizeof(out), "ERR: %s", err);
		return out;
	}
	s = shell_join(a.argv);
	snprintf(out, sizeof(out), "%s", s ? s : "(oom)");
	free(s);
	qemu_argv_free(&a);
	return out;
}

static bool has(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

#define BASE "qemu-system-x86_64 -machine q35 -accel tcg -cpu max -m 4G -smp 4"
#define NET "-netdev user,id=net0 -device virtio-net-pci,netdev=net0"

static void test_minimal(void)
{
	struct qemu_opts o = { .kernel = "/boot/vmlinuz" };

	is_str(line(&o), BASE " -kernel /boot/vmlinuz " NET,
	       "kernel only: TCG defaults, user networking");
	o.kvm = true;
	o.host_pci = "0000:02:00.1";
	o.name = "vm one";
	o.qemu = "/opt/qemu/bin/qemu-system-x86_64";
	o.mem = "256M";
	o.cpus = 2;
	is_str(line(&o),
	       "/opt/qemu/bin/qemu-system-x86_64 -name 'vm one' -machine q35 -accel kvm -cpu host -m 256M -smp 2 -kernel /boot/vmlinuz " NET " -device vfio-pci,host=0000:02:00.1,rombar=0",
	       "kvm, name, binary, memory, cpus, vfio device last, its ROM BAR off");
	o.rom = true;
	ok(has(line(&o), " -device vfio-pci,host=0000:02:00.1") &&
	   !has(line(&o), "rombar"), "--vf-rom: the ROM BAR stays on");
}

static void test_display(void)
{
	struct qemu_opts o = { .kernel = "k", .headless = true };

	is_str(line(&o), BASE " -nographic -kernel k -append console=ttyS0 " NET,
	       "headless: -nographic and the console on the serial port");
	o.append = "console=ttyS0 panic=-1";
	ok(has(line(&o), "-append 'console=ttyS0 panic=-1'"), "headless keeps a given --append");
	o.headless = false;
	o.append = NULL;
	o.vnc = ":3";
	is_str(line(&o), BASE " -vnc :3 -kernel k " NET, "vnc :3");
	o.vnc = "127.0.0.1:1";
	ok(has(line(&o), "-vnc 127.0.0.1:1"), "vnc HOST:N");
	o.vnc = "3";
	ok(has(line(&o), "ERR: --vnc"), "vnc without ':' is refused");
	o.vnc = ":x";
	ok(has(line(&o), "ERR: --vnc"), "vnc :x is refused");
	o.vnc = ":1";
	o.headless = true;
	ok(has(line(&o), "ERR: --headless and --vnc"), "headless and vnc together are refused");
}

static void test_disks(void)
{
	struct qemu_opts o = { .disk = "/var/lib/vm/a.qcow2" };

	is_str(line(&o), BASE " -drive file=/var/lib/vm/a.qcow2,if=virtio,format=qcow2 " NET,
	       "qcow2 disk names its format");
	o.disk = "disk.IMG";
	ok(has(line(&o), "file=disk.IMG,if=virtio,format=raw "), ".img is raw");
	o.disk = "disk.vmdk";
	ok(has(line(&o), "file=disk.vmdk,if=virtio -netdev"), "unknown extension: qemu probes");
	o.disk = "my,disk.qcow2";
	ok(has(line(&o), "file=my,,disk.qcow2,if=virtio"), "comma in a path is doubled for qemu");
	o.disk = "it's here.qcow2";
	ok(has(line(&o), "'file=it'\\''s here.qcow2,if=virtio,format=qcow2'"),
	   "quote and space in a path are shell-quoted");
	o.cdrom = "/iso/debian.iso";
	ok(has(line(&o), "-drive file=/iso/debian.iso,media=cdrom,readonly=on -boot once=d"),
	   "cdrom is read-only and booted once");
	o.disk = NULL;
	ok(!has(line(&o), "if=virtio") && has(line(&o), "media=cdrom"), "cdrom alone (live ISO)");
}

static void test_net(void)
{
	struct qemu_opts o = { .kernel = "k", .ssh_port = 2222 };

	ok(has(line(&o), "-netdev user,id=net0,hostfwd=tcp::2222-:22 "), "ssh port forward");
	o.forwards = "tcp:8080:80,udp:5353:53";
	ok(has(line(&o), "user,id=net0,hostfwd=tcp::2222-:22,hostfwd=tcp::8080-:80,hostfwd=udp::5353-:53 "),
	   "ssh plus two forwards");
	o.ssh_port = 0;
	o.forwards = "tcp:1:2,";
	ok(has(line(&o), "user,id=net0,hostfwd=tcp::1-:2 "), "trailing comma tolerated");
	o.no_net = true;
	ok(has(line(&o), "ERR: --no-net"), "--no-net with a forward refused");
	o.forwards = NULL;
	is_str(line(&o), BASE " -kernel k -nic none", "--no-net: no netdev, and -nic none stops qemu's default NIC");
}

static void test_bad_forwards(void)
{
	static const char *const bad[] = {
		"tcp:0:22", "tcp:22", "sctp:1:2", "tcp:1:2:3", "tcp:99999:1",
		"tcp:a:1", ",tcp:1:2", "tcp:1:-2", "tcp::22", "tcp:+1:2",
	};
	struct qemu_opts o = { .kernel = "k" };
	size_t i;
	int refused = 0;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		o.forwards = bad[i];
		if (has(line(&o), "ERR: bad --forward"))
			refused++;
		else
			printf("#   accepted '%s': %s\n", bad[i], line(&o));
	}
	ok(refused == (int)(sizeof(bad) / sizeof(bad[0])), "%d malformed forwards refused", refused);
}

static void test_refusals(void)
{
	struct qemu_opts o = { .kernel = "k" };

	o.mem = "4GB";
	ok(has(line(&o), "ERR: --mem"), "mem 4GB refused");
	o.mem = "G";
	ok(has(line(&o), "ERR: --mem"), "mem G refused");
	o.mem = "1024";
	ok(!has(line(&o), "ERR"), "mem in MiB without suffix accepted");
	o.mem = NULL;
	o.cpus = 2000;
	ok(has(line(&o), "ERR: --cpus"), "2000 cpus refused");
	o.cpus = 0;
	o.kernel = NULL;
	o.initrd = "i";
	ok(has(line(&o), "ERR: --initrd and --append need --kernel"), "initrd without kernel");
	o.initrd = NULL;
	ok(has(line(&o), "ERR: nothing to boot"), "nothing to boot");
}

/* Every combination of the boolean-ish options: invariants hold or it is refused. */
enum { C_HEADLESS, C_VNC, C_DISK, C_CDROM, C_KERNEL, C_INITRD, C_SSH, C_FWD, C_KVM, C_PCI, C_N };

static void combo_opts(unsigned int m, struct qemu_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->headless = m & (1u << C_HEADLESS);
	o->vnc = m & (1u << C_VNC) ? ":1" : NULL;
	o->disk = m & (1u << C_DISK) ? "d.qcow2" : NULL;
	o->cdrom = m & (1u << C_CDROM) ? "i.iso" : NULL;
	o->kernel = m & (1u << C_KERNEL) ? "k" : NULL;
	o->initrd = m & (1u << C_INITRD) ? "r" : NULL;
	o->ssh_port = m & (1u << C_SSH) ? 22022 : 0;
	o->forwards = m & (1u << C_FWD) ? "tcp:8080:80" : NULL;
	o->kvm = m & (1u << C_KVM);
	o->host_pci = m & (1u << C_PCI) ? "0000:02:00.1" : NULL;
}

static bool combo_valid(unsigned int m)
{
	bool boot = m & ((1u << C_DISK) | (1u << C_CDROM) | (1u << C_KERNEL));

	if ((m & (1u << C_HEADLESS)) && (m & (1u << C_VNC)))
		return false;
	if ((m & (1u << C_INITRD)) && !(m & (1u << C_KERNEL)))
		return false;
	return boot;
}

static int count(char **argv, const char *word)
{
	int n = 0;

	for (; *argv; argv++)
		n += !strcmp(*argv, word);
	return n;
}

/* The invariants of a built argv for mask @m; a failure text or NULL. */
static const char *combo_check(unsigned int m, struct qemu_argv *a)
{
	bool want_append = (m & (1u << C_HEADLESS)) && (m & (1u << C_KERNEL));

	if (a->argv[a->argc] != NULL)
		return "argv not NULL terminated";
	if (count(a->argv, "-nographic") != !!(m & (1u << C_HEADLESS)))
		return "-nographic iff headless";
	if (count(a->argv, "-vnc") != !!(m & (1u << C_VNC)))
		return "-vnc iff vnc";
	if (count(a->argv, "-drive") != !!(m & (1u << C_DISK)) + !!(m & (1u << C_CDROM)))
		return "one -drive per disk and cdrom";
	if (count(a->argv, "-append") != want_append)
		return "-append only for headless kernel boot";
	if (count(a->argv, "kvm") != !!(m & (1u << C_KVM)))
		return "-accel kvm iff kvm";
	if (count(a->argv, "-netdev") != 1)
		return "exactly one netdev";
	if ((m & (1u << C_PCI)) && strcmp(a->argv[a->argc - 1], "vfio-pci,host=0000:02:00.1,rombar=0"))
		return "vfio device is the last argument";
	return NULL;
}

static void test_combinations(void)
{
	unsigned int m, built = 0, refused = 0, wrong = 0;

	for (m = 0; m < (1u << C_N); m++) {
		struct qemu_opts o;
		struct qemu_argv a;
		const char *why;
		char err[256];
		int rc;

		combo_opts(m, &o);
		rc = qemu_build(&o, &a, err, sizeof(err));
		if (rc != (combo_valid(m) ? 0 : -1)) {
			if (wrong++ < 5)
				printf("#   mask 0x%x: rc %d (%s)\n", m, rc, rc ? err : "built");
			if (!rc)
				qemu_argv_free(&a);
			continue;
		}
		if (rc) {
			refused++;
			continue;
		}
		why = combo_check(m, &a);
		if (why && wrong++ < 5)
			printf("#   mask 0x%x: %s\n", m, why);
		built++;
		qemu_argv_free(&a);
	}
	ok(!wrong, "%u option combinations: %u built with all invariants, %u refused as invalid",
	   1u << C_N, built, refused);
}

static void test_firmware(void)
{
	struct qemu_opts o = { .kernel = "k", .no_net = true,
			       .fw_code = "/usr/share/OVMF/OVMF_CODE_4M.fd",
			       .fw_vars = "/var/lib/vfctl/g,1_VARS.fd" };

	is_str(line(&o), BASE " -drive if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd"
	       " -drive if=pflash,format=raw,unit=1,file=/var/lib/vfctl/g,,1_VARS.fd -kernel k -nic none",
	       "uefi: code read-only, the guest's vars writable, comma escaped");
	o.fw_vars = NULL;
	ok(has(line(&o), "ERR: UEFI needs both"), "code without vars refused");
	o.fw_code = NULL;
	o.debugcon = "/tmp/fw.log";
	ok(has(line(&o), " -debugcon file:/tmp/fw.log -global isa-debugcon.iobase=0x402"),
	   "debugcon on OVMF's port 0x402");
	o.runas = "nobody";
	o.host_pci = "0000:02:00.1";
	ok(has(line(&o), " -runas nobody -device vfio-pci,host=0000:02:00.1,rombar=0"),
	   "runas before the vfio device (still last)");
}

static void test_mem_bytes(void)
{
	ok(qemu_mem_bytes(NULL) == 4ULL << 30, "mem default 4G");
	ok(qemu_mem_bytes("256M") == 256ULL << 20, "256M");
	ok(qemu_mem_bytes("1024") == 1ULL << 30, "no suffix is MiB, as qemu reads it");
	ok(qemu_mem_bytes("2t") == 2ULL << 40, "2t");
	ok(qemu_mem_bytes("64K") == 64ULL << 10, "64K");
	ok(qemu_mem_bytes("4GB") == 0 && qemu_mem_bytes("") == 0, "bad sizes: 0");
	ok(qemu_mem_bytes("99999999999999999999T") == 0, "overflow: 0");
}

static void test_windows(void)
{
	struct qemu_opts o = { .disk = "w.qcow2", .cdrom = "win.iso", .windows = true };
	const char *l = line(&o);

	ok(has(l, "-cpu max,hv_relaxed,hv_vapic,hv_spinlocks=0x1fff,hv_time "), "windows: Hyper-V enlightenments (tcg)");
	ok(has(l, "-drive file=w.qcow2,if=ide,format=qcow2 "), "windows: disk on AHCI, no virtio driver needed");
	ok(has(l, "-device e1000e,netdev=net0"), "windows: e1000e NIC");
	ok(has(l, "-rtc base=localtime") && has(l, "-device usb-tablet"), "windows: localtime RTC, USB tablet");
	o.kvm = true;
	ok(has(line(&o), "-cpu host,hv_relaxed,"), "windows: enlightenments on kvm's host cpu");
	o.windows = false;
	ok(!has(line(&o), "hv_") && !has(line(&o), "-rtc"), "not windows: none of it");
}

/* Have /bin/sh split @joined back into words, one per line. */
static void sh_words(const char *joined, char *out, size_t len)
{
	char cmd[2048];
	size_t n;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "printf '%%s|' %s", joined);
	p = popen(cmd, "r");
	n = p ? fread(out, 1, len - 1, p) : 0;
	out[n] = 0;
	if (p)
		pclose(p);
}

static void test_quoting(void)
{
	char *const argv[] = {
		"plain", "with space", "it's", "", "$HOME", "a\"b", "`x`", "a;b",
		"tab\there", "*", "x=y,z:1/2.3@4%5+6-7_8", "'", NULL,
	};
	char back[1024];
	char *j = shell_join(argv);

	ok(j != NULL, "join");
	if (!j)
		return;
	is_str(j, "plain 'with space' 'it'\\''s' '' '$HOME' 'a\"b' '`x`' 'a;b' 'tab\there' '*' x=y,z:1/2.3@4%5+6-7_8 ''\\'''",
	       "quoted exactly as expected");
	sh_words(j, back, sizeof(back));
	is_str(back, "plain|with space|it's||$HOME|a\"b|`x`|a;b|tab\there|*|x=y,z:1/2.3@4%5+6-7_8|'|",
	       "/bin/sh reads the line back as the same words");
	free(j);
	j = qemu_escape("a,b,,c");
	is_str(j, "a,,b,,,,c", "qemu_escape doubles every comma");
	free(j);
}

int main(void)
{
	test_minimal();
	test_display();
	test_disks();
	test_net();
	test_bad_forwards();
	test_refusals();
	test_combinations();
	test_firmware();
	test_windows();
	test_mem_bytes();
	test_quoting();
	return tap_done();
}
