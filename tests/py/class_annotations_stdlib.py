# Class annotations (evaluated lazily since PEP 649, see class_annotations_lazy.py)
# still reach what the 3.11 standard library weft runs reads from a class namespace:
# dataclasses, typing.NamedTuple, TypedDict, Protocol members, enum,
# typing.get_type_hints and inspect.get_annotations. The .exp is from python3 (3.11).
import dataclasses
import enum
import inspect
import typing
from typing import NamedTuple, Protocol, TypedDict, runtime_checkable


@dataclasses.dataclass(order=True)
class Item:
    name: str
    price: float = 0.0
    tags: list = dataclasses.field(default_factory=list)
    count: typing.ClassVar[int] = 0


print(Item("pen", 1.5), [f.name for f in dataclasses.fields(Item)])
print(Item("a") < Item("b"), Item.count)


@dataclasses.dataclass
class Child(Item):
    extra: bool = False


print(Child("x", extra=True), [f.name for f in dataclasses.fields(Child)])


class Pair(NamedTuple):
    left: int
    right: str = "r"


print(Pair(1), Pair._fields, Pair.__annotations__, Pair._field_defaults)


class Movie(TypedDict):
    title: str
    year: int


class Extended(Movie, total=False):
    rating: float


print(sorted(Extended.__required_keys__), sorted(Extended.__optional_keys__))
print(Extended.__annotations__)


class Shade(enum.Enum):
    LIGHT = 1
    DARK: int = 2


print(list(Shade), Shade.__annotations__)


@runtime_checkable
class Sized2(Protocol):
    size: int

    def measure(self) -> int: ...


class Box:
    size = 3

    def measure(self):
        return self.size


class NoSize:
    def measure(self):
        return 0


print(isinstance(Box(), Sized2), isinstance(NoSize(), Sized2))


class Base:
    a: int


class Sub(Base):
    b: "str"


print(typing.get_type_hints(Sub))
print(inspect.get_annotations(Sub), inspect.get_annotations(Base))
print(Sub.__annotations__, Base.__annotations__)


class Bare:
    pass


print(Bare.__annotations__, typing.get_type_hints(Bare), inspect.get_annotations(Bare))
print(isinstance(Bare(), Sized2))
