/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-sign-in-page"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dial-error.h"
#include "dial-sign-in-page.h"
#include "dial-validate.h"

#define DASHBOARD_SETTINGS_URL "https://dashboard.nexmo.com/settings"

struct _DialSignInPage
{
  AdwBin        parent_instance;

  DialAccounts *accounts;
  char         *base_url;
  GCancellable *cancellable;   /* the check in progress, NULL when idle */

  /* Template children */
  GtkLabel     *help_label;
  AdwEntryRow  *key_row;
  AdwEntryRow  *secret_row;
  AdwEntryRow  *name_row;
  GtkLabel     *error_label;
  GtkButton    *submit_button;
};

/* One sign-in attempt. The secret lives here (and in the client) only until it is stored. */
typedef struct
{
  DialSignInPage *self;
  DialClient     *client;
  GCancellable   *cancellable;
  char           *api_key;
  char           *api_secret;
  char           *name;
  DialMoney       balance;
} SignIn;

enum {
  PROP_0,
  PROP_ACCOUNTS,
  PROP_BASE_URL,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNED_IN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DialSignInPage, dial_sign_in_page, ADW_TYPE_BIN)

static void
wipe_string (char **str)
{
  if (*str != NULL)
    explicit_bzero (*str, strlen (*str));
  g_clear_pointer (str, g_free);
}

static void
sign_in_free (SignIn *sign_in)
{
  g_clear_object (&sign_in->self);
  g_clear_object (&sign_in->client);
  g_clear_object (&sign_in->cancellable);
  g_clear_pointer (&sign_in->api_key, g_free);
  wipe_string (&sign_in->api_secret);
  g_clear_pointer (&sign_in->name, g_free);
  g_free (sign_in);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignIn, sign_in_free)

static void
set_busy (DialSignInPage *self,
          GCancellable   *cancellable)
{
  gboolean busy = cancellable != NULL;

  if (self->cancellable == cancellable)
    return;

  g_clear_object (&self->cancellable);
  if (cancellable != NULL)
    self->cancellable = g_object_ref (cancellable);

  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->secret_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), !busy);
  gtk_button_set_label (self->submit_button, busy ? _("Checking…") : _("_Sign In"));
  /* GTK 4.8 would read the label with its mnemonic underscore to a screen reader. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->submit_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  busy ? _("Checking…") : _("Sign In"),
                                  -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.submit", !busy);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_error (DialSignInPage *self,
            const char     *message,
            AdwEntryRow    *culprit)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);

  if (culprit != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (culprit), "error");
      gtk_widget_grab_focus (GTK_WIDGET (culprit));
    }
}

static void
clear_error (DialSignInPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->key_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->secret_row), "error");
}

/* What went wrong with a sign-in, in words for someone who is not a developer. */
static const char *
explain_failure (const GError *error)
{
  if (g_error_matches (error, DIAL_ERROR, DIAL_ERROR_AUTH))
    return _("Vonage did not accept this API key and secret. Copy both again from the "
             "Settings page of the Vonage API Dashboard; the secret is case-sensitive.");
  if (g_error_matches (error, DIAL_ERROR, DIAL_ERROR_NETWORK))
    return _("Dialtone could not reach Vonage. Check that this computer is connected to the "
             "internet, then try again.");
  if (g_error_matches (error, DIAL_ERROR, DIAL_ERROR_TIMEOUT))
    return _("Vonage did not answer in time. Check your internet connection, then try again.");
  if (g_error_matches (error, DIAL_ERROR, DIAL_ERROR_SERVER) ||
      g_error_matches (error, DIAL_ERROR, DIAL_ERROR_MALFORMED))
    return _("The Vonage service is not available right now. Try again in a few minutes.");
  if (g_error_matches (error, DIAL_ERROR, DIAL_ERROR_THROTTLED))
    return _("Vonage is receiving too many requests from this account. Wait a minute, then "
             "try again.");
  if (error->domain == DIAL_ERROR)
    return dial_error_explain (error->code);

  return _("Dialtone could not check the API key and secret. Try again.");
}

static char *
dup_row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
on_account_stored (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SignIn) sign_in = user_data;
  g_autoptr(DialAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  DialSignInPage *self = sign_in->self;

  account = dial_accounts_store_finish (DIAL_ACCOUNTS (object), result, &error);
  if (g_cancellable_is_cancelled (sign_in->cancellable))
    return;

  /* On a keyring failure the account is still there, held until Dialtone quits. */
  g_assert (account != NULL);
  if (error != NULL)
    g_debug ("The keyring could not keep the account: %s", error->message);

  set_busy (self, NULL);
  dial_sign_in_page_reset (self);
  g_signal_emit (self, signals[SIGNED_IN], 0, account, sign_in->client,
                 (gint64) sign_in->balance, error);
}

static void
on_balance_ready (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SignIn) sign_in = user_data;
  g_autoptr(GError) error = NULL;
  DialSignInPage *self = sign_in->self;
  SignIn *pending;

  if (!dial_client_get_balance_finish (DIAL_CLIENT (object), result, &sign_in->balance, NULL,
                                       &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_cancellable_is_cancelled (sign_in->cancellable))
        return;

      g_debug ("Sign-in check failed: %s", error->message);
      set_busy (self, NULL);
      show_error (self, explain_failure (error),
                  g_error_matches (error, DIAL_ERROR, DIAL_ERROR_AUTH) ? self->key_row : NULL);
      return;
    }

  if (g_cancellable_is_cancelled (sign_in->cancellable))
    return;

  /* The credentials work: now (and only now) keep them. */
  pending = g_steal_pointer (&sign_in);
  dial_accounts_store_async (self->accounts, pending->api_key, pending->api_secret,
                             pending->name, pending->cancellable, on_account_stored, pending);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DialSignInPage *self = DIAL_SIGN_IN_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(SignIn) sign_in = NULL;

  g_return_if_fail (DIAL_IS_ACCOUNTS (self->accounts));

  if (self->cancellable != NULL)
    return;

  clear_error (self);

  sign_in = g_new0 (SignIn, 1);
  sign_in->api_key = dup_row_text (self->key_row);
  sign_in->api_secret = dup_row_text (self->secret_row);
  sign_in->name = dup_row_text (self->name_row);

  if (!dial_validate_api_key (sign_in->api_key, &error))
    {
      show_error (self, error->message, self->key_row);
      return;
    }

  if (sign_in->api_secret[0] == '\0')
    {
      show_error (self,
                  _("Enter the API secret too. It is next to the API key on the Settings page "
                    "of the Vonage API Dashboard."),
                  self->secret_row);
      return;
    }

  if (sign_in->name[0] == '\0')
    g_clear_pointer (&sign_in->name, g_free);

  sign_in->client = dial_client_new ();
  if (self->base_url != NULL && self->base_url[0] != '\0' &&
      !dial_client_set_base_url (sign_in->client, self->base_url, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s says why the address cannot be used. */
      message = g_strdup_printf (_("The API address set in Preferences cannot be used: %s"),
                                 error->message);
      show_error (self, message, NULL);
      return;
    }
  dial_client_set_credentials (sign_in->client, sign_in->api_key, sign_in->api_secret);

  sign_in->self = g_object_ref (self);
  sign_in->cancellable = g_cancellable_new ();
  set_busy (self, sign_in->cancellable);

  dial_client_get_balance_async (sign_in->client, sign_in->cancellable, on_balance_ready,
                                 sign_in);
  g_steal_pointer (&sign_in);
}

static void
on_row_changed (DialSignInPage *self)
{
  clear_error (self);
}

static void
on_key_row_entry_activated (DialSignInPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->secret_row));
}

static void
on_secret_row_entry_activated (DialSignInPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sign-in.submit", NULL);
}

static void
on_name_row_entry_activated (DialSignInPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sign-in.submit", NULL);
}

static void
dial_sign_in_page_dispose (GObject *object)
{
  DialSignInPage *self = DIAL_SIGN_IN_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), DIAL_TYPE_SIGN_IN_PAGE);

  G_OBJECT_CLASS (dial_sign_in_page_parent_class)->dispose (object);
}

static void
dial_sign_in_page_finalize (GObject *object)
{
  DialSignInPage *self = DIAL_SIGN_IN_PAGE (object);

  g_clear_object (&self->accounts);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (dial_sign_in_page_parent_class)->finalize (object);
}

static void
dial_sign_in_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DialSignInPage *self = DIAL_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNTS:
      g_value_set_object (value, self->accounts);
      break;

    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, dial_sign_in_page_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_sign_in_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DialSignInPage *self = DIAL_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNTS:
      dial_sign_in_page_set_accounts (self, g_value_get_object (value));
      break;

    case PROP_BASE_URL:
      dial_sign_in_page_set_base_url (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_sign_in_page_class_init (DialSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dial_sign_in_page_dispose;
  object_class->finalize = dial_sign_in_page_finalize;
  object_class->get_property = dial_sign_in_page_get_property;
  object_class->set_property = dial_sign_in_page_set_property;

  properties[PROP_ACCOUNTS] =
    g_param_spec_object ("accounts", NULL, NULL,
                         DIAL_TYPE_ACCOUNTS,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNED_IN] =
    g_signal_new ("signed-in",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4,
                  DIAL_TYPE_ACCOUNT, DIAL_TYPE_CLIENT, G_TYPE_INT64, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dial-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DialSignInPage, help_label);
  gtk_widget_class_bind_template_child (widget_class, DialSignInPage, key_row);
  gtk_widget_class_bind_template_child (widget_class, DialSignInPage, secret_row);
  gtk_widget_class_bind_template_child (widget_class, DialSignInPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, DialSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, DialSignInPage, submit_button);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_key_row_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_secret_row_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_name_row_entry_activated);

  gtk_widget_class_install_action (widget_class, "sign-in.submit", NULL, submit_action);
}

static void
dial_sign_in_page_init (DialSignInPage *self)
{
  g_autofree char *help = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Translators: %s is the address of the dashboard's settings page. */
  help = g_strdup_printf (_("Your API key and API secret are at the top of the "
                            "<a href=\"%s\">Settings page of the Vonage API Dashboard</a>. "
                            "Dialtone checks them with Vonage, then keeps the secret in your "
                            "password keyring."),
                          DASHBOARD_SETTINGS_URL);
  gtk_label_set_markup (self->help_label, help);
}

DialSignInPage *
dial_sign_in_page_new (void)
{
  return g_object_new (DIAL_TYPE_SIGN_IN_PAGE, NULL);
}

void
dial_sign_in_page_set_accounts (DialSignInPage *self,
                                DialAccounts   *accounts)
{
  g_return_if_fail (DIAL_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (accounts == NULL || DIAL_IS_ACCOUNTS (accounts));

  if (g_set_object (&self->accounts, accounts))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNTS]);
}

void
dial_sign_in_page_set_base_url (DialSignInPage *self,
                                const char     *base_url)
{
  g_return_if_fail (DIAL_IS_SIGN_IN_PAGE (self));

  if (g_strcmp0 (self->base_url, base_url) == 0)
    return;

  g_free (self->base_url);
  self->base_url = g_strdup (base_url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

gboolean
dial_sign_in_page_get_busy (DialSignInPage *self)
{
  g_return_val_if_fail (DIAL_IS_SIGN_IN_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

void
dial_sign_in_page_reset (DialSignInPage *self)
{
  g_return_if_fail (DIAL_IS_SIGN_IN_PAGE (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  set_busy (self, NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  clear_error (self);
}

void
dial_sign_in_page_focus (DialSignInPage *self)
{
  g_return_if_fail (DIAL_IS_SIGN_IN_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
}
