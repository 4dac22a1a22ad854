/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dialtone-sandbox"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "dial-sandbox.h"

/*
 * dialtone-sandbox [--port N] [--owned N] [--seed S] [--state FILE] [--api-key K]
 *                  [--api-secret S] [--latency MS]
 * Prints the URL it listens on (one line on stdout), then serves until SIGINT/SIGTERM, after
 * which the state file (if any) is written one last time.
 */

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  int port = 0;
  int owned = 12;
  gint64 seed = 1;
  int latency = 0;
  g_autofree char *state = NULL;
  g_autofree char *api_key = NULL;
  g_autofree char *api_secret = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DialSandbox) sandbox = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port,
      N_("Port on 127.0.0.1 (0: any free port)"), N_("N") },
    { "owned", 0, 0, G_OPTION_ARG_INT, &owned,
      N_("Owned numbers to generate (default 12)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("Seed of the catalogue (default 1)"), N_("S") },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &state,
      N_("Load the state from FILE and save it there"), N_("FILE") },
    { "api-key", 0, 0, G_OPTION_ARG_STRING, &api_key,
      N_("API key (default demo0001)"), N_("K") },
    { "api-secret", 0, 0, G_OPTION_ARG_STRING, &api_secret,
      N_("API secret (default DemoSecret0001)"), N_("S") },
    { "latency", 0, 0, G_OPTION_ARG_INT, &latency,
      N_("Delay every response by MS milliseconds"), N_("MS") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Translators: the summary of dialtone-sandbox --help */
  context = g_option_context_new (_("— the Vonage Numbers API on loopback, "
                                    "for tests and the demo"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (port < 0 || port > G_MAXUINT16 || owned < 0 || latency < 0)
    {
      g_printerr ("%s\n", _("--port, --owned and --latency must not be negative, "
                             "and --port is at most 65535."));
      return EXIT_FAILURE;
    }
  if ((api_key == NULL) != (api_secret == NULL) ||
      (api_key != NULL && (*api_key == '\0' || *api_secret == '\0')))
    {
      g_printerr ("%s\n", _("--api-key and --api-secret go together and must not be empty."));
      return EXIT_FAILURE;
    }

  sandbox = dial_sandbox_new ((guint64) seed, owned);
  if (api_key != NULL)
    dial_sandbox_set_credentials (sandbox, api_key, api_secret);
  dial_sandbox_set_latency (sandbox, latency);
  if (state != NULL && !dial_sandbox_set_state_file (sandbox, state, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (!dial_sandbox_listen (sandbox, port, &error))
    {
      /* Translators: %d is a port number, %s the system's reason */
      g_printerr (_("Could not listen on port %d: %s"), port, error->message);
      g_printerr ("\n");
      return EXIT_FAILURE;
    }

  url = dial_sandbox_get_url (sandbox);
  printf ("%s\n", url);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal, loop);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_main_loop_run (loop);

  return EXIT_SUCCESS;
}
