/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "dial-types.h"

G_BEGIN_DECLS

#define DIAL_TYPE_NUMBER (dial_number_get_type ())
G_DECLARE_FINAL_TYPE (DialNumber, dial_number, DIAL, NUMBER, GObject)

/*
 * DialNumber: one number, owned or available, exactly as the API described it.
 * Read-only properties (construct-only): "country", "msisdn", "number-type" (DialNumberType),
 * "type-string" (the raw `type`), "features" (DialFeatures), "feature-strings" (GStrv, raw,
 * including unknown ones), "cost" (string, EUR per month, as sent), "initial-price" (string),
 * "mo-http-url", "mo-smpp-sys-type", "voice-callback-type" (DialVoiceCallbackType),
 * "voice-callback-type-string", "voice-callback-value", "voice-status-callback",
 * "messages-callback-type", "messages-callback-value", "app-id".
 * Strings that repeat across numbers (country, type, callback types) are interned.
 */

/* Parses one element of a `numbers` array. Returns NULL and sets DIAL_ERROR_MALFORMED if
 * @node is not an object or has no usable msisdn. Unknown enum values are kept as strings;
 * members of the wrong type are ignored (treated as missing). */
DialNumber            *dial_number_new_from_json             (JsonNode    *node,
                                                              GError     **error);
/* For tests and the UI: a number with just these fields. */
DialNumber            *dial_number_new                       (const char  *country,
                                                              const char  *msisdn);

const char            *dial_number_get_country               (DialNumber  *self);
const char            *dial_number_get_msisdn                (DialNumber  *self);
DialNumberType         dial_number_get_number_type           (DialNumber  *self);
const char            *dial_number_get_type_string           (DialNumber  *self);
DialFeatures           dial_number_get_features              (DialNumber  *self);
/* All features as sent, known and unknown; NULL-terminated, owned by @self. */
const char * const    *dial_number_get_feature_strings       (DialNumber  *self);
const char            *dial_number_get_cost                  (DialNumber  *self);
const char            *dial_number_get_initial_price         (DialNumber  *self);
const char            *dial_number_get_mo_http_url           (DialNumber  *self);
const char            *dial_number_get_mo_smpp_sys_type      (DialNumber  *self);
DialVoiceCallbackType  dial_number_get_voice_callback_type   (DialNumber  *self);
const char            *dial_number_get_voice_callback_type_string (DialNumber *self);
const char            *dial_number_get_voice_callback_value  (DialNumber  *self);
const char            *dial_number_get_voice_status_callback (DialNumber  *self);
const char            *dial_number_get_messages_callback_type  (DialNumber *self);
const char            *dial_number_get_messages_callback_value (DialNumber *self);
const char            *dial_number_get_app_id                (DialNumber  *self);
guint                  dial_number_get_n_limitations         (DialNumber  *self);
const DialLimitation  *dial_number_get_limitation            (DialNumber  *self,
                                                              guint        i);

/* Replaces every configurable field of @self with @config's (after a successful update;
 * emits notify for what changed, so a row updates without reloading the list). */
void                   dial_number_apply_config              (DialNumber        *self,
                                                              DialNumberConfig  *config);

/* Parses a whole list/search response body ({"count":…, "numbers":[…]}; `{}` and a missing
 * `numbers` are an empty page). Returns a GPtrArray of DialNumber, sets @out_count.
 * Decisions where the API is silent:
 * - `numbers` null or missing: an empty page; `numbers` of another type: DIAL_ERROR_MALFORMED.
 * - An element that is not an object or has no msisdn string is skipped (logged with g_debug);
 *   the rest of the page is kept.
 * - `count`: a non-negative integer, an integral float (12.0) or a string of digits ("12");
 *   clamped to G_MAXUINT. Negative, fractional, non-finite or of another type: not given.
 *   Not given, or less than the numbers on this page: the number of numbers on this page.
 * - The body must be one JSON object (see dial_json_parse_object()): anything else, including
 *   truncated JSON and invalid UTF-8, is DIAL_ERROR_MALFORMED, and @out_count is 0.
 * - Empty strings count as absent; enumeration-like values longer than 64 bytes are ignored. */
GPtrArray             *dial_numbers_parse_page               (const char  *data,
                                                              gsize        length,
                                                              guint       *out_count,
                                                              GError     **error);

/*
 * DialNumberConfig: the complete configuration of an owned number, as /number/update must
 * receive it. It can only be made from a DialNumber (so nothing the user did not touch is
 * lost), then changed with the setters. A boxed type.
 */
#define DIAL_TYPE_NUMBER_CONFIG (dial_number_config_get_type ())
GType                  dial_number_config_get_type           (void) G_GNUC_CONST;
DialNumberConfig      *dial_number_config_new_from_number    (DialNumber       *number);
DialNumberConfig      *dial_number_config_copy               (DialNumberConfig *self);
void                   dial_number_config_free               (DialNumberConfig *self);
const char            *dial_number_config_get_country        (DialNumberConfig *self);
const char            *dial_number_config_get_msisdn         (DialNumberConfig *self);
/* NULL or "" removes the value. */
void                   dial_number_config_set_mo_http_url    (DialNumberConfig *self,
                                                              const char       *url);
const char            *dial_number_config_get_mo_http_url    (DialNumberConfig *self);
void                   dial_number_config_set_mo_smpp_sys_type (DialNumberConfig *self,
                                                                const char       *sys_type);
const char            *dial_number_config_get_mo_smpp_sys_type (DialNumberConfig *self);
/* Type and value go together; DIAL_VOICE_CALLBACK_NONE clears both. */
void                   dial_number_config_set_voice_callback (DialNumberConfig     *self,
                                                              DialVoiceCallbackType type,
                                                              const char           *value);
DialVoiceCallbackType  dial_number_config_get_voice_callback_type  (DialNumberConfig *self);
const char            *dial_number_config_get_voice_callback_value (DialNumberConfig *self);
void                   dial_number_config_set_voice_status_callback (DialNumberConfig *self,
                                                                     const char       *url);
const char            *dial_number_config_get_voice_status_callback (DialNumberConfig *self);
void                   dial_number_config_set_app_id         (DialNumberConfig *self,
                                                              const char       *app_id);
const char            *dial_number_config_get_app_id         (DialNumberConfig *self);
/* Checks every field (dial-validate.h); DIAL_ERROR_INVALID_INPUT names the first bad one. */
gboolean               dial_number_config_validate           (DialNumberConfig *self,
                                                              GError          **error);
/* The form fields for /number/update (key -> value, both strings): country, msisdn and every
 * field that has a value, including the deprecated messagesCallbackType/Value as the number had
 * them. A cleared field is left out (the API clears what is left out), except moHttpUrl, which
 * is sent as "" to remove the webhook explicitly. For the client. */
GHashTable            *dial_number_config_to_form            (DialNumberConfig *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DialNumberConfig, dial_number_config_free)

G_END_DECLS
