/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DIAL_TYPE_COUNTRY_CHOOSER (dial_country_chooser_get_type ())
G_DECLARE_FINAL_TYPE (DialCountryChooser, dial_country_chooser, DIAL, COUNTRY_CHOOSER, AdwBin)

/*
 * DialCountryChooser: a button that opens a searchable list of the ISO 3166-1 countries, with
 * their flags and their names in the user's language (dial-countries.h). Typing filters by
 * name (accents and case ignored) or by code; Enter picks the first match.
 * Property "country": the chosen alpha-2 code, or NULL.
 */
GtkWidget  *dial_country_chooser_new         (void);
const char *dial_country_chooser_get_country (DialCountryChooser *self);
/* NULL or an unknown code chooses nothing. */
void        dial_country_chooser_set_country (DialCountryChooser *self,
                                              const char         *country);
/* Opens the list with the search entry focused. */
void        dial_country_chooser_popup       (DialCountryChooser *self);

G_END_DECLS
