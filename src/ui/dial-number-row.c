/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-number-row"

#include "config.h"

#include "dial-number-row.h"

struct _DialNumberRow
{
  GObject     parent_instance;

  DialNumber *number;
};

enum {
  PROP_0,
  PROP_NUMBER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DialNumberRow, dial_number_row, G_TYPE_OBJECT)

/* A number changed in place (a saved edit) is, for whoever shows the row, a new number. */
static void
on_number_notify (DialNumberRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMBER]);
}

static void
dial_number_row_dispose (GObject *object)
{
  DialNumberRow *self = DIAL_NUMBER_ROW (object);

  if (self->number != NULL)
    g_signal_handlers_disconnect_by_func (self->number, on_number_notify, self);
  g_clear_object (&self->number);

  G_OBJECT_CLASS (dial_number_row_parent_class)->dispose (object);
}

static void
dial_number_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DialNumberRow *self = DIAL_NUMBER_ROW (object);

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
dial_number_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DialNumberRow *self = DIAL_NUMBER_ROW (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      dial_number_row_set_number (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_number_row_class_init (DialNumberRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dial_number_row_dispose;
  object_class->get_property = dial_number_row_get_property;
  object_class->set_property = dial_number_row_set_property;

  properties[PROP_NUMBER] =
    g_param_spec_object ("number", NULL, NULL,
                         DIAL_TYPE_NUMBER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dial_number_row_init (DialNumberRow *self)
{
}

DialNumberRow *
dial_number_row_new (DialNumber *number)
{
  g_return_val_if_fail (number == NULL || DIAL_IS_NUMBER (number), NULL);

  return g_object_new (DIAL_TYPE_NUMBER_ROW, "number", number, NULL);
}

DialNumber *
dial_number_row_get_number (DialNumberRow *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER_ROW (self), NULL);

  return self->number;
}

void
dial_number_row_set_number (DialNumberRow *self,
                            DialNumber    *number)
{
  g_return_if_fail (DIAL_IS_NUMBER_ROW (self));
  g_return_if_fail (number == NULL || DIAL_IS_NUMBER (number));

  if (self->number == number)
    return;

  if (self->number != NULL)
    g_signal_handlers_disconnect_by_func (self->number, on_number_notify, self);
  g_set_object (&self->number, number);
  if (number != NULL)
    g_signal_connect_swapped (number, "notify", G_CALLBACK (on_number_notify), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMBER]);
}
