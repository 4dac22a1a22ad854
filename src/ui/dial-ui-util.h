/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows @toast in the nearest AdwToastOverlay above @widget (takes ownership of @toast).
 * Pages use this so that they work in the main window and in a test window alike. */
void dial_widget_add_toast (GtkWidget *widget,
                            AdwToast  *toast);

/* Ends libadwaita 1.2's start-up period without CSS transitions (see dial-ui-util.c) now, or
 * right after @window's first frame. */
void dial_style_settle                   (void);
void dial_style_settle_after_first_frame (GtkWidget *window);

G_END_DECLS
