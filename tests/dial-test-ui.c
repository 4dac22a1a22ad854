/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-test-ui"

#include "config.h"

#include <locale.h>

#include "dial-test-ui.h"

struct _DialTestWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *overlay;
  /* action name -> GPtrArray of printed parameters */
  GHashTable           *activations;
};

G_DEFINE_FINAL_TYPE (DialTestWindow, dial_test_window, ADW_TYPE_APPLICATION_WINDOW)

void
dial_test_ui_init (int    *argc,
                   char ***argv)
{
  /* Not gtk_test_init (): it forces en_US.UTF-8 and cannot isolate the XDG directories. */
  setlocale (LC_ALL, "");
  gtk_disable_setlocale ();

  /* The icon theme and the MIME database (which tells an SVG icon from a PNG one) read
   * XDG_DATA_DIRS once: let them do so before g_test_init () isolates the XDG directories,
   * or every icon is missing and loading an SVG one fails with a (fatal) warning. */
  g_free (g_content_type_guess ("icon.svg", NULL, 0, NULL));
  gtk_init ();
  gtk_icon_theme_get_for_display (gdk_display_get_default ());

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  /* Transitions would make every wait longer and screenshots catch half-drawn frames. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* GTK 4.8 blinks a text cursor with a tick callback that warns "unexpected blinking
   * selection" when a frame comes between a focused entry's text being set and its selection
   * being checked: a GTK bug, harmless in the app, but fatal in a test. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  /* GTK loads the icon theme in a thread of its own, which reads GResources under a lock of
   * GLib's: wait for it (a lookup takes the theme's lock, which that thread holds while it
   * loads). A keyring test's subprocess forks GTestDBus's watcher next; a watcher forked while
   * another thread held that lock hung in GLib's resource destructor when it exited, holding
   * the pipe the test's parent waits on (seen once; this thread is the one that reads
   * resources then). */
  gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                           "image-missing");

  /* What AdwApplication does for the app: the stylesheet from the resources, when linked in. */
  if (g_resources_get_info (RESOURCE_PREFIX "/style.css", G_RESOURCE_LOOKUP_FLAGS_NONE,
                            NULL, NULL, NULL))
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }
}

static void
record_activation (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  DialTestWindow *self = DIAL_TEST_WINDOW (user_data);
  const char *name = g_action_get_name (G_ACTION (action));
  GPtrArray *calls;

  calls = g_hash_table_lookup (self->activations, name);
  if (calls == NULL)
    {
      calls = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->activations, g_strdup (name), calls);
    }
  g_ptr_array_add (calls, parameter ? g_variant_print (parameter, FALSE) : g_strdup (""));
}

static void
dial_test_window_finalize (GObject *object)
{
  DialTestWindow *self = DIAL_TEST_WINDOW (object);

  g_clear_pointer (&self->activations, g_hash_table_unref);

  G_OBJECT_CLASS (dial_test_window_parent_class)->finalize (object);
}

static void
dial_test_window_class_init (DialTestWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dial_test_window_finalize;
}

static void
dial_test_window_init (DialTestWindow *self)
{
  const GActionEntry entries[] = {
    { "show-numbers", record_activation },
    { "show-buy", record_activation },
    { "show-number", record_activation, "(ssb)" },
    { "refresh-balance", record_activation },
    { "refresh", record_activation },
  };

  self->activations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_ptr_array_unref);
  /* An application window exports its own action map as "win". */
  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);

  self->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), GTK_WIDGET (self->overlay));
}

DialTestWindow *
dial_test_window_new (GtkWidget *child,
                      int        width,
                      int        height)
{
  DialTestWindow *self;

  g_return_val_if_fail (child == NULL || GTK_IS_WIDGET (child), NULL);

  self = g_object_new (DIAL_TYPE_TEST_WINDOW,
                       "default-width", width,
                       "default-height", height,
                       NULL);
  adw_toast_overlay_set_child (self->overlay, child);
  return self;
}

AdwToastOverlay *
dial_test_window_get_overlay (DialTestWindow *self)
{
  g_return_val_if_fail (DIAL_IS_TEST_WINDOW (self), NULL);

  return self->overlay;
}

guint
dial_test_window_count_activations (DialTestWindow *self,
                                    const char     *action)
{
  GPtrArray *calls;

  g_return_val_if_fail (DIAL_IS_TEST_WINDOW (self), 0);

  calls = g_hash_table_lookup (self->activations, action);
  return calls ? calls->len : 0;
}

const char *
dial_test_window_get_last_parameter (DialTestWindow *self,
                                     const char     *action)
{
  GPtrArray *calls;

  g_return_val_if_fail (DIAL_IS_TEST_WINDOW (self), NULL);

  calls = g_hash_table_lookup (self->activations, action);
  if (calls == NULL || calls->len == 0)
    return NULL;
  return g_ptr_array_index (calls, calls->len - 1);
}

void
dial_test_window_clear_activations (DialTestWindow *self)
{
  g_return_if_fail (DIAL_IS_TEST_WINDOW (self));

  g_hash_table_remove_all (self->activations);
}

static gboolean
on_wake_up (gpointer user_data)
{
  gboolean *fired = user_data;

  *fired = TRUE;
  return G_SOURCE_REMOVE;
}

void
dial_test_ui_iterate (void)
{
  gboolean fired = FALSE;
  guint id;

  /* Block, but never for long: the condition may depend on time alone. */
  id = g_timeout_add (20, on_wake_up, &fired);
  g_main_context_iteration (NULL, TRUE);
  if (!fired)
    g_source_remove (id);
}

void
dial_test_ui_iterate_for (guint msec)
{
  gint64 end = g_get_monotonic_time () + (gint64) msec * 1000;

  while (g_get_monotonic_time () < end)
    dial_test_ui_iterate ();
}

GtkWidget *
dial_test_ui_find_widget (GtkWidget          *root,
                          GType               type,
                          DialTestWidgetFunc  func,
                          gpointer            user_data)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);

  if (g_type_is_a (G_OBJECT_TYPE (root), type) && (func == NULL || func (root, user_data)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dial_test_ui_find_widget (child, type, func, user_data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
label_contains (GtkWidget *widget,
                gpointer   user_data)
{
  const char *text = gtk_label_get_text (GTK_LABEL (widget));

  return gtk_widget_get_mapped (widget) && text != NULL && strstr (text, user_data) != NULL;
}

GtkLabel *
dial_test_ui_find_label (GtkWidget  *root,
                         const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return GTK_LABEL (dial_test_ui_find_widget (root, GTK_TYPE_LABEL, label_contains,
                                              (gpointer) text));
}

static char *
strip_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p && *p; p++)
    {
      if (*p == '_' && p[1] != '_')
        continue;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
button_has_label (GtkWidget *widget,
                  gpointer   user_data)
{
  const char *wanted = user_data;
  const char *label;
  GtkWidget *child_label;

  if (!gtk_widget_get_mapped (widget))
    return FALSE;

  label = gtk_button_get_label (GTK_BUTTON (widget));
  if (label != NULL)
    {
      g_autofree char *plain = strip_mnemonic (label);

      if (g_str_equal (plain, wanted))
        return TRUE;
    }

  /* A button with a custom child (icon and label, AdwButtonContent…). */
  child_label = dial_test_ui_find_widget (widget, GTK_TYPE_LABEL, NULL, NULL);
  if (child_label != NULL)
    {
      g_autofree char *plain = strip_mnemonic (gtk_label_get_label (GTK_LABEL (child_label)));

      if (g_str_equal (plain, wanted))
        return TRUE;
    }

  return FALSE;
}

GtkButton *
dial_test_ui_find_button (GtkWidget  *root,
                          const char *label)
{
  g_return_val_if_fail (label != NULL, NULL);

  return GTK_BUTTON (dial_test_ui_find_widget (root, GTK_TYPE_BUTTON, button_has_label,
                                               (gpointer) label));
}

void
dial_test_ui_click (GtkButton *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  /* A dialog presented a moment ago may not be on screen yet. */
  dial_test_ui_wait_until (gtk_widget_get_mapped (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
}

GtkWindow *
dial_test_ui_find_window (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  /* The list is newest first. */
  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (g_type_is_a (G_OBJECT_TYPE (l->data), type) && gtk_widget_get_visible (l->data))
        {
          found = l->data;
          break;
        }
    }
  return found;
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  gboolean *painted = user_data;

  *painted = TRUE;
}

void
dial_test_ui_wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong id;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  dial_test_ui_wait_until (gtk_widget_get_mapped (widget));
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);

  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (widget);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  dial_test_ui_wait_until (painted);
  g_signal_handler_disconnect (clock, id);
}

guint
dial_test_ui_screenshot (GtkWidget  *widget,
                         const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GHashTable) colours = NULL;
  g_autofree guchar *pixels = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width, height;
  gsize stride;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), 0);
  g_return_val_if_fail (name != NULL, 0);

  dial_test_ui_wait_for_paint (widget);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return 0; /* nothing was drawn at all */

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  filename = g_strconcat (name, ".png", NULL);
  path = g_test_build_filename (G_TEST_BUILT, filename, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);

  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  stride = (gsize) width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);

  colours = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (gpointer) (pixels + y * stride);

      for (int x = 0; x < width; x++)
        g_hash_table_add (colours, GUINT_TO_POINTER (row[x]));
    }

  return g_hash_table_size (colours);
}
