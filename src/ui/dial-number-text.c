/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-number-text"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dial-countries.h"
#include "dial-error.h"
#include "dial-format.h"
#include "dial-number-text.h"

char *
dial_number_text_format (DialNumber *number)
{
  g_return_val_if_fail (DIAL_IS_NUMBER (number), NULL);

  return dial_format_msisdn_grouped (dial_number_get_msisdn (number),
                                     dial_number_get_country (number));
}

char *
dial_number_text_country (const char *country)
{
  g_autofree char *flag = NULL;
  const char *name;

  if (country == NULL || *country == '\0')
    return g_strdup ("");

  name = dial_country_get_name (country);
  if (name == NULL)
    return g_strdup (country);

  flag = dial_country_get_flag (country);
  return g_strdup_printf ("%s %s", flag, name);
}

const char *
dial_number_text_voice_type (DialNumber *number)
{
  g_return_val_if_fail (DIAL_IS_NUMBER (number), NULL);

  switch (dial_number_get_voice_callback_type (number))
    {
    case DIAL_VOICE_CALLBACK_NONE:
      return "";
    case DIAL_VOICE_CALLBACK_SIP:
      return _("SIP URI");
    case DIAL_VOICE_CALLBACK_TEL:
      return _("Phone number");
    case DIAL_VOICE_CALLBACK_APP:
      return _("Application");
    case DIAL_VOICE_CALLBACK_UNKNOWN:
    default:
      return dial_number_get_voice_callback_type_string (number);
    }
}

char *
dial_number_text_voice_destination (DialNumber *number)
{
  const char *value;

  g_return_val_if_fail (DIAL_IS_NUMBER (number), NULL);

  value = dial_number_get_voice_callback_value (number);
  if (value == NULL)
    return g_strdup ("");

  if (dial_number_get_voice_callback_type (number) == DIAL_VOICE_CALLBACK_TEL)
    return dial_format_msisdn_grouped (value, NULL);

  return g_strdup (value);
}

char *
dial_number_text_describe_error (const char   *task,
                                 const GError *error)
{
  g_return_val_if_fail (task != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != DIAL_ERROR)
    /* Translators: "Could not save +44 7700 900123: (the reason)" */
    return g_strdup_printf (_("%s: %s"), task, error->message);

  switch ((DialError) error->code)
    {
    case DIAL_ERROR_REFUSED:
    case DIAL_ERROR_BAD_REQUEST:
      /* Vonage's label is often just "method failed", but it is all there is: show it. */
      /* Translators: task, explanation, then Vonage's own words */
      return g_strdup_printf (_("%s: %s Vonage said: “%s”."), task,
                              dial_error_explain (error->code), error->message);
    default:
      return g_strdup_printf (_("%s: %s"), task, dial_error_explain (error->code));
    }
}
