/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dial-client.h"

G_BEGIN_DECLS

#define DIAL_TYPE_OWNED_LIST (dial_owned_list_get_type ())
G_DECLARE_FINAL_TYPE (DialOwnedList, dial_owned_list, DIAL, OWNED_LIST, GObject)

/*
 * DialOwnedList: a GListModel of DialNumber holding every owned number that matches a query,
 * loaded page by page in the background: the first page at once, the rest in parallel up to the
 * client's in-flight limit, one items-changed per page, in API order.
 * Properties: "client", "loading" (bool), "n-loaded" (uint), "total" (uint, the API's count),
 * "error" (GError boxed, nullable: the last failure). A cancellable is cancelled in dispose and
 * on every reload.
 */
DialOwnedList *dial_owned_list_new          (DialClient           *client);
/* Starts (or restarts, dropping what was loaded) loading with @query (nullable: everything). */
void           dial_owned_list_load         (DialOwnedList        *self,
                                             const DialOwnedQuery *query);
gboolean       dial_owned_list_get_loading  (DialOwnedList        *self);
guint          dial_owned_list_get_n_loaded (DialOwnedList        *self);
guint          dial_owned_list_get_total    (DialOwnedList        *self);
const GError  *dial_owned_list_get_error    (DialOwnedList        *self);
/* After a purchase, cancel or update elsewhere: without a reload. */
void           dial_owned_list_add          (DialOwnedList        *self,
                                             DialNumber           *number);
gboolean       dial_owned_list_remove       (DialOwnedList        *self,
                                             const char           *msisdn);
DialNumber    *dial_owned_list_find         (DialOwnedList        *self,
                                             const char           *msisdn,
                                             guint                *out_position);

G_END_DECLS
