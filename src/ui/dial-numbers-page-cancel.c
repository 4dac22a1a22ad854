/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-numbers-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dial-error.h"
#include "dial-number-text.h"
#include "dial-numbers-page-private.h"
#include "dial-ui-util.h"

/*
 * Cancelling a number of the My Numbers page: a destructive confirmation that names it, one
 * request (never two for the same number at once, never sent again), and then what the answer
 * means. An answer that was lost, or a refusal, is checked against the account before the user
 * is told anything.
 */

typedef struct
{
  DialNumbersPage *self;
  DialNumber      *number;
  char            *country;
  char            *msisdn;
} CancelTask;

static void
cancel_task_free (CancelTask *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->number);
  g_free (data->country);
  g_free (data->msisdn);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CancelTask, cancel_task_free)

static CancelTask *
cancel_task_new (DialNumbersPage *self,
                 DialNumber      *number)
{
  CancelTask *data = g_new0 (CancelTask, 1);

  data->self = g_object_ref (self);
  data->number = g_object_ref (number);
  data->country = g_strdup (dial_number_get_country (number));
  data->msisdn = g_strdup (dial_number_get_msisdn (number));
  return data;
}

static void
show_message (DialNumbersPage *self,
              const char      *heading,
              const char      *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_finished (CancelTask *data)
{
  g_hash_table_remove (data->self->cancelling, data->msisdn);
}

static void
remove_cancelled (CancelTask *data,
                  gboolean    after_lost_answer)
{
  DialNumbersPage *self = data->self;
  g_autofree char *formatted = dial_number_text_format (data->number);
  g_autofree char *message = NULL;

  if (after_lost_answer)
    /* Translators: %s is a phone number; the answer was lost but a check shows it is gone */
    message = g_strdup_printf (_("Cancelled %s. The answer from Vonage was lost, but the number is no longer on your account."),
                               formatted);
  else
    /* Translators: %s is a phone number */
    message = g_strdup_printf (_("Cancelled %s"), formatted);

  if (self->owned != NULL)
    dial_owned_list_remove (self->owned, data->msisdn);
  dial_numbers_page_close_details_of (self, data->number);
  dial_widget_add_toast (GTK_WIDGET (self), adw_toast_new (message));
  dial_numbers_page_update_status (self);
}

static void
on_lookup_after_cancel_ready (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(CancelTask) data = user_data;
  DialNumbersPage *self = data->self;
  g_autoptr(DialNumber) still_owned = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *formatted = dial_number_text_format (data->number);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  still_owned = dial_client_lookup_owned_finish (DIAL_CLIENT (object), result, &error);
  cancel_finished (data);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error == NULL && still_owned == NULL)
    {
      remove_cancelled (data, TRUE);
      return;
    }

  /* Translators: %s is a phone number */
  heading = g_strdup_printf (_("Could Not Cancel %s"), formatted);
  if (error == NULL)
    body = g_strdup (_("The connection broke before Vonage answered, and the number is still on your account: it was not cancelled. You can try again."));
  else
    {
      g_autofree char *task = g_strdup (_("The connection broke before Vonage answered, and Dialtone could not check whether the number was cancelled"));
      g_autofree char *reason = dial_number_text_describe_error (task, error);

      body = g_strconcat (reason, " ", _("Refresh the list to see whether it is still there."), NULL);
    }
  show_message (self, heading, body);
}

typedef struct
{
  CancelTask *data;
  GError     *error;
} RefusedCheck;

static void
on_lookup_after_refusal_ready (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  RefusedCheck *check = user_data;
  g_autoptr(CancelTask) data = check->data;
  g_autoptr(GError) refusal = check->error;
  DialNumbersPage *self = data->self;
  g_autoptr(DialNumber) still_owned = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *formatted = dial_number_text_format (data->number);
  g_autofree char *heading = NULL;
  g_autofree char *task = NULL;
  g_autofree char *body = NULL;

  g_free (check);
  still_owned = dial_client_lookup_owned_finish (DIAL_CLIENT (object), result, &error);
  cancel_finished (data);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  heading = g_strdup_printf (_("Could Not Cancel %s"), formatted);
  task = g_strdup_printf (_("Vonage did not cancel %s"), formatted);
  body = dial_number_text_describe_error (task, refusal);
  if (error == NULL && still_owned == NULL)
    {
      /* Gone already (cancelled elsewhere): the list must not keep showing it. */
      g_autofree char *more = g_strconcat (body, " ",
                                           _("The number is no longer on your account, so it was removed from the list."),
                                           NULL);

      if (self->owned != NULL)
        dial_owned_list_remove (self->owned, data->msisdn);
      dial_numbers_page_close_details_of (self, data->number);
      dial_numbers_page_update_status (self);
      show_message (self, heading, more);
      return;
    }

  show_message (self, heading, body);
}

static void
on_cancel_ready (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CancelTask) data = user_data;
  DialNumbersPage *self = data->self;
  g_autoptr(GError) error = NULL;

  if (dial_client_cancel_finish (DIAL_CLIENT (object), result, &error))
    {
      cancel_finished (data);
      remove_cancelled (data, FALSE);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      cancel_finished (data);
      return;
    }

  if (g_error_matches (error, DIAL_ERROR, DIAL_ERROR_OUTCOME_UNKNOWN))
    {
      /* Never send it again blindly, and say nothing before knowing: look. */
      CancelTask *pending = g_steal_pointer (&data);

      dial_client_lookup_owned_async (DIAL_CLIENT (object), pending->country, pending->msisdn,
                                      self->cancellable, on_lookup_after_cancel_ready, pending);
      return;
    }

  if (g_error_matches (error, DIAL_ERROR, DIAL_ERROR_REFUSED))
    {
      /* Refused: perhaps because it is not ours any more. Find out to say exactly that. */
      RefusedCheck *check = g_new0 (RefusedCheck, 1);

      check->data = g_steal_pointer (&data);
      check->error = g_steal_pointer (&error);
      dial_client_lookup_owned_async (DIAL_CLIENT (object), check->data->country,
                                      check->data->msisdn, self->cancellable,
                                      on_lookup_after_refusal_ready, check);
      return;
    }

  cancel_finished (data);
  {
    g_autofree char *formatted = dial_number_text_format (data->number);
    g_autofree char *heading = g_strdup_printf (_("Could Not Cancel %s"), formatted);
    g_autofree char *task = g_strdup_printf (_("%s was not cancelled"), formatted);
    g_autofree char *body = dial_number_text_describe_error (task, error);

    show_message (self, heading, body);
  }
}

static void
on_cancel_dialog_response (AdwMessageDialog *dialog,
                           const char       *response,
                           gpointer          user_data)
{
  g_autoptr(CancelTask) data = user_data;
  DialNumbersPage *self = data->self;
  CancelTask *pending;

  if (g_strcmp0 (response, "cancel-number") != 0 || self->client == NULL)
    return;
  if (g_hash_table_contains (self->cancelling, data->msisdn))
    return;

  g_hash_table_add (self->cancelling, g_strdup (data->msisdn));
  pending = g_steal_pointer (&data);
  dial_client_cancel_async (self->client, pending->country, pending->msisdn, NULL,
                            self->cancellable, on_cancel_ready, pending);
}

void
dial_numbers_page_ask_to_cancel (DialNumbersPage *self,
                                 DialNumber      *number)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *formatted = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_if_fail (DIAL_IS_NUMBERS_PAGE (self));
  g_return_if_fail (DIAL_IS_NUMBER (number));

  if (self->client == NULL)
    return;
  if (g_hash_table_contains (self->cancelling, dial_number_get_msisdn (number)))
    return;

  formatted = dial_number_text_format (number);
  /* Translators: %s is a phone number */
  heading = g_strdup_printf (_("Cancel %s?"), formatted);
  body = g_strdup_printf (_("You will stop renting %s. It returns to the market, where anyone can buy it, and calls and messages to it will no longer reach you. This cannot be undone."),
                          formatted);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Number"),
                                    "cancel-number", _("_Cancel Number"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-number",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect (dialog, "response", G_CALLBACK (on_cancel_dialog_response),
                    cancel_task_new (self, number));
  gtk_window_present (GTK_WINDOW (dialog));
}
