/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Clocks and statistics the benchmarks share. */

/* CPU time of this process (all its threads), in microseconds. */
double dial_bench_process_cpu_us (void);
/* CPU time of the calling thread, in milliseconds. */
double dial_bench_thread_cpu_ms  (void);
/* The median of @n (> 0) values; sorts them in place. */
double dial_bench_median         (double *values,
                                  guint   n);
/* The value at @p (0 to 1) of @values (GArray of double, not empty), nearest rank. */
double dial_bench_percentile     (GArray *values,
                                  double  p);

G_END_DECLS
