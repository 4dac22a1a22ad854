/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dial-accounts.h"
#include "dial-demo.h"


G_BEGIN_DECLS

#define DIAL_TYPE_APPLICATION (dial_application_get_type ())
G_DECLARE_FINAL_TYPE (DialApplication, dial_application, DIAL, APPLICATION, AdwApplication)

/*
 * DialApplication: one instance per session (a second launch raises the window; with --demo
 * it also switches to the demo). Owns what outlives a window: the settings, the accounts
 * (the keyring) and the demo sandbox.
 */
DialApplication *dial_application_new          (void);
GSettings       *dial_application_get_settings (DialApplication *self);
DialAccounts    *dial_application_get_accounts (DialApplication *self);
DialDemo        *dial_application_get_demo     (DialApplication *self);

G_END_DECLS
