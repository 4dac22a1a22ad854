/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-test-util"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <signal.h>

#include <gio/gunixinputstream.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "dial-test-util.h"

static const char * const xdg_variables[] = {
  "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR",
};

static GMutex      log_lock;
static GPtrArray  *log_lines;     /* every message, all its string fields joined */
static GPtrArray  *session_dirs;  /* the XDG directories from before g_test_init */
static GPtrArray  *stopped_buses; /* GTestDBus, kept to the end (see dial_test_bus_free) */

/* Logs ----------------------------------------------------------------------------------------- */

static GLogWriterOutput
keep_and_write (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *formatted = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].value == NULL)
        continue;
      g_string_append (line, fields[i].key);
      g_string_append_c (line, '=');
      if (fields[i].length < 0)
        g_string_append (line, fields[i].value);
      else
        g_string_append_len (line, fields[i].value, fields[i].length);
      g_string_append_c (line, '\n');
    }

  g_mutex_lock (&log_lock);
  g_ptr_array_add (log_lines, g_string_free (g_steal_pointer (&line), FALSE));
  g_mutex_unlock (&log_lock);

  /* stderr only: stdout carries TAP. */
  formatted = g_log_writer_format_fields (log_level, fields, n_fields, FALSE);
  fprintf (stderr, "%s\n", formatted);
  fflush (stderr);

  return G_LOG_WRITER_HANDLED;
}

/* The value @variable had in the session, before g_test_init() isolated the directories: kept
 * in DIAL_TEST_SESSION_<variable>, so that g_test_trap_subprocess() children, which start with
 * their parent's isolated values, know it too. NULL if it was not set. */
static const char *
session_getenv (const char *variable)
{
  g_autofree char *kept = g_strconcat ("DIAL_TEST_SESSION_", variable, NULL);
  const char *value;

  if (g_getenv (kept) == NULL)
    {
      value = g_getenv (variable);
      /* "-" for "not set": an empty value means something else to some programs. */
      g_setenv (kept, value != NULL ? value : "-", TRUE);
    }

  value = g_getenv (kept);
  return g_str_equal (value, "-") ? NULL : value;
}

void
dial_test_init_leak_checks (void)
{
  g_assert_null (log_lines);

  session_dirs = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (xdg_variables); i++)
    {
      const char *dir = session_getenv (xdg_variables[i]);

      if (dir != NULL && *dir != '\0')
        g_ptr_array_add (session_dirs, g_strdup (dir));
    }
  session_getenv ("XDG_DATA_DIRS");

  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  log_lines = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (keep_and_write, NULL, NULL);
}

gboolean
dial_test_logs_contain (const char *needle)
{
  gboolean found = FALSE;

  g_assert_nonnull (log_lines);
  g_assert_true (needle != NULL && *needle != '\0');

  g_mutex_lock (&log_lock);
  for (guint i = 0; i < log_lines->len && !found; i++)
    found = strstr (g_ptr_array_index (log_lines, i), needle) != NULL;
  g_mutex_unlock (&log_lock);

  return found;
}

void
dial_test_logs_clear (void)
{
  g_assert_nonnull (log_lines);

  g_mutex_lock (&log_lock);
  g_ptr_array_set_size (log_lines, 0);
  g_mutex_unlock (&log_lock);
}

/* Files ---------------------------------------------------------------------------------------- */

static gboolean
bytes_contain (const char *haystack,
               gsize       length,
               const char *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    {
      if (haystack[i] == needle[0] && memcmp (haystack + i, needle, needle_length) == 0)
        return TRUE;
    }

  return FALSE;
}

static char *
find_in_tree (GFile      *dir,
              const char *needle,
              guint      *n_files)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;

  children = g_file_enumerate_children (dir,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &error);
  if (children == NULL)
    {
      /* Other tests share the session's directories: a file may go while we walk. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
          && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY))
        g_assert_no_error (error);
      return NULL;
    }

  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      char *found = NULL;

      if (!g_file_enumerator_iterate (children, &info, &child, NULL, &error))
        {
          g_assert_no_error (error);
          return NULL;
        }
      if (info == NULL)
        return NULL;

      switch (g_file_info_get_file_type (info))
        {
        case G_FILE_TYPE_DIRECTORY:
          found = find_in_tree (child, needle, n_files);
          break;
        case G_FILE_TYPE_REGULAR:
          {
            g_autofree char *contents = NULL;
            gsize length = 0;
            g_autoptr(GError) read_error = NULL;

            if (!g_file_load_contents (child, NULL, &contents, &length, NULL, &read_error))
              {
                if (!g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
                  g_assert_no_error (read_error);
                break;
              }
            if (n_files != NULL)
              (*n_files)++;
            if (bytes_contain (contents, length, needle))
              found = g_file_get_path (child);
          }
          break;
        default:
          /* Sockets, pipes, symbolic links: nothing written through them stays there. */
          break;
        }

      if (found != NULL)
        return found;
    }
}

char *
dial_test_find_file_containing (const char *needle,
                                guint      *n_files)
{
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (needle != NULL && *needle != '\0');

  if (n_files != NULL)
    *n_files = 0;

  /* The directories this process writes to (G_TEST_OPTION_ISOLATE_DIRS: the test's own). */
  g_ptr_array_add (dirs, g_strdup (g_get_user_data_dir ()));
  g_ptr_array_add (dirs, g_strdup (g_get_user_config_dir ()));
  g_ptr_array_add (dirs, g_strdup (g_get_user_cache_dir ()));
  g_ptr_array_add (dirs, g_strdup (g_get_user_runtime_dir ()));
  for (guint i = 0; session_dirs != NULL && i < session_dirs->len; i++)
    g_ptr_array_add (dirs, g_strdup (g_ptr_array_index (session_dirs, i)));

  for (guint i = 0; i < dirs->len; i++)
    {
      g_autoptr(GFile) dir = g_file_new_for_path (g_ptr_array_index (dirs, i));
      char *found = find_in_tree (dir, needle, n_files);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* GSettings and environment -------------------------------------------------------------------- */

gboolean
dial_test_settings_contain (GSettings  *settings,
                            const char *needle)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      if (strstr (text, needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

gboolean
dial_test_environment_contains (const char *needle)
{
  g_auto(GStrv) environment = g_get_environ ();

  for (guint i = 0; environment[i] != NULL; i++)
    {
      if (strstr (environment[i], needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

void
dial_test_assert_secret_nowhere (const char *secret,
                                 GSettings  *settings)
{
  g_autofree char *file = NULL;
  guint n_files = 0;

  g_assert_false (dial_test_logs_contain (secret));
  file = dial_test_find_file_containing (secret, &n_files);
  g_assert_cmpstr (file, ==, NULL);
  g_test_message ("%u files under the XDG directories read; none holds the secret", n_files);
  if (settings != NULL)
    g_assert_false (dial_test_settings_contain (settings, secret));
  g_assert_false (dial_test_environment_contains (secret));
}

/* A private bus and keyring -------------------------------------------------------------------- */

struct _DialTestBus
{
  GTestDBus   *bus;
  GSubprocess *keyring;
  char        *keyring_home;
  GSubprocess *display;      /* the prompter's own X server */
};

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFile *child;

      while (g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) && child != NULL)
        remove_tree (child);
    }
  g_file_delete (file, NULL, NULL);
}

static gboolean
name_has_owner (GDBusConnection *connection,
                const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 1000,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(b)", &has_owner);

  return has_owner;
}

/* TRUE once the daemon answers, and (if @with_keyring) its default collection is unlocked. */
static gboolean
keyring_ready (GDBusConnection *connection,
               gboolean         with_keyring)
{
  g_autoptr(GVariant) alias = NULL;
  g_autoptr(GVariant) locked = NULL;
  g_autoptr(GVariant) value = NULL;
  const char *path;

  alias = g_dbus_connection_call_sync (connection, "org.freedesktop.secrets",
                                       "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", "ReadAlias",
                                       g_variant_new ("(s)", "default"), G_VARIANT_TYPE ("(o)"),
                                       G_DBUS_CALL_FLAGS_NO_AUTO_START, 2000, NULL, NULL);
  if (alias == NULL)
    return FALSE;
  if (!with_keyring)
    return TRUE;

  g_variant_get (alias, "(&o)", &path);
  if (g_str_equal (path, "/"))
    return FALSE;

  locked = g_dbus_connection_call_sync (connection, "org.freedesktop.secrets", path,
                                        "org.freedesktop.DBus.Properties", "Get",
                                        g_variant_new ("(ss)", "org.freedesktop.Secret.Collection",
                                                       "Locked"),
                                        G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NO_AUTO_START,
                                        2000, NULL, NULL);
  if (locked == NULL)
    return FALSE;
  g_variant_get (locked, "(v)", &value);

  return g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN) && !g_variant_get_boolean (value);
}

/* Starts an X server of its own (Xvfb, on a free display) and returns its DISPLAY value. */
static char *
start_private_display (DialTestBus *self)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  char number[32] = { 0 };
  gsize length = 0;
  int fds[2];

  g_assert_true (g_unix_open_pipe (fds, FD_CLOEXEC, &error));
  g_assert_no_error (error);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_take_fd (launcher, fds[1], 3);
  self->display = g_subprocess_launcher_spawn (launcher, &error, "Xvfb", "-displayfd", "3",
                                               "-screen", "0", "800x600x24",
                                               "-nolisten", "tcp", NULL);
  g_assert_no_error (error);
  g_clear_object (&launcher);  /* closes our copy of the pipe's write end */

  /* Xvfb writes the display number and a newline once it accepts clients. */
  input = g_unix_input_stream_new (fds[0], TRUE);
  while (length < sizeof number - 1 && strchr (number, '\n') == NULL)
    {
      gssize n = g_input_stream_read (input, number + length, sizeof number - 1 - length, NULL,
                                      &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      length += n;
    }
  g_assert_nonnull (strchr (number, '\n'));
  *strchr (number, '\n') = '\0';

  return g_strconcat (":", number, NULL);
}

DialTestBus *
dial_test_bus_new (const char *password)
{
  return dial_test_bus_new_full (password, FALSE);
}

DialTestBus *
dial_test_bus_new_full (const char *password,
                        gboolean    with_prompter)
{
  DialTestBus *self = g_new0 (DialTestBus, 1);
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  /* Without service directories nothing can be activated, neither a second keyring nor a
   * prompter (gnome-keyring then fails what would need a prompt, at once). */
  self->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  if (with_prompter)
    {
      const char *data_dirs = session_getenv ("XDG_DATA_DIRS");
      g_autofree char *test_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));
      g_autofree char *test_debug = g_strdup (g_getenv ("G_DEBUG"));
      g_autofree char *test_display = g_strdup (g_getenv ("DISPLAY"));
      g_autofree char *display = start_private_display (self);

      /* What the bus starts inherits its environment: give the prompter (a GTK program) a
       * display of its own (it grabs the keyboard: on the shared one, it would take the keys
       * of other tests), the system's data directories (it dies without icons and MIME types)
       * and no fatal criticals of ours. */
      g_setenv ("DISPLAY", display, TRUE);
      g_test_dbus_add_service_dir (self->bus, "/usr/share/dbus-1/services");
      if (data_dirs != NULL)
        g_setenv ("XDG_DATA_DIRS", data_dirs, TRUE);
      else
        g_unsetenv ("XDG_DATA_DIRS");
      g_unsetenv ("G_DEBUG");
      g_test_dbus_up (self->bus);
      g_setenv ("XDG_DATA_DIRS", test_data_dirs, TRUE);
      if (test_debug != NULL)
        g_setenv ("G_DEBUG", test_debug, TRUE);
      if (test_display != NULL)
        g_setenv ("DISPLAY", test_display, TRUE);
      else
        g_unsetenv ("DISPLAY");
    }
  else
    {
      g_test_dbus_up (self->bus);
    }

  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  /* The bus goes before this process does: that must not end the process. */
  g_dbus_connection_set_exit_on_close (connection, FALSE);

  if (password != NULL)
    {
      g_autoptr(GSubprocessLauncher) launcher = NULL;
      g_autofree char *data_home = NULL;
      g_autofree char *runtime_dir = NULL;
      GOutputStream *input;
      gint64 deadline;

      /* An empty password creates no keyring: a daemon with nothing in it (the alias "default"
       * names a "login" collection that does not exist). */

      self->keyring_home = g_dir_make_tmp ("dialtone-keyring-XXXXXX", &error);
      g_assert_no_error (error);
      data_home = g_build_filename (self->keyring_home, "data", NULL);
      runtime_dir = g_build_filename (self->keyring_home, "runtime", NULL);
      g_assert_cmpint (g_mkdir (data_home, 0700), ==, 0);
      g_assert_cmpint (g_mkdir (runtime_dir, 0700), ==, 0);

      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                            | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
      g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
      g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime_dir, TRUE);
      self->keyring = g_subprocess_launcher_spawn (launcher, &error,
                                                   "gnome-keyring-daemon", "--foreground",
                                                   "--unlock", "--components=secrets", NULL);
      g_assert_no_error (error);

      input = g_subprocess_get_stdin_pipe (self->keyring);
      g_output_stream_write_all (input, password, strlen (password), NULL, NULL, &error);
      g_assert_no_error (error);
      g_output_stream_close (input, NULL, &error);
      g_assert_no_error (error);

      /* Until it owns the name, a call could activate a second daemon, or find none. Once it
       * does, it may still be making and unlocking its keyring (slow on a busy machine): wait
       * for that too, so that the test's own calls, with their short limits, find it ready. */
      deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
      while (!name_has_owner (connection, "org.freedesktop.secrets"))
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_usleep (20 * 1000);
        }
      while (!keyring_ready (connection, *password != '\0'))
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_usleep (20 * 1000);
        }
    }

  return self;
}

void
dial_test_bus_lock_keyring (DialTestBus *self)
{
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *collection = NULL;
  g_autoptr(GVariantIter) locked = NULL;
  const char *prompt = NULL;
  const char *path;
  gboolean found = FALSE;

  g_assert_nonnull (self->keyring);

  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.secrets",
                                       "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", "ReadAlias",
                                       g_variant_new ("(s)", "default"),
                                       G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(&o)", &collection);
  g_assert_cmpstr (collection, !=, "/");

  {
    g_autoptr(GVariant) lock_reply = NULL;
    const char *paths[] = { collection, NULL };

    lock_reply = g_dbus_connection_call_sync (connection, "org.freedesktop.secrets",
                                              "/org/freedesktop/secrets",
                                              "org.freedesktop.Secret.Service", "Lock",
                                              g_variant_new ("(^ao)", paths),
                                              G_VARIANT_TYPE ("(aoo)"), G_DBUS_CALL_FLAGS_NONE,
                                              5000, NULL, &error);
    g_assert_no_error (error);
    g_variant_get (lock_reply, "(ao&o)", &locked, &prompt);
    /* Locking needs no prompt. */
    g_assert_cmpstr (prompt, ==, "/");
    while (g_variant_iter_next (locked, "&o", &path))
      found = found || g_str_equal (path, collection);
    g_assert_true (found);
  }
}

gboolean
dial_test_bus_name_has_owner (DialTestBus *self,
                              const char  *name)
{
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  return name_has_owner (connection, name);
}

/* The state letter of process @pid in /proc ('T' when stopped). */
static char
process_state (const char *pid)
{
  g_autofree char *path = g_build_filename ("/proc", pid, "stat", NULL);
  g_autofree char *stat = NULL;
  g_autoptr(GError) error = NULL;
  const char *end;

  g_file_get_contents (path, &stat, NULL, &error);
  g_assert_no_error (error);

  /* "pid (comm) S ...": comm may hold anything, so look after its last ')'. */
  end = strrchr (stat, ')');
  g_assert_nonnull (end);
  g_assert_true (end[1] == ' ' && end[2] != '\0');

  return end[2];
}

void
dial_test_bus_freeze_keyring (DialTestBus *self,
                              gboolean     frozen)
{
  const char *pid;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_assert_nonnull (self->keyring);
  pid = g_subprocess_get_identifier (self->keyring);
  g_assert_nonnull (pid);

  /* kill() returns before the process has stopped: a request sent meanwhile could still be
   * answered. Wait until it has. */
  g_subprocess_send_signal (self->keyring, frozen ? SIGSTOP : SIGCONT);
  while ((process_state (pid) == 'T') != frozen)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (1000);
    }
}

void
dial_test_bus_free (DialTestBus *self)
{
  if (self->keyring != NULL)
    {
      /* SIGKILL ends a stopped process too. */
      g_subprocess_force_exit (self->keyring);
      g_subprocess_wait (self->keyring, NULL, NULL);
      g_clear_object (&self->keyring);
    }
  if (self->keyring_home != NULL)
    {
      g_autoptr(GFile) home = g_file_new_for_path (self->keyring_home);

      remove_tree (home);
      g_clear_pointer (&self->keyring_home, g_free);
    }

  /* g_test_dbus_down() would wait for the session bus connection to be finalized, but
   * libsecret 0.20.5 keeps a reference in its cached backend that secret_service_disconnect()
   * does not drop (after a search and a clear, at least). So only stop the daemon, and keep the
   * GTestDBus until the process ends: this is for g_test_trap_subprocess() children. */
  secret_service_disconnect ();
  g_test_dbus_stop (self->bus);
  if (stopped_buses == NULL)
    stopped_buses = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (stopped_buses, g_steal_pointer (&self->bus));

  if (self->display != NULL)
    {
      /* SIGTERM: the X server removes its lock file and socket. */
      g_subprocess_send_signal (self->display, SIGTERM);
      g_subprocess_wait (self->display, NULL, NULL);
      g_clear_object (&self->display);
    }
  g_free (self);
}

/* Async ---------------------------------------------------------------------------------------- */

static gboolean
on_limit_reached (gpointer user_data)
{
  gboolean *reached = user_data;

  *reached = TRUE;
  return G_SOURCE_REMOVE;
}

void
dial_test_wait_result (GAsyncResult **result,
                       guint          limit_msec)
{
  gboolean reached = FALSE;
  guint limit = g_timeout_add (limit_msec, on_limit_reached, &reached);

  while (*result == NULL && !reached)
    g_main_context_iteration (NULL, TRUE);

  if (!reached)
    g_source_remove (limit);
  if (*result == NULL)
    g_error ("No result within %u ms", limit_msec);
}

void
dial_test_store_result (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}
