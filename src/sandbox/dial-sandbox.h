/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * DialSandbox: the Vonage Numbers + balance API on loopback (a SoupServer on 127.0.0.1).
 * An independent reading of the API: it does not link src/core.
 * Serves /account/numbers, /number/search, /number/buy, /number/cancel, /number/update,
 * /account/get-balance, and a loopback-only control endpoint under /_sandbox/ (see
 * dial-sandbox-request.c) so that faults can be injected from outside the process.
 *
 * Refusals a client can meet (HTTP status 420, "error-code":"420", "error-code-label"):
 *   "method failed: you already own this number"                          buy
 *   "method failed: this number is no longer available"                   buy
 *   "method failed: you do not own this number"                           cancel, update
 *   "method failed: the number does not belong to this country"           buy, cancel, update
 *   "method failed: insufficient balance"                                 buy
 *   "method failed: the moHttpUrl webhook did not answer 200 OK"          update (webhook check)
 *   "method failed: parameters must be sent in the request body"          buy, cancel, update
 *   "method failed: target_api_key is not a subaccount of this account"   buy, cancel
 *   "Numbers from this country can be requested from the Dashboard (https://dashboard.nexmo.com/
 *    buy-numbers) as they require a valid local address to be provided before being purchased."
 *                                                   buy (JP, BR, ZA by default; see below)
 * Bad requests are HTTP 400 with a field map, e.g. {"country":"Is required."}; credentials
 * (Basic header or api_key/api_secret query, not both) wrong or missing are HTTP 401
 * {"error-code":"401","error-code-label":"authentication failed"}. Pages with no numbers
 * (nothing matches, or past the end) are {}.
 */
#define DIAL_SANDBOX_DEFAULT_API_KEY    "demo0001"
#define DIAL_SANDBOX_DEFAULT_API_SECRET "DemoSecret0001"

typedef enum
{
  DIAL_SANDBOX_FAULT_NONE,
  DIAL_SANDBOX_FAULT_HTTP_500,      /* 500 with an HTML body */
  DIAL_SANDBOX_FAULT_HTTP_502,      /* 502 with an HTML body */
  DIAL_SANDBOX_FAULT_THROTTLE,      /* 429 with Retry-After: param seconds */
  DIAL_SANDBOX_FAULT_HANG,          /* never answers (until the client gives up) */
  DIAL_SANDBOX_FAULT_DROP_BEFORE,   /* closes the connection without applying the request */
  DIAL_SANDBOX_FAULT_DROP_AFTER,    /* applies the request (e.g. the purchase), then closes */
  DIAL_SANDBOX_FAULT_TRUNCATE,      /* answers 200 with half the body */
  DIAL_SANDBOX_FAULT_MALFORMED,     /* answers 200 with a body that is not JSON */
  DIAL_SANDBOX_FAULT_SLOW,          /* answers correctly after param milliseconds */
} DialSandboxFault;

#define DIAL_TYPE_SANDBOX (dial_sandbox_get_type ())
G_DECLARE_FINAL_TYPE (DialSandbox, dial_sandbox, DIAL, SANDBOX, GObject)

/* A sandbox with the default credentials, the deterministic catalogue for @seed, @n_owned owned
 * numbers (generated deterministically) and a balance of 25 EUR. */
DialSandbox *dial_sandbox_new                (guint64       seed,
                                              guint         n_owned);
void         dial_sandbox_set_credentials    (DialSandbox  *self,
                                              const char   *api_key,
                                              const char   *api_secret);
/* Loads the state from @path if it exists, and saves it there after every change. */
gboolean     dial_sandbox_set_state_file     (DialSandbox  *self,
                                              const char   *path,
                                              GError      **error);
/* Port 0 picks a free one. */
gboolean     dial_sandbox_listen             (DialSandbox  *self,
                                              guint         port,
                                              GError      **error);
/* "http://127.0.0.1:PORT" (no trailing slash). */
char        *dial_sandbox_get_url            (DialSandbox  *self);
void         dial_sandbox_disconnect         (DialSandbox  *self);

/* Delays every response by @msec. */
void         dial_sandbox_set_latency        (DialSandbox  *self,
                                              guint         msec);
/* When on, /number/update GETs the new moHttpUrl and refuses (420) unless it answers 200. */
void         dial_sandbox_set_webhook_check  (DialSandbox  *self,
                                              gboolean      check);
/* Balance as a decimal string in EUR ("25.00000000"). */
void         dial_sandbox_set_balance        (DialSandbox  *self,
                                              const char   *decimal);
char        *dial_sandbox_get_balance        (DialSandbox  *self);

/* The next @count requests (only those to @path when non-NULL) get @fault; @param is the
 * Retry-After seconds for THROTTLE and the delay in ms for SLOW. Faults queue in order. */
void         dial_sandbox_inject_fault       (DialSandbox      *self,
                                              DialSandboxFault  fault,
                                              guint             count,
                                              const char       *path,
                                              guint             param);
void         dial_sandbox_clear_faults       (DialSandbox      *self);

/* Requests received (including faulted ones) on @path, or on every path when NULL. */
guint        dial_sandbox_get_request_count  (DialSandbox  *self,
                                              const char   *path);
/* The most requests the sandbox held at once (received and not yet answered, latency included)
 * since it started or since the last reset; for tests of a client's in-flight limit. */
guint        dial_sandbox_get_max_concurrent_requests   (DialSandbox *self);
void         dial_sandbox_reset_max_concurrent_requests (DialSandbox *self);
/* The query string (GET) or body (POST) of the last request to @path, for tests. */
char        *dial_sandbox_get_last_request   (DialSandbox  *self,
                                              const char   *path);
/* The full request URI (path and query) of the last request on any path (tests check that no secret is in a URL). */
char        *dial_sandbox_get_last_uri       (DialSandbox  *self);

guint        dial_sandbox_get_n_owned        (DialSandbox  *self);
/* The owned number's JSON as the list would return it, or NULL when not owned. */
char        *dial_sandbox_get_owned_json     (DialSandbox  *self,
                                              const char   *msisdn);
/* Adds an owned number (test set-up); fields JSON as in the list. */
gboolean     dial_sandbox_add_owned_json     (DialSandbox  *self,
                                              const char   *json,
                                              GError      **error);
/* How many times /number/buy succeeded for @msisdn (tests: money is never spent twice). */
guint        dial_sandbox_get_purchase_count (DialSandbox  *self,
                                              const char   *msisdn);
/* Makes @country require a local address (buy answers 420 with the dashboard label). */
void         dial_sandbox_set_country_needs_address (DialSandbox *self,
                                                     const char  *country,
                                                     gboolean     needs);
/* Marks an available number as gone (buy answers 420 "no longer available"). */
void         dial_sandbox_withdraw_available (DialSandbox  *self,
                                              const char   *msisdn);

G_END_DECLS
