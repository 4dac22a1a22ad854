/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-window"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <locale.h>
#include <string.h>

#include "dial-application.h"
#include "dial-format.h"
#include "dial-number.h"
#include "dial-sandbox.h"
#include "dial-test-ui.h"
#include "dial-test-util.h"
#include "dial-ui-util.h"
#include "dial-window.h"

/*
 * The main window and the account flow, as a person meets them: real windows under Xvfb, the
 * real keyring of scripts/test-session (each test with API keys of its own: tests run in
 * parallel against it), the sandbox on loopback. Keyring failures run in subprocesses with a
 * private bus (tests/dial-test-util.h).
 */

#define KEYRING_TIMEOUT_MSEC 4000

/* To read back what the window stored, without going through DialAccounts. */
static const SecretSchema account_schema = {
  DIAL_ACCOUNT_SCHEMA_NAME, SECRET_SCHEMA_NONE,
  {
    { DIAL_ACCOUNT_ATTR_API_KEY, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { DIAL_ACCOUNT_ATTR_NAME, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

typedef struct
{
  DialApplication *app;
  DialWindow      *window;
  DialSandbox     *sandbox;
  char            *sandbox_url;
  GPtrArray       *keys;        /* API keys this test stored, cleared at the end */
} Fixture;

static char *
random_token (const char *prefix)
{
  return g_strdup_printf ("%s%08x", prefix, g_random_int ());
}

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  /* The memory backend lives as long as the process: each test starts from the defaults. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

/* The keyring's time limit for the applications a test makes (0: DialAccounts' default). */
static guint keyring_timeout_msec;

/* A fresh application object, not unique on the bus: tests run in parallel in one session.
 * A registered GApplication stays exported on the bus until the process ends: a new path each. */
static DialApplication *
new_test_app (void)
{
  static guint n_apps;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("%s.Test%u", APPLICATION_ID, ++n_apps);
  DialApplication *app;

  app = g_object_new (DIAL_TYPE_APPLICATION,
                      "application-id", id,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  if (keyring_timeout_msec != 0)
    dial_accounts_set_timeout (dial_application_get_accounts (app), keyring_timeout_msec);

  return app;
}

static void
open_window (Fixture *fixture)
{
  fixture->window = dial_window_new (fixture->app);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  dial_window_restore (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  dial_test_ui_wait_until (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
}

static void
record_view_at_map (GtkWidget *window,
                    char     **view)
{
  g_signal_handlers_disconnect_by_func (window, record_view_at_map, view);
  *view = g_strdup (dial_window_get_view (DIAL_WINDOW (window)));
}

static void
on_window_added (GtkApplication *application,
                 GtkWindow      *window,
                 char          **view)
{
  g_signal_connect (window, "map", G_CALLBACK (record_view_at_map), view);
}

/* Starts the application as a person does (it is activated) and waits for its window; the
 * window's view when it first came on screen goes into @view_at_map. */
static void
activate_app (Fixture  *fixture,
              char    **view_at_map)
{
  GtkApplication *application = GTK_APPLICATION (fixture->app);
  gulong handler;

  handler = g_signal_connect (application, "window-added", G_CALLBACK (on_window_added),
                              view_at_map);
  g_application_activate (G_APPLICATION (application));
  dial_test_ui_wait_until (DIAL_IS_WINDOW (gtk_application_get_active_window (application)));
  g_signal_handler_disconnect (application, handler);

  fixture->window = DIAL_WINDOW (gtk_application_get_active_window (application));
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  dial_test_ui_wait_until (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
  g_assert_nonnull (*view_at_map);
}

static void
close_window (Fixture *fixture)
{
  if (fixture->window == NULL)
    return;

  gtk_window_close (GTK_WINDOW (fixture->window));
  dial_test_ui_wait_until (fixture->window == NULL);
}

/* Closes the window and the application, as quitting does. */
static void
quit_app (Fixture *fixture)
{
  close_window (fixture);
  if (fixture->app != NULL)
    dial_demo_stop (dial_application_get_demo (fixture->app));
  g_clear_object (&fixture->app);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;

  reset_settings ();
  fixture->keys = g_ptr_array_new_with_free_func (g_free);

  fixture->sandbox = dial_sandbox_new (7, 3);
  dial_sandbox_listen (fixture->sandbox, 0, &error);
  g_assert_no_error (error);
  fixture->sandbox_url = dial_sandbox_get_url (fixture->sandbox);

  /* The window talks to the sandbox instead of Vonage. */
  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (settings, "api-base-url", fixture->sandbox_url);

  fixture->app = new_test_app ();
  open_window (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  quit_app (fixture);

  for (guint i = 0; i < fixture->keys->len; i++)
    secret_password_clear_sync (&account_schema, NULL, NULL,
                                DIAL_ACCOUNT_ATTR_API_KEY, g_ptr_array_index (fixture->keys, i),
                                NULL);
  g_ptr_array_unref (fixture->keys);

  dial_sandbox_disconnect (fixture->sandbox);
  g_clear_object (&fixture->sandbox);
  g_free (fixture->sandbox_url);
}

static char *
keyring_lookup (const char *api_key)
{
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = secret_password_lookup_sync (&account_schema, NULL, &error,
                                        DIAL_ACCOUNT_ATTR_API_KEY, api_key,
                                        NULL);
  g_assert_no_error (error);

  return secret;
}

static gboolean
row_has_title (GtkWidget *widget,
               gpointer   user_data)
{
  return gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), user_data) == 0;
}

static GtkEditable *
find_entry_row (GtkWidget  *root,
                const char *title)
{
  GtkWidget *row = dial_test_ui_find_widget (root, ADW_TYPE_ENTRY_ROW, row_has_title,
                                             (gpointer) title);

  g_assert_nonnull (row);

  return GTK_EDITABLE (row);
}

static gboolean
row_has_title_any (GtkWidget *widget,
                   gpointer   user_data)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), user_data) == 0;
}

/* The same, on a page that is not on screen. */
static GtkEditable *
find_entry_row_any (GtkWidget  *root,
                    const char *title)
{
  GtkWidget *row = dial_test_ui_find_widget (root, ADW_TYPE_ENTRY_ROW, row_has_title_any,
                                             (gpointer) title);

  g_assert_nonnull (row);

  return GTK_EDITABLE (row);
}

static gboolean
has_tooltip (GtkWidget *widget,
             gpointer   user_data)
{
  return gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), user_data) == 0;
}

/* A mapped widget under @root whose tooltip is @tooltip (icon buttons, the account menu). */
static GtkWidget *
find_by_tooltip (GtkWidget  *root,
                 const char *tooltip)
{
  return dial_test_ui_find_widget (root, GTK_TYPE_WIDGET, has_tooltip, (gpointer) tooltip);
}

static gboolean
view_is (Fixture    *fixture,
         const char *view)
{
  return g_strcmp0 (dial_window_get_view (fixture->window), view) == 0;
}

/* Opens the sign-in form (from the welcome page, or the account menu) and types into it. */
static void
fill_sign_in_form (Fixture    *fixture,
                   const char *api_key,
                   const char *api_secret,
                   const char *name)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);

  if (view_is (fixture, "welcome"))
    dial_test_ui_click (dial_test_ui_find_button (root, "Sign In with an API Key"));
  else
    g_assert_true (gtk_widget_activate_action (root, "win.add-account", NULL));
  dial_test_ui_wait_until (view_is (fixture, "sign-in"));

  gtk_editable_set_text (find_entry_row (root, "API Key"), api_key);
  gtk_editable_set_text (find_entry_row (root, "API Secret"), api_secret);
  gtk_editable_set_text (find_entry_row (root, "Account Name (Optional)"), name ? name : "");
}

/* Signs in through the form; waits until the account is open. */
static void
sign_in (Fixture    *fixture,
         const char *api_key,
         const char *api_secret,
         const char *name)
{
  fill_sign_in_form (fixture, api_key, api_secret, name);
  g_ptr_array_add (fixture->keys, g_strdup (api_key));
  dial_test_ui_click (dial_test_ui_find_button (GTK_WIDGET (fixture->window), "Sign In"));
  dial_test_ui_wait_until (view_is (fixture, "account"));
}

static const char *
open_api_key (Fixture *fixture)
{
  DialClient *client = dial_window_get_client (fixture->window);

  return client != NULL ? dial_client_get_api_key (client) : NULL;
}

/* The balance the header bar shows for @decimal euros, as the user's locale writes it. */
static gboolean
shows_balance (Fixture    *fixture,
               const char *decimal)
{
  g_autofree char *money = dial_format_money_string (decimal);

  g_assert_nonnull (money);

  return dial_test_ui_find_label (GTK_WIDGET (fixture->window), money) != NULL;
}

static gboolean
shows_text (Fixture    *fixture,
            const char *text)
{
  return dial_test_ui_find_label (GTK_WIDGET (fixture->window), text) != NULL;
}

/* Answers the message dialog the window shows with @response. */
static void
respond_to_dialog (const char *response)
{
  AdwMessageDialog *dialog = NULL;

  dial_test_ui_wait_until ((dialog = (AdwMessageDialog *) dial_test_ui_find_window (ADW_TYPE_MESSAGE_DIALOG)));
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Welcome and layout ------------------------------------------------------------------------ */

static void
test_welcome (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);

  dial_test_ui_wait_until (view_is (fixture, "welcome"));

  /* What Dialtone does, in one sentence, and the two ways in. */
  g_assert_nonnull (dial_test_ui_find_label (root, "Welcome to Dialtone"));
  g_assert_nonnull (dial_test_ui_find_label (root, "phone numbers of your Vonage account"));
  g_assert_nonnull (dial_test_ui_find_button (root, "Sign In with an API Key"));
  g_assert_nonnull (dial_test_ui_find_button (root, "Try the Demo"));

  /* No account is open: no balance, no demo marker, no pages to switch to. */
  g_assert_null (find_by_tooltip (root, "Balance"));
  g_assert_null (dial_test_ui_find_label (root, "Demo Account"));
  gtk_widget_activate_action (root, "win.show-buy", NULL);
  g_assert_true (view_is (fixture, "welcome"));

  g_assert_cmpuint (dial_test_ui_screenshot (root, "welcome"), >=, 64);
}

/* The first mapped @type under @root needs at most @width pixels. */
static void
assert_fits (GtkWidget *root,
             GType      type,
             int        width)
{
  GtkWidget *widget = dial_test_ui_find_widget (root, type, NULL, NULL);
  int minimum = 0;

  g_assert_nonnull (widget);
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, width);
}

static void
test_narrow (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  Fixture fixture = { NULL, };
  GtkWidget *content;
  GtkWidget *button;
  GtkWidget *bar;
  int minimum = 0;

  /* A phone-sized screen: 360 pixels wide. */
  reset_settings ();
  g_settings_set_int (settings, "window-width", 360);
  g_settings_set_int (settings, "window-height", 640);
  fixture.app = new_test_app ();
  open_window (&fixture);

  /* Everything fits (the content, without the window's decorations). */
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (fixture.window));
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  /* Under Xvfb without a compositor the window keeps a border of its own around the content. */
  dial_test_ui_wait_until (gtk_widget_get_width (content) > 0);
  dial_test_ui_iterate_for (100);
  g_assert_cmpint (gtk_widget_get_width (content), <=, 360);
  button = GTK_WIDGET (dial_test_ui_find_button (content, "Sign In with an API Key"));
  g_assert_nonnull (button);
  g_assert_cmpint (gtk_widget_get_width (button), <, gtk_widget_get_width (content));

  g_assert_cmpuint (dial_test_ui_screenshot (GTK_WIDGET (fixture.window), "welcome-narrow"),
                    >=, 64);

  /* With an account open, the page switcher moves to a bar at the bottom. */
  dial_window_open_demo (fixture.window);
  dial_test_ui_wait_until (view_is (&fixture, "account"));
  bar = dial_test_ui_find_widget (content, ADW_TYPE_VIEW_SWITCHER_BAR, NULL, NULL);
  g_assert_nonnull (bar);
  dial_test_ui_wait_until (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
  /* The window's own parts fit, and so does everything with both pages in it. */
  assert_fits (content, ADW_TYPE_HEADER_BAR, 360);
  assert_fits (content, ADW_TYPE_VIEW_SWITCHER_BAR, 360);
  assert_fits (content, GTK_TYPE_REVEALER, 360);   /* the demo bar */
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("With both pages, the window's content needs %d px", minimum);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_cmpuint (dial_test_ui_screenshot (GTK_WIDGET (fixture.window), "demo-narrow"), >=, 64);

  quit_app (&fixture);
}

static void
test_window_size_kept (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  Fixture fixture = { NULL, };
  int width = 0;
  int height = 0;

  reset_settings ();
  fixture.app = new_test_app ();
  open_window (&fixture);

  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 720, 520);
  close_window (&fixture);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 720);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 520);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* The next window opens at that size. */
  open_window (&fixture);
  gtk_window_get_default_size (GTK_WINDOW (fixture.window), &width, &height);
  g_assert_cmpint (width, ==, 720);
  g_assert_cmpint (height, ==, 520);
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (fixture.window)));

  quit_app (&fixture);
}

static void
assert_accel (GtkApplication *app,
              const char     *action,
              const char     *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, action);

  g_assert_true (g_strv_contains ((const char * const *) accels, accel));
}

static void
test_shortcuts (Fixture       *fixture,
                gconstpointer  data)
{
  GtkApplication *app = GTK_APPLICATION (fixture->app);
  GtkShortcutsWindow *overlay;

  assert_accel (app, "app.quit", "<Control>q");
  assert_accel (app, "window.close", "<Control>w");
  assert_accel (app, "app.preferences", "<Control>comma");
  assert_accel (app, "win.show-help-overlay", "<Control>question");

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window));
  g_assert_nonnull (overlay);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.show-help-overlay", NULL));
  dial_test_ui_wait_until (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  gtk_window_close (GTK_WINDOW (overlay));
}

static void
test_about (Fixture       *fixture,
            gconstpointer  data)
{
  AdwAboutWindow *about = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "about", NULL);
  dial_test_ui_wait_until ((about = (AdwAboutWindow *) dial_test_ui_find_window (ADW_TYPE_ABOUT_WINDOW)));

  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Dialtone");
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) ==
                 GTK_WINDOW (fixture->window));
  gtk_window_destroy (GTK_WINDOW (about));
}

/* Sign-in ------------------------------------------------------------------------------------ */

static void
test_sign_in_good (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *key = random_token ("k");
  g_autofree char *secret = random_token ("Secret-");
  g_autofree char *stored = NULL;
  g_autofree char *last = NULL;
  GtkWidget *root = GTK_WIDGET (fixture->window);
  GtkLabel *help;

  dial_sandbox_set_credentials (fixture->sandbox, key, secret);
  dial_sandbox_set_balance (fixture->sandbox, "17.25000000");

  fill_sign_in_form (fixture, key, secret, "Shop");
  /* Where to find the key and secret, with a link to the dashboard's settings. */
  help = dial_test_ui_find_label (root, "Settings page of the Vonage API Dashboard");
  g_assert_nonnull (help);
  g_assert_nonnull (strstr (gtk_label_get_label (help), "href=\"https://dashboard.nexmo.com/settings\""));
  g_assert_cmpuint (dial_test_ui_screenshot (root, "sign-in"), >=, 64);

  g_ptr_array_add (fixture->keys, g_strdup (key));
  dial_test_ui_click (dial_test_ui_find_button (root, "Sign In"));
  dial_test_ui_wait_until (view_is (fixture, "account"));

  /* Checked with the API before it was stored: in the keyring, secret as the password. */
  g_assert_cmpuint (dial_sandbox_get_request_count (fixture->sandbox, "/account/get-balance"), >=, 1);
  stored = keyring_lookup (key);
  g_assert_cmpstr (stored, ==, secret);
  last = g_settings_get_string (settings, "last-account");
  g_assert_cmpstr (last, ==, key);

  /* The header shows whose account it is and its balance. */
  g_assert_true (shows_text (fixture, "Shop"));
  dial_test_ui_wait_until (shows_balance (fixture, "17.25"));
  g_assert_cmpstr (open_api_key (fixture), ==, key);
  /* Nothing typed stays in the form. */
  g_assert_cmpstr (gtk_editable_get_text (find_entry_row_any (root, "API Secret")), ==, "");

  g_assert_cmpuint (dial_test_ui_screenshot (root, "signed-in"), >=, 64);
}

static void
test_sign_in_wrong (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *key = random_token ("k");
  g_autofree char *secret = random_token ("Secret-");
  g_autofree char *stored = NULL;
  GtkWidget *root = GTK_WIDGET (fixture->window);

  dial_sandbox_set_credentials (fixture->sandbox, key, secret);

  fill_sign_in_form (fixture, key, "NotTheSecret1", "Office");
  g_ptr_array_add (fixture->keys, g_strdup (key));
  dial_test_ui_click (dial_test_ui_find_button (root, "Sign In"));

  /* The 401, in words; the form keeps what was typed; nothing is stored. */
  dial_test_ui_wait_until (shows_text (fixture, "did not accept this API key and secret"));
  g_assert_true (view_is (fixture, "sign-in"));
  g_assert_cmpstr (gtk_editable_get_text (find_entry_row (root, "API Key")), ==, key);
  g_assert_cmpstr (gtk_editable_get_text (find_entry_row (root, "API Secret")), ==, "NotTheSecret1");
  g_assert_cmpstr (gtk_editable_get_text (find_entry_row (root, "Account Name (Optional)")), ==, "Office");
  g_assert_cmpuint (dial_sandbox_get_request_count (fixture->sandbox, "/account/get-balance"), >=, 1);
  stored = keyring_lookup (key);
  g_assert_null (stored);
  g_assert_null (open_api_key (fixture));
  g_assert_cmpuint (dial_test_ui_screenshot (root, "sign-in-wrong"), >=, 64);

  /* Corrected, it works. */
  gtk_editable_set_text (find_entry_row (root, "API Secret"), secret);
  dial_test_ui_click (dial_test_ui_find_button (root, "Sign In"));
  dial_test_ui_wait_until (view_is (fixture, "account"));
  stored = keyring_lookup (key);
  g_assert_cmpstr (stored, ==, secret);
}

static void
test_sign_in_network (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(DialSandbox) gone = dial_sandbox_new (1, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *gone_url = NULL;
  g_autofree char *key = random_token ("k");
  g_autofree char *stored = NULL;
  GtkWidget *root = GTK_WIDGET (fixture->window);

  /* A port that was just listening and is closed now: connections are refused. */
  dial_sandbox_listen (gone, 0, &error);
  g_assert_no_error (error);
  gone_url = dial_sandbox_get_url (gone);
  dial_sandbox_disconnect (gone);
  g_settings_set_string (settings, "api-base-url", gone_url);

  fill_sign_in_form (fixture, key, "Secret-1234", NULL);
  g_ptr_array_add (fixture->keys, g_strdup (key));
  dial_test_ui_click (dial_test_ui_find_button (root, "Sign In"));

  dial_test_ui_wait_until (shows_text (fixture, "could not reach Vonage"));
  g_assert_true (view_is (fixture, "sign-in"));
  g_assert_cmpstr (gtk_editable_get_text (find_entry_row (root, "API Secret")), ==, "Secret-1234");
  stored = keyring_lookup (key);
  g_assert_null (stored);
}

static void
test_sign_in_invalid_key (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);

  /* Checked before anything is sent. */
  fill_sign_in_form (fixture, "has space", "Secret-1234", NULL);
  dial_test_ui_click (dial_test_ui_find_button (root, "Sign In"));
  dial_test_ui_iterate_for (200);
  g_assert_true (view_is (fixture, "sign-in"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (find_entry_row (root, "API Key")), "error"));
  g_assert_cmpuint (dial_sandbox_get_request_count (fixture->sandbox, NULL), ==, 0);

  /* No secret: said so, nothing sent either. */
  gtk_editable_set_text (find_entry_row (root, "API Key"), "abcd1234");
  gtk_editable_set_text (find_entry_row (root, "API Secret"), "");
  dial_test_ui_click (dial_test_ui_find_button (root, "Sign In"));
  dial_test_ui_wait_until (shows_text (fixture, "Enter the API secret"));
  g_assert_cmpuint (dial_sandbox_get_request_count (fixture->sandbox, NULL), ==, 0);

  /* Back to the welcome page, with nothing kept. */
  g_assert_true (gtk_widget_activate_action (root, "win.cancel-sign-in", NULL));
  dial_test_ui_wait_until (view_is (fixture, "welcome"));
}

/* Accounts ----------------------------------------------------------------------------------- */

static void
test_two_accounts (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *key_a = random_token ("a");
  g_autofree char *secret_a = random_token ("SecretA-");
  g_autofree char *key_b = random_token ("b");
  g_autofree char *secret_b = random_token ("SecretB-");
  g_autofree char *stored_a = NULL;
  g_autofree char *stored_b = NULL;
  GtkWidget *root = GTK_WIDGET (fixture->window);

  /* One sandbox, one set of credentials at a time: a balance only comes back when the window
   * used the right secret, read back from the keyring. */
  dial_sandbox_set_credentials (fixture->sandbox, key_a, secret_a);
  sign_in (fixture, key_a, secret_a, "Shop");
  dial_sandbox_set_credentials (fixture->sandbox, key_b, secret_b);
  dial_sandbox_set_balance (fixture->sandbox, "3.50000000");
  sign_in (fixture, key_b, secret_b, "Office");
  g_assert_cmpstr (open_api_key (fixture), ==, key_b);
  g_assert_true (shows_text (fixture, "Office"));
  dial_test_ui_wait_until (shows_balance (fixture, "3.50"));
  /* 3.50 is below the default threshold of 5: a warning. */
  g_assert_true (gtk_widget_has_css_class (find_by_tooltip (root, "Balance"), "warning"));

  stored_a = keyring_lookup (key_a);
  g_assert_cmpstr (stored_a, ==, secret_a);
  stored_b = keyring_lookup (key_b);
  g_assert_cmpstr (stored_b, ==, secret_b);

  /* Switch back to the first one (the account menu's item). */
  dial_sandbox_set_credentials (fixture->sandbox, key_a, secret_a);
  dial_sandbox_set_balance (fixture->sandbox, "42.00000000");
  g_assert_true (gtk_widget_activate_action (root, "win.switch-account", "s", key_a));
  dial_test_ui_wait_until (g_strcmp0 (open_api_key (fixture), key_a) == 0);
  dial_test_ui_wait_until (shows_balance (fixture, "42.00"));
  g_assert_true (shows_text (fixture, "Shop"));
  g_assert_false (gtk_widget_has_css_class (find_by_tooltip (root, "Balance"), "warning"));

  /* Sign out of it: asked first, then its keyring item is gone and the other one opens. */
  dial_sandbox_set_credentials (fixture->sandbox, key_b, secret_b);
  g_assert_true (gtk_widget_activate_action (root, "win.sign-out", NULL));
  respond_to_dialog ("sign-out");
  dial_test_ui_wait_until (g_strcmp0 (open_api_key (fixture), key_b) == 0);
  g_clear_pointer (&stored_a, g_free);
  stored_a = keyring_lookup (key_a);
  g_assert_null (stored_a);
  g_clear_pointer (&stored_b, g_free);
  stored_b = keyring_lookup (key_b);
  g_assert_cmpstr (stored_b, ==, secret_b);
  g_assert_null (dial_accounts_find (dial_application_get_accounts (fixture->app), key_a));

  /* Cancelling the question changes nothing. */
  g_assert_true (gtk_widget_activate_action (root, "win.sign-out", NULL));
  respond_to_dialog ("cancel");
  dial_test_ui_iterate_for (200);
  g_assert_cmpstr (open_api_key (fixture), ==, key_b);
  g_clear_pointer (&stored_b, g_free);
  stored_b = keyring_lookup (key_b);
  g_assert_cmpstr (stored_b, ==, secret_b);
}

static void
test_restart (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *key = random_token ("k");
  g_autofree char *secret = random_token ("Secret-");

  dial_sandbox_set_credentials (fixture->sandbox, key, secret);
  sign_in (fixture, key, secret, "Warehouse");

  /* Quit, start again: the last used account opens without asking. */
  quit_app (fixture);
  fixture->app = new_test_app ();
  open_window (fixture);
  dial_test_ui_wait_until (view_is (fixture, "account"));
  g_assert_cmpstr (open_api_key (fixture), ==, key);
  g_assert_true (shows_text (fixture, "Warehouse"));
  dial_test_ui_wait_until (shows_balance (fixture, "25.00"));
}

/* Started as a person starts it: the last account's secret is read before the window is built,
 * so the window comes on screen already showing the account, and the first page of its numbers,
 * asked for meanwhile, is the only one the window's list asks for. */
static void
test_read_ahead (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *key = random_token ("k");
  g_autofree char *secret = random_token ("Secret-");
  g_autofree char *view_at_map = NULL;
  guint before;

  dial_sandbox_set_credentials (fixture->sandbox, key, secret);
  sign_in (fixture, key, secret, "Kiosk");
  dial_test_ui_wait_until (shows_balance (fixture, "25.00"));
  /* The list of this first window is in before it closes. */
  dial_test_ui_wait_until (dial_sandbox_get_request_count (fixture->sandbox,
                                                           "/account/numbers") > 0);
  dial_test_ui_iterate_for (300);

  quit_app (fixture);
  before = dial_sandbox_get_request_count (fixture->sandbox, "/account/numbers");
  fixture->app = new_test_app ();
  /* The keyring's answer, not the clock, decides here: a busy machine may take longer than the
   * app's quarter of a second (the limit itself: /ui/window/keyring/slow-at-start). */
  dial_application_set_read_ahead_limit (fixture->app, 20000);
  activate_app (fixture, &view_at_map);
  g_assert_cmpstr (view_at_map, ==, "account");
  g_assert_cmpstr (open_api_key (fixture), ==, key);
  g_assert_true (shows_text (fixture, "Kiosk"));
  dial_test_ui_wait_until (shows_balance (fixture, "25.00"));

  dial_test_ui_wait_until (dial_sandbox_get_request_count (fixture->sandbox,
                                                           "/account/numbers") > before);
  dial_test_ui_iterate_for (500);
  g_assert_cmpuint (dial_sandbox_get_request_count (fixture->sandbox, "/account/numbers"), ==,
                    before + 1);

  /* `dialtone --demo` while the account is still being read ahead: one window, the demo's. */
  quit_app (fixture);
  fixture->app = new_test_app ();
  g_application_activate (G_APPLICATION (fixture->app));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "open-demo", NULL);
  g_application_activate (G_APPLICATION (fixture->app));
  fixture->window =
    DIAL_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (fixture->app)));
  g_assert_nonnull (fixture->window);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  dial_test_ui_iterate_for (DIAL_APPLICATION_READ_AHEAD_MS + 250);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (fixture->app))),
                    ==, 1);
  dial_test_ui_wait_until (view_is (fixture, "account"));
  g_assert_true (shows_text (fixture, "Demo Account"));
}

/* A secret changed on the dashboard: the window says so, and offers to sign in again. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *key = random_token ("k");
  g_autofree char *secret = random_token ("Secret-");
  g_autofree char *stored = NULL;
  GtkWidget *root = GTK_WIDGET (fixture->window);

  dial_sandbox_set_credentials (fixture->sandbox, key, secret);
  sign_in (fixture, key, secret, "Depot");
  dial_test_ui_wait_until (shows_balance (fixture, "25.00"));

  dial_sandbox_set_credentials (fixture->sandbox, key, "A-New-Secret-1");
  g_assert_true (gtk_widget_activate_action (root, "win.refresh-balance", NULL));
  dial_test_ui_wait_until (view_is (fixture, "error"));
  g_assert_true (shows_text (fixture, "Vonage Refused “Depot”"));
  g_assert_true (shows_text (fixture, "sign in again with the new one"));
  g_assert_null (open_api_key (fixture));
  /* Nothing is forgotten behind the person's back. */
  stored = keyring_lookup (key);
  g_assert_cmpstr (stored, ==, secret);

  /* Signing in again with the new secret replaces the old one. */
  dial_test_ui_click (dial_test_ui_find_button (root, "Sign In Again"));
  sign_in (fixture, key, "A-New-Secret-1", "Depot");
  dial_test_ui_wait_until (shows_balance (fixture, "25.00"));
  g_clear_pointer (&stored, g_free);
  stored = keyring_lookup (key);
  g_assert_cmpstr (stored, ==, "A-New-Secret-1");
}

/* The whole journey of a secret, with every debug message on: it ends up in the keyring only. */
static void
test_secret_nowhere (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *key = random_token ("k");
  g_autofree char *secret = random_token ("Leak-");
  GtkWidget *root = GTK_WIDGET (fixture->window);

  dial_sandbox_set_credentials (fixture->sandbox, key, secret);

  /* A wrong try first (the secret travels as far as the API). */
  fill_sign_in_form (fixture, key, "Wrong-Secret-99", NULL);
  dial_test_ui_click (dial_test_ui_find_button (root, "Sign In"));
  dial_test_ui_wait_until (shows_text (fixture, "did not accept"));

  gtk_editable_set_text (find_entry_row (root, "API Secret"), secret);
  g_ptr_array_add (fixture->keys, g_strdup (key));
  dial_test_ui_click (dial_test_ui_find_button (root, "Sign In"));
  dial_test_ui_wait_until (view_is (fixture, "account"));

  /* Use it: both pages, a refresh, a restart (the secret comes from the keyring). */
  g_assert_true (gtk_widget_activate_action (root, "win.show-buy", NULL));
  g_assert_true (gtk_widget_activate_action (root, "win.show-numbers", NULL));
  g_assert_true (gtk_widget_activate_action (root, "win.refresh", NULL));
  dial_test_ui_wait_until (shows_balance (fixture, "25.00"));
  quit_app (fixture);
  fixture->app = new_test_app ();
  open_window (fixture);
  root = GTK_WIDGET (fixture->window);
  dial_test_ui_wait_until (view_is (fixture, "account"));
  dial_test_ui_wait_until (shows_balance (fixture, "25.00"));

  /* Sign out. */
  g_assert_true (gtk_widget_activate_action (root, "win.sign-out", NULL));
  respond_to_dialog ("sign-out");
  dial_test_ui_wait_until (view_is (fixture, "welcome"));
  quit_app (fixture);

  g_assert_true (dial_test_logs_contain (key));   /* the logs were captured at all */
  dial_test_assert_secret_nowhere (secret, settings);
  dial_test_assert_secret_nowhere ("Wrong-Secret-99", settings);
  g_assert_cmpuint (dial_sandbox_get_request_count (fixture->sandbox, NULL), >=, 3);
}

/* Keyring failures (each in a subprocess with a private bus) -------------------------------- */

/* The set-up of a subprocess: settings, the sandbox, and the application on the private bus. */
static void
subprocess_set_up (Fixture    *fixture,
                   const char *api_key,
                   const char *api_secret)
{
  fixture_set_up (fixture, NULL);
  dial_sandbox_set_credentials (fixture->sandbox, api_key, api_secret);
}

static void
assert_use_until_quit (Fixture    *fixture,
                       const char *api_key,
                       const char *name)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  g_autofree char *forget = g_strdup_printf ("will forget “%s” when it quits", name);

  /* Open, said plainly, with its balance. */
  dial_test_ui_wait_until (view_is (fixture, "account"));
  dial_test_ui_wait_until (shows_text (fixture, forget));
  dial_test_ui_wait_until (shows_balance (fixture, "25.00"));

  /* Away and back again: the secret is held in memory. */
  g_assert_true (gtk_widget_activate_action (root, "win.open-demo", NULL));
  dial_test_ui_wait_until (shows_text (fixture, "Demo Account") && open_api_key (fixture) != NULL &&
                           g_strcmp0 (open_api_key (fixture), api_key) != 0);
  g_assert_true (gtk_widget_activate_action (root, "win.switch-account", "s", api_key));
  dial_test_ui_wait_until (g_strcmp0 (open_api_key (fixture), api_key) == 0);
  dial_test_ui_wait_until (shows_balance (fixture, "25.00"));
}

static void
run_keyring_missing (void)
{
  g_autoptr(DialTestBus) bus = dial_test_bus_new (NULL);
  g_autofree char *key = random_token ("k");
  g_autofree char *secret = random_token ("Secret-");
  Fixture fixture = { NULL, };
  gint64 started = g_get_monotonic_time ();

  /* No service: every call fails at once; a short limit proves nothing waits for long. */
  keyring_timeout_msec = KEYRING_TIMEOUT_MSEC;
  subprocess_set_up (&fixture, key, secret);

  /* No Secret Service on this bus: the window says so and still welcomes. */
  dial_test_ui_wait_until (view_is (&fixture, "welcome"));
  dial_test_ui_wait_until (shows_text (&fixture, "password keyring could not be used"));
  g_assert_cmpuint (dial_test_ui_screenshot (GTK_WIDGET (fixture.window), "keyring-missing"), >=, 64);

  sign_in (&fixture, key, secret, "Kiosk");
  assert_use_until_quit (&fixture, key, "Kiosk");
  g_assert_cmpint ((g_get_monotonic_time () - started) / 1000, <, 8 * KEYRING_TIMEOUT_MSEC);

  fixture_tear_down (&fixture, NULL);
}

static void
test_keyring_missing (void)
{
  if (g_test_subprocess ())
    {
      run_keyring_missing ();
      return;
    }

  g_test_trap_subprocess (NULL, 90 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Signs in to an account on a private keyring that works at first, so that it is stored there. */
static void
store_account (Fixture    *fixture,
               const char *api_key,
               const char *api_secret,
               const char *name)
{
  /* A fresh daemon on a busy machine may be slow to answer. */
  keyring_timeout_msec = 20000;
  subprocess_set_up (fixture, api_key, api_secret);
  dial_test_ui_wait_until (view_is (fixture, "welcome"));
  sign_in (fixture, api_key, api_secret, name);
  g_assert_null (dial_test_ui_find_label (GTK_WIDGET (fixture->window), "password keyring"));
}

static void
run_keyring_locked (void)
{
  g_autoptr(DialTestBus) bus = dial_test_bus_new ("window-test-password");
  g_autofree char *key = random_token ("k");
  g_autofree char *secret = random_token ("Secret-");
  g_autofree char *title = NULL;
  g_autofree char *view_at_map = NULL;
  Fixture fixture = { NULL, };
  gint64 started;

  store_account (&fixture, key, secret, "Front Desk");

  /* Locked (and no prompt can unlock it on this bus): at the next start the account cannot be
   * read. The window explains, in time, and offers to sign in again. */
  quit_app (&fixture);
  dial_test_bus_lock_keyring (bus);
  fixture.app = new_test_app ();
  started = g_get_monotonic_time ();
  /* Started as a person does: reading ahead finds the keyring locked and asks nothing; the
   * window comes on screen opening the account itself. */
  activate_app (&fixture, &view_at_map);
  g_assert_cmpstr (view_at_map, ==, "loading");
  dial_test_ui_wait_until (view_is (&fixture, "error"));
  g_assert_cmpint ((g_get_monotonic_time () - started) / 1000, <, 4 * KEYRING_TIMEOUT_MSEC);
  dial_test_ui_wait_until (shows_text (&fixture, "keyring is locked"));
  title = g_strdup_printf ("Could Not Open “%s”", "Front Desk");
  g_assert_true (shows_text (&fixture, title));
  g_assert_nonnull (dial_test_ui_find_button (GTK_WIDGET (fixture.window), "Try Again"));
  g_assert_cmpuint (dial_test_ui_screenshot (GTK_WIDGET (fixture.window), "keyring-locked"), >=, 64);

  /* Signing in again works until Dialtone quits. */
  dial_test_ui_click (dial_test_ui_find_button (GTK_WIDGET (fixture.window), "Sign In Again"));
  sign_in (&fixture, key, secret, "Front Desk");
  assert_use_until_quit (&fixture, key, "Front Desk");

  fixture_tear_down (&fixture, NULL);
}

static void
test_keyring_locked (void)
{
  if (g_test_subprocess ())
    {
      run_keyring_locked ();
      return;
    }

  g_test_trap_subprocess (NULL, 90 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A keyring that does not answer at start (busy, or waiting on something) keeps the window
 * back for the read-ahead's limit and no longer: the window comes, opening the account itself,
 * and opens it once the keyring answers. */
static void
run_keyring_slow_at_start (void)
{
  g_autoptr(DialTestBus) bus = dial_test_bus_new ("window-test-password");
  g_autofree char *key = random_token ("k");
  g_autofree char *secret = random_token ("Secret-");
  g_autofree char *view_at_map = NULL;
  Fixture fixture = { NULL, };
  gint64 started;

  store_account (&fixture, key, secret, "Till");
  quit_app (&fixture);

  dial_test_bus_freeze_keyring (bus, TRUE);
  fixture.app = new_test_app ();
  started = g_get_monotonic_time ();
  activate_app (&fixture, &view_at_map);
  /* On screen while the keyring is still silent, after the limit. */
  g_assert_cmpstr (view_at_map, ==, "loading");
  g_assert_cmpint ((g_get_monotonic_time () - started) / 1000, >=, DIAL_APPLICATION_READ_AHEAD_MS);
  g_assert_true (dial_test_logs_contain ("The keyring took longer than"));
  dial_test_ui_iterate_for (200);
  g_assert_true (view_is (&fixture, "loading"));

  dial_test_bus_freeze_keyring (bus, FALSE);
  dial_test_ui_wait_until (view_is (&fixture, "account"));
  g_assert_cmpstr (open_api_key (&fixture), ==, key);
  g_assert_true (shows_text (&fixture, "Till"));
  dial_test_ui_wait_until (shows_balance (&fixture, "25.00"));

  fixture_tear_down (&fixture, NULL);
}

static void
test_keyring_slow_at_start (void)
{
  if (g_test_subprocess ())
    {
      run_keyring_slow_at_start ();
      return;
    }

  g_test_trap_subprocess (NULL, 90 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Demo --------------------------------------------------------------------------------------- */

typedef struct
{
  DialApplication *app;
  gboolean         saw_demo;
} DemoRun;

static gboolean
check_demo_window (gpointer user_data)
{
  DemoRun *run = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));
  g_autofree char *balance = dial_format_money_string ("25");

  if (DIAL_IS_WINDOW (window) &&
      g_strcmp0 (dial_window_get_view (DIAL_WINDOW (window)), "account") == 0 &&
      dial_test_ui_find_label (GTK_WIDGET (window), "Demo Account") != NULL &&
      dial_test_ui_find_label (GTK_WIDGET (window), balance) != NULL)
    {
      run->saw_demo = TRUE;
      dial_test_ui_screenshot (GTK_WIDGET (window), "demo");
      g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
give_up (gpointer user_data)
{
  DemoRun *run = user_data;

  g_test_message ("The demo did not open in time");
  g_application_quit (G_APPLICATION (run->app));

  return G_SOURCE_REMOVE;
}

/* `dialtone --demo`, through the application's own command line handling. */
static void
test_demo_option (void)
{
  char *argv[] = { (char *) "dialtone", (char *) "--demo", NULL };
  DemoRun run = { NULL, FALSE };
  guint check_id;
  guint give_up_id;
  int status;

  reset_settings ();
  run.app = g_object_new (DIAL_TYPE_APPLICATION,
                          "application-id", APPLICATION_ID ".DemoTest",
                          "flags", G_APPLICATION_NON_UNIQUE,
                          NULL);
  check_id = g_timeout_add (50, check_demo_window, &run);
  give_up_id = g_timeout_add_seconds (20, give_up, &run);

  status = g_application_run (G_APPLICATION (run.app), 2, argv);

  g_source_remove (give_up_id);
  if (!run.saw_demo)
    g_source_remove (check_id);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (run.saw_demo);
  g_object_unref (run.app);
}

static guint
count_owned (DialClient *client,
             const char *msisdn)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GError) error = NULL;
  DialOwnedQuery query = { 0, };
  guint found = 0;

  dial_client_list_all_owned_async (client, &query, NULL, NULL, NULL, dial_test_store_result,
                                    &result);
  dial_test_wait_result (&result, 20000);
  numbers = dial_client_list_all_owned_finish (client, result, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < numbers->len; i++)
    if (msisdn == NULL || g_strcmp0 (dial_number_get_msisdn (g_ptr_array_index (numbers, i)), msisdn) == 0)
      found++;

  return found;
}

/* A purchase made in the demo survives a restart; Reset Demo forgets it. */
static void
test_demo_state (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) available = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *msisdn = NULL;
  g_autofree char *state_path = NULL;
  DialSearchQuery search = { .country = "GB" };
  Fixture fixture = { NULL, };
  DialClient *client;
  DialNumber *number;
  guint n_owned;

  reset_settings ();
  fixture.app = new_test_app ();
  open_window (&fixture);
  dial_test_ui_wait_until (view_is (&fixture, "welcome"));
  dial_test_ui_click (dial_test_ui_find_button (GTK_WIDGET (fixture.window), "Try the Demo"));
  dial_test_ui_wait_until (view_is (&fixture, "account") && shows_text (&fixture, "Demo Account"));
  client = dial_window_get_client (fixture.window);
  n_owned = count_owned (client, NULL);
  g_assert_cmpuint (n_owned, ==, DIAL_DEMO_N_OWNED);

  /* Buy a number there, as the Buy Numbers page would. */
  dial_client_search_async (client, &search, NULL, dial_test_store_result, &result);
  dial_test_wait_result (&result, 20000);
  available = dial_client_search_finish (client, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (available->len, >, 0);
  number = g_ptr_array_index (available, 0);
  msisdn = g_strdup (dial_number_get_msisdn (number));
  g_clear_object (&result);
  dial_client_buy_async (client, "GB", msisdn, NULL, NULL, dial_test_store_result, &result);
  dial_test_wait_result (&result, 20000);
  g_assert_true (dial_client_buy_finish (client, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_owned (client, msisdn), ==, 1);

  /* The state is kept under the user's data directory. */
  state_path = dial_demo_get_state_path (dial_application_get_demo (fixture.app));
  g_assert_true (g_str_has_prefix (state_path, g_get_user_data_dir ()));
  dial_test_ui_wait_until (g_file_test (state_path, G_FILE_TEST_IS_REGULAR));

  /* Restart: the demo still owns it. */
  quit_app (&fixture);
  fixture.app = new_test_app ();
  open_window (&fixture);
  dial_window_open_demo (fixture.window);
  dial_test_ui_wait_until (view_is (&fixture, "account"));
  client = dial_window_get_client (fixture.window);
  g_assert_cmpuint (count_owned (client, msisdn), ==, 1);
  g_assert_cmpuint (count_owned (client, NULL), ==, DIAL_DEMO_N_OWNED + 1);

  /* Reset Demo (asked first): back to the first numbers. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.reset-demo", NULL));
  respond_to_dialog ("reset");
  dial_test_ui_wait_until (dial_window_get_client (fixture.window) != client &&
                           view_is (&fixture, "account"));
  client = dial_window_get_client (fixture.window);
  g_assert_cmpuint (count_owned (client, msisdn), ==, 0);
  g_assert_cmpuint (count_owned (client, NULL), ==, DIAL_DEMO_N_OWNED);
  g_assert_true (shows_text (&fixture, "Demo Account"));

  /* Leaving the demo goes back to the welcome page (no account was stored). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.leave-demo", NULL));
  dial_test_ui_wait_until (view_is (&fixture, "welcome"));
  g_assert_null (dial_test_ui_find_label (GTK_WIDGET (fixture.window), "Demo Account"));

  quit_app (&fixture);
}

/* The window actions the pages use (TEAM-UI.md), and the keyboard's. */
static void
test_actions (void)
{
  Fixture fixture = { NULL, };
  GtkWidget *root;
  AdwViewStack *stack;
  DialSandbox *sandbox;
  GtkWidget *focus;
  guint n_lists;
  guint n_balances;

  reset_settings ();
  fixture.app = new_test_app ();
  open_window (&fixture);
  root = GTK_WIDGET (fixture.window);
  dial_window_open_demo (fixture.window);
  dial_test_ui_wait_until (view_is (&fixture, "account"));
  stack = ADW_VIEW_STACK (dial_test_ui_find_widget (root, ADW_TYPE_VIEW_STACK, NULL, NULL));
  sandbox = dial_demo_get_sandbox (dial_application_get_demo (fixture.app));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "numbers");
  /* The account opens with the keyboard in its list of numbers. */
  focus = gtk_root_get_focus (GTK_ROOT (root));
  g_assert_true (focus != NULL &&
                 gtk_widget_is_ancestor (focus, dial_test_ui_find_widget (root, GTK_TYPE_COLUMN_VIEW,
                                                                           NULL, NULL)));

  g_assert_true (gtk_widget_activate_action (root, "win.show-buy", NULL));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "buy");

  /* Ctrl+F: the search of the page on show. */
  g_assert_true (gtk_widget_activate_action (root, "win.find", NULL));
  dial_test_ui_wait_until ((focus = gtk_root_get_focus (GTK_ROOT (root))) != NULL &&
                           gtk_widget_is_ancestor (focus, adw_view_stack_get_visible_child (stack)));

  g_assert_true (gtk_widget_activate_action (root, "win.show-numbers", NULL));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "numbers");
  g_assert_true (gtk_widget_activate_action (root, "win.find", NULL));
  dial_test_ui_wait_until ((focus = gtk_root_get_focus (GTK_ROOT (root))) != NULL &&
                           gtk_widget_is_ancestor (focus, adw_view_stack_get_visible_child (stack)));

  /* F5: the list and the balance are read again. */
  dial_test_ui_wait_until (dial_sandbox_get_request_count (sandbox, "/account/get-balance") >= 1 &&
                           dial_sandbox_get_request_count (sandbox, "/account/numbers") >= 1);
  dial_test_ui_iterate_for (200);
  n_lists = dial_sandbox_get_request_count (sandbox, "/account/numbers");
  n_balances = dial_sandbox_get_request_count (sandbox, "/account/get-balance");
  g_assert_true (gtk_widget_activate_action (root, "win.refresh", NULL));
  dial_test_ui_wait_until (dial_sandbox_get_request_count (sandbox, "/account/numbers") > n_lists &&
                           dial_sandbox_get_request_count (sandbox, "/account/get-balance") > n_balances);

  /* After a purchase the Buy page shows the number in My Numbers. */
  g_assert_true (gtk_widget_activate_action (root, "win.show-buy", NULL));
  g_assert_true (gtk_widget_activate_action (root, "win.show-number", "(ssb)",
                                             "GB", "447700900295", FALSE));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "numbers");

  quit_app (&fixture);
}

/* Preferences -------------------------------------------------------------------------------- */

static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *base_url = NULL;
  GtkWindow *preferences = NULL;
  GtkEditable *address;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "preferences", NULL);
  dial_test_ui_wait_until ((preferences = dial_test_ui_find_window (ADW_TYPE_PREFERENCES_WINDOW)));
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (fixture->window));

  /* Plain http to another computer is refused, and what was typed stays. */
  address = find_entry_row (GTK_WIDGET (preferences), "API Address");
  g_assert_cmpstr (gtk_editable_get_text (address), ==, fixture->sandbox_url);
  gtk_editable_set_text (address, "http://api.example.com");
  g_signal_emit_by_name (address, "apply");
  dial_test_ui_wait_until (gtk_widget_has_css_class (GTK_WIDGET (address), "error"));
  g_assert_nonnull (dial_test_ui_find_label (GTK_WIDGET (preferences), "https"));
  g_assert_cmpstr (gtk_editable_get_text (address), ==, "http://api.example.com");
  base_url = g_settings_get_string (settings, "api-base-url");
  g_assert_cmpstr (base_url, ==, fixture->sandbox_url);
  /* A new toplevel may need a few frames before it draws anything. */
  dial_test_ui_wait_until (dial_test_ui_screenshot (GTK_WIDGET (preferences), "preferences") >= 64);

  /* https anywhere, and http on this computer, are taken. */
  gtk_editable_set_text (address, "https://api.example.com/");
  g_signal_emit_by_name (address, "apply");
  g_clear_pointer (&base_url, g_free);
  base_url = g_settings_get_string (settings, "api-base-url");
  g_assert_cmpstr (base_url, ==, "https://api.example.com");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (address), "error"));

  /* Reset: the default again. */
  dial_test_ui_click (GTK_BUTTON (find_by_tooltip (GTK_WIDGET (preferences), "Use the Default Address")));
  g_clear_pointer (&base_url, g_free);
  base_url = g_settings_get_string (settings, "api-base-url");
  g_assert_cmpstr (base_url, ==, "");
  g_assert_cmpstr (gtk_editable_get_text (address), ==, DIAL_DEFAULT_BASE_URL);

  gtk_window_destroy (preferences);
}

static void
test_low_balance_threshold (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *key = random_token ("k");
  g_autofree char *secret = random_token ("Secret-");
  GtkWidget *balance;

  dial_sandbox_set_credentials (fixture->sandbox, key, secret);
  sign_in (fixture, key, secret, NULL);
  dial_test_ui_wait_until (shows_balance (fixture, "25.00"));
  balance = find_by_tooltip (GTK_WIDGET (fixture->window), "Balance");
  g_assert_true (GTK_IS_LABEL (balance));
  g_assert_false (gtk_widget_has_css_class (balance, "warning"));

  g_settings_set_double (settings, "low-balance-threshold", 30.0);
  g_assert_true (gtk_widget_has_css_class (balance, "warning"));

  /* After a purchase elsewhere (or anything else), win.refresh-balance reads it again. */
  g_settings_set_double (settings, "low-balance-threshold", 5.0);
  dial_sandbox_set_balance (fixture->sandbox, "1.00000000");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh-balance", NULL));
  dial_test_ui_wait_until (shows_balance (fixture, "1.00"));
  g_assert_true (gtk_widget_has_css_class (balance, "warning"));
}

/* In German (LANGUAGE=de): the templates and the code's strings alike. */
static void
test_german (void)
{
  g_autofree char *key = random_token ("k");
  g_autofree char *stored = NULL;
  Fixture fixture = { NULL, };
  GtkWidget *root;

  g_assert_nonnull (g_getenv ("DIAL_TEST_LOCALEDIR"));
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DIAL_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  fixture_set_up (&fixture, NULL);
  root = GTK_WIDGET (fixture.window);
  dial_sandbox_set_credentials (fixture.sandbox, key, "Secret-de-1");

  dial_test_ui_wait_until (view_is (&fixture, "welcome"));
  g_assert_true (shows_text (&fixture, "Willkommen bei Dialtone"));
  g_assert_cmpuint (dial_test_ui_screenshot (root, "welcome-de"), >=, 64);

  /* A wrong secret, explained in German; what was typed stays. */
  dial_test_ui_click (dial_test_ui_find_button (root, "Mit einem API-Schlüssel anmelden"));
  dial_test_ui_wait_until (view_is (&fixture, "sign-in"));
  gtk_editable_set_text (find_entry_row (root, "API-Schlüssel"), key);
  gtk_editable_set_text (find_entry_row (root, "API-Geheimnis"), "Falsch-1234");
  g_ptr_array_add (fixture.keys, g_strdup (key));
  dial_test_ui_click (dial_test_ui_find_button (root, "Anmelden"));
  dial_test_ui_wait_until (shows_text (&fixture, "nicht akzeptiert"));
  g_assert_cmpstr (gtk_editable_get_text (find_entry_row (root, "API-Geheimnis")), ==, "Falsch-1234");
  stored = keyring_lookup (key);
  g_assert_null (stored);

  fixture_tear_down (&fixture, NULL);

  /* Back to English for the tests after this one. */
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

/* libadwaita 1.2 turns CSS transitions off for 250 ms whenever it loads its stylesheet (at
 * start, or here when the colours change), and on again with a restyle of every widget; the
 * application's window ends that period itself, right after its first frame: not before (the
 * window would come on screen fading from its backdrop colours), not a quarter of a second
 * later (with its list full). */
static void
test_style_settled (void)
{
  AdwStyleManager *manager = adw_style_manager_get_for_display (gdk_display_get_default ());
  AdwColorScheme scheme = adw_style_manager_get_color_scheme (manager);
  g_autoptr(DialApplication) app = new_test_app ();
  g_autoptr(GSource) period = NULL;
  DialWindow *window;
  gint64 expiry;

  reset_settings ();
  /* Once before, so that building the window takes well under a quarter of a second. */
  window = dial_window_new (app);
  gtk_window_destroy (GTK_WINDOW (window));

  adw_style_manager_set_color_scheme (manager, adw_style_manager_get_dark (manager)
                                               ? ADW_COLOR_SCHEME_FORCE_LIGHT
                                               : ADW_COLOR_SCHEME_FORCE_DARK);
  /* The period has begun: libadwaita's timeout is waiting. */
  period = g_main_context_find_source_by_user_data (NULL, manager);
  g_assert_nonnull (period);
  g_source_ref (period);
  expiry = g_source_get_ready_time (period);
  g_assert_cmpint (expiry, >, g_get_monotonic_time ());

  /* Still on while the window is built, shown and drawn (unless it ran out by itself: a busy
   * machine may take a quarter of a second for that). */
  window = dial_window_new (app);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_main_context_iteration (NULL, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  g_main_context_iteration (NULL, FALSE);
  g_test_message ("window built and shown %" G_GINT64_FORMAT " ms before the period's end",
                  (expiry - g_get_monotonic_time ()) / 1000);
  g_assert_true (!g_source_is_destroyed (period) || g_get_monotonic_time () >= expiry);
  dial_test_ui_wait_for_paint (GTK_WIDGET (window));

  /* Over in the next iteration after that frame, not a quarter of a second later. */
  g_main_context_iteration (NULL, FALSE);
  g_assert_true (g_source_is_destroyed (period));
  g_assert_null (g_main_context_find_source_by_user_data (NULL, manager));

  gtk_window_destroy (GTK_WINDOW (window));
  dial_test_ui_wait_until (window == NULL);
  adw_style_manager_set_color_scheme (manager, scheme);
  dial_style_settle ();
  g_main_context_iteration (NULL, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  /* A keyring test's subprocess inherits the XDG directories its parent isolated; the system
   * data directories (icons, MIME types, GSettings schemas of GLib's modules) must stay. */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--GTestSubprocess"))
      g_unsetenv ("XDG_DATA_DIRS");

  /* No portal and no accessibility bus in these tests: nothing may connect to the session bus
   * before a keyring test's subprocess has put a private one in its place. */
  g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  dial_test_init_leak_checks ();
  dial_test_ui_init (&argc, &argv);

  g_test_add ("/ui/window/welcome", Fixture, NULL, fixture_set_up, test_welcome,
              fixture_tear_down);
  g_test_add_func ("/ui/window/narrow", test_narrow);
  g_test_add_func ("/ui/window/style-settled", test_style_settled);
  g_test_add_func ("/ui/window/size-kept", test_window_size_kept);
  g_test_add ("/ui/window/shortcuts", Fixture, NULL, fixture_set_up, test_shortcuts,
              fixture_tear_down);
  g_test_add ("/ui/window/about", Fixture, NULL, fixture_set_up, test_about,
              fixture_tear_down);
  g_test_add ("/ui/window/sign-in/good", Fixture, NULL, fixture_set_up, test_sign_in_good,
              fixture_tear_down);
  g_test_add ("/ui/window/sign-in/wrong", Fixture, NULL, fixture_set_up, test_sign_in_wrong,
              fixture_tear_down);
  g_test_add ("/ui/window/sign-in/network", Fixture, NULL, fixture_set_up, test_sign_in_network,
              fixture_tear_down);
  g_test_add ("/ui/window/sign-in/invalid-key", Fixture, NULL, fixture_set_up,
              test_sign_in_invalid_key, fixture_tear_down);
  g_test_add ("/ui/window/accounts/two", Fixture, NULL, fixture_set_up, test_two_accounts,
              fixture_tear_down);
  g_test_add ("/ui/window/accounts/restart", Fixture, NULL, fixture_set_up, test_restart,
              fixture_tear_down);
  g_test_add ("/ui/window/accounts/read-ahead", Fixture, NULL, fixture_set_up, test_read_ahead,
              fixture_tear_down);
  g_test_add ("/ui/window/accounts/refused", Fixture, NULL, fixture_set_up, test_refused,
              fixture_tear_down);
  g_test_add ("/ui/window/accounts/secret-nowhere", Fixture, NULL, fixture_set_up,
              test_secret_nowhere, fixture_tear_down);
  g_test_add_func ("/ui/window/keyring/missing", test_keyring_missing);
  g_test_add_func ("/ui/window/keyring/locked", test_keyring_locked);
  g_test_add_func ("/ui/window/keyring/slow-at-start", test_keyring_slow_at_start);
  g_test_add_func ("/ui/window/demo/option", test_demo_option);
  g_test_add_func ("/ui/window/demo/state", test_demo_state);
  g_test_add_func ("/ui/window/actions", test_actions);
  g_test_add_func ("/ui/window/german", test_german);
  g_test_add ("/ui/window/preferences", Fixture, NULL, fixture_set_up, test_preferences,
              fixture_tear_down);
  g_test_add ("/ui/window/low-balance", Fixture, NULL, fixture_set_up,
              test_low_balance_threshold, fixture_tear_down);

  return g_test_run ();
}
