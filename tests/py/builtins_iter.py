# iteration builtins
print(list(enumerate('abc')), list(enumerate(['x', 'y'], 1)), list(enumerate([], 5)))
for i, ch in enumerate('hi', start=10):
    print(i, ch)
print(list(zip([1, 2, 3], 'ab')), list(zip()), list(zip([1], [2], [3])), dict(zip('ab', (1, 2))))
names = ['a', 'b']
vals = [1, 2]
for n, v in zip(names, vals):
    print(n, v)
print(list(map(abs, [-1, 2, -3])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])), list(map(str.upper, 'ab')))
print(list(filter(None, [0, 1, '', 'x', None, [], [0]])), list(filter(str.isdigit, 'a1b2')))
print(list(reversed([1, 2, 3])), list(reversed('abc')), list(reversed((1, 2))), list(reversed(range(3))))
it = iter([10, 20, 30])
print(next(it), next(it), next(it), next(it, 'exhausted'), next(it, None))
try:
    next(it)
except StopIteration as e:
    print('StopIteration', e.args)
s = iter('xy')
print(list(s), list(s))
m = map(lambda v: v * 2, [1, 2, 3])
print(next(m), list(m), list(m))
z = zip('ab', 'cd')
print(next(z), list(z))
e = enumerate('pq')
print(next(e), next(e), next(e, 'done'))
print(iter(it) is it, sorted(map(lambda v: -v, range(4))))
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(4)), sum(Countdown(10)), max(Countdown(3)), sorted(Countdown(3)))
for v in Countdown(2):
    print('cd', v)
class Bag:
    def __init__(self, *items):
        self.items = items
    def __iter__(self):
        return iter(self.items)
b = Bag(3, 1, 2)
print(list(b), sorted(b), 2 in b, tuple(b), list(enumerate(b)), list(zip(b, b)))
x, y, z = Bag('p', 'q', 'r')
print(x, y, z)
print(dict(enumerate('ab')), set(map(len, ['a', 'bb', 'cc'])) == {1, 2}, list(zip(*[(1, 'a'), (2, 'b')])))
print(min(iter([4, 2, 6])), max(map(abs, [-9, 3])), sum(filter(lambda v: v > 2, range(6))))
print(any(map(lambda v: v > 5, range(10))), all(map(bool, [1, 'a', [0]])))
print(list(iter(range(3))), ' '.join(map(str, reversed(range(5)))))
try:
    reversed(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    next([1])
except TypeError as e:
    print(type(e).__name__, e)
try:
    list(zip(1, 2))
except TypeError as e:
    print(type(e).__name__, e)
try:
    for q in 3.5:
        pass
except TypeError as e:
    print(type(e).__name__, e)
d = {'k1': 1, 'k2': 2}
di = iter(d)
print(next(di), list(di), list(iter(d.items())), list(reversed(list(d.values()))))
nums = [1, 2, 3, 4]
total = 0
for n in nums:
    if n == 2:
        nums.append(99) if len(nums) < 6 else None
    total += n
print(total, nums)
