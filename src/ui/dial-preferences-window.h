/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DIAL_TYPE_PREFERENCES_WINDOW (dial_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (DialPreferencesWindow, dial_preferences_window, DIAL, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* The preferences: the low-balance threshold and the API address (https unless loopback). */
DialPreferencesWindow *dial_preferences_window_new (GSettings *settings);

G_END_DECLS
