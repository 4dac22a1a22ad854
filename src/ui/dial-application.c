/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-application"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dial-application.h"
#include "dial-preferences-window.h"
#include "dial-window.h"

struct _DialApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  DialAccounts   *accounts;
  DialDemo       *demo;
  gboolean        start_demo;

  /* Reading the last account ahead of the window (see dial-application.h) */
  GCancellable   *read_ahead;
  guint           read_ahead_limit;
  guint           read_ahead_msec;
};

G_DEFINE_FINAL_TYPE (DialApplication, dial_application, ADW_TYPE_APPLICATION)

static DialWindow *
get_window (DialApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (DIAL_IS_WINDOW (window))
    return DIAL_WINDOW (window);

  return NULL;
}

static void
on_quit_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  DialApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing (rather than destroying) lets each window save its size and cancel its work. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static void
on_about_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  DialApplication *self = user_data;
  static const char *developers[] = { "The Dialtone developers", NULL };
  AdwAboutWindow *about;

  /* adw_about_window_new_from_appdata () is libadwaita 1.3; these are the metainfo's values. */
  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Dialtone"));
  adw_about_window_set_application_icon (about, APPLICATION_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Dialtone developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (about, _("Manage the phone numbers of your Vonage account"));
  adw_about_window_set_website (about, "https://github.com/dialtone/dialtone");
  adw_about_window_set_issue_url (about, "https://github.com/dialtone/dialtone/issues");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  /* Translators: Replace with your names, one name per line. */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  adw_about_window_set_release_notes_version (about, PACKAGE_VERSION);
  adw_about_window_set_release_notes (about,
                                      _("<p>First release: your numbers, buying, cancelling and "
                                        "set-up, with a demo account.</p>"));

  gtk_window_set_transient_for (GTK_WINDOW (about), GTK_WINDOW (get_window (self)));
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_preferences_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  DialApplication *self = user_data;
  DialPreferencesWindow *preferences = dial_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (get_window (self)));
  gtk_window_present (GTK_WINDOW (preferences));
}

/* `dialtone --demo` while Dialtone runs already: the running instance switches to the demo. */
static void
on_open_demo_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  DialApplication *self = user_data;
  DialWindow *window = get_window (self);

  if (window == NULL)
    {
      self->start_demo = TRUE;
      return;
    }

  dial_window_open_demo (window);
}

static const GActionEntry app_actions[] = {
  { "quit", on_quit_activated },
  { "about", on_about_activated },
  { "preferences", on_preferences_activated },
  { "open-demo", on_open_demo_activated },
};

static int
dial_application_handle_local_options (GApplication *application,
                                       GVariantDict *options)
{
  g_autoptr(GError) error = NULL;

  if (!g_variant_dict_contains (options, "demo"))
    return -1;

  /* Here or in the instance that runs already (then this one just asks it and exits). */
  if (!g_application_register (application, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_action_group_activate_action (G_ACTION_GROUP (application), "open-demo", NULL);

  return -1;
}

static void
stop_read_ahead (DialApplication *self)
{
  g_clear_handle_id (&self->read_ahead_limit, g_source_remove);
  g_cancellable_cancel (self->read_ahead);
  g_clear_object (&self->read_ahead);
  g_application_release (G_APPLICATION (self));
}

/* The window, once the account was read ahead (@account and @client), or without it. */
static void
show_window (DialApplication *self,
             DialAccount     *account,
             DialClient      *client)
{
  DialWindow *window;

  if (self->read_ahead == NULL)
    return;

  window = dial_window_new (self);
  if (client != NULL)
    dial_window_open (window, account, client);
  else
    dial_window_restore (window);
  gtk_window_present (GTK_WINDOW (window));
  stop_read_ahead (self);
}

static void
on_read_ahead_limit (gpointer user_data)
{
  DialApplication *self = user_data;

  self->read_ahead_limit = 0;
  g_debug ("The keyring took longer than %u ms: the window opens the account",
           self->read_ahead_msec);
  show_window (self, NULL, NULL);
}

static void
on_secret_read_ahead (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(DialApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DialClient) client = NULL;
  g_autofree char *secret = NULL;
  DialAccount *account;

  secret = dial_accounts_lookup_secret_finish (DIAL_ACCOUNTS (object), result, &error);
  if (self->read_ahead == NULL)
    return;

  account = dial_accounts_find_last (self->accounts, self->settings);
  if (secret != NULL && account != NULL)
    client = dial_application_new_client (self, dial_account_get_api_key (account), secret,
                                          &error);
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  if (client == NULL)
    {
      g_debug ("Could not read the last account ahead: %s",
               error != NULL ? error->message : "it is gone");
      show_window (self, NULL, NULL);
      return;
    }

  /* Its numbers are on their way while the window is built. */
  dial_client_prefetch_owned (client);
  show_window (self, account, client);
}

static void
on_accounts_read_ahead (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(DialApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  DialAccount *account;

  if (!dial_accounts_load_finish (DIAL_ACCOUNTS (object), result, &error) ||
      self->read_ahead == NULL)
    {
      show_window (self, NULL, NULL);
      return;
    }

  account = dial_accounts_find_last (self->accounts, self->settings);
  if (account == NULL)
    {
      show_window (self, NULL, NULL);
      return;
    }

  dial_accounts_lookup_secret_quietly_async (self->accounts, account, self->read_ahead,
                                             on_secret_read_ahead, g_object_ref (self));
}

static void
dial_application_activate (GApplication *application)
{
  DialApplication *self = DIAL_APPLICATION (application);
  DialWindow *window = get_window (self);

  if (window == NULL && self->start_demo)
    {
      /* `dialtone --demo` while the account is read ahead: the demo instead. */
      if (self->read_ahead != NULL)
        stop_read_ahead (self);
      window = dial_window_new (self);
      dial_window_open_demo (window);
    }
  self->start_demo = FALSE;

  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  /* Already reading ahead: the window comes when that is done. */
  if (self->read_ahead != NULL)
    return;

  g_application_hold (application);
  self->read_ahead = g_cancellable_new ();
  self->read_ahead_limit = g_timeout_add_once (self->read_ahead_msec, on_read_ahead_limit, self);
  dial_accounts_load_async (self->accounts, self->read_ahead, on_accounts_read_ahead,
                            g_object_ref (self));
}

DialClient *
dial_application_new_client (DialApplication  *self,
                             const char       *api_key,
                             const char       *api_secret,
                             GError          **error)
{
  g_autoptr(DialClient) client = dial_client_new ();
  g_autofree char *base_url = NULL;

  g_return_val_if_fail (DIAL_IS_APPLICATION (self), NULL);

  base_url = g_settings_get_string (self->settings, "api-base-url");
  if (base_url[0] != '\0' && !dial_client_set_base_url (client, base_url, error))
    return NULL;

  dial_client_set_credentials (client, api_key, api_secret);

  return g_steal_pointer (&client);
}

static void
dial_application_startup (GApplication *application)
{
  DialApplication *self = DIAL_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (dial_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
}

static void
dial_application_shutdown (GApplication *application)
{
  DialApplication *self = DIAL_APPLICATION (application);

  /* The demo's state is on disk after every change; its server ends with the application. */
  dial_demo_stop (self->demo);

  G_APPLICATION_CLASS (dial_application_parent_class)->shutdown (application);
}

static void
dial_application_constructed (GObject *object)
{
  G_OBJECT_CLASS (dial_application_parent_class)->constructed (object);

  /* Tests run the application under other ids; the resources stay where they are. */
  g_application_set_resource_base_path (G_APPLICATION (object), RESOURCE_PREFIX);
}

static void
dial_application_dispose (GObject *object)
{
  DialApplication *self = DIAL_APPLICATION (object);

  g_clear_handle_id (&self->read_ahead_limit, g_source_remove);
  if (self->read_ahead != NULL)
    g_cancellable_cancel (self->read_ahead);
  g_clear_object (&self->read_ahead);
  g_clear_object (&self->demo);
  g_clear_object (&self->accounts);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dial_application_parent_class)->dispose (object);
}

static void
dial_application_class_init (DialApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->constructed = dial_application_constructed;
  object_class->dispose = dial_application_dispose;

  app_class->activate = dial_application_activate;
  app_class->handle_local_options = dial_application_handle_local_options;
  app_class->startup = dial_application_startup;
  app_class->shutdown = dial_application_shutdown;
}

static void
dial_application_init (DialApplication *self)
{
  static const GOptionEntry options[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Open the demo account: a fictional account on this computer"), NULL },
    { NULL }
  };

  self->settings = g_settings_new (APPLICATION_ID);
  self->accounts = dial_accounts_new ();
  self->demo = dial_demo_new ();
  self->read_ahead_msec = DIAL_APPLICATION_READ_AHEAD_MS;

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

DialApplication *
dial_application_new (void)
{
  return g_object_new (DIAL_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

/**
 * dial_application_get_accounts:
 *
 * Returns: (transfer none): the stored accounts (the keyring)
 */
DialAccounts *
dial_application_get_accounts (DialApplication *self)
{
  g_return_val_if_fail (DIAL_IS_APPLICATION (self), NULL);

  return self->accounts;
}

/**
 * dial_application_get_demo:
 *
 * Returns: (transfer none): the demo account's sandbox
 */
DialDemo *
dial_application_get_demo (DialApplication *self)
{
  g_return_val_if_fail (DIAL_IS_APPLICATION (self), NULL);

  return self->demo;
}

/**
 * dial_application_get_settings:
 *
 * Returns: (transfer none): the application's settings (schema io.github.dialtone.Dialtone)
 */
GSettings *
dial_application_get_settings (DialApplication *self)
{
  g_return_val_if_fail (DIAL_IS_APPLICATION (self), NULL);

  return self->settings;
}

void
dial_application_set_read_ahead_limit (DialApplication *self,
                                       guint            msec)
{
  g_return_if_fail (DIAL_IS_APPLICATION (self));

  self->read_ahead_msec = msec;
}
