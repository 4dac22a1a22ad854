/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-ui-numbers"

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <stdlib.h>

#include "dial-bench-util.h"
#include "dial-client-private.h"
#include "dial-numbers-page-private.h"
#include "dial-owned-list.h"
#include "dial-sandbox.h"
#include "dial-ui-util.h"

/*
 * dialtone-bench-ui: the My Numbers page with 10,000 numbers in the sandbox, under Xvfb
 * (run it in scripts/test-session). Prints one JSON object per line:
 *
 *   - launch to first frame of the page's window and of a bare libadwaita window (header bar,
 *     empty content), each a fresh process, alternated, the median of several runs;
 *   - launch to the first frame with rows, against one list round trip measured here, on
 *     loopback and with the sandbox answering after 150 ms as the real API would;
 *   - the longest main-loop stall while all 10,000 numbers load (after the first frame);
 *   - the local filter per keystroke over 10,000 rows, from the change to the frame that shows
 *     it painted (keystrokes at typing pace), median and 90th percentile.
 *
 * The parent runs the sandbox; the windows run in child processes (the same executable with
 * --child), which report monotonic timestamps (system-wide) on stdout.
 */

#define N_NUMBERS 10000
#define N_LAUNCHES 5
/* The Numbers API's round trip, as the engine benchmark's list_all_latency has it. */
#define REAL_ROUND_TRIP_MS 150

/* One JSON object per line; @target < 0: none. Numbers in the C locale's notation. */
static void
print_figure (const char *name,
              double      value,
              const char *unit,
              double      target)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  char limit[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (number, sizeof number, "%.2f", value);
  if (target < 0)
    g_print ("{\"name\": \"%s\", \"value\": %s, \"unit\": \"%s\"}\n", name, number, unit);
  else
    g_print ("{\"name\": \"%s\", \"value\": %s, \"unit\": \"%s\", \"target\": %s}\n", name,
             number, unit, g_ascii_formatd (limit, sizeof limit, "%.2f", target));
}

/* ------------------------------------------------------------------------------------------ */
/* Child: one window, timestamps on stdout. */

typedef struct
{
  GtkWindow       *window;
  DialNumbersPage *page;
  GMainLoop       *loop;
  DialClient      *client;
  gboolean         measure;

  gboolean         first_frame_done;
  gboolean         first_rows_done;
  gboolean         rows_at_layout;
  gboolean         request_seen;

  /* Stall monitor */
  guint            stall_source;
  gint64           last_tick;
  gint64           longest_stall;
  double           last_tick_cpu;
  double           longest_stall_cpu;
  gint64           load_started;

  /* Filter keystrokes */
  GArray          *keystroke_ms;
  GArray          *keystroke_cpu_ms;
  double           keystroke_cpu_started;
  guint            keystroke;
  gint64           keystroke_started;
  GRand           *typing;
  gboolean         waiting_for_paint;
} Child;

static const char * const keystrokes[] = {
  /* Digits, then deleting them one by one (thousands of rows come back at the end). */
  "4", "44", "447", "4477", "44770", "447700", "4477009", "447700", "44770", "4477", "447",
  "44", "4", "",
  "1", "12", "123", "1234", "123", "12", "1", "",
  /* A country name, typed and deleted. */
  "g", "ge", "ger", "germ", "germa", "german", "germany", "german", "germ", "ge", "g", "",
  "u", "un", "uni", "unit", "unite", "united", "united ", "united k", "united", "uni", "u", "",
  /* Webhook text. */
  "h", "ht", "htt", "http", "https", "https:", "https:/", "https://", "https", "http", "h", "",
  "e", "ex", "exa", "exam", "examp", "exampl", "example", "example.", "exa", "e", "",
  /* Pasted and cleared at once. */
  "+44 7700 900", "", "9", "99", "999", "99", "9", "",
};

static gboolean
fully_loaded (Child *c)
{
  DialOwnedList *owned = dial_numbers_page_get_owned (c->page);

  return owned != NULL && !dial_owned_list_get_loading (owned)
         && g_list_model_get_n_items (G_LIST_MODEL (owned)) == dial_owned_list_get_total (owned)
         && dial_owned_list_get_total (owned) > 0;
}

static gboolean
on_stall_tick (gpointer user_data)
{
  Child *c = user_data;
  gint64 now = g_get_monotonic_time ();

  double cpu = dial_bench_thread_cpu_ms ();

  /* Wall time between two ticks, and the main thread's CPU time in it: on a shared machine a
   * long wall gap can be the scheduler's, a long CPU gap is ours. */
  if (c->last_tick != 0)
    {
      c->longest_stall = MAX (c->longest_stall, now - c->last_tick);
      c->longest_stall_cpu = MAX (c->longest_stall_cpu, cpu - c->last_tick_cpu);
      /* The monotonic times line up with `perf record -k CLOCK_MONOTONIC`. */
      if (cpu - c->last_tick_cpu > 10 && g_getenv ("DIAL_BENCH_DEBUG"))
        {
          g_printerr ("STALL cpu %.1f ms wall %.1f ms at +%.1f ms n=%u "
                      "(monotonic %.6f to %.6f s)\n",
                      cpu - c->last_tick_cpu,
                      (now - c->last_tick) / 1000.0, (now - c->load_started) / 1000.0,
                      g_list_model_get_n_items (dial_numbers_page_get_shown (c->page)),
                      c->last_tick / 1e6, now / 1e6);
        }
    }
  c->last_tick = now;
  c->last_tick_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static void next_keystroke (Child *c);

static gboolean
on_keystroke_timeout (gpointer user_data)
{
  next_keystroke (user_data);
  return G_SOURCE_REMOVE;
}

static void
next_keystroke (Child *c)
{
  GtkEditable *entry;

  if (c->keystroke == G_N_ELEMENTS (keystrokes))
    {
      g_main_loop_quit (c->loop);
      return;
    }

  entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (c->page),
                                                       DIAL_TYPE_NUMBERS_PAGE, "filter_entry"));
  c->keystroke_started = g_get_monotonic_time ();
  c->keystroke_cpu_started = dial_bench_thread_cpu_ms ();
  gtk_editable_set_text (entry, keystrokes[c->keystroke]);
  c->keystroke++;
  c->waiting_for_paint = TRUE;
}

static void
on_layout (GdkFrameClock *clock,
           Child         *c)
{
  c->rows_at_layout = c->page != NULL
                      && g_list_model_get_n_items (dial_numbers_page_get_shown (c->page)) > 0;
}

static void
on_after_paint (GdkFrameClock *clock,
                Child         *c)
{
  gint64 now = g_get_monotonic_time ();

  if (!c->first_frame_done)
    {
      c->first_frame_done = TRUE;
      g_print ("first_frame %" G_GINT64_FORMAT "\n", now);
      g_print ("first_frame_cpu %" G_GINT64_FORMAT "\n", (gint64) dial_bench_process_cpu_us ());
      if (c->page == NULL)
        {
          g_main_loop_quit (c->loop);
          return;
        }
      if (c->measure)
        {
          /* The window is up: now load all 10,000 and watch the main loop while they come. */
          c->stall_source = g_timeout_add_full (G_PRIORITY_HIGH, 1, on_stall_tick, c, NULL);
          c->load_started = now;
          dial_numbers_page_set_client (c->page, c->client);
        }
    }

  if (c->page != NULL && !c->first_rows_done && c->rows_at_layout && !c->measure)
    {
      c->first_rows_done = TRUE;
      g_print ("first_rows %" G_GINT64_FORMAT "\n", now);
      g_print ("first_rows_cpu %" G_GINT64_FORMAT "\n", (gint64) dial_bench_process_cpu_us ());
      g_main_loop_quit (c->loop);
      return;
    }

  if (!c->measure || c->page == NULL)
    return;

  if (c->stall_source != 0 && fully_loaded (c))
    {
      g_source_remove (c->stall_source);
      c->stall_source = 0;
      g_print ("load_started %" G_GINT64_FORMAT "\n", c->load_started);
      g_print ("loaded %" G_GINT64_FORMAT "\n", now);
      g_print ("longest_stall %" G_GINT64_FORMAT "\n", c->longest_stall);
      g_print ("longest_stall_cpu %" G_GINT64_FORMAT "\n", (gint64) (c->longest_stall_cpu * 1000));
      /* Let the last page settle, then type, in the filter as a person does (Ctrl+F, or a
       * first key that the list hands over to it): its blinking cursor keeps the frame clock
       * ticking, so each keystroke's frame waits for the next tick. */
      dial_numbers_page_focus_filter (c->page);
      g_timeout_add (300, on_keystroke_timeout, c);
      return;
    }

  if (c->waiting_for_paint)
    {
      double ms = ((double) (now - c->keystroke_started)) / 1000.0;
      double cpu = dial_bench_thread_cpu_ms () - c->keystroke_cpu_started;

      c->waiting_for_paint = FALSE;
      g_array_append_val (c->keystroke_ms, ms);
      g_array_append_val (c->keystroke_cpu_ms, cpu);
      /* Typing pace: about eight keystrokes a second, not locked to the display: a fixed
       * interval after a frame would land every keystroke at the same point of the frame
       * clock's 16.7 ms cycle (at 120 ms, just after a tick, the worst one). */
      g_timeout_add (g_rand_int_range (c->typing, 90, 151), on_keystroke_timeout, c);
    }
}

/* When the first request's last byte went out, and when its answer's headers came back. */
static void
on_request_written (SoupMessage *msg)
{
  g_print ("request_written %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
}

static void
on_answer_arrived (SoupMessage *msg)
{
  g_print ("answer_arrived %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
}

static void
on_request_queued (SoupSession *session,
                   SoupMessage *msg,
                   Child       *c)
{
  if (c->request_seen)
    return;
  c->request_seen = TRUE;
  g_signal_connect (msg, "wrote-body", G_CALLBACK (on_request_written), NULL);
  g_signal_connect (msg, "got-headers", G_CALLBACK (on_answer_arrived), NULL);
}

/* With DIAL_BENCH_DEBUG, a frame over 8 ms is printed with the time of each phase (each
 * stamp is taken after the phase's handlers, GTK's own included). */
enum { PHASE_BEFORE, PHASE_UPDATE, PHASE_LAYOUT, PHASE_PAINT, PHASE_AFTER, N_PHASES };
static gint64 phase_ends[N_PHASES];

static void
on_phase_done (GdkFrameClock *clock,
               gpointer       phase)
{
  gint64 *t = phase_ends;

  t[GPOINTER_TO_INT (phase)] = g_get_monotonic_time ();
  if (GPOINTER_TO_INT (phase) == PHASE_AFTER && t[PHASE_AFTER] - t[PHASE_BEFORE] > 8000)
    g_printerr ("FRAME at %.6f s: %.1f ms (update %.1f, layout %.1f, paint %.1f, after %.1f)\n",
                t[PHASE_BEFORE] / 1e6, (t[PHASE_AFTER] - t[PHASE_BEFORE]) / 1000.0,
                (t[PHASE_UPDATE] - t[PHASE_BEFORE]) / 1000.0,
                (t[PHASE_LAYOUT] - t[PHASE_UPDATE]) / 1000.0,
                (t[PHASE_PAINT] - t[PHASE_LAYOUT]) / 1000.0,
                (t[PHASE_AFTER] - t[PHASE_PAINT]) / 1000.0);
}

static void
on_window_realize (GtkWidget *window,
                   Child     *c)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  if (g_getenv ("DIAL_BENCH_DEBUG") != NULL)
    {
      const char *signals[N_PHASES] = { "before-paint", "update", "layout", "paint", "after-paint" };

      for (int i = 0; i < N_PHASES; i++)
        g_signal_connect_after (clock, signals[i], G_CALLBACK (on_phase_done), GINT_TO_POINTER (i));
    }

  g_signal_connect (clock, "layout", G_CALLBACK (on_layout), c);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (on_after_paint), c);
}

static int
run_child (const char *mode,
           const char *url)
{
  Child c = { 0 };
  g_autoptr(DialClient) client = NULL;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *overlay;

  gtk_init ();
  adw_init ();
  /* The main loop runs while the app reads the keyring, before it builds a window. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  c.loop = g_main_loop_new (NULL, FALSE);
  c.measure = g_strcmp0 (mode, "measure") == 0;
  c.keystroke_ms = g_array_new (FALSE, FALSE, sizeof (double));
  c.keystroke_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  c.typing = g_rand_new_with_seed (20261127);

  /* As the app starts (dial-application.h): the account is read, the first page of its
   * numbers asked for, and only then the window is built, with the list waiting for that
   * page. (The long run sets the client after the first frame, see on_after_paint.) */
  if (g_strcmp0 (mode, "bare") != 0)
    {
      g_autoptr(GError) error = NULL;

      client = dial_client_new ();
      if (!dial_client_set_base_url (client, url, &error))
        g_error ("%s", error->message);
      dial_client_set_credentials (client, DIAL_SANDBOX_DEFAULT_API_KEY,
                                   DIAL_SANDBOX_DEFAULT_API_SECRET);
      c.client = client;
      if (!c.measure)
        {
          g_signal_connect (dial_client_get_session (client), "request-queued",
                            G_CALLBACK (on_request_queued), &c);
          dial_client_prefetch_owned (client);
        }
    }

  c.window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (c.window, 1280, 800);
  gtk_window_set_title (c.window, "Dialtone");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  overlay = adw_toast_overlay_new ();
  gtk_widget_set_vexpand (overlay, TRUE);
  gtk_box_append (GTK_BOX (box), overlay);
  adw_window_set_content (ADW_WINDOW (c.window), box);

  if (client != NULL)
    {
      c.page = dial_numbers_page_new ();
      adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (c.page));
      if (!c.measure)
        dial_numbers_page_set_client (c.page, client);
    }

  /* As the application's window does (dial-ui-util.c). */
  dial_style_settle_after_first_frame (GTK_WIDGET (c.window));
  g_signal_connect (c.window, "realize", G_CALLBACK (on_window_realize), &c);
  gtk_window_present (c.window);
  g_main_loop_run (c.loop);

  if (c.measure)
    {
      g_print ("keystrokes %u\n", c.keystroke_ms->len);
      for (guint i = 0; i < c.keystroke_ms->len; i++)
        {
          char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

          g_print ("keystroke %s %s\n",
                   g_ascii_formatd (a, sizeof a, "%.3f", g_array_index (c.keystroke_ms, double, i)),
                   g_ascii_formatd (b, sizeof b, "%.3f", g_array_index (c.keystroke_cpu_ms, double, i)));
        }
    }

  gtk_window_destroy (c.window);
  g_array_unref (c.keystroke_ms);
  g_array_unref (c.keystroke_cpu_ms);
  g_rand_free (c.typing);
  g_main_loop_unref (c.loop);
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Parent: the sandbox, the children, the figures. */

typedef struct
{
  GMainLoop *loop;
  char      *output;
  gboolean   ok;
} ChildRun;

static void
on_communicate_ready (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  ChildRun *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->output, NULL,
                                             &error))
    g_error ("child: %s", error->message);
  run->ok = g_subprocess_get_if_exited (G_SUBPROCESS (object))
            && g_subprocess_get_exit_status (G_SUBPROCESS (object)) == 0;
  g_main_loop_quit (run->loop);
}

/* Runs a child and returns its stdout; *out_spawned is when it was launched. */
static char *
run_child_process (const char *self_path,
                   const char *mode,
                   const char *url,
                   gint64     *out_spawned)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mode_arg = g_strconcat ("--child=", mode, NULL);
  ChildRun run = { 0 };

  run.loop = g_main_loop_new (NULL, FALSE);
  *out_spawned = g_get_monotonic_time ();
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              self_path, mode_arg, url != NULL ? url : "-", NULL);
  if (process == NULL)
    g_error ("could not start %s: %s", self_path, error->message);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_communicate_ready, &run);
  g_main_loop_run (run.loop);
  g_main_loop_unref (run.loop);
  if (!run.ok)
    g_error ("child %s failed", mode);
  return run.output;
}

static gint64
read_stamp (const char *output,
            const char *key)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  gsize len = strlen (key);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], key) && lines[i][len] == ' ')
      return g_ascii_strtoll (lines[i] + len + 1, NULL, 10);

  g_error ("child did not report %s:\n%s", key, output);
}

/* The page's launches: each figure from the launch (or from the first request) of each run. */
typedef struct
{
  GArray *first_frame;    /* launch → first frame */
  GArray *first_rows;     /* launch → first frame with rows */
  GArray *request_lead;   /* first request written → first frame */
  GArray *after_answer;   /* first answer's headers → first frame with rows */
} PageRuns;

static void
page_runs_clear (PageRuns *runs)
{
  g_clear_pointer (&runs->first_frame, g_array_unref);
  g_clear_pointer (&runs->first_rows, g_array_unref);
  g_clear_pointer (&runs->request_lead, g_array_unref);
  g_clear_pointer (&runs->after_answer, g_array_unref);
}

static void
page_runs_reset (PageRuns *runs)
{
  page_runs_clear (runs);
  runs->first_frame = g_array_new (FALSE, FALSE, sizeof (double));
  runs->first_rows = g_array_new (FALSE, FALSE, sizeof (double));
  runs->request_lead = g_array_new (FALSE, FALSE, sizeof (double));
  runs->after_answer = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
page_runs_add (PageRuns   *runs,
               const char *output,
               gint64      spawned)
{
  gint64 first_frame = read_stamp (output, "first_frame");
  gint64 first_rows = read_stamp (output, "first_rows");
  double value;

  value = (first_frame - spawned) / 1000.0;
  g_array_append_val (runs->first_frame, value);
  value = (first_rows - spawned) / 1000.0;
  g_array_append_val (runs->first_rows, value);
  value = (first_frame - read_stamp (output, "request_written")) / 1000.0;
  g_array_append_val (runs->request_lead, value);
  value = (first_rows - read_stamp (output, "answer_arrived")) / 1000.0;
  g_array_append_val (runs->after_answer, value);
}

/*
 * Where "first rows after the first frame" comes from: the first request goes out when the main
 * loop first runs, request_lead before the first frame is shown; its answer comes a round trip
 * later, and the rows are shown after_answer after that. So the figure is
 * round trip − request_lead + after_answer, and it is within one round trip only if the rows
 * take no longer after the answer than the first frame took after the request.
 */
static void
print_page_runs (PageRuns   *runs,
                 const char *suffix,
                 double      round_trip)
{
  g_autofree char *lead = g_strconcat ("ui_numbers_request_lead", suffix, NULL);
  g_autofree char *after = g_strconcat ("ui_numbers_first_rows_after_answer", suffix, NULL);
  g_autofree char *rows = g_strconcat ("ui_numbers_first_rows_after_first_frame", suffix, NULL);

  print_figure (lead, dial_bench_percentile (runs->request_lead, 0.5), "ms", -1);
  print_figure (after, dial_bench_percentile (runs->after_answer, 0.5), "ms", -1);
  print_figure (rows, dial_bench_percentile (runs->first_rows, 0.5)
                      - dial_bench_percentile (runs->first_frame, 0.5), "ms", round_trip);
}

typedef struct
{
  GMainLoop *loop;
  gint64     finished;
} RoundTrip;

static void
on_list_ready (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  RoundTrip *trip = user_data;
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;

  numbers = dial_client_list_owned_finish (DIAL_CLIENT (object), result, &count, &error);
  if (numbers == NULL)
    g_error ("list: %s", error->message);
  trip->finished = g_get_monotonic_time ();
  g_main_loop_quit (trip->loop);
}

/* One list request (the first page, 100 numbers), as the page's first request is. */
static double
measure_round_trip (const char *url)
{
  g_autoptr(DialClient) client = dial_client_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  DialOwnedQuery query = { 0 };

  dial_client_set_base_url (client, url, NULL);
  dial_client_set_credentials (client, DIAL_SANDBOX_DEFAULT_API_KEY,
                               DIAL_SANDBOX_DEFAULT_API_SECRET);
  for (guint i = 0; i < 7; i++)
    {
      RoundTrip trip = { g_main_loop_new (NULL, FALSE), 0 };
      gint64 start = g_get_monotonic_time ();
      double ms;

      dial_client_list_owned_async (client, &query, NULL, on_list_ready, &trip);
      g_main_loop_run (trip.loop);
      g_main_loop_unref (trip.loop);
      ms = (trip.finished - start) / 1000.0;
      /* The first one also opens the connection; the page's first request does too. */
      g_array_append_val (values, ms);
    }
  return dial_bench_percentile (values, 0.5);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DialSandbox) sandbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));
  PageRuns runs = { 0 };
  g_autoptr(GArray) bare_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) page_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) keystroke = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *url = NULL;
  g_autofree char *self_path = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;
  double round_trip;
  double slow_round_trip;
  gint64 spawned;
  guint n_launches;

  setlocale (LC_ALL, "");

  if (argc == 3 && g_str_has_prefix (argv[1], "--child="))
    return run_child (argv[1] + strlen ("--child="), argv[2]);

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_strdup (argv[0]);

  sandbox = dial_sandbox_new (20261127, N_NUMBERS);
  if (!dial_sandbox_listen (sandbox, 0, &error))
    g_error ("sandbox: %s", error->message);
  url = dial_sandbox_get_url (sandbox);

  round_trip = measure_round_trip (url);
  page_runs_reset (&runs);

  /* Alternate, so that a busy moment of the machine hits both alike. */
  n_launches = g_getenv ("DIAL_BENCH_UI_LAUNCHES") != NULL
    ? MAX (1, atoi (g_getenv ("DIAL_BENCH_UI_LAUNCHES"))) : N_LAUNCHES;
  for (guint i = 0; i < n_launches; i++)
    {
      g_autofree char *bare_out = run_child_process (self_path, "bare", NULL, &spawned);
      double value = (read_stamp (bare_out, "first_frame") - spawned) / 1000.0;
      g_autofree char *page_out = NULL;

      g_array_append_val (bare, value);
      value = read_stamp (bare_out, "first_frame_cpu") / 1000.0;
      g_array_append_val (bare_cpu, value);

      page_out = run_child_process (self_path, "page", url, &spawned);
      if (g_getenv ("DIAL_BENCH_DEBUG") != NULL)
        g_printerr ("page child (spawned %" G_GINT64_FORMAT "):\n%s", spawned, page_out);
      page_runs_add (&runs, page_out, spawned);
      value = read_stamp (page_out, "first_frame_cpu") / 1000.0;
      g_array_append_val (page_cpu, value);
    }

  print_figure ("ui_bare_window_first_frame", dial_bench_percentile (bare, 0.5), "ms", -1);
  print_figure ("ui_numbers_first_frame", dial_bench_percentile (runs.first_frame, 0.5), "ms", -1);
  print_figure ("ui_numbers_first_frame_ratio",
                dial_bench_percentile (runs.first_frame, 0.5) / dial_bench_percentile (bare, 0.5),
                "ratio", 1.3);
  /* CPU time of the whole process (all threads, the software renderer's too) to that frame. */
  print_figure ("ui_bare_window_first_frame_cpu", dial_bench_percentile (bare_cpu, 0.5), "ms", -1);
  print_figure ("ui_numbers_first_frame_cpu", dial_bench_percentile (page_cpu, 0.5), "ms", -1);
  print_figure ("ui_numbers_first_frame_cpu_ratio",
                dial_bench_percentile (page_cpu, 0.5) / dial_bench_percentile (bare_cpu, 0.5), "ratio", 1.3);
  print_figure ("ui_numbers_first_rows", dial_bench_percentile (runs.first_rows, 0.5), "ms", -1);
  print_figure ("ui_list_round_trip", round_trip, "ms", -1);
  print_page_runs (&runs, "", round_trip);

  /* The same with the round trip of the real API: on loopback (well under a millisecond) "one
   * round trip after the first frame" can only mean "in the first frame", as GTK draws the
   * next frame a refresh interval (16.7 ms) later at the soonest. */
  dial_sandbox_set_latency (sandbox, REAL_ROUND_TRIP_MS);
  slow_round_trip = measure_round_trip (url);
  page_runs_reset (&runs);
  for (guint i = 0; i < n_launches; i++)
    {
      g_autofree char *page_out = run_child_process (self_path, "page", url, &spawned);

      if (g_getenv ("DIAL_BENCH_DEBUG") != NULL)
        g_printerr ("page child (spawned %" G_GINT64_FORMAT "):\n%s", spawned, page_out);
      page_runs_add (&runs, page_out, spawned);
    }
  dial_sandbox_set_latency (sandbox, 0);
  print_figure ("ui_list_round_trip_real", slow_round_trip, "ms", -1);
  print_page_runs (&runs, "_real", slow_round_trip);

  /* One long run: loading all 10,000, then typing into the filter. */
  output = run_child_process (self_path, "measure", url, &spawned);
  /* From setting the client on a window already shown to the last row painted. */
  print_figure ("ui_numbers_load_all_10000",
                (read_stamp (output, "loaded") - read_stamp (output, "load_started")) / 1000.0,
                "ms", -1);
  print_figure ("ui_numbers_load_longest_stall", read_stamp (output, "longest_stall") / 1000.0,
                "ms", 16);
  print_figure ("ui_numbers_load_longest_stall_cpu",
                read_stamp (output, "longest_stall_cpu") / 1000.0, "ms", 16);

  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);

      if (g_strv_length (fields) == 3 && g_str_equal (fields[0], "keystroke"))
        {
          double total_ms = g_ascii_strtod (fields[1], NULL);
          double cpu_ms = g_ascii_strtod (fields[2], NULL);

          g_array_append_val (keystroke, total_ms);
          g_array_append_val (cpu, cpu_ms);
        }
    }
  if (keystroke->len == 0)
    g_error ("no keystrokes measured:\n%s", output);

  print_figure ("filter_keystroke_median", dial_bench_percentile (keystroke, 0.5), "ms", 12);
  print_figure ("filter_keystroke_p90", dial_bench_percentile (keystroke, 0.9), "ms", 40);
  print_figure ("filter_keystroke_max", dial_bench_percentile (keystroke, 1.0), "ms", -1);
  /* The same, counting only this process's main thread on the CPU (the machine is shared). */
  print_figure ("filter_keystroke_cpu_median", dial_bench_percentile (cpu, 0.5), "ms", 12);
  print_figure ("filter_keystroke_cpu_p90", dial_bench_percentile (cpu, 0.9), "ms", 40);
  print_figure ("filter_keystrokes", keystroke->len, "count", -1);

  dial_sandbox_disconnect (sandbox);
  page_runs_clear (&runs);
  return 0;
}
