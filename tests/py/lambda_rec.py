# lambdas and recursion
sq = lambda x: x * x
print(sq(7), (lambda: 'noargs')(), (lambda a, b=3: a + b)(1), (lambda *a: len(a))(1, 2, 3))
print((lambda **kw: sorted(kw))(b=1, a=2), (lambda x, *, y: x - y)(5, y=2))
print(list(map(lambda v: v + 1, [1, 2, 3])), list(filter(lambda v: v % 2, range(8))))
print(sorted(['ccc', 'a', 'bb'], key=lambda s: len(s)))
print(sq.__name__, (lambda: 0).__name__)
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(0), fact(5), fact(25))
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
print([fib(i) for i in range(15)])
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print(is_even(10), is_odd(7), is_even(7))
def hanoi(n, a, b, c, moves):
    if n:
        hanoi(n - 1, a, c, b, moves)
        moves.append(a + c)
        hanoi(n - 1, b, a, c, moves)
    return moves
m = hanoi(4, 'A', 'B', 'C', [])
print(len(m), m[:5])
def flatten(x):
    if isinstance(x, list):
        out = []
        for y in x:
            out.extend(flatten(y))
        return out
    return [x]
print(flatten([1, [2, [3, [4, []]], 5], [[6]]]))
def perms(s):
    if len(s) <= 1:
        return [s]
    res = []
    for i in range(len(s)):
        for p in perms(s[:i] + s[i + 1:]):
            res.append(s[i] + p)
    return res
print(perms('abc'), len(perms('abcde')))
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(500))
def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))
print(ackermann(2, 3))
def gcd(a, b):
    return a if b == 0 else gcd(b, a % b)
print(gcd(1071, 462), gcd(2 ** 64, 6 ** 20))
def binsearch(lst, t, lo=0, hi=None):
    if hi is None:
        hi = len(lst)
    if lo >= hi:
        return -1
    mid = (lo + hi) // 2
    if lst[mid] == t:
        return mid
    if lst[mid] < t:
        return binsearch(lst, t, mid + 1, hi)
    return binsearch(lst, t, lo, mid)
data = list(range(0, 100, 3))
print(binsearch(data, 27), binsearch(data, 28))
Y = lambda f: (lambda x: f(lambda v: x(x)(v)))(lambda x: f(lambda v: x(x)(v)))
print(Y(lambda self: lambda n: 1 if n == 0 else n * self(n - 1))(6))
print('done', fact(10))
