/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "dial-format.h"

#define MONEY_DECIMALS 8
#define ONE_CENT (DIAL_MONEY_SCALE / 100)

gboolean
dial_money_parse (const char *text,
                  DialMoney  *out_value)
{
  const char *p = text;
  gboolean negative = FALSE;
  guint64 units = 0;
  guint64 fraction = 0;
  guint n_decimals = 0;
  guint64 value;

  if (text == NULL)
    return FALSE;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (!g_ascii_isdigit (*p))
    return FALSE;

  for (; g_ascii_isdigit (*p); p++)
    {
      /* Overflow of the whole amount in 1e-8 units is checked below; this keeps units sane. */
      if (units > (guint64) G_MAXINT64 / DIAL_MONEY_SCALE)
        return FALSE;
      units = units * 10 + (guint64) (*p - '0');
    }

  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      for (; g_ascii_isdigit (*p); p++)
        {
          if (++n_decimals > MONEY_DECIMALS)
            return FALSE;
          fraction = fraction * 10 + (guint64) (*p - '0');
        }
      for (guint i = n_decimals; i < MONEY_DECIMALS; i++)
        fraction *= 10;
    }

  if (*p != '\0')
    return FALSE;

  if (units > ((guint64) G_MAXINT64 - fraction) / (guint64) DIAL_MONEY_SCALE)
    return FALSE;
  value = units * (guint64) DIAL_MONEY_SCALE + fraction;

  if (out_value != NULL)
    *out_value = negative ? -(gint64) value : (gint64) value;
  return TRUE;
}

gboolean
dial_money_from_double (double     value,
                        DialMoney *out_value)
{
  double scaled;

  /* Exact for every amount with at most 8 decimals below 10^7 EUR, as a double holds about
   * 16 significant digits; larger ones are rounded to the nearest 1e-8. */
  if (!isfinite (value))
    return FALSE;
  scaled = round (value * (double) DIAL_MONEY_SCALE);
  if (scaled >= 9.2e18 || scaled <= -9.2e18)
    return FALSE;
  if (out_value != NULL)
    *out_value = (DialMoney) scaled;
  return TRUE;
}

char *
dial_money_to_string (DialMoney value)
{
  guint64 magnitude;
  guint64 units;
  guint64 fraction;
  char digits[MONEY_DECIMALS + 1];
  int n_digits = MONEY_DECIMALS;

  g_return_val_if_fail (value != DIAL_MONEY_UNKNOWN, NULL);

  magnitude = value < 0 ? (guint64) -value : (guint64) value;
  units = magnitude / (guint64) DIAL_MONEY_SCALE;
  fraction = magnitude % (guint64) DIAL_MONEY_SCALE;

  g_snprintf (digits, sizeof digits, "%08" G_GUINT64_FORMAT, fraction);
  /* As many decimals as the amount has, but at least the two of cents. */
  while (n_digits > 2 && digits[n_digits - 1] == '0')
    n_digits--;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%.*s",
                          value < 0 ? "-" : "", units, n_digits, digits);
}

/* An ICU locale id from a POSIX one ("de_DE.UTF-8", "fr_FR@euro", "C"). */
static char *
icu_locale_for (const char *posix_locale)
{
  char canonical[ULOC_FULLNAME_CAPACITY];
  UErrorCode status = U_ZERO_ERROR;

  if (posix_locale == NULL || posix_locale[0] == '\0' ||
      strcmp (posix_locale, "C") == 0 || strcmp (posix_locale, "POSIX") == 0 ||
      g_str_has_prefix (posix_locale, "C."))
    return g_strdup ("en");

  uloc_canonicalize (posix_locale, canonical, sizeof canonical, &status);
  if (U_FAILURE (status) || status == U_STRING_NOT_TERMINATED_WARNING)
    return g_strdup ("en");
  return g_strdup (canonical);
}

/* Opening an ICU formatter costs about 60 µs, formatting with one a few: formatters are kept
 * per locale and precision (a handful in practice; the cache is emptied if it ever grows past
 * a few dozen, e.g. under the fuzzer). Formatting is serialized, as an ICU formatter is not
 * meant for concurrent use. */
#define MAX_CACHED_FORMATS 32

static GMutex      formats_lock;
static GHashTable *formats; /* "<locale id>|<sub-cent>" → UNumberFormat* */

static void
close_format (gpointer format)
{
  unum_close (format);
}

/* Called with formats_lock held. */
static UNumberFormat *
lookup_format (const char *locale_id,
               gboolean    sub_cent)
{
  g_autofree char *key = g_strdup_printf ("%s|%d", locale_id, sub_cent);
  UErrorCode status = U_ZERO_ERROR;
  UNumberFormat *format;

  if (formats == NULL)
    formats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, close_format);

  format = g_hash_table_lookup (formats, key);
  if (format != NULL)
    return format;

  format = unum_open (UNUM_CURRENCY, NULL, 0, locale_id, NULL, &status);
  if (U_FAILURE (status))
    {
      g_warning ("ICU cannot format money for locale %s: %s", locale_id, u_errorName (status));
      return NULL;
    }

  /* Cents, unless the amount is below one cent and would show as 0.00. */
  if (sub_cent)
    {
      unum_setAttribute (format, UNUM_MIN_FRACTION_DIGITS, 2);
      unum_setAttribute (format, UNUM_MAX_FRACTION_DIGITS, MONEY_DECIMALS);
    }

  if (g_hash_table_size (formats) >= MAX_CACHED_FORMATS)
    g_hash_table_remove_all (formats);
  g_hash_table_insert (formats, g_steal_pointer (&key), format);

  return format;
}

char *
dial_format_money_for_locale (DialMoney   value,
                              const char *locale)
{
  g_autofree char *decimal = NULL;
  g_autofree char *icu_locale = NULL;
  char locale_id[ULOC_FULLNAME_CAPACITY];
  UErrorCode status = U_ZERO_ERROR;
  UNumberFormat *format;
  UChar buffer[128];
  char utf8[512];
  int32_t length = 0;
  int32_t utf8_length;

  g_return_val_if_fail (value != DIAL_MONEY_UNKNOWN, NULL);

  decimal = dial_money_to_string (value);
  icu_locale = icu_locale_for (locale);

  /* The amount is always in euros, whatever the locale's own currency. */
  g_strlcpy (locale_id, icu_locale, sizeof locale_id);
  uloc_setKeywordValue ("currency", "EUR", locale_id, sizeof locale_id, &status);
  if (U_FAILURE (status))
    {
      status = U_ZERO_ERROR;
      g_strlcpy (locale_id, "en@currency=EUR", sizeof locale_id);
    }

  g_mutex_lock (&formats_lock);
  format = lookup_format (locale_id, value != 0 && value > -ONE_CENT && value < ONE_CENT);
  if (format != NULL)
    {
      /* The exact decimal string, so that no float rounding can creep in. */
      length = unum_formatDecimal (format, decimal, -1, buffer, G_N_ELEMENTS (buffer), NULL,
                                   &status);
    }
  g_mutex_unlock (&formats_lock);

  if (format == NULL)
    return g_strdup_printf ("%s EUR", decimal);
  if (U_FAILURE (status) || length >= (int32_t) G_N_ELEMENTS (buffer))
    {
      g_warning ("ICU could not format %s: %s", decimal, u_errorName (status));
      return g_strdup_printf ("%s EUR", decimal);
    }

  status = U_ZERO_ERROR;
  u_strToUTF8 (utf8, sizeof utf8, &utf8_length, buffer, length, &status);
  if (U_FAILURE (status) || utf8_length >= (int32_t) sizeof utf8)
    return g_strdup_printf ("%s EUR", decimal);

  return g_strndup (utf8, utf8_length);
}

char *
dial_format_money (DialMoney value)
{
  g_return_val_if_fail (value != DIAL_MONEY_UNKNOWN, NULL);

  return dial_format_money_for_locale (value, setlocale (LC_MONETARY, NULL));
}

char *
dial_format_money_string (const char *decimal)
{
  DialMoney value;

  if (!dial_money_parse (decimal, &value))
    return NULL;
  return dial_format_money (value);
}

char *
dial_format_msisdn (const char *msisdn)
{
  GString *text;

  g_return_val_if_fail (msisdn != NULL, NULL);

  text = g_string_new ("+");
  for (const char *p = msisdn; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

const char *
dial_format_number_type (DialNumberType  type,
                         const char     *raw)
{
  switch (type)
    {
    case DIAL_NUMBER_TYPE_LANDLINE:
      return _("Landline");
    case DIAL_NUMBER_TYPE_MOBILE_LVN:
      return _("Mobile");
    case DIAL_NUMBER_TYPE_LANDLINE_TOLL_FREE:
      return _("Toll-free");
    case DIAL_NUMBER_TYPE_UNKNOWN:
    default:
      /* A type Vonage added after this version: shown as Vonage names it. */
      return raw != NULL && raw[0] != '\0' ? raw : _("Unknown type");
    }
}

char *
dial_format_features (DialFeatures features)
{
  const char *names[3];
  guint n = 0;

  if (features & DIAL_FEATURE_SMS)
    names[n++] = _("SMS");
  if (features & DIAL_FEATURE_VOICE)
    names[n++] = _("Voice");
  if (features & DIAL_FEATURE_MMS)
    names[n++] = _("MMS");

  if (n == 0)
    return g_strdup ("");
  if (n == 1)
    return g_strdup (names[0]);
  if (n == 2)
    /* Translators: a list of two features, e.g. "SMS, Voice" */
    return g_strdup_printf (_("%s, %s"), names[0], names[1]);
  /* Translators: a list of three features, e.g. "SMS, Voice, MMS" */
  return g_strdup_printf (_("%s, %s, %s"), names[0], names[1], names[2]);
}
