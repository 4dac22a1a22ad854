/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-buy"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "dial-buy-dialog.h"
#include "dial-buy-page.h"
#include "dial-buy-result-row.h"
#include "dial-client.h"
#include "dial-country-chooser.h"
#include "dial-format.h"
#include "dial-sandbox.h"
#include "dial-test-ui.h"

/*
 * The Buy Numbers page in a real window under Xvfb, against the sandbox on loopback: every
 * search filter as the sandbox receives it, paging, the empty answer `{}`, errors with Retry,
 * throttling, cancelled searches, and every way a purchase can end: bought, refused for each
 * cause the app can find out, and an unknown outcome reconciled without buying twice.
 */

#define SEED 20261127

typedef struct
{
  DialSandbox    *sandbox;
  DialClient     *client;
  DialTestWindow *window;
  DialBuyPage    *page;
} Fixture;

/* Template children, the way a person finds them: by what they are on screen. */
static gpointer
child (Fixture    *f,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->page), DIAL_TYPE_BUY_PAGE, name);

  g_assert_nonnull (object);
  return object;
}

static gpointer
dialog_child (DialBuyDialog *dialog,
              const char    *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog), DIAL_TYPE_BUY_DIALOG,
                                                   name);

  g_assert_nonnull (object);
  return object;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  f->sandbox = dial_sandbox_new (SEED, 3);
  g_assert_true (dial_sandbox_listen (f->sandbox, 0, &error));
  g_assert_no_error (error);
  url = dial_sandbox_get_url (f->sandbox);

  f->client = dial_client_new ();
  g_assert_true (dial_client_set_base_url (f->client, url, &error));
  g_assert_no_error (error);
  dial_client_set_credentials (f->client, DIAL_SANDBOX_DEFAULT_API_KEY,
                               DIAL_SANDBOX_DEFAULT_API_SECRET);
  dial_client_set_timeout (f->client, 5);

  f->page = dial_buy_page_new ();
  g_object_add_weak_pointer (G_OBJECT (f->page), (gpointer *) &f->page);
  f->window = dial_test_window_new (GTK_WIDGET (f->page), 900, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  dial_test_ui_wait_until (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = dial_test_ui_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (dialog);

  gtk_window_destroy (GTK_WINDOW (f->window));
  /* Searches in flight hold no reference: the page goes with its window. */
  dial_test_ui_wait_until (f->page == NULL);

  g_clear_object (&f->client);
  dial_sandbox_disconnect (f->sandbox);
  g_clear_object (&f->sandbox);
}

static guint
search_count (Fixture *f)
{
  return dial_sandbox_get_request_count (f->sandbox, "/number/search");
}

static gboolean
is_loading (Fixture *f)
{
  GtkStack *stack = child (f, "stack");

  return gtk_widget_get_visible (child (f, "search_spinner")) ||
         g_strcmp0 (gtk_stack_get_visible_child_name (stack), "loading") == 0;
}

/* Waits until every pending search (debounced, or in flight) has gone out and been answered. */
static void
settle (Fixture *f)
{
  /* Longer than the pattern's search-delay (400 ms) and the filters' debounce (150 ms). */
  dial_test_ui_iterate_for (600);
  dial_test_ui_wait_until (!is_loading (f));
}

static const char *
visible_page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (child (f, "stack"));
}

static GListModel *
results (Fixture *f)
{
  return G_LIST_MODEL (gtk_list_view_get_model (child (f, "results_view")));
}

static guint
n_results (Fixture *f)
{
  return g_list_model_get_n_items (results (f));
}

static DialNumber *
result (Fixture *f,
        guint    i)
{
  DialNumber *number = g_list_model_get_item (results (f), i);

  g_assert_nonnull (number);
  g_object_unref (number); /* the model keeps it */
  return number;
}

/* The parameters of the last search the sandbox received. */
static GHashTable *
last_search (Fixture *f)
{
  g_autofree char *query = dial_sandbox_get_last_request (f->sandbox, "/number/search");
  g_autoptr(GError) error = NULL;
  GHashTable *params;

  g_assert_nonnull (query);
  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);
  return params;
}

static void
choose_country (Fixture    *f,
                const char *country)
{
  guint before = search_count (f);

  dial_country_chooser_set_country (child (f, "country_chooser"), country);
  dial_test_ui_wait_until (search_count (f) > before);
  settle (f);
}

static void
start (Fixture    *f,
       const char *country)
{
  dial_buy_page_set_client (f->page, f->client);
  choose_country (f, country);
  g_assert_cmpstr (visible_page (f), ==, "results");
}

static void
type_pattern (Fixture    *f,
              const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (f, "pattern_entry")), text);
}

static void
press_enter (Fixture *f)
{
  g_signal_emit_by_name (child (f, "pattern_entry"), "activate");
}

/* ---- Search ---- */

typedef struct
{
  guint        type;      /* dropdown position: any, landline, mobile, toll-free */
  gboolean     sms, voice, mms;
  guint        mode;      /* dropdown position: starts, contains, ends */
  const char  *pattern;
  const char  *want_type;
  const char  *want_features;
  const char  *want_search_pattern;
} SearchCase;

static gboolean
features_equal (const char *sent,
                const char *wanted)
{
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;

  if (sent == NULL || wanted == NULL)
    return sent == wanted;
  a = g_strsplit (sent, ",", -1);
  b = g_strsplit (wanted, ",", -1);
  if (g_strv_length (a) != g_strv_length (b))
    return FALSE;
  for (guint i = 0; a[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) b, a[i]))
      return FALSE;
  return TRUE;
}

static void
test_search_filters (Fixture       *f,
                     gconstpointer  data)
{
  static const SearchCase cases[] = {
    { 0, FALSE, FALSE, FALSE, 0, "",       NULL,                 NULL,            NULL },
    { 2, FALSE, FALSE, FALSE, 0, "",       "mobile-lvn",         NULL,            NULL },
    { 1, FALSE, FALSE, FALSE, 0, "",       "landline",           NULL,            NULL },
    { 3, FALSE, FALSE, FALSE, 0, "",       "landline-toll-free", NULL,            NULL },
    { 0, TRUE,  FALSE, FALSE, 0, "",       NULL,                 "SMS",           NULL },
    { 0, FALSE, TRUE,  FALSE, 0, "",       NULL,                 "VOICE",         NULL },
    { 0, FALSE, FALSE, TRUE,  0, "",       NULL,                 "MMS",           NULL },
    { 0, TRUE,  TRUE,  FALSE, 0, "",       NULL,                 "SMS,VOICE",     NULL },
    { 0, TRUE,  FALSE, TRUE,  0, "",       NULL,                 "SMS,MMS",       NULL },
    { 0, FALSE, TRUE,  TRUE,  0, "",       NULL,                 "VOICE,MMS",     NULL },
    { 1, TRUE,  TRUE,  TRUE,  0, "",       "landline",           "SMS,MMS,VOICE", NULL },
    { 0, FALSE, FALSE, FALSE, 0, "4477",   NULL,                 NULL,            "0" },
    { 0, FALSE, FALSE, FALSE, 1, "0090",   NULL,                 NULL,            "1" },
    { 0, FALSE, FALSE, FALSE, 2, "2",      NULL,                 NULL,            "2" },
    { 2, TRUE,  TRUE,  FALSE, 1, "7700",   "mobile-lvn",         "SMS,VOICE",     "1" },
    { 1, FALSE, TRUE,  FALSE, 0, "+44 20", "landline",           "VOICE",         "0" },
  };

  start (f, "GB");

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      const SearchCase *sc = &cases[c];
      g_autoptr(GHashTable) params = NULL;
      guint before = search_count (f);

      g_test_message ("case %u: type %u, sms %d, voice %d, mms %d, mode %u, pattern '%s'",
                      c, sc->type, sc->sms, sc->voice, sc->mms, sc->mode, sc->pattern);

      gtk_drop_down_set_selected (child (f, "type_dropdown"), sc->type);
      gtk_toggle_button_set_active (child (f, "sms_toggle"), sc->sms);
      gtk_toggle_button_set_active (child (f, "voice_toggle"), sc->voice);
      gtk_toggle_button_set_active (child (f, "mms_toggle"), sc->mms);
      gtk_drop_down_set_selected (child (f, "pattern_mode_dropdown"), sc->mode);
      type_pattern (f, sc->pattern);
      press_enter (f);
      dial_test_ui_wait_until (search_count (f) > before);
      settle (f);

      params = last_search (f);
      g_assert_cmpstr (g_hash_table_lookup (params, "country"), ==, "GB");
      g_assert_cmpstr (g_hash_table_lookup (params, "type"), ==, sc->want_type);
      g_assert_true (features_equal (g_hash_table_lookup (params, "features"),
                                     sc->want_features));
      if (sc->want_search_pattern != NULL)
        {
          g_auto(GStrv) digits = g_strsplit_set (sc->pattern, "+ ", -1);
          g_autofree char *pattern = g_strjoinv ("", digits);

          g_assert_cmpstr (g_hash_table_lookup (params, "pattern"), ==, pattern);
          g_assert_cmpstr (g_hash_table_lookup (params, "search_pattern"), ==,
                           sc->want_search_pattern);
        }
      else
        g_assert_null (g_hash_table_lookup (params, "pattern"));
      g_assert_cmpstr (g_hash_table_lookup (params, "index"), ==, "1");
      g_assert_cmpstr (g_hash_table_lookup (params, "size"), ==, "30");

      /* What is shown matches what was asked. */
      if (g_str_equal (visible_page (f), "empty"))
        continue;
      g_assert_cmpstr (visible_page (f), ==, "results");
      g_assert_cmpuint (n_results (f), >, 0);
      for (guint i = 0; i < n_results (f); i++)
        {
          DialNumber *number = result (f, i);
          DialFeatures features = dial_number_get_features (number);

          g_assert_cmpstr (dial_number_get_country (number), ==, "GB");
          if (sc->want_type != NULL)
            g_assert_cmpstr (dial_number_get_type_string (number), ==, sc->want_type);
          if (sc->sms)
            g_assert_true (features & DIAL_FEATURE_SMS);
          if (sc->voice)
            g_assert_true (features & DIAL_FEATURE_VOICE);
          if (sc->mms)
            g_assert_true (features & DIAL_FEATURE_MMS);
        }
    }
}

static void
test_search_bad_pattern (Fixture       *f,
                         gconstpointer  data)
{
  GtkLabel *error_label;
  guint before;

  start (f, "GB");
  before = search_count (f);

  type_pattern (f, "44x7");
  press_enter (f);
  settle (f);

  /* Nothing sent, the text kept, and a translated hint under the entry. */
  g_assert_cmpuint (search_count (f), ==, before);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "pattern_entry"))), ==, "44x7");
  error_label = child (f, "pattern_error");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "digits"));

  /* Fixing it searches again and clears the hint. */
  type_pattern (f, "447");
  press_enter (f);
  dial_test_ui_wait_until (search_count (f) > before);
  settle (f);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
}

static void
test_search_paging (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GHashTable) params = NULL;
  GtkAdjustment *adjustment;
  guint before;

  start (f, "GB");
  g_assert_cmpuint (n_results (f), ==, 30);
  before = search_count (f);

  /* A full page fills more than the view: nothing more until the user scrolls. */
  dial_test_ui_iterate_for (300);
  g_assert_cmpuint (search_count (f), ==, before);

  adjustment = gtk_scrollable_get_vadjustment (child (f, "results_view"));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >,
                     gtk_adjustment_get_page_size (adjustment));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));

  dial_test_ui_wait_until (n_results (f) == 60);
  g_assert_cmpuint (search_count (f), ==, before + 1);
  params = last_search (f);
  g_assert_cmpstr (g_hash_table_lookup (params, "index"), ==, "2");
  g_assert_cmpstr (g_hash_table_lookup (params, "country"), ==, "GB");

  /* The second page follows the first; no number twice. */
  for (guint i = 0; i < 60; i++)
    for (guint j = i + 1; j < 60; j++)
      g_assert_cmpstr (dial_number_get_msisdn (result (f, i)), !=,
                       dial_number_get_msisdn (result (f, j)));
}

static void
test_search_empty (Fixture       *f,
                   gconstpointer  data)
{
  AdwStatusPage *empty_page;
  guint before;

  start (f, "GB");
  before = search_count (f);

  /* Nothing starts with these digits: the API answers `{}`. */
  type_pattern (f, "999999");
  press_enter (f);
  dial_test_ui_wait_until (search_count (f) > before);
  settle (f);

  g_assert_cmpstr (visible_page (f), ==, "empty");
  g_assert_cmpuint (n_results (f), ==, 0);
  empty_page = child (f, "empty_page");
  g_assert_cmpstr (adw_status_page_get_title (empty_page), ==, "No Numbers Match");
  g_assert_nonnull (strstr (adw_status_page_get_description (empty_page), "fewer digits"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (empty_page)));

  /* Another type is suggested when a type was chosen. */
  gtk_drop_down_set_selected (child (f, "type_dropdown"), 3);
  before = search_count (f);
  dial_test_ui_wait_until (search_count (f) > before);
  settle (f);
  g_assert_cmpstr (visible_page (f), ==, "empty");
  g_assert_nonnull (strstr (adw_status_page_get_description (empty_page), "number type"));
}

static void
test_search_error_retry (Fixture       *f,
                         gconstpointer  data)
{
  AdwStatusPage *error_page;
  GtkButton *retry;
  guint before;

  dial_buy_page_set_client (f->page, f->client);
  /* More failures than the client retries by itself. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HTTP_500, 10, "/number/search", 0);
  choose_country (f, "FR");

  g_assert_cmpstr (visible_page (f), ==, "error");
  error_page = child (f, "error_page");
  g_assert_nonnull (strstr (adw_status_page_get_description (error_page),
                            "Could not search for numbers in France"));

  dial_sandbox_clear_faults (f->sandbox);
  before = search_count (f);
  retry = dial_test_ui_find_button (GTK_WIDGET (error_page), "Retry");
  dial_test_ui_click (retry);
  dial_test_ui_wait_until (search_count (f) > before);
  settle (f);

  g_assert_cmpstr (visible_page (f), ==, "results");
  g_assert_cmpstr (dial_number_get_country (result (f, 0)), ==, "FR");
}

static void
test_search_throttled (Fixture       *f,
                       gconstpointer  data)
{
  dial_buy_page_set_client (f->page, f->client);

  /* 429 with Retry-After: 1; the client waits and asks again, the user just sees results. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_THROTTLE, 1, "/number/search", 1);
  dial_country_chooser_set_country (child (f, "country_chooser"), "DE");
  dial_test_ui_wait_until (search_count (f) >= 2);
  settle (f);

  g_assert_cmpstr (visible_page (f), ==, "results");
  g_assert_cmpuint (search_count (f), ==, 2);
  g_assert_cmpstr (dial_number_get_country (result (f, 0)), ==, "DE");
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  guint *wrong = user_data;

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(DialNumber) number = g_list_model_get_item (model, i);

      if (!g_str_has_prefix (dial_number_get_msisdn (number), "4477009002"))
        (*wrong)++;
    }
}

static void
test_search_typing_cancels (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GHashTable) params = NULL;
  guint before, wrong = 0;
  gulong id;

  start (f, "GB");

  /* Typing in bursts shorter than the pause: one search, for the whole text. */
  before = search_count (f);
  type_pattern (f, "4");
  dial_test_ui_iterate_for (100);
  type_pattern (f, "44");
  dial_test_ui_iterate_for (100);
  type_pattern (f, "447");
  dial_test_ui_iterate_for (100);
  type_pattern (f, "4477");
  settle (f);
  g_assert_cmpuint (search_count (f), ==, before + 1);
  params = last_search (f);
  g_assert_cmpstr (g_hash_table_lookup (params, "pattern"), ==, "4477");

  /* A slow answer overtaken by a newer search is dropped, never shown. */
  dial_sandbox_set_latency (f->sandbox, 1500);
  before = search_count (f);
  type_pattern (f, "447700900");
  press_enter (f);
  dial_test_ui_wait_until (search_count (f) == before + 1);

  id = g_signal_connect (results (f), "items-changed", G_CALLBACK (on_items_changed), &wrong);
  type_pattern (f, "4477009002");
  press_enter (f);
  dial_test_ui_wait_until (search_count (f) == before + 2);
  dial_test_ui_iterate_for (1000);
  dial_test_ui_wait_until (!is_loading (f));
  g_signal_handler_disconnect (results (f), id);

  /* Both reached the sandbox; only the last one's numbers were ever put on screen. */
  g_assert_cmpuint (search_count (f), ==, before + 2);
  g_assert_cmpuint (wrong, ==, 0);
  g_assert_cmpuint (n_results (f), >, 0);
  for (guint i = 0; i < n_results (f); i++)
    g_assert_true (g_str_has_prefix (dial_number_get_msisdn (result (f, i)), "4477009002"));
}

static void
test_country_remembered (Fixture       *f,
                         gconstpointer  data)
{
  DialCountryChooser *chooser = child (f, "country_chooser");
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *entry;
  DialBuyPage *second;
  DialTestWindow *window;

  dial_buy_page_set_client (f->page, f->client);

  /* As a person would: open the list, type part of the name, press Enter. */
  dial_country_chooser_popup (chooser);
  entry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (chooser),
                                                     DIAL_TYPE_COUNTRY_CHOOSER,
                                                     "search_entry"));
  dial_test_ui_wait_until (gtk_widget_get_mapped (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "germ");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (dial_country_chooser_get_country (chooser), ==, "DE");
  settle (f);
  g_assert_cmpstr (dial_number_get_country (result (f, 0)), ==, "DE");

  /* Remembered in GSettings, and the next page starts there. */
  g_assert_cmpstr (g_settings_get_string (settings, "last-search-country"), ==, "DE");
  second = dial_buy_page_new ();
  window = dial_test_window_new (GTK_WIDGET (second), 600, 400);
  g_assert_cmpstr (dial_country_chooser_get_country (
                     DIAL_COUNTRY_CHOOSER (gtk_widget_get_template_child (GTK_WIDGET (second),
                                                                          DIAL_TYPE_BUY_PAGE,
                                                                          "country_chooser"))),
                   ==, "DE");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- Buying ---- */

static DialBuyResultRow *
find_row (Fixture    *f,
          const char *msisdn);

static gboolean
row_has_number (GtkWidget *widget,
                gpointer   msisdn)
{
  DialNumber *number = dial_buy_result_row_get_number (DIAL_BUY_RESULT_ROW (widget));

  return number != NULL && g_str_equal (dial_number_get_msisdn (number), msisdn);
}

static DialBuyResultRow *
find_row (Fixture    *f,
          const char *msisdn)
{
  return DIAL_BUY_RESULT_ROW (dial_test_ui_find_widget (GTK_WIDGET (f->page),
                                                        DIAL_TYPE_BUY_RESULT_ROW,
                                                        row_has_number, (gpointer) msisdn));
}

static gboolean
buy_button_sensitive (Fixture    *f,
                      const char *msisdn)
{
  DialBuyResultRow *row = find_row (f, msisdn);

  g_assert_nonnull (row);
  return gtk_widget_is_sensitive (GTK_WIDGET (gtk_widget_get_template_child (
    GTK_WIDGET (row), DIAL_TYPE_BUY_RESULT_ROW, "buy_button")));
}

/* Clicks "Buy…" on the row of @msisdn, as the user does. */
static void
click_buy (Fixture    *f,
           const char *msisdn)
{
  DialBuyResultRow *row = find_row (f, msisdn);

  g_assert_nonnull (row);
  dial_test_ui_click (GTK_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (row),
                                                                 DIAL_TYPE_BUY_RESULT_ROW,
                                                                 "buy_button")));
}

/* What the page and the sandbox show, for a failure's report. */
static void
describe_purchase (Fixture *f)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  g_printerr ("status: %s\n", gtk_label_get_text (child (f, "status_label")));
  g_printerr ("requests: search %u, balance %u, buy %u\n",
              dial_sandbox_get_request_count (f->sandbox, "/number/search"),
              dial_sandbox_get_request_count (f->sandbox, "/account/get-balance"),
              dial_sandbox_get_request_count (f->sandbox, "/number/buy"));
  for (GList *l = toplevels; l != NULL; l = l->next)
    g_printerr ("window: %s%s\n", G_OBJECT_TYPE_NAME (l->data),
                gtk_widget_get_visible (l->data) ? "" : " (hidden)");
}

static DialBuyDialog *
wait_for_confirmation (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (dial_test_ui_find_window (DIAL_TYPE_BUY_DIALOG) == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        {
          describe_purchase (f);
          g_error ("timed out waiting for the confirmation");
        }
      dial_test_ui_iterate ();
    }
  return DIAL_BUY_DIALOG (dial_test_ui_find_window (DIAL_TYPE_BUY_DIALOG));
}

/* The dialog that tells how a purchase ended (not the confirmation). */
static gboolean
outcome_shown (void)
{
  GtkWindow *window = dial_test_ui_find_window (ADW_TYPE_MESSAGE_DIALOG);

  return window != NULL && !DIAL_IS_BUY_DIALOG (window);
}

static AdwMessageDialog *
wait_for_outcome (void)
{
  dial_test_ui_wait_until (outcome_shown ());
  return ADW_MESSAGE_DIALOG (dial_test_ui_find_window (ADW_TYPE_MESSAGE_DIALOG));
}

/* Clicks the dialog's button for a response, as the user does (it also closes the dialog). */
static void
click_response (gpointer    dialog,
                const char *label)
{
  g_autoptr(GtkButton) button = NULL;

  /* Held: the response closes the dialog. */
  button = g_object_ref (dial_test_ui_find_button (GTK_WIDGET (dialog), label));
  dial_test_ui_click (button);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text, part);
}

static DialMoney
sandbox_balance (Fixture *f)
{
  g_autofree char *text = dial_sandbox_get_balance (f->sandbox);
  DialMoney value;

  g_assert_true (dial_money_parse (text, &value));
  return value;
}

static DialMoney
price_of (DialNumber *number)
{
  DialMoney price;

  g_assert_true (dial_buy_price_now (number, &price));
  return price;
}

/* A number from the first results, and its price as shown. */
static DialNumber *
pick (Fixture *f,
      guint    i)
{
  return g_object_ref (result (f, i));
}

static void
test_buy_success (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DialNumber) number = NULL;
  g_autofree char *display = NULL;
  g_autofree char *expected_param = NULL;
  g_autofree char *balance_text = NULL;
  g_autofree char *after_text = NULL;
  g_autofree char *toast_text = NULL;
  g_autofree char *unbroken = NULL;
  g_autofree char *owned_json = NULL;
  g_autoptr(DialBuyDialog) dialog = NULL;
  g_autoptr(GtkButton) buy_button = NULL;
  DialMoney before, price;
  guint lookups;
  GtkButton *setup;

  start (f, "GB");
  number = pick (f, 0);
  price = price_of (number);
  before = sandbox_balance (f);
  display = dial_format_msisdn_grouped (dial_number_get_msisdn (number), "GB");

  /* A double click asks once: one lookup, one confirmation. */
  lookups = search_count (f);
  click_buy (f, dial_number_get_msisdn (number));
  dial_test_ui_wait_until (!buy_button_sensitive (f, dial_number_get_msisdn (number)));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "buy.buy", "(ss)",
                              dial_number_get_country (number), dial_number_get_msisdn (number));
  dialog = g_object_ref (wait_for_confirmation (f));
  g_assert_cmpuint (search_count (f), ==, lookups + 1);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/get-balance"), ==, 1);

  /* The confirmation names the number, the price, the balance now and after. */
  balance_text = dial_format_money (before);
  after_text = dial_format_money (before - price);
  g_assert_cmpstr (gtk_label_get_text (dialog_child (dialog, "number_value")), ==, display);
  g_assert_cmpstr (gtk_label_get_text (dialog_child (dialog, "balance_value")), ==, balance_text);
  g_assert_cmpstr (gtk_label_get_text (dialog_child (dialog, "after_value")), ==, after_text);
  assert_contains (gtk_label_get_text (dialog_child (dialog, "country_value")), "United Kingdom");
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "low_balance_box")));
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 0);

  /* Confirming twice (a double click on "Buy Number") buys once. */
  buy_button = dial_test_ui_find_button (GTK_WIDGET (dialog), "Buy Number");
  g_assert_nonnull (buy_button);
  g_object_ref (buy_button);
  dial_test_ui_click (buy_button);
  if (gtk_widget_get_mapped (GTK_WIDGET (buy_button)))
    dial_test_ui_click (buy_button);
  dial_test_ui_wait_until (dial_test_window_count_activations (f->window, "refresh-balance") == 1);

  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 1);
  g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox, dial_number_get_msisdn (number)),
                    ==, 1);
  owned_json = dial_sandbox_get_owned_json (f->sandbox, dial_number_get_msisdn (number));
  g_assert_nonnull (owned_json);
  g_assert_cmpint (sandbox_balance (f), ==, before - price);

  /* My Numbers shows it, selected; the header re-reads the balance. */
  expected_param = g_strdup_printf ("('GB', '%s', false)", dial_number_get_msisdn (number));
  g_assert_cmpuint (dial_test_window_count_activations (f->window, "show-number"), ==, 1);
  g_assert_cmpstr (dial_test_window_get_last_parameter (f->window, "show-number"), ==,
                   expected_param);

  /* A toast says so and leads to the number's setup. */
  /* In sentences the number's spaces do not break. */
  unbroken = dial_buy_format_unbroken (g_strdup (display));
  toast_text = g_strdup_printf ("Bought %s", unbroken);
  dial_test_ui_wait_until (dial_test_ui_find_label (GTK_WIDGET (f->window), toast_text) != NULL);
  setup = dial_test_ui_find_button (GTK_WIDGET (f->window), "Set Up This Number");
  dial_test_ui_click (setup);
  g_clear_pointer (&expected_param, g_free);
  expected_param = g_strdup_printf ("('GB', '%s', true)", dial_number_get_msisdn (number));
  dial_test_ui_wait_until (dial_test_window_count_activations (f->window, "show-number") == 2);
  g_assert_cmpstr (dial_test_window_get_last_parameter (f->window, "show-number"), ==,
                   expected_param);

  /* The bought number left the results; another can be bought now. */
  g_assert_null (find_row (f, dial_number_get_msisdn (number)));
  g_assert_true (buy_button_sensitive (f, dial_number_get_msisdn (result (f, 0))));
}

static void
test_buy_cancelled (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DialNumber) number = NULL;
  DialBuyDialog *dialog;
  DialMoney before;

  start (f, "GB");
  number = pick (f, 1);
  before = sandbox_balance (f);

  click_buy (f, dial_number_get_msisdn (number));
  dialog = wait_for_confirmation (f);
  click_response (ADW_MESSAGE_DIALOG (dialog), "Cancel");
  dial_test_ui_wait_until (dial_test_ui_find_window (DIAL_TYPE_BUY_DIALOG) == NULL);
  dial_test_ui_iterate_for (200);

  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 0);
  g_assert_cmpint (sandbox_balance (f), ==, before);
  g_assert_cmpuint (dial_test_window_count_activations (f->window, "show-number"), ==, 0);
  g_assert_true (buy_button_sensitive (f, dial_number_get_msisdn (number)));
}

static void
test_buy_subaccount (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DialNumber) number = NULL;
  g_autofree char *body = NULL;
  AdwExpanderRow *expander;
  GtkEditable *key;
  DialBuyDialog *dialog;

  start (f, "GB");
  number = pick (f, 0);

  click_buy (f, dial_number_get_msisdn (number));
  dialog = wait_for_confirmation (f);
  expander = dialog_child (dialog, "subaccount_row");
  key = dialog_child (dialog, "subaccount_key_row");

  /* On, but no key yet: cannot buy. A key with a space: said why, still cannot. */
  adw_expander_row_set_enable_expansion (expander, TRUE);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "buy"));
  gtk_editable_set_text (key, "not a key");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "buy"));
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "subaccount_error")));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (key), "error"));

  /* The sandbox account accepts its own key as the target. */
  gtk_editable_set_text (key, DIAL_SANDBOX_DEFAULT_API_KEY);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "buy"));
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "subaccount_error")));
  g_assert_cmpstr (dial_buy_dialog_get_target_api_key (dialog), ==, DIAL_SANDBOX_DEFAULT_API_KEY);

  click_response (ADW_MESSAGE_DIALOG (dialog), "Buy Number");
  dial_test_ui_wait_until (dial_test_window_count_activations (f->window, "refresh-balance") == 1);

  body = dial_sandbox_get_last_request (f->sandbox, "/number/buy");
  assert_contains (body, "target_api_key=" DIAL_SANDBOX_DEFAULT_API_KEY);
  g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox, dial_number_get_msisdn (number)),
                    ==, 1);
  /* A subaccount's number is not in this account's list: nothing to show there. */
  g_assert_cmpuint (dial_test_window_count_activations (f->window, "show-number"), ==, 0);
  dial_test_ui_wait_until (dial_test_ui_find_label (GTK_WIDGET (f->window), "for subaccount") != NULL);

  /* Switching the option off again buys for this account. */
  click_buy (f, dial_number_get_msisdn (result (f, 0)));
  dialog = wait_for_confirmation (f);
  expander = dialog_child (dialog, "subaccount_row");
  adw_expander_row_set_enable_expansion (expander, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "subaccount_key_row")), "a b");
  adw_expander_row_set_enable_expansion (expander, FALSE);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "buy"));
  g_assert_null (dial_buy_dialog_get_target_api_key (dialog));
  click_response (ADW_MESSAGE_DIALOG (dialog), "Cancel");
}

static void
test_buy_refused_not_subaccount (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(DialNumber) number = NULL;
  AdwMessageDialog *outcome;
  DialBuyDialog *dialog;
  const char *body;

  start (f, "GB");
  number = pick (f, 0);

  click_buy (f, dial_number_get_msisdn (number));
  dialog = wait_for_confirmation (f);
  adw_expander_row_set_enable_expansion (dialog_child (dialog, "subaccount_row"), TRUE);
  gtk_editable_set_text (dialog_child (dialog, "subaccount_key_row"), "other123");
  click_response (dialog, "Buy Number");
  outcome = wait_for_outcome ();

  body = adw_message_dialog_get_body (outcome);
  assert_contains (body, "The API key other123 does not belong to a subaccount");
  assert_contains (body, "target_api_key is not a subaccount of this account");
  g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox, dial_number_get_msisdn (number)),
                    ==, 0);
  /* The subaccount's numbers cannot be listed, so the owned list was not asked. */
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/numbers"), ==, 0);
}

/* Opens the confirmation for result @i; @meanwhile changes the world before "Buy Number". */
static AdwMessageDialog *
buy_refused (Fixture    *f,
             DialNumber *number,
             void      (*meanwhile) (Fixture *, DialNumber *))
{
  DialBuyDialog *dialog;
  AdwMessageDialog *outcome;

  click_buy (f, dial_number_get_msisdn (number));
  dialog = wait_for_confirmation (f);
  if (meanwhile != NULL)
    meanwhile (f, number);
  click_response (ADW_MESSAGE_DIALOG (dialog), "Buy Number");
  outcome = wait_for_outcome ();

  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 1);
  g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox, dial_number_get_msisdn (number)),
                    ==, 0);
  assert_contains (adw_message_dialog_get_heading (outcome), "Could Not Buy");
  g_assert_cmpuint (dial_test_window_count_activations (f->window, "refresh-balance"), ==, 0);
  return outcome;
}

static void
make_owned (Fixture    *f,
            DialNumber *number)
{
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  /* Bought meanwhile elsewhere (the dashboard, a colleague). */
  json = g_strdup_printf ("{\"country\":\"%s\",\"msisdn\":\"%s\",\"type\":\"%s\","
                          "\"features\":[\"VOICE\"]}",
                          dial_number_get_country (number), dial_number_get_msisdn (number),
                          dial_number_get_type_string (number));
  g_assert_true (dial_sandbox_add_owned_json (f->sandbox, json, &error));
  g_assert_no_error (error);
}

static void
withdraw (Fixture    *f,
          DialNumber *number)
{
  dial_sandbox_withdraw_available (f->sandbox, dial_number_get_msisdn (number));
}

static void
test_buy_refused_already_owned (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(DialNumber) number = NULL;
  AdwMessageDialog *outcome;
  g_autofree char *expected = NULL;

  start (f, "GB");
  number = pick (f, 2);
  outcome = buy_refused (f, number, make_owned);

  assert_contains (adw_message_dialog_get_body (outcome), "You already own this number");
  /* Vonage's own words, verbatim. */
  assert_contains (adw_message_dialog_get_body (outcome), "you already own this number");
  g_assert_true (adw_message_dialog_has_response (outcome, "show"));

  click_response (outcome, "Show in My Numbers");
  dial_test_ui_wait_until (dial_test_window_count_activations (f->window, "show-number") == 1);
  expected = g_strdup_printf ("('GB', '%s', false)", dial_number_get_msisdn (number));
  g_assert_cmpstr (dial_test_window_get_last_parameter (f->window, "show-number"), ==, expected);
}

static void
test_buy_refused_not_available (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(DialNumber) number = NULL;
  AdwMessageDialog *outcome;

  start (f, "GB");
  number = pick (f, 3);
  outcome = buy_refused (f, number, withdraw);

  assert_contains (adw_message_dialog_get_body (outcome), "no longer available");
  assert_contains (adw_message_dialog_get_body (outcome), "method failed");
  g_assert_false (adw_message_dialog_get_body (outcome) != NULL &&
                  strstr (adw_message_dialog_get_body (outcome), "already own") != NULL);
  /* It is gone from the results too. */
  g_assert_null (find_row (f, dial_number_get_msisdn (number)));
}

static void
test_buy_gone_before_confirmation (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(DialNumber) number = NULL;
  AdwMessageDialog *outcome;

  start (f, "GB");
  number = pick (f, 4);

  /* Gone between the search and the click: found out by the lookup, nothing sent. */
  withdraw (f, number);
  click_buy (f, dial_number_get_msisdn (number));
  outcome = wait_for_outcome ();
  assert_contains (adw_message_dialog_get_heading (outcome), "No Longer Available");
  g_assert_null (dial_test_ui_find_window (DIAL_TYPE_BUY_DIALOG));
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 0);
  g_assert_null (find_row (f, dial_number_get_msisdn (number)));
}

static void
test_buy_refused_needs_address (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(DialNumber) number = NULL;
  AdwMessageDialog *outcome;
  const char *body;

  dial_sandbox_set_country_needs_address (f->sandbox, "DE", TRUE);
  start (f, "DE");
  number = pick (f, 0);
  outcome = buy_refused (f, number, NULL);

  body = adw_message_dialog_get_body (outcome);
  assert_contains (body, "Numbers in Germany can only be bought with a local address");
  assert_contains (body, "https://dashboard.nexmo.com/buy-numbers");
  /* Vonage's label verbatim. */
  assert_contains (body, "as they require a valid local address to be provided before being "
                         "purchased.");
  g_assert_true (adw_message_dialog_has_response (outcome, "dashboard"));
  g_assert_null (strstr (body, "balance"));
  g_assert_cmpuint (dial_test_ui_screenshot (GTK_WIDGET (outcome), "test-ui-buy-refused"), >, 100);
}

static void
test_buy_refused_balance (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(DialNumber) number = NULL;
  g_autofree char *balance = NULL;
  g_autofree char *price = NULL;
  AdwMessageDialog *outcome;
  DialBuyDialog *dialog;
  const char *body;

  dial_sandbox_set_balance (f->sandbox, "0.50");
  start (f, "GB");
  number = pick (f, 0);
  balance = dial_format_money (50000000);
  price = dial_format_money (price_of (number));

  /* The confirmation already warns, with the balance after in the negative. */
  click_buy (f, dial_number_get_msisdn (number));
  dialog = wait_for_confirmation (f);
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "low_balance_box")));
  g_assert_cmpstr (gtk_label_get_text (dialog_child (dialog, "balance_value")), ==, balance);
  g_assert_true (gtk_widget_has_css_class (dialog_child (dialog, "after_value"), "error"));
  click_response (ADW_MESSAGE_DIALOG (dialog), "Cancel");
  dial_test_ui_wait_until (dial_test_ui_find_window (DIAL_TYPE_BUY_DIALOG) == NULL);
  dial_test_ui_wait_until (buy_button_sensitive (f, dial_number_get_msisdn (number)));

  /* Buying anyway: Vonage refuses, and the app says why, with the balance. */
  outcome = buy_refused (f, number, NULL);
  body = adw_message_dialog_get_body (outcome);
  assert_contains (body, "Your balance is too low");
  assert_contains (body, balance);
  assert_contains (body, price);
  assert_contains (body, "insufficient balance");
  g_assert_cmpint (sandbox_balance (f), ==, 50000000);
}

static void
test_buy_dropped_after (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DialNumber) number = NULL;
  g_autofree char *expected = NULL;
  AdwMessageDialog *outcome;
  DialBuyDialog *dialog;
  DialMoney before;

  start (f, "GB");
  number = pick (f, 0);
  before = sandbox_balance (f);

  /* The sandbox buys, then hangs up before answering. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_DROP_AFTER, 1, "/number/buy", 0);
  click_buy (f, dial_number_get_msisdn (number));
  dialog = wait_for_confirmation (f);
  click_response (ADW_MESSAGE_DIALOG (dialog), "Buy Number");
  outcome = wait_for_outcome ();

  /* Reconciled by looking, never by buying again: exactly one purchase, and the user knows. */
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 1);
  g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox, dial_number_get_msisdn (number)),
                    ==, 1);
  g_assert_cmpint (sandbox_balance (f), ==, before - price_of (number));
  assert_contains (adw_message_dialog_get_heading (outcome), "Bought");
  assert_contains (adw_message_dialog_get_body (outcome), "is yours now");
  assert_contains (adw_message_dialog_get_body (outcome), "connection to Vonage was lost");
  g_assert_false (adw_message_dialog_has_response (outcome, "retry"));

  expected = g_strdup_printf ("('GB', '%s', false)", dial_number_get_msisdn (number));
  g_assert_cmpstr (dial_test_window_get_last_parameter (f->window, "show-number"), ==, expected);
  g_assert_cmpuint (dial_test_window_count_activations (f->window, "refresh-balance"), ==, 1);

  /* "Set Up This Number" from there opens its edit form. */
  click_response (outcome, "Set Up This Number");
  dial_test_ui_wait_until (dial_test_window_count_activations (f->window, "show-number") == 2);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("('GB', '%s', true)", dial_number_get_msisdn (number));
  g_assert_cmpstr (dial_test_window_get_last_parameter (f->window, "show-number"), ==, expected);
}

static void
test_buy_dropped_before (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DialNumber) number = NULL;
  AdwMessageDialog *outcome;
  DialBuyDialog *dialog;
  DialMoney before;

  start (f, "GB");
  number = pick (f, 0);
  before = sandbox_balance (f);

  /* The connection drops before the sandbox does anything. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_DROP_BEFORE, 1, "/number/buy", 0);
  click_buy (f, dial_number_get_msisdn (number));
  dialog = wait_for_confirmation (f);
  click_response (ADW_MESSAGE_DIALOG (dialog), "Buy Number");
  outcome = wait_for_outcome ();

  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 1);
  g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox, dial_number_get_msisdn (number)),
                    ==, 0);
  g_assert_cmpint (sandbox_balance (f), ==, before);
  assert_contains (adw_message_dialog_get_heading (outcome), "Not Bought");
  assert_contains (adw_message_dialog_get_body (outcome), "it was not bought");
  assert_contains (adw_message_dialog_get_body (outcome), "You can try again");
  g_assert_cmpuint (dial_test_window_count_activations (f->window, "show-number"), ==, 0);
  g_assert_cmpuint (dial_test_ui_screenshot (GTK_WIDGET (outcome), "test-ui-buy-not-bought"), >,
                    100);

  /* Nothing was sent again on its own. Trying again is the user's choice, and confirmed anew. */
  dial_test_ui_iterate_for (300);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 1);
  click_response (outcome, "Try Again");
  dialog = wait_for_confirmation (f);
  click_response (ADW_MESSAGE_DIALOG (dialog), "Buy Number");
  dial_test_ui_wait_until (dial_test_window_count_activations (f->window, "refresh-balance") == 1);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 2);
  g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox, dial_number_get_msisdn (number)),
                    ==, 1);
}

static void
test_search_more_fails (Fixture       *f,
                        gconstpointer  data)
{
  GtkAdjustment *adjustment;
  GtkButton *retry;
  guint before;

  start (f, "GB");
  g_assert_cmpuint (n_results (f), ==, 30);

  /* The next page fails (more often than the client retries): the first page stays, a toast
   * says so and offers Retry. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HTTP_500, 10, "/number/search", 0);
  adjustment = gtk_scrollable_get_vadjustment (child (f, "results_view"));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  dial_test_ui_wait_until (dial_test_ui_find_label (GTK_WIDGET (f->window),
                                                    "Could not load more numbers") != NULL);
  g_assert_cmpuint (n_results (f), ==, 30);
  g_assert_cmpstr (visible_page (f), ==, "results");

  dial_sandbox_clear_faults (f->sandbox);
  before = search_count (f);
  retry = dial_test_ui_find_button (GTK_WIDGET (f->window), "Retry");
  dial_test_ui_click (retry);
  dial_test_ui_wait_until (n_results (f) == 60);
  g_assert_cmpuint (search_count (f), ==, before + 1);
}

static void
test_search_client_changes (Fixture       *f,
                            gconstpointer  data)
{
  guint before;

  start (f, "GB");

  /* Signed out: nothing to search, nothing left of the other account's search. */
  dial_buy_page_set_client (f->page, NULL);
  g_assert_null (dial_buy_page_get_client (f->page));
  g_assert_cmpstr (visible_page (f), ==, "start");
  g_assert_cmpuint (n_results (f), ==, 0);

  /* Back: the same country is searched again at once. */
  before = search_count (f);
  dial_buy_page_set_client (f->page, f->client);
  dial_test_ui_wait_until (search_count (f) > before);
  settle (f);
  g_assert_cmpstr (visible_page (f), ==, "results");

  /* F5 asks again for the same thing. */
  before = search_count (f);
  dial_buy_page_reload (f->page);
  dial_test_ui_wait_until (search_count (f) > before);
  settle (f);
  g_assert_cmpstr (visible_page (f), ==, "results");
}

static void
test_buy_with_setup_price (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(DialNumber) number = NULL;
  g_autofree char *cost = NULL;
  g_autofree char *setup = NULL;
  g_autofree char *after = NULL;
  DialBuyDialog *dialog;
  DialMoney before, monthly, initial;
  guint searches;

  start (f, "GB");
  searches = search_count (f);
  gtk_drop_down_set_selected (child (f, "type_dropdown"), 3);
  dial_test_ui_wait_until (search_count (f) > searches);
  settle (f);

  number = pick (f, 0);
  g_assert_true (dial_money_parse (dial_number_get_cost (number), &monthly));
  g_assert_true (dial_money_parse (dial_number_get_initial_price (number), &initial));
  g_assert_cmpint (initial, >, 0);
  before = sandbox_balance (f);

  /* The row shows the setup price; the confirmation adds it to the first month, exactly. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (
    GTK_WIDGET (find_row (f, dial_number_get_msisdn (number))), DIAL_TYPE_BUY_RESULT_ROW,
    "setup_label"))));
  click_buy (f, dial_number_get_msisdn (number));
  dialog = wait_for_confirmation (f);
  cost = dial_format_money (monthly);
  setup = dial_format_money (initial);
  after = dial_format_money (before - monthly - initial);
  g_assert_cmpstr (gtk_label_get_text (dialog_child (dialog, "cost_value")), ==, cost);
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "setup_row")));
  g_assert_cmpstr (gtk_label_get_text (dialog_child (dialog, "setup_value")), ==, setup);
  g_assert_cmpstr (gtk_label_get_text (dialog_child (dialog, "after_value")), ==, after);

  click_response (dialog, "Buy Number");
  dial_test_ui_wait_until (dial_test_window_count_activations (f->window, "refresh-balance") == 1);
  g_assert_cmpint (sandbox_balance (f), ==, before - monthly - initial);
}

static void
test_buy_balance_unreadable (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(DialNumber) number = NULL;
  DialBuyDialog *dialog;

  start (f, "GB");
  number = pick (f, 0);

  /* The balance cannot be read: the confirmation says so; buying is still the user's call. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HTTP_500, 10, "/account/get-balance",
                             0);
  click_buy (f, dial_number_get_msisdn (number));
  dialog = wait_for_confirmation (f);
  g_assert_cmpstr (gtk_label_get_text (dialog_child (dialog, "balance_value")), ==,
                   "Could not be read");
  g_assert_cmpstr (gtk_label_get_text (dialog_child (dialog, "after_value")), ==, "Unknown");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "buy"));
  dial_sandbox_clear_faults (f->sandbox);
  click_response (dialog, "Buy Number");
  dial_test_ui_wait_until (dial_test_window_count_activations (f->window, "refresh-balance") == 1);
  g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox, dial_number_get_msisdn (number)),
                    ==, 1);
}

static void
test_buy_lookup_fails (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(DialNumber) number = NULL;
  AdwMessageDialog *outcome;

  start (f, "GB");
  number = pick (f, 0);

  /* The price cannot be checked again: no confirmation, nothing bought, Try Again offered. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HTTP_500, 10, "/number/search", 0);
  click_buy (f, dial_number_get_msisdn (number));
  outcome = wait_for_outcome ();
  assert_contains (adw_message_dialog_get_heading (outcome), "Could Not Check");
  assert_contains (adw_message_dialog_get_body (outcome), "Nothing was bought");
  g_assert_true (adw_message_dialog_has_response (outcome, "retry"));
  g_assert_null (dial_test_ui_find_window (DIAL_TYPE_BUY_DIALOG));
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 0);

  /* Trying again once it works leads to the confirmation. */
  dial_sandbox_clear_faults (f->sandbox);
  click_response (outcome, "Try Again");
  click_response (wait_for_confirmation (f), "Cancel");
}

static void
test_buy_refused_auth (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(DialNumber) number = NULL;
  AdwMessageDialog *outcome;
  DialBuyDialog *dialog;

  start (f, "GB");
  number = pick (f, 0);

  /* The key stops working between the confirmation and the purchase (401): a definite no. */
  click_buy (f, dial_number_get_msisdn (number));
  dialog = wait_for_confirmation (f);
  dial_sandbox_set_credentials (f->sandbox, "other999", "OtherSecret999");
  click_response (dialog, "Buy Number");
  outcome = wait_for_outcome ();

  assert_contains (adw_message_dialog_get_heading (outcome), "Could Not Buy");
  assert_contains (adw_message_dialog_get_body (outcome), "The number was not bought");
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 1);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/account/numbers"), ==, 0);
  g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox, dial_number_get_msisdn (number)),
                    ==, 0);
}

static void
test_buy_unconfirmed (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DialNumber) number = NULL;
  AdwMessageDialog *outcome;
  DialBuyDialog *dialog;

  start (f, "GB");
  number = pick (f, 0);

  /* Dropped after buying, and the owned list cannot be read either: the app does not guess and
   * does not buy again; it sends the user to look. */
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_DROP_AFTER, 1, "/number/buy", 0);
  dial_sandbox_inject_fault (f->sandbox, DIAL_SANDBOX_FAULT_HTTP_500, 10, "/account/numbers", 0);
  click_buy (f, dial_number_get_msisdn (number));
  dialog = wait_for_confirmation (f);
  click_response (dialog, "Buy Number");
  outcome = wait_for_outcome ();

  assert_contains (adw_message_dialog_get_heading (outcome), "Purchase Not Confirmed");
  assert_contains (adw_message_dialog_get_body (outcome), "before you try again");
  g_assert_false (adw_message_dialog_has_response (outcome, "retry"));
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 1);
  g_assert_cmpuint (dial_sandbox_get_purchase_count (f->sandbox, dial_number_get_msisdn (number)),
                    ==, 1);

  click_response (outcome, "Open My Numbers");
  dial_test_ui_wait_until (dial_test_window_count_activations (f->window, "show-numbers") == 1);
  g_assert_cmpuint (dial_sandbox_get_request_count (f->sandbox, "/number/buy"), ==, 1);
}

/* ---- Screenshots ---- */

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DialNumber) number = NULL;
  DialCountryChooser *chooser = child (f, "country_chooser");
  GtkWidget *entry, *popover;
  DialBuyDialog *dialog;
  guint colours;

  /* Before a country is chosen. */
  dial_buy_page_set_client (f->page, f->client);
  g_assert_cmpstr (visible_page (f), ==, "start");
  colours = dial_test_ui_screenshot (GTK_WIDGET (f->window), "test-ui-buy-start");
  g_assert_cmpuint (colours, >, 100);

  /* The country list, filtered. */
  dial_country_chooser_popup (chooser);
  entry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (chooser),
                                                     DIAL_TYPE_COUNTRY_CHOOSER, "search_entry"));
  popover = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (chooser),
                                                       DIAL_TYPE_COUNTRY_CHOOSER, "popover"));
  dial_test_ui_wait_until (gtk_widget_get_mapped (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "uni");
  dial_test_ui_iterate_for (300);
  colours = dial_test_ui_screenshot (popover, "test-ui-buy-countries");
  g_assert_cmpuint (colours, >, 100);
  gtk_popover_popdown (GTK_POPOVER (popover));

  dial_country_chooser_set_country (chooser, "US");
  gtk_toggle_button_set_active (child (f, "sms_toggle"), TRUE);
  settle (f);
  g_assert_cmpstr (visible_page (f), ==, "results");
  colours = dial_test_ui_screenshot (GTK_WIDGET (f->window), "test-ui-buy-results");
  g_test_message ("results: %u colours", colours);
  g_assert_cmpuint (colours, >, 100);

  number = pick (f, 0);
  click_buy (f, dial_number_get_msisdn (number));
  dialog = wait_for_confirmation (f);
  colours = dial_test_ui_screenshot (GTK_WIDGET (dialog), "test-ui-buy-confirmation");
  g_test_message ("confirmation: %u colours", colours);
  g_assert_cmpuint (colours, >, 100);
  click_response (dialog, "Cancel");

  /* Nothing matches. */
  type_pattern (f, "999");
  press_enter (f);
  settle (f);
  g_assert_cmpstr (visible_page (f), ==, "empty");
  colours = dial_test_ui_screenshot (GTK_WIDGET (f->window), "test-ui-buy-empty");
  g_assert_cmpuint (colours, >, 100);
}

/* ---- In German ---- */

static void
test_german (void)
{
  Fixture fixture = { NULL }, *f = &fixture;
  g_autoptr(DialNumber) number = NULL;
  g_autofree char *cost = NULL;
  g_autofree char *cost_text = NULL;
  AdwMessageDialog *outcome;
  DialBuyDialog *dialog;
  GtkWidget *row;

  g_assert_nonnull (g_getenv ("DIAL_TEST_LOCALEDIR"));
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DIAL_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  fixture_set_up (f, NULL);
  dial_sandbox_set_country_needs_address (f->sandbox, "DE", TRUE);

  /* The templates (their own translation domain) and the code's strings alike. */
  g_assert_cmpstr (adw_status_page_get_title (
                     ADW_STATUS_PAGE (gtk_stack_get_visible_child (child (f, "stack")))),
                   ==, "Eine Nummer zum Kaufen finden");
  start (f, "DE");
  number = pick (f, 0);
  row = GTK_WIDGET (find_row (f, dial_number_get_msisdn (number)));
  g_assert_nonnull (dial_test_ui_find_button (row, "Kaufen …"));
  cost = dial_format_money_string (dial_number_get_cost (number));
  cost_text = g_strdup_printf ("%s / Monat", cost);
  g_assert_nonnull (dial_test_ui_find_label (row, cost_text));

  click_buy (f, dial_number_get_msisdn (number));
  dialog = wait_for_confirmation (f);
  g_assert_nonnull (dial_test_ui_find_label (GTK_WIDGET (dialog), "Guthaben nach dem Kauf"));
  click_response (dialog, "Nummer kaufen");

  /* Germany in German, Vonage's label as Vonage wrote it. */
  outcome = wait_for_outcome ();
  assert_contains (adw_message_dialog_get_body (outcome),
                   "Nummern in Deutschland können nur mit einer örtlichen Adresse gekauft werden");
  assert_contains (adw_message_dialog_get_body (outcome), "as they require a valid local address");

  fixture_tear_down (f, NULL);

  /* Back to English for the tests after this one. */
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

int
main (int   argc,
      char *argv[])
{
  dial_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/buy/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("search/filters", test_search_filters);
  ADD ("search/bad-pattern", test_search_bad_pattern);
  ADD ("search/paging", test_search_paging);
  ADD ("search/empty", test_search_empty);
  ADD ("search/error-retry", test_search_error_retry);
  ADD ("search/throttled", test_search_throttled);
  ADD ("search/typing-cancels", test_search_typing_cancels);
  ADD ("search/country-remembered", test_country_remembered);
  ADD ("search/more-fails-retry", test_search_more_fails);
  ADD ("search/client-changes", test_search_client_changes);
  ADD ("purchase/success", test_buy_success);
  ADD ("purchase/cancelled", test_buy_cancelled);
  ADD ("purchase/setup-price", test_buy_with_setup_price);
  ADD ("purchase/balance-unreadable", test_buy_balance_unreadable);
  ADD ("purchase/lookup-fails", test_buy_lookup_fails);
  ADD ("purchase/refused-auth", test_buy_refused_auth);
  ADD ("purchase/unconfirmed", test_buy_unconfirmed);
  ADD ("purchase/subaccount", test_buy_subaccount);
  ADD ("purchase/refused-not-a-subaccount", test_buy_refused_not_subaccount);
  ADD ("purchase/refused-already-owned", test_buy_refused_already_owned);
  ADD ("purchase/refused-not-available", test_buy_refused_not_available);
  ADD ("purchase/gone-before-confirmation", test_buy_gone_before_confirmation);
  ADD ("purchase/refused-needs-address", test_buy_refused_needs_address);
  ADD ("purchase/refused-balance", test_buy_refused_balance);
  ADD ("purchase/dropped-after-sending", test_buy_dropped_after);
  ADD ("purchase/dropped-before-applying", test_buy_dropped_before);
  ADD ("screenshots", test_screenshots);
  /* In this process, switching back at the end: in a g_test_trap_subprocess () child, GTK
   * failed to load its SVG icons here ("unknown image format"), a fatal warning. */
  g_test_add_func ("/buy/german", test_german);

#undef ADD

  return g_test_run ();
}
