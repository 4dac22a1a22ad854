/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-accounts"

#include "config.h"

#include <locale.h>
#include <libintl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <libsecret/secret.h>

#include "dial-accounts.h"
#include "dial-test-util.h"

/*
 * DialAccounts against a real gnome-keyring: the one `scripts/test-session` shares (unlocked),
 * and, for a missing or locked keyring, private buses and daemons started in subprocesses (so
 * that the shared keyring is never locked under the feet of tests running in parallel).
 */

/* The limit where the time limit itself is what the test is about. */
#define SHORT_TIMEOUT_MSEC 1500
/* The limit where the keyring answers with an error, normally within milliseconds: generous, so
 * that on a busy machine the answer, not the limit, ends the call (the test says which). */
#define ERROR_TIMEOUT_MSEC 10000
/* The prompt's limit, and the usual one beside it, in the prompt test: far enough apart to tell
 * which one ended a call. */
#define PROMPT_TEST_TIMEOUT_MSEC 3000
#define PROMPT_TIMEOUT_MSEC 6000
/* Time a call may take past its own limit: scheduling, a loaded machine, ASan. */
#define SLACK_MSEC 2500
/* No test waits longer than this for any answer: beyond it, something hangs. */
#define HANG_MSEC 30000

/* The schema as the keyring should hold it, written out again here from the header's names. */
static const SecretSchema test_schema = {
  DIAL_ACCOUNT_SCHEMA_NAME, SECRET_SCHEMA_NONE,
  {
    { DIAL_ACCOUNT_ATTR_API_KEY, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { DIAL_ACCOUNT_ATTR_NAME, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

static char *
random_token (const char *prefix)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strdup_printf ("%s-%s", prefix, uuid);
}

/* For the tests on the shared keyring, which other tests use at the same time: an answer on a
 * busy machine may take longer than the default limit; the tests of limits set their own. */
static DialAccounts *
new_accounts (void)
{
  DialAccounts *accounts = dial_accounts_new ();

  dial_accounts_set_timeout (accounts, ERROR_TIMEOUT_MSEC);
  return accounts;
}

/* Calls, each waited for (and bounded) ----------------------------------------------------------- */

static gboolean
load (DialAccounts  *accounts,
      GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dial_accounts_load_async (accounts, NULL, dial_test_store_result, &result);
  dial_test_wait_result (&result, HANG_MSEC);
  return dial_accounts_load_finish (accounts, result, error);
}

static DialAccount *
store (DialAccounts  *accounts,
       const char    *api_key,
       const char    *secret,
       const char    *name,
       GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dial_accounts_store_async (accounts, api_key, secret, name, NULL, dial_test_store_result,
                             &result);
  dial_test_wait_result (&result, HANG_MSEC);
  return dial_accounts_store_finish (accounts, result, error);
}

static char *
lookup (DialAccounts  *accounts,
        DialAccount   *account,
        GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dial_accounts_lookup_secret_async (accounts, account, NULL, dial_test_store_result, &result);
  dial_test_wait_result (&result, HANG_MSEC);
  return dial_accounts_lookup_secret_finish (accounts, result, error);
}

static char *
lookup_quietly (DialAccounts  *accounts,
                DialAccount   *account,
                GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dial_accounts_lookup_secret_quietly_async (accounts, account, NULL, dial_test_store_result,
                                             &result);
  dial_test_wait_result (&result, HANG_MSEC);
  return dial_accounts_lookup_secret_finish (accounts, result, error);
}

static gboolean
forget (DialAccounts  *accounts,
        DialAccount   *account,
        GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dial_accounts_forget_async (accounts, account, NULL, dial_test_store_result, &result);
  dial_test_wait_result (&result, HANG_MSEC);
  return dial_accounts_forget_finish (accounts, result, error);
}

/* The keyring read directly with libsecret ------------------------------------------------------ */

typedef struct
{
  char *label;
  char *secret;
  char *name;
  char *schema;
} KeyringItem;

static void
keyring_item_free (KeyringItem *item)
{
  g_free (item->label);
  g_free (item->secret);
  g_free (item->name);
  g_free (item->schema);
  g_free (item);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KeyringItem, keyring_item_free)

/* The items stored for @api_key, secrets included. (libsecret's async calls: its 0.20.5 sync
 * search leaks the items' initialisation under ASan.) */
static GPtrArray *
keyring_items (const char *api_key)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) keyring_item_free);
  GList *found;

  /* The shared keyring is unlocked. */
  secret_password_search (&test_schema, SECRET_SEARCH_ALL, NULL, dial_test_store_result, &result,
                          DIAL_ACCOUNT_ATTR_API_KEY, api_key,
                          NULL);
  dial_test_wait_result (&result, HANG_MSEC);
  found = secret_password_search_finish (result, &error);
  g_assert_no_error (error);

  for (GList *l = found; l != NULL; l = l->next)
    {
      SecretRetrievable *retrievable = l->data;
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (retrievable);
      g_autoptr(GAsyncResult) retrieved = NULL;
      g_autoptr(SecretValue) value = NULL;
      KeyringItem *item = g_new0 (KeyringItem, 1);

      secret_retrievable_retrieve_secret (retrievable, NULL, dial_test_store_result, &retrieved);
      dial_test_wait_result (&retrieved, HANG_MSEC);
      value = secret_retrievable_retrieve_secret_finish (retrievable, retrieved, &error);
      g_assert_no_error (error);
      g_assert_nonnull (value);

      item->label = secret_retrievable_get_label (retrievable);
      item->secret = g_strdup (secret_value_get_text (value));
      item->name = g_strdup (g_hash_table_lookup (attributes, DIAL_ACCOUNT_ATTR_NAME));
      item->schema = g_strdup (g_hash_table_lookup (attributes, "xdg:schema"));
      g_assert_cmpstr (g_hash_table_lookup (attributes, DIAL_ACCOUNT_ATTR_API_KEY), ==, api_key);
      g_ptr_array_add (items, item);
    }
  g_list_free_full (found, g_object_unref);

  return items;
}

/* The secret stored for @api_key, or NULL. (Not secret_password_lookup(): in libsecret 0.20.5
 * it leaks the D-Bus reply under ASan.) */
static char *
keyring_secret (const char *api_key)
{
  g_autoptr(GPtrArray) items = keyring_items (api_key);

  g_assert_cmpuint (items->len, <=, 1);
  if (items->len == 0)
    return NULL;

  return g_strdup (((KeyringItem *) g_ptr_array_index (items, 0))->secret);
}

/* The model -------------------------------------------------------------------------------------- */

/* Follows the model through its items-changed signals alone; at any time it must equal the
 * model, which proves the signals right. */
typedef struct
{
  GListModel *model;
  GPtrArray  *items;
  guint       n_signals;
} Mirror;

static void
on_model_items_changed (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        Mirror     *mirror)
{
  mirror->n_signals++;
  g_assert_cmpuint (position + removed, <=, mirror->items->len);
  g_ptr_array_remove_range (mirror->items, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror->items, position + i, g_list_model_get_item (model, position + i));
}

static Mirror *
mirror_new (DialAccounts *accounts)
{
  Mirror *mirror = g_new0 (Mirror, 1);

  mirror->model = G_LIST_MODEL (accounts);
  mirror->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (mirror->model); i++)
    g_ptr_array_add (mirror->items, g_list_model_get_item (mirror->model, i));
  g_signal_connect (accounts, "items-changed", G_CALLBACK (on_model_items_changed), mirror);

  return mirror;
}

static void
mirror_free (Mirror *mirror)
{
  g_signal_handlers_disconnect_by_data (mirror->model, mirror);
  g_ptr_array_unref (mirror->items);
  g_free (mirror);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Mirror, mirror_free)

/* The model equals its mirror, holds DialAccounts sorted by name (ignoring case), and the API
 * keys are unique. */
static void
assert_model_consistent (DialAccounts *accounts,
                         Mirror       *mirror)
{
  GListModel *model = G_LIST_MODEL (accounts);
  guint n_items = g_list_model_get_n_items (model);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_true (g_list_model_get_item_type (model) == DIAL_TYPE_ACCOUNT);
  g_assert_cmpuint (n_items, ==, mirror->items->len);
  g_assert_null (g_list_model_get_item (model, n_items));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DialAccount) account = g_list_model_get_item (model, i);

      g_assert_true (account == g_ptr_array_index (mirror->items, i));
      g_assert_true (g_hash_table_add (keys, (gpointer) dial_account_get_api_key (account)));
      if (i > 0)
        {
          g_autoptr(DialAccount) previous = g_list_model_get_item (model, i - 1);

          g_autofree char *previous_name = g_utf8_casefold (dial_account_get_name (previous), -1);
          g_autofree char *name = g_utf8_casefold (dial_account_get_name (account), -1);

          g_assert_cmpint (g_utf8_collate (previous_name, name), <=, 0);
        }
    }
}

static guint
model_position (DialAccounts *accounts,
                DialAccount  *account)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (accounts)); i++)
    {
      g_autoptr(DialAccount) item = g_list_model_get_item (G_LIST_MODEL (accounts), i);

      if (item == account)
        return i;
    }

  g_assert_not_reached ();
}

static gboolean
model_has_key (DialAccounts *accounts,
               const char   *api_key)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (accounts)); i++)
    {
      g_autoptr(DialAccount) item = g_list_model_get_item (G_LIST_MODEL (accounts), i);

      if (g_str_equal (dial_account_get_api_key (item), api_key))
        return TRUE;
    }

  return FALSE;
}

/* Tests in the shared, unlocked keyring ---------------------------------------------------------- */

static void
test_store_read_back (void)
{
  g_autoptr(DialAccounts) accounts = new_accounts ();
  g_autoptr(DialAccounts) restarted = new_accounts ();
  g_autoptr(Mirror) mirror = mirror_new (accounts);
  g_autofree char *api_key = random_token ("key");
  g_autofree char *secret = random_token ("secret");
  g_autofree char *read_secret = NULL;
  g_autoptr(DialAccount) account = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  KeyringItem *item;
  DialAccount *loaded;

  account = store (accounts, api_key, secret, "Support Desk", &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_false (dial_account_get_session_only (account));
  g_assert_cmpstr (dial_account_get_api_key (account), ==, api_key);
  g_assert_cmpstr (dial_account_get_name (account), ==, "Support Desk");
  g_assert_true (dial_accounts_find (accounts, api_key) == account);
  assert_model_consistent (accounts, mirror);
  g_assert_cmpuint (mirror->n_signals, >=, 1);

  /* In the keyring, as libsecret itself reads it: one item, our schema, the secret as the
   * password, the name as an attribute, a label a person recognises. */
  items = keyring_items (api_key);
  g_assert_cmpuint (items->len, ==, 1);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->secret, ==, secret);
  g_assert_cmpstr (item->name, ==, "Support Desk");
  g_assert_cmpstr (item->schema, ==, DIAL_ACCOUNT_SCHEMA_NAME);
  g_assert_cmpstr (item->label, ==, "Vonage account “Support Desk” (Dialtone)");

  read_secret = lookup (accounts, account, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read_secret, ==, secret);
  g_clear_pointer (&read_secret, g_free);
  read_secret = lookup_quietly (accounts, account, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read_secret, ==, secret);

  /* As at the next start: the account is listed, by its attributes. */
  g_assert_false (dial_accounts_get_loaded (restarted));
  g_assert_true (load (restarted, &error));
  g_assert_no_error (error);
  g_assert_true (dial_accounts_get_loaded (restarted));
  loaded = dial_accounts_find (restarted, api_key);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (dial_account_get_name (loaded), ==, "Support Desk");
  g_assert_false (dial_account_get_session_only (loaded));

  g_assert_true (forget (accounts, account, &error));
  g_assert_no_error (error);
  g_assert_null (dial_accounts_find (accounts, api_key));
  g_assert_null (keyring_secret (api_key));
  assert_model_consistent (accounts, mirror);

  g_clear_pointer (&mirror, mirror_free);
  g_clear_object (&account);
  g_assert_finalize_object (g_steal_pointer (&accounts));
  g_assert_finalize_object (g_steal_pointer (&restarted));
}

static void
test_store_replace (void)
{
  g_autoptr(DialAccounts) accounts = new_accounts ();
  g_autoptr(Mirror) mirror = mirror_new (accounts);
  g_autofree char *api_key = random_token ("key");
  g_autofree char *old_secret = random_token ("secret");
  g_autofree char *new_secret = random_token ("secret");
  g_autofree char *read_secret = NULL;
  g_autoptr(DialAccount) first = NULL;
  g_autoptr(DialAccount) second = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  KeyringItem *item;

  first = store (accounts, api_key, old_secret, "Old name", &error);
  g_assert_no_error (error);

  /* Same key, new name and secret: one item, the new one; one account in the model. */
  second = store (accounts, api_key, new_secret, "New name", &error);
  g_assert_no_error (error);
  g_assert_false (dial_account_get_session_only (second));
  g_assert_true (dial_accounts_find (accounts, api_key) == second);
  assert_model_consistent (accounts, mirror);

  items = keyring_items (api_key);
  g_assert_cmpuint (items->len, ==, 1);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->secret, ==, new_secret);
  g_assert_cmpstr (item->name, ==, "New name");

  read_secret = lookup (accounts, second, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read_secret, ==, new_secret);

  /* No name: the API key names it. */
  g_clear_object (&second);
  second = store (accounts, api_key, new_secret, "", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dial_account_get_name (second), ==, api_key);

  g_assert_true (forget (accounts, second, &error));
  g_assert_no_error (error);
  g_assert_null (keyring_secret (api_key));
  assert_model_consistent (accounts, mirror);

  g_clear_pointer (&mirror, mirror_free);
  g_clear_object (&first);
  g_clear_object (&second);
  g_assert_finalize_object (g_steal_pointer (&accounts));
}

static void
test_two_accounts (void)
{
  g_autoptr(DialAccounts) accounts = new_accounts ();
  g_autoptr(DialAccounts) restarted = new_accounts ();
  g_autoptr(Mirror) mirror = mirror_new (accounts);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *key_a = random_token ("key-a");
  g_autofree char *key_b = random_token ("key-b");
  g_autofree char *secret_a = random_token ("secret-a");
  g_autofree char *secret_b = random_token ("secret-b");
  g_autofree char *read_a = NULL;
  g_autofree char *read_b = NULL;
  g_autofree char *kept_b = NULL;
  g_autofree char *last_key = NULL;
  g_autofree char *name_a = NULL;
  g_autofree char *name_b = NULL;
  g_autoptr(DialAccount) account_a = NULL;
  g_autoptr(DialAccount) account_b = NULL;
  g_autoptr(GError) error = NULL;

  /* Names that sort the other way round from the order of storing, whatever their case. */
  name_a = g_strdup_printf ("Zebra Shop %s", key_a);
  name_b = g_strdup_printf ("apple Office %s", key_b);

  account_a = store (accounts, key_a, secret_a, name_a, &error);
  g_assert_no_error (error);
  account_b = store (accounts, key_b, secret_b, name_b, &error);
  g_assert_no_error (error);
  assert_model_consistent (accounts, mirror);
  g_assert_cmpuint (model_position (accounts, account_b), <, model_position (accounts, account_a));

  /* Switching: each account opens with its own secret. */
  read_a = lookup (accounts, account_a, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read_a, ==, secret_a);
  read_b = lookup (accounts, account_b, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read_b, ==, secret_b);
  dial_accounts_remember_last (accounts, settings, account_a);
  dial_accounts_remember_last (accounts, settings, account_b);
  g_assert_true (dial_accounts_find_last (accounts, settings) == account_b);

  /* Signing out of A: its item is gone, B's is intact. */
  g_assert_true (forget (accounts, account_a, &error));
  g_assert_no_error (error);
  g_assert_null (keyring_secret (key_a));
  kept_b = keyring_secret (key_b);
  g_assert_cmpstr (kept_b, ==, secret_b);
  g_assert_false (model_has_key (accounts, key_a));
  g_assert_true (model_has_key (accounts, key_b));
  assert_model_consistent (accounts, mirror);

  /* Restart: B is listed and is the last used; A is not there. */
  g_assert_true (load (restarted, &error));
  g_assert_no_error (error);
  g_assert_false (model_has_key (restarted, key_a));
  g_assert_nonnull (dial_accounts_find_last (restarted, settings));
  g_assert_cmpstr (dial_account_get_api_key (dial_accounts_find_last (restarted, settings)), ==,
                   key_b);
  last_key = g_settings_get_string (settings, "last-account");
  g_assert_cmpstr (last_key, ==, key_b);

  /* Loading again into the first model keeps the account object the UI holds. */
  g_assert_true (load (accounts, &error));
  g_assert_no_error (error);
  g_assert_true (dial_accounts_find (accounts, key_b) == account_b);
  assert_model_consistent (accounts, mirror);

  g_assert_true (forget (accounts, account_b, &error));
  g_assert_no_error (error);
  g_assert_null (keyring_secret (key_b));
  dial_accounts_remember_last (accounts, settings, NULL);
  g_assert_null (dial_accounts_find_last (restarted, settings));

  g_clear_pointer (&mirror, mirror_free);
  g_clear_object (&account_a);
  g_clear_object (&account_b);
  g_assert_finalize_object (g_steal_pointer (&accounts));
  g_assert_finalize_object (g_steal_pointer (&restarted));
}

static void
run_cancelled (void)
{
  g_autoptr(DialAccounts) accounts = new_accounts ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) load_result = NULL;
  g_autoptr(DialAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *api_key = random_token ("key");
  g_autofree char *secret = random_token ("secret");

  /* Cancelled before it starts: nothing stored, nothing added, no account. */
  g_cancellable_cancel (cancellable);
  dial_accounts_store_async (accounts, api_key, secret, "Cancelled", cancellable,
                             dial_test_store_result, &result);
  dial_test_wait_result (&result, HANG_MSEC);
  account = dial_accounts_store_finish (accounts, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (account);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ==, 0);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Cancelled while it runs, in a process that has not yet connected to the bus, with a store
   * started at the same time: the load ends cancelled, and the store is not dragged along
   * (GDBus shares one connection attempt among all callers). */
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  dial_accounts_load_async (accounts, cancellable, dial_test_store_result, &load_result);
  dial_accounts_store_async (accounts, api_key, secret, "Not cancelled", NULL,
                             dial_test_store_result, &result);
  g_cancellable_cancel (cancellable);
  dial_test_wait_result (&load_result, HANG_MSEC);
  g_assert_false (dial_accounts_load_finish (accounts, load_result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  dial_test_wait_result (&result, HANG_MSEC);
  account = dial_accounts_store_finish (accounts, result, &error);
  g_assert_no_error (error);
  g_assert_false (dial_account_get_session_only (account));
  g_assert_true (forget (accounts, account, &error));
  g_assert_no_error (error);
  g_assert_null (keyring_secret (api_key));

  g_clear_object (&account);
  g_clear_object (&result);
  g_clear_object (&load_result);
  g_assert_finalize_object (g_steal_pointer (&accounts));
}

static void
test_cancelled (void)
{
  if (g_test_subprocess ())
    {
      run_cancelled ();
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A full run with one secret, then the secret looked for everywhere. */
static void
test_no_secret_leak (void)
{
  g_autoptr(DialAccounts) accounts = new_accounts ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *api_key = random_token ("key");
  g_autofree char *secret = random_token ("secret");
  g_autofree char *read_secret = NULL;
  g_autoptr(DialAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = store (accounts, api_key, secret, "Leak check", &error);
  g_assert_no_error (error);
  dial_accounts_remember_last (accounts, settings, account);
  g_assert_true (load (accounts, &error));
  g_assert_no_error (error);
  read_secret = lookup (accounts, dial_accounts_find_last (accounts, settings), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read_secret, ==, secret);
  g_assert_true (forget (accounts, dial_accounts_find (accounts, api_key), &error));
  g_assert_no_error (error);

  /* The check itself can fail: the API key was logged on purpose, and is in GSettings. */
  g_assert_true (dial_test_logs_contain (api_key));
  g_assert_true (dial_test_settings_contain (settings, api_key));

  dial_test_assert_secret_nowhere (secret, settings);

  g_clear_object (&account);
  g_assert_finalize_object (g_steal_pointer (&accounts));
}

/* Tests with a keyring of their own, in subprocesses -------------------------------------------- */

static void
assert_error_in_time (const GError *error,
                      gint64        started,
                      guint         limit_msec)
{
  gint64 elapsed_msec = (g_get_monotonic_time () - started) / 1000;

  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_test_message ("error after %" G_GINT64_FORMAT " ms: %s", elapsed_msec, error->message);
  g_assert_cmpint (elapsed_msec, <, limit_msec + SLACK_MSEC);
  /* Plain words, with the reason, not libsecret's or D-Bus's. */
  g_assert_cmpuint (strlen (error->message), >, 20);
  g_assert_null (strstr (error->message, "org.freedesktop"));
  g_assert_null (strstr (error->message, "GDBus"));
}

/* The session-only fallback of a store that failed with @error. */
static void
assert_session_only (DialAccounts *accounts,
                     DialAccount  *account,
                     const char   *api_key,
                     const char   *secret)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *read_secret = NULL;

  g_assert_nonnull (account);
  g_assert_true (dial_account_get_session_only (account));
  g_assert_cmpstr (dial_account_get_api_key (account), ==, api_key);
  g_assert_true (dial_accounts_find (accounts, api_key) == account);

  read_secret = lookup (accounts, account, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read_secret, ==, secret);
}

static void
run_no_service (void)
{
  g_autoptr(DialTestBus) bus = dial_test_bus_new (NULL);
  g_autoptr(DialAccounts) accounts = dial_accounts_new ();
  g_autoptr(Mirror) mirror = mirror_new (accounts);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *secret = random_token ("secret");
  g_autoptr(DialAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;

  dial_accounts_set_timeout (accounts, ERROR_TIMEOUT_MSEC);

  started = g_get_monotonic_time ();
  g_assert_false (load (accounts, &error));
  assert_error_in_time (error, started, ERROR_TIMEOUT_MSEC);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_false (dial_accounts_get_loaded (accounts));
  g_clear_error (&error);

  started = g_get_monotonic_time ();
  account = store (accounts, "abcd1234", secret, "No keyring", &error);
  assert_error_in_time (error, started, ERROR_TIMEOUT_MSEC);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "until you quit"));
  g_clear_error (&error);
  assert_session_only (accounts, account, "abcd1234", secret);
  assert_model_consistent (accounts, mirror);
  dial_accounts_remember_last (accounts, settings, account);

  /* Forgetting it is dropping it: nothing to ask the keyring. */
  g_assert_true (forget (accounts, account, &error));
  g_assert_no_error (error);
  g_assert_null (dial_accounts_find (accounts, "abcd1234"));
  assert_model_consistent (accounts, mirror);

  dial_test_assert_secret_nowhere (secret, settings);

  g_clear_pointer (&mirror, mirror_free);
  g_clear_object (&account);
  g_assert_finalize_object (g_steal_pointer (&accounts));
}

static void
test_no_service (void)
{
  if (g_test_subprocess ())
    {
      run_no_service ();
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
run_locked (void)
{
  g_autoptr(DialTestBus) bus = dial_test_bus_new ("a keyring password");
  g_autoptr(DialAccounts) accounts = dial_accounts_new ();
  g_autoptr(Mirror) mirror = mirror_new (accounts);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *stored_secret = random_token ("secret");
  g_autofree char *secret = random_token ("secret");
  g_autofree char *read_secret = NULL;
  g_autoptr(DialAccount) stored = NULL;
  g_autoptr(DialAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  guint n_signals;
  gint64 started;

  dial_accounts_set_timeout (accounts, ERROR_TIMEOUT_MSEC);

  /* This keyring works until it is locked. */
  stored = store (accounts, "stored1", stored_secret, "Stored before locking", &error);
  g_assert_no_error (error);
  g_assert_false (dial_account_get_session_only (stored));

  dial_test_bus_lock_keyring (bus);

  /* Listing reads attributes only: it works while locked, and asks nothing. Nothing changed,
   * so the model tells the UI nothing. */
  n_signals = mirror->n_signals;
  g_assert_true (load (accounts, &error));
  g_assert_no_error (error);
  g_assert_true (dial_accounts_find (accounts, "stored1") == stored);
  g_assert_cmpuint (mirror->n_signals, ==, n_signals);

  /* Reading the secret needs the keyring unlocked, and no prompt can be shown on this bus:
   * the keyring is locked, said plainly, in time (not "the secret is gone"). */
  started = g_get_monotonic_time ();
  read_secret = lookup (accounts, stored, &error);
  g_assert_null (read_secret);
  assert_error_in_time (error, started, ERROR_TIMEOUT_MSEC);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_clear_error (&error);

  /* Saving fails the same way, and the account is usable until quit. */
  started = g_get_monotonic_time ();
  account = store (accounts, "locked1", secret, "Locked keyring", &error);
  assert_error_in_time (error, started, ERROR_TIMEOUT_MSEC);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "until you quit"));
  g_clear_error (&error);
  assert_session_only (accounts, account, "locked1", secret);
  assert_model_consistent (accounts, mirror);
  dial_accounts_remember_last (accounts, settings, account);

  dial_test_assert_secret_nowhere (secret, settings);
  dial_test_assert_secret_nowhere (stored_secret, settings);

  g_clear_pointer (&mirror, mirror_free);
  g_clear_object (&stored);
  g_clear_object (&account);
  g_assert_finalize_object (g_steal_pointer (&accounts));
}

/* g_test_trap_subprocess() for this test, where LeakSanitizer (in the ASan build) also ignores
 * what leaks under libsecret, which loses memory when an unlock cannot prompt or a collection
 * is missing. LSan takes one
 * suppressions file: the project's, plus lsan-libsecret.supp, for this child only. */
static void
trap_subprocess_ignoring_libsecret_leaks (void)
{
  g_autofree char *saved_options = g_strdup (g_getenv ("LSAN_OPTIONS"));
  g_autofree char *common = NULL;
  g_autofree char *libsecret = NULL;
  g_autofree char *combined = NULL;
  g_autofree char *path = NULL;
  g_autofree char *options = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (g_test_get_filename (G_TEST_DIST, "lsan.supp", NULL), &common, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (g_test_get_filename (G_TEST_DIST, "lsan-libsecret.supp", NULL), &libsecret,
                       NULL, &error);
  g_assert_no_error (error);

  /* Not under the test's directories: the child removes those before LeakSanitizer reads it. */
  combined = g_strconcat (common, "\n", libsecret, NULL);
  close (g_file_open_tmp ("dialtone-lsan-XXXXXX.supp", &path, &error));
  g_assert_no_error (error);
  g_file_set_contents (path, combined, -1, &error);
  g_assert_no_error (error);

  options = g_strdup_printf ("suppressions=%s", path);
  g_setenv ("LSAN_OPTIONS", options, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (saved_options != NULL)
    g_setenv ("LSAN_OPTIONS", saved_options, TRUE);
  else
    g_unsetenv ("LSAN_OPTIONS");
  g_unlink (path);
}

static void
test_locked (void)
{
  if (g_test_subprocess ())
    {
      run_locked ();
      return;
    }

  trap_subprocess_ignoring_libsecret_leaks ();
  g_test_trap_assert_passed ();
}

static void
wait_for_prompter (DialTestBus *bus)
{
  gint64 deadline = g_get_monotonic_time () + HANG_MSEC * 1000;

  while (!dial_test_bus_name_has_owner (bus, "org.gnome.keyring.SystemPrompter"))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (50 * 1000);
    }
}

/* A locked keyring whose prompter shows its password prompt on a display nobody watches: the
 * calls that need it unlocked wait the prompt's time limit (longer than the usual one), then
 * end; the prompt stays for the person to answer. */
static void
run_locked_prompt (void)
{
  g_autoptr(DialTestBus) bus = dial_test_bus_new_full ("a keyring password", TRUE);
  g_autoptr(DialAccounts) accounts = dial_accounts_new ();
  g_autoptr(Mirror) mirror = mirror_new (accounts);
  g_autofree char *stored_secret = random_token ("secret");
  g_autofree char *secret = random_token ("secret");
  g_autofree char *read_secret = NULL;
  g_autoptr(DialAccount) stored = NULL;
  g_autoptr(DialAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;
  gint64 elapsed_msec;

  dial_accounts_set_timeout (accounts, ERROR_TIMEOUT_MSEC);
  dial_accounts_set_prompt_timeout (accounts, PROMPT_TIMEOUT_MSEC);

  stored = store (accounts, "stored1", stored_secret, "Stored before locking", &error);
  g_assert_no_error (error);
  dial_test_bus_lock_keyring (bus);
  g_assert_false (dial_test_bus_name_has_owner (bus, "org.gnome.keyring.SystemPrompter"));

  /* Listing still asks nothing. */
  g_assert_true (load (accounts, &error));
  g_assert_no_error (error);
  g_assert_false (dial_test_bus_name_has_owner (bus, "org.gnome.keyring.SystemPrompter"));

  /* Reading ahead quietly: locked, said at once, and no prompt. */
  started = g_get_monotonic_time ();
  read_secret = lookup_quietly (accounts, stored, &error);
  elapsed_msec = (g_get_monotonic_time () - started) / 1000;
  g_assert_null (read_secret);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_assert_cmpint (elapsed_msec, <, ERROR_TIMEOUT_MSEC);
  g_assert_false (dial_test_bus_name_has_owner (bus, "org.gnome.keyring.SystemPrompter"));
  g_clear_error (&error);

  dial_accounts_set_timeout (accounts, PROMPT_TEST_TIMEOUT_MSEC);
  started = g_get_monotonic_time ();
  read_secret = lookup (accounts, stored, &error);
  elapsed_msec = (g_get_monotonic_time () - started) / 1000;
  g_assert_null (read_secret);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_test_message ("lookup waited %" G_GINT64_FORMAT " ms on the prompt", elapsed_msec);
  /* The prompt was really asked for (the prompter, a GTK program, may still be starting on a
   * busy machine), and the call got the prompt's limit, not the usual one. */
  wait_for_prompter (bus);
  g_assert_cmpint (elapsed_msec, >=, PROMPT_TIMEOUT_MSEC - 100);
  g_assert_cmpint (elapsed_msec, <, PROMPT_TIMEOUT_MSEC + SLACK_MSEC);
  g_clear_error (&error);

  started = g_get_monotonic_time ();
  account = store (accounts, "locked1", secret, "Locked keyring", &error);
  elapsed_msec = (g_get_monotonic_time () - started) / 1000;
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_test_message ("store waited %" G_GINT64_FORMAT " ms on the prompt", elapsed_msec);
  g_assert_cmpint (elapsed_msec, >=, PROMPT_TIMEOUT_MSEC - 100);
  g_assert_cmpint (elapsed_msec, <, PROMPT_TIMEOUT_MSEC + SLACK_MSEC);
  g_clear_error (&error);
  assert_session_only (accounts, account, "locked1", secret);
  assert_model_consistent (accounts, mirror);

  /* Giving up did not dismiss the prompt: dismissing an unlock prompt crashes this
   * gnome-keyring. It is still there, and so is the keyring. */
  g_assert_true (dial_test_bus_name_has_owner (bus, "org.gnome.keyring.SystemPrompter"));
  g_assert_true (dial_test_bus_name_has_owner (bus, "org.freedesktop.secrets"));

  dial_test_assert_secret_nowhere (secret, NULL);
  dial_test_assert_secret_nowhere (stored_secret, NULL);

  g_clear_pointer (&mirror, mirror_free);
  g_clear_object (&stored);
  g_clear_object (&account);
  g_assert_finalize_object (g_steal_pointer (&accounts));
}

static void
test_locked_prompt (void)
{
  if (g_test_subprocess ())
    {
      run_locked_prompt ();
      return;
    }

  trap_subprocess_ignoring_libsecret_leaks ();
  g_test_trap_assert_passed ();
}

/* A keyring service with no keyring in it (as on a system where the login keyring was never
 * made), which cannot ask for a password to make one: it refuses to store. */
static void
run_refusing (void)
{
  g_autoptr(DialTestBus) bus = dial_test_bus_new ("");
  g_autoptr(DialAccounts) accounts = dial_accounts_new ();
  g_autoptr(Mirror) mirror = mirror_new (accounts);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *secret = random_token ("secret");
  g_autoptr(DialAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;

  dial_accounts_set_timeout (accounts, ERROR_TIMEOUT_MSEC);

  /* Listing works: there is nothing. */
  g_assert_true (load (accounts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ==, 0);

  started = g_get_monotonic_time ();
  account = store (accounts, "refused1", secret, "Refused", &error);
  assert_error_in_time (error, started, ERROR_TIMEOUT_MSEC);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "refused"));
  g_assert_nonnull (strstr (error->message, "until you quit"));
  g_clear_error (&error);
  assert_session_only (accounts, account, "refused1", secret);
  assert_model_consistent (accounts, mirror);
  dial_accounts_remember_last (accounts, settings, account);

  /* Nothing reached the keyring. */
  g_assert_true (load (accounts, &error));
  g_assert_no_error (error);
  g_assert_true (dial_accounts_find (accounts, "refused1") == account);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ==, 1);

  dial_test_assert_secret_nowhere (secret, settings);

  g_clear_pointer (&mirror, mirror_free);
  g_clear_object (&account);
  g_assert_finalize_object (g_steal_pointer (&accounts));
}

static void
test_refusing (void)
{
  if (g_test_subprocess ())
    {
      run_refusing ();
      return;
    }

  trap_subprocess_ignoring_libsecret_leaks ();
  g_test_trap_assert_passed ();
}

/* In German (po/de.po): the label a person sees in GNOME Passwords, and the errors. */
static void
run_german (void)
{
  g_autoptr(DialTestBus) bus = NULL;
  g_autoptr(DialAccounts) accounts = NULL;
  g_autofree char *secret = random_token ("secret");
  g_autoptr(DialAccount) stored = NULL;
  g_autoptr(DialAccount) account = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DIAL_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  bus = dial_test_bus_new ("ein Schlüsselbundpasswort");
  accounts = dial_accounts_new ();
  dial_accounts_set_timeout (accounts, ERROR_TIMEOUT_MSEC);

  stored = store (accounts, "buero1", secret, "Büro Köln", &error);
  g_assert_no_error (error);
  items = keyring_items ("buero1");
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (((KeyringItem *) g_ptr_array_index (items, 0))->label, ==,
                   "Vonage-Konto „Büro Köln“ (Dialtone)");

  dial_test_bus_lock_keyring (bus);
  account = store (accounts, "gesperrt1", secret, "Gesperrt", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_cmpstr (error->message, ==,
                   "Das Konto konnte nicht im Schlüsselbund gespeichert werden. "
                   "Der Schlüsselbund ist gesperrt. "
                   "Sie können das Konto verwenden, bis Sie Dialtone beenden.");
  g_assert_true (dial_account_get_session_only (account));

  g_clear_object (&stored);
  g_clear_object (&account);
  g_assert_finalize_object (g_steal_pointer (&accounts));
}

static void
test_german (void)
{
  if (g_test_subprocess ())
    {
      run_german ();
      return;
    }

  trap_subprocess_ignoring_libsecret_leaks ();
  g_test_trap_assert_passed ();
}

/* A keyring that owns its name but never answers (as a hung daemon, or a prompt nobody answers):
 * every call ends at its time limit, and nothing waits past it. */
static void
run_not_answering (void)
{
  g_autoptr(DialTestBus) bus = dial_test_bus_new ("a keyring password");
  g_autoptr(DialAccounts) accounts = dial_accounts_new ();
  g_autoptr(Mirror) mirror = mirror_new (accounts);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *stored_secret = random_token ("secret");
  g_autofree char *secret = random_token ("secret");
  g_autofree char *read_secret = NULL;
  g_autoptr(DialAccount) stored = NULL;
  g_autoptr(DialAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;

  dial_accounts_set_timeout (accounts, ERROR_TIMEOUT_MSEC);

  stored = store (accounts, "stored1", stored_secret, "Stored before", &error);
  g_assert_no_error (error);

  dial_test_bus_freeze_keyring (bus, TRUE);
  dial_accounts_set_timeout (accounts, SHORT_TIMEOUT_MSEC);

  started = g_get_monotonic_time ();
  g_assert_false (load (accounts, &error));
  assert_error_in_time (error, started, SHORT_TIMEOUT_MSEC);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "in time"));
  g_clear_error (&error);

  started = g_get_monotonic_time ();
  read_secret = lookup (accounts, stored, &error);
  g_assert_null (read_secret);
  assert_error_in_time (error, started, SHORT_TIMEOUT_MSEC);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_clear_error (&error);

  started = g_get_monotonic_time ();
  account = store (accounts, "frozen1", secret, "Keyring not answering", &error);
  assert_error_in_time (error, started, SHORT_TIMEOUT_MSEC);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_clear_error (&error);
  assert_session_only (accounts, account, "frozen1", secret);
  dial_accounts_remember_last (accounts, settings, account);

  /* Forgetting a stored account needs the keyring: it stays, and the error says why. */
  started = g_get_monotonic_time ();
  g_assert_false (forget (accounts, stored, &error));
  assert_error_in_time (error, started, SHORT_TIMEOUT_MSEC);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_clear_error (&error);
  g_assert_true (dial_accounts_find (accounts, "stored1") == stored);
  assert_model_consistent (accounts, mirror);

  /* The keyring wakes up and answers what was abandoned: the answers are dropped, and the
   * keyring works again. */
  dial_test_bus_freeze_keyring (bus, FALSE);
  dial_accounts_set_timeout (accounts, ERROR_TIMEOUT_MSEC);
  g_clear_pointer (&read_secret, g_free);
  read_secret = lookup (accounts, stored, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read_secret, ==, stored_secret);
  assert_model_consistent (accounts, mirror);

  dial_test_assert_secret_nowhere (secret, settings);
  dial_test_assert_secret_nowhere (stored_secret, settings);

  g_clear_pointer (&mirror, mirror_free);
  g_clear_object (&stored);
  g_clear_object (&account);
  g_assert_finalize_object (g_steal_pointer (&accounts));
}

static void
test_not_answering (void)
{
  if (g_test_subprocess ())
    {
      run_not_answering ();
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int argc, char *argv[])
{
  dial_test_init_leak_checks ();
  /* English, whatever the machine's language, unless a test switches. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/accounts/store/read-back", test_store_read_back);
  g_test_add_func ("/accounts/store/replace", test_store_replace);
  g_test_add_func ("/accounts/two-accounts", test_two_accounts);
  g_test_add_func ("/accounts/cancelled", test_cancelled);
  g_test_add_func ("/accounts/no-secret-leak", test_no_secret_leak);
  g_test_add_func ("/accounts/no-service", test_no_service);
  g_test_add_func ("/accounts/locked", test_locked);
  g_test_add_func ("/accounts/locked-prompt", test_locked_prompt);
  g_test_add_func ("/accounts/refusing", test_refusing);
  g_test_add_func ("/accounts/german", test_german);
  g_test_add_func ("/accounts/not-answering", test_not_answering);

  return g_test_run ();
}
