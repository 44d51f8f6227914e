// SPDX-License-Identifier: GPL-2.0
/*
 * vfio_hold VF SECONDS - open VF (bound to vfio-pci) the way a VMM does:
 * container, group, device fd; keep it open for SECONDS, then exit.
 * Prints "held" once the device fd is open. Exit 1 on any failure.
 */
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/vfio.h>

int main(int argc, char **argv)
{
	char path[PATH_MAX], link[PATH_MAX];
	int container, group, dev;
	ssize_t n;

	if (argc != 3)
		return 2;
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/iommu_group", argv[1]);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return perror("iommu_group"), 1;
	link[n] = 0;
	snprintf(path, sizeof(path), "/dev/vfio/%s", basename(link));
	container = open("/dev/vfio/vfio", O_RDWR);
	group = open(path, O_RDWR);
	if (container < 0 || group < 0)
		return perror("open vfio"), 1;
	if (ioctl(group, VFIO_GROUP_SET_CONTAINER, &container) ||
	    ioctl(container, VFIO_SET_IOMMU, VFIO_TYPE1_IOMMU))
		return perror("vfio container"), 1;
	dev = ioctl(group, VFIO_GROUP_GET_DEVICE_FD, argv[1]);
	if (dev < 0)
		return perror("VFIO_GROUP_GET_DEVICE_FD"), 1;
	printf("held\n");
	fflush(stdout);
	sleep(atoi(argv[2]));
	close(dev);
	return 0;
}
