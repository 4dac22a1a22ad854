/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dial-number.h"
#include "dial-types.h"

G_BEGIN_DECLS

#define DIAL_DEFAULT_BASE_URL "https://rest.nexmo.com"
#define DIAL_PAGE_SIZE_MAX    100

/* Filters for GET /account/numbers. All members optional; zero-initialise. */
typedef struct
{
  const char            *country;         /* NULL: any */
  const char            *pattern;         /* NULL: none */
  DialPatternMode        search_pattern;
  DialApplicationFilter  has_application;
  const char            *application_id;  /* NULL: any */
  guint                  size;            /* 0: 100 (the maximum) */
  guint                  index;           /* 1-based; 0: 1 */
} DialOwnedQuery;

/* Filters for GET /number/search. country is required. */
typedef struct
{
  const char            *country;
  DialNumberType         type;            /* UNKNOWN: any */
  const char            *pattern;
  DialPatternMode        search_pattern;
  DialFeatures           features;        /* NONE: any; sent as the API's allowed spelling */
  guint                  size;            /* 0: 100 */
  guint                  index;           /* 0: 1 */
} DialSearchQuery;

#define DIAL_TYPE_CLIENT (dial_client_get_type ())
G_DECLARE_FINAL_TYPE (DialClient, dial_client, DIAL, CLIENT, GObject)

/*
 * DialClient: the Vonage Numbers API. One SoupSession; at most 3 requests in flight and POSTs
 * one at a time; 429 waits for Retry-After and retries (bounded); GETs retry transient failures
 * (bounded); a POST that may have reached the server is never sent again
 * (DIAL_ERROR_OUTCOME_UNKNOWN instead). Credentials only in the Authorization header.
 * Properties: "base-url" (string), "api-key" (string, read-only; the secret is write-only via
 * dial_client_set_credentials and never readable), "timeout" (uint, seconds).
 *
 * Errors are DIAL_ERROR (dial-error.h; dial_error_get_label() gives Vonage's own words verbatim,
 * dial_error_get_http_status() the status), or G_IO_ERROR_CANCELLED as it is. Decisions:
 * - The timeout bounds each attempt, from sending to the whole answer (default 30 s).
 * - Retries: a 429 is waited out (Retry-After, at most 60 s, else a jittered backoff) up to 4
 *   times and pauses every queued request meanwhile; a GET is retried twice more after a
 *   refused or dropped connection, a timeout or 502/503/504. Other failures are not retried.
 * - A POST is re-sent only after a 429. Once its headers were written, a timeout, a dropped
 *   connection, a 502/504 (a gateway lost the answer) or a 2xx that cannot be read gives
 *   DIAL_ERROR_OUTCOME_UNKNOWN; a refused connection, an unknown host or a connection (or TLS
 *   handshake) not made within the timeout gives DIAL_ERROR_NETWORK (nothing was sent), for
 *   GETs too. A POST cancelled while in flight may still have been carried out too:
 *   reconcile it like OUTCOME_UNKNOWN (e.g. dial_client_lookup_owned_async()).
 * - POSTs run one at a time, in order; GETs go on beside a POST (3 requests in flight in all).
 */
DialClient  *dial_client_new                 (void);
/* Refuses (DIAL_ERROR_INSECURE_URL) a URL that is not https unless its host is loopback. */
gboolean     dial_client_set_base_url        (DialClient   *self,
                                              const char   *base_url,
                                              GError      **error);
const char  *dial_client_get_base_url        (DialClient   *self);
void         dial_client_set_credentials     (DialClient   *self,
                                              const char   *api_key,
                                              const char   *api_secret);
const char  *dial_client_get_api_key         (DialClient   *self);
void         dial_client_set_timeout         (DialClient   *self,
                                              guint         seconds);

/* One page of owned numbers: a GPtrArray of DialNumber; @out_count is the API's total. */
void         dial_client_list_owned_async    (DialClient            *self,
                                              const DialOwnedQuery  *query,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);
GPtrArray   *dial_client_list_owned_finish   (DialClient            *self,
                                              GAsyncResult          *result,
                                              guint                 *out_count,
                                              GError               **error);

/* Every page of owned numbers (size 100; pages after the first in parallel up to the in-flight
 * limit); @progress (nullable) is called on the main context after each page with the numbers
 * loaded so far and the total. Returns a GPtrArray of DialNumber in API order. */
typedef void (*DialProgressFunc) (guint loaded, guint total, gpointer user_data);
void         dial_client_list_all_owned_async  (DialClient           *self,
                                                const DialOwnedQuery *query,
                                                DialProgressFunc      progress,
                                                gpointer              progress_data,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GPtrArray   *dial_client_list_all_owned_finish (DialClient           *self,
                                                GAsyncResult         *result,
                                                GError              **error);

/*
 * Asks for the first page of the whole, unfiltered listing now, before anyone wants it: the
 * next dial_client_list_all_owned_async() without filters takes it (waiting for it if it is
 * still on its way) instead of asking again. For the start of the app, which knows the account
 * before it has built the window that will list its numbers. An answer older than
 * DIAL_PREFETCH_MAX_AGE_S, or a failure, is not taken: the listing asks again. Changing the
 * credentials or the address drops one not yet taken (cancelled, if it is on its way).
 */
#define DIAL_PREFETCH_MAX_AGE_S 30
void         dial_client_prefetch_owned        (DialClient           *self);

void         dial_client_search_async        (DialClient             *self,
                                              const DialSearchQuery  *query,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
GPtrArray   *dial_client_search_finish       (DialClient             *self,
                                              GAsyncResult           *result,
                                              guint                  *out_count,
                                              GError                **error);

/* Looks one exact number up among the available ones (search with the full msisdn as a
 * starts-with pattern); the result is the DialNumber with its current price, or NULL with
 * no error when it is no longer available. */
void         dial_client_lookup_available_async  (DialClient          *self,
                                                  const char          *country,
                                                  const char          *msisdn,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
DialNumber  *dial_client_lookup_available_finish (DialClient          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* Looks one exact number up among the owned ones (to reconcile an unknown outcome); NULL
 * with no error when it is not owned. */
void         dial_client_lookup_owned_async  (DialClient          *self,
                                              const char          *country,
                                              const char          *msisdn,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
DialNumber  *dial_client_lookup_owned_finish (DialClient          *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* POST /number/buy. @target_api_key nullable (a subaccount). */
void         dial_client_buy_async           (DialClient          *self,
                                              const char          *country,
                                              const char          *msisdn,
                                              const char          *target_api_key,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean     dial_client_buy_finish          (DialClient          *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* POST /number/cancel. */
void         dial_client_cancel_async        (DialClient          *self,
                                              const char          *country,
                                              const char          *msisdn,
                                              const char          *target_api_key,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean     dial_client_cancel_finish       (DialClient          *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* POST /number/update with the number's complete configuration (validated first). */
void         dial_client_update_async        (DialClient          *self,
                                              DialNumberConfig    *config,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean     dial_client_update_finish       (DialClient          *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* GET /account/get-balance; the value in exact DialMoney. */
void         dial_client_get_balance_async   (DialClient          *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean     dial_client_get_balance_finish  (DialClient          *self,
                                              GAsyncResult        *result,
                                              DialMoney           *out_value,
                                              gboolean            *out_auto_reload,
                                              GError             **error);

/* GET @url the way Vonage checks a webhook (must answer 200). DIAL_ERROR_REFUSED carries the
 * status when it does not. For "Check Webhook" in the UI. No credentials are sent, redirects
 * are not followed (a redirect is not 200), and it is not retried. @out_status is the status
 * also on failure (0 when no answer came). */
void         dial_client_check_webhook_async  (DialClient          *self,
                                               const char          *url,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean     dial_client_check_webhook_finish (DialClient          *self,
                                               GAsyncResult        *result,
                                               guint               *out_status,
                                               GError             **error);

G_END_DECLS
