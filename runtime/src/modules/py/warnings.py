"""Warning control, written for weft.

The interface is CPython's: warn, warn_explicit, showwarning, formatwarning,
filterwarnings, simplefilter, resetwarnings, catch_warnings and the `filters` list. A
filter is (action, message regex or None, category, module regex or None, lineno); the
first filter that matches a warning decides what happens to it. The state is shared by
all threads and changed under one lock; `catch_warnings` saves and restores it (as
CPython does without context-aware warnings).
"""

import sys
import _thread
import _warnings

__all__ = ["warn", "warn_explicit", "showwarning", "formatwarning", "filterwarnings",
           "simplefilter", "resetwarnings", "catch_warnings", "deprecated"]

_ACTIONS = ("default", "always", "all", "ignore", "module", "once", "error")
_lock = _thread.RLock()

# The filters, newest first; the action when none matches; what "once" has shown.
filters = []
defaultaction = "default"
onceregistry = {}
# Bumped whenever `filters` changes: a module's registry of shown warnings is only
# valid for the filters it was filled under.
_generation = [1]


def _filters_mutated():
    _generation[0] = _generation[0] + 1


def _source_line(filename, lineno):
    try:
        with open(filename, encoding="utf-8") as f:
            for i, line in enumerate(f, 1):
                if i == lineno:
                    return line
    except Exception:
        pass
    return ""


def formatwarning(message, category, filename, lineno, line=None):
    """The text `showwarning` prints: 'file:line: Category: message' and the line."""
    text = "%s:%s: %s: %s\n" % (filename, lineno, category.__name__, message)
    if line is None:
        line = _source_line(filename, lineno)
    if line:
        text += "  %s\n" % line.strip()
    return text


def _showwarnmsg_impl(msg):
    file = msg.file if msg.file is not None else sys.stderr
    if file is None:
        return
    text = formatwarning(msg.message, msg.category, msg.filename, msg.lineno, msg.line)
    try:
        file.write(text)
    except OSError:
        pass


def showwarning(message, category, filename, lineno, file=None, line=None):
    """Write a warning to a file (sys.stderr by default)."""
    _showwarnmsg_impl(WarningMessage(message, category, filename, lineno, file, line))


_showwarning_orig = showwarning


def _showwarnmsg(msg):
    sw = showwarning
    if sw is not _showwarning_orig:
        if not callable(sw):
            raise TypeError("warnings.showwarning() must be set to a function or method")
        sw(msg.message, msg.category, msg.filename, msg.lineno, msg.file, msg.line)
        return
    _showwarnmsg_impl(msg)


def _check_filter(action, message, category, module, lineno):
    if action not in _ACTIONS:
        raise ValueError("invalid action: %r" % (action,))
    if not isinstance(message, str):
        raise TypeError("message must be a string")
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError("category must be a Warning subclass")
    if not isinstance(module, str):
        raise TypeError("module must be a string")
    if not (isinstance(lineno, int) and lineno >= 0):
        raise ValueError("lineno must be an int >= 0")


def _add_filter(item, append):
    with _lock:
        if not append:
            try:
                filters.remove(item)
            except ValueError:
                pass
            filters.insert(0, item)
        elif item not in filters:
            filters.append(item)
        _filters_mutated()


def filterwarnings(action, message="", category=Warning, module="", lineno=0, append=False):
    """Insert an entry into the list of warnings filters (at the front by default)."""
    _check_filter(action, message, category, module, lineno)
    msg = _compile(message, True) if message else None
    mod = _compile(module, False) if module else None
    _add_filter((action, msg, category, mod, int(lineno)), append)


class _Pattern:
    """A match-at-the-start pattern for when `re` cannot be imported: literal text with
    backslash escapes, `.` for any character, `.*` for any run, `\\Z` for the end."""

    def __init__(self, pattern, ignorecase):
        self.pattern = pattern
        self._ic = ignorecase
        self._parts = []
        i = 0
        while i < len(pattern):
            c = pattern[i]
            if c == "\\" and i + 1 < len(pattern):
                i += 1
                self._parts.append(("end",) if pattern[i] == "Z" else ("lit", pattern[i]))
            elif c == "." and pattern[i + 1:i + 2] == "*":
                i += 1
                self._parts.append(("star",))
            elif c == ".":
                self._parts.append(("any",))
            else:
                self._parts.append(("lit", c))
            i += 1

    def match(self, text):
        if self._ic:
            text = text.lower()
        return self._match(0, text, 0)

    def _match(self, k, text, i):
        while k < len(self._parts):
            part = self._parts[k]
            if part[0] == "star":
                return any(self._match(k + 1, text, j) for j in range(i, len(text) + 1))
            if part[0] == "end":
                return i == len(text)
            if i >= len(text):
                return False
            if part[0] == "lit":
                c = part[1].lower() if self._ic else part[1]
                if text[i] != c:
                    return False
            i += 1
            k += 1
        return True

    def __repr__(self):
        return "re.compile(%r)" % self.pattern


def _compile(pattern, ignorecase):
    # Plain names (the default "__main__" filter, most -W options) need no `re`: importing
    # it would compile re, enum and functools in every program that imports warnings.
    if all(c.isalnum() or c == "_" for c in pattern):
        return _Pattern(pattern, ignorecase)
    try:
        import re
    except ImportError:
        return _Pattern(pattern, ignorecase)
    return re.compile(pattern, re.I) if ignorecase else re.compile(pattern)


def _escape(text):
    return "".join("\\" + c if not (c.isalnum() or c == "_") else c for c in text)


def simplefilter(action, category=Warning, lineno=0, append=False):
    """A filter that matches every message and module."""
    _check_filter(action, "", category, "", lineno)
    _add_filter((action, None, category, None, int(lineno)), append)


def resetwarnings():
    """Clear the list of warning filters, so that no filter applies."""
    with _lock:
        filters[:] = []
        _filters_mutated()


class _OptionError(Exception):
    pass


def _setoption(arg):
    """Install the filter a -W option describes: action:message:category:module:lineno."""
    fields = [f.strip() for f in arg.split(":")]
    if len(fields) > 5:
        raise _OptionError("too many fields (max 5): %r" % (arg,))
    fields += [""] * (5 - len(fields))
    act, text, cat, mod, line = fields
    act = _getaction(act)
    cat = _getcategory(cat)
    pattern = _escape(text) if text else ""
    module_pattern = _escape(mod) + r"\Z" if mod else ""
    number = 0
    if line:
        number = int(line) if line.isdigit() else -1
        if number < 0:
            raise _OptionError("invalid lineno %r" % (line,))
    filterwarnings(act, pattern, cat, module_pattern, number)


def _getaction(action):
    """The action an abbreviation names ('' is 'default', 'i' is 'ignore', ...)."""
    found = [a for a in _ACTIONS if a.startswith(action)] if action else ["default"]
    if not found:
        raise _OptionError("invalid action: %r" % (action,))
    return found[0]


def _getcategory(category):
    """The Warning subclass a dotted name (or a builtins name) refers to."""
    if category == "":
        return Warning
    modname, dot, name = category.rpartition(".")
    try:
        if dot:
            cat = getattr(__import__(modname, None, None, [name]), name)
        else:
            import builtins
            cat = getattr(builtins, name)
    except ImportError:
        raise _OptionError("invalid module name: %r" % (modname,)) from None
    except AttributeError:
        raise _OptionError("unknown warning category: %r" % (category,)) from None
    if isinstance(cat, type) and issubclass(cat, Warning):
        return cat
    raise _OptionError("invalid warning category: %r" % (category,))


def _processoptions(args):
    """Apply sys.warnoptions; a bad option is reported and skipped."""
    for option in args:
        try:
            _setoption(option)
        except _OptionError as problem:
            sys.stderr.write("Invalid -W option ignored: %s\n" % (problem,))


def warn(message, category=None, stacklevel=1, source=None, *, skip_file_prefixes=()):
    """Issue a warning, or maybe ignore it or raise an exception."""
    kind = type(message) if isinstance(message, Warning) else (category or UserWarning)
    if not (isinstance(kind, type) and issubclass(kind, Warning)):
        raise TypeError("category must be a Warning subclass, not '%s'"
                        % type(kind).__name__)
    if not isinstance(stacklevel, int):
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type(stacklevel).__name__)
    # Where the warning points: `stacklevel` frames up, or as far up as there are.
    where = None
    for depth in range(max(stacklevel, 1), 0, -1):
        where = _warnings.caller(depth)
        if where is not None:
            break
    filename, lineno, scope = where if where is not None else ("<sys>", 0, sys.__dict__)
    shown = scope.setdefault("__warningregistry__", {})
    warn_explicit(message, kind, filename, lineno, scope.get("__name__", "<string>"),
                  shown, scope, source)


def _matching_action(text, category, module, lineno):
    for entry in filters:
        act, text_re, cat, module_re, line = entry
        if not issubclass(category, cat) or (line and line != lineno):
            continue
        if text_re is not None and not text_re.match(text):
            continue
        if module_re is not None and not module_re.match(module):
            continue
        return act, entry
    return defaultaction, None


def _already_shown(action, registry, text, category, lineno):
    """Record a warning about to be shown under `action`; True if it was shown before
    (so it is not shown again)."""
    here = (text, category, lineno)
    if action in ("always", "all"):
        return False
    if action == "default":
        registry[here] = True
        return False
    if action == "once":
        registry[here] = True
        seen = (text, category) in onceregistry
        onceregistry[(text, category)] = True
        return seen
    # "module": once per module, whatever the line.
    registry[here] = True
    anywhere = (text, category, 0)
    seen = anywhere in registry
    registry[anywhere] = True
    return seen


def warn_explicit(message, category, filename, lineno, module=None, registry=None,
                  module_globals=None, source=None):
    """Issue a warning at an explicit place (file, line, module)."""
    lineno = int(lineno)
    if module is None:
        base = filename or "<unknown>"
        module = base[:-3] if base.lower().endswith(".py") else base
    registry = {} if registry is None else registry
    if registry.get("version") != _generation[0]:
        registry.clear()
        registry["version"] = _generation[0]
    if isinstance(message, Warning):
        text, category = str(message), type(message)
    else:
        text, message = message, category(message)
    if registry.get((text, category, lineno)):
        return
    action, entry = _matching_action(text, category, module, lineno)
    if action == "ignore":
        return
    if action == "error":
        raise message
    if action not in _ACTIONS:
        raise RuntimeError("Unrecognized action (%r) in warnings.filters:\n %s"
                           % (action, entry))
    if _already_shown(action, registry, text, category, lineno):
        return
    _showwarnmsg(WarningMessage(message, category, filename, lineno, source=source))


class WarningMessage:
    _WARNING_DETAILS = ("message", "category", "filename", "lineno", "file", "line",
                        "source")

    def __init__(self, message, category, filename, lineno, file=None, line=None,
                 source=None):
        values = (message, category, filename, lineno, file, line, source)
        for name, value in zip(self._WARNING_DETAILS, values):
            setattr(self, name, value)
        self._category_name = getattr(category, "__name__", None)

    def __str__(self):
        return ("{message : %r, category : %r, filename : %r, lineno : %s, line : %r}"
                % (self.message, self._category_name, self.filename, self.lineno,
                   self.line))

    def __repr__(self):
        return "<%s %s>" % (type(self).__name__, self)


class catch_warnings:
    """Save the warning filters and showwarning on entry, restore them on exit; with
    record=True, collect the warnings in a list (returned by __enter__)."""

    def __init__(self, *, record=False, module=None, action=None, category=Warning,
                 lineno=0, append=False):
        self._record = record
        self._module = sys.modules["warnings"] if module is None else module
        self._entered = False
        self._filter = None if action is None else (action, category, lineno, append)

    def __repr__(self):
        args = []
        if self._record:
            args.append("record=True")
        if self._module is not sys.modules["warnings"]:
            args.append("module=%r" % self._module)
        return "%s(%s)" % (type(self).__name__, ", ".join(args))

    def __enter__(self):
        if self._entered:
            raise RuntimeError("Cannot enter %r twice" % self)
        self._entered = True
        m = self._module
        with _lock:
            self._filters = m.filters
            m.filters = self._filters[:]
            m._filters_mutated()
            self._showwarning = m.showwarning
            self._showwarnmsg_impl = m._showwarnmsg_impl
        if self._filter is not None:
            simplefilter(*self._filter)
        if self._record:
            log = []
            m._showwarnmsg_impl = log.append
            m.showwarning = m._showwarning_orig
            return log

    def __exit__(self, *exc_info):
        if self._entered is False:
            raise RuntimeError("Cannot exit %r without entering first" % self)
        m = self._module
        with _lock:
            m.filters = self._filters
            m._filters_mutated()
            m.showwarning = self._showwarning
            m._showwarnmsg_impl = self._showwarnmsg_impl


class deprecated:
    """Mark a class or function as deprecated (PEP 702): using it warns."""

    def __init__(self, message, /, *, category=DeprecationWarning, stacklevel=1):
        if not isinstance(message, str):
            raise TypeError("Expected an object of type str for 'message', not %r"
                            % type(message).__name__)
        self.message = message
        self.category = category
        self.stacklevel = stacklevel

    def __call__(self, arg, /):
        msg, category, stacklevel = self.message, self.category, self.stacklevel
        if category is None:
            arg.__deprecated__ = msg
            return arg
        if isinstance(arg, type):
            original_new = arg.__new__

            def __new__(cls, *args, **kwargs):
                if cls is arg:
                    warn(msg, category=category, stacklevel=stacklevel + 1)
                if original_new is not object.__new__:
                    return original_new(cls, *args, **kwargs)
                return original_new(cls)
            arg.__new__ = staticmethod(__new__)
            arg.__deprecated__ = msg
            return arg
        if callable(arg):
            def wrapper(*args, **kwargs):
                warn(msg, category=category, stacklevel=stacklevel + 1)
                return arg(*args, **kwargs)
            for name in ("__module__", "__name__", "__qualname__", "__doc__"):
                try:
                    setattr(wrapper, name, getattr(arg, name))
                except AttributeError:
                    pass
            wrapper.__wrapped__ = arg
            wrapper.__deprecated__ = arg.__deprecated__ = msg
            return wrapper
        raise TypeError("@deprecated decorator with non-None category must be applied to "
                        "a class or callable, not %r" % (arg,))


# The default filters, as a release build of CPython installs them.
filterwarnings("default", category=DeprecationWarning, module="__main__", append=True)
simplefilter("ignore", category=DeprecationWarning, append=True)
simplefilter("ignore", category=PendingDeprecationWarning, append=True)
simplefilter("ignore", category=ImportWarning, append=True)
simplefilter("ignore", category=ResourceWarning, append=True)
_generation[0] = 1
if sys.warnoptions:
    _processoptions(sys.warnoptions)


def _deprecated(name, message="{name!r} is deprecated and slated for removal in Python "
                "{remove}", *, remove, _version=sys.version_info):
    """Warn that `name` goes away in Python `remove` (a (major, minor) pair); a RuntimeError
    once that version's alphas are over, so the library's own reminders fire."""
    due = "%d.%d" % tuple(remove[:2])
    if _version[:2] > remove or (_version[:2] == remove and _version[3] != "alpha"):
        raise RuntimeError("%r was slated for removal after Python %s alpha" % (name, due))
    warn(message.format(name=name, remove=due), DeprecationWarning, stacklevel=3)
