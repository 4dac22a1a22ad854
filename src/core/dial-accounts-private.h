/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dial-accounts.h"

G_BEGIN_DECLS

struct _DialAccounts
{
  GObject    parent_instance;

  GPtrArray *accounts; /* DialAccount, sorted by name, ignoring case (then API key) */
  guint      timeout_msec;
  guint      prompt_timeout_msec;
  gboolean   loaded;   /* a load has succeeded */
};

/*
 * Keyring calls. Each call's GTask completes at the first of: libsecret's answer, the time limit,
 * or the caller's cancellable. libsecret gets an internal cancellable that is cancelled in the
 * last two cases (except while a prompt may be showing: see call_give_up() in dial-accounts-call.c), so that it gives
 * up too; its late answer is then finished and dropped (the Call outlives the task until that
 * answer comes).
 */

typedef enum
{
  KEYRING_ACTION_LOAD,
  KEYRING_ACTION_STORE,
  KEYRING_ACTION_LOOKUP,
  KEYRING_ACTION_FORGET,
} KeyringAction;

typedef struct _Call Call;
typedef void (*CallStep) (Call *call);

struct _Call
{
  GTask         *task;  /* NULL once the task has completed */
  GCancellable  *cancellable;
  GSource       *timeout_source;
  GSource       *cancel_source;
  KeyringAction  action;
  CallStep       start; /* the first libsecret call, once the bus is there */
  gboolean       may_prompt; /* the keyring may be showing its unlock prompt */
};

typedef struct
{
  char        *api_key;
  char        *name;
  char        *secret;
  DialAccount *account; /* store: the result, also on failure */
  gboolean     no_prompt; /* lookup: a locked item is an error at once, no unlock prompt */
} CallData;

/* A keyring call for @task (source object: a DialAccounts), with its time limit running; NULL
 * (and the task completed) if the caller has already cancelled. */
Call  *dial_keyring_call_new                       (DialAccounts  *self,
                                                    GTask         *task,
                                                    KeyringAction  action);
/* Runs @start once the session bus is connected. */
void   dial_keyring_call_start                     (Call          *call,
                                                    CallStep       start);
/* For store and clear: finds out whether the default collection is locked (so that a call that
 * makes the keyring prompt gets the prompt's limit), then runs @next. */
void   dial_keyring_call_check_default_collection  (Call          *call,
                                                    CallStep       next);
/* (Re)starts the clock: the call fails @msec from now unless it is done. */
void   dial_keyring_call_set_limit                 (Call          *call,
                                                    guint          msec);
/* What comes next may wait on the keyring's unlock prompt: the prompt's limit applies. */
void   dial_keyring_call_allow_prompt              (Call          *call);
/* Ends the call with libsecret's or D-Bus's @error, in plain words (a failed store falls back to
 * a session-only account). */
void   dial_keyring_call_fail                      (Call          *call,
                                                    const GError  *error);
/* Hands the task over to the caller: the Call no longer owns it. */
GTask *dial_keyring_call_steal_task                (Call          *call);
/* Once libsecret has answered (the task is gone by then). */
void   dial_keyring_call_free                      (Call          *call);
void   dial_keyring_call_data_free                 (CallData      *data);

/* A store the keyring could not keep: the account is added session-only, and @task returns
 * @error. (In dial-accounts.c, beside the model.) */
void   dial_accounts_fall_back_to_session          (GTask         *task,
                                                    GError        *error);

G_END_DECLS
