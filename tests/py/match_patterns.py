# match statements: every kind of pattern, nested, with guards and captures.
from collections import deque, OrderedDict, defaultdict
from collections.abc import Mapping, Sequence


class Vec:
    __match_args__ = ("dx", "dy")

    def __init__(self, dx, dy):
        self.dx, self.dy = dx, dy


class Vec3(Vec):
    __match_args__ = ("dx", "dy", "dz")

    def __init__(self, dx, dy, dz):
        super().__init__(dx, dy)
        self.dz = dz


class Shade:
    DARK = "dark"
    LIGHT = "light"


def classify(v):
    match v:
        case None:
            return "None"
        case False:
            return "False"
        case 0 | 1 as small:
            return f"small int {small}"
        case -3:
            return "minus three"
        case 2.5:
            return "two and a half"
        case int(n) if n > 100:
            return f"big int {n}"
        case bool() | int():
            return "some int"
        case "" | b"":
            return "empty text"
        case str(s) if s.isupper():
            return f"shouting {s}"
        case str() as s:
            return f"text {s!r}"
        case []:
            return "empty sequence"
        case [only]:
            return f"singleton {only!r}"
        case [first, *middle, last] if len(middle) > 2:
            return f"long {first}..{last} ({len(middle)} between)"
        case [a, b]:
            return f"pair {a!r} {b!r}"
        case [a, *rest]:
            return f"head {a!r} tail {rest!r}"
        case {"kind": "point", "x": x, "y": y}:
            return f"point {x},{y}"
        case {"kind": k, **others} if others:
            return f"kind {k} and {sorted(others)}"
        case {"kind": k}:
            return f"bare kind {k}"
        case {}:
            return f"mapping with {len(v)} keys"
        case Vec3(0, 0, 0):
            return "3d origin"
        case Vec3(dz=z, dx=x):
            return f"3d x={x} z={z}"
        case Vec(0, 0):
            return "origin"
        case Vec(0, y) | Vec(y, 0):
            return f"on an axis at {y}"
        case Vec(dx=x, dy=y) if x == y:
            return f"diagonal {x}"
        case Vec(x, y):
            return f"vector {x},{y}"
        case float(f):
            return f"float {f}"
        case _:
            return f"something else: {type(v).__name__}"


samples = [
    None, False, True, 0, 1, -3, 2.5, 101, 7, "", b"", "HEY", "hey",
    [], (), [9], "x", (1, 2), [1, 2, 3], (1, 2, 3, 4, 5), range(3), deque("ab"),
    {"kind": "point", "x": 1, "y": 2}, {"kind": "box", "w": 3, "h": 4}, {"kind": "dot"},
    {"x": 1}, {}, OrderedDict(kind="od"), Vec3(0, 0, 0), Vec3(1, 2, 3), Vec(0, 0),
    Vec(0, 4), Vec(5, 0), Vec(6, 6), Vec(1, 2), 1.5, 3j if False else 4.25, {1, 2},
    bytearray(b"xy"), object(),
]
for s in samples:
    print(classify(s))


# Value patterns use ==, singletons use `is`.
for v in ["dark", "light", "dim", 1.0, True]:
    match v:
        case Shade.DARK:
            print(v, "is dark")
        case Shade.LIGHT:
            print(v, "is light")
        case 1:
            print(v, "equals 1")
        case _:
            print(v, "no shade")

match 1:
    case True:
        print("1 is True?")
    case _:
        print("1 is not True")


# Nested patterns, captures at several depths, `as` around groups.
def nested(v):
    match v:
        case [("add" | "sub") as op, [int(a), int(b)]]:
            return f"{op}({a}, {b})"
        case [("neg"), x] | ["minus", x]:
            return f"neg {x}"
        case {"cmd": [name, *args]} if name:
            return f"cmd {name} with {args}"
        case ((a, b), (c, d)):
            return f"matrix {a}{b}/{c}{d}"
        case _:
            return "unknown"


for v in [["add", [1, 2]], ["sub", [3, 4]], ["add", [1, "x"]], ["neg", 5], ["minus", 6],
          {"cmd": ["go", 1, 2]}, {"cmd": ["", 1]}, [[1, 2], [3, 4]], "ab"]:
    print(nested(v))


# The mapping pattern does not trigger __missing__ and keeps **rest a fresh dict.
dd = defaultdict(list, a=1)
match dd:
    case {"b": _}:
        print("found b")
    case {"a": 1, **rest}:
        print("rest", rest, type(rest).__name__, "b" in dd)


class Registered:
    def __init__(self, items):
        self.items = items

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]


Sequence.register(Registered)


class MyMap(Mapping):
    def __init__(self, d):
        self.d = d

    def __getitem__(self, k):
        return self.d[k]

    def __iter__(self):
        return iter(self.d)

    def __len__(self):
        return len(self.d)


match Registered([1, 2, 3]):
    case [a, *b]:
        print("registered sequence", a, b)

match MyMap({"p": 1, "q": 2}):
    case {"p": p, **others}:
        print("custom mapping", p, others)


# Built-in types match their one positional sub-pattern against the subject itself.
class MyInt(int):
    pass


for v in [MyInt(7), 8, "s", [1], (2,), {3: 4}, {5}, frozenset([6]), 1.5, b"b", bytearray(b"c")]:
    match v:
        case int(x) | str(x) | float(x) | bytes(x) | bytearray(x):
            print("scalar", type(v).__name__, x)
        case list(x) | tuple(x) | dict(x) | set(x) | frozenset(x):
            print("container", type(v).__name__, x)


# Guards see the captures, run only after the pattern matched, and may fail.
calls = []


def guard(x):
    calls.append(x)
    return x > 1


for v in [1, 2, "no"]:
    match v:
        case int(x) if guard(x):
            print("guarded", x)
        case _:
            print("fell through", v)
print("guard calls", calls)


# break / continue / return inside case bodies.
def first_string(items):
    for it in items:
        match it:
            case str():
                return it
            case None:
                break
            case _:
                continue
    return "none found"


print(first_string([1, 2, "three", 4]))
print(first_string([1, None, "x"]))
total = 0
n = 0
while True:
    n += 1
    match n:
        case 5:
            break
        case k if k % 2:
            total += k
print("total", total)


# A subject is evaluated once.
def subject():
    print("subject evaluated")
    return [1, 2]


match subject():
    case [1]:
        print("one")
    case [1, 2]:
        print("one two")
