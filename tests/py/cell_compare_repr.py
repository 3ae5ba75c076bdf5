# Cell objects compare by their contents (an empty cell before any full one), are
# unhashable, and show what they hold in their repr.
import types


def make(v):
    def inner():
        return v
    return inner.__closure__[0]


full1, full2, other = make(1), make(1), make([2])
empty, empty2 = types.CellType(), types.CellType()
print(full1 == full2, full1 != full2, full1 == other)
print(empty == empty2, empty < full1, full1 < empty, empty <= empty2, full1 >= empty)
print(make([1]) < make([2]), make("b") > make("a"))
print(full1.__eq__(1), full1 == 1)
try:
    full1 < other
except TypeError as e:
    print("TypeError", e)
try:
    hash(full1)
except TypeError as e:
    print("TypeError", e)
r = repr(full1)
print(r.startswith("<cell at 0x"), r.split(": ")[1].split(" at ")[0])
print(repr(empty).startswith("<cell at 0x"), repr(empty).endswith(": empty>"))
print(repr(make(None)).split(": ")[1].split(" at ")[0])
