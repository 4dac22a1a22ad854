/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-sandbox"

#include "config.h"

#include <string.h>

#include "dial-sandbox-private.h"

/*
 * The six endpoints. Where the public record is silent (NOTES.md, UNCONFIRMED) the sandbox
 * takes the strictest plausible reading; each such place says so.
 *
 * 420 labels (HTTP status 420, "error-code":"420"), one per cause so that clients and tests
 * can tell them apart:
 */
#define LABEL_ALREADY_OWNED    "method failed: you already own this number"
#define LABEL_NOT_AVAILABLE    "method failed: this number is no longer available"
#define LABEL_NOT_OWNED        "method failed: you do not own this number"
#define LABEL_WRONG_COUNTRY    "method failed: the number does not belong to this country"
#define LABEL_BALANCE          "method failed: insufficient balance"
#define LABEL_WEBHOOK          "method failed: the moHttpUrl webhook did not answer 200 OK"
#define LABEL_PARAMS_IN_QUERY  "method failed: parameters must be sent in the request body"
#define LABEL_SUBACCOUNT       "method failed: target_api_key is not a subaccount of this account"
/* The spec's own example (S-NUM response420), used when a country needs a local address. */
#define LABEL_NEEDS_ADDRESS \
  "Numbers from this country can be requested from the Dashboard " \
  "(https://dashboard.nexmo.com/buy-numbers) as they require a valid local address to be " \
  "provided before being purchased."

#define MSG_REQUIRED   "Is required."
#define MSG_COUNTRY    "Must be a two-letter ISO 3166-1 alpha-2 country code in capitals."
#define MSG_MSISDN     "Must be a number in E.164 format without + (digits only)."
#define MSG_SIZE       "Must be between 1 and 100."
#define MSG_INDEX      "Must be a whole number of at least 1."
#define MSG_PATTERN    "Must contain only digits."
#define MSG_SEARCH_PAT "Must be 0, 1 or 2."
#define MSG_BOOLEAN    "Must be true or false."
#define MSG_TYPE       "Must be one of landline, mobile-lvn, landline-toll-free."
#define MSG_FEATURES   "Must be one of SMS, VOICE, SMS,VOICE, MMS, SMS,MMS, VOICE,MMS, SMS,MMS,VOICE."
#define MSG_URL        "Must be an absolute http or https URL."
#define MSG_UTF8       "Must be valid UTF-8."

/* Collects a 400 field map, e.g. {"country":"Is required."}. */
typedef struct
{
  GString *json;
} FieldErrors;

static void
field_error (FieldErrors *errors,
             const char  *field,
             const char  *message)
{
  if (errors->json == NULL)
    errors->json = g_string_new ("{");
  else
    g_string_append_c (errors->json, ',');
  sandbox_json_append_string (errors->json, field);
  g_string_append_c (errors->json, ':');
  sandbox_json_append_string (errors->json, message);
}

/* Answers 400 with the collected map and returns TRUE, or returns FALSE when there is none. */
static gboolean
field_errors_respond (FieldErrors       *errors,
                      SoupServerMessage *msg)
{
  if (errors->json == NULL)
    return FALSE;
  g_string_append_c (errors->json, '}');
  sandbox_respond_json (msg, 400, g_steal_pointer (&errors->json));
  return TRUE;
}

void
sandbox_respond_json (SoupServerMessage *msg,
                      guint              status,
                      GString           *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  char trace[33];
  gsize len = body->len;

  /* Seen on real error responses (Nexmo/nexmo-cli #233). */
  g_snprintf (trace, sizeof trace, "%08x%08x%08x%08x", g_random_int (), g_random_int (),
              g_random_int (), g_random_int ());
  soup_message_headers_replace (headers, "X-Nexmo-Trace-Id", trace);
  soup_server_message_set_status (msg, status, status == 420 ? "Method Failure" : NULL);
  soup_server_message_set_response (msg, "application/json;charset=UTF-8", SOUP_MEMORY_TAKE,
                                    g_string_free (body, FALSE), len);
}

void
sandbox_respond_status (SoupServerMessage *msg,
                        guint              status,
                        const char        *label)
{
  GString *body = g_string_new (NULL);

  g_string_append_printf (body, "{\"error-code\":\"%u\",\"error-code-label\":", status);
  sandbox_json_append_string (body, label);
  g_string_append_c (body, '}');
  sandbox_respond_json (msg, status, body);
}

static const char *
param (GHashTable *map,
       const char *key)
{
  return map != NULL ? g_hash_table_lookup (map, key) : NULL;
}

static gboolean
is_digits (const char *str)
{
  if (str == NULL || *str == '\0')
    return FALSE;
  for (; *str != '\0'; str++)
    if (!g_ascii_isdigit (*str))
      return FALSE;
  return TRUE;
}

static gboolean
is_country (const char *str)
{
  return str != NULL && g_ascii_isupper (str[0]) && g_ascii_isupper (str[1]) && str[2] == '\0';
}

static gboolean
is_msisdn (const char *str)
{
  return is_digits (str) && strlen (str) <= 15;
}

static gboolean
is_http_url (const char *str)
{
  g_autoptr(GUri) uri = g_uri_parse (str, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  for (const char *p = str; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;
  return g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0;
}

static gboolean
is_uuid (const char *str)
{
  static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

  if (str == NULL || strlen (str) != strlen (shape))
    return FALSE;
  for (guint i = 0; shape[i] != '\0'; i++)
    if (shape[i] == '-' ? str[i] != '-' : !g_ascii_isxdigit (str[i]))
      return FALSE;
  return TRUE;
}

/* Every value that reaches a JSON answer or the state file must be UTF-8. */
static void
check_utf8 (GHashTable  *map,
            FieldErrors *errors)
{
  GHashTableIter iter;
  gpointer key, value;

  if (map == NULL)
    return;
  g_hash_table_iter_init (&iter, map);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_utf8_validate (key, -1, NULL) || !g_utf8_validate (value, -1, NULL))
      {
        g_autofree char *valid = g_utf8_make_valid (key, -1);

        field_error (errors, valid, MSG_UTF8);
      }
}

/* 1-based `index` (default 1) and `size` (default 10, at most 100): NOTES §6. The Java SDK
 * refuses index < 1 and size outside 1..100; the sandbox answers those with 400. */
static void
read_paging (GHashTable  *query,
             FieldErrors *errors,
             guint       *index,
             guint       *size)
{
  const char *str;
  guint64 v;

  *index = 1;
  *size = 10;
  if ((str = param (query, "size")) != NULL)
    {
      if (!is_digits (str) || !g_ascii_string_to_unsigned (str, 10, 1, 100, &v, NULL))
        field_error (errors, "size", MSG_SIZE);
      else
        *size = v;
    }
  if ((str = param (query, "index")) != NULL)
    {
      if (!is_digits (str) || !g_ascii_string_to_unsigned (str, 10, 1, G_MAXUINT32, &v, NULL))
        field_error (errors, "index", MSG_INDEX);
      else
        *index = v;
    }
}

typedef struct
{
  const char *country;
  const char *pattern;
  guint       search_pattern;   /* 0 starts with, 1 contains, 2 ends with */
  int         has_application;  /* -1: no filter */
  const char *application_id;
  int         type;             /* -1: no filter */
  guint8      features;         /* 0: no filter */
} Filter;

static void
read_pattern (GHashTable  *query,
              FieldErrors *errors,
              Filter      *filter)
{
  const char *str;

  /* The pattern is matched against E.164 digits; a "+" or spaces are refused rather than
   * silently matching nothing. */
  if ((str = param (query, "pattern")) != NULL && *str != '\0')
    {
      if (!is_digits (str))
        field_error (errors, "pattern", MSG_PATTERN);
      else
        filter->pattern = str;
    }
  if ((str = param (query, "search_pattern")) != NULL)
    {
      if (strlen (str) != 1 || str[0] < '0' || str[0] > '2')
        field_error (errors, "search_pattern", MSG_SEARCH_PAT);
      else
        filter->search_pattern = str[0] - '0';
    }
}

static gboolean
is_linked (const SandboxNumber *number)
{
  return number->app_id != NULL || g_strcmp0 (number->voice_callback_type, "app") == 0 ||
         g_strcmp0 (number->messages_callback_type, "app") == 0;
}

static gboolean
is_linked_to (const SandboxNumber *number,
              const char          *application_id)
{
  return g_strcmp0 (number->app_id, application_id) == 0 ||
         (g_strcmp0 (number->voice_callback_type, "app") == 0 &&
          g_strcmp0 (number->voice_callback_value, application_id) == 0) ||
         (g_strcmp0 (number->messages_callback_type, "app") == 0 &&
          g_strcmp0 (number->messages_callback_value, application_id) == 0);
}

static gboolean
filter_is_empty (const Filter *filter)
{
  return filter->country == NULL && filter->pattern == NULL && filter->has_application < 0 &&
         filter->application_id == NULL && filter->type < 0 && filter->features == 0;
}

static gboolean
filter_match (const Filter        *filter,
              const SandboxNumber *number)
{
  if (filter->country != NULL && strcmp (filter->country, number->country) != 0)
    return FALSE;
  if (filter->type >= 0 && number->type != filter->type)
    return FALSE;
  if ((number->features & filter->features) != filter->features)
    return FALSE;
  if (filter->has_application >= 0 && is_linked (number) != filter->has_application)
    return FALSE;
  if (filter->application_id != NULL && !is_linked_to (number, filter->application_id))
    return FALSE;
  if (filter->pattern != NULL)
    {
      switch (filter->search_pattern)
        {
        case 0:
          return g_str_has_prefix (number->msisdn, filter->pattern);
        case 1:
          return strstr (number->msisdn, filter->pattern) != NULL;
        default:
          return g_str_has_suffix (number->msisdn, filter->pattern);
        }
    }
  return TRUE;
}

/* {"count":N,"numbers":[…]}; a page without numbers (nothing matches, or past the end) is {}
 * as the record shows it (NOTES §6: Python SDK nothing.json, vonage-node-sdk #928). */
static void
respond_page (SoupServerMessage *msg,
              GPtrArray         *numbers,
              const Filter      *filter,
              guint              index,
              guint              size,
              SandboxJsonMode    mode)
{
  guint64 start = (guint64) (index - 1) * size;
  guint64 end = start + size;
  guint count = 0;
  GString *items = g_string_sized_new (size * 300);
  GString *body;

  if (numbers != NULL && filter_is_empty (filter))
    {
      count = numbers->len;
      for (guint64 i = start; i < end && i < numbers->len; i++)
        {
          if (i > start)
            g_string_append_c (items, ',');
          sandbox_json_append_number (items, g_ptr_array_index (numbers, i), mode);
        }
    }
  else if (numbers != NULL)
    {
      for (guint i = 0; i < numbers->len; i++)
        {
          const SandboxNumber *number = g_ptr_array_index (numbers, i);

          if (!filter_match (filter, number))
            continue;
          if (count >= start && count < end)
            {
              if (count > start)
                g_string_append_c (items, ',');
              sandbox_json_append_number (items, number, mode);
            }
          count++;
        }
    }

  if (items->len == 0)
    {
      g_string_free (items, TRUE);
      sandbox_respond_json (msg, 200, g_string_new ("{}"));
      return;
    }

  body = g_string_sized_new (items->len + 40);
  g_string_append_printf (body, "{\"count\":%u,\"numbers\":[", count);
  g_string_append_len (body, items->str, items->len);
  g_string_append (body, "]}");
  g_string_free (items, TRUE);
  sandbox_respond_json (msg, 200, body);
}

static void
handle_list (DialSandbox    *self,
             SandboxRequest *req)
{
  FieldErrors errors = { NULL };
  Filter filter = { NULL, NULL, 0, -1, NULL, -1, 0 };
  guint index, size;
  const char *str;

  check_utf8 (req->query, &errors);
  read_paging (req->query, &errors, &index, &size);
  read_pattern (req->query, &errors, &filter);
  if ((str = param (req->query, "country")) != NULL)
    {
      if (!is_country (str))
        field_error (&errors, "country", MSG_COUNTRY);
      else
        filter.country = str;
    }
  if ((str = param (req->query, "has_application")) != NULL)
    {
      if (g_strcmp0 (str, "true") == 0)
        filter.has_application = 1;
      else if (g_strcmp0 (str, "false") == 0)
        filter.has_application = 0;
      else
        field_error (&errors, "has_application", MSG_BOOLEAN);
    }
  if ((str = param (req->query, "application_id")) != NULL && *str != '\0')
    filter.application_id = str;
  if (field_errors_respond (&errors, req->msg))
    return;

  respond_page (req->msg, self->owned, &filter, index, size, SANDBOX_JSON_OWNED);
}

static void
handle_search (DialSandbox    *self,
               SandboxRequest *req)
{
  FieldErrors errors = { NULL };
  Filter filter = { NULL, NULL, 0, -1, NULL, -1, 0 };
  guint index, size;
  const char *str;
  const char *country = param (req->query, "country");

  check_utf8 (req->query, &errors);
  /* country is required for search (spec; vonage-node-sdk PR #747). */
  if (country == NULL || *country == '\0')
    field_error (&errors, "country", MSG_REQUIRED);
  else if (!is_country (country))
    field_error (&errors, "country", MSG_COUNTRY);
  if ((str = param (req->query, "type")) != NULL)
    {
      SandboxNumberType type;

      if (!sandbox_type_from_string (str, &type))
        field_error (&errors, "type", MSG_TYPE);
      else
        filter.type = type;
    }
  /* Only the spec's spellings; anything else is a bad parameter (400), not a failed action. */
  if ((str = param (req->query, "features")) != NULL &&
      !sandbox_features_from_filter (str, &filter.features))
    field_error (&errors, "features", MSG_FEATURES);
  read_pattern (req->query, &errors, &filter);
  read_paging (req->query, &errors, &index, &size);
  if (field_errors_respond (&errors, req->msg))
    return;

  respond_page (req->msg, g_hash_table_lookup (self->catalogue, country), &filter, index, size,
                SANDBOX_JSON_AVAILABLE);
}

static void
handle_balance (DialSandbox    *self,
                SandboxRequest *req)
{
  GString *body = g_string_new ("{\"value\":");

  sandbox_money_append_balance (body, self->balance);
  g_string_append (body, ",\"autoReload\":false}");
  sandbox_respond_json (req->msg, 200, body);
}

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
  const char *country = param (form, "country");
  const char *msisdn = param (form, "msisdn");

  check_utf8 (form, errors);
  if (country == NULL || *country == '\0')
    field_error (errors, "country", MSG_REQUIRED);
  else if (!is_country (country))
    field_error (errors, "country", MSG_COUNTRY);
  if (msisdn == NULL || *msisdn == '\0')
    field_error (errors, "msisdn", MSG_REQUIRED);
  else if (!is_msisdn (msisdn))
    field_error (errors, "msisdn", MSG_MSISDN);

  /* Parameters in the query string of a POST were answered with 420 (ConnectCorp/nexmo-client
   * #17); the form fields being absent, that case gets its own label. */
  if ((country == NULL || msisdn == NULL) &&
      param (req->query, "country") != NULL && param (req->query, "msisdn") != NULL)
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
  const char *target = param (form, "target_api_key");

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

static void
handle_buy (DialSandbox    *self,
            SandboxRequest *req)
{
  g_autoptr(GHashTable) form = read_form (req);
  FieldErrors errors = { NULL };
  const char *country, *msisdn;
  SandboxNumber *number;
  gint64 price;

  if (!read_number_details (self, req, form, &errors) ||
      field_errors_respond (&errors, req->msg) ||
      !check_target_api_key (self, req, form))
    return;
  country = param (form, "country");
  msisdn = param (form, "msisdn");

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

static void
handle_cancel (DialSandbox    *self,
               SandboxRequest *req)
{
  g_autoptr(GHashTable) form = read_form (req);
  FieldErrors errors = { NULL };
  SandboxNumber *number;

  if (!read_number_details (self, req, form, &errors) ||
      field_errors_respond (&errors, req->msg) ||
      !check_target_api_key (self, req, form))
    return;

  /* The spec documents no 420 for cancel; the Python SDK models "method failed" for a number
   * not owned, and its HTTP status is UNCONFIRMED: the strict reading answers HTTP 420. */
  number = g_hash_table_lookup (self->owned_by_msisdn, param (form, "msisdn"));
  if (number == NULL)
    {
      sandbox_respond_status (req->msg, 420, LABEL_NOT_OWNED);
      return;
    }
  if (strcmp (number->country, param (form, "country")) != 0)
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
  const char *value = param (form, key);

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

  if (config->app_id != NULL && !is_uuid (config->app_id))
    field_error (errors, "app_id", "Must be an application ID (a UUID).");
  if (config->mo_http_url != NULL && !is_http_url (config->mo_http_url))
    field_error (errors, "moHttpUrl", MSG_URL);
  if (config->voice_status_callback != NULL && !is_http_url (config->voice_status_callback))
    field_error (errors, "voiceStatusCallback", MSG_URL);

  /* voiceCallbackType and voiceCallbackValue "must be used" together (spec). */
  if (config->voice_callback_type != NULL && config->voice_callback_value == NULL)
    field_error (errors, "voiceCallbackValue", "Is required with voiceCallbackType.");
  else if (config->voice_callback_type == NULL && config->voice_callback_value != NULL)
    field_error (errors, "voiceCallbackType", "Is required with voiceCallbackValue.");
  else if (config->voice_callback_type != NULL)
    {
      const char *type = config->voice_callback_type;
      const char *value = config->voice_callback_value;

      if (g_str_equal (type, "tel"))
        {
          if (!is_msisdn (value))
            field_error (errors, "voiceCallbackValue", MSG_MSISDN);
        }
      else if (g_str_equal (type, "sip"))
        {
          if (!g_str_has_prefix (value, "sip:") && !g_str_has_prefix (value, "sips:"))
            field_error (errors, "voiceCallbackValue", "Must be a SIP URI (sip:…).");
        }
      else if (g_str_equal (type, "app"))
        {
          if (!is_uuid (value))
            field_error (errors, "voiceCallbackValue", "Must be an application ID (a UUID).");
        }
      else
        {
          field_error (errors, "voiceCallbackType", "Must be one of sip, tel, app.");
        }
    }

  if (config->messages_callback_type != NULL && config->messages_callback_value == NULL)
    field_error (errors, "messagesCallbackValue", "Is required with messagesCallbackType.");
  else if (config->messages_callback_type == NULL && config->messages_callback_value != NULL)
    field_error (errors, "messagesCallbackType", "Is required with messagesCallbackValue.");
  else if (config->messages_callback_type != NULL)
    {
      if (!g_str_equal (config->messages_callback_type, "app"))
        field_error (errors, "messagesCallbackType", "Must be app.");
      else if (!is_uuid (config->messages_callback_value))
        field_error (errors, "messagesCallbackValue", "Must be an application ID (a UUID).");
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
static gboolean
handle_update (DialSandbox    *self,
               SandboxRequest *req)
{
  g_autoptr(GHashTable) form = read_form (req);
  FieldErrors errors = { NULL };
  SandboxNumber *config;

  if (!read_number_details (self, req, form, &errors))
    return TRUE;
  config = read_update (form, &errors);
  req->update = config;
  if (field_errors_respond (&errors, req->msg))
    return TRUE;

  if (!g_hash_table_contains (self->owned_by_msisdn, param (form, "msisdn")))
    {
      sandbox_respond_status (req->msg, 420, LABEL_NOT_OWNED);
      return TRUE;
    }

  if (!self->webhook_check || config->mo_http_url == NULL)
    {
      update_finish (self, req, param (form, "country"), param (form, "msisdn"));
      return TRUE;
    }

  /* "Vonage makes a GET request to the endpoint and checks that it returns a 200 OK" (spec). */
  memcpy (config->country, param (form, "country"), 3);
  config->msisdn = g_strdup (param (form, "msisdn"));
  if (self->webhook_session == NULL)
    {
      /* Direct connections only (no proxy resolver, which would read GSettings). */
      self->webhook_session = soup_session_new_with_options ("timeout", 10,
                                                             "proxy-resolver", NULL,
                                                             "user-agent", "dialtone-sandbox webhook check",
                                                             NULL);
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

static gboolean
check_auth (DialSandbox    *self,
            SandboxRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *key = param (req->query, "api_key");
  const char *secret = param (req->query, "api_secret");

  /* Both methods at once: Vonage's error catalogue has "multiple-auth-methods" (NOTES §2);
   * the strict reading refuses the request with the documented 401. */
  if (authorization != NULL && (key != NULL || secret != NULL))
    return FALSE;

  if (authorization != NULL)
    {
      g_autofree guchar *decoded = NULL;
      g_autofree char *text = NULL;
      gsize len = 0;
      const char *colon;

      if (g_ascii_strncasecmp (authorization, "Basic ", 6) != 0)
        return FALSE;
      decoded = g_base64_decode (authorization + 6, &len);
      text = g_strndup ((const char *) decoded, len);
      if (strlen (text) != len || (colon = strchr (text, ':')) == NULL)
        return FALSE;
      return strlen (self->api_key) == (gsize) (colon - text) &&
             strncmp (text, self->api_key, colon - text) == 0 &&
             strcmp (colon + 1, self->api_secret) == 0;
    }

  /* Query-string credentials (the spec v1.0.20 form), on GET and POST alike. */
  return key != NULL && secret != NULL &&
         strcmp (key, self->api_key) == 0 && strcmp (secret, self->api_secret) == 0;
}

void
sandbox_api_dispatch (SandboxRequest *req)
{
  static const struct
  {
    const char *path;
    gboolean    post;
  } routes[] = {
    { "/account/numbers", FALSE },
    { "/number/search", FALSE },
    { "/account/get-balance", FALSE },
    { "/number/buy", TRUE },
    { "/number/cancel", TRUE },
    { "/number/update", TRUE },
  };
  DialSandbox *self = req->self;
  const char *method = soup_server_message_get_method (req->msg);
  guint route;

  for (route = 0; route < G_N_ELEMENTS (routes); route++)
    if (g_str_equal (req->path, routes[route].path))
      break;

  if (route == G_N_ELEMENTS (routes))
    sandbox_respond_status (req->msg, 404, "not found");
  else if (method != (routes[route].post ? SOUP_METHOD_POST : SOUP_METHOD_GET))
    sandbox_respond_status (req->msg, 405, "method not allowed");
  else if (!check_auth (self, req))
    sandbox_respond_status (req->msg, 401, "authentication failed");
  else
    switch (route)
      {
      case 0: handle_list (self, req); break;
      case 1: handle_search (self, req); break;
      case 2: handle_balance (self, req); break;
      case 3: handle_buy (self, req); break;
      case 4: handle_cancel (self, req); break;
      default:
        if (!handle_update (self, req))
          return;
        break;
      }

  sandbox_request_done (req);
}
