# Object-model corners: PEP 479, __exit__ suppressing, threading.local deletion, sys.flags,
# cells, types.GenericAlias (PEP 585), __mro_entries__ / __prepare__ / metaclass choice,
# __set_name__, __init_subclass__, super().
import sys
import threading
import types


def gen():
    yield 1
    raise StopIteration("inner")


try:
    list(gen())
except RuntimeError as e:
    print("PEP 479:", e, "| cause:", repr(e.__cause__), e.__suppress_context__)


class Quiet:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        print(" exit", self.name, kind.__name__ if kind else None)
        return kind is not None and issubclass(kind, ArithmeticError)


def body(i):
    for n in range(3):
        with Quiet(f"{i}/{n}"):
            if n == i:
                1 / 0
            if n == 2:
                return f"returned at {i}"
            if i == 0 and n == 1:
                continue
    return "end"


for i in range(3):
    print(body(i))
try:
    with Quiet("outer"), Quiet("inner"):
        raise KeyError("k")
except KeyError as e:
    print("escaped", e)

loc = threading.local()
loc.value = 10
del loc.value
print("deleted:", hasattr(loc, "value"))
try:
    del loc.missing
except AttributeError:
    print("deleting a missing attribute raises AttributeError")

print(sys.flags.optimize, sys.flags.dev_mode, sys.flags.int_max_str_digits, len(sys.flags) >= 18)
print(type(sys.warnoptions).__name__, isinstance(sys.flags, tuple))


def make_counter():
    count = 0

    def bump():
        nonlocal count
        count += 1
        return count
    return bump


bump = make_counter()
cell = bump.__closure__[0]
bump()
print("cell:", cell.cell_contents, type(cell) is types.CellType)
cell.cell_contents = 41
print("after set:", bump())
empty = types.CellType()
try:
    empty.cell_contents
except ValueError as e:
    print("empty cell:", e)

print(list[int], dict[str, list[int]], tuple[int, ...], tuple[()], type[int])
alias = dict[str, int]
print(alias.__origin__, alias.__args__, alias.__parameters__, alias == dict[str, int])
print(alias(a=1), type(alias) is types.GenericAlias, list[int]("ab"))
try:
    isinstance({}, alias)
except TypeError as e:
    print(e)
for bad in (int, object):
    try:
        bad[int]
    except TypeError as e:
        print(e)


class Box(list[int]):
    pass


print(Box.__mro__, Box.__orig_bases__, Box([1, 2]))


class Fake:
    def __mro_entries__(self, bases):
        return (dict,)


class FromFake(Fake()):
    pass


print(FromFake.__bases__, type(FromFake.__orig_bases__[0]).__name__)


class Tagged:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}<{item.__name__}>"


print(Tagged[int])


class Recording(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", name, sorted(kw))
        return {"from_prepare": True}

    def __new__(mcls, name, bases, ns, **kw):
        return super().__new__(mcls, name, bases, ns)


class WithMeta(metaclass=Recording, tag="x"):
    pass


class Child(WithMeta):
    pass


print(WithMeta.from_prepare, type(Child).__name__)


class Other(type):
    pass


try:
    class Clash(WithMeta, metaclass=Other):
        pass
except TypeError as e:
    print("TypeError:", e)


class Field:
    def __set_name__(self, owner, name):
        self.where = f"{owner.__name__}.{name}"


class Model:
    first = Field()
    second = Field()


print(Model.first.where, Model.second.where)


class Plugin:
    registry = []

    def __init_subclass__(cls, /, key=None, **kw):
        super().__init_subclass__(**kw)
        cls.key = key
        Plugin.registry.append(cls.__name__)


class One(Plugin, key="one"):
    pass


class Two(One):
    pass


print(Plugin.registry, One.key, Two.key)


class Base:
    def who(self):
        return "Base"

    @classmethod
    def make(cls):
        return cls.__name__


class Mid(Base):
    def who(self):
        return "Mid>" + super().who()

    @classmethod
    def make(cls):
        return "Mid:" + super().make()


class Leaf(Mid):
    def who(self):
        return "Leaf>" + super(Mid, self).who()


print(Leaf().who(), Mid().who(), Leaf.make(), super(Leaf, Leaf()).who())
