/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-number-cell"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dial-countries.h"
#include "dial-format.h"
#include "dial-number-cell.h"
#include "dial-number-row.h"
#include "dial-number-text.h"

/* Sort keys: closures of the sorters' expressions (the first argument is the expression's
 * "this"). The cells show the same text where there is one. */

static char *
country_sort_text (gpointer    this,
                   const char *country)
{
  const char *name = country != NULL ? dial_country_get_name (country) : NULL;

  return g_strdup (name != NULL ? name : country);
}

static char *
type_cell_text (gpointer        this,
                DialNumberType  type,
                const char     *raw)
{
  return g_strdup (dial_format_number_type (type, raw));
}

static char *
features_cell_text (gpointer     this,
                    DialFeatures features)
{
  return dial_format_features (features);
}

static char *
voice_cell_text (gpointer               this,
                 DialVoiceCallbackType  type,
                 const char            *value)
{
  if (value == NULL || *value == '\0')
    return g_strdup ("");

  switch (type)
    {
    case DIAL_VOICE_CALLBACK_NONE:
      return g_strdup ("");
    case DIAL_VOICE_CALLBACK_TEL:
      return dial_format_msisdn_grouped (value, NULL);
    case DIAL_VOICE_CALLBACK_APP:
      /* Translators: a voice destination in the list: an application and its ID */
      return g_strdup_printf (_("Application %s"), value);
    case DIAL_VOICE_CALLBACK_SIP:
    case DIAL_VOICE_CALLBACK_UNKNOWN:
    default:
      return g_strdup (value);
    }
}

void
dial_number_cell_bind_sort_keys (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, country_sort_text);
  gtk_widget_class_bind_template_callback (widget_class, type_cell_text);
  gtk_widget_class_bind_template_callback (widget_class, features_cell_text);
  gtk_widget_class_bind_template_callback (widget_class, voice_cell_text);
}

/* The cells' texts, for a number (never NULL). */

static char *
number_text (DialNumber *number)
{
  return dial_number_text_format (number);
}

static char *
country_text (DialNumber *number)
{
  return dial_number_text_country (dial_number_get_country (number));
}

static char *
type_text (DialNumber *number)
{
  return type_cell_text (NULL, dial_number_get_number_type (number),
                         dial_number_get_type_string (number));
}

static char *
features_text (DialNumber *number)
{
  return dial_format_features (dial_number_get_features (number));
}

static char *
webhook_text (DialNumber *number)
{
  return g_strdup (dial_number_get_mo_http_url (number));
}

static char *
voice_text (DialNumber *number)
{
  return voice_cell_text (NULL, dial_number_get_voice_callback_type (number),
                          dial_number_get_voice_callback_value (number));
}

static char *
app_text (DialNumber *number)
{
  return g_strdup (dial_number_get_app_id (number));
}

typedef struct
{
  char                   *(*text) (DialNumber *number);
  GtkInscriptionOverflow  overflow;
  gboolean                numeric;
} CellKind;

static const CellKind cell_kinds[] = {
  [DIAL_NUMBER_COLUMN_NUMBER] = { number_text, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END, TRUE },
  [DIAL_NUMBER_COLUMN_COUNTRY] = { country_text, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END, FALSE },
  [DIAL_NUMBER_COLUMN_TYPE] = { type_text, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END, FALSE },
  [DIAL_NUMBER_COLUMN_FEATURES] = { features_text, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END, FALSE },
  [DIAL_NUMBER_COLUMN_WEBHOOK] = { webhook_text, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_MIDDLE, FALSE },
  [DIAL_NUMBER_COLUMN_VOICE] = { voice_text, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_MIDDLE, FALSE },
  [DIAL_NUMBER_COLUMN_APP] = { app_text, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_MIDDLE, TRUE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (cell_kinds) == DIAL_NUMBER_N_COLUMNS);

static GQuark cell_kind_quark;

static void
update_cell (DialNumberRow *row,
             GParamSpec    *pspec,
             GtkListItem   *item)
{
  const CellKind *kind = g_object_get_qdata (G_OBJECT (item), cell_kind_quark);
  DialNumber *number = dial_number_row_get_number (row);
  g_autofree char *text = number != NULL ? kind->text (number) : NULL;

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text);
}

static void
on_setup (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          const CellKind           *kind)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription), kind->overflow);
  if (kind->numeric)
    gtk_widget_add_css_class (inscription, "numeric");
  g_object_set_qdata (G_OBJECT (item), cell_kind_quark, (gpointer) kind);
  gtk_list_item_set_child (item, inscription);
}

static void
on_bind (GtkSignalListItemFactory *factory,
         GtkListItem              *item)
{
  DialNumberRow *row = gtk_list_item_get_item (item);

  g_signal_connect (row, "notify::number", G_CALLBACK (update_cell), item);
  update_cell (row, NULL, item);
}

static void
on_unbind (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  DialNumberRow *row = gtk_list_item_get_item (item);

  g_signal_handlers_disconnect_by_func (row, update_cell, item);
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), NULL);
}

GtkListItemFactory *
dial_number_cell_factory_new (DialNumberColumn column)
{
  GtkListItemFactory *factory;

  g_return_val_if_fail (column < DIAL_NUMBER_N_COLUMNS, NULL);

  if (cell_kind_quark == 0)
    cell_kind_quark = g_quark_from_static_string ("dial-number-cell-kind");

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup), (gpointer) &cell_kinds[column]);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind), NULL);
  return factory;
}
