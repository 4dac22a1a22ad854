/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-parse"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "dial-error.h"
#include "dial-format.h"
#include "dial-json.h"
#include "dial-number.h"
#include "dial-validate.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Everything a page parser hands out is read back, so that a number that is built wrongly
 * (dangling strings, bad offsets) shows up under AddressSanitizer. */
static void
touch_number (DialNumber *number)
{
  g_autoptr(DialNumberConfig) config = dial_number_config_new_from_number (number);
  g_autoptr(GHashTable) form = NULL;
  const char * const *features = dial_number_get_feature_strings (number);
  g_autofree char *msisdn = dial_format_msisdn (dial_number_get_msisdn (number));
  g_autofree char *feature_text = dial_format_features (dial_number_get_features (number));
  gsize total = strlen (msisdn) + strlen (feature_text);
  DialMoney cost;

  for (guint i = 0; features[i] != NULL; i++)
    total += strlen (features[i]);
  for (guint i = 0; i < dial_number_get_n_limitations (number); i++)
    {
      const DialLimitation *limitation = dial_number_get_limitation (number, i);

      total += limitation->feature != NULL ? strlen (limitation->feature) : 0;
    }
  total += strlen (dial_format_number_type (dial_number_get_number_type (number),
                                            dial_number_get_type_string (number)));
  if (dial_money_parse (dial_number_get_cost (number), &cost))
    g_free (dial_money_to_string (cost));

  /* Round trip through the configuration, as an update would. */
  dial_number_config_validate (config, NULL);
  form = dial_number_config_to_form (config);
  dial_number_config_set_mo_http_url (config, NULL);
  dial_number_apply_config (number, config);
  g_assert_null (dial_number_get_mo_http_url (number));
  g_assert_cmpuint (total, >, 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 12345;

  /* The parser every other answer body (status, balance, errors) can use */
  {
    g_autoptr(GError) json_error = NULL;
    g_autoptr(JsonNode) root = dial_json_parse_object ((const char *) data, size, &json_error);

    g_assert_true ((root == NULL) != (json_error == NULL));
    if (root != NULL)
      g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
    else
      g_assert_error (json_error, DIAL_ERROR, DIAL_ERROR_MALFORMED);
  }

  numbers = dial_numbers_parse_page ((const char *) data, size, &count, &error);
  if (numbers == NULL)
    {
      g_assert_error (error, DIAL_ERROR, DIAL_ERROR_MALFORMED);
      g_assert_cmpuint (count, ==, 0);
      return 0;
    }

  g_assert_no_error (error);
  g_assert_cmpuint (count, >=, numbers->len);
  for (guint i = 0; i < numbers->len; i++)
    touch_number (g_ptr_array_index (numbers, i));

  /* The other parsers of outside text see the same bytes: money, the validators (what a
   * person types), and a locale name for the ICU formatter. */
  if (size < 512)
    {
      g_autofree char *text = g_strndup ((const char *) data, size);
      g_autofree char *normalized = NULL;
      DialMoney value;

      if (dial_money_parse (text, &value))
        {
          g_autofree char *back = dial_money_to_string (value);
          g_autofree char *shown = dial_format_money_for_locale (value, "de_DE");
          DialMoney again;

          g_assert_true (dial_money_parse (back, &again));
          g_assert_cmpint (value, ==, again);
          g_assert_nonnull (shown);
        }

      if (dial_validate_msisdn (text, &normalized, NULL))
        g_assert_cmpuint (strspn (normalized, "0123456789"), ==, strlen (normalized));
      g_clear_pointer (&normalized, g_free);
      if (dial_validate_tel (text, &normalized, NULL))
        g_assert_cmpuint (strlen (normalized), <=, 15);
      g_clear_pointer (&normalized, g_free);
      if (dial_validate_country (text, &normalized, NULL))
        g_assert_cmpuint (strlen (normalized), ==, 2);
      g_clear_pointer (&normalized, g_free);
      if (dial_validate_application_id (text, &normalized, NULL))
        g_assert_cmpuint (strlen (normalized), ==, 36);
      g_clear_pointer (&normalized, g_free);
      dial_validate_webhook_url (text, NULL);
      dial_validate_sip_uri (text, NULL);
      dial_validate_api_key (text, NULL);
      dial_validate_base_url (text, NULL);
      g_free (dial_format_money_for_locale (125000000, text));
    }

  return 0;
}
