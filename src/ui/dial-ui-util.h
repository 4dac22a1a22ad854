/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows @toast in the nearest AdwToastOverlay above @widget (takes ownership of @toast).
 * Pages use this so that they work in the main window and in a test window alike. */
void dial_widget_add_toast (GtkWidget *widget,
                            AdwToast  *toast);

void dial_style_settle (void);

G_END_DECLS
