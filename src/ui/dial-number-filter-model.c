/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-number-filter-model"

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "dial-countries.h"
#include "dial-number-filter-model.h"

/* More separate runs of changes than this are emitted as one items-changed: a view handles one
 * large change faster than thousands of small ones. */
#define MAX_SEPARATE_RUNS 32

typedef struct
{
  char *digits; /* NULL: the word is not a phone number fragment */
  char *text;
} Word;

struct _DialNumberFilterModel
{
  GObject     parent_instance;

  GListModel *model;
  char       *query;

  /* DialNumber -> its search key "MSISDN\0folded text"; keyed by the object (a reference is
   * held) so that a re-sort of the source costs a lookup per item, not a recomputation. */
  GHashTable *keys;
  /* The key of each source position (borrowed from keys). */
  GPtrArray  *keys_by_position;
  /* Country code -> folded name (borrowed from nothing: owned). */
  GHashTable *folded_countries;

  Word       *words;
  guint       n_words;

  GtkBitset  *matches;
};

enum {
  PROP_0,
  PROP_MODEL,
  PROP_QUERY,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void dial_number_filter_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DialNumberFilterModel, dial_number_filter_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dial_number_filter_model_list_model_init))

/* Lower case without accents ("Curaçao" -> "curacao"), so that what people type matches. */
static char *
fold_text (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (text == NULL || *text == '\0')
    return g_strdup ("");

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (decomposed, -1);
  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_phone_fragment (const char *word)
{
  gboolean has_digit = FALSE;

  for (const char *p = word; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        has_digit = TRUE;
      else if (strchr ("+-.()/ \t", *p) == NULL)
        return FALSE;
    }

  return has_digit;
}

static char *
only_digits (const char *word)
{
  GString *out = g_string_new (NULL);

  for (const char *p = word; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

static const char *
folded_country (DialNumberFilterModel *self,
                const char            *country)
{
  const char *folded;

  if (country == NULL)
    return "";

  folded = g_hash_table_lookup (self->folded_countries, country);
  if (folded == NULL)
    {
      char *name = fold_text (dial_country_get_name (country));

      g_hash_table_insert (self->folded_countries, g_strdup (country), name);
      folded = name;
    }

  return folded;
}

/* "MSISDN\0country name\nSMS webhook\nvoice status webhook" */
static char *
make_key (DialNumberFilterModel *self,
          DialNumber            *number)
{
  g_autofree char *mo = fold_text (dial_number_get_mo_http_url (number));
  g_autofree char *status = fold_text (dial_number_get_voice_status_callback (number));
  const char *msisdn = dial_number_get_msisdn (number);
  const char *country = folded_country (self, dial_number_get_country (number));
  gsize msisdn_len = strlen (msisdn);
  GString *key = g_string_sized_new (msisdn_len + strlen (country) + strlen (mo) + 32);

  g_string_append_len (key, msisdn, msisdn_len);
  g_string_append_c (key, '\0');
  g_string_append (key, country);
  g_string_append_c (key, '\n');
  g_string_append (key, mo);
  g_string_append_c (key, '\n');
  g_string_append (key, status);

  return g_string_free (key, FALSE);
}

static const char *
lookup_key (DialNumberFilterModel *self,
            DialNumber            *number)
{
  const char *key = g_hash_table_lookup (self->keys, number);

  if (key == NULL)
    {
      char *made = make_key (self, number);

      g_hash_table_insert (self->keys, g_object_ref (number), made);
      key = made;
    }

  return key;
}

static gboolean
key_matches (DialNumberFilterModel *self,
             const char            *key)
{
  const char *text = key + strlen (key) + 1;

  for (guint i = 0; i < self->n_words; i++)
    {
      const Word *word = &self->words[i];

      if (word->digits != NULL && strstr (key, word->digits) != NULL)
        continue;
      if (strstr (text, word->text) != NULL)
        continue;
      return FALSE;
    }

  return TRUE;
}

static void
clear_words (DialNumberFilterModel *self)
{
  for (guint i = 0; i < self->n_words; i++)
    {
      g_free (self->words[i].digits);
      g_free (self->words[i].text);
    }
  g_clear_pointer (&self->words, g_free);
  self->n_words = 0;
}

static void
parse_query (DialNumberFilterModel *self,
             const char            *query)
{
  g_autofree char *stripped = g_strstrip (g_strdup (query != NULL ? query : ""));
  g_auto(GStrv) parts = NULL;
  guint n = 0;

  clear_words (self);
  if (*stripped == '\0')
    return;

  /* "+44 7700 900123" is one number, not three words. */
  if (is_phone_fragment (stripped))
    {
      self->words = g_new0 (Word, 1);
      self->words[0].digits = only_digits (stripped);
      self->words[0].text = fold_text (stripped);
      self->n_words = 1;
      return;
    }

  parts = g_strsplit_set (stripped, " \t", -1);
  self->words = g_new0 (Word, g_strv_length (parts));
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (*parts[i] == '\0')
        continue;
      self->words[n].digits = is_phone_fragment (parts[i]) ? only_digits (parts[i]) : NULL;
      self->words[n].text = fold_text (parts[i]);
      n++;
    }
  self->n_words = n;
}

static GtkBitset *
compute_matches (DialNumberFilterModel *self)
{
  GtkBitset *result = gtk_bitset_new_empty ();
  guint n = self->keys_by_position->len;

  if (self->n_words == 0)
    {
      if (n > 0)
        gtk_bitset_add_range (result, 0, n);
      return result;
    }

  for (guint i = 0; i < n; i++)
    if (key_matches (self, g_ptr_array_index (self->keys_by_position, i)))
      gtk_bitset_add (result, i);

  return result;
}

static guint
count_below (GtkBitset *set,
             guint      position)
{
  if (position == 0)
    return 0;
  return gtk_bitset_get_size_in_range (set, 0, position - 1);
}

typedef struct
{
  guint first;
  guint last;
} Run;

/* Moves self->matches to @new_matches, emitting as few items-changed as the difference needs. */
static void
update_matches (DialNumberFilterModel *self,
                GtkBitset             *new_matches)
{
  g_autoptr(GtkBitset) diff = gtk_bitset_copy (self->matches);
  g_autoptr(GArray) runs = NULL;
  guint old_n = gtk_bitset_get_size (self->matches);
  GtkBitsetIter iter;
  guint value;

  gtk_bitset_difference (diff, new_matches);
  if (gtk_bitset_is_empty (diff))
    return;

  runs = g_array_new (FALSE, FALSE, sizeof (Run));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, diff, &value);
       ok;
       ok = gtk_bitset_iter_next (&iter, &value))
    {
      Run *last = runs->len > 0 ? &g_array_index (runs, Run, runs->len - 1) : NULL;

      if (last != NULL && last->last + 1 == value)
        last->last = value;
      else
        {
          Run run = { value, value };

          if (runs->len == MAX_SEPARATE_RUNS)
            {
              /* Too many: one change from the first difference to the last. */
              guint first = g_array_index (runs, Run, 0).first;
              guint max = gtk_bitset_get_maximum (diff);
              guint position = count_below (self->matches, first);
              guint removed = gtk_bitset_get_size_in_range (self->matches, first, max);
              guint added = gtk_bitset_get_size_in_range (new_matches, first, max);

              gtk_bitset_unref (self->matches);
              self->matches = gtk_bitset_ref (new_matches);
              g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
              goto out;
            }
          g_array_append_val (runs, run);
        }
    }

  /* From the last run to the first, so that the positions before each run are still valid,
   * and the model is consistent whenever a handler looks at it. */
  for (guint i = runs->len; i > 0; i--)
    {
      const Run *run = &g_array_index (runs, Run, i - 1);
      guint position = count_below (self->matches, run->first);
      guint removed = gtk_bitset_get_size_in_range (self->matches, run->first, run->last);
      guint added = gtk_bitset_get_size_in_range (new_matches, run->first, run->last);
      guint n_run = run->last - run->first + 1;
      g_autoptr(GtkBitset) slice = gtk_bitset_copy (new_matches);

      gtk_bitset_remove_range (self->matches, run->first, n_run);
      /* Keep only [first, last] of the new matches and add that. */
      if (run->first > 0)
        gtk_bitset_remove_range (slice, 0, run->first);
      gtk_bitset_remove_range_closed (slice, run->last + 1, G_MAXUINT);
      gtk_bitset_union (self->matches, slice);

      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
    }

out:
  if (old_n != gtk_bitset_get_size (self->matches))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_model_items_changed (DialNumberFilterModel *self,
                        guint                  position,
                        guint                  removed,
                        guint                  added,
                        GListModel            *model)
{
  guint filtered_position;
  guint filtered_removed;
  guint filtered_added = 0;

  g_assert (model == self->model);

  filtered_position = count_below (self->matches, position);
  filtered_removed = removed > 0
    ? gtk_bitset_get_size_in_range (self->matches, position, position + removed - 1)
    : 0;

  g_ptr_array_remove_range (self->keys_by_position, position, removed);
  gtk_bitset_splice (self->matches, position, removed, added);

  for (guint i = 0; i < added; i++)
    {
      g_autoptr(DialNumber) number = g_list_model_get_item (model, position + i);
      const char *key = lookup_key (self, number);

      g_ptr_array_insert (self->keys_by_position, position + i, (gpointer) key);
      if (key_matches (self, key))
        {
          gtk_bitset_add (self->matches, position + i);
          filtered_added++;
        }
    }

  if (filtered_removed > 0 || filtered_added > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), filtered_position,
                                  filtered_removed, filtered_added);
      if (filtered_removed != filtered_added)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

static GType
dial_number_filter_model_get_item_type (GListModel *list)
{
  return DIAL_TYPE_NUMBER;
}

static guint
dial_number_filter_model_get_n_items (GListModel *list)
{
  DialNumberFilterModel *self = DIAL_NUMBER_FILTER_MODEL (list);

  return gtk_bitset_get_size (self->matches);
}

static gpointer
dial_number_filter_model_get_item (GListModel *list,
                                   guint       position)
{
  DialNumberFilterModel *self = DIAL_NUMBER_FILTER_MODEL (list);

  if (self->model == NULL || position >= gtk_bitset_get_size (self->matches))
    return NULL;

  return g_list_model_get_item (self->model, gtk_bitset_get_nth (self->matches, position));
}

static void
dial_number_filter_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dial_number_filter_model_get_item_type;
  iface->get_n_items = dial_number_filter_model_get_n_items;
  iface->get_item = dial_number_filter_model_get_item;
}

static void
dial_number_filter_model_dispose (GObject *object)
{
  DialNumberFilterModel *self = DIAL_NUMBER_FILTER_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_model_items_changed, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->keys_by_position, g_ptr_array_unref);
  g_clear_pointer (&self->keys, g_hash_table_unref);

  G_OBJECT_CLASS (dial_number_filter_model_parent_class)->dispose (object);
}

static void
dial_number_filter_model_finalize (GObject *object)
{
  DialNumberFilterModel *self = DIAL_NUMBER_FILTER_MODEL (object);

  clear_words (self);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->matches, gtk_bitset_unref);
  g_clear_pointer (&self->folded_countries, g_hash_table_unref);

  G_OBJECT_CLASS (dial_number_filter_model_parent_class)->finalize (object);
}

static void
dial_number_filter_model_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  DialNumberFilterModel *self = DIAL_NUMBER_FILTER_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, gtk_bitset_get_size (self->matches));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_number_filter_model_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  DialNumberFilterModel *self = DIAL_NUMBER_FILTER_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      dial_number_filter_model_set_model (self, g_value_get_object (value));
      break;
    case PROP_QUERY:
      dial_number_filter_model_set_query (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_number_filter_model_class_init (DialNumberFilterModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dial_number_filter_model_dispose;
  object_class->finalize = dial_number_filter_model_finalize;
  object_class->get_property = dial_number_filter_model_get_property;
  object_class->set_property = dial_number_filter_model_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dial_number_filter_model_init (DialNumberFilterModel *self)
{
  self->keys = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, g_free);
  self->keys_by_position = g_ptr_array_new ();
  self->folded_countries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->matches = gtk_bitset_new_empty ();
}

DialNumberFilterModel *
dial_number_filter_model_new (GListModel *model)
{
  g_return_val_if_fail (model == NULL || G_IS_LIST_MODEL (model), NULL);

  return g_object_new (DIAL_TYPE_NUMBER_FILTER_MODEL, "model", model, NULL);
}

GListModel *
dial_number_filter_model_get_model (DialNumberFilterModel *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER_FILTER_MODEL (self), NULL);

  return self->model;
}

void
dial_number_filter_model_set_model (DialNumberFilterModel *self,
                                    GListModel            *model)
{
  guint old_n;
  guint n;

  g_return_if_fail (DIAL_IS_NUMBER_FILTER_MODEL (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  old_n = gtk_bitset_get_size (self->matches);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_model_items_changed, self);
  g_set_object (&self->model, model);
  g_hash_table_remove_all (self->keys);
  g_ptr_array_set_size (self->keys_by_position, 0);
  gtk_bitset_remove_all (self->matches);

  n = model != NULL ? g_list_model_get_n_items (model) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DialNumber) number = g_list_model_get_item (model, i);

      g_ptr_array_add (self->keys_by_position, (gpointer) lookup_key (self, number));
    }
  gtk_bitset_unref (self->matches);
  self->matches = compute_matches (self);

  if (model != NULL)
    g_signal_connect_object (model, "items-changed",
                             G_CALLBACK (on_model_items_changed), self, G_CONNECT_SWAPPED);

  if (old_n > 0 || gtk_bitset_get_size (self->matches) > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n,
                                gtk_bitset_get_size (self->matches));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
  if (old_n != gtk_bitset_get_size (self->matches))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

const char *
dial_number_filter_model_get_query (DialNumberFilterModel *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER_FILTER_MODEL (self), NULL);

  return self->query;
}

void
dial_number_filter_model_set_query (DialNumberFilterModel *self,
                                    const char            *query)
{
  g_autoptr(GtkBitset) new_matches = NULL;

  g_return_if_fail (DIAL_IS_NUMBER_FILTER_MODEL (self));

  if (g_strcmp0 (self->query, query) == 0)
    return;

  g_free (self->query);
  self->query = g_strdup (query);
  parse_query (self, query);

  new_matches = compute_matches (self);
  update_matches (self, new_matches);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

void
dial_number_filter_model_refresh (DialNumberFilterModel *self,
                                  DialNumber            *number)
{
  const char *old_key;
  char *key;

  g_return_if_fail (DIAL_IS_NUMBER_FILTER_MODEL (self));
  g_return_if_fail (DIAL_IS_NUMBER (number));

  old_key = g_hash_table_lookup (self->keys, number);
  if (old_key == NULL)
    return;

  key = make_key (self, number);
  for (guint i = 0; i < self->keys_by_position->len; i++)
    if (g_ptr_array_index (self->keys_by_position, i) == old_key)
      g_ptr_array_index (self->keys_by_position, i) = key;
  /* Replaces the value (and frees old_key) but keeps the reference held by the key. */
  g_hash_table_insert (self->keys, g_object_ref (number), key);
}

guint
dial_number_filter_model_find (DialNumberFilterModel *self,
                               DialNumber            *number)
{
  const char *key;

  g_return_val_if_fail (DIAL_IS_NUMBER_FILTER_MODEL (self), GTK_INVALID_LIST_POSITION);
  g_return_val_if_fail (DIAL_IS_NUMBER (number), GTK_INVALID_LIST_POSITION);

  /* Each number has its own key string: finding the pointer finds the number. */
  key = g_hash_table_lookup (self->keys, number);
  if (key == NULL)
    return GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < self->keys_by_position->len; i++)
    if (g_ptr_array_index (self->keys_by_position, i) == key)
      return dial_number_filter_model_find_source_position (self, i);

  return GTK_INVALID_LIST_POSITION;
}

guint
dial_number_filter_model_get_source_position (DialNumberFilterModel *self,
                                              guint                  position)
{
  g_return_val_if_fail (DIAL_IS_NUMBER_FILTER_MODEL (self), GTK_INVALID_LIST_POSITION);
  g_return_val_if_fail (position < gtk_bitset_get_size (self->matches), GTK_INVALID_LIST_POSITION);

  return gtk_bitset_get_nth (self->matches, position);
}

guint
dial_number_filter_model_find_source_position (DialNumberFilterModel *self,
                                               guint                  source_position)
{
  g_return_val_if_fail (DIAL_IS_NUMBER_FILTER_MODEL (self), GTK_INVALID_LIST_POSITION);

  if (!gtk_bitset_contains (self->matches, source_position))
    return GTK_INVALID_LIST_POSITION;

  return count_below (self->matches, source_position);
}
