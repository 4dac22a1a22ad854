/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-parse"

#include "config.h"

#include <malloc.h>
#include <stdio.h>

#include "dial-bench-util.h"
#include "dial-number.h"

/*
 * The core's share of the listing benchmark, without HTTP: parsing 100 pages of 100 owned
 * numbers shaped like the API's (dial_numbers_parse_page, json-glib included), and the heap
 * held per number afterwards. Prints one JSON object per figure (median of several runs).
 *
 *   bench-parse [RUNS]
 */

#define N_PAGES 100
#define PAGE_SIZE 100
#define N_NUMBERS (N_PAGES * PAGE_SIZE)

static char *
make_page (guint page)
{
  GString *json = g_string_new (NULL);

  g_string_append_printf (json, "{\"count\":%u,\"numbers\":[", N_NUMBERS);
  for (guint i = 0; i < PAGE_SIZE; i++)
    {
      guint n = page * PAGE_SIZE + i;

      /* Every third number linked to an app, every other one with an SMS webhook: a mix. */
      g_string_append_printf (json,
                              "%s{\"country\":\"GB\",\"msisdn\":\"4477009%05u\",\"type\":\"mobile-lvn\","
                              "\"features\":[\"VOICE\",\"SMS\"]",
                              i == 0 ? "" : ",", n);
      if (n % 2 == 0)
        g_string_append_printf (json, ",\"moHttpUrl\":\"https://example.com/webhooks/inbound-sms/%u\"", n);
      if (n % 3 == 0)
        g_string_append (json, ",\"voiceCallbackType\":\"app\","
                         "\"voiceCallbackValue\":\"aaaaaaaa-bbbb-cccc-dddd-0123456789ab\","
                         "\"messagesCallbackType\":\"app\","
                         "\"messagesCallbackValue\":\"aaaaaaaa-bbbb-cccc-dddd-0123456789ab\","
                         "\"app_id\":\"aaaaaaaa-bbbb-cccc-dddd-0123456789ab\"");
      g_string_append_c (json, '}');
    }
  g_string_append (json, "]}");

  return g_string_free (json, FALSE);
}


int
main (int argc, char *argv[])
{
  guint runs = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 7;
  g_autofree double *cpu = NULL;
  g_autofree double *bytes = NULL;
  char *pages[N_PAGES];

  if (runs == 0)
    runs = 1;
  cpu = g_new (double, runs);
  bytes = g_new (double, runs);

  for (guint p = 0; p < N_PAGES; p++)
    pages[p] = make_page (p);

  /* Warm up: types, shared strings and arrays exist from now on, as in a running app. */
  g_ptr_array_unref (dial_numbers_parse_page (pages[0], strlen (pages[0]), NULL, NULL));

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GPtrArray) held = g_ptr_array_new_full (N_NUMBERS, g_object_unref);
      struct mallinfo2 before;
      struct mallinfo2 after;
      double start;

      malloc_trim (0);
      before = mallinfo2 ();
      start = dial_bench_process_cpu_us ();
      for (guint p = 0; p < N_PAGES; p++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) numbers = dial_numbers_parse_page (pages[p], strlen (pages[p]),
                                                                  NULL, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (numbers->len, ==, PAGE_SIZE);
          for (guint i = 0; i < numbers->len; i++)
            g_ptr_array_add (held, g_object_ref (g_ptr_array_index (numbers, i)));
        }
      cpu[r] = (dial_bench_process_cpu_us () - start) / N_NUMBERS;
      after = mallinfo2 ();
      /* What stays allocated while the numbers are held (the array of pointers included). */
      bytes[r] = ((double) after.uordblks - (double) before.uordblks) / N_NUMBERS;
      g_assert_cmpuint (held->len, ==, N_NUMBERS);
    }

  printf ("{\"name\": \"parse_cpu_per_number\", \"value\": %.2f, \"unit\": \"us\", \"numbers\": %u}\n",
          dial_bench_median (cpu, runs), N_NUMBERS);
  printf ("{\"name\": \"bytes_per_number\", \"value\": %.0f, \"unit\": \"bytes\", \"numbers\": %u}\n",
          dial_bench_median (bytes, runs), N_NUMBERS);

  for (guint p = 0; p < N_PAGES; p++)
    g_free (pages[p]);

  return 0;
}
