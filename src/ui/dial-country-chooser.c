/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-country-chooser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dial-countries.h"
#include "dial-country-chooser.h"

struct _DialCountryChooser
{
  AdwBin              parent_instance;

  GtkMenuButton      *button;
  GtkPopover         *popover;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  GtkFilterListModel *filter_model;
  GtkCustomFilter    *filter;
  GtkLabel           *flag_label;
  GtkLabel           *name_label;

  char               *country;
};

enum {
  PROP_0,
  PROP_COUNTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DialCountryChooser, dial_country_chooser, ADW_TYPE_BIN)

static char *
country_flag (gpointer    unused,
              const char *code)
{
  return code ? dial_country_get_flag (code) : NULL;
}

static char *
country_name (gpointer    unused,
              const char *code)
{
  return g_strdup (code ? dial_country_get_name (code) : NULL);
}

static gboolean
country_matches (gpointer item,
                 gpointer user_data)
{
  DialCountryChooser *self = DIAL_COUNTRY_CHOOSER (user_data);
  const char *code = gtk_string_object_get_string (GTK_STRING_OBJECT (item));
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (search));

  if (stripped[0] == '\0')
    return TRUE;

  /* "de", "DE": the code; "deut", "Ä", "united": the name, any word, accents folded. */
  if (g_ascii_strcasecmp (stripped, code) == 0)
    return TRUE;
  return g_str_match_string (stripped, dial_country_get_name (code), TRUE);
}

static void
update_button (DialCountryChooser *self)
{
  g_autofree char *flag = NULL;
  g_autofree char *accessible = NULL;
  const char *name = NULL;
  GtkWidget *inner;

  if (self->country != NULL)
    {
      flag = dial_country_get_flag (self->country);
      name = dial_country_get_name (self->country);
    }

  gtk_label_set_label (self->flag_label, flag);
  gtk_widget_set_visible (GTK_WIDGET (self->flag_label), flag != NULL);
  gtk_label_set_label (self->name_label, name ? name : _("Choose a Country"));

  /* Translators: the accessible name of the country button, e.g. "Country: Germany" */
  accessible = g_strdup_printf (_("Country: %s"), name ? name : _("none chosen"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  /* GTK 4.8's GtkMenuButton puts its action on an inner toggle button that screen readers
   * then announce by its type name: give that one the same name. */
  inner = gtk_widget_get_first_child (GTK_WIDGET (self->button));
  if (GTK_IS_BUTTON (inner))
    gtk_accessible_update_property (GTK_ACCESSIBLE (inner),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                    -1);
}

static void
choose_position (DialCountryChooser *self,
                 guint               position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (self->filter_model),
                                                           position);

  if (item == NULL)
    return;

  dial_country_chooser_set_country (self, gtk_string_object_get_string (item));
  gtk_popover_popdown (self->popover);
}

static void
on_search_entry_search_changed (GtkSearchEntry     *entry,
                                DialCountryChooser *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->filter_model))
                                      ? "list" : "empty");
}

static void
on_search_entry_activate (GtkSearchEntry     *entry,
                          DialCountryChooser *self)
{
  /* The search-changed delay must not make Enter pick from a stale list. */
  on_search_entry_search_changed (entry, self);
  choose_position (self, 0);
}

static void
on_search_entry_stop_search (GtkSearchEntry     *entry,
                             DialCountryChooser *self)
{
  gtk_popover_popdown (self->popover);
}

static void
on_list_view_activate (GtkListView        *list_view,
                       guint               position,
                       DialCountryChooser *self)
{
  choose_position (self, position);
}

static void
on_popover_show (GtkPopover         *popover,
                 DialCountryChooser *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  on_search_entry_search_changed (self->search_entry, self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));

  /* Start at the chosen country rather than at the top of the alphabet. */
  if (self->country != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GtkStringObject) item =
            g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

          if (g_str_equal (gtk_string_object_get_string (item), self->country))
            {
              gtk_single_selection_set_selected (self->selection, i);
              gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item",
                                          "u", i);
              break;
            }
        }
    }
}

static void
dial_country_chooser_finalize (GObject *object)
{
  DialCountryChooser *self = DIAL_COUNTRY_CHOOSER (object);

  g_clear_pointer (&self->country, g_free);

  G_OBJECT_CLASS (dial_country_chooser_parent_class)->finalize (object);
}

static void
dial_country_chooser_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  DialCountryChooser *self = DIAL_COUNTRY_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_COUNTRY:
      g_value_set_string (value, self->country);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_country_chooser_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  DialCountryChooser *self = DIAL_COUNTRY_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_COUNTRY:
      dial_country_chooser_set_country (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_country_chooser_class_init (DialCountryChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dial_country_chooser_finalize;
  object_class->get_property = dial_country_chooser_get_property;
  object_class->set_property = dial_country_chooser_set_property;

  properties[PROP_COUNTRY] =
    g_param_spec_string ("country", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dial-country-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, DialCountryChooser, button);
  gtk_widget_class_bind_template_child (widget_class, DialCountryChooser, popover);
  gtk_widget_class_bind_template_child (widget_class, DialCountryChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DialCountryChooser, list_stack);
  gtk_widget_class_bind_template_child (widget_class, DialCountryChooser, list_view);
  gtk_widget_class_bind_template_child (widget_class, DialCountryChooser, selection);
  gtk_widget_class_bind_template_child (widget_class, DialCountryChooser, filter_model);
  gtk_widget_class_bind_template_child (widget_class, DialCountryChooser, filter);
  gtk_widget_class_bind_template_child (widget_class, DialCountryChooser, flag_label);
  gtk_widget_class_bind_template_child (widget_class, DialCountryChooser, name_label);
  gtk_widget_class_bind_template_callback (widget_class, country_flag);
  gtk_widget_class_bind_template_callback (widget_class, country_name);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show);
}

static void
dial_country_chooser_init (DialCountryChooser *self)
{
  g_autoptr(GtkStringList) codes = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  codes = gtk_string_list_new ((const char * const *) dial_country_list_codes ());
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (codes));
  gtk_custom_filter_set_filter_func (self->filter, country_matches, self, NULL);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->popover));

  update_button (self);
}

GtkWidget *
dial_country_chooser_new (void)
{
  return g_object_new (DIAL_TYPE_COUNTRY_CHOOSER, NULL);
}

const char *
dial_country_chooser_get_country (DialCountryChooser *self)
{
  g_return_val_if_fail (DIAL_IS_COUNTRY_CHOOSER (self), NULL);

  return self->country;
}

void
dial_country_chooser_set_country (DialCountryChooser *self,
                                  const char         *country)
{
  g_return_if_fail (DIAL_IS_COUNTRY_CHOOSER (self));

  if (country != NULL && !dial_country_is_known (country))
    country = NULL;

  if (g_strcmp0 (country, self->country) == 0)
    return;

  g_free (self->country);
  self->country = g_strdup (country);
  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRY]);
}

void
dial_country_chooser_popup (DialCountryChooser *self)
{
  g_return_if_fail (DIAL_IS_COUNTRY_CHOOSER (self));

  gtk_menu_button_popup (self->button);
}
