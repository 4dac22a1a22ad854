/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dial-number-row.h"

G_BEGIN_DECLS

#define DIAL_TYPE_NUMBER_ROWS (dial_number_rows_get_type ())
G_DECLARE_FINAL_TYPE (DialNumberRows, dial_number_rows, DIAL, NUMBER_ROWS, GObject)

/*
 * DialNumberRows: the rows the column view shows for "model" (a GListModel of DialNumber): a
 * GListModel of DialNumberRow, one per position, where the row at position i always shows the
 * number at position i of the model.
 *
 * Why: GTK 4.8's list views keep widgets for about 200 rows and, on items-changed, destroy the
 * widgets of removed items and build new ones for added items — with seven columns, 1,400 cells
 * at every keystroke of the filter. Here a change of the model moves numbers between the same row
 * objects (only labels change) and only a change in the number of rows is an items-changed, at
 * the end. The rows on screen change at once; the ones GTK keeps off screen follow a chunk per
 * frame (see dial_number_rows_set_frame_clock()), and so do many rows coming back near the top,
 * so that no frame lays out hundreds of rows. Read the numbers themselves from "model", not
 * from the rows.
 */
DialNumberRows *dial_number_rows_new        (GListModel     *model);
GListModel     *dial_number_rows_get_model  (DialNumberRows *self);
void            dial_number_rows_set_model  (DialNumberRows *self,
                                             GListModel     *model);
/* Adds the rows that are still waiting, up to @n_items (at once). */
void            dial_number_rows_ensure     (DialNumberRows *self,
                                             guint           n_items);
/* Whether rows are still waiting to be added or to show their new number. */
gboolean        dial_number_rows_get_pending (DialNumberRows *self);
/* The rows on screen (from the scroll position): after a change, these show their new number
 * at once, the others (off screen) a chunk at a time. By default the first 24. */
void            dial_number_rows_set_visible (DialNumberRows *self,
                                              guint           first,
                                              guint           n_visible);

/* The frame clock of the view, or NULL: with one, waiting rows are added and refreshed a
 * chunk per frame, so that no frame lays out more than a chunk's widgets; without, a chunk per
 * main-loop iteration. */
void            dial_number_rows_set_frame_clock (DialNumberRows *self,
                                                  GdkFrameClock  *frame_clock);

G_END_DECLS
