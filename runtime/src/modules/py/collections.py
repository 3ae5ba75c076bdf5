"""Container datatypes, written for weft.

deque is a ring buffer guarded by a `_thread` lock, so concurrent appends and pops from
several threads (weft has no GIL) never leave it inconsistent.
"""

import _thread
import sys as _sys
from operator import itemgetter as _itemgetter

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
        if key in self:
            return self[key]
        self[key] = default
        return default

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

    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(field_names):
            raise TypeError("Got more default values than field names")
        _first_defaulted = len(field_names) - len(defaults)
        field_defaults = {name: defaults[i - _first_defaulted]
                          for i, name in enumerate(field_names)
                          if i >= _first_defaulted}

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

def _counter_all(left, right, test):
    keys = set(left)
    keys.update(right)
    for k in keys:
        if not test(left[k], right[k]):
            return False
    return True


def _keys_of_both(first, second):
    """The keys of `first`, then those of `second` that `first` lacks."""
    yield from first
    for k in second:
        if k not in first:
            yield k


class Counter(dict):
    def __init__(self, iterable=None, /, **kwds):
        super().__init__()
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def total(self):
        return sum(self.values())

    def most_common(self, n=None):
        items = sorted(self.items(), key=_itemgetter(1), reverse=True)
        if n is None:
            return items
        if n < 0:
            n = 0
        return items[:n]

    def elements(self):
        for item, times in self.items():
            for _ in range(times):
                yield item

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError(
            "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.")

    def update(self, iterable=None, /, **kwds):
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

    def copy(self):
        return self.__class__(self)

    def __reduce__(self):
        return self.__class__, (dict(self),)

    def __delitem__(self, elem):
        if elem in self:
            super().__delitem__(elem)

    def __repr__(self):
        if not self:
            return "%s()" % self.__class__.__name__
        try:
            d = dict(self.most_common())
        except TypeError:
            d = dict(self)
        return "%s(%r)" % (self.__class__.__name__, d)

    def __eq__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return _counter_all(self, other, lambda a, b: a == b)

    def __ne__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return not self == other

    def __le__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return _counter_all(self, other, lambda a, b: a <= b)

    def __lt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self <= other and self != other

    def __ge__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return _counter_all(self, other, lambda a, b: a >= b)

    def __gt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self >= other and self != other

    __hash__ = None

    def _combined(self, other, op):
        """A new Counter of op(mine, theirs) for every key of either (missing counts
        as 0; this one's keys first), keeping positive results only."""
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem in _keys_of_both(self, other):
            count = op(self[elem], other[elem])
            if count > 0:
                result[elem] = count
        return result

    def __add__(self, other):
        return self._combined(other, lambda a, b: a + b)

    def __sub__(self, other):
        return self._combined(other, lambda a, b: a - b)

    def __or__(self, other):
        return self._combined(other, lambda a, b: b if a < b else a)

    def __and__(self, other):
        return self._combined(other, lambda a, b: a if a < b else b)

    def __pos__(self):
        result = Counter()
        for elem, count in self.items():
            if count > 0:
                result[elem] = count
        return result

    def __neg__(self):
        result = Counter()
        for elem, count in self.items():
            if count < 0:
                result[elem] = 0 - count
        return result

    def _keep_positive(self):
        for elem in [e for e, c in self.items() if not c > 0]:
            del self[elem]
        return self

    def __iadd__(self, other):
        for elem, count in other.items():
            self[elem] += count
        return self._keep_positive()

    def __isub__(self, other):
        for elem, count in other.items():
            self[elem] -= count
        return self._keep_positive()

    def __ior__(self, other):
        for elem, other_count in other.items():
            count = self[elem]
            if other_count > count:
                self[elem] = other_count
        return self._keep_positive()

    def __iand__(self, other):
        for elem, count in self.items():
            other_count = other[elem]
            if other_count < count:
                self[elem] = other_count
        return self._keep_positive()


# ---- ChainMap -------------------------------------------------------------------------

class ChainMap:
    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __missing__(self, key):
        raise KeyError(key)

    def __getitem__(self, key):
        for mapping in self.maps:
            try:
                return mapping[key]
            except KeyError:
                pass
        return self.__missing__(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __len__(self):
        return len(set().union(*self.maps))

    def __iter__(self):
        d = {}
        for mapping in reversed(self.maps):
            for k in mapping:
                d[k] = None
        return iter(d)

    def __contains__(self, key):
        return any(key in m for m in self.maps)

    def __bool__(self):
        return any(self.maps)

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, ", ".join(map(repr, self.maps)))

    @classmethod
    def fromkeys(cls, iterable, *args):
        return cls(dict.fromkeys(iterable, *args))

    def copy(self):
        return self.__class__(self.maps[0].copy(), *self.maps[1:])

    __copy__ = copy

    def new_child(self, m=None, **kwargs):
        if m is None:
            m = kwargs
        elif kwargs:
            m.update(kwargs)
        return self.__class__(m, *self.maps)

    @property
    def parents(self):
        return self.__class__(*self.maps[1:])

    def __setitem__(self, key, value):
        self.maps[0][key] = value

    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError("Key not found in the first mapping: %r" % (key,)) from None

    def popitem(self):
        try:
            return self.maps[0].popitem()
        except KeyError:
            raise KeyError("No keys found in the first mapping.") from None

    def pop(self, key, *args):
        try:
            return self.maps[0].pop(key, *args)
        except KeyError:
            raise KeyError("Key not found in the first mapping: %r" % (key,)) from None

    def clear(self):
        self.maps[0].clear()

    def keys(self):
        return list(self)

    def items(self):
        return [(k, self[k]) for k in self]

    def values(self):
        return [self[k] for k in self]

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def update(self, other=(), /, **kwds):
        self.maps[0].update(other, **kwds)

    def __eq__(self, other):
        try:
            return dict(self.items()) == dict(other.items())
        except AttributeError:
            return NotImplemented

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        m = self.copy()
        m.maps[0].update(other)
        return m

    def __ior__(self, other):
        self.maps[0].update(other)
        return self


# ---- UserDict / UserList / UserString (minimal) ---------------------------------------

class UserDict:
    def __init__(self, dict=None, /, **kwargs):
        self.data = {}
        if dict is not None:
            self.update(dict)
        if kwargs:
            self.update(kwargs)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, key):
        if key in self.data:
            return self.data[key]
        if hasattr(self.__class__, "__missing__"):
            return self.__class__.__missing__(self, key)
        raise KeyError(key)

    def __setitem__(self, key, item):
        self.data[key] = item

    def __delitem__(self, key):
        del self.data[key]

    def __iter__(self):
        return iter(self.data)

    def __contains__(self, key):
        return key in self.data

    def __repr__(self):
        return repr(self.data)

    def __eq__(self, other):
        if isinstance(other, UserDict):
            other = other.data
        return self.data == other

    def keys(self):
        return self.data.keys()

    def items(self):
        return self.data.items()

    def values(self):
        return self.data.values()

    def get(self, key, default=None):
        if key in self:
            return self[key]
        return default

    def pop(self, key, *args):
        return self.data.pop(key, *args)

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def update(self, other=(), /, **kwargs):
        if hasattr(other, "keys"):
            for k in other.keys():
                self[k] = other[k]
        else:
            for k, v in other:
                self[k] = v
        for k, v in kwargs.items():
            self[k] = v

    def clear(self):
        self.data.clear()

    def copy(self):
        c = self.__class__.__new__(self.__class__)
        c.__dict__.update(self.__dict__)
        c.data = self.data.copy()
        return c


class UserList:
    def __init__(self, initlist=None):
        self.data = []
        if initlist is not None:
            if type(initlist) is type(self.data):
                self.data[:] = initlist
            elif isinstance(initlist, UserList):
                self.data[:] = initlist.data[:]
            else:
                self.data = list(initlist)

    def __repr__(self):
        return repr(self.data)

    def __eq__(self, other):
        return self.data == (other.data if isinstance(other, UserList) else other)

    def __lt__(self, other):
        return self.data < (other.data if isinstance(other, UserList) else other)

    def __contains__(self, item):
        return item in self.data

    def __len__(self):
        return len(self.data)

    def __iter__(self):
        return iter(self.data)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self.__class__(self.data[i])
        return self.data[i]

    def __setitem__(self, i, item):
        self.data[i] = item

    def __delitem__(self, i):
        del self.data[i]

    def __add__(self, other):
        if isinstance(other, UserList):
            return self.__class__(self.data + other.data)
        return self.__class__(self.data + list(other))

    def __iadd__(self, other):
        self.data += other.data if isinstance(other, UserList) else list(other)
        return self

    def __mul__(self, n):
        return self.__class__(self.data * n)

    __rmul__ = __mul__

    def append(self, item):
        self.data.append(item)

    def insert(self, i, item):
        self.data.insert(i, item)

    def pop(self, i=-1):
        return self.data.pop(i)

    def remove(self, item):
        self.data.remove(item)

    def clear(self):
        self.data.clear()

    def copy(self):
        return self.__class__(self)

    def count(self, item):
        return self.data.count(item)

    def index(self, item, *args):
        return self.data.index(item, *args)

    def reverse(self):
        self.data.reverse()

    def sort(self, /, *args, **kwds):
        self.data.sort(*args, **kwds)

    def extend(self, other):
        if isinstance(other, UserList):
            self.data.extend(other.data)
        else:
            self.data.extend(other)


class UserString:
    def __init__(self, seq):
        if isinstance(seq, str):
            self.data = seq
        elif isinstance(seq, UserString):
            self.data = seq.data[:]
        else:
            self.data = str(seq)

    def __str__(self):
        return str(self.data)

    def __repr__(self):
        return repr(self.data)

    def __eq__(self, other):
        return self.data == (other.data if isinstance(other, UserString) else other)

    def __hash__(self):
        return hash(self.data)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, index):
        return self.__class__(self.data[index])

    def __add__(self, other):
        if isinstance(other, UserString):
            return self.__class__(self.data + other.data)
        return self.__class__(self.data + str(other))

    def __contains__(self, char):
        if isinstance(char, UserString):
            char = char.data
        return char in self.data

    def __getattr__(self, name):
        attr = getattr(self.data, name)
        if callable(attr):
            def method(*args, **kwargs):
                r = attr(*args, **kwargs)
                return self.__class__(r) if isinstance(r, str) else r
            return method
        return attr


def _register_abcs():
    import _collections_abc as abc
    abc.MutableSequence.register(deque)
    abc.MutableMapping.register(ChainMap)
    abc.MutableMapping.register(UserDict)
    abc.MutableSequence.register(UserList)
    abc.Sequence.register(UserString)


_register_abcs()
del _register_abcs
