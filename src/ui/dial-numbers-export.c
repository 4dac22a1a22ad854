/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-numbers-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dial-countries.h"
#include "dial-format.h"
#include "dial-number.h"
#include "dial-numbers-export.h"

static void
append_field (GString    *out,
              const char *value,
              gboolean    last)
{
  if (value == NULL)
    value = "";

  if (strpbrk (value, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, value);

  g_string_append (out, last ? "\r\n" : ",");
}

static const char *
voice_type_label (DialNumber *number)
{
  switch (dial_number_get_voice_callback_type (number))
    {
    case DIAL_VOICE_CALLBACK_NONE:
      return "";
    case DIAL_VOICE_CALLBACK_SIP:
      return _("SIP URI");
    case DIAL_VOICE_CALLBACK_TEL:
      return _("Phone number");
    case DIAL_VOICE_CALLBACK_APP:
      return _("Application");
    case DIAL_VOICE_CALLBACK_UNKNOWN:
    default:
      return dial_number_get_voice_callback_type_string (number);
    }
}

GBytes *
dial_numbers_export_csv (GListModel *numbers)
{
  GString *out;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (numbers), NULL);

  n = g_list_model_get_n_items (numbers);
  out = g_string_sized_new (200 * (n + 1));

  /* Translators: column headings of the exported CSV file. */
  append_field (out, C_("csv", "Number"), FALSE);
  append_field (out, C_("csv", "Country code"), FALSE);
  append_field (out, C_("csv", "Country"), FALSE);
  append_field (out, C_("csv", "Type"), FALSE);
  append_field (out, C_("csv", "Capabilities"), FALSE);
  append_field (out, C_("csv", "SMS webhook"), FALSE);
  append_field (out, C_("csv", "SMPP system type"), FALSE);
  append_field (out, C_("csv", "Voice destination type"), FALSE);
  append_field (out, C_("csv", "Voice destination"), FALSE);
  append_field (out, C_("csv", "Voice status webhook"), FALSE);
  append_field (out, C_("csv", "Linked application"), TRUE);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DialNumber) number = g_list_model_get_item (numbers, i);
      g_autofree char *msisdn = g_strconcat ("+", dial_number_get_msisdn (number), NULL);
      g_autofree char *features = dial_format_features (dial_number_get_features (number));
      const char *country = dial_number_get_country (number);

      append_field (out, msisdn, FALSE);
      append_field (out, country, FALSE);
      append_field (out, country != NULL ? dial_country_get_name (country) : NULL, FALSE);
      append_field (out, dial_format_number_type (dial_number_get_number_type (number),
                                                  dial_number_get_type_string (number)), FALSE);
      append_field (out, features, FALSE);
      append_field (out, dial_number_get_mo_http_url (number), FALSE);
      append_field (out, dial_number_get_mo_smpp_sys_type (number), FALSE);
      append_field (out, voice_type_label (number), FALSE);
      append_field (out, dial_number_get_voice_callback_value (number), FALSE);
      append_field (out, dial_number_get_voice_status_callback (number), FALSE);
      append_field (out, dial_number_get_app_id (number), TRUE);
    }

  return g_string_free_to_bytes (out);
}

static void
on_replace_contents_ready (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
dial_numbers_export_save_async (GListModel          *numbers,
                                GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) csv = NULL;

  g_return_if_fail (G_IS_LIST_MODEL (numbers));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dial_numbers_export_save_async);

  csv = dial_numbers_export_csv (numbers);
  g_file_replace_contents_bytes_async (file, csv, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, on_replace_contents_ready,
                                       g_steal_pointer (&task));
}

gboolean
dial_numbers_export_save_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dial_numbers_export_save_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
