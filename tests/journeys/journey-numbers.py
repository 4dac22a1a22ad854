#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey: My Numbers, through the accessibility tree, as a person would use it.

Start `dialtone --demo` with a home of its own; see the demo's numbers in the list; type into
the filter and see the rows narrow; select a number and see its details; change its SMS webhook,
save, see the confirmation and the row showing the new webhook; cancel another number through
the destructive confirmation, see the confirmation and the row gone; quit, and find both
changes in the demo's state file.

Usage: journey-numbers.py PATH-TO-DIALTONE   (TAP on stdout; inside scripts/test-session)
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dialjourney as dj  # noqa: E402
from dialjourney import JourneyError, pyatspi  # noqa: E402

NEW_WEBHOOK = "https://journey.example.com/sms-in"
STATUS = re.compile(r"^[0-9]+ (of [0-9]+ )?numbers?( shown)?$")


class NumbersJourney:
    def __init__(self, binary):
        self.journey = dj.Journey("My Numbers")
        self.app = self.journey.launch(binary, "--demo")
        self.window = None
        self.total = None      # numbers in the list at the start
        self.edited = None     # (text as shown, digits) of the number whose webhook changes
        self.cancelled = None  # the same for the number that is cancelled
        j = self.journey
        j.step("Dialtone --demo opens the demo account", self.opens_demo)
        j.step("My Numbers lists the demo's numbers", self.lists_numbers)
        j.step("typing in the filter narrows the rows to the matching number", self.filters)
        j.step("selecting the number shows its details", self.opens_details)
        j.step("a new SMS webhook is saved, with a confirmation", self.saves_webhook)
        j.step("the number's row shows the new webhook", self.row_shows_webhook)
        j.step("Cancel Number… asks first, naming the number and that it cannot be undone",
               self.asks_to_cancel)
        j.step("confirming cancels it: a confirmation, and its row is gone", self.cancels)
        j.step("Quit ends Dialtone cleanly", self.app.quit)
        j.step("the demo's state file has the new webhook and not the cancelled number",
               self.state_file)

    # -- helpers -----------------------------------------------------------------------------

    def table(self):
        return dj.wait_find(self.window, name="Your numbers", role=pyatspi.ROLE_TREE_TABLE,
                            what="the table of numbers")

    def rows(self):
        return dj.table_rows(self.table())

    def status(self):
        """The status line under the list ("25 numbers", "1 of 25 numbers shown")."""
        page = dj.wait_find(self.window, name="DialNumbersPage", visible=False,
                            what="the My Numbers page")
        labels = dj.find_all(page, role=pyatspi.ROLE_LABEL,
                             predicate=lambda a: STATUS.match(dj.clean_name(a)))
        return dj.clean_name(labels[-1]) if labels else None

    def filter_entry(self):
        return dj.wait_find(self.window, name="Filter loaded numbers", role=pyatspi.ROLE_ENTRY,
                            what="the filter entry")

    def details(self):
        """The details panel (in the tree only while it is open), or None."""
        return dj.find(self.window, name="DialNumberDetails")

    def filter_to(self, text, number):
        dj.set_text(self.filter_entry(), text)
        return dj.wait_for(lambda: (lambda rows: rows if len(rows) == 1 and rows[0][1][0] == number
                                    else None)(self.rows()),
                           f"the list to show only {number} after typing {text!r}")

    def select_only_row(self, number):
        listing = dj.find(self.table(), role=pyatspi.ROLE_LIST)
        # A screen reader selects a row through the list's Selection interface.
        if not listing.querySelection().selectChild(0):
            raise JourneyError(f"could not select the row of {number}")
        return dj.wait_for(lambda: dj.find(self.details(), name=number, role=pyatspi.ROLE_LABEL),
                           f"the details of {number}")

    # -- steps -------------------------------------------------------------------------------

    def opens_demo(self):
        self.window = self.app.window()
        dj.wait_find(self.window, name="Demo Account", role=pyatspi.ROLE_LABEL,
                     what="the Demo Account marker")
        tab = dj.wait_find(self.window, name="My Numbers", role=pyatspi.ROLE_PAGE_TAB)
        if not tab.getState().contains(pyatspi.STATE_SELECTED):
            raise JourneyError("My Numbers is not the page shown first")

    def lists_numbers(self):
        rows = dj.wait_for(lambda: (lambda r: r if len(r) >= 5 else None)(self.rows()),
                           "rows in the list of numbers", timeout=60)
        uk = [cells[0] for _, cells in rows if cells[0].startswith("+44 7700 900")]
        if not uk:
            raise JourneyError(f"no +44 7700 900… number among {[c[0] for _, c in rows]}")
        others = [cells[0] for _, cells in rows if cells[0] != uk[0]]
        self.edited = (uk[0], uk[0].replace(" ", "").lstrip("+"))
        self.cancelled = (others[0], others[0].replace(" ", "").lstrip("+"))
        status = dj.wait_for(lambda: (lambda s: s if s and s.split()[0].isdigit() and
                                      "of" not in s else None)(self.status()),
                             "the count of numbers under the list")
        self.total = int(status.split()[0])
        if self.total < len(rows):
            raise JourneyError(f"the status says {status!r} but {len(rows)} rows are shown")
        dj.log(f"  {len(rows)} rows shown of {self.total}; editing {self.edited[0]}, "
               f"cancelling {self.cancelled[0]}")

    def filters(self):
        # The last six digits, typed as a person would look a number up.
        self.filter_to(self.edited[1][-6:], self.edited[0])
        dj.wait_for(lambda: self.status() == f"1 of {self.total} numbers shown",
                    f"the status to say 1 of {self.total} numbers shown "
                    f"(it says {self.status()!r})")

    def opens_details(self):
        self.select_only_row(self.edited[0])
        dj.wait_for(lambda: dj.find(self.details(), name="SMS Webhook", role=pyatspi.ROLE_TEXT),
                    "the SMS Webhook field")

    def saves_webhook(self):
        details = dj.wait_for(self.details, "the details panel")
        field = dj.wait_find(details, name="SMS Webhook", role=pyatspi.ROLE_TEXT)
        dj.set_text(field, NEW_WEBHOOK)
        # Save is below the form: a person scrolls (or tabs) down to it.
        save = dj.wait_find(details, name="Save", role=pyatspi.ROLE_PUSH_BUTTON, visible=False,
                            predicate=lambda b: b.getState().contains(pyatspi.STATE_SENSITIVE),
                            what="an enabled Save button")
        dj.click(dj.bring_into_view(save))
        dj.wait_toast(self.app, f"Saved the settings of {self.edited[0]}")

    def row_shows_webhook(self):
        dj.wait_for(lambda: any(NEW_WEBHOOK in cells for _, cells in self.rows()),
                    f"the row of {self.edited[0]} to show {NEW_WEBHOOK}")
        details = self.details()
        field = dj.find(details, name="SMS Webhook", role=pyatspi.ROLE_TEXT) if details else None
        shown = field.queryText().getText(0, -1) if field is not None else None
        if shown not in (NEW_WEBHOOK, None, ""):
            raise JourneyError(f"the details show the webhook {shown!r}")

    def asks_to_cancel(self):
        self.filter_to(self.cancelled[1], self.cancelled[0])
        self.select_only_row(self.cancelled[0])
        button = dj.wait_find(dj.wait_for(self.details, "the details panel"),
                              name="Cancel Number…", visible=False,
                              role=pyatspi.ROLE_PUSH_BUTTON)
        dj.click(dj.bring_into_view(button))
        dialog = self.app.dialog()
        title = dj.clean_name(dialog)
        if title != f"Cancel {self.cancelled[0]}?":
            raise JourneyError(f"the confirmation is called {title!r}")
        body = " ".join(dj.texts(dialog))
        if "cannot be undone" not in body or "returns to the market" not in body:
            raise JourneyError(f"the confirmation does not warn: {body!r}")
        dj.wait_find(dialog, name="Keep Number", role=pyatspi.ROLE_PUSH_BUTTON)
        self.dialog = dialog

    def cancels(self):
        dj.click(dj.wait_find(self.dialog, name="Cancel Number", role=pyatspi.ROLE_PUSH_BUTTON))
        self.app.no_dialog()
        dj.wait_toast(self.app, f"Cancelled {self.cancelled[0]}")
        dj.wait_find(self.window, name="No Matching Numbers", role=pyatspi.ROLE_LABEL,
                     what="the list to have no row left for the filter")
        dj.set_text(self.filter_entry(), "")
        expected = f"{self.total - 1} numbers"
        dj.wait_for(lambda: self.status() == expected,
                    f"the status to say {expected!r} (it says {self.status()!r})")
        shown = [cells[0] for _, cells in self.rows()]
        if self.cancelled[0] in shown:
            raise JourneyError(f"{self.cancelled[0]} is still listed")

    def state_file(self):
        owned = {n["msisdn"]: n for n in self.app.demo_state()["owned"]}
        if self.cancelled[1] in owned:
            raise JourneyError(f"{self.cancelled[1]} is still owned in the demo's state")
        if len(owned) != self.total - 1:
            raise JourneyError(f"the state owns {len(owned)} numbers, not {self.total - 1}")
        edited = owned.get(self.edited[1])
        if edited is None or edited.get("moHttpUrl") != NEW_WEBHOOK:
            raise JourneyError(f"{self.edited[1]} in the state: {edited}")


if __name__ == "__main__":
    sys.exit(NumbersJourney(sys.argv[1]).journey.run())
