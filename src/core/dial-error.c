/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-error"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dial-error.h"

G_DEFINE_QUARK (dial-error-quark, dial_error)

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
