import operator as op

print(op.add(2, 3), op.sub(5, 2), op.mul(3, 4), op.truediv(7, 2), op.floordiv(7, 2))
print(op.mod(7, 3), op.pow(2, 10), op.neg(5), op.pos(-5), op.abs(-3), op.inv(5), op.invert(0))
print(op.lshift(1, 4), op.rshift(32, 2), op.and_(12, 10), op.or_(12, 10), op.xor(12, 10))
print(op.lt(1, 2), op.le(2, 2), op.eq(1, 1), op.ne(1, 2), op.ge(1, 2), op.gt(3, 2))
print(op.not_(0), op.truth([]), op.truth([1]), op.is_(None, None), op.is_not(1, None))
print(op.concat([1], [2]), op.concat("a", "b"), op.contains([1, 2], 2), op.countOf([1, 2, 1], 1))
print(op.indexOf([5, 6, 7], 7))
try:
    op.indexOf([1], 9)
except ValueError as e:
    print("ValueError", e)
l = [1, 2, 3]
op.setitem(l, 0, 10)
op.delitem(l, 1)
print(l, op.getitem(l, 1), op.getitem("abc", slice(1, None)))
print(op.index(7), op.index(True))
try:
    op.index(1.5)
except TypeError as e:
    print("TypeError", e)
try:
    op.concat(1, 2)
except TypeError as e:
    print("TypeError", e)

x = [1]
y = op.iadd(x, [2])
print(x, y is x, op.isub(5, 2), op.imul(3, 3), op.ior(1, 2), op.iconcat([1], [3]))

g = op.itemgetter(1)
print(g([1, 2, 3]), g("xyz"), repr(g))
g = op.itemgetter(0, 2)
print(g([1, 2, 3]), repr(g))
print(op.itemgetter("k")({"k": 9}))
print(sorted([(1, "b"), (0, "c"), (2, "a")], key=op.itemgetter(1)))


class P:
    def __init__(self, name, child=None):
        self.name = name
        self.child = child

    def greet(self, greeting, punct="!"):
        return greeting + " " + self.name + punct


p = P("x", P("y"))
print(op.attrgetter("name")(p), op.attrgetter("child.name")(p))
print(op.attrgetter("name", "child.name")(p), repr(op.attrgetter("name", "child.name")))
try:
    op.attrgetter(1)
except TypeError as e:
    print("TypeError", e)
try:
    op.attrgetter("nope")(p)
except AttributeError:
    print("AttributeError")
m = op.methodcaller("greet", "hi", punct="?")
print(m(p), repr(m))
print(op.methodcaller("upper")("abc"))
print(op.length_hint([1, 2, 3]), op.length_hint(iter([])), op.length_hint(object(), 7))


class H:
    def __length_hint__(self):
        return 4


print(op.length_hint(H()))
print(op.__add__(1, 2), op.__not__(1), op.__getitem__([4], 0))
print(list(map(op.mul, [1, 2], [3, 4])))
