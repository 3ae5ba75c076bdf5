# array.array construction for every typecode, reprs, and the range checks of each.
from array import array
import array as array_module


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


for code in "bBhHiIlLqQfd":
    a = array(code, [1, 2, 3])
    print(code, a, a.itemsize, a.typecode, len(a), a.tolist())

print(array("i"), array("d"), array("u"), array("u", "text"))
print(array("b", b"\x01\xff"), array("h", b"\x01\x00\xff\xff"), array("B", bytearray(b"ab")))
print(array("i", range(4)), array("d", (x / 4 for x in range(3))), array("b", [True, False]))
print(array("f", [0.1, 1e40, -1e40]), array("d", [1e308, -0.0, float("inf")]))
print(array("q", [2**63 - 1, -(2**63)]), array("Q", [2**64 - 1]), array("L", [0, 2**64 - 1]))
print(array("d", array("i", [1, 2])), array("i", array("i", [5])), array("l", array("b", [-1])))
print(array_module.ArrayType is array, array.__name__, type(array("i")))


class Idx:
    def __index__(self):
        return 7


class Flt:
    def __float__(self):
        return 2.5


print(array("i", [Idx()]), array("d", [Flt(), Idx()]))

attempt("no args", lambda: array())
attempt("int code", lambda: array(5))
attempt("long code", lambda: array("ii"))
attempt("kwargs", lambda: array("i", initializer=[1]))
attempt("three args", lambda: array("i", [1], 2))
attempt("str init", lambda: array("i", "ab"))
attempt("odd bytes", lambda: array("h", b"\x01\x02\x03"))
attempt("float item", lambda: array("i", [1.5]))
attempt("str item", lambda: array("i", ["a"]))
attempt("str real", lambda: array("d", ["a"]))
attempt("not iterable", lambda: array("i", 5))
attempt("unicode from int", lambda: array("i", array("u", "a")))
for code, bad in [
    ("b", 128), ("b", -129), ("B", 256), ("B", -1), ("h", 2**15), ("h", -(2**15) - 1),
    ("H", 2**16), ("H", -1), ("i", 2**31), ("i", -(2**31) - 1), ("I", 2**32), ("I", -1),
    ("l", 2**63), ("l", -(2**63) - 1), ("L", 2**64), ("L", -1), ("q", 2**63), ("Q", 2**64),
    ("Q", -1), ("b", 2**70), ("I", 2**70),
]:
    attempt("%s %d" % (code, bad), lambda: array(code, [bad]))
for code, edge in [("b", -128), ("B", 255), ("h", -(2**15)), ("H", 2**16 - 1), ("i", 2**31 - 1), ("I", 2**32 - 1)]:
    print(code, array(code, [edge]))
