/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sandbox"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/socket.h>

#include "dial-sandbox.h"

/* The sandbox's own test hook (dial-sandbox-private.h), to feed connections from any peer. */
SoupServer *sandbox_get_server (DialSandbox *self);

/*
 * The sandbox's own tests: a plain SoupSession (not src/core) talks HTTP to a DialSandbox on
 * 127.0.0.1, so each rule is checked as a client would meet it.
 */

#define KEY    DIAL_SANDBOX_DEFAULT_API_KEY
#define SECRET DIAL_SANDBOX_DEFAULT_API_SECRET

/* The 420 labels, written out again here on purpose: changing one must break a test. */
#define LABEL_ALREADY_OWNED   "method failed: you already own this number"
#define LABEL_NOT_AVAILABLE   "method failed: this number is no longer available"
#define LABEL_NOT_OWNED       "method failed: you do not own this number"
#define LABEL_WRONG_COUNTRY   "method failed: the number does not belong to this country"
#define LABEL_BALANCE         "method failed: insufficient balance"
#define LABEL_WEBHOOK         "method failed: the moHttpUrl webhook did not answer 200 OK"
#define LABEL_PARAMS_IN_QUERY "method failed: parameters must be sent in the request body"
#define LABEL_SUBACCOUNT      "method failed: target_api_key is not a subaccount of this account"
#define LABEL_NEEDS_ADDRESS \
  "Numbers from this country can be requested from the Dashboard " \
  "(https://dashboard.nexmo.com/buy-numbers) as they require a valid local address to be " \
  "provided before being purchased."

typedef enum
{
  AUTH_HEADER,
  AUTH_QUERY,
  AUTH_BOTH,
  AUTH_WRONG_SECRET,
  AUTH_NONE,
} Auth;

typedef struct
{
  DialSandbox *sandbox;
  SoupSession *session;
  char        *url;
} Fixture;

typedef struct
{
  gboolean  done;
  guint     status;
  GBytes   *bytes;
  char     *body;
  char     *content_type;
  char     *retry_after;
  goffset   content_length;
  GError   *error;
  gint64    elapsed_us;
} Reply;

static void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->bytes, g_bytes_unref);
  g_free (reply->body);
  g_free (reply->content_type);
  g_free (reply->retry_after);
  g_clear_error (&reply->error);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

/* No proxy resolver: the default one reads GSettings schemas the test environment lacks. */
static SoupSession *
new_session (guint timeout)
{
  return soup_session_new_with_options ("timeout", timeout, "proxy-resolver", NULL, NULL);
}

/* Runs the main loop until nothing is ready, and a little longer for loopback closes. */
static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 20 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < until)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

static void
fixture_setup_n (Fixture *f,
                 guint    n_owned)
{
  g_autoptr(GError) error = NULL;

  f->sandbox = dial_sandbox_new (42, n_owned);
  g_assert_true (dial_sandbox_listen (f->sandbox, 0, &error));
  g_assert_no_error (error);
  f->url = dial_sandbox_get_url (f->sandbox);
  g_assert_true (g_str_has_prefix (f->url, "http://127.0.0.1:"));
  f->session = new_session (20);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fixture_setup_n (f, data != NULL ? GPOINTER_TO_UINT (data) : 30);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  soup_session_abort (f->session);
  g_assert_finalize_object (f->session);
  /* Let the server see the closed connections and free them (libsoup 3.2 leaks a kept-alive
   * connection that is still open when the server goes away). */
  settle ();
  g_assert_finalize_object (f->sandbox);
  settle ();
  g_free (f->url);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reply *reply = user_data;

  reply->bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &reply->error);
  reply->done = TRUE;
}

/* One request, waited for on the main loop (the sandbox runs on the same loop). */
static Reply *
request_full (Fixture     *f,
              SoupSession *session,
              const char  *method,
              const char  *path,
              Auth         auth,
              const char  *content_type,
              const char  *body)
{
  Reply *reply = g_new0 (Reply, 1);
  g_autoptr(GString) url = g_string_new (f->url);
  g_autoptr(SoupMessage) msg = NULL;
  SoupMessageHeaders *headers;
  gint64 start;

  g_string_append (url, path);
  if (auth == AUTH_QUERY || auth == AUTH_BOTH)
    g_string_append_printf (url, "%sapi_key=%s&api_secret=%s", strchr (path, '?') ? "&" : "?",
                            KEY, SECRET);
  msg = soup_message_new (method, url->str);
  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (auth == AUTH_HEADER || auth == AUTH_BOTH || auth == AUTH_WRONG_SECRET)
    {
      g_autofree char *pair = g_strdup_printf ("%s:%s", KEY,
                                               auth == AUTH_WRONG_SECRET ? "wrong" : SECRET);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
      g_autofree char *value = g_strconcat ("Basic ", encoded, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }

  start = g_get_monotonic_time ();
  soup_session_send_and_read_async (session != NULL ? session : f->session, msg,
                                    G_PRIORITY_DEFAULT, NULL, on_sent, reply);
  while (!reply->done)
    g_main_context_iteration (NULL, TRUE);
  reply->elapsed_us = g_get_monotonic_time () - start;

  reply->status = soup_message_get_status (msg);
  if (reply->bytes != NULL)
    reply->body = g_strndup (g_bytes_get_data (reply->bytes, NULL),
                             g_bytes_get_size (reply->bytes));
  headers = soup_message_get_response_headers (msg);
  reply->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  reply->retry_after = g_strdup (soup_message_headers_get_one (headers, "Retry-After"));
  reply->content_length = soup_message_headers_get_content_length (headers);
  return reply;
}

static Reply *
get (Fixture    *f,
     const char *path,
     Auth        auth)
{
  return request_full (f, NULL, "GET", path, auth, NULL, NULL);
}

/* POST with a form body built from NULL-terminated field/value pairs. */
static Reply *
post (Fixture    *f,
      const char *path,
      Auth        auth,
      const char *first_field,
      ...)
{
  g_autofree char *form = NULL;
  va_list args;

  va_start (args, first_field);
  form = first_field != NULL ? soup_form_encode_valist (first_field, args) : g_strdup ("");
  va_end (args);
  return request_full (f, NULL, "POST", path, auth, "application/x-www-form-urlencoded", form);
}

static Reply *
buy_number (Fixture    *f,
            const char *country,
            const char *msisdn)
{
  return post (f, "/number/buy", AUTH_HEADER, "country", country, "msisdn", msisdn, NULL);
}

static JsonObject *
parse_object (const char *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_assert_nonnull (body);
  json_parser_load_from_data (parser, body, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

/* Short accessors for the many JSON checks below. */
static const char *
str_member (JsonObject *object,
            const char *key)
{
  return json_object_get_string_member_with_default (object, key, NULL);
}

static JsonObject *
element (JsonArray *array,
         guint      index)
{
  return json_array_get_object_element (array, index);
}

static void
assert_status_body (Reply      *reply,
                    guint       status,
                    const char *label)
{
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *code = g_strdup_printf ("%u", status);

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (reply->content_type, ==, "application/json");
  object = parse_object (reply->body);
  g_assert_cmpuint (json_object_get_size (object), ==, 2);
  /* error-code is a string, not a number (NOTES §4.4). */
  g_assert_cmpstr (str_member (object, "error-code"), ==, code);
  g_assert_cmpstr (str_member (object, "error-code-label"), ==, label);
}

/* A 400 with exactly @n_fields fields, each named in @fields with its message. */
static void
assert_field_map (Reply       *reply,
                  const char  *field1,
                  const char  *message1,
                  const char  *field2,
                  const char  *message2)
{
  g_autoptr(JsonObject) object = NULL;

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 400);
  object = parse_object (reply->body);
  g_assert_cmpuint (json_object_get_size (object), ==, field2 != NULL ? 2 : 1);
  g_assert_cmpstr (str_member (object, field1), ==, message1);
  if (field2 != NULL)
    g_assert_cmpstr (str_member (object, field2), ==, message2);
}

static JsonObject *
get_page (Fixture    *f,
          const char *path)
{
  g_autoptr(Reply) reply = get (f, path, AUTH_HEADER);

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (reply->content_type, ==, "application/json");
  return parse_object (reply->body);
}

static JsonArray *
page_numbers (JsonObject *page)
{
  g_assert_true (json_object_has_member (page, "numbers"));
  return json_object_get_array_member (page, "numbers");
}

/* The first available number of a search, with its prices. */
static char *
find_available (Fixture    *f,
                const char *query,
                char      **cost,
                char      **initial_price)
{
  g_autofree char *path = g_strconcat ("/number/search?", query, NULL);
  g_autoptr(JsonObject) page = get_page (f, path);
  JsonObject *number = element (page_numbers (page), 0);

  if (cost != NULL)
    *cost = g_strdup (str_member (number, "cost"));
  if (initial_price != NULL)
    *initial_price = g_strdup (str_member (number, "initialPrice"));
  return g_strdup (str_member (number, "msisdn"));
}

static char *
balance (Fixture *f)
{
  return dial_sandbox_get_balance (f->sandbox);
}

/* Auth */

static void
test_auth_header (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(Reply) reply = get (f, "/account/numbers", AUTH_HEADER);
  g_autofree char *uri = NULL;

  g_assert_cmpuint (reply->status, ==, 200);
  uri = dial_sandbox_get_last_uri (f->sandbox);
  g_assert_cmpstr (uri, ==, "/account/numbers");
}

static void
test_auth_query (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Reply) reply = get (f, "/account/get-balance", AUTH_QUERY);
  g_autoptr(Reply) buy = NULL;
  g_autofree char *msisdn = find_available (f, "country=GB", NULL, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  /* Query-string credentials work on POST too (the older curl snippets). */
  buy = post (f, "/number/buy", AUTH_QUERY, "country", "GB", "msisdn", msisdn, NULL);
  assert_status_body (buy, 200, "success");
}

static void
test_auth_refused (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const paths[] = {
    "/account/numbers", "/number/search?country=GB", "/account/get-balance",
  };
  static const char * const post_paths[] = { "/number/buy", "/number/cancel", "/number/update" };
  static const Auth refused[] = { AUTH_WRONG_SECRET, AUTH_NONE, AUTH_BOTH };

  for (guint a = 0; a < G_N_ELEMENTS (refused); a++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
        {
          g_autoptr(Reply) reply = get (f, paths[i], refused[a]);

          assert_status_body (reply, 401, "authentication failed");
        }
      for (guint i = 0; i < G_N_ELEMENTS (post_paths); i++)
        {
          g_autoptr(Reply) reply = post (f, post_paths[i], refused[a],
                                         "country", "GB", "msisdn", "447700900001", NULL);

          assert_status_body (reply, 401, "authentication failed");
        }
    }

  /* A wrong key with the right secret, in the query string. */
  {
    g_autoptr(Reply) reply = get (f, "/account/numbers?api_key=nobody&api_secret=" SECRET,
                                  AUTH_NONE);

    assert_status_body (reply, 401, "authentication failed");
  }

  /* Other credentials set on the sandbox replace the default ones. */
  dial_sandbox_set_credentials (f->sandbox, "other01", "OtherSecret01");
  {
    g_autoptr(Reply) reply = get (f, "/account/numbers", AUTH_HEADER);
    g_autoptr(Reply) other = get (f, "/account/numbers?api_key=other01&api_secret=OtherSecret01",
                                  AUTH_NONE);

    assert_status_body (reply, 401, "authentication failed");
    g_assert_cmpuint (other->status, ==, 200);
  }
  g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox, "447700900001"), ==, 0);
}

/* Paging */

static void
test_list_paging (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonObject) first = get_page (f, "/account/numbers");
  g_autoptr(JsonObject) past = NULL;
  g_autofree char *previous = NULL;

  /* Default size 10, count = all 250. */
  g_assert_cmpint (json_object_get_int_member (first, "count"), ==, 250);
  g_assert_cmpuint (json_array_get_length (page_numbers (first)), ==, 10);

  for (guint index = 1; index <= 3; index++)
    {
      g_autofree char *path = g_strdup_printf ("/account/numbers?size=100&index=%u", index);
      g_autoptr(JsonObject) page = get_page (f, path);
      JsonArray *numbers = page_numbers (page);

      g_assert_cmpint (json_object_get_int_member (page, "count"), ==, 250);
      g_assert_cmpuint (json_array_get_length (numbers), ==, index < 3 ? 100 : 50);
      for (guint i = 0; i < json_array_get_length (numbers); i++)
        {
          const char *msisdn = str_member (element (numbers, i),
                                                              "msisdn");

          g_assert_true (g_hash_table_add (seen, g_strdup (msisdn)));
          /* A stable order, so that pages do not overlap. */
          if (previous != NULL)
            g_assert_cmpstr (previous, <, msisdn);
          g_free (previous);
          previous = g_strdup (msisdn);
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 250);

  /* Past the end: {} without count or numbers. */
  past = get_page (f, "/account/numbers?size=100&index=4");
  g_assert_cmpuint (json_object_get_size (past), ==, 0);
}

static void
test_list_limits (Fixture       *f,
                  gconstpointer  data)
{
  static const struct
  {
    const char *query;
    const char *field;
    const char *message;
  } cases[] = {
    { "size=101", "size", "Must be between 1 and 100." },
    { "size=0", "size", "Must be between 1 and 100." },
    { "size=-5", "size", "Must be between 1 and 100." },
    { "size=ten", "size", "Must be between 1 and 100." },
    { "index=0", "index", "Must be a whole number of at least 1." },
    { "index=x", "index", "Must be a whole number of at least 1." },
    { "search_pattern=3&pattern=44", "search_pattern", "Must be 0, 1 or 2." },
    { "pattern=%2B44", "pattern", "Must contain only digits." },
    { "has_application=yes", "has_application", "Must be true or false." },
    { "country=gb", "country",
      "Must be a two-letter ISO 3166-1 alpha-2 country code in capitals." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/account/numbers?", cases[i].query, NULL);
      g_autoptr(Reply) reply = get (f, path, AUTH_HEADER);

      assert_field_map (reply, cases[i].field, cases[i].message, NULL, NULL);
    }

  /* Several problems at once: one field map. */
  {
    g_autoptr(Reply) reply = get (f, "/account/numbers?size=500&index=0", AUTH_HEADER);

    assert_field_map (reply, "size", "Must be between 1 and 100.",
                      "index", "Must be a whole number of at least 1.");
  }

  /* The limits themselves are fine. */
  {
    g_autoptr(JsonObject) page = get_page (f, "/account/numbers?size=100&index=1");
    g_autoptr(JsonObject) one = get_page (f, "/account/numbers?size=1&index=30");

    g_assert_cmpuint (json_array_get_length (page_numbers (page)), ==, 30);
    g_assert_cmpuint (json_array_get_length (page_numbers (one)), ==, 1);
  }
}

/* Counts the numbers of every page of @path_prefix (which ends in '?' or '&'). */
static guint
count_all (Fixture    *f,
           const char *query,
           gboolean  (*check) (JsonObject *number, gconstpointer data),
           gconstpointer data)
{
  guint total = 0;
  gint64 count = -1;

  for (guint index = 1;; index++)
    {
      g_autofree char *path = g_strdup_printf ("/account/numbers?%s%ssize=100&index=%u", query,
                                               *query ? "&" : "", index);
      g_autoptr(JsonObject) page = get_page (f, path);
      JsonArray *numbers;

      if (!json_object_has_member (page, "numbers"))
        {
          g_assert_cmpuint (json_object_get_size (page), ==, 0);
          break;
        }
      numbers = page_numbers (page);
      if (count < 0)
        count = json_object_get_int_member (page, "count");
      g_assert_cmpint (json_object_get_int_member (page, "count"), ==, count);
      for (guint i = 0; i < json_array_get_length (numbers); i++)
        g_assert_true (check (element (numbers, i), data));
      total += json_array_get_length (numbers);
    }
  g_assert_cmpint (count < 0 ? 0 : count, ==, total);
  return total;
}

static gboolean
check_country (JsonObject    *number,
               gconstpointer  data)
{
  return g_str_equal (str_member (number, "country"), data);
}

static gboolean
check_prefix (JsonObject    *number,
              gconstpointer  data)
{
  return g_str_has_prefix (str_member (number, "msisdn"), data);
}

static gboolean
check_contains (JsonObject    *number,
                gconstpointer  data)
{
  return strstr (str_member (number, "msisdn"), data) != NULL;
}

static gboolean
check_suffix (JsonObject    *number,
              gconstpointer  data)
{
  return g_str_has_suffix (str_member (number, "msisdn"), data);
}

static gboolean
is_linked (JsonObject *number)
{
  return json_object_has_member (number, "app_id") ||
         g_strcmp0 (str_member (number, "voiceCallbackType"), "app") == 0 ||
         g_strcmp0 (str_member (number, "messagesCallbackType"), "app") == 0;
}

static gboolean
check_linked (JsonObject    *number,
              gconstpointer  data)
{
  return is_linked (number) == GPOINTER_TO_INT (data);
}

static gboolean
check_app (JsonObject    *number,
           gconstpointer  data)
{
  return g_strcmp0 (str_member (number, "app_id"), data) == 0 ||
         g_strcmp0 (str_member (number, "voiceCallbackValue"), data) == 0 ||
         g_strcmp0 (str_member (number, "messagesCallbackValue"), data) == 0;
}

static gboolean
check_any (JsonObject    *number,
           gconstpointer  data)
{
  return TRUE;
}

static void
test_list_filters (Fixture       *f,
                   gconstpointer  data)
{
  guint total = count_all (f, "", check_any, NULL);
  guint gb, linked, unlinked, with_app;
  g_autoptr(JsonObject) all = get_page (f, "/account/numbers?size=100");
  JsonObject *sample = element (page_numbers (all), 7);
  const char *msisdn = str_member (sample, "msisdn");
  g_autofree char *head = g_strndup (msisdn, 4);
  g_autofree char *middle = g_strndup (msisdn + 3, 4);
  g_autofree char *tail = g_strdup (msisdn + strlen (msisdn) - 3);
  g_autofree char *query = NULL;

  g_assert_cmpuint (total, ==, 300);

  gb = count_all (f, "country=GB", check_country, "GB");
  g_assert_cmpuint (gb, >, 0);
  g_assert_cmpuint (gb, <, total);
  g_assert_cmpuint (count_all (f, "country=XX", check_any, NULL), ==, 0);

  /* search_pattern 0 (default) starts with, 1 contains, 2 ends with; on E.164 digits. */
  query = g_strdup_printf ("pattern=%s", head);
  g_assert_cmpuint (count_all (f, query, check_prefix, head), >=, 1);
  g_free (query);
  query = g_strdup_printf ("pattern=%s&search_pattern=0", head);
  g_assert_cmpuint (count_all (f, query, check_prefix, head), >=, 1);
  g_free (query);
  query = g_strdup_printf ("pattern=%s&search_pattern=1", middle);
  g_assert_cmpuint (count_all (f, query, check_contains, middle), >=, 1);
  g_free (query);
  query = g_strdup_printf ("pattern=%s&search_pattern=2", tail);
  g_assert_cmpuint (count_all (f, query, check_suffix, tail), >=, 1);
  g_free (query);
  /* The contains pattern is not a prefix match. */
  query = g_strdup_printf ("pattern=%s&search_pattern=0", middle);
  g_assert_cmpuint (count_all (f, query, check_prefix, middle), <, total);

  /* has_application splits the list in two. */
  linked = count_all (f, "has_application=true", check_linked, GINT_TO_POINTER (TRUE));
  unlinked = count_all (f, "has_application=false", check_linked, GINT_TO_POINTER (FALSE));
  g_assert_cmpuint (linked, >, 0);
  g_assert_cmpuint (unlinked, >, 0);
  g_assert_cmpuint (linked + unlinked, ==, total);

  with_app = count_all (f, "application_id=aaaaaaaa-bbbb-cccc-dddd-0123456789ab", check_app,
                        "aaaaaaaa-bbbb-cccc-dddd-0123456789ab");
  g_assert_cmpuint (with_app, >, 0);
  g_assert_cmpuint (with_app, <, linked);
  g_assert_cmpuint (count_all (f, "application_id=00000000-0000-0000-0000-000000000000",
                               check_any, NULL), ==, 0);

  /* Filters combine. */
  g_assert_cmpuint (count_all (f, "country=GB&has_application=true", check_country, "GB"), <=, gb);
}

static void
test_list_varied (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GHashTable) kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) countries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint index = 1; index <= 3; index++)
    {
      g_autofree char *path = g_strdup_printf ("/account/numbers?size=100&index=%u", index);
      g_autoptr(JsonObject) page = get_page (f, path);
      JsonArray *numbers = page_numbers (page);

      for (guint i = 0; i < json_array_get_length (numbers); i++)
        {
          JsonObject *number = element (numbers, i);
          const char *type = str_member (number, "type");
          JsonArray *features = json_object_get_array_member (number, "features");

          g_assert_true (g_str_equal (type, "landline") || g_str_equal (type, "mobile-lvn") ||
                         g_str_equal (type, "landline-toll-free"));
          g_assert_cmpuint (json_array_get_length (features), >=, 1);
          /* An owned number carries no price in the list (ownednumber schema). */
          g_assert_false (json_object_has_member (number, "cost"));
          g_hash_table_add (countries, g_strdup (str_member (number, "country")));
          if (json_object_has_member (number, "moHttpUrl"))
            g_hash_table_add (kinds, g_strdup ("moHttpUrl"));
          if (json_object_has_member (number, "app_id"))
            g_hash_table_add (kinds, g_strdup ("app_id"));
          if (json_object_has_member (number, "voiceCallbackType"))
            g_hash_table_add (kinds, g_strdup (str_member (number, "voiceCallbackType")));
          if (json_object_has_member (number, "messagesCallbackType"))
            g_hash_table_add (kinds, g_strdup ("messages"));
          if (json_object_get_size (number) <= 5 && !json_object_has_member (number, "app_id") &&
              !json_object_has_member (number, "moHttpUrl") &&
              !json_object_has_member (number, "voiceCallbackType"))
            g_hash_table_add (kinds, g_strdup ("none"));
        }
    }

  g_assert_cmpuint (g_hash_table_size (countries), >=, 20);
  g_assert_true (g_hash_table_contains (kinds, "moHttpUrl"));
  g_assert_true (g_hash_table_contains (kinds, "app_id"));
  g_assert_true (g_hash_table_contains (kinds, "tel"));
  g_assert_true (g_hash_table_contains (kinds, "sip"));
  g_assert_true (g_hash_table_contains (kinds, "app"));
  g_assert_true (g_hash_table_contains (kinds, "messages"));
  g_assert_true (g_hash_table_contains (kinds, "none"));
}

/* Search */

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonObject) page = get_page (f, "/number/search?country=GB");
  JsonArray *numbers = page_numbers (page);
  JsonObject *number = element (numbers, 0);
  gint64 value;

  g_assert_cmpint (json_object_get_int_member (page, "count"), >, 100);
  g_assert_cmpuint (json_array_get_length (numbers), ==, 10);
  g_assert_cmpstr (str_member (number, "country"), ==, "GB");
  g_assert_true (g_str_has_prefix (str_member (number, "msisdn"), "44"));
  /* cost and initialPrice are decimal strings in EUR. */
  g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (number, "cost")));
  g_assert_cmpuint (json_node_get_value_type (json_object_get_member (number, "cost")), ==,
                    G_TYPE_STRING);
  g_assert_true (g_regex_match_simple ("^[0-9]+\\.[0-9]{2,}$",
                                       str_member (number, "cost"), 0, 0));
  g_assert_true (g_regex_match_simple ("^[0-9]+\\.[0-9]{2,}$",
                                       str_member (number, "initialPrice"), 0, 0));
  g_assert_true (json_object_has_member (number, "type"));
  g_assert_true (json_object_has_member (number, "features"));

  /* The fictional GB ranges. */
  {
    g_autoptr(JsonObject) mobile =
      get_page (f, "/number/search?country=GB&type=mobile-lvn&size=100");
    JsonArray *mobiles = page_numbers (mobile);

    value = json_object_get_int_member (mobile, "count");
    g_assert_cmpint (value, >, 0);
    for (guint i = 0; i < json_array_get_length (mobiles); i++)
      {
        JsonObject *m = element (mobiles, i);

        g_assert_true (g_str_has_prefix (str_member (m, "msisdn"), "447700900"));
        g_assert_cmpstr (str_member (m, "type"), ==, "mobile-lvn");
      }
  }
}

static void
test_search_rules (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const spellings[] = {
    "SMS", "VOICE", "SMS,VOICE", "MMS", "SMS,MMS", "VOICE,MMS", "SMS,MMS,VOICE",
  };
  static const char * const types[] = { "landline", "mobile-lvn", "landline-toll-free" };

  /* country is required. */
  {
    g_autoptr(Reply) reply = get (f, "/number/search", AUTH_HEADER);

    assert_field_map (reply, "country", "Is required.", NULL, NULL);
  }
  {
    g_autoptr(Reply) reply = get (f, "/number/search?country=GBR&size=200", AUTH_HEADER);

    assert_field_map (reply, "country",
                      "Must be a two-letter ISO 3166-1 alpha-2 country code in capitals.",
                      "size", "Must be between 1 and 100.");
  }

  /* Each allowed features spelling returns only numbers having all of them. */
  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autofree char *path = g_strdup_printf ("/number/search?country=US&size=100&features=%s",
                                               spellings[i]);
      g_autoptr(JsonObject) page = get_page (f, path);
      g_auto(GStrv) wanted = g_strsplit (spellings[i], ",", -1);
      JsonArray *numbers;

      if (strstr (spellings[i], "MMS") == NULL || TRUE)
        g_assert_true (json_object_has_member (page, "numbers"));
      numbers = page_numbers (page);
      for (guint n = 0; n < json_array_get_length (numbers); n++)
        {
          JsonArray *features = json_object_get_array_member (element (numbers, n),
                                                               "features");

          for (guint w = 0; wanted[w] != NULL; w++)
            {
              gboolean has = FALSE;

              for (guint k = 0; k < json_array_get_length (features); k++)
                has |= g_str_equal (json_array_get_string_element (features, k), wanted[w]);
              g_assert_true (has);
            }
        }
    }

  /* Other spellings are refused: the order matters and no spaces. */
  {
    static const char * const bad[] = { "VOICE,SMS", "sms", "SMS,%20VOICE", "FAX", "" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *path = g_strdup_printf ("/number/search?country=US&features=%s", bad[i]);
        g_autoptr(Reply) reply = get (f, path, AUTH_HEADER);

        assert_field_map (reply, "features",
                          "Must be one of SMS, VOICE, SMS,VOICE, MMS, SMS,MMS, VOICE,MMS, "
                          "SMS,MMS,VOICE.",
                          NULL, NULL);
      }
  }

  /* type filter. */
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *path = g_strdup_printf ("/number/search?country=GB&size=100&type=%s",
                                               types[i]);
      g_autoptr(JsonObject) page = get_page (f, path);
      JsonArray *numbers = page_numbers (page);

      for (guint n = 0; n < json_array_get_length (numbers); n++)
        g_assert_cmpstr (str_member (element (numbers, n), "type"),
                         ==, types[i]);
    }
  {
    g_autoptr(Reply) reply = get (f, "/number/search?country=GB&type=mobile", AUTH_HEADER);

    assert_field_map (reply, "type", "Must be one of landline, mobile-lvn, landline-toll-free.",
                      NULL, NULL);
  }

  /* Patterns: 0 starts with, 1 contains, 2 ends with. */
  {
    g_autoptr(JsonObject) starts = get_page (f, "/number/search?country=GB&pattern=4420&size=100");
    g_autoptr(JsonObject) contains =
      get_page (f, "/number/search?country=GB&pattern=7946&search_pattern=1&size=100");
    g_autoptr(JsonObject) none =
      get_page (f, "/number/search?country=GB&pattern=7946&search_pattern=0");
    JsonArray *numbers = page_numbers (starts);

    for (guint n = 0; n < json_array_get_length (numbers); n++)
      g_assert_true (g_str_has_prefix (str_member (element (numbers, n), "msisdn"), "4420"));
    g_assert_cmpint (json_object_get_int_member (starts, "count"), ==,
                     json_object_get_int_member (contains, "count"));
    /* Nothing matches: {}. */
    g_assert_cmpuint (json_object_get_size (none), ==, 0);
  }
  {
    g_autoptr(JsonObject) page = get_page (f, "/number/search?country=GB&size=100");
    JsonObject *first = element (page_numbers (page), 0);
    const char *msisdn = str_member (first, "msisdn");
    g_autofree char *path = g_strdup_printf ("/number/search?country=GB&pattern=%s"
                                             "&search_pattern=2",
                                             msisdn + strlen (msisdn) - 5);
    g_autoptr(JsonObject) ends = get_page (f, path);
    JsonArray *numbers = page_numbers (ends);

    for (guint n = 0; n < json_array_get_length (numbers); n++)
      g_assert_true (g_str_has_suffix (str_member (element (numbers, n), "msisdn"),
                                       msisdn + strlen (msisdn) - 5));
  }

  /* A country without numbers, and a page past the end: {}. */
  {
    g_autoptr(JsonObject) empty = get_page (f, "/number/search?country=AQ");
    g_autoptr(JsonObject) past = get_page (f, "/number/search?country=GB&size=100&index=50");

    g_assert_cmpuint (json_object_get_size (empty), ==, 0);
    g_assert_cmpuint (json_object_get_size (past), ==, 0);
  }
}

static void
test_catalogue (Fixture       *f,
                gconstpointer  data)
{
  static const char * const countries[] = {
    "GB", "US", "CA", "AU", "FR", "DE", "IE", "NL", "ES", "IT", "SE", "NO", "DK", "BE", "AT",
    "CH", "PL", "PT", "FI", "JP", "BR", "MX", "ZA", "NZ", "SG", "HK", "IL",
  };
  g_autoptr(DialSandbox) twin = dial_sandbox_new (42, 30);
  g_autoptr(DialSandbox) other = dial_sandbox_new (43, 30);
  g_autoptr(GError) error = NULL;
  gboolean limitations = FALSE, setup_fee = FALSE, toll_free = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    {
      g_autofree char *path = g_strdup_printf ("/number/search?country=%s&size=100", countries[i]);
      g_autoptr(JsonObject) page = get_page (f, path);
      JsonArray *numbers = page_numbers (page);

      for (guint n = 0; n < json_array_get_length (numbers); n++)
        {
          JsonObject *number = element (numbers, n);
          const char *msisdn = str_member (number, "msisdn");

          g_assert_cmpstr (str_member (number, "country"), ==, countries[i]);
          g_assert_true (g_regex_match_simple ("^[1-9][0-9]{7,14}$", msisdn, 0, 0));
          limitations |= json_object_has_member (number, "limitations");
          setup_fee |= g_strcmp0 (str_member (number, "initialPrice"), "0.00") != 0;
          toll_free |= g_str_equal (str_member (number, "type"), "landline-toll-free");
        }
    }
  g_assert_true (limitations);
  g_assert_true (setup_fee);
  g_assert_true (toll_free);

  /* The same seed gives the same catalogue and owned list; another seed another one. */
  g_assert_true (dial_sandbox_listen (twin, 0, &error));
  g_assert_true (dial_sandbox_listen (other, 0, &error));
  {
    g_autoptr(Reply) a = get (f, "/number/search?country=FR&size=100", AUTH_HEADER);
    g_autoptr(Reply) b = NULL;
    g_autoptr(Reply) c = NULL;
    g_autoptr(Reply) la = get (f, "/account/numbers?size=100", AUTH_HEADER);
    g_autoptr(Reply) lb = NULL;
    char *saved = f->url;

    f->url = dial_sandbox_get_url (twin);
    b = get (f, "/number/search?country=FR&size=100", AUTH_HEADER);
    lb = get (f, "/account/numbers?size=100", AUTH_HEADER);
    g_free (f->url);
    f->url = dial_sandbox_get_url (other);
    c = get (f, "/number/search?country=FR&size=100", AUTH_HEADER);
    g_free (f->url);
    f->url = saved;

    g_assert_cmpstr (a->body, ==, b->body);
    g_assert_cmpstr (la->body, ==, lb->body);
    g_assert_cmpstr (a->body, !=, c->body);
  }
  soup_session_abort (f->session);
  g_assert_finalize_object (g_steal_pointer (&twin));
  g_assert_finalize_object (g_steal_pointer (&other));
}

/* Balance and buying */

static void
test_balance (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Reply) reply = get (f, "/account/get-balance", AUTH_HEADER);
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(Reply) changed = NULL;

  g_assert_cmpuint (reply->status, ==, 200);
  /* A JSON number with 8 decimals, as in the spec's example. */
  g_assert_cmpstr (reply->body, ==, "{\"value\":25.00000000,\"autoReload\":false}");
  object = parse_object (reply->body);
  g_assert_cmpfloat (json_object_get_double_member (object, "value"), ==, 25.0);
  g_assert_false (json_object_get_boolean_member (object, "autoReload"));

  dial_sandbox_set_balance (f->sandbox, "10.171275");
  changed = get (f, "/account/get-balance", AUTH_HEADER);
  g_assert_cmpstr (changed->body, ==, "{\"value\":10.17127500,\"autoReload\":false}");
}

static void
test_buy (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *cost = NULL;
  g_autofree char *setup = NULL;
  g_autofree char *msisdn = find_available (f, "country=AU&type=landline-toll-free", &cost, &setup);
  g_autoptr(Reply) reply = NULL;
  g_autofree char *owned = NULL;
  g_autofree char *after = NULL;
  g_autofree char *last = NULL;
  g_autofree char *search = g_strdup_printf ("/number/search?country=AU&pattern=%s", msisdn);
  g_autofree char *list = g_strdup_printf ("/account/numbers?pattern=%s", msisdn);
  guint n_owned = dial_sandbox_get_n_owned (f->sandbox);

  /* The toll-free AU range has a setup fee: both are debited. */
  g_assert_cmpstr (cost, ==, "15.00");
  g_assert_cmpstr (setup, ==, "25.00");
  dial_sandbox_set_balance (f->sandbox, "100");

  reply = buy_number (f, "AU", msisdn);
  assert_status_body (reply, 200, "success");
  after = balance (f);
  g_assert_cmpstr (after, ==, "60.00000000");
  g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox, msisdn), ==, 1);
  g_assert_cmpuint (dial_sandbox_get_n_owned (f->sandbox), ==, n_owned + 1);
  last = dial_sandbox_get_last_request (f->sandbox, "/number/buy");
  g_assert_cmpstr (strstr (last, "msisdn="), !=, NULL);

  /* It moved from the catalogue to the owned list, unconfigured. */
  owned = dial_sandbox_get_owned_json (f->sandbox, msisdn);
  g_assert_nonnull (owned);
  {
    g_autoptr(JsonObject) gone = get_page (f, search);
    g_autoptr(JsonObject) mine = get_page (f, list);
    JsonObject *number = element (page_numbers (mine), 0);

    g_assert_cmpuint (json_object_get_size (gone), ==, 0);
    g_assert_cmpstr (str_member (number, "msisdn"), ==, msisdn);
    g_assert_cmpstr (str_member (number, "type"), ==, "landline-toll-free");
    g_assert_false (json_object_has_member (number, "moHttpUrl"));
    g_assert_false (json_object_has_member (number, "app_id"));
  }

  /* Buying it again: already owned, nothing spent. */
  g_clear_pointer (&reply, reply_free);
  reply = buy_number (f, "AU", msisdn);
  assert_status_body (reply, 420, LABEL_ALREADY_OWNED);
  g_free (after);
  after = balance (f);
  g_assert_cmpstr (after, ==, "60.00000000");
  g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox, msisdn), ==, 1);
}

static void
test_buy_refused (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *gb = find_available (f, "country=GB&type=mobile-lvn", NULL, NULL);
  g_autofree char *gb2 = NULL;
  g_autofree char *jp = find_available (f, "country=JP", NULL, NULL);
  g_autofree char *de = find_available (f, "country=DE", NULL, NULL);
  g_autofree char *before = balance (f);
  guint n_owned = dial_sandbox_get_n_owned (f->sandbox);

  /* No longer available: withdrawn from the catalogue, or never in it. */
  dial_sandbox_withdraw_available (f->sandbox, gb);
  {
    g_autoptr(Reply) reply = buy_number (f, "GB", gb);
    g_autoptr(Reply) unknown = post (f, "/number/buy", AUTH_HEADER, "country", "GB",
                                     "msisdn", "447700900999999", NULL);

    assert_status_body (reply, 420, LABEL_NOT_AVAILABLE);
    assert_status_body (unknown, 420, LABEL_NOT_AVAILABLE);
  }

  /* Wrong country for the number. */
  gb2 = find_available (f, "country=GB&type=mobile-lvn", NULL, NULL);
  {
    g_autoptr(Reply) reply = buy_number (f, "FR", gb2);

    assert_status_body (reply, 420, LABEL_WRONG_COUNTRY);
  }

  /* JP needs a local address by default; any country can be made to. */
  {
    g_autoptr(Reply) reply = buy_number (f, "JP", jp);

    assert_status_body (reply, 420, LABEL_NEEDS_ADDRESS);
  }
  dial_sandbox_set_country_needs_address (f->sandbox, "DE", TRUE);
  {
    g_autoptr(Reply) reply = buy_number (f, "DE", de);

    assert_status_body (reply, 420, LABEL_NEEDS_ADDRESS);
  }
  dial_sandbox_set_country_needs_address (f->sandbox, "DE", FALSE);

  /* Balance too low: 1.00 left, a GB mobile costs 1.25. */
  dial_sandbox_set_balance (f->sandbox, "1.00");
  {
    g_autoptr(Reply) reply = buy_number (f, "GB", gb2);
    g_autofree char *left = balance (f);

    assert_status_body (reply, 420, LABEL_BALANCE);
    g_assert_cmpstr (left, ==, "1.00000000");
  }
  /* Exactly enough is enough. */
  dial_sandbox_set_balance (f->sandbox, "1.25");
  {
    g_autoptr(Reply) reply = buy_number (f, "GB", gb2);
    g_autofree char *left = balance (f);

    assert_status_body (reply, 200, "success");
    g_assert_cmpstr (left, ==, "0.00000000");
  }

  /* A subaccount this account does not have. */
  dial_sandbox_set_balance (f->sandbox, "25");
  {
    g_autoptr(Reply) reply = post (f, "/number/buy", AUTH_HEADER, "country", "DE", "msisdn", de,
                                   "target_api_key", "sub00001", NULL);

    assert_status_body (reply, 420, LABEL_SUBACCOUNT);
  }

  g_assert_cmpuint (dial_sandbox_get_n_owned (f->sandbox), ==, n_owned + 1);
  g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox, gb), ==, 0);
  g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox, jp), ==, 0);
  g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox, de), ==, 0);
  g_assert_cmpstr (before, ==, "25.00000000");
}

static void
test_bad_requests (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const paths[] = { "/number/buy", "/number/cancel", "/number/update" };
  guint n_owned = dial_sandbox_get_n_owned (f->sandbox);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(Reply) empty = post (f, paths[i], AUTH_HEADER, NULL);
      g_autoptr(Reply) no_msisdn = post (f, paths[i], AUTH_HEADER, "country", "GB", NULL);
      g_autoptr(Reply) json = request_full (f, NULL, "POST", paths[i], AUTH_HEADER,
                                            "application/json",
                                            "{\"country\":\"GB\",\"msisdn\":\"447700900001\"}");
      g_autoptr(Reply) bad = post (f, paths[i], AUTH_HEADER, "country", "United Kingdom",
                                   "msisdn", "+44 7700 900001", NULL);
      g_autoptr(Reply) in_query = NULL;
      g_autofree char *query_path = g_strconcat (paths[i], "?country=GB&msisdn=447700900001", NULL);
      g_autoptr(Reply) wrong_method = get (f, paths[i], AUTH_HEADER);

      assert_field_map (empty, "country", "Is required.", "msisdn", "Is required.");
      assert_field_map (no_msisdn, "msisdn", "Is required.", NULL, NULL);
      /* A JSON body carries no form fields. */
      assert_field_map (json, "country", "Is required.", "msisdn", "Is required.");
      assert_field_map (bad, "country",
                        "Must be a two-letter ISO 3166-1 alpha-2 country code in capitals.",
                        "msisdn", "Must be a number in E.164 format without + (digits only).");
      /* The fields in the query string instead of the body. */
      in_query = request_full (f, NULL, "POST", query_path, AUTH_HEADER,
                               "application/x-www-form-urlencoded", "");
      assert_status_body (in_query, 420, LABEL_PARAMS_IN_QUERY);
      assert_status_body (wrong_method, 405, "method not allowed");
    }

  {
    g_autoptr(Reply) unknown = get (f, "/number/nothing", AUTH_HEADER);

    assert_status_body (unknown, 404, "not found");
  }
  g_assert_cmpuint (dial_sandbox_get_n_owned (f->sandbox), ==, n_owned);
}

/* Cancel */

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonObject) page = get_page (f, "/account/numbers?size=1");
  JsonObject *first = element (page_numbers (page), 0);
  g_autofree char *msisdn = g_strdup (str_member (first, "msisdn"));
  g_autofree char *country = g_strdup (str_member (first, "country"));
  g_autofree char *before = balance (f);
  g_autofree char *after = NULL;
  g_autofree char *search = g_strdup_printf ("/number/search?country=%s&pattern=%s",
                                             country, msisdn);
  guint n_owned = dial_sandbox_get_n_owned (f->sandbox);

  {
    g_autoptr(Reply) wrong = post (f, "/number/cancel", AUTH_HEADER,
                                   "country", g_str_equal (country, "AT") ? "BE" : "AT",
                                   "msisdn", msisdn, NULL);

    assert_status_body (wrong, 420, LABEL_WRONG_COUNTRY);
  }
  {
    g_autoptr(Reply) reply = post (f, "/number/cancel", AUTH_HEADER,
                                   "country", country, "msisdn", msisdn, NULL);

    assert_status_body (reply, 200, "success");
  }
  g_assert_cmpuint (dial_sandbox_get_n_owned (f->sandbox), ==, n_owned - 1);
  g_assert_null (dial_sandbox_get_owned_json (f->sandbox, msisdn));
  /* No refund: the month is paid. */
  after = balance (f);
  g_assert_cmpstr (before, ==, after);

  /* Back in the catalogue, buyable again. */
  {
    g_autoptr(JsonObject) back = get_page (f, search);

    g_assert_cmpint (json_object_get_int_member (back, "count"), ==, 1);
  }

  /* Not owned any more. */
  {
    g_autoptr(Reply) again = post (f, "/number/cancel", AUTH_HEADER,
                                   "country", country, "msisdn", msisdn, NULL);

    assert_status_body (again, 420, LABEL_NOT_OWNED);
  }
  {
    g_autoptr(Reply) rebuy = post (f, "/number/buy", AUTH_HEADER,
                                   "country", country, "msisdn", msisdn, NULL);

    assert_status_body (rebuy, 200, "success");
  }
  g_assert_cmpuint (dial_sandbox_get_n_owned (f->sandbox), ==, n_owned);
}

/* Update */

static JsonObject *
owned_object (Fixture    *f,
              const char *msisdn)
{
  g_autofree char *json = dial_sandbox_get_owned_json (f->sandbox, msisdn);

  return parse_object (json);
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;

  g_assert_true (dial_sandbox_add_owned_json (f->sandbox,
                                              "{\"country\":\"GB\",\"msisdn\":\"447700900555\","
                                              "\"type\":\"mobile-lvn\","
                                              "\"features\":[\"VOICE\",\"SMS\"],"
                                              "\"moHttpUrl\":\"https://example.com/old\","
                                              "\"app_id\":\"aaaaaaaa-bbbb-cccc-dddd-0123456789ab\","
                                              "\"voiceCallbackType\":\"tel\","
                                              "\"voiceCallbackValue\":\"447700900001\"}",
                                              &error));
  g_assert_no_error (error);

  /* Every field set. */
  {
    g_autoptr(Reply) reply = post (f, "/number/update", AUTH_HEADER,
                                   "country", "GB", "msisdn", "447700900555",
                                   "moHttpUrl", "https://example.com/inbound",
                                   "moSmppSysType", "inbound",
                                   "voiceCallbackType", "sip",
                                   "voiceCallbackValue", "sip:desk@example.com",
                                   "voiceStatusCallback", "https://example.com/status",
                                   "messagesCallbackType", "app",
                                   "messagesCallbackValue", "5f0c1a2b-3d4e-4f60-8a7b-9c0d1e2f3a4b",
                                   "app_id", "7c3e9a10-2b4d-4e6f-9a81-b2c3d4e5f607", NULL);

    assert_status_body (reply, 200, "success");
  }
  object = owned_object (f, "447700900555");
  g_assert_cmpstr (str_member (object, "moHttpUrl"), ==, "https://example.com/inbound");
  g_assert_cmpstr (str_member (object, "moSmppSysType"), ==, "inbound");
  g_assert_cmpstr (str_member (object, "voiceCallbackType"), ==, "sip");
  g_assert_cmpstr (str_member (object, "voiceCallbackValue"), ==, "sip:desk@example.com");
  g_assert_cmpstr (str_member (object, "voiceStatusCallback"), ==, "https://example.com/status");
  g_assert_cmpstr (str_member (object, "messagesCallbackType"), ==, "app");
  g_assert_cmpstr (str_member (object, "app_id"), ==, "7c3e9a10-2b4d-4e6f-9a81-b2c3d4e5f607");
  /* The number itself is untouched. */
  g_assert_cmpstr (str_member (object, "type"), ==, "mobile-lvn");
  g_clear_pointer (&object, json_object_unref);

  /* Fields left out are cleared; moHttpUrl="" removes the webhook. */
  {
    g_autoptr(Reply) reply = post (f, "/number/update", AUTH_HEADER,
                                   "country", "GB", "msisdn", "447700900555",
                                   "moHttpUrl", "",
                                   "voiceCallbackType", "tel",
                                   "voiceCallbackValue", "447700900002", NULL);

    assert_status_body (reply, 200, "success");
  }
  object = owned_object (f, "447700900555");
  g_assert_false (json_object_has_member (object, "moHttpUrl"));
  g_assert_false (json_object_has_member (object, "moSmppSysType"));
  g_assert_false (json_object_has_member (object, "voiceStatusCallback"));
  g_assert_false (json_object_has_member (object, "messagesCallbackType"));
  g_assert_false (json_object_has_member (object, "messagesCallbackValue"));
  g_assert_false (json_object_has_member (object, "app_id"));
  g_assert_cmpstr (str_member (object, "voiceCallbackType"), ==, "tel");
  g_assert_cmpstr (str_member (object, "voiceCallbackValue"), ==, "447700900002");
  g_clear_pointer (&object, json_object_unref);

  /* Only country and msisdn: everything is cleared. */
  {
    g_autoptr(Reply) reply = post (f, "/number/update", AUTH_HEADER,
                                   "country", "GB", "msisdn", "447700900555", NULL);

    assert_status_body (reply, 200, "success");
  }
  object = owned_object (f, "447700900555");
  g_assert_cmpuint (json_object_get_size (object), ==, 4); /* country, msisdn, type, features */
}

static void
test_update_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  static const struct
  {
    const char *field;
    const char *value;
    const char *field2;
    const char *value2;
    const char *error_field;
    const char *message;
  } cases[] = {
    { "voiceCallbackType", "tel", NULL, NULL,
      "voiceCallbackValue", "Is required with voiceCallbackType." },
    { "voiceCallbackValue", "447700900001", NULL, NULL,
      "voiceCallbackType", "Is required with voiceCallbackValue." },
    { "voiceCallbackType", "fax", "voiceCallbackValue", "1",
      "voiceCallbackType", "Must be one of sip, tel, app." },
    { "voiceCallbackType", "tel", "voiceCallbackValue", "+44 7700",
      "voiceCallbackValue", "Must be a number in E.164 format without + (digits only)." },
    { "voiceCallbackType", "sip", "voiceCallbackValue", "desk@example.com",
      "voiceCallbackValue", "Must be a SIP URI (sip:…)." },
    { "messagesCallbackType", "app", NULL, NULL,
      "messagesCallbackValue", "Is required with messagesCallbackType." },
    { "messagesCallbackType", "sms",
      "messagesCallbackValue", "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
      "messagesCallbackType", "Must be app." },
    { "moHttpUrl", "example.com/sms", NULL, NULL,
      "moHttpUrl", "Must be an absolute http or https URL." },
    { "moHttpUrl", "ftp://example.com/sms", NULL, NULL,
      "moHttpUrl", "Must be an absolute http or https URL." },
    { "voiceStatusCallback", "https://exa mple.com", NULL, NULL,
      "voiceStatusCallback", "Must be an absolute http or https URL." },
    { "app_id", "my-app", NULL, NULL, "app_id", "Must be an application ID (a UUID)." },
  };

  g_assert_true (dial_sandbox_add_owned_json (f->sandbox,
                                              "{\"country\":\"US\",\"msisdn\":\"12025550111\","
                                              "\"moHttpUrl\":\"https://example.com/keep\"}",
                                              &error));
  g_assert_no_error (error);
  before = dial_sandbox_get_owned_json (f->sandbox, "12025550111");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Reply) reply = post (f, "/number/update", AUTH_HEADER,
                                     "country", "US", "msisdn", "12025550111",
                                     cases[i].field, cases[i].value,
                                     cases[i].field2, cases[i].value2, NULL);

      assert_field_map (reply, cases[i].error_field, cases[i].message, NULL, NULL);
    }

  /* A number not owned; the wrong country. */
  {
    g_autoptr(Reply) reply = post (f, "/number/update", AUTH_HEADER,
                                   "country", "GB", "msisdn", "447700900998", NULL);
    g_autoptr(Reply) wrong = post (f, "/number/update", AUTH_HEADER,
                                   "country", "CA", "msisdn", "12025550111", NULL);

    assert_status_body (reply, 420, LABEL_NOT_OWNED);
    assert_status_body (wrong, 420, LABEL_WRONG_COUNTRY);
  }

  /* Nothing changed. */
  after = dial_sandbox_get_owned_json (f->sandbox, "12025550111");
  g_assert_cmpstr (before, ==, after);
}

typedef struct
{
  SoupServer *server;
  char       *url;
  guint       hits;
} Webhook;

static void
on_webhook (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Webhook *webhook = user_data;

  webhook->hits++;
  g_assert_cmpstr (soup_server_message_get_method (msg), ==, "GET");
  if (g_str_equal (path, "/ok"))
    soup_server_message_set_status (msg, 200, NULL);
  else if (g_str_equal (path, "/redirect"))
    soup_server_message_set_redirect (msg, 302, "/missing");
  else
    soup_server_message_set_status (msg, 404, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "", 0);
}

static void
test_update_webhook (Fixture       *f,
                     gconstpointer  data)
{
  Webhook webhook = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *ok = NULL;
  g_autofree char *missing = NULL;
  g_autoptr(JsonObject) object = NULL;

  webhook.server = soup_server_new (NULL, NULL);
  soup_server_add_handler (webhook.server, NULL, on_webhook, &webhook, NULL);
  g_assert_true (soup_server_listen_local (webhook.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (webhook.server);
  ok = g_strdup_printf ("http://127.0.0.1:%d/ok", g_uri_get_port (uris->data));
  missing = g_strdup_printf ("http://127.0.0.1:%d/missing", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  g_assert_true (dial_sandbox_add_owned_json (f->sandbox,
                                              "{\"country\":\"GB\",\"msisdn\":\"447700900444\"}",
                                              &error));

  /* Off by default: no request is made. */
  {
    g_autoptr(Reply) reply = post (f, "/number/update", AUTH_HEADER, "country", "GB",
                                   "msisdn", "447700900444", "moHttpUrl", missing, NULL);

    assert_status_body (reply, 200, "success");
    g_assert_cmpuint (webhook.hits, ==, 0);
  }

  dial_sandbox_set_webhook_check (f->sandbox, TRUE);
  {
    g_autoptr(Reply) reply = post (f, "/number/update", AUTH_HEADER, "country", "GB",
                                   "msisdn", "447700900444", "moHttpUrl", ok,
                                   "app_id", "aaaaaaaa-bbbb-cccc-dddd-0123456789ab", NULL);

    assert_status_body (reply, 200, "success");
    g_assert_cmpuint (webhook.hits, ==, 1);
  }
  object = owned_object (f, "447700900444");
  g_assert_cmpstr (str_member (object, "moHttpUrl"), ==, ok);
  g_clear_pointer (&object, json_object_unref);

  {
    g_autoptr(Reply) reply = post (f, "/number/update", AUTH_HEADER, "country", "GB",
                                   "msisdn", "447700900444", "moHttpUrl", missing, NULL);

    assert_status_body (reply, 420, LABEL_WEBHOOK);
    g_assert_cmpuint (webhook.hits, ==, 2);
  }
  /* Refused: the old configuration stays, app_id included. */
  object = owned_object (f, "447700900444");
  g_assert_cmpstr (str_member (object, "moHttpUrl"), ==, ok);
  g_assert_cmpstr (str_member (object, "app_id"), ==,
                   "aaaaaaaa-bbbb-cccc-dddd-0123456789ab");
  g_clear_pointer (&object, json_object_unref);

  /* Nothing listening there. */
  soup_server_disconnect (webhook.server);
  {
    g_autoptr(Reply) reply = post (f, "/number/update", AUTH_HEADER, "country", "GB",
                                   "msisdn", "447700900444", "moHttpUrl", ok, NULL);

    assert_status_body (reply, 420, LABEL_WEBHOOK);
  }
  /* Removing the webhook needs no check. */
  {
    g_autoptr(Reply) reply = post (f, "/number/update", AUTH_HEADER, "country", "GB",
                                   "msisdn", "447700900444", NULL);

    assert_status_body (reply, 200, "success");
  }

  g_assert_finalize_object (webhook.server);
}

/* Faults */

static gboolean
is_json (const char *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  return body != NULL && json_parser_load_from_data (parser, body, -1, NULL);
}

/* A purchase that the fault must not (or must) have applied. */
typedef struct
{
  char *msisdn;
  char *balance;
  guint n_owned;
} Purchase;

static void
purchase_prepare (Fixture  *f,
                  Purchase *p)
{
  p->msisdn = find_available (f, "country=GB&type=mobile-lvn", NULL, NULL);
  p->balance = balance (f);
  p->n_owned = dial_sandbox_get_n_owned (f->sandbox);
}

static void
purchase_check (Fixture  *f,
                Purchase *p,
                gboolean  applied)
{
  g_autofree char *now = balance (f);
  g_autofree char *owned = dial_sandbox_get_owned_json (f->sandbox, p->msisdn);

  g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox, p->msisdn), ==, applied ? 1 : 0);
  g_assert_cmpuint (dial_sandbox_get_n_owned (f->sandbox), ==, p->n_owned + (applied ? 1 : 0));
  if (applied)
    {
      g_assert_nonnull (owned);
      g_assert_cmpstr (now, ==, "23.75000000"); /* 25 − 1.25 */
    }
  else
    {
      g_assert_null (owned);
      g_assert_cmpstr (now, ==, p->balance);
    }
  g_free (p->msisdn);
  g_free (p->balance);
}

static Reply *
buy (Fixture  *f,
     Purchase *p)
{
  return buy_number (f, "GB", p->msisdn);
}

static void
test_fault_http (Fixture       *f,
                 gconstpointer  data)
{
  Purchase p;

  purchase_prepare (f, &p);
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HTTP_500, 1, "/number/buy", 0);
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HTTP_502, 1, "/number/buy", 0);

  /* Another path is not affected. */
  {
    g_autoptr(Reply) list = get (f, "/account/numbers", AUTH_HEADER);

    g_assert_cmpuint (list->status, ==, 200);
  }
  {
    g_autoptr(Reply) first = buy (f, &p);
    g_autoptr(Reply) second = buy (f, &p);

    g_assert_cmpuint (first->status, ==, 500);
    g_assert_cmpstr (first->content_type, ==, "text/html");
    g_assert_nonnull (strstr (first->body, "Internal Server Error"));
    g_assert_false (is_json (first->body));
    g_assert_cmpuint (second->status, ==, 502);
    g_assert_cmpstr (second->content_type, ==, "text/html");
    g_assert_nonnull (strstr (second->body, "Bad Gateway"));
  }
  /* Neither bought anything; both were counted. */
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 2);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, NULL), ==, 4);
  purchase_check (f, &p, FALSE);

  /* The queue is used up: the next one goes through. */
  {
    Purchase q;
    g_autoptr(Reply) reply = NULL;

    purchase_prepare (f, &q);
    reply = buy (f, &q);
    assert_status_body (reply, 200, "success");
    purchase_check (f, &q, TRUE);
  }
}

static void
test_fault_count (Fixture       *f,
                  gconstpointer  data)
{
  /* count applies to matching requests only; clear_faults empties the queue. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HTTP_500, 2, NULL, 0);
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_THROTTLE, 1, "/account/get-balance", 3);
  {
    g_autoptr(Reply) a = get (f, "/account/get-balance", AUTH_HEADER);
    g_autoptr(Reply) b = get (f, "/account/numbers", AUTH_HEADER);
    g_autoptr(Reply) c = get (f, "/account/get-balance", AUTH_HEADER);
    g_autoptr(Reply) d = get (f, "/account/get-balance", AUTH_HEADER);

    g_assert_cmpuint (a->status, ==, 500);
    g_assert_cmpuint (b->status, ==, 500);
    g_assert_cmpuint (c->status, ==, 429);
    g_assert_cmpuint (d->status, ==, 200);
  }

  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HTTP_500, 5, NULL, 0);
  dial_sandbox_clear_faults (f->sandbox);
  {
    g_autoptr(Reply) reply = get (f, "/account/numbers", AUTH_HEADER);

    g_assert_cmpuint (reply->status, ==, 200);
  }
}

static void
test_fault_throttle (Fixture       *f,
                     gconstpointer  data)
{
  Purchase p;
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonObject) problem = NULL;

  purchase_prepare (f, &p);
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_THROTTLE, 1, NULL, 7);
  reply = buy (f, &p);
  g_assert_cmpuint (reply->status, ==, 429);
  g_assert_cmpstr (reply->retry_after, ==, "7");
  g_assert_cmpstr (reply->content_type, ==, "application/problem+json");
  problem = parse_object (reply->body);
  g_assert_cmpstr (str_member (problem, "title"), ==, "Too Many Requests");
  purchase_check (f, &p, FALSE);
}

static void
test_fault_hang (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SoupSession) impatient = new_session (1);
  Purchase p;

  purchase_prepare (f, &p);
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HANG, 1, "/number/buy", 0);
  {
    g_autofree char *form = soup_form_encode ("country", "GB", "msisdn", p.msisdn, NULL);
    g_autoptr(Reply) reply = request_full (f, impatient, "POST", "/number/buy", AUTH_HEADER,
                                           "application/x-www-form-urlencoded", form);

    g_assert_error (reply->error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
    g_assert_cmpint (reply->elapsed_us, >=, 900 * G_TIME_SPAN_MILLISECOND);
  }
  purchase_check (f, &p, FALSE);

  /* The sandbox still answers everything else. */
  {
    g_autoptr(Reply) reply = get (f, "/account/get-balance", AUTH_HEADER);

    g_assert_cmpuint (reply->status, ==, 200);
  }
  soup_session_abort (impatient);
}

static void
test_fault_drop (Fixture       *f,
                 gconstpointer  data)
{
  Purchase before, after;

  /* Dropped before applying: nothing bought. */
  purchase_prepare (f, &before);
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_DROP_BEFORE, 1, "/number/buy", 0);
  {
    g_autoptr(Reply) reply = buy (f, &before);

    g_assert_nonnull (reply->error);
    g_assert_null (reply->bytes);
  }
  /* Exactly one request reached the sandbox (no silent retry of the POST). */
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 1);
  purchase_check (f, &before, FALSE);

  /* Dropped after applying: bought and paid for, though the client never heard. */
  purchase_prepare (f, &after);
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_DROP_AFTER, 1, "/number/buy", 0);
  {
    g_autoptr(Reply) reply = buy (f, &after);

    g_assert_nonnull (reply->error);
    g_assert_null (reply->bytes);
  }
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 2);

  /* The client can find out by listing. */
  {
    g_autoptr(JsonObject) page = get_page (f, "/account/numbers?country=GB&size=100");
    JsonArray *numbers = page_numbers (page);
    gboolean found = FALSE;

    for (guint i = 0; i < json_array_get_length (numbers); i++)
      found |= g_strcmp0 (str_member (element (numbers, i),
                                                         "msisdn"), after.msisdn) == 0;
    g_assert_true (found);
  }
  purchase_check (f, &after, TRUE);
}

static void
test_fault_truncate (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Reply) full = get (f, "/account/numbers?size=100", AUTH_HEADER);
  Purchase p;

  g_assert_true (is_json (full->body));

  /* param 0: the connection closes in the middle of the announced body. libsoup 3.2 hands
   * over what arrived without an error; only Content-Length tells. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_TRUNCATE, 1, NULL, 0);
  {
    g_autoptr(Reply) reply = get (f, "/account/numbers?size=100", AUTH_HEADER);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpint (reply->content_length, ==, strlen (full->body));
    if (reply->error == NULL)
      {
        g_assert_cmpuint (strlen (reply->body), ==, strlen (full->body) / 2);
        g_assert_false (is_json (reply->body));
      }
  }

  /* param 1: a complete HTTP answer whose JSON stops half way. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_TRUNCATE, 1, NULL, 1);
  {
    g_autoptr(Reply) reply = get (f, "/account/numbers?size=100", AUTH_HEADER);

    g_assert_no_error (reply->error);
    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (reply->content_type, ==, "application/json");
    g_assert_cmpuint (strlen (reply->body), ==, strlen (full->body) / 2);
    g_assert_true (g_str_has_prefix (full->body, reply->body));
    g_assert_false (is_json (reply->body));
  }

  /* A truncated answer to a purchase: the purchase happened. */
  purchase_prepare (f, &p);
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_TRUNCATE, 1, "/number/buy", 1);
  {
    g_autoptr(Reply) reply = buy (f, &p);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_false (is_json (reply->body));
  }
  purchase_check (f, &p, TRUE);
}

static void
test_fault_malformed (Fixture       *f,
                      gconstpointer  data)
{
  Purchase p;

  purchase_prepare (f, &p);
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_MALFORMED, 1, NULL, 0);
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_MALFORMED, 1, NULL, 1);
  {
    g_autoptr(Reply) page = buy (f, &p);
    g_autoptr(Reply) claimed = get (f, "/account/numbers", AUTH_HEADER);

    /* A login page where JSON was expected (captive portal, proxy). */
    g_assert_cmpuint (page->status, ==, 200);
    g_assert_cmpstr (page->content_type, ==, "text/html");
    g_assert_nonnull (strstr (page->body, "<html"));
    g_assert_false (is_json (page->body));
    /* param 1: the same page labelled as JSON. */
    g_assert_cmpuint (claimed->status, ==, 200);
    g_assert_cmpstr (claimed->content_type, ==, "application/json");
    g_assert_false (is_json (claimed->body));
  }
  purchase_check (f, &p, FALSE);
}

static void
test_fault_slow (Fixture       *f,
                 gconstpointer  data)
{
  Purchase p;
  g_autoptr(Reply) reply = NULL;
  g_autoptr(Reply) quick = NULL;

  purchase_prepare (f, &p);
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_SLOW, 1, NULL, 300);
  reply = buy (f, &p);
  assert_status_body (reply, 200, "success");
  g_assert_cmpint (reply->elapsed_us, >=, 300 * G_TIME_SPAN_MILLISECOND);
  purchase_check (f, &p, TRUE);

  /* Only the one. */
  quick = get (f, "/account/get-balance", AUTH_HEADER);
  g_assert_cmpuint (quick->status, ==, 200);
}

static void
test_latency (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Reply) fast = get (f, "/account/numbers", AUTH_HEADER);
  g_autoptr(Reply) slow = NULL;
  g_autoptr(Reply) slow_post = NULL;
  g_autoptr(Reply) refused = NULL;

  g_assert_cmpuint (fast->status, ==, 200);
  dial_sandbox_set_latency (f->sandbox, 250);
  slow = get (f, "/account/numbers", AUTH_HEADER);
  g_assert_cmpuint (slow->status, ==, 200);
  g_assert_cmpint (slow->elapsed_us, >=, 250 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpstr (slow->body, ==, fast->body);
  /* Every answer, errors included. */
  refused = get (f, "/account/numbers", AUTH_NONE);
  g_assert_cmpuint (refused->status, ==, 401);
  g_assert_cmpint (refused->elapsed_us, >=, 250 * G_TIME_SPAN_MILLISECOND);
  slow_post = post (f, "/number/cancel", AUTH_HEADER,
                    "country", "GB", "msisdn", "447700900998", NULL);
  assert_status_body (slow_post, 420, LABEL_NOT_OWNED);
  g_assert_cmpint (slow_post->elapsed_us, >=, 250 * G_TIME_SPAN_MILLISECOND);
}

/* Two requests in flight at once, both delayed: the delay is a timer, not a blocking sleep. */
static void
test_latency_parallel (Fixture       *f,
                       gconstpointer  data)
{
  Reply a = { 0 }, b = { 0 };
  g_autofree char *url = g_strconcat (f->url, "/account/get-balance?api_key=" KEY
                                      "&api_secret=" SECRET, NULL);
  g_autoptr(SoupMessage) ma = soup_message_new ("GET", url);
  g_autoptr(SoupMessage) mb = soup_message_new ("GET", url);
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  dial_sandbox_set_latency (f->sandbox, 400);
  soup_session_send_and_read_async (f->session, ma, G_PRIORITY_DEFAULT, NULL, on_sent, &a);
  soup_session_send_and_read_async (f->session, mb, G_PRIORITY_DEFAULT, NULL, on_sent, &b);
  while (!a.done || !b.done)
    g_main_context_iteration (NULL, TRUE);
  elapsed = g_get_monotonic_time () - start;

  g_assert_no_error (a.error);
  g_assert_no_error (b.error);
  g_assert_cmpuint (soup_message_get_status (ma), ==, 200);
  g_assert_cmpuint (soup_message_get_status (mb), ==, 200);
  g_assert_cmpint (elapsed, >=, 400 * G_TIME_SPAN_MILLISECOND);
  /* Sequential would be 800 ms at least. */
  g_assert_cmpint (elapsed, <, 790 * G_TIME_SPAN_MILLISECOND);
  g_bytes_unref (a.bytes);
  g_bytes_unref (b.bytes);
}

/* Faults after a latency delay, and after an asynchronous webhook check. */
static void
test_fault_delayed (Fixture       *f,
                    gconstpointer  data)
{
  Purchase p;
  Webhook webhook = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *ok = NULL;

  dial_sandbox_set_latency (f->sandbox, 60);
  purchase_prepare (f, &p);
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_DROP_AFTER, 1, "/number/buy", 0);
  {
    g_autoptr(Reply) reply = buy (f, &p);

    g_assert_nonnull (reply->error);
    g_assert_cmpint (reply->elapsed_us, >=, 60 * G_TIME_SPAN_MILLISECOND);
  }
  purchase_check (f, &p, TRUE);

  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_TRUNCATE, 1, NULL, 1);
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_DROP_BEFORE, 1, NULL, 0);
  {
    g_autoptr(Reply) cut = get (f, "/account/numbers", AUTH_HEADER);
    g_autoptr(Reply) dropped = get (f, "/account/numbers", AUTH_HEADER);

    g_assert_cmpuint (cut->status, ==, 200);
    g_assert_false (is_json (cut->body));
    g_assert_nonnull (dropped->error);
  }
  dial_sandbox_set_latency (f->sandbox, 0);

  webhook.server = soup_server_new (NULL, NULL);
  soup_server_add_handler (webhook.server, NULL, on_webhook, &webhook, NULL);
  g_assert_true (soup_server_listen_local (webhook.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  uris = soup_server_get_uris (webhook.server);
  ok = g_strdup_printf ("http://127.0.0.1:%d/ok", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  g_assert_true (dial_sandbox_add_owned_json (f->sandbox,
                                              "{\"country\":\"GB\",\"msisdn\":\"447700900333\"}",
                                              &error));
  dial_sandbox_set_webhook_check (f->sandbox, TRUE);
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_DROP_AFTER, 1, "/number/update", 0);
  {
    g_autoptr(Reply) reply = post (f, "/number/update", AUTH_HEADER, "country", "GB",
                                   "msisdn", "447700900333", "moHttpUrl", ok, NULL);
    g_autoptr(JsonObject) object = NULL;

    g_assert_nonnull (reply->error);
    g_assert_cmpuint (webhook.hits, ==, 1);
    object = owned_object (f, "447700900333");
    g_assert_cmpstr (str_member (object, "moHttpUrl"), ==, ok);
  }
  soup_server_disconnect (webhook.server);
  g_assert_finalize_object (webhook.server);
}

/* Control endpoint */

static void
test_control (Fixture       *f,
              gconstpointer  data)
{
  Purchase p;

  /* A fault from outside the process. */
  {
    g_autoptr(Reply) reply = post (f, "/_sandbox/fault", AUTH_NONE, "fault", "http-502",
                                   "count", "1", "path", "/account/numbers", NULL);
    g_autoptr(Reply) faulted = NULL;
    g_autoptr(Reply) fine = NULL;

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (reply->body, ==, "{\"ok\":true}");
    fine = get (f, "/account/get-balance", AUTH_HEADER);
    faulted = get (f, "/account/numbers", AUTH_HEADER);
    g_assert_cmpuint (fine->status, ==, 200);
    g_assert_cmpuint (faulted->status, ==, 502);
  }

  /* Every fault name is accepted; a wrong one is refused with a field map. */
  {
    static const char * const names[] = {
      "http-500", "http-502", "throttle", "hang", "drop-before", "drop-after", "truncate",
      "malformed", "slow",
    };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autoptr(Reply) reply = post (f, "/_sandbox/fault", AUTH_NONE, "fault", names[i],
                                       "path", "/nowhere", "param", "5", NULL);

        g_assert_cmpuint (reply->status, ==, 200);
      }
  }
  {
    g_autoptr(Reply) bad = post (f, "/_sandbox/fault", AUTH_NONE, "fault", "explode", NULL);
    g_autoptr(Reply) bad_count = post (f, "/_sandbox/fault", AUTH_NONE,
                                       "fault", "hang", "count", "0", NULL);
    g_autoptr(Reply) wrong_method = get (f, "/_sandbox/fault", AUTH_NONE);
    g_autoptr(Reply) unknown = post (f, "/_sandbox/nothing", AUTH_NONE, NULL);

    g_assert_cmpuint (bad->status, ==, 400);
    g_assert_nonnull (strstr (bad->body, "\"fault\""));
    g_assert_cmpuint (bad_count->status, ==, 400);
    g_assert_cmpuint (wrong_method->status, ==, 405);
    g_assert_cmpuint (unknown->status, ==, 404);
  }

  /* Stats: counts per path, the control endpoint itself not counted. */
  {
    g_autoptr(JsonObject) stats = NULL;
    g_autoptr(Reply) reply = get (f, "/_sandbox/stats", AUTH_NONE);
    JsonObject *paths;

    g_assert_cmpuint (reply->status, ==, 200);
    stats = parse_object (reply->body);
    g_assert_cmpint (json_object_get_int_member (stats, "total"), ==, 2);
    paths = json_object_get_object_member (stats, "requests");
    g_assert_cmpint (json_object_get_int_member (paths, "/account/numbers"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (paths, "/account/get-balance"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (stats, "owned"), ==, 30);
    g_assert_cmpstr (str_member (stats, "balance"), ==, "25.00000000");
    g_assert_cmpint (json_object_get_int_member (stats, "faults"), ==, 9);
  }

  {
    g_autoptr(Reply) clear = post (f, "/_sandbox/clear-faults", AUTH_NONE, NULL);
    g_autoptr(Reply) latency = post (f, "/_sandbox/latency", AUTH_NONE, "msec", "200", NULL);
    g_autoptr(Reply) slow = NULL;
    g_autoptr(Reply) off = NULL;
    g_autoptr(Reply) fast = NULL;

    g_assert_cmpuint (clear->status, ==, 200);
    g_assert_cmpuint (latency->status, ==, 200);
    slow = get (f, "/account/get-balance", AUTH_HEADER);
    g_assert_cmpint (slow->elapsed_us, >=, 200 * G_TIME_SPAN_MILLISECOND);
    off = post (f, "/_sandbox/latency", AUTH_NONE, "msec", "0", NULL);
    g_assert_cmpuint (off->status, ==, 200);
    fast = get (f, "/account/get-balance", AUTH_HEADER);
    g_assert_cmpuint (fast->status, ==, 200);
  }

  /* Balance, needs-address, withdraw and webhook-check. */
  purchase_prepare (f, &p);
  {
    g_autoptr(Reply) set = post (f, "/_sandbox/balance", AUTH_NONE, "value", "3.5", NULL);
    g_autoptr(Reply) bad = post (f, "/_sandbox/balance", AUTH_NONE, "value", "lots", NULL);
    g_autofree char *now = balance (f);

    g_assert_cmpuint (set->status, ==, 200);
    g_assert_cmpuint (bad->status, ==, 400);
    g_assert_cmpstr (now, ==, "3.50000000");
  }
  {
    g_autoptr(Reply) needs = post (f, "/_sandbox/needs-address", AUTH_NONE, "country", "GB",
                                   "needs", "true", NULL);
    g_autoptr(Reply) refused = NULL;
    g_autoptr(Reply) back = NULL;
    g_autoptr(Reply) withdraw = NULL;
    g_autoptr(Reply) gone = NULL;

    g_assert_cmpuint (needs->status, ==, 200);
    refused = buy (f, &p);
    assert_status_body (refused, 420, LABEL_NEEDS_ADDRESS);
    back = post (f, "/_sandbox/needs-address", AUTH_NONE, "country", "GB", "needs", "false", NULL);
    g_assert_cmpuint (back->status, ==, 200);
    withdraw = post (f, "/_sandbox/withdraw", AUTH_NONE, "msisdn", p.msisdn, NULL);
    g_assert_cmpuint (withdraw->status, ==, 200);
    gone = buy (f, &p);
    assert_status_body (gone, 420, LABEL_NOT_AVAILABLE);
  }
  {
    g_autoptr(Reply) on = post (f, "/_sandbox/webhook-check", AUTH_NONE, "enabled", "true", NULL);
    g_autoptr(Reply) bad = post (f, "/_sandbox/webhook-check", AUTH_NONE, "enabled", "1", NULL);
    gboolean check = FALSE;

    g_assert_cmpuint (on->status, ==, 200);
    g_assert_cmpuint (bad->status, ==, 400);
    g_object_get (f->sandbox, "webhook-check", &check, NULL);
    g_assert_true (check);
  }
  dial_sandbox_set_balance (f->sandbox, "25");
  g_free (p.balance);
  p.balance = balance (f);
  purchase_check (f, &p, FALSE);
}

/* The control endpoint answers loopback peers only: a connection that claims another peer
 * address (fed to the server directly) is refused, while the API itself still answers. */
static char *
raw_exchange (Fixture    *f,
              const char *peer,
              const char *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) ours = NULL;
  g_autoptr(GSocket) theirs = NULL;
  g_autoptr(GSocketConnection) server_side = NULL;
  g_autoptr(GSocketConnection) client_side = NULL;
  g_autoptr(GSocketAddress) remote = g_inet_socket_address_new_from_string (peer, 40000);
  g_autoptr(GSocketAddress) local = g_inet_socket_address_new_from_string ("127.0.0.1", 80);
  g_autoptr(GString) answer = g_string_new (NULL);
  int fds[2];
  GOutputStream *output;
  char buffer[4096];
  gssize n;

  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM, 0, fds), ==, 0);
  ours = g_socket_new_from_fd (fds[0], &error);
  g_assert_no_error (error);
  theirs = g_socket_new_from_fd (fds[1], &error);
  g_assert_no_error (error);
  server_side = g_socket_connection_factory_create_connection (theirs);
  client_side = g_socket_connection_factory_create_connection (ours);
  g_assert_true (soup_server_accept_iostream (sandbox_get_server (f->sandbox),
                                              G_IO_STREAM (server_side), local, remote, &error));
  g_assert_no_error (error);

  output = g_io_stream_get_output_stream (G_IO_STREAM (client_side));
  g_assert_true (g_output_stream_write_all (output, request, strlen (request), NULL, NULL, &error));
  g_socket_set_blocking (ours, FALSE);
  /* Read until the server closes (Connection: close), running the loop it needs. */
  for (;;)
    {
      n = g_socket_receive (ours, buffer, sizeof buffer, NULL, &error);
      if (n > 0)
        {
          g_string_append_len (answer, buffer, n);
          continue;
        }
      if (n == 0)
        break;
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
      g_clear_error (&error);
      g_main_context_iteration (NULL, TRUE);
    }
  g_io_stream_close (G_IO_STREAM (client_side), NULL, NULL);
  return g_string_free (g_steal_pointer (&answer), FALSE);
}

#define RAW_HEAD "HTTP/1.1\r\nHost: sandbox\r\nConnection: close\r\n"

static void
test_control_loopback_only (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *remote_stats = NULL;
  g_autofree char *remote_fault = NULL;
  g_autofree char *remote_api = NULL;
  g_autofree char *local_stats = NULL;

  remote_stats = raw_exchange (f, "192.0.2.10",
                               "GET /_sandbox/stats " RAW_HEAD "\r\n");
  g_assert_true (g_str_has_prefix (remote_stats, "HTTP/1.1 403"));
  remote_fault = raw_exchange (f, "192.0.2.10",
                               "POST /_sandbox/latency " RAW_HEAD
                               "Content-Type: application/x-www-form-urlencoded\r\n"
                               "Content-Length: 8\r\n\r\nmsec=900");
  g_assert_true (g_str_has_prefix (remote_fault, "HTTP/1.1 403"));
  {
    guint latency = G_MAXUINT;

    g_object_get (f->sandbox, "latency", &latency, NULL);
    g_assert_cmpuint (latency, ==, 0);
  }

  /* The API does not care about the peer; the control endpoint from loopback works. */
  remote_api = raw_exchange (f, "192.0.2.10",
                             "GET /account/get-balance " RAW_HEAD
                             "Authorization: Basic ZGVtbzAwMDE6RGVtb1NlY3JldDAwMDE=\r\n\r\n");
  g_assert_true (g_str_has_prefix (remote_api, "HTTP/1.1 200"));
  local_stats = raw_exchange (f, "127.0.0.1",
                              "GET /_sandbox/stats " RAW_HEAD "\r\n");
  g_assert_true (g_str_has_prefix (local_stats, "HTTP/1.1 200"));
}

/* Recording and JSON helpers */

static void
test_recording (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *uri = NULL;
  g_autofree char *last = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(Reply) reply = get (f, "/account/numbers?country=GB&size=5", AUTH_HEADER);

    g_assert_cmpuint (reply->status, ==, 200);
  }
  uri = dial_sandbox_get_last_uri (f->sandbox);
  g_assert_cmpstr (uri, ==, "/account/numbers?country=GB&size=5");
  last = dial_sandbox_get_last_request (f->sandbox, "/account/numbers");
  g_assert_cmpstr (last, ==, "country=GB&size=5");
  g_clear_pointer (&uri, g_free);
  {
    g_autoptr(Reply) reply = get (f, "/account/get-balance", AUTH_QUERY);

    g_assert_cmpuint (reply->status, ==, 200);
  }
  uri = dial_sandbox_get_last_uri (f->sandbox);
  g_assert_nonnull (strstr (uri, "api_secret=" SECRET));
  g_assert_null (dial_sandbox_get_last_request (f->sandbox, "/number/buy"));

  /* add_owned_json refuses what is not a number. */
  g_assert_false (dial_sandbox_add_owned_json (f->sandbox, "not json", &error));
  g_clear_error (&error);
  g_assert_false (dial_sandbox_add_owned_json (f->sandbox, "[1]", &error));
  g_clear_error (&error);
  g_assert_false (dial_sandbox_add_owned_json (f->sandbox, "{\"country\":\"GB\"}", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (dial_sandbox_add_owned_json (f->sandbox,
                                               "{\"country\":\"GB\",\"msisdn\":\"44\","
                                               "\"type\":\"fax\"}",
                                               &error));
  g_clear_error (&error);
  g_assert_true (dial_sandbox_add_owned_json (f->sandbox,
                                              "{\"country\":\"GB\",\"msisdn\":\"447700900777\","
                                              "\"features\":[\"SMS\"],"
                                              "\"moHttpUrl\":\"https://example.com/\\\"q\\\"\"}",
                                              &error));
  g_assert_no_error (error);
  g_assert_false (dial_sandbox_add_owned_json (f->sandbox,
                                               "{\"country\":\"GB\",\"msisdn\":\"447700900777\"}",
                                               &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_null (dial_sandbox_get_owned_json (f->sandbox, "447700900778"));
  {
    g_autoptr(JsonObject) object = owned_object (f, "447700900777");

    /* Escaped on the way out. */
    g_assert_cmpstr (str_member (object, "moHttpUrl"), ==,
                     "https://example.com/\"q\"");
  }
}

/* State file */

static char *
list_all_json (Fixture *f)
{
  GString *all = g_string_new (NULL);

  for (guint index = 1;; index++)
    {
      g_autofree char *path = g_strdup_printf ("/account/numbers?size=100&index=%u", index);
      g_autoptr(Reply) reply = get (f, path, AUTH_HEADER);

      g_assert_cmpuint (reply->status, ==, 200);
      if (g_str_equal (reply->body, "{}"))
        break;
      g_string_append (all, reply->body);
    }
  return g_string_free (all, FALSE);
}

static void
test_state_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "sandbox-state.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *bought = NULL;
  g_autofree char *withdrawn = NULL;
  g_autofree char *cancelled = NULL;
  g_autofree char *cancelled_country = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *relisted = NULL;
  g_autofree char *money = NULL;
  g_autofree char *money_again = NULL;

  g_assert_true (dial_sandbox_set_state_file (f->sandbox, path, &error));
  g_assert_no_error (error);
  /* Nothing has changed yet: no file. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  bought = find_available (f, "country=FR&type=mobile-lvn", NULL, NULL);
  withdrawn = find_available (f, "country=DE", NULL, NULL);
  {
    g_autoptr(JsonObject) page = get_page (f, "/account/numbers?size=1&index=3");
    JsonObject *number = element (page_numbers (page), 0);
    g_autoptr(Reply) buy_reply = buy_number (f, "FR", bought);
    g_autoptr(Reply) update = post (f, "/number/update", AUTH_HEADER,
                                    "country", "FR", "msisdn", bought,
                                    "moHttpUrl", "https://example.com/fr",
                                    "voiceCallbackType", "tel",
                                    "voiceCallbackValue", "33639980000", NULL);
    g_autoptr(Reply) cancel = NULL;

    cancelled = g_strdup (str_member (number, "msisdn"));
    cancelled_country = g_strdup (str_member (number, "country"));
    cancel = post (f, "/number/cancel", AUTH_HEADER, "country", cancelled_country,
                   "msisdn", cancelled, NULL);
    assert_status_body (buy_reply, 200, "success");
    assert_status_body (update, 200, "success");
    assert_status_body (cancel, 200, "success");
  }
  dial_sandbox_withdraw_available (f->sandbox, withdrawn);
  listed = list_all_json (f);
  money = balance (f);
  g_assert_cmpstr (money, ==, "23.50000000");

  /* Disposing the sandbox writes what is pending. */
  soup_session_abort (f->session);
  settle ();
  g_assert_finalize_object (g_steal_pointer (&f->sandbox));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* A new sandbox with the same seed picks up where the last one stopped. */
  f->sandbox = dial_sandbox_new (42, 30);
  g_assert_true (dial_sandbox_set_state_file (f->sandbox, path, &error));
  g_assert_no_error (error);
  g_assert_true (dial_sandbox_listen (f->sandbox, 0, &error));
  g_free (f->url);
  f->url = dial_sandbox_get_url (f->sandbox);

  relisted = list_all_json (f);
  g_assert_cmpstr (relisted, ==, listed);
  money_again = balance (f);
  g_assert_cmpstr (money_again, ==, money);
  g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox, bought), ==, 1);
  {
    g_autofree char *gone_path = g_strdup_printf ("/number/search?country=DE&pattern=%s",
                                                  withdrawn);
    g_autofree char *back_path = g_strdup_printf ("/number/search?country=%s&pattern=%s",
                                                  cancelled_country, cancelled);
    g_autofree char *bought_path = g_strdup_printf ("/number/search?country=FR&pattern=%s", bought);
    g_autoptr(JsonObject) gone = get_page (f, gone_path);
    g_autoptr(JsonObject) back = get_page (f, back_path);
    g_autoptr(JsonObject) mine = get_page (f, bought_path);
    g_autoptr(JsonObject) config = owned_object (f, bought);

    g_assert_cmpuint (json_object_get_size (gone), ==, 0);
    g_assert_cmpint (json_object_get_int_member (back, "count"), ==, 1);
    g_assert_cmpuint (json_object_get_size (mine), ==, 0);
    g_assert_cmpstr (str_member (config, "moHttpUrl"), ==, "https://example.com/fr");
  }

  /* A cancelled number keeps its price when it goes back on sale. */
  {
    g_autoptr(Reply) rebuy = post (f, "/number/buy", AUTH_HEADER, "country", cancelled_country,
                                   "msisdn", cancelled, NULL);

    assert_status_body (rebuy, 200, "success");
  }

  /* Something that is not a state file is refused, and nothing changes. */
  {
    g_autofree char *bad = g_build_filename (g_get_user_data_dir (), "bad.json", NULL);
    g_autoptr(DialSandbox) other = dial_sandbox_new (42, 30);

    g_assert_true (g_file_set_contents (bad, "{\"version\":1,\"balance\":\"x\"}", -1, NULL));
    g_assert_false (dial_sandbox_set_state_file (other, bad, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_clear_error (&error);
    g_assert_true (g_file_set_contents (bad, "<html>", -1, NULL));
    g_assert_false (dial_sandbox_set_state_file (other, bad, &error));
    g_clear_error (&error);
    g_assert_cmpuint (dial_sandbox_get_n_owned (other), ==, 30);
  }
}

/* Large lists (the benchmark's 10,000) */

static void
test_large (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonObject) first = get_page (f, "/account/numbers?size=100");
  g_autoptr(JsonObject) last = get_page (f, "/account/numbers?size=100&index=100");
  g_autoptr(JsonObject) past = get_page (f, "/account/numbers?size=100&index=101");

  g_assert_cmpint (json_object_get_int_member (first, "count"), ==, 10000);
  g_assert_cmpuint (json_array_get_length (page_numbers (first)), ==, 100);
  g_assert_cmpuint (json_array_get_length (page_numbers (last)), ==, 100);
  g_assert_cmpuint (json_object_get_size (past), ==, 0);
  g_assert_cmpuint (dial_sandbox_get_n_owned (f->sandbox), ==, 10000);
}

/* The executable */

typedef struct
{
  gboolean  done;
  char     *line;
  GError   *error;
} LineRead;

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  LineRead *read = user_data;

  read->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                          NULL, &read->error);
  read->done = TRUE;
}

static void
on_waited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL));
  *done = TRUE;
}

static void
test_executable (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *state = g_build_filename (g_get_user_data_dir (), "exe-state.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  LineRead read = { 0 };
  gboolean waited = FALSE;
  char *saved_url = f->url;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              SANDBOX_EXE, "--port", "0", "--owned", "3", "--seed", "5",
                              "--api-key", KEY, "--api-secret", SECRET, "--latency", "20",
                              "--state", state, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, on_line, &read);
  while (!read.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (read.error);
  g_assert_true (g_regex_match_simple ("^http://127\\.0\\.0\\.1:[0-9]+$", read.line, 0, 0));

  f->url = read.line;
  {
    g_autoptr(JsonObject) page = get_page (f, "/account/numbers");
    g_autoptr(Reply) reply = get (f, "/account/get-balance", AUTH_HEADER);
    g_autoptr(Reply) spend = NULL;
    g_autofree char *msisdn = find_available (f, "country=GB&type=mobile-lvn", NULL, NULL);

    g_assert_cmpint (json_object_get_int_member (page, "count"), ==, 3);
    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpint (reply->elapsed_us, >=, 20 * G_TIME_SPAN_MILLISECOND);
    spend = buy_number (f, "GB", msisdn);
    assert_status_body (spend, 200, "success");
  }
  f->url = saved_url;
  soup_session_abort (f->session);

  /* SIGTERM ends it cleanly, with its state saved. */
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait_async (process, NULL, on_waited, &waited);
  while (!waited)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (state, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "\"balance\":\"23.75000000\""));
  }
  g_free (read.line);

  /* Bad options: a message on stderr and a failure status, nothing on stdout. */
  {
    g_autoptr(GSubprocess) bad = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                   G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                                   SANDBOX_EXE, "--api-key", "only-a-key", NULL);
    g_autofree char *stdout_text = NULL;
    g_autofree char *stderr_text = NULL;

    g_assert_no_error (error);
    g_assert_true (g_subprocess_communicate_utf8 (bad, NULL, NULL, &stdout_text, &stderr_text,
                                                  &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_subprocess_get_exit_status (bad), !=, 0);
    g_assert_cmpstr (stdout_text, ==, "");
    g_assert_nonnull (strstr (stderr_text, "--api-secret"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, n) \
  g_test_add ("/sandbox/" path, Fixture, GUINT_TO_POINTER (n), \
              fixture_setup, func, fixture_teardown)

  ADD ("auth/header", test_auth_header, 30);
  ADD ("auth/query", test_auth_query, 30);
  ADD ("auth/refused", test_auth_refused, 30);
  ADD ("list/paging", test_list_paging, 250);
  ADD ("list/limits", test_list_limits, 30);
  ADD ("list/filters", test_list_filters, 300);
  ADD ("list/varied", test_list_varied, 300);
  ADD ("search/basic", test_search, 30);
  ADD ("search/rules", test_search_rules, 30);
  ADD ("search/catalogue", test_catalogue, 30);
  ADD ("balance", test_balance, 30);
  ADD ("buy/success", test_buy, 30);
  ADD ("buy/refused", test_buy_refused, 30);
  ADD ("post/bad-requests", test_bad_requests, 30);
  ADD ("cancel", test_cancel, 30);
  ADD ("update/config", test_update, 30);
  ADD ("update/refused", test_update_refused, 30);
  ADD ("update/webhook", test_update_webhook, 30);
  ADD ("fault/http", test_fault_http, 30);
  ADD ("fault/count", test_fault_count, 30);
  ADD ("fault/throttle", test_fault_throttle, 30);
  ADD ("fault/hang", test_fault_hang, 30);
  ADD ("fault/drop", test_fault_drop, 30);
  ADD ("fault/truncate", test_fault_truncate, 30);
  ADD ("fault/malformed", test_fault_malformed, 30);
  ADD ("fault/slow", test_fault_slow, 30);
  ADD ("fault/delayed", test_fault_delayed, 30);
  ADD ("latency/every", test_latency, 30);
  ADD ("latency/parallel", test_latency_parallel, 30);
  ADD ("control", test_control, 30);
  ADD ("control/loopback-only", test_control_loopback_only, 30);
  ADD ("recording", test_recording, 30);
  ADD ("state-file", test_state_file, 30);
  ADD ("large", test_large, 10000);
  ADD ("executable", test_executable, 30);

  return g_test_run ();
}
