#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey: My Numbers with the keyboard only, as a person who does not use a mouse.

Start `dialtone --demo` with a home of its own; the list has the keyboard, and typing there
goes to the filter and narrows the rows; Enter moves to the list with the number selected and
its details shown; Delete asks to cancel it; Escape closes that question without cancelling;
Escape closes the details; Enter opens them again, in the form; Ctrl+F moves from there to the
filter; Escape empties it and gives the keyboard back to the list. The number is still owned
after Quit.

Keys go through the X server (XTest), as a keyboard's do; what follows is read from the
accessibility tree.

Usage: journey-keyboard.py PATH-TO-DIALTONE   (TAP on stdout; inside scripts/test-session)
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dialjourney as dj  # noqa: E402
from dialjourney import JourneyError, pyatspi  # noqa: E402


def focused(accessible):
    return accessible.getState().contains(pyatspi.STATE_FOCUSED)


def entry_text(accessible):
    text = accessible.queryText()
    return text.getText(0, text.characterCount)


class KeyboardJourney:
    def __init__(self, binary):
        self.journey = dj.Journey("Keyboard")
        self.app = self.journey.launch(binary, "--demo")
        self.window = None
        self.number = None  # (as shown, digits)
        j = self.journey
        j.step("Dialtone --demo opens the demo account with its numbers", self.opens)
        j.step("typing with the keyboard in the list goes to the filter and narrows the rows",
               self.types)
        j.step("Enter moves to the list, the number selected and its details shown", self.enter)
        j.step("Delete asks to cancel the selected number", self.delete)
        j.step("Escape closes the question and keeps the number", self.escape_dialog)
        j.step("Escape closes the details", self.escape_details)
        j.step("Enter on the row opens the details again, the focus leaving the list",
               self.enter_again)
        j.step("Ctrl+F moves the keyboard focus from the form to the filter", self.ctrl_f)
        j.step("Escape empties the filter and gives the keyboard back to the list",
               self.escape_filter)
        j.step("Quit ends Dialtone cleanly, the number still owned", self.quits)

    def table(self):
        return dj.wait_find(self.window, name="Your numbers", role=pyatspi.ROLE_TREE_TABLE,
                            what="the table of numbers")

    def details(self):
        return dj.find(self.window, name="DialNumberDetails")

    def opens(self):
        self.window = self.app.window()
        dj.wait_find(self.window, name="Demo Account", role=pyatspi.ROLE_LABEL,
                     what="the Demo Account marker")
        rows = dj.wait_for(lambda: (lambda r: r if len(r) >= 5 else None)(
            dj.table_rows(self.table())), "rows in the list of numbers", timeout=60)
        shown = [cells[0] for _, cells in rows if cells[0].startswith("+44 7700 900")]
        if not shown:
            raise JourneyError(f"no +44 7700 900… number among {[c[0] for _, c in rows]}")
        self.number = (shown[0], shown[0].replace(" ", "").lstrip("+"))
        # The keyboard goes to the window under the pointer (Xvfb has no window manager).
        title = dj.wait_find(self.window, name="My Numbers", role=pyatspi.ROLE_PAGE_TAB)
        box = dj.extents(title)
        pyatspi.Registry.generateMouseEvent(box[0] + box[2] // 2, box[1] + box[3] // 2, "abs")

    def types(self):
        self.entry = dj.wait_find(self.window, name="Filter loaded numbers",
                                  role=pyatspi.ROLE_ENTRY)
        if focused(self.entry):
            raise JourneyError("the filter has the keyboard focus before anything was typed")
        # No click, no Ctrl+F: the keys reach the list, which hands them to the filter.
        dj.type_text(self.number[1][-6:])
        dj.wait_for(lambda: (lambda rows: len(rows) == 1 and rows[0][1][0] == self.number[0])(
            dj.table_rows(self.table())), f"the list to show only {self.number[0]}")
        dj.wait_for(lambda: focused(self.entry), "the filter to have the keyboard focus")

    def enter(self):
        dj.press("Return")
        dj.wait_for(lambda: dj.find(self.details(), name=self.number[0],
                                    role=pyatspi.ROLE_LABEL),
                    f"the details of {self.number[0]}")
        rows = dj.table_rows(self.table())
        row = rows[0][0] if rows else None
        dj.wait_for(lambda: row is not None and row.getState().contains(pyatspi.STATE_SELECTED)
                    and not focused(self.entry), "the row selected and the focus out of the filter")

    def delete(self):
        dj.press("Delete")
        dialog = self.app.dialog()
        title = dj.clean_name(dialog)
        if title != f"Cancel {self.number[0]}?":
            raise JourneyError(f"Delete asked {title!r}")

    def escape_dialog(self):
        dj.press("Escape")
        self.app.no_dialog()
        # Nothing was cancelled: the row is there and no toast says otherwise.
        rows = dj.table_rows(self.table())
        if [cells[0] for _, cells in rows] != [self.number[0]]:
            raise JourneyError(f"the list shows {[c[0] for _, c in rows]}")
        cancelled = [t for t in dj.toasts(self.window) if "Cancel" in t]
        if cancelled:
            raise JourneyError(f"a toast says {cancelled}")

    def escape_details(self):
        dj.wait_for(lambda: self.details() is not None, "the details still open")
        dj.press("Escape")
        dj.wait_for(lambda: self.details() is None, "the details to close")

    def enter_again(self):
        dj.press("Return")
        details = dj.wait_for(self.details, "the details to open")
        dj.wait_find(details, name=self.number[0], role=pyatspi.ROLE_LABEL)
        # The keyboard goes on into the form. (GTK 4.8 exposes no focus for the text inside an
        # AdwEntryRow, so what is checked is that the list gave the focus away.)
        dj.wait_for(lambda: not any(focused(row) for row, _ in dj.table_rows(self.table())),
                    "the keyboard focus to leave the list for the form")

    def ctrl_f(self):
        dj.press("f", ["Control"])
        dj.wait_for(lambda: focused(self.entry), "the filter to have the keyboard focus")

    def escape_filter(self):
        shown = len(dj.table_rows(self.table()))
        dj.press("Escape")
        dj.wait_for(lambda: len(dj.table_rows(self.table())) > shown,
                    "the list to show every number again")
        dj.wait_for(lambda: entry_text(self.entry) == "" and not focused(self.entry),
                    "the filter empty and without the keyboard focus")

    def quits(self):
        self.app.quit()
        path = os.path.join(self.app.data_home, "dialtone", "demo-state.json")
        if os.path.exists(path):  # written after the first change only
            owned = [n["msisdn"] for n in self.app.demo_state()["owned"]]
            if self.number[1] not in owned:
                raise JourneyError(f"{self.number[1]} is no longer owned")


if __name__ == "__main__":
    sys.exit(KeyboardJourney(sys.argv[1]).journey.run())
