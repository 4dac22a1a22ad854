/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dial-window.h"

struct _DialWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

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
  AdwStatusPage        *welcome_page;
  AdwViewStack         *view_stack;
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

static void
set_view (DialWindow *self,
          const char *view)
{
  gtk_stack_set_visible_child_name (self->main_stack, view);
}

static void
on_main_stack_visible_child_name_changed (DialWindow *self)
{
  const char *view = dial_window_get_view (self);
  gboolean in_account = g_strcmp0 (view, "account") == 0;

  /* The view switcher only makes sense with an account open. */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, in_account);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-numbers", in_account);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-buy", in_account);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-number", in_account);

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
  g_debug ("Showing number %s (%s)%s", msisdn, country, edit ? " for editing" : "");

  adw_view_stack_set_visible_child_name (self->view_stack, "numbers");
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

  gtk_widget_dispose_template (GTK_WIDGET (self), DIAL_TYPE_WINDOW);

  G_OBJECT_CLASS (dial_window_parent_class)->dispose (object);
}

static void
dial_window_finalize (GObject *object)
{
  DialWindow *self = DIAL_WINDOW (object);

  g_clear_object (&self->settings);

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
  gtk_widget_class_bind_template_child (widget_class, DialWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, DialWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DialWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, DialWindow, accounts_section);
  gtk_widget_class_bind_template_callback (widget_class, on_main_stack_visible_child_name_changed);

  gtk_widget_class_install_action (widget_class, "win.show-numbers", NULL, show_numbers_action);
  gtk_widget_class_install_action (widget_class, "win.show-buy", NULL, show_buy_action);
  gtk_widget_class_install_action (widget_class, "win.show-number", "(ssb)", show_number_action);
}

static void
dial_window_init (DialWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Narrow: the switcher leaves the header bar for a bar at the bottom. */
  g_object_bind_property (self->switcher_title, "title-visible",
                          self->switcher_bar, "reveal",
                          G_BINDING_SYNC_CREATE);

  on_main_stack_visible_child_name_changed (self);
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

  self->settings = g_object_ref (dial_application_get_settings (application));
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  return self;
}

void
dial_window_restore (DialWindow *self)
{
  g_return_if_fail (DIAL_IS_WINDOW (self));

  set_view (self, "welcome");
}

const char *
dial_window_get_view (DialWindow *self)
{
  g_return_val_if_fail (DIAL_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}
