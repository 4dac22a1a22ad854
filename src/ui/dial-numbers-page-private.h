/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dial-number-details.h"
#include "dial-number-filter-model.h"
#include "dial-number-rows.h"
#include "dial-numbers-page.h"
#include "dial-owned-list.h"

G_BEGIN_DECLS

/* For the tests and the benchmark: the parts of the page they look at. Widgets of the template
 * are reached with gtk_widget_get_template_child (page, DIAL_TYPE_NUMBERS_PAGE, "id"). */

/* Everything loaded (NULL without a client). */
DialOwnedList     *dial_numbers_page_get_owned       (DialNumbersPage *self);
/* What the column view shows: sorted and locally filtered. */
GListModel        *dial_numbers_page_get_shown       (DialNumbersPage *self);
DialNumberDetails *dial_numbers_page_get_details     (DialNumbersPage *self);
/* "loading", "empty", "error" or "list". */
const char        *dial_numbers_page_get_state       (DialNumbersPage *self);
/* Whether the details pane is open. */
gboolean           dial_numbers_page_get_details_open (DialNumbersPage *self);
/* What numbers.export does once the user picked @file. */
void               dial_numbers_page_export_to_file  (DialNumbersPage *self,
                                                      GFile           *file);

/*
 * Internal to the page (dial-numbers-page.c, dial-numbers-page-cancel.c,
 * dial-numbers-page-filters.c).
 */

/* Positions in the Application drop-down of the filters. */
enum {
  APP_FILTER_ANY,
  APP_FILTER_LINKED,
  APP_FILTER_NOT_LINKED,
  APP_FILTER_ID,
};

struct _DialNumbersPage
{
  AdwBin                 parent_instance;

  DialClient            *client;
  DialOwnedList         *owned;
  GCancellable          *cancellable;
  GtkFileChooserNative  *export_chooser;
  guint                  scroll_tick;
  guint                  scroll_frames;
  guint                  filter_idle;
  guint                  prepare_source;
  guint                  spinner_delay;
  gboolean               first_rows_prepared;
  /* The list takes the keyboard focus when the page is next shown (a new account's numbers). */
  gboolean               focus_list;
  /* "empty", "loading", "error" or "list": what the page shows. */
  const char            *state;
  /* The selected number: rows are reused, so the selection follows it by hand. */
  DialNumber            *selected;
  /* Numbers being cancelled (msisdn), so that one is never sent twice. */
  GHashTable            *cancelling;

  /* The filters Vonage applies (what the list was loaded with). */
  char                  *api_pattern;
  DialPatternMode        api_pattern_mode;
  char                  *api_country;
  guint                  api_app_filter;
  char                  *api_app_id;

  /* A dial_numbers_page_show_number() waiting for the list to load. */
  char                  *pending_country;
  char                  *pending_msisdn;
  gboolean               pending_edit;

  /* Alpha-2 codes in the order of the country drop-down (after "Any country"). */
  const char * const    *country_codes;

  GtkStack              *stack;
  GtkWidget             *loading_box;
  GtkSpinner            *loading_spinner;
  AdwStatusPage         *error_status;
  AdwFlap               *flap;
  GtkSearchEntry        *filter_entry;
  GtkMenuButton         *api_filter_button;
  GtkRevealer           *api_filter_revealer;
  GtkLabel              *api_filter_label;
  GtkRevealer           *load_error_revealer;
  GtkLabel              *load_error_label;
  GtkStack              *list_stack;
  GtkScrolledWindow     *scrolled_window;
  GtkColumnView         *column_view;
  GtkSingleSelection    *selection;
  DialNumberFilterModel *filter_model;
  DialNumberRows        *rows;
  GtkSortListModel      *sort_model;
  GtkColumnViewColumn   *number_column;
  GtkColumnViewColumn   *country_column;
  GtkColumnViewColumn   *type_column;
  GtkColumnViewColumn   *features_column;
  GtkColumnViewColumn   *webhook_column;
  GtkColumnViewColumn   *voice_column;
  GtkColumnViewColumn   *app_column;
  GtkLabel              *status_label;
  GtkProgressBar        *progress_bar;
  DialNumberDetails     *details;
  /* The filters' popover and its fields: NULL until it is first opened. */
  GtkPopover            *api_filter_popover;
  GtkDropDown           *pattern_mode_drop_down;
  GtkEntry              *api_pattern_entry;
  GtkDropDown           *country_drop_down;
  GtkDropDown           *api_app_mode;
  GtkEntry              *api_app_id_entry;
  GtkLabel              *api_filter_error;
};

/* dial-numbers-page.c */
/* (Re)loads the list with the filters in effect. */
void               dial_numbers_page_load             (DialNumbersPage *self);
void               dial_numbers_page_update_status    (DialNumbersPage *self);
void               dial_numbers_page_close_details_of (DialNumbersPage *self,
                                                       DialNumber      *number);

/* dial-numbers-page-cancel.c: the confirmation, the request and what each outcome means. */
void               dial_numbers_page_ask_to_cancel    (DialNumbersPage *self,
                                                       DialNumber      *number);

/* dial-numbers-page-filters.c: the filters Vonage applies, their popover and label. */
gboolean           dial_numbers_page_api_filter_active       (DialNumbersPage *self);
void               dial_numbers_page_clear_api_filters       (DialNumbersPage *self);
void               dial_numbers_page_get_api_query           (DialNumbersPage *self,
                                                              DialOwnedQuery  *query);
void               dial_numbers_page_update_api_filter_label (DialNumbersPage *self);
void               dial_numbers_page_filters_class_init      (GtkWidgetClass  *widget_class);
void               dial_numbers_page_filters_init            (DialNumbersPage *self);

G_END_DECLS
