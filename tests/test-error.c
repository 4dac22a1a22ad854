/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

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

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/error/explain-all", test_error_explain_all);
  return g_test_run ();
}
