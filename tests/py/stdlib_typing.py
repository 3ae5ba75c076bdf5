# typing from CPython's Lib: generics, aliases, unions, protocols, NamedTuple, TypedDict.
import typing
from typing import (Any, Callable, ClassVar, Dict, Generic, List, Literal, NamedTuple,
                    Optional, Protocol, Tuple, TypedDict, TypeVar, Union, cast,
                    get_args, get_origin, get_type_hints, overload, runtime_checkable)

T = TypeVar("T")
K = TypeVar("K", bound=str)
N = TypeVar("N", int, float)
print(T, K, N, T.__name__, K.__bound__, N.__constraints__)

print(List[int], Dict[str, int], Tuple[int, ...], Optional[int], Union[int, str])
print(Union[int, int], Union[int, Union[str, float]], Optional[Union[int, None]])
print(Callable[[int, str], bool], Callable[..., int], Literal[1, "a"], ClassVar[int])
print(get_origin(List[int]), get_args(Dict[str, int]), get_origin(Union[int, str]))
print(get_args(Callable[[int], str]), get_origin(int | str), get_args(Optional[str]))
print(List[int] == List[int], Union[int, str] == Union[str, int], hash(List[int]) == hash(List[int]))
print(typing.List, typing.Sequence[int], typing.Mapping[str, List[T]])


class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item

    def get(self) -> T:
        return self.item


b = Box[int](5)
print(Box[int], b.get(), Box.__parameters__, Box[str].__args__, isinstance(b, Box))


class Pair(Generic[K, N]):
    pass


print(Pair[str, int], Pair.__parameters__)


class Point(NamedTuple):
    x: int
    y: int = 0
    label: str = "p"


p = Point(1, label="q")
print(p, p.x, p._fields, p._asdict(), p._replace(y=5), Point._field_defaults)
print(tuple(p), p == (1, 0, "q"), Point.__annotations__)


class Movie(TypedDict):
    title: str
    year: int


class PartialMovie(TypedDict, total=False):
    rating: float


m = Movie(title="Heat", year=1995)
print(m, type(m), sorted(Movie.__required_keys__), sorted(PartialMovie.__optional_keys__), Movie.__total__)


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


class File:
    def close(self):
        pass


print(isinstance(File(), Closer), isinstance(3, Closer))


def annotated(a: int, b: "str" = "x", *rest: float, flag: Optional[bool] = None) -> List[int]:
    return [a]


print(get_type_hints(annotated))
print(annotated.__annotations__["b"], cast(int, "not really"), cast("List[int]", 7))


@overload
def double(x: int) -> int: ...
@overload
def double(x: str) -> str: ...
def double(x):
    return x * 2


print(double(2), double("ab"))
try:
    typing.get_overloads
    print(len(typing.get_overloads(double)))
except AttributeError:
    print("no get_overloads")

Alias = Dict[str, List[int]]
print(Alias, Alias.__origin__, Alias.__args__)
print(Any, typing.NoReturn, typing.Final[int], typing.Annotated[int, "meta"])
for bad in ["Union[]", "Generic[int]", "List[int, str]", "isinstance(3, List[int])", "T()"]:
    try:
        eval(bad)
        print("no error:", bad)
    except Exception as e:
        print(bad, "->", type(e).__name__, e)
print(typing.TYPE_CHECKING, typing.NewType("UserId", int)(5), typing.NewType("UserId", int))
