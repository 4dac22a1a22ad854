/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-buy-result-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dial-buy-result-row.h"
#include "dial-format.h"

struct _DialBuyResultRow
{
  AdwBin      parent_instance;

  GtkLabel   *number_label;
  GtkLabel   *details_label;
  GtkWidget  *limitations_box;
  GtkLabel   *limitations_label;
  GtkLabel   *cost_label;
  GtkLabel   *setup_label;
  GtkButton  *buy_button;

  DialNumber *number;
};

enum {
  PROP_0,
  PROP_NUMBER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DialBuyResultRow, dial_buy_result_row, ADW_TYPE_BIN)

static const char *
limitation_feature (const char *feature)
{
  if (g_strcmp0 (feature, "SMS") == 0)
    return C_("limitation", "SMS");
  if (g_strcmp0 (feature, "VOICE") == 0)
    return C_("limitation", "calls");
  if (g_strcmp0 (feature, "MMS") == 0)
    return C_("limitation", "MMS");
  return feature;
}

static const char *
limitation_direction (const char *type)
{
  if (g_strcmp0 (type, "INBOUND") == 0)
    return C_("limitation", "inbound");
  if (g_strcmp0 (type, "OUTBOUND") == 0)
    return C_("limitation", "outbound");
  return type;
}

static const char *
limitation_reach (const char *reach)
{
  if (g_strcmp0 (reach, "DOMESTIC") == 0)
    return C_("limitation", "domestic");
  if (g_strcmp0 (reach, "INTERNATIONAL") == 0)
    return C_("limitation", "international");
  return reach;
}

char *
dial_buy_format_unbroken (char *text)
{
  g_autoptr(GString) out = NULL;

  if (text == NULL)
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    {
      if (*p == ' ')
        g_string_append (out, "\u00a0");
      else
        g_string_append_c (out, *p);
    }
  g_free (text);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
dial_buy_format_limitations (DialNumber *number,
                             gboolean    with_prefix)
{
  g_autoptr(GString) items = NULL;
  guint n;

  g_return_val_if_fail (DIAL_IS_NUMBER (number), NULL);

  n = dial_number_get_n_limitations (number);
  if (n == 0)
    return NULL;

  items = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      const DialLimitation *limitation = dial_number_get_limitation (number, i);
      g_autofree char *item = NULL;

      /* Translators: one limitation of a phone number. %1$s is "SMS", "calls" or "MMS",
       * %2$s "inbound" or "outbound", %3$s "domestic" or "international";
       * e.g. "outbound international SMS". */
      item = g_strdup_printf (_("%2$s %3$s %1$s"),
                              limitation_feature (limitation->feature),
                              limitation_direction (limitation->type),
                              limitation_reach (limitation->reach));
      if (items->len > 0)
        /* Translators: separates limitations in a list */
        g_string_append (items, _("; "));
      g_string_append (items, item);
    }

  if (!with_prefix)
    return g_string_free (g_steal_pointer (&items), FALSE);

  /* Translators: %s is a list of limitations, e.g. "outbound international SMS" */
  return g_strdup_printf (_("Limited: %s"), items->str);
}

static gboolean
has_setup_price (DialNumber *number)
{
  const char *text = dial_number_get_initial_price (number);
  DialMoney price;

  return text != NULL && dial_money_parse (text, &price) && price != 0;
}

static void
update (DialBuyResultRow *self)
{
  g_autofree char *number = NULL;
  g_autofree char *features = NULL;
  g_autofree char *details = NULL;
  g_autofree char *cost = NULL;
  g_autofree char *cost_text = NULL;
  g_autofree char *setup = NULL;
  g_autofree char *setup_text = NULL;
  g_autofree char *limitations = NULL;
  g_autofree char *accessible = NULL;
  const char *type;

  if (self->number == NULL)
    {
      gtk_label_set_label (self->number_label, NULL);
      gtk_label_set_label (self->details_label, NULL);
      gtk_label_set_label (self->cost_label, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->setup_label), FALSE);
      gtk_widget_set_visible (self->limitations_box, FALSE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->buy_button), NULL);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->buy_button), NULL);
      return;
    }

  number = dial_format_msisdn_grouped (dial_number_get_msisdn (self->number),
                                       dial_number_get_country (self->number));
  gtk_label_set_label (self->number_label, number);

  type = dial_format_number_type (dial_number_get_number_type (self->number),
                                  dial_number_get_type_string (self->number));
  features = dial_format_features (dial_number_get_features (self->number));
  if (features != NULL && features[0] != '\0' && type != NULL && type[0] != '\0')
    /* Translators: number type and capabilities, e.g. "Mobile · SMS, Voice" */
    details = g_strdup_printf (_("%s · %s"), type, features);
  else if (features != NULL && features[0] != '\0')
    details = g_strdup (features);
  else
    details = g_strdup (type);
  gtk_label_set_label (self->details_label, details);

  cost = dial_format_money_string (dial_number_get_cost (self->number));
  if (cost != NULL)
    /* Translators: the monthly rental cost of a number, e.g. "€1.25 / month" */
    cost_text = g_strdup_printf (_("%s / month"), cost);
  gtk_label_set_label (self->cost_label, cost_text ? cost_text : _("Price not given"));

  /* A setup price of zero is no news in a list; the confirmation shows it anyway. */
  setup = dial_format_money_string (dial_number_get_initial_price (self->number));
  if (setup != NULL && has_setup_price (self->number))
    /* Translators: the one-time setup price of a number, e.g. "€0.50 setup" */
    setup_text = g_strdup_printf (_("%s setup"), setup);
  gtk_label_set_label (self->setup_label, setup_text);
  gtk_widget_set_visible (GTK_WIDGET (self->setup_label), setup_text != NULL);

  limitations = dial_buy_format_limitations (self->number, TRUE);
  gtk_label_set_label (self->limitations_label, limitations);
  gtk_widget_set_visible (self->limitations_box, limitations != NULL);

  /* The target first: an action name without its "(ss)" target would be a mismatch. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->buy_button), "(ss)",
                                    dial_number_get_country (self->number),
                                    dial_number_get_msisdn (self->number));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->buy_button), "buy.buy");
  /* Translators: accessible name of the Buy button in a result row, e.g. "Buy +447700900123" */
  accessible = g_strdup_printf (_("Buy %s"), number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->buy_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
dial_buy_result_row_dispose (GObject *object)
{
  DialBuyResultRow *self = DIAL_BUY_RESULT_ROW (object);

  g_clear_object (&self->number);

  G_OBJECT_CLASS (dial_buy_result_row_parent_class)->dispose (object);
}

static void
dial_buy_result_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DialBuyResultRow *self = DIAL_BUY_RESULT_ROW (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_object (value, self->number);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_buy_result_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DialBuyResultRow *self = DIAL_BUY_RESULT_ROW (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      dial_buy_result_row_set_number (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_buy_result_row_class_init (DialBuyResultRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dial_buy_result_row_dispose;
  object_class->get_property = dial_buy_result_row_get_property;
  object_class->set_property = dial_buy_result_row_set_property;

  properties[PROP_NUMBER] =
    g_param_spec_object ("number", NULL, NULL,
                         DIAL_TYPE_NUMBER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dial-buy-result-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DialBuyResultRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, DialBuyResultRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, DialBuyResultRow, limitations_box);
  gtk_widget_class_bind_template_child (widget_class, DialBuyResultRow, limitations_label);
  gtk_widget_class_bind_template_child (widget_class, DialBuyResultRow, cost_label);
  gtk_widget_class_bind_template_child (widget_class, DialBuyResultRow, setup_label);
  gtk_widget_class_bind_template_child (widget_class, DialBuyResultRow, buy_button);
}

static void
dial_buy_result_row_init (DialBuyResultRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dial_buy_result_row_new (void)
{
  return g_object_new (DIAL_TYPE_BUY_RESULT_ROW, NULL);
}

DialNumber *
dial_buy_result_row_get_number (DialBuyResultRow *self)
{
  g_return_val_if_fail (DIAL_IS_BUY_RESULT_ROW (self), NULL);

  return self->number;
}

void
dial_buy_result_row_set_number (DialBuyResultRow *self,
                                DialNumber       *number)
{
  g_return_if_fail (DIAL_IS_BUY_RESULT_ROW (self));
  g_return_if_fail (number == NULL || DIAL_IS_NUMBER (number));

  if (!g_set_object (&self->number, number))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMBER]);
}
