"""Run-time support of type parameter syntax and `type` statements (PEP 695).

weft's compiler calls into this module: `typevar`, `paramspec` and `typevartuple` make
the object a type parameter names (a bound, constraints or default is given as a
function of no arguments, called the first time it is asked for); `generic_base`
is the `Generic[...]` base a generic class gets; `TypeAliasType` is the value of a
`type X = ...` statement, whose value is computed on first use.
"""
import sys as _sys
import typing as _typing


def _caller_module(depth=3):
    try:
        return _sys._getframe(depth).f_globals.get("__name__", "__main__")
    except Exception:
        return None


class _Lazy:
    """A value computed by a function on first use (then kept)."""

    def __init__(self, compute, convert=None):
        self.compute = compute
        self.convert = convert
        self.done = False
        self.value = None

    def get(self):
        if not self.done:
            v = self.compute()
            if self.convert is not None:
                v = self.convert(v)
            self.value = v
            self.done = True
        return self.value


class _LazyDefault:
    """The default of a type parameter (evaluated when first asked for), and its repr."""

    @property
    def __default__(self):
        return _typing_no_default if self._default is None else self._default.get()

    def has_default(self):
        return self._default is not None

    def __repr__(self):
        return self.__name__


class TypeVar(_LazyDefault, _typing.TypeVar, _root=True):
    """A type variable made by `def f[T]`, `class C[T: bound]` or `type A[T] = ...`."""

    def __init__(self, name, bound=None, constrained=False, default=None):
        self.__name__ = name
        self.__covariant__ = False
        self.__contravariant__ = False
        self.__infer_variance__ = True
        self._bound = None
        self._constraints = None
        if constrained:
            self._constraints = _Lazy(bound, tuple)
        elif bound is not None:
            self._bound = _Lazy(bound)
        self._default = _Lazy(default) if default is not None else None
        mod = _caller_module()
        if mod is not None:
            self.__module__ = mod

    @property
    def __bound__(self):
        return None if self._bound is None else self._bound.get()

    @property
    def __constraints__(self):
        return () if self._constraints is None else self._constraints.get()


class _NoDefaultType:
    __slots__ = ()

    def __repr__(self):
        return "typing.NoDefault"


_typing_no_default = getattr(_typing, "NoDefault", None) or _NoDefaultType()

for _cls in (TypeVar,):
    _cls.__module__ = "typing"
    _cls.__qualname__ = _cls.__name__


def typevar(name, bound, constrained, default):
    return TypeVar(name, bound, constrained, default)


class ParamSpec(_LazyDefault, _typing.ParamSpec, _root=True):
    """A parameter specification made by `def f[**P]` (its variance is inferred)."""

    def __init__(self, name, default=None):
        super().__init__(name)
        self.__infer_variance__ = True
        self._default = _Lazy(default) if default is not None else None
        mod = _caller_module()
        if mod is not None:
            self.__module__ = mod


ParamSpec.__module__ = "typing"


def paramspec(name, bound, constrained, default):
    return ParamSpec(name, default)


def typevartuple(name, bound, constrained, default):
    t = _typing.TypeVarTuple(name)
    mod = _caller_module(2)
    if mod is not None:
        t.__module__ = mod
    return t


def generic_base(params):
    args = []
    for p in params:
        if isinstance(p, _typing.TypeVarTuple):
            args.append(_typing.Unpack[p])
        else:
            args.append(p)
    return _typing.Generic[tuple(args)]


class TypeAliasType:
    """The value of `type Name[params] = value`: `__value__` is computed on first use."""

    def __init__(self, name, value, type_params=()):
        if not isinstance(name, str):
            raise TypeError("TypeAliasType.__new__() argument 'name' must be str, not "
                            + type(name).__name__)
        object.__setattr__(self, "__name__", name)
        object.__setattr__(self, "__module__", _caller_module(2))
        object.__setattr__(self, "__type_params__", tuple(type_params))
        object.__setattr__(self, "_value", _Lazy(lambda: value))

    def __init_subclass__(cls, *args, **kwargs):
        raise TypeError("type 'typing.TypeAliasType' is not an acceptable base type")

    @property
    def __value__(self):
        return self._value.get()

    @property
    def __parameters__(self):
        return self.__type_params__

    def __setattr__(self, name, value):
        if name in ("__name__", "__module__", "__type_params__", "__value__"):
            raise AttributeError("readonly attribute")
        raise AttributeError(
            f"'typing.TypeAliasType' object has no attribute '{name}'")

    def __delattr__(self, name):
        raise AttributeError("readonly attribute")

    def __repr__(self):
        return self.__name__

    def __getitem__(self, params):
        if not self.__type_params__:
            raise TypeError("Only generic type aliases are subscriptable")
        if not isinstance(params, tuple):
            params = (params,)
        import types
        return types.GenericAlias(self, params)

    def __or__(self, right):
        return _typing.Union[self, right]

    def __ror__(self, left):
        return _typing.Union[left, self]

    def __reduce__(self):
        return self.__name__

    def __call__(self, *args, **kwargs):
        raise TypeError("'typing.TypeAliasType' object is not callable")


TypeAliasType.__module__ = "typing"


def type_alias(name, compute, type_params):
    """`type name[type_params] = value`, `compute` giving the value on first use."""
    alias = TypeAliasType(name, None, type_params)
    object.__setattr__(alias, "__module__", _caller_module(2))
    object.__setattr__(alias, "_value", _Lazy(compute))
    return alias
