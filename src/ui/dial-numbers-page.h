/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dial-client.h"

G_BEGIN_DECLS

#define DIAL_TYPE_NUMBERS_PAGE (dial_numbers_page_get_type ())
G_DECLARE_FINAL_TYPE (DialNumbersPage, dial_numbers_page, DIAL, NUMBERS_PAGE, AdwBin)

/*
 * DialNumbersPage: "My Numbers". Every owned number in a sortable column view, loaded page by
 * page in the background; an instant local filter and Vonage's own filters; the details and
 * settings of the selected number; cancelling, copying and CSV export. Works inside any window
 * with an AdwToastOverlay above it (TEAM-UI.md).
 * Property "client" (DialClient, nullable): setting it (re)loads the list; NULL clears it.
 */
DialNumbersPage *dial_numbers_page_new          (void);
DialClient      *dial_numbers_page_get_client   (DialNumbersPage *self);
void             dial_numbers_page_set_client   (DialNumbersPage *self,
                                                 DialClient      *client);
void             dial_numbers_page_reload       (DialNumbersPage *self);
/* Makes sure the number is in the list (looking it up when it is not loaded yet), selects it
 * and scrolls to it; with @edit, opens its settings with the keyboard focus in the form. */
void             dial_numbers_page_show_number  (DialNumbersPage *self,
                                                 const char      *country,
                                                 const char      *msisdn,
                                                 gboolean         edit);
void             dial_numbers_page_focus_filter (DialNumbersPage *self);

G_END_DECLS
