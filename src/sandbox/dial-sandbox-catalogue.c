/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-sandbox"

#include "config.h"

#include <string.h>

#include "dial-sandbox-private.h"

/*
 * The deterministic catalogue. Each range is a set of E.164 prefixes followed by @digits free
 * digits. Fictional ("drama") ranges are used where a country has them: GB 07700 900xxx,
 * 020 7946 0xxx, 0113 496 0xxx, 0161 496 0xxx, 0808 157 0xxx; US/CA 555-01xx; AU 0491 65x xxx
 * and 02 5550 xxxx; FR 06 39 98 xx xx and 01 99 xx xx xx; DE's Bundesnetzagentur film ranges;
 * elsewhere plausible national formats. Even serials of a range form the catalogue, odd serials
 * the owned numbers, so the two never collide.
 */

#define N_PREFIXES_MAX 10
#define CATALOGUE_CAP  150   /* available numbers per range at most */

typedef struct
{
  const char *country;
  guint8      type;
  guint8      features;          /* always present */
  guint8      optional_features; /* present on about half of the numbers */
  guint8      n_limitations;
  guint8      limitations[SANDBOX_MAX_LIMITATIONS];
  guint       digits;
  const char *cost;
  const char *initial_price;
  const char *prefixes[N_PREFIXES_MAX];
} SandboxRange;

#define SMS   SANDBOX_FEATURE_SMS
#define VOICE SANDBOX_FEATURE_VOICE
#define MMS   SANDBOX_FEATURE_MMS
#define LAND  SANDBOX_TYPE_LANDLINE
#define MOB   SANDBOX_TYPE_MOBILE_LVN
#define FREE  SANDBOX_TYPE_TOLL_FREE
#define SMS_OUT_INTL   SANDBOX_LIMIT (0, TRUE, TRUE)
#define SMS_IN_INTL    SANDBOX_LIMIT (0, FALSE, TRUE)
#define VOICE_OUT_INTL SANDBOX_LIMIT (1, TRUE, TRUE)
#define MMS_OUT_INTL   SANDBOX_LIMIT (2, TRUE, TRUE)

static const SandboxRange ranges[] = {
  { "GB", MOB,  SMS | VOICE, 0,   0, { 0 }, 3, "1.25", "0.00", { "447700900" } },
  { "GB", LAND, VOICE,       SMS, 0, { 0 }, 3, "0.80", "0.00",
    { "442079460", "441134960", "441614960" } },
  { "GB", FREE, VOICE,       0,   0, { 0 }, 3, "3.00", "5.00", { "448081570" } },
  { "US", LAND, SMS | VOICE, MMS, 1, { SMS_OUT_INTL }, 2, "0.90", "0.00",
    { "120255501", "121255501", "131255501", "141555501", "161755501", "170255501",
      "130555501", "120655501", "151255501", "161255501" } },
  { "US", FREE, SMS | VOICE, 0,   2, { SMS_IN_INTL, SMS_OUT_INTL }, 2, "2.20", "0.00",
    { "180055501", "188855501", "187755501", "186655501" } },
  { "CA", LAND, SMS | VOICE, MMS, 1, { MMS_OUT_INTL }, 2, "0.90", "0.00",
    { "141655501", "160455501", "151455501", "161355501", "140355501" } },
  { "CA", FREE, VOICE,       0,   0, { 0 }, 2, "2.20", "0.00", { "184455501", "183355501" } },
  { "AU", MOB,  SMS | VOICE, 0,   0, { 0 }, 4, "5.50", "0.00", { "6149165" } },
  { "AU", LAND, VOICE,       0,   0, { 0 }, 4, "3.50", "0.00",
    { "6125550", "6135550", "6175550", "6185550" } },
  { "AU", FREE, VOICE,       0,   1, { VOICE_OUT_INTL }, 3, "15.00", "25.00", { "611800160" } },
  { "FR", MOB,  SMS | VOICE, 0,   1, { SMS_OUT_INTL }, 4, "1.50", "0.00", { "3363998" } },
  { "FR", LAND, VOICE,       0,   0, { 0 }, 6, "1.00", "0.00", { "33199" } },
  { "FR", LAND, VOICE,       0,   0, { 0 }, 4, "1.00", "0.00",
    { "3326191", "3335301", "3346571", "3353649" } },
  { "DE", MOB,  SMS | VOICE, 0,   0, { 0 }, 6, "2.50", "0.00", { "4915735" } },
  { "DE", LAND, VOICE,       0,   0, { 0 }, 3, "1.00", "0.00",
    { "493023125", "496990009", "494066969", "498999998" } },
  { "IE", MOB,  SMS | VOICE, 0,   0, { 0 }, 5, "2.00", "0.00", { "3538591" } },
  { "IE", LAND, VOICE,       0,   0, { 0 }, 6, "1.00", "0.00", { "35316" } },
  { "NL", MOB,  SMS | VOICE, 0,   1, { SMS_OUT_INTL }, 7, "2.00", "0.00", { "3164" } },
  { "NL", LAND, VOICE,       0,   0, { 0 }, 7, "1.20", "0.00", { "3120" } },
  { "ES", MOB,  SMS | VOICE, 0,   0, { 0 }, 6, "1.80", "0.00", { "34621" } },
  { "ES", LAND, VOICE,       0,   0, { 0 }, 7, "1.10", "0.00", { "3491" } },
  { "IT", MOB,  SMS | VOICE, 0,   0, { 0 }, 7, "2.40", "0.00", { "39347" } },
  { "IT", LAND, VOICE,       0,   0, { 0 }, 8, "1.20", "0.00", { "3902" } },
  { "SE", MOB,  SMS | VOICE, 0,   0, { 0 }, 7, "1.60", "0.00", { "4670" } },
  { "SE", LAND, VOICE,       0,   0, { 0 }, 2, "1.00", "0.00", { "468465004" } },
  { "NO", MOB,  SMS | VOICE, 0,   0, { 0 }, 7, "2.10", "0.00", { "474" } },
  { "NO", LAND, VOICE,       0,   0, { 0 }, 6, "1.30", "0.00", { "4721" } },
  { "DK", MOB,  SMS | VOICE, 0,   0, { 0 }, 6, "2.00", "0.00", { "4520" } },
  { "DK", LAND, VOICE,       0,   0, { 0 }, 6, "1.20", "0.00", { "4533" } },
  { "BE", MOB,  SMS | VOICE, 0,   0, { 0 }, 6, "2.30", "0.00", { "32470" } },
  { "BE", LAND, VOICE,       0,   0, { 0 }, 7, "1.10", "0.00", { "322" } },
  { "AT", MOB,  SMS | VOICE, 0,   0, { 0 }, 7, "2.20", "0.00", { "43676" } },
  { "AT", LAND, VOICE,       0,   0, { 0 }, 7, "1.10", "0.00", { "431" } },
  { "CH", MOB,  SMS | VOICE, 0,   0, { 0 }, 7, "3.00", "0.00", { "4178" } },
  { "CH", LAND, VOICE,       0,   0, { 0 }, 7, "1.50", "0.00", { "4144" } },
  { "PL", MOB,  SMS | VOICE, 0,   0, { 0 }, 6, "1.90", "0.00", { "48500" } },
  { "PL", LAND, VOICE,       0,   0, { 0 }, 7, "0.90", "0.00", { "4822" } },
  { "PT", MOB,  SMS | VOICE, 0,   0, { 0 }, 7, "2.00", "0.00", { "35191" } },
  { "PT", LAND, VOICE,       0,   0, { 0 }, 7, "1.00", "0.00", { "35121" } },
  { "FI", MOB,  SMS | VOICE, 0,   0, { 0 }, 7, "2.60", "0.00", { "35850" } },
  { "JP", LAND, VOICE,       0,   1, { VOICE_OUT_INTL }, 8, "4.00", "10.00", { "8150" } },
  { "JP", MOB,  SMS | VOICE, 0,   1, { SMS_OUT_INTL }, 8, "6.00", "10.00", { "8170" } },
  { "BR", LAND, VOICE,       0,   0, { 0 }, 6, "3.20", "8.00", { "551130" } },
  { "BR", MOB,  SMS | VOICE, 0,   0, { 0 }, 8, "4.50", "8.00", { "55119" } },
  { "MX", LAND, VOICE,       SMS, 0, { 0 }, 8, "2.80", "0.00", { "5255" } },
  { "ZA", LAND, VOICE,       0,   0, { 0 }, 7, "2.00", "3.00", { "2787" } },
  { "ZA", MOB,  SMS | VOICE, 0,   0, { 0 }, 7, "3.50", "3.00", { "2760" } },
  { "NZ", MOB,  SMS | VOICE, 0,   0, { 0 }, 6, "3.00", "0.00", { "6421" } },
  { "NZ", LAND, VOICE,       0,   0, { 0 }, 7, "2.00", "0.00", { "649" } },
  { "SG", MOB,  SMS | VOICE, 0,   0, { 0 }, 7, "5.00", "0.00", { "658" } },
  { "SG", LAND, VOICE,       0,   0, { 0 }, 7, "3.00", "0.00", { "656" } },
  { "HK", MOB,  SMS | VOICE, 0,   0, { 0 }, 7, "4.00", "0.00", { "8525" } },
  { "IL", MOB,  SMS | VOICE, 0,   0, { 0 }, 7, "3.20", "0.00", { "97250" } },
};

#undef SMS
#undef VOICE
#undef MMS

static const char * const address_countries[] = { "JP", "BR", "ZA", NULL };

static const char * const app_ids[] = {
  "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
  "5f0c1a2b-3d4e-4f60-8a7b-9c0d1e2f3a4b",
  "0e9d8c7b-6a59-4847-b635-241302f1e0d9",
  "7c3e9a10-2b4d-4e6f-9a81-b2c3d4e5f607",
  "d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6",
};

static const char * const webhook_urls[] = {
  "https://example.com/webhooks/inbound-sms",
  "https://hooks.example.org/vonage/sms",
  "https://support.example.net/inbound",
  "https://shop.example.com/api/sms-in",
};

/* splitmix64: tiny, stable across GLib versions (GRand's sequence is not a promise). */
static guint64
next_random (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static guint64
gcd64 (guint64 a,
       guint64 b)
{
  while (b != 0)
    {
      guint64 t = a % b;

      a = b;
      b = t;
    }
  return a;
}

/* A step coprime with @n, so that serial i * step mod n visits every slot once. */
static guint64
coprime_step (guint64 n,
              guint64 start)
{
  guint64 step = start | 1;

  if (n <= 1)
    return 1;
  while (gcd64 (step, n) != 1)
    step += 2;
  return step;
}

static guint
range_n_prefixes (const SandboxRange *range)
{
  guint n = 0;

  while (n < N_PREFIXES_MAX && range->prefixes[n] != NULL)
    n++;
  return n;
}

static guint64
range_space (const SandboxRange *range)
{
  guint64 per_prefix = 1;

  for (guint i = 0; i < range->digits; i++)
    per_prefix *= 10;
  return per_prefix * range_n_prefixes (range);
}

static char *
range_msisdn (const SandboxRange *range,
              guint64             serial)
{
  guint64 per_prefix = range_space (range) / range_n_prefixes (range);
  const char *prefix = range->prefixes[serial / per_prefix];

  return g_strdup_printf ("%s%0*" G_GUINT64_FORMAT, prefix, (int) range->digits,
                          serial % per_prefix);
}

static gint64
money_or_zero (const char *str)
{
  gint64 value = 0;

  if (!sandbox_money_parse (str, &value))
    g_assert_not_reached ();
  return value;
}

static SandboxNumber *
range_number (const SandboxRange *range,
              guint64             serial,
              guint64            *rng)
{
  SandboxNumber *number = sandbox_number_new ();

  number->msisdn = range_msisdn (range, serial);
  memcpy (number->country, range->country, 3);
  number->type = range->type;
  number->features = range->features;
  for (guint bit = 1; bit <= SANDBOX_FEATURE_MMS; bit <<= 1)
    if ((range->optional_features & bit) && (next_random (rng) & 1))
      number->features |= bit;
  number->n_limitations = range->n_limitations;
  memcpy (number->limitations, range->limitations, sizeof number->limitations);
  number->cost = money_or_zero (range->cost);
  number->initial_price = money_or_zero (range->initial_price);
  return number;
}

/* Varied configurations, so that every filter and every kind of link has something to find. */
static void
configure_owned (SandboxNumber *number,
                 guint64       *rng)
{
  guint64 r = next_random (rng);
  guint roll = r % 100;
  const char *app_id = app_ids[(r >> 8) % G_N_ELEMENTS (app_ids)];
  const char *url = webhook_urls[(r >> 16) % G_N_ELEMENTS (webhook_urls)];
  guint extension = (r >> 24) % 1000;

  if (roll < 25)
    return; /* linked to nothing */

  if (roll < 45)
    {
      number->app_id = g_strdup (app_id);
    }
  else if (roll < 60)
    {
      number->mo_http_url = g_strdup (url);
      number->voice_callback_type = g_strdup ("tel");
      number->voice_callback_value = g_strdup_printf ("447700900%03u", extension);
    }
  else if (roll < 70)
    {
      number->voice_callback_type = g_strdup ("sip");
      number->voice_callback_value = g_strdup_printf ("sip:desk-%u@pbx.example.org", extension);
      number->voice_status_callback = g_strdup ("https://example.com/webhooks/status");
    }
  else if (roll < 78)
    {
      number->mo_http_url = g_strdup (url);
    }
  else if (roll < 85)
    {
      /* The legacy shape of the official list example. */
      number->mo_http_url = g_strdup (url);
      number->voice_callback_type = g_strdup ("app");
      number->voice_callback_value = g_strdup (app_id);
      number->messages_callback_type = g_strdup ("app");
      number->messages_callback_value = g_strdup (app_id);
    }
  else if (roll < 93)
    {
      number->app_id = g_strdup (app_id);
      number->mo_http_url = g_strdup (url);
      number->voice_status_callback = g_strdup ("https://example.com/webhooks/status");
    }
  else
    {
      number->mo_http_url = g_strdup (url);
      number->mo_smpp_sys_type = g_strdup ("inbound");
      number->voice_callback_type = g_strdup ("tel");
      number->voice_callback_value = g_strdup_printf ("14155550%03u", 100 + extension % 100);
    }
}

SandboxNumber *
sandbox_number_new (void)
{
  return g_new0 (SandboxNumber, 1);
}

void
sandbox_number_clear_config (SandboxNumber *number)
{
  g_clear_pointer (&number->mo_http_url, g_free);
  g_clear_pointer (&number->mo_smpp_sys_type, g_free);
  g_clear_pointer (&number->voice_callback_type, g_free);
  g_clear_pointer (&number->voice_callback_value, g_free);
  g_clear_pointer (&number->voice_status_callback, g_free);
  g_clear_pointer (&number->messages_callback_type, g_free);
  g_clear_pointer (&number->messages_callback_value, g_free);
  g_clear_pointer (&number->app_id, g_free);
}

gboolean
sandbox_number_has_config (const SandboxNumber *number)
{
  return number->mo_http_url != NULL || number->mo_smpp_sys_type != NULL ||
         number->voice_callback_type != NULL || number->voice_status_callback != NULL ||
         number->messages_callback_type != NULL || number->app_id != NULL;
}

void
sandbox_number_free (SandboxNumber *number)
{
  if (number == NULL)
    return;
  sandbox_number_clear_config (number);
  g_free (number->msisdn);
  g_free (number);
}

int
sandbox_number_compare (gconstpointer a,
                        gconstpointer b)
{
  const SandboxNumber *na = *(SandboxNumber * const *) a;
  const SandboxNumber *nb = *(SandboxNumber * const *) b;

  return strcmp (na->msisdn, nb->msisdn);
}

const char *
sandbox_type_to_string (SandboxNumberType type)
{
  static const char * const names[] = { "landline", "mobile-lvn", "landline-toll-free" };

  g_assert (type < SANDBOX_N_TYPES);
  return names[type];
}

gboolean
sandbox_type_from_string (const char        *str,
                          SandboxNumberType *type)
{
  for (guint i = 0; i < SANDBOX_N_TYPES; i++)
    if (g_strcmp0 (str, sandbox_type_to_string (i)) == 0)
      {
        *type = i;
        return TRUE;
      }
  return FALSE;
}

/* Only the spellings the spec enumerates. The order mattering is an SDK claim (NOTES §3.2,
 * UNCONFIRMED); the strict reading refuses any other spelling, e.g. "VOICE,SMS". */
gboolean
sandbox_features_from_filter (const char *str,
                              guint8     *features)
{
  static const struct { const char *name; guint8 features; } allowed[] = {
    { "SMS", SANDBOX_FEATURE_SMS },
    { "VOICE", SANDBOX_FEATURE_VOICE },
    { "SMS,VOICE", SANDBOX_FEATURE_SMS | SANDBOX_FEATURE_VOICE },
    { "MMS", SANDBOX_FEATURE_MMS },
    { "SMS,MMS", SANDBOX_FEATURE_SMS | SANDBOX_FEATURE_MMS },
    { "VOICE,MMS", SANDBOX_FEATURE_VOICE | SANDBOX_FEATURE_MMS },
    { "SMS,MMS,VOICE", SANDBOX_FEATURE_SMS | SANDBOX_FEATURE_MMS | SANDBOX_FEATURE_VOICE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    if (g_strcmp0 (str, allowed[i].name) == 0)
      {
        *features = allowed[i].features;
        return TRUE;
      }
  return FALSE;
}

gboolean
sandbox_money_parse (const char *str,
                     gint64     *value)
{
  gboolean negative = FALSE;
  gint64 whole = 0;
  gint64 frac = 0;
  guint n_frac = 0;
  const char *p = str;

  if (str == NULL || *str == '\0')
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
      if (whole > G_MAXINT64 / SANDBOX_MONEY_SCALE / 10)
        return FALSE;
      whole = whole * 10 + (*p - '0');
    }
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      for (; g_ascii_isdigit (*p); p++)
        {
          if (n_frac == 8)
            return FALSE;
          frac = frac * 10 + (*p - '0');
          n_frac++;
        }
    }
  if (*p != '\0')
    return FALSE;
  for (; n_frac < 8; n_frac++)
    frac *= 10;
  *value = whole * SANDBOX_MONEY_SCALE + frac;
  if (negative)
    *value = -*value;
  return TRUE;
}

static void
money_append (GString *out,
              gint64   value,
              guint    min_decimals)
{
  guint64 magnitude = value < 0 ? (guint64) -(value + 1) + 1 : (guint64) value;
  char frac[9];
  guint n = 8;

  if (value < 0)
    g_string_append_c (out, '-');
  g_string_append_printf (out, "%" G_GUINT64_FORMAT ".", magnitude / SANDBOX_MONEY_SCALE);
  g_snprintf (frac, sizeof frac, "%08" G_GUINT64_FORMAT, magnitude % SANDBOX_MONEY_SCALE);
  while (n > min_decimals && frac[n - 1] == '0')
    n--;
  g_string_append_len (out, frac, n);
}

void
sandbox_money_append_price (GString *out,
                            gint64   value)
{
  money_append (out, value, 2);
}

void
sandbox_money_append_balance (GString *out,
                              gint64   value)
{
  money_append (out, value, 8);
}

const char * const *
sandbox_default_address_countries (void)
{
  return address_countries;
}

void
sandbox_generate (guint64     seed,
                  guint       n_owned,
                  GHashTable *catalogue,
                  GPtrArray  *owned)
{
  guint n_ranges = G_N_ELEMENTS (ranges);
  g_autofree guint64 *used = g_new0 (guint64, n_ranges);
  g_autofree guint *order = g_new (guint, n_ranges);
  guint n_order = 0;
  guint64 rng = seed ^ G_GUINT64_CONSTANT (0x6469616c746f6e65);

  /* Owned numbers visit the countries first, then their second ranges, … so that a small
   * demo account already spans many countries. */
  for (guint pass = 0; n_order < n_ranges; pass++)
    {
      const char *last_country = NULL;
      guint index_in_country = 0;

      for (guint i = 0; i < n_ranges; i++)
        {
          if (g_strcmp0 (last_country, ranges[i].country) != 0)
            index_in_country = 0;
          else
            index_in_country++;
          last_country = ranges[i].country;
          if (index_in_country == pass)
            order[n_order++] = i;
        }
    }

  for (guint i = 0, r = 0, exhausted = 0; i < n_owned && exhausted < n_ranges; r++)
    {
      const SandboxRange *range = &ranges[order[r % n_ranges]];
      guint64 *n_used = &used[order[r % n_ranges]];
      guint64 half = range_space (range) / 2;
      guint64 offset, step, serial;
      SandboxNumber *number;

      if (*n_used >= half)
        {
          exhausted++;
          continue;
        }
      exhausted = 0;
      offset = (seed * G_GUINT64_CONSTANT (2654435761) + order[r % n_ranges]) % half;
      step = coprime_step (half, 7919);
      serial = 2 * ((offset + (*n_used) * (step % half)) % half) + 1;
      (*n_used)++;

      number = range_number (range, serial, &rng);
      configure_owned (number, &rng);
      g_ptr_array_add (owned, number);
      i++;
    }

  if (owned->len < n_owned)
    g_warning ("Only %u owned numbers fit in the sandbox's ranges", owned->len);

  for (guint i = 0; i < n_ranges; i++)
    {
      const SandboxRange *range = &ranges[i];
      guint64 half = range_space (range) / 2;
      guint64 n = MIN (half, CATALOGUE_CAP);
      guint64 range_rng = seed ^ (G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) * (i + 1));
      GPtrArray *numbers = g_hash_table_lookup (catalogue, range->country);
      g_autofree guint64 *picked = g_new (guint64, n);

      if (numbers == NULL)
        {
          numbers = g_ptr_array_new_with_free_func ((GDestroyNotify) sandbox_number_free);
          g_hash_table_insert (catalogue, g_strdup (range->country), numbers);
        }

      /* Distinct random even serials (at most 150 per range, so a linear check is cheap). */
      for (guint64 k = 0; k < n; k++)
        {
          guint64 serial;
          gboolean seen;

          do
            {
              serial = 2 * (n == half ? k : next_random (&range_rng) % half);
              seen = FALSE;
              for (guint64 j = 0; j < k && !seen; j++)
                seen = picked[j] == serial;
            }
          while (seen);
          picked[k] = serial;
          g_ptr_array_add (numbers, range_number (range, serial, &range_rng));
        }
    }

  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, catalogue);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_sort (value, sandbox_number_compare);
  }
}
