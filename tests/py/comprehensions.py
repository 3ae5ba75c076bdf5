# list/dict/set comprehensions
print([x for x in range(5)], [x * x for x in range(10) if x % 3 == 0])
print([(x, y) for x in range(3) for y in range(3) if x != y])
print([[x * y for y in range(4)] for x in range(3)])
print([c.upper() for c in 'hello' if c not in 'l'])
print({k: v for k, v in [('a', 1), ('b', 2)]}, {x: x ** 2 for x in range(4)})
print({v: k for k, v in {'one': 1, 'two': 2}.items()})
print(sorted({x % 4 for x in range(20)}), sorted({len(w) for w in ['a', 'bb', 'cc', 'ddd']}))
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)], [v for row in matrix for v in row])
print([x if x % 2 else -x for x in range(6)])
print([i for i in range(20) if i % 2 if i % 3])
x = 'outer'
r = [x for x in 'ab']
print(x, r)
n = 10
print([n + i for i in range(3)])
def f(k):
    return [k * i for i in range(k)]
print(f(4))
fns = [lambda: i for i in range(3)]
print([fn() for fn in fns])
fns2 = [lambda i=i: i for i in range(3)]
print([fn() for fn in fns2])
print([s.strip() for s in ' a , b ,c '.split(',')])
words = ['apple', 'banana', 'cherry', 'avocado']
print({w[0]: [v for v in words if v[0] == w[0]] for w in words})
print([(i, ch) for i, ch in enumerate('xyz')])
print(sum([x for x in range(101)]), len([0 for _ in range(50)]))
print([y for y in [z * 2 for z in range(5)] if y > 3])
print({(a, b) for a in range(2) for b in range(2)} == {(0, 0), (0, 1), (1, 0), (1, 1)})
print([[0] * 3 for _ in range(2)])
class C:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
print(C.doubled)
try:
    [1 / v for v in [1, 0]]
except ZeroDivisionError as e:
    print(type(e).__name__, e)
big = [i for i in range(10000) if i % 7 == 0]
print(len(big), big[-1])
print(dict([(str(i), i) for i in range(3)]), [k for k in {'p': 1, 'q': 2}])
print([a + b for a, b in zip('abc', 'xyz')])
print({k: len(k) for k in ('aa', 'b', 'aa')})
