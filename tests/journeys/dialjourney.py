# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared harness for Dialtone's journeys: the real application driven through its
accessibility tree (AT-SPI, pyatspi), the way a person with a mouse, a keyboard or a screen
reader would use it.

A journey script makes a Journey, adds its steps in order and runs them:

    journey = dialjourney.Journey("My Numbers")
    app = journey.launch(sys.argv[1], "--demo")
    journey.step("the list shows numbers", lambda: ...)
    sys.exit(journey.run())

Each step is one TAP test (stdout); everything else goes to stderr. Steps depend on the ones
before them: after a failure the rest are reported as not run, the accessible tree of the
application goes to stderr, and the application is ended. Waiting is always polling against a
deadline (wait_for), never a fixed sleep.

What counts as "on screen": GTK 4.8 does not set the SHOWING state below the window, and hidden
stack pages keep their old extents. A person sees a widget when the window's hit test at its
centre lands on it (or inside it): on_screen() asks exactly that (Component.getAccessibleAtPoint).

Runs inside scripts/test-session (Xvfb, private D-Bus whose at-spi2-core starts the
accessibility bus); pyatspi exists only for Debian's /usr/bin/python3.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402
import pyatspi  # noqa: E402

APP_ID = "io.github.dialtone.Dialtone"
# Generous: the suite runs on 2 shared cores, under Xvfb.
TIMEOUT = float(os.environ.get("DIAL_JOURNEY_TIMEOUT", "30"))
POLL = 0.1


# libatspi gives an application 800 ms to answer, then reports an error: on 2 busy cores an
# answer can take longer, and a search would skip what it could not read. The journeys do not
# listen to key events, so the registry's 3 s limit for those does not concern them.
Atspi.set_timeout(15000, 30000)


def log(message):
    """A line on stderr (stdout is TAP)."""
    print(message, file=sys.stderr, flush=True)


class JourneyError(Exception):
    """A step did not see what a person should see."""


# ---------------------------------------------------------------------------------------------
# Waiting


def wait_for(predicate, what, timeout=None):
    """Polls @predicate until it returns something true, and returns that; raises JourneyError
    naming @what after @timeout seconds. Exceptions from a tree that changes under our feet
    count as "not yet"."""
    deadline = time.monotonic() + (TIMEOUT if timeout is None else timeout)
    last_error = None
    while True:
        try:
            value = predicate()
            last_error = None
        except (JourneyError, gi.repository.GLib.Error, RuntimeError, LookupError,
                AttributeError, NotImplementedError) as error:
            value = None
            last_error = error
        if value:
            return value
        if time.monotonic() >= deadline:
            detail = f" (last error: {last_error})" if last_error else ""
            raise JourneyError(f"timed out after {timeout or TIMEOUT:.0f} s waiting for "
                               f"{what}{detail}")
        time.sleep(POLL)


# ---------------------------------------------------------------------------------------------
# Reading the tree


def spaces(text):
    """@text with no-break spaces as plain ones (a person hears no difference)."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


BUTTON_ROLES = (pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
                pyatspi.ROLE_RADIO_BUTTON)


TYPE_NAME = re.compile(r"^(Gtk|Adw|Dial)[A-Z][A-Za-z]*$")


def clean_name(accessible):
    """The name a person hears. GTK 4.8 names a button after its own label (mnemonic
    underscore included) or accessible label, followed by the name of the label inside it:
    "_Sign In Sign In", "Buy +44 113 496 0002 Buy…". Those read "Sign In" and
    "Buy +44 113 496 0002"."""
    name = spaces(accessible.name or "")
    if TYPE_NAME.match(name):
        return ""  # GTK 4.8 names an unnamed widget after its type: nothing a person hears
    if not name or accessible.getRole() not in BUTTON_ROLES:
        return name
    label = pyatspi.utils.findDescendant(accessible,
                                         lambda a: a.getRole() == pyatspi.ROLE_LABEL)
    inner = spaces(label.name) if label is not None else ""
    if inner and name.endswith(" " + inner) and len(name) > len(inner) + 1:
        head = name[:-len(inner) - 1]
        return inner if head.replace("_", "") == inner else head
    return name


def role_name(accessible):
    return accessible.getRoleName()


def extents(accessible):
    """(x, y, width, height) in desktop coordinates, or None."""
    try:
        box = accessible.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    except NotImplementedError:
        return None
    return (box.x, box.y, box.width, box.height)


def is_surface(accessible):
    """Whether @accessible has a surface of its own: a window, or a popover (GTK 4.8 exposes a
    GtkPopover as a nameless filler, named after its type)."""
    parent = accessible.parent
    return (parent is None or parent.getRole() == pyatspi.ROLE_APPLICATION
            or (accessible.getRole() in (pyatspi.ROLE_FILLER, pyatspi.ROLE_PANEL,
                                         pyatspi.ROLE_MENU, pyatspi.ROLE_POPUP_MENU)
                and (accessible.name or "").startswith("GtkPopover")))


def toplevel(accessible):
    """The window or popover that holds @accessible."""
    while not is_surface(accessible):
        accessible = accessible.parent
    return accessible


def is_inside(accessible, ancestor, levels=16):
    while accessible is not None and levels > 0:
        levels -= 1
        if accessible == ancestor:
            return True
        accessible = accessible.parent
    return False


def pick(accessible, x, y):
    """The deepest accessible under (x, y) inside @accessible (GTK's hit test), or None."""
    return accessible.queryComponent().getAccessibleAtPoint(x, y, pyatspi.WINDOW_COORDS)


def contains_point(box, x, y):
    return box is not None and box[0] <= x < box[0] + box[2] and box[1] <= y < box[1] + box[3]


def realize_at(accessible, x, y, depth=40):
    """Asks for the children of everything under (x, y) inside @accessible. GTK 4.8 puts a
    widget on the accessibility bus only once someone asked for it, and its hit test answers
    nothing for a widget not yet there."""
    if depth == 0:
        return
    for child in children(accessible):
        if is_stack_page(child) or contains_point(extents(child), x, y):
            realize_at(child, x, y, depth - 1)


def centre(box):
    return box[0] + box[2] // 2, box[1] + box[3] // 2


def hit_at(window, x, y):
    """GTK's hit test of @window at (x, y), after making sure what lies there is on the bus."""
    hit = pick(window, x, y)
    if hit is None:
        realize_at(window, x, y)
        hit = pick(window, x, y)
    return hit


def leaves(accessible, limit=80):
    """Descendants of @accessible without children and with a size, depth first."""
    pending = children(accessible)
    visited = 0
    while pending and visited < limit:
        node = pending.pop(0)
        visited += 1
        kids = children(node)
        if kids:
            pending[0:0] = kids
            continue
        box = extents(node)
        if box is not None and box[2] > 0 and box[3] > 0:
            yield node


def on_screen(accessible, window=None):
    """Whether a person sees @accessible. GTK 4.8 sets no SHOWING state below the window, and
    a stack's hidden pages keep their old extents, so the window's hit test decides: at the
    centre of @accessible (of its first leaf with an answer, for a container) it must land on
    @accessible or inside it, not on another page, a dialog's cover or outside the window (a
    closed flap slides out of it). GTK answers nothing for points over widgets that are not on
    the bus (the text inside an entry, a box's empty space): those points are skipped."""
    box = extents(accessible)
    if box is None or box[2] <= 0 or box[3] <= 0:
        return False
    if window is None:
        window = toplevel(accessible)
    if window == accessible:
        if accessible.parent.getRole() == pyatspi.ROLE_APPLICATION:
            return window.getState().contains(pyatspi.STATE_VISIBLE)
        # A popover is visible while it is open, and seen if its button is.
        return (window.getState().contains(pyatspi.STATE_VISIBLE)
                and on_screen(window.parent))
    frame = extents(window)
    probes = [accessible] if accessible.childCount == 0 else []
    probes.extend(leaves(accessible))
    if not probes:
        probes = [accessible]
    for probe in probes:
        x, y = centre(extents(probe) if probe != accessible else box)
        if not contains_point(frame, x, y):
            return False
        hit = hit_at(window, x, y)
        if hit is None:
            continue
        if is_inside(hit, probe) or is_inside(hit, accessible):
            return True
        # Insensitive widgets take no pointer: the hit lands on what holds them.
        if (not probe.getState().contains(pyatspi.STATE_SENSITIVE)
                and is_inside(probe, hit)):
            return True
        return False
    # No point with an answer (an entry's text fills it): as seen as what holds it.
    parent = accessible.parent
    while parent is not None and is_stack_page(parent):
        parent = parent.parent
    return parent is not None and parent != window and on_screen(parent, window)


def matches(accessible, name=None, role=None, contains=None, description=None):
    try:
        if role is not None and accessible.getRole() not in (role if isinstance(role, (tuple, list))
                                                              else (role,)):
            return False
        if name is not None and name != clean_name(accessible) and name != accessible.name:
            return False
        if contains is not None and contains not in clean_name(accessible):
            return False
        if description is not None and accessible.description != description:
            return False
        return True
    except (gi.repository.GLib.Error, RuntimeError):
        return False


def children(accessible):
    return [c for c in (accessible.getChildAtIndex(i) for i in range(accessible.childCount))
            if c is not None]


def is_stack_page(accessible):
    return accessible.getRole() == pyatspi.ROLE_PANEL and accessible.name == "GtkStackPage"


POPOVER_ROLES = (pyatspi.ROLE_FILLER, pyatspi.ROLE_PANEL, pyatspi.ROLE_MENU,
                 pyatspi.ROLE_POPUP_MENU)


def page_shown(page, window):
    """Whether the child of a stack page is the page on screen."""
    return on_screen(page, window)


def find_all(root, name=None, role=None, contains=None, description=None, visible=True,
             predicate=None):
    """Every descendant of @root that matches (and is on screen, unless @visible is False).
    With @visible, whole subtrees a person cannot see are skipped: a stack's hidden pages,
    widgets of no size."""
    if root is None:
        raise JourneyError("nothing to search in")
    found = []
    root_window = toplevel(root) if visible else None
    pending = [(child, root_window) for child in children(root)]
    while pending:
        node, window = pending.pop(0)
        try:
            node_role = node.getRole()
            stack_page = False
            if visible and node_role in POPOVER_ROLES:
                node_name = node.name or ""
                stack_page = node_role == pyatspi.ROLE_PANEL and node_name == "GtkStackPage"
                if node_name.startswith("GtkPopover"):
                    if not node.getState().contains(pyatspi.STATE_VISIBLE):
                        continue
                    window = node
            if visible and not stack_page:
                box = extents(node)
                if box is not None and (box[2] <= 0 or box[3] <= 0):
                    continue
            kids = children(node)
            if stack_page:
                kids = [k for k in kids if page_shown(k, window)]
            if ((role is None or node_role in (role if isinstance(role, (tuple, list))
                                               else (role,)))
                    and matches(node, name, None, contains, description)
                    and (predicate is None or predicate(node))
                    and (not visible or on_screen(node, window))):
                found.append(node)
            pending[0:0] = [(kid, window) for kid in kids]
        except (gi.repository.GLib.Error, RuntimeError) as error:
            log(f"  (skipped a node that could not be read: {error})")
            continue  # gone while we looked
    return found


def find(root, name=None, role=None, contains=None, description=None, visible=True,
         predicate=None):
    """The first match under @root, or None."""
    found = find_all(root, name, role, contains, description, visible, predicate)
    return found[0] if found else None


def wait_find(root, what=None, timeout=None, **criteria):
    """Waits until find(root, **criteria) finds something, and returns it."""
    if what is None:
        what = " ".join(f"{k}={v!r}" for k, v in criteria.items() if k != "predicate")
    return wait_for(lambda: find(root, **criteria), what, timeout)


def texts(root, role=pyatspi.ROLE_LABEL):
    """The names of the labels a person sees under @root."""
    return [n for n in (clean_name(a) for a in find_all(root, role=role)) if n]


def dump(accessible, depth=0, out=sys.stderr, limit=4000):
    """The tree under @accessible with roles, names, states and on-screen marks (for failures)."""
    count = [0]

    def walk(node, level):
        if count[0] >= limit:
            return
        count[0] += 1
        try:
            states = node.getState()
            flags = [n for s, n in ((pyatspi.STATE_FOCUSED, "focused"),
                                    (pyatspi.STATE_SELECTED, "selected"),
                                    (pyatspi.STATE_SENSITIVE, "sensitive"),
                                    (pyatspi.STATE_CHECKED, "checked"))
                     if states.contains(s)]
            seen = "*" if level > 0 and on_screen(node) else " "
            desc = f" ({node.description})" if node.description else ""
            print(f"{seen}{'  ' * level}{role_name(node)} {node.name!r}{desc} {flags}",
                  file=out)
            for i in range(node.childCount):
                child = node.getChildAtIndex(i)
                if child is not None and level < 60:
                    walk(child, level + 1)
        except Exception as error:  # a dump must never hide the failure it reports
            print(f"?{'  ' * level}{error}", file=out)

    walk(accessible, depth)
    out.flush()


# ---------------------------------------------------------------------------------------------
# Acting


def do_action(accessible, *names):
    """Runs the first of the accessible's actions called one of @names (default: the first
    action), as a screen reader's "activate" does."""
    action = accessible.queryAction()
    available = [action.getName(i) for i in range(action.nActions)]
    for i, name in enumerate(available):
        if not names or name in names:
            if not action.doAction(i):
                raise JourneyError(f"{role_name(accessible)} {clean_name(accessible)!r} "
                                   f"refused action {name}")
            return
    raise JourneyError(f"{role_name(accessible)} {clean_name(accessible)!r} has no action "
                       f"{names} (has {available})")


def bring_into_view(accessible, steps=60):
    """Scrolls @accessible into view as a person does, with the mouse wheel over the scrolled
    pane that holds it (GTK 4.8 implements neither grabFocus nor scrollTo), and returns it."""
    pane = accessible.parent
    while pane is not None and pane.getRole() != pyatspi.ROLE_SCROLL_PANE:
        pane = pane.parent
    if pane is None:
        raise JourneyError(f"{clean_name(accessible)!r} is in no scrolled pane")
    for _ in range(steps):
        if on_screen(accessible):
            return accessible
        box, view = extents(accessible), extents(pane)
        x, y = centre(view)
        pyatspi.Registry.generateMouseEvent(x, y, "abs")
        pyatspi.Registry.generateMouseEvent(x, y, "b5c" if centre(box)[1] > y else "b4c")
        time.sleep(POLL)
    raise JourneyError(f"{clean_name(accessible)!r} does not scroll into view")


def click(accessible):
    """Presses a button, toggle, tab… through its accessible action."""
    do_action(accessible, "click", "press", "activate", "toggle")


def mouse_click(accessible, button=1, double=False):
    """Moves the pointer to the centre of @accessible and clicks there (XTest), as a person with
    a mouse does."""
    box = extents(accessible)
    if box is None or box[2] <= 0:
        raise JourneyError(f"{role_name(accessible)} {clean_name(accessible)!r} has no extents")
    x, y = box[0] + box[2] // 2, box[1] + box[3] // 2
    pyatspi.Registry.generateMouseEvent(x, y, "abs")
    pyatspi.Registry.generateMouseEvent(x, y, f"b{button}{'d' if double else 'c'}")


def set_text(accessible, text):
    """Replaces the text of an entry as a person's typing would (EditableText)."""
    editable = accessible.queryEditableText()
    if not editable.setTextContents(text):
        raise JourneyError(f"could not type into {clean_name(accessible)!r}")


def focus(accessible):
    if not accessible.queryComponent().grabFocus():
        raise JourneyError(f"could not focus {role_name(accessible)} {clean_name(accessible)!r}")


KEYSYMS = {"Return": 0xff0d, "Escape": 0xff1b, "Delete": 0xffff, "Tab": 0xff09,
           "Up": 0xff52, "Down": 0xff54, "Left": 0xff51, "Right": 0xff53, "Home": 0xff50,
           "End": 0xff57, "BackSpace": 0xff08, "space": 0x20, "F5": 0xffc2}
MODIFIER_MASKS = {"Shift": 1 << 0, "Control": 1 << 2, "Alt": 1 << 3}


def press(key, modifiers=()):
    """Presses one key (a keysym name such as "Return", "Escape", "Delete", or a single
    character) with @modifiers ("Control", "Shift", "Alt") held, through the X server (XTest)
    like a keyboard does."""
    if key in KEYSYMS:
        keysym = KEYSYMS[key]
    elif len(key) == 1 and 0x20 <= ord(key) < 0x7f:
        keysym = ord(key)
    else:
        raise JourneyError(f"no keysym for {key!r}")
    mask = 0
    for modifier in modifiers:
        mask |= MODIFIER_MASKS[modifier]
    if mask:
        pyatspi.Registry.generateKeyboardEvent(mask, None, pyatspi.KEY_LOCKMODIFIERS)
    try:
        pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
    finally:
        if mask:
            pyatspi.Registry.generateKeyboardEvent(mask, None, pyatspi.KEY_UNLOCKMODIFIERS)


def type_text(text):
    """Types @text into the focused widget, key by key."""
    pyatspi.Registry.generateKeyboardEvent(0, text, pyatspi.KEY_STRING)


# ---------------------------------------------------------------------------------------------
# The application


class Application:
    """A running Dialtone with a home of its own (XDG dirs in a fresh temporary directory)."""

    def __init__(self, binary, args=(), env=None):
        self.scratch = tempfile.mkdtemp(prefix="dialtone-journey-")
        self.data_home = os.path.join(self.scratch, "data")
        environment = dict(os.environ)
        # Accessibility on (test_env turns the bridge off for the C tests).
        environment.pop("NO_AT_BRIDGE", None)
        environment["GTK_A11Y"] = "atspi"
        environment["GSETTINGS_BACKEND"] = "memory"
        environment["ADW_DISABLE_PORTAL"] = "1"
        environment["XDG_DATA_HOME"] = self.data_home
        environment["XDG_CONFIG_HOME"] = os.path.join(self.scratch, "config")
        environment["XDG_CACHE_HOME"] = os.path.join(self.scratch, "cache")
        environment.update(env or {})
        for sub in ("data", "config", "cache"):
            os.makedirs(os.path.join(self.scratch, sub), exist_ok=True)
        self.env = environment
        self.binary = binary
        log(f"starting {binary} {' '.join(args)} (XDG_DATA_HOME={self.data_home})")
        self.process = subprocess.Popen([binary, *args], env=environment,
                                        stdin=subprocess.DEVNULL,
                                        stdout=sys.stderr, stderr=sys.stderr)
        self._accessible = None

    @property
    def pid(self):
        return self.process.pid

    def accessible(self):
        """The application's root in the accessibility tree (waits for it)."""
        if self._accessible is None:
            app = wait_for(self._lookup, "Dialtone on the accessibility bus")
            # GTK 4.8 has no AT-SPI cache of its own and does not announce every change of
            # children: what libatspi would remember goes stale (a page's rows appear after
            # loading). Every question goes to the application.
            app.set_cache_mask(Atspi.Cache.NONE)
            self._accessible = app
        return self._accessible

    def _lookup(self):
        if self.process.poll() is not None:
            raise JourneyError(f"Dialtone exited with status {self.process.returncode}")
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.get_process_id() == self.pid:
                return app
        return None

    def windows(self):
        app = self.accessible()
        return [app.getChildAtIndex(i) for i in range(app.childCount)
                if app.getChildAtIndex(i) is not None]

    def window(self, name=None, role=pyatspi.ROLE_FRAME, timeout=None):
        """The showing top-level window (of @role, called @name), waiting for it."""

        def look():
            for window in self.windows():
                if (window.getRole() == role
                        and (name is None or clean_name(window) == name)
                        and window.getState().contains(pyatspi.STATE_VISIBLE)):
                    return window
            return None

        return wait_for(look, "Dialtone's window" + (f" {name!r}" if name else ""), timeout)

    def dialog(self, timeout=None, predicate=None):
        """The showing dialog window (AdwMessageDialog and friends), waiting for it."""

        def look():
            for window in self.windows():
                if (window.getRole() in (pyatspi.ROLE_DIALOG, pyatspi.ROLE_ALERT)
                        and window.getState().contains(pyatspi.STATE_VISIBLE)
                        and (predicate is None or predicate(window))):
                    return window
            return None

        return wait_for(look, "a dialog", timeout)

    def no_dialog(self, timeout=None):
        return wait_for(lambda: not any(
            w.getRole() in (pyatspi.ROLE_DIALOG, pyatspi.ROLE_ALERT)
            and w.getState().contains(pyatspi.STATE_VISIBLE) for w in self.windows()),
            "the dialog to close", timeout)

    def activate_action(self, name, parameter="[]"):
        """Activates an application action over D-Bus (org.gtk.Actions), as the desktop does."""
        subprocess.run(["gdbus", "call", "--session", "--dest", APP_ID,
                        "--object-path", "/" + APP_ID.replace(".", "/"),
                        "--method", "org.gtk.Actions.Activate", name, parameter, "{}"],
                       stdout=sys.stderr, stderr=sys.stderr, timeout=TIMEOUT, check=True)

    def quit(self):
        """Quits through the application's quit action (as Ctrl+Q does), waits for the process
        to end and checks that it ended cleanly (status 0)."""
        if self.process.poll() is None:
            self.activate_action("quit")
            try:
                self.process.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired as error:
                raise JourneyError("Dialtone did not end after Quit") from error
        if self.process.returncode != 0:
            raise JourneyError(f"Dialtone exited with status {self.process.returncode}")

    def kill(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def demo_state(self):
        """The demo account's state file ($XDG_DATA_HOME/dialtone/demo-state.json), parsed."""
        path = os.path.join(self.data_home, "dialtone", "demo-state.json")
        with open(path, encoding="utf-8") as f:
            return json.load(f)

    def cleanup(self):
        self.kill()
        shutil.rmtree(self.scratch, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# TAP


class Journey:
    """An ordered list of steps reported as TAP; stops at the first failing step."""

    def __init__(self, title):
        self.title = title
        self.steps = []
        self.apps = []

    def launch(self, binary, *args, env=None):
        app = Application(binary, args, env)
        self.apps.append(app)
        return app

    def step(self, description, function):
        self.steps.append((description, function))

    def run(self):
        print(f"1..{len(self.steps)}", flush=True)
        failed = None
        for number, (description, function) in enumerate(self.steps, start=1):
            if failed is not None:
                print(f"not ok {number} {description} # not run: step {failed} failed",
                      flush=True)
                continue
            log(f"# {self.title}: step {number}: {description}")
            started = time.monotonic()
            try:
                function()
            except Exception as error:  # any failure of a step is reported, with the tree
                failed = number
                print(f"not ok {number} {description}", flush=True)
                log(f"FAILED: {description}: {error}")
                if not isinstance(error, JourneyError):
                    traceback.print_exc(file=sys.stderr)
                self.dump_apps()
                # Again after the tree, where the end of a long log shows it.
                log(f"FAILED at step {number} of {self.title}: {description}: {error}")
                continue
            log(f"#   ({time.monotonic() - started:.1f} s)")
            print(f"ok {number} {description}", flush=True)
        for app in self.apps:
            app.cleanup()
        return 0 if failed is None else 1

    def dump_apps(self):
        for app in self.apps:
            if app.process.poll() is not None:
                log(f"(Dialtone exited with status {app.process.returncode})")
                continue
            log("The accessible tree ('*' = on screen):")
            try:
                for window in app.windows():
                    dump(window)
            except Exception as error:
                log(f"(could not read the tree: {error})")


# ---------------------------------------------------------------------------------------------
# What a person reads in common widgets


def table_rows(table):
    """The rows a person sees in a table (GtkColumnView): each row as the list of its cells'
    texts, with the row's accessible (row, [texts])."""
    rows = []
    for row in find_all(table, role=pyatspi.ROLE_TABLE_ROW):
        cells = [c for c in children(row) if c.getRole() == pyatspi.ROLE_TABLE_CELL]
        if not cells:
            continue  # the header row
        rows.append((row, [" ".join(clean_name(label) for label in children(cell)
                                    if clean_name(label)) for cell in cells]))
    return rows


def field_value(root, title):
    """The value a person reads beside @title in a list of labelled rows (AdwActionRow): the
    other labels of the row called @title."""
    row = find(root, name=title, role=(pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_ROW))
    if row is None:
        raise JourneyError(f"no row {title!r}")
    return " ".join(t for t in texts(row) if t != title)


def toasts(window, depth=4):
    """The texts of the toasts shown over @window (AdwToastOverlay keeps them near the top of
    the tree: GTK 4.8 names each after its type, AdwToastWidget)."""
    found = []
    level = [window]
    for _ in range(depth):
        below = []
        for node in level:
            for child in children(node):
                if child.name == "AdwToastWidget":
                    found.append(" ".join(texts(child)))
                else:
                    below.append(child)
        level = below
    return found


def wait_toast(app, contains, timeout=None):
    """Waits for a toast whose text contains @contains over the main window, and returns its
    text."""
    window = app.window()
    seen = []

    def look():
        shown = toasts(window)
        seen.extend(t for t in shown if t not in seen)
        return next((t for t in shown if contains in t), None)

    try:
        return wait_for(look, f"a toast saying {contains!r}", timeout)
    except JourneyError as error:
        raise JourneyError(f"{error}; toasts seen: {seen}") from None
