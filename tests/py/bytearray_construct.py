# Every way of making a bytearray, and the errors CPython gives for the wrong ones.
def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

print(bytearray())
print(bytearray(5))
print(bytearray(0))
print(bytearray(True))
print(bytearray([0, 1, 127, 128, 255]))
print(bytearray((x * 3 for x in range(6))))
print(bytearray(range(250, 256)))
print(bytearray(b"raw bytes"))
print(bytearray(bytearray(b"copied")))
print(bytearray("h\u00e9llo", "utf-8"))
print(bytearray("h\u00e9llo", "latin-1"))
print(bytearray("abc", "ascii", "strict"))
print(bytearray("a\u20acb", "ascii", "ignore"))
print(bytearray(source=b"kw"), bytearray(source="k", encoding="utf-8"))


class Idx:
    def __index__(self):
        return 3


class Gen:
    def __iter__(self):
        yield 65
        yield Idx()


print(bytearray(Idx()))
print(bytearray(Gen()))
print(bytearray({7: "a"}))

attempt("negative", lambda: bytearray(-1))
attempt("huge", lambda: bytearray(2**64))
attempt("absurd", lambda: bytearray(2**62))
attempt("float", lambda: bytearray(1.5))
attempt("none", lambda: bytearray(None))
attempt("str alone", lambda: bytearray("abc"))
attempt("int+enc", lambda: bytearray(1, "utf-8"))
attempt("errors only", lambda: bytearray(b"", errors="strict"))
attempt("enc only", lambda: bytearray(encoding="utf-8"))
attempt("range hi", lambda: bytearray([1, 256]))
attempt("range lo", lambda: bytearray([1, -1]))
attempt("not int", lambda: bytearray([1, "2"]))
attempt("float item", lambda: bytearray([1.0]))
attempt("too many", lambda: bytearray(b"", "a", "b", "c"))
attempt("bad enc", lambda: bytearray("x", "no-such-codec"))
attempt("unencodable", lambda: bytearray("\u00e9", "ascii"))
attempt("enc type", lambda: bytearray("x", 5))

# the class and its relationships
print(type(bytearray()), bytearray.__name__, isinstance(bytearray(), bytearray))
print(bytearray(b"x") is not bytearray(b"x"))

# __init__ refills an existing object
b = bytearray(b"old contents")
b.__init__(b"new")
print(b)
b.__init__()
print(b)
b.__init__(3)
print(b)
