/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-ui"

#include "config.h"

#include "dial-ui-util.h"

void
dial_widget_add_toast (GtkWidget *widget,
                       AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_warning ("No toast overlay above %s", G_OBJECT_TYPE_NAME (widget));
      g_object_unref (g_object_ref_sink (toast));
      return;
    }

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/*
 * libadwaita 1.2 turns CSS transitions off for its first 250 ms (a style provider of its own,
 * "* { transition: none; }", so that loading its stylesheet does not animate anything) and
 * then on again by removing that provider, which restyles every widget there is: with a list
 * of numbers on screen, some 15 ms in one frame, a quarter of a second after start. Before the
 * first window there is nothing to restyle, so the application lets that timeout run out at
 * once (it is the one source libadwaita attaches with the style manager as its data). Later
 * versions are left alone.
 */
void
dial_style_settle (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  GSource *timeout;

  if (display == NULL || adw_get_major_version () != 1 || adw_get_minor_version () != 2)
    return;

  timeout = g_main_context_find_source_by_user_data (NULL,
                                                     adw_style_manager_get_for_display (display));
  if (timeout != NULL)
    g_source_set_ready_time (timeout, 0);
}
