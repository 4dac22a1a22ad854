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
 * "* { transition: none; }", so that nothing animates while the application starts) and then
 * on again by removing that provider, which restyles every widget there is: with a list of
 * numbers on screen, some 15 ms in one frame, a quarter of a second after start. The
 * application ends that period itself, right after its window's first frame: the window comes
 * on screen without transitions (it is built in the backdrop state and becomes active as it is
 * shown, which would otherwise fade every header and button for 200 ms, a frame every 16 ms),
 * and what is restyled is the window just built, before its list fills. Later versions of
 * libadwaita are left alone.
 */
void
dial_style_settle (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  GSource *timeout;

  if (display == NULL || adw_get_major_version () != 1 || adw_get_minor_version () != 2)
    return;

  /* The one source libadwaita attaches with the style manager as its data. */
  timeout = g_main_context_find_source_by_user_data (NULL,
                                                     adw_style_manager_get_for_display (display));
  if (timeout != NULL)
    g_source_set_ready_time (timeout, 0);
}

static void
settle_after_paint (GdkFrameClock *clock,
                    GtkWidget     *window)
{
  g_signal_handlers_disconnect_by_func (clock, settle_after_paint, window);
  dial_style_settle ();
}

static void
settle_on_realize (GtkWidget *window)
{
  g_signal_handlers_disconnect_by_func (window, settle_on_realize, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (settle_after_paint), window, G_CONNECT_DEFAULT);
}

void
dial_style_settle_after_first_frame (GtkWidget *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (gtk_widget_get_realized (window))
    settle_on_realize (window);
  else
    g_signal_connect (window, "realize", G_CALLBACK (settle_on_realize), NULL);
}
