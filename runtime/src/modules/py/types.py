"""Names for built-in types, written for weft."""

import sys as _sys


def _f():
    pass


FunctionType = type(_f)
LambdaType = type(lambda: None)
CodeType = type(_f.__code__) if hasattr(_f, "__code__") else None


def _g():
    yield 1


GeneratorType = type(_g())


try:
    _ns = {}
    exec("async def _c():\n    pass\nasync def _ag():\n    yield 1\n", _ns)
    _co = _ns["_c"]()
    CoroutineType = type(_co)
    _co.close()
    AsyncGeneratorType = type(_ns["_ag"]())
    del _co
except Exception:
    pass
_ns = None


class _C:
    def _m(self):
        pass


MethodType = type(_C()._m)
BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)
ModuleType = type(_sys)
NoneType = type(None)
EllipsisType = type(Ellipsis)
NotImplementedType = type(NotImplemented)
MappingProxyType = type(type.__dict__)
try:
    WrapperDescriptorType = type(object.__init__)
    MethodWrapperType = type(object().__str__)
    MethodDescriptorType = type(str.join)
    ClassMethodDescriptorType = type(dict.__dict__["fromkeys"])
except Exception:
    pass


class _NoInstances:
    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create '%s' instances" % cls.__name__)


# weft serves built-in attributes (a function's __code__, a type's __name__) without
# descriptor objects in the class namespace, so this type has no instances yet; it
# exists for code that tests `isinstance(x, types.GetSetDescriptorType)`.
class GetSetDescriptorType(_NoInstances):
    pass


GetSetDescriptorType.__name__ = GetSetDescriptorType.__qualname__ = "getset_descriptor"
GetSetDescriptorType.__module__ = "builtins"


class _Slotted:
    __slots__ = ("_member",)


MemberDescriptorType = type(_Slotted.__dict__["_member"])
del _Slotted
try:
    raise TypeError
except TypeError as _e:
    _tb = _e.__traceback__
    if _tb is not None:
        TracebackType = type(_tb)
        if hasattr(_tb, "tb_frame") and _tb.tb_frame is not None:
            FrameType = type(_tb.tb_frame)
    del _tb
CellType = None
del CellType


def _cell():
    x = 1

    def inner():
        return x
    return inner


try:
    CellType = type(_cell().__closure__[0])
except Exception:
    pass


def _type_repr(obj):
    """How a type argument shows inside `list[...]`."""
    if obj is Ellipsis:
        return "..."
    if isinstance(obj, type) and not isinstance(obj, GenericAlias):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return "%s.%s" % (obj.__module__, obj.__qualname__)
    if isinstance(obj, FunctionType):
        return obj.__name__
    return repr(obj)


class GenericAlias:
    """`list[int]`: a class together with type arguments (PEP 585). Calling it makes an
    instance of the class; as a base class it stands for the class (PEP 560)."""

    __slots__ = ("__origin__", "__args__", "__unpacked__")

    def __init__(self, origin, args, /):
        if not isinstance(args, tuple):
            args = (args,)
        object.__setattr__(self, "__origin__", origin)
        object.__setattr__(self, "__args__", args)
        object.__setattr__(self, "__unpacked__", False)

    @property
    def __parameters__(self):
        params = []
        for a in self.__args__:
            if hasattr(a, "__typing_subst__") and a not in params:
                params.append(a)
            else:
                for p in getattr(a, "__parameters__", ()) if isinstance(a, GenericAlias) else ():
                    if p not in params:
                        params.append(p)
        return tuple(params)

    def __call__(self, *args, **kwargs):
        result = self.__origin__(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except Exception:
            pass
        return result

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return getattr(self.__origin__, name)

    def __setattr__(self, name, value):
        raise AttributeError("readonly attribute")

    def __repr__(self):
        if not self.__args__:
            args = "()"
        else:
            args = ", ".join(_type_repr(a) for a in self.__args__)
        return "%s[%s]" % (_type_repr(self.__origin__), args)

    def __eq__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash(self.__origin__) ^ hash(self.__args__)

    def __getitem__(self, items):
        params = self.__parameters__
        if not params:
            raise TypeError("%r is not a generic class" % self)
        if not isinstance(items, tuple):
            items = (items,)
        if len(items) != len(params):
            raise TypeError("Too %s arguments for %r; actual %d, expected %d" % (
                "many" if len(items) > len(params) else "few", self, len(items), len(params)))
        subst = dict(zip(params, items))
        new = []
        for a in self.__args__:
            if a in subst:
                new.append(subst[a])
            elif isinstance(a, GenericAlias) and a.__parameters__:
                new.append(a[tuple(subst[p] for p in a.__parameters__)])
            else:
                new.append(a)
        return GenericAlias(self.__origin__, tuple(new))

    def __instancecheck__(self, obj):
        raise TypeError("isinstance() argument 2 cannot be a parameterized generic")

    def __subclasscheck__(self, cls):
        raise TypeError("issubclass() argument 2 cannot be a parameterized generic")

    def __reduce__(self):
        return GenericAlias, (self.__origin__, self.__args__)

    def __dir__(self):
        return sorted(set(dir(self.__origin__)) | {"__origin__", "__args__", "__parameters__"})


GenericAlias.__module__ = "types"


def _unionable(x):
    return x is None or isinstance(x, (type, GenericAlias, UnionType))


def _union_or(left, right):
    """`left | right` for classes, None, generic aliases and unions (what `type.__or__`
    and `type.__ror__` answer); NotImplemented for anything else."""
    if not (_unionable(left) and _unionable(right)):
        return NotImplemented
    members = []
    for side in (left, right):
        parts = side.__args__ if isinstance(side, UnionType) else (side,)
        for p in parts:
            if p is None:
                p = NoneType
            if p not in members:
                members.append(p)
    if len(members) == 1:
        return members[0]
    made = object.__new__(UnionType)
    object.__setattr__(made, "__args__", tuple(members))
    return made


class UnionType:
    """`int | str`: the union of its `__args__` (PEP 604); isinstance() and issubclass()
    accept it. Made only by `|`."""

    __slots__ = ("__args__",)

    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create 'types.UnionType' instances")

    def __setattr__(self, name, value):
        raise AttributeError("readonly attribute")

    @property
    def __parameters__(self):
        found = []
        for a in self.__args__:
            for p in getattr(a, "__parameters__", ()) if isinstance(a, GenericAlias) else (
                    (a,) if hasattr(a, "__typing_subst__") else ()):
                if p not in found:
                    found.append(p)
        return tuple(found)

    def __or__(self, other):
        return _union_or(self, other)

    def __ror__(self, other):
        return _union_or(other, self)

    def __eq__(self, other):
        if not isinstance(other, UnionType):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __repr__(self):
        return " | ".join("None" if a is NoneType else _type_repr(a) for a in self.__args__)

    def __instancecheck__(self, obj):
        for a in self.__args__:
            if isinstance(a, GenericAlias):
                raise TypeError("isinstance() argument 2 cannot be a parameterized generic")
        return isinstance(obj, self.__args__)

    def __subclasscheck__(self, cls):
        for a in self.__args__:
            if isinstance(a, GenericAlias):
                raise TypeError("issubclass() argument 2 cannot be a parameterized generic")
        return issubclass(cls, self.__args__)

    def __getitem__(self, items):
        params = self.__parameters__
        if not params:
            raise TypeError("%r is not a generic class" % self)
        if not isinstance(items, tuple):
            items = (items,)
        if len(items) != len(params):
            raise TypeError("Too %s arguments for %r; actual %d, expected %d" % (
                "many" if len(items) > len(params) else "few", self, len(items), len(params)))
        subst = dict(zip(params, items))
        result = None
        for a in self.__args__:
            if a in subst:
                a = subst[a]
            elif isinstance(a, GenericAlias) and a.__parameters__:
                a = a[tuple(subst[p] for p in a.__parameters__)]
            result = a if result is None else result | a
        return result

    def __reduce__(self):
        import functools
        import operator
        return functools.reduce, (operator.or_, self.__args__)


UnionType.__module__ = "types"
GenericAlias.__or__ = lambda self, other: _union_or(self, other)
GenericAlias.__ror__ = lambda self, other: _union_or(other, self)


class SimpleNamespace:
    def __init__(self, mapping_or_iterable=(), /, **kwargs):
        self.__dict__.update(dict(mapping_or_iterable))
        self.__dict__.update(kwargs)

    def __repr__(self):
        if _repr_enter(self):
            return "%s(...)" % _ns_name(self)
        try:
            items = ("%s=%r" % (k, v) for k, v in self.__dict__.items())
            return "%s(%s)" % (_ns_name(self), ", ".join(items))
        finally:
            _repr_leave(self)

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented

    __hash__ = None

    def __reduce__(self):
        return type(self), (), self.__dict__

    def __replace__(self, /, **changes):
        result = type(self)(**self.__dict__)
        result.__dict__.update(changes)
        return result


def _ns_name(ns):
    t = type(ns)
    return "namespace" if t is SimpleNamespace else t.__name__


_running = set()


def _repr_enter(obj):
    import _thread
    key = (id(obj), _thread.get_ident())
    if key in _running:
        return True
    _running.add(key)
    return False


def _repr_leave(obj):
    import _thread
    _running.discard((id(obj), _thread.get_ident()))


def new_class(name, bases=(), kwds=None, exec_body=None):
    """Make a class the way a class statement would, with `exec_body(ns)` as its body."""
    resolved = resolve_bases(bases)
    meta, ns, kwds = prepare_class(name, resolved, kwds)
    if exec_body is not None:
        exec_body(ns)
    if resolved is not bases:
        ns["__orig_bases__"] = bases
    return meta(name, resolved, ns, **kwds)


def resolve_bases(bases):
    """Replace each base that has `__mro_entries__` (and is not a class) by what it gives."""
    out = []
    changed = False
    for b in bases:
        if isinstance(b, type):
            out.append(b)
            continue
        hook = getattr(b, "__mro_entries__", None)
        if hook is None:
            out.append(b)
            continue
        entries = hook(bases)
        if not isinstance(entries, tuple):
            raise TypeError("__mro_entries__ must return a tuple")
        out.extend(entries)
        changed = True
    return tuple(out) if changed else bases


def _winner_meta(meta, bases):
    """The most derived of `meta` and the bases' metaclasses (a conflict is an error)."""
    for b in bases:
        bm = type(b)
        if issubclass(meta, bm):
            continue
        if issubclass(bm, meta):
            meta = bm
            continue
        raise TypeError("metaclass conflict: the metaclass of a derived class must be "
                        "a (non-strict) subclass of the metaclasses of all its bases")
    return meta


def prepare_class(name, bases=(), kwds=None):
    """Return (metaclass, namespace, remaining keywords) for a class about to be made."""
    kwds = {} if kwds is None else dict(kwds)
    if "metaclass" in kwds:
        meta = kwds.pop("metaclass")
    else:
        meta = type(bases[0]) if bases else type
    if isinstance(meta, type):
        meta = _winner_meta(meta, bases)
    prep = getattr(meta, "__prepare__", None)
    ns = prep(name, bases, **kwds) if prep is not None else {}
    return meta, ns, kwds


def get_original_bases(cls, /):
    try:
        return cls.__dict__.get("__orig_bases__", cls.__bases__)
    except AttributeError:
        raise TypeError("Expected an instance of type, not %r" % type(cls).__name__) from None


class DynamicClassAttribute:
    """An attribute computed per instance; read on the class itself it raises
    AttributeError, so that a metaclass `__getattr__` answers for the class."""

    def __init__(self, fget=None, fset=None, fdel=None, doc=None):
        self.fget = fget
        self.fset = fset
        self.fdel = fdel
        self.overwrite_doc = doc is None
        if doc is None and fget is not None:
            doc = getattr(fget, "__doc__", None)
        self.__doc__ = doc
        self.__isabstractmethod__ = bool(getattr(fget, "__isabstractmethod__", False))

    def __get__(self, instance, ownerclass=None):
        if instance is None:
            if self.__isabstractmethod__:
                return self
            raise AttributeError()
        if self.fget is None:
            raise AttributeError("unreadable attribute")
        return self.fget(instance)

    def __set__(self, instance, value):
        if self.fset is None:
            raise AttributeError("can't set attribute")
        self.fset(instance, value)

    def __delete__(self, instance):
        if self.fdel is None:
            raise AttributeError("can't delete attribute")
        self.fdel(instance)

    def _with(self, fget, fset, fdel):
        doc = self.__doc__ if not self.overwrite_doc else None
        made = type(self)(fget, fset, fdel, doc)
        made.overwrite_doc = self.overwrite_doc
        return made

    def getter(self, fget):
        return self._with(fget, self.fset, self.fdel)

    def setter(self, fset):
        return self._with(self.fget, fset, self.fdel)

    def deleter(self, fdel):
        return self._with(self.fget, self.fset, fdel)


# ---- types.coroutine: generator-based coroutines ---------------------------------

_CO_GENERATOR = 0x20
_CO_COROUTINE = 0x80
_CO_ITERABLE_COROUTINE = 0x100


class _AwaitableGenerator:
    """A generator handed back by a `types.coroutine` function that is not itself a
    generator function: it stays a generator, and `await` takes it too."""

    __slots__ = ("_it",)

    def __init__(self, it):
        self._it = it

    def __await__(self):
        return self._it

    def __iter__(self):
        return self._it

    def __next__(self):
        return next(self._it)

    def send(self, value):
        return self._it.send(value)

    def throw(self, *exc):
        return self._it.throw(*exc)

    def close(self):
        return self._it.close()

    cr_code = gi_code = property(lambda self: self._it.gi_code)
    cr_frame = gi_frame = property(lambda self: self._it.gi_frame)
    cr_running = gi_running = property(lambda self: self._it.gi_running)
    cr_await = gi_yieldfrom = property(lambda self: self._it.gi_yieldfrom)


def coroutine(func):
    """Let `await` take the generators `func` makes (a generator-based coroutine)."""
    if not callable(func):
        raise TypeError("types.coroutine() expects a callable")
    code = getattr(func, "__code__", None)
    if type(func) is FunctionType and code is not None:
        if code.co_flags & (_CO_COROUTINE | _CO_ITERABLE_COROUTINE):
            return func
        if code.co_flags & _CO_GENERATOR:
            import _coroutines
            return _coroutines.iterable_coroutine(func)

    def call(*args, **kwargs):
        made = func(*args, **kwargs)
        if type(made) is GeneratorType and not made.gi_code.co_flags & _CO_ITERABLE_COROUTINE:
            return _AwaitableGenerator(made)
        return made

    for attr in ("__module__", "__name__", "__qualname__", "__doc__"):
        try:
            setattr(call, attr, getattr(func, attr))
        except AttributeError:
            pass
    call.__wrapped__ = func
    return call


del _f, _g, _C, _cell, _ns
