/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-format-phone"

#include "config.h"

#include <locale.h>

#include "dial-format.h"

typedef struct
{
  const char *msisdn;
  const char *country;
  const char *expected;
} Case;

static void
test_grouped_known_countries (void)
{
  static const Case cases[] = {
    { "447700900123", "GB", "+44 7700 900123" },
    { "442079460123", "GB", "+44 20 7946 0123" },
    { "441134960165", "GB", "+44 113 496 0165" },
    { "441614960003", "GB", "+44 161 496 0003" },
    { "448081570005", "GB", "+44 808 157 0005" },
    { "441632960123", "GB", "+44 1632 960123" },
    { "12025550123", "US", "+1 202 555 0123" },
    { "12025550123", "CA", "+1 202 555 0123" },
    { "33612345678", "FR", "+33 6 12 34 56 78" },
    { "4915123456789", "DE", "+49 151 23456789" },
    { "49301234567", "DE", "+49 30 1234567" },
    { "34612345678", "ES", "+34 612 345 678" },
    { "31612345678", "NL", "+31 6 12345678" },
    { "61412345678", "AU", "+61 412 345 678" },
    { "46701234567", "SE", "+46 70 123 45 67" },
    /* Lower-case country codes and a leading "+" are accepted. */
    { "+447700900123", "gb", "+44 7700 900123" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = dial_format_msisdn_grouped (cases[i].msisdn, cases[i].country);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_grouped_from_number (void)
{
  /* Without a country, the calling code is read from the number (the longest real one). */
  g_autofree char *gb = dial_format_msisdn_grouped ("447700900123", NULL);
  g_autofree char *ie = dial_format_msisdn_grouped ("353851234567", NULL);
  g_autofree char *us = dial_format_msisdn_grouped ("12025550123", NULL);
  /* A country that does not match the number's calling code is ignored, not believed. */
  g_autofree char *wrong = dial_format_msisdn_grouped ("447700900123", "DE");

  g_assert_cmpstr (gb, ==, "+44 7700 900123");
  g_assert_cmpstr (ie, ==, "+353 85 123 4567");
  g_assert_cmpstr (us, ==, "+1 202 555 0123");
  g_assert_cmpstr (wrong, ==, "+44 7700 900123");
}

static void
test_grouped_generic_and_fallback (void)
{
  /* A country without its own pattern: groups of three, never a lone digit at the end. */
  g_autofree char *gr = dial_format_msisdn_grouped ("302101234567", "GR");
  g_autofree char *fi = dial_format_msisdn_grouped ("358401234567", "FI");
  /* What it does not recognise stays whole, with its "+". */
  g_autofree char *unknown = dial_format_msisdn_grouped ("8881234567", NULL);
  g_autofree char *letters = dial_format_msisdn_grouped ("44770O900123", "GB");
  g_autofree char *short_number = dial_format_msisdn_grouped ("4412", "GB");

  g_assert_cmpstr (gr, ==, "+30 210 123 4567");
  g_assert_cmpstr (fi, ==, "+358 401 234 567");
  g_assert_cmpstr (unknown, ==, "+8881234567");
  g_assert_cmpstr (letters, ==, "+44770O900123");
  g_assert_cmpstr (short_number, ==, "+4412");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/format-phone/grouped-known-countries", test_grouped_known_countries);
  g_test_add_func ("/format-phone/grouped-from-number", test_grouped_from_number);
  g_test_add_func ("/format-phone/grouped-generic-and-fallback", test_grouped_generic_and_fallback);

  return g_test_run ();
}
