# types.SimpleNamespace: attributes from keywords, repr, equality, set and delete.
import types

ns = types.SimpleNamespace(beta=2, alpha=1)
print(ns, repr(ns), ns.alpha, ns.beta)
ns.gamma = [3]
ns.alpha += 10
print(ns)
del ns.beta
print(ns, hasattr(ns, "beta"))
for src in ["del ns.nothing", "ns.nothing", "hash(ns)"]:
    try:
        exec(src)
    except Exception as e:
        print(src, "->", type(e).__name__)

a = types.SimpleNamespace(x=1, y=2)
b = types.SimpleNamespace(y=2, x=1)
print(a == b, a != b, a == types.SimpleNamespace(x=1), a == 5, a != "s")
print(vars(a), a.__dict__ is vars(a))


class Point(types.SimpleNamespace):
    def norm1(self):
        return abs(self.x) + abs(self.y)


p = Point(x=-3, y=4)
print(p, p.norm1(), p == types.SimpleNamespace(x=-3, y=4), isinstance(p, types.SimpleNamespace))

loop = types.SimpleNamespace(name="loop")
loop.me = loop
print(loop)
print(types.SimpleNamespace(), types.SimpleNamespace(nested=types.SimpleNamespace(z=0)))
try:
    types.SimpleNamespace(1, 2)
except TypeError:
    print("two positional arguments: TypeError")
