/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-window"

#include "config.h"

#include "dial-application.h"
#include "dial-window.h"
#include "dial-test-ui.h"

typedef struct
{
  DialApplication *app;
  DialWindow      *window;
} Fixture;

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

  return app;
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
close_window (Fixture *fixture)
{
  if (fixture->window == NULL)
    return;

  gtk_window_close (GTK_WINDOW (fixture->window));
  dial_test_ui_wait_until (fixture->window == NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->app = new_test_app ();
  open_window (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_window (fixture);
  g_object_unref (fixture->app);
}

static void
test_welcome (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);

  dial_test_ui_wait_until (g_strcmp0 (dial_window_get_view (fixture->window), "welcome") == 0);

  /* What Dialtone does, in one sentence, and the two ways in. */
  g_assert_nonnull (dial_test_ui_find_label (root, "Welcome to Dialtone"));
  g_assert_nonnull (dial_test_ui_find_label (root, "phone numbers of your Vonage account"));
  g_assert_nonnull (dial_test_ui_find_button (root, "Sign In with an API Key"));
  g_assert_nonnull (dial_test_ui_find_button (root, "Try the Demo"));

  /* No account is open: no account menu, no demo marker, no pages to switch to. */
  g_assert_null (find_by_tooltip (root, "Accounts"));
  g_assert_null (dial_test_ui_find_label (root, "Demo Account"));
  gtk_widget_activate_action (root, "win.show-buy", NULL);
  g_assert_cmpstr (dial_window_get_view (fixture->window), ==, "welcome");

  g_assert_cmpuint (dial_test_ui_screenshot (root, "welcome"), >=, 64);
}

static void
test_narrow (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  Fixture fixture = { NULL, };
  GtkWidget *content;
  GtkWidget *button;
  int minimum = 0;

  /* A phone-sized screen: 360 pixels wide. */
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

  close_window (&fixture);
  g_object_unref (fixture.app);
}

static void
test_window_size_kept (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  Fixture fixture = { NULL, };
  int width = 0;
  int height = 0;

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
  close_window (&fixture);

  g_object_unref (fixture.app);
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

int
main (int   argc,
      char *argv[])
{
  dial_test_ui_init (&argc, &argv);

  g_test_add ("/ui/window/welcome", Fixture, NULL, fixture_set_up, test_welcome,
              fixture_tear_down);
  g_test_add_func ("/ui/window/narrow", test_narrow);
  g_test_add_func ("/ui/window/size-kept", test_window_size_kept);
  g_test_add ("/ui/window/shortcuts", Fixture, NULL, fixture_set_up, test_shortcuts,
              fixture_tear_down);
  g_test_add ("/ui/window/about", Fixture, NULL, fixture_set_up, test_about,
              fixture_tear_down);

  return g_test_run ();
}
