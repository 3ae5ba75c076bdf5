# Constructors bind their arguments like CPython 3.11's: wrong counts, unknown or
# repeated keywords and wrong types raise TypeError with CPython's wording.


def attempt(label, make):
    try:
        got = make()
    except TypeError as e:
        print(label, "TypeError:", e)
    except ValueError as e:
        print(label, "ValueError:", e)
    else:
        print(label, "->", repr(got))


attempt("list 2 args", lambda: list((1,), (2,)))
attempt("list kw", lambda: list(iterable=[1]))
attempt("list ok", lambda: list("ab"))
attempt("dict 2 args", lambda: dict([], []))
attempt("dict kw", lambda: dict([("a", 1)], b=2))
attempt("set 2 args", lambda: set("a", "b"))
attempt("set kw", lambda: set(iterable="a"))
attempt("frozenset 2 args", lambda: frozenset("a", "b"))
attempt("tuple 2 args", lambda: tuple("a", "b"))
attempt("float 2 args", lambda: float(1, 2))

attempt("int 3 args", lambda: int("7", 10, 3))
attempt("int unknown kw", lambda: int(z=4))
attempt("int x by name", lambda: int(x="4"))
attempt("int base only", lambda: int(base=8))
attempt("int base twice", lambda: int("7", 10, base=8))
attempt("int 2 pos + 1 unknown", lambda: int("7", base=8, q=1))
attempt("int ok", lambda: int("17", base=8))

attempt("str 4 args", lambda: str(b"a", "ascii", "strict", 0))
attempt("str unknown kw", lambda: str(thing=3))
attempt("str object kw", lambda: str(object=3.5))
attempt("str bad encoding type", lambda: str(b"hi", encoding=5))
attempt("str bad errors type", lambda: str(b"hi", "ascii", errors=[]))
attempt("str decode", lambda: str(b"hi", encoding="ascii"))

attempt("bytes 4 args", lambda: bytes("a", "ascii", "strict", 0))
attempt("bytes unknown kw", lambda: bytes(src=b"a"))
attempt("bytes source kw", lambda: bytes(source=b"xy"))
attempt("bytes str without encoding", lambda: bytes("a"))
attempt("bytearray 4 args", lambda: bytearray("a", "ascii", "strict", 0))
attempt("bytearray total", lambda: bytearray("a", encoding="ascii", errors="strict", q=1))
attempt("bytearray unknown kw", lambda: bytearray(q=1))
attempt("bytearray.__init__ 4 args", lambda: bytearray.__init__(bytearray(), 1, 2, 3, 4))

attempt("complex 3 args", lambda: complex(1, 2, 3))
attempt("complex keyword total", lambda: complex(real=1, imag=2, other=3))
attempt("complex unknown kw", lambda: complex(other=3))
attempt("complex twice", lambda: complex(1, real=2))
attempt("complex ok", lambda: complex(imag=2))

attempt("range none", lambda: range())
attempt("range 4", lambda: range(1, 2, 3, 4))
attempt("range kw", lambda: range(stop=3))
attempt("range str", lambda: range("3"))
attempt("range zero step", lambda: range(1, 5, 0))
attempt("range ok", lambda: list(range(1, 9, 3)))

attempt("super 3", lambda: super(int, 1, 2))
attempt("super kw", lambda: super(type=int))
attempt("super not a type", lambda: super(3))

attempt("property 5", lambda: property(None, None, None, None, None))
attempt("property unknown kw", lambda: property(getter=None))
attempt("property doc kw", lambda: property(doc="d").__doc__)

attempt("type 2 args", lambda: type(1, 2))
attempt("object arg", lambda: object(1))
attempt("slice none", lambda: slice())


class Keeps(list):
    def __init__(self, *args, **kw):
        super().__init__()
        self.seen = (args, sorted(kw))


k = Keeps(1, 2, flag=3)
print("list subclass with __init__:", k, k.seen)


class Plain(list):
    pass


attempt("list subclass 2 args", lambda: Plain([1], [2]))


class Holds(dict):
    def __init__(self, *args, **kw):
        super().__init__()
        self.n = len(args) + len(kw)


print("dict subclass with __init__:", Holds(1, 2, a=3).n)


class Counts(bytearray):
    def __init__(self, *args, **kw):
        super().__init__(b"ok")


print("bytearray subclass with __init__:", Counts(1, 2, 3, 4, q=5))


class Num(int):
    pass


attempt("int subclass total", lambda: Num("5", 10, q=1))
print("int subclass ok:", Num("12", 3), type(Num("12", 3)).__name__)
