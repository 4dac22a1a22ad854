/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dial-client-private.h"
#include "dial-error.h"
#include "dial-json.h"

/*
 * How requests flow: every operation validates its input, builds a GTask and a DialRequest
 * (method, URI, form body) and puts the request in the client's queue. The queue starts
 * requests while fewer than DIAL_CLIENT_MAX_IN_FLIGHT are in flight; a POST also waits until no
 * other POST is in flight or waiting to be retried (POSTs run one at a time, in order), while
 * GETs go on beside it. A 429 pauses the whole queue for Retry-After (or a jittered backoff)
 * and puts the request back at its head. A GET that failed transiently (refused, reset or cut
 * off before an answer, timeout, 502/503/504) waits with exponential backoff and jitter in a
 * GSource timer, then goes back to the head of the queue. A POST is only ever sent again after
 * a 429 (the server did not act); once its headers were written and no answer came, the
 * outcome is unknown (DIAL_ERROR_OUTCOME_UNKNOWN) and it is never re-sent.
 * A request can be cancelled queued, waiting or in flight.
 */

#define MAX_DELAY_MS               30000
/* A longer Retry-After is not waited for silently: it fails at once as THROTTLED. */
#define MAX_RETRY_AFTER_SECONDS    60
#define HTTP_TOO_MANY_REQUESTS     429
#define HTTP_METHOD_FAILED         420

typedef enum
{
  REQUEST_QUEUED,
  REQUEST_WAITING,
  REQUEST_IN_FLIGHT,
} RequestState;

struct _DialRequest
{
  DialClient     *client;        /* unowned: the task holds a reference */
  GTask          *task;
  const char     *method;
  char           *log_name;      /* what g_debug shows: a path or a host, never a query */
  GUri           *uri;
  GBytes         *body;          /* the form, for POST */
  gboolean        is_post;
  gboolean        is_api;        /* FALSE: a webhook check (no credentials, any status) */
  DialHandleFunc  handle;
  RequestState    state;
  guint           n_transient;
  guint           n_throttled;
  gboolean        wrote_headers;
  gboolean        got_headers;
  gboolean        timed_out;
  GSource        *wait_source;
  GSource        *cancel_source;
  GSource        *deadline_source;
  GCancellable   *attempt_cancellable;  /* cancelled by the caller's or by the deadline */
  gulong          caller_handler;
  SoupMessage    *msg;
  gint64          start_time;
};

static void dial_client_pump (DialClient  *self);
static void request_enqueue  (DialRequest *req,
                              gboolean     at_head);

/* Errors */

GError *
dial_client_error_new (DialError   code,
                       guint       status,
                       const char *label,
                       const char *detail)
{
  g_autofree char *message = NULL;

  if (detail != NULL)
    message = g_strdup_printf ("%s %s", dial_error_explain (code), detail);
  else
    message = g_strdup (dial_error_explain (code));

  return dial_error_new_full (code, status, label, message);
}

GError *
dial_client_error_new_for_status (DialError   code,
                                  guint       status,
                                  const char *label)
{
  g_autofree char *detail = NULL;

  if (label != NULL && *label != '\0')
    /* Translators: %s is Vonage's own explanation, in English, shown verbatim; %u is an HTTP
     * status code. */
    detail = g_strdup_printf (_("Vonage said: “%s” (HTTP %u)."), label, status);
  else
    /* Translators: %u is an HTTP status code, %s its standard English name. */
    detail = g_strdup_printf (_("(HTTP %u %s)"), status, soup_status_get_phrase (status));

  return dial_client_error_new (code, status, label, detail);
}

gboolean
dial_client_set_invalid_input (GError     **error,
                               const char  *detail)
{
  g_propagate_error (error, dial_client_error_new (DIAL_ERROR_INVALID_INPUT, 0, NULL, detail));
  return FALSE;
}

/* JSON helpers */

static gboolean
is_json_content (SoupMessage *msg)
{
  const char *type;

  type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);
  if (type == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (type, "application/json") == 0)
    return TRUE;

  /* application/problem+json (RFC 7807, the Account API's newer error bodies) */
  return strlen (type) > 5 && g_ascii_strcasecmp (type + strlen (type) - 5, "+json") == 0;
}

/* Every body goes through dial_json_parse_object(): one object, bounded depth, whatever bytes
 * a server or a network delivers. */
static JsonNode *
parse_json (GBytes  *bytes,
            GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *detail = NULL;
  const char *data = NULL;
  gsize length = 0;
  JsonNode *root;

  if (bytes != NULL)
    data = g_bytes_get_data (bytes, &length);

  root = dial_json_parse_object (data, length, &local_error);
  if (root != NULL)
    return root;

  /* Translators: %s describes what is wrong with the answer. */
  detail = g_strdup_printf (_("(%s)"), local_error->message);
  g_propagate_error (error, dial_client_error_new (DIAL_ERROR_MALFORMED, 0, NULL, detail));
  return NULL;
}

/* A string or integer member as a string, NULL when absent or of another type. */
static char *
dup_code_member (JsonObject *object,
                 const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    default:
      return NULL;
    }
}

/* Vonage's words from an error body: error-code-label, an RFC 7807 title/detail, or (for a
 * 400) the field map {"country":"Is required."} as "country: Is required.". */
static char *
dup_label (JsonNode *root)
{
  JsonObject *object;
  const char *label;
  const char *title;
  const char *detail;
  g_autoptr(GString) fields = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);

  label = json_object_get_string_member_with_default (object, "error-code-label", NULL);
  if (label != NULL)
    return g_strdup (label);

  title = json_object_get_string_member_with_default (object, "title", NULL);
  detail = json_object_get_string_member_with_default (object, "detail", NULL);
  if (title != NULL && detail != NULL)
    return g_strdup_printf ("%s: %s", title, detail);
  if (title != NULL || detail != NULL)
    return g_strdup (title != NULL ? title : detail);

  fields = g_string_new (NULL);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (g_str_equal (name, "error-code") || !JSON_NODE_HOLDS_VALUE (node) ||
          json_node_get_value_type (node) != G_TYPE_STRING)
        continue;

      if (fields->len > 0)
        g_string_append (fields, "; ");
      g_string_append_printf (fields, "%s: %s", name, json_node_get_string (node));
    }

  return fields->len > 0 ? g_string_free (g_steal_pointer (&fields), FALSE) : NULL;
}

/* Requests */

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

/* The deadline of one attempt: the session's own timeout only applies to connections opened
 * after it was set, and it counts idle time per read, not the wait for the whole answer. */
static gboolean
on_request_deadline (gpointer user_data)
{
  DialRequest *req = user_data;

  g_clear_pointer (&req->deadline_source, g_source_unref);
  req->timed_out = TRUE;
  dial_client_cancel_send (req->client, req->attempt_cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled_attempt (GCancellable *cancellable,
                             gpointer      user_data)
{
  DialRequest *req = user_data;

  dial_client_cancel_send (req->client, req->attempt_cancellable);
}

static void
request_end_attempt (DialRequest *req)
{
  GCancellable *cancellable = req->task != NULL ? g_task_get_cancellable (req->task) : NULL;

  /* g_signal_handler_disconnect(), not g_cancellable_disconnect(): this can run inside the
   * caller's "cancelled" emission, where the latter would deadlock. */
  if (req->caller_handler != 0)
    g_signal_handler_disconnect (cancellable, req->caller_handler);
  req->caller_handler = 0;
  clear_source (&req->deadline_source);
  g_clear_object (&req->attempt_cancellable);
}

static void
request_free (DialRequest *req)
{
  request_end_attempt (req);
  clear_source (&req->wait_source);
  clear_source (&req->cancel_source);
  if (req->msg != NULL)
    g_signal_handlers_disconnect_by_data (req->msg, req);
  g_clear_object (&req->msg);
  g_clear_pointer (&req->uri, g_uri_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_clear_pointer (&req->log_name, g_free);
  g_clear_object (&req->task);
  g_free (req);
}

/* Hands @error (taken) to the caller and frees @req, which is in no queue any more. */
static void
request_return_error (DialRequest *req,
                      GError      *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&req->task);

  request_free (req);
  g_task_return_error (task, error);
}

static guint
backoff_delay_ms (DialClient *self,
                  guint       attempt)
{
  double delay = (double) self->base_delay_ms * (double) (1u << MIN (attempt, 16u));

  /* Full jitter between half and all of the step, so retrying clients spread out. */
  delay *= g_random_double_range (0.5, 1.0);

  return (guint) MIN (delay, (double) MAX_DELAY_MS);
}

static gboolean
on_pause_timeout (gpointer user_data)
{
  DialClient *self = user_data;

  g_clear_pointer (&self->pause_source, g_source_unref);
  dial_client_pump (self);

  return G_SOURCE_REMOVE;
}

static gboolean
on_request_cancelled (GCancellable *cancellable,
                      gpointer      user_data)
{
  DialRequest *req = user_data;
  g_autoptr(DialClient) self = g_object_ref (req->client);
  GError *error = NULL;

  g_assert (req->state != REQUEST_IN_FLIGHT);

  if (req->state == REQUEST_QUEUED)
    g_queue_remove (&self->queue, req);
  if (self->post_owner == req)
    self->post_owner = NULL;

  g_debug ("%s %s: cancelled before sending", req->method, req->log_name);

  g_cancellable_set_error_if_cancelled (cancellable, &error);
  request_return_error (req, error);
  dial_client_pump (self);

  return G_SOURCE_REMOVE;
}

static void
request_watch_cancellable (DialRequest *req)
{
  GCancellable *cancellable = g_task_get_cancellable (req->task);

  if (cancellable == NULL || req->cancel_source != NULL)
    return;

  req->cancel_source = g_cancellable_source_new (cancellable);
  g_source_set_callback (req->cancel_source, G_SOURCE_FUNC (on_request_cancelled), req, NULL);
  g_source_attach (req->cancel_source, g_main_context_get_thread_default ());
}

static void
request_enqueue (DialRequest *req,
                 gboolean     at_head)
{
  req->state = REQUEST_QUEUED;
  request_watch_cancellable (req);

  if (at_head)
    g_queue_push_head (&req->client->queue, req);
  else
    g_queue_push_tail (&req->client->queue, req);
}

static gboolean
on_request_wait_done (gpointer user_data)
{
  DialRequest *req = user_data;
  DialClient *self = req->client;

  g_clear_pointer (&req->wait_source, g_source_unref);
  request_enqueue (req, TRUE);
  dial_client_pump (self);

  return G_SOURCE_REMOVE;
}

static void
request_wait (DialRequest *req,
              guint        delay_ms)
{
  req->state = REQUEST_WAITING;
  request_watch_cancellable (req);

  req->wait_source = g_timeout_source_new (delay_ms);
  g_source_set_callback (req->wait_source, on_request_wait_done, req, NULL);
  g_source_attach (req->wait_source, g_main_context_get_thread_default ());
}

static void
on_message_wrote_headers (SoupMessage *msg,
                          gpointer     user_data)
{
  DialRequest *req = user_data;

  req->wrote_headers = TRUE;
}

static void
on_message_got_headers (SoupMessage *msg,
                        gpointer     user_data)
{
  DialRequest *req = user_data;

  req->got_headers = TRUE;
}

/* A failure that happened while connecting: nothing was sent. */
static gboolean
is_connect_error (const GError *error)
{
  return error->domain == G_RESOLVER_ERROR ||
         error->domain == G_TLS_ERROR ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_FAILED);
}

/* Worth another try for a GET: the server may answer next time. A name that does not resolve
 * or a certificate that does not verify will not change in a second. */
static gboolean
is_transient (const GError *error,
              guint         status)
{
  if (error == NULL)
    return status == SOUP_STATUS_BAD_GATEWAY ||
           status == SOUP_STATUS_SERVICE_UNAVAILABLE ||
           status == SOUP_STATUS_GATEWAY_TIMEOUT;

  if (error->domain == G_RESOLVER_ERROR || error->domain == G_TLS_ERROR ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND))
    return FALSE;

  return error->domain == G_IO_ERROR || error->domain == SOUP_SESSION_ERROR;
}

/* Maps a transport failure (no HTTP answer) to DIAL_ERROR; cancellation passes through. */
static GError *
map_transport_error (DialRequest  *req,
                     const GError *error)
{
  DialClient *self = req->client;
  g_autofree char *detail = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  /* Translators: %s is a technical description of the network problem. */
  detail = g_strdup_printf (_("(%s)"), error->message);

  if (is_connect_error (error))
    return dial_client_error_new (DIAL_ERROR_NETWORK, 0, NULL, detail);

  if (req->is_post && req->wrote_headers)
    return dial_client_error_new (DIAL_ERROR_OUTCOME_UNKNOWN, 0, NULL, detail);

  /* Not even the request went out in time (the name, the connection or TLS hung): Vonage
   * could not be reached, and nothing was sent. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) && !req->wrote_headers)
    {
      g_autofree char *seconds = NULL;

      /* Translators: %u is a number of seconds. */
      seconds = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "(Could not connect within %u second.)",
                                              "(Could not connect within %u seconds.)",
                                              self->timeout),
                                 self->timeout);
      return dial_client_error_new (DIAL_ERROR_NETWORK, 0, NULL, seconds);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_autofree char *seconds = NULL;

      /* Translators: %u is a number of seconds. */
      seconds = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "(No answer within %u second.)",
                                              "(No answer within %u seconds.)",
                                              self->timeout),
                                 self->timeout);
      return dial_client_error_new (DIAL_ERROR_TIMEOUT, 0, NULL, seconds);
    }

  if (req->got_headers || g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING))
    return dial_client_error_new (DIAL_ERROR_MALFORMED, 0, NULL, detail);

  return dial_client_error_new (DIAL_ERROR_NETWORK, 0, NULL, detail);
}

static DialError
code_for_status (guint status)
{
  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      return DIAL_ERROR_AUTH;
    case HTTP_METHOD_FAILED:
      return DIAL_ERROR_REFUSED;
    case SOUP_STATUS_BAD_REQUEST:
      return DIAL_ERROR_BAD_REQUEST;
    case HTTP_TOO_MANY_REQUESTS:
      return DIAL_ERROR_THROTTLED;
    default:
      return DIAL_ERROR_SERVER;
    }
}

/* The body of a 2xx answer of the API, checked: NULL and @error when it is not JSON, cannot
 * be read or carries an error-code other than 200. Any thread. */
static JsonNode *
read_success (GBytes    *bytes,
              guint      status,
              gboolean   is_post,
              gboolean   is_json,
              GError   **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *code = NULL;

  if (!is_json)
    local_error = dial_client_error_new (DIAL_ERROR_MALFORMED, status, NULL,
                                         _("(The answer was not JSON.)"));
  else
    root = parse_json (bytes, &local_error);

  if (local_error != NULL)
    {
      /* A POST that got a 2xx it cannot read may well have been carried out. */
      if (is_post)
        {
          g_autofree char *detail = g_strdup_printf ("(%s)", local_error->message);

          g_clear_error (&local_error);
          local_error = dial_client_error_new (DIAL_ERROR_OUTCOME_UNKNOWN, status, NULL, detail);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (JSON_NODE_HOLDS_OBJECT (root))
    code = dup_code_member (json_node_get_object (root), "error-code");

  /* HTTP 200 with an error-code other than "200" is an error too. */
  if (code != NULL && !g_str_equal (code, "200"))
    {
      g_autofree char *label = dup_label (root);
      guint64 code_number = 0;
      DialError dial_code = DIAL_ERROR_REFUSED;

      if (g_ascii_string_to_unsigned (code, 10, 100, 599, &code_number, NULL))
        dial_code = code_number >= 500 ? DIAL_ERROR_SERVER : code_for_status (code_number);
      if (dial_code == DIAL_ERROR_SERVER && code_number < 500)
        dial_code = DIAL_ERROR_REFUSED;

      g_propagate_error (error, dial_client_error_new_for_status (dial_code, status, label));
      return NULL;
    }

  return g_steal_pointer (&root);
}

/* A page of numbers is read in a worker thread; its result goes back to the caller's task from
 * the main context, where that task was made. */
typedef struct
{
  GBytes *bytes;
  guint   status;
} Answer;

static void
answer_free (Answer *answer)
{
  g_bytes_unref (answer->bytes);
  g_free (answer);
}

static void
read_page_in_thread (GTask        *worker,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  Answer *answer = task_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  DialPageResult *page = NULL;

  root = read_success (answer->bytes, answer->status, FALSE, TRUE, &error);
  if (root != NULL)
    page = dial_client_read_page (root, &error);

  if (page != NULL)
    g_task_return_pointer (worker, page, (GDestroyNotify) dial_page_result_free);
  else
    g_task_return_error (worker, error);
}

static void
on_page_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  DialPageResult *page = g_task_propagate_pointer (G_TASK (result), &error);

  if (page != NULL)
    g_task_return_pointer (task, page, (GDestroyNotify) dial_page_result_free);
  else
    g_task_return_error (task, error);
}

/* An HTTP answer arrived: check the status class, then the Content-Type, then parse once,
 * then the `error-code`, and only then hand the body to the operation. */
static void
request_complete (DialRequest *req,
                  GBytes      *bytes)
{
  guint status = soup_message_get_status (req->msg);
  g_autoptr(GTask) task = g_steal_pointer (&req->task);
  DialHandleFunc handle = req->handle;
  gboolean is_post = req->is_post;
  gboolean is_json;

  if (!req->is_api)
    {
      request_free (req);
      handle (task, NULL, status);
      return;
    }

  is_json = is_json_content (req->msg);
  request_free (req);

  /* A page of numbers (100 of them, half a millisecond of parsing) only makes new objects: it
   * is read in a worker thread, and the main loop goes on meanwhile; it comes back below GTK's
   * redraw priority, so that a window waiting to draw a frame draws it first. Not a page asked
   * for at a higher priority (the prefetch, for a window about to be shown): that one is read
   * at once, and the window's first frame has it if it is in by then. */
  if (SOUP_STATUS_IS_SUCCESSFUL (status) && is_json && handle == dial_client_handle_page
      && g_task_get_priority (task) >= G_PRIORITY_DEFAULT_IDLE)
    {
      g_autoptr(GTask) worker = g_task_new (NULL, NULL, on_page_read, g_steal_pointer (&task));
      Answer *answer = g_new0 (Answer, 1);

      answer->bytes = g_bytes_ref (bytes);
      answer->status = status;
      g_task_set_source_tag (worker, read_page_in_thread);
      g_task_set_priority (worker, G_PRIORITY_DEFAULT_IDLE);
      g_task_set_task_data (worker, answer, (GDestroyNotify) answer_free);
      g_task_run_in_thread (worker, read_page_in_thread);
    }
  else if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autoptr(JsonNode) root = NULL;
      GError *error = NULL;

      root = read_success (bytes, status, is_post, is_json, &error);
      if (root == NULL)
        g_task_return_error (task, error);
      else
        handle (task, root, status);
    }
  else
    {
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *label = NULL;
      DialError dial_code = code_for_status (status);

      if (is_json)
        {
          root = parse_json (bytes, NULL);
          label = dup_label (root);
        }

      /* A gateway that lost the upstream's answer: the POST may have been carried out. */
      if (is_post && (status == SOUP_STATUS_BAD_GATEWAY || status == SOUP_STATUS_GATEWAY_TIMEOUT))
        dial_code = DIAL_ERROR_OUTCOME_UNKNOWN;

      g_task_return_error (task, dial_client_error_new_for_status (dial_code, status, label));
    }
}

/* Seconds from Retry-After (delta-seconds or an HTTP date); -1 when absent or unreadable. */
static gint64
get_retry_after (SoupMessage *msg)
{
  const char *value;
  guint64 seconds;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;

  value = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After");
  if (value == NULL)
    return -1;

  value += strspn (value, " \t");
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &seconds, NULL))
    return (gint64) seconds;

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return -1;

  now = g_date_time_new_now_utc ();
  return MAX (0, g_date_time_difference (date, now) / G_USEC_PER_SEC);
}

static void
on_request_sent (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DialRequest *req = user_data;
  /* Held: returning the task may drop the caller's last reference. */
  g_autoptr(DialClient) self = g_object_ref (req->client);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  guint status = 0;

  bytes = dial_client_send_finish (self, result, &error);
  if (error == NULL)
    status = soup_message_get_status (req->msg);
  else if (req->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&error);
      error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "Timed out");
    }
  request_end_attempt (req);

  g_assert (self->n_in_flight > 0);
  self->n_in_flight--;

  g_debug ("%s %s: %s (%" G_GINT64_FORMAT " ms)", req->method, req->log_name,
           error != NULL ? error->message : soup_status_get_phrase (status),
           (g_get_monotonic_time () - req->start_time) / 1000);

  /* 429: the server did not act on it, so even a POST may be sent again, after a pause for
   * the whole queue. */
  if (req->is_api && error == NULL && status == HTTP_TOO_MANY_REQUESTS &&
      req->n_throttled < self->max_throttle_retries)
    {
      gint64 seconds = get_retry_after (req->msg);
      gint64 delay_us;

      if (seconds <= MAX_RETRY_AFTER_SECONDS)
        {
          if (seconds >= 0)
            delay_us = seconds * G_USEC_PER_SEC;
          else
            delay_us = (gint64) backoff_delay_ms (self, req->n_throttled) * 1000;

          req->n_throttled++;
          self->paused_until = MAX (self->paused_until, g_get_monotonic_time () + delay_us);
          g_debug ("%s %s: throttled, waiting %" G_GINT64_FORMAT " ms", req->method,
                   req->log_name, delay_us / 1000);
          request_enqueue (req, TRUE);
          dial_client_pump (self);
          return;
        }
    }

  if (req->is_api && !req->is_post && req->n_transient < self->max_transient_retries &&
      is_transient (error, status))
    {
      guint delay = backoff_delay_ms (self, req->n_transient);

      req->n_transient++;
      g_debug ("%s %s: retrying in %u ms", req->method, req->log_name, delay);
      request_wait (req, delay);
      dial_client_pump (self);
      return;
    }

  if (self->post_owner == req)
    self->post_owner = NULL;

  if (error != NULL)
    request_return_error (req, map_transport_error (req, error));
  else
    request_complete (req, bytes);

  dial_client_pump (self);
}

static void
request_start (DialRequest *req)
{
  DialClient *self = req->client;
  SoupMessageHeaders *headers;

  self->n_in_flight++;
  if (req->is_post)
    self->post_owner = req;

  req->state = REQUEST_IN_FLIGHT;
  req->wrote_headers = FALSE;
  req->got_headers = FALSE;
  req->start_time = g_get_monotonic_time ();
  clear_source (&req->cancel_source);

  if (req->msg != NULL)
    g_signal_handlers_disconnect_by_data (req->msg, req);
  g_clear_object (&req->msg);

  req->msg = soup_message_new_from_uri (req->method, req->uri);
  /* A redirect could carry the Authorization header elsewhere; the API never redirects. */
  soup_message_add_flags (req->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (req->msg);
  if (req->is_api)
    {
      soup_message_headers_replace (headers, "Authorization", self->auth_header);
      soup_message_headers_replace (headers, "Accept", "application/json");
    }
  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (req->msg, "application/x-www-form-urlencoded",
                                              req->body);

  g_signal_connect (req->msg, "wrote-headers", G_CALLBACK (on_message_wrote_headers), req);
  g_signal_connect (req->msg, "got-headers", G_CALLBACK (on_message_got_headers), req);

  g_debug ("%s %s", req->method, req->log_name);

  req->timed_out = FALSE;
  req->attempt_cancellable = g_cancellable_new ();
  if (g_task_get_cancellable (req->task) != NULL)
    {
      GCancellable *caller = g_task_get_cancellable (req->task);

      req->caller_handler = g_signal_connect (caller, "cancelled",
                                              G_CALLBACK (on_caller_cancelled_attempt), req);
      if (g_cancellable_is_cancelled (caller))
        g_cancellable_cancel (req->attempt_cancellable);
    }
  req->deadline_source = g_timeout_source_new (self->timeout * 1000);
  g_source_set_callback (req->deadline_source, on_request_deadline, req, NULL);
  g_source_attach (req->deadline_source, g_main_context_get_thread_default ());

  dial_client_send_async (self, req->msg, req->attempt_cancellable, on_request_sent, req);
}

static void
dial_client_pump (DialClient *self)
{
  gint64 now = g_get_monotonic_time ();
  GList *link;

  if (self->paused_until > now)
    {
      if (self->pause_source == NULL && self->queue.length > 0)
        {
          guint delay_ms = (guint) ((self->paused_until - now) / 1000 + 1);

          self->pause_source = g_timeout_source_new (delay_ms);
          g_source_set_callback (self->pause_source, on_pause_timeout, self, NULL);
          g_source_attach (self->pause_source, g_main_context_get_thread_default ());
        }
      return;
    }

  link = self->queue.head;
  while (link != NULL && self->n_in_flight < DIAL_CLIENT_MAX_IN_FLIGHT)
    {
      DialRequest *req = link->data;
      GCancellable *cancellable = g_task_get_cancellable (req->task);
      GList *next = link->next;

      /* A cancelled request is left to its cancel source, which returns it soon. */
      if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
        {
          link = next;
          continue;
        }

      if (!req->is_post || self->post_owner == NULL || self->post_owner == req)
        {
          g_queue_delete_link (&self->queue, link);
          request_start (req);
        }

      link = next;
    }
}

/* Queues a request for @task. @form (nullable, taken) becomes the query of a GET or the body
 * of a POST. */
void
dial_client_submit (DialClient     *self,
                    GTask          *task,
                    const char     *method,
                    const char     *path,
                    GHashTable     *form,
                    DialHandleFunc  handle)
{
  g_autoptr(GHashTable) owned_form = form;
  g_autofree char *encoded = NULL;
  g_autofree char *full_path = NULL;
  const char *base_path;
  DialRequest *req;

  if (self->auth_header == NULL)
    {
      g_task_return_error (task, dial_client_error_new (DIAL_ERROR_AUTH, 0, NULL,
                                                        _("(No API key and secret are set.)")));
      return;
    }

  if (owned_form != NULL && g_hash_table_size (owned_form) > 0)
    encoded = soup_form_encode_hash (owned_form);

  base_path = g_uri_get_path (self->base_uri);
  full_path = g_strconcat (base_path, path, NULL);

  req = g_new0 (DialRequest, 1);
  req->client = self;
  req->task = g_object_ref (task);
  req->method = method;
  req->is_post = g_str_equal (method, SOUP_METHOD_POST);
  req->is_api = TRUE;
  req->log_name = g_strdup (path);
  req->handle = handle;

  if (req->is_post)
    {
      req->uri = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (self->base_uri), NULL,
                              g_uri_get_host (self->base_uri), g_uri_get_port (self->base_uri),
                              full_path, NULL, NULL);
      gsize length = encoded != NULL ? strlen (encoded) : 0;

      req->body = g_bytes_new_take (g_steal_pointer (&encoded), length);
    }
  else
    {
      req->uri = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (self->base_uri), NULL,
                              g_uri_get_host (self->base_uri), g_uri_get_port (self->base_uri),
                              full_path, encoded, NULL);
    }

  request_enqueue (req, FALSE);
  dial_client_pump (self);
}

/* Queues a plain GET of @uri (taken), without credentials, any status going to @handle, never
 * retried: the webhook check. */
void
dial_client_submit_url (DialClient     *self,
                        GTask          *task,
                        GUri           *uri,
                        DialHandleFunc  handle)
{
  DialRequest *req = g_new0 (DialRequest, 1);

  req->client = self;
  req->task = g_object_ref (task);
  req->method = SOUP_METHOD_GET;
  req->is_api = FALSE;
  req->log_name = g_strdup_printf ("webhook on %s", g_uri_get_host (uri));
  req->uri = uri;
  req->handle = handle;

  request_enqueue (req, FALSE);
  dial_client_pump (self);
}

void
dial_client_queue_finalize (DialClient *self)
{
  /* Every request holds its task, and every task the client. */
  g_assert (self->queue.length == 0);
  g_assert (self->n_in_flight == 0);

  clear_source (&self->pause_source);
}
