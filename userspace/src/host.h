/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host access for check, kernel-args, passthrough and launch: every path
 * under /sys, /proc, /dev, /etc and /lib/modules goes through a root prefix
 * ("" on a real host, $VFCTL_ROOT or --root in tests), so the unit tests run
 * the same code on a fake tree in a temp directory.
 */
#ifndef VFCTL_HOST_H
#define VFCTL_HOST_H

#include <stdbool.h>
#include <stddef.h>

#define HOST_PATH_MAX 512
#define PCI_ADDR_LEN 16		/* "dddd:bb:dd.f" + NUL */

/* "" or NULL: the real root. Not copied: @root must outlive its use. */
void host_set_root(const char *root);
/* From $VFCTL_ROOT unless host_set_root() was called. */
const char *host_root(void);
/* True when a root prefix is set (tests): never run host tools then. */
bool host_is_fake(void);

/* @buf = root + printf(@fmt). 0, or -1 when it does not fit. */
int host_path(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Append printf output to the string in @buf, cut at @len. */
void str_append(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Read a small file under the root into @buf, trailing newline cut. -errno. */
int host_read(const char *path, char *buf, size_t len);
int host_read_ul(const char *path, unsigned long *val);	/* base 0 */
/* One write(2) of @val to a file under the root (sysfs style). -errno. */
int host_write(const char *path, const char *val);
/* Create or replace a regular file under the root with @val. -errno. */
int host_write_file(const char *path, const char *val);
bool host_exists(const char *path);
/* Basename of the symlink @path under the root. -errno. */
int host_link_name(const char *path, char *buf, size_t len);
/* /dev/kvm opens read-write. Else false with errno's text in @why. */
bool host_kvm_usable(char *why, size_t len);
/*
 * The IOMMU is AMD's: an IVRS table, or no DMAR table and an AMD CPU. (The
 * svm flag alone says nothing: TCG's -cpu max has it on any host.)
 */
bool host_iommu_amd(void);
/* Whether /proc/cpuinfo's flags line has @flag. */
bool host_cpu_flag(const char *flag);
/* Whether the kernel command line has @arg (whole word or key=value). */
bool host_cmdline_has(const char *arg);

enum host_mod {
	MOD_ABSENT,
	MOD_AVAILABLE,	/* a .ko in modules.dep, not loaded */
	MOD_BUILTIN,	/* in modules.builtin */
	MOD_LOADED,	/* /sys/module/NAME (loaded, or built in with params) */
};

/* A kernel module by name (vfio-pci and vfio_pci are the same). */
enum host_mod host_module(const char *name);
/* Where modules.dep of the running kernel has @name ("updates/dkms/i915.ko"). -ENOENT. */
int host_module_path(const char *name, char *path, size_t len);
/*
 * The first kernel log record (/dev/kmsg) holding both @a and @b, its text
 * into @out: 1, 0 none, -errno when the log cannot be read (dmesg_restrict).
 */
int host_kmsg_find(const char *a, const char *b, char *out, size_t len);
const char *host_mod_name(enum host_mod m);

/*
 * Run @argv (PATH lookup) and wait. Its exit status, 127 when it could not be
 * started, -1 when it died from a signal. Never under a fake root: the
 * callers check host_is_fake() first.
 */
int host_run(char *const argv[]);
/* Whether @prog is an executable in $PATH. */
bool host_have_prog(const char *prog);
/*
 * A host tool (update-grub, grubby, ...): on the real root from $PATH; under
 * a root prefix only from $VFCTL_TOOL_DIR (tests put fakes there that record
 * their argv), never from $PATH, so a test cannot run the host's own tools.
 * Its path into @buf; false when there is none.
 */
bool host_find_tool(const char *prog, char *buf, size_t len);
/* host_run() of @argv, argv[0] found by host_find_tool(); 127 when absent. */
int host_run_tool(char *const argv[]);
/* mkdir -p of a directory under the root. -errno. */
int host_mkdirs(const char *path);

/* PCI devices (under /sys/bus/pci/devices). */
bool pci_exists(const char *addr);
/* The bound driver's name, "" when none. */
void pci_driver(const char *addr, char *buf, size_t len);
/* vfio-pci or xe's VFIO variant driver: the device is handed out by VFIO. */
bool pci_driver_is_vfio(const char *drv);
int pci_attr_ul(const char *addr, const char *attr, unsigned long *val);
int pci_iommu_group(const char *addr);	/* -1 without an IOMMU group */
bool pci_is_bridge(const char *addr);	/* class 0x0604xx */
/* Address of VF @n (1-based) of @pf from its virtfn(n-1) link. -errno. */
int pci_vf_addr(const char *pf, unsigned int n, char *out, size_t len);
/*
 * Normalise a PCI address ("4d:00.0" -> "0000:4d:00.0") or resolve a drm
 * card name (card0) to its PCI address. 0, or -1 with @err.
 */
int pci_resolve(const char *spec, char *out, size_t len, char *err,
		size_t errlen);

/* A display controller (PCI class 0x03xxxx). */
struct pci_gpu {
	char addr[PCI_ADDR_LEN];
	unsigned int vendor, device;
	int total_vfs;		/* -1: no SR-IOV capability */
	int num_vfs;
	int group;		/* IOMMU group, -1 none */
	char driver[32];	/* "" none */
	const char *model;	/* known SR-IOV GPU, else NULL */
};

#define PCI_MAX_GPUS 16

/* The GPUs, sorted by address. Their count. */
int pci_list_gpus(struct pci_gpu *out, int max);
/* "Intel Data Center GPU Flex 170" for 8086:56c0, ... else NULL. */
const char *gpu_model(unsigned int vendor, unsigned int device);

/*
 * An IOMMU group is viable for VFIO when every member except @except is
 * bound to vfio-pci or pci-stub, has no driver, or is a PCI bridge. 1 viable, 0 not
 * (@why names the first offender), -1 no such group.
 */
int iommu_group_viable(int group, const char *except, char *why, size_t len);

/*
 * Whether a process holds @pf's drm nodes (/dev/dri/cardN, renderDN) or its
 * /dev/vfio/<group> open, from the /proc/PID/fd links. 1 with "pid N
 * (comm) has /dev/..." in @why, else 0.
 */
int pci_in_use(const char *pf, char *why, size_t len);

/*
 * Bind @addr to @driver through driver_override + unbind + drivers_probe.
 * @driver NULL or "": clear driver_override and let the kernel choose.
 * 0, or -1 with @err.
 */
int pci_rebind(const char *addr, const char *driver, char *err, size_t len);

#endif
