/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-accounts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "dial-accounts-private.h"

/* Keyring calls: their time limits, cancellation, and errors in plain words. */

void
dial_keyring_call_data_free (CallData *data)
{
  g_clear_pointer (&data->api_key, g_free);
  g_clear_pointer (&data->name, g_free);
  g_clear_pointer (&data->secret, secret_password_free);
  g_clear_object (&data->account);
  g_free (data);
}

static void
call_stop_sources (Call *call)
{
  if (call->timeout_source != NULL)
    {
      g_source_destroy (call->timeout_source);
      g_clear_pointer (&call->timeout_source, g_source_unref);
    }
  if (call->cancel_source != NULL)
    {
      g_source_destroy (call->cancel_source);
      g_clear_pointer (&call->cancel_source, g_source_unref);
    }
}

void
dial_keyring_call_free (Call *call)
{
  g_assert (call->task == NULL);
  g_assert (call->timeout_source == NULL && call->cancel_source == NULL);

  g_clear_object (&call->cancellable);
  g_free (call);
}

/* Hands the task over to the caller of call_return_*: the Call no longer owns it. */
GTask *
dial_keyring_call_steal_task (Call *call)
{
  call_stop_sources (call);
  return g_steal_pointer (&call->task);
}

static const char *
action_failure_text (KeyringAction action)
{
  switch (action)
    {
    case KEYRING_ACTION_LOAD:
      return _("The saved accounts could not be read from the keyring.");
    case KEYRING_ACTION_STORE:
      return _("The account could not be saved in the keyring.");
    case KEYRING_ACTION_LOOKUP:
      return _("The API secret could not be read from the keyring.");
    case KEYRING_ACTION_FORGET:
      return _("The account could not be removed from the keyring.");
    default:
      g_assert_not_reached ();
    }
}

/* Turns libsecret's or D-Bus's @error into a plain, translated one the UI can show as it is. */
static GError *
keyring_error (KeyringAction  action,
               const GError  *error)
{
  GIOErrorEnum code;
  const char *reason;

  g_debug ("Keyring call failed: %s (%s, %d)",
           error->message, g_quark_to_string (error->domain), error->code);

  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_EXEC_FAILED)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_CHILD_EXITED)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_FAILED)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    {
      code = G_IO_ERROR_NOT_SUPPORTED;
      reason = _("No keyring service is running on this computer.");
    }
  else if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    {
      code = G_IO_ERROR_PERMISSION_DENIED;
      reason = _("The keyring is locked.");
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Not ours (we stop waiting before cancelling): libsecret or GDBus gave up on something
       * another caller cancelled. A failure, not a silent cancellation. */
      code = G_IO_ERROR_FAILED;
      reason = _("The request to the keyring was interrupted. Try again.");
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)
           || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_TIMEOUT)
           || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NO_REPLY))
    {
      code = G_IO_ERROR_TIMED_OUT;
      reason = _("The keyring did not answer in time.");
    }
  else
    {
      code = G_IO_ERROR_FAILED;
      reason = _("The keyring refused the request.");
    }

  if (action == KEYRING_ACTION_STORE)
    return g_error_new (G_IO_ERROR, code, "%s %s %s", action_failure_text (action), reason,
                        _("You can use the account until you quit Dialtone."));

  return g_error_new (G_IO_ERROR, code, "%s %s", action_failure_text (action), reason);
}

static void
call_return_error (Call   *call,
                   GError *error)
{
  g_autoptr(GTask) task = dial_keyring_call_steal_task (call);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, error);
  else if (call->action == KEYRING_ACTION_STORE)
    dial_accounts_fall_back_to_session (task, error);
  else
    g_task_return_error (task, error);
}

/* Ends the call with libsecret's or D-Bus's @error, in plain words. */
void
dial_keyring_call_fail (Call         *call,
                        const GError *error)
{
  /* A cancellation we did not ask for, once the keyring may have prompted: the person
   * dismissed the unlock prompt, and the keyring stays locked. */
  if (call->may_prompt && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autoptr(GError) locked = g_error_new (SECRET_ERROR, SECRET_ERROR_IS_LOCKED,
                                              "Prompt dismissed: %s", error->message);

      call_return_error (call, keyring_error (call->action, locked));
      return;
    }

  call_return_error (call, keyring_error (call->action, error));
}

/* We stop waiting; libsecret should stop too. But not while the keyring may be showing its
 * unlock prompt: cancelling dismisses it, and dismissing an unlock prompt crashes
 * gnome-keyring-daemon 42.1 (gkd-secret-unlock.c: assertion '!self->current') and trips
 * libsecret 0.20.5. The prompt stays for the person to answer or close; the late answer is
 * dropped. */
static void
call_give_up (Call *call)
{
  if (!call->may_prompt)
    g_cancellable_cancel (call->cancellable);
}

static gboolean
on_call_timeout (gpointer user_data)
{
  Call *call = user_data;
  GTask *task = call->task;
  g_autoptr(GError) timeout = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "");

  g_assert (task != NULL);

  g_debug ("Keyring call %s timed out", g_task_get_name (task));
  call_give_up (call);
  dial_keyring_call_fail (call, timeout);

  return G_SOURCE_REMOVE;
}

static gboolean
on_caller_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  Call *call = user_data;

  g_assert (call->task != NULL);

  call_give_up (call);
  call_return_error (call, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                _("The operation was cancelled.")));

  return G_SOURCE_REMOVE;
}

/* (Re)starts the clock: the call fails @msec from now unless it is done. */
void
dial_keyring_call_set_limit (Call  *call,
                             guint  msec)
{
  g_assert (call->task != NULL);

  if (call->timeout_source != NULL)
    {
      g_source_destroy (call->timeout_source);
      g_clear_pointer (&call->timeout_source, g_source_unref);
    }

  call->timeout_source = g_timeout_source_new (msec);
  g_source_set_name (call->timeout_source, "[dialtone] keyring call time limit");
  g_source_set_callback (call->timeout_source, on_call_timeout, call, NULL);
  g_source_attach (call->timeout_source, g_task_get_context (call->task));
}

/* What comes next may wait on the keyring's unlock prompt: a person typing a password needs
 * more than the usual limit. Where no prompt can be shown, the keyring says so at once. */
void
dial_keyring_call_allow_prompt (Call *call)
{
  DialAccounts *self = g_task_get_source_object (call->task);

  g_debug ("Keyring call %s may prompt", g_task_get_name (call->task));
  call->may_prompt = TRUE;
  dial_keyring_call_set_limit (call, self->prompt_timeout_msec);
}

/* Starts the clock for a keyring call; returns NULL (and completes the task) if the caller has
 * already cancelled. */
Call *
dial_keyring_call_new (DialAccounts  *self,
                       GTask         *task,
                       KeyringAction  action)
{
  GCancellable *caller_cancellable = g_task_get_cancellable (task);
  GMainContext *context = g_task_get_context (task);
  Call *call;

  g_assert (self == g_task_get_source_object (task));

  if (g_task_return_error_if_cancelled (task))
    return NULL;

  call = g_new0 (Call, 1);
  call->task = g_object_ref (task);
  call->action = action;
  call->cancellable = g_cancellable_new ();

  dial_keyring_call_set_limit (call, self->timeout_msec);

  if (caller_cancellable != NULL)
    {
      call->cancel_source = g_cancellable_source_new (caller_cancellable);
      g_source_set_name (call->cancel_source, "[dialtone] keyring call cancelled");
      g_source_set_callback (call->cancel_source, G_SOURCE_FUNC (on_caller_cancelled), call, NULL);
      g_source_attach (call->cancel_source, context);
    }

  return call;
}

static void
on_bus_ready (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, &error);

  if (call->task == NULL)
    {
      dial_keyring_call_free (call);
      return;
    }

  if (bus == NULL)
    {
      g_autoptr(GError) missing = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                               "No session bus: %s", error->message);

      dial_keyring_call_fail (call, missing);
      dial_keyring_call_free (call);
      return;
    }

  call->start (call);
}

/* Runs @start once the session bus is connected. The connection is made without our
 * cancellable: GDBus shares one initialisation among all callers, and a cancelled one would
 * fail every keyring call made meanwhile. */
void
dial_keyring_call_start (Call     *call,
                         CallStep  start)
{
  call->start = start;
  g_bus_get (G_BUS_TYPE_SESSION, NULL, on_bus_ready, call);
}

static void
on_default_collection (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretCollection) collection = secret_collection_for_alias_finish (result, &error);

  if (call->task == NULL)
    {
      dial_keyring_call_free (call);
      return;
    }

  /* Locked, or not there yet (the keyring asks for a password for a new one): the next step
   * may prompt. If the question itself fails (the Flatpak file backend needs no collection),
   * the next step says what is wrong. */
  if (error != NULL)
    g_debug ("Could not look at the default collection: %s", error->message);
  else if (collection == NULL || secret_collection_get_locked (collection))
    dial_keyring_call_allow_prompt (call);

  call->start (call);
}

/* Writing to the default collection (store, clear) needs it unlocked: finds out whether it is,
 * so that a call that makes the keyring prompt gets the prompt's time limit, then runs @next. */
void
dial_keyring_call_check_default_collection (Call     *call,
                                            CallStep  next)
{
  call->start = next;
  secret_collection_for_alias (NULL, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE,
                               call->cancellable, on_default_collection, call);
}
