#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey: the first start, as a screen-reader user or a person with a mouse makes it.

Start Dialtone with a home of its own (no account yet), "Try the Demo", see that it is the demo
account, open Buy Numbers, start Dialtone a second time (the running window stays the only one
and the second launch ends at once), then quit.

Usage: journey-demo.py PATH-TO-DIALTONE   (TAP on stdout; inside scripts/test-session)
"""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dialjourney as dj  # noqa: E402
from dialjourney import JourneyError, pyatspi  # noqa: E402


class DemoJourney:
    def __init__(self, binary):
        self.journey = dj.Journey("Try the demo")
        self.binary = binary
        self.app = self.journey.launch(binary)
        self.window = None
        j = self.journey
        j.step("Dialtone starts and shows its window", self.starts)
        j.step("the welcome page offers Try the Demo and Sign In with an API Key", self.welcomes)
        j.step("Try the Demo opens the demo account, marked as such, with Reset Demo",
               self.tries_demo)
        j.step("Buy Numbers opens from the view switcher", self.opens_buy)
        j.step("a second launch exits at once (status 0)", self.launches_again)
        j.step("the first instance still runs, with one window, still on the demo",
               self.still_one_window)
        j.step("Quit ends Dialtone cleanly (status 0)", self.app.quit)

    def starts(self):
        self.window = self.app.window()

    def welcomes(self):
        dj.wait_find(self.window, name="Try the Demo", role=pyatspi.ROLE_PUSH_BUTTON)
        dj.wait_find(self.window, name="Sign In with an API Key", role=pyatspi.ROLE_PUSH_BUTTON)

    def tries_demo(self):
        dj.click(dj.wait_find(self.window, name="Try the Demo", role=pyatspi.ROLE_PUSH_BUTTON))
        dj.wait_find(self.window, name="Demo Account", role=pyatspi.ROLE_LABEL,
                     what="the Demo Account marker")
        dj.wait_find(self.window, name="Reset Demo", role=pyatspi.ROLE_PUSH_BUTTON)

    def opens_buy(self):
        dj.click(dj.wait_find(self.window, name="Buy Numbers", role=pyatspi.ROLE_PAGE_TAB))
        dj.wait_find(self.window, name="Number type", what="the search form of Buy Numbers")

    def launches_again(self):
        # The same environment, so the same session bus: it hands over to the running one.
        second = subprocess.run([self.binary], env=self.app.env, stdin=subprocess.DEVNULL,
                                stdout=sys.stderr, stderr=sys.stderr, timeout=dj.TIMEOUT)
        if second.returncode != 0:
            raise JourneyError(f"the second launch exited with status {second.returncode}")

    def still_one_window(self):
        if self.app.process.poll() is not None:
            raise JourneyError(f"Dialtone exited with status {self.app.process.returncode}")
        frames = [w for w in self.app.windows()
                  if w.getRole() == pyatspi.ROLE_FRAME
                  and w.getState().contains(pyatspi.STATE_VISIBLE)]
        if len(frames) != 1:
            raise JourneyError(f"{len(frames)} windows are shown")
        dj.wait_find(self.window, name="Demo Account", role=pyatspi.ROLE_LABEL,
                     what="the Demo Account marker")


if __name__ == "__main__":
    sys.exit(DemoJourney(sys.argv[1]).journey.run())
