"""Context variables (PEP 567), written for weft in Python.

Each thread has a current Context (its own: a new thread starts with an empty one). A
Context maps ContextVars to values; its mapping is never changed in place once another
Context may share it: `ContextVar.set` replaces the current Context's dict with an
updated copy, so `copy_context()` is a cheap snapshot.
"""

import _thread

__all__ = ("Context", "ContextVar", "Token", "copy_context")

_lock = _thread.allocate_lock()
_current = {}  # thread serial -> the Context running on that thread


def _get_context():
    key = _thread._serial()
    ctx = _current.get(key)
    if ctx is None:
        ctx = Context()
        with _lock:
            _current[key] = ctx
    return ctx


def _set_context(ctx):
    with _lock:
        _current[_thread._serial()] = ctx


class _Missing:
    def __repr__(self):
        return "<Token.MISSING>"


_MISSING = _Missing()


class Context:
    """A mapping of ContextVars to their values; `run` executes code in it."""

    __slots__ = ("_data", "_prev", "_entered")

    def __init__(self):
        self._data = {}
        self._prev = None
        self._entered = False

    def run(self, callable, /, *args, **kwargs):
        if self._entered:
            raise RuntimeError(
                "cannot enter context: %r is already entered" % (self,))
        self._prev = _get_context()
        self._entered = True
        _set_context(self)
        try:
            return callable(*args, **kwargs)
        finally:
            _set_context(self._prev)
            self._prev = None
            self._entered = False

    def copy(self):
        new = Context()
        new._data = self._data
        return new

    def __getitem__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError("a ContextVar key was expected, got %r" % (var,))
        return self._data[var]

    def get(self, var, default=None):
        if not isinstance(var, ContextVar):
            raise TypeError("a ContextVar key was expected, got %r" % (var,))
        return self._data.get(var, default)

    def __contains__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError("a ContextVar key was expected, got %r" % (var,))
        return var in self._data

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def __eq__(self, other):
        if not isinstance(other, Context):
            return NotImplemented
        return self._data == other._data

    __hash__ = None


def copy_context():
    """A copy of the current thread's Context."""
    return _get_context().copy()


class ContextVar:
    """A variable whose value depends on the Context that code runs in."""

    __slots__ = ("_name", "_default")

    def __init__(self, *args, **kwargs):
        # The name is positional only and `default` keyword only, with the messages of
        # CPython's argument parser.
        given = len(args) + len(kwargs)
        if given > 2:
            raise TypeError("ContextVar() takes at most 2 arguments (%d given)" % given)
        if len(args) > 1:
            raise TypeError(
                "ContextVar() takes at most 1 positional argument (%d given)" % len(args))
        if not args:
            raise TypeError("ContextVar() takes exactly 1 positional argument (0 given)")
        for key in kwargs:
            if key != "default":
                raise TypeError(
                    "ContextVar() got an unexpected keyword argument '%s'" % key)
        name = args[0]
        default = kwargs.get("default", _MISSING)
        if not isinstance(name, str):
            raise TypeError("context variable name must be a str")
        self._name = name
        self._default = default

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type 'ContextVar' is not an acceptable base type")

    @property
    def name(self):
        return self._name

    def get(self, *args):
        if len(args) > 1:
            raise TypeError("get expected at most 1 argument, got %d" % len(args))
        data = _get_context()._data
        if self in data:
            return data[self]
        if args:
            return args[0]
        if self._default is not _MISSING:
            return self._default
        raise LookupError(self)

    def set(self, value):
        ctx = _get_context()
        data = ctx._data
        old = data.get(self, _MISSING)
        new = dict(data)
        new[self] = value
        ctx._data = new
        return Token(ctx, self, old)

    def reset(self, token):
        if not isinstance(token, Token):
            raise TypeError("expected an instance of Token, got %r" % (token,))
        if token._used:
            raise RuntimeError("%r has already been used once" % (token,))
        if token._var is not self:
            raise ValueError("%r was created by a different ContextVar" % (token,))
        ctx = _get_context()
        if token._ctx is not ctx:
            raise ValueError("%r was created in a different Context" % (token,))
        new = dict(ctx._data)
        if token._old is _MISSING:
            new.pop(self, None)
        else:
            new[self] = token._old
        ctx._data = new
        token._used = True

    def __repr__(self):
        r = "<ContextVar name=%r" % (self._name,)
        if self._default is not _MISSING:
            r += " default=%r" % (self._default,)
        return r + " at 0x%x>" % id(self)

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


class Token:
    """What `ContextVar.set` returns: `reset` puts the previous value back. A token is
    also a context manager that resets on exit (3.14)."""

    __slots__ = ("_ctx", "_var", "_old", "_used")
    MISSING = _MISSING

    def __init__(self, ctx, var, old):
        self._ctx = ctx
        self._var = var
        self._old = old
        self._used = False

    @property
    def var(self):
        return self._var

    @property
    def old_value(self):
        return self._old

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._var.reset(self)

    def __repr__(self):
        used = " used" if self._used else ""
        return "<Token%s var=%r at 0x%x>" % (used, self._var, id(self))

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


Context.__module__ = ContextVar.__module__ = Token.__module__ = "_contextvars"
