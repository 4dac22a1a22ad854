/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dial-number-details.h"
#include "dial-numbers-page.h"
#include "dial-owned-list.h"

G_BEGIN_DECLS

/* For the tests and the benchmark: the parts of the page they look at. Widgets of the template
 * are reached with gtk_widget_get_template_child (page, DIAL_TYPE_NUMBERS_PAGE, "id"). */

/* Everything loaded (NULL without a client). */
DialOwnedList     *dial_numbers_page_get_owned       (DialNumbersPage *self);
/* What the column view shows: sorted and locally filtered. */
GListModel        *dial_numbers_page_get_shown       (DialNumbersPage *self);
DialNumberDetails *dial_numbers_page_get_details     (DialNumbersPage *self);
/* "loading", "empty", "error" or "list". */
const char        *dial_numbers_page_get_state       (DialNumbersPage *self);
/* Whether the details pane is open. */
gboolean           dial_numbers_page_get_details_open (DialNumbersPage *self);
/* What numbers.export does once the user picked @file. */
void               dial_numbers_page_export_to_file  (DialNumbersPage *self,
                                                      GFile           *file);

G_END_DECLS
