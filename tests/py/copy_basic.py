import copy

l = [1, [2, 3], {"a": [4]}]
s = copy.copy(l)
d = copy.deepcopy(l)
print(s == l, s is l, s[1] is l[1], d == l, d[1] is l[1], d[2]["a"] is l[2]["a"])
t = (1, 2, "x")
print(copy.copy(t) is t, copy.deepcopy(t) is t)
t2 = (1, [2])
dt = copy.deepcopy(t2)
print(dt == t2, dt is t2, dt[1] is t2[1])
print(copy.copy(5), copy.copy("s"), copy.copy(None), copy.deepcopy(frozenset([1])) == frozenset([1]))
st = {1, 2}
print(copy.copy(st) == st, copy.copy(st) is st, copy.deepcopy({"k": st})["k"] == st)
print(copy.copy(bytearray(b"ab")), copy.deepcopy(bytearray(b"cd")))

cyc = [1]
cyc.append(cyc)
dc = copy.deepcopy(cyc)
print(dc[1] is dc, dc[1] is not cyc)
shared = [0]
pair = [shared, shared]
dp = copy.deepcopy(pair)
print(dp[0] is dp[1], dp[0] is not shared)


class Plain:
    def __init__(self, v):
        self.v = v
        self.items = [v]


p = Plain(3)
pc = copy.copy(p)
pd = copy.deepcopy(p)
print(type(pc).__name__, pc.v, pc.items is p.items, pd.items is p.items, pd.items == p.items)


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = [1]


sc = copy.deepcopy(Slotted())
print(sc.a, hasattr(sc, "b"))


class Custom:
    def __init__(self, v):
        self.v = v

    def __copy__(self):
        return Custom("copied " + str(self.v))

    def __deepcopy__(self, memo):
        return Custom("deep " + str(self.v))


print(copy.copy(Custom(1)).v, copy.deepcopy(Custom(2)).v, copy.deepcopy([Custom(3)])[0].v)


class Red:
    def __init__(self, a, b):
        self.a, self.b = a, b

    def __reduce__(self):
        return (Red, (self.a, self.b))


r = copy.deepcopy(Red([1], 2))
print(type(r).__name__, r.a, r.b)


class WithState:
    def __init__(self):
        self.x = 1

    def __getstate__(self):
        return {"x": self.x * 10}

    def __setstate__(self, st):
        self.x = st["x"] + 1


ws = copy.copy(WithState())
print(ws.x, copy.deepcopy(WithState()).x)


class D(dict):
    pass


dd = D(a=[1])
cd = copy.deepcopy(dd)
print(type(cd).__name__, cd, cd["a"] is dd["a"])


class L(list):
    pass


cl = copy.copy(L([1, 2]))
print(type(cl).__name__, cl)
memo = {}
x = [1]
y = copy.deepcopy([x, x], memo)
print(y[0] is y[1], id(x) in memo)
print(copy.copy(len) is len, copy.deepcopy(Plain) is Plain)
