/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-client"

#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

#include "dial-client-private.h"
#include "dial-error.h"
#include "dial-format.h"
#include "dial-number.h"
#include "dial-owned-list.h"
#include "dial-sandbox.h"
#include "dial-test-util.h"

/*
 * DialClient against a real DialSandbox (a SoupServer on 127.0.0.1, port 0) in this process,
 * plus a small "edge" SoupServer of our own for answers the record shows Vonage has given but
 * the sandbox does not (a 400 field map, HTTP 200 with an error code, RFC 7807 bodies, HTTP
 * dates in Retry-After) and for webhooks.
 */

#define SECRET DIAL_SANDBOX_DEFAULT_API_SECRET
#define API_KEY DIAL_SANDBOX_DEFAULT_API_KEY

typedef struct
{
  DialSandbox *sandbox;
  DialClient  *client;
  char        *url;
  /* Concurrency seen by the session itself (request-queued / request-unqueued). */
  guint        in_session;
  guint        max_in_session;
  guint        posts_in_session;
  guint        max_posts_in_session;
  GPtrArray   *sent_uris;        /* every URI the session was asked to send */
  GPtrArray   *sent_auth;        /* the Authorization header of each */
} Fixture;

/* Helpers */

static void
on_ready (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  /* Pages are parsed in worker threads: their results still come back in the caller's
   * main context, on its thread. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static GAsyncResult *
await_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (slot);
}

static gboolean
on_timeout_flag (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
on_notify_count (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
assert_no_secret (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, SECRET));
}

static void
on_request_queued (SoupSession *session,
                   SoupMessage *msg,
                   gpointer     user_data)
{
  Fixture *f = user_data;
  const char *auth;

  f->in_session++;
  f->max_in_session = MAX (f->max_in_session, f->in_session);
  if (g_str_equal (soup_message_get_method (msg), SOUP_METHOD_POST))
    {
      f->posts_in_session++;
      f->max_posts_in_session = MAX (f->max_posts_in_session, f->posts_in_session);
    }

  /* POST bodies are forms, never JSON and never in the URL. */
  if (g_str_equal (soup_message_get_method (msg), SOUP_METHOD_POST))
    {
      g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_request_headers (msg),
                                                              NULL),
                       ==, "application/x-www-form-urlencoded");
      g_assert_null (g_uri_get_query (soup_message_get_uri (msg)));
    }

  g_ptr_array_add (f->sent_uris, g_uri_to_string (soup_message_get_uri (msg)));
  auth = soup_message_headers_get_one (soup_message_get_request_headers (msg), "Authorization");
  g_ptr_array_add (f->sent_auth, g_strdup (auth != NULL ? auth : ""));
}

static void
on_request_unqueued (SoupSession *session,
                     SoupMessage *msg,
                     gpointer     user_data)
{
  Fixture *f = user_data;

  g_assert_cmpuint (f->in_session, >, 0);
  f->in_session--;
  if (g_str_equal (soup_message_get_method (msg), SOUP_METHOD_POST))
    f->posts_in_session--;
}

static void
fixture_setup_with (Fixture *f,
                    guint    n_owned)
{
  g_autoptr(GError) error = NULL;

  f->sandbox = dial_sandbox_new (7, n_owned);
  g_assert_true (dial_sandbox_listen (f->sandbox, 0, &error));
  g_assert_no_error (error);
  f->url = dial_sandbox_get_url (f->sandbox);

  f->client = dial_client_new ();
  g_assert_true (dial_client_set_base_url (f->client, f->url, &error));
  g_assert_no_error (error);
  dial_client_set_credentials (f->client, API_KEY, SECRET);
  /* Same bounds as in production, shorter steps. */
  dial_client_set_retry_policy (f->client, 2, 4, 10);

  f->sent_uris = g_ptr_array_new_with_free_func (g_free);
  f->sent_auth = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (dial_client_get_session (f->client), "request-queued",
                    G_CALLBACK (on_request_queued), f);
  g_signal_connect (dial_client_get_session (f->client), "request-unqueued",
                    G_CALLBACK (on_request_unqueued), f);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fixture_setup_with (f, 25);
}

static void
fixture_setup_big (Fixture       *f,
                   gconstpointer  data)
{
  fixture_setup_with (f, 1234);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* Whatever the test did: no secret in any URI, and every API request carried the header. */
  for (guint i = 0; i < f->sent_uris->len; i++)
    {
      const char *uri = g_ptr_array_index (f->sent_uris, i);

      g_assert_null (strstr (uri, SECRET));
      g_assert_null (strstr (uri, "api_secret"));
      g_assert_null (strstr (uri, "api_key"));
      if (g_str_has_prefix (uri, f->url))
        g_assert_true (g_str_has_prefix (g_ptr_array_index (f->sent_auth, i), "Basic "));
    }

  g_signal_handlers_disconnect_by_data (dial_client_get_session (f->client), f);
  g_assert_finalize_object (f->client);
  dial_sandbox_disconnect (f->sandbox);
  g_assert_finalize_object (f->sandbox);
  g_clear_pointer (&f->url, g_free);
  g_clear_pointer (&f->sent_uris, g_ptr_array_unref);
  g_clear_pointer (&f->sent_auth, g_ptr_array_unref);
}

/* The query string or body the sandbox last received on @path, decoded. */
static GHashTable *
last_form (Fixture    *f,
           const char *path)
{
  g_autofree char *text = dial_sandbox_get_last_request (f->sandbox, path);

  g_assert_nonnull (text);
  return soup_form_decode (text);
}

static GPtrArray *
list_owned (Fixture              *f,
            const DialOwnedQuery *query,
            guint                *out_count,
            GError              **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  dial_client_list_owned_async (f->client, query, NULL, on_ready, &slot);
  result = await_result (&slot);
  return dial_client_list_owned_finish (f->client, result, out_count, error);
}

static GPtrArray *
search (Fixture               *f,
        const DialSearchQuery *query,
        guint                 *out_count,
        GError               **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  dial_client_search_async (f->client, query, NULL, on_ready, &slot);
  result = await_result (&slot);
  return dial_client_search_finish (f->client, result, out_count, error);
}

static gboolean
buy (Fixture     *f,
     const char  *country,
     const char  *msisdn,
     GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  dial_client_buy_async (f->client, country, msisdn, NULL, NULL, on_ready, &slot);
  result = await_result (&slot);
  return dial_client_buy_finish (f->client, result, error);
}

static gboolean
cancel_number (Fixture     *f,
               const char  *country,
               const char  *msisdn,
               GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  dial_client_cancel_async (f->client, country, msisdn, NULL, NULL, on_ready, &slot);
  result = await_result (&slot);
  return dial_client_cancel_finish (f->client, result, error);
}

static gboolean
get_balance (Fixture    *f,
             DialMoney  *out_value,
             GError    **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  dial_client_get_balance_async (f->client, NULL, on_ready, &slot);
  result = await_result (&slot);
  return dial_client_get_balance_finish (f->client, result, out_value, NULL, error);
}

static DialNumber *
lookup_owned (Fixture     *f,
              const char  *country,
              const char  *msisdn,
              GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  dial_client_lookup_owned_async (f->client, country, msisdn, NULL, on_ready, &slot);
  result = await_result (&slot);
  return dial_client_lookup_owned_finish (f->client, result, error);
}

static DialNumber *
lookup_available (Fixture     *f,
                  const char  *country,
                  const char  *msisdn,
                  GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  dial_client_lookup_available_async (f->client, country, msisdn, NULL, on_ready, &slot);
  result = await_result (&slot);
  return dial_client_lookup_available_finish (f->client, result, error);
}

static gboolean
update (Fixture           *f,
        DialNumberConfig  *config,
        GError           **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  dial_client_update_async (f->client, config, NULL, on_ready, &slot);
  result = await_result (&slot);
  return dial_client_update_finish (f->client, result, error);
}

/* An available number in GB, from the sandbox's catalogue. */
static DialNumber *
first_available (Fixture    *f,
                 const char *country)
{
  DialSearchQuery query = { .country = country, .size = 10 };
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;

  numbers = search (f, &query, &count, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (numbers->len, >, 0);
  return g_object_ref (g_ptr_array_index (numbers, 0));
}

/* A port on 127.0.0.1 that nothing listens on. */
static guint
closed_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return port;
}

/* The edge server */

typedef struct
{
  SoupServer *server;
  char       *url;
  guint       n_requests;
  gboolean    saw_authorization;
  guint       n_503;             /* answer 503 this many times first */
  gboolean    deep;              /* answer everything with JSON nested 100,000 deep */
} Edge;

static void
on_edge_request (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Edge *edge = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *json = NULL;
  guint status = 200;

  edge->n_requests++;
  if (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                    "Authorization") != NULL)
    edge->saw_authorization = TRUE;

  if (edge->deep)
    {
      gsize length = 100000;
      char *body = g_malloc (length);

      memset (body, '[', length);
      body[0] = '{';
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, length);
      return;
    }

  if (edge->n_503 > 0)
    {
      edge->n_503--;
      soup_server_message_set_status (msg, 503, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        "<html>busy</html>", 17);
      return;
    }

  if (g_str_equal (path, "/hook/ok"))
    json = "{}";
  else if (g_str_equal (path, "/hook/missing"))
    status = 404;
  else if (g_str_equal (path, "/hook/redirect"))
    {
      status = 302;
      soup_message_headers_replace (headers, "Location", "/hook/ok");
    }
  else if (g_str_equal (path, "/number/buy"))
    {
      /* A form the server could not read (Vonage/vonage-ruby-sdk #95). */
      status = 400;
      json = "{\"country\":\"Is required.\"}";
    }
  else if (g_str_equal (path, "/number/cancel"))
    /* HTTP 200 carrying an error code (Vonage's Python SDK models it so). */
    json = "{\"error-code\":\"420\",\"error-code-label\":\"method failed\"}";
  else if (g_str_equal (path, "/account/get-balance"))
    {
      /* The Account API's newer RFC 7807 401 body. */
      status = 401;
      json = "{\"type\":\"https://developer.nexmo.com/api-errors#unauthorized\","
             "\"title\":\"Unauthorized\",\"detail\":\"You did not provide correct credentials.\"}";
      soup_message_headers_replace (headers, "Content-Type", "application/problem+json");
    }
  else if (g_str_equal (path, "/number/search"))
    {
      /* A captive portal's page. */
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        "<html>login</html>", 18);
      return;
    }
  else if (g_str_equal (path, "/account/numbers"))
    {
      /* 429 with an HTTP date in the past: retry at once. */
      if (edge->n_requests == 1)
        {
          status = 429;
          soup_message_headers_replace (headers, "Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT");
          json = "{}";
        }
      else
        json = "{\"count\":1,\"numbers\":[{\"country\":\"GB\",\"msisdn\":\"447700900001\"}]}";
    }
  else
    status = 404;

  soup_server_message_set_status (msg, status, NULL);
  if (json != NULL)
    {
      g_autofree char *type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));

      soup_server_message_set_response (msg, type != NULL ? type : "application/json",
                                        SOUP_MEMORY_COPY, json, strlen (json));
    }
}

static Edge *
edge_new (void)
{
  Edge *edge = g_new0 (Edge, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  edge->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (edge->server, NULL, on_edge_request, edge, NULL);
  g_assert_true (soup_server_listen_local (edge->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (edge->server);
  edge->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return edge;
}

static void
edge_free (Edge *edge)
{
  soup_server_disconnect (edge->server);
  g_assert_finalize_object (edge->server);
  g_free (edge->url);
  g_free (edge);
}

/* Tests: set-up */

static void
test_base_url (void)
{
  g_autoptr(DialClient) client = dial_client_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (dial_client_get_base_url (client), ==, DIAL_DEFAULT_BASE_URL);

  g_assert_false (dial_client_set_base_url (client, "http://rest.nexmo.com", &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_INSECURE_URL);
  g_clear_error (&error);
  g_assert_cmpstr (dial_client_get_base_url (client), ==, DIAL_DEFAULT_BASE_URL);

  g_assert_false (dial_client_set_base_url (client, "https://key:secret@rest.nexmo.com", &error));
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, "secret"));
  g_clear_error (&error);

  g_assert_false (dial_client_set_base_url (client, "ftp://127.0.0.1", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (dial_client_set_base_url (client, "http://127.0.0.1:8080/", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dial_client_get_base_url (client), ==, "http://127.0.0.1:8080");

  g_assert_true (dial_client_set_base_url (client, "https://api.example.com/v1/", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dial_client_get_base_url (client), ==, "https://api.example.com/v1");
}

static void
test_properties (void)
{
  g_autoptr(DialClient) client = dial_client_new ();
  g_autofree char *api_key = NULL;
  guint timeout = 0;
  guint notified = 0;

  g_object_get (client, "timeout", &timeout, NULL);
  g_assert_cmpuint (timeout, ==, 30);
  dial_client_set_timeout (client, 5);
  g_object_get (client, "timeout", &timeout, NULL);
  g_assert_cmpuint (timeout, ==, 5);
  g_assert_cmpuint (soup_session_get_timeout (dial_client_get_session (client)), ==, 5);
  g_assert_cmpstr (soup_session_get_user_agent (dial_client_get_session (client)), ==,
                   "Dialtone/" PACKAGE_VERSION);

  g_signal_connect (client, "notify::api-key", G_CALLBACK (on_notify_count), &notified);
  dial_client_set_credentials (client, API_KEY, SECRET);
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (client, "api-key", &api_key, NULL);
  g_assert_cmpstr (api_key, ==, API_KEY);
  /* The secret is not a property at all. */
  g_assert_null (g_object_class_find_property (G_OBJECT_GET_CLASS (client), "api-secret"));
}

/* Tests: endpoints and parameters */

static void
test_list_owned (Fixture       *f,
                 gconstpointer  data)
{
  DialOwnedQuery query = { .size = 10, .index = 2 };
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;

  numbers = list_owned (f, &query, &count, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 25);
  /* HTTP Basic, exactly as S-ACC's example encodes it. */
  g_assert_cmpuint (f->sent_auth->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->sent_auth, 0), ==,
                   "Basic ZGVtbzAwMDE6RGVtb1NlY3JldDAwMDE=");
  g_assert_cmpuint (numbers->len, ==, 10);
  form = last_form (f, "/account/numbers");
  g_assert_cmpstr (g_hash_table_lookup (form, "size"), ==, "10");
  g_assert_cmpstr (g_hash_table_lookup (form, "index"), ==, "2");
  g_assert_cmpuint (g_hash_table_size (form), ==, 2);
  g_clear_pointer (&form, g_hash_table_unref);

  /* Defaults: the first page of 100. */
  first = list_owned (f, NULL, &count, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 25);
  g_assert_true (g_ptr_array_index (first, 10) != g_ptr_array_index (numbers, 0));
  g_assert_cmpstr (dial_number_get_msisdn (g_ptr_array_index (first, 10)), ==,
                   dial_number_get_msisdn (g_ptr_array_index (numbers, 0)));
  form = last_form (f, "/account/numbers");
  g_assert_cmpstr (g_hash_table_lookup (form, "size"), ==, "100");
  g_assert_cmpstr (g_hash_table_lookup (form, "index"), ==, "1");
}

static void
test_list_owned_filters (Fixture       *f,
                         gconstpointer  data)
{
  DialNumber *sample;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = NULL;
  guint count = 0;

  all = list_owned (f, NULL, &count, &error);
  g_assert_no_error (error);
  sample = g_ptr_array_index (all, 3);
  prefix = g_strndup (dial_number_get_msisdn (sample), 5);

  {
    /* Lower case country is normalised, + is stripped from the pattern. */
    g_autofree char *lower = g_ascii_strdown (dial_number_get_country (sample), -1);
    g_autofree char *plus = g_strconcat ("+", prefix, NULL);
    DialOwnedQuery query = {
      .country = lower,
      .pattern = plus,
      .search_pattern = DIAL_PATTERN_STARTS_WITH,
      .has_application = DIAL_APPLICATION_NOT_LINKED,
      .application_id = NULL,
      .size = 5,
    };

    numbers = list_owned (f, &query, &count, &error);
    g_assert_no_error (error);
    form = last_form (f, "/account/numbers");
    g_assert_cmpstr (g_hash_table_lookup (form, "country"), ==, dial_number_get_country (sample));
    g_assert_cmpstr (g_hash_table_lookup (form, "pattern"), ==, prefix);
    g_assert_cmpstr (g_hash_table_lookup (form, "search_pattern"), ==, "0");
    g_assert_cmpstr (g_hash_table_lookup (form, "has_application"), ==, "false");
    g_assert_cmpstr (g_hash_table_lookup (form, "size"), ==, "5");
    g_assert_cmpstr (g_hash_table_lookup (form, "index"), ==, "1");
    g_assert_false (g_hash_table_contains (form, "application_id"));
    for (guint i = 0; i < numbers->len; i++)
      g_assert_true (g_str_has_prefix (dial_number_get_msisdn (g_ptr_array_index (numbers, i)),
                                       prefix));
    g_clear_pointer (&numbers, g_ptr_array_unref);
    g_clear_pointer (&form, g_hash_table_unref);
  }

  {
    DialOwnedQuery query = {
      .pattern = "9",
      .search_pattern = DIAL_PATTERN_ENDS_WITH,
      .has_application = DIAL_APPLICATION_LINKED,
      .application_id = "AAAAAAAA-bbbb-cccc-dddd-0123456789AB",
    };

    numbers = list_owned (f, &query, &count, &error);
    g_assert_no_error (error);
    form = last_form (f, "/account/numbers");
    g_assert_cmpstr (g_hash_table_lookup (form, "pattern"), ==, "9");
    g_assert_cmpstr (g_hash_table_lookup (form, "search_pattern"), ==, "2");
    g_assert_cmpstr (g_hash_table_lookup (form, "has_application"), ==, "true");
    g_assert_cmpstr (g_hash_table_lookup (form, "application_id"), ==,
                     "aaaaaaaa-bbbb-cccc-dddd-0123456789ab");
    g_clear_pointer (&numbers, g_ptr_array_unref);
    g_clear_pointer (&form, g_hash_table_unref);
  }

  {
    DialOwnedQuery query = { .pattern = "77", .search_pattern = DIAL_PATTERN_CONTAINS };

    numbers = list_owned (f, &query, &count, &error);
    g_assert_no_error (error);
    form = last_form (f, "/account/numbers");
    g_assert_cmpstr (g_hash_table_lookup (form, "search_pattern"), ==, "1");
    for (guint i = 0; i < numbers->len; i++)
      g_assert_nonnull (strstr (dial_number_get_msisdn (g_ptr_array_index (numbers, i)), "77"));
  }
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  static const struct
  {
    DialFeatures features;
    const char  *spelling;
  } cases[] = {
    { DIAL_FEATURE_SMS, "SMS" },
    { DIAL_FEATURE_VOICE, "VOICE" },
    { DIAL_FEATURE_SMS | DIAL_FEATURE_VOICE, "SMS,VOICE" },
    { DIAL_FEATURE_MMS, "MMS" },
    { DIAL_FEATURE_SMS | DIAL_FEATURE_MMS, "SMS,MMS" },
    { DIAL_FEATURE_VOICE | DIAL_FEATURE_MMS, "VOICE,MMS" },
    { DIAL_FEATURE_SMS | DIAL_FEATURE_VOICE | DIAL_FEATURE_MMS, "SMS,MMS,VOICE" },
  };
  static const struct
  {
    DialNumberType type;
    const char    *spelling;
  } types[] = {
    { DIAL_NUMBER_TYPE_LANDLINE, "landline" },
    { DIAL_NUMBER_TYPE_MOBILE_LVN, "mobile-lvn" },
    { DIAL_NUMBER_TYPE_LANDLINE_TOLL_FREE, "landline-toll-free" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DialSearchQuery query = { .country = "GB", .features = cases[i].features, .size = 20 };
      g_autoptr(GPtrArray) numbers = NULL;
      g_autoptr(GHashTable) form = NULL;
      g_autoptr(GError) error = NULL;
      guint count = 0;

      numbers = search (f, &query, &count, &error);
      g_assert_no_error (error);
      form = last_form (f, "/number/search");
      g_assert_cmpstr (g_hash_table_lookup (form, "features"), ==, cases[i].spelling);
      g_assert_cmpstr (g_hash_table_lookup (form, "country"), ==, "GB");
      g_assert_cmpstr (g_hash_table_lookup (form, "size"), ==, "20");
      g_assert_cmpuint (count, >=, numbers->len);
      for (guint j = 0; j < numbers->len; j++)
        {
          DialNumber *number = g_ptr_array_index (numbers, j);

          g_assert_cmpstr (dial_number_get_country (number), ==, "GB");
          g_assert_cmpuint (dial_number_get_features (number) & cases[i].features, ==,
                            cases[i].features);
          g_assert_nonnull (dial_number_get_cost (number));
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      DialSearchQuery query = { .country = "gb", .type = types[i].type, .pattern = "44",
                                .search_pattern = DIAL_PATTERN_STARTS_WITH, .index = 1 };
      g_autoptr(GPtrArray) numbers = NULL;
      g_autoptr(GHashTable) form = NULL;
      g_autoptr(GError) error = NULL;
      guint count = 0;

      numbers = search (f, &query, &count, &error);
      g_assert_no_error (error);
      form = last_form (f, "/number/search");
      g_assert_cmpstr (g_hash_table_lookup (form, "type"), ==, types[i].spelling);
      g_assert_cmpstr (g_hash_table_lookup (form, "pattern"), ==, "44");
      g_assert_cmpstr (g_hash_table_lookup (form, "search_pattern"), ==, "0");
      g_assert_cmpstr (g_hash_table_lookup (form, "index"), ==, "1");
      g_assert_cmpstr (g_hash_table_lookup (form, "size"), ==, "100");
      for (guint j = 0; j < numbers->len; j++)
        g_assert_cmpint (dial_number_get_number_type (g_ptr_array_index (numbers, j)), ==,
                         types[i].type);
    }
}

static void
test_lookups (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(DialNumber) available = first_available (f, "GB");
  g_autoptr(DialNumber) found = NULL;
  g_autoptr(DialNumber) owned = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plus = g_strconcat ("+", dial_number_get_msisdn (available), NULL);
  DialNumber *mine;
  guint count;

  /* With a "+", as a user would type it. */
  found = lookup_available (f, "GB", plus, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (dial_number_get_msisdn (found), ==, dial_number_get_msisdn (available));
  g_assert_cmpstr (dial_number_get_cost (found), ==, dial_number_get_cost (available));
  form = last_form (f, "/number/search");
  g_assert_cmpstr (g_hash_table_lookup (form, "pattern"), ==, dial_number_get_msisdn (available));
  g_assert_false (g_hash_table_contains (form, "msisdn"));
  g_clear_object (&found);

  /* Not available any more: NULL without an error. */
  dial_sandbox_withdraw_available (f->sandbox, dial_number_get_msisdn (available));
  found = lookup_available (f, "GB", dial_number_get_msisdn (available), &error);
  g_assert_no_error (error);
  g_assert_null (found);

  all = list_owned (f, NULL, &count, &error);
  g_assert_no_error (error);
  mine = g_ptr_array_index (all, 0);
  owned = lookup_owned (f, dial_number_get_country (mine), dial_number_get_msisdn (mine), &error);
  g_assert_no_error (error);
  g_assert_nonnull (owned);
  g_assert_cmpstr (dial_number_get_msisdn (owned), ==, dial_number_get_msisdn (mine));
  g_clear_object (&owned);

  owned = lookup_owned (f, "GB", dial_number_get_msisdn (available), &error);
  g_assert_no_error (error);
  g_assert_null (owned);
}

static void
test_buy_and_cancel (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DialNumber) available = first_available (f, "GB");
  const char *msisdn = dial_number_get_msisdn (available);
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *owned_json = NULL;
  DialMoney before = 0, after = 0, cost = 0;
  guint n_owned = dial_sandbox_get_n_owned (f->sandbox);

  g_assert_true (get_balance (f, &before, &error));
  g_assert_no_error (error);

  g_assert_true (buy (f, "GB", msisdn, &error));
  g_assert_no_error (error);
  form = last_form (f, "/number/buy");
  g_assert_cmpstr (g_hash_table_lookup (form, "country"), ==, "GB");
  g_assert_cmpstr (g_hash_table_lookup (form, "msisdn"), ==, msisdn);
  g_assert_cmpuint (g_hash_table_size (form), ==, 2);
  g_clear_pointer (&form, g_hash_table_unref);
  g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox, msisdn), ==, 1);
  g_assert_cmpuint (dial_sandbox_get_n_owned (f->sandbox), ==, n_owned + 1);
  owned_json = dial_sandbox_get_owned_json (f->sandbox, msisdn);
  g_assert_nonnull (owned_json);

  /* The purchase was debited, to the cent of the price the search showed. */
  g_assert_true (get_balance (f, &after, &error));
  g_assert_no_error (error);
  g_assert_true (dial_money_parse (dial_number_get_cost (available), &cost));
  g_assert_cmpint (after, <=, before - cost);

  g_assert_true (cancel_number (f, "GB", msisdn, &error));
  g_assert_no_error (error);
  form = last_form (f, "/number/cancel");
  g_assert_cmpstr (g_hash_table_lookup (form, "country"), ==, "GB");
  g_assert_cmpstr (g_hash_table_lookup (form, "msisdn"), ==, msisdn);
  g_clear_pointer (&form, g_hash_table_unref);
  g_assert_cmpuint (dial_sandbox_get_n_owned (f->sandbox), ==, n_owned);
  g_clear_pointer (&owned_json, g_free);
  owned_json = dial_sandbox_get_owned_json (f->sandbox, msisdn);
  g_assert_null (owned_json);
}

static void
test_target_api_key (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DialNumber) available = first_available (f, "GB");
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GError) error = NULL;

  /* Whatever the sandbox makes of a subaccount, the field is sent in the body. */
  dial_client_buy_async (f->client, "GB", dial_number_get_msisdn (available), "sub00001", NULL,
                         on_ready, &slot);
  result = await_result (&slot);
  dial_client_buy_finish (f->client, result, &error);
  form = last_form (f, "/number/buy");
  g_assert_cmpstr (g_hash_table_lookup (form, "target_api_key"), ==, "sub00001");
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(DialNumberConfig) config = NULL;
  g_autoptr(DialNumber) reread = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GError) error = NULL;
  DialNumber *number;
  guint count;

  all = list_owned (f, NULL, &count, &error);
  g_assert_no_error (error);
  number = g_ptr_array_index (all, 0);

  config = dial_number_config_new_from_number (number);
  dial_number_config_set_mo_http_url (config, "https://example.com/inbound?x=1&y=2");
  dial_number_config_set_voice_callback (config, DIAL_VOICE_CALLBACK_TEL, "447700900999");
  g_assert_true (update (f, config, &error));
  g_assert_no_error (error);

  form = last_form (f, "/number/update");
  g_assert_cmpstr (g_hash_table_lookup (form, "country"), ==, dial_number_get_country (number));
  g_assert_cmpstr (g_hash_table_lookup (form, "msisdn"), ==, dial_number_get_msisdn (number));
  g_assert_cmpstr (g_hash_table_lookup (form, "moHttpUrl"), ==,
                   "https://example.com/inbound?x=1&y=2");
  g_assert_cmpstr (g_hash_table_lookup (form, "voiceCallbackType"), ==, "tel");
  g_assert_cmpstr (g_hash_table_lookup (form, "voiceCallbackValue"), ==, "447700900999");

  reread = lookup_owned (f, dial_number_get_country (number), dial_number_get_msisdn (number),
                         &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dial_number_get_mo_http_url (reread), ==, "https://example.com/inbound?x=1&y=2");
  g_assert_cmpstr (dial_number_get_voice_callback_value (reread), ==, "447700900999");
}

static void
test_balance (Fixture       *f,
              gconstpointer  data)
{
  static const struct
  {
    const char *decimal;
    DialMoney   value;
  } cases[] = {
    { "10.17127500", G_GINT64_CONSTANT (1017127500) },
    { "25.00000000", G_GINT64_CONSTANT (2500000000) },
    { "0.00000001", G_GINT64_CONSTANT (1) },
    { "9999999.99999999", G_GINT64_CONSTANT (999999999999999) },
    { "-3.50000000", G_GINT64_CONSTANT (-350000000) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      DialMoney value = 0;

      dial_sandbox_set_balance (f->sandbox, cases[i].decimal);
      g_assert_true (get_balance (f, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpint (value, ==, cases[i].value);
    }
}

static void
on_progress (guint    loaded,
             guint    total,
             gpointer user_data)
{
  GArray *progress = user_data;

  g_assert_cmpuint (total, ==, 1234);
  g_array_append_val (progress, loaded);
}

static void
test_list_all (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) progress = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  DialOwnedQuery nothing = { .pattern = "000000000", .search_pattern = DIAL_PATTERN_ENDS_WITH };
  guint before;

  /* API order, page by page. */
  for (guint index = 1; index <= 13; index++)
    {
      DialOwnedQuery query = { .size = 100, .index = index };
      g_autoptr(GPtrArray) page = NULL;
      guint count = 0;

      page = list_owned (f, &query, &count, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (count, ==, 1234);
      g_assert_cmpuint (page->len, ==, index < 13 ? 100 : 34);
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (expected, g_strdup (dial_number_get_msisdn (g_ptr_array_index (page, i))));
    }

  /* With some latency, pages come back out of order; the result is still in API order, from
   * exactly ceil(1234 / 100) = 13 requests, with progress after each page. */
  dial_sandbox_set_latency (f->sandbox, 20);
  before = dial_sandbox_get_request_count (f->sandbox, "/account/numbers");
  dial_client_list_all_owned_async (f->client, NULL, on_progress, progress, NULL, on_ready, &slot);
  result = await_result (&slot);
  all = dial_client_list_all_owned_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1234);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpstr (dial_number_get_msisdn (g_ptr_array_index (all, i)), ==,
                     g_ptr_array_index (expected, i));
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/numbers") - before, ==, 13);
  g_assert_cmpuint (progress->len, ==, 13);
  for (guint i = 1; i < progress->len; i++)
    g_assert_cmpuint (g_array_index (progress, guint, i), >, g_array_index (progress, guint, i - 1));
  g_assert_cmpuint (g_array_index (progress, guint, 12), ==, 1234);
  g_clear_object (&result);

  /* Nothing matches: one request, an empty list. */
  before = dial_sandbox_get_request_count (f->sandbox, "/account/numbers");
  dial_client_list_all_owned_async (f->client, &nothing, NULL, NULL, NULL, on_ready, &slot);
  result = await_result (&slot);
  none = dial_client_list_all_owned_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/numbers") - before, ==, 1);
}

/* Iterates the main context until @expr holds (at most 10 s). */
#define wait_until(expr)                                                                \
  G_STMT_START {                                                                        \
    gint64 end_ = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;                        \
    while (!(expr))                                                                     \
      {                                                                                 \
        g_assert_cmpint (g_get_monotonic_time (), <, end_);                             \
        if (!g_main_context_iteration (NULL, FALSE))                                    \
          g_usleep (1000);                                                              \
      }                                                                                 \
  } G_STMT_END

static GPtrArray *
list_all (Fixture              *f,
          const DialOwnedQuery *query,
          GCancellable         *cancellable,
          GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  dial_client_list_all_owned_async (f->client, query, NULL, NULL, cancellable, on_ready, &slot);
  result = await_result (&slot);
  return dial_client_list_all_owned_finish (f->client, result, error);
}

static guint
n_listings (Fixture *f)
{
  return dial_sandbox_get_request_count (f->sandbox, "/account/numbers");
}

/* Lists every owned number (1234 in the big fixture), without filters. */
static void
list_everything (Fixture *f)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  all = list_all (f, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1234);
}

/* Asks for the first page early and waits until it is in (the sandbox had @before listings). */
static void
prefetch_and_wait (Fixture *f,
                   guint    before)
{
  dial_client_prefetch_owned (f->client);
  wait_until (n_listings (f) == before + 1);
  spin_ms (50);
}

/* The first page asked for early is taken by the next listing without filters, on its way or
 * already in; a failed one is asked for again; a filtered listing does not take it. */
static void
test_prefetch (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;
  DialOwnedQuery filtered = { .country = "GB" };
  gint64 started;
  guint before;

  /* Still on its way when the listing starts (the sandbox answers after 200 ms). */
  dial_sandbox_set_latency (f->sandbox, 200);
  before = n_listings (f);
  dial_client_prefetch_owned (f->client);
  dial_client_prefetch_owned (f->client);  /* once is enough */
  spin_ms (50);
  list_everything (f);
  g_assert_cmpuint (n_listings (f) - before, ==, 13);

  /* Already in: taken without a request, and only once. */
  dial_sandbox_set_latency (f->sandbox, 0);
  before = n_listings (f);
  prefetch_and_wait (f, before);
  list_everything (f);
  g_assert_cmpuint (n_listings (f) - before, ==, 13);
  list_everything (f);
  g_assert_cmpuint (n_listings (f) - before, ==, 26);

  /* A filtered listing asks for its own first page; the next plain one takes the prefetch. */
  before = n_listings (f);
  prefetch_and_wait (f, before);
  all = list_all (f, &filtered, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_listings (f) - before, >=, 2);
  g_clear_pointer (&all, g_ptr_array_unref);
  before = n_listings (f);
  list_everything (f);
  g_assert_cmpuint (n_listings (f) - before, ==, 12);

  /* A failed prefetch is not used: the listing asks again, and gets everything. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HTTP_500, 1, "/account/numbers", 0);
  before = n_listings (f);
  prefetch_and_wait (f, before);
  list_everything (f);
  g_assert_cmpuint (n_listings (f) - before, ==, 14);

  /* New credentials drop an answer not taken. */
  before = n_listings (f);
  prefetch_and_wait (f, before);
  dial_client_set_credentials (f->client, API_KEY, SECRET);
  list_everything (f);
  g_assert_cmpuint (n_listings (f) - before, ==, 14);

  /* The same while they are on their way: a failure is asked for again by the listing that
   * waited for it; new credentials drop one, and the listing does not wait for it. */
  dial_sandbox_set_latency (f->sandbox, 300);
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HTTP_500, 1, "/account/numbers", 0);
  before = n_listings (f);
  dial_client_prefetch_owned (f->client);
  list_everything (f);
  g_assert_cmpuint (n_listings (f) - before, ==, 14);

  before = n_listings (f);
  dial_client_prefetch_owned (f->client);
  dial_client_set_credentials (f->client, API_KEY, SECRET);
  list_everything (f);
  g_assert_cmpuint (n_listings (f) - before, >=, 13);

  /* A listing cancelled while it waits for the prefetch ends cancelled, at once. */
  dial_sandbox_set_latency (f->sandbox, 2000);
  dial_client_prefetch_owned (f->client);
  cancellable = g_cancellable_new ();
  g_timeout_add_once (50, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  started = g_get_monotonic_time ();
  all = list_all (f, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (all);
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
  dial_sandbox_set_latency (f->sandbox, 0);
}

/* A window's frame: GTK's redraw priority (GDK_PRIORITY_REDRAW), which the core cannot see. */
#define REDRAW_PRIORITY (G_PRIORITY_HIGH_IDLE + 20)

typedef struct
{
  guint  n_pages;           /* progress callbacks so far */
  guint  n_frames;          /* frames drawn */
  guint  frame_source;      /* a frame due (the page asked for one) */
  GArray *frames_per_page;  /* frames drawn before page i + 1 came, for each page i */
} Frames;

static gboolean
on_frame (gpointer user_data)
{
  Frames *frames = user_data;

  frames->frame_source = 0;
  frames->n_frames++;
  return G_SOURCE_REMOVE;
}

static void
on_progress_frame (guint    loaded,
                   guint    total,
                   gpointer user_data)
{
  Frames *frames = user_data;

  /* Each page makes the window want a frame, as new rows do. */
  if (frames->n_pages > 0)
    g_array_append_val (frames->frames_per_page, frames->n_frames);
  frames->n_pages++;
  frames->n_frames = 0;
  if (frames->frame_source == 0)
    frames->frame_source = g_idle_add_full (REDRAW_PRIORITY, on_frame, frames, NULL);
}

static void
test_list_all_frames (Fixture       *f,
                      gconstpointer  data)
{
  Frames frames = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  /* A server that answers at once, in this very main loop: the next pages are asked for when
   * nothing more urgent waits, so a frame the window wants after a page is drawn before the
   * next page comes in, not only after the last one. */
  frames.frames_per_page = g_array_new (FALSE, FALSE, sizeof (guint));
  dial_client_list_all_owned_async (f->client, NULL, on_progress_frame, &frames, NULL, on_ready,
                                    &slot);
  result = await_result (&slot);
  all = dial_client_list_all_owned_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1234);
  g_assert_cmpuint (frames.n_pages, ==, 13);
  g_assert_cmpuint (frames.frames_per_page->len, ==, 12);
  /* Pages asked for together (three in flight) may come back together; more than that in a
   * row without a frame means the listing kept the loop from drawing. */
  for (guint i = 0, run = 0; i < frames.frames_per_page->len; i++)
    {
      run = g_array_index (frames.frames_per_page, guint, i) == 0 ? run + 1 : 0;
      if (run + 1 > DIAL_CLIENT_MAX_IN_FLIGHT)
        g_error ("pages %u to %u came in without a frame between them", i + 2 - run, i + 2);
    }
  g_clear_handle_id (&frames.frame_source, g_source_remove);
  g_array_unref (frames.frames_per_page);
}

/* A prefetched first page that is in is handed over before a frame that is due: a window about
 * to draw its first frame has the numbers in it. A listing's own pages come after frames (see
 * also test_list_all_frames). */
typedef struct
{
  gboolean frame_drawn;
  int      first_page_after_frame;  /* -1 until the first page */
} FirstPage;

static gboolean
on_due_frame (gpointer user_data)
{
  FirstPage *first = user_data;

  first->frame_drawn = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_first_page (guint    loaded,
               guint    total,
               gpointer user_data)
{
  FirstPage *first = user_data;

  if (first->first_page_after_frame == -1)
    first->first_page_after_frame = first->frame_drawn;
}

static void
test_prefetch_before_frame (Fixture       *f,
                            gconstpointer  data)
{
  for (guint prefetched = 0; prefetched <= 1; prefetched++)
    {
      FirstPage first = { FALSE, -1 };
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GPtrArray) all = NULL;
      g_autoptr(GError) error = NULL;
      GAsyncResult *slot = NULL;

      if (prefetched)
        prefetch_and_wait (f, n_listings (f));

      dial_client_list_all_owned_async (f->client, NULL, on_first_page, &first, NULL, on_ready,
                                        &slot);
      /* The listing's own first page is in meanwhile (the sandbox answers at once). */
      if (!prefetched)
        wait_until (n_listings (f) > 0);
      g_idle_add_full (REDRAW_PRIORITY, on_due_frame, &first, NULL);
      result = await_result (&slot);
      all = dial_client_list_all_owned_finish (f->client, result, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (all->len, ==, 1234);
      g_assert_cmpint (first.first_page_after_frame, ==, !prefetched);
    }
}

/* Tests: errors */

static void
test_error_auth (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) numbers = NULL;
  guint count;

  dial_client_set_credentials (f->client, API_KEY, "WrongSecret99");
  numbers = list_owned (f, NULL, &count, &error);
  g_assert_null (numbers);
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_AUTH);
  g_assert_cmpuint (dial_error_get_http_status (error), ==, 401);
  g_assert_cmpstr (dial_error_get_label (error), ==, "authentication failed");
  g_assert_nonnull (strstr (error->message, "authentication failed"));
  g_assert_null (strstr (error->message, "WrongSecret99"));
  /* 401 is not retried. */
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/numbers"), ==, 1);
  g_clear_error (&error);

  /* No credentials at all: nothing is sent. */
  dial_client_set_credentials (f->client, NULL, NULL);
  g_assert_false (get_balance (f, NULL, &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_AUTH);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/get-balance"), ==, 0);

  /* Put them back for the teardown's check. */
  dial_client_set_credentials (f->client, API_KEY, SECRET);
}

static void
assert_refused (const GError *error)
{
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_REFUSED);
  assert_no_secret (error);
  g_assert_nonnull (dial_error_get_label (error));
  g_assert_cmpstr (dial_error_get_label (error), !=, "");
  /* The label verbatim in the message, after the explanation. */
  g_assert_nonnull (strstr (error->message, dial_error_get_label (error)));
  g_assert_true (g_str_has_prefix (error->message, dial_error_explain (DIAL_ERROR_REFUSED)));
}

static void
test_error_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(DialNumber) available = first_available (f, "GB");
  g_autoptr(GError) error = NULL;
  DialNumber *mine;
  guint count;
  const char *labels[5];

  all = list_owned (f, NULL, &count, &error);
  g_assert_no_error (error);
  mine = g_ptr_array_index (all, 0);

  /* Already owned. */
  g_assert_false (buy (f, dial_number_get_country (mine), dial_number_get_msisdn (mine), &error));
  assert_refused (error);
  labels[0] = g_strdup (dial_error_get_label (error));
  g_clear_error (&error);

  /* Balance too low. */
  dial_sandbox_set_balance (f->sandbox, "0.00000000");
  g_assert_false (buy (f, "GB", dial_number_get_msisdn (available), &error));
  assert_refused (error);
  labels[1] = g_strdup (dial_error_get_label (error));
  g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox,
                                                     dial_number_get_msisdn (available)), ==, 0);
  g_clear_error (&error);
  dial_sandbox_set_balance (f->sandbox, "25.00000000");

  /* The country needs a local address. */
  dial_sandbox_set_country_needs_address (f->sandbox, "GB", TRUE);
  g_assert_false (buy (f, "GB", dial_number_get_msisdn (available), &error));
  assert_refused (error);
  labels[2] = g_strdup (dial_error_get_label (error));
  g_clear_error (&error);
  dial_sandbox_set_country_needs_address (f->sandbox, "GB", FALSE);

  /* No longer available. */
  dial_sandbox_withdraw_available (f->sandbox, dial_number_get_msisdn (available));
  g_assert_false (buy (f, "GB", dial_number_get_msisdn (available), &error));
  assert_refused (error);
  labels[3] = g_strdup (dial_error_get_label (error));
  g_clear_error (&error);

  /* Cancelling a number not owned. */
  g_assert_false (cancel_number (f, "GB", dial_number_get_msisdn (available), &error));
  assert_refused (error);
  labels[4] = g_strdup (dial_error_get_label (error));
  g_clear_error (&error);

  /* None of them was retried. */
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 4);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/cancel"), ==, 1);

  /* Each cause keeps its own words (the client does not collapse them into one). */
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (labels); j++)
      g_assert_cmpstr (labels[i], !=, labels[j]);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    g_free ((char *) labels[i]);
}

static void
test_error_edge (void)
{
  Edge *edge = edge_new ();
  g_autoptr(DialClient) client = dial_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) numbers = NULL;
  GAsyncResult *slot = NULL;
  guint count = 0;

  g_assert_true (dial_client_set_base_url (client, edge->url, &error));
  dial_client_set_credentials (client, API_KEY, SECRET);
  dial_client_set_retry_policy (client, 2, 4, 10);

  /* 400 keeps the field messages. */
  dial_client_buy_async (client, "GB", "447700900001", NULL, NULL, on_ready, &slot);
  result = await_result (&slot);
  g_assert_false (dial_client_buy_finish (client, result, &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_BAD_REQUEST);
  g_assert_cmpstr (dial_error_get_label (error), ==, "country: Is required.");
  g_assert_nonnull (strstr (error->message, "country: Is required."));
  g_assert_cmpuint (dial_error_get_http_status (error), ==, 400);
  g_clear_error (&error);
  g_clear_object (&result);

  /* HTTP 200 with error-code 420 is a refusal. */
  dial_client_cancel_async (client, "GB", "447700900001", NULL, NULL, on_ready, &slot);
  result = await_result (&slot);
  g_assert_false (dial_client_cancel_finish (client, result, &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_REFUSED);
  g_assert_cmpstr (dial_error_get_label (error), ==, "method failed");
  g_clear_error (&error);
  g_clear_object (&result);

  /* RFC 7807 401 (application/problem+json). */
  dial_client_get_balance_async (client, NULL, on_ready, &slot);
  result = await_result (&slot);
  g_assert_false (dial_client_get_balance_finish (client, result, NULL, NULL, &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_AUTH);
  g_assert_cmpstr (dial_error_get_label (error), ==,
                   "Unauthorized: You did not provide correct credentials.");
  g_clear_error (&error);
  g_clear_object (&result);

  /* 200 with an HTML page: not parsed, MALFORMED. */
  {
    DialSearchQuery query = { .country = "GB" };

    dial_client_search_async (client, &query, NULL, on_ready, &slot);
    result = await_result (&slot);
    g_assert_null (dial_client_search_finish (client, result, &count, &error));
    g_assert_error (error, DIAL_ERROR, DIAL_ERROR_MALFORMED);
    g_clear_error (&error);
    g_clear_object (&result);
  }

  /* 429 with a Retry-After date in the past, then the page; and 503 twice before, retried. */
  edge->n_requests = 0;
  dial_client_list_owned_async (client, NULL, NULL, on_ready, &slot);
  result = await_result (&slot);
  numbers = dial_client_list_owned_finish (client, result, &count, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (numbers->len, ==, 1);
  g_assert_cmpuint (edge->n_requests, ==, 2);
  g_clear_object (&result);
  g_clear_pointer (&numbers, g_ptr_array_unref);

  edge->n_503 = 2;
  edge->n_requests = 1;
  dial_client_list_owned_async (client, NULL, NULL, on_ready, &slot);
  result = await_result (&slot);
  numbers = dial_client_list_owned_finish (client, result, &count, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (numbers->len, ==, 1);
  g_assert_cmpuint (edge->n_requests, ==, 4);
  g_clear_object (&result);

  /* An answer built to overflow a recursive parser's stack is refused, not parsed. */
  edge->deep = TRUE;
  dial_client_get_balance_async (client, NULL, on_ready, &slot);
  result = await_result (&slot);
  g_assert_false (dial_client_get_balance_finish (client, result, NULL, NULL, &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_MALFORMED);
  g_clear_error (&error);
  g_clear_object (&result);

  g_assert_finalize_object (g_steal_pointer (&client));
  edge_free (edge);
}

static void
test_error_throttled (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DialMoney value = 0;
  gint64 start;

  /* Twice 429, then the answer. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_THROTTLE, 2, "/account/get-balance", 0);
  g_assert_true (get_balance (f, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/get-balance"), ==, 3);

  /* Retry-After is waited for. */
  start = g_get_monotonic_time ();
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_THROTTLE, 1, "/account/get-balance", 1);
  g_assert_true (get_balance (f, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/get-balance"), ==, 5);

  /* 429 for ever: THROTTLED after 1 + 4 attempts. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_THROTTLE, 100, "/account/get-balance", 0);
  g_assert_false (get_balance (f, &value, &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_THROTTLED);
  g_assert_cmpuint (dial_error_get_http_status (error), ==, 429);
  assert_no_secret (error);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/get-balance"), ==, 10);
  dial_sandbox_clear_faults (f->sandbox);
  g_clear_error (&error);

  /* A Retry-After longer than a minute is not waited out in silence. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_THROTTLE, 1, "/account/get-balance", 120);
  g_assert_false (get_balance (f, &value, &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_THROTTLED);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/get-balance"), ==, 11);
  g_clear_error (&error);

  /* While a 429 is waited out, the whole queue waits: a request made meanwhile is not sent
   * before the pause ends. */
  {
    GAsyncResult *balance = NULL;
    GAsyncResult *list = NULL;
    g_autoptr(GAsyncResult) r1 = NULL;
    g_autoptr(GAsyncResult) r2 = NULL;
    g_autoptr(GPtrArray) numbers = NULL;

    dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_THROTTLE, 1, "/account/get-balance",
                               1);
    dial_client_get_balance_async (f->client, NULL, on_ready, &balance);
    while (dial_sandbox_get_request_count (f->sandbox, "/account/get-balance") < 12)
      g_main_context_iteration (NULL, TRUE);
    spin_ms (50);
    dial_client_list_owned_async (f->client, NULL, NULL, on_ready, &list);
    spin_ms (300);
    g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/numbers"), ==, 0);
    r1 = await_result (&balance);
    r2 = await_result (&list);
    g_assert_true (dial_client_get_balance_finish (f->client, r1, NULL, NULL, &error));
    g_assert_no_error (error);
    numbers = dial_client_list_owned_finish (f->client, r2, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/numbers"), ==, 1);
  }

  /* A POST that got a 429 was not acted on: it is sent again, and bought once. */
  {
    g_autoptr(DialNumber) available = first_available (f, "GB");

    dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_THROTTLE, 1, "/number/buy", 0);
    g_assert_true (buy (f, "GB", dial_number_get_msisdn (available), &error));
    g_assert_no_error (error);
    g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 2);
    g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox,
                                                       dial_number_get_msisdn (available)), ==, 1);
  }
}

static void
test_error_server (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) numbers = NULL;
  guint count;

  /* 500 with HTML: SERVER at once (not a transient status). */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HTTP_500, 1, "/account/numbers", 0);
  numbers = list_owned (f, NULL, &count, &error);
  g_assert_null (numbers);
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_SERVER);
  g_assert_cmpuint (dial_error_get_http_status (error), ==, 500);
  g_assert_null (dial_error_get_label (error));
  g_assert_null (strstr (error->message, "<"));
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/numbers"), ==, 1);
  g_clear_error (&error);

  /* 502 once: retried, then the page. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HTTP_502, 1, "/account/numbers", 0);
  numbers = list_owned (f, NULL, &count, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (numbers->len, ==, 25);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/numbers"), ==, 3);
  g_clear_pointer (&numbers, g_ptr_array_unref);

  /* 502 for ever: SERVER after 1 + 2 attempts. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HTTP_502, 100, "/account/numbers", 0);
  numbers = list_owned (f, NULL, &count, &error);
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_SERVER);
  g_assert_cmpuint (dial_error_get_http_status (error), ==, 502);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/numbers"), ==, 6);
  dial_sandbox_clear_faults (f->sandbox);
  g_clear_error (&error);

  /* A POST answered by a gateway error may have been carried out: never re-sent. */
  {
    g_autoptr(DialNumber) available = first_available (f, "GB");

    dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HTTP_502, 1, "/number/buy", 0);
    g_assert_false (buy (f, "GB", dial_number_get_msisdn (available), &error));
    g_assert_error (error, DIAL_ERROR, DIAL_ERROR_OUTCOME_UNKNOWN);
    g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 1);
    g_clear_error (&error);

    dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HTTP_500, 1, "/number/buy", 0);
    g_assert_false (buy (f, "GB", dial_number_get_msisdn (available), &error));
    g_assert_error (error, DIAL_ERROR, DIAL_ERROR_SERVER);
    g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 2);
  }
}

static void
test_error_network (void)
{
  g_autoptr(DialClient) client = dial_client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  dial_client_set_credentials (client, API_KEY, SECRET);
  dial_client_set_retry_policy (client, 2, 4, 10);

  /* Connection refused, on a GET (retried, then NETWORK) and on a POST (never sent: NETWORK,
   * not OUTCOME_UNKNOWN). */
  g_assert_true (dial_client_set_base_url (client, url, &error));
  dial_client_get_balance_async (client, NULL, on_ready, &slot);
  result = await_result (&slot);
  g_assert_false (dial_client_get_balance_finish (client, result, NULL, NULL, &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_NETWORK);
  assert_no_secret (error);
  g_clear_error (&error);
  g_clear_object (&result);

  dial_client_buy_async (client, "GB", "447700900001", NULL, NULL, on_ready, &slot);
  result = await_result (&slot);
  g_assert_false (dial_client_buy_finish (client, result, &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_NETWORK);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A name that cannot exist. */
  g_assert_true (dial_client_set_base_url (client, "https://api.dialtone-test.invalid", &error));
  dial_client_get_balance_async (client, NULL, on_ready, &slot);
  result = await_result (&slot);
  g_assert_false (dial_client_get_balance_finish (client, result, NULL, NULL, &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_NETWORK);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A server that takes the connection but never speaks TLS: nothing was sent in time, so
   * this is NETWORK, not TIMEOUT, even for a POST (not OUTCOME_UNKNOWN). */
  {
    g_autoptr(GSocketListener) listener = g_socket_listener_new ();
    g_autofree char *silent = NULL;
    guint16 port;

    port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
    g_assert_no_error (error);
    silent = g_strdup_printf ("https://127.0.0.1:%u", port);
    g_assert_true (dial_client_set_base_url (client, silent, &error));
    dial_client_set_timeout (client, 1);
    dial_client_set_retry_policy (client, 0, 4, 10);

    dial_client_buy_async (client, "GB", "447700900001", NULL, NULL, on_ready, &slot);
    result = await_result (&slot);
    g_assert_false (dial_client_buy_finish (client, result, &error));
    g_assert_error (error, DIAL_ERROR, DIAL_ERROR_NETWORK);
    g_clear_error (&error);
    g_clear_object (&result);
    g_socket_listener_close (listener);
  }

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* The request leaves while the caller's thread is busy (building a window, say) and does not
 * return to its main loop: the client sends from a thread of its own. A server in a thread of
 * the test's own notes when the request arrives. */
typedef struct
{
  GSocketListener *listener;
  gint             arrived;
} Catcher;

static gpointer
catch_request (gpointer data)
{
  Catcher *catcher = data;
  static const char answer[] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                               "Content-Length: 2\r\nConnection: close\r\n\r\n{}";
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  char request[4096];
  gssize n;

  connection = g_socket_listener_accept (catcher->listener, NULL, NULL, &error);
  g_assert_no_error (error);
  n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)), request,
                           sizeof request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, >, 0);
  g_atomic_int_set (&catcher->arrived, 1);

  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), answer,
                             strlen (answer), NULL, NULL, &error);
  g_assert_no_error (error);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return NULL;
}

static void
test_sends_while_busy (void)
{
  g_autoptr(DialClient) client = dial_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) numbers = NULL;
  g_autofree char *url = NULL;
  GAsyncResult *slot = NULL;
  Catcher catcher = { g_socket_listener_new (), 0 };
  DialOwnedQuery query = { 0 };
  GThread *server;
  gint64 busy_until;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (catcher.listener, NULL, &error);
  g_assert_no_error (error);
  server = g_thread_new ("test-server", catch_request, &catcher);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_assert_true (dial_client_set_base_url (client, url, &error));
  dial_client_set_credentials (client, API_KEY, SECRET);

  dial_client_list_owned_async (client, &query, NULL, on_ready, &slot);

  /* Busy for up to 5 s without returning to the main loop. */
  busy_until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!g_atomic_int_get (&catcher.arrived) && g_get_monotonic_time () < busy_until)
    g_usleep (1000);
  g_assert_true (g_atomic_int_get (&catcher.arrived));

  /* The answer still comes back on this thread, through its main loop. */
  result = await_result (&slot);
  numbers = dial_client_list_owned_finish (client, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (numbers->len, ==, 0);

  g_thread_join (server);
  g_socket_listener_close (catcher.listener);
  g_object_unref (catcher.listener);
  g_clear_object (&result);
  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_error_timeout (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DialNumber) available = first_available (f, "GB");

  dial_client_set_timeout (f->client, 1);
  dial_client_set_retry_policy (f->client, 1, 4, 10);

  /* A GET that hangs: retried once, then TIMEOUT. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HANG, 2, "/account/get-balance", 0);
  g_assert_false (get_balance (f, NULL, &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_TIMEOUT);
  assert_no_secret (error);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/get-balance"), ==, 2);
  g_clear_error (&error);

  /* A POST that hangs: the outcome is unknown, and it is not sent again. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HANG, 2, "/number/buy", 0);
  g_assert_false (buy (f, "GB", dial_number_get_msisdn (available), &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_OUTCOME_UNKNOWN);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 1);
  dial_sandbox_clear_faults (f->sandbox);
}

static void
test_error_dropped (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DialNumber) available = first_available (f, "GB");
  const char *msisdn = dial_number_get_msisdn (available);
  g_autoptr(DialNumber) reconciled = NULL;
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GError) error = NULL;
  guint count;

  /* The purchase was made, the answer lost: OUTCOME_UNKNOWN, sent once, bought once. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_DROP_AFTER, 1, "/number/buy", 0);
  g_assert_false (buy (f, "GB", msisdn, &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_OUTCOME_UNKNOWN);
  assert_no_secret (error);
  g_clear_error (&error);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 1);
  g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox, msisdn), ==, 1);

  /* Reconciling: the number is found among the owned ones. */
  reconciled = lookup_owned (f, "GB", msisdn, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reconciled);

  /* Dropped before a GET was answered: retried, and it works. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_DROP_BEFORE, 1, "/account/numbers", 0);
  count = dial_sandbox_get_request_count (f->sandbox, "/account/numbers");
  numbers = list_owned (f, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (numbers);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/numbers"), ==, count + 2);

  /* Dropped before a POST was applied: the client cannot know that, so it does not re-send. */
  {
    g_autoptr(DialNumber) other = NULL;
    DialSearchQuery query = { .country = "GB", .size = 10 };
    g_autoptr(GPtrArray) found = search (f, &query, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, >, 1);
    other = g_object_ref (g_ptr_array_index (found, 1));
    dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_DROP_BEFORE, 1, "/number/buy", 0);
    g_assert_false (buy (f, "GB", dial_number_get_msisdn (other), &error));
    g_assert_error (error, DIAL_ERROR, DIAL_ERROR_OUTCOME_UNKNOWN);
    g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 2);
    g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox,
                                                       dial_number_get_msisdn (other)), ==, 0);
  }
}

static void
test_error_malformed (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) numbers = NULL;

  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_MALFORMED, 10, "/account/numbers", 0);
  numbers = list_owned (f, NULL, NULL, &error);
  g_assert_null (numbers);
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_MALFORMED);
  assert_no_secret (error);
  g_clear_error (&error);
  dial_sandbox_clear_faults (f->sandbox);

  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_TRUNCATE, 10, "/account/get-balance", 0);
  g_assert_false (get_balance (f, NULL, &error));
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_MALFORMED);
  g_clear_error (&error);
  dial_sandbox_clear_faults (f->sandbox);

  /* A POST whose 200 cannot be read may have worked: OUTCOME_UNKNOWN, not MALFORMED. */
  {
    g_autoptr(DialNumber) available = first_available (f, "GB");

    dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_MALFORMED, 1, "/number/buy", 0);
    g_assert_false (buy (f, "GB", dial_number_get_msisdn (available), &error));
    g_assert_error (error, DIAL_ERROR, DIAL_ERROR_OUTCOME_UNKNOWN);
    g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 1);
  }
}

static void
test_error_invalid_input (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(DialNumberConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  guint before;

  all = list_owned (f, NULL, NULL, &error);
  g_assert_no_error (error);
  before = dial_sandbox_get_request_count (f->sandbox, NULL);

#define ASSERT_INVALID(call, finish) \
  G_STMT_START { \
    g_autoptr(GAsyncResult) result = NULL; \
    call; \
    result = await_result (&slot); \
    finish; \
    g_assert_error (error, DIAL_ERROR, DIAL_ERROR_INVALID_INPUT); \
    g_assert_cmpstr (error->message, !=, ""); \
    g_clear_error (&error); \
  } G_STMT_END

  {
    DialOwnedQuery bad_size = { .size = 101 };
    DialOwnedQuery bad_country = { .country = "XX" };
    DialOwnedQuery bad_pattern = { .pattern = "44 77 abc" };
    DialOwnedQuery bad_mode = { .pattern = "44", .search_pattern = 7 };
    DialOwnedQuery bad_app = { .application_id = "not-a-uuid" };
    const DialOwnedQuery *queries[] = { &bad_size, &bad_country, &bad_pattern, &bad_mode, &bad_app };

    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        ASSERT_INVALID (dial_client_list_owned_async (f->client, queries[i], NULL, on_ready, &slot),
                        g_assert_null (dial_client_list_owned_finish (f->client, result, NULL,
                                                                      &error)));
        /* (list_all always asks for pages of 100, whatever the size says.) */
        if (queries[i] == &bad_size)
          continue;
        ASSERT_INVALID (dial_client_list_all_owned_async (f->client, queries[i], NULL, NULL, NULL,
                                                          on_ready, &slot),
                        g_assert_null (dial_client_list_all_owned_finish (f->client, result,
                                                                          &error)));
      }
  }

  {
    DialSearchQuery no_country = { .country = NULL };
    DialSearchQuery bad_features = { .country = "GB", .features = 1 << 5 };
    DialSearchQuery bad_type = { .country = "GB", .type = 42 };
    DialSearchQuery bad_size = { .country = "GB", .size = 1000 };
    const DialSearchQuery *queries[] = { &no_country, &bad_features, &bad_type, &bad_size };

    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      ASSERT_INVALID (dial_client_search_async (f->client, queries[i], NULL, on_ready, &slot),
                      g_assert_null (dial_client_search_finish (f->client, result, NULL, &error)));
  }

  ASSERT_INVALID (dial_client_buy_async (f->client, "GB", "44-abc", NULL, NULL, on_ready, &slot),
                  g_assert_false (dial_client_buy_finish (f->client, result, &error)));
  ASSERT_INVALID (dial_client_buy_async (f->client, "ZZ", "447700900001", NULL, NULL, on_ready,
                                         &slot),
                  g_assert_false (dial_client_buy_finish (f->client, result, &error)));
  ASSERT_INVALID (dial_client_buy_async (f->client, "GB", "447700900001", "bad key", NULL,
                                         on_ready, &slot),
                  g_assert_false (dial_client_buy_finish (f->client, result, &error)));
  ASSERT_INVALID (dial_client_cancel_async (f->client, "GB", "", NULL, NULL, on_ready, &slot),
                  g_assert_false (dial_client_cancel_finish (f->client, result, &error)));
  ASSERT_INVALID (dial_client_lookup_owned_async (f->client, "GB", "12ab", NULL, on_ready, &slot),
                  g_assert_null (dial_client_lookup_owned_finish (f->client, result, &error)));
  ASSERT_INVALID (dial_client_lookup_available_async (f->client, "G", "447700900001", NULL,
                                                      on_ready, &slot),
                  g_assert_null (dial_client_lookup_available_finish (f->client, result, &error)));
  ASSERT_INVALID (dial_client_check_webhook_async (f->client, "not a url", NULL, on_ready, &slot),
                  g_assert_false (dial_client_check_webhook_finish (f->client, result, NULL,
                                                                    &error)));

  config = dial_number_config_new_from_number (g_ptr_array_index (all, 0));
  dial_number_config_set_mo_http_url (config, "javascript:alert(1)");
  ASSERT_INVALID (dial_client_update_async (f->client, config, NULL, on_ready, &slot),
                  g_assert_false (dial_client_update_finish (f->client, result, &error)));

#undef ASSERT_INVALID

  /* Nothing at all reached the server. */
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, NULL), ==, before);
}

/* Tests: cancellation */

static void
test_cancel_in_flight (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  gint64 start;

  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HANG, 1, "/account/get-balance", 0);
  dial_client_get_balance_async (f->client, cancellable, on_ready, &slot);
  /* Until the request is on the wire. */
  while (dial_sandbox_get_request_count (f->sandbox, "/account/get-balance") == 0)
    g_main_context_iteration (NULL, TRUE);

  start = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  result = await_result (&slot);
  g_assert_false (dial_client_get_balance_finish (f->client, result, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Well before the 30 s timeout. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  dial_sandbox_clear_faults (f->sandbox);
}

static void
test_cancel_queued_and_waiting (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) waiting_cancellable = g_cancellable_new ();
  GAsyncResult *slots[5] = { NULL, };
  g_autoptr(GError) error = NULL;

  /* Three slow requests fill the slots; the fourth waits in the queue. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_SLOW, 3, "/account/get-balance", 300);
  for (guint i = 0; i < 3; i++)
    dial_client_get_balance_async (f->client, NULL, on_ready, &slots[i]);
  dial_client_get_balance_async (f->client, cancellable, on_ready, &slots[3]);
  g_cancellable_cancel (cancellable);

  {
    g_autoptr(GAsyncResult) result = await_result (&slots[3]);

    g_assert_false (dial_client_get_balance_finish (f->client, result, NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }
  /* It was never sent; the others still complete. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GAsyncResult) result = await_result (&slots[i]);

      g_assert_true (dial_client_get_balance_finish (f->client, result, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/get-balance"), ==, 3);

  /* Waiting to retry after a 502, with a long backoff. */
  dial_client_set_retry_policy (f->client, 2, 4, 60000);
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HTTP_502, 1, "/account/get-balance", 0);
  dial_client_get_balance_async (f->client, waiting_cancellable, on_ready, &slots[4]);
  while (dial_sandbox_get_request_count (f->sandbox, "/account/get-balance") < 4)
    g_main_context_iteration (NULL, TRUE);
  spin_ms (50);
  g_cancellable_cancel (waiting_cancellable);
  {
    g_autoptr(GAsyncResult) result = await_result (&slots[4]);

    g_assert_false (dial_client_get_balance_finish (f->client, result, NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/get-balance"), ==, 4);

  /* Already cancelled before the call. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    GAsyncResult *slot = NULL;

    g_clear_error (&error);
    dial_client_get_balance_async (f->client, waiting_cancellable, on_ready, &slot);
    result = await_result (&slot);
    g_assert_false (dial_client_get_balance_finish (f->client, result, NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/get-balance"), ==, 4);
  }
}

static void
on_progress_cancel (guint    loaded,
                    guint    total,
                    gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
test_cancel_list_all (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  guint before;

  /* Cancelled from the progress callback of the first page: the pages in flight are
   * cancelled, no later page is requested, and the listing ends CANCELLED. */
  dial_sandbox_set_latency (f->sandbox, 50);
  before = dial_sandbox_get_request_count (f->sandbox, "/account/numbers");
  dial_client_list_all_owned_async (f->client, NULL, on_progress_cancel, cancellable, cancellable,
                                    on_ready, &slot);
  result = await_result (&slot);
  g_assert_null (dial_client_list_all_owned_finish (f->client, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  spin_ms (200);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/numbers") - before, ==, 1);
}

/* Tests: the queue */

static void
test_in_flight_limit (Fixture       *f,
                      gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  /* 13 pages at 100 ms each: three in flight at once, never more, as the session was asked
   * and as the server saw it. */
  dial_sandbox_set_latency (f->sandbox, 100);
  dial_sandbox_reset_max_concurrent_requests (f->sandbox);
  dial_client_list_all_owned_async (f->client, NULL, NULL, NULL, NULL, on_ready, &slot);
  result = await_result (&slot);
  all = dial_client_list_all_owned_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1234);
  g_assert_cmpuint (f->max_in_session, ==, DIAL_CLIENT_MAX_IN_FLIGHT);
  g_assert_cmpuint (dial_sandbox_get_max_concurrent_requests (f->sandbox), ==,
                    DIAL_CLIENT_MAX_IN_FLIGHT);

  /* Many independent requests at once: still three. */
  f->max_in_session = 0;
  dial_sandbox_reset_max_concurrent_requests (f->sandbox);
  {
    GAsyncResult *slots[8] = { NULL, };

    for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
      dial_client_get_balance_async (f->client, NULL, on_ready, &slots[i]);
    for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
      {
        g_autoptr(GAsyncResult) r = await_result (&slots[i]);

        g_assert_true (dial_client_get_balance_finish (f->client, r, NULL, NULL, &error));
      }
  }
  g_assert_cmpuint (f->max_in_session, ==, DIAL_CLIENT_MAX_IN_FLIGHT);
  g_assert_cmpuint (dial_sandbox_get_max_concurrent_requests (f->sandbox), ==,
                    DIAL_CLIENT_MAX_IN_FLIGHT);
}

static void
test_posts_serialised (Fixture       *f,
                       gconstpointer  data)
{
  DialSearchQuery query = { .country = "GB", .size = 10 };
  g_autoptr(GPtrArray) available = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *buys[3] = { NULL, };
  GAsyncResult *balance = NULL;
  gboolean balance_first = FALSE;

  available = search (f, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (available->len, >=, 3);

  dial_sandbox_set_latency (f->sandbox, 150);
  f->max_in_session = 0;
  dial_sandbox_reset_max_concurrent_requests (f->sandbox);
  for (guint i = 0; i < 3; i++)
    dial_client_buy_async (f->client, "GB",
                           dial_number_get_msisdn (g_ptr_array_index (available, i)), NULL, NULL,
                           on_ready, &buys[i]);
  dial_client_get_balance_async (f->client, NULL, on_ready, &balance);

  /* The balance, queued after three POSTs, runs beside the first one and is not held up by
   * the others: it finishes before the second purchase. */
  while (buys[1] == NULL)
    {
      if (balance != NULL && buys[1] == NULL)
        balance_first = TRUE;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (balance_first);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GAsyncResult) r = await_result (&buys[i]);

      g_assert_true (dial_client_buy_finish (f->client, r, &error));
      g_assert_no_error (error);
    }
  {
    g_autoptr(GAsyncResult) r = await_result (&balance);

    g_assert_true (dial_client_get_balance_finish (f->client, r, NULL, NULL, &error));
  }

  g_assert_cmpuint (f->max_posts_in_session, ==, 1);
  g_assert_cmpuint (f->max_in_session, ==, 2);
  g_assert_cmpuint (dial_sandbox_get_max_concurrent_requests (f->sandbox), ==, 2);
}

/* Tests: webhook check */

static void
test_check_webhook (void)
{
  Edge *edge = edge_new ();
  g_autoptr(DialClient) client = dial_client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ok = g_strconcat (edge->url, "/hook/ok", NULL);
  g_autofree char *missing = g_strconcat (edge->url, "/hook/missing", NULL);
  g_autofree char *redirect = g_strconcat (edge->url, "/hook/redirect", NULL);
  g_autofree char *refused = g_strdup_printf ("http://127.0.0.1:%u/hook", closed_port ());
  const char *urls[] = { ok, missing, redirect, refused };
  const guint statuses[] = { 200, 404, 302, 0 };

  dial_client_set_credentials (client, API_KEY, SECRET);

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      GAsyncResult *slot = NULL;
      guint status = 999;
      gboolean ok_result;

      dial_client_check_webhook_async (client, urls[i], NULL, on_ready, &slot);
      result = await_result (&slot);
      ok_result = dial_client_check_webhook_finish (client, result, &status, &error);
      g_assert_cmpuint (status, ==, statuses[i]);
      if (statuses[i] == 200)
        {
          g_assert_true (ok_result);
          g_assert_no_error (error);
        }
      else if (statuses[i] != 0)
        {
          g_assert_false (ok_result);
          g_assert_error (error, DIAL_ERROR, DIAL_ERROR_REFUSED);
          g_assert_cmpuint (dial_error_get_http_status (error), ==, statuses[i]);
        }
      else
        g_assert_error (error, DIAL_ERROR, DIAL_ERROR_NETWORK);
      g_clear_error (&error);
    }

  /* Like Vonage: no credentials go to somebody else's server, and redirects are not followed. */
  g_assert_false (edge->saw_authorization);
  g_assert_cmpuint (edge->n_requests, ==, 3);

  g_assert_finalize_object (g_steal_pointer (&client));
  edge_free (edge);
}

/* Tests: logging */

static void
test_log_no_secret (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *encoded = g_base64_encode ((const guchar *) API_KEY ":" SECRET,
                                              strlen (API_KEY ":" SECRET));
  g_autoptr(DialNumber) available = first_available (f, "GB");
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (g_getenv ("G_MESSAGES_DEBUG"), ==, "all");
  dial_test_logs_clear ();

  /* Every kind of request and failure. */
  numbers = list_owned (f, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (buy (f, "GB", dial_number_get_msisdn (available), &error));
  g_assert_true (cancel_number (f, "GB", dial_number_get_msisdn (available), &error));
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_THROTTLE, 1, NULL, 0);
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HTTP_502, 1, NULL, 0);
  g_assert_true (get_balance (f, NULL, &error));
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_DROP_AFTER, 1, "/number/buy", 0);
  g_assert_false (buy (f, "GB", dial_number_get_msisdn (available), &error));
  g_clear_error (&error);
  dial_client_set_credentials (f->client, API_KEY, "AnotherSecret7");
  g_assert_false (get_balance (f, NULL, &error));
  g_clear_error (&error);
  dial_client_set_credentials (f->client, API_KEY, SECRET);

  /* The capture works (the client's own debug lines are in it) … */
  g_assert_true (dial_test_logs_contain ("GET /account/numbers"));
  g_assert_true (dial_test_logs_contain ("POST /number/buy"));
  /* … and holds neither secret, nor the header that encodes it. */
  g_assert_false (dial_test_logs_contain (SECRET));
  g_assert_false (dial_test_logs_contain ("AnotherSecret7"));
  g_assert_false (dial_test_logs_contain (encoded));
  g_assert_false (dial_test_logs_contain ("Authorization"));
}

/* Tests: DialOwnedList */

typedef struct
{
  guint   n_changes;
  guint   next_position;
  guint   n_loaded_notifies;
  guint   loading_notifies;
  Fixture *f;
  gboolean fail_after_first;
} ListWatch;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  ListWatch *watch = user_data;

  watch->n_changes++;
  /* Pages arrive appended, in order. */
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (position, ==, watch->next_position);
  g_assert_cmpuint (added, ==, MIN (100, 1234 - position));
  watch->next_position += added;
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, watch->next_position);

  if (watch->fail_after_first)
    {
      watch->fail_after_first = FALSE;
      dial_sandbox_inject_fault (watch->f->sandbox, DIAL_SANDBOX_FAULT_HTTP_500, 100,
                                 "/account/numbers", 0);
    }
}

static void
test_owned_list (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DialOwnedList) list = dial_owned_list_new (f->client);
  g_autoptr(DialNumber) extra = NULL;
  g_autoptr(DialNumber) first = NULL;
  ListWatch watch = { 0, };
  DialNumber *found;
  guint position = 0;
  gboolean loading;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == DIAL_TYPE_NUMBER);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &watch);
  g_signal_connect (list, "notify::n-loaded", G_CALLBACK (on_notify_count),
                    &watch.n_loaded_notifies);
  g_signal_connect (list, "notify::loading", G_CALLBACK (on_notify_count),
                    &watch.loading_notifies);

  dial_sandbox_set_latency (f->sandbox, 10);
  dial_owned_list_load (list, NULL);
  g_object_get (list, "loading", &loading, NULL);
  g_assert_true (loading);
  while (dial_owned_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);

  /* One items-changed per page. */
  g_assert_cmpuint (watch.n_changes, ==, 13);
  g_assert_cmpuint (watch.n_loaded_notifies, ==, 13);
  g_assert_cmpuint (watch.loading_notifies, ==, 2);
  g_assert_cmpuint (dial_owned_list_get_n_loaded (list), ==, 1234);
  g_assert_cmpuint (dial_owned_list_get_total (list), ==, 1234);
  g_assert_null (dial_owned_list_get_error (list));
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/numbers"), ==, 13);

  /* find, add, remove */
  first = g_list_model_get_item (G_LIST_MODEL (list), 500);
  found = dial_owned_list_find (list, dial_number_get_msisdn (first), &position);
  g_assert_true (found == first);
  g_assert_cmpuint (position, ==, 500);
  g_assert_null (dial_owned_list_find (list, "1", NULL));

  g_signal_handlers_disconnect_by_func (list, on_items_changed, &watch);
  extra = dial_number_new ("GB", "447700900777");
  dial_owned_list_add (list, extra);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1235);
  g_assert_cmpuint (dial_owned_list_get_total (list), ==, 1235);
  g_assert_true (dial_owned_list_find (list, "447700900777", &position) == extra);
  g_assert_cmpuint (position, ==, 1234);

  g_assert_true (dial_owned_list_remove (list, dial_number_get_msisdn (first)));
  g_assert_false (dial_owned_list_remove (list, dial_number_get_msisdn (first)));
  g_assert_null (dial_owned_list_find (list, dial_number_get_msisdn (first), NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1234);
  g_assert_true (dial_owned_list_find (list, "447700900777", &position) == extra);
  g_assert_cmpuint (position, ==, 1233);

  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
test_owned_list_error (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(DialOwnedList) list = dial_owned_list_new (f->client);
  ListWatch watch = { .f = f, .fail_after_first = TRUE };
  guint error_notifies = 0;
  g_autoptr(GError) error = NULL;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &watch);
  g_signal_connect (list, "notify::error", G_CALLBACK (on_notify_count), &error_notifies);

  dial_owned_list_load (list, NULL);
  while (dial_owned_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);

  /* The first page stays; the failure is the error property. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >=, 100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), <, 1234);
  g_assert_cmpuint (error_notifies, ==, 1);
  g_object_get (list, "error", &error, NULL);
  g_assert_error (error, DIAL_ERROR, DIAL_ERROR_SERVER);
  g_assert_error (dial_owned_list_get_error (list), DIAL_ERROR, DIAL_ERROR_SERVER);
  dial_sandbox_clear_faults (f->sandbox);

  /* Reloading clears it and loads everything. */
  g_signal_handlers_disconnect_by_func (list, on_items_changed, &watch);
  dial_owned_list_load (list, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_null (dial_owned_list_get_error (list));
  while (dial_owned_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1234);
  g_assert_null (dial_owned_list_get_error (list));
  g_assert_cmpuint (error_notifies, ==, 2);

  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
on_items_changed_reload (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         gpointer    user_data)
{
  guint *n_reloads = user_data;

  if (added > 0 && (*n_reloads)++ == 0)
    dial_owned_list_load (DIAL_OWNED_LIST (model), NULL);
}

static void
test_owned_list_dispose (Fixture       *f,
                         gconstpointer  data)
{
  DialOwnedList *list = dial_owned_list_new (f->client);
  guint n_requests;

  /* Dropped while loading: its requests are cancelled, nothing calls into the dead list. */
  dial_sandbox_set_latency (f->sandbox, 200);
  dial_owned_list_load (list, NULL);
  spin_ms (50);
  g_assert_finalize_object (list);
  spin_ms (400);
  n_requests = dial_sandbox_get_request_count (f->sandbox, "/account/numbers");
  g_assert_cmpuint (n_requests, <=, 1);

  /* A reload drops the load before it. */
  list = dial_owned_list_new (f->client);
  dial_sandbox_set_latency (f->sandbox, 0);
  dial_owned_list_load (list, NULL);
  dial_owned_list_load (list, NULL);
  while (dial_owned_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1234);

  /* Reloaded from inside its own items-changed: the first load stops there, the second fills
   * the list once. */
  {
    guint n_reloads = 0;
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

    g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_reload), &n_reloads);
    dial_owned_list_load (list, NULL);
    while (dial_owned_list_get_loading (list))
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (n_reloads, >, 1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1234);
    g_assert_cmpuint (dial_owned_list_get_total (list), ==, 1234);
    for (guint i = 0; i < 1234; i++)
      {
        g_autoptr(DialNumber) number = g_list_model_get_item (G_LIST_MODEL (list), i);

        g_assert_true (g_hash_table_add (seen, (gpointer) dial_number_get_msisdn (number)));
      }
  }

  g_assert_finalize_object (list);
}

/* main */

int
main (int   argc,
      char *argv[])
{
  /* Every message, debug included, is kept for the secret test (G_MESSAGES_DEBUG=all). */
  dial_test_init_leak_checks ();
  setlocale (LC_ALL, "");
  /* The isolated XDG dirs hide the system's schemas, which GNOME's proxy resolver module needs;
   * every connection here is to loopback anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, setup, func) \
  g_test_add (path, Fixture, NULL, setup, func, fixture_teardown)

  g_test_add_func ("/client/base-url", test_base_url);
  g_test_add_func ("/client/properties", test_properties);
  ADD ("/client/list-owned", fixture_setup, test_list_owned);
  ADD ("/client/list-owned-filters", fixture_setup, test_list_owned_filters);
  ADD ("/client/search", fixture_setup, test_search);
  ADD ("/client/lookups", fixture_setup, test_lookups);
  ADD ("/client/buy-and-cancel", fixture_setup, test_buy_and_cancel);
  ADD ("/client/target-api-key", fixture_setup, test_target_api_key);
  ADD ("/client/update", fixture_setup, test_update);
  ADD ("/client/balance", fixture_setup, test_balance);
  ADD ("/client/list-all", fixture_setup_big, test_list_all);
  ADD ("/client/list-all/frames", fixture_setup_big, test_list_all_frames);
  ADD ("/client/list-all/prefetch", fixture_setup_big, test_prefetch);
  ADD ("/client/list-all/prefetch-before-frame", fixture_setup_big, test_prefetch_before_frame);
  ADD ("/client/error/auth", fixture_setup, test_error_auth);
  ADD ("/client/error/refused", fixture_setup, test_error_refused);
  g_test_add_func ("/client/error/edge", test_error_edge);
  ADD ("/client/error/throttled", fixture_setup, test_error_throttled);
  ADD ("/client/error/server", fixture_setup, test_error_server);
  g_test_add_func ("/client/error/network", test_error_network);
  g_test_add_func ("/client/sends-while-busy", test_sends_while_busy);
  ADD ("/client/error/timeout", fixture_setup, test_error_timeout);
  ADD ("/client/error/dropped", fixture_setup, test_error_dropped);
  ADD ("/client/error/malformed", fixture_setup, test_error_malformed);
  ADD ("/client/error/invalid-input", fixture_setup, test_error_invalid_input);
  ADD ("/client/cancel/in-flight", fixture_setup, test_cancel_in_flight);
  ADD ("/client/cancel/queued-and-waiting", fixture_setup, test_cancel_queued_and_waiting);
  ADD ("/client/cancel/list-all", fixture_setup_big, test_cancel_list_all);
  ADD ("/client/queue/in-flight-limit", fixture_setup_big, test_in_flight_limit);
  ADD ("/client/queue/posts-serialised", fixture_setup, test_posts_serialised);
  g_test_add_func ("/client/check-webhook", test_check_webhook);
  ADD ("/client/log-no-secret", fixture_setup, test_log_no_secret);
  ADD ("/owned-list/load", fixture_setup_big, test_owned_list);
  ADD ("/owned-list/error", fixture_setup_big, test_owned_list_error);
  ADD ("/owned-list/dispose", fixture_setup_big, test_owned_list_dispose);

#undef ADD

  return g_test_run ();
}
