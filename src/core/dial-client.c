/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dial-client-private.h"
#include "dial-error.h"
#include "dial-number.h"
#include "dial-validate.h"

/*
 * DialClient: its properties and operations. The request queue (throttling, retries, error
 * mapping) is in dial-client-queue.c; forms and answer bodies in dial-client-forms.c.
 */

#define DEFAULT_TIMEOUT_SECONDS    30
#define DEFAULT_TRANSIENT_RETRIES  2
#define DEFAULT_THROTTLE_RETRIES   4
#define DEFAULT_BASE_DELAY_MS      500
/* More pages than this (10 million numbers) is an absurd count, not a listing to start. */
#define MAX_PAGES                  100000

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_API_KEY,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DialClient, dial_client, G_TYPE_OBJECT)

static void drop_prefetch (DialClient *self);

/* GObject */

static void
dial_client_finalize (GObject *object)
{
  DialClient *self = (DialClient *) object;

  dial_client_queue_finalize (self);
  g_assert (self->prefetch_cancellable == NULL);
  g_assert (self->prefetch_waiter == NULL);
  g_clear_object (&self->prefetched);
  dial_client_thread_stop (self);
  g_clear_object (&self->session);
  dial_client_thread_free (self);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->api_key, g_free);
  if (self->auth_header != NULL)
    memset (self->auth_header, 0, strlen (self->auth_header));
  g_clear_pointer (&self->auth_header, g_free);

  G_OBJECT_CLASS (dial_client_parent_class)->finalize (object);
}

static void
dial_client_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DialClient *self = DIAL_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_API_KEY:
      g_value_set_string (value, self->api_key);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_client_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DialClient *self = DIAL_CLIENT (object);
  g_autoptr(GError) error = NULL;

  switch (prop_id)
    {
    case PROP_BASE_URL:
      if (!dial_client_set_base_url (self, g_value_get_string (value), &error))
        g_warning ("Ignoring base URL: %s", error->message);
      break;
    case PROP_TIMEOUT:
      dial_client_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_client_class_init (DialClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dial_client_finalize;
  object_class->get_property = dial_client_get_property;
  object_class->set_property = dial_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         DIAL_DEFAULT_BASE_URL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_API_KEY] =
    g_param_spec_string ("api-key", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, 600, DEFAULT_TIMEOUT_SECONDS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dial_client_init (DialClient *self)
{
  self->timeout = DEFAULT_TIMEOUT_SECONDS;
  self->max_transient_retries = DEFAULT_TRANSIENT_RETRIES;
  self->max_throttle_retries = DEFAULT_THROTTLE_RETRIES;
  self->base_delay_ms = DEFAULT_BASE_DELAY_MS;
  g_queue_init (&self->queue);

  /* One more connection than requests in flight: a POST never reuses a connection. */
  self->session = soup_session_new_with_options (
    "user-agent", "Dialtone/" PACKAGE_VERSION,
    "timeout", self->timeout,
    "idle-timeout", 60,
    "max-conns-per-host", DIAL_CLIENT_MAX_IN_FLIGHT + 1,
    "max-conns", 2 * (DIAL_CLIENT_MAX_IN_FLIGHT + 1),
    NULL);
  /* Credentials go in our own header; nothing should cache or prompt for them. */
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_AUTH_MANAGER);
  /* Before any request: the thread readies what the first one needs meanwhile. */
  dial_client_thread_start (self);

  self->base_url = g_strdup (DIAL_DEFAULT_BASE_URL);
  self->base_uri = g_uri_parse (DIAL_DEFAULT_BASE_URL, G_URI_FLAGS_ENCODED, NULL);
  g_assert (self->base_uri != NULL);
}

/* Public API */

DialClient *
dial_client_new (void)
{
  return g_object_new (DIAL_TYPE_CLIENT, NULL);
}

gboolean
dial_client_set_base_url (DialClient  *self,
                          const char  *base_url,
                          GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *path = NULL;
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (DIAL_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (base_url != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!dial_validate_base_url (base_url, error))
    return FALSE;

  uri = g_uri_parse (base_url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return dial_client_set_invalid_input (error, _("(The API address is not a valid URL.)"));

  /* Credentials never go in a URL, and a query or fragment has no place in a base. */
  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_propagate_error (error,
                         dial_client_error_new (DIAL_ERROR_INSECURE_URL, 0, NULL,
                                                _("(The address must not contain a user name "
                                                  "or password.)")));
      return FALSE;
    }
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    return dial_client_set_invalid_input (
      error, _("(The API address must not have a query or fragment.)"));

  path = g_strdup (g_uri_get_path (uri));
  while (*path != '\0' && path[strlen (path) - 1] == '/')
    path[strlen (path) - 1] = '\0';

  g_clear_pointer (&self->base_uri, g_uri_unref);
  self->base_uri = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL,
                                g_uri_get_host (uri), g_uri_get_port (uri), path, NULL, NULL);

  normalized = g_uri_to_string (self->base_uri);
  if (g_strcmp0 (normalized, self->base_url) != 0)
    {
      drop_prefetch (self);
      g_free (self->base_url);
      self->base_url = g_steal_pointer (&normalized);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
    }

  return TRUE;
}

const char *
dial_client_get_base_url (DialClient *self)
{
  g_return_val_if_fail (DIAL_IS_CLIENT (self), NULL);

  return self->base_url;
}

void
dial_client_set_credentials (DialClient *self,
                             const char *api_key,
                             const char *api_secret)
{
  g_autofree char *pair = NULL;
  g_autofree char *encoded = NULL;

  g_return_if_fail (DIAL_IS_CLIENT (self));

  drop_prefetch (self);
  if (self->auth_header != NULL)
    memset (self->auth_header, 0, strlen (self->auth_header));
  g_clear_pointer (&self->auth_header, g_free);

  if (api_key != NULL && api_secret != NULL)
    {
      pair = g_strconcat (api_key, ":", api_secret, NULL);
      encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
      self->auth_header = g_strconcat ("Basic ", encoded, NULL);
      memset (pair, 0, strlen (pair));
      memset (encoded, 0, strlen (encoded));
    }

  if (g_strcmp0 (self->api_key, api_key) != 0)
    {
      g_free (self->api_key);
      self->api_key = g_strdup (api_key);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_KEY]);
    }
}

const char *
dial_client_get_api_key (DialClient *self)
{
  g_return_val_if_fail (DIAL_IS_CLIENT (self), NULL);

  return self->api_key;
}

void
dial_client_set_timeout (DialClient *self,
                         guint       seconds)
{
  g_return_if_fail (DIAL_IS_CLIENT (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/* One page */

static void
list_page_async (DialClient          *self,
                 GHashTable          *filters,
                 guint                size,
                 guint                index,
                 int                  priority,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) form = dial_form_new ();
  GHashTableIter iter;
  gpointer key, value;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, list_page_async);
  g_task_set_priority (task, priority);

  g_hash_table_iter_init (&iter, filters);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (form, key, g_strdup (value));
  dial_form_add_uint (form, "size", size);
  dial_form_add_uint (form, "index", index);

  dial_client_submit (self, task, SOUP_METHOD_GET, "/account/numbers", g_steal_pointer (&form),
                      dial_client_handle_page);
}

void
dial_client_list_owned_async (DialClient           *self,
                              const DialOwnedQuery *query,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) form = NULL;
  GError *error = NULL;

  g_return_if_fail (DIAL_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dial_client_list_owned_async);
  g_task_set_priority (task, G_PRIORITY_DEFAULT_IDLE);

  form = dial_owned_query_to_form (query, &error);
  if (form == NULL ||
      !dial_form_add_page (form, query ? query->size : 0, query ? query->index : 0, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  dial_client_submit (self, task, SOUP_METHOD_GET, "/account/numbers", g_steal_pointer (&form),
                      dial_client_handle_page);
}

GPtrArray *
dial_client_list_owned_finish (DialClient    *self,
                               GAsyncResult  *result,
                               guint         *out_count,
                               GError       **error)
{
  DialPageResult *page;
  GPtrArray *numbers;

  g_return_val_if_fail (DIAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  page = g_task_propagate_pointer (G_TASK (result), error);
  if (page == NULL)
    return NULL;

  if (out_count != NULL)
    *out_count = page->count;
  numbers = g_steal_pointer (&page->numbers);
  dial_page_result_free (page);

  return numbers;
}

/* Every page */

typedef struct
{
  GHashTable       *filters;
  DialProgressFunc  progress;
  gpointer          progress_data;
  DialPagesFunc     pages;
  gpointer          pages_data;
  GCancellable     *cancellable;   /* ours: cancelled on the first failure */
  GCancellable     *caller_cancellable;
  gulong            caller_handler;
  guint             total;
  guint             n_pages;       /* known after the first page */
  guint             next_page;     /* the next index to request */
  guint             next_flush;    /* the next index to deliver in order */
  guint             n_outstanding;
  GSource          *refill;        /* requests the next pages, when the loop is idle */
  guint             n_received;
  GPtrArray       **received;      /* [n_pages + 1], by index, until delivered */
  GPtrArray        *numbers;       /* delivered, in API order */
  GHashTable       *seen;          /* msisdn (owned by the numbers) */
  GError           *error;
  GAsyncResult     *prefetched;    /* the first page, taken from the prefetch */
} ListAll;

typedef struct
{
  GTask *task;
  guint  index;
} ListAllPage;

static void
list_all_free (ListAll *state)
{
  if (state->refill != NULL)
    {
      /* Only when the main context went away without running it. */
      g_source_destroy (state->refill);
      g_clear_pointer (&state->refill, g_source_unref);
    }
  if (state->caller_handler != 0)
    g_signal_handler_disconnect (state->caller_cancellable, state->caller_handler);
  g_clear_object (&state->caller_cancellable);
  g_clear_object (&state->cancellable);
  g_clear_pointer (&state->filters, g_hash_table_unref);
  if (state->received != NULL)
    {
      for (guint i = 0; i <= state->n_pages; i++)
        g_clear_pointer (&state->received[i], g_ptr_array_unref);
      g_free (state->received);
    }
  g_clear_pointer (&state->seen, g_hash_table_unref);
  g_clear_pointer (&state->numbers, g_ptr_array_unref);
  g_clear_error (&state->error);
  g_clear_object (&state->prefetched);
  g_free (state);
}

static void on_list_all_page (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data);

/* The prefetched first page */

static void
on_prefetch_waiter_cancelled (GCancellable *cancellable,
                              gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
prefetch_forget_waiter (DialClient *self)
{
  ListAllPage *waiter = self->prefetch_waiter;

  if (waiter == NULL)
    return;

  if (self->prefetch_handler != 0)
    {
      ListAll *state = g_task_get_task_data (waiter->task);

      g_cancellable_disconnect (state->cancellable, self->prefetch_handler);
    }
  self->prefetch_handler = 0;
  self->prefetch_waiter = NULL;
}

static void
on_prefetched (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  DialClient *self = DIAL_CLIENT (source);
  g_autoptr(GCancellable) cancellable = user_data;
  ListAllPage *waiter = self->prefetch_waiter;

  /* Dropped while it was on its way: forgotten. */
  if (cancellable != self->prefetch_cancellable)
    return;

  g_clear_object (&self->prefetch_cancellable);
  prefetch_forget_waiter (self);

  if (waiter != NULL)
    {
      ListAll *state = g_task_get_task_data (waiter->task);

      /* A failure is not used: the listing asks for itself (unless it was cancelled). */
      if (g_task_had_error (G_TASK (result)) && !g_cancellable_is_cancelled (state->cancellable))
        list_page_async (self, state->filters, DIAL_PAGE_SIZE_MAX, 1, G_PRIORITY_DEFAULT_IDLE,
                         state->cancellable,
                         on_list_all_page, waiter);
      else
        on_list_all_page (source, result, waiter);
      return;
    }

  /* A failure is not kept: the listing asks again (and reports what it gets). */
  if (!g_task_had_error (G_TASK (result)))
    {
      g_set_object (&self->prefetched, result);
      self->prefetched_at = g_get_monotonic_time ();
    }
}

static gboolean
prefetched_is_fresh (DialClient *self)
{
  return g_get_monotonic_time () - self->prefetched_at <= DIAL_PREFETCH_MAX_AGE_S * G_USEC_PER_SEC;
}

void
dial_client_prefetch_owned (DialClient *self)
{
  g_autoptr(GHashTable) none = NULL;

  g_return_if_fail (DIAL_IS_CLIENT (self));

  if (self->prefetched != NULL && !prefetched_is_fresh (self))
    g_clear_object (&self->prefetched);
  if (self->auth_header == NULL || self->prefetch_cancellable != NULL || self->prefetched != NULL)
    return;

  none = dial_form_new ();
  self->prefetch_cancellable = g_cancellable_new ();
  /* For a window about to be shown: its answer is read at once, and handed over before a frame
   * (dial-client-queue.c), so that the window's first frame has the numbers if they are in by
   * then. A listing's pages come after frames. */
  list_page_async (self, none, DIAL_PAGE_SIZE_MAX, 1, G_PRIORITY_DEFAULT,
                   self->prefetch_cancellable, on_prefetched,
                   g_object_ref (self->prefetch_cancellable));
}

/* Not taken yet: gone (a new address or new credentials). */
static void
drop_prefetch (DialClient *self)
{
  g_clear_object (&self->prefetched);
  if (self->prefetch_cancellable != NULL && self->prefetch_waiter == NULL)
    {
      g_cancellable_cancel (self->prefetch_cancellable);
      g_clear_object (&self->prefetch_cancellable);
    }
}

static gboolean
on_prefetched_taken (gpointer user_data)
{
  ListAllPage *page = user_data;
  ListAll *state = g_task_get_task_data (page->task);
  DialClient *self = g_task_get_source_object (page->task);
  g_autoptr(GAsyncResult) result = g_steal_pointer (&state->prefetched);

  on_list_all_page (G_OBJECT (self), result, page);
  return G_SOURCE_REMOVE;
}

/* A listing's first page from the prefetch, if there is one to take. */
static gboolean
take_prefetch (DialClient  *self,
               ListAllPage *page)
{
  ListAll *state = g_task_get_task_data (page->task);

  if (self->prefetch_cancellable != NULL && self->prefetch_waiter == NULL)
    {
      /* On its way: this listing waits for it, and cancelling the listing cancels it. */
      self->prefetch_waiter = page;
      self->prefetch_handler = g_cancellable_connect (state->cancellable,
                                                      G_CALLBACK (on_prefetch_waiter_cancelled),
                                                      g_object_ref (self->prefetch_cancellable),
                                                      g_object_unref);
      return TRUE;
    }

  if (self->prefetched != NULL)
    {
      g_autoptr(GAsyncResult) result = g_steal_pointer (&self->prefetched);
      g_autoptr(GSource) source = NULL;

      if (!prefetched_is_fresh (self))
        return FALSE;

      /* Handed over from the main loop, as an answer to a first page would be. */
      state->prefetched = g_steal_pointer (&result);
      source = g_idle_source_new ();
      g_source_set_static_name (source, "[dial] take the prefetched page");
      g_source_set_callback (source, on_prefetched_taken, page, NULL);
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_attach (source, g_task_get_context (page->task));
      return TRUE;
    }

  return FALSE;
}

static void
list_all_request (GTask *task,
                  guint  index)
{
  ListAll *state = g_task_get_task_data (task);
  ListAllPage *page = g_new0 (ListAllPage, 1);
  DialClient *self = g_task_get_source_object (task);

  page->task = g_object_ref (task);
  page->index = index;
  state->n_outstanding++;

  if (index == 1 && g_hash_table_size (state->filters) == 0 && take_prefetch (self, page))
    return;

  list_page_async (self, state->filters, DIAL_PAGE_SIZE_MAX, index, G_PRIORITY_DEFAULT_IDLE,
                   state->cancellable,
                   on_list_all_page, page);
}

/* Delivers the pages that are now contiguous, in API order, skipping repeated numbers (a
 * number bought while the listing ran can shift one into two pages). */
static void
list_all_flush (ListAll *state)
{
  while (state->next_flush <= state->n_pages && state->received[state->next_flush] != NULL)
    {
      g_autoptr(GPtrArray) page = g_steal_pointer (&state->received[state->next_flush]);
      guint position = state->numbers->len;

      for (guint i = 0; i < page->len; i++)
        {
          DialNumber *number = g_ptr_array_index (page, i);
          const char *msisdn = dial_number_get_msisdn (number);

          if (!g_hash_table_add (state->seen, (gpointer) msisdn))
            continue;
          g_ptr_array_add (state->numbers, g_object_ref (number));
        }

      state->next_flush++;

      if (state->pages != NULL && state->numbers->len > position)
        state->pages (state->numbers, position, state->numbers->len - position, state->total,
                      state->pages_data);
    }
}

static void
list_all_maybe_return (GTask *task)
{
  ListAll *state = g_task_get_task_data (task);

  if (state->n_outstanding > 0 || state->refill != NULL)
    return;

  if (state->error != NULL)
    g_task_return_error (task, g_steal_pointer (&state->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&state->numbers),
                           (GDestroyNotify) g_ptr_array_unref);
}

static gboolean
list_all_refill (gpointer user_data)
{
  GTask *task = user_data;
  ListAll *state = g_task_get_task_data (task);

  g_clear_pointer (&state->refill, g_source_unref);

  /* Keep the queue full, but with no more than the in-flight limit of our own pages, so a
   * request the user makes meanwhile does not wait behind a hundred pages. */
  while (state->next_page <= state->n_pages &&
         state->n_outstanding < DIAL_CLIENT_MAX_IN_FLIGHT &&
         state->error == NULL &&
         !g_cancellable_is_cancelled (state->cancellable))
    list_all_request (task, state->next_page++);

  list_all_maybe_return (task);
  return G_SOURCE_REMOVE;
}

static void
on_list_all_page (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ListAllPage *page = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&page->task);
  ListAll *state = g_task_get_task_data (task);
  guint index = page->index;
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;

  g_free (page);
  state->n_outstanding--;

  numbers = dial_client_list_owned_finish (DIAL_CLIENT (source), result, &count, &error);
  /* A page that comes after the listing was cancelled (the prefetched one) is not used. */
  if (numbers != NULL && g_cancellable_set_error_if_cancelled (state->cancellable, &error))
    g_clear_pointer (&numbers, g_ptr_array_unref);

  if (numbers == NULL && state->error == NULL)
    {
      state->error = g_steal_pointer (&error);
      g_cancellable_cancel (state->cancellable);
    }

  if (numbers != NULL && state->error == NULL)
    {
      if (index == 1)
        {
          guint64 n_pages = ((guint64) count + DIAL_PAGE_SIZE_MAX - 1) / DIAL_PAGE_SIZE_MAX;

          if (n_pages > MAX_PAGES)
            {
              state->error = dial_client_error_new (DIAL_ERROR_MALFORMED, 0, NULL,
                                                    _("(“count” is not a plausible number.)"));
              goto out;
            }

          state->total = count;
          state->n_pages = MAX (1, (guint) n_pages);
          state->received = g_new0 (GPtrArray *, state->n_pages + 1);
          state->next_page = 2;
          state->next_flush = 1;
          state->numbers = g_ptr_array_new_full (count, g_object_unref);
          state->seen = g_hash_table_new (g_str_hash, g_str_equal);
        }

      state->n_received += numbers->len;
      state->received[index] = g_steal_pointer (&numbers);

      if (state->progress != NULL)
        state->progress (state->n_received, state->total, state->progress_data);

      list_all_flush (state);

      if (state->next_page <= state->n_pages && state->refill == NULL)
        {
          /* The next pages are asked for when nothing more urgent is waiting: a fast server
           * answers as soon as it is asked, and a window would otherwise not draw a frame
           * until the last page is in. */
          state->refill = g_idle_source_new ();
          g_source_set_static_name (state->refill, "[dial] request the next pages");
          g_task_attach_source (task, state->refill, list_all_refill);
          g_source_set_priority (state->refill, G_PRIORITY_DEFAULT_IDLE);
        }
    }

out:
  list_all_maybe_return (task);
}

static void
on_caller_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

void
dial_client_list_all_owned_full_async (DialClient           *self,
                                       const DialOwnedQuery *query,
                                       DialProgressFunc      progress,
                                       gpointer              progress_data,
                                       DialPagesFunc         pages,
                                       gpointer              pages_data,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ListAll *state;
  GError *error = NULL;
  GHashTable *filters;

  g_return_if_fail (DIAL_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dial_client_list_all_owned_async);

  filters = dial_owned_query_to_form (query, &error);
  if (filters == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  state = g_new0 (ListAll, 1);
  state->filters = filters;
  state->progress = progress;
  state->progress_data = progress_data;
  state->pages = pages;
  state->pages_data = pages_data;
  state->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, state, (GDestroyNotify) list_all_free);

  if (cancellable != NULL)
    {
      state->caller_cancellable = g_object_ref (cancellable);
      state->caller_handler = g_signal_connect (cancellable, "cancelled",
                                                G_CALLBACK (on_caller_cancelled),
                                                state->cancellable);
      if (g_cancellable_is_cancelled (cancellable))
        g_cancellable_cancel (state->cancellable);
    }

  list_all_request (task, 1);
}

void
dial_client_list_all_owned_async (DialClient           *self,
                                  const DialOwnedQuery *query,
                                  DialProgressFunc      progress,
                                  gpointer              progress_data,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  dial_client_list_all_owned_full_async (self, query, progress, progress_data, NULL, NULL,
                                         cancellable, callback, user_data);
}

GPtrArray *
dial_client_list_all_owned_finish (DialClient    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (DIAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Search and lookups */

void
dial_client_search_async (DialClient            *self,
                          const DialSearchQuery *query,
                          GCancellable          *cancellable,
                          GAsyncReadyCallback    callback,
                          gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  GHashTable *form;
  GError *error = NULL;

  g_return_if_fail (DIAL_IS_CLIENT (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dial_client_search_async);
  g_task_set_priority (task, G_PRIORITY_DEFAULT_IDLE);

  form = dial_search_query_to_form (query, &error);
  if (form == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  dial_client_submit (self, task, SOUP_METHOD_GET, "/number/search", form, dial_client_handle_page);
}

GPtrArray *
dial_client_search_finish (DialClient    *self,
                           GAsyncResult  *result,
                           guint         *out_count,
                           GError       **error)
{
  return dial_client_list_owned_finish (self, result, out_count, error);
}

static void
lookup_async (DialClient          *self,
              const char          *path,
              const char          *country,
              const char          *msisdn,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) form = dial_form_new ();
  GError *error = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  if (!dial_form_add_country (form, country, &error) ||
      !dial_form_add_msisdn (form, msisdn, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* The exact number as a starts-with pattern: it is the first of the few that match. */
  g_hash_table_replace (form, (gpointer) "pattern",
                        g_strdup (g_hash_table_lookup (form, "msisdn")));
  g_task_set_task_data (task, g_strdup (g_hash_table_lookup (form, "msisdn")), g_free);
  g_hash_table_remove (form, "msisdn");
  dial_form_add_uint (form, "search_pattern", DIAL_PATTERN_STARTS_WITH);
  dial_form_add_uint (form, "size", DIAL_PAGE_SIZE_MAX);
  dial_form_add_uint (form, "index", 1);

  dial_client_submit (self, task, SOUP_METHOD_GET, path, g_steal_pointer (&form),
                      dial_client_handle_lookup);
}

void
dial_client_lookup_available_async (DialClient          *self,
                                    const char          *country,
                                    const char          *msisdn,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (DIAL_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  lookup_async (self, "/number/search", country, msisdn, cancellable, callback, user_data,
                dial_client_lookup_available_async);
}

DialNumber *
dial_client_lookup_available_finish (DialClient    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (DIAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dial_client_lookup_owned_async (DialClient          *self,
                                const char          *country,
                                const char          *msisdn,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (DIAL_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  lookup_async (self, "/account/numbers", country, msisdn, cancellable, callback, user_data,
                dial_client_lookup_owned_async);
}

DialNumber *
dial_client_lookup_owned_finish (DialClient    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (DIAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Changes */

static void
number_action_async (DialClient          *self,
                     const char          *path,
                     const char          *country,
                     const char          *msisdn,
                     const char          *target_api_key,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data,
                     gpointer             source_tag)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) form = dial_form_new ();
  GError *error = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  if (!dial_form_add_country (form, country, &error) ||
      !dial_form_add_msisdn (form, msisdn, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (target_api_key != NULL)
    {
      if (!dial_validate_api_key (target_api_key, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      g_hash_table_replace (form, (gpointer) "target_api_key", g_strdup (target_api_key));
    }

  dial_client_submit (self, task, SOUP_METHOD_POST, path, g_steal_pointer (&form),
                      dial_client_handle_status);
}

void
dial_client_buy_async (DialClient          *self,
                       const char          *country,
                       const char          *msisdn,
                       const char          *target_api_key,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (DIAL_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  number_action_async (self, "/number/buy", country, msisdn, target_api_key, cancellable,
                       callback, user_data, dial_client_buy_async);
}

gboolean
dial_client_buy_finish (DialClient    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (DIAL_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
dial_client_cancel_async (DialClient          *self,
                          const char          *country,
                          const char          *msisdn,
                          const char          *target_api_key,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (DIAL_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  number_action_async (self, "/number/cancel", country, msisdn, target_api_key, cancellable,
                       callback, user_data, dial_client_cancel_async);
}

gboolean
dial_client_cancel_finish (DialClient    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (DIAL_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
dial_client_update_async (DialClient          *self,
                          DialNumberConfig    *config,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (DIAL_IS_CLIENT (self));
  g_return_if_fail (config != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dial_client_update_async);

  if (!dial_number_config_validate (config, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  dial_client_submit (self, task, SOUP_METHOD_POST, "/number/update",
                      dial_number_config_to_form (config), dial_client_handle_status);
}

gboolean
dial_client_update_finish (DialClient    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (DIAL_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Balance */

void
dial_client_get_balance_async (DialClient          *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DIAL_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dial_client_get_balance_async);

  dial_client_submit (self, task, SOUP_METHOD_GET, "/account/get-balance", NULL,
                      dial_client_handle_balance);
}

gboolean
dial_client_get_balance_finish (DialClient    *self,
                                GAsyncResult  *result,
                                DialMoney     *out_value,
                                gboolean      *out_auto_reload,
                                GError       **error)
{
  g_autofree DialBalanceResult *balance = NULL;

  g_return_val_if_fail (DIAL_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  balance = g_task_propagate_pointer (G_TASK (result), error);
  if (balance == NULL)
    return FALSE;

  if (out_value != NULL)
    *out_value = balance->value;
  if (out_auto_reload != NULL)
    *out_auto_reload = balance->auto_reload;

  return TRUE;
}

/* Webhook check */

void
dial_client_check_webhook_async (DialClient          *self,
                                 const char          *url,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  GError *error = NULL;

  g_return_if_fail (DIAL_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dial_client_check_webhook_async);

  if (!dial_validate_webhook_url (url, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
  if (uri == NULL)
    {
      g_autofree char *detail = g_strdup_printf ("(%s)", error->message);

      g_clear_error (&error);
      g_task_return_error (task, dial_client_error_new (DIAL_ERROR_INVALID_INPUT, 0, NULL, detail));
      return;
    }

  /* Like Vonage's own check: a plain GET, without our credentials, not retried. */
  dial_client_submit_url (self, task, g_steal_pointer (&uri), dial_client_handle_webhook);
}

gboolean
dial_client_check_webhook_finish (DialClient    *self,
                                  GAsyncResult  *result,
                                  guint         *out_status,
                                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize status;

  g_return_val_if_fail (DIAL_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  status = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      if (out_status != NULL)
        *out_status = local_error->domain == DIAL_ERROR ?
                      dial_error_get_http_status (local_error) : 0;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (out_status != NULL)
    *out_status = (guint) status;

  return TRUE;
}

/* Private API */

void
dial_client_set_retry_policy (DialClient *self,
                              guint       max_transient_retries,
                              guint       max_throttle_retries,
                              guint       base_delay_ms)
{
  g_return_if_fail (DIAL_IS_CLIENT (self));

  self->max_transient_retries = max_transient_retries;
  self->max_throttle_retries = max_throttle_retries;
  self->base_delay_ms = base_delay_ms;
}

SoupSession *
dial_client_get_session (DialClient *self)
{
  g_return_val_if_fail (DIAL_IS_CLIENT (self), NULL);

  return self->session;
}
