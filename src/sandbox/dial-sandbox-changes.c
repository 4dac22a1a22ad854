/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-sandbox"

#include "config.h"

#include <string.h>

#include "dial-sandbox-private.h"

/*
 * The changing endpoints: /number/buy, /number/cancel and /number/update (form bodies).
 */

/* POST bodies must be application/x-www-form-urlencoded (NOTES §1): any other body, JSON
 * included, carries no fields, so the required ones are reported missing (400). */
static GHashTable *
read_form (SandboxRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  SoupMessageBody *body;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;

  if (content_type == NULL ||
      g_ascii_strcasecmp (content_type, "application/x-www-form-urlencoded") != 0)
    return g_hash_table_new (g_str_hash, g_str_equal);

  body = soup_server_message_get_request_body (req->msg);
  bytes = soup_message_body_flatten (body);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return soup_form_decode (text);
}

/* country + msisdn (+ target_api_key): the number-details schema of buy and cancel, also the
 * head of update. Answers and returns FALSE when the request cannot go on. */
static gboolean
read_number_details (DialSandbox    *self,
                     SandboxRequest *req,
                     GHashTable     *form,
                     FieldErrors    *errors)
{
  const char *country = sandbox_param (form, "country");
  const char *msisdn = sandbox_param (form, "msisdn");

  sandbox_check_utf8 (form, errors);
  if (country == NULL || *country == '\0')
    sandbox_field_error (errors, "country", MSG_REQUIRED);
  else if (!sandbox_is_country (country))
    sandbox_field_error (errors, "country", MSG_COUNTRY);
  if (msisdn == NULL || *msisdn == '\0')
    sandbox_field_error (errors, "msisdn", MSG_REQUIRED);
  else if (!sandbox_is_msisdn (msisdn))
    sandbox_field_error (errors, "msisdn", MSG_MSISDN);

  /* Parameters in the query string of a POST were answered with 420 (ConnectCorp/nexmo-client
   * #17); the form fields being absent, that case gets its own label. */
  if ((country == NULL || msisdn == NULL) &&
      sandbox_param (req->query, "country") != NULL && sandbox_param (req->query, "msisdn") != NULL)
    {
      if (errors->json != NULL)
        g_string_free (g_steal_pointer (&errors->json), TRUE);
      sandbox_respond_status (req->msg, 420, LABEL_PARAMS_IN_QUERY);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_target_api_key (DialSandbox    *self,
                      SandboxRequest *req,
                      GHashTable     *form)
{
  const char *target = sandbox_param (form, "target_api_key");

  /* The sandbox account has no subaccounts; its own key is accepted. */
  if (target != NULL && *target != '\0' && g_strcmp0 (target, self->api_key) != 0)
    {
      sandbox_respond_status (req->msg, 420, LABEL_SUBACCOUNT);
      return FALSE;
    }
  return TRUE;
}

static void
respond_success (SoupServerMessage *msg)
{
  sandbox_respond_json (msg, 200,
                        g_string_new ("{\"error-code\":\"200\",\"error-code-label\":\"success\"}"));
}

void
sandbox_api_buy (DialSandbox    *self,
                 SandboxRequest *req)
{
  g_autoptr(GHashTable) form = read_form (req);
  FieldErrors errors = { NULL };
  const char *country, *msisdn;
  SandboxNumber *number;
  gint64 price;

  if (!read_number_details (self, req, form, &errors) ||
      sandbox_field_errors_respond (&errors, req->msg) ||
      !check_target_api_key (self, req, form))
    return;
  country = sandbox_param (form, "country");
  msisdn = sandbox_param (form, "msisdn");

  /* The spec's 420 description names "you may already own this number". */
  if (g_hash_table_contains (self->owned_by_msisdn, msisdn))
    {
      sandbox_respond_status (req->msg, 420, LABEL_ALREADY_OWNED);
      return;
    }
  number = g_hash_table_lookup (self->available, msisdn);
  if (number == NULL)
    {
      sandbox_respond_status (req->msg, 420, LABEL_NOT_AVAILABLE);
      return;
    }
  if (strcmp (number->country, country) != 0)
    {
      sandbox_respond_status (req->msg, 420, LABEL_WRONG_COUNTRY);
      return;
    }
  if (g_hash_table_contains (self->needs_address, country))
    {
      sandbox_respond_status (req->msg, 420, LABEL_NEEDS_ADDRESS);
      return;
    }
  /* The first month and the setup fee are paid now. */
  price = number->cost + number->initial_price;
  if (self->balance < price)
    {
      sandbox_respond_status (req->msg, 420, LABEL_BALANCE);
      return;
    }

  number = sandbox_steal_available (self, msisdn);
  g_hash_table_remove (self->returned, msisdn);
  self->balance -= price;
  g_hash_table_replace (self->purchases, g_strdup (msisdn),
                        GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->purchases,
                                                                                 msisdn)) + 1));
  sandbox_insert_owned (self, number);
  sandbox_state_changed (self);
  respond_success (req->msg);
}

void
sandbox_api_cancel (DialSandbox    *self,
                    SandboxRequest *req)
{
  g_autoptr(GHashTable) form = read_form (req);
  FieldErrors errors = { NULL };
  SandboxNumber *number;

  if (!read_number_details (self, req, form, &errors) ||
      sandbox_field_errors_respond (&errors, req->msg) ||
      !check_target_api_key (self, req, form))
    return;

  /* The spec documents no 420 for cancel; the Python SDK models "method failed" for a number
   * not owned, and its HTTP status is UNCONFIRMED: the strict reading answers HTTP 420. */
  number = g_hash_table_lookup (self->owned_by_msisdn, sandbox_param (form, "msisdn"));
  if (number == NULL)
    {
      sandbox_respond_status (req->msg, 420, LABEL_NOT_OWNED);
      return;
    }
  if (strcmp (number->country, sandbox_param (form, "country")) != 0)
    {
      sandbox_respond_status (req->msg, 420, LABEL_WRONG_COUNTRY);
      return;
    }

  number = sandbox_steal_owned (self, number->msisdn);
  sandbox_number_clear_config (number);
  g_hash_table_add (self->returned, g_strdup (number->msisdn));
  sandbox_insert_available (self, number);
  sandbox_state_changed (self);
  respond_success (req->msg);
}

static char *
take_config (GHashTable *form,
             const char *key)
{
  const char *value = sandbox_param (form, key);

  /* An empty value removes the setting (spec, moHttpUrl). */
  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

/* Reads the complete configuration of an update. Every field left out is cleared: the strict
 * reading of Vonage's own CLI, which unlinks an app by leaving app_id out (NOTES §3.5). */
static SandboxNumber *
read_update (GHashTable  *form,
             FieldErrors *errors)
{
  SandboxNumber *config = sandbox_number_new ();

  config->app_id = take_config (form, "app_id");
  config->mo_http_url = take_config (form, "moHttpUrl");
  config->mo_smpp_sys_type = take_config (form, "moSmppSysType");
  config->voice_callback_type = take_config (form, "voiceCallbackType");
  config->voice_callback_value = take_config (form, "voiceCallbackValue");
  config->voice_status_callback = take_config (form, "voiceStatusCallback");
  config->messages_callback_type = take_config (form, "messagesCallbackType");
  config->messages_callback_value = take_config (form, "messagesCallbackValue");

  if (config->app_id != NULL && !sandbox_is_uuid (config->app_id))
    sandbox_field_error (errors, "app_id", MSG_APP_ID);
  if (config->mo_http_url != NULL && !sandbox_is_http_url (config->mo_http_url))
    sandbox_field_error (errors, "moHttpUrl", MSG_URL);
  if (config->voice_status_callback != NULL && !sandbox_is_http_url (config->voice_status_callback))
    sandbox_field_error (errors, "voiceStatusCallback", MSG_URL);

  /* voiceCallbackType and voiceCallbackValue "must be used" together (spec). */
  if (config->voice_callback_type != NULL && config->voice_callback_value == NULL)
    sandbox_field_error (errors, "voiceCallbackValue", "Is required with voiceCallbackType.");
  else if (config->voice_callback_type == NULL && config->voice_callback_value != NULL)
    sandbox_field_error (errors, "voiceCallbackType", "Is required with voiceCallbackValue.");
  else if (config->voice_callback_type != NULL)
    {
      const char *type = config->voice_callback_type;
      const char *value = config->voice_callback_value;

      if (g_str_equal (type, "tel"))
        {
          if (!sandbox_is_msisdn (value))
            sandbox_field_error (errors, "voiceCallbackValue", MSG_MSISDN);
        }
      else if (g_str_equal (type, "sip"))
        {
          if (!g_str_has_prefix (value, "sip:") && !g_str_has_prefix (value, "sips:"))
            sandbox_field_error (errors, "voiceCallbackValue", "Must be a SIP URI (sip:…).");
        }
      else if (g_str_equal (type, "app"))
        {
          if (!sandbox_is_uuid (value))
            sandbox_field_error (errors, "voiceCallbackValue", MSG_APP_ID);
        }
      else
        {
          sandbox_field_error (errors, "voiceCallbackType", "Must be one of sip, tel, app.");
        }
    }

  if (config->messages_callback_type != NULL && config->messages_callback_value == NULL)
    sandbox_field_error (errors, "messagesCallbackValue", "Is required with messagesCallbackType.");
  else if (config->messages_callback_type == NULL && config->messages_callback_value != NULL)
    sandbox_field_error (errors, "messagesCallbackType", "Is required with messagesCallbackValue.");
  else if (config->messages_callback_type != NULL)
    {
      if (!g_str_equal (config->messages_callback_type, "app"))
        sandbox_field_error (errors, "messagesCallbackType", "Must be app.");
      else if (!sandbox_is_uuid (config->messages_callback_value))
        sandbox_field_error (errors, "messagesCallbackValue", MSG_APP_ID);
    }

  return config;
}

/* Applies req->update to the owned number named in the form, or answers 420. */
static void
update_finish (DialSandbox    *self,
               SandboxRequest *req,
               const char     *country,
               const char     *msisdn)
{
  SandboxNumber *number = g_hash_table_lookup (self->owned_by_msisdn, msisdn);
  SandboxNumber *config = req->update;

  if (number == NULL)
    {
      sandbox_respond_status (req->msg, 420, LABEL_NOT_OWNED);
      return;
    }
  if (strcmp (number->country, country) != 0)
    {
      sandbox_respond_status (req->msg, 420, LABEL_WRONG_COUNTRY);
      return;
    }

  sandbox_number_clear_config (number);
  number->app_id = g_steal_pointer (&config->app_id);
  number->mo_http_url = g_steal_pointer (&config->mo_http_url);
  number->mo_smpp_sys_type = g_steal_pointer (&config->mo_smpp_sys_type);
  number->voice_callback_type = g_steal_pointer (&config->voice_callback_type);
  number->voice_callback_value = g_steal_pointer (&config->voice_callback_value);
  number->voice_status_callback = g_steal_pointer (&config->voice_status_callback);
  number->messages_callback_type = g_steal_pointer (&config->messages_callback_type);
  number->messages_callback_value = g_steal_pointer (&config->messages_callback_value);
  sandbox_state_changed (self);
  respond_success (req->msg);
}

static void
on_webhook_checked (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SandboxRequest *req = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  DialSandbox *self = req->self;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (self == NULL || req->finished)
    {
      sandbox_request_unref (req);
      return;
    }

  if (bytes == NULL || soup_message_get_status (req->webhook_msg) != SOUP_STATUS_OK)
    {
      g_debug ("Webhook check of %s failed: %s", req->update->mo_http_url,
               error != NULL ? error->message : soup_message_get_reason_phrase (req->webhook_msg));
      sandbox_respond_status (req->msg, 420, LABEL_WEBHOOK);
    }
  else
    {
      update_finish (self, req, req->update->country, req->update->msisdn);
    }
  sandbox_request_done (req);
  sandbox_request_unref (req);
}

/* Returns TRUE when the answer is set now, FALSE when the webhook check will set it. */
gboolean
sandbox_api_update (DialSandbox    *self,
                    SandboxRequest *req)
{
  g_autoptr(GHashTable) form = read_form (req);
  FieldErrors errors = { NULL };
  SandboxNumber *config;

  if (!read_number_details (self, req, form, &errors))
    return TRUE;
  config = read_update (form, &errors);
  req->update = config;
  if (sandbox_field_errors_respond (&errors, req->msg))
    return TRUE;

  if (!g_hash_table_contains (self->owned_by_msisdn, sandbox_param (form, "msisdn")))
    {
      sandbox_respond_status (req->msg, 420, LABEL_NOT_OWNED);
      return TRUE;
    }

  if (!self->webhook_check || config->mo_http_url == NULL)
    {
      update_finish (self, req, sandbox_param (form, "country"), sandbox_param (form, "msisdn"));
      return TRUE;
    }

  /* "Vonage makes a GET request to the endpoint and checks that it returns a 200 OK" (spec). */
  memcpy (config->country, sandbox_param (form, "country"), 3);
  config->msisdn = g_strdup (sandbox_param (form, "msisdn"));
  if (self->webhook_session == NULL)
    {
      /* Direct connections only (no proxy resolver, which would read GSettings). */
      self->webhook_session =
        soup_session_new_with_options ("timeout", 10, "proxy-resolver", NULL,
                                       "user-agent", "dialtone-sandbox webhook check", NULL);
    }
  req->webhook_msg = soup_message_new (SOUP_METHOD_GET, config->mo_http_url);
  if (req->webhook_msg == NULL)
    {
      sandbox_respond_status (req->msg, 420, LABEL_WEBHOOK);
      return TRUE;
    }
  req->cancellable = g_cancellable_new ();
  sandbox_request_pause (req);
  soup_session_send_and_read_async (self->webhook_session, req->webhook_msg, G_PRIORITY_DEFAULT,
                                    req->cancellable, on_webhook_checked,
                                    sandbox_request_ref (req));
  return FALSE;
}
