"""Operators as functions, for weft.

Most of this module is one line of Python per operator, so the functions are generated
from tables (`_COMPARISONS`, `_UNARY`, `_BINARY`): each becomes an ordinary function
with its own name, and every binary operator also gets its in-place twin (add ->
iadd, and_ -> iand). The dunder aliases (__add__, ...) are added the same way at the end.
The few operators with real logic, and the three callable classes, follow by hand.
"""

__all__ = [
    "abs", "add", "and_", "attrgetter", "call", "concat", "contains", "countOf",
    "delitem", "eq", "floordiv", "ge", "getitem", "gt", "iadd", "iand", "iconcat",
    "ifloordiv", "ilshift", "imatmul", "imod", "imul", "index", "indexOf", "inv",
    "invert", "ior", "ipow", "irshift", "is_", "is_not", "isub", "itemgetter",
    "itruediv", "ixor", "le", "length_hint", "lshift", "lt", "matmul",
    "methodcaller", "mod", "mul", "ne", "neg", "not_", "or_", "pos", "pow",
    "rshift", "setitem", "sub", "truediv", "truth", "xor",
]

_builtin_abs = abs

# (function name, operator as written between/before the operands)
_COMPARISONS = [("lt", "<"), ("le", "<="), ("eq", "=="), ("ne", "!="), ("ge", ">="),
                ("gt", ">"), ("is_", "is"), ("is_not", "is not")]
_UNARY = [("neg", "-"), ("pos", "+"), ("inv", "~"), ("not_", "not ")]
_BINARY = [("add", "+"), ("and_", "&"), ("floordiv", "//"), ("lshift", "<<"),
           ("mod", "%"), ("mul", "*"), ("matmul", "@"), ("or_", "|"), ("pow", "**"),
           ("rshift", ">>"), ("sub", "-"), ("truediv", "/"), ("xor", "^")]

_TEMPLATES = {
    "binary": "def {name}(a, b):\n    \"Same as a {op} b.\"\n    return a {op} b\n",
    "unary": "def {name}(a):\n    \"Same as {op}a.\"\n    return {op}a\n",
    "inplace": "def {name}(a, b):\n    \"Same as a {op}= b.\"\n    a {op}= b\n    return a\n",
}


def _define(kind, name, op):
    exec(_TEMPLATES[kind].format(name=name, op=op), globals())


for _name, _op in _COMPARISONS + _BINARY:
    _define("binary", _name, _op)
for _name, _op in _UNARY:
    _define("unary", _name, _op)
for _name, _op in _BINARY:
    _define("inplace", "i" + _name.rstrip("_"), _op)

invert = inv


def truth(a):
    "Return True if a is true, False otherwise."
    return bool(a)


def abs(a):
    "Same as abs(a)."
    return _builtin_abs(a)


def index(a):
    "Same as a.__index__()."
    # looked up on the type: weft's ints answer there
    method = getattr(type(a), "__index__", None)
    if method is None:
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type(a).__name__)
    return method(a)


def _require_sequence(a):
    # weft's str has no __getitem__ attribute yet, so the sequence types are named
    if isinstance(a, (str, list, tuple, bytes, bytearray)):
        return
    if not hasattr(type(a), "__getitem__"):
        raise TypeError("'%s' object can't be concatenated" % type(a).__name__)


def concat(a, b):
    "Same as a + b, for a and b sequences."
    _require_sequence(a)
    return a + b


def iconcat(a, b):
    "Same as a += b, for a and b sequences."
    _require_sequence(a)
    a += b
    return a


def contains(a, b):
    "Same as b in a (note reversed operands)."
    return b in a


def getitem(a, b):
    "Same as a[b]."
    return a[b]


def setitem(a, b, c):
    "Same as a[b] = c."
    a[b] = c


def delitem(a, b):
    "Same as del a[b]."
    del a[b]


def _matches(a, b):
    """Positions of the items of `a` that are b (or equal to it)."""
    return (i for i, item in enumerate(a) if item is b or item == b)


def countOf(a, b):
    "Return the number of items in a which are, or which equal, b."
    return sum(1 for _ in _matches(a, b))


def indexOf(a, b):
    "Return the first index of b in a."
    for found in _matches(a, b):
        return found
    raise ValueError("sequence.index(x): x not in sequence")


def call(obj, /, *args, **kwargs):
    "Same as obj(*args, **kwargs)."
    return obj(*args, **kwargs)


def _asked_hint(obj):
    """obj's own __length_hint__() answer, or None when it has none to give."""
    method = getattr(type(obj), "__length_hint__", None)
    if method is None:
        return None
    try:
        answer = method(obj)
    except TypeError:
        return None
    return None if answer is NotImplemented else answer


def length_hint(obj, default=0):
    """An estimate of len(obj): its length if it has one, else its __length_hint__(),
    else `default`."""
    if not isinstance(default, int):
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type(default).__name__)
    try:
        return len(obj)
    except TypeError:
        pass
    hint = _asked_hint(obj)
    if hint is None:
        return default
    if not isinstance(hint, int):
        raise TypeError("__length_hint__ must be an integer, not %s"
                        % type(hint).__name__)
    if hint < 0:
        raise ValueError("__length_hint__() should return >= 0")
    return hint


# ---- the callable classes -------------------------------------------------------------

def _follow(obj, path):
    for part in path:
        obj = getattr(obj, part)
    return obj


def _arguments_repr(values, keywords=None):
    parts = [repr(v) for v in values]
    if keywords:
        parts += ["%s=%r" % item for item in keywords.items()]
    return ", ".join(parts)


class attrgetter:
    """attrgetter("a", "b.c")(obj) gives (obj.a, obj.b.c); with one name, the value."""

    __slots__ = ("_attrs", "_call")

    def __init__(self, *attrs):
        if not attrs:
            raise TypeError("attrgetter expected 1 argument, got 0")
        if not all(isinstance(name, str) for name in attrs):
            raise TypeError("attribute name must be a string")
        self._attrs = attrs
        paths = [tuple(name.split(".")) for name in attrs]
        if len(paths) == 1:
            only = paths[0]
            self._call = lambda obj: _follow(obj, only)
        else:
            self._call = lambda obj: tuple(_follow(obj, path) for path in paths)

    def __call__(self, obj, /):
        return self._call(obj)

    def __repr__(self):
        return "operator.attrgetter(%s)" % _arguments_repr(self._attrs)

    def __reduce__(self):
        return type(self), self._attrs


class itemgetter:
    """itemgetter(1, "k")(obj) gives (obj[1], obj["k"]); with one key, the value."""

    __slots__ = ("_items", "_call")

    def __init__(self, *items):
        if not items:
            raise TypeError("itemgetter expected 1 argument, got 0")
        self._items = items
        if len(items) == 1:
            only = items[0]
            self._call = lambda obj: obj[only]
        else:
            self._call = lambda obj: tuple([obj[key] for key in items])

    def __call__(self, obj, /):
        return self._call(obj)

    def __repr__(self):
        return "operator.itemgetter(%s)" % _arguments_repr(self._items)

    def __reduce__(self):
        return type(self), self._items


class methodcaller:
    """methodcaller("name", *args, **kwargs)(obj) calls obj.name(*args, **kwargs)."""

    __slots__ = ("_name", "_args", "_kwargs")

    def __init__(self, *args, **kwargs):
        if not args:
            raise TypeError("methodcaller needs at least one argument, the method name")
        name = args[0]
        if not isinstance(name, str):
            raise TypeError("method name must be a string")
        self._name, self._args, self._kwargs = name, args[1:], kwargs

    def __call__(self, obj, /):
        return getattr(obj, self._name)(*self._args, **self._kwargs)

    def __repr__(self):
        return "operator.methodcaller(%s)" % _arguments_repr(
            (self._name,) + self._args, self._kwargs)

    def __reduce__(self):
        if not self._kwargs:
            return type(self), (self._name,) + self._args
        from functools import partial
        return partial(type(self), self._name, **self._kwargs), self._args


# ---- dunder aliases (__add__ = add, ...), as CPython's operator module has them -------

_NO_DUNDER = {"attrgetter", "itemgetter", "methodcaller", "countOf", "indexOf", "is_",
              "is_not", "length_hint", "truth"}
for _name in __all__:
    if _name not in _NO_DUNDER:
        globals()["__%s__" % _name.rstrip("_")] = globals()[_name]
del _name, _op, _NO_DUNDER
