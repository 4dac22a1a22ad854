/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-numbers-page"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dial-countries.h"
#include "dial-error.h"
#include "dial-format.h"
#include "dial-number-cell.h"
#include "dial-number-details.h"
#include "dial-number-filter-model.h"
#include "dial-number-rows.h"
#include "dial-number-text.h"
#include "dial-numbers-export.h"
#include "dial-numbers-page-private.h"
#include "dial-owned-list.h"
#include "dial-ui-util.h"

/* The loading spinner turns after this long. */
#define SPINNER_DELAY_MS 700

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DialNumbersPage, dial_numbers_page, ADW_TYPE_BIN)

static void try_pending_show (DialNumbersPage *self);

static void
set_cell_factories (DialNumbersPage *self)
{
  GtkColumnViewColumn *columns[] = {
    [DIAL_NUMBER_COLUMN_NUMBER] = self->number_column,
    [DIAL_NUMBER_COLUMN_COUNTRY] = self->country_column,
    [DIAL_NUMBER_COLUMN_TYPE] = self->type_column,
    [DIAL_NUMBER_COLUMN_FEATURES] = self->features_column,
    [DIAL_NUMBER_COLUMN_WEBHOOK] = self->webhook_column,
    [DIAL_NUMBER_COLUMN_VOICE] = self->voice_column,
    [DIAL_NUMBER_COLUMN_APP] = self->app_column,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (columns) == DIAL_NUMBER_N_COLUMNS);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkListItemFactory) factory = dial_number_cell_factory_new (i);

      gtk_column_view_column_set_factory (columns[i], factory);
    }
}

static char *
format_count (guint n)
{
  /* Digit grouping of the user's locale ("10,000", "10.000"). */
  return g_strdup_printf ("%'u", n);
}

static DialNumber *
selected_number (DialNumbersPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);
  g_autoptr(DialNumberRow) row = NULL;

  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;

  /* Asking the model (not the selection's cached item) gets a row showing its current number;
   * the rows model keeps the row, the row keeps the number. */
  row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
  return row != NULL ? dial_number_row_get_number (row) : NULL;
}

/* Tells the rows which of them are on screen (they change first after a filter change). */
static void
on_vadjustment_changed (DialNumbersPage *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  double upper = gtk_adjustment_get_upper (adjustment);
  double row;

  if (n == 0 || upper <= 0)
    return;

  row = upper / n;
  dial_number_rows_set_visible (self->rows,
                                (guint) (gtk_adjustment_get_value (adjustment) / row),
                                (guint) (gtk_adjustment_get_page_size (adjustment) / row) + 2);
}

/* Selects the row at @position of what is shown (making sure that row exists). */
static void
select_position (DialNumbersPage *self,
                 guint            position)
{
  /* With a screenful after it, so that it can be scrolled to the middle. */
  if (position != GTK_INVALID_LIST_POSITION)
    dial_number_rows_ensure (self->rows, position + 32);
  gtk_single_selection_set_selected (self->selection, position);
}

static void on_details_saved (DialNumbersPage *self, DialNumber *number);

/* The details pane is made the first time a number is selected: most of the page's widgets
 * are in it, and the first frame does not need them. */
static DialNumberDetails *
ensure_details (DialNumbersPage *self)
{
  if (self->details == NULL)
    {
      self->details = DIAL_NUMBER_DETAILS (dial_number_details_new ());
      gtk_widget_add_css_class (GTK_WIDGET (self->details), "background");
      dial_number_details_set_client (self->details, self->client);
      g_signal_connect_object (self->details, "saved", G_CALLBACK (on_details_saved), self,
                               G_CONNECT_SWAPPED);
      adw_flap_set_flap (self->flap, GTK_WIDGET (self->details));
    }
  return self->details;
}

/* Forgets the number shown in the details (if any), closing them. */
void
dial_numbers_page_close_details_of (DialNumbersPage *self,
                                    DialNumber      *number)
{
  if (self->details == NULL)
    return;
  if (number == NULL || dial_number_details_get_number (self->details) == number)
    {
      adw_flap_set_reveal_flap (self->flap, FALSE);
      dial_number_details_set_number (self->details, NULL);
    }
}

static void
update_actions (DialNumbersPage *self)
{
  gboolean have_selection = selected_number (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "numbers.reload", self->owned != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "numbers.copy", have_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "numbers.cancel",
                                 have_selection && self->client != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "numbers.export",
                                 g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "numbers.close-details",
                                 adw_flap_get_reveal_flap (self->flap));
}

/* Most lists arrive in well under a second: a spinner that appears only for them is a flicker
 * (and keeps every frame of the window coming). */
static gboolean
start_spinner (gpointer user_data)
{
  DialNumbersPage *self = user_data;

  self->spinner_delay = 0;
  gtk_spinner_set_spinning (self->loading_spinner, TRUE);
  return G_SOURCE_REMOVE;
}

/* The pages other than the list are hidden until they are first shown: a window then styles
 * and lays out only what it shows. */
static void
show_page (GtkStack   *stack,
           const char *name)
{
  gtk_widget_set_visible (gtk_stack_get_child_by_name (stack, name), TRUE);
  gtk_stack_set_visible_child_name (stack, name);
}

void
dial_numbers_page_update_status (DialNumbersPage *self)
{
  g_autofree char *status = NULL;
  const GError *error = NULL;
  const char *state;
  gboolean loading = FALSE;
  guint n_items = 0;
  guint n_loaded = 0;
  guint total = 0;
  guint shown;

  if (self->owned != NULL)
    {
      loading = dial_owned_list_get_loading (self->owned);
      error = dial_owned_list_get_error (self->owned);
      n_items = g_list_model_get_n_items (G_LIST_MODEL (self->owned));
      n_loaded = dial_owned_list_get_n_loaded (self->owned);
      total = dial_owned_list_get_total (self->owned);
    }
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  if (self->owned == NULL)
    state = "empty";
  else if (n_items > 0 || dial_numbers_page_api_filter_active (self))
    state = "list";
  else if (loading)
    state = "loading";
  else if (error != NULL)
    state = "error";
  else
    state = "empty";

  if (g_strcmp0 (state, "error") == 0)
    {
      g_autofree char *description = NULL;

      description = error->domain == DIAL_ERROR
        ? g_strdup (dial_error_explain (error->code))
        : g_strdup (error->message);
      adw_status_page_set_description (self->error_status, description);
    }

  /* Loading, the list is shown without rows, and what it is waiting for over it. */
  self->state = state;
  show_page (self->stack, g_str_equal (state, "loading") ? "list" : state);
  gtk_widget_set_visible (self->loading_box, loading && n_items == 0);
  if (!gtk_widget_get_visible (self->loading_box))
    {
      g_clear_handle_id (&self->spinner_delay, g_source_remove);
      gtk_spinner_set_spinning (self->loading_spinner, FALSE);
    }
  else if (!gtk_spinner_get_spinning (self->loading_spinner) && self->spinner_delay == 0)
    {
      self->spinner_delay = g_timeout_add (SPINNER_DELAY_MS, start_spinner, self);
      g_source_set_name_by_id (self->spinner_delay, "[dial] start the loading spinner");
    }

  /* A page that failed after others arrived: say so above what is there. */
  if (error != NULL && !loading && n_items > 0)
    {
      g_autofree char *loaded = format_count (n_loaded);
      g_autofree char *of = format_count (total);
      g_autofree char *message = NULL;

      /* Translators: "Only 300 of 10,000 numbers could be loaded. (explanation)" */
      message = g_strdup_printf (_("Only %s of %s numbers could be loaded. %s"), loaded, of,
                                 error->domain == DIAL_ERROR
                                 ? dial_error_explain (error->code) : error->message);
      gtk_label_set_text (self->load_error_label, message);
    }
  gtk_revealer_set_reveal_child (self->load_error_revealer,
                                 error != NULL && !loading && n_items > 0);

  show_page (self->list_stack, shown == 0 && !(loading && n_items == 0) ? "no-match" : "rows");
  if (shown == 0 && n_items == 0 && !loading)
    adw_status_page_set_description (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->list_stack,
                                                                                   "no-match")),
                                     _("Vonage has no numbers on this account that match these filters."));
  else if (shown == 0)
    adw_status_page_set_description (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->list_stack,
                                                                                   "no-match")),
                                     _("No loaded number matches the filter. Try fewer or different words."));

  if (loading && total > 0)
    {
      g_autofree char *loaded = format_count (n_loaded);
      g_autofree char *of = format_count (total);

      /* Translators: "Loaded 300 of 10,000 numbers" */
      status = g_strdup_printf (_("Loaded %s of %s numbers"), loaded, of);
      gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) n_loaded / total));
    }
  else if (loading)
    status = g_strdup (_("Loading numbers…"));
  else if (shown != n_items)
    {
      g_autofree char *a = format_count (shown);
      g_autofree char *b = format_count (n_items);

      /* Translators: "42 of 10,000 numbers shown" */
      status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s number shown",
                                             "%s of %s numbers shown", n_items), a, b);
    }
  else
    {
      g_autofree char *a = format_count (n_items);

      status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s number", "%s numbers", n_items),
                                a);
    }
  gtk_label_set_text (self->status_label, status);
  /* How far it is, once Vonage has said how many there are (a bar that only pulses would keep
   * every frame of the window coming, and the rows' place says it already). */
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), loading && total > 0);

  update_actions (self);
}

/* Loads the icons of @widget's images (and its children's) by drawing them once. */
static void
snapshot_icons (GtkWidget   *widget,
                GtkSnapshot *snapshot)
{
  if (GTK_IS_IMAGE (widget)
      && gtk_image_get_storage_type (GTK_IMAGE (widget)) == GTK_IMAGE_ICON_NAME)
    {
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
      int size = gtk_image_get_pixel_size (GTK_IMAGE (widget)) > 0
                 ? gtk_image_get_pixel_size (GTK_IMAGE (widget)) : 16;
      g_autoptr(GtkIconPaintable) icon = NULL;

      icon = gtk_icon_theme_lookup_icon (theme, gtk_image_get_icon_name (GTK_IMAGE (widget)), NULL,
                                         size, gtk_widget_get_scale_factor (widget),
                                         gtk_widget_get_direction (widget), 0);
      gdk_paintable_snapshot (GDK_PAINTABLE (icon), snapshot, size, size);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    snapshot_icons (child, snapshot);
}

/* While the first page is on its way, the list's first frame is prepared: its fonts found
 * (a flag needs the colour emoji font), its glyphs drawn once (GTK caches them) and its icons
 * loaded, rather than when the first rows are waiting for them. */
static gboolean
prepare_first_rows (gpointer user_data)
{
  DialNumbersPage *self = user_data;
  GtkWidget *view = GTK_WIDGET (self->column_view);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GString) sample = g_string_new (NULL);
  g_autofree char *flag = dial_country_get_flag ("GB");
  cairo_surface_t *surface;
  cairo_t *cr;
  int width, height;

  self->prepare_source = 0;

  /* The printable ASCII characters (numbers, URLs, most names), a flag, and a name in the
   * user's language. */
  for (char c = ' '; c <= '~'; c++)
    g_string_append_c (sample, c);
  g_string_append_printf (sample, " %s %s %s", flag, dial_country_get_name ("DE"), _("Landline"));
  layout = gtk_widget_create_pango_layout (view, sample->str);
  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_append_layout (snapshot, layout, &(GdkRGBA) { 0, 0, 0, 1 });

  snapshot_icons (adw_flap_get_content (self->flap), snapshot);

  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (width, 16), MAX (height, 16));
  cr = cairo_create (surface);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return G_SOURCE_REMOVE;
}

void
dial_numbers_page_load (DialNumbersPage *self)
{
  DialOwnedQuery query = { 0 };

  if (self->owned == NULL)
    return;

  dial_numbers_page_get_api_query (self, &query);
  dial_owned_list_load (self->owned, &query);
  if (!self->first_rows_prepared)
    {
      self->first_rows_prepared = TRUE;
      self->prepare_source = g_idle_add_full (G_PRIORITY_LOW, prepare_first_rows, self, NULL);
    }
  dial_numbers_page_update_api_filter_label (self);
  dial_numbers_page_update_status (self);
}

/* The position of @number in what the view shows, clearing the local filter if it hides it. */
static guint
find_shown_position (DialNumbersPage *self,
                     DialNumber      *number)
{
  GListModel *shown = G_LIST_MODEL (self->filter_model);

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      guint n = g_list_model_get_n_items (shown);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DialNumber) item = g_list_model_get_item (shown, i);

          if (item == number)
            return i;
        }
      /* Cleared at once, not at the next idle: the search goes on right now. */
      gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");
      g_clear_handle_id (&self->filter_idle, g_source_remove);
      dial_number_filter_model_set_query (self->filter_model, "");
    }

  return GTK_INVALID_LIST_POSITION;
}

static GtkWidget *
inner_list_view (DialNumbersPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;

  return NULL;
}

/* GTK 4.8's column view has no scroll_to (); its inner list view has the "list.scroll-to-item"
 * action, which works once the list has been laid out. Tried on a timeout, a few times, since
 * rows added just before only count after the next layout. */
static gboolean
scroll_to_pending (gpointer user_data)
{
  DialNumbersPage *self = DIAL_NUMBERS_PAGE (user_data);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  guint position = gtk_single_selection_get_selected (self->selection);
  GtkWidget *list_view = inner_list_view (self);

  if (position == GTK_INVALID_LIST_POSITION || list_view == NULL)
    {
      self->scroll_tick = 0;
      return G_SOURCE_REMOVE;
    }

  /* Not laid out yet (the page was just shown): later. */
  if (gtk_adjustment_get_upper (adjustment) <= 0 || gtk_adjustment_get_page_size (adjustment) <= 0)
    return G_SOURCE_CONTINUE;

  gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);

  if (--self->scroll_frames > 0)
    return G_SOURCE_CONTINUE;
  self->scroll_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
scroll_to_selected (DialNumbersPage *self)
{
  self->scroll_frames = 3;
  if (self->scroll_tick == 0)
    {
      /* About a frame apart, so that each try sees the layout of the one before. */
      self->scroll_tick = g_timeout_add (16, scroll_to_pending, self);
      g_source_set_name_by_id (self->scroll_tick, "[dial] scroll to the selected number");
    }
}

static void
select_number (DialNumbersPage *self,
               DialNumber      *number,
               gboolean         edit)
{
  guint position = find_shown_position (self, number);

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  select_position (self, position);
  scroll_to_selected (self);
  adw_flap_set_reveal_flap (self->flap, TRUE);
  if (edit)
    dial_number_details_focus_form (ensure_details (self));
}

static void
clear_pending (DialNumbersPage *self)
{
  g_clear_pointer (&self->pending_country, g_free);
  g_clear_pointer (&self->pending_msisdn, g_free);
  self->pending_edit = FALSE;
}

/* A number asked for by dial_numbers_page_show_number() that the list did not have. */
typedef struct
{
  DialNumbersPage *self;
  char            *country;
  char            *msisdn;
  gboolean         edit;
} ShowLookup;

static void
show_lookup_free (ShowLookup *data)
{
  g_clear_object (&data->self);
  g_free (data->country);
  g_free (data->msisdn);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShowLookup, show_lookup_free)

static void
on_lookup_for_show_ready (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(ShowLookup) data = user_data;
  DialNumbersPage *self = data->self;
  g_autoptr(DialNumber) number = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *formatted = dial_format_msisdn_grouped (data->msisdn, data->country);
  g_autofree char *message = NULL;

  number = dial_client_lookup_owned_finish (DIAL_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->owned == NULL)
    return;

  if (number != NULL)
    {
      DialNumber *known = dial_owned_list_find (self->owned, data->msisdn, NULL);

      if (known == NULL)
        {
          dial_owned_list_add (self->owned, number);
          known = number;
        }
      select_number (self, known, data->edit);
      return;
    }

  if (error != NULL)
    {
      /* Translators: %s is a phone number */
      g_autofree char *task = g_strdup_printf (_("Could not show %s"), formatted);

      message = dial_number_text_describe_error (task, error);
    }
  else
    /* Translators: %s is a phone number */
    message = g_strdup_printf (_("%s is not on this account"), formatted);
  dial_widget_add_toast (GTK_WIDGET (self), adw_toast_new (message));
}

static void
try_pending_show (DialNumbersPage *self)
{
  DialNumber *number;

  if (self->pending_msisdn == NULL || self->owned == NULL)
    return;

  number = dial_owned_list_find (self->owned, self->pending_msisdn, NULL);
  if (number != NULL)
    {
      gboolean edit = self->pending_edit;

      clear_pending (self);
      select_number (self, number, edit);
      return;
    }

  if (!dial_owned_list_get_loading (self->owned) && self->client != NULL)
    {
      ShowLookup *data = g_new0 (ShowLookup, 1);

      /* Everything is loaded and it is not there (bought a moment ago, or filtered out by
       * Vonage's filters): ask for it. */
      data->self = g_object_ref (self);
      data->country = g_steal_pointer (&self->pending_country);
      data->msisdn = g_steal_pointer (&self->pending_msisdn);
      data->edit = self->pending_edit;
      clear_pending (self);
      dial_client_lookup_owned_async (self->client, data->country, data->msisdn,
                                      self->cancellable, on_lookup_for_show_ready, data);
    }
}

static void
on_owned_items_changed (DialNumbersPage *self,
                        guint            position,
                        guint            removed,
                        guint            added,
                        GListModel      *model)
{
  dial_numbers_page_update_status (self);
  if (added > 0)
    try_pending_show (self);
}

static void
on_owned_notify (DialNumbersPage *self,
                 GParamSpec      *pspec,
                 DialOwnedList   *owned)
{
  dial_numbers_page_update_status (self);
  if (!dial_owned_list_get_loading (owned))
    try_pending_show (self);
}

static void
on_filter_model_n_items (DialNumbersPage *self)
{
  dial_numbers_page_update_status (self);
}

static gboolean
apply_filter (gpointer user_data)
{
  DialNumbersPage *self = user_data;

  self->filter_idle = 0;
  dial_number_filter_model_set_query (self->filter_model,
                                      gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)));
  return G_SOURCE_REMOVE;
}

static void
on_filter_entry_changed (DialNumbersPage *self)
{
  /* Instant, with no search delay; but replacing the text is a deletion and an insertion, and
   * filtering for the empty text in between would bring every row back for nothing. So the
   * filter runs once, before the next frame. */
  if (self->filter_idle == 0)
    {
      self->filter_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_filter, self, NULL);
      g_source_set_name_by_id (self->filter_idle, "[dial] apply the number filter");
    }
}

/* The rows are reused for other numbers when the filter or the order changes: the selection
 * follows its number, or goes when the number is no longer shown. */
static void
on_filter_model_items_changed (DialNumbersPage *self)
{
  guint position;

  if (self->selected == NULL)
    return;

  position = dial_number_filter_model_find (self->filter_model, self->selected);
  if (position != gtk_single_selection_get_selected (self->selection))
    select_position (self, position);
}

/* Typing in the list goes to the filter (it captures the list's keys); with the first key the
 * filter takes the keyboard, so that what follows edits the text where it is shown. Without
 * selecting it: the next key would replace what was just typed. */
static void
on_filter_entry_search_started (DialNumbersPage *self)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (self->filter_entry));

  if (!gtk_widget_has_focus (GTK_WIDGET (text)))
    gtk_text_grab_focus_without_selecting (GTK_TEXT (text));
}

/* Escape in the filter: it is emptied, and the keyboard goes back to the list. */
static void
on_filter_entry_stop_search (DialNumbersPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_filter_entry_activate (DialNumbersPage *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0)
    return;

  select_position (self, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_selection_changed (DialNumbersPage *self)
{
  DialNumber *number = selected_number (self);

  g_set_object (&self->selected, number);
  if (number != NULL)
    {
      dial_number_details_set_number (ensure_details (self), number);
      adw_flap_set_reveal_flap (self->flap, TRUE);
    }
  else
    dial_numbers_page_close_details_of (self, NULL);
  update_actions (self);
}

static void
on_column_view_activate (DialNumbersPage *self,
                         guint            position)
{
  select_position (self, position);
  adw_flap_set_reveal_flap (self->flap, TRUE);
  dial_number_details_focus_form (ensure_details (self));
  update_actions (self);
}

static void
on_details_saved (DialNumbersPage *self,
                  DialNumber      *number)
{
  /* The row follows the number's notify; the filter's search text must follow too. */
  dial_number_filter_model_refresh (self->filter_model, number);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DialNumbersPage *self = DIAL_NUMBERS_PAGE (widget);
  DialNumber *number = selected_number (self);

  if (number != NULL)
    dial_numbers_page_ask_to_cancel (self, number);
}

/* Other actions. */

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  dial_numbers_page_reload (DIAL_NUMBERS_PAGE (widget));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DialNumbersPage *self = DIAL_NUMBERS_PAGE (widget);
  DialNumber *number = selected_number (self);
  g_autofree char *e164 = NULL;
  g_autofree char *formatted = NULL;
  g_autofree char *message = NULL;

  if (number == NULL)
    return;

  /* E.164 with "+": what other programs and phones accept when it is pasted. */
  e164 = g_strconcat ("+", dial_number_get_msisdn (number), NULL);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), e164);

  formatted = dial_number_text_format (number);
  /* Translators: %s is a phone number */
  message = g_strdup_printf (_("Copied %s"), formatted);
  dial_widget_add_toast (widget, adw_toast_new (message));
}

typedef struct
{
  DialNumbersPage *self;
  char            *name;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->self);
  g_free (data->name);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportData, export_data_free)

static void
on_export_ready (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ExportData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!dial_numbers_export_save_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s is the reason */
      message = g_strdup_printf (_("Could not export the numbers: %s"), error->message);
    }
  else
    /* Translators: %s is a file name */
    message = g_strdup_printf (_("Exported to %s"), data->name);

  dial_widget_add_toast (GTK_WIDGET (data->self), adw_toast_new (message));
}

static void
on_export_chooser_response (DialNumbersPage *self,
                            int              response,
                            GtkNativeDialog *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        dial_numbers_page_export_to_file (self, file);
    }
  g_clear_object (&self->export_chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DialNumbersPage *self = DIAL_NUMBERS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->export_chooser != NULL)
    return;

  self->export_chooser = gtk_file_chooser_native_new (_("Export Numbers"),
                                                      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                      GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);
  /* Translators: the suggested file name of the CSV export */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), _("numbers.csv"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->export_chooser), filter);
  g_signal_connect_object (self->export_chooser, "response",
                           G_CALLBACK (on_export_chooser_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

static void
focus_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  dial_numbers_page_focus_filter (DIAL_NUMBERS_PAGE (widget));
}

static void
close_details_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  DialNumbersPage *self = DIAL_NUMBERS_PAGE (widget);

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  adw_flap_set_reveal_flap (self->flap, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  update_actions (self);
}

static void
dial_numbers_page_dispose (GObject *object)
{
  DialNumbersPage *self = DIAL_NUMBERS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->filter_idle, g_source_remove);
  g_clear_handle_id (&self->prepare_source, g_source_remove);
  g_clear_handle_id (&self->spinner_delay, g_source_remove);
  g_clear_handle_id (&self->scroll_tick, g_source_remove);
  g_clear_object (&self->selected);
  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);
  if (self->owned != NULL)
    g_signal_handlers_disconnect_by_data (self->owned, self);
  /* The bin's child is a template child: take it out of the bin before the template unparents
   * it, or AdwBin unparents it a second time. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DIAL_TYPE_NUMBERS_PAGE);
  g_clear_object (&self->owned);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (dial_numbers_page_parent_class)->dispose (object);
}

static void
dial_numbers_page_finalize (GObject *object)
{
  DialNumbersPage *self = DIAL_NUMBERS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->cancelling, g_hash_table_unref);
  g_free (self->api_pattern);
  g_free (self->api_country);
  g_free (self->api_app_id);
  clear_pending (self);

  G_OBJECT_CLASS (dial_numbers_page_parent_class)->finalize (object);
}

static void
dial_numbers_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DialNumbersPage *self = DIAL_NUMBERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_numbers_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DialNumbersPage *self = DIAL_NUMBERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      dial_numbers_page_set_client (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A new account's numbers open with the keyboard in the list: arrows move, Enter opens the
 * details, Delete asks to cancel, and typing goes to the filter (it captures the list's keys).
 * Not on every return to the page: the focus stays where the person put it. */
static void
focus_list_if_asked (DialNumbersPage *self)
{
  if (!self->focus_list || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->focus_list = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
dial_numbers_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (dial_numbers_page_parent_class)->map (widget);
  focus_list_if_asked (DIAL_NUMBERS_PAGE (widget));
}

/* The rows grow and follow the filter a chunk per frame of this window. */
static void
dial_numbers_page_realize (GtkWidget *widget)
{
  DialNumbersPage *self = DIAL_NUMBERS_PAGE (widget);

  GTK_WIDGET_CLASS (dial_numbers_page_parent_class)->realize (widget);
  dial_number_rows_set_frame_clock (self->rows, gtk_widget_get_frame_clock (widget));
}

static void
dial_numbers_page_unrealize (GtkWidget *widget)
{
  DialNumbersPage *self = DIAL_NUMBERS_PAGE (widget);

  dial_number_rows_set_frame_clock (self->rows, NULL);
  GTK_WIDGET_CLASS (dial_numbers_page_parent_class)->unrealize (widget);
}

static void
dial_numbers_page_class_init (DialNumbersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dial_numbers_page_dispose;
  object_class->finalize = dial_numbers_page_finalize;
  object_class->get_property = dial_numbers_page_get_property;
  object_class->set_property = dial_numbers_page_set_property;
  widget_class->map = dial_numbers_page_map;
  widget_class->realize = dial_numbers_page_realize;
  widget_class->unrealize = dial_numbers_page_unrealize;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         DIAL_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DIAL_TYPE_NUMBER);
  g_type_ensure (DIAL_TYPE_NUMBER_DETAILS);
  g_type_ensure (DIAL_TYPE_NUMBER_FILTER_MODEL);
  g_type_ensure (DIAL_TYPE_NUMBER_ROW);
  g_type_ensure (DIAL_TYPE_NUMBER_ROWS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dial-numbers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, loading_box);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, flap);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, api_filter_button);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, api_filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, api_filter_label);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, load_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, load_error_label);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, selection);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, filter_model);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, rows);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, sort_model);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, number_column);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, country_column);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, type_column);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, features_column);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, webhook_column);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, voice_column);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, app_column);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, DialNumbersPage, progress_bar);

  dial_number_cell_bind_sort_keys (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_model_n_items);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate);

  gtk_widget_class_install_action (widget_class, "numbers.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "numbers.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "numbers.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "numbers.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "numbers.focus-filter", NULL,
                                   focus_filter_action);
  gtk_widget_class_install_action (widget_class, "numbers.close-details", NULL,
                                   close_details_action);
  dial_numbers_page_filters_class_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "numbers.focus-filter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "numbers.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "numbers.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "numbers.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "numbers.close-details", NULL);
}

static void
dial_numbers_page_init (DialNumbersPage *self)
{
  GtkEventController *delete_shortcuts;
  GtkShortcutTrigger *delete_trigger;

  self->cancellable = g_cancellable_new ();
  self->cancelling = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  set_cell_factories (self);
  dial_numbers_page_filters_init (self);

  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled_window),
                           "value-changed", G_CALLBACK (on_vadjustment_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled_window),
                           "changed", G_CALLBACK (on_vadjustment_changed), self,
                           G_CONNECT_SWAPPED);
  /* After the rows (connected by the template): they are current when this runs. */
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (on_filter_model_items_changed), self, G_CONNECT_SWAPPED);
  /* The filter captures the list's keys (type to filter), and its text would take Delete for
   * itself: on the list, Delete asks to cancel. Added first, so it runs before the capture. */
  delete_trigger = gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0));
  delete_shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (delete_shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (delete_shortcuts),
                                        gtk_shortcut_new (delete_trigger,
                                                          gtk_named_action_new ("numbers.cancel")));
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), delete_shortcuts);
  gtk_search_entry_set_key_capture_widget (self->filter_entry, GTK_WIDGET (self->column_view));
  g_signal_connect_object (self->filter_entry, "search-started",
                           G_CALLBACK (on_filter_entry_search_started), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_entry, "stop-search",
                           G_CALLBACK (on_filter_entry_stop_search), self, G_CONNECT_SWAPPED);
  /* Numbers in API order until the user picks a column to sort by. */
  gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
  dial_numbers_page_update_api_filter_label (self);
  dial_numbers_page_update_status (self);
}

DialNumbersPage *
dial_numbers_page_new (void)
{
  return g_object_new (DIAL_TYPE_NUMBERS_PAGE, NULL);
}

DialClient *
dial_numbers_page_get_client (DialNumbersPage *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBERS_PAGE (self), NULL);

  return self->client;
}

void
dial_numbers_page_set_client (DialNumbersPage *self,
                              DialClient      *client)
{
  g_return_if_fail (DIAL_IS_NUMBERS_PAGE (self));
  g_return_if_fail (client == NULL || DIAL_IS_CLIENT (client));

  if (self->client == client)
    return;

  /* Nothing from the old account may arrive after this. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_hash_table_remove_all (self->cancelling);
  clear_pending (self);

  g_set_object (&self->client, client);
  if (self->owned != NULL)
    g_signal_handlers_disconnect_by_data (self->owned, self);
  g_clear_object (&self->owned);

  dial_numbers_page_clear_api_filters (self);
  dial_numbers_page_close_details_of (self, NULL);
  if (self->details != NULL)
    dial_number_details_set_client (self->details, client);
  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");

  if (client != NULL)
    {
      self->owned = dial_owned_list_new (client);
      g_signal_connect_object (self->owned, "items-changed",
                               G_CALLBACK (on_owned_items_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->owned, "notify::loading",
                               G_CALLBACK (on_owned_notify), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->owned, "notify::n-loaded",
                               G_CALLBACK (on_owned_notify), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->owned, "notify::total",
                               G_CALLBACK (on_owned_notify), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->owned, "notify::error",
                               G_CALLBACK (on_owned_notify), self, G_CONNECT_SWAPPED);
    }
  gtk_sort_list_model_set_model (self->sort_model, G_LIST_MODEL (self->owned));
  dial_numbers_page_load (self);
  dial_numbers_page_update_api_filter_label (self);
  dial_numbers_page_update_status (self);

  self->focus_list = client != NULL;
  focus_list_if_asked (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

void
dial_numbers_page_reload (DialNumbersPage *self)
{
  g_return_if_fail (DIAL_IS_NUMBERS_PAGE (self));

  dial_numbers_page_load (self);
}

void
dial_numbers_page_show_number (DialNumbersPage *self,
                               const char      *country,
                               const char      *msisdn,
                               gboolean         edit)
{
  g_return_if_fail (DIAL_IS_NUMBERS_PAGE (self));
  g_return_if_fail (msisdn != NULL);

  clear_pending (self);
  if (self->owned == NULL)
    return;

  self->pending_country = g_strdup (country);
  self->pending_msisdn = g_strdup (msisdn);
  self->pending_edit = edit;
  try_pending_show (self);
}

void
dial_numbers_page_focus_filter (DialNumbersPage *self)
{
  g_return_if_fail (DIAL_IS_NUMBERS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->filter_entry));
}

/* Private API */

DialOwnedList *
dial_numbers_page_get_owned (DialNumbersPage *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBERS_PAGE (self), NULL);

  return self->owned;
}

GListModel *
dial_numbers_page_get_shown (DialNumbersPage *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBERS_PAGE (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

DialNumberDetails *
dial_numbers_page_get_details (DialNumbersPage *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBERS_PAGE (self), NULL);

  return ensure_details (self);
}

const char *
dial_numbers_page_get_state (DialNumbersPage *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBERS_PAGE (self), NULL);

  return self->state;
}

gboolean
dial_numbers_page_get_details_open (DialNumbersPage *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBERS_PAGE (self), FALSE);

  return adw_flap_get_reveal_flap (self->flap);
}

void
dial_numbers_page_export_to_file (DialNumbersPage *self,
                                  GFile           *file)
{
  ExportData *data;

  g_return_if_fail (DIAL_IS_NUMBERS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ExportData, 1);
  data->self = g_object_ref (self);
  data->name = g_file_get_basename (file);
  dial_numbers_export_save_async (G_LIST_MODEL (self->filter_model), file, self->cancellable,
                                  on_export_ready, data);
}
