"""Container datatypes, written for weft.

deque is a ring buffer guarded by a `_thread` lock, so concurrent appends and pops from
several threads (weft has no GIL) never leave it inconsistent.
"""

import _thread
import sys as _sys
import operator as _operator
from operator import itemgetter as _itemgetter
import _collections_abc as _abc
import abc as _abc_module

__all__ = ["ChainMap", "Counter", "OrderedDict", "UserDict", "UserList", "UserString",
           "defaultdict", "deque", "namedtuple"]

__path__ = []


# ---- deque ----------------------------------------------------------------------------

class deque:
    __slots__ = ("_buf", "_head", "_len", "_maxlen", "_lock", "_state", "__weakref__")

    def __new__(cls, *args, **kwargs):
        self = object.__new__(cls)
        self._buf = [None] * 8
        self._head = 0
        self._len = 0
        self._maxlen = None
        self._state = 0
        self._lock = _thread.allocate_lock()
        return self

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError("an integer is required")
            if maxlen < 0:
                raise ValueError("maxlen must be non-negative")
        with self._lock:
            self._buf = [None] * 8
            self._head = 0
            self._len = 0
            self._maxlen = maxlen
            self._state += 1
        if iterable is not self:
            self.extend(iterable)
        else:
            self.extend(list(iterable))

    @property
    def maxlen(self):
        return self._maxlen

    # internal helpers; the caller holds the lock
    def _grow(self):
        buf = self._buf
        n = len(buf)
        h = self._head
        self._buf = buf[h:] + buf[:h] + [None] * n
        self._head = 0

    def _push_right(self, x):
        if self._maxlen is not None and self._len >= self._maxlen:
            if self._maxlen == 0:
                return
            self._pop_left()
        if self._len == len(self._buf):
            self._grow()
        buf = self._buf
        buf[(self._head + self._len) % len(buf)] = x
        self._len += 1
        self._state += 1

    def _push_left(self, x):
        if self._maxlen is not None and self._len >= self._maxlen:
            if self._maxlen == 0:
                return
            self._pop_right()
        if self._len == len(self._buf):
            self._grow()
        buf = self._buf
        self._head = h = (self._head - 1) % len(buf)
        buf[h] = x
        self._len += 1
        self._state += 1

    def _pop_right(self):
        buf = self._buf
        i = (self._head + self._len - 1) % len(buf)
        x = buf[i]
        buf[i] = None
        self._len -= 1
        self._state += 1
        return x

    def _pop_left(self):
        buf = self._buf
        h = self._head
        x = buf[h]
        buf[h] = None
        self._head = (h + 1) % len(buf)
        self._len -= 1
        self._state += 1
        return x

    def _items(self):
        buf = self._buf
        h = self._head
        n = len(buf)
        end = h + self._len
        if end <= n:
            return buf[h:end]
        return buf[h:] + buf[:end - n]

    def _snapshot(self):
        with self._lock:
            return self._items()

    def _set(self, items):
        n = 8
        while n < len(items):
            n *= 2
        self._buf = items + [None] * (n - len(items))
        self._head = 0
        self._len = len(items)
        self._state += 1

    # public API
    def append(self, x, /):
        with self._lock:
            self._push_right(x)

    def appendleft(self, x, /):
        with self._lock:
            self._push_left(x)

    def pop(self):
        with self._lock:
            if not self._len:
                raise IndexError("pop from an empty deque")
            return self._pop_right()

    def popleft(self):
        with self._lock:
            if not self._len:
                raise IndexError("pop from an empty deque")
            return self._pop_left()

    def extend(self, iterable, /):
        if iterable is self:
            iterable = self._snapshot()
        for x in iterable:
            with self._lock:
                self._push_right(x)

    def extendleft(self, iterable, /):
        if iterable is self:
            iterable = self._snapshot()
        for x in iterable:
            with self._lock:
                self._push_left(x)

    def clear(self):
        with self._lock:
            self._set([])

    def copy(self):
        return self.__copy__()

    def __copy__(self):
        cls = type(self)
        if cls is deque:
            return deque(self._snapshot(), self._maxlen)
        return cls(self._snapshot(), self._maxlen)

    def count(self, value, /):
        n = 0
        for x in self._snapshot():
            if x is value or x == value:
                n += 1
        return n

    def index(self, value, start=0, stop=None, /):
        items = self._snapshot()
        size = len(items)
        if stop is None:
            stop = size
        if start < 0:
            start = max(start + size, 0)
        if stop < 0:
            stop = max(stop + size, 0)
        for i in range(start, min(stop, size)):
            x = items[i]
            if x is value or x == value:
                return i
        raise ValueError("%r is not in deque" % (value,))

    def insert(self, index, value, /):
        with self._lock:
            if self._maxlen is not None and self._len >= self._maxlen:
                raise IndexError("deque already at its maximum size")
            items = self._items()
            items.insert(index, value)
            self._set(items)

    def remove(self, value, /):
        with self._lock:
            items = self._items()
            for i, x in enumerate(items):
                if x is value or x == value:
                    del items[i]
                    self._set(items)
                    return
        raise ValueError("%r is not in deque" % (value,))

    def reverse(self):
        with self._lock:
            items = self._items()
            items.reverse()
            self._set(items)

    def rotate(self, n=1, /):
        with self._lock:
            size = self._len
            if size <= 1:
                return
            n %= size
            if not n:
                return
            if self._len == len(self._buf):
                # full buffer: rotating is just moving the head
                self._head = (self._head - n) % len(self._buf)
                self._state += 1
                return
            items = self._items()
            self._set(items[-n:] + items[:-n])

    def __len__(self):
        return self._len

    def __bool__(self):
        return self._len != 0

    def _index(self, i):
        if not isinstance(i, int):
            try:
                i = i.__index__()
            except AttributeError:
                raise TypeError("sequence index must be integer, not '%s'"
                                % type(i).__name__) from None
        n = self._len
        if i < 0:
            i += n
        if i < 0 or i >= n:
            raise IndexError("deque index out of range")
        return (self._head + i) % len(self._buf)

    def __getitem__(self, i):
        if isinstance(i, slice):
            raise TypeError("sequence index must be integer, not 'slice'")
        with self._lock:
            return self._buf[self._index(i)]

    def __setitem__(self, i, value):
        with self._lock:
            self._buf[self._index(i)] = value

    def __delitem__(self, i):
        with self._lock:
            j = self._index(i)
            items = self._items()
            del items[(j - self._head) % len(self._buf)]
            self._set(items)

    def __contains__(self, value):
        for x in self._snapshot():
            if x is value or x == value:
                return True
        return False

    def __iter__(self):
        with self._lock:
            state = self._state
            n = self._len
        i = 0
        while i < n:
            with self._lock:
                if self._state != state:
                    raise RuntimeError("deque mutated during iteration")
                x = self._buf[(self._head + i) % len(self._buf)]
            yield x
            i += 1
        if self._state != state:
            raise RuntimeError("deque mutated during iteration")

    def __reversed__(self):
        items = self._snapshot()
        return reversed(items)

    def __repr__(self):
        if _repr_enter(self):
            return "[...]"
        try:
            items = ", ".join(map(repr, self._snapshot()))
        finally:
            _repr_leave(self)
        name = type(self).__name__
        if self._maxlen is None:
            return "%s([%s])" % (name, items)
        return "%s([%s], maxlen=%d)" % (name, items, self._maxlen)

    def _cmp(self, other, op):
        if not isinstance(other, deque):
            return NotImplemented
        return op(self._snapshot(), other._snapshot())

    def __eq__(self, other):
        return self._cmp(other, lambda a, b: a == b)

    def __ne__(self, other):
        return self._cmp(other, lambda a, b: a != b)

    def __lt__(self, other):
        return self._cmp(other, lambda a, b: a < b)

    def __le__(self, other):
        return self._cmp(other, lambda a, b: a <= b)

    def __gt__(self, other):
        return self._cmp(other, lambda a, b: a > b)

    def __ge__(self, other):
        return self._cmp(other, lambda a, b: a >= b)

    __hash__ = None

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError('can only concatenate deque (not "%s") to deque'
                            % type(other).__name__)
        r = self.__copy__()
        r.extend(other)
        return r

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        r = self.__copy__()
        r *= n
        return r

    __rmul__ = __mul__

    def __imul__(self, n):
        with self._lock:
            items = self._items() * n
            if self._maxlen is not None and len(items) > self._maxlen:
                items = items[len(items) - self._maxlen:]
            self._set(items)
        return self

    def __reduce__(self):
        return type(self), (self._snapshot(), self._maxlen)

    def __class_getitem__(cls, item):
        return cls


_repr_running = {}


def _repr_enter(obj):
    key = (id(obj), _thread.get_ident())
    if key in _repr_running:
        return True
    _repr_running[key] = True
    return False


def _repr_leave(obj):
    _repr_running.pop((id(obj), _thread.get_ident()), None)


# ---- defaultdict ----------------------------------------------------------------------

class defaultdict(dict):
    def __init__(self, default_factory=None, /, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        self.default_factory = default_factory
        dict.__init__(self, *args, **kwargs)

    def __missing__(self, key):
        f = self.default_factory
        if f is None:
            raise KeyError(key)
        value = f()
        self[key] = value
        return value

    def __repr__(self):
        if _repr_enter(self):
            return "..."
        try:
            f = self.default_factory
            fr = "None" if f is None else repr(f)
            return "%s(%s, %s)" % (type(self).__name__, fr, dict.__repr__(self))
        finally:
            _repr_leave(self)

    def copy(self):
        return type(self)(self.default_factory, self)

    __copy__ = copy

    def __reduce__(self):
        return type(self), (self.default_factory,), None, None, iter(self.items())

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        r = self.copy()
        r.update(other)
        return r

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        r = type(self)(self.default_factory, other)
        r.update(self)
        return r

    def __ior__(self, other):
        self.update(other)
        return self


# ---- OrderedDict ----------------------------------------------------------------------

class OrderedDict(dict):
    """A dict that remembers insertion order (as every dict does), with reordering."""

    def __init__(self, other=(), /, **kwargs):
        self.update(other, **kwargs)

    def update(self, other=(), /, **kwargs):
        if isinstance(other, dict) or hasattr(other, "keys"):
            for k in other.keys():
                self[k] = other[k]
        else:
            for k, v in other:
                self[k] = v
        for k, v in kwargs.items():
            self[k] = v

    def move_to_end(self, key, last=True):
        value = dict.pop(self, key)
        if last:
            dict.__setitem__(self, key, value)
        else:
            rest = list(dict.items(self))
            dict.clear(self)
            dict.__setitem__(self, key, value)
            for k, v in rest:
                dict.__setitem__(self, k, v)

    def popitem(self, last=True):
        if not self:
            raise KeyError("dictionary is empty")
        if last:
            key = next(dict.__reversed__(self))
        else:
            key = next(iter(dict.keys(self)))
        return key, dict.pop(self, key)

    _marker = object()

    def pop(self, key, default=_marker):
        if default is OrderedDict._marker:
            return dict.pop(self, key)
        return dict.pop(self, key, default)

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
            return default
        return self[key]

    def copy(self):
        return type(self)(self)

    __copy__ = copy

    @classmethod
    def fromkeys(cls, iterable, value=None):
        self = cls()
        for k in iterable:
            self[k] = value
        return self

    def __repr__(self):
        if not self:
            return "%s()" % type(self).__name__
        if _repr_enter(self):
            return "..."
        try:
            return "%s(%s)" % (type(self).__name__, dict.__repr__(self))
        finally:
            _repr_leave(self)

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return dict.__eq__(self, other) and list(self) == list(other)
        return dict.__eq__(self, other)

    def __ne__(self, other):
        r = self.__eq__(other)
        if r is NotImplemented:
            return r
        return not r

    __hash__ = None

    def __reversed__(self):
        return dict.__reversed__(self)

    def __reduce__(self):
        return type(self), (), None, None, iter(self.items())

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        r = type(self)(self)
        r.update(other)
        return r

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        r = type(self)(other)
        r.update(self)
        return r

    def __ior__(self, other):
        self.update(other)
        return self


# ---- namedtuple -----------------------------------------------------------------------

def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    field_names = list(map(str, field_names))
    typename = _sys.intern(str(typename)) if hasattr(_sys, "intern") else str(typename)

    if rename:
        seen = set()
        for index, name in enumerate(field_names):
            if (not name.isidentifier() or _iskeyword(name)
                    or name.startswith("_") or name in seen):
                field_names[index] = "_%d" % index
            seen.add(name)

    for name in [typename] + field_names:
        if type(name) is not str:
            raise TypeError("Type names and field names must be strings")
        if not name.isidentifier():
            raise ValueError("Type names and field names must be valid "
                             "identifiers: %r" % (name,))
        if _iskeyword(name):
            raise ValueError("Type names and field names cannot be a "
                             "keyword: %r" % (name,))

    seen = set()
    for name in field_names:
        if name.startswith("_") and not rename:
            raise ValueError("Field names cannot start with an underscore: %r" % (name,))
        if name in seen:
            raise ValueError("Encountered duplicate field name: %r" % (name,))
        seen.add(name)

    # the defaults belong to the last fields
    defaults = None if defaults is None else tuple(defaults)
    if defaults and len(defaults) > len(field_names):
        raise TypeError("Got more default values than field names")
    defaulted = field_names[len(field_names) - len(defaults):] if defaults else []
    field_defaults = dict(zip(defaulted, defaults or ()))

    fields = tuple(field_names)
    num_fields = len(fields)
    arg_list = ", ".join(fields)
    if num_fields == 1:
        arg_list += ","
    ns = {"_tuple_new": tuple.__new__}
    src = "def __new__(_cls, %s):\n    return _tuple_new(_cls, (%s))\n" % (
        ", ".join(fields), arg_list)
    exec(src, ns)
    __new__ = ns["__new__"]
    __new__.__doc__ = "Create new instance of %s(%s)" % (typename, ", ".join(fields))
    if defaults:
        __new__.__defaults__ = defaults

    tuple_new = tuple.__new__

    @classmethod
    def _make(cls, iterable):
        result = tuple_new(cls, iterable)
        if len(result) != num_fields:
            raise TypeError("Expected %d arguments, got %d" % (num_fields, len(result)))
        return result

    def _replace(self, /, **kwds):
        result = self._make([kwds.pop(name, self[i]) for i, name in enumerate(fields)])
        if kwds:
            raise TypeError("Got unexpected field names: %r" % list(kwds))
        return result

    repr_fmt = "(" + ", ".join("%s=%%r" % name for name in fields) + ")"

    def __repr__(self):
        return self.__class__.__name__ + repr_fmt % tuple(self)

    def _asdict(self):
        return dict(zip(self._fields, self))

    def __getnewargs__(self):
        return tuple(self)

    namespace = {
        "__doc__": "%s(%s)" % (typename, ", ".join(fields)),
        "__slots__": (),
        "_fields": fields,
        "_field_defaults": field_defaults,
        "__new__": __new__,
        "_make": _make,
        "_replace": _replace,
        "__replace__": _replace,
        "__repr__": __repr__,
        "_asdict": _asdict,
        "__getnewargs__": __getnewargs__,
        "__match_args__": fields,
    }
    for index, name in enumerate(fields):
        namespace[name] = property(_field_getter(index),
                                   doc="Alias for field number %d" % index)

    result = type(typename, (tuple,), namespace)
    result.__qualname__ = typename
    if module is None:
        try:
            module = _sys._getframe(1).f_globals.get("__name__", "__main__")
        except (AttributeError, ValueError):
            module = "__main__"
    result.__module__ = module
    return result


def _field_getter(index):
    def get(self):
        return self[index]
    return get


_keywords = frozenset([
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
    "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass",
    "raise", "return", "try", "while", "with", "yield",
])


def _iskeyword(s):
    return s in _keywords


# ---- Counter --------------------------------------------------------------------------

def _keys_of_both(first, second):
    """The keys of `first`, then those of `second` that `first` lacks."""
    yield from first
    for k in second:
        if k not in first:
            yield k


def _counts_agree(test):
    """A rich comparison of two Counters: `test` holds for the counts of every key of
    either (a missing key counts 0)."""
    def compare(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(test(self[k], other[k]) for k in _keys_of_both(self, other))
    return compare


def _strictly(loose):
    """`<` from `<=` (or `>` from `>=`): the loose relation, but not equal."""
    def compare(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return loose(self, other) and not self == other
    return compare


def _counter_binary(op):
    """Counter + - | &: a new Counter of op(mine, theirs) for every key of either
    (this one's keys first), keeping the positive results only."""
    def combine(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem in _keys_of_both(self, other):
            count = op(self[elem], other[elem])
            if count > 0:
                result[elem] = count
        return result
    return combine


def _counter_unary(op):
    """Unary + and -: a new Counter of op(count), positive results only."""
    def apply(self):
        result = Counter()
        for elem, count in self.items():
            count = op(count)
            if count > 0:
                result[elem] = count
        return result
    return apply


def _counter_inplace(op, over_self=False):
    """Counter += -= |= &=: combine the counts in place (over the other's keys, or
    over this one's for &=), then drop what is not positive."""
    def update(self, other):
        keys = list(self) if over_self else list(other)
        for elem in keys:
            self[elem] = op(self[elem], other[elem])
        for elem in [e for e, count in self.items() if not count > 0]:
            del self[elem]
        return self
    return update


def _larger(a, b):
    return b if a < b else a


def _smaller(a, b):
    return a if a < b else b


class Counter(dict):
    """A dict of counts: missing elements count 0; built from an iterable (counting
    its items) or a mapping of counts."""

    def __init__(self, iterable=None, /, **kwds):
        dict.__init__(self)
        self.update(iterable, **kwds)

    def most_common(self, n=None):
        """(element, count) pairs, the most common first (all of them, or n)."""
        ranked = sorted(self.items(), key=_itemgetter(1), reverse=True)
        return ranked if n is None else ranked[:max(n, 0)]

    def total(self):
        """The sum of the counts."""
        return sum(self.values())

    def elements(self):
        """Each element repeated as many times as its count (counts below 1: never)."""
        for item, times in self.items():
            for _ in range(times):
                yield item

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError(
            "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.")

    def update(self, iterable=None, /, **kwds):
        """Add counts: from a mapping of counts, or one per item of an iterable."""
        if iterable is not None:
            if isinstance(iterable, dict) or hasattr(iterable, "keys") and hasattr(
                    iterable, "__getitem__"):
                if self:
                    get = self.get
                    for elem in iterable.keys():
                        self[elem] = iterable[elem] + get(elem, 0)
                else:
                    for elem in iterable.keys():
                        self[elem] = iterable[elem]
            else:
                get = self.get
                for elem in iterable:
                    self[elem] = get(elem, 0) + 1
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, /, **kwds):
        """Like update, but subtracting (counts may go to zero or below)."""
        if iterable is not None:
            get = self.get
            if isinstance(iterable, dict) or hasattr(iterable, "keys"):
                for elem in iterable.keys():
                    self[elem] = get(elem, 0) - iterable[elem]
            else:
                for elem in iterable:
                    self[elem] = get(elem, 0) - 1
        if kwds:
            self.subtract(kwds)

    def __missing__(self, key):
        # a missing element counts 0 (and is not stored)
        return 0

    def __delitem__(self, elem):
        # deleting a missing element is not an error
        if elem in self:
            dict.__delitem__(self, elem)

    def copy(self):
        return type(self)(self)

    def __reduce__(self):
        return type(self), (dict(self),)

    def __repr__(self):
        name = type(self).__name__
        if not self:
            return name + "()"
        try:
            ordered = dict(self.most_common())
        except TypeError:
            # counts that do not order among themselves: shown as stored
            ordered = dict(self)
        return "%s(%r)" % (name, ordered)

    __eq__ = _counts_agree(lambda a, b: a == b)
    __le__ = _counts_agree(lambda a, b: a <= b)
    __ge__ = _counts_agree(lambda a, b: a >= b)
    __lt__ = _strictly(__le__)
    __gt__ = _strictly(__ge__)
    __hash__ = None

    def __ne__(self, other):
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __add__ = _counter_binary(lambda a, b: a + b)
    __sub__ = _counter_binary(lambda a, b: a - b)
    __or__ = _counter_binary(_larger)
    __and__ = _counter_binary(_smaller)
    __pos__ = _counter_unary(lambda count: count)
    __neg__ = _counter_unary(lambda count: 0 - count)
    __iadd__ = _counter_inplace(lambda a, b: a + b)
    __isub__ = _counter_inplace(lambda a, b: a - b)
    __ior__ = _counter_inplace(_larger)
    __iand__ = _counter_inplace(_smaller, over_self=True)


# ---- ChainMap -------------------------------------------------------------------------

def _in_first_map(name, action):
    """A ChainMap method that works on maps[0] only; a KeyError there names the key
    (or says the first mapping is empty)."""
    def method(self, *args):
        try:
            return action(self.maps[0], *args)
        except KeyError:
            if args:
                raise KeyError("Key not found in the first mapping: %r" % (args[0],))
            raise KeyError("No keys found in the first mapping.")
    method.__name__ = name
    return method


_ABSENT = object()


def _lookup(mapping, key):
    try:
        return mapping[key]
    except KeyError:
        return _ABSENT


class ChainMap(_abc.MutableMapping):
    """Several mappings seen as one: lookups search maps in order, writes and deletes
    go to maps[0]."""

    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __getitem__(self, key):
        for mapping in self.maps:
            # not `key in mapping`: a defaultdict in the chain must get its say
            found = _lookup(mapping, key)
            if found is not _ABSENT:
                return found
        return self.__missing__(key)

    def __missing__(self, key):
        raise KeyError(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __contains__(self, key):
        return any(key in mapping for mapping in self.maps)

    def __iter__(self):
        # every key once, in the order of the last map first (like dict updates)
        seen = {}
        for mapping in reversed(self.maps):
            seen.update(dict.fromkeys(mapping))
        return iter(seen)

    def __len__(self):
        keys = set()
        for mapping in self.maps:
            keys.update(mapping)
        return len(keys)

    def __bool__(self):
        return any(self.maps)

    def __repr__(self):
        if _repr_enter(self):
            return "..."
        try:
            return "%s(%s)" % (type(self).__name__, ", ".join(map(repr, self.maps)))
        finally:
            _repr_leave(self)

    @classmethod
    def fromkeys(cls, iterable, *args):
        return cls(dict.fromkeys(iterable, *args))

    def copy(self):
        """A new ChainMap with a copy of maps[0] and the same other maps."""
        first, *rest = self.maps
        return type(self)(first.copy(), *rest)

    __copy__ = copy

    def new_child(self, m=None, **kwargs):
        """A ChainMap with a new map (m, or a new dict) in front of these."""
        child = kwargs if m is None else m
        if m is not None and kwargs:
            child.update(kwargs)
        return type(self)(child, *self.maps)

    @property
    def parents(self):
        """A ChainMap of every map but the first."""
        return type(self)(*self.maps[1:])

    def clear(self):
        self.maps[0].clear()

    def __setitem__(self, key, value):
        self.maps[0][key] = value

    __delitem__ = _in_first_map("__delitem__", _operator.delitem)
    pop = _in_first_map("pop", lambda first, key, *default: first.pop(key, *default))
    popitem = _in_first_map("popitem", lambda first: first.popitem())

    def __ior__(self, other):
        self.maps[0].update(other)
        return self

    def __or__(self, other):
        if not isinstance(other, _abc.Mapping):
            return NotImplemented
        merged = self.copy()
        merged.maps[0].update(other)
        return merged

    def __ror__(self, other):
        if not isinstance(other, _abc.Mapping):
            return NotImplemented
        merged = dict(other)
        for mapping in reversed(self.maps):
            merged.update(mapping)
        return type(self)(merged)


# ---- UserDict / UserList / UserString -------------------------------------------------
#
# Wrappers around a real dict, list or str kept in `.data`. Most of their methods only
# pass the call on to `.data`; those are generated from the tables below.

def _on_data(name, call, rewrap=False):
    """A method that calls call(self.data, *args); with `rewrap`, a result of the
    wrapped type comes back wrapped in the instance's class."""
    def method(self, *args, **kwargs):
        result = call(self.data, *args, **kwargs)
        if rewrap:
            return type(self)(result)
        return result
    method.__name__ = name
    return method


def _data_method(name, rewrap=False):
    """_on_data for a method of the same name on the wrapped object."""
    def call(data, *args, **kwargs):
        return getattr(data, name)(*args, **kwargs)
    return _on_data(name, call, rewrap)


def _unwrapped(value, kind):
    return value.data if isinstance(value, kind) else value


def _data_comparison(name, op, kind):
    """A rich comparison between the wrapped data and other (unwrapped if it is a
    wrapper of the same kind)."""
    def compare(self, other):
        return op(self.data, _unwrapped(other, kind))
    compare.__name__ = name
    return compare


def _shallow_copy(self, data_copy):
    """__copy__ for the wrappers: the same instance attributes, with a copy of the
    data (set through __dict__, so no descriptor of a subclass interferes)."""
    twin = type(self).__new__(type(self))
    twin.__dict__.update(self.__dict__)
    twin.__dict__["data"] = data_copy(self.__dict__["data"])
    return twin


class UserDict(_abc.MutableMapping):
    """A dict-like class whose contents live in the real dict `data`."""

    def __init__(self, dict=None, /, **kwargs):
        self.data = {}
        self.update(() if dict is None else dict, **kwargs)

    def __getitem__(self, key):
        data = self.data
        if key not in data:
            missing = getattr(type(self), "__missing__", None)
            if missing is None:
                raise KeyError(key)
            return missing(self, key)
        return data[key]

    __len__ = _on_data("__len__", len)
    __iter__ = _on_data("__iter__", iter)
    __contains__ = _on_data("__contains__", _operator.contains)
    __setitem__ = _on_data("__setitem__", _operator.setitem)
    __delitem__ = _on_data("__delitem__", _operator.delitem)
    __repr__ = _on_data("__repr__", repr)

    def get(self, key, default=None):
        # through __contains__ and __getitem__, so a __missing__ plays no part
        return self[key] if key in self else default

    def __or__(self, other):
        if isinstance(other, (UserDict, _dict)):
            return type(self)(self.data | _unwrapped(other, UserDict))
        return NotImplemented

    def __ror__(self, other):
        if isinstance(other, (UserDict, _dict)):
            return type(self)(_unwrapped(other, UserDict) | self.data)
        return NotImplemented

    def __ior__(self, other):
        self.data |= _unwrapped(other, UserDict)
        return self

    def __copy__(self):
        return _shallow_copy(self, _dict.copy)

    def copy(self):
        if type(self) is UserDict:
            return UserDict(self.data.copy())
        # a subclass: copy.copy() keeps its attributes; the data is filled in after
        import copy
        saved, self.data = self.data, {}
        try:
            twin = copy.copy(self)
        finally:
            self.data = saved
        twin.update(self)
        return twin

    @classmethod
    def fromkeys(cls, iterable, value=None):
        made = cls()
        for key in iterable:
            made[key] = value
        return made


_dict = dict


def _wrap_list_operand(other):
    """The list to combine with: a UserList's data, a list itself, else list(other)."""
    if isinstance(other, UserList):
        return other.data
    return other if isinstance(other, list) else list(other)


class UserList(_abc.MutableSequence):
    """A list-like class whose contents live in the real list `data`."""

    __hash__ = None     # __eq__ comes from the table at the end

    def __init__(self, initlist=None):
        if initlist is None:
            self.data = []
        elif type(initlist) is list:
            self.data = initlist[:]
        else:
            self.data = list(_unwrapped(initlist, UserList))

    def __getitem__(self, i):
        found = self.data[i]
        return type(self)(found) if isinstance(i, slice) else found

    __len__ = _on_data("__len__", len)
    __contains__ = _on_data("__contains__", _operator.contains)
    __setitem__ = _on_data("__setitem__", _operator.setitem)
    __delitem__ = _on_data("__delitem__", _operator.delitem)
    __repr__ = _on_data("__repr__", repr)
    __mul__ = __rmul__ = _on_data("__mul__", _operator.mul, rewrap=True)
    copy = _on_data("copy", _operator.itemgetter(slice(None)), rewrap=True)

    def __add__(self, other):
        return type(self)(self.data + _wrap_list_operand(other))

    def __radd__(self, other):
        return type(self)(_wrap_list_operand(other) + self.data)

    def __iadd__(self, other):
        self.data += _wrap_list_operand(other)
        return self

    def __imul__(self, n):
        self.data *= n
        return self

    def __copy__(self):
        return _shallow_copy(self, lambda data: data[:])

    def extend(self, other):
        self.data.extend(_unwrapped(other, UserList))


for _name in ("append", "insert", "pop", "remove", "clear", "count", "index",
              "reverse", "sort"):
    setattr(UserList, _name, _data_method(_name))


class UserString(_abc.Sequence):
    """A str-like class whose text lives in the real str `data`; methods that make a
    new string give an instance of the same class."""

    def __init__(self, seq):
        if isinstance(seq, UserString):
            seq = seq.data
        self.data = seq if isinstance(seq, str) else str(seq)

    __str__ = _on_data("__str__", str)
    __repr__ = _on_data("__repr__", repr)
    __int__ = _on_data("__int__", int)
    __float__ = _on_data("__float__", float)
    __complex__ = _on_data("__complex__", complex)
    __hash__ = _on_data("__hash__", hash)
    __len__ = _on_data("__len__", len)
    __getitem__ = _on_data("__getitem__", _operator.getitem, rewrap=True)
    __mul__ = __rmul__ = _on_data("__mul__", _operator.mul, rewrap=True)
    __mod__ = _on_data("__mod__", _operator.mod, rewrap=True)

    def __getnewargs__(self):
        return (self.data[:],)

    def __contains__(self, char):
        return _unwrapped(char, UserString) in self.data

    def __add__(self, other):
        other = _unwrapped(other, UserString)
        return type(self)(self.data + (other if isinstance(other, str) else str(other)))

    def __radd__(self, other):
        return type(self)((other if isinstance(other, str) else str(other)) + self.data)

    def __rmod__(self, template):
        return type(self)(str(template) % self)

    def encode(self, encoding="utf-8", errors="strict"):
        return self.data.encode("utf-8" if encoding is None else encoding,
                                "strict" if errors is None else errors)

    maketrans = str.maketrans


# The str methods that hand back a new string (wrapped again) and those whose answer
# is passed on as it is; count/find/rfind and removeprefix/removesuffix accept a
# UserString for their first argument, replace() for both of its strings (as in
# CPython, index and rindex do not).
_STR_REWRAPPED = ("capitalize casefold center expandtabs ljust lower lstrip rjust rstrip "
                  "strip swapcase title translate upper zfill")
_STR_PLAIN = ("endswith format format_map index isalnum isalpha isascii isdecimal isdigit "
              "isidentifier islower isnumeric isprintable isspace istitle isupper join "
              "partition rindex rpartition rsplit split splitlines startswith")
_STR_SEARCH = "count find rfind"
_STR_AFFIX = "removeprefix removesuffix"


def _str_search(name, rewrap=False):
    def call(data, sub, *args):
        return getattr(data, name)(_unwrapped(sub, UserString), *args)
    return _on_data(name, call, rewrap)


def _str_replace(data, old, new, *count):
    return data.replace(_unwrapped(old, UserString), _unwrapped(new, UserString), *count)


for _name in _STR_REWRAPPED.split():
    setattr(UserString, _name, _data_method(_name, rewrap=True))
for _name in _STR_PLAIN.split():
    setattr(UserString, _name, _data_method(_name))
for _name in _STR_SEARCH.split():
    setattr(UserString, _name, _str_search(_name))
for _name in _STR_AFFIX.split():
    setattr(UserString, _name, _str_search(_name, rewrap=True))
UserString.replace = _on_data("replace", _str_replace, rewrap=True)
for _name, _op in (("__eq__", _operator.eq), ("__lt__", _operator.lt), ("__le__", _operator.le),
                   ("__gt__", _operator.gt), ("__ge__", _operator.ge)):
    setattr(UserList, _name, _data_comparison(_name, _op, UserList))
    setattr(UserString, _name, _data_comparison(_name, _op, UserString))
del _name, _op
# the methods added above fill in abstract ones of MutableSequence / Sequence
_abc_module.update_abstractmethods(UserList)
_abc_module.update_abstractmethods(UserString)


def _register_abcs():
    _abc.MutableSequence.register(deque)


_register_abcs()
del _register_abcs
