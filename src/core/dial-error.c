/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-error"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dial-error.h"

typedef struct
{
  char  *label;
  guint  http_status;
} DialErrorPrivate;

static void
dial_error_private_init (DialErrorPrivate *priv)
{
  g_assert (priv != NULL);
  priv->label = NULL;
  priv->http_status = 0;
}

static void
dial_error_private_copy (const DialErrorPrivate *src,
                         DialErrorPrivate       *dest)
{
  g_assert (src != NULL && dest != NULL);
  dest->label = g_strdup (src->label);
  dest->http_status = src->http_status;
}

static void
dial_error_private_clear (DialErrorPrivate *priv)
{
  g_assert (priv != NULL);
  g_clear_pointer (&priv->label, g_free);
}

/* An extended domain: errors carry Vonage's label and the HTTP status (see dial-error.h). */
/* GLib places the private data suitably aligned before the GError; clang cannot know that. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wcast-align"
G_DEFINE_EXTENDED_ERROR (DialError, dial_error)
#pragma GCC diagnostic pop

const char *
dial_error_explain (DialError code)
{
  switch (code)
    {
    case DIAL_ERROR_AUTH:
      return _("Vonage did not accept the API key or secret. Check that both are copied completely from the Vonage dashboard.");
    case DIAL_ERROR_REFUSED:
      return _("Vonage refused to do this.");
    case DIAL_ERROR_BAD_REQUEST:
      return _("Vonage did not understand the request.");
    case DIAL_ERROR_THROTTLED:
      return _("Vonage is receiving too many requests from this account. Wait a minute and try again.");
    case DIAL_ERROR_SERVER:
      return _("The Vonage service is not working properly right now. Try again later.");
    case DIAL_ERROR_NETWORK:
      return _("Could not reach Vonage. Check your internet connection.");
    case DIAL_ERROR_TIMEOUT:
      return _("Vonage did not answer in time. Try again later.");
    case DIAL_ERROR_OUTCOME_UNKNOWN:
      return _("The answer from Vonage was lost, so it is not known whether the change was made.");
    case DIAL_ERROR_MALFORMED:
      return _("Vonage sent an answer that Dialtone does not understand.");
    case DIAL_ERROR_INSECURE_URL:
      return _("The API address must start with https:// unless it points to this computer.");
    case DIAL_ERROR_INVALID_INPUT:
      return _("Some of the information entered is not valid.");
    default:
      g_return_val_if_reached (_("Something went wrong."));
    }
}

const char *
dial_error_get_label (const GError *error)
{
  DialErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != DIAL_ERROR)
    return NULL;

  priv = dial_error_get_private (error);
  g_assert (priv != NULL);

  return priv->label;
}

guint
dial_error_get_http_status (const GError *error)
{
  DialErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, 0);

  if (error->domain != DIAL_ERROR)
    return 0;

  priv = dial_error_get_private (error);
  g_assert (priv != NULL);

  return priv->http_status;
}

GError *
dial_error_new_full (DialError   code,
                     guint       http_status,
                     const char *label,
                     const char *message)
{
  GError *error;
  DialErrorPrivate *priv;

  g_return_val_if_fail (message != NULL, NULL);

  error = g_error_new_literal (DIAL_ERROR, code, message);
  priv = dial_error_get_private (error);
  g_assert (priv != NULL);
  priv->http_status = http_status;
  priv->label = g_strdup (label);

  return error;
}
