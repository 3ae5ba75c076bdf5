# generators
def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
print(list(count_up(5)), sum(count_up(101)))
g = count_up(2)
print(next(g), next(g), next(g, 'done'))
try:
    next(g)
except StopIteration:
    print('StopIteration')
def with_return():
    yield 1
    return 'ret value'
w = with_return()
print(next(w))
try:
    next(w)
except StopIteration as e:
    print('stop value', e.value)
def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            break
        received.append(x)
    yield received
e = echo()
print(next(e), e.send('a'), e.send('b'), e.send(None))
def delegate():
    yield 'start'
    r = yield from with_return()
    yield 'inner returned ' + r
    yield from range(2)
print(list(delegate()))
print([x * 2 for x in count_up(4)], sum(x * x for x in range(5)), list(x for x in 'abc' if x != 'b'))
gen = (i * i for i in range(3))
print(next(gen), list(gen), list(gen))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(12)])
def lazy():
    print('started')
    yield 1
    print('resumed')
    yield 2
    print('finishing')
lz = lazy()
print('created')
for v in lz:
    print('got', v)
def gen_finally():
    try:
        yield 1
        yield 2
    finally:
        print('gen cleanup')
gf = gen_finally()
print(next(gf))
gf.close()
print('closed')
def raiser():
    yield 1
    raise ValueError('inside gen')
try:
    for v in raiser():
        print('val', v)
except ValueError as ex:
    print(type(ex).__name__, ex)
def catcher():
    try:
        yield 'waiting'
    except KeyError as ex:
        yield 'caught ' + str(ex)
c = catcher()
print(next(c), c.throw(KeyError('k')))
print(type(count_up(1)).__name__, iter(g) is g)
def pairs(seq):
    it = iter(seq)
    for a in it:
        yield a, next(it, None)
print(list(pairs([1, 2, 3, 4, 5])))
print(dict(zip('ab', count_up(5))), max(count_up(7)), sorted(count_up(3), reverse=True))
def empty():
    return
    yield
print(list(empty()))
