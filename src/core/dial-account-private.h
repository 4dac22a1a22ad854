/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dial-accounts.h"

G_BEGIN_DECLS

/* DialAccounts reads and writes these directly. */
struct _DialAccount
{
  GObject   parent_instance;

  char     *api_key;
  char     *name;
  /* Only for session-only accounts: the secret, in this process's memory and nowhere else.
   * Never a property, never logged; wiped when the account goes. */
  char     *secret;
  gboolean  session_only;
};

/* An account is immutable: a changed name or secret makes a new account object. An empty or
 * NULL @name means the API key. @session_secret NULL: stored in the keyring; otherwise a
 * session-only account that keeps a copy of it. */
DialAccount *dial_account_new (const char *api_key,
                               const char *name,
                               const char *session_secret);

G_END_DECLS
