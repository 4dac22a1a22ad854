/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-accounts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "dial-account-private.h"
#include "dial-accounts-private.h"

#define DEFAULT_TIMEOUT_MSEC 5000
/* Long enough for a person to type the keyring's password into its unlock prompt. */
#define DEFAULT_PROMPT_TIMEOUT_MSEC 120000


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

/* The store fell back to memory: the account is usable until quit, and the error says why. */
void
dial_accounts_fall_back_to_session (GTask  *task,
                                    GError *error)
{
  DialAccounts *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);

  data->account = dial_account_new (data->api_key, data->name, data->secret);
  add_account (self, data->account);
  g_task_return_error (task, error);
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
      dial_keyring_call_free (call);
      return;
    }

  if (error != NULL)
    {
      dial_keyring_call_fail (call, error);
      dial_keyring_call_free (call);
      return;
    }

  task = dial_keyring_call_steal_task (call);
  dial_keyring_call_free (call);
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

  self->loaded = TRUE;
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

  if ((call = dial_keyring_call_new (self, task, KEYRING_ACTION_LOAD)) != NULL)
    dial_keyring_call_start (call, load_start);
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

gboolean
dial_accounts_get_loaded (DialAccounts *self)
{
  g_return_val_if_fail (DIAL_IS_ACCOUNTS (self), FALSE);

  return self->loaded;
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
      dial_keyring_call_free (call);
      return;
    }

  if (!stored)
    {
      dial_keyring_call_fail (call, error);
      dial_keyring_call_free (call);
      return;
    }

  task = dial_keyring_call_steal_task (call);
  dial_keyring_call_free (call);
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
      dial_keyring_call_free (call);
      return;
    }

  data = g_task_get_task_data (call->task);

  if (error != NULL)
    {
      dial_keyring_call_fail (call, error);
      dial_keyring_call_free (call);
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
  dial_keyring_call_check_default_collection (call, store_clear_old);
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
  g_task_set_task_data (task, data, (GDestroyNotify) dial_keyring_call_data_free);

  if ((call = dial_keyring_call_new (self, task, KEYRING_ACTION_STORE)) != NULL)
    dial_keyring_call_start (call, store_start);
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
      dial_keyring_call_free (call);
      return;
    }

  if (error != NULL)
    {
      dial_keyring_call_fail (call, error);
      dial_keyring_call_free (call);
      return;
    }

  task = dial_keyring_call_steal_task (call);
  dial_keyring_call_free (call);

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
        dial_keyring_call_fail (call, error);
      g_list_free_full (items, g_object_unref);
      dial_keyring_call_free (call);
      return;
    }

  if (items == NULL)
    {
      task = dial_keyring_call_steal_task (call);
      dial_keyring_call_free (call);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               _("The API secret of this account is no longer in the keyring. Sign in again."));
      return;
    }

  /* (Items of the Flatpak file backend are never locked, and are no SecretItem.) */
  item = items->data;
  if (SECRET_IS_ITEM (item) && secret_item_get_locked (SECRET_ITEM (item)))
    {
      CallData *data = g_task_get_task_data (call->task);

      if (!call->may_prompt && !data->no_prompt)
        {
          /* Search again, this time unlocking: the keyring asks for its password. */

          dial_keyring_call_allow_prompt (call);
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

          dial_keyring_call_fail (call, locked);
          dial_keyring_call_free (call);
        }
      g_list_free_full (items, g_object_unref);
      return;
    }

  if (call->may_prompt)
    {
      DialAccounts *self = g_task_get_source_object (call->task);

      dial_keyring_call_set_limit (call, self->timeout_msec);
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

static void
lookup_secret (DialAccounts        *self,
               DialAccount         *account,
               gboolean             no_prompt,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CallData *data;
  Call *call;

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
  data->no_prompt = no_prompt;
  g_task_set_task_data (task, data, (GDestroyNotify) dial_keyring_call_data_free);

  if ((call = dial_keyring_call_new (self, task, KEYRING_ACTION_LOOKUP)) != NULL)
    dial_keyring_call_start (call, lookup_start);
}

void
dial_accounts_lookup_secret_async (DialAccounts        *self,
                                   DialAccount         *account,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (DIAL_IS_ACCOUNTS (self));
  g_return_if_fail (DIAL_IS_ACCOUNT (account));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  lookup_secret (self, account, FALSE, cancellable, callback, user_data);
}

void
dial_accounts_lookup_secret_quietly_async (DialAccounts        *self,
                                           DialAccount         *account,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (DIAL_IS_ACCOUNTS (self));
  g_return_if_fail (DIAL_IS_ACCOUNT (account));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  lookup_secret (self, account, TRUE, cancellable, callback, user_data);
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
      dial_keyring_call_free (call);
      return;
    }

  if (error != NULL)
    {
      dial_keyring_call_fail (call, error);
      dial_keyring_call_free (call);
      return;
    }

  task = dial_keyring_call_steal_task (call);
  dial_keyring_call_free (call);
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
  dial_keyring_call_check_default_collection (call, forget_clear);
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
  g_task_set_task_data (task, data, (GDestroyNotify) dial_keyring_call_data_free);

  if (account->session_only)
    {
      /* Never written anywhere: forgetting it is dropping it. */
      remove_account (self, account->api_key);
      g_task_return_boolean (task, TRUE);
      return;
    }

  if ((call = dial_keyring_call_new (self, task, KEYRING_ACTION_FORGET)) != NULL)
    dial_keyring_call_start (call, forget_start);
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
