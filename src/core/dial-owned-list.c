/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-owned-list"

#include "config.h"

#include "dial-client-private.h"
#include "dial-number.h"
#include "dial-owned-list.h"

struct _DialOwnedList
{
  GObject       parent_instance;

  DialClient   *client;
  GPtrArray    *items;        /* DialNumber */
  GHashTable   *by_msisdn;    /* msisdn (owned by the number) -> DialNumber */
  GCancellable *cancellable;  /* of the current load */
  GError       *error;
  guint         total;
  gboolean      loading;
};

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_LOADING,
  PROP_N_LOADED,
  PROP_TOTAL,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DialOwnedList, dial_owned_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* A load outlives neither the list nor a reload: it holds the list weakly and only acts while
 * its cancellable is still the list's. */
typedef struct
{
  GWeakRef      list;
  GCancellable *cancellable;
} Load;

static void
load_free (Load *load)
{
  g_weak_ref_clear (&load->list);
  g_clear_object (&load->cancellable);
  g_free (load);
}

static DialOwnedList *
load_get_list (Load *load)
{
  DialOwnedList *self = g_weak_ref_get (&load->list);

  if (self != NULL && self->cancellable != load->cancellable)
    g_clear_object (&self);

  return self;
}

static void
set_loading (DialOwnedList *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_total (DialOwnedList *self,
           guint          total)
{
  if (self->total == total)
    return;

  self->total = total;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
}

static void
set_error (DialOwnedList *self,
           const GError  *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
on_pages (GPtrArray *numbers,
          guint      position,
          guint      n_added,
          guint      total,
          gpointer   user_data)
{
  g_autoptr(DialOwnedList) self = load_get_list (user_data);
  guint first = 0;

  if (self == NULL)
    return;

  first = self->items->len;
  for (guint i = position; i < position + n_added; i++)
    {
      DialNumber *number = g_ptr_array_index (numbers, i);
      const char *msisdn = dial_number_get_msisdn (number);

      /* Already added by dial_owned_list_add() while loading. */
      if (g_hash_table_contains (self->by_msisdn, msisdn))
        continue;

      g_ptr_array_add (self->items, g_object_ref (number));
      g_hash_table_insert (self->by_msisdn, (gpointer) msisdn, number);
    }

  if (self->items->len > first)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), first, 0, self->items->len - first);
      /* A handler may have started another load: this one has nothing more to say. */
      if (self->cancellable != ((Load *) user_data)->cancellable)
        return;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
    }
  set_total (self, total);
}

static void
on_list_all_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Load *load = user_data;
  g_autoptr(DialOwnedList) self = load_get_list (load);
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GError) error = NULL;

  numbers = dial_client_list_all_owned_finish (DIAL_CLIENT (source), result, &error);
  load_free (load);

  if (self == NULL)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("Loading the owned numbers failed: %s", error->message);
      set_error (self, error);
    }
  set_loading (self, FALSE);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
dial_owned_list_dispose (GObject *object)
{
  DialOwnedList *self = (DialOwnedList *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (dial_owned_list_parent_class)->dispose (object);
}

static void
dial_owned_list_finalize (GObject *object)
{
  DialOwnedList *self = (DialOwnedList *) object;

  g_clear_pointer (&self->by_msisdn, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (dial_owned_list_parent_class)->finalize (object);
}

static void
dial_owned_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DialOwnedList *self = DIAL_OWNED_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_N_LOADED:
      g_value_set_uint (value, self->items->len);
      break;
    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_owned_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DialOwnedList *self = DIAL_OWNED_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_owned_list_class_init (DialOwnedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dial_owned_list_dispose;
  object_class->finalize = dial_owned_list_finalize;
  object_class->get_property = dial_owned_list_get_property;
  object_class->set_property = dial_owned_list_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         DIAL_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_LOADED] =
    g_param_spec_uint ("n-loaded", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dial_owned_list_init (DialOwnedList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_msisdn = g_hash_table_new (g_str_hash, g_str_equal);
}

static GType
dial_owned_list_get_item_type (GListModel *model)
{
  return DIAL_TYPE_NUMBER;
}

static guint
dial_owned_list_get_n_items (GListModel *model)
{
  return DIAL_OWNED_LIST (model)->items->len;
}

static gpointer
dial_owned_list_get_item (GListModel *model,
                          guint       position)
{
  DialOwnedList *self = DIAL_OWNED_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = dial_owned_list_get_item_type;
  iface->get_n_items = dial_owned_list_get_n_items;
  iface->get_item = dial_owned_list_get_item;
}

DialOwnedList *
dial_owned_list_new (DialClient *client)
{
  g_return_val_if_fail (DIAL_IS_CLIENT (client), NULL);

  return g_object_new (DIAL_TYPE_OWNED_LIST, "client", client, NULL);
}

void
dial_owned_list_load (DialOwnedList        *self,
                      const DialOwnedQuery *query)
{
  Load *load;
  guint removed;

  g_return_if_fail (DIAL_IS_OWNED_LIST (self));
  g_return_if_fail (self->client != NULL);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_object_freeze_notify (G_OBJECT (self));

  removed = self->items->len;
  g_hash_table_remove_all (self->by_msisdn);
  g_ptr_array_set_size (self->items, 0);
  if (removed > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
    }
  set_total (self, 0);
  set_error (self, NULL);
  set_loading (self, TRUE);

  load = g_new0 (Load, 1);
  g_weak_ref_init (&load->list, self);
  load->cancellable = g_object_ref (self->cancellable);

  /* The query is copied (validated) by the client before this returns. */
  dial_client_list_all_owned_full_async (self->client, query, NULL, NULL, on_pages, load,
                                         self->cancellable, on_list_all_done, load);

  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
dial_owned_list_get_loading (DialOwnedList *self)
{
  g_return_val_if_fail (DIAL_IS_OWNED_LIST (self), FALSE);

  return self->loading;
}

guint
dial_owned_list_get_n_loaded (DialOwnedList *self)
{
  g_return_val_if_fail (DIAL_IS_OWNED_LIST (self), 0);

  return self->items->len;
}

guint
dial_owned_list_get_total (DialOwnedList *self)
{
  g_return_val_if_fail (DIAL_IS_OWNED_LIST (self), 0);

  return self->total;
}

const GError *
dial_owned_list_get_error (DialOwnedList *self)
{
  g_return_val_if_fail (DIAL_IS_OWNED_LIST (self), NULL);

  return self->error;
}

void
dial_owned_list_add (DialOwnedList *self,
                     DialNumber    *number)
{
  const char *msisdn;
  guint position;

  g_return_if_fail (DIAL_IS_OWNED_LIST (self));
  g_return_if_fail (DIAL_IS_NUMBER (number));

  msisdn = dial_number_get_msisdn (number);

  /* Known already: the new object replaces the old one in place. */
  if (dial_owned_list_find (self, msisdn, &position) != NULL)
    {
      DialNumber *old = g_ptr_array_index (self->items, position);

      g_ptr_array_index (self->items, position) = g_object_ref (number);
      g_hash_table_replace (self->by_msisdn, (gpointer) msisdn, number);
      g_object_unref (old);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
      return;
    }

  g_ptr_array_add (self->items, g_object_ref (number));
  g_hash_table_insert (self->by_msisdn, (gpointer) msisdn, number);

  g_object_freeze_notify (G_OBJECT (self));
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
  set_total (self, self->total + 1);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
dial_owned_list_remove (DialOwnedList *self,
                        const char    *msisdn)
{
  guint position;

  g_return_val_if_fail (DIAL_IS_OWNED_LIST (self), FALSE);
  g_return_val_if_fail (msisdn != NULL, FALSE);

  if (dial_owned_list_find (self, msisdn, &position) == NULL)
    return FALSE;

  g_hash_table_remove (self->by_msisdn, msisdn);
  g_ptr_array_remove_index (self->items, position);

  g_object_freeze_notify (G_OBJECT (self));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
  if (self->total > 0)
    set_total (self, self->total - 1);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

DialNumber *
dial_owned_list_find (DialOwnedList *self,
                      const char    *msisdn,
                      guint         *out_position)
{
  DialNumber *number;
  guint position;

  g_return_val_if_fail (DIAL_IS_OWNED_LIST (self), NULL);
  g_return_val_if_fail (msisdn != NULL, NULL);

  number = g_hash_table_lookup (self->by_msisdn, msisdn);
  if (number == NULL)
    return NULL;

  if (!g_ptr_array_find (self->items, number, &position))
    g_assert_not_reached ();

  if (out_position != NULL)
    *out_position = position;

  return number;
}
