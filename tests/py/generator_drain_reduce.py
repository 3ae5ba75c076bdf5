# sum(), any() and all() over generators: plain numbers, big ints, floats, objects
# with __add__/__bool__, short-circuits that leave the generator suspended, errors.
def nums(seq):
    for x in seq:
        yield x

print(sum(nums(range(10))), sum(x * x for x in range(100)), sum(nums([2**62, 2**62, 1])))
print(sum(nums([0.5, 1, 2.25])), sum(nums([1, 2]), 10), sum(nums([]), 7))
print(sum((x / 3 for x in range(4)), 0.0))

class Money:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        print('add', self.v, o if isinstance(o, int) else o.v)
        return Money(self.v + (o if isinstance(o, int) else o.v))
    __radd__ = __add__

print(sum(nums([1, Money(2), 3])).v)

def noisy(seq):
    for x in seq:
        print('gen', x)
        yield x

print(any(noisy([0, None, False, 3, 4])))
g = noisy([0, [], 5, 6])
print(any(g), next(g))
print(all(noisy([True, 1, 'x', 0, 9])))
g = noisy([True, True, '', 1])
print(all(g), list(g))
print(any(nums([])), all(nums([])))

class Truth:
    def __bool__(self):
        print('bool called')
        return False

print(any(nums([Truth(), 0])), all(nums([True, Truth()])))

def bad():
    yield 1
    yield 'a'

try:
    sum(bad())
except TypeError as e:
    print('TypeError', e)

def boom():
    yield 1
    raise KeyError('k')

for f in (sum, any, all):
    try:
        f(boom())
    except KeyError as e:
        print(f.__name__, 'KeyError', e)
