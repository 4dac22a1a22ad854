/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DIAL_ERROR (dial_error_quark ())

/**
 * DialError:
 * @DIAL_ERROR_AUTH: the API key or secret was refused (HTTP 401)
 * @DIAL_ERROR_REFUSED: Vonage refused the action (HTTP 420); the message keeps Vonage's label
 * @DIAL_ERROR_BAD_REQUEST: the request was malformed (HTTP 400); the message keeps the field messages
 * @DIAL_ERROR_THROTTLED: too many requests (HTTP 429), even after waiting and retrying
 * @DIAL_ERROR_SERVER: the service failed (HTTP 5xx or another unexpected status)
 * @DIAL_ERROR_NETWORK: the network is unreachable, the connection refused or the name unknown
 * @DIAL_ERROR_TIMEOUT: no answer in time (for a request that cannot have changed anything)
 * @DIAL_ERROR_OUTCOME_UNKNOWN: a request that changes things (POST) may have reached the
 *   server, but its answer never arrived; it must be reconciled, never sent again blindly
 * @DIAL_ERROR_MALFORMED: the answer could not be understood
 * @DIAL_ERROR_INSECURE_URL: the API address is not https and not on this computer
 * @DIAL_ERROR_INVALID_INPUT: the user's input is invalid; nothing was sent
 */
typedef enum
{
  DIAL_ERROR_AUTH,
  DIAL_ERROR_REFUSED,
  DIAL_ERROR_BAD_REQUEST,
  DIAL_ERROR_THROTTLED,
  DIAL_ERROR_SERVER,
  DIAL_ERROR_NETWORK,
  DIAL_ERROR_TIMEOUT,
  DIAL_ERROR_OUTCOME_UNKNOWN,
  DIAL_ERROR_MALFORMED,
  DIAL_ERROR_INSECURE_URL,
  DIAL_ERROR_INVALID_INPUT,
} DialError;

GQuark      dial_error_quark   (void);

/* A translated explanation of @code that a person who is not a developer understands. */
const char *dial_error_explain (DialError code);

/*
 * Details a DIAL_ERROR carries besides its message (an extended GError domain), so that the UI
 * can show its own explanation and Vonage's words side by side:
 * the label is Vonage's `error-code-label` verbatim (for 400: the field messages, "field: text"
 * joined by "; "; for an RFC 7807 body: its title/detail), NULL when there was none;
 * the HTTP status is 0 when no answer arrived.
 */
const char *dial_error_get_label       (const GError *error);
guint       dial_error_get_http_status (const GError *error);
/* For the client: a DIAL_ERROR with these details; @label nullable. */
GError     *dial_error_new_full        (DialError     code,
                                        guint         http_status,
                                        const char   *label,
                                        const char   *message);

G_END_DECLS
