/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The columns of the My Numbers list. */
typedef enum {
  DIAL_NUMBER_COLUMN_NUMBER,
  DIAL_NUMBER_COLUMN_COUNTRY,
  DIAL_NUMBER_COLUMN_TYPE,
  DIAL_NUMBER_COLUMN_FEATURES,
  DIAL_NUMBER_COLUMN_WEBHOOK,
  DIAL_NUMBER_COLUMN_VOICE,
  DIAL_NUMBER_COLUMN_APP,
  DIAL_NUMBER_N_COLUMNS
} DialNumberColumn;

/*
 * The cells of one column: each is a GtkInscription showing the column's text for the
 * DialNumberRow it is bound to, and follows the row when it changes its number (or its number
 * changes). Plain C, not a GtkBuilderListItemFactory: a cell is made without parsing a
 * template, and a row's change costs one call per cell, not an expression watch per property.
 */
GtkListItemFactory *dial_number_cell_factory_new    (DialNumberColumn  column);

/* Binds the columns' sort keys, closures of the sorters in @widget_class's template:
 * country_sort_text (country), type_cell_text (number-type, type-string),
 * features_cell_text (features) and voice_cell_text (voice-callback-type and -value). */
void                dial_number_cell_bind_sort_keys (GtkWidgetClass   *widget_class);

G_END_DECLS
