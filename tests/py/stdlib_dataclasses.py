# dataclasses from CPython's Lib: fields, defaults, factories, frozen, order, asdict,
# astuple, replace, __post_init__, InitVar, ClassVar, slots, kw_only, inheritance.
import dataclasses
from dataclasses import (FrozenInstanceError, InitVar, asdict, astuple, dataclass, field,
                         fields, is_dataclass, make_dataclass, replace)
from typing import ClassVar, List


@dataclass
class Point:
    x: int
    y: int = 0


p = Point(1)
print(p, repr(p), p == Point(1, 0), p != Point(2), p.x, p.y)
print(Point.__doc__, [f.name for f in fields(Point)], is_dataclass(p), is_dataclass(Point))
print(asdict(p), astuple(p), replace(p, y=9))


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    tags: tuple = ()


a, b = Version(1, 2), Version(1, 10)
print(a < b, sorted([b, a]), max(a, b), hash(a) == hash(Version(1, 2)))
try:
    a.major = 5
except FrozenInstanceError as e:
    print("FrozenInstanceError", e)


@dataclass
class Inventory:
    items: List[str] = field(default_factory=list)
    counts: dict = field(default_factory=dict, repr=False)
    total: int = field(default=0, compare=False)
    shared: ClassVar[int] = 7

    def add(self, name):
        self.items.append(name)
        self.counts[name] = self.counts.get(name, 0) + 1
        self.total += 1


i1, i2 = Inventory(), Inventory()
i1.add("apple")
i1.add("apple")
print(i1, i2, i1.counts, Inventory.shared, i1 == Inventory(["apple", "apple"], {"apple": 2}, 99))


@dataclass
class Rect:
    w: float
    h: float
    scale: InitVar[float] = 1.0
    area: float = field(init=False)

    def __post_init__(self, scale):
        self.w *= scale
        self.h *= scale
        self.area = self.w * self.h


print(Rect(2, 3), Rect(2, 3, scale=2.0).area, [f.name for f in fields(Rect)])


@dataclass
class Base:
    ident: int
    label: str = "base"


@dataclass
class Child(Base):
    extra: bool = False


print(Child(1), Child(2, "c", True), isinstance(Child(3), Base))


@dataclass(kw_only=True)
class Options:
    verbose: bool = False
    level: int = 1


print(Options(level=3))
try:
    Options(True)
except TypeError as e:
    print("TypeError", e)


@dataclass(slots=True)
class Slim:
    a: int
    b: str = "s"


s = Slim(1)
print(s, Slim.__slots__, hasattr(s, "__dict__"))

Made = make_dataclass("Made", [("name", str), ("size", int, field(default=3))],
                      namespace={"double": lambda self: self.size * 2})
m = Made("m")
print(m, m.double(), Made.__name__)


@dataclass(eq=False)
class Identity:
    v: int


print(Identity(1) == Identity(1), Identity(1).__eq__ is not None)


@dataclass(unsafe_hash=True)
class Key:
    k: str


print({Key("a"): 1}[Key("a")])
nested = Inventory(items=[Point(1, 2)])
print(asdict(nested), astuple(Version(3, 4, ("x",))))
for bad in ["Point()", "Point(1, 2, 3)", "replace(p, z=1)", "asdict(3)"]:
    try:
        eval(bad)
        print("no error:", bad)
    except Exception as e:
        print(bad, "->", type(e).__name__, e)
try:
    @dataclass
    class Wrong:
        a: int = 0
        b: int
except TypeError as e:
    print("TypeError", e)
try:
    @dataclass
    class Mutable:
        items: list = []
except ValueError as e:
    print("ValueError", e)
print(repr(dataclasses.MISSING).split(" object")[0], field(default=1).default, field().init)
import pprint

pprint.pprint(Inventory(["x" * 20, "y" * 20, "z" * 20]), width=40)
