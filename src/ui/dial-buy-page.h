/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dial-client.h"

G_BEGIN_DECLS

#define DIAL_TYPE_BUY_PAGE (dial_buy_page_get_type ())
G_DECLARE_FINAL_TYPE (DialBuyPage, dial_buy_page, DIAL, BUY_PAGE, AdwBin)

/*
 * DialBuyPage: "Buy Numbers". Searches the numbers available in a country (type, capabilities,
 * pattern), shows them page by page, and buys one safely: it looks the number up again for its
 * current price, asks for confirmation with the balance before and after, and reconciles an
 * unknown outcome against the owned list instead of buying twice. Works inside any window with
 * an AdwToastOverlay above it; uses the window actions win.show-number, win.show-numbers and
 * win.refresh-balance (TEAM-UI.md).
 * Property "client" (DialClient, nullable): setting it starts a search in the chosen country.
 */
DialBuyPage *dial_buy_page_new          (void);
DialClient  *dial_buy_page_get_client   (DialBuyPage *self);
void         dial_buy_page_set_client   (DialBuyPage *self,
                                         DialClient  *client);
void         dial_buy_page_focus_search (DialBuyPage *self);
/* Searches again with the same form (F5 / win.refresh): prices and availability change. */
void         dial_buy_page_reload       (DialBuyPage *self);

G_END_DECLS
