# Indexing, slicing, slice assignment, operators, comparisons and the bytes interplay.
from array import array


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


a = array("i", range(10))
print(a[0], a[-1], a[2:5], a[::3], a[::-1], a[8:2:-2], a[100:], type(a[1:]).__name__)
a[0] = 100
a[-1] = -9
a[1:3] = array("i", [7, 7, 7, 7])
print(a)
a[::2] = array("i", [0] * len(a[::2]))
print(a)
a[5:2:-1] = array("i", [1, 2, 3])
a[:] = a
a[2:] = a[:2]
print(a)
b = array("i", range(12))
del b[0]
del b[-1]
del b[::3]
del b[::-2]
del b[100:]
print(b)

attempt("get range", lambda: array("i", [1])[1])
attempt("get str", lambda: array("i", [1])["x"])
attempt("step zero", lambda: array("i", [1])[::0])


def set_(a, k, v):
    a[k] = v
    return a


def del_(a, k):
    del a[k]
    return a


attempt("set range", lambda: set_(array("i", [1]), 3, 1))
attempt("set value", lambda: set_(array("B", [1]), 0, 256))
attempt("set str", lambda: set_(array("i", [1]), 0, "x"))
attempt("set slice list", lambda: set_(array("i", [1]), slice(0, 1), [5]))
attempt("set slice kind", lambda: set_(array("i", [1]), slice(0, 1), array("d", [5])))
attempt("set ext size", lambda: set_(array("i", [1, 2, 3]), slice(0, 3, 2), array("i", [5])))
attempt("del range", lambda: del_(array("i", [1]), 3))
attempt("del str", lambda: del_(array("i", [1]), "x"))

# operators
x = array("h", [1, 2])
print(x + array("h", [3]), x * 2, 3 * x, x * 0, x * -1)
y = x
x += array("h", [9])
x *= 2
print(y, x is y)
x *= 0
print(y, len(y))
attempt("add list", lambda: array("i", [1]) + [1])
attempt("add kind", lambda: array("i", [1]) + array("d", [1]))
attempt("mul str", lambda: array("i", [1]) * "x")
attempt("mul absurd", lambda: array("i", [1]) * (2**62))
attempt("mul huge", lambda: array("i", [1]) * (2**100))


def iadd(a, b):
    a += b
    return a


attempt("iadd list", lambda: iadd(array("i"), [1]))
attempt("iadd kind", lambda: iadd(array("i"), array("d")))

# comparisons
p, q = array("i", [1, 2]), array("i", [1, 3])
print(p == array("i", [1, 2]), p == array("d", [1.0, 2.0]), p != q, p < q, q <= p, p > array("i", [1]))
print(p == [1, 2], p != (1, 2), array("b") == array("B"), array("f", [0.5]) == array("d", [0.5]))
print(array("d", [float("nan")]) == array("d", [float("nan")]), sorted([q, p, array("i")]))
print(array("q", [2**62]) < array("d", [2.0**62 + 2**20]), array("Q", [2**64 - 1]) > array("d", [1e19]))
attempt("lt list", lambda: array("i") < [1])
attempt("hash", lambda: hash(array("i")))

# membership, iteration, truth
c = array("i", [4, 5, 6])
print(5 in c, 5.0 in c, 7 in c, "5" in c, list(c), list(reversed(c)), sum(c), bool(c), bool(array("i")))
it = iter(c)
print(next(it), next(it), list(it))

# bytes, bytearray and arrays
print(bytes(array("b", [1, 2])), bytes(array("h", [0x101, 0x202])), bytearray(array("B", [65, 66])))
print(b"\x01" + array("b", [2]), bytearray(b"\x01") + array("b", [2]), b"\x01\x02" + array("h", [0x1515]))
print(array("b", [1, 2]) in b"\x01\x02\x03", b"\x01\x02" == array("b", [1, 2]))
print(bytearray(b"\x01\x02") == array("b", [1, 2]), array("B", [1, 2]) == bytearray(b"\x01\x02"))
ba = bytearray(b"x")
ba.extend(array("B", [121]))
ba += array("B", [122])
print(ba, array("B", b"xy").tobytes().hex(), b"ab".find(array("B", [98])))


class Series(array):
    def mean(self):
        return sum(self) / len(self)


s = Series("d", [1.0, 2.0, 6.0])
s.append(3.0)
s[0] = 0.0
print(s, repr(s), str(s), s.mean(), type(s).__name__, isinstance(s, array), len(s))
print(s + array("d", [1]), type(s[:2]).__name__, s == array("d", [0.0, 2.0, 6.0, 3.0]))
