/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "dial-client.h"

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

G_END_DECLS
