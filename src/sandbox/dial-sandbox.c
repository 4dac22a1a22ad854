/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-sandbox"

#include "config.h"

#include <string.h>

#include "dial-sandbox-private.h"

/*
 * DialSandbox: the object, its numbers and the public API. The request path lives in
 * dial-sandbox-request.c (latency, faults, control endpoint), the endpoints in
 * dial-sandbox-api.c, the catalogue in dial-sandbox-catalogue.c, the state file in
 * dial-sandbox-state.c.
 */

enum
{
  PROP_0,
  PROP_LATENCY,
  PROP_WEBHOOK_CHECK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DialSandbox, dial_sandbox, G_TYPE_OBJECT)

/* Index of @msisdn in the sorted @array, or where it would go (*found = FALSE). */
static guint
sorted_find (GPtrArray  *array,
             const char *msisdn,
             gboolean   *found)
{
  guint lo = 0, hi = array->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int cmp = strcmp (((SandboxNumber *) g_ptr_array_index (array, mid))->msisdn, msisdn);

      if (cmp == 0)
        {
          *found = TRUE;
          return mid;
        }
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  *found = FALSE;
  return lo;
}

void
sandbox_insert_owned (DialSandbox   *self,
                      SandboxNumber *number)
{
  gboolean found;
  guint index = sorted_find (self->owned, number->msisdn, &found);

  g_assert (!found);
  g_ptr_array_insert (self->owned, index, number);
  g_hash_table_insert (self->owned_by_msisdn, number->msisdn, number);
}

SandboxNumber *
sandbox_steal_owned (DialSandbox *self,
                     const char  *msisdn)
{
  gboolean found;
  guint index = sorted_find (self->owned, msisdn, &found);
  SandboxNumber *number;

  if (!found)
    return NULL;
  number = g_ptr_array_steal_index (self->owned, index);
  g_hash_table_remove (self->owned_by_msisdn, number->msisdn);
  return number;
}

void
sandbox_insert_available (DialSandbox   *self,
                          SandboxNumber *number)
{
  GPtrArray *numbers = g_hash_table_lookup (self->catalogue, number->country);
  gboolean found;
  guint index;

  if (numbers == NULL)
    {
      numbers = g_ptr_array_new_with_free_func ((GDestroyNotify) sandbox_number_free);
      g_hash_table_insert (self->catalogue, g_strdup (number->country), numbers);
    }
  index = sorted_find (numbers, number->msisdn, &found);
  g_assert (!found);
  g_ptr_array_insert (numbers, index, number);
  g_hash_table_insert (self->available, number->msisdn, number);
}

SandboxNumber *
sandbox_steal_available (DialSandbox *self,
                         const char  *msisdn)
{
  SandboxNumber *number = g_hash_table_lookup (self->available, msisdn);
  GPtrArray *numbers;
  gboolean found;
  guint index;

  if (number == NULL)
    return NULL;
  numbers = g_hash_table_lookup (self->catalogue, number->country);
  index = sorted_find (numbers, msisdn, &found);
  g_assert (found);
  g_hash_table_remove (self->available, msisdn);
  return g_ptr_array_steal_index (numbers, index);
}

void
sandbox_state_changed (DialSandbox *self)
{
  if (self->state_writer != NULL)
    sandbox_state_writer_push (self->state_writer, sandbox_state_serialize (self));
}

SoupServer *
sandbox_get_server (DialSandbox *self)
{
  return self->server;
}

static void
dial_sandbox_dispose (GObject *object)
{
  DialSandbox *self = DIAL_SANDBOX (object);

  if (self->server != NULL)
    {
      GHashTableIter iter;
      gpointer req;

      soup_server_disconnect (self->server);
      g_hash_table_iter_init (&iter, self->pending);
      while (g_hash_table_iter_next (&iter, &req, NULL))
        sandbox_request_abandon (req);
      g_hash_table_remove_all (self->pending);
      g_clear_object (&self->server);
    }
  if (self->webhook_session != NULL)
    soup_session_abort (self->webhook_session);
  g_clear_object (&self->webhook_session);
  g_clear_pointer (&self->state_writer, sandbox_state_writer_free);

  G_OBJECT_CLASS (dial_sandbox_parent_class)->dispose (object);
}

static void
dial_sandbox_finalize (GObject *object)
{
  DialSandbox *self = DIAL_SANDBOX (object);

  g_free (self->api_key);
  g_free (self->api_secret);
  g_free (self->state_path);
  g_free (self->last_uri);
  g_hash_table_unref (self->pending);
  g_hash_table_unref (self->available);
  g_hash_table_unref (self->catalogue);
  g_hash_table_unref (self->owned_by_msisdn);
  g_ptr_array_unref (self->owned);
  g_hash_table_unref (self->needs_address);
  g_hash_table_unref (self->withdrawn);
  g_hash_table_unref (self->returned);
  g_hash_table_unref (self->purchases);
  g_hash_table_unref (self->request_counts);
  g_hash_table_unref (self->last_requests);
  g_queue_clear_full (&self->faults, (GDestroyNotify) sandbox_fault_entry_free);

  G_OBJECT_CLASS (dial_sandbox_parent_class)->finalize (object);
}

static void
dial_sandbox_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DialSandbox *self = DIAL_SANDBOX (object);

  switch (prop_id)
    {
    case PROP_LATENCY:
      g_value_set_uint (value, self->latency);
      break;
    case PROP_WEBHOOK_CHECK:
      g_value_set_boolean (value, self->webhook_check);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_sandbox_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DialSandbox *self = DIAL_SANDBOX (object);

  switch (prop_id)
    {
    case PROP_LATENCY:
      dial_sandbox_set_latency (self, g_value_get_uint (value));
      break;
    case PROP_WEBHOOK_CHECK:
      dial_sandbox_set_webhook_check (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_sandbox_class_init (DialSandboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dial_sandbox_dispose;
  object_class->finalize = dial_sandbox_finalize;
  object_class->get_property = dial_sandbox_get_property;
  object_class->set_property = dial_sandbox_set_property;

  properties[PROP_LATENCY] =
    g_param_spec_uint ("latency", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_WEBHOOK_CHECK] =
    g_param_spec_boolean ("webhook-check", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dial_sandbox_init (DialSandbox *self)
{
  self->api_key = g_strdup (DIAL_SANDBOX_DEFAULT_API_KEY);
  self->api_secret = g_strdup (DIAL_SANDBOX_DEFAULT_API_SECRET);
  self->balance = 25 * SANDBOX_MONEY_SCALE;
  self->server = soup_server_new ("server-header", "dialtone-sandbox", NULL);
  soup_server_add_handler (self->server, NULL, sandbox_server_callback, self, NULL);

  self->catalogue = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_ptr_array_unref);
  self->available = g_hash_table_new (g_str_hash, g_str_equal);
  self->owned = g_ptr_array_new_with_free_func ((GDestroyNotify) sandbox_number_free);
  self->owned_by_msisdn = g_hash_table_new (g_str_hash, g_str_equal);
  self->needs_address = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->withdrawn = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->returned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->purchases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->request_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->last_requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->pending = g_hash_table_new_full (g_direct_hash, g_direct_equal,
                                         (GDestroyNotify) sandbox_request_unref, NULL);
  g_queue_init (&self->faults);

  for (const char * const *c = sandbox_default_address_countries (); *c != NULL; c++)
    g_hash_table_add (self->needs_address, g_strdup (*c));
}

DialSandbox *
dial_sandbox_new (guint64 seed,
                  guint   n_owned)
{
  DialSandbox *self = g_object_new (DIAL_TYPE_SANDBOX, NULL);
  GHashTableIter iter;
  gpointer value;

  self->seed = seed;
  sandbox_generate (seed, n_owned, self->catalogue, self->owned);
  g_ptr_array_sort (self->owned, sandbox_number_compare);
  for (guint i = 0; i < self->owned->len; i++)
    {
      SandboxNumber *number = g_ptr_array_index (self->owned, i);

      g_hash_table_insert (self->owned_by_msisdn, number->msisdn, number);
    }
  g_hash_table_iter_init (&iter, self->catalogue);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *numbers = value;

      for (guint i = 0; i < numbers->len; i++)
        {
          SandboxNumber *number = g_ptr_array_index (numbers, i);

          g_hash_table_insert (self->available, number->msisdn, number);
        }
    }
  return self;
}

void
dial_sandbox_set_credentials (DialSandbox *self,
                              const char  *api_key,
                              const char  *api_secret)
{
  g_return_if_fail (DIAL_IS_SANDBOX (self));
  g_return_if_fail (api_key != NULL && *api_key != '\0');
  g_return_if_fail (api_secret != NULL && *api_secret != '\0');

  g_free (self->api_key);
  self->api_key = g_strdup (api_key);
  g_free (self->api_secret);
  self->api_secret = g_strdup (api_secret);
}

gboolean
dial_sandbox_set_state_file (DialSandbox  *self,
                             const char   *path,
                             GError      **error)
{
  g_return_val_if_fail (DIAL_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_EXISTS) && !sandbox_state_load (self, path, error))
    return FALSE;

  g_clear_pointer (&self->state_writer, sandbox_state_writer_free);
  g_free (self->state_path);
  self->state_path = g_strdup (path);
  self->state_writer = sandbox_state_writer_new (path);
  return TRUE;
}

gboolean
dial_sandbox_listen (DialSandbox  *self,
                     guint         port,
                     GError      **error)
{
  g_return_val_if_fail (DIAL_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return soup_server_listen_local (self->server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error);
}

char *
dial_sandbox_get_url (DialSandbox *self)
{
  GSList *uris;
  char *url = NULL;

  g_return_val_if_fail (DIAL_IS_SANDBOX (self), NULL);

  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}

void
dial_sandbox_disconnect (DialSandbox *self)
{
  g_return_if_fail (DIAL_IS_SANDBOX (self));

  soup_server_disconnect (self->server);
}

void
dial_sandbox_set_latency (DialSandbox *self,
                          guint        msec)
{
  g_return_if_fail (DIAL_IS_SANDBOX (self));

  if (self->latency == msec)
    return;
  self->latency = msec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATENCY]);
}

void
dial_sandbox_set_webhook_check (DialSandbox *self,
                                gboolean     check)
{
  g_return_if_fail (DIAL_IS_SANDBOX (self));

  check = !!check;
  if (self->webhook_check == check)
    return;
  self->webhook_check = check;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEBHOOK_CHECK]);
}

void
dial_sandbox_set_balance (DialSandbox *self,
                          const char  *decimal)
{
  gint64 value;

  g_return_if_fail (DIAL_IS_SANDBOX (self));
  g_return_if_fail (sandbox_money_parse (decimal, &value));

  self->balance = value;
  sandbox_state_changed (self);
}

char *
dial_sandbox_get_balance (DialSandbox *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (DIAL_IS_SANDBOX (self), NULL);

  sandbox_money_append_balance (out, self->balance);
  return g_string_free (out, FALSE);
}

void
dial_sandbox_inject_fault (DialSandbox      *self,
                           DialSandboxFault  fault,
                           guint             count,
                           const char       *path,
                           guint             param)
{
  SandboxFaultEntry *entry;

  g_return_if_fail (DIAL_IS_SANDBOX (self));
  g_return_if_fail (fault > DIAL_SANDBOX_FAULT_NONE && fault <= DIAL_SANDBOX_FAULT_SLOW);

  if (count == 0)
    return;
  entry = g_new0 (SandboxFaultEntry, 1);
  entry->fault = fault;
  entry->count = count;
  entry->path = g_strdup (path);
  entry->param = param;
  g_queue_push_tail (&self->faults, entry);
}

void
dial_sandbox_clear_faults (DialSandbox *self)
{
  g_return_if_fail (DIAL_IS_SANDBOX (self));

  g_queue_clear_full (&self->faults, (GDestroyNotify) sandbox_fault_entry_free);
  g_queue_init (&self->faults);
}

guint
dial_sandbox_get_request_count (DialSandbox *self,
                                const char  *path)
{
  g_return_val_if_fail (DIAL_IS_SANDBOX (self), 0);

  if (path == NULL)
    return self->n_requests;
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->request_counts, path));
}

guint
dial_sandbox_get_max_concurrent_requests (DialSandbox *self)
{
  g_return_val_if_fail (DIAL_IS_SANDBOX (self), 0);

  return self->max_pending;
}

void
dial_sandbox_reset_max_concurrent_requests (DialSandbox *self)
{
  g_return_if_fail (DIAL_IS_SANDBOX (self));

  self->max_pending = g_hash_table_size (self->pending);
}

char *
dial_sandbox_get_last_request (DialSandbox *self,
                               const char  *path)
{
  g_return_val_if_fail (DIAL_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return g_strdup (g_hash_table_lookup (self->last_requests, path));
}

char *
dial_sandbox_get_last_uri (DialSandbox *self)
{
  g_return_val_if_fail (DIAL_IS_SANDBOX (self), NULL);

  return g_strdup (self->last_uri);
}

guint
dial_sandbox_get_n_owned (DialSandbox *self)
{
  g_return_val_if_fail (DIAL_IS_SANDBOX (self), 0);

  return self->owned->len;
}

char *
dial_sandbox_get_owned_json (DialSandbox *self,
                             const char  *msisdn)
{
  SandboxNumber *number;
  GString *out;

  g_return_val_if_fail (DIAL_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (msisdn != NULL, NULL);

  number = g_hash_table_lookup (self->owned_by_msisdn, msisdn);
  if (number == NULL)
    return NULL;
  out = g_string_new (NULL);
  sandbox_json_append_number (out, number, SANDBOX_JSON_OWNED);
  return g_string_free (out, FALSE);
}

gboolean
dial_sandbox_add_owned_json (DialSandbox  *self,
                             const char   *json,
                             GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  SandboxNumber *number;
  JsonNode *root;

  g_return_val_if_fail (DIAL_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Not a JSON object");
      return FALSE;
    }
  number = sandbox_json_read_number (json_node_get_object (root), error);
  if (number == NULL)
    return FALSE;
  if (g_hash_table_contains (self->owned_by_msisdn, number->msisdn))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "%s is already owned", number->msisdn);
      sandbox_number_free (number);
      return FALSE;
    }
  sandbox_number_free (sandbox_steal_available (self, number->msisdn));
  sandbox_insert_owned (self, number);
  sandbox_state_changed (self);
  return TRUE;
}

guint
dial_sandbox_get_purchase_count (DialSandbox *self,
                                 const char  *msisdn)
{
  g_return_val_if_fail (DIAL_IS_SANDBOX (self), 0);
  g_return_val_if_fail (msisdn != NULL, 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->purchases, msisdn));
}

void
dial_sandbox_set_country_needs_address (DialSandbox *self,
                                        const char  *country,
                                        gboolean     needs)
{
  g_return_if_fail (DIAL_IS_SANDBOX (self));
  g_return_if_fail (country != NULL);

  if (needs)
    g_hash_table_add (self->needs_address, g_strdup (country));
  else
    g_hash_table_remove (self->needs_address, country);
}

void
dial_sandbox_withdraw_available (DialSandbox *self,
                                 const char  *msisdn)
{
  SandboxNumber *number;

  g_return_if_fail (DIAL_IS_SANDBOX (self));
  g_return_if_fail (msisdn != NULL);

  number = sandbox_steal_available (self, msisdn);
  if (number == NULL)
    return;
  g_hash_table_remove (self->returned, msisdn);
  g_hash_table_add (self->withdrawn, g_strdup (msisdn));
  sandbox_number_free (number);
  sandbox_state_changed (self);
}
