/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-preferences-window"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dial-client.h"
#include "dial-preferences-window.h"
#include "dial-validate.h"

struct _DialPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* Template children */
  GtkAdjustment        *threshold_adjustment;
  AdwPreferencesGroup  *advanced_group;
  AdwEntryRow          *base_url_row;
  GtkLabel             *base_url_error_label;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DialPreferencesWindow, dial_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
show_base_url_error (DialPreferencesWindow *self,
                     const char            *message)
{
  gtk_label_set_text (self->base_url_error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->base_url_error_label), message != NULL);

  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->base_url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->base_url_row), "error");
}

/* The row shows the address in use: the default one when the setting is empty. */
static void
update_base_url_row (DialPreferencesWindow *self)
{
  g_autofree char *base_url = g_settings_get_string (self->settings, "api-base-url");
  gboolean is_default = base_url[0] == '\0';

  gtk_editable_set_text (GTK_EDITABLE (self->base_url_row),
                         is_default ? DIAL_DEFAULT_BASE_URL : base_url);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.reset-base-url", !is_default);
  show_base_url_error (self, NULL);
}

static void
on_base_url_row_apply (DialPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->base_url_row))));

  /* Trailing slashes would double in every request path. */
  while (g_str_has_suffix (text, "/"))
    text[strlen (text) - 1] = '\0';

  if (text[0] == '\0' || g_str_equal (text, DIAL_DEFAULT_BASE_URL))
    {
      g_settings_reset (self->settings, "api-base-url");
      return;
    }

  if (!dial_validate_base_url (text, &error))
    {
      /* What was typed stays, so that it can be corrected. */
      show_base_url_error (self, error->message);
      return;
    }

  g_settings_set_string (self->settings, "api-base-url", text);
}

static void
on_base_url_row_changed (DialPreferencesWindow *self)
{
  show_base_url_error (self, NULL);
}

static void
on_settings_changed (DialPreferencesWindow *self,
                     const char            *key)
{
  if (g_strcmp0 (key, "api-base-url") == 0)
    update_base_url_row (self);
}

static void
reset_base_url_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DialPreferencesWindow *self = DIAL_PREFERENCES_WINDOW (widget);

  g_settings_reset (self->settings, "api-base-url");
  update_base_url_row (self);
}

static void
dial_preferences_window_constructed (GObject *object)
{
  DialPreferencesWindow *self = DIAL_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (dial_preferences_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));

  g_settings_bind (self->settings, "low-balance-threshold",
                   self->threshold_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed), self,
                           G_CONNECT_SWAPPED);
  update_base_url_row (self);
}

static void
dial_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DIAL_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (dial_preferences_window_parent_class)->dispose (object);
}

static void
dial_preferences_window_finalize (GObject *object)
{
  DialPreferencesWindow *self = DIAL_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dial_preferences_window_parent_class)->finalize (object);
}

static void
dial_preferences_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  DialPreferencesWindow *self = DIAL_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  DialPreferencesWindow *self = DIAL_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_preferences_window_class_init (DialPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dial_preferences_window_constructed;
  object_class->dispose = dial_preferences_window_dispose;
  object_class->finalize = dial_preferences_window_finalize;
  object_class->get_property = dial_preferences_window_get_property;
  object_class->set_property = dial_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dial-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DialPreferencesWindow, threshold_adjustment);
  gtk_widget_class_bind_template_child (widget_class, DialPreferencesWindow, advanced_group);
  gtk_widget_class_bind_template_child (widget_class, DialPreferencesWindow, base_url_row);
  gtk_widget_class_bind_template_child (widget_class, DialPreferencesWindow, base_url_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_base_url_row_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_base_url_row_changed);

  gtk_widget_class_install_action (widget_class, "prefs.reset-base-url", NULL,
                                   reset_base_url_action);
}

static void
dial_preferences_window_init (DialPreferencesWindow *self)
{
  g_autofree char *description = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Translators: %s is the address of the Vonage API. */
  description = g_strdup_printf (_("Dialtone talks to Vonage at %s. Change this only to use a "
                                   "test server: an address must start with https:// unless "
                                   "it is on this computer."),
                                 DIAL_DEFAULT_BASE_URL);
  adw_preferences_group_set_description (self->advanced_group, description);
}

DialPreferencesWindow *
dial_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (DIAL_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}
