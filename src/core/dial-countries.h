/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Countries from iso-codes (ISO 3166-1), names translated through the "iso_3166-1" gettext
 * domain. Loaded once, lazily, from iso-codes' JSON.
 */

/* TRUE if @alpha2 (upper case) is an ISO 3166-1 alpha-2 code. */
gboolean      dial_country_is_known    (const char *alpha2);
/* The country's name in the user's language ("Germany", "Deutschland"); NULL if unknown. */
const char   *dial_country_get_name    (const char *alpha2);
/* The flag emoji built from the regional indicator symbols; newly allocated. */
char         *dial_country_get_flag    (const char *alpha2);
/* All alpha-2 codes, sorted by translated name (collated for the locale). Owned by the module. */
const char * const *dial_country_list_codes (void);

G_END_DECLS
