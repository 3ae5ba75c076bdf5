# weft's `_weakrefset` module (frozen into the binary): `WeakSet`, a set that holds its
# elements through weak references, and the small generic-alias type that the weak
# containers return from `Cls[...]`.
#
# How entries go away: every element is stored as `ref(element, callback)`. When an
# element is collected, the collector queues that callback; it runs after the
# collection and discards the dead ref from the set. Iteration walks a snapshot of the
# refs, so a collection (and its callbacks) in the middle of a loop never disturbs it;
# elements that died meanwhile are skipped.

from _weakref import ref


def _ref_or_none(obj):
    """A plain ref to obj, or None when obj cannot be weakly referenced (so it cannot
    be in a weak container either)."""
    try:
        return ref(obj)
    except TypeError:
        return None

__all__ = ['WeakSet']


def _type_repr(obj):
    # How typing shows a type argument: `int`, `mod.Cls`, else repr().
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return obj.__module__ + '.' + obj.__qualname__
    if obj is ...:
        return '...'
    return repr(obj)


class _GenericAlias:
    """What `WeakSet[int]` returns: the class with its type arguments."""

    def __init__(self, origin, args):
        if not isinstance(args, tuple):
            args = (args,)
        self.__origin__ = origin
        self.__args__ = args

    def __repr__(self):
        inner = ', '.join(_type_repr(a) for a in self.__args__)
        return _type_repr(self.__origin__) + '[' + inner + ']'

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ is other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __getattr__(self, name):
        if name.startswith('__') and name.endswith('__'):
            raise AttributeError(name)
        return getattr(self.__origin__, name)


def _refs_of(items):
    # The callback-less refs of an iterable's elements (for lookups and comparisons).
    return set([ref(x) for x in items])


class WeakSet:
    """A set whose elements are held weakly: an element leaves the set once it is
    collected."""

    def __init__(self, data=None):
        self.data = set()
        owner = ref(self)

        def _discard_dead(wr, owner=owner):
            s = owner()
            if s is not None:
                s.data.discard(wr)

        self._remove = _discard_dead
        if data is not None:
            self.update(data)

    # -- the element refs ---------------------------------------------------------

    def _live(self):
        # A snapshot of the live elements, as a list (the elements are kept alive by it).
        out = []
        for wr in list(self.data):
            x = wr()
            if x is not None:
                out.append(x)
        return out

    def __iter__(self):
        for wr in list(self.data):
            x = wr()
            if x is not None:
                yield x

    def __len__(self):
        return len(self.data)

    def __contains__(self, item):
        wr = _ref_or_none(item)
        return wr is not None and wr in self.data

    def __repr__(self):
        return repr(self.data)

    def __reduce__(self):
        return (self.__class__, (self._live(),), getattr(self, '__dict__', None))

    __class_getitem__ = classmethod(_GenericAlias)

    # -- single elements ----------------------------------------------------------

    def add(self, item):
        self.data.add(ref(item, self._remove))

    def remove(self, item):
        self.data.remove(ref(item))

    def discard(self, item):
        self.data.discard(ref(item))

    def pop(self):
        while self.data:
            x = self.data.pop()()
            if x is not None:
                return x
        raise KeyError('pop from empty WeakSet')

    def clear(self):
        self.data.clear()

    def copy(self):
        return self.__class__(self)

    # -- in-place set algebra -----------------------------------------------------

    def update(self, other):
        for x in other:
            self.add(x)

    def __ior__(self, other):
        self.update(other)
        return self

    def difference_update(self, other):
        self.__isub__(other)

    def __isub__(self, other):
        if other is self:
            self.data.clear()
        else:
            self.data.difference_update(_refs_of(other))
        return self

    def intersection_update(self, other):
        self.__iand__(other)

    def __iand__(self, other):
        self.data.intersection_update(_refs_of(other))
        return self

    def symmetric_difference_update(self, other):
        self.__ixor__(other)

    def __ixor__(self, other):
        if other is self:
            self.data.clear()
        else:
            self.data.symmetric_difference_update(set([ref(x, self._remove) for x in other]))
        return self

    # -- new sets -----------------------------------------------------------------

    def union(self, other):
        result = self.copy()
        result.update(other)
        return result

    __or__ = union

    def difference(self, other):
        result = self.copy()
        result.difference_update(other)
        return result

    __sub__ = difference

    def intersection(self, other):
        return self.__class__([x for x in other if x in self])

    __and__ = intersection

    def symmetric_difference(self, other):
        result = self.copy()
        result.symmetric_difference_update(other)
        return result

    __xor__ = symmetric_difference

    # -- comparisons --------------------------------------------------------------

    def issubset(self, other):
        return self.data.issubset(_refs_of(other))

    __le__ = issubset

    def __lt__(self, other):
        return self.data < _refs_of(other)

    def issuperset(self, other):
        return self.data.issuperset(_refs_of(other))

    __ge__ = issuperset

    def __gt__(self, other):
        return self.data > _refs_of(other)

    def isdisjoint(self, other):
        return not self.intersection(other)

    def __eq__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.data == _refs_of(other)
