# array.array methods: the list-like ones, bytes and list conversions, byteswap.
from array import array


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


a = array("i", [5, 6])
a.append(7)
a.extend([8, 9])
a.extend(array("i", [10]))
a.extend(x for x in (11, 12))
a.insert(0, 4)
a.insert(-1, 99)
a.insert(100, 13)
a.insert(-100, 3)
print(a, len(a))
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(11)
print(a, a.index(8), a.index(8, 2), a.index(8, -5), a.count(5), a.count(1000))
a.reverse()
print(a)
a.fromlist([1, 2])
print(a.tolist(), a.tobytes()[:8], a.buffer_info()[1] == len(a))

b = array("h", [1, 256, -2])
raw = b.tobytes()
c = array("h")
c.frombytes(raw)
print(c == b, c)
c.byteswap()
print(c)
c.byteswap()
print(c == b)

d = array("d", [0.5])
d.fromlist([1, 2.25])
d.extend([3])
print(d, d.index(2.25), d.count(1), 1 in d, 1.0 in d, "1" in d)

u = array("u", "ab")
u.append("c")
u.fromunicode("de")
u.extend("f")
print(u, u.tounicode(), u.index("c"), u.pop(), u)

attempt("pop empty", lambda: array("i").pop())
attempt("pop range", lambda: array("i", [1]).pop(3))
attempt("remove missing", lambda: array("i", [1]).remove(2))
attempt("index missing", lambda: array("i", [1]).index(2))
attempt("index window", lambda: array("i", range(5)).index(3, 1, 2))
attempt("append none", lambda: array("i").append())
attempt("append two", lambda: array("i").append(1, 2))
attempt("append bad", lambda: array("b").append(200))
attempt("insert short", lambda: array("i").insert(1))
attempt("extend kind", lambda: array("i").extend(array("d")))
attempt("extend int", lambda: array("i").extend(5))
attempt("frombytes odd", lambda: array("i").frombytes(b"\x01"))
attempt("frombytes str", lambda: array("i").frombytes("x"))
attempt("fromlist tuple", lambda: array("i").fromlist((1,)))
attempt("fromlist bad", lambda: array("i").fromlist([1, "x"]))
attempt("fromunicode int", lambda: array("u").fromunicode(5))
# (the wording of these two changed in CPython 3.13: compare the kind only)
for bad in (5, "ab"):
    try:
        array("u").append(bad)
    except TypeError:
        print("unicode item TypeError")

# fromlist is all or nothing
e = array("b", [1])
try:
    e.fromlist([2, 3, 1000])
except OverflowError:
    pass
print(e)
