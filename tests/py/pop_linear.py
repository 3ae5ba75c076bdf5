# set.pop and dict.popitem empty a big table in linear time (200,000 pops each), in
# CPython's order, with inserts between pops.
n = 0
s = set(range(200000))
while s:
    s.pop()
    n += 1
d = {i: i for i in range(200000)}
while d:
    d.popitem()
    n += 1
print(n)
d = {1: 1, 2: 2, 3: 3}
print(d.popitem())
d[4] = 4
print(d.popitem(), d.popitem())
d[5] = 5
print(d.popitem(), d.popitem(), d)
s = {1, 2, 3}
out = [s.pop()]
s.add(9)
out += [s.pop(), s.pop(), s.pop()]
print(sorted(out), s)
d = dict.fromkeys("abcdef")
del d["f"]
print(d.popitem())
del d["a"]
print(list(d))
