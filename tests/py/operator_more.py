# operator: every operator function by name (and its dunder alias), the in-place
# functions on mutable and immutable operands and on classes with and without __i*__,
# attrgetter/itemgetter/methodcaller (dotted names, several keys, repr, __reduce__,
# errors), length_hint, countOf/indexOf, concat, index.
import operator as op


class Num:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return "Num(%r)" % (self.v,)


def binop(symbol):
    def method(self, other):
        return Num("(%s %s %s)" % (self.v, symbol, getattr(other, "v", other)))
    return method


for name, symbol in (("add", "+"), ("sub", "-"), ("mul", "*"), ("matmul", "@"),
                     ("truediv", "/"), ("floordiv", "//"), ("mod", "%"), ("pow", "**"),
                     ("lshift", "<<"), ("rshift", ">>"), ("and", "&"), ("or", "|"),
                     ("xor", "^")):
    setattr(Num, "__%s__" % name, binop(symbol))
Num.__neg__ = lambda self: Num("-" + str(self.v))
Num.__pos__ = lambda self: Num("+" + str(self.v))
Num.__invert__ = lambda self: Num("~" + str(self.v))

a, b = Num("a"), Num("b")
for name in ("add", "sub", "mul", "matmul", "truediv", "floordiv", "mod", "pow", "lshift",
             "rshift", "and_", "or_", "xor"):
    f = getattr(op, name)
    inplace = getattr(op, "i" + name.rstrip("_"))
    dunder = getattr(op, "__%s__" % name.rstrip("_"))
    print(name, f(a, b), inplace(a, b), dunder is f, f.__name__, inplace.__name__)
print(op.neg(a), op.pos(a), op.inv(a), op.invert(a), op.__inv__(a), op.__invert__ is op.invert)
print(op.not_(0), op.not_([1]), op.__not__(""), op.truth([]), op.truth(3), op.abs(-4), op.__abs__(-2.5))
print(op.lt(1, 2), op.le(2, 2), op.eq(1, 1.0), op.ne("a", "a"), op.ge(1, 2), op.gt(3, 2))
print(op.__lt__(1, 2), op.is_(None, None), op.is_not(a, a), op.is_([], []))
print(op.add(1, 2), op.sub(5, 7), op.mul("ab", 3), op.truediv(7, 2), op.floordiv(-7, 2),
      op.mod(-7, 3), op.pow(2, 10), op.lshift(1, 5), op.rshift(256, 3), op.and_(12, 10),
      op.or_(12, 10), op.xor(12, 10), op.neg(5), op.pos(-5), op.inv(5))
print(op.lt.__doc__, "|", op.iadd.__doc__, "|", op.neg.__doc__, "|", op.not_.__doc__)
print(op.iadd.__qualname__, op.add(True, True))


# In-place: mutable objects change, immutable ones give a new value.
lst = [1]
res = op.iadd(lst, [2, 3])
print(res is lst, lst, op.imul(lst, 2) is lst, lst)
t = (1,)
res = op.iadd(t, (2,))
print(res, t, res is t)
s = {1, 2}
print(op.ior(s, {3}) is s, op.iand(s, {2, 3}) is s, op.isub(s, {2}) is s, op.ixor(s, {4}) is s, s)
print(op.iconcat([1], (2,)), op.iconcat("ab", "c"), op.concat((1,), (2,)), op.concat(b"x", b"y"))
n = 10
for name in ("isub", "imul", "itruediv", "ifloordiv", "imod", "ipow", "ilshift", "irshift",
             "iand", "ior", "ixor"):
    print(name, getattr(op, name)(n, 3), end="; ")
print()


class Acc:
    def __init__(self):
        self.log = []

    def __iadd__(self, other):
        self.log.append(("iadd", other))
        return self

    def __ipow__(self, other):
        self.log.append(("ipow", other))
        return "replaced"

    def __imatmul__(self, other):
        self.log.append(("imatmul", other))
        return self


acc = Acc()
print(op.iadd(acc, 1) is acc, op.ipow(acc, 2), op.imatmul(acc, 3) is acc, acc.log)
print(op.isub(Num("x"), 1), op.__iadd__(Num("y"), Num("z")))
for bad in ((1, 2), (None, [1])):
    try:
        op.concat(*bad)
    except TypeError as e:
        print("TypeError", e)
try:
    op.iconcat(5, [1])
except TypeError as e:
    print("TypeError", e)


# Sequence helpers.
nan = float("nan")
seq = [1, nan, 2, 1, nan]
print(op.countOf(seq, 1), op.countOf(seq, nan), op.countOf(seq, float("nan")), op.indexOf(seq, nan),
      op.indexOf(seq, 2), op.countOf("banana", "a"), op.indexOf(iter([5, 6, 7]), 7))
try:
    op.indexOf([1, 2], 3)
except ValueError as e:
    print("ValueError", e)
print(op.contains([1, 2], 2), op.contains("abc", "d"), op.__contains__({1: 2}, 1))
d = {"k": 1}
op.setitem(d, "j", 2)
op.delitem(d, "k")
print(d, op.getitem(d, "j"), op.getitem("hello", slice(1, 3)), op.__getitem__([5, 6], -1))
lst = list(range(6))
op.setitem(lst, slice(0, 2), ["a"])
op.delitem(lst, slice(None, None, 2))
print(lst, op.call(max, 3, 9, key=lambda v: -v), op.__call__(len, "abc"))
print(op.index(7), op.index(True), op.__index__(2 ** 70))
for bad in (1.5, "3", None):
    try:
        op.index(bad)
    except TypeError as e:
        print("TypeError", e)


# length_hint.
class Hint:
    def __init__(self, h):
        self.h = h

    def __length_hint__(self):
        if self.h == "raise":
            raise TypeError("no hint")
        return self.h


class Both(Hint):
    def __len__(self):
        return 99


print(op.length_hint([1, 2, 3]), op.length_hint(Hint(2), 5), op.length_hint(Hint(4)),
      op.length_hint(Hint(NotImplemented), 7), op.length_hint(Hint("raise"), 8),
      op.length_hint(Both(1)), op.length_hint(object(), 3), op.length_hint(5))
for h, dflt in ((-1, 0), ("x", 0), (1.5, 0), (1, "d")):
    try:
        print(op.length_hint(Hint(h), dflt))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


# attrgetter / itemgetter / methodcaller.
class P:
    def __init__(self, name, age, inner=None):
        self.name, self.age, self.inner = name, age, inner

    def greet(self, greeting="hi", punct="!"):
        return "%s %s%s" % (greeting, self.name, punct)


people = [P("cy", 30, P("x", 1)), P("ann", 30, P("y", 2)), P("bob", 25, P("z", 3))]
by = op.attrgetter("age", "name")
print([by(p) for p in people], [p.name for p in sorted(people, key=by)])
deep = op.attrgetter("inner.name")
print([deep(p) for p in people], op.attrgetter("inner.inner")(people[0]))
print(repr(by), repr(deep), by.__reduce__(), deep.__reduce__()[0] is op.attrgetter)
try:
    op.attrgetter("missing")(people[0])
except AttributeError as e:
    print("AttributeError", e)
for bad in ((), (1,), ("a", 2)):
    try:
        op.attrgetter(*bad)
    except TypeError as e:
        print("TypeError", e)

rows = [("b", 2, [1]), ("a", 2, [0]), ("c", 1, [2])]
second = op.itemgetter(1)
pick = op.itemgetter(1, 0)
print([second(r) for r in rows], [pick(r) for r in rows], sorted(rows, key=pick)[0])
print(op.itemgetter("k")({"k": "v"}), op.itemgetter(slice(1, None))("abc"), op.itemgetter(-1, 0)("xyz"))
print(repr(pick), repr(op.itemgetter("k")), pick.__reduce__())
try:
    op.itemgetter(5)([1])
except IndexError as e:
    print("IndexError", e)
try:
    op.itemgetter()
except TypeError as e:
    print("TypeError", e)

hello = op.methodcaller("greet")
custom = op.methodcaller("greet", "yo", punct="?")
print(hello(people[1]), custom(people[2]), op.methodcaller("upper")("abc"),
      op.methodcaller("split", ",", 1)("a,b,c"))
print(repr(hello), repr(custom), hello.__reduce__(), op.methodcaller("m", 1).__reduce__())
red = custom.__reduce__()
print(type(red[0]).__name__, red[1], red[0](*red[1])(people[0]))
for bad in ((), (5,)):
    try:
        op.methodcaller(*bad)
    except TypeError as e:
        print("TypeError", e)
try:
    op.methodcaller("nope")(1)
except AttributeError as e:
    print("AttributeError", e)
print(sorted(n for n in op.__all__ if not hasattr(op, n)), len(op.__all__))
