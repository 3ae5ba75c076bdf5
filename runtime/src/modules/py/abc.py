"""Abstract base classes for weft, in pure Python (there is no C accelerator).

Every class made by ABCMeta carries one `_AbcState` (in its own __dict__, as
`_abc_impl`): the classes registered with it, the direct ABC subclasses (weft's types
have no __subclasses__() yet), and two verdict caches. A subclass check is decided by
`_decide` and remembered in those caches; positive verdicts stay valid, negative ones
only until the next registration anywhere (the global generation in `_generation`).
weft runs threads in parallel, so the generation and the registries change under a lock.
"""

import _thread

__all__ = ["ABC", "ABCMeta", "abstractmethod", "abstractclassmethod",
           "abstractstaticmethod", "abstractproperty", "get_cache_token",
           "update_abstractmethods"]


def abstractmethod(funcobj):
    """Mark a function abstract: a class (of metaclass ABCMeta) that has such a method
    and does not override it cannot be instantiated."""
    funcobj.__isabstractmethod__ = True
    return funcobj


def _abstract_flavour(base, name):
    """The legacy decorators (abstractclassmethod, ...): `base` with its function
    marked abstract, and abstract itself."""
    def __init__(self, callable):
        abstractmethod(callable)
        base.__init__(self, callable)
    return type(name, (base,), {"__init__": __init__, "__isabstractmethod__": True,
                                "__module__": __name__, "__qualname__": name})


abstractclassmethod = _abstract_flavour(classmethod, "abstractclassmethod")
abstractstaticmethod = _abstract_flavour(staticmethod, "abstractstaticmethod")
abstractproperty = type("abstractproperty", (property,),
                        {"__isabstractmethod__": True, "__module__": __name__,
                         "__qualname__": "abstractproperty"})


# ---- the cache generation -------------------------------------------------------------

_lock = _thread.allocate_lock()
_generation = [0]   # bumped by every registration and every new ABC


def get_cache_token():
    """A value that changes whenever a registration may have changed some verdict."""
    return _generation[0]


class _AbcState:
    __slots__ = ("registry", "subclasses", "yes", "no", "no_generation")

    def __init__(self):
        self.registry = set()
        self.subclasses = []
        self.yes = set()
        self.no = set()
        self.no_generation = _generation[0]

    def known(self, subclass):
        """The remembered verdict for `subclass`, or None."""
        if subclass in self.yes:
            return True
        if self.no_generation != _generation[0]:
            # something was registered since: every negative verdict is stale
            self.no = set()
            self.no_generation = _generation[0]
        elif subclass in self.no:
            return False
        return None

    def remember(self, subclass, verdict):
        (self.yes if verdict else self.no).add(subclass)
        return verdict


def _state(cls):
    return cls.__dict__["_abc_impl"]


# ---- abstract method bookkeeping ------------------------------------------------------

def _is_abstract(value):
    if getattr(value, "__isabstractmethod__", False):
        return True
    # weft's property, classmethod and staticmethod do not forward __isabstractmethod__
    # from the functions they wrap yet, so look inside them here
    if isinstance(value, property):
        return any(_is_abstract(part) for part in (value.fget, value.fset, value.fdel)
                   if part is not None)
    if isinstance(value, (classmethod, staticmethod)):
        return _is_abstract(value.__func__)
    return False


def _attribute(cls, name):
    """`name` as stored on cls or its nearest base (not bound), else getattr's answer."""
    for klass in cls.__mro__:
        if name in klass.__dict__:
            return klass.__dict__[name]
    return getattr(cls, name, None)


def _abstract_names(cls):
    """The names that are still abstract on `cls`: its own abstract attributes plus the
    inherited abstract names it has not overridden."""
    names = {name for name, value in cls.__dict__.items() if _is_abstract(value)}
    for base in cls.__bases__:
        for name in getattr(base, "__abstractmethods__", ()):
            if _is_abstract(_attribute(cls, name)):
                names.add(name)
    return frozenset(names)


def update_abstractmethods(cls):
    """Recompute cls.__abstractmethods__ after methods were added or replaced."""
    if hasattr(cls, "__abstractmethods__"):
        cls.__abstractmethods__ = _abstract_names(cls)
    return cls


def _decide(cls, state, subclass):
    """Is `subclass` a virtual or real subclass of the ABC `cls`? Remembers the verdict,
    except for a class registered directly: like CPython, that one is answered from the
    registry each time (so clearing the registry takes it back)."""
    hook = getattr(cls, "__subclasshook__", None)
    if hook is not None:
        verdict = hook(subclass)
        if verdict is not NotImplemented:
            return state.remember(subclass, bool(verdict))
    if cls in getattr(subclass, "__mro__", ()):
        return state.remember(subclass, True)
    with _lock:
        if subclass in state.registry:
            return True
        others = list(state.registry) + state.subclasses
    return state.remember(subclass, any(issubclass(subclass, other) for other in others))


def _refusal(cls):
    names = sorted(cls.__abstractmethods__)
    plural = "s" if len(names) > 1 else ""
    listed = ", ".join("'%s'" % name for name in names)
    return ("Can't instantiate abstract class %s without an implementation for abstract "
            "method%s %s" % (cls.__name__, plural, listed))


_type_call = type.__call__


class ABCMeta(type):
    """Metaclass of the abstract base classes: tracks abstract methods, refuses to
    instantiate a class that still has some, and supports virtual subclasses through
    register() and __subclasshook__."""

    def __new__(mcls, name, bases, namespace, /, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        cls.__abstractmethods__ = _abstract_names(cls)
        cls._abc_impl = _AbcState()
        parents = [base for base in bases if isinstance(base, ABCMeta)]
        with _lock:
            for base in parents:
                _state(base).subclasses.append(cls)
            _generation[0] += 1
        return cls

    def __call__(cls, *args, **kwargs):
        # Every instantiation of an ABC comes through here, so the common case is kept
        # short: no abstract methods left, and ABCMeta itself as the metaclass.
        if cls.__abstractmethods__:
            raise TypeError(_refusal(cls))
        if type(cls) is ABCMeta:
            return _type_call(cls, *args, **kwargs)
        return super().__call__(*args, **kwargs)

    def register(cls, subclass):
        """Make `subclass` a virtual subclass of this ABC; returns it (so this works as
        a class decorator)."""
        if not isinstance(subclass, type):
            raise TypeError("Can only register classes")
        if not issubclass(subclass, cls):
            if issubclass(cls, subclass):
                raise RuntimeError("Refusing to create an inheritance cycle")
            with _lock:
                _state(cls).registry.add(subclass)
                _generation[0] += 1
        return subclass

    def __instancecheck__(cls, instance):
        # instance.__class__ may differ from type(instance) (proxies): either counts
        claimed = instance.__class__
        actual = type(instance)
        if claimed is actual:
            return cls.__subclasscheck__(claimed)
        return cls.__subclasscheck__(claimed) or cls.__subclasscheck__(actual)

    def __subclasscheck__(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError("issubclass() arg 1 must be a class")
        state = _state(cls)
        verdict = state.known(subclass)
        return _decide(cls, state, subclass) if verdict is None else verdict

    def _abc_registry_clear(cls):
        """Forget every registration (used by tests)."""
        with _lock:
            _state(cls).registry.clear()

    def _abc_caches_clear(cls):
        """Forget every remembered verdict (used by tests)."""
        state = _state(cls)
        state.yes = set()
        state.no = set()


class ABC(metaclass=ABCMeta):
    """Subclass this to make an abstract base class without naming the metaclass."""

    __slots__ = ()

    @classmethod
    def __subclasshook__(cls, subclass):
        return NotImplemented
