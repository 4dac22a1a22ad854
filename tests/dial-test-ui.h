/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/*
 * Shared helpers for the UI tests (suite "ui"): a test window that stands in for DialWindow,
 * waiting on the main context for a condition, finding widgets and text, and screenshots.
 */

/* Call once at the start of main(), instead of gtk_test_init (): initialises GTK with the test
 * framework (isolated XDG dirs) and libadwaita, in the locale of the environment, without
 * animations, and with the app's style.css when its resources are linked in. */
void        dial_test_ui_init              (int          *argc,
                                            char       ***argv);

/*
 * DialTestWindow: an AdwApplicationWindow with an AdwToastOverlay around @child that installs
 * the window actions of TEAM-UI.md (win.show-numbers, win.show-buy, win.show-number "(ssb)",
 * win.refresh-balance, win.refresh) and records every activation.
 */
#define DIAL_TYPE_TEST_WINDOW (dial_test_window_get_type ())
G_DECLARE_FINAL_TYPE (DialTestWindow, dial_test_window, DIAL, TEST_WINDOW, AdwApplicationWindow)

DialTestWindow *dial_test_window_new              (GtkWidget      *child,
                                                   int             width,
                                                   int             height);
AdwToastOverlay *dial_test_window_get_overlay     (DialTestWindow *self);
/* How many times win.@action was activated. */
guint           dial_test_window_count_activations (DialTestWindow *self,
                                                    const char     *action);
/* The parameter of the last activation of win.@action as g_variant_print() writes it
 * (e.g. "('GB', '447700900123', false)"), "" for an action without one, NULL if never. */
const char     *dial_test_window_get_last_parameter (DialTestWindow *self,
                                                     const char     *action);
void            dial_test_window_clear_activations (DialTestWindow *self);

/* Iterates the default main context until @expr holds; fails the test after 20 s. */
#define dial_test_ui_wait_until(expr)                                                  \
  G_STMT_START                                                                         \
  {                                                                                    \
    gint64 _dial_deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;             \
    while (!(expr))                                                                    \
      {                                                                                \
        if (g_get_monotonic_time () > _dial_deadline)                                  \
          g_error ("%s:%d: timed out waiting for %s", __FILE__, __LINE__, #expr);      \
        dial_test_ui_iterate ();                                                       \
      }                                                                                \
  }                                                                                    \
  G_STMT_END

/* Clicks @button as a pointer does: "clicked" at once, once it is on screen (it must be
 * sensitive). Not gtk_widget_activate (): that is the keyboard's way, which clicks
 * 250 ms later, and not at all if the button is unrealized meanwhile (a list row rebuilt). */
void        dial_test_ui_click             (GtkButton    *button);

/* One main-context iteration that blocks at most 20 ms (no busy loop). */
void        dial_test_ui_iterate           (void);
/* Runs the main context for @msec (to check that something does NOT happen). */
void        dial_test_ui_iterate_for       (guint         msec);

/* The first descendant of @root (depth first, @root included) of @type for which @func (nullable)
 * returns TRUE. */
typedef gboolean (*DialTestWidgetFunc) (GtkWidget *widget, gpointer user_data);
GtkWidget  *dial_test_ui_find_widget       (GtkWidget          *root,
                                            GType               type,
                                            DialTestWidgetFunc  func,
                                            gpointer            user_data);
/* A visible (mapped) GtkLabel under @root whose text contains @text. */
GtkLabel   *dial_test_ui_find_label        (GtkWidget    *root,
                                            const char   *text);
/* A visible (mapped) GtkButton under @root whose label or accessible label is @label (with
 * mnemonic underscores removed). */
GtkButton  *dial_test_ui_find_button       (GtkWidget    *root,
                                            const char   *label);
/* The newest visible toplevel of @type (e.g. ADW_TYPE_MESSAGE_DIALOG), or NULL. */
GtkWindow  *dial_test_ui_find_window       (GType         type);
/* Waits until the frame clock of @widget's surface has painted a frame. */
void        dial_test_ui_wait_for_paint    (GtkWidget    *widget);

/* Renders @widget (mapped) as the screen shows it into G_TEST_BUILDDIR/@name.png and returns
 * the number of distinct pixel colours in it (a blank picture has one or two; 0 when the widget
 * draws nothing at all, and then no file is written). */
guint       dial_test_ui_screenshot        (GtkWidget    *widget,
                                            const char   *name);

G_END_DECLS
