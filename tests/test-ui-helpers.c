/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-helpers"

#include "config.h"

#include "dial-test-ui.h"

/* The shared UI test helpers themselves: a broken helper would make every UI test lie. */

static void
test_window_records_actions (void)
{
  DialTestWindow *window = dial_test_window_new (gtk_label_new ("Hello"), 400, 300);
  GtkWidget *label;

  gtk_window_present (GTK_WINDOW (window));
  label = GTK_WIDGET (dial_test_ui_find_label (GTK_WIDGET (window), "Hello"));
  dial_test_ui_wait_until (gtk_widget_get_mapped (label));

  g_assert_cmpuint (dial_test_window_count_activations (window, "show-number"), ==, 0);
  g_assert_null (dial_test_window_get_last_parameter (window, "show-number"));

  g_assert_true (gtk_widget_activate_action (label, "win.show-number", "(ssb)",
                                             "GB", "447700900123", TRUE));
  g_assert_true (gtk_widget_activate_action (label, "win.refresh-balance", NULL));
  g_assert_cmpuint (dial_test_window_count_activations (window, "show-number"), ==, 1);
  g_assert_cmpstr (dial_test_window_get_last_parameter (window, "show-number"), ==,
                   "('GB', '447700900123', true)");
  g_assert_cmpstr (dial_test_window_get_last_parameter (window, "refresh-balance"), ==, "");
  /* An action the window does not have is not found, so not recorded. */
  g_assert_false (gtk_widget_activate_action (label, "win.no-such-action", NULL));

  dial_test_window_clear_activations (window);
  g_assert_cmpuint (dial_test_window_count_activations (window, "show-number"), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_screenshot_counts_colours (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  DialTestWindow *window;
  guint blank, drawn;

  window = dial_test_window_new (box, 320, 200);
  gtk_window_present (GTK_WINDOW (window));

  /* An empty window is (nearly) one colour; with text on it, many (antialiasing). */
  blank = dial_test_ui_screenshot (box, "test-ui-helpers-blank");
  g_assert_cmpuint (blank, <=, 2);

  gtk_box_append (GTK_BOX (box), gtk_label_new ("Dialtone buys numbers"));
  gtk_box_append (GTK_BOX (box), gtk_button_new_with_label ("A button"));
  drawn = dial_test_ui_screenshot (GTK_WIDGET (window), "test-ui-helpers-drawn");
  g_assert_cmpuint (drawn, >, 16);

  g_assert_nonnull (dial_test_ui_find_button (GTK_WIDGET (window), "A button"));
  g_assert_null (dial_test_ui_find_button (GTK_WIDGET (window), "No button"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  dial_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui-helpers/window-records-actions", test_window_records_actions);
  g_test_add_func ("/ui-helpers/screenshot-counts-colours", test_screenshot_counts_colours);

  return g_test_run ();
}
