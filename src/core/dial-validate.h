/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Validation shared by the client (before any request) and the UI (as the user types).
 * Each returns TRUE, or FALSE with DIAL_ERROR_INVALID_INPUT and a translated message that says
 * what is wrong and what is expected. @out_normalized (nullable) receives the value as it must
 * be sent (e.g. msisdn with "+", spaces, dashes, dots and brackets removed).
 */
gboolean dial_validate_msisdn         (const char  *text,
                                       char       **out_normalized,
                                       GError     **error);
/* ISO 3166-1 alpha-2, known to iso-codes; lower case is accepted and upper-cased. */
gboolean dial_validate_country        (const char  *text,
                                       char       **out_normalized,
                                       GError     **error);
/* Absolute http or https URL with a host, no whitespace or control characters (GUri). */
gboolean dial_validate_webhook_url    (const char  *text,
                                       GError     **error);
/* sip: or sips: URI with a user@host or host part. */
gboolean dial_validate_sip_uri        (const char  *text,
                                       GError     **error);
/* A telephone number for voiceCallbackValue (E.164 digits; normalized like msisdn). */
gboolean dial_validate_tel            (const char  *text,
                                       char       **out_normalized,
                                       GError     **error);
/* An application id: a UUID (8-4-4-4-12 hex digits); lower-cased. */
gboolean dial_validate_application_id (const char  *text,
                                       char       **out_normalized,
                                       GError     **error);
/* An API key as Vonage issues them (non-empty, printable ASCII, no spaces) */
gboolean dial_validate_api_key        (const char  *text,
                                       GError     **error);
/* A base URL for the API: https, or http only when the host is loopback
 * (DIAL_ERROR_INSECURE_URL otherwise). */
gboolean dial_validate_base_url       (const char  *text,
                                       GError     **error);

G_END_DECLS
