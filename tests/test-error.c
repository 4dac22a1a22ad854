/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <locale.h>

#include "dial-error.h"

static void
test_error_explain_all (void)
{
  /* Every code has its own explanation; none is empty, and no two are the same. */
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint code = DIAL_ERROR_AUTH; code <= DIAL_ERROR_INVALID_INPUT; code++)
    {
      const char *text = dial_error_explain (code);

      g_assert_nonnull (text);
      g_assert_cmpuint (strlen (text), >, 10);
      g_assert_false (g_hash_table_contains (seen, text));
      g_hash_table_add (seen, (gpointer) text);
    }
}

static void
test_error_details (void)
{
  /* The label and status survive copying (GTask, g_propagate_error) and are absent on plain
   * errors of this or another domain. */
  g_autoptr(GError) error = dial_error_new_full (DIAL_ERROR_REFUSED, 420, "method failed",
                                                 "Vonage refused to do this.");
  g_autoptr(GError) copy = g_error_copy (error);
  g_autoptr(GError) plain = g_error_new_literal (DIAL_ERROR, DIAL_ERROR_NETWORK, "x");
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

  g_assert_error (copy, DIAL_ERROR, DIAL_ERROR_REFUSED);
  g_assert_cmpstr (copy->message, ==, "Vonage refused to do this.");
  g_assert_cmpstr (dial_error_get_label (error), ==, "method failed");
  g_assert_cmpstr (dial_error_get_label (copy), ==, "method failed");
  g_assert_cmpuint (dial_error_get_http_status (copy), ==, 420);
  g_assert_null (dial_error_get_label (plain));
  g_assert_cmpuint (dial_error_get_http_status (plain), ==, 0);
  g_assert_null (dial_error_get_label (other));
  g_assert_cmpuint (dial_error_get_http_status (other), ==, 0);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/error/explain-all", test_error_explain_all);
  g_test_add_func ("/error/details", test_error_details);
  return g_test_run ();
}
