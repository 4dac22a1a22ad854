/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dialtone-bench: the engine benchmark (issue 2, section 5).
 *
 * Starts `dialtone-sandbox` as a process of its own (it is never linked in, so its CPU and heap
 * are not the client's), lists every owned number through DialClient, and prints one JSON object
 * per figure on stdout, each the median of several runs. Progress and errors go to stderr.
 * With --url it measures an external server instead (no sandbox is started).
 */
#define G_LOG_DOMAIN "dialtone-bench"

#include "config.h"

#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include <libsoup/soup.h>

#include "dial-bench-util.h"
#include "dial-client.h"
#include "dial-error.h"
#include "dial-number.h"

#define LIST_PATH          "/account/numbers"
#define STATS_PATH         "/_sandbox/stats"
#define IN_FLIGHT_LIMIT    3
#define DEFAULT_RUNS       5
#define DEFAULT_OWNED      10000
#define QUICK_OWNED        1000
#define DEFAULT_LATENCY_MS 150
#define START_TIMEOUT_S    30

/* Targets (issue 2, section 5). */
#define TARGET_CPU_US_PER_NUMBER   8.0
#define TARGET_BYTES_PER_NUMBER    450.0
#define TARGET_LATENCY_FACTOR      1.15
#define TARGET_CURL_FACTOR         1.5
#define TARGET_SANDBOX_MS_PER_PAGE 1.0

/* Options */
static gboolean opt_quick;
static int      opt_runs;
static int      opt_owned;
static int      opt_latency = DEFAULT_LATENCY_MS;
static char    *opt_url;
static char    *opt_api_key;
static char    *opt_api_secret;
static char    *opt_sandbox;
static char    *opt_curl;

static GOptionEntry entries[] = {
  { "quick", 0, 0, G_OPTION_ARG_NONE, &opt_quick,
    "One run with 1,000 numbers (checks the harness, measures nothing useful)", NULL },
  { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Runs per figure (default 5)", "N" },
  { "owned", 0, 0, G_OPTION_ARG_INT, &opt_owned,
    "Owned numbers in the sandbox (default 10000)", "N" },
  { "latency", 0, 0, G_OPTION_ARG_INT, &opt_latency,
    "Sandbox latency for list_all_latency in ms (default 150)", "MS" },
  { "url", 0, 0, G_OPTION_ARG_STRING, &opt_url,
    "Measure this server instead of a sandbox of our own", "URL" },
  { "api-key", 0, 0, G_OPTION_ARG_STRING, &opt_api_key,
    "API key for --url (else $DIALTONE_API_KEY)", "KEY" },
  { "api-secret", 0, 0, G_OPTION_ARG_STRING, &opt_api_secret,
    "API secret for --url (else $DIALTONE_API_SECRET)", "SECRET" },
  { "sandbox", 0, 0, G_OPTION_ARG_FILENAME, &opt_sandbox,
    "The dialtone-sandbox executable (else $DIALTONE_SANDBOX)", "PATH" },
  { "curl", 0, 0, G_OPTION_ARG_FILENAME, &opt_curl, "The curl executable (default /usr/bin/curl)",
    "PATH" },
  { NULL }
};

/* A server to measure: a sandbox we started, or an external one. */
typedef struct
{
  char             *url;        /* base URL, no trailing slash */
  char             *api_key;
  char             *api_secret;
  GSubprocess      *process;    /* NULL for an external server */
  GDataInputStream *stdout_in;  /* kept open so the sandbox never writes into a closed pipe */
  gboolean          has_stats;  /* answers GET /_sandbox/stats */
} Server;

/* One run of the listing figures. */
typedef struct
{
  double first_page_ms;
  double list_all_ms;
  double cpu_us;
  double heap_bytes;
  guint  count;
  guint  requests_first_page;
  guint  requests_list_all;
  double sandbox_cpu_ms;
} Run;

static SoupSession *control_session;

/* ---------------------------------------------------------------------------------------- */
/* Waiting for async results on the default main context                                     */

static void
on_async_ready (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* Runs what is ready (responses being freed, connections settling) without waiting. */
static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
on_timeout_flag (gpointer user_data)
{
  gboolean *flag = user_data;

  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

/* ---------------------------------------------------------------------------------------- */
/* Clocks and counters                                                                        */

/* Heap in use: small chunks in every arena plus mmapped ones (a large GPtrArray is mmapped). */
static double
heap_in_use (void)
{
  struct mallinfo2 mi = mallinfo2 ();

  return (double) mi.uordblks + (double) mi.hblkhd;
}

/* utime + stime of @pid in ms, from /proc/PID/stat; -1 when unreadable. */
static double
process_cpu_ms_of (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", pid);
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_comm;
  long ticks_per_s = sysconf (_SC_CLK_TCK);

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return -1;
  /* The command name may contain spaces; the fields after it are fixed. */
  after_comm = strrchr (contents, ')');
  if (after_comm == NULL)
    return -1;
  fields = g_strsplit (after_comm + 2, " ", 0);
  /* After "(comm) ": state is field 3 of stat(5), so utime (14) and stime (15) are at 11, 12. */
  if (g_strv_length (fields) < 13)
    return -1;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) * 1000.0
         / (double) ticks_per_s;
}


static double
minimum (const double *values,
         guint         n)
{
  double m = values[0];

  for (guint i = 1; i < n; i++)
    m = MIN (m, values[i]);
  return m;
}

static guint
pages_for (guint count)
{
  return count == 0 ? 1 : (count + DIAL_PAGE_SIZE_MAX - 1) / DIAL_PAGE_SIZE_MAX;
}

/* ---------------------------------------------------------------------------------------- */
/* The sandbox's control endpoint                                                             */

/* Requests the sandbox has seen on @path (GET /_sandbox/stats); G_MAXUINT when unknown. The
 * stats body is {"requests": {"<path>": N, …}, …}. */
static guint
sandbox_request_count (Server     *server,
                       const char *path)
{
  g_autofree char *uri = g_strconcat (server->url, STATS_PATH, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root, *member;
  JsonObject *requests;

  if (msg == NULL)
    return G_MAXUINT;
  soup_session_send_and_read_async (control_session, msg, G_PRIORITY_DEFAULT, NULL,
                                    on_async_ready, &result);
  body = soup_session_send_and_read_finish (control_session, wait_for (&result), &error);
  if (body == NULL || soup_message_get_status (msg) != SOUP_STATUS_OK)
    return G_MAXUINT;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                   g_bytes_get_size (body), NULL))
    return G_MAXUINT;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return G_MAXUINT;
  member = json_object_get_member (json_node_get_object (root), "requests");
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    return G_MAXUINT;
  requests = json_node_get_object (member);
  return json_object_get_int_member_with_default (requests, path, 0);
}

/* ---------------------------------------------------------------------------------------- */
/* Servers                                                                                    */

static void
server_stop (Server *server)
{
  if (server->process != NULL)
    {
      g_autoptr(GAsyncResult) result = NULL;

      g_subprocess_send_signal (server->process, SIGTERM);
      g_subprocess_wait_async (server->process, NULL, on_async_ready, &result);
      g_subprocess_wait_finish (server->process, wait_for (&result), NULL);
    }
  g_clear_object (&server->stdout_in);
  g_clear_object (&server->process);
  g_clear_pointer (&server->url, g_free);
  g_clear_pointer (&server->api_key, g_free);
  g_clear_pointer (&server->api_secret, g_free);
}

/* In the sandbox's process before exec: a benchmark that crashes leaves no server behind. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Starts `dialtone-sandbox --port 0 --owned N [--latency MS]` and reads its URL line. */
static gboolean
server_start_sandbox (Server      *server,
                      const char  *sandbox_path,
                      guint        owned,
                      guint        latency_ms,
                      GError     **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *line = NULL;
  gboolean timed_out = FALSE;
  guint timeout_id;

  memset (server, 0, sizeof *server);
  g_ptr_array_add (argv, g_strdup (sandbox_path));
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup ("0"));
  g_ptr_array_add (argv, g_strdup ("--owned"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", owned));
  g_ptr_array_add (argv, g_strdup ("--seed"));
  g_ptr_array_add (argv, g_strdup ("1"));
  if (latency_ms > 0)
    {
      g_ptr_array_add (argv, g_strdup ("--latency"));
      g_ptr_array_add (argv, g_strdup_printf ("%u", latency_ms));
    }
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                  error);
  if (server->process == NULL)
    return FALSE;
  server->stdout_in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));

  timeout_id = g_timeout_add_seconds (START_TIMEOUT_S, on_timeout_flag, &timed_out);
  g_data_input_stream_read_line_async (server->stdout_in, G_PRIORITY_DEFAULT, NULL,
                                       on_async_ready, &result);
  while (result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   "%s printed no URL within %d s", sandbox_path, START_TIMEOUT_S);
      server_stop (server);
      /* The read is still pending on the (now closed) stream: let it finish. */
      wait_for (&result);
      return FALSE;
    }
  g_source_remove (timeout_id);

  line = g_data_input_stream_read_line_finish_utf8 (server->stdout_in, result, NULL, error);
  if (line == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s exited without printing its URL",
                     sandbox_path);
      server_stop (server);
      return FALSE;
    }
  g_strstrip (line);
  if (!g_str_has_prefix (line, "http://") && !g_str_has_prefix (line, "https://"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s printed \"%s\", not a URL", sandbox_path, line);
      server_stop (server);
      return FALSE;
    }
  while (g_str_has_suffix (line, "/"))
    line[strlen (line) - 1] = '\0';

  server->url = g_steal_pointer (&line);
  server->api_key = g_strdup ("demo0001");
  server->api_secret = g_strdup ("DemoSecret0001");
  server->has_stats = sandbox_request_count (server, LIST_PATH) != G_MAXUINT;
  if (!server->has_stats)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "the sandbox at %s does not answer GET %s", server->url, STATS_PATH);
      server_stop (server);
      return FALSE;
    }
  return TRUE;
}

static const char *
server_pid (Server *server)
{
  return server->process != NULL ? g_subprocess_get_identifier (server->process) : NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* The client's figures                                                                       */

static DialClient *
client_for (Server  *server,
            GError **error)
{
  g_autoptr(DialClient) client = dial_client_new ();

  if (!dial_client_set_base_url (client, server->url, error))
    return NULL;
  dial_client_set_credentials (client, server->api_key, server->api_secret);
  return g_steal_pointer (&client);
}

/* One run: the first page with a new client, then every page with the same client. */
static gboolean
measure_run (Server  *server,
             Run     *run,
             GError **error)
{
  g_autoptr(DialClient) client = NULL;
  g_autoptr(GAsyncResult) first_result = NULL;
  g_autoptr(GAsyncResult) all_result = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) all = NULL;
  DialOwnedQuery query = { 0 };
  const char *pid = server_pid (server);
  guint before_requests = 0, after_requests = 0;
  double sandbox_cpu_before = 0, sandbox_cpu_after = 0;
  double heap_before, heap_after, cpu_before, cpu_after;
  gint64 t0, t1;

  memset (run, 0, sizeof *run);
  client = client_for (server, error);
  if (client == NULL)
    return FALSE;

  /* first_page: a new client, so the connection is set up as a window's first load does. */
  if (server->has_stats)
    before_requests = sandbox_request_count (server, LIST_PATH);
  query.size = DIAL_PAGE_SIZE_MAX;
  query.index = 1;
  t0 = g_get_monotonic_time ();
  dial_client_list_owned_async (client, &query, NULL, on_async_ready, &first_result);
  first = dial_client_list_owned_finish (client, wait_for (&first_result), &run->count, error);
  t1 = g_get_monotonic_time ();
  if (first == NULL)
    return FALSE;
  run->first_page_ms = (t1 - t0) / 1000.0;
  if (first->len != MIN (run->count, DIAL_PAGE_SIZE_MAX))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "the first page has %u numbers of %u", first->len, run->count);
      return FALSE;
    }
  g_clear_pointer (&first, g_ptr_array_unref);
  if (server->has_stats)
    {
      after_requests = sandbox_request_count (server, LIST_PATH);
      run->requests_first_page = after_requests - before_requests;
      before_requests = after_requests;
    }

  /* list_all: wall time, the client's CPU, and the heap held by the result. */
  memset (&query, 0, sizeof query);
  drain ();
  if (pid != NULL)
    sandbox_cpu_before = process_cpu_ms_of (pid);
  heap_before = heap_in_use ();
  cpu_before = dial_bench_process_cpu_us ();
  t0 = g_get_monotonic_time ();
  dial_client_list_all_owned_async (client, &query, NULL, NULL, NULL, on_async_ready,
                                    &all_result);
  all = dial_client_list_all_owned_finish (client, wait_for (&all_result), error);
  t1 = g_get_monotonic_time ();
  if (all == NULL)
    return FALSE;
  g_clear_object (&all_result);
  drain ();
  cpu_after = dial_bench_process_cpu_us ();
  heap_after = heap_in_use ();
  if (pid != NULL)
    sandbox_cpu_after = process_cpu_ms_of (pid);

  run->list_all_ms = (t1 - t0) / 1000.0;
  run->cpu_us = cpu_after - cpu_before;
  run->heap_bytes = heap_after - heap_before;
  run->sandbox_cpu_ms = pid != NULL ? sandbox_cpu_after - sandbox_cpu_before : -1;
  if (all->len != run->count)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "list_all returned %u numbers, the server counts %u", all->len, run->count);
      return FALSE;
    }
  if (server->has_stats)
    run->requests_list_all = sandbox_request_count (server, LIST_PATH) - before_requests;
  return TRUE;
}

/* list_all alone with a new client (for the latency figure); returns ms or -1. */
static double
measure_list_all (Server  *server,
                  guint   *out_count,
                  guint   *out_requests,
                  GError **error)
{
  g_autoptr(DialClient) client = client_for (server, error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) all = NULL;
  DialOwnedQuery query = { 0 };
  guint before_requests;
  gint64 t0, t1;

  if (client == NULL)
    return -1;
  before_requests = sandbox_request_count (server, LIST_PATH);
  t0 = g_get_monotonic_time ();
  dial_client_list_all_owned_async (client, &query, NULL, NULL, NULL, on_async_ready, &result);
  all = dial_client_list_all_owned_finish (client, wait_for (&result), error);
  t1 = g_get_monotonic_time ();
  if (all == NULL)
    return -1;
  *out_count = all->len;
  *out_requests = sandbox_request_count (server, LIST_PATH) - before_requests;
  return (t1 - t0) / 1000.0;
}

/* ---------------------------------------------------------------------------------------- */
/* json-glib alone: the parse floor                                                           */

/* Every page's body, fetched once with the bench's own session (Basic credentials in a header,
 * as the client sends them). */
static GPtrArray *
fetch_pages (Server  *server,
             guint    pages,
             GError **error)
{
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree char *credentials = g_strconcat (server->api_key, ":", server->api_secret, NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  g_autofree char *authorization = g_strconcat ("Basic ", encoded, NULL);

  for (guint i = 1; i <= pages; i++)
    {
      g_autofree char *uri = g_strdup_printf ("%s%s?size=%d&index=%u", server->url, LIST_PATH,
                                              DIAL_PAGE_SIZE_MAX, i);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
      g_autoptr(GAsyncResult) result = NULL;
      GBytes *body;

      if (msg == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "not a URL: %s", uri);
          return NULL;
        }
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    authorization);
      soup_session_send_and_read_async (control_session, msg, G_PRIORITY_DEFAULT, NULL,
                                        on_async_ready, &result);
      body = soup_session_send_and_read_finish (control_session, wait_for (&result), error);
      if (body == NULL)
        return NULL;
      g_ptr_array_add (bodies, body);
      if (soup_message_get_status (msg) != SOUP_STATUS_OK)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "page %u answered HTTP %u", i,
                       soup_message_get_status (msg));
          return NULL;
        }
    }
  memset (credentials, 0, strlen (credentials));
  memset (authorization, 0, strlen (authorization));
  return g_steal_pointer (&bodies);
}

/* CPU µs for json-glib alone to parse (and free) every body: what any json-glib client pays
 * per listing before it builds a single object of its own. */
static double
measure_json_parse (GPtrArray  *bodies,
                    GError    **error)
{
  double before = dial_bench_process_cpu_us ();

  for (guint i = 0; i < bodies->len; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize length;
      const char *data = g_bytes_get_data (g_ptr_array_index (bodies, i), &length);

      if (!json_parser_load_from_data (parser, data, length, error))
        return -1;
    }
  return dial_bench_process_cpu_us () - before;
}

/* ---------------------------------------------------------------------------------------- */
/* curl: the transfer floor                                                                   */

/* A string for a curl config file: in double quotes, with \ and " escaped. */
static void
append_config_string (GString    *config,
                      const char *key,
                      const char *value)
{
  g_string_append_printf (config, "%s = \"", key);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (config, '\\');
      g_string_append_c (config, *p);
    }
  g_string_append (config, "\"\n");
}

/* One curl process fetching every page in order over one connection. The config (URLs and the
 * credentials) goes through stdin, so no credential is on a command line. Returns the sum of
 * curl's own per-transfer times in ms (the transfer floor), and the process's wall time. */
static double
measure_curl (Server      *server,
              const char  *curl_path,
              guint        pages,
              double      *out_process_ms,
              GError     **error)
{
  g_autoptr(GString) config = g_string_new (NULL);
  g_autoptr(GSubprocess) curl = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *credentials = NULL;
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { curl_path, "--config", "-", NULL };
  double total_ms = 0;
  guint transfers = 0;
  gint64 t0, t1;

  g_string_append (config, "silent\nshow-error\n");
  g_string_append (config, "write-out = \"%{http_code} %{time_total}\\n\"\n");
  credentials = g_strconcat (server->api_key, ":", server->api_secret, NULL);
  append_config_string (config, "user", credentials);
  memset (credentials, 0, strlen (credentials));
  for (guint i = 1; i <= pages; i++)
    {
      g_autofree char *url = g_strdup_printf ("%s%s?size=%d&index=%u", server->url, LIST_PATH,
                                              DIAL_PAGE_SIZE_MAX, i);

      append_config_string (config, "url", url);
      g_string_append (config, "output = \"/dev/null\"\n");
    }

  curl = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                    | G_SUBPROCESS_FLAGS_STDERR_PIPE, error);
  if (curl == NULL)
    return -1;
  t0 = g_get_monotonic_time ();
  g_subprocess_communicate_utf8_async (curl, config->str, NULL, on_async_ready, &result);
  if (!g_subprocess_communicate_utf8_finish (curl, wait_for (&result), &out, &err, error))
    return -1;
  t1 = g_get_monotonic_time ();
  memset (config->str, 0, config->len);

  if (!g_subprocess_get_if_exited (curl) || g_subprocess_get_exit_status (curl) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "curl failed: %s",
                   err != NULL ? g_strstrip (err) : "");
      return -1;
    }
  lines = g_strsplit (out, "\n", 0);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (*lines[i] == '\0')
        continue;
      fields = g_strsplit (lines[i], " ", 2);
      if (g_strv_length (fields) != 2 || strcmp (fields[0], "200") != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "curl: transfer %u answered %s", transfers + 1, fields[0]);
          return -1;
        }
      total_ms += g_ascii_strtod (fields[1], NULL) * 1000.0;
      transfers++;
    }
  if (transfers != pages)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "curl made %u transfers of %u",
                   transfers, pages);
      return -1;
    }
  *out_process_ms = (t1 - t0) / 1000.0;
  return total_ms;
}

/* ---------------------------------------------------------------------------------------- */
/* Output: one JSON object per line                                                           */

typedef struct
{
  GString *line;
} Figure;

static Figure
figure_begin (const char *name,
              double      value,
              const char *unit)
{
  Figure figure = { g_string_new (NULL) };
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (figure.line, "{\"name\": \"%s\", \"value\": %s, \"unit\": \"%s\"",
                          name, g_ascii_formatd (buf, sizeof buf, "%.2f", value), unit);
  return figure;
}

static void
figure_uint (Figure     *figure,
             const char *key,
             guint       value)
{
  g_string_append_printf (figure->line, ", \"%s\": %u", key, value);
}

static void
figure_double (Figure     *figure,
               const char *key,
               double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (figure->line, ", \"%s\": %s", key,
                          g_ascii_formatd (buf, sizeof buf, "%.2f", value));
}

/* As printed: two decimals. */
static double
printed (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_ascii_strtod (g_ascii_formatd (buf, sizeof buf, "%.2f", value), NULL);
}

/* A target the value must not exceed, judged on the two as printed, so that "ok" always says
 * what a reader of the line would conclude (17.781 against 17.779 prints 17.78 ≤ 17.78). */
static void
figure_target (Figure *figure,
               double  value,
               double  target)
{
  figure_double (figure, "target", target);
  g_string_append_printf (figure->line, ", \"ok\": %s",
                          printed (value) <= printed (target) ? "true" : "false");
}

static void
figure_end (Figure *figure)
{
  g_string_append (figure->line, "}\n");
  fputs (figure->line->str, stdout);
  fflush (stdout);
  g_string_free (figure->line, TRUE);
}

/* ---------------------------------------------------------------------------------------- */

static gboolean
run_benchmark (GError **error)
{
  Server server = { 0 };
  Server slow = { 0 };
  gboolean external = opt_url != NULL;
  g_autofree double *first_page = NULL, *list_all = NULL, *cpu = NULL, *heap = NULL;
  g_autofree double *curl_ms = NULL, *curl_process = NULL, *latency = NULL, *parse = NULL;
  g_autoptr(GPtrArray) bodies = NULL;
  guint runs = opt_runs > 0 ? (guint) opt_runs : (opt_quick ? 1 : DEFAULT_RUNS);
  guint owned = opt_owned > 0 ? (guint) opt_owned : (opt_quick ? QUICK_OWNED : DEFAULT_OWNED);
  guint count = 0, pages, requests_first = G_MAXUINT, requests_all = G_MAXUINT;
  guint latency_requests = G_MAXUINT;
  double sandbox_cpu_ms = 0;
  gboolean sandbox_cpu_known = TRUE;
  const char *curl_path = opt_curl != NULL ? opt_curl : "/usr/bin/curl";
  gboolean ok = FALSE;

  first_page = g_new0 (double, runs);
  list_all = g_new0 (double, runs);
  cpu = g_new0 (double, runs);
  heap = g_new0 (double, runs);
  curl_ms = g_new0 (double, runs);
  curl_process = g_new0 (double, runs);
  latency = g_new0 (double, runs);
  parse = g_new0 (double, runs);

  if (external)
    {
      const char *key = opt_api_key != NULL ? opt_api_key : g_getenv ("DIALTONE_API_KEY");
      const char *secret = opt_api_secret != NULL ? opt_api_secret
                                                  : g_getenv ("DIALTONE_API_SECRET");

      if (key == NULL || secret == NULL)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                               "--url needs --api-key and --api-secret "
                               "(or DIALTONE_API_KEY and DIALTONE_API_SECRET)");
          return FALSE;
        }
      server.url = g_strdup (opt_url);
      while (g_str_has_suffix (server.url, "/"))
        server.url[strlen (server.url) - 1] = '\0';
      server.api_key = g_strdup (key);
      server.api_secret = g_strdup (secret);
      /* A sandbox run by someone else still counts requests; any other server does not. */
      server.has_stats = sandbox_request_count (&server, LIST_PATH) != G_MAXUINT;
    }
  else
    {
      const char *sandbox = opt_sandbox != NULL ? opt_sandbox : g_getenv ("DIALTONE_SANDBOX");

      if (sandbox == NULL)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                               "no sandbox: pass --sandbox PATH or set DIALTONE_SANDBOX "
                               "(or measure a server with --url)");
          return FALSE;
        }
      g_message ("starting %s with %u owned numbers", sandbox, owned);
      if (!server_start_sandbox (&server, sandbox, owned, 0, error))
        return FALSE;
      if (opt_latency > 0)
        {
          g_message ("starting a second sandbox with --latency %d", opt_latency);
          if (!server_start_sandbox (&slow, sandbox, owned, opt_latency, error))
            goto out;
        }
    }

  /* A warm-up run that is not counted (types registered, strings interned, caches filled). */
  if (!opt_quick)
    {
      Run warm;

      g_message ("warm-up run");
      if (!measure_run (&server, &warm, error))
        goto out;
    }

  for (guint i = 0; i < runs; i++)
    {
      Run run;

      g_message ("run %u of %u", i + 1, runs);
      if (!measure_run (&server, &run, error))
        goto out;
      if (i > 0 && run.count != count)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "the number of owned numbers changed during the benchmark");
          goto out;
        }
      count = run.count;
      g_message ("  first_page %.2f ms, list_all %.2f ms, client CPU %.1f ms", run.first_page_ms,
                 run.list_all_ms, run.cpu_us / 1000.0);
      first_page[i] = run.first_page_ms;
      list_all[i] = run.list_all_ms;
      cpu[i] = run.cpu_us;
      heap[i] = run.heap_bytes;
      if (server.has_stats)
        {
          /* Every run must make exactly the expected requests: report the worst one. */
          if (requests_first == G_MAXUINT || run.requests_first_page != pages_for (count))
            requests_first = run.requests_first_page;
          if (requests_all == G_MAXUINT || run.requests_list_all != pages_for (count))
            requests_all = run.requests_list_all;
        }
      if (run.sandbox_cpu_ms >= 0)
        sandbox_cpu_ms += run.sandbox_cpu_ms;
      else
        sandbox_cpu_known = FALSE;

      /* curl right after the client, so that a busy moment on a shared machine weighs on both
       * figures alike. */
      curl_ms[i] = measure_curl (&server, curl_path, pages_for (count), &curl_process[i], error);
      if (curl_ms[i] < 0)
        goto out;
      g_message ("  curl %.2f ms (process %.2f ms)", curl_ms[i], curl_process[i]);
    }
  pages = pages_for (count);

  g_message ("json-glib alone on the same pages");
  bodies = fetch_pages (&server, pages, error);
  if (bodies == NULL)
    goto out;
  for (guint i = 0; i < runs; i++)
    {
      parse[i] = measure_json_parse (bodies, error);
      if (parse[i] < 0)
        goto out;
    }

  if (slow.url != NULL)
    {
      for (guint i = 0; i < runs; i++)
        {
          guint slow_count = 0, slow_requests = 0;

          g_message ("latency run %u of %u", i + 1, runs);
          latency[i] = measure_list_all (&slow, &slow_count, &slow_requests, error);
          if (latency[i] < 0)
            goto out;
          if (slow_count != count)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "the latency sandbox listed %u numbers, not %u", slow_count, count);
              goto out;
            }
          if (latency_requests == G_MAXUINT || slow_requests != pages)
            latency_requests = slow_requests;
        }
    }

  /* Every figure, in a fixed order. */
  {
    double curl_median = dial_bench_median (curl_ms, runs);
    double list_all_median = dial_bench_median (list_all, runs);
    double n = MAX (count, 1);
    Figure f;

    /* The fastest run too: on a shared machine it is the steadier estimate of the cost. */
    f = figure_begin ("first_page", dial_bench_median (first_page, runs), "ms");
    figure_double (&f, "min", minimum (first_page, runs));
    if (requests_first != G_MAXUINT)
      figure_uint (&f, "requests", requests_first);
    figure_uint (&f, "runs", runs);
    figure_end (&f);

    f = figure_begin ("list_all", list_all_median, "ms");
    figure_double (&f, "min", minimum (list_all, runs));
    if (requests_all != G_MAXUINT)
      figure_uint (&f, "requests", requests_all);
    figure_uint (&f, "numbers", count);
    figure_uint (&f, "pages", pages);
    figure_uint (&f, "runs", runs);
    figure_target (&f, list_all_median, TARGET_CURL_FACTOR * curl_median);
    figure_end (&f);

    f = figure_begin ("curl_list_all", curl_median, "ms");
    figure_double (&f, "min", minimum (curl_ms, runs));
    figure_uint (&f, "requests", pages);
    figure_double (&f, "process_ms", dial_bench_median (curl_process, runs));
    figure_uint (&f, "runs", runs);
    figure_end (&f);

    /* Not a target: the share of the client's CPU that json-glib takes whatever we do. */
    f = figure_begin ("json_glib_parse_per_number", dial_bench_median (parse, runs) / n, "µs");
    figure_uint (&f, "runs", runs);
    figure_end (&f);

    f = figure_begin ("client_cpu_per_number", dial_bench_median (cpu, runs) / n, "µs");
    figure_uint (&f, "runs", runs);
    figure_target (&f, dial_bench_median (cpu, runs) / n, TARGET_CPU_US_PER_NUMBER);
    figure_end (&f);

    f = figure_begin ("bytes_per_number", dial_bench_median (heap, runs) / n, "B");
    figure_uint (&f, "runs", runs);
    figure_target (&f, dial_bench_median (heap, runs) / n, TARGET_BYTES_PER_NUMBER);
    figure_end (&f);

    if (!external && sandbox_cpu_known)
      {
        double per_page = sandbox_cpu_ms / (runs * pages);

        /* /proc counts in clock ticks (10 ms): summed over every run's pages. */
        f = figure_begin ("sandbox_cpu_per_page", per_page, "ms");
        figure_uint (&f, "pages", runs * pages);
        figure_target (&f, per_page, TARGET_SANDBOX_MS_PER_PAGE);
        figure_end (&f);
      }

    if (slow.url != NULL)
      {
        double floor_ms = (1 + ceil ((pages - 1) / (double) IN_FLIGHT_LIMIT)) * opt_latency;
        double latency_median = dial_bench_median (latency, runs);

        f = figure_begin ("latency_floor", floor_ms, "ms");
        figure_uint (&f, "pages", pages);
        figure_uint (&f, "in_flight", IN_FLIGHT_LIMIT);
        figure_uint (&f, "latency", opt_latency);
        figure_end (&f);

        f = figure_begin ("list_all_latency", latency_median, "ms");
        figure_double (&f, "min", minimum (latency, runs));
        figure_uint (&f, "requests", latency_requests);
        figure_uint (&f, "runs", runs);
        figure_target (&f, latency_median, TARGET_LATENCY_FACTOR * floor_ms);
        figure_end (&f);
      }
  }
  ok = TRUE;

out:
  server_stop (&slow);
  server_stop (&server);
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  /* GLib 2.74 hands objects out of GSlice magazines that malloc never sees again (so the heap
   * figure would flatter whatever reuses freed slices); GLib ≥ 2.76, as in the Flatpak runtime,
   * uses malloc. Count the heap the same way everywhere: start again with G_SLICE set. And
   * `meson test` sets MALLOC_PERTURB_, which fills every allocation and costs the client (and
   * the sandbox) several times its real CPU: start again without it. */
  if (g_strcmp0 (getenv ("G_SLICE"), "always-malloc") != 0
      || (getenv ("MALLOC_PERTURB_") != NULL && g_strcmp0 (getenv ("MALLOC_PERTURB_"), "0") != 0))
    {
      setenv ("G_SLICE", "always-malloc", 1);
      unsetenv ("MALLOC_PERTURB_");
      execv ("/proc/self/exe", argv);
      g_printerr ("dialtone-bench: could not restart with G_SLICE=always-malloc: %s\n",
                  g_strerror (errno));
      return 2;
    }

  context = g_option_context_new ("- measure Dialtone's API client against a sandbox");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("dialtone-bench: %s\n", error->message);
      return 2;
    }
  if (opt_runs < 0 || opt_owned < 0 || opt_latency < 0)
    {
      g_printerr ("dialtone-bench: --runs, --owned and --latency cannot be negative\n");
      return 2;
    }

  control_session = soup_session_new_with_options ("timeout", 30, NULL);
  status = run_benchmark (&error) ? 0 : 1;
  if (error != NULL)
    g_printerr ("dialtone-bench: %s\n", error->message);
  g_clear_object (&control_session);

  g_free (opt_url);
  if (opt_api_secret != NULL)
    memset (opt_api_secret, 0, strlen (opt_api_secret));
  g_free (opt_api_key);
  g_free (opt_api_secret);
  g_free (opt_sandbox);
  g_free (opt_curl);
  return status;
}
