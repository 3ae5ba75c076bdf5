# list(), tuple(), set() and join() of generators: errors, StopIteration inside,
# yield from, a partly used generator, re-entry, finally blocks and exc_info
def g(n):
    for i in range(n):
        yield i
    return 'done'
print(list(g(5)), tuple(g(3)), sorted(set(g(4))))
def bad():
    yield 1
    raise ValueError('boom')
try:
    list(bad())
except ValueError as e:
    print('ValueError', e)
def stop():
    yield 1
    raise StopIteration
try:
    list(stop())
except RuntimeError as e:
    print('RuntimeError', e, type(e.__cause__).__name__)
def yf():
    yield 0
    yield from g(3)
    yield 9
print(list(yf()))
it = g(5); next(it); print(list(it), list(it))
def selfref():
    yield 1
    yield list(gen)
gen = selfref()
try:
    list(gen)
except ValueError as e:
    print('ValueError', e)
def fin():
    try:
        yield 1
        yield 2
    finally:
        print('fin')
print(list(fin()))
import sys
def exc_in():
    try:
        raise KeyError('k')
    except KeyError:
        yield sys.exc_info()[0].__name__
        yield sys.exc_info()[0].__name__
    yield sys.exc_info()[0]
print(list(exc_in()))
print(list(x * 2 for x in range(5)), ''.join(str(x) for x in range(4)))
