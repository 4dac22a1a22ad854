/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-number-cell"

#include "config.h"

#include "dial-number-cell.h"
#include "dial-number-row.h"

typedef struct
{
  DialNumberCellText     text;
  GtkInscriptionOverflow overflow;
  gboolean               numeric;
} CellKind;

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
dial_number_cell_factory_new (DialNumberCellText     text,
                              GtkInscriptionOverflow overflow,
                              gboolean               numeric)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  CellKind *kind = g_new0 (CellKind, 1);

  g_return_val_if_fail (text != NULL, NULL);

  if (cell_kind_quark == 0)
    cell_kind_quark = g_quark_from_static_string ("dial-number-cell-kind");

  kind->text = text;
  kind->overflow = overflow;
  kind->numeric = numeric;
  g_object_set_data_full (G_OBJECT (factory), "dial-number-cell-kind", kind, g_free);
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup), kind);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind), NULL);
  return factory;
}
