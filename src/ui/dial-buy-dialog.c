/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-buy-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dial-buy-dialog.h"
#include "dial-buy-result-row.h"
#include "dial-countries.h"
#include "dial-format.h"
#include "dial-validate.h"

struct _DialBuyDialog
{
  AdwMessageDialog  parent_instance;

  GtkLabel         *number_value;
  GtkLabel         *country_value;
  GtkLabel         *type_value;
  GtkWidget        *features_row;
  GtkLabel         *features_value;
  AdwActionRow     *limitations_row;
  GtkLabel         *cost_value;
  GtkWidget        *setup_row;
  GtkLabel         *setup_value;
  GtkLabel         *balance_value;
  GtkLabel         *after_value;
  GtkWidget        *low_balance_box;
  GtkLabel         *low_balance_label;
  AdwExpanderRow   *subaccount_row;
  AdwEntryRow      *subaccount_key_row;
  GtkLabel         *subaccount_error;

  DialNumber       *number;
  DialMoney         balance;
  gboolean          auto_reload;
  char             *target_api_key;
};

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_BALANCE,
  PROP_AUTO_RELOAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DialBuyDialog, dial_buy_dialog, ADW_TYPE_MESSAGE_DIALOG)

gboolean
dial_buy_price_now (DialNumber *number,
                    DialMoney  *out_price)
{
  DialMoney cost, setup = 0;
  const char *initial_price;

  g_return_val_if_fail (DIAL_IS_NUMBER (number), FALSE);
  g_return_val_if_fail (out_price != NULL, FALSE);

  if (dial_number_get_cost (number) == NULL || !dial_money_parse (dial_number_get_cost (number), &cost))
    return FALSE;

  /* A setup price the app cannot read would make "balance after" a lie: no total then. */
  initial_price = dial_number_get_initial_price (number);
  if (initial_price != NULL && !dial_money_parse (initial_price, &setup))
    return FALSE;

  *out_price = cost + setup;
  return TRUE;
}

static void
update_buy_sensitivity (DialBuyDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->subaccount_key_row));
  gboolean enabled = adw_expander_row_get_enable_expansion (self->subaccount_row);
  gboolean valid = TRUE;

  g_clear_pointer (&self->target_api_key, g_free);

  if (enabled)
    {
      valid = dial_validate_api_key (key, &error);
      if (valid)
        self->target_api_key = g_strdup (key);
    }

  /* An empty key is not an error yet, just not enough to buy with. */
  if (enabled && !valid && key[0] != '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->subaccount_key_row), "error");
      gtk_label_set_label (self->subaccount_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->subaccount_error), TRUE);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->subaccount_key_row), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->subaccount_error), FALSE);
    }

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "buy", valid);
}

static void
on_subaccount_row_notify (DialBuyDialog *self)
{
  if (adw_expander_row_get_enable_expansion (self->subaccount_row))
    gtk_widget_grab_focus (GTK_WIDGET (self->subaccount_key_row));
  update_buy_sensitivity (self);
}

static void
on_subaccount_key_row_changed (DialBuyDialog *self)
{
  update_buy_sensitivity (self);
}

static void
fill (DialBuyDialog *self)
{
  g_autofree char *number = NULL;
  g_autofree char *unbroken = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *flag = NULL;
  g_autofree char *country = NULL;
  g_autofree char *features = NULL;
  g_autofree char *limitations = NULL;
  g_autofree char *cost = NULL;
  g_autofree char *setup = NULL;
  g_autofree char *balance = NULL;
  g_autofree char *after = NULL;
  const char *country_name;
  const char *type_name;
  DialMoney price;

  number = dial_format_msisdn_grouped (dial_number_get_msisdn (self->number),
                                       dial_number_get_country (self->number));
  unbroken = dial_buy_format_unbroken (g_strdup (number));
  /* Translators: heading of the purchase confirmation, %s is a phone number */
  heading = g_strdup_printf (_("Buy %s?"), unbroken);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  gtk_label_set_label (self->number_value, number);

  country_name = dial_country_get_name (dial_number_get_country (self->number));
  flag = dial_country_get_flag (dial_number_get_country (self->number));
  if (country_name != NULL)
    country = g_strdup_printf ("%s %s", flag ? flag : "", country_name);
  else
    country = g_strdup (dial_number_get_country (self->number));
  gtk_label_set_label (self->country_value, g_strstrip (country));

  type_name = dial_format_number_type (dial_number_get_number_type (self->number),
                                      dial_number_get_type_string (self->number));
  gtk_label_set_label (self->type_value, type_name && type_name[0] ? type_name : _("Not given"));

  features = dial_format_features (dial_number_get_features (self->number));
  gtk_label_set_label (self->features_value, features && features[0] ? features : _("None"));

  limitations = dial_buy_format_limitations (self->number, FALSE);
  adw_action_row_set_subtitle (self->limitations_row, limitations);
  gtk_widget_set_visible (GTK_WIDGET (self->limitations_row), limitations != NULL);

  cost = dial_format_money_string (dial_number_get_cost (self->number));
  gtk_label_set_label (self->cost_value, cost ? cost : _("Not given"));

  setup = dial_format_money_string (dial_number_get_initial_price (self->number));
  gtk_label_set_label (self->setup_value, setup);
  gtk_widget_set_visible (self->setup_row, setup != NULL);

  if (self->balance != DIAL_MONEY_UNKNOWN)
    balance = dial_format_money (self->balance);
  gtk_label_set_label (self->balance_value, balance ? balance : _("Could not be read"));

  if (self->balance != DIAL_MONEY_UNKNOWN && dial_buy_price_now (self->number, &price))
    {
      DialMoney left = self->balance - price;

      after = dial_format_money (left);
      if (left < 0)
        {
          g_autofree char *warning = NULL;

          gtk_widget_add_css_class (GTK_WIDGET (self->after_value), "error");
          if (self->auto_reload)
            warning = g_strdup (_("Your balance is lower than the price. Auto-reload may top it "
                                  "up, otherwise Vonage will refuse the purchase."));
          else
            warning = g_strdup (_("Your balance is lower than the price: Vonage will probably "
                                  "refuse the purchase. Top up your account first."));
          gtk_label_set_label (self->low_balance_label, warning);
          gtk_widget_set_visible (self->low_balance_box, TRUE);
        }
    }
  gtk_label_set_label (self->after_value, after ? after : _("Unknown"));
}

static void
dial_buy_dialog_constructed (GObject *object)
{
  DialBuyDialog *self = DIAL_BUY_DIALOG (object);

  G_OBJECT_CLASS (dial_buy_dialog_parent_class)->constructed (object);

  g_assert (self->number != NULL);
  fill (self);
  update_buy_sensitivity (self);
}

static void
dial_buy_dialog_dispose (GObject *object)
{
  DialBuyDialog *self = DIAL_BUY_DIALOG (object);

  g_clear_object (&self->number);

  G_OBJECT_CLASS (dial_buy_dialog_parent_class)->dispose (object);
}

static void
dial_buy_dialog_finalize (GObject *object)
{
  DialBuyDialog *self = DIAL_BUY_DIALOG (object);

  g_clear_pointer (&self->target_api_key, g_free);

  G_OBJECT_CLASS (dial_buy_dialog_parent_class)->finalize (object);
}

static void
dial_buy_dialog_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DialBuyDialog *self = DIAL_BUY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_object (value, self->number);
      break;

    case PROP_BALANCE:
      g_value_set_int64 (value, self->balance);
      break;

    case PROP_AUTO_RELOAD:
      g_value_set_boolean (value, self->auto_reload);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_buy_dialog_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DialBuyDialog *self = DIAL_BUY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      self->number = g_value_dup_object (value);
      break;

    case PROP_BALANCE:
      self->balance = g_value_get_int64 (value);
      break;

    case PROP_AUTO_RELOAD:
      self->auto_reload = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_buy_dialog_class_init (DialBuyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dial_buy_dialog_constructed;
  object_class->dispose = dial_buy_dialog_dispose;
  object_class->finalize = dial_buy_dialog_finalize;
  object_class->get_property = dial_buy_dialog_get_property;
  object_class->set_property = dial_buy_dialog_set_property;

  properties[PROP_NUMBER] =
    g_param_spec_object ("number", NULL, NULL,
                         DIAL_TYPE_NUMBER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BALANCE] =
    g_param_spec_int64 ("balance", NULL, NULL,
                        G_MININT64, G_MAXINT64, DIAL_MONEY_UNKNOWN,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTO_RELOAD] =
    g_param_spec_boolean ("auto-reload", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dial-buy-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DialBuyDialog, number_value);
  gtk_widget_class_bind_template_child (widget_class, DialBuyDialog, country_value);
  gtk_widget_class_bind_template_child (widget_class, DialBuyDialog, type_value);
  gtk_widget_class_bind_template_child (widget_class, DialBuyDialog, features_row);
  gtk_widget_class_bind_template_child (widget_class, DialBuyDialog, features_value);
  gtk_widget_class_bind_template_child (widget_class, DialBuyDialog, limitations_row);
  gtk_widget_class_bind_template_child (widget_class, DialBuyDialog, cost_value);
  gtk_widget_class_bind_template_child (widget_class, DialBuyDialog, setup_row);
  gtk_widget_class_bind_template_child (widget_class, DialBuyDialog, setup_value);
  gtk_widget_class_bind_template_child (widget_class, DialBuyDialog, balance_value);
  gtk_widget_class_bind_template_child (widget_class, DialBuyDialog, after_value);
  gtk_widget_class_bind_template_child (widget_class, DialBuyDialog, low_balance_box);
  gtk_widget_class_bind_template_child (widget_class, DialBuyDialog, low_balance_label);
  gtk_widget_class_bind_template_child (widget_class, DialBuyDialog, subaccount_row);
  gtk_widget_class_bind_template_child (widget_class, DialBuyDialog, subaccount_key_row);
  gtk_widget_class_bind_template_child (widget_class, DialBuyDialog, subaccount_error);
  gtk_widget_class_bind_template_callback (widget_class, on_subaccount_row_notify);
  gtk_widget_class_bind_template_callback (widget_class, on_subaccount_key_row_changed);
}

static void
dial_buy_dialog_init (DialBuyDialog *self)
{
  self->balance = DIAL_MONEY_UNKNOWN;
  gtk_widget_init_template (GTK_WIDGET (self));
}

DialBuyDialog *
dial_buy_dialog_new (GtkWindow  *parent,
                     DialNumber *number,
                     DialMoney   balance,
                     gboolean    auto_reload)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DIAL_IS_NUMBER (number), NULL);

  return g_object_new (DIAL_TYPE_BUY_DIALOG,
                       "transient-for", parent,
                       "number", number,
                       "balance", (gint64) balance,
                       "auto-reload", auto_reload,
                       NULL);
}

DialNumber *
dial_buy_dialog_get_number (DialBuyDialog *self)
{
  g_return_val_if_fail (DIAL_IS_BUY_DIALOG (self), NULL);

  return self->number;
}

const char *
dial_buy_dialog_get_target_api_key (DialBuyDialog *self)
{
  g_return_val_if_fail (DIAL_IS_BUY_DIALOG (self), NULL);

  return self->target_api_key;
}
