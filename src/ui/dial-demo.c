/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-demo"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "dial-demo.h"

struct _DialDemo
{
  GObject      parent_instance;

  DialSandbox *sandbox;
  char        *url;
};

G_DEFINE_FINAL_TYPE (DialDemo, dial_demo, G_TYPE_OBJECT)

static void
dial_demo_dispose (GObject *object)
{
  DialDemo *self = DIAL_DEMO (object);

  dial_demo_stop (self);

  G_OBJECT_CLASS (dial_demo_parent_class)->dispose (object);
}

static void
dial_demo_class_init (DialDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dial_demo_dispose;
}

static void
dial_demo_init (DialDemo *self)
{
}

DialDemo *
dial_demo_new (void)
{
  return g_object_new (DIAL_TYPE_DEMO, NULL);
}

gboolean
dial_demo_start (DialDemo  *self,
                 GError   **error)
{
  g_autoptr(DialSandbox) sandbox = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (DIAL_IS_DEMO (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->sandbox != NULL)
    return TRUE;

  path = dial_demo_get_state_path (self);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: %s is a folder, then the reason. */
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  sandbox = dial_sandbox_new (DIAL_DEMO_SEED, DIAL_DEMO_N_OWNED);
  if (!dial_sandbox_set_state_file (sandbox, path, error) ||
      !dial_sandbox_listen (sandbox, 0, error))
    return FALSE;

  self->url = dial_sandbox_get_url (sandbox);
  self->sandbox = g_steal_pointer (&sandbox);
  g_debug ("Demo sandbox at %s, state in %s", self->url, path);

  return TRUE;
}

void
dial_demo_stop (DialDemo *self)
{
  g_return_if_fail (DIAL_IS_DEMO (self));

  if (self->sandbox != NULL)
    dial_sandbox_disconnect (self->sandbox);
  g_clear_object (&self->sandbox);
  g_clear_pointer (&self->url, g_free);
}

gboolean
dial_demo_reset (DialDemo  *self,
                 GError   **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (DIAL_IS_DEMO (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dial_demo_stop (self);

  path = dial_demo_get_state_path (self);
  if (g_remove (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: %s is a file, then the reason. */
                   _("Could not remove %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return dial_demo_start (self, error);
}

gboolean
dial_demo_get_running (DialDemo *self)
{
  g_return_val_if_fail (DIAL_IS_DEMO (self), FALSE);

  return self->sandbox != NULL;
}

const char *
dial_demo_get_url (DialDemo *self)
{
  g_return_val_if_fail (DIAL_IS_DEMO (self), NULL);

  return self->url;
}

DialSandbox *
dial_demo_get_sandbox (DialDemo *self)
{
  g_return_val_if_fail (DIAL_IS_DEMO (self), NULL);

  return self->sandbox;
}

char *
dial_demo_get_state_path (DialDemo *self)
{
  g_return_val_if_fail (DIAL_IS_DEMO (self), NULL);

  return g_build_filename (g_get_user_data_dir (), "dialtone", "demo-state.json", NULL);
}
