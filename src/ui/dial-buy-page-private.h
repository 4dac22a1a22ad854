/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dial-buy-page.h"
#include "dial-country-chooser.h"

G_BEGIN_DECLS

/* Results are asked for in pages of this many numbers (the API allows up to 100). */
#define DIAL_BUY_PAGE_SIZE 30

typedef struct _DialBuyPurchase DialBuyPurchase;

struct _DialBuyPage
{
  AdwBin              parent_instance;

  /* Template children */
  DialCountryChooser *country_chooser;
  GtkDropDown        *type_dropdown;
  GtkToggleButton    *sms_toggle;
  GtkToggleButton    *voice_toggle;
  GtkToggleButton    *mms_toggle;
  GtkDropDown        *pattern_mode_dropdown;
  GtkSearchEntry     *pattern_entry;
  GtkLabel           *pattern_error;
  GtkLabel           *results_summary;
  GtkSpinner         *search_spinner;
  GtkRevealer        *status_revealer;
  GtkLabel           *status_label;
  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *error_page;
  GtkScrolledWindow  *results_scroller;
  GtkListView        *results_view;
  GtkRevealer        *more_revealer;

  GListStore         *results;
  DialClient         *client;
  GSettings          *settings;

  /* The search whose results are shown (or loading): kept for the next pages. */
  GCancellable       *search_cancellable;
  guint               debounce_id;
  guint               generation;
  char               *query_country;
  char               *query_pattern;
  DialNumberType      query_type;
  DialPatternMode     query_mode;
  DialFeatures        query_features;
  guint               next_index;
  guint               total;
  gboolean            loading;
  gboolean            exhausted;

  /* At most one purchase at a time; its requests are cancelled only in dispose. */
  GCancellable       *purchase_cancellable;
  DialBuyPurchase    *purchase;
};

/* dial-buy-page.c */
void     dial_buy_page_set_status      (DialBuyPage *self,
                                        const char  *status);
void     dial_buy_page_remove_result   (DialBuyPage *self,
                                        const char  *msisdn);
DialNumber *dial_buy_page_find_result  (DialBuyPage *self,
                                        const char  *msisdn);
char    *dial_buy_page_explain_error   (const GError *error);

/* dial-buy-page-purchase.c */
void     dial_buy_page_purchase_start  (DialBuyPage *self,
                                        const char  *country,
                                        const char  *msisdn);
void     dial_buy_page_purchase_abandon (DialBuyPurchase *purchase);

G_END_DECLS
