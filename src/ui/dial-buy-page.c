/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dial-buy-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dial-buy-page-private.h"
#include "dial-buy-result-row.h"
#include "dial-countries.h"
#include "dial-error.h"
#include "dial-format.h"
#include "dial-ui-util.h"

/* Load the next page when the user scrolls this close (pixels) to the end of the list. */
#define LOAD_MORE_MARGIN 240

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DialBuyPage, dial_buy_page, ADW_TYPE_BIN)

/* The type dropdown, in the order of its items. */
static const DialNumberType dropdown_types[] = {
  DIAL_NUMBER_TYPE_UNKNOWN,
  DIAL_NUMBER_TYPE_LANDLINE,
  DIAL_NUMBER_TYPE_MOBILE_LVN,
  DIAL_NUMBER_TYPE_LANDLINE_TOLL_FREE,
};

/* The pattern-mode dropdown, in the order of its items. */
static const DialPatternMode dropdown_modes[] = {
  DIAL_PATTERN_STARTS_WITH,
  DIAL_PATTERN_CONTAINS,
  DIAL_PATTERN_ENDS_WITH,
};

typedef struct
{
  GWeakRef page;   /* a search in flight does not keep the page alive */
  guint    generation;
  guint    index;
} SearchRequest;

static void load_page (DialBuyPage *self);

static void
search_request_free (SearchRequest *request)
{
  g_weak_ref_clear (&request->page);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SearchRequest, search_request_free)

char *
dial_buy_page_explain_error (const GError *error)
{
  if (error->domain == DIAL_ERROR)
    return g_strdup (dial_error_explain (error->code));

  /* Not ours: GIO or GLib errors are already translated sentences. */
  return g_strdup (error->message);
}

/* Digits only, as the API matches them; the usual separators are dropped, "+" too. */
static gboolean
normalize_pattern (const char  *text,
                   char       **out_pattern,
                   GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        g_string_append_c (digits, (char) c);
      else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+')
        continue;
      else
        {
          g_set_error (error, DIAL_ERROR, DIAL_ERROR_INVALID_INPUT,
                       _("Type digits only, for example 4477 or 123."));
          return FALSE;
        }
    }

  /* The longest E.164 number has 15 digits: a longer pattern can never match. */
  if (digits->len > 15)
    {
      g_set_error (error, DIAL_ERROR, DIAL_ERROR_INVALID_INPUT,
                   _("A phone number has at most 15 digits."));
      return FALSE;
    }

  *out_pattern = g_string_free (g_steal_pointer (&digits), FALSE);
  return TRUE;
}

static DialFeatures
get_features (DialBuyPage *self)
{
  DialFeatures features = DIAL_FEATURE_NONE;

  if (gtk_toggle_button_get_active (self->sms_toggle))
    features |= DIAL_FEATURE_SMS;
  if (gtk_toggle_button_get_active (self->voice_toggle))
    features |= DIAL_FEATURE_VOICE;
  if (gtk_toggle_button_get_active (self->mms_toggle))
    features |= DIAL_FEATURE_MMS;
  return features;
}

static void
update_summary (DialBuyPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  g_autofree char *summary = NULL;

  if (n > 0)
    {
      /* The API's count can be larger than what paging ever returns. */
      guint total = MAX (self->total, n);

      /* Translators: e.g. "30 of 1,234 numbers" */
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$u of %2$u number",
                                              "%1$u of %2$u numbers", total),
                                 n, total);
    }
  gtk_label_set_label (self->results_summary, summary);
}

static void
set_loading (DialBuyPage *self,
             gboolean     loading)
{
  self->loading = loading;
  gtk_widget_set_visible (GTK_WIDGET (self->search_spinner), loading);
  gtk_revealer_set_reveal_child (self->more_revealer, loading && self->next_index > 1);
}

static void
show_empty (DialBuyPage *self)
{
  g_autoptr(GString) hints = g_string_new (NULL);

  if (self->query_pattern != NULL && self->query_pattern[0] != '\0')
    g_string_append (hints, _("Try fewer digits, or look for them anywhere in the number "
                              "with “Contains”."));
  if (self->query_type != DIAL_NUMBER_TYPE_UNKNOWN)
    g_string_append_printf (hints, "%s%s", hints->len ? "\n" : "",
                            _("Try another number type."));
  if (self->query_features != DIAL_FEATURE_NONE)
    g_string_append_printf (hints, "%s%s", hints->len ? "\n" : "",
                            _("Try asking for fewer capabilities."));
  if (hints->len == 0)
    {
      const char *name = dial_country_get_name (self->query_country);

      /* Translators: %s is a country name */
      g_string_append_printf (hints, _("There are no numbers for sale in %s right now. "
                                       "Try another country."),
                              name ? name : self->query_country);
    }

  adw_status_page_set_description (self->empty_page, hints->str);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
maybe_load_more (DialBuyPage *self)
{
  GtkAdjustment *adjustment;
  double value, page_size, upper;

  if (self->loading || self->exhausted || self->search_cancellable == NULL ||
      self->next_index <= 1 || self->client == NULL)
    return;

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->results_view));
  value = gtk_adjustment_get_value (adjustment);
  page_size = gtk_adjustment_get_page_size (adjustment);
  upper = gtk_adjustment_get_upper (adjustment);

  /* Also when the first page does not even fill the view: nobody can scroll then. */
  if (page_size > 0 && value + page_size >= upper - LOAD_MORE_MARGIN)
    load_page (self);
}

static void
on_search_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SearchRequest) request = user_data;
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DialBuyPage) self = g_weak_ref_get (&request->page);
  guint count = 0;
  guint n_before;

  numbers = dial_client_search_finish (DIAL_CLIENT (source), result, &count, &error);

  /* A newer search replaced this one: whatever it found is not wanted any more. */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      request->generation != self->generation)
    return;

  set_loading (self, FALSE);

  if (error != NULL)
    {
      g_autofree char *explanation = dial_buy_page_explain_error (error);
      const char *name = dial_country_get_name (self->query_country);
      g_autofree char *message = NULL;

      g_debug ("Search page %u failed: %s", request->index, error->message);

      if (request->index == 1)
        {
          /* Translators: %1$s is a country name, %2$s the reason */
          message = g_strdup_printf (_("Could not search for numbers in %1$s: %2$s"),
                                     name ? name : self->query_country, explanation);
          g_list_store_remove_all (self->results);
          update_summary (self);
          adw_status_page_set_description (self->error_page, message);
          gtk_stack_set_visible_child_name (self->stack, "error");
        }
      else
        {
          AdwToast *toast;

          /* Translators: %s is the reason */
          message = g_strdup_printf (_("Could not load more numbers: %s"), explanation);
          toast = adw_toast_new (message);
          adw_toast_set_button_label (toast, _("_Retry"));
          adw_toast_set_timeout (toast, 0);
          g_signal_connect_object (toast, "button-clicked", G_CALLBACK (load_page), self,
                                   G_CONNECT_SWAPPED);
          dial_widget_add_toast (GTK_WIDGET (self), toast);
        }
      return;
    }

  n_before = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  if (request->index == 1)
    {
      g_list_store_splice (self->results, 0, n_before, numbers->pdata, numbers->len);
      gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->results_view)),
                                0);
    }
  else
    g_list_store_splice (self->results, n_before, 0, numbers->pdata, numbers->len);

  self->total = count;
  self->next_index = request->index + 1;
  /* `count` is the total, but a short or empty page (`{}` past the end) is the real end. */
  self->exhausted = numbers->len < DIAL_BUY_PAGE_SIZE ||
                    g_list_model_get_n_items (G_LIST_MODEL (self->results)) >= count;
  update_summary (self);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0)
    show_empty (self);
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "results");
      maybe_load_more (self);
    }
}

static void
load_page (DialBuyPage *self)
{
  SearchRequest *request;
  DialSearchQuery query = {
    .country = self->query_country,
    .type = self->query_type,
    .pattern = self->query_pattern,
    .search_pattern = self->query_mode,
    .features = self->query_features,
    .size = DIAL_BUY_PAGE_SIZE,
    .index = self->next_index,
  };

  g_assert (self->client != NULL);
  g_assert (self->search_cancellable != NULL);

  if (self->loading)
    return;

  set_loading (self, TRUE);

  request = g_new0 (SearchRequest, 1);
  g_weak_ref_init (&request->page, self);
  request->generation = self->generation;
  request->index = self->next_index;

  dial_client_search_async (self->client, &query, self->search_cancellable,
                            on_search_done, request);
}

static void
cancel_search (DialBuyPage *self)
{
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->generation++;
  set_loading (self, FALSE);
}

/* Searches with what the form says now. Unless @force (Enter, Retry), a search for exactly
 * what is already shown or loading is not sent again. */
static void
run_search (DialBuyPage *self,
            gboolean     force)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pattern = NULL;
  const char *country;
  guint type_pos, mode_pos;
  DialNumberType type;
  DialPatternMode mode;

  g_clear_handle_id (&self->debounce_id, g_source_remove);

  /* Bad digits: say so and keep what was typed, but search with nothing new. */
  if (!normalize_pattern (gtk_editable_get_text (GTK_EDITABLE (self->pattern_entry)),
                          &pattern, &error))
    {
      gtk_label_set_label (self->pattern_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->pattern_error), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->pattern_entry), "error");
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->pattern_error), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->pattern_entry), "error");

  country = dial_country_chooser_get_country (self->country_chooser);
  if (country == NULL || self->client == NULL)
    {
      cancel_search (self);
      g_list_store_remove_all (self->results);
      update_summary (self);
      gtk_stack_set_visible_child_name (self->stack, "start");
      return;
    }

  type_pos = gtk_drop_down_get_selected (self->type_dropdown);
  mode_pos = gtk_drop_down_get_selected (self->pattern_mode_dropdown);
  type = type_pos < G_N_ELEMENTS (dropdown_types) ? dropdown_types[type_pos]
                                                  : DIAL_NUMBER_TYPE_UNKNOWN;
  mode = mode_pos < G_N_ELEMENTS (dropdown_modes) ? dropdown_modes[mode_pos]
                                                  : DIAL_PATTERN_STARTS_WITH;
  if (pattern[0] == '\0')
    g_clear_pointer (&pattern, g_free);

  if (!force && self->search_cancellable != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "error") != 0 &&
      g_strcmp0 (country, self->query_country) == 0 &&
      g_strcmp0 (pattern, self->query_pattern) == 0 &&
      type == self->query_type && mode == self->query_mode &&
      get_features (self) == self->query_features)
    return;

  cancel_search (self);

  g_free (self->query_country);
  self->query_country = g_strdup (country);
  g_free (self->query_pattern);
  self->query_pattern = g_steal_pointer (&pattern);
  self->query_type = type;
  self->query_mode = mode;
  self->query_features = get_features (self);
  self->next_index = 1;
  self->total = 0;
  self->exhausted = FALSE;
  self->search_cancellable = g_cancellable_new ();

  /* Keep the previous results in view until the new ones replace them. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  load_page (self);
}

static gboolean
on_debounce_timeout (gpointer user_data)
{
  DialBuyPage *self = DIAL_BUY_PAGE (user_data);

  self->debounce_id = 0;
  run_search (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* A burst of changes (toggling two capabilities, stepping through a dropdown with the keyboard)
 * becomes one search. */
static void
schedule_search (DialBuyPage *self)
{
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add (150, on_debounce_timeout, self);
}

static void
on_filter_changed (DialBuyPage *self)
{
  schedule_search (self);
}

static void
on_pattern_entry_search_changed (DialBuyPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->pattern_entry));

  /* GtkSearchEntry waited for a pause in typing ("search-delay"), except for an emptied entry,
   * which it reports at once: replacing the text (a paste over it) empties it for a moment, and
   * the search for "no pattern" would already be on its way when the new text comes. */
  if (text[0] == '\0')
    schedule_search (self);
  else
    run_search (self, FALSE);
}

static void
on_pattern_entry_activate (DialBuyPage *self)
{
  run_search (self, TRUE);
}

static void
on_country_chooser_notify (DialBuyPage *self)
{
  const char *country = dial_country_chooser_get_country (self->country_chooser);

  g_settings_set_string (self->settings, "last-search-country", country ? country : "");

  /* Results of another country must not stay in view while this one loads. */
  cancel_search (self);
  g_list_store_remove_all (self->results);
  update_summary (self);
  run_search (self, TRUE);
}

static void
on_adjustment_changed (DialBuyPage *self)
{
  maybe_load_more (self);
}

static void
buy_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DialBuyPage *self = DIAL_BUY_PAGE (widget);
  const char *country, *msisdn;

  g_variant_get (parameter, "(&s&s)", &country, &msisdn);
  dial_buy_page_purchase_start (self, country, msisdn);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  run_search (DIAL_BUY_PAGE (widget), TRUE);
}

static void
choose_country_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  dial_country_chooser_popup (DIAL_BUY_PAGE (widget)->country_chooser);
}

/* The country the user probably wants first: the territory of their locale ("de_AT" → AT). */
static const char *
guess_country (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *underscore = strchr (names[i], '_');

      if (underscore != NULL && g_ascii_isupper (underscore[1]) && g_ascii_isupper (underscore[2]))
        {
          g_autofree char *code = g_strndup (underscore + 1, 2);

          if (dial_country_is_known (code))
            return g_intern_string (code);
        }
    }
  return NULL;
}

static void
dial_buy_page_dispose (GObject *object)
{
  DialBuyPage *self = DIAL_BUY_PAGE (object);

  cancel_search (self);
  g_cancellable_cancel (self->purchase_cancellable);
  g_clear_pointer (&self->purchase, dial_buy_page_purchase_abandon);


  g_clear_object (&self->results);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  g_clear_object (&self->purchase_cancellable);

  G_OBJECT_CLASS (dial_buy_page_parent_class)->dispose (object);
}

static void
dial_buy_page_finalize (GObject *object)
{
  DialBuyPage *self = DIAL_BUY_PAGE (object);

  g_clear_pointer (&self->query_country, g_free);
  g_clear_pointer (&self->query_pattern, g_free);

  G_OBJECT_CLASS (dial_buy_page_parent_class)->finalize (object);
}

static void
dial_buy_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DialBuyPage *self = DIAL_BUY_PAGE (object);

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
dial_buy_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DialBuyPage *self = DIAL_BUY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      dial_buy_page_set_client (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dial_buy_page_class_init (DialBuyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dial_buy_page_dispose;
  object_class->finalize = dial_buy_page_finalize;
  object_class->get_property = dial_buy_page_get_property;
  object_class->set_property = dial_buy_page_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         DIAL_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dial-buy-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DialBuyPage, country_chooser);
  gtk_widget_class_bind_template_child (widget_class, DialBuyPage, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DialBuyPage, sms_toggle);
  gtk_widget_class_bind_template_child (widget_class, DialBuyPage, voice_toggle);
  gtk_widget_class_bind_template_child (widget_class, DialBuyPage, mms_toggle);
  gtk_widget_class_bind_template_child (widget_class, DialBuyPage, pattern_mode_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DialBuyPage, pattern_entry);
  gtk_widget_class_bind_template_child (widget_class, DialBuyPage, pattern_error);
  gtk_widget_class_bind_template_child (widget_class, DialBuyPage, results_summary);
  gtk_widget_class_bind_template_child (widget_class, DialBuyPage, search_spinner);
  gtk_widget_class_bind_template_child (widget_class, DialBuyPage, status_revealer);
  gtk_widget_class_bind_template_child (widget_class, DialBuyPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, DialBuyPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DialBuyPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DialBuyPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, DialBuyPage, results_scroller);
  gtk_widget_class_bind_template_child (widget_class, DialBuyPage, results_view);
  gtk_widget_class_bind_template_child (widget_class, DialBuyPage, more_revealer);
  gtk_widget_class_bind_template_callback (widget_class, on_country_chooser_notify);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_pattern_entry_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_pattern_entry_activate);

  gtk_widget_class_install_action (widget_class, "buy.buy", "(ss)", buy_action);
  gtk_widget_class_install_action (widget_class, "buy.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "buy.choose-country", NULL,
                                   choose_country_action);

  g_type_ensure (DIAL_TYPE_COUNTRY_CHOOSER);
  g_type_ensure (DIAL_TYPE_BUY_RESULT_ROW);
}

static void
dial_buy_page_init (DialBuyPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *country = NULL;
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->results = g_list_store_new (DIAL_TYPE_NUMBER);
  self->settings = g_settings_new (APPLICATION_ID);
  self->purchase_cancellable = g_cancellable_new ();
  self->next_index = 1;

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
  gtk_list_view_set_model (self->results_view, GTK_SELECTION_MODEL (selection));

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->results_view));
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_adjustment_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_adjustment_changed), self,
                           G_CONNECT_SWAPPED);

  /* Without a client there is nothing to search yet; the country is only restored. */
  country = g_settings_get_string (self->settings, "last-search-country");
  g_signal_handlers_block_by_func (self->country_chooser, on_country_chooser_notify, self);
  dial_country_chooser_set_country (self->country_chooser,
                                    country[0] ? country : guess_country ());
  g_signal_handlers_unblock_by_func (self->country_chooser, on_country_chooser_notify, self);
}

DialBuyPage *
dial_buy_page_new (void)
{
  return g_object_new (DIAL_TYPE_BUY_PAGE, NULL);
}

DialClient *
dial_buy_page_get_client (DialBuyPage *self)
{
  g_return_val_if_fail (DIAL_IS_BUY_PAGE (self), NULL);

  return self->client;
}

void
dial_buy_page_set_client (DialBuyPage *self,
                          DialClient  *client)
{
  g_return_if_fail (DIAL_IS_BUY_PAGE (self));
  g_return_if_fail (client == NULL || DIAL_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  /* Another account: its search starts afresh. A purchase in flight keeps its own client. */
  cancel_search (self);
  g_list_store_remove_all (self->results);
  update_summary (self);
  run_search (self, TRUE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

void
dial_buy_page_reload (DialBuyPage *self)
{
  g_return_if_fail (DIAL_IS_BUY_PAGE (self));

  run_search (self, TRUE);
}

void
dial_buy_page_focus_search (DialBuyPage *self)
{
  g_return_if_fail (DIAL_IS_BUY_PAGE (self));

  if (dial_country_chooser_get_country (self->country_chooser) == NULL)
    dial_country_chooser_popup (self->country_chooser);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->pattern_entry));
}

void
dial_buy_page_set_status (DialBuyPage *self,
                          const char  *status)
{
  g_return_if_fail (DIAL_IS_BUY_PAGE (self));

  if (status != NULL)
    gtk_label_set_label (self->status_label, status);
  gtk_revealer_set_reveal_child (self->status_revealer, status != NULL);
}

DialNumber *
dial_buy_page_find_result (DialBuyPage *self,
                           const char  *msisdn)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->results));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DialNumber) number = g_list_model_get_item (G_LIST_MODEL (self->results), i);

      if (g_strcmp0 (dial_number_get_msisdn (number), msisdn) == 0)
        return number;
    }
  return NULL;
}

void
dial_buy_page_remove_result (DialBuyPage *self,
                             const char  *msisdn)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->results));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DialNumber) number = g_list_model_get_item (G_LIST_MODEL (self->results), i);

      if (g_strcmp0 (dial_number_get_msisdn (number), msisdn) == 0)
        {
          g_list_store_remove (self->results, i);
          if (self->total > 0)
            self->total--;
          update_summary (self);
          if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0)
            show_empty (self);
          return;
        }
    }
}
