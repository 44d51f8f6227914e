// SPDX-License-Identifier: GPL-2.0
/*
 * genlfamily NAME - resolve a generic netlink family through the controller.
 * Prints "NAME id=ID" and exits 0 when it is registered,
 * exits 1 when it is not. Tests use it to see families come and go.
 */
#include <stdio.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

int main(int argc, char **argv)
{
	struct nl_sock *sk;
	int id, ret = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: genlfamily NAME\n");
		return 2;
	}
	sk = nl_socket_alloc();
	if (!sk || genl_connect(sk)) {
		fprintf(stderr, "genlfamily: cannot open a generic netlink socket\n");
		return 2;
	}
	id = genl_ctrl_resolve(sk, argv[1]);
	if (id >= 0) {
		printf("%s id=%d\n", argv[1], id);
		ret = 0;
	}
	nl_socket_free(sk);
	return ret;
}
