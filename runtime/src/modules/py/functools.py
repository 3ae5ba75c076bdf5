"""Higher-order functions, written for weft."""

import _thread

__all__ = [
    "update_wrapper", "wraps", "WRAPPER_ASSIGNMENTS", "WRAPPER_UPDATES",
    "total_ordering", "cache", "cmp_to_key", "lru_cache", "reduce", "partial",
    "partialmethod", "singledispatch", "singledispatchmethod", "cached_property",
]

WRAPPER_ASSIGNMENTS = ("__module__", "__name__", "__qualname__", "__doc__",
                       "__annotations__", "__type_params__")
WRAPPER_UPDATES = ("__dict__",)


def _lazy_annotations(f):
    # A function whose annotations are still to be computed by its __annotate__.
    d = getattr(f, "__dict__", None)
    return (type(d) is dict and d.get("__annotate__") is not None
            and "__annotations__" not in d)


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS,
                   updated=WRAPPER_UPDATES):
    for name in assigned:
        if name == "__annotations__" and _lazy_annotations(wrapped):
            # Keep them lazy (PEP 649): the wrapper gets the function computing them,
            # so a forward reference need not exist when the decorator runs.
            try:
                wrapper.__annotate__ = wrapped.__annotate__
                continue
            except (AttributeError, TypeError):
                pass
        try:
            value = getattr(wrapped, name)
        except AttributeError:
            continue
        try:
            setattr(wrapper, name, value)
        except (AttributeError, TypeError):
            pass
    for name in updated:
        try:
            getattr(wrapper, name).update(getattr(wrapped, name, {}))
        except AttributeError:
            pass
    wrapper.__wrapped__ = wrapped
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    return partial(update_wrapper, wrapped=wrapped, assigned=assigned,
                   updated=updated)


_initial_missing = object()


def reduce(function, iterable, initial=_initial_missing, /):
    it = iter(iterable)
    if initial is _initial_missing:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError("reduce() of empty iterable with no initial value") from None
    else:
        value = initial
    for element in it:
        value = function(value, element)
    return value


def _merged(stored, given):
    """Keyword arguments of a call through a partial: the call's win."""
    if not stored:
        return given
    merged = dict(stored)
    merged.update(given)
    return merged


_FIELDS = ("func", "args", "keywords")


def _own_attributes(p):
    """The attributes set on a partial beyond its three fields. (weft keeps the slot
    fields in __dict__ too when __dict__ is also a slot, so they are left out here.)"""
    return {name: value for name, value in p.__dict__.items() if name not in _FIELDS}


def _flattens(func):
    """A partial made from this partial takes over its function and arguments (as
    CPython's does when func is a partial without attributes of its own)."""
    return (isinstance(func, partial) and type(func).__new__ is partial.__new__
            and not _own_attributes(func))


class partial:
    """partial(func, *args, **keywords): a callable that calls func with these
    arguments first, then the ones it is called with. A partial of a plain partial is
    flattened into one."""

    __slots__ = ("func", "args", "keywords", "__dict__", "__weakref__")

    def __new__(cls, func, /, *args, **keywords):
        if not callable(func):
            raise TypeError("the first argument must be callable")
        if _flattens(func):
            args = func.args + args
            keywords = _merged(func.keywords, keywords)
            func = func.func
        self = object.__new__(cls)
        self.func, self.args, self.keywords = func, args, keywords
        return self

    def __call__(self, /, *args, **keywords):
        return self.func(*self.args, *args, **_merged(self.keywords, keywords))

    # No __get__: like the C partial, it is not a method when stored on a class (and
    # inspect does not take it for a method descriptor).

    def __repr__(self):
        cls = type(self)
        shown = [repr(self.func)] + [repr(arg) for arg in self.args]
        shown += ["%s=%r" % pair for pair in self.keywords.items()]
        prefix = "" if cls.__module__ == "builtins" else cls.__module__ + "."
        return "%s%s(%s)" % (prefix, cls.__qualname__, ", ".join(shown))

    def __reduce__(self):
        state = (self.func, self.args, self.keywords or None,
                 _own_attributes(self) or None)
        return type(self), (self.func,), state


def _unwrap_partial(func):
    """The callable at the bottom of nested partial objects (inspect uses it)."""
    while isinstance(func, partial):
        func = func.func
    return func


def _function():
    pass


_FunctionType = type(_function)


def _bind(func, obj, cls):
    """func.__get__(obj, cls). weft's functions, staticmethods and classmethods have
    no __get__ attribute yet, so those are bound here by hand (a partial stands in for
    the bound method)."""
    if type(func) is _FunctionType:
        return func if obj is None else partial(func, obj)
    if isinstance(func, staticmethod):
        return func.__func__
    if isinstance(func, classmethod):
        return partial(func.__func__, type(obj) if cls is None else cls)
    get = getattr(func, "__get__", None)
    return func if get is None else get(obj, cls)


def _callable_or_descriptor(func):
    # weft's staticmethod and classmethod have no __get__ attribute yet
    return (callable(func) or hasattr(func, "__get__")
            or isinstance(func, (staticmethod, classmethod)))


class partialmethod:
    """Like partial, but for use in a class body: the bound object (or class) goes
    first, before the stored arguments."""

    def __init__(self, func, /, *args, **keywords):
        if not _callable_or_descriptor(func):
            raise TypeError("%r is not callable or a descriptor" % (func,))
        if isinstance(func, partialmethod):
            # flatten, like partial does
            args = func.args + args
            keywords = _merged(func.keywords, keywords)
            func = func.func
        self.func, self.args, self.keywords = func, args, keywords

    def _unbound(self):
        def method(cls_or_self, /, *args, **keywords):
            return self.func(cls_or_self, *self.args, *args,
                             **_merged(self.keywords, keywords))
        method.__isabstractmethod__ = self.__isabstractmethod__
        method._partialmethod = self
        return method

    def __get__(self, obj, cls=None):
        func = self.func
        bound = _bind(func, obj, cls)
        if bound is not func:
            return partial(bound, *self.args, **self.keywords)
        # func does not bind (a callable object): behave as a function would
        unbound = self._unbound()
        return unbound if obj is None else partial(unbound, obj)

    @property
    def __isabstractmethod__(self):
        return getattr(self.func, "__isabstractmethod__", False)


# ---- total_ordering -------------------------------------------------------------------

# For each comparison a class may define (the "root"): how to get the other three from
# it, as (name, negate the root's answer?, then combine with == or != or nothing).
_DERIVED = {
    "__lt__": (("__gt__", True, "!="), ("__le__", False, "=="), ("__ge__", True, None)),
    "__le__": (("__ge__", True, "=="), ("__lt__", False, "!="), ("__gt__", True, None)),
    "__gt__": (("__lt__", True, "!="), ("__ge__", False, "=="), ("__le__", True, None)),
    "__ge__": (("__le__", True, "=="), ("__gt__", False, "!="), ("__lt__", True, None)),
}


def _derived_comparison(name, root, negate, combine):
    def compare(self, other):
        answer = getattr(type(self), root)(self, other)
        if answer is NotImplemented:
            return answer
        if negate:
            answer = not answer
        if combine == "==":
            return answer or self == other
        if combine == "!=":
            return answer and self != other
        return answer
    compare.__name__ = name
    compare.__qualname__ = "_%s_from_%s" % (name.strip("_"), root.strip("_"))
    return compare


def total_ordering(cls):
    """Class decorator: fill in the missing rich comparisons from the first of
    __lt__, __le__, __gt__, __ge__ that the class defines itself."""
    defined = [name for name in _DERIVED
               if getattr(cls, name, None) is not getattr(object, name, None)]
    if not defined:
        raise ValueError("must define at least one ordering operation: < > <= >=")
    root = defined[0]
    for name, negate, combine in _DERIVED[root]:
        if name not in defined:
            setattr(cls, name, _derived_comparison(name, root, negate, combine))
    return cls


# ---- cmp_to_key -----------------------------------------------------------------------

def _key_comparison(test):
    def compare(self, other):
        return test(self._cmp(self.obj, other.obj))
    return compare


class _CmpKey:
    """Base of the classes cmp_to_key makes: wraps one object, compares through the
    old-style cmp function stored on the subclass."""

    __slots__ = ("obj",)
    __hash__ = None

    def __init__(self, obj):
        self.obj = obj

    __lt__ = _key_comparison(lambda c: c < 0)
    __gt__ = _key_comparison(lambda c: c > 0)
    __eq__ = _key_comparison(lambda c: c == 0)
    __le__ = _key_comparison(lambda c: c <= 0)
    __ge__ = _key_comparison(lambda c: c >= 0)


def cmp_to_key(mycmp):
    """Turn an old-style cmp function (negative, zero or positive) into a key class."""
    return type("K", (_CmpKey,), {"__slots__": (), "_cmp": staticmethod(mycmp),
                                  "__module__": __name__})


# ---- lru_cache ------------------------------------------------------------------------

class _CacheInfo(tuple):
    __slots__ = ()
    _fields = ("hits", "misses", "maxsize", "currsize")

    def __new__(cls, hits, misses, maxsize, currsize):
        return tuple.__new__(cls, (hits, misses, maxsize, currsize))

    hits = property(lambda self: self[0])
    misses = property(lambda self: self[1])
    maxsize = property(lambda self: self[2])
    currsize = property(lambda self: self[3])

    def __repr__(self):
        return "CacheInfo(hits=%r, misses=%r, maxsize=%r, currsize=%r)" % tuple(self)


_kwd_mark = object()


def _make_key(args, kwds, typed):
    """The cache key of one call: the positional arguments, then a marker and the
    keyword pairs in call order, then (when typed) the type of every argument. A lone
    int or str argument is its own key."""
    if not kwds and not typed:
        if len(args) == 1 and type(args[0]) in (int, str):
            return args[0]
        return args
    parts = list(args)
    if kwds:
        parts.append(_kwd_mark)
        for pair in kwds.items():
            parts.extend(pair)
    if typed:
        parts.extend(map(type, args))
        parts.extend(map(type, kwds.values()))
    return tuple(parts)


def _lru_wrapper(user_function, maxsize, typed):
    cache = {}
    stats = [0, 0]  # hits, misses
    lock = _thread.allocate_lock()
    make_key = _make_key
    sentinel = object()

    if maxsize == 0:
        def wrapper(*args, **kwds):
            stats[1] += 1
            return user_function(*args, **kwds)
    elif maxsize is None:
        def wrapper(*args, **kwds):
            key = make_key(args, kwds, typed)
            result = cache.get(key, sentinel)
            if result is not sentinel:
                stats[0] += 1
                return result
            stats[1] += 1
            result = user_function(*args, **kwds)
            cache[key] = result
            return result
    else:
        def wrapper(*args, **kwds):
            key = make_key(args, kwds, typed)
            with lock:
                if key in cache:
                    result = cache.pop(key)
                    cache[key] = result  # most recently used goes last
                    stats[0] += 1
                    return result
                stats[1] += 1
            result = user_function(*args, **kwds)
            with lock:
                if key not in cache:
                    cache[key] = result
                    while len(cache) > maxsize:
                        del cache[next(iter(cache))]
            return result

    def cache_info():
        with lock:
            return _CacheInfo(stats[0], stats[1], maxsize, len(cache))

    def cache_clear():
        with lock:
            cache.clear()
            stats[0] = stats[1] = 0

    def cache_parameters():
        return {"maxsize": maxsize, "typed": typed}

    wrapper.cache_info = cache_info
    wrapper.cache_clear = cache_clear
    wrapper.cache_parameters = cache_parameters
    return update_wrapper(wrapper, user_function)


def lru_cache(maxsize=128, typed=False):
    if isinstance(maxsize, int) and not isinstance(maxsize, bool) or maxsize is None:
        if maxsize is not None and maxsize < 0:
            maxsize = 0
    elif callable(maxsize) and isinstance(typed, bool):
        user_function, maxsize = maxsize, 128
        return _lru_wrapper(user_function, maxsize, typed)
    else:
        raise TypeError("Expected first argument to be an integer, a callable, or None")

    def decorating_function(user_function):
        return _lru_wrapper(user_function, maxsize, typed)
    return decorating_function


def cache(user_function, /):
    return lru_cache(maxsize=None)(user_function)


# ---- cached_property ------------------------------------------------------------------

_NOT_FOUND = object()


class cached_property:
    """A property computed once per instance: the first access stores the value in the
    instance's __dict__ under the same name, which then shadows this descriptor."""

    def __init__(self, func):
        self.attrname = None            # set by __set_name__
        self.func = func
        self.__module__ = getattr(func, "__module__", None)
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name):
        if self.attrname is not None and name != self.attrname:
            raise TypeError("Cannot assign the same cached_property to two different "
                            "names (%r and %r)." % (self.attrname, name))
        self.attrname = name

    def _storage(self, instance):
        if self.attrname is None:
            raise TypeError("Cannot use cached_property instance without calling "
                            "__set_name__ on it.")
        storage = getattr(instance, "__dict__", None)
        if storage is None:
            raise TypeError("No '__dict__' attribute on %r instance to cache %r property."
                            % (type(instance).__name__, self.attrname))
        return storage

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        storage = self._storage(instance)
        value = storage.get(self.attrname, _NOT_FOUND)
        if value is _NOT_FOUND:
            value = storage[self.attrname] = self.func(instance)
        return value


# ---- singledispatch -------------------------------------------------------------------

def _dispatch_order(cls, registered):
    """cls.__mro__ with the registered ABCs that cls is a virtual subclass of worked in:
    each goes right after the last class of the MRO that is a subclass of it (the more
    specific of two ABCs first)."""
    order = list(cls.__mro__)
    virtual = [k for k in registered
               if isinstance(k, type) and k not in order and issubclass(cls, k)]
    # most specific first, so that each lands before the ABCs it derives from
    virtual.sort(key=lambda abc: -sum(1 for other in virtual if issubclass(abc, other)))
    for abc in virtual:
        after = max(i for i, klass in enumerate(order)
                    if klass not in virtual and issubclass(klass, abc))
        place = after + 1
        while place < len(order) and order[place] in virtual and issubclass(order[place], abc):
            place += 1
        order.insert(place, abc)
    return order


def _find_impl(cls, registry):
    order = _dispatch_order(cls, registry)
    real = cls.__mro__
    for i, klass in enumerate(order):
        if klass not in registry:
            continue
        rival = order[i + 1] if i + 1 < len(order) else None
        if (rival in registry and rival not in real and klass not in real
                and not issubclass(klass, rival)):
            # two unrelated ABCs match equally well: refuse to guess
            raise RuntimeError("Ambiguous dispatch: {} or {}".format(klass, rival))
        return registry[klass]
    return None


class _Dispatcher:
    """The registry behind one singledispatch function, with a per-class cache that
    is dropped on every registration (and, once ABCs are registered, whenever the ABC
    cache token moves)."""

    def __init__(self, default):
        self.registry = {object: default}
        self.cache = {}
        self.token = None

    def dispatch(self, cls):
        if self.token is not None:
            from abc import get_cache_token
            current = get_cache_token()
            if current != self.token:
                self.cache.clear()
                self.token = current
        impl = self.cache.get(cls)
        if impl is None:
            impl = self.cache[cls] = _find_impl(cls, self.registry)
        return impl

    def register(self, cls, func=None):
        members = _union_members(cls)
        if members is not None and func is not None:
            for member in members:
                self.register(member, func)
            return func
        if members is not None:
            return lambda f: self.register(cls, f)
        if not isinstance(cls, type):
            if func is not None:
                raise TypeError("Invalid first argument to `register()`. "
                                "%r is not a class or union type." % (cls,))
            return self._register_annotated(cls)
        if func is None:
            return lambda f: self.register(cls, f)
        self.registry[cls] = func
        if self.token is None and hasattr(cls, "__abstractmethods__"):
            from abc import get_cache_token
            self.token = get_cache_token()
        self.cache.clear()
        return func

    def _register_annotated(self, func):
        # @register on a function: dispatch on the annotation of its first argument
        annotations = getattr(func, "__annotations__", None) or {}
        if not annotations:
            raise TypeError("Invalid first argument to `register()`: %r. Use either "
                            "`@register(some_class)` or plain `@register` on an "
                            "annotated function." % (func,))
        argname, cls = next(iter(annotations.items()))
        members = _union_members(cls)
        if members is not None:
            if not all(isinstance(m, type) for m in members):
                raise TypeError("Invalid annotation for %r. %r not all arguments are "
                                "classes." % (argname, cls))
        elif not isinstance(cls, type):
            raise TypeError("Invalid annotation for %r. %r is not a class."
                            % (argname, cls))
        return self.register(cls, func)


def _union_members(cls):
    """The classes of `A | B` or `typing.Union[A, B]`; None for anything else."""
    from types import UnionType
    if isinstance(cls, UnionType):
        return cls.__args__
    import sys
    typing = sys.modules.get("typing")
    if typing is not None and getattr(cls, "__origin__", None) is typing.Union:
        return cls.__args__
    return None


def singledispatch(func):
    """Make func a generic function dispatching on the type of its first argument;
    implementations for other types are added with .register()."""
    dispatcher = _Dispatcher(func)
    funcname = getattr(func, "__name__", "singledispatch function")

    def wrapper(*args, **kw):
        if not args:
            raise TypeError("%s requires at least 1 positional argument" % funcname)
        return dispatcher.dispatch(args[0].__class__)(*args, **kw)

    update_wrapper(wrapper, func)
    wrapper.register = dispatcher.register
    wrapper.dispatch = dispatcher.dispatch
    wrapper.registry = dispatcher.registry
    wrapper._clear_cache = dispatcher.cache.clear
    return wrapper


class singledispatchmethod:
    """singledispatch for methods: dispatches on the first argument after self/cls."""

    def __init__(self, func):
        if not _callable_or_descriptor(func):
            raise TypeError("%r is not callable or a descriptor" % (func,))
        self.func = func
        self.dispatcher = singledispatch(func)

    def register(self, cls, method=None):
        """Add an implementation for `cls` (usable as a decorator)."""
        return self.dispatcher.register(cls, func=method)

    @property
    def __isabstractmethod__(self):
        return getattr(self.func, "__isabstractmethod__", False)

    def __get__(self, obj, cls=None):
        dispatch = self.dispatcher.dispatch
        funcname = getattr(self.func, "__name__", "singledispatchmethod method")

        def method(*args, **kwargs):
            if not args:
                raise TypeError("%s requires at least 1 positional argument" % funcname)
            return _bind(dispatch(args[0].__class__), obj, cls)(*args, **kwargs)

        update_wrapper(method, self.func)
        method.register = self.register
        method.__isabstractmethod__ = self.__isabstractmethod__
        return method
