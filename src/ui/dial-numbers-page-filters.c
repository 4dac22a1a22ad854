/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-numbers-page"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dial-countries.h"
#include "dial-numbers-page-private.h"
#include "dial-validate.h"

/*
 * The filters Vonage applies to the My Numbers list (GET /account/numbers: pattern and where it
 * matches, country, application), as opposed to the page's instant local filter: the popover
 * that edits them, what the list is loaded with, and the line that says they are in effect.
 */

gboolean
dial_numbers_page_api_filter_active (DialNumbersPage *self)
{
  return self->api_pattern != NULL || self->api_country != NULL
         || self->api_app_filter != APP_FILTER_ANY;
}

void
dial_numbers_page_clear_api_filters (DialNumbersPage *self)
{
  g_clear_pointer (&self->api_pattern, g_free);
  self->api_pattern_mode = DIAL_PATTERN_STARTS_WITH;
  g_clear_pointer (&self->api_country, g_free);
  self->api_app_filter = APP_FILTER_ANY;
  g_clear_pointer (&self->api_app_id, g_free);
}

void
dial_numbers_page_get_api_query (DialNumbersPage *self,
                                 DialOwnedQuery  *query)
{
  query->pattern = self->api_pattern;
  query->search_pattern = self->api_pattern_mode;
  query->country = self->api_country;
  switch (self->api_app_filter)
    {
    case APP_FILTER_LINKED:
      query->has_application = DIAL_APPLICATION_LINKED;
      break;
    case APP_FILTER_NOT_LINKED:
      query->has_application = DIAL_APPLICATION_NOT_LINKED;
      break;
    case APP_FILTER_ID:
      query->application_id = self->api_app_id;
      break;
    default:
      query->has_application = DIAL_APPLICATION_ANY;
      break;
    }
}

void
dial_numbers_page_update_api_filter_label (DialNumbersPage *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->api_pattern != NULL)
    {
      if (self->api_pattern_mode == DIAL_PATTERN_STARTS_WITH)
        /* Translators: part of "Only numbers that start with 4477 · in Germany" */
        g_string_append_printf (text, _("that start with %s"), self->api_pattern);
      else if (self->api_pattern_mode == DIAL_PATTERN_CONTAINS)
        g_string_append_printf (text, _("that contain %s"), self->api_pattern);
      else
        g_string_append_printf (text, _("that end with %s"), self->api_pattern);
    }
  if (self->api_country != NULL)
    {
      const char *name = dial_country_get_name (self->api_country);

      if (text->len > 0)
        g_string_append (text, " · ");
      /* Translators: part of "Only numbers that start with 4477 · in Germany" */
      g_string_append_printf (text, _("in %s"), name != NULL ? name : self->api_country);
    }
  if (self->api_app_filter != APP_FILTER_ANY)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      if (self->api_app_filter == APP_FILTER_LINKED)
        g_string_append (text, _("linked to an application"));
      else if (self->api_app_filter == APP_FILTER_NOT_LINKED)
        g_string_append (text, _("not linked to an application"));
      else
        g_string_append_printf (text, _("linked to application %s"), self->api_app_id);
    }

  if (text->len > 0)
    {
      /* Translators: %s lists the filters, e.g. "that start with 4477 · in Germany" */
      g_autofree char *label = g_strdup_printf (_("Only numbers %s"), text->str);

      gtk_label_set_text (self->api_filter_label, label);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->api_filter_label), label);
    }
  gtk_revealer_set_reveal_child (self->api_filter_revealer, text->len > 0);
  if (text->len > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->api_filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->api_filter_button), "accent");
}

static void
fill_country_drop_down (DialNumbersPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) expression = NULL;

  self->country_codes = dial_country_list_codes ();
  gtk_string_list_append (names, _("Any country"));
  for (guint i = 0; self->country_codes[i] != NULL; i++)
    gtk_string_list_append (names, dial_country_get_name (self->country_codes[i]));

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->country_drop_down, expression);
  gtk_drop_down_set_model (self->country_drop_down, G_LIST_MODEL (names));
}

static void
on_api_filter_changed (DialNumbersPage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->api_app_id_entry),
                            gtk_drop_down_get_selected (self->api_app_mode) == APP_FILTER_ID);
  gtk_widget_set_visible (GTK_WIDGET (self->api_filter_error), FALSE);
}

static void
on_api_filter_popover_show (DialNumbersPage *self)
{
  guint country_position = 0;

  if (self->country_codes == NULL)
    fill_country_drop_down (self);

  /* The popover shows the filters in effect; edits that were not applied are dropped. */
  gtk_editable_set_text (GTK_EDITABLE (self->api_pattern_entry),
                         self->api_pattern != NULL ? self->api_pattern : "");
  gtk_drop_down_set_selected (self->pattern_mode_drop_down, self->api_pattern_mode);
  if (self->api_country != NULL)
    for (guint i = 0; self->country_codes[i] != NULL; i++)
      if (g_strcmp0 (self->country_codes[i], self->api_country) == 0)
        country_position = i + 1;
  gtk_drop_down_set_selected (self->country_drop_down, country_position);
  gtk_drop_down_set_selected (self->api_app_mode, self->api_app_filter);
  gtk_editable_set_text (GTK_EDITABLE (self->api_app_id_entry),
                         self->api_app_id != NULL ? self->api_app_id : "");
  on_api_filter_changed (self);
}

static void
apply_api_filter_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  DialNumbersPage *self = DIAL_NUMBERS_PAGE (widget);
  g_autofree char *pattern = NULL;
  g_autofree char *app_id = NULL;
  const char *pattern_text = gtk_editable_get_text (GTK_EDITABLE (self->api_pattern_entry));
  guint country = gtk_drop_down_get_selected (self->country_drop_down);
  guint app_mode = gtk_drop_down_get_selected (self->api_app_mode);
  g_autoptr(GString) digits = g_string_new (NULL);

  for (const char *p = pattern_text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (strchr ("+ -.()", *p) == NULL)
        {
          gtk_label_set_text (self->api_filter_error,
                              _("The number filter takes digits only, for example 447700."));
          gtk_widget_set_visible (GTK_WIDGET (self->api_filter_error), TRUE);
          gtk_widget_grab_focus (GTK_WIDGET (self->api_pattern_entry));
          return;
        }
    }
  if (digits->len > 0)
    pattern = g_strdup (digits->str);

  if (app_mode == APP_FILTER_ID)
    {
      g_autoptr(GError) error = NULL;

      if (!dial_validate_application_id (gtk_editable_get_text (GTK_EDITABLE (self->api_app_id_entry)),
                                         &app_id, &error))
        {
          gtk_label_set_text (self->api_filter_error, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->api_filter_error), TRUE);
          gtk_widget_grab_focus (GTK_WIDGET (self->api_app_id_entry));
          return;
        }
    }

  g_free (self->api_pattern);
  self->api_pattern = g_steal_pointer (&pattern);
  self->api_pattern_mode = gtk_drop_down_get_selected (self->pattern_mode_drop_down);
  g_free (self->api_country);
  self->api_country = country > 0 && country != GTK_INVALID_LIST_POSITION
    ? g_strdup (self->country_codes[country - 1]) : NULL;
  self->api_app_filter = app_mode == GTK_INVALID_LIST_POSITION ? APP_FILTER_ANY : app_mode;
  g_free (self->api_app_id);
  self->api_app_id = g_steal_pointer (&app_id);

  gtk_popover_popdown (self->api_filter_popover);
  dial_numbers_page_load (self);
}

static void
clear_api_filter_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  DialNumbersPage *self = DIAL_NUMBERS_PAGE (widget);
  gboolean was_active = dial_numbers_page_api_filter_active (self);

  dial_numbers_page_clear_api_filters (self);
  if (self->api_filter_popover != NULL)
    gtk_popover_popdown (self->api_filter_popover);
  if (was_active)
    dial_numbers_page_load (self);
}

/* The popover is built the first time it is opened (GTK asks each time): a window shows sooner
 * without it. */
static void
create_api_filter_popover (GtkMenuButton *button,
                           gpointer       user_data)
{
  DialNumbersPage *self = user_data;
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GError) error = NULL;

  if (self->api_filter_popover != NULL)
    return;

  builder = gtk_builder_new ();
  scope = gtk_builder_cscope_new ();

  gtk_builder_cscope_add_callback (GTK_BUILDER_CSCOPE (scope), on_api_filter_changed);
  gtk_builder_cscope_add_callback (GTK_BUILDER_CSCOPE (scope), on_api_filter_popover_show);
  gtk_builder_set_scope (builder, scope);
  gtk_builder_set_current_object (builder, G_OBJECT (self));
  if (!gtk_builder_add_from_resource (builder, RESOURCE_PREFIX "/dial-numbers-page-filters.ui",
                                      &error))
    g_error ("The filters' interface: %s", error->message);

#define GET(type, name) self->name = type (gtk_builder_get_object (builder, #name))
  GET (GTK_POPOVER, api_filter_popover);
  GET (GTK_DROP_DOWN, pattern_mode_drop_down);
  GET (GTK_ENTRY, api_pattern_entry);
  GET (GTK_DROP_DOWN, country_drop_down);
  GET (GTK_DROP_DOWN, api_app_mode);
  GET (GTK_ENTRY, api_app_id_entry);
  GET (GTK_LABEL, api_filter_error);
#undef GET

  gtk_menu_button_set_popover (button, GTK_WIDGET (self->api_filter_popover));
}

void
dial_numbers_page_filters_init (DialNumbersPage *self)
{
  gtk_menu_button_set_create_popup_func (self->api_filter_button, create_api_filter_popover, self,
                                         NULL);
}

void
dial_numbers_page_filters_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "numbers.apply-api-filter", NULL,
                                   apply_api_filter_action);
  gtk_widget_class_install_action (widget_class, "numbers.clear-api-filter", NULL,
                                   clear_api_filter_action);
}
