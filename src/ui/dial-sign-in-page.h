/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dial-accounts.h"
#include "dial-client.h"

G_BEGIN_DECLS

#define DIAL_TYPE_SIGN_IN_PAGE (dial_sign_in_page_get_type ())
G_DECLARE_FINAL_TYPE (DialSignInPage, dial_sign_in_page, DIAL, SIGN_IN_PAGE, AdwBin)

/*
 * DialSignInPage: the sign-in form (API key, API secret, optional name). "Sign In" tries the
 * credentials against the API (get balance) at "base-url" and only then stores them with
 * "accounts"; then it emits "signed-in" (DialAccount *account, DialClient *client,
 * gint64 balance, GError *keyring_error) and clears the form. keyring_error (nullable) says
 * why the keyring could not keep the account (it is then session-only). A failure is explained
 * in the form, which keeps what was typed.
 * Properties: "accounts" (DialAccounts*), "base-url" (string, NULL: the default),
 * "busy" (boolean, read-only: checking the credentials).
 */
DialSignInPage *dial_sign_in_page_new          (void);
void            dial_sign_in_page_set_accounts (DialSignInPage *self,
                                                DialAccounts   *accounts);
void            dial_sign_in_page_set_base_url (DialSignInPage *self,
                                                const char     *base_url);
gboolean        dial_sign_in_page_get_busy     (DialSignInPage *self);
/* Empties the form, hides any error and stops a check in progress. */
void            dial_sign_in_page_reset        (DialSignInPage *self);
/* Puts the keyboard focus in the first field that needs typing. */
void            dial_sign_in_page_focus        (DialSignInPage *self);

G_END_DECLS
