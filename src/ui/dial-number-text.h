/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dial-number.h"

G_BEGIN_DECLS

/*
 * How the My Numbers page words a number and its failures; shared by the page, the details
 * pane and the CSV export.
 */

/* The number in international format with its digits grouped ("+44 7700 900123"). */
char       *dial_number_text_format          (DialNumber  *number);
/* "🇬🇧 United Kingdom" (the flag and the name in the user's language); the code if unknown. */
char       *dial_number_text_country         (const char  *country);
/* "SIP URI", "Phone number", "Application", the raw type for unknown ones, "" for none. */
const char *dial_number_text_voice_type      (DialNumber  *number);
/* The voice destination for a list cell: the value, a phone number formatted. */
char       *dial_number_text_voice_destination (DialNumber *number);
/* "@task: explanation" for a failure of @task (a translated sentence naming the number), with
 * Vonage's own words added where it gave any. Never called for G_IO_ERROR_CANCELLED. */
char       *dial_number_text_describe_error  (const char   *task,
                                              const GError *error);

G_END_DECLS
