/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dial-sandbox.h"

G_BEGIN_DECLS

/* Money is held exactly, in units of 1e-8 EUR (the balance endpoint shows 8 decimals). */
#define SANDBOX_MONEY_SCALE G_GINT64_CONSTANT (100000000)

typedef enum
{
  SANDBOX_TYPE_LANDLINE,
  SANDBOX_TYPE_MOBILE_LVN,
  SANDBOX_TYPE_TOLL_FREE,
  SANDBOX_N_TYPES
} SandboxNumberType;

typedef enum
{
  SANDBOX_FEATURE_SMS   = 1 << 0,
  SANDBOX_FEATURE_VOICE = 1 << 1,
  SANDBOX_FEATURE_MMS   = 1 << 2,
} SandboxFeatures;

/* A limitation packed into one byte: feature index (0 SMS, 1 VOICE, 2 MMS) in bits 0–1,
 * OUTBOUND in bit 2 (else INBOUND), INTERNATIONAL in bit 3 (else DOMESTIC). */
#define SANDBOX_LIMIT(feature_index, outbound, international) \
  ((guint8) ((feature_index) | ((outbound) ? 4 : 0) | ((international) ? 8 : 0)))
#define SANDBOX_MAX_LIMITATIONS 3

/* One number, available or owned. NULL strings are "not set". */
typedef struct
{
  char    *msisdn;
  char     country[3];
  guint8   type;                /* SandboxNumberType */
  guint8   features;            /* SandboxFeatures */
  guint8   n_limitations;
  guint8   limitations[SANDBOX_MAX_LIMITATIONS];
  gint64   cost;                /* monthly, 1e-8 EUR */
  gint64   initial_price;       /* setup, 1e-8 EUR */

  /* Configuration of an owned number. */
  char    *mo_http_url;
  char    *mo_smpp_sys_type;
  char    *voice_callback_type;
  char    *voice_callback_value;
  char    *voice_status_callback;
  char    *messages_callback_type;
  char    *messages_callback_value;
  char    *app_id;
} SandboxNumber;

typedef enum
{
  SANDBOX_JSON_OWNED,      /* as /account/numbers answers */
  SANDBOX_JSON_AVAILABLE,  /* as /number/search answers */
  SANDBOX_JSON_STATE,      /* everything, for the state file */
} SandboxJsonMode;

/* dial-sandbox-catalogue.c */
SandboxNumber *sandbox_number_new           (void);
void           sandbox_number_free          (SandboxNumber   *number);
void           sandbox_number_clear_config  (SandboxNumber   *number);
gboolean       sandbox_number_has_config    (const SandboxNumber *number);
const char    *sandbox_type_to_string       (SandboxNumberType type);
gboolean       sandbox_type_from_string     (const char      *str,
                                             SandboxNumberType *type);
gboolean       sandbox_features_from_filter (const char      *str,
                                             guint8          *features);
gboolean       sandbox_money_parse          (const char      *str,
                                             gint64          *value);
/* "1.25" (at least two decimals, trailing zeros beyond that trimmed). */
void           sandbox_money_append_price   (GString         *out,
                                             gint64           value);
/* "25.00000000" */
void           sandbox_money_append_balance (GString         *out,
                                             gint64           value);
/* Fills @catalogue (country → GPtrArray of SandboxNumber sorted by msisdn) and @owned
 * (SandboxNumber, unsorted) deterministically from @seed. */
void           sandbox_generate             (guint64          seed,
                                             guint            n_owned,
                                             GHashTable      *catalogue,
                                             GPtrArray       *owned);
/* Countries that by default need a local address before buying (NULL-terminated). */
const char * const *sandbox_default_address_countries (void);
int            sandbox_number_compare       (gconstpointer    a,
                                             gconstpointer    b);

/* dial-sandbox-json.c */
void           sandbox_json_append_string   (GString         *out,
                                             const char      *str);
void           sandbox_json_append_number   (GString         *out,
                                             const SandboxNumber *number,
                                             SandboxJsonMode  mode);
/* Reads a number object (as in the list, or as in the state file). */
SandboxNumber *sandbox_json_read_number     (JsonObject      *object,
                                             GError         **error);

typedef struct _SandboxStateWriter SandboxStateWriter;

struct _DialSandbox
{
  GObject             parent_instance;

  SoupServer         *server;
  SoupSession        *webhook_session;  /* created on first use */
  char               *api_key;
  char               *api_secret;
  guint64             seed;
  guint               latency;
  gboolean            webhook_check;
  gint64              balance;          /* 1e-8 EUR */

  GHashTable         *catalogue;        /* country → GPtrArray of SandboxNumber, sorted */
  GHashTable         *available;        /* msisdn → SandboxNumber (borrowed from catalogue) */
  GPtrArray          *owned;            /* SandboxNumber, sorted by msisdn */
  GHashTable         *owned_by_msisdn;  /* msisdn → SandboxNumber (borrowed from owned) */
  GHashTable         *needs_address;    /* set of countries */
  GHashTable         *withdrawn;        /* set of msisdns taken out of the catalogue */
  GHashTable         *returned;         /* set of msisdns cancelled back into the catalogue */
  GHashTable         *purchases;        /* msisdn → successful buys (GUINT_TO_POINTER) */

  GQueue              faults;           /* SandboxFaultEntry */
  GHashTable         *request_counts;   /* path → count (GUINT_TO_POINTER) */
  guint               n_requests;
  GHashTable         *last_requests;    /* path → query string or body */
  char               *last_uri;
  GHashTable         *pending;          /* SandboxRequest in flight */
  guint               max_pending;      /* the most at once, for clients' in-flight tests */

  char               *state_path;
  SandboxStateWriter *state_writer;
};

typedef struct
{
  DialSandboxFault  fault;
  guint             count;
  char             *path;   /* NULL: any path */
  guint             param;
} SandboxFaultEntry;

/* One API request between its arrival and its answer (or its dropped connection). */
typedef struct
{
  grefcount          ref_count;
  DialSandbox       *self;        /* NULL once the sandbox is disposed */
  SoupServerMessage *msg;
  char              *path;
  GHashTable        *query;       /* may be NULL */
  DialSandboxFault   fault;
  guint              fault_param;
  gboolean           paused;
  gboolean           gone;        /* the connection went away: never unpause */
  gboolean           finished;    /* answered, dropped or abandoned */
  guint              source_id;   /* latency, slow answer or drop */
  gulong             disconnected_id;

  /* /number/update with the webhook check */
  GCancellable      *cancellable;
  SoupMessage       *webhook_msg;
  SandboxNumber     *update;
} SandboxRequest;

/* dial-sandbox-request.c */
void           sandbox_server_callback      (SoupServer        *server,
                                             SoupServerMessage *msg,
                                             const char        *path,
                                             GHashTable        *query,
                                             gpointer           user_data);
SandboxRequest *sandbox_request_ref         (SandboxRequest  *req);
void           sandbox_request_unref        (SandboxRequest  *req);
/* Pauses the message (once) so that it can be answered later. */
void           sandbox_request_pause        (SandboxRequest  *req);
/* The response is set on the message: applies any late fault, then lets it go. */
void           sandbox_request_done         (SandboxRequest  *req);
/* Disposal: forgets the sandbox, stops timers and cancels checks. */
void           sandbox_request_abandon      (SandboxRequest  *req);
void           sandbox_fault_entry_free     (SandboxFaultEntry *entry);
gboolean       sandbox_fault_from_string    (const char      *str,
                                             DialSandboxFault *fault);

/* dial-sandbox-api.c */
/* 420 labels (HTTP status 420, "error-code":"420"), one per cause so that clients and tests can
 * tell them apart: */
#define LABEL_ALREADY_OWNED    "method failed: you already own this number"
#define LABEL_NOT_AVAILABLE    "method failed: this number is no longer available"
#define LABEL_NOT_OWNED        "method failed: you do not own this number"
#define LABEL_WRONG_COUNTRY    "method failed: the number does not belong to this country"
#define LABEL_BALANCE          "method failed: insufficient balance"
#define LABEL_WEBHOOK          "method failed: the moHttpUrl webhook did not answer 200 OK"
#define LABEL_PARAMS_IN_QUERY  "method failed: parameters must be sent in the request body"
#define LABEL_SUBACCOUNT       "method failed: target_api_key is not a subaccount of this account"
/* The spec's own example (S-NUM response420), used when a country needs a local address. */
#define LABEL_NEEDS_ADDRESS \
  "Numbers from this country can be requested from the Dashboard " \
  "(https://dashboard.nexmo.com/buy-numbers) as they require a valid local address to be " \
  "provided before being purchased."

#define MSG_REQUIRED   "Is required."
#define MSG_COUNTRY    "Must be a two-letter ISO 3166-1 alpha-2 country code in capitals."
#define MSG_MSISDN     "Must be a number in E.164 format without + (digits only)."
#define MSG_SIZE       "Must be between 1 and 100."
#define MSG_INDEX      "Must be a whole number of at least 1."
#define MSG_PATTERN    "Must contain only digits."
#define MSG_SEARCH_PAT "Must be 0, 1 or 2."
#define MSG_BOOLEAN    "Must be true or false."
#define MSG_TYPE       "Must be one of landline, mobile-lvn, landline-toll-free."
#define MSG_FEATURES \
  "Must be one of SMS, VOICE, SMS,VOICE, MMS, SMS,MMS, VOICE,MMS, SMS,MMS,VOICE."
#define MSG_URL        "Must be an absolute http or https URL."
#define MSG_APP_ID     "Must be an application ID (a UUID)."
#define MSG_UTF8       "Must be valid UTF-8."

/* Collects a 400 field map, e.g. {"country":"Is required."}. */
typedef struct
{
  GString *json;
} FieldErrors;

void           sandbox_field_error          (FieldErrors     *errors,
                                             const char      *field,
                                             const char      *message);
/* Answers 400 with the collected map and returns TRUE, or returns FALSE when there is none. */
gboolean       sandbox_field_errors_respond (FieldErrors     *errors,
                                             SoupServerMessage *msg);
const char    *sandbox_param                (GHashTable      *map,
                                             const char      *key);
gboolean       sandbox_is_digits            (const char      *str);
gboolean       sandbox_is_country           (const char      *str);
gboolean       sandbox_is_msisdn            (const char      *str);
gboolean       sandbox_is_http_url          (const char      *str);
gboolean       sandbox_is_uuid              (const char      *str);
void           sandbox_check_utf8           (GHashTable      *map,
                                             FieldErrors     *errors);
/* Answers @req's API call; may finish later (webhook check). */
void           sandbox_api_dispatch         (SandboxRequest  *req);
void           sandbox_respond_json         (SoupServerMessage *msg,
                                             guint            status,
                                             GString         *body);
void           sandbox_respond_status       (SoupServerMessage *msg,
                                             guint            status,
                                             const char      *label);

/* dial-sandbox-changes.c */
void           sandbox_api_buy              (DialSandbox     *self,
                                             SandboxRequest  *req);
void           sandbox_api_cancel           (DialSandbox     *self,
                                             SandboxRequest  *req);
/* Returns TRUE when the answer is set now, FALSE when the webhook check will set it. */
gboolean       sandbox_api_update           (DialSandbox     *self,
                                             SandboxRequest  *req);

/* dial-sandbox.c, shared with the other parts */
void           sandbox_state_changed        (DialSandbox     *self);
/* For the sandbox's own tests: feeds connections from any peer address. */
SoupServer    *sandbox_get_server           (DialSandbox     *self);
void           sandbox_insert_owned         (DialSandbox     *self,
                                             SandboxNumber   *number);
SandboxNumber *sandbox_steal_owned          (DialSandbox     *self,
                                             const char      *msisdn);
void           sandbox_insert_available     (DialSandbox     *self,
                                             SandboxNumber   *number);
SandboxNumber *sandbox_steal_available      (DialSandbox     *self,
                                             const char      *msisdn);

/* dial-sandbox-state.c */
GBytes        *sandbox_state_serialize      (DialSandbox     *self);
gboolean       sandbox_state_load           (DialSandbox     *self,
                                             const char      *path,
                                             GError         **error);
SandboxStateWriter *sandbox_state_writer_new (const char     *path);
/* Queues @bytes to be written (replacing an older snapshot not yet written); takes @bytes. */
void           sandbox_state_writer_push    (SandboxStateWriter *writer,
                                             GBytes          *bytes);
/* Writes what is queued, then stops the thread. */
void           sandbox_state_writer_free    (SandboxStateWriter *writer);

G_END_DECLS
