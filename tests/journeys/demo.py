#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A journey through Dialtone by its accessibility tree (AT-SPI), as a screen reader user or a
person with a mouse would make it: start Dialtone, "Try the Demo", see that it is the demo
account, open "Buy Numbers", start Dialtone a second time (the running window is raised, no
second window), then quit.

Usage: demo.py PATH-TO-DIALTONE   (TAP on stdout)
Runs in the session of scripts/test-session (Xvfb, D-Bus with the accessibility bus).
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version("Atspi", "2.0")
import pyatspi  # noqa: E402

APP_ID = "io.github.dialtone.Dialtone"
TIMEOUT = 30.0

results = []


def log(message):
    # stdout is TAP: everything else goes to stderr.
    print(message, file=sys.stderr, flush=True)


def ok(passed, description):
    results.append((passed, description))
    print(("ok" if passed else "not ok") + f" {len(results)} {description}", flush=True)
    return passed


def wait_for(predicate, what, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except Exception as error:  # the tree changes under our feet: try again
            log(f"  (while waiting for {what}: {error})")
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")


def is_showing(accessible):
    """On screen. GTK 4.8 sets STATE_SHOWING on windows only, and the pages of a stack that are
    not shown stay STATE_VISIBLE: what is not on screen has no size."""
    if not accessible.getState().contains(pyatspi.STATE_VISIBLE):
        return False
    try:
        extents = accessible.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    except NotImplementedError:
        return True
    return extents.width > 0 and extents.height > 0


def names_match(actual, wanted):
    """GTK 4.8 names a labelled button twice: its label, then the label it is labelled by
    ("Try the Demo Try the Demo"). Later GTK versions name it once."""
    return actual in (wanted, f"{wanted} {wanted}")


def find(root, name, roles=None):
    """The first showing descendant of @root named @name (with one of @roles)."""

    def match(accessible):
        try:
            return (names_match(accessible.name, name)
                    and (roles is None or accessible.getRole() in roles)
                    and is_showing(accessible))
        except Exception:
            return False

    return pyatspi.utils.findDescendant(root, match, breadth_first=True)


def dialtone_apps(pid=None):
    desktop = pyatspi.Registry.getDesktop(0)
    apps = []
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        try:
            if app is None or app.get_process_id() in (None, 0):
                continue
            if pid is not None and app.get_process_id() != pid:
                continue
            if app.name.lower() == "dialtone" or pid is not None:
                apps.append(app)
        except Exception:
            continue
    return apps


def frames(app):
    return [app.getChildAtIndex(i) for i in range(app.childCount)
            if app.getChildAtIndex(i) is not None
            and app.getChildAtIndex(i).getRole() == pyatspi.ROLE_FRAME
            and is_showing(app.getChildAtIndex(i))]


def dump(accessible, depth=0):
    """The tree under @accessible, on stderr (when a step fails)."""
    try:
        log("  " * depth + f"{accessible.getRoleName()} '{accessible.name}'"
            + ("" if is_showing(accessible) else " (hidden)"))
        for i in range(min(accessible.childCount, 200)):
            child = accessible.getChildAtIndex(i)
            if child is not None and depth < 40:
                dump(child, depth + 1)
    except Exception as error:
        log("  " * depth + f"? {error}")


def click(accessible):
    action = accessible.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "press", "activate"):
            return action.doAction(i)
    return action.doAction(0)


def main():
    dialtone = sys.argv[1]
    scratch = tempfile.mkdtemp(prefix="dialtone-journey-")
    env = dict(os.environ)
    # Accessibility on (the C tests turn it off), a home of its own (the demo's state).
    for key in ("NO_AT_BRIDGE", "GTK_A11Y"):
        env.pop(key, None)
    env["XDG_DATA_HOME"] = os.path.join(scratch, "data")
    env["XDG_CONFIG_HOME"] = os.path.join(scratch, "config")
    env["XDG_CACHE_HOME"] = os.path.join(scratch, "cache")
    env["ADW_DISABLE_PORTAL"] = "1"

    print("1..7", flush=True)
    first = subprocess.Popen([dialtone], env=env, stdout=sys.stderr, stderr=sys.stderr)
    try:
        app = wait_for(lambda: (dialtone_apps(first.pid) or [None])[0], "Dialtone on the AT-SPI bus")
        frame = wait_for(lambda: (frames(app) or [None])[0], "Dialtone's window")
        ok(True, "Dialtone starts and shows its window")

        welcome = wait_for(lambda: find(frame, "Try the Demo", [pyatspi.ROLE_PUSH_BUTTON]),
                           "the welcome page's Try the Demo button")
        ok(find(frame, "Sign In with an API Key", [pyatspi.ROLE_PUSH_BUTTON]) is not None,
           "the welcome page offers Sign In with an API Key")

        click(welcome)
        wait_for(lambda: find(frame, "Demo Account", [pyatspi.ROLE_LABEL]), "the demo marker")
        ok(find(frame, "Reset Demo", [pyatspi.ROLE_PUSH_BUTTON]) is not None,
           "Try the Demo opens the demo account, marked as such, with Reset Demo")

        buy = wait_for(lambda: find(frame, "Buy Numbers"), "the Buy Numbers switcher button")
        click(buy)
        wait_for(lambda: find(frame, "Number type"), "the Buy Numbers page's search form")
        ok(True, "Buy Numbers opens from the view switcher")

        # A second launch hands over to the running instance and ends.
        second = subprocess.run([dialtone], env=env, stdout=sys.stderr, stderr=sys.stderr,
                                timeout=TIMEOUT)
        ok(second.returncode == 0, "a second launch exits at once (status 0)")
        time.sleep(0.5)
        ok(first.poll() is None and len(frames(app)) == 1
           and find(frame, "Demo Account", [pyatspi.ROLE_LABEL]) is not None,
           "the first instance still runs, with one window, still on the demo")

        # Quit through the application's own action (as Ctrl+Q does).
        subprocess.run(["gdbus", "call", "--session", "--dest", APP_ID,
                        "--object-path", "/" + APP_ID.replace(".", "/"),
                        "--method", "org.gtk.Actions.Activate", "quit", "[]", "{}"],
                       stdout=sys.stderr, stderr=sys.stderr, timeout=TIMEOUT, check=True)
        first.wait(timeout=TIMEOUT)
        ok(first.returncode == 0, "Quit ends Dialtone cleanly (status 0)")
    except Exception as error:
        ok(False, f"journey: {error}")
        for app in dialtone_apps(first.pid):
            dump(app)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
        shutil.rmtree(scratch, ignore_errors=True)

    return 0 if all(passed for passed, _ in results) and len(results) == 7 else 1


if __name__ == "__main__":
    sys.exit(main())
