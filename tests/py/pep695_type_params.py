# PEP 695 type parameter syntax and `type` statements.
# The .exp was produced by CPython 3.13 (~/.pyenv/versions/3.13.0/bin/python3);
# CPython 3.11 cannot parse this file.

# A type alias is lazy: its value may name things defined later.
type Pair = tuple[Later, Later]
class Later:
    pass
print(Pair.__name__, Pair.__type_params__, repr(Pair))
print(Pair.__value__)
print(type(Pair).__name__)

type Tree[T] = list[Tree[T] | T]
(T_of_tree,) = Tree.__type_params__
print(T_of_tree, T_of_tree.__name__, Tree.__value__)
print(Tree[int])

# Errors in an alias's value come when it is asked for.
type Broken = undefined_name
try:
    Broken.__value__
except NameError as e:
    print("NameError:", e)

# Generic functions.
def ident[T](x: T) -> T:
    return x
print(ident(5), ident.__type_params__, ident.__name__, ident.__qualname__)

def plain():
    pass
print(plain.__type_params__)

def several[A, *Rest, **Params](a: A, *r: *Rest):
    return (A, Rest, Params)
print(several.__type_params__)
a, rest, params = several(1)
print(type(a).__name__, type(rest).__name__, type(params).__name__)

# Defaults are evaluated where the def is, before the type parameters exist.
base = 10
def with_defaults[T](x=base, *, y=base + 1):
    return x, y
base = 99
print(with_defaults(), with_defaults.__defaults__, with_defaults.__kwdefaults__)

# Decorators see the finished function.
def show(f):
    print("decorating", f.__name__, f.__type_params__)
    return f

@show
def decorated[K, V](k: K, v: V) -> dict[K, V]:
    return {k: v}
print(decorated(1, 2))

# Bounds and constraints are evaluated on first use.
def bounded[B: LaterBound, C: (int, LaterBound)]():
    pass
class LaterBound:
    pass
B, C = bounded.__type_params__
print(B.__bound__.__name__, [c.__name__ for c in C.__constraints__])
print(B.__constraints__, C.__bound__)

def bad_bound[X: nowhere]():
    pass
try:
    bad_bound.__type_params__[0].__bound__
except NameError as e:
    print("NameError:", e)

# Generic classes get Generic[...] as a base.
class Box[T]:
    def __init__(self, item: T):
        self.item = item
    def get(self) -> T:
        return self.item
    def params(self):
        return T
print(Box.__type_params__, Box.__bases__, Box.__qualname__)
print(Box.get.__qualname__, Box(3).get(), Box(3).params() is Box.__type_params__[0])
print(Box[int], Box[int](4).item)
print(Box.__parameters__)

class Child[U](Box[U], metaclass=type):
    pass
print(Child.__bases__, Child.__type_params__)

class Variadic[*Ts]:
    pass
print(Variadic.__type_params__, Variadic[int, str])

class Callback[**P]:
    pass
print(Callback.__type_params__)

# Type parameters are visible in nested functions and classes.
def outer[T]():
    def inner():
        return T
    class Inside:
        attr = T
    return inner(), Inside.attr
print(outer(), outer()[0] is outer.__type_params__[0])

# Generics inside a class body and a function.
class Holder:
    def method[M](self, m: M) -> M:
        return m
    type Alias = int
print(Holder.method.__qualname__, Holder.method.__type_params__, Holder().method(7))
print(Holder.Alias, Holder.Alias.__value__)

def factory():
    class Local[L]:
        pass
    return Local
print(factory().__qualname__, factory().__type_params__)

# The type variables are made once, when the def runs.
def make[T]():
    return T
print(make() is make(), make.__type_params__[0] is make.__type_params__[0])

# Private names are mangled inside a class.
class Mangle:
    def m[__T](self):
        return __T
print(Mangle().m())

# Type variables: repr and attributes.
def tv[T]():
    pass
(T,) = tv.__type_params__
print(repr(T), T.__covariant__, T.__contravariant__, T.__infer_variance__, T.__bound__)
import typing
print(isinstance(T, typing.TypeVar))

# Scopes of type parameters and alias values in a class body see its names.
class Scoped:
    Elem = int
    type Items = list[Elem]
    def first[T: Elem](self, xs: list[T]) -> T:
        return xs[0]
    class Nested[U](dict):
        pass
print(Scoped.Items.__value__, Scoped.first.__type_params__[0].__bound__)
print(Scoped.Nested.__bases__, Scoped.Nested.__qualname__)
Elem = "global Elem"
print(Scoped.Items.__value__)

# A class namespace shadows a global only where the class defines the name.
Other = bytes
class Shadow:
    type Uses = tuple[Other, Elem]
print(Shadow.Uses.__value__)

# Classes without type parameters have none; a generic class has them in its
# namespace while it is made.
class NotGeneric:
    pass
print(NotGeneric.__type_params__, int.__type_params__, (lambda: 0).__type_params__)
class Seen[T]:
    print("in body:", __type_params__)
class Hooked:
    def __init_subclass__(cls):
        print("init_subclass:", cls.__type_params__)
class Sub[V](Hooked):
    pass
class SubOfGeneric(Box[int]):
    pass
print(SubOfGeneric.__type_params__)
