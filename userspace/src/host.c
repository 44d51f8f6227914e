// SPDX-License-Identifier: GPL-2.0
/* Host access through a root prefix: files, modules, PCI, IOMMU groups. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "host.h"
#include "pfaddr.h"

static const char *root_prefix;
static bool root_set;

void host_set_root(const char *root)
{
	root_prefix = root ? root : "";
	root_set = true;
}

const char *host_root(void)
{
	if (!root_set) {
		const char *env = getenv("VFCTL_ROOT");

		host_set_root(env ? env : "");
	}
	return root_prefix;
}

bool host_is_fake(void)
{
	return host_root()[0] != 0;
}

int host_path(char *buf, size_t len, const char *fmt, ...)
{
	size_t n = (size_t)snprintf(buf, len, "%s", host_root());
	va_list ap;
	int m;

	if (n >= len)
		return -1;
	va_start(ap, fmt);
	m = vsnprintf(buf + n, len - n, fmt, ap);
	va_end(ap);
	return m < 0 || (size_t)m >= len - n ? -1 : 0;
}

void str_append(char *buf, size_t len, const char *fmt, ...)
{
	size_t used = strnlen(buf, len);
	va_list ap;

	if (used + 1 >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
}

int host_read(const char *path, char *buf, size_t len)
{
	char p[HOST_PATH_MAX];
	ssize_t n;
	int fd, err;

	if (host_path(p, sizeof(p), "%s", path))
		return -ENAMETOOLONG;
	fd = open(p, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	err = errno;
	close(fd);
	if (n < 0)
		return -err;
	buf[n] = 0;
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = 0;
	return 0;
}

int host_read_ul(const char *path, unsigned long *val)
{
	char buf[64], *end;
	int rc = host_read(path, buf, sizeof(buf));

	if (rc)
		return rc;
	errno = 0;
	*val = strtoul(buf, &end, 0);
	return errno || end == buf ? -EINVAL : 0;
}

/* One write(2) of @val to @path under the root prefix, opened with @flags. */
static int host_write_flags(const char *path, const char *val, int flags)
{
	char p[HOST_PATH_MAX];
	size_t len = strlen(val);
	ssize_t n;
	int fd, err;

	if (host_path(p, sizeof(p), "%s", path))
		return -ENAMETOOLONG;
	fd = open(p, O_WRONLY | O_CLOEXEC | flags, 0644);
	if (fd < 0)
		return -errno;
	n = write(fd, val, len);
	err = errno;
	close(fd);
	if (n < 0)
		return -err;
	return (size_t)n == len ? 0 : -EIO;
}

int host_write(const char *path, const char *val)
{
	/* O_TRUNC|O_CREAT only matter on the fake tree; sysfs ignores them. */
	return host_write_flags(path, val,
				host_is_fake() ? O_CREAT | O_TRUNC : 0);
}

int host_write_file(const char *path, const char *val)
{
	return host_write_flags(path, val, O_CREAT | O_TRUNC);
}

bool host_exists(const char *path)
{
	char p[HOST_PATH_MAX];
	struct stat st;

	return !host_path(p, sizeof(p), "%s", path) && lstat(p, &st) == 0;
}

int host_link_name(const char *path, char *buf, size_t len)
{
	char p[HOST_PATH_MAX], target[HOST_PATH_MAX];
	ssize_t n;
	const char *base;

	if (host_path(p, sizeof(p), "%s", path))
		return -ENAMETOOLONG;
	n = readlink(p, target, sizeof(target) - 1);
	if (n < 0)
		return -errno;
	target[n] = 0;
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (strlen(base) >= len)
		return -ENAMETOOLONG;
	strcpy(buf, base);
	return 0;
}

bool host_kvm_usable(char *why, size_t len)
{
	char p[HOST_PATH_MAX];
	int fd = -1;

	errno = ENAMETOOLONG;
	if (!host_path(p, sizeof(p), "/dev/kvm"))
		fd = open(p, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, len, "%s", strerror(errno));
		return false;
	}
	close(fd);
	why[0] = 0;
	return true;
}

/* Whether the space separated @list has @word. */
static bool has_word(const char *list, const char *word)
{
	size_t wl = strlen(word);
	const char *p = list;

	while ((p = strstr(p, word))) {
		bool start = p == list || isspace((unsigned char)p[-1]);
		char end = p[wl];

		if (start && (end == 0 || isspace((unsigned char)end)))
			return true;
		p += wl;
	}
	return false;
}

bool host_cpu_flag(const char *flag)
{
	char p[HOST_PATH_MAX], line[4096];
	bool found = false;
	FILE *f;

	if (host_path(p, sizeof(p), "/proc/cpuinfo") || !(f = fopen(p, "re")))
		return false;
	/* One CPU is enough: the flags of all CPUs agree. */
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "flags", 5)) {
			char *colon = strchr(line, ':');

			found = colon && has_word(colon + 1, flag);
			break;
		}
	fclose(f);
	return found;
}

bool host_iommu_amd(void)
{
	char p[HOST_PATH_MAX], line[256];
	bool amd = false;
	FILE *f;

	if (host_exists("/sys/firmware/acpi/tables/IVRS"))
		return true;
	if (host_exists("/sys/firmware/acpi/tables/DMAR"))
		return false;
	if (host_path(p, sizeof(p), "/proc/cpuinfo") || !(f = fopen(p, "re")))
		return false;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "vendor_id", 9)) {
			amd = strstr(line, "AuthenticAMD") || strstr(line, "HygonGenuine");
			break;
		}
	fclose(f);
	return amd;
}

bool host_cmdline_has(const char *arg)
{
	char buf[4096];

	return !host_read("/proc/cmdline", buf, sizeof(buf)) &&
	       has_word(buf, arg);
}

/* vfio-pci -> vfio_pci: /sys/module and modules.* spell them differently. */
static void mod_norm(const char *in, char *out, size_t len)
{
	size_t i;

	for (i = 0; in[i] && i + 1 < len; i++)
		out[i] = in[i] == '-' ? '_' : in[i];
	out[i] = 0;
}

/*
 * Find module @mod in the modules.dep/modules.builtin style @file of the
 * running kernel; its path there (relative to /lib/modules/KVER) into @path.
 */
static bool modlist_find(const char *file, const char *mod, char *path,
			 size_t plen)
{
	char p[HOST_PATH_MAX], line[1024], name[128];
	struct utsname u;
	bool found = false;
	FILE *f;

	if (uname(&u) || host_path(p, sizeof(p), "/lib/modules/%s/%s",
				   u.release, file) || !(f = fopen(p, "re")))
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':'), *base, *dot;

		if (colon)
			*colon = 0;
		line[strcspn(line, "\n")] = 0;
		if (path)
			snprintf(path, plen, "%s", line);
		base = strrchr(line, '/');
		base = base ? base + 1 : line;
		dot = strstr(base, ".ko");
		if (dot)
			*dot = 0;
		mod_norm(base, name, sizeof(name));
		found = !strcmp(name, mod);
	}
	fclose(f);
	return found;
}

static bool modlist_has(const char *file, const char *mod)
{
	return modlist_find(file, mod, NULL, 0);
}

int host_module_path(const char *name, char *path, size_t len)
{
	char mod[128];

	mod_norm(name, mod, sizeof(mod));
	return modlist_find("modules.dep", mod, path, len) ? 0 : -ENOENT;
}

enum host_mod host_module(const char *name)
{
	char mod[128], p[HOST_PATH_MAX];

	mod_norm(name, mod, sizeof(mod));
	snprintf(p, sizeof(p), "/sys/module/%s", mod);
	if (host_exists(p))
		return MOD_LOADED;
	if (modlist_has("modules.builtin", mod))
		return MOD_BUILTIN;
	if (modlist_has("modules.dep", mod))
		return MOD_AVAILABLE;
	return MOD_ABSENT;
}

const char *host_mod_name(enum host_mod m)
{
	static const char *const names[] = {
		[MOD_ABSENT] = "absent", [MOD_AVAILABLE] = "available",
		[MOD_BUILTIN] = "built in", [MOD_LOADED] = "loaded",
	};

	return names[m];
}

bool pci_exists(const char *addr)
{
	char p[HOST_PATH_MAX];

	snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s", addr);
	return host_exists(p);
}

void pci_driver(const char *addr, char *buf, size_t len)
{
	char p[HOST_PATH_MAX];

	snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/driver", addr);
	if (host_link_name(p, buf, len))
		buf[0] = 0;
}

bool pci_driver_is_vfio(const char *drv)
{
	return !strcmp(drv, "vfio-pci") || !strcmp(drv, "xe-vfio-pci");
}

int pci_attr_ul(const char *addr, const char *attr, unsigned long *val)
{
	char p[HOST_PATH_MAX];

	snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/%s", addr, attr);
	return host_read_ul(p, val);
}

int pci_iommu_group(const char *addr)
{
	char p[HOST_PATH_MAX], name[32];
	char *end;
	long g;

	snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/iommu_group", addr);
	if (host_link_name(p, name, sizeof(name)))
		return -1;
	g = strtol(name, &end, 10);
	return *end || g < 0 || g > 1000000 ? -1 : (int)g;
}

bool pci_is_bridge(const char *addr)
{
	unsigned long cls;

	return !pci_attr_ul(addr, "class", &cls) && (cls >> 8) == 0x0604;
}

int pci_vf_addr(const char *pf, unsigned int n, char *out, size_t len)
{
	char p[HOST_PATH_MAX];

	if (n < 1)
		return -EINVAL;
	snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/virtfn%u", pf, n - 1);
	return host_link_name(p, out, len);
}

int pci_resolve(const char *spec, char *out, size_t len, char *err,
		size_t errlen)
{
	char p[HOST_PATH_MAX];
	unsigned int idx;

	switch (pfaddr_classify(spec, out, len, &idx)) {
	case PFADDR_PCI:
		break;
	case PFADDR_CARD:
		snprintf(p, sizeof(p), "/sys/class/drm/%s/device", spec);
		if (host_link_name(p, out, len)) {
			snprintf(err, errlen, "no drm device %s", spec);
			return -1;
		}
		break;
	default:
		snprintf(err, errlen,
			 "'%s' is not a PCI address (0000:4d:00.0) or a drm card (card0)",
			 spec);
		return -1;
	}
	if (!pci_exists(out)) {
		snprintf(err, errlen, "no PCI device %s", out);
		return -1;
	}
	return 0;
}

/* Why @addr keeps a group from being viable, or "" when it does not. */
static void member_problem(const char *addr, char *why, size_t len)
{
	char drv[64];

	why[0] = 0;
	pci_driver(addr, drv, sizeof(drv));
	/* what VFIO accepts in a group besides itself: no driver, pci-stub */
	if (!drv[0] || pci_driver_is_vfio(drv) || !strcmp(drv, "pci-stub") ||
	    pci_is_bridge(addr))
		return;
	snprintf(why, len, "%s is bound to %s", addr, drv);
}

int iommu_group_viable(int group, const char *except, char *why, size_t len)
{
	char p[HOST_PATH_MAX];
	struct dirent *de;
	int viable = 1;
	DIR *d;

	if (host_path(p, sizeof(p), "/sys/kernel/iommu_groups/%d/devices", group) ||
	    !(d = opendir(p))) {
		snprintf(why, len, "no IOMMU group %d", group);
		return -1;
	}
	why[0] = 0;
	while (viable && (de = readdir(d))) {
		if (de->d_name[0] == '.' ||
		    (except && !strcmp(de->d_name, except)))
			continue;
		member_problem(de->d_name, why, len);
		viable = !why[0];
	}
	closedir(d);
	return viable;
}

/* The /dev paths through which a process can use @pf. */
struct dev_nodes {
	int n;
	char path[8][64];
};

static void add_node(struct dev_nodes *nodes, const char *fmt, const char *arg)
{
	int n;

	if (nodes->n >= 8)
		return;
	n = snprintf(nodes->path[nodes->n], sizeof(nodes->path[0]), fmt, arg);
	if (n > 0 && (size_t)n < sizeof(nodes->path[0]))
		nodes->n++;	/* a cut path would match nothing anyway */
}

static void pf_nodes(const char *pf, struct dev_nodes *nodes)
{
	char p[HOST_PATH_MAX], grp[16];
	struct dirent *de;
	DIR *d;
	int g = pci_iommu_group(pf);

	nodes->n = 0;
	if (g >= 0) {
		snprintf(grp, sizeof(grp), "%d", g);
		add_node(nodes, "/dev/vfio/%s", grp);
	}
	if (host_path(p, sizeof(p), "/sys/bus/pci/devices/%s/drm", pf) ||
	    !(d = opendir(p)))
		return;
	while ((de = readdir(d)))
		if (!strncmp(de->d_name, "card", 4) ||
		    !strncmp(de->d_name, "render", 6))
			add_node(nodes, "/dev/dri/%s", de->d_name);
	closedir(d);
}

/* 1 when a link under /proc/@pid/fd points at one of @nodes. */
static int pid_uses(const char *pid, const struct dev_nodes *nodes,
		    char *why, size_t len)
{
	char p[HOST_PATH_MAX], target[HOST_PATH_MAX], comm[64];
	struct dirent *de;
	int i, hit = 0;
	DIR *d;

	if (host_path(p, sizeof(p), "/proc/%s/fd", pid) || !(d = opendir(p)))
		return 0;	/* gone, or not ours to read */
	while (!hit && (de = readdir(d))) {
		char lp[HOST_PATH_MAX * 2];
		ssize_t n;

		snprintf(lp, sizeof(lp), "%s/%s", p, de->d_name);
		n = readlink(lp, target, sizeof(target) - 1);
		if (n < 0)
			continue;
		target[n] = 0;
		for (i = 0; i < nodes->n && !hit; i++)
			hit = !strcmp(target, nodes->path[i]);
	}
	closedir(d);
	if (hit) {
		snprintf(p, sizeof(p), "/proc/%s/comm", pid);
		if (host_read(p, comm, sizeof(comm)))
			strcpy(comm, "?");
		snprintf(why, len, "pid %s (%s) has %s open", pid, comm, target);
	}
	return hit;
}

int pci_in_use(const char *pf, char *why, size_t len)
{
	char p[HOST_PATH_MAX];
	struct dev_nodes nodes;
	struct dirent *de;
	int used = 0;
	DIR *d;

	pf_nodes(pf, &nodes);
	if (!nodes.n || host_path(p, sizeof(p), "/proc") || !(d = opendir(p)))
		return 0;
	while (!used && (de = readdir(d)))
		if (isdigit((unsigned char)de->d_name[0]))
			used = pid_uses(de->d_name, &nodes, why, len);
	closedir(d);
	return used;
}

static int dev_write(const char *addr, const char *attr, const char *val,
		     char *err, size_t len)
{
	char p[HOST_PATH_MAX];
	int rc;

	snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/%s", addr, attr);
	rc = host_write(p, val);
	if (rc)
		snprintf(err, len, "write '%s' to %s: %s", val, p, strerror(-rc));
	return rc ? -1 : 0;
}

int pci_rebind(const char *addr, const char *driver, char *err, size_t len)
{
	char cur[64];
	int rc;

	/* "\n" clears driver_override; an empty write is refused. */
	if (dev_write(addr, "driver_override",
		      driver && *driver ? driver : "\n", err, len))
		return -1;
	pci_driver(addr, cur, sizeof(cur));
	if (cur[0] && dev_write(addr, "driver/unbind", addr, err, len))
		return -1;
	rc = host_write("/sys/bus/pci/drivers_probe", addr);
	/* No matching driver is not an error of the write we care about. */
	if (rc && rc != -ENODEV && rc != -EINVAL) {
		snprintf(err, len, "drivers_probe %s: %s", addr, strerror(-rc));
		return -1;
	}
	pci_driver(addr, cur, sizeof(cur));
	if (driver && *driver && strcmp(cur, driver)) {
		snprintf(err, len, "%s did not bind to %s (driver now: %s)",
			 addr, driver, cur[0] ? cur : "none");
		return -1;
	}
	return 0;
}

/* Fork, exec @exe (a $PATH lookup when @search) with @argv, and wait. */
static int spawn(const char *exe, char *const argv[], bool search)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return 127;
	if (!pid) {
		if (search)
			execvp(exe, argv);
		else
			execv(exe, argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 127;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int host_run(char *const argv[])
{
	return spawn(argv[0], argv, true);
}

bool host_have_prog(const char *prog)
{
	const char *path = getenv("PATH");
	char dir[HOST_PATH_MAX];

	if (!path)
		path = "/usr/sbin:/usr/bin:/sbin:/bin";
	while (*path) {
		size_t len = strcspn(path, ":");

		snprintf(dir, sizeof(dir), "%.*s/%s", (int)len, path, prog);
		if (len && !access(dir, X_OK))
			return true;
		path += len + (path[len] == ':');
	}
	return false;
}

bool host_find_tool(const char *prog, char *buf, size_t len)
{
	const char *dir = getenv("VFCTL_TOOL_DIR");
	const char *path = getenv("PATH");
	int n;

	if (strchr(prog, '/'))
		return false;
	if (host_is_fake()) {
		if (!dir || !*dir)
			return false;
		n = snprintf(buf, len, "%s/%s", dir, prog);
		return n > 0 && (size_t)n < len && !access(buf, X_OK);
	}
	if (!path)
		path = "/usr/sbin:/usr/bin:/sbin:/bin";
	while (*path) {
		size_t dl = strcspn(path, ":");

		n = snprintf(buf, len, "%.*s/%s", (int)dl, path, prog);
		if (dl && n > 0 && (size_t)n < len && !access(buf, X_OK))
			return true;
		path += dl + (path[dl] == ':');
	}
	return false;
}

int host_run_tool(char *const argv[])
{
	char exe[HOST_PATH_MAX];

	if (!host_find_tool(argv[0], exe, sizeof(exe)))
		return 127;
	return spawn(exe, argv, false);
}

int host_mkdirs(const char *path)
{
	char p[HOST_PATH_MAX], *s;

	if (host_path(p, sizeof(p), "%s", path))
		return -ENAMETOOLONG;
	for (s = p + 1; ; s++) {
		bool last = !*s;

		if (*s != '/' && !last)
			continue;
		*s = 0;
		if (mkdir(p, 0755) && errno != EEXIST)
			return -errno;
		if (last)
			return 0;
		*s = '/';
	}
}

const char *gpu_model(unsigned int vendor, unsigned int device)
{
	if (vendor != 0x8086)
		return NULL;
	switch (device) {
	case 0x56c0: return "Intel Data Center GPU Flex 170";
	case 0x56c1: return "Intel Data Center GPU Flex 140";
	case 0x56c2: return "Intel Data Center GPU Flex 170V";
	default: return NULL;
	}
}

static bool gpu_read(const char *addr, struct pci_gpu *g)
{
	unsigned long cls, ven, dev, v;

	if (pci_attr_ul(addr, "class", &cls) || (cls >> 16) != 0x03 ||
	    pci_attr_ul(addr, "vendor", &ven) || pci_attr_ul(addr, "device", &dev))
		return false;
	memset(g, 0, sizeof(*g));
	if (strlen(addr) >= sizeof(g->addr))
		return false;
	strcpy(g->addr, addr);
	g->vendor = (unsigned int)ven;
	g->device = (unsigned int)dev;
	g->total_vfs = pci_attr_ul(addr, "sriov_totalvfs", &v) ? -1 : (int)v;
	g->num_vfs = pci_attr_ul(addr, "sriov_numvfs", &v) ? 0 : (int)v;
	g->group = pci_iommu_group(addr);
	pci_driver(addr, g->driver, sizeof(g->driver));
	g->model = gpu_model(g->vendor, g->device);
	return true;
}

static int gpu_cmp(const void *a, const void *b)
{
	return strcmp(((const struct pci_gpu *)a)->addr,
		      ((const struct pci_gpu *)b)->addr);
}

int pci_list_gpus(struct pci_gpu *out, int max)
{
	char p[HOST_PATH_MAX];
	struct dirent *de;
	int n = 0;
	DIR *d;

	if (host_path(p, sizeof(p), "/sys/bus/pci/devices") || !(d = opendir(p)))
		return 0;
	while (n < max && (de = readdir(d)))
		if (de->d_name[0] != '.' && gpu_read(de->d_name, &out[n]))
			n++;
	closedir(d);
	qsort(out, (size_t)n, sizeof(*out), gpu_cmp);
	return n;
}

/* One kernel log record (or line): whether it has both needles; text after ';'. */
static bool kmsg_match(const char *rec, const char *a, const char *b,
		       char *out, size_t len)
{
	const char *semi = strchr(rec, ';');
	const char *text = semi ? semi + 1 : rec;

	if (!strstr(text, a) || !strstr(text, b))
		return false;
	snprintf(out, len, "%.*s", (int)strcspn(text, "\n"), text);
	return true;
}

int host_kmsg_find(const char *a, const char *b, char *out, size_t len)
{
	char p[HOST_PATH_MAX], rec[8192];
	int fd, hit = 0;
	long i;
	struct stat st;

	if (host_path(p, sizeof(p), "/dev/kmsg"))
		return -ENAMETOOLONG;
	fd = open(p, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (!fstat(fd, &st) && S_ISREG(st.st_mode)) {
		/* a saved log (tests): plain lines */
		FILE *f = fdopen(fd, "re");

		while (f && !hit && fgets(rec, sizeof(rec), f))
			hit = kmsg_match(rec, a, b, out, len);
		if (f)
			fclose(f);
		else
			close(fd);
		return hit;
	}
	/* /dev/kmsg: one record per read, EAGAIN at the end of the buffer */
	for (i = 0; !hit && i < (1L << 20); i++) {
		ssize_t n = read(fd, rec, sizeof(rec) - 1);

		if (n < 0 && errno == EPIPE)
			continue;	/* overwritten while we read: go on */
		if (n <= 0)
			break;
		rec[n] = 0;
		hit = kmsg_match(rec, a, b, out, len);
	}
	close(fd);
	return hit;
}
