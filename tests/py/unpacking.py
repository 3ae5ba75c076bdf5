# sequence unpacking
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
(c, d), e = (3, 4), 5
print(c, d, e)
[f, g] = 'xy'
print(f, g)
h, *rest = [1, 2, 3, 4]
print(h, rest)
*init, last = 'abcd'
print(init, last)
first, *mid, end = range(6)
print(first, mid, end)
p, *q = [1]
print(p, q)
x, (y, *z) = 1, (2, 3, 4)
print(x, y, z)
for k, v in [('a', 1), ('b', 2)]:
    print(k, v)
for i, (m, n) in enumerate([(1, 2), (3, 4)]):
    print(i, m, n)
for (aa, *bb) in [(1, 2, 3), (4,)]:
    print(aa, bb)
print([*range(3), *'ab', 9], (*[1, 2],), {*[1, 1, 2]} == {1, 2})
print({**{'a': 1}, 'b': 2, **{'a': 3}})
def f(*args, **kw):
    return args, kw
print(f(*[1, 2], *(3,), **{'k': 1}, **{'j': 2}))
for bad in ([1, 2, 3], [1], 5, []):
    try:
        u, w = bad
        print('ok', u, w)
    except (ValueError, TypeError) as ex:
        print(type(ex).__name__, ex)
try:
    r1, r2, *r3 = [1]
except ValueError as ex:
    print(type(ex).__name__, ex)
s1 = s2 = [0]
s1.append(1)
print(s2)
t = 1, 2, 3
one, two, three = t
print(one + two + three)
d = {'x': 1, 'y': 2}
k1, k2 = d
print(k1, k2)
(i1, i2), = [(7, 8)]
print(i1, i2)
lst = [0, 0, 0]
lst[0], lst[2] = 'L', 'R'
print(lst)
class O:
    pass
o = O()
o.a, o.b = 'A', 'B'
print(o.a, o.b)
idx = [0, 1]
idx[0], idx[1] = idx[1], idx[0]
print(idx)
m1, m2, m3 = map(int, '1 2 3'.split())
print(m1 * m2 * m3)
g, = [42]
print(g)
*allv, = (1, 2)
print(allv)
nested = [[1, [2, 3]], [4, [5, 6]]]
for v1, (v2, v3) in nested:
    print(v1 + v2 + v3, end=' ')
print()
