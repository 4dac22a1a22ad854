/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-accounts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "dial-account-private.h"
#include "dial-accounts.h"

#define DEFAULT_TIMEOUT_MSEC 5000
/* Long enough for a person to type the keyring's password into its unlock prompt. */
#define DEFAULT_PROMPT_TIMEOUT_MSEC 120000

struct _DialAccounts
{
  GObject    parent_instance;

  GPtrArray *accounts; /* DialAccount, sorted by name, ignoring case (then API key) */
  guint      timeout_msec;
  guint      prompt_timeout_msec;
};

static void dial_accounts_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DialAccounts, dial_accounts, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dial_accounts_list_model_init))

static const SecretSchema *
account_schema (void)
{
  static const SecretSchema schema = {
    DIAL_ACCOUNT_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { DIAL_ACCOUNT_ATTR_API_KEY, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { DIAL_ACCOUNT_ATTR_NAME, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static int
compare_accounts (gconstpointer a,
                  gconstpointer b)
{
  DialAccount *account_a = *(DialAccount **) a;
  DialAccount *account_b = *(DialAccount **) b;
  g_autofree char *folded_a = g_utf8_casefold (account_a->name, -1);
  g_autofree char *folded_b = g_utf8_casefold (account_b->name, -1);
  int result = g_utf8_collate (folded_a, folded_b);

  return result != 0 ? result : strcmp (account_a->api_key, account_b->api_key);
}

static gboolean
find_index (DialAccounts *self,
            const char   *api_key,
            guint        *index)
{
  for (guint i = 0; i < self->accounts->len; i++)
    {
      DialAccount *account = g_ptr_array_index (self->accounts, i);

      if (g_str_equal (account->api_key, api_key))
        {
          *index = i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
remove_account (DialAccounts *self,
                const char   *api_key)
{
  guint index;

  if (find_index (self, api_key, &index))
    {
      g_ptr_array_remove_index (self->accounts, index);
      g_list_model_items_changed (G_LIST_MODEL (self), index, 1, 0);
    }
}

/* Adds @account in its sorted place, replacing any account with the same API key. */
static void
add_account (DialAccounts *self,
             DialAccount  *account)
{
  guint index = 0;

  remove_account (self, account->api_key);

  while (index < self->accounts->len
         && compare_accounts (&g_ptr_array_index (self->accounts, index), &account) < 0)
    index++;
  g_ptr_array_insert (self->accounts, index, g_object_ref (account));
  g_list_model_items_changed (G_LIST_MODEL (self), index, 0, 1);
}

/*
 * Keyring calls. Each call's GTask completes at the first of: libsecret's answer, the time limit,
 * or the caller's cancellable. libsecret gets an internal cancellable that is cancelled in the
 * last two cases (except while a prompt may be showing: see call_give_up()), so that it gives
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
} CallData;

static void
call_data_free (CallData *data)
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

static void
call_free (Call *call)
{
  g_assert (call->task == NULL);
  g_assert (call->timeout_source == NULL && call->cancel_source == NULL);

  g_clear_object (&call->cancellable);
  g_free (call);
}

/* Hands the task over to the caller of call_return_*: the Call no longer owns it. */
static GTask *
call_steal_task (Call *call)
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

/* The store fell back to memory: the account is usable until quit, and the error says why. */
static void
store_fall_back (GTask  *task,
                 GError *error)
{
  DialAccounts *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);

  data->account = dial_account_new (data->api_key, data->name, data->secret);
  add_account (self, data->account);
  g_task_return_error (task, error);
}

static void
call_return_error (Call   *call,
                   GError *error)
{
  g_autoptr(GTask) task = call_steal_task (call);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, error);
  else if (call->action == KEYRING_ACTION_STORE)
    store_fall_back (task, error);
  else
    g_task_return_error (task, error);
}

/* Ends the call with libsecret's or D-Bus's @error, in plain words. */
static void
call_fail (Call         *call,
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
  call_fail (call, timeout);

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
static void
call_set_limit (Call  *call,
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
static void
call_allow_prompt (Call *call)
{
  DialAccounts *self = g_task_get_source_object (call->task);

  g_debug ("Keyring call %s may prompt", g_task_get_name (call->task));
  call->may_prompt = TRUE;
  call_set_limit (call, self->prompt_timeout_msec);
}

/* Starts the clock for a keyring call; returns NULL (and completes the task) if the caller has
 * already cancelled. */
static Call *
call_new (DialAccounts  *self,
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

  call_set_limit (call, self->timeout_msec);

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
      call_free (call);
      return;
    }

  if (bus == NULL)
    {
      g_autoptr(GError) missing = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                               "No session bus: %s", error->message);

      call_fail (call, missing);
      call_free (call);
      return;
    }

  call->start (call);
}

/* Runs @start once the session bus is connected. The connection is made without our
 * cancellable: GDBus shares one initialisation among all callers, and a cancelled one would
 * fail every keyring call made meanwhile. */
static void
call_start (Call     *call,
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
      call_free (call);
      return;
    }

  /* Locked, or not there yet (the keyring asks for a password for a new one): the next step
   * may prompt. If the question itself fails (the Flatpak file backend needs no collection),
   * the next step says what is wrong. */
  if (error != NULL)
    g_debug ("Could not look at the default collection: %s", error->message);
  else if (collection == NULL || secret_collection_get_locked (collection))
    call_allow_prompt (call);

  call->start (call);
}

/* Writing to the default collection (store, clear) needs it unlocked: finds out whether it is,
 * so that a call that makes the keyring prompt gets the prompt's time limit, then runs @next. */
static void
call_check_default_collection (Call     *call,
                               CallStep  next)
{
  call->start = next;
  secret_collection_for_alias (NULL, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE,
                               call->cancellable, on_default_collection, call);
}

/* GListModel ------------------------------------------------------------------------------------ */

static GType
dial_accounts_get_item_type (GListModel *model)
{
  return DIAL_TYPE_ACCOUNT;
}

static guint
dial_accounts_get_n_items (GListModel *model)
{
  return DIAL_ACCOUNTS (model)->accounts->len;
}

static gpointer
dial_accounts_get_item (GListModel *model,
                        guint       position)
{
  DialAccounts *self = DIAL_ACCOUNTS (model);

  if (position >= self->accounts->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->accounts, position));
}

static void
dial_accounts_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dial_accounts_get_item_type;
  iface->get_n_items = dial_accounts_get_n_items;
  iface->get_item = dial_accounts_get_item;
}

static void
dial_accounts_finalize (GObject *object)
{
  DialAccounts *self = DIAL_ACCOUNTS (object);

  g_clear_pointer (&self->accounts, g_ptr_array_unref);

  G_OBJECT_CLASS (dial_accounts_parent_class)->finalize (object);
}

static void
dial_accounts_class_init (DialAccountsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dial_accounts_finalize;
}

static void
dial_accounts_init (DialAccounts *self)
{
  self->accounts = g_ptr_array_new_with_free_func (g_object_unref);
  self->timeout_msec = DEFAULT_TIMEOUT_MSEC;
  self->prompt_timeout_msec = DEFAULT_PROMPT_TIMEOUT_MSEC;
}

/* Public API ----------------------------------------------------------------------------------- */

DialAccounts *
dial_accounts_new (void)
{
  return g_object_new (DIAL_TYPE_ACCOUNTS, NULL);
}

void
dial_accounts_set_timeout (DialAccounts *self,
                           guint         msec)
{
  g_return_if_fail (DIAL_IS_ACCOUNTS (self));
  g_return_if_fail (msec > 0);

  self->timeout_msec = msec;
}

void
dial_accounts_set_prompt_timeout (DialAccounts *self,
                                  guint         msec)
{
  g_return_if_fail (DIAL_IS_ACCOUNTS (self));
  g_return_if_fail (msec > 0);

  self->prompt_timeout_msec = msec;
}

/* load */

static void
on_search_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  GList *items = secret_password_search_finish (result, &error);
  g_autoptr(GTask) task = NULL;
  DialAccounts *self;
  g_autoptr(GPtrArray) accounts = NULL;
  gboolean changed;
  guint old_len;

  if (call->task == NULL)
    {
      g_list_free_full (items, g_object_unref);
      call_free (call);
      return;
    }

  if (error != NULL)
    {
      call_fail (call, error);
      call_free (call);
      return;
    }

  task = call_steal_task (call);
  call_free (call);
  self = g_task_get_source_object (task);

  /* The new list: every session-only account as it is, then the stored ones. An account
   * object that did not change is kept, so that the UI's references stay valid. */
  accounts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->accounts->len; i++)
    {
      DialAccount *account = g_ptr_array_index (self->accounts, i);

      if (account->session_only)
        g_ptr_array_add (accounts, g_object_ref (account));
    }

  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);
      const char *api_key = g_hash_table_lookup (attributes, DIAL_ACCOUNT_ATTR_API_KEY);
      const char *name = g_hash_table_lookup (attributes, DIAL_ACCOUNT_ATTR_NAME);
      DialAccount *account = NULL;
      gboolean present = FALSE;
      guint index;

      if (api_key == NULL || *api_key == '\0')
        continue;

      for (guint i = 0; i < accounts->len && !present; i++)
        present = g_str_equal (((DialAccount *) g_ptr_array_index (accounts, i))->api_key, api_key);
      if (present)
        continue;

      if (find_index (self, api_key, &index))
        {
          DialAccount *existing = g_ptr_array_index (self->accounts, index);

          if (g_strcmp0 (existing->name, name) == 0)
            account = g_object_ref (existing);
        }
      if (account == NULL)
        account = dial_account_new (api_key, name, NULL);

      g_ptr_array_add (accounts, account);
    }
  g_list_free_full (items, g_object_unref);

  g_ptr_array_sort (accounts, compare_accounts);

  g_debug ("Loaded %u accounts", accounts->len);

  /* The same objects in the same order: nothing for the UI to redo. */
  changed = accounts->len != self->accounts->len;
  for (guint i = 0; i < accounts->len && !changed; i++)
    changed = g_ptr_array_index (accounts, i) != g_ptr_array_index (self->accounts, i);

  if (changed)
    {
      old_len = self->accounts->len;
      g_ptr_array_unref (self->accounts);
      self->accounts = g_steal_pointer (&accounts);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->accounts->len);
    }

  g_task_return_boolean (task, TRUE);
}

static void
load_start (Call *call)
{
  /* Attributes only: no unlocking, no secrets, so listing never prompts. */
  secret_password_search (account_schema (), SECRET_SEARCH_ALL, call->cancellable,
                          on_search_done, call,
                          NULL);
}

void
dial_accounts_load_async (DialAccounts        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Call *call;

  g_return_if_fail (DIAL_IS_ACCOUNTS (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dial_accounts_load_async);
  g_task_set_name (task, "dial_accounts_load_async");

  if ((call = call_new (self, task, KEYRING_ACTION_LOAD)) != NULL)
    call_start (call, load_start);
}

gboolean
dial_accounts_load_finish (DialAccounts  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (DIAL_IS_ACCOUNTS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dial_accounts_load_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* store */

static void
on_store_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  gboolean stored = secret_password_store_finish (result, &error);
  g_autoptr(GTask) task = NULL;
  CallData *data;

  if (call->task == NULL)
    {
      call_free (call);
      return;
    }

  if (!stored)
    {
      call_fail (call, error);
      call_free (call);
      return;
    }

  task = call_steal_task (call);
  call_free (call);
  data = g_task_get_task_data (task);

  g_debug ("Stored the account %s in the keyring", data->api_key);
  data->account = dial_account_new (data->api_key, data->name, NULL);
  add_account (g_task_get_source_object (task), data->account);
  g_task_return_boolean (task, TRUE);
}

static void
on_store_cleared (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  CallData *data;
  g_autofree char *label = NULL;

  secret_password_clear_finish (result, &error);

  if (call->task == NULL)
    {
      call_free (call);
      return;
    }

  data = g_task_get_task_data (call->task);

  if (error != NULL)
    {
      call_fail (call, error);
      call_free (call);
      return;
    }

  /* Translators: the name of a keyring item, as GNOME Passwords (Seahorse) shows it;
   * %s is the account's name. */
  label = g_strdup_printf (_("Vonage account “%s” (Dialtone)"), data->name);
  secret_password_store (account_schema (), SECRET_COLLECTION_DEFAULT, label, data->secret,
                         call->cancellable, on_store_done, call,
                         DIAL_ACCOUNT_ATTR_API_KEY, data->api_key,
                         DIAL_ACCOUNT_ATTR_NAME, data->name,
                         NULL);
}

static void
store_clear_old (Call *call)
{
  CallData *data = g_task_get_task_data (call->task);

  /* An item with the same API key but another name would not be replaced by the store
   * (libsecret replaces items with identical attributes only), so remove it first. */
  secret_password_clear (account_schema (), call->cancellable, on_store_cleared, call,
                         DIAL_ACCOUNT_ATTR_API_KEY, data->api_key,
                         NULL);
}

static void
store_start (Call *call)
{
  call_check_default_collection (call, store_clear_old);
}

void
dial_accounts_store_async (DialAccounts        *self,
                           const char          *api_key,
                           const char          *api_secret,
                           const char          *name,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CallData *data;
  Call *call;

  g_return_if_fail (DIAL_IS_ACCOUNTS (self));
  g_return_if_fail (api_key != NULL && *api_key != '\0');
  g_return_if_fail (api_secret != NULL && *api_secret != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dial_accounts_store_async);
  g_task_set_name (task, "dial_accounts_store_async");

  data = g_new0 (CallData, 1);
  data->api_key = g_strdup (api_key);
  data->name = g_strdup (name != NULL && *name != '\0' ? name : api_key);
  data->secret = g_strdup (api_secret);
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);

  if ((call = call_new (self, task, KEYRING_ACTION_STORE)) != NULL)
    call_start (call, store_start);
}

DialAccount *
dial_accounts_store_finish (DialAccounts  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  CallData *data;

  g_return_val_if_fail (DIAL_IS_ACCOUNTS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dial_accounts_store_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  g_task_propagate_boolean (G_TASK (result), error);

  return data->account != NULL ? g_object_ref (data->account) : NULL;
}

/* lookup */

static void
on_secret_retrieved (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretValue) value = NULL;
  g_autoptr(GTask) task = NULL;
  const char *text;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (source), result, &error);

  if (call->task == NULL)
    {
      call_free (call);
      return;
    }

  if (error != NULL)
    {
      call_fail (call, error);
      call_free (call);
      return;
    }

  task = call_steal_task (call);
  call_free (call);

  text = value != NULL ? secret_value_get_text (value) : NULL;
  if (text == NULL || *text == '\0')
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                             _("The API secret of this account is no longer in the keyring. Sign in again."));
  else
    g_task_return_pointer (task, g_strdup (text), (GDestroyNotify) secret_password_free);
}

static void
on_lookup_found (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  GList *items = secret_password_search_finish (result, &error);
  g_autoptr(GTask) task = NULL;
  SecretRetrievable *item;

  if (call->task == NULL || error != NULL)
    {
      if (call->task != NULL)
        call_fail (call, error);
      g_list_free_full (items, g_object_unref);
      call_free (call);
      return;
    }

  if (items == NULL)
    {
      task = call_steal_task (call);
      call_free (call);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               _("The API secret of this account is no longer in the keyring. Sign in again."));
      return;
    }

  /* (Items of the Flatpak file backend are never locked, and are no SecretItem.) */
  item = items->data;
  if (SECRET_IS_ITEM (item) && secret_item_get_locked (SECRET_ITEM (item)))
    {
      if (!call->may_prompt)
        {
          /* Search again, this time unlocking: the keyring asks for its password. */
          CallData *data = g_task_get_task_data (call->task);

          call_allow_prompt (call);
          secret_password_search (account_schema (), SECRET_SEARCH_UNLOCK, call->cancellable,
                                  on_lookup_found, call,
                                  DIAL_ACCOUNT_ATTR_API_KEY, data->api_key,
                                  NULL);
        }
      else
        {
          /* Still locked: the prompt was dismissed, or could not be shown. */
          g_autoptr(GError) locked = g_error_new_literal (SECRET_ERROR, SECRET_ERROR_IS_LOCKED,
                                                          "");

          call_fail (call, locked);
          call_free (call);
        }
      g_list_free_full (items, g_object_unref);
      return;
    }

  if (call->may_prompt)
    {
      DialAccounts *self = g_task_get_source_object (call->task);

      call_set_limit (call, self->timeout_msec);
    }
  secret_retrievable_retrieve_secret (item, call->cancellable, on_secret_retrieved, call);
  g_list_free_full (items, g_object_unref);
}

static void
lookup_start (Call *call)
{
  CallData *data = g_task_get_task_data (call->task);

  /* Not secret_password_lookup(): it answers "no secret" both for an item that is gone and for
   * one that stayed locked, and those need different words. First without unlocking, so that
   * only a locked item gets the time a prompt needs. */
  secret_password_search (account_schema (), SECRET_SEARCH_NONE, call->cancellable,
                          on_lookup_found, call,
                          DIAL_ACCOUNT_ATTR_API_KEY, data->api_key,
                          NULL);
}

void
dial_accounts_lookup_secret_async (DialAccounts        *self,
                                   DialAccount         *account,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CallData *data;
  Call *call;

  g_return_if_fail (DIAL_IS_ACCOUNTS (self));
  g_return_if_fail (DIAL_IS_ACCOUNT (account));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dial_accounts_lookup_secret_async);
  g_task_set_name (task, "dial_accounts_lookup_secret_async");

  if (account->session_only)
    {
      g_task_return_pointer (task, g_strdup (account->secret), (GDestroyNotify) secret_password_free);
      return;
    }

  data = g_new0 (CallData, 1);
  data->api_key = g_strdup (account->api_key);
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);

  if ((call = call_new (self, task, KEYRING_ACTION_LOOKUP)) != NULL)
    call_start (call, lookup_start);
}

char *
dial_accounts_lookup_secret_finish (DialAccounts  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (DIAL_IS_ACCOUNTS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dial_accounts_lookup_secret_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* forget */

static void
on_clear_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  CallData *data;

  secret_password_clear_finish (result, &error);

  if (call->task == NULL)
    {
      call_free (call);
      return;
    }

  if (error != NULL)
    {
      call_fail (call, error);
      call_free (call);
      return;
    }

  task = call_steal_task (call);
  call_free (call);
  data = g_task_get_task_data (task);

  /* Nothing cleared (FALSE without an error) means it was gone already: as good. */
  g_debug ("Removed the account %s from the keyring", data->api_key);
  remove_account (g_task_get_source_object (task), data->api_key);
  g_task_return_boolean (task, TRUE);
}

static void
forget_clear (Call *call)
{
  CallData *data = g_task_get_task_data (call->task);

  secret_password_clear (account_schema (), call->cancellable, on_clear_done, call,
                         DIAL_ACCOUNT_ATTR_API_KEY, data->api_key,
                         NULL);
}

static void
forget_start (Call *call)
{
  call_check_default_collection (call, forget_clear);
}

void
dial_accounts_forget_async (DialAccounts        *self,
                            DialAccount         *account,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CallData *data;
  Call *call;

  g_return_if_fail (DIAL_IS_ACCOUNTS (self));
  g_return_if_fail (DIAL_IS_ACCOUNT (account));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dial_accounts_forget_async);
  g_task_set_name (task, "dial_accounts_forget_async");

  data = g_new0 (CallData, 1);
  data->api_key = g_strdup (account->api_key);
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);

  if (account->session_only)
    {
      /* Never written anywhere: forgetting it is dropping it. */
      remove_account (self, account->api_key);
      g_task_return_boolean (task, TRUE);
      return;
    }

  if ((call = call_new (self, task, KEYRING_ACTION_FORGET)) != NULL)
    call_start (call, forget_start);
}

gboolean
dial_accounts_forget_finish (DialAccounts  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (DIAL_IS_ACCOUNTS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dial_accounts_forget_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

DialAccount *
dial_accounts_find (DialAccounts *self,
                    const char   *api_key)
{
  guint index;

  g_return_val_if_fail (DIAL_IS_ACCOUNTS (self), NULL);

  if (api_key == NULL || !find_index (self, api_key, &index))
    return NULL;

  return g_ptr_array_index (self->accounts, index);
}

void
dial_accounts_remember_last (DialAccounts *self,
                             GSettings    *settings,
                             DialAccount  *account)
{
  g_return_if_fail (DIAL_IS_ACCOUNTS (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (account == NULL || DIAL_IS_ACCOUNT (account));

  /* The API key only: it names the account, it does not open it. */
  g_settings_set_string (settings, "last-account", account != NULL ? account->api_key : "");
}

DialAccount *
dial_accounts_find_last (DialAccounts *self,
                         GSettings    *settings)
{
  g_autofree char *api_key = NULL;

  g_return_val_if_fail (DIAL_IS_ACCOUNTS (self), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  api_key = g_settings_get_string (settings, "last-account");
  return dial_accounts_find (self, api_key);
}
