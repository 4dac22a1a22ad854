/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-number-details"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dial-error.h"
#include "dial-format.h"
#include "dial-number-details.h"
#include "dial-number-text.h"
#include "dial-ui-util.h"
#include "dial-validate.h"

/* Positions in the "Send Calls To" list. */
enum {
  VOICE_NONE,
  VOICE_SIP,
  VOICE_TEL,
  VOICE_APP,
  VOICE_OTHER, /* only for a number whose type Dialtone does not know; kept as it is */
};

/* What the user typed for a number and did not save yet. */
typedef struct
{
  char  *mo_http_url;
  char  *mo_smpp_sys_type;
  guint  voice_type;
  char  *voice_value;
  char  *voice_status_callback;
  char  *app_id;
} Draft;

struct _DialNumberDetails
{
  AdwBin        parent_instance;

  DialClient   *client;
  DialNumber   *number;
  GCancellable *cancellable;
  GHashTable   *drafts; /* msisdn -> Draft */

  guint         filling : 1;
  guint         saving : 1;
  guint         checking : 1;
  guint         dirty : 1;

  GtkLabel      *title_label;
  GtkLabel      *subtitle_label;
  GtkRevealer   *error_revealer;
  GtkLabel      *error_label;
  AdwEntryRow   *mo_http_url_row;
  AdwActionRow  *mo_http_url_error;
  AdwActionRow  *check_row;
  GtkStack      *check_icon_stack;
  GtkSpinner    *check_spinner;
  AdwEntryRow   *mo_smpp_sys_type_row;
  AdwComboRow   *voice_type_row;
  GtkStringList *voice_types;
  AdwEntryRow   *voice_value_row;
  AdwActionRow  *voice_value_error;
  AdwEntryRow   *voice_status_callback_row;
  AdwActionRow  *voice_status_callback_error;
  AdwEntryRow   *app_id_row;
  AdwActionRow  *app_id_error;
  AdwActionRow  *messages_callback_row;
  GtkStack      *save_stack;
  GtkSpinner    *save_spinner;
};

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_NUMBER,
  PROP_DIRTY,
  PROP_BUSY,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DialNumberDetails, dial_number_details, ADW_TYPE_BIN)

static void
draft_free (gpointer data)
{
  Draft *draft = data;

  g_free (draft->mo_http_url);
  g_free (draft->mo_smpp_sys_type);
  g_free (draft->voice_value);
  g_free (draft->voice_status_callback);
  g_free (draft->app_id);
  g_free (draft);
}

static const char *
nonnull (const char *text)
{
  return text != NULL ? text : "";
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static guint
voice_type_position (DialVoiceCallbackType type)
{
  switch (type)
    {
    case DIAL_VOICE_CALLBACK_NONE:
      return VOICE_NONE;
    case DIAL_VOICE_CALLBACK_SIP:
      return VOICE_SIP;
    case DIAL_VOICE_CALLBACK_TEL:
      return VOICE_TEL;
    case DIAL_VOICE_CALLBACK_APP:
      return VOICE_APP;
    case DIAL_VOICE_CALLBACK_UNKNOWN:
    default:
      return VOICE_OTHER;
    }
}

static DialVoiceCallbackType
voice_type_from_position (guint position)
{
  switch (position)
    {
    case VOICE_SIP:
      return DIAL_VOICE_CALLBACK_SIP;
    case VOICE_TEL:
      return DIAL_VOICE_CALLBACK_TEL;
    case VOICE_APP:
      return DIAL_VOICE_CALLBACK_APP;
    case VOICE_OTHER:
      return DIAL_VOICE_CALLBACK_UNKNOWN;
    case VOICE_NONE:
    default:
      return DIAL_VOICE_CALLBACK_NONE;
    }
}

static guint
selected_voice_type (DialNumberDetails *self)
{
  return adw_combo_row_get_selected (self->voice_type_row);
}

static char *
number_text (DialNumberDetails *self)
{
  return self->number != NULL ? dial_number_text_format (self->number) : g_strdup ("");
}

static void
set_busy (DialNumberDetails *self,
          gboolean           saving,
          gboolean           checking)
{
  gboolean was_busy = self->saving || self->checking;

  self->saving = saving;
  self->checking = checking;
  if (was_busy != (saving || checking))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_error (DialNumberDetails *self,
            const char        *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  /* Hidden, not just folded: a folded revealer would still take the box's spacing. */
  gtk_widget_set_visible (GTK_WIDGET (self->error_revealer), message != NULL);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
show_field_error (AdwEntryRow  *row,
                  AdwActionRow *error_row,
                  const GError *error)
{
  if (error != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (error_row), error->message);
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_visible (GTK_WIDGET (error_row), error != NULL);
}

/* The check of each field. Empty means "remove the value", which is always allowed, except for
 * the destination of calls once a kind of destination is chosen. */
static gboolean
validate_url_field (const char  *text,
                    GError     **error)
{
  if (*text == '\0')
    return TRUE;
  return dial_validate_webhook_url (text, error);
}

static gboolean
validate_app_id_field (const char  *text,
                       char       **out_normalized,
                       GError     **error)
{
  if (*text == '\0')
    {
      if (out_normalized != NULL)
        *out_normalized = g_strdup ("");
      return TRUE;
    }
  return dial_validate_application_id (text, out_normalized, error);
}

static gboolean
validate_voice_value (guint        voice_type,
                      const char  *text,
                      char       **out_normalized,
                      GError     **error)
{
  if (voice_type == VOICE_NONE || voice_type == VOICE_OTHER)
    {
      if (out_normalized != NULL)
        *out_normalized = g_strdup (text);
      return TRUE;
    }

  if (*text == '\0')
    {
      const char *message;

      if (voice_type == VOICE_SIP)
        message = _("Enter the SIP URI to send calls to, for example sip:reception@example.com.");
      else if (voice_type == VOICE_TEL)
        message = _("Enter the phone number to send calls to, with its country code.");
      else
        message = _("Enter the ID of the application that answers the calls.");
      g_set_error_literal (error, DIAL_ERROR, DIAL_ERROR_INVALID_INPUT, message);
      return FALSE;
    }

  switch (voice_type)
    {
    case VOICE_SIP:
      if (!dial_validate_sip_uri (text, error))
        return FALSE;
      if (out_normalized != NULL)
        *out_normalized = g_strdup (text);
      return TRUE;
    case VOICE_TEL:
      return dial_validate_tel (text, out_normalized, error);
    case VOICE_APP:
      return dial_validate_application_id (text, out_normalized, error);
    default:
      g_assert_not_reached ();
    }
}

/* The values as the number has them, in the form's terms. */
static const char *
original_voice_value (DialNumberDetails *self)
{
  return nonnull (dial_number_get_voice_callback_value (self->number));
}

static gboolean
voice_changed (DialNumberDetails *self)
{
  guint original = voice_type_position (dial_number_get_voice_callback_type (self->number));
  guint selected = selected_voice_type (self);

  if (original != selected)
    return TRUE;
  if (selected == VOICE_NONE)
    return FALSE;
  return g_strcmp0 (row_text (self->voice_value_row), original_voice_value (self)) != 0;
}

static gboolean
compute_dirty (DialNumberDetails *self)
{
  if (self->number == NULL)
    return FALSE;

  return g_strcmp0 (row_text (self->mo_http_url_row),
                    nonnull (dial_number_get_mo_http_url (self->number))) != 0
         || g_strcmp0 (row_text (self->mo_smpp_sys_type_row),
                       nonnull (dial_number_get_mo_smpp_sys_type (self->number))) != 0
         || voice_changed (self)
         || g_strcmp0 (row_text (self->voice_status_callback_row),
                       nonnull (dial_number_get_voice_status_callback (self->number))) != 0
         || g_strcmp0 (row_text (self->app_id_row),
                       nonnull (dial_number_get_app_id (self->number))) != 0;
}

/* Checks every field, shows what is wrong next to it; TRUE when all are valid. */
static gboolean
validate_form (DialNumberDetails *self)
{
  g_autoptr(GError) mo_error = NULL;
  g_autoptr(GError) voice_error = NULL;
  g_autoptr(GError) status_error = NULL;
  g_autoptr(GError) app_error = NULL;
  gboolean valid = TRUE;

  valid &= validate_url_field (row_text (self->mo_http_url_row), &mo_error);
  valid &= validate_voice_value (selected_voice_type (self), row_text (self->voice_value_row),
                                 NULL, &voice_error);
  valid &= validate_url_field (row_text (self->voice_status_callback_row), &status_error);
  valid &= validate_app_id_field (row_text (self->app_id_row), NULL, &app_error);

  show_field_error (self->mo_http_url_row, self->mo_http_url_error, mo_error);
  show_field_error (self->voice_value_row, self->voice_value_error, voice_error);
  show_field_error (self->voice_status_callback_row, self->voice_status_callback_error,
                    status_error);
  show_field_error (self->app_id_row, self->app_id_error, app_error);

  return valid;
}

static void
update_voice_value_row (DialNumberDetails *self)
{
  guint type = selected_voice_type (self);
  const char *title;

  switch (type)
    {
    case VOICE_SIP:
      title = _("SIP URI");
      break;
    case VOICE_TEL:
      title = _("Phone Number");
      break;
    case VOICE_APP:
      title = _("Application ID");
      break;
    default:
      title = _("Destination");
      break;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->voice_value_row), title);
  gtk_widget_set_visible (GTK_WIDGET (self->voice_value_row), type != VOICE_NONE);
  /* A destination of a kind Dialtone does not know is kept exactly as it is. */
  gtk_editable_set_editable (GTK_EDITABLE (self->voice_value_row), type != VOICE_OTHER);
}

static void
update_state (DialNumberDetails *self)
{
  gboolean valid;
  gboolean dirty;
  gboolean have = self->number != NULL && self->client != NULL;
  g_autoptr(GError) mo_error = NULL;
  const char *mo;

  update_voice_value_row (self);
  valid = validate_form (self);
  dirty = compute_dirty (self);

  if (dirty != self->dirty)
    {
      self->dirty = dirty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
    }

  mo = row_text (self->mo_http_url_row);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.save",
                                 have && dirty && valid && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.revert",
                                 self->number != NULL && dirty && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.check-webhook",
                                 have && *mo != '\0' && validate_url_field (mo, &mo_error)
                                 && !self->checking);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mo_http_url_row), !self->saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mo_smpp_sys_type_row), !self->saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->voice_type_row), !self->saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->voice_value_row), !self->saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->voice_status_callback_row), !self->saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->app_id_row), !self->saving);
  gtk_stack_set_visible_child_name (self->save_stack, self->saving ? "busy" : "label");
  gtk_spinner_set_spinning (self->save_spinner, self->saving);
}

static void
set_voice_types (DialNumberDetails *self,
                 const char        *other)
{
  g_autofree char *other_label = NULL;
  const char *items[6] = {
    _("Nowhere"),
    _("A SIP URI"),
    _("A Phone Number"),
    _("An Application"),
    NULL,
    NULL,
  };

  if (other != NULL)
    {
      /* Translators: a kind of call destination that Dialtone does not know, kept as it is */
      other_label = g_strdup_printf (_("Other (%s)"), other);
      items[VOICE_OTHER] = other_label;
    }

  gtk_string_list_splice (self->voice_types, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->voice_types)),
                          items);
}

static void
clear_check (DialNumberDetails *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->check_row), FALSE);
  gtk_spinner_set_spinning (self->check_spinner, FALSE);
}

/* Fills the form from the number, or from a draft of unsaved edits to it. */
static void
fill_form (DialNumberDetails *self,
           const Draft       *draft)
{
  DialNumber *number = self->number;
  g_autofree char *title = NULL;
  g_autofree char *country = NULL;
  g_autofree char *features = NULL;
  g_autofree char *subtitle = NULL;
  const char *messages_app;

  self->filling = TRUE;

  show_error (self, NULL);
  clear_check (self);

  if (number == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->subtitle_label, "");
      set_voice_types (self, NULL);
      gtk_editable_set_text (GTK_EDITABLE (self->mo_http_url_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->mo_smpp_sys_type_row), "");
      adw_combo_row_set_selected (self->voice_type_row, VOICE_NONE);
      gtk_editable_set_text (GTK_EDITABLE (self->voice_value_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->voice_status_callback_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->app_id_row), "");
      gtk_widget_set_visible (GTK_WIDGET (self->messages_callback_row), FALSE);
      self->filling = FALSE;
      update_state (self);
      return;
    }

  title = dial_number_text_format (number);
  country = dial_number_text_country (dial_number_get_country (number));
  features = dial_format_features (dial_number_get_features (number));
  subtitle = *features != '\0'
    /* Translators: country · type · capabilities, under the number in its details */
    ? g_strdup_printf (_("%s · %s · %s"), country,
                       dial_format_number_type (dial_number_get_number_type (number),
                                                dial_number_get_type_string (number)),
                       features)
    : g_strdup_printf (_("%s · %s"), country,
                       dial_format_number_type (dial_number_get_number_type (number),
                                                dial_number_get_type_string (number)));
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), subtitle);

  set_voice_types (self,
                   dial_number_get_voice_callback_type (number) == DIAL_VOICE_CALLBACK_UNKNOWN
                   ? dial_number_get_voice_callback_type_string (number)
                   : NULL);

  if (draft != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->mo_http_url_row), draft->mo_http_url);
      gtk_editable_set_text (GTK_EDITABLE (self->mo_smpp_sys_type_row), draft->mo_smpp_sys_type);
      adw_combo_row_set_selected (self->voice_type_row, draft->voice_type);
      gtk_editable_set_text (GTK_EDITABLE (self->voice_value_row), draft->voice_value);
      gtk_editable_set_text (GTK_EDITABLE (self->voice_status_callback_row),
                             draft->voice_status_callback);
      gtk_editable_set_text (GTK_EDITABLE (self->app_id_row), draft->app_id);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->mo_http_url_row),
                             nonnull (dial_number_get_mo_http_url (number)));
      gtk_editable_set_text (GTK_EDITABLE (self->mo_smpp_sys_type_row),
                             nonnull (dial_number_get_mo_smpp_sys_type (number)));
      adw_combo_row_set_selected (self->voice_type_row,
                                  voice_type_position (dial_number_get_voice_callback_type (number)));
      gtk_editable_set_text (GTK_EDITABLE (self->voice_value_row), original_voice_value (self));
      gtk_editable_set_text (GTK_EDITABLE (self->voice_status_callback_row),
                             nonnull (dial_number_get_voice_status_callback (number)));
      gtk_editable_set_text (GTK_EDITABLE (self->app_id_row),
                             nonnull (dial_number_get_app_id (number)));
    }

  /* The deprecated messages callback is kept by DialNumberConfig; shown, not edited. */
  messages_app = dial_number_get_messages_callback_value (number);
  gtk_widget_set_visible (GTK_WIDGET (self->messages_callback_row),
                          messages_app != NULL && *messages_app != '\0');
  adw_action_row_set_subtitle (self->messages_callback_row, nonnull (messages_app));

  self->filling = FALSE;
  update_state (self);
}

static void
keep_draft (DialNumberDetails *self)
{
  Draft *draft;

  if (self->number == NULL || !compute_dirty (self))
    return;

  draft = g_new0 (Draft, 1);
  draft->mo_http_url = g_strdup (row_text (self->mo_http_url_row));
  draft->mo_smpp_sys_type = g_strdup (row_text (self->mo_smpp_sys_type_row));
  draft->voice_type = selected_voice_type (self);
  draft->voice_value = g_strdup (row_text (self->voice_value_row));
  draft->voice_status_callback = g_strdup (row_text (self->voice_status_callback_row));
  draft->app_id = g_strdup (row_text (self->app_id_row));
  g_hash_table_replace (self->drafts, g_strdup (dial_number_get_msisdn (self->number)), draft);
}

/* The number's configuration with the fields the user changed, and only those (read, change,
 * write): a field the user did not touch goes back exactly as it came. */
static DialNumberConfig *
build_config (DialNumberDetails  *self,
              GError            **error)
{
  g_autoptr(DialNumberConfig) config = dial_number_config_new_from_number (self->number);
  DialNumber *number = self->number;
  const char *text;

  text = row_text (self->mo_http_url_row);
  if (g_strcmp0 (text, nonnull (dial_number_get_mo_http_url (number))) != 0)
    {
      if (!validate_url_field (text, error))
        return NULL;
      dial_number_config_set_mo_http_url (config, text);
    }

  text = row_text (self->mo_smpp_sys_type_row);
  if (g_strcmp0 (text, nonnull (dial_number_get_mo_smpp_sys_type (number))) != 0)
    dial_number_config_set_mo_smpp_sys_type (config, text);

  if (voice_changed (self))
    {
      g_autofree char *value = NULL;
      guint type = selected_voice_type (self);

      if (!validate_voice_value (type, row_text (self->voice_value_row), &value, error))
        return NULL;
      dial_number_config_set_voice_callback (config, voice_type_from_position (type),
                                             type == VOICE_NONE ? NULL : value);
    }

  text = row_text (self->voice_status_callback_row);
  if (g_strcmp0 (text, nonnull (dial_number_get_voice_status_callback (number))) != 0)
    {
      if (!validate_url_field (text, error))
        return NULL;
      dial_number_config_set_voice_status_callback (config, text);
    }

  text = row_text (self->app_id_row);
  if (g_strcmp0 (text, nonnull (dial_number_get_app_id (number))) != 0)
    {
      g_autofree char *app_id = NULL;

      if (!validate_app_id_field (text, &app_id, error))
        return NULL;
      dial_number_config_set_app_id (config, app_id);
    }

  if (!dial_number_config_validate (config, error))
    return NULL;

  return g_steal_pointer (&config);
}

typedef struct
{
  DialNumberDetails *self;
  DialNumber        *number;
  DialNumberConfig  *config;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->number);
  g_clear_pointer (&data->config, dial_number_config_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

static void
save_succeeded (SaveData *data)
{
  DialNumberDetails *self = data->self;
  g_autofree char *number = dial_number_text_format (data->number);
  g_autofree char *message = NULL;

  dial_number_apply_config (data->number, data->config);
  g_hash_table_remove (self->drafts, dial_number_get_msisdn (data->number));

  set_busy (self, FALSE, self->checking);
  if (self->number == data->number)
    fill_form (self, NULL);
  else
    update_state (self);

  /* Translators: %s is a phone number */
  message = g_strdup_printf (_("Saved the settings of %s"), number);
  dial_widget_add_toast (GTK_WIDGET (self), adw_toast_new (message));
  g_signal_emit (self, signals[SAVED], 0, data->number);
}

static void
save_failed (SaveData     *data,
             const GError *error)
{
  DialNumberDetails *self = data->self;
  g_autofree char *number = dial_number_text_format (data->number);
  g_autofree char *task = NULL;
  g_autofree char *message = NULL;

  /* Translators: %s is a phone number */
  task = g_strdup_printf (_("Could not save the settings of %s"), number);
  message = dial_number_text_describe_error (task, error);

  set_busy (self, FALSE, self->checking);
  if (self->number == data->number)
    show_error (self, message);
  else
    dial_widget_add_toast (GTK_WIDGET (self), adw_toast_new (message));
  update_state (self);
}

static gboolean
config_matches_number (DialNumberConfig *config,
                       DialNumber       *number)
{
  return g_strcmp0 (nonnull (dial_number_config_get_mo_http_url (config)),
                    nonnull (dial_number_get_mo_http_url (number))) == 0
         && g_strcmp0 (nonnull (dial_number_config_get_mo_smpp_sys_type (config)),
                       nonnull (dial_number_get_mo_smpp_sys_type (number))) == 0
         && dial_number_config_get_voice_callback_type (config)
            == dial_number_get_voice_callback_type (number)
         && g_strcmp0 (nonnull (dial_number_config_get_voice_callback_value (config)),
                       nonnull (dial_number_get_voice_callback_value (number))) == 0
         && g_strcmp0 (nonnull (dial_number_config_get_voice_status_callback (config)),
                       nonnull (dial_number_get_voice_status_callback (number))) == 0
         && g_strcmp0 (nonnull (dial_number_config_get_app_id (config)),
                       nonnull (dial_number_get_app_id (number))) == 0;
}

static void
on_lookup_after_update_ready (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  g_autoptr(DialNumber) current = NULL;
  g_autoptr(GError) error = NULL;

  current = dial_client_lookup_owned_finish (DIAL_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (current != NULL && config_matches_number (data->config, current))
    {
      save_succeeded (data);
    }
  else
    {
      g_autoptr(GError) unknown = NULL;

      if (error == NULL)
        /* The answer was lost and the number does not have the new settings: not saved. */
        unknown = g_error_new_literal (DIAL_ERROR, DIAL_ERROR_OUTCOME_UNKNOWN,
                                       _("The connection broke and the new settings were not saved."));
      save_failed (data, error != NULL ? error : unknown);
    }
}

static void
on_update_ready (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (dial_client_update_finish (DIAL_CLIENT (object), result, &error))
    {
      save_succeeded (data);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, DIAL_ERROR, DIAL_ERROR_OUTCOME_UNKNOWN))
    {
      /* Find out what the number's settings are now before saying anything. */
      SaveData *pending = g_steal_pointer (&data);

      dial_client_lookup_owned_async (DIAL_CLIENT (object),
                                      dial_number_get_country (pending->number),
                                      dial_number_get_msisdn (pending->number),
                                      pending->self->cancellable,
                                      on_lookup_after_update_ready,
                                      pending);
      return;
    }

  save_failed (data, error);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DialNumberDetails *self = DIAL_NUMBER_DETAILS (widget);
  g_autoptr(DialNumberConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  SaveData *data;

  if (self->number == NULL || self->client == NULL || self->saving)
    return;

  /* Nothing invalid is ever sent: the fields say what is wrong. */
  if (!validate_form (self))
    return;

  config = build_config (self, &error);
  if (config == NULL)
    {
      g_autofree char *number = number_text (self);
      g_autofree char *task = g_strdup_printf (_("Could not save the settings of %s"), number);
      g_autofree char *message = g_strdup_printf (_("%s: %s"), task, error->message);

      show_error (self, message);
      return;
    }

  show_error (self, NULL);
  set_busy (self, TRUE, self->checking);
  update_state (self);

  data = g_new0 (SaveData, 1);
  data->self = g_object_ref (self);
  data->number = g_object_ref (self->number);
  data->config = dial_number_config_copy (config);
  dial_client_update_async (self->client, config, self->cancellable, on_update_ready, data);
}

static void
revert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DialNumberDetails *self = DIAL_NUMBER_DETAILS (widget);

  if (self->number == NULL || self->saving)
    return;

  g_hash_table_remove (self->drafts, dial_number_get_msisdn (self->number));
  fill_form (self, NULL);
}

typedef struct
{
  DialNumberDetails *self;
  DialNumber        *number;
  char              *url;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->number);
  g_free (data->url);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CheckData, check_data_free)

static void
on_check_webhook_ready (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(CheckData) data = user_data;
  DialNumberDetails *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint status = 0;
  gboolean ok;

  ok = dial_client_check_webhook_finish (DIAL_CLIENT (object), result, &status, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, self->saving, FALSE);
  gtk_spinner_set_spinning (self->check_spinner, FALSE);

  /* The answer is about a number or a URL that is no longer in the form. */
  if (self->number != data->number
      || g_strcmp0 (row_text (self->mo_http_url_row), data->url) != 0)
    {
      clear_check (self);
      update_state (self);
      return;
    }

  if (ok)
    {
      message = g_strdup (_("The webhook answered 200 OK: Vonage will accept it."));
      gtk_stack_set_visible_child_name (self->check_icon_stack, "ok");
    }
  else
    {
      if (g_error_matches (error, DIAL_ERROR, DIAL_ERROR_REFUSED) && status != 0)
        /* Translators: %u is an HTTP status code such as 404 */
        message = g_strdup_printf (_("The webhook answered %u instead of 200 OK: Vonage will not accept it."),
                                   status);
      else if (error->domain == DIAL_ERROR)
        message = g_strdup_printf (_("Could not reach the webhook: %s"),
                                   error->code == DIAL_ERROR_NETWORK
                                   ? _("the address does not answer.")
                                   : dial_error_explain (error->code));
      else
        message = g_strdup_printf (_("Could not reach the webhook: %s"), error->message);
      gtk_stack_set_visible_child_name (self->check_icon_stack, "failed");
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->check_row), message);
  gtk_widget_set_visible (GTK_WIDGET (self->check_row), TRUE);
  update_state (self);
}

static void
check_webhook_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  DialNumberDetails *self = DIAL_NUMBER_DETAILS (widget);
  g_autoptr(GError) error = NULL;
  const char *url = row_text (self->mo_http_url_row);
  CheckData *data;

  if (self->number == NULL || self->client == NULL || self->checking)
    return;
  if (*url == '\0' || !validate_url_field (url, &error))
    return;

  set_busy (self, self->saving, TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->check_row),
                                 _("Calling the webhook…"));
  gtk_stack_set_visible_child_name (self->check_icon_stack, "busy");
  gtk_spinner_set_spinning (self->check_spinner, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->check_row), TRUE);
  update_state (self);

  data = g_new0 (CheckData, 1);
  data->self = g_object_ref (self);
  data->number = g_object_ref (self->number);
  data->url = g_strdup (url);
  dial_client_check_webhook_async (self->client, url, self->cancellable,
                                   on_check_webhook_ready, data);
}

static void
on_field_changed (DialNumberDetails *self)
{
  if (self->filling)
    return;

  /* An answer about the old URL would be misleading now. */
  if (!self->checking)
    clear_check (self);
  update_state (self);
}

static void
dial_number_details_dispose (GObject *object)
{
  DialNumberDetails *self = DIAL_NUMBER_DETAILS (object);

  g_cancellable_cancel (self->cancellable);
  /* AdwBin unparents its child itself: let it go first, then the template's references. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DIAL_TYPE_NUMBER_DETAILS);
  g_clear_object (&self->client);
  g_clear_object (&self->number);

  G_OBJECT_CLASS (dial_number_details_parent_class)->dispose (object);
}

static void
dial_number_details_finalize (GObject *object)
{
  DialNumberDetails *self = DIAL_NUMBER_DETAILS (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->drafts, g_hash_table_unref);

  G_OBJECT_CLASS (dial_number_details_parent_class)->finalize (object);
}

static void
dial_number_details_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DialNumberDetails *self = DIAL_NUMBER_DETAILS (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_NUMBER:
      g_value_set_object (value, self->number);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->saving || self->checking);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_number_details_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DialNumberDetails *self = DIAL_NUMBER_DETAILS (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      dial_number_details_set_client (self, g_value_get_object (value));
      break;
    case PROP_NUMBER:
      dial_number_details_set_number (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_number_details_class_init (DialNumberDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dial_number_details_dispose;
  object_class->finalize = dial_number_details_finalize;
  object_class->get_property = dial_number_details_get_property;
  object_class->set_property = dial_number_details_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         DIAL_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NUMBER] =
    g_param_spec_object ("number", NULL, NULL,
                         DIAL_TYPE_NUMBER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, DIAL_TYPE_NUMBER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dial-number-details.ui");
  gtk_widget_class_bind_template_child (widget_class, DialNumberDetails, title_label);
  gtk_widget_class_bind_template_child (widget_class, DialNumberDetails, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, DialNumberDetails, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DialNumberDetails, error_label);
  gtk_widget_class_bind_template_child (widget_class, DialNumberDetails, mo_http_url_row);
  gtk_widget_class_bind_template_child (widget_class, DialNumberDetails, mo_http_url_error);
  gtk_widget_class_bind_template_child (widget_class, DialNumberDetails, check_row);
  gtk_widget_class_bind_template_child (widget_class, DialNumberDetails, check_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, DialNumberDetails, check_spinner);
  gtk_widget_class_bind_template_child (widget_class, DialNumberDetails, mo_smpp_sys_type_row);
  gtk_widget_class_bind_template_child (widget_class, DialNumberDetails, voice_type_row);
  gtk_widget_class_bind_template_child (widget_class, DialNumberDetails, voice_types);
  gtk_widget_class_bind_template_child (widget_class, DialNumberDetails, voice_value_row);
  gtk_widget_class_bind_template_child (widget_class, DialNumberDetails, voice_value_error);
  gtk_widget_class_bind_template_child (widget_class, DialNumberDetails, voice_status_callback_row);
  gtk_widget_class_bind_template_child (widget_class, DialNumberDetails, voice_status_callback_error);
  gtk_widget_class_bind_template_child (widget_class, DialNumberDetails, app_id_row);
  gtk_widget_class_bind_template_child (widget_class, DialNumberDetails, app_id_error);
  gtk_widget_class_bind_template_child (widget_class, DialNumberDetails, messages_callback_row);
  gtk_widget_class_bind_template_child (widget_class, DialNumberDetails, save_stack);
  gtk_widget_class_bind_template_child (widget_class, DialNumberDetails, save_spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);

  gtk_widget_class_install_action (widget_class, "details.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "details.revert", NULL, revert_action);
  gtk_widget_class_install_action (widget_class, "details.check-webhook", NULL,
                                   check_webhook_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "details.save", NULL);
}

static void
dial_number_details_init (DialNumberDetails *self)
{
  self->cancellable = g_cancellable_new ();
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, draft_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  fill_form (self, NULL);
}

GtkWidget *
dial_number_details_new (void)
{
  return g_object_new (DIAL_TYPE_NUMBER_DETAILS, NULL);
}

DialClient *
dial_number_details_get_client (DialNumberDetails *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER_DETAILS (self), NULL);

  return self->client;
}

void
dial_number_details_set_client (DialNumberDetails *self,
                                DialClient        *client)
{
  g_return_if_fail (DIAL_IS_NUMBER_DETAILS (self));
  g_return_if_fail (client == NULL || DIAL_IS_CLIENT (client));

  if (self->client == client)
    return;

  /* Answers from the old account must not land in the form. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->client, client);
  g_hash_table_remove_all (self->drafts);
  set_busy (self, FALSE, FALSE);
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

DialNumber *
dial_number_details_get_number (DialNumberDetails *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER_DETAILS (self), NULL);

  return self->number;
}

void
dial_number_details_set_number (DialNumberDetails *self,
                                DialNumber        *number)
{
  Draft *draft = NULL;

  g_return_if_fail (DIAL_IS_NUMBER_DETAILS (self));
  g_return_if_fail (number == NULL || DIAL_IS_NUMBER (number));

  if (self->number == number)
    return;

  /* Unsaved edits wait for the user to come back to this number. */
  keep_draft (self);
  g_set_object (&self->number, number);

  if (number != NULL)
    draft = g_hash_table_lookup (self->drafts, dial_number_get_msisdn (number));
  fill_form (self, draft);
  if (draft != NULL)
    g_hash_table_remove (self->drafts, dial_number_get_msisdn (number));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMBER]);
}

gboolean
dial_number_details_get_dirty (DialNumberDetails *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER_DETAILS (self), FALSE);

  return self->dirty;
}

gboolean
dial_number_details_get_busy (DialNumberDetails *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER_DETAILS (self), FALSE);

  return self->saving || self->checking;
}

void
dial_number_details_focus_form (DialNumberDetails *self)
{
  g_return_if_fail (DIAL_IS_NUMBER_DETAILS (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->mo_http_url_row));
}
