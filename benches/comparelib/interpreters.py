"""Which interpreters compare.py runs: weft, python3 and (if on PATH) micropython."""

import os
import shutil

# benches/comparelib/ -> the repository root, for resolving the default weft path.
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Interpreter:
    """A named command with options placed before the program; `missing` says why it
    cannot run (None when it can)."""

    def __init__(self, name, path, missing=None, options=()):
        self.name = name
        self.path = path
        self.missing = missing
        self.options = list(options)


def find_weft(path, options):
    """`path` as given if it exists, else relative to the repository root (so the
    default `target/release/weft` works from any directory)."""
    for candidate in (path, os.path.join(REPO_ROOT, path)):
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return Interpreter("weft", os.path.abspath(candidate), options=options)
    return Interpreter("weft", path, "not found: %s (build with cargo build --release)" % path)


def find_on_path(name, override=None):
    """An interpreter looked up on PATH (or the given path)."""
    path = override or shutil.which(name)
    if path and os.path.isfile(path):
        return Interpreter(name, path)
    return Interpreter(name, override or name, "not on PATH")


def select(weft_path, weft_options, python3_path, micropython_path):
    """The interpreters in table order: python3 first (the reference), weft, micropython.
    MicroPython is listed only when present (it is optional)."""
    chosen = [find_on_path("python3", python3_path), find_weft(weft_path, weft_options)]
    if micropython_path != "none":
        mp = find_on_path("micropython", micropython_path)
        if mp.missing is None:
            chosen.append(mp)
    return chosen
