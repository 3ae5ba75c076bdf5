"""Source lines by file name, read once and remembered; written for weft.

Tracebacks and warnings show the source line of each frame they name. A file's text is
read on first request and kept in `cache` as (size, mtime, lines, fullname); lines keep
their newline. `checkcache` drops entries whose file changed on disk. Modules that are not
files (`<string>`, frozen modules) answer '' unless their lines were registered with
`lazycache`/`cache` by whoever made them.
"""

import os

__all__ = ["getline", "clearcache", "checkcache", "lazycache"]

# filename -> (size, mtime, lines, fullname); a lazy entry is (getter,) until first used.
cache = {}


def clearcache():
    """Forget every file."""
    cache.clear()


def getline(filename, lineno, module_globals=None):
    """Line `lineno` (1-based) of `filename` with its newline, or '' if there is none."""
    lines = getlines(filename, module_globals)
    if 1 <= lineno <= len(lines):
        return lines[lineno - 1]
    return ""


def getlines(filename, module_globals=None):
    """All lines of `filename` (read now if needed), or [] when it cannot be read."""
    entry = cache.get(filename)
    if entry is not None and len(entry) == 4:
        return entry[2]
    try:
        return updatecache(filename, module_globals)
    except MemoryError:
        clearcache()
        return []


def _stat(path):
    try:
        return os.stat(path)
    except (OSError, ValueError):
        return None


def checkcache(filename=None):
    """Drop the cached files (or just `filename`) whose size or mtime changed."""
    names = list(cache) if filename is None else [filename]
    for name in names:
        entry = cache.get(name)
        if entry is None or len(entry) != 4:
            continue
        size, mtime, _lines, fullname = entry
        if mtime is None:
            continue  # registered text, not a file
        st = _stat(fullname)
        if st is None or st.st_size != size or st.st_mtime != mtime:
            cache.pop(name, None)


def _lines_of(text):
    lines = text.splitlines(True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines


def _from_loader(filename, module_globals):
    """Text from the module's loader (`__loader__.get_source`), if it offers one."""
    if not module_globals or "__name__" not in module_globals:
        return None
    loader = module_globals.get("__loader__")
    get_source = getattr(loader, "get_source", None)
    if get_source is None:
        return None
    try:
        return get_source(module_globals["__name__"])
    except (ImportError, OSError):
        return None


def updatecache(filename, module_globals=None):
    """Read `filename` again and cache it; returns its lines ([] if unreadable)."""
    lazy = cache.pop(filename, None)
    if not filename or (filename.startswith("<") and filename.endswith(">")):
        return []
    if lazy is not None and len(lazy) == 1:
        text = lazy[0]()
        if text is not None:
            lines = _lines_of(text)
            cache[filename] = (len(text), None, lines, filename)
            return lines
    fullname = filename
    st = _stat(fullname)
    if st is None and not os.path.isabs(filename):
        import sys
        for folder in sys.path:
            candidate = os.path.join(folder or ".", filename)
            st = _stat(candidate)
            if st is not None:
                fullname = candidate
                break
    if st is None:
        text = _from_loader(filename, module_globals)
        if text is None:
            return []
        lines = _lines_of(text)
        cache[filename] = (len(text), None, lines, filename)
        return lines
    try:
        with open(fullname, encoding="utf-8", errors="replace") as f:
            lines = _lines_of(f.read())
    except (OSError, UnicodeError):
        return []
    cache[filename] = (st.st_size, st.st_mtime, lines, fullname)
    return lines


def lazycache(filename, module_globals):
    """Remember how to get `filename`'s text from its module's loader, without reading it
    yet. True when that is possible (or the file is cached already)."""
    if filename in cache:
        return True
    if not filename or (filename.startswith("<") and filename.endswith(">")):
        return False
    if not module_globals:
        return False
    name = module_globals.get("__name__")
    get_source = getattr(module_globals.get("__loader__"), "get_source", None)
    if name is None or get_source is None:
        return False
    cache[filename] = (lambda: get_source(name),)
    return True
