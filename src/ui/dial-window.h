/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dial-application.h"
#include "dial-client.h"

G_BEGIN_DECLS

#define DIAL_TYPE_WINDOW (dial_window_get_type ())
G_DECLARE_FINAL_TYPE (DialWindow, dial_window, DIAL, WINDOW, AdwApplicationWindow)

/*
 * DialWindow: the main window. Shows the welcome page, the sign-in form, or an account (a real
 * one or the demo) with the "My Numbers" and "Buy Numbers" pages, the account menu and the
 * balance in the header bar.
 *
 * Window actions (see TEAM-UI.md): win.show-numbers, win.show-buy, win.show-number "(ssb)",
 * win.refresh-balance, win.refresh, plus the account actions win.add-account,
 * win.cancel-sign-in, win.open-demo, win.reset-demo, win.leave-demo, win.sign-out,
 * win.switch-account "s", win.dismiss-keyring-bar.
 *
 * Property "view" (read-only): "loading", "welcome", "sign-in", "error" or "account".
 */
DialWindow *dial_window_new      (DialApplication *application);
/* Opens the account used last (GSettings last-account), or shows the welcome page. */
void        dial_window_restore  (DialWindow      *self);
/* Opens @account with @client, which the application made before the window was built. */
void        dial_window_open     (DialWindow      *self,
                                  DialAccount     *account,
                                  DialClient      *client);
/* Switches to the demo account (starting the demo sandbox if needed). */
void        dial_window_open_demo (DialWindow     *self);
const char *dial_window_get_view (DialWindow      *self);
/* The client of the open account or of the demo; NULL when none is open. */
DialClient *dial_window_get_client (DialWindow    *self);

G_END_DECLS
