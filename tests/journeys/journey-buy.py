#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey: buy a number in the demo, the way a screen-reader user would.

Start `dialtone --demo` with a home of its own, open Buy Numbers, pick "United Kingdom" from
the searchable country list, read the confirmation of the first result (its price, the balance
before and after) and buy it. Dialtone then shows the number in My Numbers, says it was bought
and shows the balance the confirmation promised; the demo account holds the number, bought
exactly once, and paid for once.

Usage: journey-buy.py PATH-TO-DIALTONE   (TAP on stdout; inside scripts/test-session)
"""

import os
import re
import sys
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dialjourney as dj  # noqa: E402
from dialjourney import JourneyError, pyatspi  # noqa: E402

# What the demo account starts with (DialSandbox); its state file appears after a change.
DEMO_BALANCE = Decimal("25")


def pressable(accessible):
    try:
        return accessible.queryAction().nActions > 0
    except NotImplementedError:
        return False


class BuyJourney:
    def __init__(self, binary):
        self.journey = dj.Journey("Buy a number")
        self.app = self.journey.launch(binary, "--demo")
        self.window = None
        self.number = None    # as shown, e.g. "+44 113 496 0002"
        self.msisdn = None    # its digits
        self.after = None     # "Balance after buying", as the confirmation shows it
        self.dialog = None
        j = self.journey
        j.step("Dialtone --demo opens Buy Numbers", self.opens_buy)
        j.step("United Kingdom is picked from the searchable country list", self.picks_country)
        j.step("each result has a Buy button named after its number", self.lists_results)
        j.step("the confirmation names the number, its price and the balance after",
               self.confirms)
        j.step("buying shows the number in My Numbers, says so, and the header shows the "
               "balance the confirmation promised", self.buys)
        j.step("the demo account holds the number, bought once and paid once", self.state_file)
        j.step("Quit ends Dialtone cleanly", self.app.quit)

    def opens_buy(self):
        self.window = self.app.window()
        dj.wait_find(self.window, name="Demo Account", role=pyatspi.ROLE_LABEL,
                     what="the Demo Account marker")
        dj.click(dj.wait_find(self.window, name="Buy Numbers", role=pyatspi.ROLE_PAGE_TAB))

    def picks_country(self):
        country = dj.wait_find(self.window, role=pyatspi.ROLE_PUSH_BUTTON,
                               predicate=lambda b: (dj.clean_name(b).startswith("Country:")
                                                    and pressable(b)),
                               what="the country button")
        dj.click(country)
        search = dj.wait_find(self.window, name="Search countries", role=pyatspi.ROLE_ENTRY)
        dj.set_text(search, "United Kingdom")
        dj.wait_for(lambda: len([item for item in dj.find_all(self.window,
                                                               role=pyatspi.ROLE_LIST_ITEM)
                                 if dj.find(item, name="United Kingdom",
                                            role=pyatspi.ROLE_LABEL)]) == 1,
                    "the list to show United Kingdom alone")
        # Enter picks the first match. (The entry's accessible "activate" action does not emit
        # GtkSearchEntry::activate in GTK 4.8, so the key is pressed, as a person would.)
        dj.press("Return")

    def lists_results(self):
        buy = dj.wait_find(self.window, role=pyatspi.ROLE_PUSH_BUTTON,
                           predicate=lambda b: (dj.clean_name(b).startswith("Buy +44")
                                                and pressable(b)),
                           what="a result from the United Kingdom")
        match = re.fullmatch(r"Buy (\+[0-9 ]+[0-9])", dj.clean_name(buy))
        if match is None:
            raise JourneyError(f"a Buy button is called {dj.clean_name(buy)!r}")
        self.number = match.group(1)
        self.msisdn = "".join(c for c in self.number if c.isdigit())
        dj.log(f"  buying {self.number}")
        dj.click(buy)

    def confirms(self):
        self.dialog = self.app.dialog(predicate=lambda d: any(self.number in t
                                                              for t in dj.texts(d)))
        texts = dj.texts(self.dialog)
        dj.log(f"  the confirmation says {texts}")
        for wanted in ("Monthly cost", "Current balance", "Balance after buying"):
            if wanted not in texts:
                raise JourneyError(f"the confirmation does not show {wanted!r}")
        self.after = texts[texts.index("Balance after buying") + 1]
        if not self.after.startswith("€"):
            raise JourneyError(f"the balance after buying reads {self.after!r}, not euros")

    def buys(self):
        dj.click(dj.wait_find(self.dialog, contains="Buy Number", role=pyatspi.ROLE_PUSH_BUTTON))
        self.app.no_dialog()
        dj.wait_toast(self.app, f"Bought {self.number}")
        # Dialtone goes to My Numbers with the new number selected and its details open. (The
        # pane is looked for without asking what is on screen at every node, which is slow; its
        # label must be on screen.)
        details = dj.wait_find(self.window, name="DialNumberDetails", visible=False,
                               what="the details")
        dj.wait_find(details, name=self.number, role=pyatspi.ROLE_LABEL,
                     what=f"{self.number} in the details")
        dj.wait_find(self.window, name=self.after, role=pyatspi.ROLE_LABEL,
                     what=f"the balance {self.after} in the header")

    def owned_in_state(self):
        """The demo's state once it holds the number (None before: the file is written after
        the first change, and may be half written when read)."""
        try:
            state = self.app.demo_state()
        except (OSError, ValueError):
            return None
        return state if self.msisdn in [n["msisdn"] for n in state["owned"]] else None

    def state_file(self):
        state = dj.wait_for(self.owned_in_state, "the purchase in the demo's state file")
        if state["purchases"].get(self.msisdn) != 1:
            raise JourneyError(f"bought {state['purchases'].get(self.msisdn)!r} times")
        owned = next(n for n in state["owned"] if n["msisdn"] == self.msisdn)
        price = Decimal(owned.get("cost", "0")) + Decimal(owned.get("initialPrice", "0"))
        after = Decimal(state["balance"])
        if after != DEMO_BALANCE - price:
            raise JourneyError(f"balance {after}, expected {DEMO_BALANCE} - {price}")
        dj.log(f"  balance {DEMO_BALANCE} -> {after} (price {price})")


if __name__ == "__main__":
    sys.exit(BuyJourney(sys.argv[1]).journey.run())
