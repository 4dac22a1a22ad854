/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "dial-number.h"

G_BEGIN_DECLS

#define DIAL_TYPE_NUMBER_ROW (dial_number_row_get_type ())
G_DECLARE_FINAL_TYPE (DialNumberRow, dial_number_row, DIAL, NUMBER_ROW, GObject)

/*
 * DialNumberRow: one row of the My Numbers list, a stable object whose "number" changes when
 * the filter or the sort order puts another number at its place. Because the row object stays,
 * GTK keeps its widgets and only their text changes (see DialNumberRows).
 */
DialNumberRow *dial_number_row_new        (DialNumber    *number);
DialNumber    *dial_number_row_get_number (DialNumberRow *self);
void           dial_number_row_set_number (DialNumberRow *self,
                                           DialNumber    *number);

G_END_DECLS
