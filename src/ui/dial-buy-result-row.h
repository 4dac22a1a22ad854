/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dial-number.h"

G_BEGIN_DECLS

#define DIAL_TYPE_BUY_RESULT_ROW (dial_buy_result_row_get_type ())
G_DECLARE_FINAL_TYPE (DialBuyResultRow, dial_buy_result_row, DIAL, BUY_RESULT_ROW, AdwBin)

/*
 * DialBuyResultRow: one available number in the Buy Numbers results: the number in
 * international format, its type and capabilities, the monthly cost and setup price where
 * given, limitations where given, and a Buy button that activates "buy.buy" with ("ss":
 * country, msisdn). Property "number" (DialNumber, nullable).
 */
GtkWidget  *dial_buy_result_row_new        (void);
DialNumber *dial_buy_result_row_get_number (DialBuyResultRow *self);
void        dial_buy_result_row_set_number (DialBuyResultRow *self,
                                            DialNumber       *number);

/* "Limited: outbound international SMS; …" for @number (without "Limited: " unless
 * @with_prefix), NULL when it has no limitations. Shared with the confirmation dialog. */
char       *dial_buy_format_limitations    (DialNumber       *number,
                                            gboolean          with_prefix);

/* @text (taken) with its spaces made non-breaking, so that a phone number in a heading or a
 * sentence is never split across lines. */
char       *dial_buy_format_unbroken       (char             *text);

G_END_DECLS
