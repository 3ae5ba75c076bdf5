# tuples
t = (1, 'two', 3.0, None)
print(t, len(t), t[1], t[-1], t[1:3], t[::-1], t[::2])
print((), (1,), (1), tuple(), tuple([1, 2]), tuple('ab'), tuple(range(3)))
print(t + (5,), (0,) * 3, 2 * (1, 2), (1, 2) * 0)
print((1, 2) == (1, 2), (1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 99), () < (0,))
print(t.count(1), (1, 1, 2).count(1), t.index('two'), 'two' in t, 5 not in t)
a, b = 1, 2
a, b = b, a
print(a, b)
x = 1, 2, 3
print(x, type(x).__name__)
n = ((1, 2), (3, (4, 5)))
print(n[1][1][0], len(n))
print(hash((1, 2)) == hash((1, 2)), hash((1, 2)) == hash((2, 1)))
d = {(1, 2): 'a', (3,): 'b'}
print(d[(1, 2)], d[3,])
try:
    t[0] = 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    t[10]
except IndexError as e:
    print(type(e).__name__, e)
try:
    t.index(99)
except ValueError as e:
    print(type(e).__name__, e)
try:
    (1,) + [2]
except TypeError as e:
    print(type(e).__name__, e)
try:
    hash(([1],))
except TypeError as e:
    print(type(e).__name__, e)
m = ([1], 2)
m[0].append(3)
print(m)
print(min((3, 1, 2)), max((3, 1, 2)), sum((1, 2, 3)), sorted((3, 1, 2)))
for i, v in enumerate(('a', 'b')):
    print(i, v)
s = (1, 2, 3)
s += (4,)
print(s, s == (1, 2, 3, 4))
print(len(()), bool(()), bool((0,)), (1, 2)[True])
