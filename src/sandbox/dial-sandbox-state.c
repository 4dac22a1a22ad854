/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-sandbox"

#include "config.h"

#include <string.h>

#include "dial-sandbox-private.h"

/*
 * The state file: owned numbers, catalogue changes and balance, so that the demo account keeps
 * them between runs. The catalogue itself is regenerated from the seed; the file only records
 * what changed:
 *
 *   {"version":1,"balance":"25.00000000",
 *    "owned":[{…number as listed, plus "cost" and "initialPrice"…}, …],
 *    "withdrawn":["447700900123", …],
 *    "returned":[{…available number…}, …],
 *    "purchases":{"447700900123":1, …}}
 *
 * The snapshot is taken on the main loop after every change; a single writer thread writes the
 * newest one (atomically, by rename), so the main loop never waits on the disk.
 */

struct _SandboxStateWriter
{
  GMutex   mutex;
  GCond    cond;
  GThread *thread;
  char    *path;
  GBytes  *pending;
  gboolean quit;
};

static void
append_set (GString    *out,
            GHashTable *set)
{
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (set), (GCompareFunc) strcmp);
  gboolean first = TRUE;

  g_string_append_c (out, '[');
  for (GList *l = keys; l != NULL; l = l->next)
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      sandbox_json_append_string (out, l->data);
    }
  g_string_append_c (out, ']');
}

GBytes *
sandbox_state_serialize (DialSandbox *self)
{
  GString *out = g_string_sized_new (256 + self->owned->len * 320);
  g_autoptr(GList) returned = g_list_sort (g_hash_table_get_keys (self->returned),
                                           (GCompareFunc) strcmp);
  g_autoptr(GList) purchases = g_list_sort (g_hash_table_get_keys (self->purchases),
                                            (GCompareFunc) strcmp);
  gboolean first = TRUE;

  g_string_append (out, "{\"version\":1,\"balance\":\"");
  sandbox_money_append_balance (out, self->balance);
  g_string_append (out, "\",\n\"owned\":[");
  for (guint i = 0; i < self->owned->len; i++)
    {
      if (i > 0)
        g_string_append (out, ",\n");
      sandbox_json_append_number (out, g_ptr_array_index (self->owned, i), SANDBOX_JSON_STATE);
    }
  g_string_append (out, "],\n\"withdrawn\":");
  append_set (out, self->withdrawn);
  g_string_append (out, ",\n\"returned\":[");
  for (GList *l = returned; l != NULL; l = l->next)
    {
      SandboxNumber *number = g_hash_table_lookup (self->available, l->data);

      if (number == NULL)
        continue;
      if (!first)
        g_string_append (out, ",\n");
      first = FALSE;
      sandbox_json_append_number (out, number, SANDBOX_JSON_STATE);
    }
  g_string_append (out, "],\n\"purchases\":{");
  first = TRUE;
  for (GList *l = purchases; l != NULL; l = l->next)
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      sandbox_json_append_string (out, l->data);
      g_string_append_printf (out, ":%u",
                              GPOINTER_TO_UINT (g_hash_table_lookup (self->purchases, l->data)));
    }
  g_string_append (out, "}}\n");
  return g_string_free_to_bytes (out);
}

static gboolean
invalid (GError    **error,
         const char *path,
         const char *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "The sandbox state file %s is not valid: %s", path, what);
  return FALSE;
}

static GPtrArray *
read_numbers (JsonObject  *root,
              const char  *member,
              const char  *path,
              GError     **error)
{
  g_autoptr(GPtrArray) numbers =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sandbox_number_free);
  JsonNode *node = json_object_get_member (root, member);
  JsonArray *array;

  if (node == NULL)
    return g_steal_pointer (&numbers);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (error, path, member);
      return NULL;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autoptr(GError) local_error = NULL;
      SandboxNumber *number;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          invalid (error, path, member);
          return NULL;
        }
      number = sandbox_json_read_number (json_node_get_object (item), &local_error);
      if (number == NULL)
        {
          invalid (error, path, local_error->message);
          return NULL;
        }
      g_ptr_array_add (numbers, number);
    }
  return g_steal_pointer (&numbers);
}

gboolean
sandbox_state_load (DialSandbox  *self,
                    const char   *path,
                    GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) owned = NULL;
  g_autoptr(GPtrArray) returned = NULL;
  JsonObject *root;
  JsonNode *node;
  gint64 balance;

  if (!json_parser_load_from_mapped_file (parser, path, error))
    return FALSE;
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, path, "not a JSON object");
  root = json_node_get_object (node);
  if (json_object_get_int_member_with_default (root, "version", 0) != 1)
    return invalid (error, path, "unknown version");
  if (!sandbox_money_parse (json_object_get_string_member_with_default (root, "balance", ""),
                            &balance))
    return invalid (error, path, "balance");
  if ((owned = read_numbers (root, "owned", path, error)) == NULL ||
      (returned = read_numbers (root, "returned", path, error)) == NULL)
    return FALSE;
  node = json_object_get_member (root, "withdrawn");
  if (node != NULL && !JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, path, "withdrawn");
  node = json_object_get_member (root, "purchases");
  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, path, "purchases");

  /* Everything read: replace the generated state. */
  self->balance = balance;
  g_hash_table_remove_all (self->owned_by_msisdn);
  g_ptr_array_set_size (self->owned, 0);
  for (guint i = 0; i < owned->len; i++)
    {
      SandboxNumber *number = g_ptr_array_index (owned, i);

      if (g_hash_table_contains (self->owned_by_msisdn, number->msisdn))
        continue;
      sandbox_number_free (sandbox_steal_available (self, number->msisdn));
      sandbox_insert_owned (self, g_steal_pointer (&owned->pdata[i]));
    }

  g_hash_table_remove_all (self->withdrawn);
  if ((node = json_object_get_member (root, "withdrawn")) != NULL)
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          const char *msisdn;

          if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
            continue;
          msisdn = json_node_get_string (item);
          sandbox_number_free (sandbox_steal_available (self, msisdn));
          g_hash_table_add (self->withdrawn, g_strdup (msisdn));
        }
    }

  g_hash_table_remove_all (self->returned);
  for (guint i = 0; i < returned->len; i++)
    {
      SandboxNumber *number = g_ptr_array_index (returned, i);

      if (g_hash_table_contains (self->owned_by_msisdn, number->msisdn) ||
          g_hash_table_contains (self->available, number->msisdn))
        continue;
      sandbox_number_clear_config (number);
      g_hash_table_add (self->returned, g_strdup (number->msisdn));
      sandbox_insert_available (self, g_steal_pointer (&returned->pdata[i]));
    }

  g_hash_table_remove_all (self->purchases);
  if ((node = json_object_get_member (root, "purchases")) != NULL)
    {
      JsonObject *object = json_node_get_object (node);
      JsonObjectIter iter;
      const char *msisdn;
      JsonNode *count;

      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &msisdn, &count))
        if (JSON_NODE_HOLDS_VALUE (count) && json_node_get_value_type (count) == G_TYPE_INT64 &&
            json_node_get_int (count) > 0 && json_node_get_int (count) <= G_MAXUINT)
          g_hash_table_insert (self->purchases, g_strdup (msisdn),
                               GUINT_TO_POINTER ((guint) json_node_get_int (count)));
    }

  return TRUE;
}

static gpointer
writer_thread (gpointer data)
{
  SandboxStateWriter *writer = data;

  g_mutex_lock (&writer->mutex);
  for (;;)
    {
      GBytes *bytes;

      while (writer->pending == NULL && !writer->quit)
        g_cond_wait (&writer->cond, &writer->mutex);
      if (writer->pending == NULL)
        break;
      bytes = g_steal_pointer (&writer->pending);
      g_mutex_unlock (&writer->mutex);

      {
        g_autoptr(GError) error = NULL;
        g_autofree char *dir = g_path_get_dirname (writer->path);

        g_mkdir_with_parents (dir, 0700);
        if (!g_file_set_contents_full (writer->path, g_bytes_get_data (bytes, NULL),
                                       g_bytes_get_size (bytes), G_FILE_SET_CONTENTS_CONSISTENT,
                                       0600, &error))
          g_warning ("Could not save the sandbox state: %s", error->message);
        g_bytes_unref (bytes);
      }

      g_mutex_lock (&writer->mutex);
    }
  g_mutex_unlock (&writer->mutex);
  return NULL;
}

SandboxStateWriter *
sandbox_state_writer_new (const char *path)
{
  SandboxStateWriter *writer = g_new0 (SandboxStateWriter, 1);

  g_mutex_init (&writer->mutex);
  g_cond_init (&writer->cond);
  writer->path = g_strdup (path);
  writer->thread = g_thread_new ("sandbox-state", writer_thread, writer);
  return writer;
}

void
sandbox_state_writer_push (SandboxStateWriter *writer,
                           GBytes             *bytes)
{
  g_mutex_lock (&writer->mutex);
  g_clear_pointer (&writer->pending, g_bytes_unref);
  writer->pending = bytes;
  g_cond_signal (&writer->cond);
  g_mutex_unlock (&writer->mutex);
}

void
sandbox_state_writer_free (SandboxStateWriter *writer)
{
  g_mutex_lock (&writer->mutex);
  writer->quit = TRUE;
  g_cond_signal (&writer->cond);
  g_mutex_unlock (&writer->mutex);
  g_thread_join (writer->thread);

  g_clear_pointer (&writer->pending, g_bytes_unref);
  g_mutex_clear (&writer->mutex);
  g_cond_clear (&writer->cond);
  g_free (writer->path);
  g_free (writer);
}
