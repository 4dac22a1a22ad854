/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "dial-countries.h"
#include "dial-error.h"
#include "dial-format.h"

/* Money */

static DialMoney
parse_money (const char *text)
{
  DialMoney value = DIAL_MONEY_UNKNOWN;

  g_assert_true (dial_money_parse (text, &value));
  return value;
}

static void
test_money_parse (void)
{
  static const struct {
    const char *text;
    DialMoney   value;
  } good[] = {
    { "1.25", G_GINT64_CONSTANT (125000000) },
    { "0.80", G_GINT64_CONSTANT (80000000) },
    { "10.17127500", G_GINT64_CONSTANT (1017127500) },
    { "-3", G_GINT64_CONSTANT (-300000000) },
    { "0", 0 },
    { "-0", 0 },
    { "0.00000001", 1 },
    { "0.1", G_GINT64_CONSTANT (10000000) },
    { "0.2", G_GINT64_CONSTANT (20000000) },
    { "007.5", G_GINT64_CONSTANT (750000000) },
    { "92233720368.54775807", G_MAXINT64 },
    { "-92233720368.54775807", -G_MAXINT64 },
  };
  static const char *bad[] = {
    "", "-", ".5", "1.", "1,25", "1.2.3", "1e3", "+1", " 1", "1 ", "0x10", "€1",
    "0.000000001",             /* 9 decimals */
    "92233720368.54775808",    /* one unit over the range */
    "99999999999999999999999",
    "-92233720368.54775808",   /* would be DIAL_MONEY_UNKNOWN */
    "NaN", "inf", "1.25\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      DialMoney value = DIAL_MONEY_UNKNOWN;

      g_test_message ("parsing %s", good[i].text);
      g_assert_true (dial_money_parse (good[i].text, &value));
      g_assert_cmpint (value, ==, good[i].value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      DialMoney value = 42;

      g_test_message ("refusing %s", bad[i]);
      g_assert_false (dial_money_parse (bad[i], &value));
      g_assert_cmpint (value, ==, 42);
    }
  g_assert_false (dial_money_parse (NULL, NULL));
}

static void
test_money_exact (void)
{
  g_autofree char *sum = NULL;
  g_autofree char *balance = NULL;
  DialMoney total = 0;

  /* 0.1 + 0.2 is 0.3 exactly, not 0.30000000000000004. */
  sum = dial_money_to_string (parse_money ("0.1") + parse_money ("0.2"));
  g_assert_cmpstr (sum, ==, "0.30");
  g_assert_cmpint (parse_money ("0.1") + parse_money ("0.2"), ==, parse_money ("0.3"));

  /* The balance example keeps every decimal it has. */
  balance = dial_money_to_string (parse_money ("10.17127500"));
  g_assert_cmpstr (balance, ==, "10.171275");

  /* A thousand purchases at 0.01 cost exactly 10. */
  for (guint i = 0; i < 1000; i++)
    total += parse_money ("0.01");
  g_assert_cmpint (total, ==, parse_money ("10"));

  /* The balance as json-glib hands it over (a double) becomes the same exact amount. */
  {
    DialMoney from_double = 0;

    g_assert_true (dial_money_from_double (10.17127500, &from_double));
    g_assert_cmpint (from_double, ==, parse_money ("10.17127500"));
    g_assert_true (dial_money_from_double (0.1 + 0.2, &from_double));
    g_assert_cmpint (from_double, ==, parse_money ("0.3"));
    g_assert_true (dial_money_from_double (-2.0, &from_double));
    g_assert_cmpint (from_double, ==, parse_money ("-2"));
    g_assert_false (dial_money_from_double (1e300, &from_double));
    g_assert_false (dial_money_from_double (NAN, &from_double));
  }
}

static void
test_money_to_string (void)
{
  static const struct {
    DialMoney   value;
    const char *text;
  } cases[] = {
    { G_GINT64_CONSTANT (125000000), "1.25" },
    { G_GINT64_CONSTANT (80000000), "0.80" },
    { G_GINT64_CONSTANT (100000000), "1.00" },
    { 0, "0.00" },
    { 1, "0.00000001" },
    { G_GINT64_CONSTANT (-300000000), "-3.00" },
    { G_GINT64_CONSTANT (-1), "-0.00000001" },
    { G_GINT64_CONSTANT (1017127500), "10.171275" },
    { G_MAXINT64, "92233720368.54775807" },
    { -G_MAXINT64, "-92233720368.54775807" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = dial_money_to_string (cases[i].value);
      DialMoney back;

      g_assert_cmpstr (text, ==, cases[i].text);
      /* Round trip */
      g_assert_true (dial_money_parse (text, &back));
      g_assert_cmpint (back, ==, cases[i].value);
    }
}

static void
assert_money_format (const char *decimal,
                     const char *locale,
                     const char *expected)
{
  g_autofree char *text = dial_format_money_for_locale (parse_money (decimal), locale);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_money_format_locales (void)
{
  /* CLDR's patterns through ICU: U+00A0 no-break space, U+202F narrow no-break space. */
  assert_money_format ("1.25", "en_US", "€1.25");
  assert_money_format ("0.80", "en_US", "€0.80");
  assert_money_format ("1234567.89", "en_US", "€1,234,567.89");
  assert_money_format ("-1.25", "en_US", "-€1.25");
  assert_money_format ("10.17127500", "en_US", "€10.17");

  assert_money_format ("1.25", "de_DE", "1,25\u00a0€");
  assert_money_format ("1234567.89", "de_DE", "1.234.567,89\u00a0€");
  assert_money_format ("-1.25", "de_DE", "-1,25\u00a0€");

  assert_money_format ("1.25", "fr_FR", "1,25\u00a0€");
  assert_money_format ("1234567.89", "fr_FR", "1\u202f234\u202f567,89\u00a0€");

  /* POSIX locale names as setlocale() returns them */
  assert_money_format ("1.25", "de_DE.UTF-8", "1,25\u00a0€");
  assert_money_format ("1.25", "fr_FR@euro", "1,25\u00a0€");
  assert_money_format ("1.25", "C", "€1.25");
  assert_money_format ("1.25", "C.UTF-8", "€1.25");

  /* Always euros, even where the local currency is another one */
  assert_money_format ("1.25", "en_GB", "€1.25");
  assert_money_format ("1.25", "ja_JP", "€1.25");
}

static void
test_money_format_precision (void)
{
  /* Cents, but never a non-zero amount shown as zero */
  assert_money_format ("0.005", "en_US", "€0.005");
  assert_money_format ("0.00000001", "en_US", "€0.00000001");
  assert_money_format ("-0.005", "de_DE", "-0,005\u00a0€");
  assert_money_format ("0", "en_US", "€0.00");
  assert_money_format ("0.01", "en_US", "€0.01");
  /* ICU rounds half to even */
  assert_money_format ("0.125", "en_US", "€0.12");
  assert_money_format ("0.135", "en_US", "€0.14");

  /* Formatters are reused: the precision of one amount never leaks into the next. */
  assert_money_format ("0.005", "en_US", "€0.005");
  assert_money_format ("1.005", "en_US", "€1.00");
  assert_money_format ("0.005", "de_DE", "0,005\u00a0€");
  assert_money_format ("1.005", "en_US", "€1.00");
  assert_money_format ("1.25", "de_DE", "1,25\u00a0€");
  assert_money_format ("1.25", "en_US", "€1.25");
}

static void
test_money_format_current_locale (void)
{
  g_autofree char *text = NULL;
  g_autofree char *from_string = NULL;
  const char *saved = setlocale (LC_MONETARY, NULL);
  g_autofree char *saved_copy = g_strdup (saved);

  /* The C locale is always there; it formats like English. */
  setlocale (LC_MONETARY, "C");
  text = dial_format_money (parse_money ("1.25"));
  g_assert_cmpstr (text, ==, "€1.25");
  from_string = dial_format_money_string ("0.80");
  g_assert_cmpstr (from_string, ==, "€0.80");
  g_assert_null (dial_format_money_string (NULL));
  g_assert_null (dial_format_money_string ("abc"));
  g_assert_null (dial_format_money_string ("1.123456789"));
  setlocale (LC_MONETARY, saved_copy);
}

/* Numbers, types, features */

static void
test_msisdn (void)
{
  g_autofree char *plain = dial_format_msisdn ("447700900123");
  g_autofree char *with_plus = dial_format_msisdn ("+447700900123");
  g_autofree char *empty = dial_format_msisdn ("");

  g_assert_cmpstr (plain, ==, "+447700900123");
  g_assert_cmpstr (with_plus, ==, "+447700900123");
  g_assert_cmpstr (empty, ==, "+");
}

static void
test_number_types (void)
{
  g_assert_cmpstr (dial_format_number_type (DIAL_NUMBER_TYPE_LANDLINE, "landline"), ==, "Landline");
  g_assert_cmpstr (dial_format_number_type (DIAL_NUMBER_TYPE_MOBILE_LVN, "mobile-lvn"), ==, "Mobile");
  g_assert_cmpstr (dial_format_number_type (DIAL_NUMBER_TYPE_LANDLINE_TOLL_FREE, NULL), ==, "Toll-free");
  /* Unknown: Vonage's own word, or a word of ours when there is none */
  g_assert_cmpstr (dial_format_number_type (DIAL_NUMBER_TYPE_UNKNOWN, "satellite"), ==, "satellite");
  g_assert_cmpstr (dial_format_number_type (DIAL_NUMBER_TYPE_UNKNOWN, NULL), ==, "Unknown type");
  g_assert_cmpstr (dial_format_number_type (DIAL_NUMBER_TYPE_UNKNOWN, ""), ==, "Unknown type");
}

static void
test_features (void)
{
  static const struct {
    DialFeatures features;
    const char  *text;
  } cases[] = {
    { DIAL_FEATURE_NONE, "" },
    { DIAL_FEATURE_SMS, "SMS" },
    { DIAL_FEATURE_VOICE, "Voice" },
    { DIAL_FEATURE_MMS, "MMS" },
    { DIAL_FEATURE_VOICE | DIAL_FEATURE_SMS, "SMS, Voice" },
    { DIAL_FEATURE_MMS | DIAL_FEATURE_SMS, "SMS, MMS" },
    { DIAL_FEATURE_MMS | DIAL_FEATURE_VOICE, "Voice, MMS" },
    { DIAL_FEATURE_MMS | DIAL_FEATURE_VOICE | DIAL_FEATURE_SMS, "SMS, Voice, MMS" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = dial_format_features (cases[i].features);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* Countries */

static void
test_countries_known (void)
{
  g_autofree char *gb_flag = dial_country_get_flag ("GB");
  g_autofree char *de_flag = dial_country_get_flag ("DE");

  g_assert_true (dial_country_is_known ("GB"));
  g_assert_true (dial_country_is_known ("DE"));
  g_assert_true (dial_country_is_known ("US"));
  g_assert_false (dial_country_is_known ("XX"));
  g_assert_false (dial_country_is_known ("gb"));
  g_assert_false (dial_country_is_known ("GBR"));
  g_assert_false (dial_country_is_known (""));
  g_assert_false (dial_country_is_known (NULL));

  g_assert_cmpstr (dial_country_get_name ("GB"), ==, "United Kingdom");
  g_assert_cmpstr (dial_country_get_name ("DE"), ==, "Germany");
  /* The everyday name where iso-codes has one */
  g_assert_cmpstr (dial_country_get_name ("BO"), ==, "Bolivia");
  g_assert_null (dial_country_get_name ("XX"));

  /* Regional indicator symbols G + B and D + E */
  g_assert_cmpstr (gb_flag, ==, "\U0001F1EC\U0001F1E7");
  g_assert_cmpstr (de_flag, ==, "\U0001F1E9\U0001F1EA");
  g_assert_null (dial_country_get_flag ("XX"));
  g_assert_null (dial_country_get_flag (NULL));
}

static gint
index_of (const char * const *codes,
          const char         *code)
{
  for (guint i = 0; codes[i] != NULL; i++)
    {
      if (strcmp (codes[i], code) == 0)
        return (gint) i;
    }
  return -1;
}

static void
assert_sorted_by_name (const char * const *codes)
{
  guint n = g_strv_length ((char **) codes);

  g_assert_cmpuint (n, >, 240);
  for (guint i = 0; i + 1 < n; i++)
    {
      g_autofree char *a = g_utf8_collate_key (dial_country_get_name (codes[i]), -1);
      g_autofree char *b = g_utf8_collate_key (dial_country_get_name (codes[i + 1]), -1);

      g_assert_cmpint (strcmp (a, b), <=, 0);
    }
}

static void
test_countries_list (void)
{
  const char * const *codes = dial_country_list_codes ();

  assert_sorted_by_name (codes);
  g_assert_true (codes == dial_country_list_codes ());
  /* Austria before Germany in English */
  g_assert_cmpint (index_of (codes, "AT"), >=, 0);
  g_assert_cmpint (index_of (codes, "AT"), <, index_of (codes, "DE"));
  g_assert_cmpint (index_of (codes, "XX"), ==, -1);
  for (guint i = 0; codes[i] != NULL; i++)
    g_assert_true (dial_country_is_known (codes[i]));
}

static void
test_german_subprocess (void)
{
  const char * const *codes;
  g_autofree char *features = NULL;
  g_autofree char *flag = NULL;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DIAL_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  /* iso-codes' own translations */
  g_assert_cmpstr (dial_country_get_name ("DE"), ==, "Deutschland");
  g_assert_cmpstr (dial_country_get_name ("AT"), ==, "Österreich");
  g_assert_cmpstr (dial_country_get_name ("GB"), ==, "Vereinigtes Königreich");
  flag = dial_country_get_flag ("DE");
  g_assert_cmpstr (flag, ==, "\U0001F1E9\U0001F1EA");

  /* Sorted by the German names now: Deutschland before Österreich */
  codes = dial_country_list_codes ();
  assert_sorted_by_name (codes);
  g_assert_cmpint (index_of (codes, "DE"), <, index_of (codes, "AT"));

  /* Ours, from po/de.po */
  g_assert_cmpstr (dial_format_number_type (DIAL_NUMBER_TYPE_LANDLINE, NULL), ==, "Festnetz");
  g_assert_cmpstr (dial_format_number_type (DIAL_NUMBER_TYPE_LANDLINE_TOLL_FREE, NULL), ==, "Gebührenfrei");
  features = dial_format_features (DIAL_FEATURE_SMS | DIAL_FEATURE_VOICE);
  g_assert_cmpstr (features, ==, "SMS, Sprache");
  g_assert_cmpstr (dial_error_explain (DIAL_ERROR_NETWORK), ==,
                   "Vonage ist nicht erreichbar. Prüfen Sie Ihre Internetverbindung.");
}

static void
test_german (void)
{
  g_test_trap_subprocess ("/format/german/subprocess", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int argc, char *argv[])
{
  /* English, whatever the machine's language, unless a test switches */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/format/money/parse", test_money_parse);
  g_test_add_func ("/format/money/exact", test_money_exact);
  g_test_add_func ("/format/money/to-string", test_money_to_string);
  g_test_add_func ("/format/money/locales", test_money_format_locales);
  g_test_add_func ("/format/money/precision", test_money_format_precision);
  g_test_add_func ("/format/money/current-locale", test_money_format_current_locale);
  g_test_add_func ("/format/msisdn", test_msisdn);
  g_test_add_func ("/format/number-types", test_number_types);
  g_test_add_func ("/format/features", test_features);
  g_test_add_func ("/format/countries/known", test_countries_known);
  g_test_add_func ("/format/countries/list", test_countries_list);
  g_test_add_func ("/format/german", test_german);
  g_test_add_func ("/format/german/subprocess", test_german_subprocess);

  return g_test_run ();
}
