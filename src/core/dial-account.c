/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-account"

#include "config.h"

#include <libsecret/secret.h>

#include "dial-account-private.h"

enum {
  PROP_0,
  PROP_API_KEY,
  PROP_NAME,
  PROP_SESSION_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DialAccount, dial_account, G_TYPE_OBJECT)

static void
dial_account_finalize (GObject *object)
{
  DialAccount *self = DIAL_ACCOUNT (object);

  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->secret, secret_password_free);

  G_OBJECT_CLASS (dial_account_parent_class)->finalize (object);
}

static void
dial_account_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DialAccount *self = DIAL_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_API_KEY:
      g_value_set_string (value, self->api_key);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SESSION_ONLY:
      g_value_set_boolean (value, self->session_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_account_class_init (DialAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dial_account_finalize;
  object_class->get_property = dial_account_get_property;

  properties[PROP_API_KEY] =
    g_param_spec_string ("api-key", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SESSION_ONLY] =
    g_param_spec_boolean ("session-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dial_account_init (DialAccount *self)
{
}

DialAccount *
dial_account_new (const char *api_key,
                  const char *name,
                  const char *session_secret)
{
  DialAccount *self = g_object_new (DIAL_TYPE_ACCOUNT, NULL);

  self->api_key = g_strdup (api_key);
  self->name = g_strdup (name != NULL && *name != '\0' ? name : api_key);
  if (session_secret != NULL)
    {
      self->secret = g_strdup (session_secret);
      self->session_only = TRUE;
    }

  return self;
}

const char *
dial_account_get_api_key (DialAccount *self)
{
  g_return_val_if_fail (DIAL_IS_ACCOUNT (self), NULL);

  return self->api_key;
}

const char *
dial_account_get_name (DialAccount *self)
{
  g_return_val_if_fail (DIAL_IS_ACCOUNT (self), NULL);

  return self->name;
}

gboolean
dial_account_get_session_only (DialAccount *self)
{
  g_return_val_if_fail (DIAL_IS_ACCOUNT (self), FALSE);

  return self->session_only;
}
