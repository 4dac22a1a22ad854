/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * Helpers for tests that prove a secret went nowhere, and for tests that need a keyring of their
 * own (missing, or locked) without touching the one `scripts/test-session` shares between tests.
 */

/* Call first in main(), before g_test_init(): remembers the XDG directories the test session
 * exported (g_test_init's G_TEST_OPTION_ISOLATE_DIRS replaces them), turns on every debug
 * message (G_MESSAGES_DEBUG=all) and installs a log writer that keeps every message, then writes
 * it to stderr (never stdout: TAP). Once per process. */
void      dial_test_init_leak_checks        (void);

/* TRUE if any log message so far (its message and every string field) contains @needle. */
gboolean  dial_test_logs_contain            (const char *needle);
/* Forgets the messages kept so far. */
void      dial_test_logs_clear              (void);

/* Reads every regular file under the user data, config, cache and runtime directories (this
 * process's, and the XDG_*_HOME / XDG_RUNTIME_DIR the session exported), recursively; returns
 * the path of the first that contains @needle (free it), or NULL. Sets *n_files to the number of
 * files read, when not NULL. */
char     *dial_test_find_file_containing    (const char *needle,
                                             guint      *n_files);

/* TRUE if a key of @settings (every key of its schema) has a value whose text contains @needle. */
gboolean  dial_test_settings_contain        (GSettings  *settings,
                                             const char *needle);

/* TRUE if an environment variable of this process contains @needle. */
gboolean  dial_test_environment_contains    (const char *needle);

/* Asserts @secret is in no log message, no file under the XDG directories, no key of @settings
 * (may be NULL) and not in the environment. */
void      dial_test_assert_secret_nowhere   (const char *secret,
                                             GSettings  *settings);

/*
 * A private D-Bus session bus (GTestDBus, on which no service can be activated: no second
 * keyring, no prompter) with, if @password is not NULL, a gnome-keyring-daemon of its own,
 * unlocked with @password, owning org.freedesktop.secrets (waited for), in a fresh data
 * directory. An empty @password creates no keyring: a daemon that refuses to store anything.
 * Use it in a g_test_trap_subprocess() child, before anything connects to the session bus
 * (libsecret and GDBus keep their connection for the life of the process).
 */
typedef struct _DialTestBus DialTestBus;

DialTestBus *dial_test_bus_new              (const char  *password);
/* With @with_prompter, the system's session services can be activated too, among them the
 * keyring's prompter (gcr-prompter), which shows its password prompt, where nobody answers it,
 * on an X server of its own (Xvfb): it grabs the keyboard, which on the shared display would
 * take the keys of tests running alongside. */
DialTestBus *dial_test_bus_new_full         (const char  *password,
                                             gboolean     with_prompter);
/* TRUE if @name has an owner on this bus (e.g. "org.gnome.keyring.SystemPrompter"). */
gboolean     dial_test_bus_name_has_owner   (DialTestBus *self,
                                             const char  *name);
/* Locks the keyring's default collection through the daemon's D-Bus API (no prompt). */
void         dial_test_bus_lock_keyring     (DialTestBus *self);
/* Stops (SIGSTOP) or continues the keyring daemon: a keyring that owns its name and never
 * answers. */
void         dial_test_bus_freeze_keyring   (DialTestBus *self,
                                             gboolean     frozen);
/* Stops the keyring daemon and the bus. The process cannot use a session bus after this. */
void         dial_test_bus_free             (DialTestBus *self);

/* Runs the default main context until *@result is set, failing the test after @limit_msec. */
void         dial_test_wait_result          (GAsyncResult **result,
                                             guint          limit_msec);
/* A GAsyncReadyCallback storing a ref of the result in *(GAsyncResult **) user_data. */
void         dial_test_store_result         (GObject       *source,
                                             GAsyncResult  *result,
                                             gpointer       user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DialTestBus, dial_test_bus_free)

G_END_DECLS
