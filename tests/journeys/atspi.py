# SPDX-License-Identifier: GPL-3.0-or-later
"""Small helpers for Dialtone's AT-SPI journeys: start the real app, find things the way a screen
reader does (role and name), press them through their accessible actions, and wait, with a time
limit, for what should follow. Run with /usr/bin/python3 (pyatspi is only packaged for it)."""

import json
import os
import subprocess
import sys
import time

import pyatspi


class JourneyError(AssertionError):
    pass


def log(*args):
    # stdout is the test protocol's; talk on stderr.
    print(*args, file=sys.stderr, flush=True)


def start_app(build_dir, *args, extra_env=None):
    """Starts build_dir/src/dialtone with @args (and @extra_env over the environment) and returns
    (process, accessible application)."""
    env = dict(os.environ)
    env.update(extra_env or {})
    env.pop("NO_AT_BRIDGE", None)  # the test environment turns the bridge off for other tests
    # GTK 4.8's AT-SPI bridge itself logs criticals when a client asks about a window that was
    # just destroyed (g_variant_new_object_path on NULL); that must not abort the app under
    # test. Criticals still reach the log.
    if env.get("G_DEBUG"):
        env["G_DEBUG"] = ",".join(f for f in env["G_DEBUG"].split(",") if f != "fatal-criticals")
    env.setdefault("GSETTINGS_BACKEND", "memory")
    env.setdefault("GSETTINGS_SCHEMA_DIR", os.path.join(build_dir, "data"))
    for attempt in range(3):
        process = subprocess.Popen([os.path.join(build_dir, "src", "dialtone"), *args], env=env)
        try:
            app = wait_for(lambda: process.poll() is not None or _find_app(process.pid),
                           "the application on the accessibility bus", timeout=30)
        except Exception:
            process.terminate()
            raise
        if process.poll() is None:
            return process, app
        # Exited at once: seen when the X server of a busy shared machine was not ready yet.
        log("dialtone exited with %d at start; starting it again" % process.returncode)
        time.sleep(2)
    raise JourneyError("dialtone does not start")


def stop_app(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _find_app(pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        try:
            if app is not None and app.get_process_id() == pid:
                return app
        except Exception:
            continue
    return None


def wait_for(func, what, timeout=20.0, interval=0.1):
    """Calls func until it returns something true; raises JourneyError after timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = func()
        except Exception as e:  # objects come and go while the UI changes
            result = None
            last_error = e
        if result:
            return result
        if time.monotonic() > deadline:
            raise JourneyError("timed out waiting for " + what)
        time.sleep(interval)


def visible(acc):
    try:
        # GTK 4.8 sets SHOWING on windows only; VISIBLE is what it keeps up to date.
        return acc.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def walk(root, max_depth=60):
    """Every visible descendant of root, depth first."""
    stack = [(root, 0)]
    while stack:
        acc, depth = stack.pop()
        yield acc
        if depth >= max_depth:
            continue
        try:
            children = [c for c in acc if c is not None]
        except Exception:
            continue
        for child in reversed(children):
            if visible(child):
                stack.append((child, depth + 1))


def find_all(root, role=None, name=None, prefix=None, contains=None):
    found = []
    for acc in walk(root):
        try:
            if role is not None and acc.getRoleName() != role:
                continue
            acc_name = acc.name or ""
        except Exception:
            continue
        if name is not None and acc_name != name:
            continue
        if prefix is not None and not acc_name.startswith(prefix):
            continue
        if contains is not None and contains not in acc_name:
            continue
        found.append(acc)
    return found


def find(root, what, **criteria):
    """The first visible descendant matching criteria, waited for."""
    return wait_for(lambda: (find_all(root, **criteria) or [None])[0], what)


def press(acc):
    """Activates acc through its first accessible action ("click" for buttons)."""
    action = acc.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    if not names:
        raise JourneyError("%s %r has no action" % (acc.getRoleName(), acc.name))
    action.doAction(0)


def set_text(acc, text):
    acc.queryEditableText().setTextContents(text)


def key(keysym):
    """Presses and releases one key (X keysym) in the focused window."""
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)


def windows(app):
    return [w for w in app if w is not None]


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)
