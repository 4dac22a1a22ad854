/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dial-types.h"

G_BEGIN_DECLS

/*
 * Display formatting in one place, used by every page.
 */

/* Parses a decimal string ("1.25", "10.17127500", "-3") exactly; FALSE if it is not one or has
 * more than 8 decimals. */
gboolean  dial_money_parse          (const char *text,
                                     DialMoney  *out_value);
/* From a JSON number (json-glib hands them over as doubles), rounded to the nearest 1e-8 EUR:
 * exact for every amount with at most 8 decimals below 10^7 EUR. FALSE if not finite or out of
 * range. */
gboolean  dial_money_from_double    (double      value,
                                     DialMoney  *out_value);
/* The canonical decimal string ("1.25"), for sending and storing. */
char     *dial_money_to_string      (DialMoney   value);
/* EUR for the user's locale through ICU (e.g. "€1.25", "1,25 €"); 2 decimals unless more are
 * needed to show a non-zero amount below one cent. */
char     *dial_format_money         (DialMoney   value);
/* Same for an explicit locale (ICU or POSIX id: "de_DE", "fr_FR.UTF-8"; "C" gives English). */
char     *dial_format_money_for_locale (DialMoney   value,
                                        const char *locale);
/* Same, from a decimal string as the API sends it; NULL text or garbage gives NULL. */
char     *dial_format_money_string  (const char *decimal);

/* "+447700900123" for now (refined later to the national grouping). */
char     *dial_format_msisdn        (const char *msisdn);
/* "+44 7700 900123": the country calling code, then the national number in groups the way the
 * country writes them (common patterns for the most used countries, groups of 3-4 digits
 * elsewhere). @country (alpha-2, nullable) picks the calling code; without it, it is read from
 * the number. Falls back to dial_format_msisdn()'s "+DIGITS" for what it does not recognise.
 * (dial-format-phone.c) */
char     *dial_format_msisdn_grouped (const char *msisdn,
                                      const char *country);

/* "Landline", "Mobile", "Toll-free", or the raw string for unknown types; translated. */
const char *dial_format_number_type (DialNumberType type,
                                     const char    *raw);
/* "SMS, Voice, MMS" (translated, in this order); "" for none. */
char     *dial_format_features      (DialFeatures features);

G_END_DECLS
