/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-client"

#include "config.h"

#include <libsoup/soup.h>

#include "dial-client-private.h"

/*
 * The client's HTTP runs on a thread of its own, with a main context of its own: a request is
 * written the moment the queue starts it, even while the caller's thread is busy building a
 * window or laying out rows, and the caller's main loop never polls a socket. libsoup (since
 * 3.2) sends from any thread that has a thread-default main context; the session is made and
 * configured on the caller's thread before anything is sent, and only sending happens here.
 *
 * Everything else stays in the caller's main context: the queue, retries, deadlines, reading
 * answers. This thread only sends a message and reads its answer; the GTask brings both back.
 * The message's signals ("wrote-headers", "got-headers") are emitted on this thread; the
 * caller only looks at what they recorded once the answer is back.
 *
 * Cancelling goes through this thread too (dial_client_cancel_send()), so that libsoup only
 * ever sees a request's cancellable cancelled on the thread that sends it.
 *
 * Nothing here holds a reference to the client: its last reference is always dropped on the
 * caller's thread, which stops this thread (dial_client_thread_stop()) and joins it.
 */

static void
on_proxy_warmed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_strfreev (g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (source), result, NULL));
}

static gpointer
run_thread (gpointer data)
{
  g_autoptr(GMainLoop) loop = data;
  GMainContext *context = g_main_loop_get_context (loop);

  g_main_context_push_thread_default (context);

  /* The first proxy lookup readies the system's resolver (libproxy reads its configuration,
   * the portal's asks over D-Bus): about 5 ms here, which the first request would otherwise
   * spend connecting. Asynchronous: a slow resolver holds up no request but its own. */
  g_proxy_resolver_lookup_async (g_proxy_resolver_get_default (), DIAL_DEFAULT_BASE_URL, NULL,
                                 on_proxy_warmed, NULL);
  g_main_loop_run (loop);
  g_main_context_pop_thread_default (context);

  return NULL;
}

/* From the client's init: the thread is there before the first request. */
void
dial_client_thread_start (DialClient *self)
{
  g_autoptr(GMainContext) context = g_main_context_new ();

  self->io_loop = g_main_loop_new (context, FALSE);
  self->io_thread = g_thread_new ("dial-client-io", run_thread, g_main_loop_ref (self->io_loop));
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GBytes *bytes;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (bytes != NULL)
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_error (task, error);
}

typedef struct
{
  SoupSession *session;
  SoupMessage *msg;
} Send;

static void
send_free (Send *send)
{
  g_object_unref (send->session);
  g_object_unref (send->msg);
  g_free (send);
}

static gboolean
start_send (gpointer user_data)
{
  GTask *task = user_data;
  Send *send = g_task_get_task_data (task);

  soup_session_send_and_read_async (send->session, send->msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_sent, task);

  return G_SOURCE_REMOVE;
}

/* soup_session_send_and_read_async() on the client's thread; @callback runs in the caller's
 * thread-default main context with what libsoup answered, whether or not @cancellable was
 * cancelled meanwhile. */
void
dial_client_send_async (DialClient          *self,
                        SoupMessage         *msg,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Send *send = g_new0 (Send, 1);

  send->session = g_object_ref (self->session);
  send->msg = g_object_ref (msg);
  g_task_set_source_tag (task, dial_client_send_async);
  g_task_set_task_data (task, send, (GDestroyNotify) send_free);
  /* An answer that came as the deadline struck is still the answer. */
  g_task_set_check_cancellable (task, FALSE);

  g_main_context_invoke (g_main_loop_get_context (self->io_loop), start_send, task);
}

GBytes *
dial_client_send_finish (DialClient    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dial_client_send_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
cancel_on_thread (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));

  return G_SOURCE_REMOVE;
}

/* Cancels a send's @cancellable on the thread that sends it. */
void
dial_client_cancel_send (DialClient   *self,
                         GCancellable *cancellable)
{
  g_main_context_invoke_full (g_main_loop_get_context (self->io_loop), G_PRIORITY_DEFAULT,
                              cancel_on_thread, g_object_ref (cancellable), g_object_unref);
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);

  return G_SOURCE_REMOVE;
}

/* From the client's finalize: nothing is in flight any more. The loop is quit from inside (a
 * g_main_loop_quit() before the thread's g_main_loop_run() would be lost). */
void
dial_client_thread_stop (DialClient *self)
{
  g_main_context_invoke (g_main_loop_get_context (self->io_loop), quit_loop, self->io_loop);
  g_thread_join (g_steal_pointer (&self->io_thread));
}

/* After the session is gone: whatever libsoup left attached to the thread's context goes. */
void
dial_client_thread_free (DialClient *self)
{
  g_clear_pointer (&self->io_loop, g_main_loop_unref);
}
