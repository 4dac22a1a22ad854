/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dial-accounts.h"
#include "dial-client.h"
#include "dial-demo.h"


G_BEGIN_DECLS

#define DIAL_TYPE_APPLICATION (dial_application_get_type ())
G_DECLARE_FINAL_TYPE (DialApplication, dial_application, DIAL, APPLICATION, AdwApplication)

/*
 * DialApplication: one instance per session (a second launch raises the window; with --demo
 * it also switches to the demo). Owns what outlives a window: the settings, the accounts
 * (the keyring) and the demo sandbox.
 *
 * At start, before it builds the window, it reads the last used account's secret from the
 * keyring (for at most DIAL_APPLICATION_READ_AHEAD_MS, and never asking to unlock it) and asks
 * for the first page of its numbers: the window is built while they are on their way, and
 * opens on the account. A keyring that is slower, locked or failing gets the window at once,
 * which opens the account itself (and says what went wrong).
 */
#define DIAL_APPLICATION_READ_AHEAD_MS 250
DialApplication *dial_application_new          (void);
GSettings       *dial_application_get_settings (DialApplication *self);
DialAccounts    *dial_application_get_accounts (DialApplication *self);
DialDemo        *dial_application_get_demo     (DialApplication *self);
/* A client for a real account, at the API address of the preferences. */
DialClient      *dial_application_new_client   (DialApplication *self,
                                                const char      *api_key,
                                                const char      *api_secret,
                                                GError         **error);
/* How long the start waits for the keyring (DIAL_APPLICATION_READ_AHEAD_MS unless set): tests
 * that must see the read-ahead succeed on a busy machine give it longer. */
void             dial_application_set_read_ahead_limit (DialApplication *self,
                                                        guint            msec);

G_END_DECLS
