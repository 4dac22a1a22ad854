/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-number-rows"

#include "config.h"

#include <gtk/gtk.h>

#include "dial-number-rows.h"

/* GTK 4.8's list view keeps widgets for 200 rows after its anchor: rows added below this many
 * need widgets, so they come in chunks; further down they cost nothing and come at once. */
#define WIDGET_WINDOW 256
/* Rows built per main-loop iteration: about 3 ms of CPU for seven columns. */
#define CHUNK         16
/* Without a frame after a chunk, the next one after this long. */
#define FRAME_WAIT_MS 50
/* Rows on screen are refreshed at once, with this many around them. */
#define MARGIN        8

struct _DialNumberRows
{
  GObject     parent_instance;

  GListModel *model;
  /* One per exposed position; NULL until the view asks for it. */
  GPtrArray  *rows;
  /* Rows that show a number that is no longer at their place. */
  GtkBitset  *stale;
  guint       first_visible;
  guint       n_visible;
  /* Adds waiting rows and refreshes stale ones, a chunk at a time. */
  guint       work_source;
  /* With a frame clock, one chunk per frame: a frame lays out what one chunk made. */
  GdkFrameClock *frame_clock;
  gulong      after_paint_handler;
  gboolean    waiting_for_frame;
};

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void dial_number_rows_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DialNumberRows, dial_number_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dial_number_rows_list_model_init))

static guint
source_n_items (DialNumberRows *self)
{
  return self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
}

static void
set_n_rows (DialNumberRows *self,
            guint           n)
{
  guint old = self->rows->len;

  if (n == old)
    return;

  /* Removed rows are dropped, added ones are made when the view asks for them. */
  g_ptr_array_set_size (self->rows, n);
  if (n < old)
    gtk_bitset_remove_range_closed (self->stale, n, G_MAXUINT);
  if (n < old)
    g_list_model_items_changed (G_LIST_MODEL (self), n, old - n, 0);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n - old);
}

static void schedule_work (DialNumberRows *self);

static void
refresh_row (DialNumberRows *self,
             guint           position)
{
  DialNumberRow *row = g_ptr_array_index (self->rows, position);

  gtk_bitset_remove (self->stale, position);
  if (row != NULL)
    {
      g_autoptr(DialNumber) number = g_list_model_get_item (self->model, position);

      dial_number_row_set_number (row, number);
    }
}

/* Refreshes the stale rows in [first, first + n). */
static void
refresh_range (DialNumberRows *self,
               guint           first,
               guint           n)
{
  g_autoptr(GtkBitset) range = NULL;
  GtkBitsetIter iter;
  guint position;

  if (n == 0 || gtk_bitset_is_empty (self->stale))
    return;

  range = gtk_bitset_new_range (first, n);
  gtk_bitset_intersect (range, self->stale);
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, range, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    refresh_row (self, position);
}

/* Refreshes a chunk of stale rows, the ones nearest the screen first. */
static void
refresh_some (DialNumberRows *self)
{
  guint done = 0;

  refresh_range (self, self->first_visible > CHUNK ? self->first_visible - CHUNK : 0,
                 self->n_visible + 2 * CHUNK);
  while (!gtk_bitset_is_empty (self->stale) && done < CHUNK)
    {
      refresh_row (self, gtk_bitset_get_minimum (self->stale));
      done++;
    }
}

/* Adds rows up to the model's size: those on screen at once, then (with @chunk) a chunk while
 * GTK would build widgets for them, and the rest at once. The very first rows are one chunk:
 * the frame that shows the first numbers (a window's first frame, when they are in by then) is
 * drawn sooner, and the rest of the screen follows with the next chunk, a frame later. */
static void
expose_more (DialNumberRows *self,
             gboolean        chunk)
{
  guint n = source_n_items (self);
  guint exposed = self->rows->len;
  guint on_screen = self->first_visible + self->n_visible + MARGIN;
  guint target = n;

  if (exposed == 0)
    target = MIN (n, CHUNK);
  else if (exposed < WIDGET_WINDOW && n - exposed > CHUNK)
    target = MIN (n, MAX (chunk ? exposed + CHUNK : exposed, on_screen));

  set_n_rows (self, target);
}

static gboolean
work (gpointer user_data)
{
  DialNumberRows *self = user_data;

  self->work_source = 0;
  self->waiting_for_frame = FALSE;
  refresh_some (self);
  if (self->rows->len < source_n_items (self))
    expose_more (self, TRUE);

  if (!dial_number_rows_get_pending (self))
    return G_SOURCE_REMOVE;

  /* The next chunk after the frame that shows this one (a chunk that changed nothing on
   * screen may bring no frame: then after a while). */
  self->waiting_for_frame = self->frame_clock != NULL;
  schedule_work (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_work (DialNumberRows *self)
{
  if (self->work_source != 0)
    return;

  /* Below the redraw priority: a frame is drawn between two chunks. */
  if (self->waiting_for_frame)
    self->work_source = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, FRAME_WAIT_MS, work, self,
                                            NULL);
  else
    self->work_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, work, self, NULL);
  g_source_set_name_by_id (self->work_source, "[dial] add and refresh number rows");
}

static void
on_after_paint (DialNumberRows *self)
{
  if (!self->waiting_for_frame)
    return;

  self->waiting_for_frame = FALSE;
  g_clear_handle_id (&self->work_source, g_source_remove);
  schedule_work (self);
}

static void
on_model_items_changed (DialNumberRows *self,
                        guint           position,
                        guint           removed,
                        guint           added,
                        GListModel     *model)
{
  guint n = g_list_model_get_n_items (model);
  guint limit = MIN (self->rows->len, n);

  /* Every row from @position on must now show what is at its place: those on screen at once,
   * the others soon (rows never asked for are NULL and cost nothing). */
  if (limit > position)
    gtk_bitset_add_range (self->stale, position, limit - position);

  if (n < self->rows->len)
    set_n_rows (self, n);
  else if (n > self->rows->len)
    expose_more (self, FALSE);

  refresh_range (self, self->first_visible > MARGIN ? self->first_visible - MARGIN : 0,
                 self->n_visible + 2 * MARGIN);
  if (dial_number_rows_get_pending (self))
    schedule_work (self);
}

static GType
dial_number_rows_get_item_type (GListModel *list)
{
  return DIAL_TYPE_NUMBER_ROW;
}

static guint
dial_number_rows_get_n_items (GListModel *list)
{
  DialNumberRows *self = DIAL_NUMBER_ROWS (list);

  return self->rows->len;
}

static gpointer
dial_number_rows_get_item (GListModel *list,
                           guint       position)
{
  DialNumberRows *self = DIAL_NUMBER_ROWS (list);
  DialNumberRow *row;

  if (position >= self->rows->len)
    return NULL;

  /* A row is never handed out with a number that is not at its place. */
  if (gtk_bitset_contains (self->stale, position))
    refresh_row (self, position);

  row = g_ptr_array_index (self->rows, position);
  if (row == NULL)
    {
      g_autoptr(DialNumber) number = g_list_model_get_item (self->model, position);

      row = dial_number_row_new (number);
      g_ptr_array_index (self->rows, position) = row;
    }

  return g_object_ref (row);
}

static void
dial_number_rows_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dial_number_rows_get_item_type;
  iface->get_n_items = dial_number_rows_get_n_items;
  iface->get_item = dial_number_rows_get_item;
}

static void
dial_number_rows_dispose (GObject *object)
{
  DialNumberRows *self = DIAL_NUMBER_ROWS (object);

  g_clear_handle_id (&self->work_source, g_source_remove);
  dial_number_rows_set_frame_clock (self, NULL);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_model_items_changed, self);
  g_clear_object (&self->model);
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);

  G_OBJECT_CLASS (dial_number_rows_parent_class)->dispose (object);
}

static void
dial_number_rows_finalize (GObject *object)
{
  DialNumberRows *self = DIAL_NUMBER_ROWS (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->stale, gtk_bitset_unref);

  G_OBJECT_CLASS (dial_number_rows_parent_class)->finalize (object);
}

static void
dial_number_rows_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DialNumberRows *self = DIAL_NUMBER_ROWS (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_number_rows_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DialNumberRows *self = DIAL_NUMBER_ROWS (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      dial_number_rows_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_number_rows_class_init (DialNumberRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dial_number_rows_dispose;
  object_class->finalize = dial_number_rows_finalize;
  object_class->get_property = dial_number_rows_get_property;
  object_class->set_property = dial_number_rows_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
row_free (gpointer row)
{
  /* Rows the view never asked for are NULL. */
  if (row != NULL)
    g_object_unref (row);
}

static void
dial_number_rows_init (DialNumberRows *self)
{
  self->rows = g_ptr_array_new_with_free_func (row_free);
  self->stale = gtk_bitset_new_empty ();
  /* Until the view says: a window of 800 pixels shows 20 rows of 32. */
  self->n_visible = 24;
}

DialNumberRows *
dial_number_rows_new (GListModel *model)
{
  g_return_val_if_fail (model == NULL || G_IS_LIST_MODEL (model), NULL);

  return g_object_new (DIAL_TYPE_NUMBER_ROWS, "model", model, NULL);
}

GListModel *
dial_number_rows_get_model (DialNumberRows *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER_ROWS (self), NULL);

  return self->model;
}

void
dial_number_rows_set_model (DialNumberRows *self,
                            GListModel     *model)
{
  g_return_if_fail (DIAL_IS_NUMBER_ROWS (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_model_items_changed, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed",
                             G_CALLBACK (on_model_items_changed), self, G_CONNECT_SWAPPED);

  /* A new model: every row shows its new number, then the count follows. */
  if (model != NULL)
    on_model_items_changed (self, 0, 0, 0, model);
  else
    set_n_rows (self, 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

void
dial_number_rows_ensure (DialNumberRows *self,
                         guint           n_items)
{
  g_return_if_fail (DIAL_IS_NUMBER_ROWS (self));

  set_n_rows (self, MAX (self->rows->len, MIN (n_items, source_n_items (self))));
}

gboolean
dial_number_rows_get_pending (DialNumberRows *self)
{
  g_return_val_if_fail (DIAL_IS_NUMBER_ROWS (self), FALSE);

  return self->rows->len < source_n_items (self) || !gtk_bitset_is_empty (self->stale);
}

void
dial_number_rows_set_visible (DialNumberRows *self,
                              guint           first,
                              guint           n_visible)
{
  g_return_if_fail (DIAL_IS_NUMBER_ROWS (self));

  self->first_visible = first;
  self->n_visible = n_visible;
  /* Scrolled to rows that were waiting: they change before they are drawn. */
  refresh_range (self, first > MARGIN ? first - MARGIN : 0, n_visible + 2 * MARGIN);
}

void
dial_number_rows_set_frame_clock (DialNumberRows *self,
                                  GdkFrameClock  *frame_clock)
{
  g_return_if_fail (DIAL_IS_NUMBER_ROWS (self));
  g_return_if_fail (frame_clock == NULL || GDK_IS_FRAME_CLOCK (frame_clock));

  if (self->frame_clock == frame_clock)
    return;

  if (self->frame_clock != NULL)
    g_clear_signal_handler (&self->after_paint_handler, self->frame_clock);
  g_set_object (&self->frame_clock, frame_clock);
  if (frame_clock != NULL)
    self->after_paint_handler = g_signal_connect_swapped (frame_clock, "after-paint",
                                                          G_CALLBACK (on_after_paint), self);

  /* Whatever waited for a frame of the old clock goes on. */
  if (self->waiting_for_frame)
    on_after_paint (self);
}
