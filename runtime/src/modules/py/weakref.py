# weft's `weakref` module (frozen into the binary).
#
# `ref`, `proxy`, `getweakrefcount`, `getweakrefs` and `finalize` are native
# (runtime/src/modules/weakref.rs); this file adds the weak containers and `WeakMethod`.
#
# weft has a tracing collector: an object dies at the collection after its last strong
# reference went, and the callbacks of the weak references to it run right after that
# collection (before gc.collect() returns). The containers below remove an entry from
# such a callback. Two rules keep them correct:
#
# * Iteration walks a snapshot of the stored refs (never the live dict or set), so the
#   callbacks of a collection that happens inside a loop body cannot disturb the loop;
#   entries whose object died meanwhile are skipped.
# * WeakValueDictionary removes `data[key]` only if the ref stored there is itself dead
#   (`_remove_dead_weakref`): when a key was given a new value after its old value became
#   unreachable, the old value's callback must not delete the new entry.

from _weakref import (
    ref,
    proxy,
    getweakrefcount,
    getweakrefs,
    ReferenceType,
    ProxyType,
    CallableProxyType,
    _remove_dead_weakref,
    finalize,
)
from _weakrefset import WeakSet, _GenericAlias, _ref_or_none

ProxyTypes = (ProxyType, CallableProxyType)

__all__ = [
    # native (runtime/src/modules/weakref.rs)
    "ref", "ReferenceType", "proxy", "ProxyType", "CallableProxyType", "ProxyTypes",
    "getweakrefcount", "getweakrefs", "finalize",
    # the Python part below (and _weakrefset)
    "WeakMethod", "WeakValueDictionary", "WeakKeyDictionary", "WeakSet",
]


class WeakMethod(ref):
    """A weak reference to a bound method: it stays alive while both the instance and
    the function do, and calling it rebuilds the bound method (or gives None)."""

    __slots__ = ("_func_ref", "_meth_type", "_alive", "__weakref__")

    def __new__(cls, meth, callback=None):
        try:
            instance = meth.__self__
            function = meth.__func__
        except AttributeError:
            raise TypeError("argument should be a bound method, not {}"
                            .format(type(meth))) from None

        # One callback for both halves; it reports the death once.
        def _gone(_wr):
            me = me_ref()
            if me is not None and me._alive:
                me._alive = False
                if callback is not None:
                    callback(me)

        self = ref.__new__(cls, instance, _gone)
        self._func_ref = ref(function, _gone)
        self._meth_type = type(meth)
        self._alive = True
        me_ref = ref(self)
        return self

    def __call__(self):
        instance = super().__call__()
        function = self._func_ref()
        if instance is None or function is None:
            return None
        return self._meth_type(function, instance)

    def _same(self, other):
        # Alive: equal objects and the same function; dead: only itself.
        if not (self._alive and other._alive):
            return self is other
        if self._func_ref() is not other._func_ref():
            return False
        return ref.__eq__(self, other)

    def __eq__(self, other):
        if not isinstance(other, WeakMethod):
            return NotImplemented
        return self._same(other)

    def __ne__(self, other):
        if not isinstance(other, WeakMethod):
            return NotImplemented
        return not self._same(other)

    __hash__ = ref.__hash__


class KeyedRef(ref):
    """A ref that remembers the key it is stored under (WeakValueDictionary's values)."""

    __slots__ = ("key",)

    def __new__(type, ob, callback, key):
        made = ref.__new__(type, ob, callback)
        made.key = key
        return made

    def __init__(self, ob, callback, key):
        # the key was stored by __new__; ref itself takes no key
        ref.__init__(self, ob, callback)


def _is_mapping(obj):
    return isinstance(obj, (dict, WeakValueDictionary, WeakKeyDictionary))


def _pairs(other):
    # The (key, value) pairs of a mapping, or of an iterable of pairs.
    if hasattr(other, "items"):
        return list(other.items())
    if hasattr(other, "keys"):
        return [(k, other[k]) for k in other.keys()]
    return list(dict(other).items())


class _MappingOperators:
    """`==`, `|` and `|=` of the weak dictionaries, in terms of their mapping methods
    (`items`, `update`, `copy`)."""

    __slots__ = ()

    def __eq__(self, other):
        if not _is_mapping(other):
            return NotImplemented
        return dict(self.items()) == dict(other.items())

    def __ior__(self, other):
        self.update(other)
        return self

    def __or__(self, other):
        if not _is_mapping(other):
            return NotImplemented
        result = self.copy()
        result.update(other)
        return result

    def __ror__(self, other):
        if not _is_mapping(other):
            return NotImplemented
        result = self.__class__()
        result.update(other)
        result.update(self)
        return result


class WeakValueDictionary(_MappingOperators):
    """Mapping whose values are held weakly: an entry goes away once its value is
    collected."""

    def __init__(self, other=(), /, **kw):
        owner = ref(self)

        def _value_gone(wr, owner=owner, drop=_remove_dead_weakref):
            d = owner()
            if d is not None:
                drop(d.data, wr.key)

        self._remove = _value_gone
        self.data = {}
        self.update(other, **kw)

    __class_getitem__ = classmethod(_GenericAlias)

    # Mappings are not reversible (collections.abc.Mapping says so the same way).
    __reversed__ = None

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def __len__(self):
        return len(self.data)

    def __getitem__(self, key):
        value = self.data[key]()
        if value is None:
            raise KeyError(key)
        return value

    def __setitem__(self, key, value):
        self.data[key] = KeyedRef(value, self._remove, key)

    def __delitem__(self, key):
        del self.data[key]

    def __contains__(self, key):
        try:
            wr = self.data[key]
        except KeyError:
            return False
        return wr() is not None

    def get(self, key, default=None):
        try:
            wr = self.data[key]
        except KeyError:
            return default
        value = wr()
        if value is None:
            return default
        return value

    # -- iteration (over a snapshot) ----------------------------------------------

    def items(self):
        for key, wr in list(self.data.items()):
            value = wr()
            if value is not None:
                yield key, value

    def keys(self):
        for key, wr in list(self.data.items()):
            if wr() is not None:
                yield key

    __iter__ = keys

    def values(self):
        for wr in list(self.data.values()):
            value = wr()
            if value is not None:
                yield value

    def itervaluerefs(self):
        """The KeyedRef objects holding the values; one may be dead by the time it is
        used."""
        yield from list(self.data.values())

    def valuerefs(self):
        """A list of the KeyedRef objects holding the values."""
        return list(self.data.values())

    # -- changes ------------------------------------------------------------------

    def pop(self, key, *args):
        try:
            value = self.data.pop(key)()
        except KeyError:
            value = None
        if value is not None:
            return value
        if args:
            return args[0]
        raise KeyError(key)

    def popitem(self):
        while True:
            key, wr = self.data.popitem()
            value = wr()
            if value is not None:
                return key, value

    def setdefault(self, key, default=None):
        try:
            value = self.data[key]()
        except KeyError:
            value = None
        if value is not None:
            return value
        self.data[key] = KeyedRef(default, self._remove, key)
        return default

    def update(self, other=None, /, **kwargs):
        pairs = [] if other is None else _pairs(other)
        pairs.extend(kwargs.items())
        for key, value in pairs:
            self.data[key] = KeyedRef(value, self._remove, key)

    def clear(self):
        self.data.clear()

    def copy(self):
        # A plain WeakValueDictionary, even for subclasses (as CPython's).
        result = WeakValueDictionary()
        for key, value in self.items():
            result[key] = value
        return result

    __copy__ = copy

    def __deepcopy__(self, memo):
        from copy import deepcopy
        result = self.__class__()
        for key, value in self.items():
            result[deepcopy(key, memo)] = value
        return result



class WeakKeyDictionary(_MappingOperators):
    """Mapping whose keys are held weakly: an entry goes away once its key is
    collected."""

    def __init__(self, dict=None):
        self.data = {}
        owner = ref(self)

        def _key_gone(wr, owner=owner):
            d = owner()
            if d is not None:
                # A dead ref equals only itself and keeps its hash: this finds exactly
                # the entry it keyed.
                d.data.pop(wr, None)

        self._remove = _key_gone
        if dict is not None:
            self.update(dict)

    __class_getitem__ = classmethod(_GenericAlias)

    # Mappings are not reversible (collections.abc.Mapping says so the same way).
    __reversed__ = None

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def __len__(self):
        return len(self.data)

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __setitem__(self, key, value):
        self.data[ref(key, self._remove)] = value

    def __delitem__(self, key):
        del self.data[ref(key)]

    def __contains__(self, key):
        wr = _ref_or_none(key)
        return wr is not None and wr in self.data

    def get(self, key, default=None):
        return self.data.get(ref(key), default)

    # -- iteration (over a snapshot) ----------------------------------------------

    def items(self):
        for wr, value in list(self.data.items()):
            key = wr()
            if key is not None:
                yield key, value

    def keys(self):
        for wr in list(self.data):
            key = wr()
            if key is not None:
                yield key

    __iter__ = keys

    def values(self):
        for wr, value in list(self.data.items()):
            if wr() is not None:
                yield value

    def keyrefs(self):
        """A list of the weak references to the keys."""
        return list(self.data)

    # -- changes ------------------------------------------------------------------

    def pop(self, key, *args):
        return self.data.pop(ref(key), *args)

    def popitem(self):
        while True:
            wr, value = self.data.popitem()
            key = wr()
            if key is not None:
                return key, value

    def setdefault(self, key, default=None):
        return self.data.setdefault(ref(key, self._remove), default)

    def update(self, dict=None, /, **kwargs):
        pairs = [] if dict is None else _pairs(dict)
        pairs.extend(kwargs.items())
        for key, value in pairs:
            self.data[ref(key, self._remove)] = value

    def clear(self):
        self.data.clear()

    def copy(self):
        # A plain WeakKeyDictionary, even for subclasses (as CPython's).
        result = WeakKeyDictionary()
        for key, value in self.items():
            result[key] = value
        return result

    __copy__ = copy

    def __deepcopy__(self, memo):
        from copy import deepcopy
        result = self.__class__()
        for key, value in self.items():
            result[key] = deepcopy(value, memo)
        return result

