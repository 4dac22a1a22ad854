/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-window"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dial-buy-page.h"
#include "dial-error.h"
#include "dial-format.h"
#include "dial-numbers-page.h"
#include "dial-sign-in-page.h"
#include "dial-ui-util.h"
#include "dial-window.h"

struct _DialWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  DialAccounts         *accounts;
  DialDemo             *demo;

  GCancellable         *cancellable;       /* all the window waits on; cancelled in dispose */
  GCancellable         *open_cancellable;  /* the account being opened */
  GCancellable         *balance_cancellable;

  DialAccount          *account;           /* the open account; NULL in the demo */
  DialAccount          *pending;           /* the account being opened (or to retry) */
  DialClient           *client;            /* the open account's (or the demo's) client */
  DialMoney             balance;
  guint                 is_demo : 1;
  guint                 retry_demo : 1;
  guint                 accounts_loaded : 1;
  guint                 restore_pending : 1;
  guint                 keyring_load_failed : 1;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  GtkButton            *back_button;
  GtkMenuButton        *account_button;
  GtkLabel             *account_name_label;
  GtkLabel             *balance_label;
  AdwViewSwitcherTitle *switcher_title;
  GtkRevealer          *demo_bar;
  GtkRevealer          *keyring_bar;
  GtkLabel             *keyring_bar_label;
  GtkStack             *main_stack;
  AdwStatusPage        *loading_page;
  AdwStatusPage        *welcome_page;
  DialSignInPage       *sign_in_page;
  AdwStatusPage        *error_page;
  AdwViewStack         *view_stack;
  DialNumbersPage      *numbers_page;
  DialBuyPage          *buy_page;
  AdwViewSwitcherBar   *switcher_bar;
  GMenu                *accounts_section;
};

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DialWindow, dial_window, ADW_TYPE_APPLICATION_WINDOW)

static void open_account  (DialWindow  *self,
                           DialAccount *account);
static void close_account (DialWindow  *self);

static const char *
account_display_name (DialAccount *account)
{
  const char *name = dial_account_get_name (account);

  return name != NULL && name[0] != '\0' ? name : dial_account_get_api_key (account);
}

static void
replace_cancellable (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
  *cancellable = g_cancellable_new ();
}

static void
add_toast (DialWindow *self,
           const char *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
update_actions (DialWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const char *view = dial_window_get_view (self);
  gboolean in_account = g_strcmp0 (view, "account") == 0;
  gboolean in_sign_in = g_strcmp0 (view, "sign-in") == 0;
  gboolean has_accounts = self->accounts != NULL &&
                          g_list_model_get_n_items (G_LIST_MODEL (self->accounts)) > 0;

  gtk_widget_action_set_enabled (widget, "win.show-numbers", in_account);
  gtk_widget_action_set_enabled (widget, "win.show-buy", in_account);
  gtk_widget_action_set_enabled (widget, "win.show-number", in_account);
  gtk_widget_action_set_enabled (widget, "win.refresh", in_account);
  gtk_widget_action_set_enabled (widget, "win.find", in_account);
  gtk_widget_action_set_enabled (widget, "win.refresh-balance", self->client != NULL);
  gtk_widget_action_set_enabled (widget, "win.sign-out", self->account != NULL && !self->is_demo);
  gtk_widget_action_set_enabled (widget, "win.reset-demo", self->is_demo && in_account);
  gtk_widget_action_set_enabled (widget, "win.leave-demo", self->is_demo);
  gtk_widget_action_set_enabled (widget, "win.cancel-sign-in", in_sign_in);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), in_sign_in);
  gtk_widget_set_visible (GTK_WIDGET (self->balance_label), self->client != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->account_button),
                          !in_sign_in && (self->client != NULL || has_accounts));
  gtk_revealer_set_reveal_child (self->demo_bar, self->is_demo && in_account);
}

static void
set_view (DialWindow *self,
          const char *view)
{
  gtk_stack_set_visible_child_name (self->main_stack, view);
  update_actions (self);
}

static void
show_keyring_problem (DialWindow   *self,
                      const char   *message,
                      const GError *error)
{
  gtk_label_set_text (self->keyring_bar_label, message);
  /* The keyring's own words are for the curious; the sentence above is for everyone. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->keyring_bar_label),
                               error != NULL ? error->message : NULL);
  gtk_revealer_set_reveal_child (self->keyring_bar, message != NULL);
}

static void
show_error (DialWindow *self,
            const char *title,
            const char *description,
            const char *icon_name)
{
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, description);
  adw_status_page_set_icon_name (self->error_page, icon_name);
  set_view (self, "error");
}

static void
update_balance_style (DialWindow *self)
{
  double threshold = g_settings_get_double (self->settings, "low-balance-threshold");
  DialMoney limit = (DialMoney) llround (threshold * (double) DIAL_MONEY_SCALE);
  gboolean low = self->balance != DIAL_MONEY_UNKNOWN && self->balance < limit;

  if (low)
    gtk_widget_add_css_class (GTK_WIDGET (self->balance_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->balance_label), "warning");
}

static void
set_balance (DialWindow *self,
             DialMoney   balance)
{
  self->balance = balance;

  if (balance == DIAL_MONEY_UNKNOWN)
    {
      gtk_label_set_text (self->balance_label, _("Balance unknown"));
    }
  else
    {
      g_autofree char *money = dial_format_money (balance);

      gtk_label_set_text (self->balance_label, money);
    }

  update_balance_style (self);
}

static void
on_balance_ready (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(DialWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  DialMoney balance = DIAL_MONEY_UNKNOWN;

  if (!dial_client_get_balance_finish (DIAL_CLIENT (object), result, &balance, NULL, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          DIAL_CLIENT (object) != self->client)
        return;

      g_debug ("Could not get the balance: %s", error->message);

      /* The key or secret kept for the account no longer works (a new secret was made on the
       * dashboard): nothing on the pages can work either. */
      if (g_error_matches (error, DIAL_ERROR, DIAL_ERROR_AUTH) && !self->is_demo &&
          self->account != NULL)
        {
          g_autoptr(DialAccount) account = g_object_ref (self->account);
          g_autofree char *title = NULL;

          close_account (self);
          g_set_object (&self->pending, account);
          self->retry_demo = FALSE;
          /* Translators: %s is the name of an account. */
          title = g_strdup_printf (_("Vonage Refused “%s”"), account_display_name (account));
          show_error (self, title,
                      _("Vonage did not accept the API key and secret kept for this account. "
                        "If the secret was changed on the Vonage API Dashboard, sign in again "
                        "with the new one."),
                      "dialog-password-symbolic");
          return;
        }

      set_balance (self, DIAL_MONEY_UNKNOWN);
      /* Translators: %s explains why. */
      message = g_strdup_printf (_("Could not get the balance: %s"),
                                 error->domain == DIAL_ERROR ? dial_error_explain (error->code)
                                                             : error->message);
      add_toast (self, message);
      return;
    }

  if (DIAL_CLIENT (object) == self->client)
    set_balance (self, balance);
}

static void
refresh_balance (DialWindow *self)
{
  if (self->client == NULL)
    return;

  replace_cancellable (&self->balance_cancellable);
  dial_client_get_balance_async (self->client, self->balance_cancellable, on_balance_ready,
                                 g_object_ref (self));
}

/* The pages follow the open account through their "client" property. */
static void
set_pages_client (DialWindow *self,
                  DialClient *client)
{
  dial_numbers_page_set_client (self->numbers_page, client);
  dial_buy_page_set_client (self->buy_page, client);
}

static void
close_account (DialWindow *self)
{
  if (self->balance_cancellable != NULL)
    g_cancellable_cancel (self->balance_cancellable);

  set_pages_client (self, NULL);
  g_clear_object (&self->client);
  g_clear_object (&self->account);
  self->is_demo = FALSE;
  self->balance = DIAL_MONEY_UNKNOWN;
  gtk_label_set_text (self->account_name_label, _("Accounts"));
  gtk_label_set_text (self->balance_label, "");
  update_actions (self);
}

/* Shows an account that works: @client is ready to use. @balance is DIAL_MONEY_UNKNOWN when it
 * still has to be fetched. */
static void
show_account (DialWindow  *self,
              DialAccount *account,
              DialClient  *client,
              gboolean     is_demo,
              DialMoney    balance)
{
  if (self->open_cancellable != NULL)
    g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  g_clear_object (&self->pending);

  close_account (self);
  self->account = account != NULL ? g_object_ref (account) : NULL;
  self->client = g_object_ref (client);
  self->is_demo = is_demo;

  gtk_label_set_text (self->account_name_label,
                      is_demo ? _("Demo Account") : account_display_name (account));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->account_button),
                               is_demo ? _("Demo Account") : dial_account_get_api_key (account));

  if (!is_demo)
    {
      g_autofree char *message = NULL;

      dial_accounts_remember_last (self->accounts, self->settings, account);

      if (dial_account_get_session_only (account))
        {
          /* Translators: %s is the name of an account. */
          message = g_strdup_printf (_("Your password keyring could not be used, so Dialtone "
                                       "will forget “%s” when it quits."),
                                     account_display_name (account));
          show_keyring_problem (self, message, NULL);
        }
      else if (!self->keyring_load_failed)
        {
          show_keyring_problem (self, NULL, NULL);
        }
    }

  g_debug ("Opened %s", is_demo ? "the demo" : dial_account_get_api_key (account));
  set_pages_client (self, client);
  set_view (self, "account");

  if (balance != DIAL_MONEY_UNKNOWN)
    set_balance (self, balance);
  else
    {
      gtk_label_set_text (self->balance_label, _("Balance…"));
      refresh_balance (self);
    }
}

static void
on_secret_ready (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DialWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DialClient) client = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *title = NULL;
  DialAccount *account = self->pending;
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  secret = dial_accounts_lookup_secret_finish (DIAL_ACCOUNTS (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || account == NULL ||
      application == NULL)
    {
      if (secret != NULL)
        explicit_bzero (secret, strlen (secret));
      return;
    }

  /* Translators: %s is the name of an account. */
  title = g_strdup_printf (_("Could Not Open “%s”"), account_display_name (account));

  if (secret == NULL)
    {
      g_autofree char *description = NULL;

      if (error != NULL)
        {
          g_debug ("Could not read the secret: %s", error->message);
          /* Translators: the first %s is the keyring's explanation (whole sentences). */
          description = g_strdup_printf (_("%s Try again, or sign in again with the API key "
                                           "and secret."),
                                         error->message);
        }
      else
        {
          description = g_strdup (_("The API secret of this account is no longer in your "
                                    "password keyring. Sign in with the key and secret "
                                    "again."));
        }

      show_error (self, title, description, "dialog-password-symbolic");
      return;
    }

  client = dial_application_new_client (DIAL_APPLICATION (application),
                                        dial_account_get_api_key (account), secret, &error);
  explicit_bzero (secret, strlen (secret));

  if (client == NULL)
    {
      g_autofree char *description = NULL;

      /* Translators: %s says what is wrong with the address. */
      description = g_strdup_printf (_("The API address set in Preferences cannot be used: %s"),
                                     error->message);
      show_error (self, title, description, "network-error-symbolic");
      return;
    }

  show_account (self, account, client, FALSE, DIAL_MONEY_UNKNOWN);
}

static void
open_account (DialWindow  *self,
              DialAccount *account)
{
  g_autofree char *title = NULL;

  self->restore_pending = FALSE;
  self->retry_demo = FALSE;
  g_set_object (&self->pending, account);
  replace_cancellable (&self->open_cancellable);

  /* Translators: %s is the name of an account. */
  title = g_strdup_printf (_("Opening “%s”…"), account_display_name (account));
  adw_status_page_set_title (self->loading_page, title);
  gtk_label_set_text (self->account_name_label, account_display_name (account));
  set_view (self, "loading");

  dial_accounts_lookup_secret_async (self->accounts, account, self->open_cancellable,
                                     on_secret_ready, g_object_ref (self));
}

/* At start: the account used last opens without asking. Other stored accounts wait in the
 * account menu (a keyring may hold accounts this user never chose to open here). */
static void
show_last_or_welcome (DialWindow *self)
{
  DialAccount *account = dial_accounts_find_last (self->accounts, self->settings);

  if (account != NULL)
    open_account (self, account);
  else
    set_view (self, "welcome");
}

/* After signing out or leaving the demo: the last used account, else another stored one. */
static void
show_next_or_welcome (DialWindow *self)
{
  g_autoptr(DialAccount) first = NULL;

  if (dial_accounts_find_last (self->accounts, self->settings) == NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (self->accounts)) > 0)
    {
      first = g_list_model_get_item (G_LIST_MODEL (self->accounts), 0);
      open_account (self, first);
      return;
    }

  show_last_or_welcome (self);
}

static void
rebuild_accounts_menu (DialWindow *self)
{
  GListModel *model = G_LIST_MODEL (self->accounts);

  g_menu_remove_all (self->accounts_section);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DialAccount) account = g_list_model_get_item (model, i);
      g_autoptr(GMenuItem) item = NULL;

      item = g_menu_item_new (account_display_name (account), NULL);
      g_menu_item_set_action_and_target_value (item, "win.switch-account",
                                               g_variant_new_string (dial_account_get_api_key (account)));
      g_menu_append_item (self->accounts_section, item);
    }

  g_menu_append (self->accounts_section, _("Demo Account"), "win.open-demo");
}

static void
on_accounts_items_changed (DialWindow *self)
{
  rebuild_accounts_menu (self);
  update_actions (self);
}

static void
on_accounts_loaded (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DialWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!dial_accounts_load_finish (DIAL_ACCOUNTS (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_debug ("Could not load the accounts: %s", error->message);
      self->keyring_load_failed = TRUE;
      show_keyring_problem (self,
                            _("Your password keyring could not be used, so Dialtone cannot "
                              "show your saved accounts. An account you sign in to now is kept "
                              "until Dialtone quits."),
                            error);
    }

  self->accounts_loaded = TRUE;

  /* Unless the person chose something else meanwhile (the demo, signing in…). */
  if (self->restore_pending && g_strcmp0 (dial_window_get_view (self), "loading") == 0)
    show_last_or_welcome (self);
  self->restore_pending = FALSE;
}

static void
on_sign_in_page_signed_in (DialWindow   *self,
                           DialAccount  *account,
                           DialClient   *client,
                           gint64        balance,
                           const GError *keyring_error)
{
  if (keyring_error != NULL)
    g_debug ("Signed in, but the keyring refused: %s", keyring_error->message);

  show_account (self, account, client, FALSE, balance);
}

static void
on_settings_changed (DialWindow *self,
                     const char *key)
{
  if (g_strcmp0 (key, "low-balance-threshold") == 0)
    {
      update_balance_style (self);
    }
  else if (g_strcmp0 (key, "api-base-url") == 0)
    {
      g_autofree char *base_url = g_settings_get_string (self->settings, key);
      g_autoptr(GError) error = NULL;

      dial_sign_in_page_set_base_url (self->sign_in_page, base_url);

      /* The demo has its own address. */
      if (self->client == NULL || self->is_demo)
        return;

      if (!dial_client_set_base_url (self->client,
                                     base_url[0] != '\0' ? base_url : DIAL_DEFAULT_BASE_URL,
                                     &error))
        {
          g_autofree char *message = NULL;

          /* Translators: %s says what is wrong with the address. */
          message = g_strdup_printf (_("The new API address cannot be used: %s"), error->message);
          add_toast (self, message);
          return;
        }

      dial_numbers_page_reload (self->numbers_page);
      refresh_balance (self);
    }
}

static void
on_main_stack_visible_child_name_changed (DialWindow *self)
{
  const char *view = dial_window_get_view (self);

  /* The view switcher only makes sense with an account open. */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title,
                                                     g_strcmp0 (view, "account") == 0);
  update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

static void
show_numbers_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DialWindow *self = DIAL_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "numbers");
}

static void
show_buy_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DialWindow *self = DIAL_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "buy");
}

static void
show_number_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DialWindow *self = DIAL_WINDOW (widget);
  const char *country = NULL;
  const char *msisdn = NULL;
  gboolean edit = FALSE;

  g_variant_get (parameter, "(&s&sb)", &country, &msisdn, &edit);

  adw_view_stack_set_visible_child_name (self->view_stack, "numbers");
  dial_numbers_page_show_number (self->numbers_page, country, msisdn, edit);
}

static void
refresh_balance_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  refresh_balance (DIAL_WINDOW (widget));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DialWindow *self = DIAL_WINDOW (widget);
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (page, "numbers") == 0)
    dial_numbers_page_reload (self->numbers_page);
  else if (g_strcmp0 (page, "buy") == 0)
    dial_buy_page_reload (self->buy_page);
  refresh_balance (self);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DialWindow *self = DIAL_WINDOW (widget);
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (page, "numbers") == 0)
    dial_numbers_page_focus_filter (self->numbers_page);
  else if (g_strcmp0 (page, "buy") == 0)
    dial_buy_page_focus_search (self->buy_page);
}

static void
add_account_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DialWindow *self = DIAL_WINDOW (widget);
  g_autofree char *base_url = g_settings_get_string (self->settings, "api-base-url");

  self->restore_pending = FALSE;
  dial_sign_in_page_reset (self->sign_in_page);
  dial_sign_in_page_set_base_url (self->sign_in_page, base_url);
  set_view (self, "sign-in");
  dial_sign_in_page_focus (self->sign_in_page);
}

static void
cancel_sign_in_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DialWindow *self = DIAL_WINDOW (widget);

  dial_sign_in_page_reset (self->sign_in_page);

  if (self->client != NULL)
    set_view (self, "account");
  else if (self->pending != NULL)
    set_view (self, "error");
  else
    set_view (self, "welcome");
}

static void
switch_account_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DialWindow *self = DIAL_WINDOW (widget);
  DialAccount *account = dial_accounts_find (self->accounts, g_variant_get_string (parameter, NULL));

  if (account == NULL)
    return;

  if (account == self->account && g_strcmp0 (dial_window_get_view (self), "account") == 0)
    return;

  open_account (self, account);
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  dial_window_open_demo (DIAL_WINDOW (widget));
}

static void
leave_demo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DialWindow *self = DIAL_WINDOW (widget);

  close_account (self);
  show_next_or_welcome (self);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DialWindow *self = DIAL_WINDOW (widget);

  if (self->retry_demo)
    dial_window_open_demo (self);
  else if (self->pending != NULL)
    open_account (self, self->pending);
}

static void
on_reset_demo_response (AdwMessageDialog *dialog,
                        const char       *response,
                        DialWindow       *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "reset") != 0 || !self->is_demo)
    return;

  close_account (self);
  if (!dial_demo_reset (self->demo, &error))
    {
      g_debug ("Could not reset the demo: %s", error->message);
      self->retry_demo = TRUE;
      show_error (self, _("Could Not Start the Demo"), error->message, "dialog-error-symbolic");
      return;
    }

  dial_window_open_demo (self);
  add_toast (self, _("The demo starts again from the beginning"));
}

static void
reset_demo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DialWindow *self = DIAL_WINDOW (widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Reset the Demo?"),
                                                       _("The demo account goes back to its "
                                                         "first numbers and balance. Everything "
                                                         "done in the demo is forgotten.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "reset", _("_Reset Demo"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "reset", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reset_demo_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  DialWindow  *self;
  DialAccount *account;
} SignOut;

static void
sign_out_free (SignOut *sign_out)
{
  g_clear_object (&sign_out->self);
  g_clear_object (&sign_out->account);
  g_free (sign_out);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignOut, sign_out_free)

static void
on_account_forgotten (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SignOut) sign_out = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  DialWindow *self = sign_out->self;

  if (!dial_accounts_forget_finish (DIAL_ACCOUNTS (object), result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_debug ("Could not forget the account: %s", error->message);
      /* Translators: %s is the name of an account. */
      message = g_strdup_printf (_("Could not remove “%s” from your password keyring"),
                                 account_display_name (sign_out->account));
      add_toast (self, message);
      return;
    }

  last = g_settings_get_string (self->settings, "last-account");
  if (g_strcmp0 (last, dial_account_get_api_key (sign_out->account)) == 0)
    dial_accounts_remember_last (self->accounts, self->settings, NULL);

  if (sign_out->account == self->account)
    {
      close_account (self);
      show_next_or_welcome (self);
    }
}

static void
on_sign_out_response (AdwMessageDialog *dialog,
                      const char       *response,
                      DialWindow       *self)
{
  SignOut *sign_out;

  if (g_strcmp0 (response, "sign-out") != 0 || self->account == NULL)
    return;

  sign_out = g_new0 (SignOut, 1);
  sign_out->self = g_object_ref (self);
  sign_out->account = g_object_ref (self->account);
  dial_accounts_forget_async (self->accounts, sign_out->account, self->cancellable,
                              on_account_forgotten, sign_out);
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DialWindow *self = DIAL_WINDOW (widget);
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if (self->account == NULL)
    return;

  /* Translators: %s is the name of an account. */
  heading = g_strdup_printf (_("Sign Out of “%s”?"), account_display_name (self->account));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("Dialtone forgets the API key and "
                                                         "secret of this account. Its numbers "
                                                         "stay in your Vonage account, and you "
                                                         "can sign in again at any time.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "sign-out", _("_Sign Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "sign-out", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_sign_out_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
dismiss_keyring_bar_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  DialWindow *self = DIAL_WINDOW (widget);

  gtk_revealer_set_reveal_child (self->keyring_bar, FALSE);
}

static void
save_window_state (DialWindow *self)
{
  int width = 0;
  int height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  /* Maximized, the default size is still the unmaximized one: keep both. */
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", MAX (width, 360));
      g_settings_set_int (self->settings, "window-height", MAX (height, 294));
    }
  g_settings_apply (self->settings);
}

static gboolean
dial_window_close_request (GtkWindow *window)
{
  DialWindow *self = DIAL_WINDOW (window);

  save_window_state (self);

  return GTK_WINDOW_CLASS (dial_window_parent_class)->close_request (window);
}

static void
dial_window_dispose (GObject *object)
{
  DialWindow *self = DIAL_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->open_cancellable != NULL)
    g_cancellable_cancel (self->open_cancellable);
  if (self->balance_cancellable != NULL)
    g_cancellable_cancel (self->balance_cancellable);

  if (self->accounts != NULL)
    g_signal_handlers_disconnect_by_data (self->accounts, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), DIAL_TYPE_WINDOW);

  G_OBJECT_CLASS (dial_window_parent_class)->dispose (object);
}

static void
dial_window_finalize (GObject *object)
{
  DialWindow *self = DIAL_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->accounts);
  g_clear_object (&self->demo);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->open_cancellable);
  g_clear_object (&self->balance_cancellable);
  g_clear_object (&self->account);
  g_clear_object (&self->pending);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (dial_window_parent_class)->finalize (object);
}

static void
dial_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DialWindow *self = DIAL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_string (value, dial_window_get_view (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_window_class_init (DialWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dial_window_dispose;
  object_class->finalize = dial_window_finalize;
  object_class->get_property = dial_window_get_property;

  window_class->close_request = dial_window_close_request;

  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DIAL_TYPE_BUY_PAGE);
  g_type_ensure (DIAL_TYPE_NUMBERS_PAGE);
  g_type_ensure (DIAL_TYPE_SIGN_IN_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dial-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DialWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DialWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, DialWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, DialWindow, account_button);
  gtk_widget_class_bind_template_child (widget_class, DialWindow, account_name_label);
  gtk_widget_class_bind_template_child (widget_class, DialWindow, balance_label);
  gtk_widget_class_bind_template_child (widget_class, DialWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, DialWindow, demo_bar);
  gtk_widget_class_bind_template_child (widget_class, DialWindow, keyring_bar);
  gtk_widget_class_bind_template_child (widget_class, DialWindow, keyring_bar_label);
  gtk_widget_class_bind_template_child (widget_class, DialWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DialWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, DialWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, DialWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, DialWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, DialWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DialWindow, numbers_page);
  gtk_widget_class_bind_template_child (widget_class, DialWindow, buy_page);
  gtk_widget_class_bind_template_child (widget_class, DialWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, DialWindow, accounts_section);
  gtk_widget_class_bind_template_callback (widget_class, on_main_stack_visible_child_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_page_signed_in);

  gtk_widget_class_install_action (widget_class, "win.show-numbers", NULL, show_numbers_action);
  gtk_widget_class_install_action (widget_class, "win.show-buy", NULL, show_buy_action);
  gtk_widget_class_install_action (widget_class, "win.show-number", "(ssb)", show_number_action);
  gtk_widget_class_install_action (widget_class, "win.refresh-balance", NULL,
                                   refresh_balance_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.add-account", NULL, add_account_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-sign-in", NULL,
                                   cancel_sign_in_action);
  gtk_widget_class_install_action (widget_class, "win.switch-account", "s",
                                   switch_account_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.leave-demo", NULL, leave_demo_action);
  gtk_widget_class_install_action (widget_class, "win.reset-demo", NULL, reset_demo_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-keyring-bar", NULL,
                                   dismiss_keyring_bar_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-sign-in",
                                       NULL);
}

static void
dial_window_init (DialWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->balance = DIAL_MONEY_UNKNOWN;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Narrow: the switcher leaves the header bar for a bar at the bottom. */
  g_object_bind_property (self->switcher_title, "title-visible",
                          self->switcher_bar, "reveal",
                          G_BINDING_SYNC_CREATE);
}

DialWindow *
dial_window_new (DialApplication *application)
{
  DialWindow *self;

  g_return_val_if_fail (DIAL_IS_APPLICATION (application), NULL);

  /* GtkWindow:application is not a construct property: the set-up that needs it is here. */
  self = g_object_new (DIAL_TYPE_WINDOW,
                       "application", application,
                       NULL);
  /* The application's first window comes on screen before CSS transitions are on. */
  dial_style_settle_after_first_frame (GTK_WIDGET (self));

  self->settings = g_object_ref (dial_application_get_settings (application));
  self->accounts = g_object_ref (dial_application_get_accounts (application));
  self->demo = g_object_ref (dial_application_get_demo (application));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->accounts, "items-changed",
                           G_CALLBACK (on_accounts_items_changed), self, G_CONNECT_SWAPPED);
  dial_sign_in_page_set_accounts (self->sign_in_page, self->accounts);
  rebuild_accounts_menu (self);
  update_actions (self);

  /* The application has usually read them already, ahead of the window. */
  if (dial_accounts_get_loaded (self->accounts))
    self->accounts_loaded = TRUE;
  else
    dial_accounts_load_async (self->accounts, self->cancellable, on_accounts_loaded,
                              g_object_ref (self));

  return self;
}

void
dial_window_restore (DialWindow *self)
{
  g_return_if_fail (DIAL_IS_WINDOW (self));

  adw_status_page_set_title (self->loading_page, _("Opening…"));
  set_view (self, "loading");

  if (self->accounts_loaded)
    show_last_or_welcome (self);
  else
    self->restore_pending = TRUE;
}

void
dial_window_open (DialWindow  *self,
                  DialAccount *account,
                  DialClient  *client)
{
  g_return_if_fail (DIAL_IS_WINDOW (self));
  g_return_if_fail (DIAL_IS_ACCOUNT (account));
  g_return_if_fail (DIAL_IS_CLIENT (client));

  self->restore_pending = FALSE;
  show_account (self, account, client, FALSE, DIAL_MONEY_UNKNOWN);
}

void
dial_window_open_demo (DialWindow *self)
{
  g_autoptr(DialClient) client = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DIAL_IS_WINDOW (self));

  self->restore_pending = FALSE;
  self->retry_demo = TRUE;
  if (self->open_cancellable != NULL)
    g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->pending);

  if (self->is_demo && self->client != NULL && dial_demo_get_running (self->demo))
    {
      set_view (self, "account");
      return;
    }

  close_account (self);

  client = dial_client_new ();
  if (!dial_demo_start (self->demo, &error) ||
      !dial_client_set_base_url (client, dial_demo_get_url (self->demo), &error))
    {
      g_debug ("Could not start the demo: %s", error->message);
      show_error (self, _("Could Not Start the Demo"), error->message, "dialog-error-symbolic");
      return;
    }

  dial_client_set_credentials (client, DIAL_SANDBOX_DEFAULT_API_KEY,
                               DIAL_SANDBOX_DEFAULT_API_SECRET);
  show_account (self, NULL, client, TRUE, DIAL_MONEY_UNKNOWN);
}

const char *
dial_window_get_view (DialWindow *self)
{
  g_return_val_if_fail (DIAL_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

/**
 * dial_window_get_client:
 *
 * Returns: (transfer none) (nullable): the client of the open account or demo
 */
DialClient *
dial_window_get_client (DialWindow *self)
{
  g_return_val_if_fail (DIAL_IS_WINDOW (self), NULL);

  return self->client;
}
