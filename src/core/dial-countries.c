/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-countries"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libintl.h>
#include <locale.h>
#include <string.h>

#include "dial-countries.h"

#define ISO_3166_DOMAIN "iso_3166-1"
#define ISO_3166_JSON ISO_CODES_PREFIX "/share/iso-codes/json/iso_3166-1.json"
#define ISO_CODES_LOCALEDIR ISO_CODES_PREFIX "/share/locale"

typedef struct
{
  char  code[3];
  char *name;  /* English, the msgid in the iso_3166-1 domain */
} Country;

typedef struct
{
  GHashTable *by_code;  /* code → Country* (points into countries) */
  Country    *countries;
  guint       n_countries;
} Countries;

/* The sorted code list depends on the language; it is rebuilt when that changes. Earlier lists
 * stay alive (callers were promised the module owns them). */
static GMutex      sorted_lock;
static char       *sorted_language;
static const char **sorted_codes;
static GPtrArray  *retired_lists;

static Countries *
load_countries (void)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  Countries *countries = g_new0 (Countries, 1);
  JsonNode *root;
  JsonArray *array = NULL;

  bindtextdomain (ISO_3166_DOMAIN, ISO_CODES_LOCALEDIR);
  bind_textdomain_codeset (ISO_3166_DOMAIN, "UTF-8");

  countries->by_code = g_hash_table_new (g_str_hash, g_str_equal);

  if (!json_parser_load_from_mapped_file (parser, ISO_3166_JSON, &error))
    {
      g_critical ("Could not read the list of countries from %s: %s",
                  ISO_3166_JSON, error->message);
      return countries;
    }

  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonNode *list = json_object_get_member (json_node_get_object (root), "3166-1");

      if (list != NULL && JSON_NODE_HOLDS_ARRAY (list))
        array = json_node_get_array (list);
    }
  if (array == NULL)
    {
      g_critical ("%s does not have the iso-codes layout", ISO_3166_JSON);
      return countries;
    }

  countries->countries = g_new0 (Country, json_array_get_length (array));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      const char *code;
      const char *name;
      Country *country;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      object = json_node_get_object (element);
      code = json_object_get_string_member_with_default (object, "alpha_2", NULL);
      /* The short everyday name where iso-codes has one ("Bolivia", "Taiwan"). */
      name = json_object_get_string_member_with_default (object, "common_name", NULL);
      if (name == NULL)
        name = json_object_get_string_member_with_default (object, "name", NULL);
      if (code == NULL || strlen (code) != 2 || name == NULL)
        continue;

      country = &countries->countries[countries->n_countries++];
      memcpy (country->code, code, 3);
      country->name = g_strdup (name);
    }

  /* Pointers into the array are safe now that it is complete. */
  for (guint i = 0; i < countries->n_countries; i++)
    g_hash_table_insert (countries->by_code, countries->countries[i].code,
                         &countries->countries[i]);

  return countries;
}

static Countries *
get_countries (void)
{
  static Countries *countries;

  if (g_once_init_enter (&countries))
    g_once_init_leave (&countries, load_countries ());
  return countries;
}

static const Country *
lookup (const char *alpha2)
{
  if (alpha2 == NULL)
    return NULL;
  return g_hash_table_lookup (get_countries ()->by_code, alpha2);
}

gboolean
dial_country_is_known (const char *alpha2)
{
  return lookup (alpha2) != NULL;
}

const char *
dial_country_get_name (const char *alpha2)
{
  const Country *country = lookup (alpha2);

  if (country == NULL)
    return NULL;
  return dgettext (ISO_3166_DOMAIN, country->name);
}

char *
dial_country_get_flag (const char *alpha2)
{
  GString *flag;

  if (lookup (alpha2) == NULL)
    return NULL;

  /* A flag is the pair of regional indicator symbols for the two letters. */
  flag = g_string_new (NULL);
  for (guint i = 0; i < 2; i++)
    g_string_append_unichar (flag, 0x1F1E6 + (g_ascii_toupper (alpha2[i]) - 'A'));
  return g_string_free (flag, FALSE);
}

typedef struct
{
  const char *code;
  char       *key;
} SortItem;

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const SortItem *item_a = a;
  const SortItem *item_b = b;
  int result = strcmp (item_a->key, item_b->key);

  return result != 0 ? result : strcmp (item_a->code, item_b->code);
}

const char * const *
dial_country_list_codes (void)
{
  Countries *countries = get_countries ();
  g_autofree char *language = NULL;
  const char *env_language = g_getenv ("LANGUAGE");
  const char **codes;
  SortItem *items;

  language = g_strdup_printf ("%s|%s", setlocale (LC_MESSAGES, NULL),
                              env_language != NULL ? env_language : "");

  g_mutex_lock (&sorted_lock);
  if (sorted_codes != NULL && g_strcmp0 (language, sorted_language) == 0)
    {
      codes = sorted_codes;
      g_mutex_unlock (&sorted_lock);
      return codes;
    }

  items = g_new (SortItem, countries->n_countries);
  for (guint i = 0; i < countries->n_countries; i++)
    {
      const char *name = dgettext (ISO_3166_DOMAIN, countries->countries[i].name);

      items[i].code = countries->countries[i].code;
      items[i].key = g_utf8_collate_key (name, -1);
    }
  qsort (items, countries->n_countries, sizeof (SortItem), compare_items);

  codes = g_new (const char *, countries->n_countries + 1);
  for (guint i = 0; i < countries->n_countries; i++)
    {
      codes[i] = items[i].code;
      g_free (items[i].key);
    }
  codes[countries->n_countries] = NULL;
  g_free (items);

  if (sorted_codes != NULL)
    {
      if (retired_lists == NULL)
        retired_lists = g_ptr_array_new ();
      g_ptr_array_add (retired_lists, sorted_codes);
    }
  sorted_codes = codes;
  g_free (sorted_language);
  sorted_language = g_steal_pointer (&language);
  g_mutex_unlock (&sorted_lock);

  return codes;
}
