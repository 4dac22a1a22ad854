/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dial-client.h"
#include "dial-number.h"

G_BEGIN_DECLS

#define DIAL_TYPE_NUMBER_DETAILS (dial_number_details_get_type ())
G_DECLARE_FINAL_TYPE (DialNumberDetails, dial_number_details, DIAL, NUMBER_DETAILS, AdwBin)

/*
 * DialNumberDetails: every setting of one owned number, as a form that changes them (read,
 * change, write through DialNumberConfig, so nothing the user did not touch is lost). Values
 * are checked as the user types; "Check" calls the SMS webhook the way Vonage will; edits that
 * were not saved are kept per number when another number is shown. Lives inside the My Numbers
 * page and uses its actions (numbers.copy, numbers.close-details, numbers.cancel).
 * Properties: "client", "number" (nullable), "dirty" (read-only: unsaved edits),
 * "busy" (read-only: saving or checking).
 * Signal "saved" (DialNumber *): the number's new configuration was saved and applied.
 */
GtkWidget   *dial_number_details_new        (void);
DialClient  *dial_number_details_get_client (DialNumberDetails *self);
void         dial_number_details_set_client (DialNumberDetails *self,
                                             DialClient        *client);
DialNumber  *dial_number_details_get_number (DialNumberDetails *self);
void         dial_number_details_set_number (DialNumberDetails *self,
                                             DialNumber        *number);
gboolean     dial_number_details_get_dirty  (DialNumberDetails *self);
gboolean     dial_number_details_get_busy   (DialNumberDetails *self);
/* Moves the keyboard focus to the first field of the form. */
void         dial_number_details_focus_form (DialNumberDetails *self);

G_END_DECLS
