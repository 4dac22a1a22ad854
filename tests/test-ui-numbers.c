/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-numbers"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <libsoup/soup.h>
#include <string.h>

#include "dial-client.h"
#include "dial-countries.h"
#include "dial-error.h"
#include "dial-format.h"
#include "dial-number-details.h"
#include "dial-number-filter-model.h"
#include "dial-number-rows.h"
#include "dial-numbers-export.h"
#include "dial-numbers-page-private.h"
#include "dial-owned-list.h"
#include "dial-sandbox.h"
#include "dial-test-ui.h"

/*
 * The My Numbers page in a real window under Xvfb, talking HTTP to a DialSandbox on loopback.
 * Every check reads what the user would see (the shown rows, the form, dialogs, toasts) or what
 * the sandbox holds afterwards.
 */

#define SEED 4242

/* Numbers the tests add to the sandbox, with every setting filled in. */
#define APP_A "aaaaaaaa-bbbb-cccc-dddd-0123456789ab"
#define APP_B "bbbbbbbb-cccc-dddd-eeee-0123456789ac"
#define FULL_MSISDN "447911123456"
#define FULL_JSON                                                                     \
  "{\"country\":\"GB\",\"msisdn\":\"" FULL_MSISDN "\",\"type\":\"mobile-lvn\","      \
  "\"features\":[\"VOICE\",\"SMS\"],\"moHttpUrl\":\"https://relay.testsuite.example/sms/full\"," \
  "\"moSmppSysType\":\"inbound\",\"voiceCallbackType\":\"sip\","                       \
  "\"voiceCallbackValue\":\"sip:desk@pbx.example.org\","                              \
  "\"voiceStatusCallback\":\"https://relay.testsuite.example/status/full\","                 \
  "\"app_id\":\"" APP_A "\"}"
#define QUOTE_MSISDN "447911123457"
#define QUOTE_JSON                                                                    \
  "{\"country\":\"GB\",\"msisdn\":\"" QUOTE_MSISDN "\",\"type\":\"mobile-lvn\","     \
  "\"features\":[\"SMS\"],\"moHttpUrl\":\"https://relay.testsuite.example/sms?a=1,b=\\\"2\\\"\"," \
  "\"app_id\":\"" APP_B "\"}"
#define PLAIN_MSISDN "4930901820"
#define PLAIN_JSON                                                                    \
  "{\"country\":\"DE\",\"msisdn\":\"" PLAIN_MSISDN "\",\"type\":\"landline\","       \
  "\"features\":[\"VOICE\"]}"

typedef struct
{
  DialSandbox     *sandbox;
  DialClient      *client;
  DialNumbersPage *page;
  DialTestWindow  *window;
} Fixture;

static void
fixture_start (Fixture *f,
               guint    n_owned,
               gboolean with_test_numbers)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  f->sandbox = dial_sandbox_new (SEED, n_owned);
  if (with_test_numbers)
    {
      g_assert_true (dial_sandbox_add_owned_json (f->sandbox, FULL_JSON, &error));
      g_assert_no_error (error);
      g_assert_true (dial_sandbox_add_owned_json (f->sandbox, QUOTE_JSON, &error));
      g_assert_no_error (error);
      g_assert_true (dial_sandbox_add_owned_json (f->sandbox, PLAIN_JSON, &error));
      g_assert_no_error (error);
    }
  g_assert_true (dial_sandbox_listen (f->sandbox, 0, &error));
  g_assert_no_error (error);
  url = dial_sandbox_get_url (f->sandbox);

  f->client = dial_client_new ();
  g_assert_true (dial_client_set_base_url (f->client, url, &error));
  g_assert_no_error (error);
  dial_client_set_credentials (f->client, DIAL_SANDBOX_DEFAULT_API_KEY,
                               DIAL_SANDBOX_DEFAULT_API_SECRET);

  f->page = dial_numbers_page_new ();
  f->window = dial_test_window_new (GTK_WIDGET (f->page), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
}

static gboolean
fully_loaded (Fixture *f)
{
  DialOwnedList *owned = dial_numbers_page_get_owned (f->page);

  return owned != NULL
         && !dial_owned_list_get_loading (owned)
         && dial_owned_list_get_error (owned) == NULL
         && g_list_model_get_n_items (G_LIST_MODEL (owned)) == dial_owned_list_get_total (owned);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  guint n_owned = GPOINTER_TO_UINT (data);

  fixture_start (f, n_owned, TRUE);
  dial_numbers_page_set_client (f->page, f->client);
  dial_test_ui_wait_until (fully_loaded (f));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = dial_test_ui_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (f->window));
  dial_test_ui_iterate_for (50);
  g_clear_object (&f->client);
  dial_sandbox_disconnect (f->sandbox);
  g_clear_object (&f->sandbox);
}

/* Helpers */

static char *
owned_member (Fixture    *f,
              const char *msisdn,
              const char *member)
{
  g_autofree char *json = dial_sandbox_get_owned_json (f->sandbox, msisdn);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  g_assert_nonnull (json);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (object, member)
      || JSON_NODE_TYPE (json_object_get_member (object, member)) != JSON_NODE_VALUE)
    return NULL;
  return g_strdup (json_object_get_string_member (object, member));
}

static GPtrArray *
shown_msisdns (Fixture *f)
{
  GListModel *shown = dial_numbers_page_get_shown (f->page);
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DialNumber) number = g_list_model_get_item (shown, i);

      g_ptr_array_add (result, g_strdup (dial_number_get_msisdn (number)));
    }
  return result;
}

static GObject *
page_child (Fixture    *f,
            const char *id)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->page), DIAL_TYPE_NUMBERS_PAGE, id);

  g_assert_nonnull (object);
  return object;
}

static gboolean
has_buildable_id (GtkWidget *widget,
                  gpointer   id)
{
  return g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0;
}

/* A widget of the filters' popover (built the first time it is opened), by its id. */
static GtkWidget *
filters_child (Fixture    *f,
               const char *id)
{
  GtkWidget *popover = (GtkWidget *) gtk_menu_button_get_popover (GTK_MENU_BUTTON (page_child (f, "api_filter_button")));
  GtkWidget *widget;

  g_assert_nonnull (popover);
  widget = dial_test_ui_find_widget (popover, GTK_TYPE_WIDGET, has_buildable_id, (gpointer) id);
  g_assert_nonnull (widget);
  return widget;
}

static GObject *
details_child (Fixture    *f,
               const char *id)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dial_numbers_page_get_details (f->page)),
                                                   DIAL_TYPE_NUMBER_DETAILS, id);

  g_assert_nonnull (object);
  return object;
}

/* Types @text into the filter and waits until the list shows the result (the filter runs once
 * per main-loop iteration, before the frame). */
static void
set_filter (Fixture    *f,
            const char *text)
{
  DialNumberFilterModel *filter = DIAL_NUMBER_FILTER_MODEL (page_child (f, "filter_model"));

  gtk_editable_set_text (GTK_EDITABLE (page_child (f, "filter_entry")), text);
  dial_test_ui_wait_until (g_strcmp0 (dial_number_filter_model_get_query (filter), text) == 0
                           || (*text == '\0' && dial_number_filter_model_get_query (filter) == NULL));
}

static gboolean
details_show (Fixture    *f,
              const char *msisdn)
{
  DialNumber *number = dial_number_details_get_number (dial_numbers_page_get_details (f->page));

  return dial_numbers_page_get_details_open (f->page)
         && number != NULL && g_strcmp0 (dial_number_get_msisdn (number), msisdn) == 0;
}

static void
open_details (Fixture    *f,
              const char *msisdn)
{
  dial_numbers_page_show_number (f->page, NULL, msisdn, FALSE);
  dial_test_ui_wait_until (details_show (f, msisdn));
}

static void
set_field (Fixture    *f,
           const char *row,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (details_child (f, row)), text);
}

static gboolean
inscription_contains (GtkWidget *widget,
                      gpointer   user_data)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));

  return gtk_widget_get_mapped (widget) && text != NULL && strstr (text, user_data) != NULL;
}

/* A cell of the list on screen whose text contains @text (cells are GtkInscriptions). */
static GtkWidget *
find_cell (Fixture    *f,
           const char *text)
{
  return dial_test_ui_find_widget (GTK_WIDGET (page_child (f, "column_view")), GTK_TYPE_INSCRIPTION,
                                   inscription_contains, (gpointer) text);
}

static gboolean
toast_says (Fixture    *f,
            const char *text)
{
  return dial_test_ui_find_label (GTK_WIDGET (f->window), text) != NULL;
}

static AdwMessageDialog *
wait_for_dialog (void)
{
  GtkWindow *dialog = NULL;

  dial_test_ui_wait_until ((dialog = dial_test_ui_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  return ADW_MESSAGE_DIALOG (dialog);
}

/* Clicks the dialog's button for @label, as the user would (the dialog then closes itself). */
static void
respond (AdwMessageDialog *dialog,
         const char       *label)
{
  GtkButton *button = NULL;

  dial_test_ui_wait_until ((button = dial_test_ui_find_button (GTK_WIDGET (dialog), label)) != NULL);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_emit_by_name (button, "clicked");
  dial_test_ui_wait_until (dialog == NULL || !gtk_widget_get_visible (GTK_WIDGET (dialog)));
  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
}

/* Tests */

static void
test_load_all (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *expected_status = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  guint total = dial_sandbox_get_n_owned (f->sandbox);
  g_autofree char *first = NULL;
  g_autoptr(DialNumber) number = NULL;

  /* Every number the sandbox owns, once each. */
  g_assert_cmpuint (total, ==, 1203);
  g_assert_cmpstr (dial_numbers_page_get_state (f->page), ==, "list");
  shown = shown_msisdns (f);
  g_assert_cmpuint (shown->len, ==, total);
  for (guint i = 0; i < shown->len; i++)
    {
      g_autofree char *json = dial_sandbox_get_owned_json (f->sandbox, g_ptr_array_index (shown, i));

      g_assert_nonnull (json);
      for (guint j = i + 1; j < MIN (shown->len, i + 3); j++)
        g_assert_cmpstr (g_ptr_array_index (shown, i), !=, g_ptr_array_index (shown, j));
    }

  /* The status bar counts them; the progress bar is gone. */
  /* In the locale's digit grouping, as the page writes it. */
  expected_status = g_strdup_printf ("%'u numbers", total);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (f, "status_label"))), ==,
                   expected_status);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page_child (f, "progress_bar"))));

  /* The first rows are on screen, in international format. */
  number = g_list_model_get_item (dial_numbers_page_get_shown (f->page), 0);
  first = dial_format_msisdn_grouped (dial_number_get_msisdn (number), dial_number_get_country (number));
  dial_test_ui_wait_until (find_cell (f, first) != NULL);
}

static void
test_load_progress (void)
{
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  gboolean saw_partial = FALSE;
  gboolean saw_progress_text = FALSE;
  gboolean saw_loading = FALSE;

  /* Slow pages, so that the page is seen in between: rows already there, progress shown. */
  fixture_start (f, 1000, FALSE);
  dial_sandbox_set_latency (f->sandbox, 60);
  dial_numbers_page_set_client (f->page, f->client);

  while (!fully_loaded (f))
    {
      DialOwnedList *owned = dial_numbers_page_get_owned (f->page);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (owned));
      const char *status = gtk_label_get_text (GTK_LABEL (page_child (f, "status_label")));

      if (n > 0 && n < 1000)
        {
          saw_partial = TRUE;
          /* The user can already see and scroll the first pages. */
          g_assert_cmpstr (dial_numbers_page_get_state (f->page), ==, "list");
          g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page_child (f, "loading_box"))));
          g_assert_cmpuint (g_list_model_get_n_items (dial_numbers_page_get_shown (f->page)), ==, n);
          if (g_str_has_prefix (status, "Loaded ") && strstr (status, " of 1000 numbers") != NULL
              && gtk_widget_get_visible (GTK_WIDGET (page_child (f, "progress_bar"))))
            saw_progress_text = TRUE;
        }
      else if (n == 0)
        {
          /* Waiting for the first page: the list is there without rows (its filter can be
           * typed into), and says what it is waiting for. */
          g_assert_cmpstr (dial_numbers_page_get_state (f->page), ==, "loading");
          g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page_child (f, "loading_box"))));
          if (gtk_widget_get_mapped (GTK_WIDGET (f->page)))
            {
              saw_loading = TRUE;
              g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page_child (f, "loading_box"))));
              g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page_child (f, "filter_entry"))));
              g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page_child (f, "column_view"))));
            }
        }
      dial_test_ui_iterate ();
    }

  g_assert_true (saw_loading);
  g_assert_true (saw_partial);
  g_assert_true (saw_progress_text);
  g_assert_cmpuint (g_list_model_get_n_items (dial_numbers_page_get_shown (f->page)), ==, 1000);
  fixture_tear_down (f, NULL);
}

static void
on_after_paint_count (GdkFrameClock *clock,
                      guint         *n_frames)
{
  (*n_frames)++;
}

/* The most rows there can be: @n_rows, then a chunk of 16 for the first idle, each frame and
 * each 50 ms without a frame. */
static guint
at_most (guint  n_rows,
         guint  n_frames,
         gint64 started)
{
  return n_rows + 16 * (1 + n_frames + (guint) ((g_get_monotonic_time () - started) / 50000));
}

static void
test_rows_chunk_per_frame (void)
{
  g_autoptr(GString) json = g_string_new ("{\"count\":300,\"numbers\":[");
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GListStore) store = g_list_store_new (DIAL_TYPE_NUMBER);
  g_autoptr(DialNumberRows) rows = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GdkFrameClock *clock;
  guint n_frames = 0;
  guint n_rows;
  gint64 started;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (json, "%s{\"country\":\"GB\",\"msisdn\":\"447700900%03u\"}",
                            i > 0 ? "," : "", i);
  g_string_append (json, "]}");
  numbers = dial_numbers_parse_page (json->str, json->len, NULL, &error);
  g_assert_no_error (error);
  g_list_store_splice (store, 0, 0, numbers->pdata, numbers->len);

  /* A window that draws only when asked to: the rows are not in it. */
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("frames"));
  gtk_window_present (GTK_WINDOW (window));
  dial_test_ui_wait_until (gtk_widget_get_mapped (window));
  dial_test_ui_iterate_for (100);
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_count), &n_frames);

  rows = dial_number_rows_new (NULL);
  dial_number_rows_set_frame_clock (rows, clock);
  started = g_get_monotonic_time ();
  dial_number_rows_set_model (rows, G_LIST_MODEL (store));

  /* A chunk at once (what a window's first frame shows), then a chunk after each frame, or
   * after 50 ms without one. (Without the frame clock, all 300 would be in after a few idle
   * iterations.) */
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (rows));
  g_assert_cmpuint (n_rows, ==, 16);
  dial_test_ui_iterate_for (25);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), >=, n_rows + 16);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), <=,
                    at_most (n_rows, n_frames, started));

  for (guint i = 1; i <= 3; i++)
    {
      guint expected = g_list_model_get_n_items (G_LIST_MODEL (rows)) + 16;

      gtk_widget_queue_draw (window);
      dial_test_ui_wait_until (g_list_model_get_n_items (G_LIST_MODEL (rows)) >= expected);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), <=,
                        at_most (n_rows, n_frames, started));
    }

  /* Without frames at all, the rows still all come, a chunk every 50 ms. */
  dial_test_ui_wait_until (g_list_model_get_n_items (G_LIST_MODEL (rows)) == 300);

  g_signal_handlers_disconnect_by_func (clock, on_after_paint_count, &n_frames);
  dial_number_rows_set_frame_clock (rows, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The rule of the local filter, written independently of the page. */
static gboolean
expect_match (DialNumber *number,
              const char *digits,
              const char *text)
{
  const char *name = dial_country_get_name (dial_number_get_country (number));
  const char *mo = dial_number_get_mo_http_url (number);
  const char *status = dial_number_get_voice_status_callback (number);
  g_autofree char *lname = name != NULL ? g_utf8_strdown (name, -1) : g_strdup ("");
  g_autofree char *lmo = mo != NULL ? g_utf8_strdown (mo, -1) : g_strdup ("");
  g_autofree char *lstatus = status != NULL ? g_utf8_strdown (status, -1) : g_strdup ("");

  if (digits != NULL && strstr (dial_number_get_msisdn (number), digits) != NULL)
    return TRUE;
  return strstr (lname, text) != NULL || strstr (lmo, text) != NULL
         || strstr (lstatus, text) != NULL;
}

static void
check_filter (Fixture    *f,
              const char *query,
              const char *digits,
              const char *text,
              guint       min_expected)
{
  GListModel *all = G_LIST_MODEL (dial_numbers_page_get_owned (f->page));
  g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) shown = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(DialNumber) number = g_list_model_get_item (all, i);

      if (expect_match (number, digits, text))
        g_hash_table_add (expected, (gpointer) dial_number_get_msisdn (number));
    }

  set_filter (f, query);
  shown = shown_msisdns (f);
  g_assert_cmpuint (g_hash_table_size (expected), >=, min_expected);
  g_assert_cmpuint (shown->len, ==, g_hash_table_size (expected));
  for (guint i = 0; i < shown->len; i++)
    g_assert_true (g_hash_table_contains (expected, g_ptr_array_index (shown, i)));
}

static void
test_local_filter (Fixture       *f,
                   gconstpointer  data)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (dial_numbers_page_get_owned (f->page)));
  g_autoptr(DialNumber) some = g_list_model_get_item (dial_numbers_page_get_shown (f->page), 17);
  const char *msisdn = dial_number_get_msisdn (some);
  g_autofree char *middle = g_strndup (msisdn + 4, 5);
  g_autofree char *grouped = dial_format_msisdn_grouped (FULL_MSISDN, "GB");
  g_autofree char *status = NULL;
  const char *germany = dial_country_get_name ("DE");
  g_autofree char *germany_lower = g_utf8_strdown (germany, -1);

  /* Digits anywhere in the number. */
  check_filter (f, middle, middle, middle, 1);
  /* The number as people write it, with "+" and spaces. */
  check_filter (f, grouped, FULL_MSISDN, "\x01", 1);
  /* A country's name, in any case. */
  check_filter (f, "GERMANY", NULL, germany_lower, 1);
  /* Webhook text. */
  check_filter (f, "relay.testsuite.example", NULL, "relay.testsuite.example", 2);
  check_filter (f, "status/full", NULL, "status/full", 1);

  status = g_strdup_printf ("%'u of %'u numbers shown",
                            g_list_model_get_n_items (dial_numbers_page_get_shown (f->page)), total);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (f, "status_label"))), ==, status);

  /* Nothing matches: the list says so. */
  set_filter (f, "no such thing anywhere");
  g_assert_cmpuint (g_list_model_get_n_items (dial_numbers_page_get_shown (f->page)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (f, "list_stack"))), ==,
                   "no-match");

  /* Clearing it brings every number back, in the same order as before. */
  set_filter (f, "");
  g_assert_cmpuint (g_list_model_get_n_items (dial_numbers_page_get_shown (f->page)), ==, total);
  {
    g_autoptr(DialNumber) again = g_list_model_get_item (dial_numbers_page_get_shown (f->page), 17);

    g_assert_true (again == some);
  }
}

typedef gboolean (*NumberPredicate) (DialNumber *number, gconstpointer data);

static gboolean
starts_with (DialNumber *number, gconstpointer data)
{
  return g_str_has_prefix (dial_number_get_msisdn (number), data);
}

static gboolean
contains (DialNumber *number, gconstpointer data)
{
  return strstr (dial_number_get_msisdn (number), data) != NULL;
}

static gboolean
ends_with (DialNumber *number, gconstpointer data)
{
  return g_str_has_suffix (dial_number_get_msisdn (number), data);
}

static gboolean
in_country (DialNumber *number, gconstpointer data)
{
  return g_strcmp0 (dial_number_get_country (number), data) == 0;
}

/* Linked to an application: by app_id, or by an application as the destination of calls or
 * (the deprecated way) of messages. */
static gboolean
linked_to (DialNumber *number, gconstpointer data)
{
  const char *app = dial_number_get_app_id (number);
  gboolean by_voice = dial_number_get_voice_callback_type (number) == DIAL_VOICE_CALLBACK_APP;
  gboolean by_messages = g_strcmp0 (dial_number_get_messages_callback_type (number), "app") == 0;

  if (data == NULL)
    return (app != NULL && *app != '\0') || by_voice || by_messages;

  return g_strcmp0 (app, data) == 0
         || (by_voice && g_strcmp0 (dial_number_get_voice_callback_value (number), data) == 0)
         || (by_messages && g_strcmp0 (dial_number_get_messages_callback_value (number), data) == 0);
}

static gboolean
linked (DialNumber *number, gconstpointer data)
{
  return linked_to (number, NULL) == GPOINTER_TO_INT (data);
}

/* The msisdns of the fully loaded (unfiltered) list that satisfy @predicate. */
static GHashTable *
expected_set (GPtrArray      *everything,
              NumberPredicate predicate,
              gconstpointer   data)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < everything->len; i++)
    if (predicate (g_ptr_array_index (everything, i), data))
      g_hash_table_add (set, (gpointer) dial_number_get_msisdn (g_ptr_array_index (everything, i)));
  return set;
}

static void
apply_api_filter (Fixture    *f,
                  const char *pattern,
                  guint       pattern_mode,
                  const char *country,
                  guint       app_mode,
                  const char *app_id)
{
  guint country_position = 0;

  if (country != NULL)
    {
      const char * const *codes = dial_country_list_codes ();

      for (guint i = 0; codes[i] != NULL; i++)
        if (g_strcmp0 (codes[i], country) == 0)
          country_position = i + 1;
      g_assert_cmpuint (country_position, >, 0);
    }

  gtk_menu_button_popup (GTK_MENU_BUTTON (page_child (f, "api_filter_button")));
  dial_test_ui_wait_until (gtk_widget_get_mapped (GTK_WIDGET (filters_child (f, "api_filter_popover"))));
  gtk_editable_set_text (GTK_EDITABLE (filters_child (f, "api_pattern_entry")), pattern ? pattern : "");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (filters_child (f, "pattern_mode_drop_down")), pattern_mode);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (filters_child (f, "country_drop_down")), country_position);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (filters_child (f, "api_app_mode")), app_mode);
  gtk_editable_set_text (GTK_EDITABLE (filters_child (f, "api_app_id_entry")), app_id ? app_id : "");
  /* What the Apply button of the popover does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (filters_child (f, "api_filter_popover")),
                                             "numbers.apply-api-filter", NULL));
}

static void
check_api_filter (Fixture    *f,
                  GHashTable *expected,
                  guint       min_expected)
{
  g_autoptr(GPtrArray) shown = NULL;

  dial_test_ui_wait_until (fully_loaded (f));
  shown = shown_msisdns (f);
  g_test_message ("API filter: %s", gtk_label_get_text (GTK_LABEL (page_child (f, "api_filter_label"))));
  g_assert_cmpuint (g_hash_table_size (expected), >=, min_expected);
  g_assert_cmpuint (shown->len, ==, g_hash_table_size (expected));
  for (guint i = 0; i < shown->len; i++)
    g_assert_true (g_hash_table_contains (expected, g_ptr_array_index (shown, i)));
  /* The filter is visible, and one click takes it away. */
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (page_child (f, "api_filter_revealer"))));
}

static void
test_api_filters (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) everything = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *all = G_LIST_MODEL (dial_numbers_page_get_owned (f->page));
  g_autoptr(GHashTable) set = NULL;
  g_autoptr(GError) error = NULL;
  guint total = g_list_model_get_n_items (all);
  guint requests;

  for (guint i = 0; i < total; i++)
    g_ptr_array_add (everything, g_list_model_get_item (all, i));

  /* The filters' popover is built when it is first opened, not with the page. */
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (page_child (f, "api_filter_button"))));

  apply_api_filter (f, "4479111234", 0, NULL, 0, NULL);
  set = expected_set (everything, starts_with, "4479111234");
  check_api_filter (f, set, 2);
  g_clear_pointer (&set, g_hash_table_unref);

  apply_api_filter (f, "9111234", 1, NULL, 0, NULL);
  set = expected_set (everything, contains, "9111234");
  check_api_filter (f, set, 2);
  g_clear_pointer (&set, g_hash_table_unref);

  apply_api_filter (f, "3457", 2, NULL, 0, NULL);
  set = expected_set (everything, ends_with, "3457");
  check_api_filter (f, set, 1);
  g_clear_pointer (&set, g_hash_table_unref);

  apply_api_filter (f, NULL, 0, "DE", 0, NULL);
  set = expected_set (everything, in_country, "DE");
  check_api_filter (f, set, 1);
  g_clear_pointer (&set, g_hash_table_unref);

  apply_api_filter (f, NULL, 0, NULL, 1, NULL);
  set = expected_set (everything, linked, GINT_TO_POINTER (TRUE));
  check_api_filter (f, set, 2);
  g_clear_pointer (&set, g_hash_table_unref);

  apply_api_filter (f, NULL, 0, NULL, 2, NULL);
  set = expected_set (everything, linked, GINT_TO_POINTER (FALSE));
  check_api_filter (f, set, 1);
  g_clear_pointer (&set, g_hash_table_unref);

  /* An application ID as people paste it: upper case is fine. */
  apply_api_filter (f, NULL, 0, NULL, 3, "BBBBBBBB-CCCC-DDDD-EEEE-0123456789AC");
  set = expected_set (everything, linked_to, APP_B);
  check_api_filter (f, set, 1);
  g_clear_pointer (&set, g_hash_table_unref);

  /* Invalid filters are refused before any request, with the reason next to them. */
  requests = dial_sandbox_get_request_count (f->sandbox, "/account/numbers");
  apply_api_filter (f, "44 77x", 0, NULL, 0, NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (filters_child (f, "api_filter_error"))));
  apply_api_filter (f, NULL, 0, NULL, 3, "not-an-application");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (filters_child (f, "api_filter_error"))));
  dial_test_ui_iterate_for (100);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/numbers"), ==, requests);
  gtk_popover_popdown (GTK_POPOVER (filters_child (f, "api_filter_popover")));

  /* "Show All" brings everything back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "numbers.clear-api-filter", NULL));
  dial_test_ui_wait_until (fully_loaded (f));
  g_assert_cmpuint (g_list_model_get_n_items (dial_numbers_page_get_shown (f->page)), ==, total);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (page_child (f, "api_filter_revealer"))));
}

static void
save_and_wait (Fixture *f)
{
  DialNumberDetails *details = dial_numbers_page_get_details (f->page);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "details.save", NULL));
  dial_test_ui_wait_until (!dial_number_details_get_busy (details));
}

/* Every field of FULL_MSISDN in the sandbox, in the order checked. */
static void
assert_full_number (Fixture    *f,
                    const char *mo,
                    const char *smpp,
                    const char *voice_type,
                    const char *voice_value,
                    const char *status,
                    const char *app)
{
  g_autofree char *s_mo = owned_member (f, FULL_MSISDN, "moHttpUrl");
  g_autofree char *s_smpp = owned_member (f, FULL_MSISDN, "moSmppSysType");
  g_autofree char *s_type = owned_member (f, FULL_MSISDN, "voiceCallbackType");
  g_autofree char *s_value = owned_member (f, FULL_MSISDN, "voiceCallbackValue");
  g_autofree char *s_status = owned_member (f, FULL_MSISDN, "voiceStatusCallback");
  g_autofree char *s_app = owned_member (f, FULL_MSISDN, "app_id");

  g_assert_cmpstr (s_mo, ==, mo);
  g_assert_cmpstr (s_smpp, ==, smpp);
  g_assert_cmpstr (s_type, ==, voice_type);
  g_assert_cmpstr (s_value, ==, voice_value);
  g_assert_cmpstr (s_status, ==, status);
  g_assert_cmpstr (s_app, ==, app);
}

static void
test_edit_each_field (Fixture       *f,
                      gconstpointer  data)
{
  DialNumberDetails *details = dial_numbers_page_get_details (f->page);
  DialNumber *number = dial_owned_list_find (dial_numbers_page_get_owned (f->page), FULL_MSISDN, NULL);
  guint list_requests = dial_sandbox_get_request_count (f->sandbox, "/account/numbers");
  g_autofree char *grouped = NULL;

  open_details (f, FULL_MSISDN);
  assert_full_number (f, "https://relay.testsuite.example/sms/full", "inbound", "sip",
                      "sip:desk@pbx.example.org", "https://relay.testsuite.example/status/full", APP_A);

  /* SMS webhook only: everything else stays exactly as it was. */
  set_field (f, "mo_http_url_row", "https://relay.testsuite.example/sms/changed");
  g_assert_true (dial_number_details_get_dirty (details));
  save_and_wait (f);
  assert_full_number (f, "https://relay.testsuite.example/sms/changed", "inbound", "sip",
                      "sip:desk@pbx.example.org", "https://relay.testsuite.example/status/full", APP_A);
  g_assert_false (dial_number_details_get_dirty (details));
  dial_test_ui_wait_until (toast_says (f, "Saved the settings of"));
  /* The row shows it without a reload of the list. */
  g_assert_cmpstr (dial_number_get_mo_http_url (number), ==, "https://relay.testsuite.example/sms/changed");
  dial_test_ui_wait_until (find_cell (f, "https://relay.testsuite.example/sms/changed") != NULL);

  /* SMPP system type. */
  set_field (f, "mo_smpp_sys_type_row", "outbound");
  save_and_wait (f);
  assert_full_number (f, "https://relay.testsuite.example/sms/changed", "outbound", "sip",
                      "sip:desk@pbx.example.org", "https://relay.testsuite.example/status/full", APP_A);

  /* Voice destination: a phone number, typed the way people do; sent as E.164 digits. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (details_child (f, "voice_type_row")), 2);
  set_field (f, "voice_value_row", "+44 7700 900999");
  save_and_wait (f);
  assert_full_number (f, "https://relay.testsuite.example/sms/changed", "outbound", "tel",
                      "447700900999", "https://relay.testsuite.example/status/full", APP_A);
  grouped = dial_format_msisdn_grouped ("447700900999", NULL);
  dial_test_ui_wait_until (find_cell (f, grouped) != NULL);

  /* Voice status webhook. */
  set_field (f, "voice_status_callback_row", "https://relay.testsuite.example/status/changed");
  save_and_wait (f);
  assert_full_number (f, "https://relay.testsuite.example/sms/changed", "outbound", "tel",
                      "447700900999", "https://relay.testsuite.example/status/changed", APP_A);

  /* Linked application. */
  set_field (f, "app_id_row", APP_B);
  save_and_wait (f);
  assert_full_number (f, "https://relay.testsuite.example/sms/changed", "outbound", "tel",
                      "447700900999", "https://relay.testsuite.example/status/changed", APP_B);

  /* Back to a SIP URI. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (details_child (f, "voice_type_row")), 1);
  set_field (f, "voice_value_row", "sip:front@pbx.example.org");
  save_and_wait (f);
  assert_full_number (f, "https://relay.testsuite.example/sms/changed", "outbound", "sip",
                      "sip:front@pbx.example.org", "https://relay.testsuite.example/status/changed", APP_B);

  /* Removing the SMS webhook removes only that. */
  set_field (f, "mo_http_url_row", "");
  save_and_wait (f);
  assert_full_number (f, NULL, "outbound", "sip",
                      "sip:front@pbx.example.org", "https://relay.testsuite.example/status/changed", APP_B);

  /* Not one of these saves reloaded the list. */
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/numbers"), ==, list_requests);
}

static void
test_update_keeps_untouched (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *app = NULL;
  g_autofree char *mo = NULL;
  g_autofree char *type = NULL;

  /* A number with few settings: changing one must not invent or clear the others. */
  open_details (f, QUOTE_MSISDN);
  set_field (f, "mo_smpp_sys_type_row", "inbound");
  save_and_wait (f);
  app = owned_member (f, QUOTE_MSISDN, "app_id");
  mo = owned_member (f, QUOTE_MSISDN, "moHttpUrl");
  type = owned_member (f, QUOTE_MSISDN, "voiceCallbackType");
  g_assert_cmpstr (app, ==, APP_B);
  g_assert_cmpstr (mo, ==, "https://relay.testsuite.example/sms?a=1,b=\"2\"");
  g_assert_null (type);
}

static void
test_invalid_refused (Fixture       *f,
                      gconstpointer  data)
{
  DialNumberDetails *details = dial_numbers_page_get_details (f->page);
  guint updates = dial_sandbox_get_request_count (f->sandbox, "/number/update");
  g_autofree char *mo = NULL;

  open_details (f, FULL_MSISDN);

  /* A webhook that is not a URL: said next to the field, as it is typed. */
  set_field (f, "mo_http_url_row", "hooks example org");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (details_child (f, "mo_http_url_error"))));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (details_child (f, "mo_http_url_row")), "error"));
  gtk_widget_activate_action (GTK_WIDGET (details), "details.save", NULL);
  gtk_widget_activate_action (GTK_WIDGET (details), "details.check-webhook", NULL);
  dial_test_ui_iterate_for (100);
  /* What was typed is still there. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (details_child (f, "mo_http_url_row"))), ==,
                   "hooks example org");
  set_field (f, "mo_http_url_row", "https://relay.testsuite.example/sms/full");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (details_child (f, "mo_http_url_error"))));

  /* A SIP URI that is not one. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (details_child (f, "voice_type_row")), 1);
  set_field (f, "voice_value_row", "desk at pbx");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (details_child (f, "voice_value_error"))));
  gtk_widget_activate_action (GTK_WIDGET (details), "details.save", NULL);

  /* A phone number with letters. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (details_child (f, "voice_type_row")), 2);
  set_field (f, "voice_value_row", "+44 77OO 900123");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (details_child (f, "voice_value_error"))));
  gtk_widget_activate_action (GTK_WIDGET (details), "details.save", NULL);

  /* An application ID that is not a UUID, as the application destination and as the link. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (details_child (f, "voice_type_row")), 3);
  set_field (f, "voice_value_row", "my-app");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (details_child (f, "voice_value_error"))));
  adw_combo_row_set_selected (ADW_COMBO_ROW (details_child (f, "voice_type_row")), 1);
  set_field (f, "voice_value_row", "sip:desk@pbx.example.org");
  set_field (f, "app_id_row", "12345");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (details_child (f, "app_id_error"))));
  gtk_widget_activate_action (GTK_WIDGET (details), "details.save", NULL);

  /* A status webhook that is not http(s). */
  set_field (f, "app_id_row", APP_A);
  set_field (f, "voice_status_callback_row", "ftp://relay.testsuite.example/status");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (details_child (f, "voice_status_callback_error"))));
  gtk_widget_activate_action (GTK_WIDGET (details), "details.save", NULL);

  dial_test_ui_iterate_for (200);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/update"), ==, updates);
  mo = owned_member (f, FULL_MSISDN, "moHttpUrl");
  g_assert_cmpstr (mo, ==, "https://relay.testsuite.example/sms/full");
}

static void
test_update_failure_keeps_edits (Fixture       *f,
                                 gconstpointer  data)
{
  DialNumberDetails *details = dial_numbers_page_get_details (f->page);
  const char *message;

  open_details (f, FULL_MSISDN);
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HTTP_500, 1, "/number/update", 0);
  set_field (f, "mo_smpp_sys_type_row", "changed-type");
  save_and_wait (f);

  /* The edit is still in the form, still unsaved, and the message says why. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (details_child (f, "mo_smpp_sys_type_row"))),
                   ==, "changed-type");
  g_assert_true (dial_number_details_get_dirty (details));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (details_child (f, "error_revealer"))));
  message = gtk_label_get_text (GTK_LABEL (details_child (f, "error_label")));
  g_assert_true (g_str_has_prefix (message, "Could not save the settings of +44 7911 123456: "));
  {
    g_autofree char *smpp = owned_member (f, FULL_MSISDN, "moSmppSysType");

    g_assert_cmpstr (smpp, ==, "inbound");
  }

  /* Saving again works and the message goes away. */
  save_and_wait (f);
  g_assert_false (dial_number_details_get_dirty (details));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (details_child (f, "error_revealer"))));
  {
    g_autofree char *smpp = owned_member (f, FULL_MSISDN, "moSmppSysType");

    g_assert_cmpstr (smpp, ==, "changed-type");
  }
}

static void
on_webhook_request (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  guint *hits = user_data;

  (*hits)++;
  if (g_strcmp0 (soup_server_message_get_method (msg), "GET") != 0)
    soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
  else if (g_strcmp0 (path, "/sms/ok") == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static const char *
check_message (Fixture *f)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (details_child (f, "check_row")));
}

static void
test_webhook_check (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  DialNumberDetails *details = dial_numbers_page_get_details (f->page);
  g_autofree char *base = NULL;
  g_autofree char *ok_url = NULL;
  g_autofree char *missing_url = NULL;
  guint updates = dial_sandbox_get_request_count (f->sandbox, "/number/update");
  guint hits = 0;

  soup_server_add_handler (server, NULL, on_webhook_request, &hits, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  ok_url = g_strconcat (base, "/sms/ok", NULL);
  missing_url = g_strconcat (base, "/sms/missing", NULL);

  open_details (f, FULL_MSISDN);

  set_field (f, "mo_http_url_row", ok_url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "details.check-webhook", NULL));
  dial_test_ui_wait_until (!dial_number_details_get_busy (details) && hits == 1);
  dial_test_ui_wait_until (strstr (check_message (f), "200") != NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (details_child (f, "check_row"))));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (details_child (f, "check_icon_stack"))),
                   ==, "ok");

  set_field (f, "mo_http_url_row", missing_url);
  /* A new URL: the old answer is gone. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (details_child (f, "check_row"))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details), "details.check-webhook", NULL));
  dial_test_ui_wait_until (!dial_number_details_get_busy (details) && hits == 2);
  dial_test_ui_wait_until (strstr (check_message (f), "404") != NULL);
  g_assert_true (strstr (check_message (f), "not accept") != NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (details_child (f, "check_icon_stack"))),
                   ==, "failed");

  /* Checking is not saving. */
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/update"), ==, updates);
  g_assert_true (dial_number_details_get_dirty (details));
  soup_server_disconnect (server);
}

static AdwMessageDialog *
ask_to_cancel (Fixture    *f,
               const char *msisdn)
{
  AdwMessageDialog *dialog;

  open_details (f, msisdn);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "numbers.cancel", NULL));
  dialog = wait_for_dialog ();
  return dialog;
}

static void
test_cancel_success (Fixture       *f,
                     gconstpointer  data)
{
  AdwMessageDialog *dialog;
  g_autofree char *grouped = dial_format_msisdn_grouped (PLAIN_MSISDN, "DE");
  guint total = g_list_model_get_n_items (dial_numbers_page_get_shown (f->page));

  /* "Keep" sends nothing. */
  dialog = ask_to_cancel (f, PLAIN_MSISDN);
  respond (dialog, "Keep Number");
  dial_test_ui_iterate_for (100);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/cancel"), ==, 0);

  dialog = ask_to_cancel (f, PLAIN_MSISDN);
  /* The dialog names the number, says it is final, and that the number goes back on sale. */
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), grouped));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "cannot be undone"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "market"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "cancel-number"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "keep");
  respond (dialog, "Cancel Number");

  dial_test_ui_wait_until (dial_owned_list_find (dial_numbers_page_get_owned (f->page),
                                                 PLAIN_MSISDN, NULL) == NULL);
  g_assert_null (dial_sandbox_get_owned_json (f->sandbox, PLAIN_MSISDN));
  g_assert_cmpuint (g_list_model_get_n_items (dial_numbers_page_get_shown (f->page)), ==, total - 1);
  g_assert_false (dial_numbers_page_get_details_open (f->page));
  {
    g_autofree char *toast = g_strdup_printf ("Cancelled %s", grouped);

    dial_test_ui_wait_until (toast_says (f, toast));
  }
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/cancel"), ==, 1);
}

static void
on_cancelled_elsewhere (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (dial_client_cancel_finish (DIAL_CLIENT (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_cancel_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DialClient) other = dial_client_new ();
  g_autofree char *url = dial_sandbox_get_url (f->sandbox);
  AdwMessageDialog *dialog;
  AdwMessageDialog *failure;
  gboolean done = FALSE;

  /* Someone cancels the number elsewhere (the dashboard, another computer). */
  g_assert_true (dial_client_set_base_url (other, url, NULL));
  dial_client_set_credentials (other, DIAL_SANDBOX_DEFAULT_API_KEY, DIAL_SANDBOX_DEFAULT_API_SECRET);
  dial_client_cancel_async (other, "DE", PLAIN_MSISDN, NULL, NULL, on_cancelled_elsewhere, &done);
  dial_test_ui_wait_until (done);

  dialog = ask_to_cancel (f, PLAIN_MSISDN);
  respond (dialog, "Cancel Number");

  /* Vonage refuses (420); the page finds out why and says exactly that. */
  /* The confirmation has closed (respond () waited for that): this is the answer. */
  failure = wait_for_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (failure), "Could Not Cancel"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (failure), "Vonage said"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (failure), "no longer on your account"));
  g_assert_null (dial_owned_list_find (dial_numbers_page_get_owned (f->page), PLAIN_MSISDN, NULL));
  /* Sent once by the other client and once by the page: never again on its own. */
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/cancel"), ==, 2);
}

static void
test_cancel_dropped_after_apply (Fixture       *f,
                                 gconstpointer  data)
{
  AdwMessageDialog *dialog;
  g_autofree char *grouped = dial_format_msisdn_grouped (PLAIN_MSISDN, "DE");
  g_autofree char *toast = g_strdup_printf ("Cancelled %s. The answer from Vonage was lost", grouped);

  /* The cancel goes through, then the connection drops before the answer. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_DROP_AFTER, 1, "/number/cancel", 0);
  dialog = ask_to_cancel (f, PLAIN_MSISDN);
  respond (dialog, "Cancel Number");

  /* The page looks at the owned numbers before it says anything, and then says it is done. */
  dial_test_ui_wait_until (toast_says (f, toast));
  g_assert_null (dial_owned_list_find (dial_numbers_page_get_owned (f->page), PLAIN_MSISDN, NULL));
  g_assert_null (dial_sandbox_get_owned_json (f->sandbox, PLAIN_MSISDN));
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/cancel"), ==, 1);
  g_assert_null (dial_test_ui_find_window (ADW_TYPE_MESSAGE_DIALOG));
}

static void
test_cancel_dropped_before_apply (Fixture       *f,
                                  gconstpointer  data)
{
  AdwMessageDialog *dialog;
  AdwMessageDialog *failure = NULL;

  /* The connection drops before the cancel is applied: the number is still owned. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_DROP_BEFORE, 1, "/number/cancel", 0);
  dialog = ask_to_cancel (f, PLAIN_MSISDN);
  respond (dialog, "Cancel Number");

  /* The confirmation has closed (respond () waited for that): this is the answer. */
  failure = wait_for_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (failure), "still on your account"));
  g_assert_nonnull (dial_owned_list_find (dial_numbers_page_get_owned (f->page), PLAIN_MSISDN, NULL));
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/cancel"), ==, 1);
}

static char *
read_file (GFile *file)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

#define CSV_HEADER \
  "Number,Country code,Country,Type,Capabilities,SMS webhook,SMPP system type," \
  "Voice destination type,Voice destination,Voice status webhook,Linked application\r\n"

static void
test_csv_export (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "export.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_lines;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);

  /* Only what is shown: the filtered rows. */
  set_filter (f, "testsuite");
  g_assert_cmpuint (g_list_model_get_n_items (dial_numbers_page_get_shown (f->page)), ==, 2);
  dial_numbers_page_export_to_file (f->page, file);
  dial_test_ui_wait_until (toast_says (f, "Exported to export.csv"));

  contents = read_file (file);
  g_assert_true (g_str_has_prefix (contents, CSV_HEADER));
  lines = g_strsplit (contents, "\r\n", -1);
  n_lines = g_strv_length (lines);
  /* Header, two rows, and the empty rest after the last CRLF. */
  g_assert_cmpuint (n_lines, ==, 4);
  g_assert_cmpstr (lines[3], ==, "");
  g_assert_cmpstr (lines[1], ==,
                   "+" FULL_MSISDN ",GB,United Kingdom,Mobile,\"SMS, Voice\","
                   "https://relay.testsuite.example/sms/full,inbound,SIP URI,sip:desk@pbx.example.org,"
                   "https://relay.testsuite.example/status/full," APP_A);
  /* RFC 4180: a field with a comma or quotes is quoted, its quotes doubled. */
  g_assert_cmpstr (lines[2], ==,
                   "+" QUOTE_MSISDN ",GB,United Kingdom,Mobile,SMS,"
                   "\"https://relay.testsuite.example/sms?a=1,b=\"\"2\"\"\",,,,," APP_B);
}

static void
test_csv_writer (void)
{
  g_autoptr(GListStore) store = g_list_store_new (DIAL_TYPE_NUMBER);
  g_autoptr(DialNumber) plain = dial_number_new ("DE", "4930901820");
  g_autoptr(GBytes) empty = NULL;
  g_autoptr(GBytes) csv = NULL;
  gsize size;
  const char *text;

  /* No numbers: just the header. */
  empty = dial_numbers_export_csv (G_LIST_MODEL (store));
  text = g_bytes_get_data (empty, &size);
  g_assert_cmpmem (text, size, CSV_HEADER, strlen (CSV_HEADER));

  g_list_store_append (store, plain);
  csv = dial_numbers_export_csv (G_LIST_MODEL (store));
  text = g_bytes_get_data (csv, &size);
  g_assert_true (size > strlen (CSV_HEADER));
  g_assert_true (g_str_has_prefix (text + strlen (CSV_HEADER), "+4930901820,DE,Germany,"));
  g_assert_true (text[size - 2] == '\r' && text[size - 1] == '\n');
}

static gboolean
cell_on_screen (Fixture    *f,
                const char *text)
{
  GtkWidget *scrolled = GTK_WIDGET (page_child (f, "scrolled_window"));
  GtkWidget *cell = find_cell (f, text);
  graphene_point_t top = GRAPHENE_POINT_INIT (0, 0);
  graphene_point_t in_scrolled;

  return cell != NULL
         && gtk_widget_compute_point (GTK_WIDGET (cell), scrolled, &top, &in_scrolled)
         && in_scrolled.y >= 0
         && in_scrolled.y + gtk_widget_get_height (GTK_WIDGET (cell)) <= gtk_widget_get_height (scrolled);
}

/* Waiting for the first page: the list's frame, its filter and headers, and what it waits for
 * (the spinner turns after 700 ms). */
static void
test_loading_screenshot (void)
{
  Fixture fixture = { 0 };
  Fixture *f = &fixture;

  fixture_start (f, 50, FALSE);
  dial_sandbox_set_latency (f->sandbox, 3000);
  dial_numbers_page_set_client (f->page, f->client);
  dial_test_ui_wait_until (gtk_spinner_get_spinning (GTK_SPINNER (page_child (f, "loading_spinner"))));
  g_assert_cmpstr (dial_numbers_page_get_state (f->page), ==, "loading");
  g_assert_nonnull (dial_test_ui_find_label (GTK_WIDGET (f->window), "Loading Your Numbers"));
  g_assert_nonnull (dial_test_ui_find_label (GTK_WIDGET (f->window), "Loading numbers…"));
  g_assert_cmpuint (dial_test_ui_screenshot (GTK_WIDGET (f->window), "test-ui-numbers-loading"),
                    >, 16);
  dial_sandbox_set_latency (f->sandbox, 0);
  fixture_tear_down (f, NULL);
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  guint list_colours;
  guint details_colours;

  list_colours = dial_test_ui_screenshot (GTK_WIDGET (f->window), "test-ui-numbers-list");
  g_assert_cmpuint (list_colours, >, 64);

  open_details (f, FULL_MSISDN);
  dial_test_ui_wait_until (gtk_widget_get_mapped (GTK_WIDGET (dial_numbers_page_get_details (f->page))));
  /* The selected row is scrolled into view: its cell lies inside the scrolled window. */
  dial_test_ui_wait_until (cell_on_screen (f, "+44 7911 123456"));
  details_colours = dial_test_ui_screenshot (GTK_WIDGET (f->window), "test-ui-numbers-details");
  g_assert_cmpuint (details_colours, >, 64);
  /* Narrow (a phone, a tiled window): the details cover the list instead of sharing the width. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 420, 760);
  dial_test_ui_wait_until (gtk_widget_get_width (GTK_WIDGET (f->window)) <= 480);
  dial_test_ui_wait_until (adw_flap_get_folded (ADW_FLAP (page_child (f, "flap"))));
  g_assert_true (dial_numbers_page_get_details_open (f->page));
  g_assert_cmpuint (dial_test_ui_screenshot (GTK_WIDGET (f->window), "test-ui-numbers-narrow"), >, 64);

  /* The form is on screen with the number's settings. */
  g_assert_nonnull (dial_test_ui_find_label (GTK_WIDGET (f->window), "+44 7911 123456"));
}

static gboolean
has_shortcut (GtkWidget  *widget,
              const char *trigger,
              const char *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *t = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *a = gtk_shortcut_get_action (shortcut);

          if (g_strcmp0 (t, trigger) == 0 && GTK_IS_NAMED_ACTION (a)
              && g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (a)), action) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *entry = GTK_WIDGET (page_child (f, "filter_entry"));
  GtkWidget *column_view = GTK_WIDGET (page_child (f, "column_view"));
  DialNumberDetails *details = dial_numbers_page_get_details (f->page);
  GtkWidget *focus;
  AdwMessageDialog *dialog;

  g_assert_true (has_shortcut (GTK_WIDGET (f->page), "<Control>f", "numbers.focus-filter"));
  g_assert_true (has_shortcut (GTK_WIDGET (f->page), "Delete", "numbers.cancel"));
  /* The others the shortcuts window lists. */
  g_assert_true (has_shortcut (GTK_WIDGET (f->page), "<Control>c", "numbers.copy"));
  g_assert_true (has_shortcut (GTK_WIDGET (f->page), "Escape", "numbers.close-details"));

  /* Ctrl+F: the filter has the keyboard. */
  gtk_widget_grab_focus (column_view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "numbers.focus-filter", NULL));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry)));

  /* Enter on a row: its details open with the keyboard in the form. */
  g_signal_emit_by_name (column_view, "activate", 3);
  dial_test_ui_wait_until (dial_numbers_page_get_details_open (f->page));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (details)));
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (page_child (f, "selection"))),
                    ==, 3);

  /* Delete asks to cancel the selected number. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "numbers.cancel", NULL));
  dialog = wait_for_dialog ();
  respond (dialog, "Keep Number");
  dial_test_ui_iterate_for (50);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/cancel"), ==, 0);
}

static gboolean
has_focus_within (GtkWidget *window,
                  GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* An account's numbers open with the keyboard in the list (arrows, Enter, Delete; typing goes
 * to the filter), but coming back to the page leaves the focus alone. */
static void
test_initial_focus (void)
{
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  g_autoptr(DialClient) other = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  AdwToastOverlay *overlay;
  GtkWidget *window;
  GtkWidget *column_view;
  GtkWidget *elsewhere;
  GtkWidget *entry;
  GtkWidget *box;

  fixture_start (f, 40, FALSE);
  window = GTK_WIDGET (f->window);
  column_view = GTK_WIDGET (page_child (f, "column_view"));
  entry = GTK_WIDGET (page_child (f, "filter_entry"));
  /* Something else to focus in the window, as the app's header bar has. */
  overlay = dial_test_window_get_overlay (f->window);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  elsewhere = gtk_button_new_with_label ("Elsewhere");
  g_object_ref (f->page);
  adw_toast_overlay_set_child (overlay, NULL);
  gtk_box_append (GTK_BOX (box), elsewhere);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->page));
  g_object_unref (f->page);
  adw_toast_overlay_set_child (overlay, box);
  dial_test_ui_wait_until (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
  g_assert_false (has_focus_within (window, column_view));

  /* The list takes the keyboard at once, while its numbers are still on their way, and keeps
   * it when they come. */
  dial_numbers_page_set_client (f->page, f->client);
  g_assert_true (has_focus_within (window, column_view));
  dial_test_ui_wait_until (fully_loaded (f));
  g_assert_true (has_focus_within (window, column_view));

  /* Away and back: the page does not take the keyboard again. */
  gtk_widget_grab_focus (elsewhere);
  gtk_widget_set_visible (GTK_WIDGET (f->page), FALSE);
  dial_test_ui_iterate_for (50);
  gtk_widget_set_visible (GTK_WIDGET (f->page), TRUE);
  dial_test_ui_wait_until (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
  dial_test_ui_iterate_for (50);
  g_assert_true (gtk_widget_has_focus (elsewhere));

  /* Another account while the page is on screen: its list takes the keyboard. */
  url = dial_sandbox_get_url (f->sandbox);
  other = dial_client_new ();
  g_assert_true (dial_client_set_base_url (other, url, &error));
  g_assert_no_error (error);
  dial_client_set_credentials (other, DIAL_SANDBOX_DEFAULT_API_KEY,
                               DIAL_SANDBOX_DEFAULT_API_SECRET);
  dial_numbers_page_set_client (f->page, other);
  g_assert_true (has_focus_within (window, column_view));

  /* And the page hidden when its account is set takes it once it is shown. */
  gtk_widget_grab_focus (elsewhere);
  gtk_widget_set_visible (GTK_WIDGET (f->page), FALSE);
  dial_numbers_page_set_client (f->page, f->client);
  g_assert_true (gtk_widget_has_focus (elsewhere));
  gtk_widget_set_visible (GTK_WIDGET (f->page), TRUE);
  dial_test_ui_wait_until (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
  g_assert_true (has_focus_within (window, column_view));

  /* A first key typed in the list reaches the filter (GtkSearchEntry's key capture, which then
   * says the search has started): the filter takes the keyboard, without selecting that key
   * (the next would replace it). The keys themselves: journey-keyboard. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "9");
  g_signal_emit_by_name (entry, "search-started");
  g_assert_true (has_focus_within (window, entry));
  g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (entry), NULL, NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "9");

  /* Escape there (GtkSearchEntry's "stop-search"): the filter is emptied and the keyboard is
   * back in the list. */
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_true (has_focus_within (window, column_view));

  dial_numbers_page_set_client (f->page, NULL);
  fixture_tear_down (f, NULL);
}

static void
test_copy (Fixture       *f,
           gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->page));
  GdkContentProvider *content;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  open_details (f, FULL_MSISDN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "numbers.copy", NULL));
  content = gdk_clipboard_get_content (clipboard);
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_value_get_string (&value), ==, "+" FULL_MSISDN);
  dial_test_ui_wait_until (toast_says (f, "Copied +44 7911 123456"));
}

static void
test_show_number (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint total = g_list_model_get_n_items (dial_numbers_page_get_shown (f->page));

  /* A loaded number, hidden by the local filter: the filter gives way. */
  set_filter (f, "germany");
  dial_numbers_page_show_number (f->page, "GB", FULL_MSISDN, TRUE);
  dial_test_ui_wait_until (details_show (f, FULL_MSISDN));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page_child (f, "filter_entry"))), ==, "");

  /* A number bought after the list was loaded: looked up, added, selected. */
  g_assert_true (dial_sandbox_add_owned_json (f->sandbox,
                                              "{\"country\":\"GB\",\"msisdn\":\"447700900950\","
                                              "\"type\":\"mobile-lvn\",\"features\":[\"SMS\"]}",
                                              &error));
  g_assert_no_error (error);
  dial_numbers_page_show_number (f->page, "GB", "447700900950", FALSE);
  dial_test_ui_wait_until (details_show (f, "447700900950"));
  g_assert_cmpuint (g_list_model_get_n_items (dial_numbers_page_get_shown (f->page)), ==, total + 1);

  /* A number that is not on the account: said so, nothing added. */
  dial_numbers_page_show_number (f->page, "GB", "447700900777", FALSE);
  dial_test_ui_wait_until (toast_says (f, "is not on this account"));
  g_assert_cmpuint (g_list_model_get_n_items (dial_numbers_page_get_shown (f->page)), ==, total + 1);
}

static void
test_empty_state (void)
{
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  GtkButton *buy;

  fixture_start (f, 0, FALSE);
  dial_numbers_page_set_client (f->page, f->client);
  dial_test_ui_wait_until (g_strcmp0 (dial_numbers_page_get_state (f->page), "empty") == 0);
  g_assert_nonnull (dial_test_ui_find_label (GTK_WIDGET (f->page), "No Numbers Yet"));
  buy = dial_test_ui_find_button (GTK_WIDGET (f->page), "Buy a Number");
  g_assert_nonnull (buy);
  g_signal_emit_by_name (buy, "clicked");
  g_assert_cmpuint (dial_test_window_count_activations (f->window, "show-buy"), ==, 1);
  fixture_tear_down (f, NULL);
}

static void
test_error_state (void)
{
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  GtkButton *retry;

  fixture_start (f, 150, FALSE);
  /* Every attempt fails (the client's bounded retries included). */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HTTP_500, 50, "/account/numbers", 0);
  dial_numbers_page_set_client (f->page, f->client);
  dial_test_ui_wait_until (g_strcmp0 (dial_numbers_page_get_state (f->page), "error") == 0);
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (page_child (f, "error_status"))),
                   ==, dial_error_explain (DIAL_ERROR_SERVER));

  /* Retry, once the service works again. */
  dial_sandbox_clear_faults (f->sandbox);
  retry = dial_test_ui_find_button (GTK_WIDGET (f->page), "Retry");
  g_assert_nonnull (retry);
  g_signal_emit_by_name (retry, "clicked");
  dial_test_ui_wait_until (fully_loaded (f));
  g_assert_cmpstr (dial_numbers_page_get_state (f->page), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (dial_numbers_page_get_shown (f->page)), ==, 150);
  fixture_tear_down (f, NULL);
}

static void
test_client_cleared (Fixture       *f,
                     gconstpointer  data)
{
  dial_numbers_page_set_client (f->page, NULL);
  g_assert_null (dial_numbers_page_get_owned (f->page));
  g_assert_cmpuint (g_list_model_get_n_items (dial_numbers_page_get_shown (f->page)), ==, 0);
  g_assert_false (dial_numbers_page_get_details_open (f->page));

  /* And back: loads again. */
  dial_numbers_page_set_client (f->page, f->client);
  dial_test_ui_wait_until (fully_loaded (f));
  g_assert_cmpuint (g_list_model_get_n_items (dial_numbers_page_get_shown (f->page)), ==,
                    dial_sandbox_get_n_owned (f->sandbox));
}

static void
test_german (void)
{
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  AdwMessageDialog *dialog;
  g_autofree char *status = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *grouped = dial_format_msisdn_grouped (PLAIN_MSISDN, "DE");

  g_assert_nonnull (g_getenv ("DIAL_TEST_LOCALEDIR"));
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DIAL_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  /* The template's strings (its own translation domain) and the code's. */
  fixture_start (f, 20, TRUE);
  {
    g_autofree char *placeholder = NULL;

    g_object_get (page_child (f, "filter_entry"), "placeholder-text", &placeholder, NULL);
    g_assert_cmpstr (placeholder, ==, "Nach Nummer, Land oder Webhook filtern");
  }
  dial_numbers_page_set_client (f->page, f->client);
  dial_test_ui_wait_until (fully_loaded (f));
  status = g_strdup_printf ("%'u Nummern", dial_sandbox_get_n_owned (f->sandbox));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (f, "status_label"))), ==, status);
  g_assert_nonnull (dial_test_ui_find_label (GTK_WIDGET (page_child (f, "column_view")), "Nummer"));

  dialog = ask_to_cancel (f, PLAIN_MSISDN);
  heading = g_strdup_printf ("%s kündigen?", grouped);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  respond (dialog, "Nummer behalten");
  fixture_tear_down (f, NULL);

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

#define ADD(path, func, n) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (n), fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  dial_test_ui_init (&argc, &argv);

  ADD ("/ui-numbers/load-all", test_load_all, 1200);
  g_test_add_func ("/ui-numbers/load-progress", test_load_progress);
  g_test_add_func ("/ui-numbers/rows-chunk-per-frame", test_rows_chunk_per_frame);
  ADD ("/ui-numbers/local-filter", test_local_filter, 1200);
  ADD ("/ui-numbers/api-filters", test_api_filters, 300);
  ADD ("/ui-numbers/edit-each-field", test_edit_each_field, 50);
  ADD ("/ui-numbers/update-keeps-untouched", test_update_keeps_untouched, 50);
  ADD ("/ui-numbers/invalid-refused", test_invalid_refused, 50);
  ADD ("/ui-numbers/update-failure-keeps-edits", test_update_failure_keeps_edits, 50);
  ADD ("/ui-numbers/webhook-check", test_webhook_check, 50);
  ADD ("/ui-numbers/cancel-success", test_cancel_success, 50);
  ADD ("/ui-numbers/cancel-refused", test_cancel_refused, 50);
  ADD ("/ui-numbers/cancel-dropped-after-apply", test_cancel_dropped_after_apply, 50);
  ADD ("/ui-numbers/cancel-dropped-before-apply", test_cancel_dropped_before_apply, 50);
  ADD ("/ui-numbers/csv-export", test_csv_export, 50);
  g_test_add_func ("/ui-numbers/csv-writer", test_csv_writer);
  ADD ("/ui-numbers/screenshots", test_screenshots, 200);
  g_test_add_func ("/ui-numbers/loading-screenshot", test_loading_screenshot);
  ADD ("/ui-numbers/keyboard", test_keyboard, 50);
  ADD ("/ui-numbers/copy", test_copy, 20);
  ADD ("/ui-numbers/show-number", test_show_number, 150);
  g_test_add_func ("/ui-numbers/initial-focus", test_initial_focus);
  g_test_add_func ("/ui-numbers/empty-state", test_empty_state);
  g_test_add_func ("/ui-numbers/error-state", test_error_state);
  ADD ("/ui-numbers/client-cleared", test_client_cleared, 50);
  g_test_add_func ("/ui-numbers/german", test_german);

  return g_test_run ();
}
