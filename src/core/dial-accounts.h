/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dial-types.h"

G_BEGIN_DECLS

#define DIAL_ACCOUNT_SCHEMA_NAME "io.github.dialtone.Dialtone.Account"
#define DIAL_ACCOUNT_ATTR_API_KEY "api-key"
#define DIAL_ACCOUNT_ATTR_NAME    "account-name"

/*
 * DialAccount: a stored (or session-only) account: API key and display name. The secret is never
 * a property; it is fetched with dial_accounts_lookup_secret_async when needed.
 */
typedef struct _DialAccount DialAccount;
#define DIAL_TYPE_ACCOUNT (dial_account_get_type ())
G_DECLARE_FINAL_TYPE (DialAccount, dial_account, DIAL, ACCOUNT, GObject)
const char *dial_account_get_api_key (DialAccount *self);
const char *dial_account_get_name    (DialAccount *self);
/* TRUE when the keyring could not keep it: held in memory until Dialtone quits. */
gboolean    dial_account_get_session_only (DialAccount *self);

/*
 * DialAccounts: the one secrets module. Every call is async, takes a cancellable and has its
 * own time limit (a keyring that does not answer fails with G_IO_ERROR_TIMED_OUT rather than
 * freezing anything). Keyring failures are returned as errors for the UI to show.
 * A GListModel of DialAccount (the stored ones, plus session-only ones), sorted by name.
 *
 * Errors are in G_IO_ERROR with a translated message to show as it is (it says what failed and
 * why): G_IO_ERROR_NOT_SUPPORTED no keyring service; G_IO_ERROR_PERMISSION_DENIED the keyring
 * is locked (and could not be unlocked); G_IO_ERROR_TIMED_OUT no answer within the time limit;
 * G_IO_ERROR_NOT_FOUND (lookup) the item is gone; G_IO_ERROR_FAILED the keyring refused;
 * G_IO_ERROR_CANCELLED the caller's cancellable (never shown).
 */
#define DIAL_TYPE_ACCOUNTS (dial_accounts_get_type ())
G_DECLARE_FINAL_TYPE (DialAccounts, dial_accounts, DIAL, ACCOUNTS, GObject)

DialAccounts *dial_accounts_new                   (void);
/* Milliseconds each keyring call may take (default 5000). */
void          dial_accounts_set_timeout           (DialAccounts        *self,
                                                   guint                msec);
/* Milliseconds a call may take instead when it has to unlock the keyring, which shows the
 * keyring's own password prompt (default 120000). Where no prompt can be shown, the keyring
 * refuses at once: the call fails as "locked". A call that gives up (time limit, cancellable)
 * while the prompt may be showing leaves the prompt up for the person to answer or close:
 * closing it from here crashes gnome-keyring-daemon 42. Listing (load) never prompts. */
void          dial_accounts_set_prompt_timeout    (DialAccounts        *self,
                                                   guint                msec);
/* Reads the stored accounts (attributes only, never the secrets) into the model. */
void          dial_accounts_load_async            (DialAccounts        *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean      dial_accounts_load_finish           (DialAccounts        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* Whether a load has succeeded (the model holds what the keyring had then). */
gboolean      dial_accounts_get_loaded            (DialAccounts        *self);
/* Stores (or replaces) the account; on failure the account is still added, session-only,
 * and the error says why it could not be kept. Returns the account either way (transfer full;
 * NULL only when cancelled). An empty or NULL @name means the API key. */
void          dial_accounts_store_async           (DialAccounts        *self,
                                                   const char          *api_key,
                                                   const char          *api_secret,
                                                   const char          *name,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
DialAccount  *dial_accounts_store_finish          (DialAccounts        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* The secret for @account (from memory for session-only accounts). Free the result with
 * secret_password_free() (it wipes the memory) or g_free(). */
void          dial_accounts_lookup_secret_async   (DialAccounts        *self,
                                                   DialAccount         *account,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
char         *dial_accounts_lookup_secret_finish  (DialAccounts        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* The same, but never asks to unlock the keyring: a locked secret fails at once (the same
 * G_IO_ERROR_PERMISSION_DENIED as when no prompt can be shown). For reading ahead, before
 * anything is on screen. Finish with dial_accounts_lookup_secret_finish(). */
void          dial_accounts_lookup_secret_quietly_async (DialAccounts        *self,
                                                         DialAccount         *account,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
/* Deletes the keyring item and removes the account from the model. */
void          dial_accounts_forget_async          (DialAccounts        *self,
                                                   DialAccount         *account,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean      dial_accounts_forget_finish         (DialAccounts        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* (transfer none) The account with @api_key in the model, or NULL. */
DialAccount  *dial_accounts_find                  (DialAccounts        *self,
                                                   const char          *api_key);

/* The last used account, kept as its API key (never the secret) in @settings' "last-account"
 * key (schema io.github.dialtone.Dialtone). @account NULL clears it. */
void          dial_accounts_remember_last         (DialAccounts        *self,
                                                   GSettings           *settings,
                                                   DialAccount         *account);
/* (transfer none) The account "last-account" names, if it is in the model (after a load). */
DialAccount  *dial_accounts_find_last             (DialAccounts        *self,
                                                   GSettings           *settings);

G_END_DECLS
