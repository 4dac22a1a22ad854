/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-number-config"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dial-error.h"
#include "dial-number-private.h"
#include "dial-validate.h"

G_DEFINE_BOXED_TYPE (DialNumberConfig, dial_number_config,
                     dial_number_config_copy, dial_number_config_free)

/* NULL and "" both mean "no value". */
static void
set_string (char       **field,
            const char  *value)
{
  if (value != NULL && value[0] == '\0')
    value = NULL;
  if (*field == value)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

/* Prefixes @error with the name of the field it is about (DIAL_ERROR_INVALID_INPUT). */
static gboolean
field_invalid (GError     **error,
               GError      *field_error,
               const char  *field_label)
{
  /* Translators: "<field>: <what is wrong>", e.g. "Inbound SMS webhook: The address …" */
  g_propagate_prefixed_error (error, field_error, _("%s: "), field_label);
  return FALSE;
}

DialNumberConfig *
dial_number_config_new_from_number (DialNumber *number)
{
  DialNumberConfig *self;

  g_return_val_if_fail (DIAL_IS_NUMBER (number), NULL);

  self = g_new0 (DialNumberConfig, 1);
  self->country = dial_number_get_country (number);
  self->msisdn = g_strdup (dial_number_get_msisdn (number));
  self->mo_http_url = g_strdup (dial_number_get_mo_http_url (number));
  self->mo_smpp_sys_type = g_strdup (dial_number_get_mo_smpp_sys_type (number));
  self->voice_callback_type = dial_number_get_voice_callback_type (number);
  self->voice_callback_type_string = dial_number_get_voice_callback_type_string (number);
  self->voice_callback_value = g_strdup (dial_number_get_voice_callback_value (number));
  self->voice_status_callback = g_strdup (dial_number_get_voice_status_callback (number));
  self->messages_callback_type = dial_number_get_messages_callback_type (number);
  self->messages_callback_value = g_strdup (dial_number_get_messages_callback_value (number));
  self->app_id = g_strdup (dial_number_get_app_id (number));

  return self;
}

DialNumberConfig *
dial_number_config_copy (DialNumberConfig *self)
{
  DialNumberConfig *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (DialNumberConfig, 1);
  copy->country = self->country;
  copy->msisdn = g_strdup (self->msisdn);
  copy->mo_http_url = g_strdup (self->mo_http_url);
  copy->mo_smpp_sys_type = g_strdup (self->mo_smpp_sys_type);
  copy->voice_callback_type = self->voice_callback_type;
  copy->voice_callback_type_string = self->voice_callback_type_string;
  copy->voice_callback_value = g_strdup (self->voice_callback_value);
  copy->voice_status_callback = g_strdup (self->voice_status_callback);
  copy->messages_callback_type = self->messages_callback_type;
  copy->messages_callback_value = g_strdup (self->messages_callback_value);
  copy->app_id = g_strdup (self->app_id);

  return copy;
}

void
dial_number_config_free (DialNumberConfig *self)
{
  if (self == NULL)
    return;

  g_free (self->msisdn);
  g_free (self->mo_http_url);
  g_free (self->mo_smpp_sys_type);
  g_free (self->voice_callback_value);
  g_free (self->voice_status_callback);
  g_free (self->messages_callback_value);
  g_free (self->app_id);
  g_free (self);
}

const char *
dial_number_config_get_country (DialNumberConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->country;
}

const char *
dial_number_config_get_msisdn (DialNumberConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->msisdn;
}

void
dial_number_config_set_mo_http_url (DialNumberConfig *self,
                                    const char       *url)
{
  g_return_if_fail (self != NULL);
  set_string (&self->mo_http_url, url);
}

const char *
dial_number_config_get_mo_http_url (DialNumberConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->mo_http_url;
}

void
dial_number_config_set_mo_smpp_sys_type (DialNumberConfig *self,
                                         const char       *sys_type)
{
  g_return_if_fail (self != NULL);
  set_string (&self->mo_smpp_sys_type, sys_type);
}

const char *
dial_number_config_get_mo_smpp_sys_type (DialNumberConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->mo_smpp_sys_type;
}

void
dial_number_config_set_voice_callback (DialNumberConfig      *self,
                                       DialVoiceCallbackType  type,
                                       const char            *value)
{
  g_return_if_fail (self != NULL);
  /* An unknown type can only come from the server, never be chosen. */
  g_return_if_fail (type != DIAL_VOICE_CALLBACK_UNKNOWN);
  g_return_if_fail (type <= DIAL_VOICE_CALLBACK_APP);

  self->voice_callback_type = type;
  self->voice_callback_type_string = dial_voice_callback_type_to_string (type);
  set_string (&self->voice_callback_value, type == DIAL_VOICE_CALLBACK_NONE ? NULL : value);
}

DialVoiceCallbackType
dial_number_config_get_voice_callback_type (DialNumberConfig *self)
{
  g_return_val_if_fail (self != NULL, DIAL_VOICE_CALLBACK_NONE);
  return self->voice_callback_type;
}

const char *
dial_number_config_get_voice_callback_value (DialNumberConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->voice_callback_value;
}

void
dial_number_config_set_voice_status_callback (DialNumberConfig *self,
                                              const char       *url)
{
  g_return_if_fail (self != NULL);
  set_string (&self->voice_status_callback, url);
}

const char *
dial_number_config_get_voice_status_callback (DialNumberConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->voice_status_callback;
}

void
dial_number_config_set_app_id (DialNumberConfig *self,
                               const char       *app_id)
{
  g_return_if_fail (self != NULL);
  set_string (&self->app_id, app_id);
}

const char *
dial_number_config_get_app_id (DialNumberConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->app_id;
}

gboolean
dial_number_config_validate (DialNumberConfig  *self,
                             GError           **error)
{
  GError *field_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!dial_validate_country (self->country, NULL, &field_error))
    return field_invalid (error, field_error, _("Country"));
  if (!dial_validate_msisdn (self->msisdn, NULL, &field_error))
    return field_invalid (error, field_error, _("Number"));
  if (self->mo_http_url != NULL &&
      !dial_validate_webhook_url (self->mo_http_url, &field_error))
    return field_invalid (error, field_error, _("Inbound SMS webhook"));

  switch (self->voice_callback_type)
    {
    case DIAL_VOICE_CALLBACK_NONE:
      break;
    case DIAL_VOICE_CALLBACK_SIP:
      if (!dial_validate_sip_uri (self->voice_callback_value, &field_error))
        return field_invalid (error, field_error, _("Calls go to SIP address"));
      break;
    case DIAL_VOICE_CALLBACK_TEL:
      if (!dial_validate_tel (self->voice_callback_value, NULL, &field_error))
        return field_invalid (error, field_error, _("Calls go to phone number"));
      break;
    case DIAL_VOICE_CALLBACK_APP:
      if (!dial_validate_application_id (self->voice_callback_value, NULL, &field_error))
        return field_invalid (error, field_error, _("Calls go to application"));
      break;
    case DIAL_VOICE_CALLBACK_UNKNOWN:
    default:
      /* Kept exactly as the server sent it; nothing to check it against. */
      break;
    }

  if (self->voice_status_callback != NULL &&
      !dial_validate_webhook_url (self->voice_status_callback, &field_error))
    return field_invalid (error, field_error, _("Call status webhook"));
  if (self->app_id != NULL &&
      !dial_validate_application_id (self->app_id, NULL, &field_error))
    return field_invalid (error, field_error, _("Application"));

  return TRUE;
}

GHashTable *
dial_number_config_to_form (DialNumberConfig *self)
{
  GHashTable *form;

  g_return_val_if_fail (self != NULL, NULL);

  form = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

#define ADD(key, value) \
  G_STMT_START { \
    if ((value) != NULL) \
      g_hash_table_insert (form, (gpointer) (key), g_strdup (value)); \
  } G_STMT_END

  ADD ("country", self->country);
  ADD ("msisdn", self->msisdn);
  /* The one field that is cleared by sending it empty rather than by leaving it out. */
  g_hash_table_insert (form, (gpointer) "moHttpUrl",
                       g_strdup (self->mo_http_url != NULL ? self->mo_http_url : ""));
  ADD ("moSmppSysType", self->mo_smpp_sys_type);
  /* Type and value go together, or neither. */
  if (self->voice_callback_type_string != NULL && self->voice_callback_value != NULL)
    {
      ADD ("voiceCallbackType", self->voice_callback_type_string);
      ADD ("voiceCallbackValue", self->voice_callback_value);
    }
  ADD ("voiceStatusCallback", self->voice_status_callback);
  ADD ("messagesCallbackType", self->messages_callback_type);
  ADD ("messagesCallbackValue", self->messages_callback_value);
  ADD ("app_id", self->app_id);

#undef ADD

  return form;
}
