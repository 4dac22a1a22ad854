/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-buy-page"

/*
 * Buying one number, for DialBuyPage: look it up again (availability, current price) and read
 * the balance; confirm; buy once; then either celebrate, explain a refusal (what the app can find
 * out, plus Vonage's own words), or reconcile an unknown outcome against the owned list. The buy
 * request is sent at most once per confirmation, whatever happens.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dial-buy-dialog.h"
#include "dial-buy-page-private.h"
#include "dial-buy-result-row.h"
#include "dial-countries.h"
#include "dial-error.h"
#include "dial-format.h"
#include "dial-ui-util.h"

#define DASHBOARD_BUY_URL "https://dashboard.nexmo.com/buy-numbers"

struct _DialBuyPurchase
{
  DialBuyPage *page;            /* unowned; NULL once the page is gone */
  DialClient  *client;          /* the account the purchase started with */
  char        *country;
  char        *msisdn;
  char        *display;         /* the number as the user reads it */
  char        *target_api_key;  /* a subaccount, or NULL */
  DialNumber  *number;          /* as looked up again just now; NULL when no longer available */
  DialMoney    balance;         /* DIAL_MONEY_UNKNOWN when it could not be read */
  gboolean     auto_reload;
  GError      *lookup_error;
  guint        pending;
  gboolean     sent;            /* /number/buy went out: never again in this purchase */

  /* After a refusal or an unknown outcome */
  char        *refusal;         /* Vonage's label, verbatim */
  GError      *buy_error;
  DialNumber  *owned;
  gboolean     available_known;
  gboolean     still_available;
};

static void on_confirm_response (AdwMessageDialog *dialog,
                                 const char       *response,
                                 DialBuyPurchase  *purchase);

static void
purchase_clear (DialBuyPurchase *purchase)
{
  g_clear_object (&purchase->client);
  g_clear_pointer (&purchase->country, g_free);
  g_clear_pointer (&purchase->msisdn, g_free);
  g_clear_pointer (&purchase->display, g_free);
  g_clear_pointer (&purchase->target_api_key, g_free);
  g_clear_object (&purchase->number);
  g_clear_error (&purchase->lookup_error);
  g_clear_pointer (&purchase->refusal, g_free);
  g_clear_error (&purchase->buy_error);
  g_clear_object (&purchase->owned);
}

static DialBuyPurchase *
purchase_ref (DialBuyPurchase *purchase)
{
  return g_rc_box_acquire (purchase);
}

static void
purchase_unref (gpointer purchase)
{
  g_rc_box_release_full (purchase, (GDestroyNotify) purchase_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DialBuyPurchase, purchase_unref)

static void
purchase_closure_notify (gpointer  purchase,
                         GClosure *closure)
{
  purchase_unref (purchase);
}

void
dial_buy_page_purchase_abandon (DialBuyPurchase *purchase)
{
  purchase->page = NULL;
  purchase_unref (purchase);
}

static void
set_busy (DialBuyPurchase *purchase,
          const char      *status)
{
  dial_buy_page_set_status (purchase->page, status);
  gtk_widget_action_set_enabled (GTK_WIDGET (purchase->page), "buy.buy", FALSE);
}

/* The purchase is over: the page can start another one. */
static void
end_purchase (DialBuyPurchase *purchase)
{
  DialBuyPage *page = purchase->page;

  if (page == NULL || page->purchase != purchase)
    return;

  dial_buy_page_set_status (page, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "buy.buy", TRUE);
  g_clear_pointer (&page->purchase, dial_buy_page_purchase_abandon);
}

static GtkWindow *
page_window (DialBuyPurchase *purchase)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (purchase->page));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
on_outcome_response (AdwMessageDialog *dialog,
                     const char       *response,
                     DialBuyPurchase  *purchase)
{
  DialBuyPage *page = purchase->page;
  g_autofree char *country = g_strdup (purchase->country);
  g_autofree char *msisdn = g_strdup (purchase->msisdn);

  if (page == NULL)
    return;

  /* Over before anything the response leads to, so that "Try Again" can start afresh. */
  g_object_ref (page);
  end_purchase (purchase);

  if (g_str_equal (response, "show"))
    gtk_widget_activate_action (GTK_WIDGET (page), "win.show-number", "(ssb)",
                                country, msisdn, FALSE);
  else if (g_str_equal (response, "setup"))
    gtk_widget_activate_action (GTK_WIDGET (page), "win.show-number", "(ssb)",
                                country, msisdn, TRUE);
  else if (g_str_equal (response, "numbers"))
    gtk_widget_activate_action (GTK_WIDGET (page), "win.show-numbers", NULL);
  else if (g_str_equal (response, "dashboard"))
    gtk_show_uri (GTK_WINDOW (dialog), DASHBOARD_BUY_URL, GDK_CURRENT_TIME);
  else if (g_str_equal (response, "retry"))
    dial_buy_page_purchase_start (page, country, msisdn);

  g_object_unref (page);
}

/* Tells what happened in a dialog (lasting news, not a toast); the purchase ends when it is
 * answered. @extra_id/@extra_label: one more response besides "Close" (nullable). */
static void
show_outcome (DialBuyPurchase *purchase,
              const char      *heading,
              const char      *body,
              const char      *extra_id,
              const char      *extra_label)
{
  GtkWindow *window = page_window (purchase);
  AdwMessageDialog *dialog;

  g_debug ("Purchase of %s: %s — %s", purchase->msisdn, heading, body);

  if (window == NULL)
    {
      end_purchase (purchase);
      return;
    }

  dial_buy_page_set_status (purchase->page, NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  if (extra_id != NULL)
    {
      adw_message_dialog_add_response (dialog, extra_id, extra_label);
      adw_message_dialog_set_response_appearance (dialog, extra_id, ADW_RESPONSE_SUGGESTED);
    }
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_outcome_response),
                         purchase_ref (purchase), purchase_closure_notify, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
succeed (DialBuyPurchase *purchase,
         const char      *how)
{
  DialBuyPage *page = purchase->page;
  GtkWidget *widget = GTK_WIDGET (page);

  dial_buy_page_remove_result (page, purchase->msisdn);

  /* A subaccount's number is not in this account's list, so there is nothing to show. */
  if (purchase->target_api_key == NULL)
    gtk_widget_activate_action (widget, "win.show-number", "(ssb)",
                                purchase->country, purchase->msisdn, FALSE);
  gtk_widget_activate_action (widget, "win.refresh-balance", NULL);

  if (how != NULL)
    {
      g_autofree char *heading = NULL;

      /* Translators: %s is a phone number */
      heading = g_strdup_printf (_("Bought %s"), purchase->display);
      show_outcome (purchase, heading, how,
                    purchase->target_api_key ? NULL : "setup",
                    _("Set _Up This Number"));
    }
  else
    {
      g_autofree char *title = NULL;
      AdwToast *toast;

      if (purchase->target_api_key != NULL)
        /* Translators: %1$s is a phone number, %2$s an API key */
        title = g_strdup_printf (_("Bought %1$s for subaccount %2$s"),
                                 purchase->display, purchase->target_api_key);
      else
        /* Translators: %s is a phone number */
        title = g_strdup_printf (_("Bought %s"), purchase->display);

      toast = adw_toast_new (title);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      if (purchase->target_api_key == NULL)
        {
          adw_toast_set_button_label (toast, _("Set _Up This Number"));
          adw_toast_set_action_name (toast, "win.show-number");
          adw_toast_set_action_target (toast, "(ssb)", purchase->country, purchase->msisdn,
                                       TRUE);
          adw_toast_set_timeout (toast, 10);
        }
      dial_widget_add_toast (widget, toast);
      end_purchase (purchase);
    }
}

/* Why the answer never came, in one sentence, for the reconciliation messages. */
static const char *
unknown_outcome_reason (const GError *error)
{
  if (g_error_matches (error, DIAL_ERROR, DIAL_ERROR_SERVER))
    return _("Vonage reported a failure of its own while buying.");
  if (g_error_matches (error, DIAL_ERROR, DIAL_ERROR_MALFORMED))
    return _("Vonage’s answer to the purchase could not be understood.");
  return _("The connection to Vonage was lost before it confirmed the purchase.");
}

static void
on_reconcile_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DialBuyPurchase) purchase = user_data;
  g_autoptr(DialNumber) owned = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  owned = dial_client_lookup_owned_finish (DIAL_CLIENT (source), result, &error);
  if (purchase->page == NULL)
    return;

  if (error != NULL)
    {
      g_autofree char *explanation = dial_buy_page_explain_error (error);

      /* Translators: %1$s is why the purchase is unconfirmed, %2$s why the check failed,
       * %3$s the phone number */
      body = g_strdup_printf (_("%1$s Dialtone could not check your numbers either: %2$s\n\n"
                                "Look for %3$s in My Numbers before you try again, so that "
                                "you do not buy it twice."),
                              unknown_outcome_reason (purchase->buy_error), explanation,
                              purchase->display);
      show_outcome (purchase, _("Purchase Not Confirmed"), body,
                    "numbers", _("Open _My Numbers"));
      return;
    }

  if (owned != NULL)
    {
      /* Translators: %1$s is why the purchase was unconfirmed, %2$s the phone number */
      body = g_strdup_printf (_("%1$s Dialtone then checked your numbers: %2$s is yours now. "
                                "It was bought once."),
                              unknown_outcome_reason (purchase->buy_error), purchase->display);
      succeed (purchase, body);
      return;
    }

  /* Translators: %1$s is why the purchase was unconfirmed, %2$s the phone number */
  body = g_strdup_printf (_("%1$s Dialtone then checked your numbers: %2$s is not among them, "
                            "so it was not bought. You can try again."),
                          unknown_outcome_reason (purchase->buy_error), purchase->display);
  show_outcome (purchase, _("Number Not Bought"), body, "retry", _("_Try Again"));
}

static void
reconcile (DialBuyPurchase *purchase)
{
  g_autofree char *status = NULL;

  if (purchase->target_api_key != NULL)
    {
      g_autofree char *body = NULL;

      /* Translators: %1$s is why the purchase is unconfirmed, %2$s the phone number */
      body = g_strdup_printf (_("%1$s Dialtone cannot see a subaccount’s numbers. Look for %2$s "
                                "in the subaccount in the Vonage Dashboard before you try again, "
                                "so that you do not buy it twice."),
                              unknown_outcome_reason (purchase->buy_error), purchase->display);
      show_outcome (purchase, _("Purchase Not Confirmed"), body,
                    "dashboard", _("Open _Dashboard"));
      return;
    }

  /* Translators: %s is a phone number */
  status = g_strdup_printf (_("Checking whether %s was bought…"), purchase->display);
  set_busy (purchase, status);
  dial_client_lookup_owned_async (purchase->client, purchase->country, purchase->msisdn,
                                  purchase->page->purchase_cancellable,
                                  on_reconcile_done, purchase_ref (purchase));
}

static gboolean
label_mentions (const char *label,
                const char *word)
{
  g_autofree char *lower = g_utf8_strdown (label ? label : "", -1);

  return strstr (lower, word) != NULL;
}

static void
explain_refusal (DialBuyPurchase *purchase)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  const char *extra_id = NULL;
  const char *extra_label = NULL;
  DialMoney price;

  if (purchase->owned != NULL)
    {
      g_string_append (body, _("You already own this number: it is in My Numbers."));
      extra_id = "show";
      extra_label = _("_Show in My Numbers");
    }
  else
    {
      /* The spec's own example label sends the user to the dashboard for a local address. */
      if (label_mentions (purchase->refusal, "address") ||
          label_mentions (purchase->refusal, "dashboard"))
        {
          const char *name = dial_country_get_name (purchase->country);

          /* Translators: %1$s is a country name, %2$s the address of a web page */
          g_string_append_printf (body, _("Numbers in %1$s can only be bought with a local "
                                          "address. Request this one in the Vonage Dashboard, "
                                          "where you can give the address: %2$s"),
                                  name ? name : purchase->country, DASHBOARD_BUY_URL);
          extra_id = "dashboard";
          extra_label = _("Open _Dashboard");
        }

      if (purchase->target_api_key != NULL && label_mentions (purchase->refusal, "subaccount"))
        {
          if (body->len > 0)
            g_string_append (body, "\n\n");
          /* Translators: %s is an API key */
          g_string_append_printf (body, _("The API key %s does not belong to a subaccount of "
                                          "this account. Check the key in the Vonage Dashboard."),
                                  purchase->target_api_key);
        }

      if (purchase->available_known && !purchase->still_available)
        {
          if (body->len > 0)
            g_string_append (body, "\n\n");
          g_string_append (body, _("This number is no longer available: someone else may have "
                                   "just bought it. Search again for another one."));
          dial_buy_page_remove_result (purchase->page, purchase->msisdn);
        }

      if (purchase->balance != DIAL_MONEY_UNKNOWN && purchase->number != NULL &&
          dial_buy_price_now (purchase->number, &price) && purchase->balance < price)
        {
          g_autofree char *balance = dial_format_money (purchase->balance);
          g_autofree char *cost = dial_format_money (price);

          if (body->len > 0)
            g_string_append (body, "\n\n");
          /* Translators: %1$s is the balance, %2$s the price, both amounts of money */
          g_string_append_printf (body, _("Your balance is too low: it is %1$s, and this number "
                                          "costs %2$s now. Top up your account, then try "
                                          "again."),
                                  balance, cost);
        }

      if (body->len == 0)
        g_string_append (body, _("Dialtone could not find out why."));
    }

  g_string_append (body, "\n\n");
  /* Translators: %s is Vonage's own explanation, shown verbatim (often in English) */
  g_string_append_printf (body, _("Vonage’s answer: “%s”"),
                          purchase->refusal && purchase->refusal[0] ? purchase->refusal
                                                                    : _("(no reason given)"));

  /* Translators: %s is a phone number */
  heading = g_strdup_printf (_("Could Not Buy %s"), purchase->display);
  show_outcome (purchase, heading, body->str, extra_id, extra_label);
}

static void
diagnosis_step_done (DialBuyPurchase *purchase)
{
  g_assert (purchase->pending > 0);
  if (--purchase->pending == 0)
    explain_refusal (purchase);
}

static void
on_diagnose_owned_done (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(DialBuyPurchase) purchase = user_data;
  g_autoptr(GError) error = NULL;

  purchase->owned = dial_client_lookup_owned_finish (DIAL_CLIENT (source), result, &error);
  if (purchase->page == NULL)
    return;
  if (error != NULL)
    g_debug ("Could not look %s up among the owned numbers: %s", purchase->msisdn, error->message);
  diagnosis_step_done (purchase);
}

static void
on_diagnose_available_done (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(DialBuyPurchase) purchase = user_data;
  g_autoptr(DialNumber) available = NULL;
  g_autoptr(GError) error = NULL;

  available = dial_client_lookup_available_finish (DIAL_CLIENT (source), result, &error);
  if (purchase->page == NULL)
    return;
  if (error == NULL)
    {
      purchase->available_known = TRUE;
      purchase->still_available = available != NULL;
    }
  else
    g_debug ("Could not look %s up among the available numbers: %s", purchase->msisdn,
             error->message);
  diagnosis_step_done (purchase);
}

static void
on_diagnose_balance_done (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(DialBuyPurchase) purchase = user_data;
  g_autoptr(GError) error = NULL;
  DialMoney balance;

  if (dial_client_get_balance_finish (DIAL_CLIENT (source), result, &balance,
                                      &purchase->auto_reload, &error))
    purchase->balance = balance;
  else
    g_debug ("Could not read the balance: %s", error->message);
  if (purchase->page == NULL)
    return;
  diagnosis_step_done (purchase);
}

/* Vonage said no ("420"), usually without saying why: find out what the app can. */
static void
diagnose (DialBuyPurchase *purchase)
{
  g_autofree char *status = NULL;
  GCancellable *cancellable = purchase->page->purchase_cancellable;

  /* Translators: %s is a phone number */
  status = g_strdup_printf (_("Finding out why %s could not be bought…"), purchase->display);
  set_busy (purchase, status);

  purchase->pending = 2;
  dial_client_get_balance_async (purchase->client, cancellable,
                                 on_diagnose_balance_done, purchase_ref (purchase));
  dial_client_lookup_available_async (purchase->client, purchase->country, purchase->msisdn,
                                      cancellable, on_diagnose_available_done,
                                      purchase_ref (purchase));
  /* A subaccount's numbers are not in this account's list. */
  if (purchase->target_api_key == NULL)
    {
      purchase->pending++;
      dial_client_lookup_owned_async (purchase->client, purchase->country, purchase->msisdn,
                                      cancellable, on_diagnose_owned_done,
                                      purchase_ref (purchase));
    }
}

static void
on_buy_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(DialBuyPurchase) purchase = user_data;
  g_autoptr(GError) error = NULL;
  gboolean bought;

  bought = dial_client_buy_finish (DIAL_CLIENT (source), result, &error);

  if (purchase->page == NULL)
    {
      /* Nobody left to tell; the log at least knows. */
      g_message ("Purchase of %s finished after its page was closed: %s", purchase->msisdn,
                 bought ? "bought" : error->message);
      return;
    }

  if (bought)
    {
      succeed (purchase, NULL);
      return;
    }

  g_debug ("Buying %s failed: %s", purchase->msisdn, error->message);
  purchase->buy_error = g_error_copy (error);

  if (g_error_matches (error, DIAL_ERROR, DIAL_ERROR_REFUSED))
    {
      /* Vonage's own words, verbatim (error->message wraps them in an explanation). */
      purchase->refusal = g_strdup (dial_error_get_label (error));
      diagnose (purchase);
    }
  else if (g_error_matches (error, DIAL_ERROR, DIAL_ERROR_OUTCOME_UNKNOWN) ||
           g_error_matches (error, DIAL_ERROR, DIAL_ERROR_SERVER) ||
           g_error_matches (error, DIAL_ERROR, DIAL_ERROR_MALFORMED))
    {
      /* It may have happened: look, never send it again blindly. */
      reconcile (purchase);
    }
  else
    {
      g_autofree char *explanation = dial_buy_page_explain_error (error);
      g_autofree char *heading = NULL;
      g_autofree char *body = NULL;

      /* The client answers these only for requests that cannot have changed anything. */
      /* Translators: %s is why; the number was definitely not bought */
      body = g_strdup_printf (_("%s\n\nThe number was not bought. You can try again."),
                              explanation);
      /* Translators: %s is a phone number */
      heading = g_strdup_printf (_("Could Not Buy %s"), purchase->display);
      show_outcome (purchase, heading, body, "retry", _("_Try Again"));
    }
}

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     DialBuyPurchase  *purchase)
{
  g_autofree char *status = NULL;

  if (purchase->page == NULL || purchase->sent)
    return;

  if (!g_str_equal (response, "buy"))
    {
      end_purchase (purchase);
      return;
    }

  purchase->sent = TRUE;
  purchase->target_api_key = g_strdup (dial_buy_dialog_get_target_api_key (DIAL_BUY_DIALOG (dialog)));

  /* Translators: %s is a phone number */
  status = g_strdup_printf (_("Buying %s…"), purchase->display);
  set_busy (purchase, status);

  /* No cancellable: once sent, a purchase is seen through to its answer, so that it can be
   * reported or reconciled; cancelling would only make its outcome unknown. */
  dial_client_buy_async (purchase->client, purchase->country, purchase->msisdn,
                         purchase->target_api_key, NULL, on_buy_done, purchase_ref (purchase));
}

static void
on_gone_owned_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DialBuyPurchase) purchase = user_data;
  g_autoptr(DialNumber) owned = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;

  owned = dial_client_lookup_owned_finish (DIAL_CLIENT (source), result, &error);
  if (purchase->page == NULL)
    return;

  dial_buy_page_remove_result (purchase->page, purchase->msisdn);

  if (owned != NULL)
    {
      /* Translators: %s is a phone number */
      heading = g_strdup_printf (_("You Already Own %s"), purchase->display);
      show_outcome (purchase, heading, _("It is in My Numbers. Nothing was bought."),
                    "show", _("_Show in My Numbers"));
      return;
    }

  /* Translators: %s is a phone number */
  heading = g_strdup_printf (_("%s Is No Longer Available"), purchase->display);
  show_outcome (purchase, heading,
                _("Someone else may have just bought it. Nothing was bought; search again for "
                  "another number."),
                NULL, NULL);
}

static void
confirm (DialBuyPurchase *purchase)
{
  GtkWindow *window;
  DialBuyDialog *dialog;

  if (purchase->lookup_error != NULL)
    {
      g_autofree char *explanation = dial_buy_page_explain_error (purchase->lookup_error);
      g_autofree char *body = NULL;

      /* Translators: %1$s is a phone number, %2$s the reason */
      body = g_strdup_printf (_("Could not check the current price of %1$s: %2$s\n\n"
                                "Nothing was bought."),
                              purchase->display, explanation);
      show_outcome (purchase, _("Could Not Check This Number"), body, "retry", _("_Try Again"));
      return;
    }

  if (purchase->number == NULL)
    {
      /* Gone from the available numbers: maybe because it is ours already. */
      dial_client_lookup_owned_async (purchase->client, purchase->country, purchase->msisdn,
                                      purchase->page->purchase_cancellable,
                                      on_gone_owned_done, purchase_ref (purchase));
      return;
    }

  window = page_window (purchase);
  if (window == NULL)
    {
      end_purchase (purchase);
      return;
    }

  dial_buy_page_set_status (purchase->page, NULL);
  dialog = dial_buy_dialog_new (window, purchase->number, purchase->balance,
                                purchase->auto_reload);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_confirm_response),
                         purchase_ref (purchase), purchase_closure_notify, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lookup_step_done (DialBuyPurchase *purchase)
{
  g_assert (purchase->pending > 0);
  if (--purchase->pending == 0)
    confirm (purchase);
}

static void
on_lookup_available_done (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(DialBuyPurchase) purchase = user_data;

  purchase->number = dial_client_lookup_available_finish (DIAL_CLIENT (source), result,
                                                          &purchase->lookup_error);
  if (purchase->page == NULL)
    return;
  lookup_step_done (purchase);
}

static void
on_balance_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DialBuyPurchase) purchase = user_data;
  g_autoptr(GError) error = NULL;
  DialMoney balance;

  /* Without the balance the confirmation still shows the price; it says the balance is
   * unknown rather than stopping the purchase. */
  if (dial_client_get_balance_finish (DIAL_CLIENT (source), result, &balance,
                                      &purchase->auto_reload, &error))
    purchase->balance = balance;
  else
    g_debug ("Could not read the balance: %s", error->message);

  if (purchase->page == NULL)
    return;
  lookup_step_done (purchase);
}

void
dial_buy_page_purchase_start (DialBuyPage *self,
                              const char  *country,
                              const char  *msisdn)
{
  DialBuyPurchase *purchase;
  g_autofree char *status = NULL;

  g_return_if_fail (DIAL_IS_BUY_PAGE (self));
  g_return_if_fail (country != NULL && msisdn != NULL);

  /* One at a time: a second click while the first is under way does nothing. */
  if (self->purchase != NULL || self->client == NULL)
    return;

  purchase = g_rc_box_new0 (DialBuyPurchase);
  purchase->page = self;
  purchase->client = g_object_ref (self->client);
  purchase->country = g_strdup (country);
  purchase->msisdn = g_strdup (msisdn);
  purchase->display = dial_buy_format_unbroken (dial_format_msisdn_grouped (msisdn, country));
  purchase->balance = DIAL_MONEY_UNKNOWN;
  self->purchase = purchase;

  /* Translators: %s is a phone number */
  status = g_strdup_printf (_("Checking the current price of %s…"), purchase->display);
  set_busy (purchase, status);

  purchase->pending = 2;
  dial_client_lookup_available_async (purchase->client, country, msisdn,
                                      self->purchase_cancellable,
                                      on_lookup_available_done, purchase_ref (purchase));
  dial_client_get_balance_async (purchase->client, self->purchase_cancellable,
                                 on_balance_done, purchase_ref (purchase));
}
