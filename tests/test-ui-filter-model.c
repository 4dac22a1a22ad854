/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-filter-model"

#include "config.h"

#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

#include "dial-countries.h"
#include "dial-number-filter-model.h"
#include "dial-number-rows.h"

/*
 * DialNumberFilterModel, the local filter of My Numbers: which numbers match, and that the
 * items-changed it emits (few, for speed) describe its contents exactly at every moment.
 */

static const char * const countries[] = { "GB", "DE", "US", "FR", "CW", "NL" };

static DialNumber *
make_number (guint i)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  const char *country = countries[i % G_N_ELEMENTS (countries)];
  DialNumber *number;

  json = g_strdup_printf ("{\"country\":\"%s\",\"msisdn\":\"%u\",\"type\":\"mobile-lvn\"%s%s%s}",
                          country, 440000000 + i * 7,
                          i % 3 == 0 ? ",\"moHttpUrl\":\"https://Hooks.Example.org/sms/" : "",
                          i % 3 == 0 ? (i % 2 ? "odd" : "even") : "",
                          i % 3 == 0 ? "\"" : "");
  node = json_from_string (json, &error);
  g_assert_no_error (error);
  number = dial_number_new_from_json (node, &error);
  g_assert_no_error (error);
  return number;
}

/* A copy of the model kept only from its items-changed signals. */
typedef struct
{
  GPtrArray *items;
  guint      n_signals;
} Mirror;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Mirror     *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->items->len);
  g_ptr_array_remove_range (mirror->items, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror->items, position + i, g_list_model_get_item (model, position + i));
  /* At every emission, the model is consistent with what was announced so far. */
  g_assert_cmpuint (mirror->items->len, ==, g_list_model_get_n_items (model));
  mirror->n_signals++;
}

static void
assert_mirror (Mirror     *mirror,
               GListModel *model)
{
  g_assert_cmpuint (mirror->items->len, ==, g_list_model_get_n_items (model));
  for (guint i = 0; i < mirror->items->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_assert_true (item == g_ptr_array_index (mirror->items, i));
    }
}

static gboolean
expected_match (DialNumber *number,
                const char *query)
{
  g_autofree char *name = g_utf8_strdown (dial_country_get_name (dial_number_get_country (number)), -1);
  const char *mo = dial_number_get_mo_http_url (number);
  g_autofree char *lmo = g_utf8_strdown (mo != NULL ? mo : "", -1);
  g_auto(GStrv) words = g_strsplit (query, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (g_ascii_isdigit (*words[i]) && strstr (dial_number_get_msisdn (number), words[i]) != NULL)
        continue;
      if (strstr (name, words[i]) == NULL && strstr (lmo, words[i]) == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
assert_matches (DialNumberFilterModel *filter,
                GListModel            *source,
                const char            *query)
{
  guint n = g_list_model_get_n_items (source);
  guint j = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DialNumber) number = g_list_model_get_item (source, i);

      if (expected_match (number, query))
        {
          g_autoptr(DialNumber) shown = g_list_model_get_item (G_LIST_MODEL (filter), j);

          g_assert_true (shown == number);
          j++;
        }
    }
  g_assert_cmpuint (j, ==, g_list_model_get_n_items (G_LIST_MODEL (filter)));
}

static void
test_queries (void)
{
  g_autoptr(GListStore) store = g_list_store_new (DIAL_TYPE_NUMBER);
  g_autoptr(DialNumberFilterModel) filter = NULL;
  Mirror mirror = { g_ptr_array_new_with_free_func (g_object_unref), 0 };
  const char * const queries[] = {
    "4", "44", "440", "4400", "44000", "", "7", "77", "777", "", "germany", "GERMAN", "ger",
    "", "hooks", "HOOKS.example", "odd", "even", "sms/odd", "", "united", "united kingdom",
    "curacao", "cura\xc3\xa7" "ao", "", "germany 4", "germany hooks", "no such", "",
    "+44 000", "44-00.0", "",
  };

  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(DialNumber) number = make_number (i);

      g_list_store_append (store, number);
    }

  filter = dial_number_filter_model_new (G_LIST_MODEL (store));
  for (guint i = 0; i < 3000; i++)
    g_ptr_array_add (mirror.items, g_list_model_get_item (G_LIST_MODEL (filter), i));
  g_signal_connect (filter, "items-changed", G_CALLBACK (on_items_changed), &mirror);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filter)), ==, 3000);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      const char *query = queries[i];

      dial_number_filter_model_set_query (filter, query);
      assert_mirror (&mirror, G_LIST_MODEL (filter));

      if (g_str_equal (query, "cura\xc3\xa7" "ao") || g_str_equal (query, "curacao"))
        /* With or without the cedilla: the same numbers (Curaçao). */
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filter)), ==, 500);
      else if (g_str_equal (query, "+44 000") || g_str_equal (query, "44-00.0"))
        {
          /* A number as people write it is one string of digits. */
          g_autoptr(DialNumberFilterModel) plain = dial_number_filter_model_new (G_LIST_MODEL (store));

          dial_number_filter_model_set_query (plain, "44000");
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filter)), ==,
                            g_list_model_get_n_items (G_LIST_MODEL (plain)));
        }
      else
        {
          g_autofree char *lower = g_utf8_strdown (query, -1);

          assert_matches (filter, G_LIST_MODEL (store), lower);
        }
    }

  /* One keystroke is a handful of signals at most, whatever the number of rows. */
  mirror.n_signals = 0;
  dial_number_filter_model_set_query (filter, "hooks");
  dial_number_filter_model_set_query (filter, "");
  g_assert_cmpuint (mirror.n_signals, <=, 64);
  assert_mirror (&mirror, G_LIST_MODEL (filter));

  g_ptr_array_unref (mirror.items);
}

static void
test_source_changes (void)
{
  g_autoptr(GListStore) store = g_list_store_new (DIAL_TYPE_NUMBER);
  g_autoptr(GtkSortListModel) sorted = NULL;
  g_autoptr(GtkSorter) sorter = NULL;
  g_autoptr(DialNumberFilterModel) filter = NULL;
  Mirror mirror = { g_ptr_array_new_with_free_func (g_object_unref), 0 };

  sorter = GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (DIAL_TYPE_NUMBER, NULL,
                                                                          "country")));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (store)), NULL);
  filter = dial_number_filter_model_new (G_LIST_MODEL (sorted));
  g_signal_connect (filter, "items-changed", G_CALLBACK (on_items_changed), &mirror);
  dial_number_filter_model_set_query (filter, "hooks");

  /* Pages arriving, as from DialOwnedList. */
  for (guint page = 0; page < 10; page++)
    {
      g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < 100; i++)
        g_ptr_array_add (numbers, make_number (page * 100 + i));
      g_list_store_splice (store, g_list_model_get_n_items (G_LIST_MODEL (store)), 0,
                           numbers->pdata, numbers->len);
      assert_mirror (&mirror, G_LIST_MODEL (filter));
      assert_matches (filter, G_LIST_MODEL (sorted), "hooks");
    }

  /* The user sorts by country: the source re-orders everything. */
  gtk_sort_list_model_set_sorter (sorted, sorter);
  assert_mirror (&mirror, G_LIST_MODEL (filter));
  assert_matches (filter, G_LIST_MODEL (sorted), "hooks");

  /* A number is cancelled (removed), another bought (added). */
  g_list_store_remove (store, 3);
  g_list_store_remove (store, 500);
  {
    g_autoptr(DialNumber) extra = make_number (5001);

    g_list_store_append (store, extra);
  }
  assert_mirror (&mirror, G_LIST_MODEL (filter));
  assert_matches (filter, G_LIST_MODEL (sorted), "hooks");

  /* A number's webhook changes: after refresh, the next query sees the new text. */
  {
    g_autoptr(DialNumber) number = g_list_model_get_item (G_LIST_MODEL (filter), 0);
    g_autoptr(DialNumberConfig) config = dial_number_config_new_from_number (number);

    dial_number_config_set_mo_http_url (config, "https://elsewhere.example.net/x");
    dial_number_apply_config (number, config);
    dial_number_filter_model_refresh (filter, number);
    /* Still shown until the query changes: it does not vanish under the pointer. */
    assert_mirror (&mirror, G_LIST_MODEL (filter));
    dial_number_filter_model_set_query (filter, "elsewhere");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filter)), ==, 1);
    dial_number_filter_model_set_query (filter, "hooks");
    assert_matches (filter, G_LIST_MODEL (sorted), "hooks");
  }

  /* Source swapped out and back. */
  dial_number_filter_model_set_model (filter, NULL);
  assert_mirror (&mirror, G_LIST_MODEL (filter));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filter)), ==, 0);
  dial_number_filter_model_set_model (filter, G_LIST_MODEL (sorted));
  assert_mirror (&mirror, G_LIST_MODEL (filter));
  assert_matches (filter, G_LIST_MODEL (sorted), "hooks");

  g_ptr_array_unref (mirror.items);
}

/* Every row the rows model hands out shows the number at its place. */
static void
assert_rows (DialNumberRows *rows,
             GListModel     *numbers)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), <=,
                    g_list_model_get_n_items (numbers));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(DialNumberRow) row = g_list_model_get_item (G_LIST_MODEL (rows), i);
      g_autoptr(DialNumber) number = g_list_model_get_item (numbers, i);

      g_assert_true (dial_number_row_get_number (row) == number);
    }
}

static void
drain (DialNumberRows *rows)
{
  while (dial_number_rows_get_pending (rows))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_rows (void)
{
  g_autoptr(GListStore) store = g_list_store_new (DIAL_TYPE_NUMBER);
  g_autoptr(DialNumberFilterModel) filter = NULL;
  g_autoptr(DialNumberRows) rows = NULL;
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  Mirror mirror = { g_ptr_array_new_with_free_func (g_object_unref), 0 };
  guint before;

  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(DialNumber) number = make_number (i);

      g_list_store_append (store, number);
    }
  filter = dial_number_filter_model_new (G_LIST_MODEL (store));
  rows = dial_number_rows_new (G_LIST_MODEL (filter));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    g_ptr_array_add (mirror.items, g_list_model_get_item (G_LIST_MODEL (rows), i));
  g_signal_connect (rows, "items-changed", G_CALLBACK (on_items_changed), &mirror);

  /* Many rows at once near the top come a chunk at a time, but come. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), <, 2000);
  drain (rows);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 2000);
  assert_mirror (&mirror, G_LIST_MODEL (rows));
  assert_rows (rows, G_LIST_MODEL (filter));

  /* The view holds the first rows (as GTK does): a filter change keeps the same objects. */
  for (guint i = 0; i < 100; i++)
    g_ptr_array_add (held, g_list_model_get_item (G_LIST_MODEL (rows), i));
  before = mirror.n_signals;
  dial_number_filter_model_set_query (filter, "germany");
  /* Only the number of rows changed: one items-changed, at the end. */
  g_assert_cmpuint (mirror.n_signals, ==, before + 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (filter)));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)) && i < 100; i++)
    {
      g_autoptr(DialNumberRow) row = g_list_model_get_item (G_LIST_MODEL (rows), i);

      g_assert_true (row == g_ptr_array_index (held, i));
    }
  /* Asked for, even an off-screen row shows its number at once; all of them soon after. */
  assert_rows (rows, G_LIST_MODEL (filter));
  drain (rows);
  for (guint i = 0; i < held->len && i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(DialNumber) number = g_list_model_get_item (G_LIST_MODEL (filter), i);

      g_assert_true (dial_number_row_get_number (g_ptr_array_index (held, i)) == number);
    }

  /* Back to everything: the rows come back, the held ones show the right numbers. */
  dial_number_filter_model_set_query (filter, "");
  drain (rows);
  assert_mirror (&mirror, G_LIST_MODEL (rows));
  assert_rows (rows, G_LIST_MODEL (filter));
  for (guint i = 0; i < held->len; i++)
    {
      g_autoptr(DialNumber) number = g_list_model_get_item (G_LIST_MODEL (filter), i);

      g_assert_true (dial_number_row_get_number (g_ptr_array_index (held, i)) == number);
    }

  /* Rows can be asked for before their chunk arrives. */
  dial_number_filter_model_set_query (filter, "zzz");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 0);
  dial_number_filter_model_set_query (filter, "");
  dial_number_rows_ensure (rows, 1500);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), >=, 1500);
  drain (rows);
  assert_mirror (&mirror, G_LIST_MODEL (rows));
  assert_rows (rows, G_LIST_MODEL (filter));

  g_ptr_array_unref (mirror.items);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/filter-model/queries", test_queries);
  g_test_add_func ("/filter-model/source-changes", test_source_changes);
  g_test_add_func ("/filter-model/rows", test_rows);

  return g_test_run ();
}
