# Natives that recurse on their arguments raise RecursionError on cyclic data instead of
# overflowing the native stack (==, <, in, also between dicts); moderately deep data works.
def show(label, f):
    try:
        r = f()
        print(label, "ok", r if isinstance(r, (bool, int)) else type(r).__name__)
    except RecursionError as e:
        print(label, "RecursionError", e)


a = []
a.append(a)
b = []
b.append(b)
show("cyclic eq", lambda: a == b)
show("cyclic lt", lambda: a < b)
show("cyclic in", lambda: a in b)
show("cyclic count", lambda: [a].count(b))
c = {}
c[1] = c
e = {}
e[1] = e
show("cyclic dict eq", lambda: c == e)
show("cyclic repr", lambda: repr(a))
x = []
y = []
for _ in range(300):
    x = [x]
    y = [y]
show("deep eq", lambda: x == y)
show("deep repr", lambda: len(repr(x)))
t = ()
for _ in range(300):
    t = (t,)
show("deep hash", lambda: hash(t) == hash(t))
show("deep isinstance", lambda: isinstance(1, t))
