/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tiny TAP producer for the host unit tests: one header, no library.
 *
 *   T_OK(cond, "fmt", ...)       one test point: ok N - desc / not ok N - desc
 *   t_diag("fmt", ...)           "# ..." line (explains the next failure)
 *   return t_done();             prints 1..N, returns 1 if anything failed
 *
 * A test point is usually a whole table row: collect its failed checks with
 * t_check() (which prints a diagnostic for each) and report once.
 */
#ifndef _VFPROV_UNIT_TAP_H
#define _VFPROV_UNIT_TAP_H

#include <stdarg.h>
#include <stdio.h>

#ifndef __printf
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#endif

static int t_count, t_failed;

__printf(1, 2)
static void t_diag(const char *fmt, ...)
{
	va_list ap;

	printf("#   ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

__printf(2, 3)
static int t_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	t_count++;
	if (!cond)
		t_failed++;
	printf("%sok %d - ", cond ? "" : "not ", t_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return cond;
}

/* For a row with many checks: count and explain failures, report later. */
#define t_check(bad, cond, ...)						\
	do {								\
		if (!(cond)) {						\
			(bad)++;					\
			t_diag("%s:%d: %s", __FILE__, __LINE__, #cond);	\
			t_diag(__VA_ARGS__);				\
		}							\
	} while (0)

static int t_done(void)
{
	printf("1..%d\n", t_count);
	if (t_failed)
		printf("# %d of %d failed\n", t_failed, t_count);
	return t_failed ? 1 : 0;
}

#endif /* _VFPROV_UNIT_TAP_H */
