/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-format"

#include "config.h"

#include <string.h>

#include "dial-format.h"

/*
 * Grouping the digits of a phone number for reading. Not a full numbering plan (that is
 * libphonenumber's job, and its metadata is large): the country calling codes, and the usual
 * grouping of the national number for the countries people rent most numbers in. Everything
 * else gets groups of three or four digits, which is still easier to read than twelve digits.
 */

typedef struct
{
  const char *code;       /* calling code */
  const char *countries;  /* alpha-2 codes, space separated */
} CallingCode;

static const CallingCode calling_codes[] = {
  { "1", "US CA PR AG AI AS BB BM BS DM DO GD GU JM KN KY LC MP MS SX TC TT VC VG VI" },
  { "7", "RU KZ" },
  { "20", "EG" }, { "27", "ZA" }, { "30", "GR" }, { "31", "NL" }, { "32", "BE" },
  { "33", "FR" }, { "34", "ES" }, { "36", "HU" }, { "39", "IT VA" }, { "40", "RO" },
  { "41", "CH" }, { "43", "AT" }, { "44", "GB GG IM JE" }, { "45", "DK" }, { "46", "SE" },
  { "47", "NO SJ" }, { "48", "PL" }, { "49", "DE" }, { "51", "PE" }, { "52", "MX" },
  { "53", "CU" }, { "54", "AR" }, { "55", "BR" }, { "56", "CL" }, { "57", "CO" },
  { "58", "VE" }, { "60", "MY" }, { "61", "AU CX CC" }, { "62", "ID" }, { "63", "PH" },
  { "64", "NZ" }, { "65", "SG" }, { "66", "TH" }, { "81", "JP" }, { "82", "KR" },
  { "84", "VN" }, { "86", "CN" }, { "90", "TR" }, { "91", "IN" }, { "92", "PK" },
  { "93", "AF" }, { "94", "LK" }, { "95", "MM" }, { "98", "IR" },
  { "212", "MA EH" }, { "213", "DZ" }, { "216", "TN" }, { "218", "LY" }, { "220", "GM" },
  { "221", "SN" }, { "225", "CI" }, { "233", "GH" }, { "234", "NG" }, { "237", "CM" },
  { "254", "KE" }, { "255", "TZ" }, { "256", "UG" }, { "260", "ZM" }, { "263", "ZW" },
  { "350", "GI" }, { "351", "PT" }, { "352", "LU" }, { "353", "IE" }, { "354", "IS" },
  { "355", "AL" }, { "356", "MT" }, { "357", "CY" }, { "358", "FI AX" }, { "359", "BG" },
  { "370", "LT" }, { "371", "LV" }, { "372", "EE" }, { "373", "MD" }, { "374", "AM" },
  { "375", "BY" }, { "376", "AD" }, { "377", "MC" }, { "378", "SM" }, { "380", "UA" },
  { "381", "RS" }, { "382", "ME" }, { "385", "HR" }, { "386", "SI" }, { "387", "BA" },
  { "389", "MK" }, { "420", "CZ" }, { "421", "SK" }, { "423", "LI" },
  { "502", "GT" }, { "503", "SV" }, { "504", "HN" }, { "505", "NI" }, { "506", "CR" },
  { "507", "PA" }, { "591", "BO" }, { "593", "EC" }, { "595", "PY" }, { "598", "UY" },
  { "852", "HK" }, { "853", "MO" }, { "855", "KH" }, { "880", "BD" }, { "886", "TW" },
  { "960", "MV" }, { "961", "LB" }, { "962", "JO" }, { "963", "SY" }, { "964", "IQ" },
  { "965", "KW" }, { "966", "SA" }, { "967", "YE" }, { "968", "OM" }, { "970", "PS" },
  { "971", "AE" }, { "972", "IL" }, { "973", "BH" }, { "974", "QA" }, { "975", "BT" },
  { "976", "MN" }, { "977", "NP" }, { "994", "AZ" }, { "995", "GE" }, { "996", "KG" },
  { "998", "UZ" },
};

/* National number patterns: for a calling code, national numbers of @length digits starting
 * with @prefix are grouped by @groups (digits per group, 0-terminated); digits left over make
 * one last group. The first match wins. */
typedef struct
{
  const char *code;
  const char *prefix;
  guint       length;   /* 0: any */
  guint8      groups[6];
} Pattern;

static const Pattern patterns[] = {
  { "1", "", 10, { 3, 3, 4 } },              /* +1 202 555 0123 */
  { "44", "7", 10, { 4, 6 } },               /* +44 7700 900123 */
  { "44", "20", 10, { 2, 4, 4 } },           /* +44 20 7946 0123 */
  { "44", "11", 10, { 3, 3, 4 } },           /* +44 113 496 0123 (Leeds, Sheffield, …) */
  { "44", "121", 10, { 3, 3, 4 } },          /* +44 121 496 0123 (Birmingham, …, 1x1) */
  { "44", "131", 10, { 3, 3, 4 } },
  { "44", "141", 10, { 3, 3, 4 } },
  { "44", "151", 10, { 3, 3, 4 } },
  { "44", "161", 10, { 3, 3, 4 } },
  { "44", "171", 10, { 3, 3, 4 } },
  { "44", "181", 10, { 3, 3, 4 } },
  { "44", "191", 10, { 3, 3, 4 } },
  { "44", "3", 10, { 3, 3, 4 } },            /* +44 300 123 4567 */
  { "44", "8", 10, { 3, 3, 4 } },            /* +44 808 157 0123 */
  { "44", "", 10, { 4, 6 } },                 /* +44 1632 960123 */
  { "33", "", 9, { 1, 2, 2, 2, 2 } },        /* +33 6 12 34 56 78 */
  { "49", "1", 0, { 3, 0 } },                /* +49 151 23456789 */
  { "49", "30", 0, { 2, 0 } },               /* +49 30 1234567 */
  { "49", "40", 0, { 2, 0 } },
  { "49", "69", 0, { 2, 0 } },
  { "49", "89", 0, { 2, 0 } },
  { "49", "", 0, { 3, 0 } },
  { "34", "", 9, { 3, 3, 3 } },              /* +34 612 345 678 */
  { "39", "3", 0, { 3, 0 } },                /* +39 312 3456789 */
  { "31", "6", 9, { 1, 8 } },                /* +31 6 12345678 */
  { "31", "", 9, { 2, 3, 4 } },              /* +31 20 123 4567 */
  { "32", "4", 9, { 3, 2, 2, 2 } },          /* +32 470 12 34 56 */
  { "61", "4", 9, { 3, 3, 3 } },             /* +61 412 345 678 */
  { "61", "", 9, { 1, 4, 4 } },              /* +61 2 1234 5678 */
  { "46", "7", 9, { 2, 3, 2, 2 } },          /* +46 70 123 45 67 */
  { "45", "", 8, { 2, 2, 2, 2 } },           /* +45 12 34 56 78 */
  { "47", "", 8, { 3, 2, 3 } },              /* +47 412 34 567 */
  { "41", "", 9, { 2, 3, 2, 2 } },           /* +41 78 123 45 67 */
  { "43", "6", 0, { 3, 0 } },                /* +43 664 1234567 */
  { "353", "8", 9, { 2, 3, 4 } },            /* +353 85 123 4567 */
  { "351", "", 9, { 3, 3, 3 } },             /* +351 912 345 678 */
  { "48", "", 9, { 3, 3, 3 } },              /* +48 512 345 678 */
  { "7", "", 10, { 3, 3, 2, 2 } },           /* +7 912 345 67 89 */
  { "81", "", 10, { 2, 4, 4 } },             /* +81 90 1234 5678 */
  { "86", "1", 11, { 3, 4, 4 } },            /* +86 131 2345 6789 */
  { "91", "", 10, { 5, 5 } },                /* +91 98765 43210 */
  { "55", "", 11, { 2, 5, 4 } },             /* +55 11 91234 5678 */
  { "52", "", 10, { 2, 4, 4 } },             /* +52 55 1234 5678 */
  { "27", "", 9, { 2, 3, 4 } },              /* +27 82 123 4567 */
  { "64", "2", 0, { 2, 3, 0 } },             /* +64 21 123 4567 */
  { "65", "", 8, { 4, 4 } },                 /* +65 8123 4567 */
  { "852", "", 8, { 4, 4 } },
};

static const CallingCode *
find_by_country (const char *country)
{
  gsize len;

  if (country == NULL || strlen (country) != 2)
    return NULL;

  len = strlen (country);
  for (guint i = 0; i < G_N_ELEMENTS (calling_codes); i++)
    {
      const char *p = calling_codes[i].countries;

      while ((p = strstr (p, country)) != NULL)
        {
          gboolean starts = p == calling_codes[i].countries || p[-1] == ' ';
          gboolean ends = p[len] == '\0' || p[len] == ' ';

          if (starts && ends)
            return &calling_codes[i];
          p += len;
        }
    }

  return NULL;
}

static const CallingCode *
find_by_prefix (const char *digits)
{
  /* Calling codes are a prefix code: at most one of the 1, 2 and 3 digit prefixes is one. */
  for (gsize len = 1; len <= 3; len++)
    for (guint i = 0; i < G_N_ELEMENTS (calling_codes); i++)
      if (strlen (calling_codes[i].code) == len && strncmp (digits, calling_codes[i].code, len) == 0)
        return &calling_codes[i];

  return NULL;
}

static void
append_groups (GString     *out,
               const char  *national,
               const guint8 *groups)
{
  gsize len = strlen (national);
  gsize pos = 0;

  for (guint g = 0; g < 6 && groups[g] != 0 && pos < len; g++)
    {
      gsize take = MIN ((gsize) groups[g], len - pos);

      g_string_append_c (out, ' ');
      g_string_append_len (out, national + pos, take);
      pos += take;
    }
  if (pos < len)
    {
      g_string_append_c (out, ' ');
      g_string_append (out, national + pos);
    }
}

/* Groups of 3, with the last group 4 when that avoids a lone digit: 8 -> 4 4, 9 -> 3 3 3,
 * 10 -> 3 3 4, 11 -> 3 4 4, 7 -> 3 4. */
static void
append_generic (GString    *out,
                const char *national)
{
  gsize len = strlen (national);
  gsize pos = 0;

  if (len <= 4)
    {
      g_string_append_c (out, ' ');
      g_string_append (out, national);
      return;
    }

  while (pos < len)
    {
      gsize left = len - pos;
      gsize take;

      if (left <= 4)
        take = left;
      else if (left == 8)
        take = 4;
      else if (left == 5)
        take = 2;
      else
        take = 3;
      g_string_append_c (out, ' ');
      g_string_append_len (out, national + pos, take);
      pos += take;
    }
}

char *
dial_format_msisdn_grouped (const char *msisdn,
                            const char *country)
{
  g_autofree char *upper = NULL;
  const CallingCode *cc = NULL;
  const char *national;
  GString *out;
  gsize len;

  g_return_val_if_fail (msisdn != NULL, NULL);

  if (*msisdn == '+')
    msisdn++;
  len = strlen (msisdn);
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (msisdn[i]))
      return g_strconcat ("+", msisdn, NULL);
  if (len < 6)
    return g_strconcat ("+", msisdn, NULL);

  if (country != NULL)
    {
      upper = g_ascii_strup (country, -1);
      cc = find_by_country (upper);
      if (cc != NULL && !g_str_has_prefix (msisdn, cc->code))
        cc = NULL;
    }
  if (cc == NULL)
    cc = find_by_prefix (msisdn);
  if (cc == NULL)
    return g_strconcat ("+", msisdn, NULL);

  national = msisdn + strlen (cc->code);
  out = g_string_new ("+");
  g_string_append (out, cc->code);

  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      const Pattern *p = &patterns[i];

      if (strcmp (p->code, cc->code) == 0
          && g_str_has_prefix (national, p->prefix)
          && (p->length == 0 || p->length == strlen (national)))
        {
          append_groups (out, national, p->groups);
          return g_string_free (out, FALSE);
        }
    }

  append_generic (out, national);
  return g_string_free (out, FALSE);
}
