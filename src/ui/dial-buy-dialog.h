/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dial-number.h"

G_BEGIN_DECLS

#define DIAL_TYPE_BUY_DIALOG (dial_buy_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DialBuyDialog, dial_buy_dialog, DIAL, BUY_DIALOG, AdwMessageDialog)

/*
 * DialBuyDialog: the confirmation before a purchase. Shows the number as just looked up again
 * (number, country, type, monthly cost, setup price, limitations), the current balance and the
 * balance after the purchase, and offers "Buy for a Subaccount" (a validated target API key).
 * Responses: "cancel" and "buy" ("buy" is disabled while the subaccount key is invalid).
 * Construct-only properties: "number" (DialNumber), "balance" (gint64 DialMoney,
 * DIAL_MONEY_UNKNOWN when it could not be read), "auto-reload" (boolean).
 */
DialBuyDialog *dial_buy_dialog_new                (GtkWindow     *parent,
                                                   DialNumber    *number,
                                                   DialMoney      balance,
                                                   gboolean       auto_reload);
DialNumber    *dial_buy_dialog_get_number         (DialBuyDialog *self);
/* The subaccount's API key when "Buy for a Subaccount" is on and the key is valid, else NULL. */
const char    *dial_buy_dialog_get_target_api_key (DialBuyDialog *self);

/* What buying @number takes from the balance now: the monthly cost plus the setup price when
 * given. FALSE when the cost is missing or not a decimal. */
gboolean       dial_buy_price_now                 (DialNumber    *number,
                                                   DialMoney     *out_price);

G_END_DECLS
