# Values, return values, exceptions, tracebacks and frames through chains of
# `yield from` between generators (resumed level by level or straight at the bottom).
import sys, traceback

def leaf(n):
    got = yield 'leaf-start'
    for i in range(n):
        got = yield (i, got)
    return 'leaf-done'

def middle(n):
    r = yield from leaf(n)
    yield ('middle saw', r)
    return 'middle-done'

def top(n):
    r = yield from middle(n)
    yield ('top saw', r)

g = top(2)
print(next(g), g.send('a'), g.send('b'), g.send('c'), next(g))
try:
    next(g)
except StopIteration as e:
    print('stop', e.value)

def boom():
    yield 1
    raise KeyError('deep')

def catcher():
    try:
        yield from boom()
    except KeyError as e:
        yield ('caught', e.args[0])

print(list(catcher()))

def chain(depth):
    if depth == 0:
        yield from boom()
    else:
        yield from chain(depth - 1)

try:
    list(chain(3))
except KeyError:
    names = [f.name for f in traceback.extract_tb(sys.exc_info()[2])]
    print(names)

def frames():
    f = sys._getframe()
    out = []
    while f is not None and f.f_code.co_name in ('frames', 'wrap1', 'wrap2'):
        out.append(f.f_code.co_name)
        f = f.f_back
    yield out

def wrap1():
    yield from frames()

def wrap2():
    yield from wrap1()

print(next(wrap2()))

outer = None
def watcher():
    yield outer.gi_running
def outer_gen():
    yield from watcher()
outer = outer_gen()
print(next(outer))

def counter():
    n = 0
    while True:
        try:
            yield n
        except ValueError:
            n += 100
        n += 1

def via():
    yield from counter()

v = via()
print(next(v), next(v), v.throw(ValueError), next(v))
v.close()
print(v.gi_frame is None)

def deep(n):
    if n == 0:
        yield 'bottom'
    else:
        yield from deep(n - 1)

print(next(deep(50)))
sys.setrecursionlimit(200)
try:
    next(deep(1000))
except RecursionError:
    print('RecursionError')
