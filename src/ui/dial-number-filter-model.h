/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dial-number.h"

G_BEGIN_DECLS

#define DIAL_TYPE_NUMBER_FILTER_MODEL (dial_number_filter_model_get_type ())
G_DECLARE_FINAL_TYPE (DialNumberFilterModel, dial_number_filter_model,
                      DIAL, NUMBER_FILTER_MODEL, GObject)

/*
 * DialNumberFilterModel: the numbers of "model" (a GListModel of DialNumber) that match "query",
 * in the same order. Built for instant filtering of 10,000 rows: each number's search text
 * (digits, country name, webhooks; case-folded) is computed once when it arrives, matches are
 * kept in a GtkBitset, and a new query emits only the items-changed that the difference needs.
 *
 * A query matches when every word of it is found: a word made of phone-number characters
 * ("+44", "7700-900") by its digits anywhere in the number; any word anywhere in the country's
 * name (in the user's language), the SMS webhook or the voice status webhook.
 */
DialNumberFilterModel *dial_number_filter_model_new       (GListModel            *model);
GListModel            *dial_number_filter_model_get_model (DialNumberFilterModel *self);
void                   dial_number_filter_model_set_model (DialNumberFilterModel *self,
                                                           GListModel            *model);
const char            *dial_number_filter_model_get_query (DialNumberFilterModel *self);
void                   dial_number_filter_model_set_query (DialNumberFilterModel *self,
                                                           const char            *query);
/* Re-reads the search text of @number (after its configuration changed). Whether it still
 * matches is decided at the next query change, so an edited row does not vanish under the
 * user's pointer. */
void                   dial_number_filter_model_refresh   (DialNumberFilterModel *self,
                                                           DialNumber            *number);
/* Position of @number in this model, or GTK_INVALID_LIST_POSITION when it is not shown. */
guint                  dial_number_filter_model_find      (DialNumberFilterModel *self,
                                                           DialNumber            *number);
/* Position in the source model of the item at @position. */
guint                  dial_number_filter_model_get_source_position (DialNumberFilterModel *self,
                                                                     guint position);
/* Position in this model of the source item at @source_position, or GTK_INVALID_LIST_POSITION
 * when it does not match. */
guint                  dial_number_filter_model_find_source_position (DialNumberFilterModel *self,
                                                                      guint source_position);

G_END_DECLS
