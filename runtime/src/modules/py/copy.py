"""Shallow and deep copies, for weft.

Both copies start from a per-type table (`_SHALLOW`, `_DEEP`); types not in it use
their __copy__/__deepcopy__ hook, or else are taken apart by a reduction (__reduce_ex__;
weft's `object.__reduce_ex__` and `object.__reduce__` give `_natural_reduction`, what
CPython's object.__reduce_ex__(4) gives) and rebuilt by `_rebuild`. A shallow
and a deep rebuild differ only in the `clone` applied to each piece.
"""

from _weakref import ref as _weakref_type
import sys as _sys

__all__ = ["Error", "copy", "deepcopy", "replace"]


class Error(Exception):
    pass


error = Error


def _function():
    pass


# Objects of these types are never copied, shallow or deep: the original is returned.
_IMMUTABLE = (type(None), int, float, bool, complex, str, bytes, type, range,
              type(Ellipsis), type(NotImplemented), type(len), type(_function),
              property, _weakref_type)
if hasattr(_function, "__code__"):
    _IMMUTABLE += (type(_function.__code__),)


def _itself(x, memo=None):
    return x


# ---- shallow --------------------------------------------------------------------------

_SHALLOW = dict.fromkeys(_IMMUTABLE + (tuple, frozenset, slice), _itself)
_SHALLOW.update({list: list.copy, dict: dict.copy, set: set.copy,
                 bytearray: bytearray.copy})


def copy(x):
    """A shallow copy of x: a new container holding the same items."""
    cls = type(x)
    by_type = _SHALLOW.get(cls)
    if by_type is not None:
        return by_type(x)
    if issubclass(cls, type):
        return x
    hook = getattr(cls, "__copy__", None)
    if hook is not None:
        return hook(x)
    return _from_reduction(x, cls, None)


# ---- deep -----------------------------------------------------------------------------

def deepcopy(x, memo=None, _nil=[]):
    """A deep copy of x: containers are copied recursively. `memo` maps id(original)
    to its copy; shared and cyclic structure is copied once and stays shared."""
    if memo is None:
        memo = {}
    else:
        done = memo.get(id(x), _nil)
        if done is not _nil:
            return done
    cls = type(x)
    by_type = _DEEP.get(cls)
    if by_type is not None:
        y = by_type(x, memo)
    elif issubclass(cls, type):
        y = x
    else:
        hook = getattr(x, "__deepcopy__", None)
        y = _from_reduction(x, cls, memo) if hook is None else hook(memo)
    if y is not x:
        memo[id(x)] = y
        # the memo also keeps every original alive, so that no id() is reused meanwhile
        memo.setdefault(id(memo), []).append(x)
    return y


def _deep_list(x, memo):
    twin = memo[id(x)] = []
    for item in x:
        twin.append(deepcopy(item, memo))
    return twin


def _deep_dict(x, memo):
    twin = memo[id(x)] = {}
    for key, value in x.items():
        twin[deepcopy(key, memo)] = deepcopy(value, memo)
    return twin


def _deep_tuple(x, memo):
    items = [deepcopy(item, memo) for item in x]
    # a member that refers back to x may have copied x already
    if id(x) in memo:
        return memo[id(x)]
    if all(new is old for new, old in zip(items, x)):
        return x
    return tuple(items)


def _deep_elements(x, memo):
    # set and frozenset: CPython rebuilds them from a deep copy of their elements
    return type(x)(deepcopy(list(x), memo))


_DEEP = dict.fromkeys(_IMMUTABLE, _itself)
_DEEP.update({list: _deep_list, dict: _deep_dict, tuple: _deep_tuple,
              set: _deep_elements, frozenset: _deep_elements,
              bytearray: lambda x, memo: bytearray(x)})


# ---- reductions -----------------------------------------------------------------------

def __newobj__(cls, *args):
    # The name pickle recognises for "cls.__new__(cls, *args)".
    return cls.__new__(cls, *args)


# Subclasses of the built-in value types: the constructor arguments CPython's reduction
# passes, and whether it calls the class (running __init__) or only its __new__.
_VALUE_BASES = (
    (int, int, False), (float, float, False),
    (complex, complex, False), (str, str, False), (bytes, bytes, False),
    (tuple, tuple, False), (frozenset, list, True), (set, list, True),
    (bytearray, bytes, True),
)


def _instance_state(x, cls):
    """The state a reduction carries: what x.__getstate__() gives."""
    getstate = getattr(x, "__getstate__", None)
    if getstate is not None:
        return getstate()
    return _default_state(x, cls)


def _default_state(x, cls):
    """What object.__getstate__ gives (it calls this): the instance dict, or
    (dict, slots) when the class has __slots__ with values set; None when there is
    nothing."""
    fields = getattr(x, "__dict__", None) or None
    slots = {}
    for klass in cls.__mro__:
        names = klass.__dict__.get("__slots__", ())
        for name in ((names,) if isinstance(names, str) else names):
            if name not in ("__dict__", "__weakref__") and hasattr(x, name):
                slots[name] = getattr(x, name)
    return (fields, slots) if slots else fields


def _builtin_reduction(x, cls):
    """The reductions of built-in objects that are not rebuilt from their class alone:
    a global name for the singletons and module functions, constructor arguments for
    range and slice, getattr for a bound built-in method."""
    if x is Ellipsis:
        return "Ellipsis"
    if x is NotImplemented:
        return "NotImplemented"
    if cls is range or cls is slice:
        return cls, (x.start, x.stop, x.step)
    if cls is type(len):
        owner = x.__self__
        if owner is None or type(owner) is type(_sys):
            return x.__name__
        return getattr, (owner, x.__name__)
    return None


def _natural_reduction(x, cls):
    """The reduction of an object that does not define one (`object.__reduce_ex__`
    answers with it): (constructor, args, state, list items, dict items)."""
    special = _builtin_reduction(x, cls)
    if special is not None:
        return special
    func, args = __newobj__, (cls,)
    getnewargs = getattr(x, "__getnewargs__", None)
    if getnewargs is not None:
        args += tuple(getnewargs())
    else:
        for base, convert, calls_class in _VALUE_BASES:
            if isinstance(x, base):
                if calls_class:
                    func, args = cls, ()
                args += (convert(x),)
                break
    items = iter(x) if isinstance(x, list) else None
    pairs = iter(x.items()) if isinstance(x, dict) else None
    return func, args, _instance_state(x, cls), items, pairs


def _reduction(x, cls):
    by_ex = getattr(cls, "__reduce_ex__", None)
    if by_ex is not None:
        found = by_ex(x, 4)
    else:
        plain = getattr(x, "__reduce__", None)
        found = None if plain is None else plain()
    if found is None or found is NotImplemented:
        found = _natural_reduction(x, cls)
    return found


def _from_reduction(x, cls, memo):
    reduced = _reduction(x, cls)
    if isinstance(reduced, str):
        # a global name: the object stands for itself
        return x
    return _rebuild(x, memo, *reduced)


def _set_state(obj, state):
    setstate = getattr(obj, "__setstate__", None)
    if setstate is not None:
        setstate(state)
        return
    slots = None
    if isinstance(state, tuple) and len(state) == 2:
        state, slots = state
    if state is not None:
        obj.__dict__.update(state)
    if slots is not None:
        for name, value in slots.items():
            setattr(obj, name, value)


def _rebuild(x, memo, func, args, state=None, items=None, pairs=None, *rest):
    """Build the copy of x from its reduction; `memo` is None for a shallow copy."""
    if memo is None:
        clone = _itself
    else:
        def clone(part):
            return deepcopy(part, memo)
    y = func(*clone(args))
    if memo is not None:
        memo[id(x)] = y
    if state is not None:
        _set_state(y, clone(state))
    if items is not None:
        for item in items:
            y.append(clone(item))
    if pairs is not None:
        for key, value in pairs:
            key = clone(key)
            y[key] = clone(value)
    return y


def replace(obj, /, **changes):
    """A new object like obj with some fields changed, through its __replace__."""
    cls = obj.__class__
    hook = getattr(cls, "__replace__", None)
    if hook is None:
        raise TypeError("replace() does not support %s objects" % cls.__name__)
    return hook(obj, **changes)
