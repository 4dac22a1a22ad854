/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dial-sandbox.h"

G_BEGIN_DECLS

/* The demo account's catalogue and first numbers are always the same. */
#define DIAL_DEMO_SEED    G_GUINT64_CONSTANT (20261127)
#define DIAL_DEMO_N_OWNED 25

#define DIAL_TYPE_DEMO (dial_demo_get_type ())
G_DECLARE_FINAL_TYPE (DialDemo, dial_demo, DIAL, DEMO, GObject)

/*
 * DialDemo: the demo account: a DialSandbox inside the application on a free loopback port,
 * with its state kept in $XDG_DATA_HOME/dialtone/demo-state.json between runs.
 */
DialDemo    *dial_demo_new            (void);
/* Starts the sandbox (loading the kept state); does nothing when it runs already. */
gboolean     dial_demo_start          (DialDemo  *self,
                                       GError   **error);
/* Stops the sandbox (the state stays on disk). */
void         dial_demo_stop           (DialDemo  *self);
/* Forgets the kept state and starts again from the first numbers and balance (new address). */
gboolean     dial_demo_reset          (DialDemo  *self,
                                       GError   **error);
gboolean     dial_demo_get_running    (DialDemo  *self);
/* "http://127.0.0.1:PORT" while running, else NULL. */
const char  *dial_demo_get_url        (DialDemo  *self);
/* The running sandbox, or NULL. */
DialSandbox *dial_demo_get_sandbox    (DialDemo  *self);
/* Where the state is kept. */
char        *dial_demo_get_state_path (DialDemo  *self);

G_END_DECLS
