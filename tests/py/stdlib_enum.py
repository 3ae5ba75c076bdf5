# enum from CPython's Lib: Enum, IntEnum, Flag, IntFlag, StrEnum, auto, unique.
import enum
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique


class Colour(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1  # an alias of RED


print(Colour.RED, repr(Colour.GREEN), Colour.BLUE.name, Colour.BLUE.value)
print(list(Colour), len(Colour), Colour.CRIMSON is Colour.RED)
print(Colour(2), Colour["BLUE"], Colour.RED in Colour, 1 in Colour.__members__.values())
print(list(Colour.__members__), type(Colour.__members__).__name__)
print(f"{Colour.RED}", format(Colour.GREEN), "%s" % Colour.BLUE)
print(Colour.RED == Colour.RED, Colour.RED == 1, Colour.RED != Colour.GREEN)
print(isinstance(Colour.RED, Colour), type(Colour.RED).__name__, hash(Colour.RED) == hash(Colour.RED))
print({Colour.RED: "r"}[Colour.CRIMSON])
for bad in ["Colour(9)", "Colour['PINK']", "setattr(Colour, 'RED', 5)", "del Colour.RED"]:
    try:
        exec(bad)
    except Exception as e:
        print(bad, "->", type(e).__name__, e)


class Planet(Enum):
    MERCURY = (3.303e23, 2.4397e6)
    EARTH = (5.976e24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    @property
    def gravity(self):
        return 6.673e-11 * self.mass / (self.radius * self.radius)

    def describe(self):
        return "%s weighs %g" % (self.name.title(), self.mass)


print(round(Planet.EARTH.gravity, 3), Planet.MERCURY.describe(), Planet.EARTH.value)


class Num(IntEnum):
    ONE = 1
    TWO = 2


print(Num.ONE + 1, Num.TWO * 3, Num.ONE < Num.TWO, Num(2), int(Num.TWO), repr(Num.ONE))
print(str(Num.ONE), f"{Num.TWO}", sorted([Num.TWO, Num.ONE]), Num.ONE == 1)


class Step(Enum):
    FIRST = auto()
    SECOND = auto()
    THIRD = auto()


print([(s.name, s.value) for s in Step])


class Lower(enum.StrEnum):
    APPLE = auto()
    PEAR = "pear-ish"


print(Lower.APPLE, Lower.PEAR, Lower.APPLE == "apple", Lower.PEAR.upper(), repr(Lower.APPLE))


class Perm(Flag):
    R = 4
    W = 2
    X = 1


rw = Perm.R | Perm.W
print(rw, repr(rw), Perm.R in rw, Perm.X in rw, bool(Perm.R & Perm.X), rw.value)
print(list(rw), ~Perm.R, Perm(7), Perm(0), len(rw))


class Bits(IntFlag):
    A = auto()
    B = auto()
    C = auto()


print(Bits.A | Bits.C, int(Bits.A | Bits.B), Bits.C & 4, Bits(3), repr(Bits(5)), Bits.A | 8)

try:
    @unique
    class Dupes(Enum):
        ONE = 1
        UNO = 1
except ValueError as e:
    print("unique:", e)

try:
    class Broken(Enum):
        A = 1
        A = 2
except TypeError as e:
    print("reuse:", e)

Animal = Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.BEE.value, Animal(3))
Shape = Enum("Shape", [("SQUARE", 4), ("TRIANGLE", 3)])
print(Shape.SQUARE.value, Shape["TRIANGLE"], Shape.__name__)
Pairs = IntEnum("Pairs", {"LOW": 10, "HIGH": 20})
print(Pairs.LOW + Pairs.HIGH, repr(Pairs.HIGH))


class WithMissing(Enum):
    ZERO = 0

    @classmethod
    def _missing_(cls, value):
        return cls.ZERO


print(WithMissing(42), WithMissing.ZERO._value_, WithMissing.ZERO._name_)


class Ordered(Enum):
    def __lt__(self, other):
        return self.value < other.value
    B = 2
    A = 1


print(sorted(Ordered), max(Ordered))
print(enum.Enum.__members__ if False else dir(Colour.RED)[:4], Colour.__name__)
try:
    class Extended(Colour):
        PURPLE = 9
except TypeError as e:
    print("extend:", e)
