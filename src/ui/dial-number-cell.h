/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dial-number.h"

G_BEGIN_DECLS

/* The text of one column for @number, newly allocated (a row without a number shows none). */
typedef char *(*DialNumberCellText) (DialNumber *number);

/*
 * A factory for one column of the My Numbers list: each cell is a GtkInscription showing
 * text (number) for the DialNumberRow it is bound to, and follows the row when it changes its
 * number (or its number changes). Plain C, not a GtkBuilderListItemFactory: a cell is made
 * without parsing a template, and a row's change costs one call per cell, not an expression
 * watch per property.
 */
GtkListItemFactory *dial_number_cell_factory_new (DialNumberCellText     text,
                                                  GtkInscriptionOverflow overflow,
                                                  gboolean               numeric);

G_END_DECLS
