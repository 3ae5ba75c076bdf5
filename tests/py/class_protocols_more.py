# Object-model corners the standard library leans on: data descriptors, metaclass
# properties, __delattr__ through super(), type() handing off to a metaclass, __get__ of
# functions and wrappers, __reduce_ex__, __new__ in built-in namespaces, str.__str__,
# __call__ stored as a class, X | Y unions and annotations.
import types


class Loud:
    """A data descriptor: wins over the instance's own dict entry."""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return "got %s=%r" % (self.name, obj.__dict__.get("_" + self.name))

    def __set__(self, obj, value):
        obj.__dict__["_" + self.name] = value * 2

    def __delete__(self, obj):
        print("deleting", self.name)
        obj.__dict__.pop("_" + self.name, None)


class Quiet:
    """A non-data descriptor: the instance's own entry wins."""

    def __get__(self, obj, objtype=None):
        return "quiet"


class Holder:
    x = Loud()
    q = Quiet()


h = Holder()
h.x = 5
h.__dict__["x"] = "shadow"
print(h.x, h.q)
h.__dict__["q"] = "own"
print(h.q)
del h.x
print(h.x, type(Holder.__dict__["x"]).__name__, isinstance(Holder.x, Loud))


class Meta(type):
    @property
    def shout(cls):
        return cls.__name__.upper()

    def __delattr__(cls, name):
        print("meta delattr", name)
        super().__delattr__(name)


class Thing(metaclass=Meta):
    shout = "class attribute loses to the metaclass property"
    tmp = 1


print(Thing.shout)
del Thing.tmp
print(hasattr(Thing, "tmp"))


class Counting(type):
    made = []

    def __new__(mcls, name, bases, ns, **kw):
        Counting.made.append(name)
        return super().__new__(mcls, name, bases, ns)


class Base(metaclass=Counting):
    pass


Dyn = type("Dyn", (Base,), {"v": 1})
print(type(Dyn).__name__, Counting.made, Dyn.v)


def plain(self, y=0):
    return ("plain", self, y)


print(plain.__get__(7)(1), plain.__get__(None, int) is plain)
print(staticmethod(len).__get__(None, list)("abc"), classmethod(plain).__get__(3)())
print(hasattr(plain, "__get__"), "__new__" in int.__dict__, "__new__" in dict.__dict__)
print(int.__new__(int, "12"), str.__new__(str, 5), tuple.__new__(tuple, [1, 2]))


class Tagged(str):
    def __repr__(self):
        return "Tagged!"


t = Tagged("body")
print(str(t), repr(t), str.__str__(t), "%s" % t, f"{t}")


class P:
    def __init__(self, a):
        self.a = a


r = P(3).__reduce_ex__(2)
print(r[0].__name__, r[1][0] is P, r[2])
print(object.__reduce_ex__(P(1), 2)[2], type(P(4).__reduce__()).__name__)


class CallMeta(type):
    __call__ = dict


class Rec(metaclass=CallMeta):
    pass


print(Rec(a=1), type(Rec(b=2)).__name__)

u = int | str
print(u, type(u).__name__, u == (str | int), isinstance(3, u), isinstance(3.0, u))
print(int | None, issubclass(bool, int | float), list[int] | None, u.__args__)
try:
    int | 5
except TypeError as e:
    print("TypeError", e)


def annotated(a: int, b: "later" = 2, *c: str, d: float = 1.0, **e: bytes) -> bool:
    inner: int = 5
    return inner


print(annotated.__annotations__, annotated(1))


class Shape:
    sides: int = 4
    name: str
    _hidden: list


print(Shape.__annotations__, Shape.sides)
print(types.new_class("Made", (Base,), {}, lambda ns: ns.update(k=5)).k)


class Labelled(property):
    """A property subclass whose __get__ decorates what the getter returns."""

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return "<%s>" % super().__get__(obj, objtype)


class Gauge:
    @Labelled
    def level(self):
        return 3


print(Gauge().level, type(Gauge.level).__name__)


class Outer:
    class Inner:
        pass


print(Outer.Inner.__qualname__, "__qualname__" in Outer.__dict__, "__module__" in Outer.__dict__)
try:
    type("Odd", (), {"__qualname__": 3})
except TypeError as e:
    print("TypeError", e)


class Host:
    def act(self):
        return "acted"


Host.act.label = "tagged"
bound = Host().act
print(bound.label, bound.__func__ is Host.act, bound.__name__, repr(bound).startswith("<bound method Host.act"))

import functools


@functools.singledispatch
def kind(x):
    return "other"


@kind.register
def _(x: int | float):
    return "number"


@kind.register
def _(x: str):
    return "text"


print(kind(1), kind(2.5), kind("s"), kind([]))
