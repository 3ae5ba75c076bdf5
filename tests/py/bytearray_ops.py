# Indexing, slicing, slice assignment and deletion, operators, comparisons, hashing.
def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

b = bytearray(b"0123456789")
print(b[0], b[-1], b[True], b[2:5], b[::3], b[::-1], b[8:2:-2], b[100:], b[-100:2])
b[0] = 65
b[-1] = 0x7A
print(b)
b[1:3] = b"XYZW"
print(b)
b[::2] = bytes(len(b[::2]))
print(b)
b[-2:] = []
b[:0] = (x for x in (1, 2))
print(b)
b[5:2:-1] = b"abc"
print(b)
b[:] = b
print(b)
b[2:] = b[:2]
print(b)
b[len(b):] = b"tail"
print(b)
del b[0]
del b[-1]
del b[1:3]
print(b)
c = bytearray(range(20))
del c[::3]
print(list(c))
del c[::-4]
print(list(c))
del c[5:2]
del c[100:]
print(list(c))

attempt("get range", lambda: bytearray(b"a")[5])
attempt("get str", lambda: bytearray(b"a")["x"])
attempt("get huge", lambda: bytearray(b"a")[2**100])
attempt("step zero", lambda: bytearray(b"abc")[::0])
def set_(b, k, v):
    b[k] = v
    return b
def del_(b, k):
    del b[k]
    return b
attempt("set range", lambda: set_(bytearray(b"a"), 5, 1))
attempt("set value", lambda: set_(bytearray(b"a"), 0, 256))
attempt("set str value", lambda: set_(bytearray(b"a"), 0, "x"))
attempt("set slice int", lambda: set_(bytearray(b"a"), slice(0, 1), 5))
attempt("set slice str", lambda: set_(bytearray(b"a"), slice(0, 1), "ab"))
attempt("set slice none", lambda: set_(bytearray(b"a"), slice(0, 1), None))
attempt("set slice range", lambda: set_(bytearray(b"a"), slice(0, 1), [300]))
attempt("set ext size", lambda: set_(bytearray(b"abc"), slice(0, 3, 2), b"x"))
attempt("del range", lambda: del_(bytearray(b"a"), 5))
attempt("del str", lambda: del_(bytearray(b"a"), "x"))

# operators
x = bytearray(b"ab")
print(x + b"cd", x + bytearray(b"!"), b"cd" + x, x * 3, 3 * x, x * 0, x * -1)
print(type(b"cd" + x).__name__, type(x + b"cd").__name__)
y = x
x += b"cd"
x += bytearray(b"e")
print(y, x is y)
x *= 2
print(y, x is y)
x *= -3
print(y, len(y))
print(bytearray(b"%d:%s") % (5, b"five"))
attempt("add int", lambda: bytearray(b"a") + 1)
attempt("add str", lambda: bytearray(b"a") + "x")
attempt("mul str", lambda: bytearray(b"a") * "x")
attempt("mul absurd", lambda: bytearray(b"a") * (2**62))
attempt("mul huge", lambda: bytearray(b"a") * (2**100))
def iadd(a, b):
    a += b
    return a
attempt("iadd int", lambda: iadd(bytearray(b"a"), 5))
attempt("iadd list", lambda: iadd(bytearray(b"a"), [1]))

# membership, len, iteration, truth
z = bytearray(b"\x00foo\x00")
print(b"foo" in z, b"fox" in z, b"" in z, 0 in z, 255 in z, bytearray(b"oo") in z, len(z), list(z))
print(bool(bytearray()), bool(bytearray(1)), list(reversed(bytearray(b"abc"))), [c for c in bytearray(b"hi")])
attempt("in range", lambda: 300 in bytearray(b"a"))
attempt("in str", lambda: "a" in bytearray(b"a"))

# comparisons mix with bytes
p, q = bytearray(b"abc"), bytearray(b"abd")
print(p == b"abc", b"abc" == p, p != q, p < q, p <= b"abc", q > b"abc", b"abz" >= q, p == "abc", p == 1)
print(bytearray() == bytearray(), bytearray() < bytearray(b"\x00"), sorted([q, p, bytearray(b"a")]))
attempt("lt str", lambda: bytearray(b"a") < "b")
attempt("hash", lambda: hash(bytearray(b"a")))
attempt("dict key", lambda: {bytearray(): 1})

# repr and str
print(repr(bytearray(b"a'b")), repr(bytearray(b'a"b')), repr(bytearray(b"'\"")), str(bytearray(b"\n\x00\xff")))
print(bytes(bytearray(b"to bytes")), bytearray(b"xy").__reduce__(), bytearray(b"q").__alloc__() >= 2)
