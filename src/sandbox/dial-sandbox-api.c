/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-sandbox"

#include "config.h"

#include <string.h>

#include "dial-sandbox-private.h"

/*
 * The reading endpoints (list, search, balance), credentials, routing, and the request
 * helpers shared with the changing endpoints (dial-sandbox-changes.c). Where the public record
 * is silent (NOTES.md, UNCONFIRMED) the sandbox takes the strictest plausible reading; each
 * such place says so. The 420 labels are listed in dial-sandbox-private.h.
 */
void
sandbox_field_error (FieldErrors *errors,
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
gboolean
sandbox_field_errors_respond (FieldErrors       *errors,
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

const char *
sandbox_param (GHashTable *map,
               const char *key)
{
  return map != NULL ? g_hash_table_lookup (map, key) : NULL;
}

gboolean
sandbox_is_digits (const char *str)
{
  if (str == NULL || *str == '\0')
    return FALSE;
  for (; *str != '\0'; str++)
    if (!g_ascii_isdigit (*str))
      return FALSE;
  return TRUE;
}

gboolean
sandbox_is_country (const char *str)
{
  return str != NULL && g_ascii_isupper (str[0]) && g_ascii_isupper (str[1]) && str[2] == '\0';
}

gboolean
sandbox_is_msisdn (const char *str)
{
  return sandbox_is_digits (str) && strlen (str) <= 15;
}

gboolean
sandbox_is_http_url (const char *str)
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

gboolean
sandbox_is_uuid (const char *str)
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
void
sandbox_check_utf8 (GHashTable  *map,
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

        sandbox_field_error (errors, valid, MSG_UTF8);
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
  if ((str = sandbox_param (query, "size")) != NULL)
    {
      if (!sandbox_is_digits (str) || !g_ascii_string_to_unsigned (str, 10, 1, 100, &v, NULL))
        sandbox_field_error (errors, "size", MSG_SIZE);
      else
        *size = v;
    }
  if ((str = sandbox_param (query, "index")) != NULL)
    {
      if (!sandbox_is_digits (str) ||
          !g_ascii_string_to_unsigned (str, 10, 1, G_MAXUINT32, &v, NULL))
        sandbox_field_error (errors, "index", MSG_INDEX);
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
  if ((str = sandbox_param (query, "pattern")) != NULL && *str != '\0')
    {
      if (!sandbox_is_digits (str))
        sandbox_field_error (errors, "pattern", MSG_PATTERN);
      else
        filter->pattern = str;
    }
  if ((str = sandbox_param (query, "search_pattern")) != NULL)
    {
      if (strlen (str) != 1 || str[0] < '0' || str[0] > '2')
        sandbox_field_error (errors, "search_pattern", MSG_SEARCH_PAT);
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

  sandbox_check_utf8 (req->query, &errors);
  read_paging (req->query, &errors, &index, &size);
  read_pattern (req->query, &errors, &filter);
  if ((str = sandbox_param (req->query, "country")) != NULL)
    {
      if (!sandbox_is_country (str))
        sandbox_field_error (&errors, "country", MSG_COUNTRY);
      else
        filter.country = str;
    }
  if ((str = sandbox_param (req->query, "has_application")) != NULL)
    {
      if (g_strcmp0 (str, "true") == 0)
        filter.has_application = 1;
      else if (g_strcmp0 (str, "false") == 0)
        filter.has_application = 0;
      else
        sandbox_field_error (&errors, "has_application", MSG_BOOLEAN);
    }
  if ((str = sandbox_param (req->query, "application_id")) != NULL && *str != '\0')
    filter.application_id = str;
  if (sandbox_field_errors_respond (&errors, req->msg))
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
  const char *country = sandbox_param (req->query, "country");

  sandbox_check_utf8 (req->query, &errors);
  /* country is required for search (spec; vonage-node-sdk PR #747). */
  if (country == NULL || *country == '\0')
    sandbox_field_error (&errors, "country", MSG_REQUIRED);
  else if (!sandbox_is_country (country))
    sandbox_field_error (&errors, "country", MSG_COUNTRY);
  if ((str = sandbox_param (req->query, "type")) != NULL)
    {
      SandboxNumberType type;

      if (!sandbox_type_from_string (str, &type))
        sandbox_field_error (&errors, "type", MSG_TYPE);
      else
        filter.type = type;
    }
  /* Only the spec's spellings; anything else is a bad parameter (400), not a failed action. */
  if ((str = sandbox_param (req->query, "features")) != NULL &&
      !sandbox_features_from_filter (str, &filter.features))
    sandbox_field_error (&errors, "features", MSG_FEATURES);
  read_pattern (req->query, &errors, &filter);
  read_paging (req->query, &errors, &index, &size);
  if (sandbox_field_errors_respond (&errors, req->msg))
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

static gboolean
check_auth (DialSandbox    *self,
            SandboxRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *key = sandbox_param (req->query, "api_key");
  const char *secret = sandbox_param (req->query, "api_secret");

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
      case 3: sandbox_api_buy (self, req); break;
      case 4: sandbox_api_cancel (self, req); break;
      default:
        if (!sandbox_api_update (self, req))
          return;
        break;
      }

  sandbox_request_done (req);
}
