/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * CSV export of a list of numbers (what the My Numbers page shows), RFC 4180: a header row,
 * fields with commas, quotes or line breaks quoted with quotes doubled, CRLF line ends, UTF-8.
 */

/* @numbers: a GListModel of DialNumber. */
GBytes   *dial_numbers_export_csv         (GListModel          *numbers);
/* Writes dial_numbers_export_csv() of @numbers to @file (replacing it) without blocking. */
void      dial_numbers_export_save_async  (GListModel          *numbers,
                                           GFile               *file,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean  dial_numbers_export_save_finish (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
