/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Keeps the benchmark harness from rotting: runs `dialtone-bench --quick` (one run, 1,000
 * numbers) and checks that its output is well-formed JSON lines with the expected figures and
 * request counts. It asserts no speed: only what must hold however fast the machine is.
 */
#define G_LOG_DOMAIN "test-bench"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <json-glib/json-glib.h>

#define QUICK_NUMBERS  1000
#define QUICK_PAGES    10
#define LATENCY_MS     150
#define DEMO_KEY       "demo0001"
#define DEMO_SECRET    "DemoSecret0001"

typedef struct
{
  int         status;
  char       *out;
  char       *err;
  GHashTable *figures; /* name -> JsonObject */
} BenchResult;

static void
bench_result_free (BenchResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_clear_pointer (&result->figures, g_hash_table_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchResult, bench_result_free)

static const char *
bench_path (void)
{
  const char *path = g_getenv ("DIALTONE_BENCH");

  g_assert_nonnull (path);
  return path;
}

/* In a child before exec: a test that fails leaves no process behind. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Parses every line of stdout as one JSON object with a name, a numeric value and a unit. */
static GHashTable *
parse_figures (const char *out)
{
  g_autoptr(GHashTable) figures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) json_object_unref);
  g_auto(GStrv) lines = g_strsplit (out, "\n", 0);
  guint n = g_strv_length (lines);

  /* The output ends with a newline: the last piece is empty, and no other is. */
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpstr (lines[n - 1], ==, "");
  for (guint i = 0; i + 1 < n; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *object;
      JsonNode *value;
      const char *name;

      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
      object = json_node_get_object (json_parser_get_root (parser));

      name = json_object_get_string_member_with_default (object, "name", NULL);
      g_assert_nonnull (name);
      value = json_object_get_member (object, "value");
      g_assert_nonnull (value);
      g_assert_true (JSON_NODE_HOLDS_VALUE (value));
      g_assert_true (json_node_get_value_type (value) == G_TYPE_DOUBLE
                     || json_node_get_value_type (value) == G_TYPE_INT64);
      g_assert_true (isfinite (json_node_get_double (value)));
      g_assert_nonnull (json_object_get_string_member_with_default (object, "unit", NULL));

      /* Each figure once. */
      g_assert_false (g_hash_table_contains (figures, name));
      g_hash_table_insert (figures, g_strdup (name), json_object_ref (object));
    }
  return g_steal_pointer (&figures);
}

/* Runs dialtone-bench with @args; @env_* (nullable) are set in its environment. */
static BenchResult *
run_bench (const char * const *args,
           const char         *env_key,
           const char         *env_secret,
           gboolean            with_sandbox)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  BenchResult *result = g_new0 (BenchResult, 1);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_unsetenv (launcher, "DIALTONE_API_KEY");
  g_subprocess_launcher_unsetenv (launcher, "DIALTONE_API_SECRET");
  if (env_key != NULL)
    g_subprocess_launcher_setenv (launcher, "DIALTONE_API_KEY", env_key, TRUE);
  if (env_secret != NULL)
    g_subprocess_launcher_setenv (launcher, "DIALTONE_API_SECRET", env_secret, TRUE);
  if (!with_sandbox)
    g_subprocess_launcher_unsetenv (launcher, "DIALTONE_SANDBOX");

  g_ptr_array_add (argv, (gpointer) bench_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process))
    g_error ("dialtone-bench was killed by signal %d: %s", g_subprocess_get_term_sig (process),
             result->err);
  result->status = g_subprocess_get_exit_status (process);
  if (result->status != 0)
    g_test_message ("dialtone-bench exited with %d: %s", result->status, result->err);
  return result;
}

static JsonObject *
figure (BenchResult *result,
        const char  *name)
{
  JsonObject *object = g_hash_table_lookup (result->figures, name);

  if (object == NULL)
    g_error ("no figure \"%s\" in:\n%s", name, result->out);
  return object;
}

static double
figure_value (BenchResult *result,
              const char  *name)
{
  return json_object_get_double_member (figure (result, name), "value");
}

static gint64
figure_int (BenchResult *result,
            const char  *name,
            const char  *key)
{
  JsonObject *object = figure (result, name);

  g_assert_true (json_object_has_member (object, key));
  return json_object_get_int_member (object, key);
}

/* A figure with a target has "target" and a boolean "ok" that says value ≤ target. */
static void
assert_target (BenchResult *result,
               const char  *name)
{
  JsonObject *object = figure (result, name);
  JsonNode *ok = json_object_get_member (object, "ok");
  double value = json_object_get_double_member (object, "value");
  double target = json_object_get_double_member (object, "target");

  g_assert_nonnull (ok);
  g_assert_true (json_node_get_value_type (ok) == G_TYPE_BOOLEAN);
  g_assert_cmpint (json_node_get_boolean (ok), ==, value <= target);
}

static void
assert_unit (BenchResult *result,
             const char  *name,
             const char  *unit)
{
  g_assert_cmpstr (json_object_get_string_member (figure (result, name), "unit"), ==, unit);
}

/* Checks the figures both modes print. */
static void
assert_listing_figures (BenchResult *result)
{
  assert_unit (result, "first_page", "ms");
  assert_unit (result, "list_all", "ms");
  assert_unit (result, "curl_list_all", "ms");
  assert_unit (result, "json_glib_parse_per_number", "µs");
  assert_unit (result, "client_cpu_per_number", "µs");
  assert_unit (result, "bytes_per_number", "B");

  g_assert_cmpfloat (figure_value (result, "first_page"), >, 0);
  g_assert_cmpfloat (figure_value (result, "list_all"), >, 0);
  g_assert_cmpfloat (figure_value (result, "curl_list_all"), >, 0);
  g_assert_cmpfloat (figure_value (result, "json_glib_parse_per_number"), >, 0);
  g_assert_cmpfloat (figure_value (result, "client_cpu_per_number"), >, 0);
  g_assert_cmpint (figure_int (result, "list_all", "numbers"), ==, QUICK_NUMBERS);
  g_assert_cmpint (figure_int (result, "list_all", "pages"), ==, QUICK_PAGES);
  g_assert_cmpint (figure_int (result, "curl_list_all", "requests"), ==, QUICK_PAGES);

  assert_target (result, "list_all");
  assert_target (result, "client_cpu_per_number");
  assert_target (result, "bytes_per_number");
  /* list_all's target is 1.5 × curl's time. */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (figure (result, "list_all"),
                                                                 "target"),
                                  1.5 * figure_value (result, "curl_list_all"), 0.02);
}

static void
test_bench_quick (void)
{
  const char *args[] = { "--quick", NULL };
  g_autoptr(BenchResult) result = run_bench (args, NULL, NULL, TRUE);
  const char *expected[] = {
    "first_page", "list_all", "curl_list_all", "json_glib_parse_per_number",
    "client_cpu_per_number", "bytes_per_number", "sandbox_cpu_per_page", "latency_floor",
    "list_all_latency",
  };
  double floor_ms;

  g_assert_cmpint (result->status, ==, 0);
  result->figures = parse_figures (result->out);
  g_assert_cmpuint (g_hash_table_size (result->figures), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (figure (result, expected[i]));

  assert_listing_figures (result);

  /* The sandbox counted exactly one request for the first page and one per page after. */
  g_assert_cmpint (figure_int (result, "first_page", "requests"), ==, 1);
  g_assert_cmpint (figure_int (result, "list_all", "requests"), ==, QUICK_PAGES);
  g_assert_cmpint (figure_int (result, "list_all_latency", "requests"), ==, QUICK_PAGES);

  assert_unit (result, "sandbox_cpu_per_page", "ms");
  assert_target (result, "sandbox_cpu_per_page");
  g_assert_cmpfloat (figure_value (result, "sandbox_cpu_per_page"), >=, 0);

  /* latency_floor = (1 + ceil ((pages - 1) / 3)) × 150 ms. */
  floor_ms = (1 + ceil ((QUICK_PAGES - 1) / 3.0)) * LATENCY_MS;
  g_assert_cmpfloat_with_epsilon (figure_value (result, "latency_floor"), floor_ms, 0.001);
  g_assert_cmpint (figure_int (result, "latency_floor", "in_flight"), ==, 3);
  assert_target (result, "list_all_latency");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (figure (result,
                                                                         "list_all_latency"),
                                                                 "target"),
                                  1.15 * floor_ms, 0.01);
  /* Not a speed assertion but a lower bound that holds on any machine: with every response
   * delayed by 150 ms and at most 3 requests in flight, listing cannot beat the floor. */
  g_assert_cmpfloat (figure_value (result, "list_all_latency"), >=, floor_ms - 1);
}

/* Starts a sandbox of the test's own; returns its URL. */
static GSubprocess *
start_sandbox (char **out_url)
{
  const char *sandbox = g_getenv ("DIALTONE_SANDBOX");
  g_autofree char *owned = g_strdup_printf ("%d", QUICK_NUMBERS);
  const char *argv[] = { sandbox, "--port", "0", "--owned", owned, NULL };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GError) error = NULL;
  char *line;

  g_assert_nonnull (sandbox);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "http://127.0.0.1:"));
  *out_url = line;
  /* The sandbox prints nothing more; the pipe may close. */
  return g_steal_pointer (&process);
}

static void
stop_sandbox (GSubprocess *process)
{
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
}

static void
test_bench_url (void)
{
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) sandbox = start_sandbox (&url);
  const char *args[] = { "--quick", "--url", url, NULL };
  g_autoptr(BenchResult) result = NULL;
  const char *absent[] = { "sandbox_cpu_per_page", "latency_floor", "list_all_latency" };

  /* Credentials from the environment; the sandbox is somebody else's, so none is started. */
  result = run_bench (args, DEMO_KEY, DEMO_SECRET, FALSE);
  stop_sandbox (sandbox);
  g_assert_cmpint (result->status, ==, 0);
  result->figures = parse_figures (result->out);
  assert_listing_figures (result);
  for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
    g_assert_false (g_hash_table_contains (result->figures, absent[i]));
  /* A server that answers the sandbox's control endpoint still has its requests counted. */
  g_assert_cmpint (figure_int (result, "list_all", "requests"), ==, QUICK_PAGES);

  /* The secret is never printed. */
  g_assert_null (strstr (result->out, DEMO_SECRET));
  g_assert_null (strstr (result->err, DEMO_SECRET));
}

static void
test_bench_url_wrong_secret (void)
{
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) sandbox = start_sandbox (&url);
  const char *args[] = { "--quick", "--url", url, "--api-key", DEMO_KEY,
                         "--api-secret", "WrongSecret0042", NULL };
  g_autoptr(BenchResult) result = run_bench (args, NULL, NULL, FALSE);

  stop_sandbox (sandbox);
  /* No figures from a listing that failed, a message on stderr, and the secret not in it. */
  g_assert_cmpint (result->status, ==, 1);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_cmpstr (result->err, !=, "");
  g_assert_null (strstr (result->err, "WrongSecret0042"));
}

static void
test_bench_url_refused (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(BenchResult) result = NULL;

  /* A port that was free a moment ago and has no listener: the connection is refused. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  {
    const char *args[] = { "--quick", "--url", url, NULL };

    result = run_bench (args, DEMO_KEY, DEMO_SECRET, FALSE);
  }
  g_assert_cmpint (result->status, ==, 1);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_cmpstr (result->err, !=, "");
  g_assert_null (strstr (result->err, DEMO_SECRET));
}

static void
test_bench_usage_errors (void)
{
  const char *no_server[] = { "--quick", NULL };
  const char *no_credentials[] = { "--quick", "--url", "http://127.0.0.1:9", NULL };
  const char *negative[] = { "--runs", "-1", NULL };
  g_autoptr(BenchResult) a = run_bench (no_server, NULL, NULL, FALSE);
  g_autoptr(BenchResult) b = run_bench (no_credentials, NULL, NULL, FALSE);
  g_autoptr(BenchResult) c = run_bench (negative, NULL, NULL, TRUE);

  /* Neither a sandbox nor a URL; a URL without credentials; a nonsense option. */
  g_assert_cmpint (a->status, ==, 1);
  g_assert_nonnull (strstr (a->err, "DIALTONE_SANDBOX"));
  g_assert_cmpint (b->status, ==, 1);
  g_assert_nonnull (strstr (b->err, "--api-secret"));
  g_assert_cmpint (c->status, ==, 2);
  g_assert_cmpstr (a->out, ==, "");
  g_assert_cmpstr (b->out, ==, "");
  g_assert_cmpstr (c->out, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/bench/quick", test_bench_quick);
  g_test_add_func ("/bench/url", test_bench_url);
  g_test_add_func ("/bench/url-wrong-secret", test_bench_url_wrong_secret);
  g_test_add_func ("/bench/url-refused", test_bench_url_refused);
  g_test_add_func ("/bench/usage-errors", test_bench_usage_errors);
  return g_test_run ();
}
