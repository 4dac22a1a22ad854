/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dial-client.h"
#include "dial-error.h"

G_BEGIN_DECLS

/* At most this many requests in flight at once (POSTs count, and only one POST at a time). */
#define DIAL_CLIENT_MAX_IN_FLIGHT 3

/*
 * Called in API order with the numbers of one or more pages that have become contiguous:
 * @numbers holds everything delivered so far, the new ones from @position on (@n_added of
 * them, duplicates of earlier ones already dropped). For DialOwnedList: one items-changed each.
 */
typedef void (*DialPagesFunc) (GPtrArray *numbers,
                               guint      position,
                               guint      n_added,
                               guint      total,
                               gpointer   user_data);

void         dial_client_list_all_owned_full_async (DialClient           *self,
                                                    const DialOwnedQuery *query,
                                                    DialProgressFunc      progress,
                                                    gpointer              progress_data,
                                                    DialPagesFunc         pages,
                                                    gpointer              pages_data,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);

/* For tests: bounded retries and the first backoff step (ms; doubled each retry, with jitter). */
void         dial_client_set_retry_policy (DialClient *self,
                                           guint       max_transient_retries,
                                           guint       max_throttle_retries,
                                           guint       base_delay_ms);
/* For tests and the benchmark: the session (to watch request-queued/unqueued). */
SoupSession *dial_client_get_session      (DialClient *self);

/*
 * Internal to the client (dial-client.c, dial-client-queue.c, dial-client-forms.c).
 */

typedef struct _DialRequest DialRequest;

/* Takes an answer's parsed body (NULL for a webhook check) and returns @task's result. */
typedef void (*DialHandleFunc) (GTask    *task,
                                JsonNode *root,
                                guint     status);

struct _DialClient
{
  GObject      parent_instance;

  SoupSession *session;
  GUri        *base_uri;
  char        *base_url;
  char        *api_key;
  char        *auth_header;      /* "Basic …": the only place the secret lives */
  guint        timeout;

  GQueue       queue;            /* DialRequest, waiting for a slot */
  guint        n_in_flight;
  DialRequest *post_owner;       /* the POST in flight or waiting to be retried */
  gint64       paused_until;     /* monotonic µs: after a 429 */
  GSource     *pause_source;

  guint        max_transient_retries;
  guint        max_throttle_retries;
  guint        base_delay_ms;

  GThread     *io_thread;        /* sends the requests (dial-client-thread.c) */
  GMainLoop   *io_loop;

  /* dial_client_prefetch_owned(): the first page of the whole listing, asked for early */
  GCancellable *prefetch_cancellable;  /* while it is in flight */
  gpointer      prefetch_waiter;       /* the listing that took it in flight (its page 1) */
  gulong        prefetch_handler;      /* that listing's cancellation, passed on */
  GAsyncResult *prefetched;            /* its answer, until a listing takes it */
  gint64        prefetched_at;
};

/* dial-client-queue.c */
GError     *dial_client_error_new            (DialError       code,
                                              guint           status,
                                              const char     *label,
                                              const char     *detail);
GError     *dial_client_error_new_for_status (DialError       code,
                                              guint           status,
                                              const char     *label);
gboolean    dial_client_set_invalid_input    (GError        **error,
                                              const char     *detail);
void        dial_client_submit               (DialClient     *self,
                                              GTask          *task,
                                              const char     *method,
                                              const char     *path,
                                              GHashTable     *form,
                                              DialHandleFunc  handle);
void        dial_client_submit_url           (DialClient     *self,
                                              GTask          *task,
                                              GUri           *uri,
                                              DialHandleFunc  handle);
void        dial_client_queue_finalize       (DialClient     *self);

/* dial-client-thread.c */
void        dial_client_thread_start         (DialClient           *self);
void        dial_client_send_async           (DialClient           *self,
                                              SoupMessage          *msg,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GBytes     *dial_client_send_finish          (DialClient           *self,
                                              GAsyncResult         *result,
                                              GError              **error);
void        dial_client_cancel_send          (DialClient           *self,
                                              GCancellable         *cancellable);
void        dial_client_thread_stop          (DialClient           *self);
void        dial_client_thread_free          (DialClient           *self);

/* dial-client-forms.c */
GHashTable *dial_form_new                    (void);
void        dial_form_add_uint               (GHashTable            *form,
                                              const char            *key,
                                              guint                  value);
gboolean    dial_form_add_country            (GHashTable            *form,
                                              const char            *country,
                                              GError               **error);
gboolean    dial_form_add_msisdn             (GHashTable            *form,
                                              const char            *msisdn,
                                              GError               **error);
gboolean    dial_form_add_page               (GHashTable            *form,
                                              guint                  size,
                                              guint                  index,
                                              GError               **error);
GHashTable *dial_owned_query_to_form         (const DialOwnedQuery  *query,
                                              GError               **error);
GHashTable *dial_search_query_to_form        (const DialSearchQuery *query,
                                              GError               **error);

typedef struct
{
  GPtrArray *numbers;
  guint      count;
} DialPageResult;

void        dial_page_result_free            (DialPageResult *page);
/* The numbers of a listing's or a search's answer (any thread). */
DialPageResult *dial_client_read_page        (JsonNode       *root,
                                              GError        **error);

typedef struct
{
  DialMoney value;
  gboolean  auto_reload;
} DialBalanceResult;

void        dial_client_handle_page          (GTask    *task,
                                              JsonNode *root,
                                              guint     status);
void        dial_client_handle_lookup        (GTask    *task,
                                              JsonNode *root,
                                              guint     status);
void        dial_client_handle_status        (GTask    *task,
                                              JsonNode *root,
                                              guint     status);
void        dial_client_handle_balance       (GTask    *task,
                                              JsonNode *root,
                                              guint     status);
void        dial_client_handle_webhook       (GTask    *task,
                                              JsonNode *root,
                                              guint     status);

G_END_DECLS
