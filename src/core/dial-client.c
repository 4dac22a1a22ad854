/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <math.h>

#include "dial-client-private.h"
#include "dial-error.h"
#include "dial-format.h"
#include "dial-json.h"
#include "dial-number.h"
#include "dial-validate.h"

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

#define DEFAULT_TIMEOUT_SECONDS    30
#define DEFAULT_TRANSIENT_RETRIES  2
#define DEFAULT_THROTTLE_RETRIES   4
#define DEFAULT_BASE_DELAY_MS      500
#define MAX_DELAY_MS               30000
/* A longer Retry-After is not waited for silently: it fails at once as THROTTLED. */
#define MAX_RETRY_AFTER_SECONDS    60
/* More pages than this (10 million numbers) is an absurd count, not a listing to start. */
#define MAX_PAGES                  100000
#define PATTERN_MAX_DIGITS         15
#define HTTP_TOO_MANY_REQUESTS     429
#define HTTP_METHOD_FAILED         420

typedef void (*DialHandleFunc) (GTask    *task,
                                JsonNode *root,
                                guint     status);

typedef enum
{
  REQUEST_QUEUED,
  REQUEST_WAITING,
  REQUEST_IN_FLIGHT,
} RequestState;

typedef struct
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
} DialRequest;

struct _DialClient
{
  GObject      parent_instance;

  SoupSession *session;
  GUri        *base_uri;
  char        *base_url;
  char        *api_key;
  char        *auth_header;      /* "Basic …": the only place the secret lives */
  guint        timeout;

  GQueue       queue;            /* DialRequest, waiting for a slot */
  guint        n_in_flight;
  DialRequest *post_owner;       /* the POST in flight or waiting to be retried */
  gint64       paused_until;     /* monotonic µs: after a 429 */
  GSource     *pause_source;

  guint        max_transient_retries;
  guint        max_throttle_retries;
  guint        base_delay_ms;
};

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_API_KEY,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DialClient, dial_client, G_TYPE_OBJECT)

static void dial_client_pump (DialClient *self);
static void request_enqueue  (DialRequest *req,
                              gboolean     at_head);

/* Errors */

static GError *
error_new (DialError   code,
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

static GError *
error_new_for_status (DialError   code,
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

  return error_new (code, status, label, detail);
}

static gboolean
set_invalid_input (GError     **error,
                   const char  *detail)
{
  g_propagate_error (error, error_new (DIAL_ERROR_INVALID_INPUT, 0, NULL, detail));
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
  g_propagate_error (error, error_new (DIAL_ERROR_MALFORMED, 0, NULL, detail));
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
  g_cancellable_cancel (req->attempt_cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled_attempt (GCancellable *cancellable,
                             gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
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
    return error_new (DIAL_ERROR_NETWORK, 0, NULL, detail);

  if (req->is_post && req->wrote_headers)
    return error_new (DIAL_ERROR_OUTCOME_UNKNOWN, 0, NULL, detail);

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
      return error_new (DIAL_ERROR_NETWORK, 0, NULL, seconds);
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
      return error_new (DIAL_ERROR_TIMEOUT, 0, NULL, seconds);
    }

  if (req->got_headers || g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING))
    return error_new (DIAL_ERROR_MALFORMED, 0, NULL, detail);

  return error_new (DIAL_ERROR_NETWORK, 0, NULL, detail);
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

/* An HTTP answer arrived: check the status class, then the Content-Type, then parse once,
 * then the `error-code`, and only then hand the body to the operation. */
static void
request_complete (DialRequest *req,
                  GBytes      *bytes)
{
  guint status = soup_message_get_status (req->msg);
  g_autoptr(GTask) task = g_steal_pointer (&req->task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
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

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autofree char *code = NULL;

      if (!is_json)
        error = error_new (DIAL_ERROR_MALFORMED, status, NULL,
                           _("(The answer was not JSON.)"));
      else
        root = parse_json (bytes, &error);

      if (error != NULL)
        {
          /* A POST that got a 2xx it cannot read may well have been carried out. */
          if (is_post)
            {
              g_autofree char *detail = g_strdup_printf ("(%s)", error->message);

              g_clear_error (&error);
              error = error_new (DIAL_ERROR_OUTCOME_UNKNOWN, status, NULL, detail);
            }
          g_task_return_error (task, g_steal_pointer (&error));
          return;
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

          g_task_return_error (task, error_new_for_status (dial_code, status, label));
          return;
        }

      handle (task, root, status);
      return;
    }
  else
    {
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

      g_task_return_error (task, error_new_for_status (dial_code, status, label));
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

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
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
                                              G_CALLBACK (on_caller_cancelled_attempt),
                                              req->attempt_cancellable);
      if (g_cancellable_is_cancelled (caller))
        g_cancellable_cancel (req->attempt_cancellable);
    }
  req->deadline_source = g_timeout_source_new (self->timeout * 1000);
  g_source_set_callback (req->deadline_source, on_request_deadline, req, NULL);
  g_source_attach (req->deadline_source, g_main_context_get_thread_default ());

  soup_session_send_and_read_async (self->session, req->msg, G_PRIORITY_DEFAULT,
                                    req->attempt_cancellable, on_request_sent, req);
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
          self->pause_source = g_timeout_source_new ((guint) ((self->paused_until - now) / 1000 + 1));
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
static void
submit (DialClient     *self,
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
      g_task_return_error (task, error_new (DIAL_ERROR_AUTH, 0, NULL,
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

/* Forms: every value validated and normalised before anything is sent */

static GHashTable *
form_new (void)
{
  /* Keys are static strings. */
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

static void
form_add_uint (GHashTable *form,
               const char *key,
               guint       value)
{
  g_hash_table_replace (form, (gpointer) key, g_strdup_printf ("%u", value));
}

static gboolean
form_add_country (GHashTable  *form,
                  const char  *country,
                  GError     **error)
{
  char *normalized = NULL;

  if (!dial_validate_country (country, &normalized, error))
    return FALSE;

  g_hash_table_replace (form, (gpointer) "country", normalized);
  return TRUE;
}

static gboolean
form_add_msisdn (GHashTable  *form,
                 const char  *msisdn,
                 GError     **error)
{
  char *normalized = NULL;

  if (!dial_validate_msisdn (msisdn, &normalized, error))
    return FALSE;

  g_hash_table_replace (form, (gpointer) "msisdn", normalized);
  return TRUE;
}

static gboolean
form_add_pattern (GHashTable       *form,
                  const char       *pattern,
                  DialPatternMode   mode,
                  GError          **error)
{
  const char *digits = pattern;

  if (mode != DIAL_PATTERN_STARTS_WITH && mode != DIAL_PATTERN_CONTAINS &&
      mode != DIAL_PATTERN_ENDS_WITH)
    return set_invalid_input (error, _("(Unknown kind of number pattern.)"));

  if (pattern == NULL || *pattern == '\0')
    return TRUE;

  if (*digits == '+')
    digits++;

  if (*digits == '\0' || strlen (digits) > PATTERN_MAX_DIGITS ||
      strspn (digits, "0123456789") != strlen (digits))
    return set_invalid_input (error,
                              _("A number pattern can only contain digits (up to 15)."));

  g_hash_table_replace (form, (gpointer) "pattern", g_strdup (digits));
  form_add_uint (form, "search_pattern", mode);
  return TRUE;
}

static gboolean
form_add_page (GHashTable  *form,
               guint        size,
               guint        index,
               GError     **error)
{
  if (size > DIAL_PAGE_SIZE_MAX)
    return set_invalid_input (error, _("A page can hold at most 100 numbers."));

  form_add_uint (form, "size", size == 0 ? DIAL_PAGE_SIZE_MAX : size);
  form_add_uint (form, "index", index == 0 ? 1 : index);
  return TRUE;
}

/* The filters of an owned query, without size and index. */
static GHashTable *
owned_filters_to_form (const DialOwnedQuery  *query,
                       GError               **error)
{
  g_autoptr(GHashTable) form = form_new ();

  if (query == NULL)
    return g_steal_pointer (&form);

  if (query->country != NULL && !form_add_country (form, query->country, error))
    return NULL;

  if (!form_add_pattern (form, query->pattern, query->search_pattern, error))
    return NULL;

  switch (query->has_application)
    {
    case DIAL_APPLICATION_ANY:
      break;
    case DIAL_APPLICATION_LINKED:
      g_hash_table_replace (form, (gpointer) "has_application", g_strdup ("true"));
      break;
    case DIAL_APPLICATION_NOT_LINKED:
      g_hash_table_replace (form, (gpointer) "has_application", g_strdup ("false"));
      break;
    default:
      set_invalid_input (error, _("(Unknown application filter.)"));
      return NULL;
    }

  if (query->application_id != NULL)
    {
      char *normalized = NULL;

      if (!dial_validate_application_id (query->application_id, &normalized, error))
        return NULL;
      g_hash_table_replace (form, (gpointer) "application_id", normalized);
    }

  return g_steal_pointer (&form);
}

static const char *
features_to_string (DialFeatures features)
{
  /* The only spellings the API allows (NOTES.md §3.2). */
  switch ((guint) features)
    {
    case DIAL_FEATURE_SMS:
      return "SMS";
    case DIAL_FEATURE_VOICE:
      return "VOICE";
    case DIAL_FEATURE_SMS | DIAL_FEATURE_VOICE:
      return "SMS,VOICE";
    case DIAL_FEATURE_MMS:
      return "MMS";
    case DIAL_FEATURE_SMS | DIAL_FEATURE_MMS:
      return "SMS,MMS";
    case DIAL_FEATURE_VOICE | DIAL_FEATURE_MMS:
      return "VOICE,MMS";
    case DIAL_FEATURE_SMS | DIAL_FEATURE_MMS | DIAL_FEATURE_VOICE:
      return "SMS,MMS,VOICE";
    default:
      return NULL;
    }
}

static GHashTable *
search_query_to_form (const DialSearchQuery  *query,
                      GError                **error)
{
  g_autoptr(GHashTable) form = form_new ();

  if (query->country == NULL || *query->country == '\0')
    {
      set_invalid_input (error, _("Choose the country to search in."));
      return NULL;
    }

  if (!form_add_country (form, query->country, error))
    return NULL;

  switch (query->type)
    {
    case DIAL_NUMBER_TYPE_UNKNOWN:
      break;
    case DIAL_NUMBER_TYPE_LANDLINE:
      g_hash_table_replace (form, (gpointer) "type", g_strdup ("landline"));
      break;
    case DIAL_NUMBER_TYPE_MOBILE_LVN:
      g_hash_table_replace (form, (gpointer) "type", g_strdup ("mobile-lvn"));
      break;
    case DIAL_NUMBER_TYPE_LANDLINE_TOLL_FREE:
      g_hash_table_replace (form, (gpointer) "type", g_strdup ("landline-toll-free"));
      break;
    default:
      set_invalid_input (error, _("(Unknown number type.)"));
      return NULL;
    }

  if (!form_add_pattern (form, query->pattern, query->search_pattern, error))
    return NULL;

  if (query->features != DIAL_FEATURE_NONE)
    {
      const char *features = features_to_string (query->features);

      if (features == NULL)
        {
          set_invalid_input (error, _("(Unknown number feature.)"));
          return NULL;
        }
      g_hash_table_replace (form, (gpointer) "features", g_strdup (features));
    }

  if (!form_add_page (form, query->size, query->index, error))
    return NULL;

  return g_steal_pointer (&form);
}

/* Bodies */

typedef struct
{
  GPtrArray *numbers;
  guint      count;
} PageResult;

static void
page_result_free (PageResult *page)
{
  g_clear_pointer (&page->numbers, g_ptr_array_unref);
  g_free (page);
}

/* {"count":…, "numbers":[…]}; `{}` and a missing `numbers` are an empty page. */
static GPtrArray *
parse_numbers_page (JsonNode  *root,
                    guint     *out_count,
                    GError   **error)
{
  g_autoptr(GPtrArray) numbers = NULL;
  JsonObject *object;
  JsonNode *count_node;
  JsonNode *numbers_node;
  JsonArray *array = NULL;
  guint length = 0;
  gint64 count;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_propagate_error (error, error_new (DIAL_ERROR_MALFORMED, 0, NULL,
                                           _("(The list is not a JSON object.)")));
      return NULL;
    }

  object = json_node_get_object (root);
  numbers_node = json_object_get_member (object, "numbers");
  if (numbers_node != NULL && !JSON_NODE_HOLDS_NULL (numbers_node))
    {
      if (!JSON_NODE_HOLDS_ARRAY (numbers_node))
        {
          g_propagate_error (error, error_new (DIAL_ERROR_MALFORMED, 0, NULL,
                                               _("(“numbers” is not a list.)")));
          return NULL;
        }
      array = json_node_get_array (numbers_node);
      length = json_array_get_length (array);
    }

  count_node = json_object_get_member (object, "count");
  if (count_node == NULL || JSON_NODE_HOLDS_NULL (count_node))
    count = length;
  else if (JSON_NODE_HOLDS_VALUE (count_node) &&
           json_node_get_value_type (count_node) == G_TYPE_INT64)
    count = json_node_get_int (count_node);
  else
    count = -1;

  if (count < 0 || count > G_MAXINT)
    {
      g_propagate_error (error, error_new (DIAL_ERROR_MALFORMED, 0, NULL,
                                           _("(“count” is not a plausible number.)")));
      return NULL;
    }

  numbers = g_ptr_array_new_full (length, g_object_unref);
  for (guint i = 0; i < length; i++)
    {
      DialNumber *number = dial_number_new_from_json (json_array_get_element (array, i), error);

      if (number == NULL)
        return NULL;
      g_ptr_array_add (numbers, number);
    }

  *out_count = MAX ((guint) count, length);
  return g_steal_pointer (&numbers);
}

static void
handle_page (GTask    *task,
             JsonNode *root,
             guint     status)
{
  GError *error = NULL;
  PageResult *page = g_new0 (PageResult, 1);

  page->numbers = parse_numbers_page (root, &page->count, &error);
  if (page->numbers == NULL)
    {
      page_result_free (page);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, page, (GDestroyNotify) page_result_free);
}

/* For lookups: the task data is the normalised msisdn to find exactly. */
static void
handle_lookup (GTask    *task,
               JsonNode *root,
               guint     status)
{
  const char *msisdn = g_task_get_task_data (task);
  g_autoptr(GPtrArray) numbers = NULL;
  GError *error = NULL;
  guint count;

  numbers = parse_numbers_page (root, &count, &error);
  if (numbers == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < numbers->len; i++)
    {
      DialNumber *number = g_ptr_array_index (numbers, i);

      if (g_strcmp0 (dial_number_get_msisdn (number), msisdn) == 0)
        {
          g_task_return_pointer (task, g_object_ref (number), g_object_unref);
          return;
        }
    }

  g_task_return_pointer (task, NULL, NULL);
}

/* buy, cancel, update: {"error-code":"200", …}; other codes were refused before this. */
static void
handle_status (GTask    *task,
               JsonNode *root,
               guint     status)
{
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "error-code"))
    {
      g_task_return_error (task, error_new (DIAL_ERROR_OUTCOME_UNKNOWN, status, NULL,
                                            _("(The answer did not say whether it worked.)")));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

typedef struct
{
  DialMoney value;
  gboolean  auto_reload;
} BalanceResult;

/*
 * `value` is a JSON number ("10.17127500"). json-glib hands it over as a double; formatted
 * back with 8 decimals (g_ascii_formatd) and parsed with dial_money_parse it is exactly the
 * decimal that was sent whenever it has at most 15 significant digits, i.e. for any balance
 * under 10 million EUR with 8 decimals. An integer is taken as it is; a string is parsed too.
 */
static gboolean
parse_balance_value (JsonNode   *node,
                     DialMoney  *out_value,
                     GError    **error)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  gint64 whole;
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    goto malformed;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      whole = json_node_get_int (node);
      if (whole > G_MAXINT64 / DIAL_MONEY_SCALE || whole < -(G_MAXINT64 / DIAL_MONEY_SCALE))
        goto malformed;
      *out_value = whole * DIAL_MONEY_SCALE;
      return TRUE;

    case G_TYPE_DOUBLE:
      value = json_node_get_double (node);
      if (!isfinite (value) || fabs (value) >= 9.0e10)
        goto malformed;
      g_ascii_formatd (buffer, sizeof buffer, "%.8f", value);
      if (!dial_money_parse (buffer, out_value))
        goto malformed;
      return TRUE;

    case G_TYPE_STRING:
      if (!dial_money_parse (json_node_get_string (node), out_value))
        goto malformed;
      return TRUE;

    default:
      goto malformed;
    }

malformed:
  g_propagate_error (error, error_new (DIAL_ERROR_MALFORMED, 0, NULL,
                                       _("(The balance is not a number.)")));
  return FALSE;
}

static void
handle_balance (GTask    *task,
                JsonNode *root,
                guint     status)
{
  BalanceResult *balance;
  JsonObject *object;
  GError *error = NULL;
  DialMoney value = 0;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_task_return_error (task, error_new (DIAL_ERROR_MALFORMED, 0, NULL,
                                            _("(The balance is not a JSON object.)")));
      return;
    }

  object = json_node_get_object (root);
  if (!parse_balance_value (json_object_get_member (object, "value"), &value, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  balance = g_new0 (BalanceResult, 1);
  balance->value = value;
  balance->auto_reload = json_object_get_boolean_member_with_default (object, "autoReload",
                                                                      FALSE);
  g_task_return_pointer (task, balance, g_free);
}

static void
handle_webhook (GTask    *task,
                JsonNode *root,
                guint     status)
{
  g_autofree char *message = NULL;

  if (status == SOUP_STATUS_OK)
    {
      g_task_return_int (task, status);
      return;
    }

  /* Translators: %u is an HTTP status code and %s its standard English name. */
  message = g_strdup_printf (_("The webhook address answered with HTTP status %u (%s) instead of "
                               "200 OK, so Vonage would not accept it."),
                             status, soup_status_get_phrase (status));
  g_task_return_error (task, dial_error_new_full (DIAL_ERROR_REFUSED, status, NULL, message));
}

/* GObject */

static void
dial_client_finalize (GObject *object)
{
  DialClient *self = (DialClient *) object;

  /* Every request holds its task, and every task the client. */
  g_assert (self->queue.length == 0);
  g_assert (self->n_in_flight == 0);

  clear_source (&self->pause_source);
  g_clear_object (&self->session);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->api_key, g_free);
  if (self->auth_header != NULL)
    memset (self->auth_header, 0, strlen (self->auth_header));
  g_clear_pointer (&self->auth_header, g_free);

  G_OBJECT_CLASS (dial_client_parent_class)->finalize (object);
}

static void
dial_client_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DialClient *self = DIAL_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_API_KEY:
      g_value_set_string (value, self->api_key);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_client_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DialClient *self = DIAL_CLIENT (object);
  g_autoptr(GError) error = NULL;

  switch (prop_id)
    {
    case PROP_BASE_URL:
      if (!dial_client_set_base_url (self, g_value_get_string (value), &error))
        g_warning ("Ignoring base URL: %s", error->message);
      break;
    case PROP_TIMEOUT:
      dial_client_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_client_class_init (DialClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dial_client_finalize;
  object_class->get_property = dial_client_get_property;
  object_class->set_property = dial_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         DIAL_DEFAULT_BASE_URL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_API_KEY] =
    g_param_spec_string ("api-key", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, 600, DEFAULT_TIMEOUT_SECONDS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dial_client_init (DialClient *self)
{
  self->timeout = DEFAULT_TIMEOUT_SECONDS;
  self->max_transient_retries = DEFAULT_TRANSIENT_RETRIES;
  self->max_throttle_retries = DEFAULT_THROTTLE_RETRIES;
  self->base_delay_ms = DEFAULT_BASE_DELAY_MS;
  g_queue_init (&self->queue);

  /* One more connection than requests in flight: a POST never reuses a connection. */
  self->session = soup_session_new_with_options ("user-agent", "Dialtone/" PACKAGE_VERSION,
                                                 "timeout", self->timeout,
                                                 "idle-timeout", 60,
                                                 "max-conns-per-host", DIAL_CLIENT_MAX_IN_FLIGHT + 1,
                                                 "max-conns", 2 * (DIAL_CLIENT_MAX_IN_FLIGHT + 1),
                                                 NULL);
  /* Credentials go in our own header; nothing should cache or prompt for them. */
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_AUTH_MANAGER);

  self->base_url = g_strdup (DIAL_DEFAULT_BASE_URL);
  self->base_uri = g_uri_parse (DIAL_DEFAULT_BASE_URL, G_URI_FLAGS_ENCODED, NULL);
  g_assert (self->base_uri != NULL);
}

/* Public API */

DialClient *
dial_client_new (void)
{
  return g_object_new (DIAL_TYPE_CLIENT, NULL);
}

gboolean
dial_client_set_base_url (DialClient  *self,
                          const char  *base_url,
                          GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *path = NULL;
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (DIAL_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (base_url != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!dial_validate_base_url (base_url, error))
    return FALSE;

  uri = g_uri_parse (base_url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return set_invalid_input (error, _("(The API address is not a valid URL.)"));

  /* Credentials never go in a URL, and a query or fragment has no place in a base. */
  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_propagate_error (error, error_new (DIAL_ERROR_INSECURE_URL, 0, NULL,
                                           _("(The address must not contain a user name or "
                                             "password.)")));
      return FALSE;
    }
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    return set_invalid_input (error, _("(The API address must not have a query or fragment.)"));

  path = g_strdup (g_uri_get_path (uri));
  while (*path != '\0' && path[strlen (path) - 1] == '/')
    path[strlen (path) - 1] = '\0';

  g_clear_pointer (&self->base_uri, g_uri_unref);
  self->base_uri = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL,
                                g_uri_get_host (uri), g_uri_get_port (uri), path, NULL, NULL);

  normalized = g_uri_to_string (self->base_uri);
  if (g_strcmp0 (normalized, self->base_url) != 0)
    {
      g_free (self->base_url);
      self->base_url = g_steal_pointer (&normalized);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
    }

  return TRUE;
}

const char *
dial_client_get_base_url (DialClient *self)
{
  g_return_val_if_fail (DIAL_IS_CLIENT (self), NULL);

  return self->base_url;
}

void
dial_client_set_credentials (DialClient *self,
                             const char *api_key,
                             const char *api_secret)
{
  g_autofree char *pair = NULL;
  g_autofree char *encoded = NULL;

  g_return_if_fail (DIAL_IS_CLIENT (self));

  if (self->auth_header != NULL)
    memset (self->auth_header, 0, strlen (self->auth_header));
  g_clear_pointer (&self->auth_header, g_free);

  if (api_key != NULL && api_secret != NULL)
    {
      pair = g_strconcat (api_key, ":", api_secret, NULL);
      encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
      self->auth_header = g_strconcat ("Basic ", encoded, NULL);
      memset (pair, 0, strlen (pair));
      memset (encoded, 0, strlen (encoded));
    }

  if (g_strcmp0 (self->api_key, api_key) != 0)
    {
      g_free (self->api_key);
      self->api_key = g_strdup (api_key);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_KEY]);
    }
}

const char *
dial_client_get_api_key (DialClient *self)
{
  g_return_val_if_fail (DIAL_IS_CLIENT (self), NULL);

  return self->api_key;
}

void
dial_client_set_timeout (DialClient *self,
                         guint       seconds)
{
  g_return_if_fail (DIAL_IS_CLIENT (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/* One page */

static void
list_page_async (DialClient          *self,
                 GHashTable          *filters,
                 guint                size,
                 guint                index,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) form = form_new ();
  GHashTableIter iter;
  gpointer key, value;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, list_page_async);

  g_hash_table_iter_init (&iter, filters);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (form, key, g_strdup (value));
  form_add_uint (form, "size", size);
  form_add_uint (form, "index", index);

  submit (self, task, SOUP_METHOD_GET, "/account/numbers", g_steal_pointer (&form), handle_page);
}

void
dial_client_list_owned_async (DialClient           *self,
                              const DialOwnedQuery *query,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) form = NULL;
  GError *error = NULL;

  g_return_if_fail (DIAL_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dial_client_list_owned_async);

  form = owned_filters_to_form (query, &error);
  if (form == NULL ||
      !form_add_page (form, query ? query->size : 0, query ? query->index : 0, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  submit (self, task, SOUP_METHOD_GET, "/account/numbers", g_steal_pointer (&form), handle_page);
}

GPtrArray *
dial_client_list_owned_finish (DialClient    *self,
                               GAsyncResult  *result,
                               guint         *out_count,
                               GError       **error)
{
  PageResult *page;
  GPtrArray *numbers;

  g_return_val_if_fail (DIAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  page = g_task_propagate_pointer (G_TASK (result), error);
  if (page == NULL)
    return NULL;

  if (out_count != NULL)
    *out_count = page->count;
  numbers = g_steal_pointer (&page->numbers);
  page_result_free (page);

  return numbers;
}

/* Every page */

typedef struct
{
  GHashTable       *filters;
  DialProgressFunc  progress;
  gpointer          progress_data;
  DialPagesFunc     pages;
  gpointer          pages_data;
  GCancellable     *cancellable;   /* ours: cancelled on the first failure */
  GCancellable     *caller_cancellable;
  gulong            caller_handler;
  guint             total;
  guint             n_pages;       /* known after the first page */
  guint             next_page;     /* the next index to request */
  guint             next_flush;    /* the next index to deliver in order */
  guint             n_outstanding;
  guint             n_received;
  GPtrArray       **received;      /* [n_pages + 1], by index, until delivered */
  GPtrArray        *numbers;       /* delivered, in API order */
  GHashTable       *seen;          /* msisdn (owned by the numbers) */
  GError           *error;
} ListAll;

typedef struct
{
  GTask *task;
  guint  index;
} ListAllPage;

static void
list_all_free (ListAll *state)
{
  if (state->caller_handler != 0)
    g_signal_handler_disconnect (state->caller_cancellable, state->caller_handler);
  g_clear_object (&state->caller_cancellable);
  g_clear_object (&state->cancellable);
  g_clear_pointer (&state->filters, g_hash_table_unref);
  if (state->received != NULL)
    {
      for (guint i = 0; i <= state->n_pages; i++)
        g_clear_pointer (&state->received[i], g_ptr_array_unref);
      g_free (state->received);
    }
  g_clear_pointer (&state->seen, g_hash_table_unref);
  g_clear_pointer (&state->numbers, g_ptr_array_unref);
  g_clear_error (&state->error);
  g_free (state);
}

static void on_list_all_page (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data);

static void
list_all_request (GTask *task,
                  guint  index)
{
  ListAll *state = g_task_get_task_data (task);
  ListAllPage *page = g_new0 (ListAllPage, 1);

  page->task = g_object_ref (task);
  page->index = index;
  state->n_outstanding++;

  list_page_async (g_task_get_source_object (task), state->filters, DIAL_PAGE_SIZE_MAX, index,
                   state->cancellable, on_list_all_page, page);
}

/* Delivers the pages that are now contiguous, in API order, skipping repeated numbers (a
 * number bought while the listing ran can shift one into two pages). */
static void
list_all_flush (ListAll *state)
{
  while (state->next_flush <= state->n_pages && state->received[state->next_flush] != NULL)
    {
      g_autoptr(GPtrArray) page = g_steal_pointer (&state->received[state->next_flush]);
      guint position = state->numbers->len;

      for (guint i = 0; i < page->len; i++)
        {
          DialNumber *number = g_ptr_array_index (page, i);
          const char *msisdn = dial_number_get_msisdn (number);

          if (!g_hash_table_add (state->seen, (gpointer) msisdn))
            continue;
          g_ptr_array_add (state->numbers, g_object_ref (number));
        }

      state->next_flush++;

      if (state->pages != NULL && state->numbers->len > position)
        state->pages (state->numbers, position, state->numbers->len - position, state->total,
                      state->pages_data);
    }
}

static void
on_list_all_page (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ListAllPage *page = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&page->task);
  ListAll *state = g_task_get_task_data (task);
  guint index = page->index;
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;

  g_free (page);
  state->n_outstanding--;

  numbers = dial_client_list_owned_finish (DIAL_CLIENT (source), result, &count, &error);

  if (numbers == NULL && state->error == NULL)
    {
      state->error = g_steal_pointer (&error);
      g_cancellable_cancel (state->cancellable);
    }

  if (numbers != NULL && state->error == NULL)
    {
      if (index == 1)
        {
          guint64 n_pages = ((guint64) count + DIAL_PAGE_SIZE_MAX - 1) / DIAL_PAGE_SIZE_MAX;

          if (n_pages > MAX_PAGES)
            {
              state->error = error_new (DIAL_ERROR_MALFORMED, 0, NULL,
                                        _("(“count” is not a plausible number.)"));
              goto out;
            }

          state->total = count;
          state->n_pages = MAX (1, (guint) n_pages);
          state->received = g_new0 (GPtrArray *, state->n_pages + 1);
          state->next_page = 2;
          state->next_flush = 1;
          state->numbers = g_ptr_array_new_full (count, g_object_unref);
          state->seen = g_hash_table_new (g_str_hash, g_str_equal);
        }

      state->n_received += numbers->len;
      state->received[index] = g_steal_pointer (&numbers);

      if (state->progress != NULL)
        state->progress (state->n_received, state->total, state->progress_data);

      list_all_flush (state);

      /* Keep the queue full, but with no more than the in-flight limit of our own pages, so a
       * request the user makes meanwhile does not wait behind a hundred pages. */
      while (state->next_page <= state->n_pages &&
             state->n_outstanding < DIAL_CLIENT_MAX_IN_FLIGHT &&
             !g_cancellable_is_cancelled (state->cancellable))
        list_all_request (task, state->next_page++);
    }

out:
  if (state->n_outstanding > 0)
    return;

  if (state->error != NULL)
    g_task_return_error (task, g_steal_pointer (&state->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&state->numbers),
                           (GDestroyNotify) g_ptr_array_unref);
}

static void
on_caller_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

void
dial_client_list_all_owned_full_async (DialClient           *self,
                                       const DialOwnedQuery *query,
                                       DialProgressFunc      progress,
                                       gpointer              progress_data,
                                       DialPagesFunc         pages,
                                       gpointer              pages_data,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ListAll *state;
  GError *error = NULL;
  GHashTable *filters;

  g_return_if_fail (DIAL_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dial_client_list_all_owned_async);

  filters = owned_filters_to_form (query, &error);
  if (filters == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  state = g_new0 (ListAll, 1);
  state->filters = filters;
  state->progress = progress;
  state->progress_data = progress_data;
  state->pages = pages;
  state->pages_data = pages_data;
  state->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, state, (GDestroyNotify) list_all_free);

  if (cancellable != NULL)
    {
      state->caller_cancellable = g_object_ref (cancellable);
      state->caller_handler = g_signal_connect (cancellable, "cancelled",
                                                G_CALLBACK (on_caller_cancelled),
                                                state->cancellable);
      if (g_cancellable_is_cancelled (cancellable))
        g_cancellable_cancel (state->cancellable);
    }

  list_all_request (task, 1);
}

void
dial_client_list_all_owned_async (DialClient           *self,
                                  const DialOwnedQuery *query,
                                  DialProgressFunc      progress,
                                  gpointer              progress_data,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  dial_client_list_all_owned_full_async (self, query, progress, progress_data, NULL, NULL,
                                         cancellable, callback, user_data);
}

GPtrArray *
dial_client_list_all_owned_finish (DialClient    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (DIAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Search and lookups */

void
dial_client_search_async (DialClient            *self,
                          const DialSearchQuery *query,
                          GCancellable          *cancellable,
                          GAsyncReadyCallback    callback,
                          gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  GHashTable *form;
  GError *error = NULL;

  g_return_if_fail (DIAL_IS_CLIENT (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dial_client_search_async);

  form = search_query_to_form (query, &error);
  if (form == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  submit (self, task, SOUP_METHOD_GET, "/number/search", form, handle_page);
}

GPtrArray *
dial_client_search_finish (DialClient    *self,
                           GAsyncResult  *result,
                           guint         *out_count,
                           GError       **error)
{
  return dial_client_list_owned_finish (self, result, out_count, error);
}

static void
lookup_async (DialClient          *self,
              const char          *path,
              const char          *country,
              const char          *msisdn,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) form = form_new ();
  GError *error = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  if (!form_add_country (form, country, &error) || !form_add_msisdn (form, msisdn, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* The exact number as a starts-with pattern: it is the first of the few that match. */
  g_hash_table_replace (form, (gpointer) "pattern",
                        g_strdup (g_hash_table_lookup (form, "msisdn")));
  g_task_set_task_data (task, g_strdup (g_hash_table_lookup (form, "msisdn")), g_free);
  g_hash_table_remove (form, "msisdn");
  form_add_uint (form, "search_pattern", DIAL_PATTERN_STARTS_WITH);
  form_add_uint (form, "size", DIAL_PAGE_SIZE_MAX);
  form_add_uint (form, "index", 1);

  submit (self, task, SOUP_METHOD_GET, path, g_steal_pointer (&form), handle_lookup);
}

void
dial_client_lookup_available_async (DialClient          *self,
                                    const char          *country,
                                    const char          *msisdn,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (DIAL_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  lookup_async (self, "/number/search", country, msisdn, cancellable, callback, user_data,
                dial_client_lookup_available_async);
}

DialNumber *
dial_client_lookup_available_finish (DialClient    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (DIAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dial_client_lookup_owned_async (DialClient          *self,
                                const char          *country,
                                const char          *msisdn,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (DIAL_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  lookup_async (self, "/account/numbers", country, msisdn, cancellable, callback, user_data,
                dial_client_lookup_owned_async);
}

DialNumber *
dial_client_lookup_owned_finish (DialClient    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (DIAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Changes */

static void
number_action_async (DialClient          *self,
                     const char          *path,
                     const char          *country,
                     const char          *msisdn,
                     const char          *target_api_key,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data,
                     gpointer             source_tag)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) form = form_new ();
  GError *error = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  if (!form_add_country (form, country, &error) || !form_add_msisdn (form, msisdn, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (target_api_key != NULL)
    {
      if (!dial_validate_api_key (target_api_key, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      g_hash_table_replace (form, (gpointer) "target_api_key", g_strdup (target_api_key));
    }

  submit (self, task, SOUP_METHOD_POST, path, g_steal_pointer (&form), handle_status);
}

void
dial_client_buy_async (DialClient          *self,
                       const char          *country,
                       const char          *msisdn,
                       const char          *target_api_key,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (DIAL_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  number_action_async (self, "/number/buy", country, msisdn, target_api_key, cancellable,
                       callback, user_data, dial_client_buy_async);
}

gboolean
dial_client_buy_finish (DialClient    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (DIAL_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
dial_client_cancel_async (DialClient          *self,
                          const char          *country,
                          const char          *msisdn,
                          const char          *target_api_key,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (DIAL_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  number_action_async (self, "/number/cancel", country, msisdn, target_api_key, cancellable,
                       callback, user_data, dial_client_cancel_async);
}

gboolean
dial_client_cancel_finish (DialClient    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (DIAL_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
dial_client_update_async (DialClient          *self,
                          DialNumberConfig    *config,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (DIAL_IS_CLIENT (self));
  g_return_if_fail (config != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dial_client_update_async);

  if (!dial_number_config_validate (config, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  submit (self, task, SOUP_METHOD_POST, "/number/update", dial_number_config_to_form (config),
          handle_status);
}

gboolean
dial_client_update_finish (DialClient    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (DIAL_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Balance */

void
dial_client_get_balance_async (DialClient          *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DIAL_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dial_client_get_balance_async);

  submit (self, task, SOUP_METHOD_GET, "/account/get-balance", NULL, handle_balance);
}

gboolean
dial_client_get_balance_finish (DialClient    *self,
                                GAsyncResult  *result,
                                DialMoney     *out_value,
                                gboolean      *out_auto_reload,
                                GError       **error)
{
  g_autofree BalanceResult *balance = NULL;

  g_return_val_if_fail (DIAL_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  balance = g_task_propagate_pointer (G_TASK (result), error);
  if (balance == NULL)
    return FALSE;

  if (out_value != NULL)
    *out_value = balance->value;
  if (out_auto_reload != NULL)
    *out_auto_reload = balance->auto_reload;

  return TRUE;
}

/* Webhook check */

void
dial_client_check_webhook_async (DialClient          *self,
                                 const char          *url,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  GError *error = NULL;
  DialRequest *req;

  g_return_if_fail (DIAL_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dial_client_check_webhook_async);

  if (!dial_validate_webhook_url (url, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
  if (uri == NULL)
    {
      g_autofree char *detail = g_strdup_printf ("(%s)", error->message);

      g_clear_error (&error);
      g_task_return_error (task, error_new (DIAL_ERROR_INVALID_INPUT, 0, NULL, detail));
      return;
    }

  /* Like Vonage's own check: a plain GET, without our credentials, not retried. */
  req = g_new0 (DialRequest, 1);
  req->client = self;
  req->task = g_object_ref (task);
  req->method = SOUP_METHOD_GET;
  req->is_api = FALSE;
  req->log_name = g_strdup_printf ("webhook on %s", g_uri_get_host (uri));
  req->uri = g_steal_pointer (&uri);
  req->handle = handle_webhook;

  request_enqueue (req, FALSE);
  dial_client_pump (self);
}

gboolean
dial_client_check_webhook_finish (DialClient    *self,
                                  GAsyncResult  *result,
                                  guint         *out_status,
                                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize status;

  g_return_val_if_fail (DIAL_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  status = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      if (out_status != NULL)
        *out_status = local_error->domain == DIAL_ERROR ?
                      dial_error_get_http_status (local_error) : 0;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (out_status != NULL)
    *out_status = (guint) status;

  return TRUE;
}

/* Private API */

void
dial_client_set_retry_policy (DialClient *self,
                              guint       max_transient_retries,
                              guint       max_throttle_retries,
                              guint       base_delay_ms)
{
  g_return_if_fail (DIAL_IS_CLIENT (self));

  self->max_transient_retries = max_transient_retries;
  self->max_throttle_retries = max_throttle_retries;
  self->base_delay_ms = base_delay_ms;
}

SoupSession *
dial_client_get_session (DialClient *self)
{
  g_return_val_if_fail (DIAL_IS_CLIENT (self), NULL);

  return self->session;
}
