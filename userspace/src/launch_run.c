// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl launch on the host: firmware files, and qemu as an unprivileged
 * user. qemu's -runas opens every file (disk, ISO, pflash, /dev/vfio/N) as
 * root and then drops to the user; the VFIO group is still handed to that
 * user, as libvirt does, so what qemu opens later (hotplug, a reset) works,
 * and RLIMIT_MEMLOCK covers the guest RAM the IOMMU pins. The parent waits
 * and gives the group back however qemu ends.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd.h"
#include "host.h"
#include "launch_run.h"

/* Debian's ovmf: the 4M build first (what current distributions use). */
static const char *const fw_pairs[][2] = {
	{ "/usr/share/OVMF/OVMF_CODE_4M.fd", "/usr/share/OVMF/OVMF_VARS_4M.fd" },
	{ "/usr/share/OVMF/OVMF_CODE.fd", "/usr/share/OVMF/OVMF_VARS.fd" },
};

int fw_locate(char *code, size_t clen, char *vars, size_t vlen)
{
	size_t i;

	for (i = 0; i < sizeof(fw_pairs) / sizeof(fw_pairs[0]); i++) {
		if (host_path(code, clen, "%s", fw_pairs[i][0]) ||
		    host_path(vars, vlen, "%s", fw_pairs[i][1]))
			return -1;
		if (!access(code, R_OK) && !access(vars, R_OK))
			return 0;
	}
	return -1;
}

static int copy_file(const char *from, const char *to)
{
	char buf[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC), out;
	ssize_t n = 0;

	if (in < 0)
		return -errno;
	/* O_EXCL: a guest's vars, once made, are never overwritten */
	out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (out < 0) {
		n = -errno;
		close(in);
		return (int)n;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n) {
			n = -1;
			break;
		}
	if (n < 0 || fsync(out) || close(out)) {
		n = -errno;
		unlink(to);
	}
	close(in);
	return n < 0 ? (int)n : 0;
}

int fw_vars_copy(const char *tmpl, const char *name, char *out, size_t len,
		 bool dry_run)
{
	char dir[512];
	int rc;

	if (host_path(dir, sizeof(dir), "%s", LAUNCH_STATE_DIR) ||
	    (size_t)snprintf(out, len, "%s/%s_VARS.fd", dir, name) >= len) {
		fprintf(stderr, "vfctl: guest name too long for its vars file\n");
		return EXIT_USAGE;
	}
	if (!access(out, F_OK) || dry_run)
		return EXIT_OK;
	rc = host_mkdirs(LAUNCH_STATE_DIR);
	if (!rc)
		rc = copy_file(tmpl, out);
	if (rc) {
		fprintf(stderr, "vfctl: cannot create the guest's UEFI vars %s from %s: %s\n",
			out, tmpl, strerror(-rc));
		return EXIT_ERR;
	}
	fprintf(stderr, "vfctl: created %s (this guest's UEFI variables) from %s\n",
		out, tmpl);
	return EXIT_OK;
}

int launch_user_check(const char *user)
{
	if (getpwnam(user))
		return EXIT_OK;
	fprintf(stderr, "vfctl: no user '%s' to run qemu as: create it (useradd --system %s), give --user NAME, or --as-root\n",
		user, user);
	return EXIT_NOTFOUND;
}

/* A file handed to the guest's user, and how to give it back. */
struct handed {
	char path[512];
	uid_t uid;
	gid_t gid;
	bool done;
};

static int hand_over(struct handed *h, const struct passwd *pw)
{
	struct stat st;

	if (stat(h->path, &st))
		return -errno;
	h->uid = st.st_uid;
	h->gid = st.st_gid;
	if (chown(h->path, pw->pw_uid, pw->pw_gid))
		return -errno;
	h->done = true;
	return 0;
}

static void hand_back(struct handed *h)
{
	if (h->done && chown(h->path, h->uid, h->gid))
		fprintf(stderr, "vfctl: could not give %s back to %u:%u: %s\n",
			h->path, (unsigned int)h->uid, (unsigned int)h->gid,
			strerror(errno));
	h->done = false;
}

static pid_t child_pid;

static void forward_signal(int sig)
{
	if (child_pid > 0)
		kill(child_pid, sig);
}

/*
 * The terminal sends ^C to qemu too (same process group): ignore it here
 * and let qemu end; a TERM or HUP sent to vfctl is passed on to qemu.
 */
static void parent_signals(void)
{
	struct sigaction sa = { .sa_handler = forward_signal };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
}

static void child_exec(char *const *argv, unsigned long long memlock)
{
	struct rlimit rl = { .rlim_cur = memlock, .rlim_max = memlock };

	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	if (setrlimit(RLIMIT_MEMLOCK, &rl))
		fprintf(stderr, "vfctl: cannot raise RLIMIT_MEMLOCK to %llu: %s\n",
			memlock, strerror(errno));
	execvp(argv[0], argv);
	fprintf(stderr, "vfctl: cannot run %s: %s (install qemu-system-x86 or give --qemu)\n",
		argv[0], strerror(errno));
	_exit(127);
}

static int wait_child(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return EXIT_ERR;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* /dev/vfio/N always; /dev/vfio/vfio only when it is not open to all. */
static int hand_group(struct handed *h, const char *addr,
		      const struct passwd *pw)
{
	struct stat st;
	int group = pci_iommu_group(addr), rc;

	if (group < 0 || host_path(h[0].path, sizeof(h[0].path), "/dev/vfio/%d", group) ||
	    host_path(h[1].path, sizeof(h[1].path), "/dev/vfio/vfio")) {
		fprintf(stderr, "vfctl: %s has no IOMMU group\n", addr);
		return EXIT_NOTREADY;
	}
	rc = hand_over(&h[0], pw);
	if (!rc && !stat(h[1].path, &st) && (st.st_mode & 0006) != 0006)
		rc = hand_over(&h[1], pw);
	if (rc) {
		fprintf(stderr, "vfctl: cannot hand %s to %s: %s\n",
			h[h[0].done].path, pw->pw_name, strerror(-rc));
		hand_back(&h[0]);
		return EXIT_PERM;
	}
	if (!g_opts.quiet)
		fprintf(stderr, "vfctl: %s handed to %s for the guest's life\n",
			h[0].path, pw->pw_name);
	return EXIT_OK;
}

int launch_as_user(char *const *argv, const char *addr, const char *user,
		   unsigned long long memlock)
{
	struct handed h[2] = { 0 };
	struct passwd *pw = getpwnam(user);
	int rc;

	if (!pw)
		return launch_user_check(user);
	rc = hand_group(h, addr, pw);
	if (rc)
		return rc;
	fflush(NULL);
	child_pid = fork();
	if (child_pid < 0) {
		rc = EXIT_ERR;
	} else if (child_pid == 0) {
		child_exec(argv, memlock);
	} else {
		parent_signals();
		rc = wait_child(child_pid);
	}
	hand_back(&h[1]);
	hand_back(&h[0]);
	return rc;
}
