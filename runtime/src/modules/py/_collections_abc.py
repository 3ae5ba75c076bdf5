"""collections.abc for weft: the container ABCs and their mixin methods.

How this module is put together:

* The "one-trick" ABCs (Sized, Iterable, Callable, ...) are recognised structurally: a
  class counts as a subclass when its MRO defines the required methods. `_structural`
  builds that __subclasshook__ once for all of them.
* Abstract methods are stubs made by `_stub`; they carry the harmless default result
  that `super()` callers expect (0, False, an empty iterator, StopIteration, ...).
* The Set algebra shares two cores: `_subset` for every comparison and `_set_operator`
  for the operand checks of &, |, -, ^.
* weft's built-in types do not expose every dunder as an attribute yet, so the built-in
  containers are registered with their ABCs explicitly (see `_builtin_types` at the end)
  instead of being found by the structural hooks.
"""

from abc import ABCMeta, abstractmethod
import sys

__all__ = ["Awaitable", "Coroutine", "AsyncIterable", "AsyncIterator", "AsyncGenerator",
           "Hashable", "Iterable", "Iterator", "Generator", "Reversible", "Sized",
           "Container", "Callable", "Collection", "Set", "MutableSet", "Mapping",
           "MutableMapping", "MappingView", "KeysView", "ItemsView", "ValuesView",
           "Sequence", "MutableSequence", "ByteString", "Buffer"]

__name__ = "collections.abc"


# ---- building blocks ----------------------------------------------------------------

def _provides(C, names):
    """True when C's MRO defines every one of `names` (and none of them is blanked out
    with None); NotImplemented otherwise, so the ABC machinery goes on looking."""
    for name in names:
        owner = next((klass for klass in C.__mro__ if name in klass.__dict__), None)
        if owner is None or owner.__dict__[name] is None:
            return NotImplemented
    return True


def _structural(*names):
    """A __subclasshook__ accepting every class that provides all of `names`.

    It answers only for the ABC whose body holds it; a subclass that merely inherits it
    falls back to registration and real inheritance (as in CPython)."""
    def hook(cls, C):
        if cls.__dict__.get("__subclasshook__") is not this:
            return NotImplemented
        return _provides(C, names)
    this = classmethod(hook)
    return this


_NOTHING = object()


def _stub(name, result=None, raises=None, generator=False):
    """An abstract method called `name` whose body gives a neutral answer."""
    if generator:
        def stub(self, *args, **kwargs):
            return iter(())
    elif raises is not None:
        def stub(self, *args, **kwargs):
            raise raises
    else:
        def stub(self, *args, **kwargs):
            return result
    stub.__name__ = name
    return abstractmethod(stub)


def _alias_self(cls, item):
    # Cls[...] is accepted and gives the class back (weft has no GenericAlias here)
    return cls


_generic = classmethod(_alias_self)


@abstractmethod
def _throw(self, typ, val=None, tb=None):
    """The abstract throw(): raise what was thrown in."""
    raise typ


_throw.__name__ = "throw"


def _close_by_throwing(self, kind):
    """close() for coroutines and generators: throw GeneratorExit in, expect it out."""
    try:
        self.throw(GeneratorExit)
    except (GeneratorExit, StopIteration):
        return
    raise RuntimeError("%s ignored GeneratorExit" % kind)


# ---- one-trick ABCs -------------------------------------------------------------------

_UNHASHABLE = (list, dict, set, bytearray)


class Hashable(metaclass=ABCMeta):
    __slots__ = ()
    __hash__ = _stub("__hash__", 0)

    @classmethod
    def __subclasshook__(cls, C):
        if cls is not Hashable:
            return NotImplemented
        for klass in C.__mro__:
            if "__hash__" in klass.__dict__:
                return NotImplemented if klass.__dict__["__hash__"] is None else True
            if klass in _UNHASHABLE:
                # weft's built-in mutable containers don't list __hash__ = None
                break
        return NotImplemented


class Awaitable(metaclass=ABCMeta):
    __slots__ = ()
    __await__ = _stub("__await__", generator=True)
    __subclasshook__ = _structural("__await__")


class Coroutine(Awaitable):
    __slots__ = ()
    send = _stub("send", raises=StopIteration)
    throw = _throw
    __subclasshook__ = _structural("__await__", "send", "throw", "close")

    def close(self):
        _close_by_throwing(self, "coroutine")


class AsyncIterable(metaclass=ABCMeta):
    __slots__ = ()
    __aiter__ = _stub("__aiter__")
    __subclasshook__ = _structural("__aiter__")


class AsyncIterator(AsyncIterable):
    __slots__ = ()
    __anext__ = _stub("__anext__", raises=StopAsyncIteration)
    __subclasshook__ = _structural("__anext__", "__aiter__")

    def __aiter__(self):
        return self


class AsyncGenerator(AsyncIterator):
    __slots__ = ()
    __subclasshook__ = _structural("__aiter__", "__anext__", "asend", "athrow", "aclose")


class Iterable(metaclass=ABCMeta):
    __slots__ = ()
    __iter__ = _stub("__iter__", generator=True)
    __subclasshook__ = _structural("__iter__")
    __class_getitem__ = _generic


class Iterator(Iterable):
    __slots__ = ()
    __next__ = _stub("__next__", raises=StopIteration)
    __subclasshook__ = _structural("__iter__", "__next__")

    def __iter__(self):
        return self


class Reversible(Iterable):
    __slots__ = ()
    __reversed__ = _stub("__reversed__", generator=True)
    __subclasshook__ = _structural("__reversed__", "__iter__")


class Generator(Iterator):
    __slots__ = ()
    send = _stub("send", raises=StopIteration)
    throw = _throw
    __subclasshook__ = _structural("__iter__", "__next__", "send", "throw", "close")

    def __next__(self):
        return self.send(None)

    def close(self):
        _close_by_throwing(self, "generator")


class Sized(metaclass=ABCMeta):
    __slots__ = ()
    __len__ = _stub("__len__", 0)
    __subclasshook__ = _structural("__len__")


class Container(metaclass=ABCMeta):
    __slots__ = ()
    __contains__ = _stub("__contains__", False)
    __subclasshook__ = _structural("__contains__")
    __class_getitem__ = _generic


class Collection(Sized, Iterable, Container):
    __slots__ = ()
    __subclasshook__ = _structural("__len__", "__iter__", "__contains__")


class Buffer(metaclass=ABCMeta):
    __slots__ = ()
    __buffer__ = _stub("__buffer__", raises=NotImplementedError)
    __subclasshook__ = _structural("__buffer__")


class Callable(metaclass=ABCMeta):
    __slots__ = ()
    __call__ = _stub("__call__", False)
    __subclasshook__ = _structural("__call__")
    __class_getitem__ = _generic


# ---- Set ------------------------------------------------------------------------------

def _subset(small, big):
    """Every element of `small` is in `big` (the size test first, as a shortcut)."""
    if len(small) > len(big):
        return False
    return all(elem in big for elem in small)


def _relation(test):
    """A rich comparison between two Sets; anything else is NotImplemented."""
    def compare(self, other):
        if isinstance(other, Set):
            return test(self, other)
        return NotImplemented
    return compare


def _set_operator(coerce):
    """Decorator for the binary set operators.

    The right operand must be iterable. With `coerce`, a non-Set iterable is first
    turned into a set of self's kind (via _from_iterable) so that `in` is cheap."""
    def decorate(build):
        def operator(self, other):
            if not isinstance(other, Iterable):
                return NotImplemented
            if coerce and not isinstance(other, Set):
                other = self._from_iterable(other)
            return build(self, other)
        operator.__name__ = build.__name__
        return operator
    return decorate


def _only_in(source, exclude):
    return (elem for elem in source if elem not in exclude)


class Set(Collection):
    """A finite, iterable container; the mixins give the whole set algebra from
    __contains__, __iter__ and __len__."""

    __slots__ = ()

    __le__ = _relation(_subset)
    __ge__ = _relation(lambda a, b: _subset(b, a))
    __lt__ = _relation(lambda a, b: len(a) < len(b) and a.__le__(b))
    __gt__ = _relation(lambda a, b: len(a) > len(b) and a.__ge__(b))
    __eq__ = _relation(lambda a, b: len(a) == len(b) and a.__le__(b))
    __hash__ = None

    @classmethod
    def _from_iterable(cls, it):
        """Build a new set of this kind; override when the constructor differs."""
        return cls(it)

    @_set_operator(coerce=False)
    def __and__(self, other):
        return self._from_iterable(elem for elem in other if elem in self)

    @_set_operator(coerce=False)
    def __or__(self, other):
        def both():
            yield from self
            yield from other
        return self._from_iterable(both())

    @_set_operator(coerce=True)
    def __sub__(self, other):
        return self._from_iterable(_only_in(self, other))

    @_set_operator(coerce=True)
    def __rsub__(self, other):
        return self._from_iterable(_only_in(other, self))

    @_set_operator(coerce=True)
    def __xor__(self, other):
        return (self - other) | (other - self)

    __rand__ = __and__
    __ror__ = __or__
    __rxor__ = __xor__

    def isdisjoint(self, other):
        return not any(elem in self for elem in other)

    def _hash(self):
        """A hash for an immutable Set subclass to use as its __hash__; the same
        numbers as CPython's Set._hash (derived from the element hashes only)."""
        bits = sys.maxsize.bit_length() + 1
        wrap = 1 << bits
        acc = 1927868237 * (len(self) + 1) % wrap
        for elem in self:
            eh = hash(elem)
            acc ^= (eh ^ (eh << 16) ^ 89869747) * 3644798167 % wrap
        acc ^= (acc >> 11) ^ (acc >> 25)
        acc = (acc * 69069 + 907133923) % wrap
        if acc >= wrap >> 1:
            acc -= wrap
        return 590923713 if acc == -1 else acc


def _drain(take, exhausted):
    """Call take() until it raises `exhausted`: the generic clear()."""
    try:
        while True:
            take()
    except exhausted:
        pass


def _inplace(update):
    """An in-place operator from a function that updates self from the operand."""
    def operator(self, other):
        update(self, other)
        return self
    operator.__name__ = update.__name__
    return operator


class MutableSet(Set):
    __slots__ = ()
    add = _stub("add", raises=NotImplementedError)
    discard = _stub("discard", raises=NotImplementedError)

    def pop(self):
        for value in self:
            self.discard(value)
            return value
        raise KeyError

    def remove(self, value):
        if value not in self:
            raise KeyError(value)
        self.discard(value)

    def clear(self):
        _drain(self.pop, KeyError)

    @_inplace
    def __ior__(self, it):
        for value in it:
            self.add(value)

    @_inplace
    def __iand__(self, it):
        for value in self - it:
            self.discard(value)

    @_inplace
    def __ixor__(self, it):
        if it is self:
            return self.clear()
        if not isinstance(it, Set):
            it = self._from_iterable(it)
        for value in it:
            (self.discard if value in self else self.add)(value)

    @_inplace
    def __isub__(self, it):
        if it is self:
            return self.clear()
        for value in it:
            self.discard(value)


# ---- Mapping --------------------------------------------------------------------------

def _same(a, b):
    return a is b or a == b


_as_builtin_set = classmethod(lambda cls, it: set(it))


class MappingView(Sized):
    __slots__ = ("_mapping",)
    __class_getitem__ = _generic

    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, self._mapping)

    def __init__(self, mapping):
        self._mapping = mapping

    def __len__(self):
        return len(self._mapping)


class KeysView(MappingView, Set):
    __slots__ = ()
    _from_iterable = _as_builtin_set

    def __iter__(self):
        yield from self._mapping

    def __contains__(self, key):
        return key in self._mapping


class ItemsView(MappingView, Set):
    __slots__ = ()
    _from_iterable = _as_builtin_set

    def __iter__(self):
        mapping = self._mapping
        for key in mapping:
            yield key, mapping[key]

    def __contains__(self, item):
        key, value = item
        try:
            stored = self._mapping[key]
        except KeyError:
            return False
        return _same(stored, value)


class ValuesView(MappingView, Collection):
    __slots__ = ()

    def __contains__(self, value):
        return any(_same(stored, value) for stored in self)

    def __iter__(self):
        mapping = self._mapping
        for key in mapping:
            yield mapping[key]


def _view(kind):
    """keys(), items() or values(): a fresh view of `kind` on the mapping."""
    def make(self):
        return kind(self)
    make.__name__ = kind.__name__[:-4].lower() + "s"
    return make


class Mapping(Collection):
    """A read-only mapping; the mixins need __getitem__, __iter__ and __len__."""

    __slots__ = ()
    __getitem__ = _stub("__getitem__", raises=KeyError)
    __reversed__ = None
    keys = _view(KeysView)
    items = _view(ItemsView)
    values = _view(ValuesView)

    def __contains__(self, key):
        try:
            self[key]
            return True
        except KeyError:
            return False

    def get(self, key, default=None):
        try:
            found = self[key]
        except KeyError:
            found = default
        return found

    def __eq__(self, other):
        if isinstance(other, Mapping):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    __hash__ = None


def _pairs(source):
    """The (key, value) pairs of a Mapping, of anything with keys(), or of an iterable
    of pairs (whose items the caller unpacks)."""
    if isinstance(source, Mapping):
        for key in source:
            yield key, source[key]
    elif hasattr(source, "keys"):
        for key in source.keys():
            yield key, source[key]
    else:
        yield from source


def _forget(mapping, key, value):
    del mapping[key]
    return value


class MutableMapping(Mapping):
    __slots__ = ()
    __setitem__ = _stub("__setitem__", raises=KeyError)
    __delitem__ = _stub("__delitem__", raises=KeyError)

    def pop(self, key, default=_NOTHING):
        try:
            value = self[key]
        except KeyError:
            if default is not _NOTHING:
                return default
            raise
        return _forget(self, key, value)

    def popitem(self):
        for key in self:
            return key, _forget(self, key, self[key])
        raise KeyError

    def clear(self):
        _drain(self.popitem, KeyError)

    def update(self, other=(), /, **kwds):
        for key, value in _pairs(other):
            self[key] = value
        for key, value in kwds.items():
            self[key] = value

    def setdefault(self, key, default=None):
        try:
            found = self[key]
        except KeyError:
            self[key] = found = default
        return found


# ---- Sequence -------------------------------------------------------------------------

class Sequence(Reversible, Collection):
    """An indexable, sized sequence; the mixins need __getitem__ and __len__."""

    __slots__ = ()
    __getitem__ = _stub("__getitem__", raises=IndexError)

    def __iter__(self):
        # ends at the first IndexError, so __len__ is never consulted
        position = 0
        while True:
            try:
                item = self[position]
            except IndexError:
                return
            yield item
            position += 1

    def __contains__(self, value):
        return any(_same(item, value) for item in self)

    def __reversed__(self):
        position = len(self)
        while position > 0:
            position -= 1
            yield self[position]

    def index(self, value, start=0, stop=None):
        # negative bounds count from the end (start clamped at 0); the scan also ends
        # at the first IndexError, so stop may lie beyond the end
        if start is not None and start < 0:
            start = max(0, start + len(self))
        if stop is not None and stop < 0:
            stop = stop + len(self)
        position = start
        while stop is None or position < stop:
            try:
                item = self[position]
            except IndexError:
                break
            if _same(item, value):
                return position
            position += 1
        raise ValueError

    def count(self, value):
        found = 0
        for item in self:
            if _same(item, value):
                found += 1
        return found


class ByteString(Sequence):
    __slots__ = ()


class MutableSequence(Sequence):
    __slots__ = ()
    __setitem__ = _stub("__setitem__", raises=IndexError)
    __delitem__ = _stub("__delitem__", raises=IndexError)
    insert = _stub("insert", raises=IndexError)

    def append(self, value):
        self.insert(len(self), value)

    def clear(self):
        _drain(self.pop, IndexError)

    def reverse(self):
        last = len(self) - 1
        for front in range(len(self) // 2):
            back = last - front
            self[front], self[back] = self[back], self[front]

    def extend(self, values):
        # list() first when extending with ourselves, or the loop would never end
        for value in (list(values) if values is self else values):
            self.append(value)

    def pop(self, index=-1):
        value = self[index]
        del self[index]
        return value

    def remove(self, value):
        del self[self.index(value)]

    @_inplace
    def __iadd__(self, values):
        self.extend(values)


# ---- the built-in types ---------------------------------------------------------------

def _locals_of_a_call():
    # A function frame's f_locals: the FrameLocalsProxy of PEP 667 (read-write but
    # not deletable, so a Mapping and not a MutableMapping, as in CPython).
    import sys
    return sys._getframe().f_locals


def _builtin_types():
    def function():
        pass

    def generator():
        yield

    d = {}
    iterators = [type(iter(x)) for x in (b"", bytearray(), d.keys(), d.values(),
                                          d.items(), [], reversed([]), range(0), set(),
                                          "", ())]
    iterators += [type(zip()), type(map(function, ())), type(filter(function, ())),
                  type(enumerate(()))]
    sequences = [tuple, str, range, bytes]
    try:
        # A module's __builtins__ is a dict here: look the name up, not dir() of it.
        sequences.append(memoryview)
    except NameError:
        pass
    callables = [type(function), type(len), type]
    if hasattr(function, "__call__"):
        callables.append(type(function.__call__))
    try:
        callables.append(type(generator().send))
    except AttributeError:
        pass
    return [
        (Iterator, iterators),
        (Generator, [type(generator())]),
        (Sequence, sequences),
        (ByteString, [bytes, bytearray]),
        (MutableSequence, [list, bytearray]),
        (Set, [frozenset]),
        (MutableSet, [set]),
        (MutableMapping, [dict]),
        (Mapping, [type(type.__dict__), type(_locals_of_a_call())]),
        (KeysView, [type(d.keys())]),
        (ValuesView, [type(d.values())]),
        (ItemsView, [type(d.items())]),
        (Hashable, [int, float, complex, bool, str, bytes, tuple, frozenset, type(None),
                    type, range, type(function), type(len)]),
        (Callable, callables),
    ]


for _abc, _types in _builtin_types():
    for _t in _types:
        _abc.register(_t)
del _abc, _types, _t, _builtin_types, _locals_of_a_call
