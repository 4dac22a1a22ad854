/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-sandbox"

#include "config.h"

#include <string.h>

#include "dial-sandbox-private.h"

/*
 * The life of one request: statistics, latency, injected faults, and the loopback-only
 * control endpoint under /_sandbox/.
 *
 * Which faults apply the request (for POSTs: spend the money, cancel, update):
 *   http-500, http-502, throttle, malformed, hang, drop-before   not applied
 *   drop-after, truncate, slow                                    applied, then the answer is
 *                                                                 lost, cut or late
 * A malformed answer stands for a captive portal or a proxy's login page, which never reached
 * the API; a hang stands for a request that never got an answer, the worst case for a client,
 * which must treat the outcome as unknown either way.
 *
 * Control endpoint (refused with 403 unless the peer is loopback; no credentials, no latency,
 * no faults, not counted in the statistics):
 *   POST /_sandbox/fault          fault=http-500|http-502|throttle|hang|drop-before|drop-after|
 *                                       truncate|malformed|slow
 *                                 [count=N (1)] [path=/number/buy (any)] [param=N (0)]
 *   POST /_sandbox/clear-faults
 *   POST /_sandbox/latency        msec=N
 *   POST /_sandbox/balance        value=DECIMAL (EUR)
 *   POST /_sandbox/webhook-check  enabled=true|false
 *   POST /_sandbox/needs-address  country=XX needs=true|false
 *   POST /_sandbox/withdraw       msisdn=N
 *   GET  /_sandbox/stats          {"requests":{"/number/buy":N,…},"total":N,"owned":N,
 *                                  "balance":"25.00000000","faults":N}
 * Each answers 200 {"ok":true} (stats: the object above), 400 with a field map for bad fields,
 * 404 for an unknown control path, 405 for a wrong method.
 */

static const char * const fault_names[] = {
  [DIAL_SANDBOX_FAULT_NONE] = "none",
  [DIAL_SANDBOX_FAULT_HTTP_500] = "http-500",
  [DIAL_SANDBOX_FAULT_HTTP_502] = "http-502",
  [DIAL_SANDBOX_FAULT_THROTTLE] = "throttle",
  [DIAL_SANDBOX_FAULT_HANG] = "hang",
  [DIAL_SANDBOX_FAULT_DROP_BEFORE] = "drop-before",
  [DIAL_SANDBOX_FAULT_DROP_AFTER] = "drop-after",
  [DIAL_SANDBOX_FAULT_TRUNCATE] = "truncate",
  [DIAL_SANDBOX_FAULT_MALFORMED] = "malformed",
  [DIAL_SANDBOX_FAULT_SLOW] = "slow",
};

static const char login_page[] =
  "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in</title></head>\n"
  "<body><h1>Sign in to continue</h1><form method=\"post\" action=\"/login\">"
  "<input name=\"user\"><input name=\"password\" type=\"password\"><button>Sign in</button>"
  "</form></body></html>\n";

gboolean
sandbox_fault_from_string (const char       *str,
                           DialSandboxFault *fault)
{
  for (guint i = DIAL_SANDBOX_FAULT_HTTP_500; i < G_N_ELEMENTS (fault_names); i++)
    if (g_strcmp0 (str, fault_names[i]) == 0)
      {
        *fault = i;
        return TRUE;
      }
  return FALSE;
}

void
sandbox_fault_entry_free (SandboxFaultEntry *entry)
{
  g_free (entry->path);
  g_free (entry);
}

static DialSandboxFault
take_fault (DialSandbox *self,
            const char  *path,
            guint       *param)
{
  for (GList *l = self->faults.head; l != NULL; l = l->next)
    {
      SandboxFaultEntry *entry = l->data;
      DialSandboxFault fault = entry->fault;

      if (entry->path != NULL && g_strcmp0 (entry->path, path) != 0)
        continue;
      *param = entry->param;
      if (--entry->count == 0)
        {
          g_queue_delete_link (&self->faults, l);
          sandbox_fault_entry_free (entry);
        }
      return fault;
    }
  return DIAL_SANDBOX_FAULT_NONE;
}

static void
on_message_disconnected (SoupServerMessage *msg,
                         SandboxRequest    *req)
{
  req->gone = TRUE;
}

static SandboxRequest *
request_new (DialSandbox       *self,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query)
{
  SandboxRequest *req = g_new0 (SandboxRequest, 1);

  g_ref_count_init (&req->ref_count);
  req->self = self;
  req->msg = g_object_ref (msg);
  req->path = g_strdup (path);
  req->query = query != NULL ? g_hash_table_ref (query) : NULL;
  req->disconnected_id = g_signal_connect (msg, "disconnected",
                                           G_CALLBACK (on_message_disconnected), req);
  g_hash_table_add (self->pending, sandbox_request_ref (req));
  self->max_pending = MAX (self->max_pending, g_hash_table_size (self->pending));
  return req;
}

SandboxRequest *
sandbox_request_ref (SandboxRequest *req)
{
  g_ref_count_inc (&req->ref_count);
  return req;
}

void
sandbox_request_unref (SandboxRequest *req)
{
  if (!g_ref_count_dec (&req->ref_count))
    return;
  g_assert (req->source_id == 0);
  g_signal_handler_disconnect (req->msg, req->disconnected_id);
  g_clear_object (&req->msg);
  g_clear_object (&req->cancellable);
  g_clear_object (&req->webhook_msg);
  g_clear_pointer (&req->update, sandbox_number_free);
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_free (req->path);
  g_free (req);
}

void
sandbox_request_pause (SandboxRequest *req)
{
  if (req->paused || req->gone)
    return;
  soup_server_message_pause (req->msg);
  req->paused = TRUE;
}

/* Lets the answer go out; the request leaves the pending set (the caller holds a reference). */
static void
request_release (SandboxRequest *req)
{
  if (req->finished)
    return;
  req->finished = TRUE;
  if (req->paused && !req->gone)
    soup_server_message_unpause (req->msg);
  if (req->self != NULL)
    g_hash_table_remove (req->self->pending, req);
}

void
sandbox_request_abandon (SandboxRequest *req)
{
  req->self = NULL;
  req->finished = TRUE;
  g_clear_handle_id (&req->source_id, g_source_remove);
  if (req->cancellable != NULL)
    g_cancellable_cancel (req->cancellable);
}

static gboolean
on_slow_elapsed (gpointer user_data)
{
  SandboxRequest *req = user_data;

  req->source_id = 0;
  request_release (req);
  return G_SOURCE_REMOVE;
}

/* A raw HTTP response that claims the full body but carries only its first half. */
static GBytes *
truncated_response (SandboxRequest *req)
{
  SoupMessageBody *body = soup_server_message_get_response_body (req->msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  g_autoptr(GBytes) full = soup_message_body_flatten (body);
  const char *content_type = soup_message_headers_get_one (headers, "Content-Type");
  gsize full_len = g_bytes_get_size (full);
  gsize half = full_len / 2;
  GString *raw = g_string_new (NULL);

  /* param 1: a complete HTTP message whose JSON is cut (Content-Length of the half);
   * otherwise the connection closes in the middle of the announced body. */
  g_string_append_printf (raw,
                          "HTTP/1.1 %u %s\r\nContent-Type: %s\r\nContent-Length: %" G_GSIZE_FORMAT
                          "\r\nConnection: close\r\n\r\n",
                          soup_server_message_get_status (req->msg),
                          soup_server_message_get_reason_phrase (req->msg),
                          content_type != NULL ? content_type : "application/json",
                          req->fault_param == 1 ? half : full_len);
  g_string_append_len (raw, g_bytes_get_data (full, NULL), half);
  return g_string_free_to_bytes (raw);
}

static gboolean
on_drop_idle (gpointer user_data)
{
  SandboxRequest *req = user_data;
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GIOStream) stream = NULL;

  req->source_id = 0;
  if (req->gone)
    {
      request_release (req);
      return G_SOURCE_REMOVE;
    }

  if (req->fault == DIAL_SANDBOX_FAULT_TRUNCATE)
    raw = truncated_response (req);

  req->finished = TRUE;
  stream = soup_server_message_steal_connection (req->msg);
  if (req->self != NULL)
    g_hash_table_remove (req->self->pending, req);

  if (stream != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* A few kilobytes on loopback: the socket buffer takes them at once. */
      if (raw != NULL &&
          !g_output_stream_write_all (g_io_stream_get_output_stream (stream),
                                      g_bytes_get_data (raw, NULL), g_bytes_get_size (raw),
                                      NULL, NULL, &error))
        g_debug ("Could not write the truncated answer: %s", error->message);
      g_io_stream_close (stream, NULL, NULL);
    }
  return G_SOURCE_REMOVE;
}

static void
request_drop (SandboxRequest *req)
{
  sandbox_request_pause (req);
  /* Stealing the connection from inside the handler would pull it from under libsoup's own
   * state machine: do it from the main loop, with the message paused. */
  req->source_id = g_idle_add_full (G_PRIORITY_DEFAULT, on_drop_idle, sandbox_request_ref (req),
                                    (GDestroyNotify) sandbox_request_unref);
}

static void
respond_html (SoupServerMessage *msg,
              guint              status,
              const char        *html)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                    html, strlen (html));
}

void
sandbox_request_done (SandboxRequest *req)
{
  if (req->finished)
    return;

  switch (req->fault)
    {
    case DIAL_SANDBOX_FAULT_DROP_AFTER:
    case DIAL_SANDBOX_FAULT_TRUNCATE:
      request_drop (req);
      break;

    case DIAL_SANDBOX_FAULT_SLOW:
      sandbox_request_pause (req);
      req->source_id = g_timeout_add_full (G_PRIORITY_DEFAULT, req->fault_param, on_slow_elapsed,
                                           sandbox_request_ref (req),
                                           (GDestroyNotify) sandbox_request_unref);
      break;

    default:
      request_release (req);
      break;
    }
}

static void
request_dispatch (SandboxRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  switch (req->fault)
    {
    case DIAL_SANDBOX_FAULT_HTTP_500:
      respond_html (req->msg, 500,
                    "<html><head><title>500 Internal Server Error</title></head><body>"
                    "<h1>Internal Server Error</h1></body></html>\n");
      sandbox_request_done (req);
      break;

    case DIAL_SANDBOX_FAULT_HTTP_502:
      respond_html (req->msg, 502,
                    "<html><head><title>502 Bad Gateway</title></head><body>"
                    "<center><h1>502 Bad Gateway</h1></center></body></html>\n");
      sandbox_request_done (req);
      break;

    case DIAL_SANDBOX_FAULT_THROTTLE:
      {
        /* The Numbers API documents no 429 body; this is the Account API's (S-ACC-104). */
        GString *body = g_string_new (NULL);
        g_autofree char *retry = g_strdup_printf ("%u", req->fault_param);

        g_string_append (body, "{\"type\":\"https://developer.nexmo.com/api-errors#throttled\","
                               "\"title\":\"Too Many Requests\","
                               "\"detail\":\"You have exceeded the rate limit for this API.\","
                               "\"instance\":\"sandbox\"}");
        soup_message_headers_replace (headers, "Retry-After", retry);
        soup_message_headers_replace (headers, "X-RateLimit-Remaining", "0");
        soup_server_message_set_status (req->msg, 429, NULL);
        soup_server_message_set_response (req->msg, "application/problem+json", SOUP_MEMORY_COPY,
                                          body->str, body->len);
        g_string_free (body, TRUE);
        sandbox_request_done (req);
      }
      break;

    case DIAL_SANDBOX_FAULT_MALFORMED:
      /* param 1: the page claims to be JSON (a misconfigured proxy). */
      respond_html (req->msg, 200, login_page);
      if (req->fault_param == 1)
        soup_message_headers_set_content_type (headers, "application/json;charset=UTF-8", NULL);
      sandbox_request_done (req);
      break;

    case DIAL_SANDBOX_FAULT_HANG:
      /* Never answered; released when the sandbox goes away. */
      sandbox_request_pause (req);
      break;

    case DIAL_SANDBOX_FAULT_DROP_BEFORE:
      request_drop (req);
      break;

    case DIAL_SANDBOX_FAULT_NONE:
    case DIAL_SANDBOX_FAULT_DROP_AFTER:
    case DIAL_SANDBOX_FAULT_TRUNCATE:
    case DIAL_SANDBOX_FAULT_SLOW:
    default:
      sandbox_api_dispatch (req);
      break;
    }
}

static gboolean
on_latency_elapsed (gpointer user_data)
{
  SandboxRequest *req = user_data;

  req->source_id = 0;
  request_dispatch (req);
  return G_SOURCE_REMOVE;
}

/* Control endpoint */

static gboolean
parse_bool (const char *str,
            gboolean   *value)
{
  if (g_strcmp0 (str, "true") == 0)
    *value = TRUE;
  else if (g_strcmp0 (str, "false") == 0)
    *value = FALSE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_uint (const char *str,
            guint      *value)
{
  guint64 v;

  if (str == NULL || !g_ascii_isdigit (*str) ||
      !g_ascii_string_to_unsigned (str, 10, 0, G_MAXUINT, &v, NULL))
    return FALSE;
  *value = v;
  return TRUE;
}

static void
respond_field_error (SoupServerMessage *msg,
                     const char        *field,
                     const char        *message)
{
  GString *body = g_string_new ("{");

  sandbox_json_append_string (body, field);
  g_string_append_c (body, ':');
  sandbox_json_append_string (body, message);
  g_string_append_c (body, '}');
  sandbox_respond_json (msg, 400, body);
}

static void
respond_ok (SoupServerMessage *msg)
{
  sandbox_respond_json (msg, 200, g_string_new ("{\"ok\":true}"));
}

static void
control_stats (DialSandbox       *self,
               SoupServerMessage *msg)
{
  GString *body = g_string_new (NULL);
  g_autoptr(GList) paths = g_hash_table_get_keys (self->request_counts);
  gboolean first = TRUE;
  guint count;

  paths = g_list_sort (paths, (GCompareFunc) strcmp);
  g_string_append (body, "{\"requests\":{");
  for (GList *l = paths; l != NULL; l = l->next)
    {
      if (!first)
        g_string_append_c (body, ',');
      first = FALSE;
      sandbox_json_append_string (body, l->data);
      count = GPOINTER_TO_UINT (g_hash_table_lookup (self->request_counts, l->data));
      g_string_append_printf (body, ":%u", count);
    }
  g_string_append_printf (body, "},\"total\":%u,\"owned\":%u,\"balance\":\"",
                          self->n_requests, self->owned->len);
  sandbox_money_append_balance (body, self->balance);
  g_string_append_printf (body, "\",\"faults\":%u}", self->faults.length);
  sandbox_respond_json (msg, 200, body);
}

static void
handle_control (DialSandbox       *self,
                SoupServerMessage *msg,
                const char        *path)
{
  GInetSocketAddress *remote = (GInetSocketAddress *) soup_server_message_get_remote_address (msg);
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(GHashTable) form = NULL;
  const char *action = path + strlen ("/_sandbox/");

  /* The server only listens on 127.0.0.1; the peer is checked as well, in case it ever
   * listens elsewhere. */
  if (remote == NULL || !G_IS_INET_SOCKET_ADDRESS (remote) ||
      !g_inet_address_get_is_loopback (g_inet_socket_address_get_address (remote)))
    {
      sandbox_respond_status (msg, 403, "forbidden");
      return;
    }

  if (g_str_equal (action, "stats"))
    {
      if (method != SOUP_METHOD_GET)
        sandbox_respond_status (msg, 405, "method not allowed");
      else
        control_stats (self, msg);
      return;
    }

  if (method != SOUP_METHOD_POST)
    {
      sandbox_respond_status (msg, 405, "method not allowed");
      return;
    }

  {
    SoupMessageBody *body = soup_server_message_get_request_body (msg);
    g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    form = soup_form_decode (text);
  }

  if (g_str_equal (action, "fault"))
    {
      DialSandboxFault fault;
      guint count = 1, param = 0;
      const char *fault_path = g_hash_table_lookup (form, "path");

      if (!sandbox_fault_from_string (g_hash_table_lookup (form, "fault"), &fault))
        respond_field_error (msg, "fault", "Must be one of http-500, http-502, throttle, hang, "
                                           "drop-before, drop-after, truncate, malformed, slow.");
      else if (g_hash_table_contains (form, "count") &&
               (!parse_uint (g_hash_table_lookup (form, "count"), &count) || count == 0))
        respond_field_error (msg, "count", "Must be a whole number of at least 1.");
      else if (g_hash_table_contains (form, "param") &&
               !parse_uint (g_hash_table_lookup (form, "param"), &param))
        respond_field_error (msg, "param", "Must be a whole number.");
      else if (fault_path != NULL && fault_path[0] != '/')
        respond_field_error (msg, "path", "Must start with /.");
      else
        {
          dial_sandbox_inject_fault (self, fault, count,
                                     fault_path != NULL && *fault_path != '\0' ? fault_path : NULL,
                                     param);
          respond_ok (msg);
        }
    }
  else if (g_str_equal (action, "clear-faults"))
    {
      dial_sandbox_clear_faults (self);
      respond_ok (msg);
    }
  else if (g_str_equal (action, "latency"))
    {
      guint msec;

      if (!parse_uint (g_hash_table_lookup (form, "msec"), &msec))
        respond_field_error (msg, "msec", "Must be a whole number.");
      else
        {
          dial_sandbox_set_latency (self, msec);
          respond_ok (msg);
        }
    }
  else if (g_str_equal (action, "balance"))
    {
      gint64 value;

      if (!sandbox_money_parse (g_hash_table_lookup (form, "value"), &value))
        respond_field_error (msg, "value", "Must be a decimal amount in EUR.");
      else
        {
          dial_sandbox_set_balance (self, g_hash_table_lookup (form, "value"));
          respond_ok (msg);
        }
    }
  else if (g_str_equal (action, "webhook-check"))
    {
      gboolean enabled;

      if (!parse_bool (g_hash_table_lookup (form, "enabled"), &enabled))
        respond_field_error (msg, "enabled", "Must be true or false.");
      else
        {
          dial_sandbox_set_webhook_check (self, enabled);
          respond_ok (msg);
        }
    }
  else if (g_str_equal (action, "needs-address"))
    {
      const char *country = g_hash_table_lookup (form, "country");
      gboolean needs;

      if (country == NULL || strlen (country) != 2)
        respond_field_error (msg, "country", "Must be a two-letter country code.");
      else if (!parse_bool (g_hash_table_lookup (form, "needs"), &needs))
        respond_field_error (msg, "needs", "Must be true or false.");
      else
        {
          dial_sandbox_set_country_needs_address (self, country, needs);
          respond_ok (msg);
        }
    }
  else if (g_str_equal (action, "withdraw"))
    {
      const char *msisdn = g_hash_table_lookup (form, "msisdn");

      if (msisdn == NULL || *msisdn == '\0')
        respond_field_error (msg, "msisdn", "Is required.");
      else
        {
          dial_sandbox_withdraw_available (self, msisdn);
          respond_ok (msg);
        }
    }
  else
    {
      sandbox_respond_status (msg, 404, "not found");
    }
}

static char *
request_text (SoupServerMessage *msg)
{
  if (soup_server_message_get_method (msg) == SOUP_METHOD_POST)
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

      return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  return g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));
}

void
sandbox_server_callback (SoupServer        *server,
                         SoupServerMessage *msg,
                         const char        *path,
                         GHashTable        *query,
                         gpointer           user_data)
{
  DialSandbox *self = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  SandboxRequest *req;
  guint count;

  if (g_str_has_prefix (path, "/_sandbox/"))
    {
      handle_control (self, msg, path);
      return;
    }

  self->n_requests++;
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->request_counts, path));
  g_hash_table_replace (self->request_counts, g_strdup (path), GUINT_TO_POINTER (count + 1));
  g_hash_table_replace (self->last_requests, g_strdup (path), request_text (msg));
  g_free (self->last_uri);
  self->last_uri = g_uri_get_query (uri) != NULL
                     ? g_strconcat (g_uri_get_path (uri), "?", g_uri_get_query (uri), NULL)
                     : g_strdup (g_uri_get_path (uri));

  req = request_new (self, msg, path, query);
  req->fault = take_fault (self, path, &req->fault_param);
  if (req->fault != DIAL_SANDBOX_FAULT_NONE)
    g_debug ("Injecting %s into %s %s", fault_names[req->fault],
             soup_server_message_get_method (msg), path);

  if (self->latency > 0)
    {
      /* Never a blocking sleep: the message waits paused while the main loop runs on. */
      sandbox_request_pause (req);
      req->source_id = g_timeout_add_full (G_PRIORITY_DEFAULT, self->latency, on_latency_elapsed,
                                           sandbox_request_ref (req),
                                           (GDestroyNotify) sandbox_request_unref);
    }
  else
    {
      request_dispatch (req);
    }
  sandbox_request_unref (req);
}
