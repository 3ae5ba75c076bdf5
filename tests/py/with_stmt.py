# with statement and context managers
class CM:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow
    def __enter__(self):
        print('enter', self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print('exit', self.name, et.__name__ if et else None, str(ev) if ev else None)
        return self.swallow
with CM('a') as v:
    print('body', v)
with CM('b'):
    print('no as')
try:
    with CM('c'):
        raise ValueError('inside')
except ValueError as e:
    print('propagated', e)
with CM('d', swallow=True):
    raise KeyError('eaten')
print('after swallowed')
with CM('outer') as o, CM('inner') as i:
    print('both', o, i)
def early():
    with CM('ret'):
        return 'returned'
print(early())
for n in range(3):
    with CM('loop' + str(n)):
        if n == 1:
            continue
        if n == 2:
            break
        print('loop body', n)
class Resource:
    def __init__(self):
        self.open = False
        self.log = []
    def __enter__(self):
        self.open = True
        self.log.append('open')
        return self
    def __exit__(self, *exc):
        self.open = False
        self.log.append('close')
        return False
r = Resource()
with r as same:
    print(same is r, r.open)
print(r.open, r.log)
with CM('x') as (first):
    print(first)
class Tup:
    def __enter__(self):
        return (1, 2)
    def __exit__(self, *a):
        pass
with Tup() as (p, q):
    print(p, q)
try:
    with 5:
        pass
except (TypeError, AttributeError) as e:
    print(type(e).__name__)
class NoExit:
    def __enter__(self):
        return self
try:
    with NoExit():
        pass
except (TypeError, AttributeError) as e:
    print(type(e).__name__)
class ExitRaises:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        raise RuntimeError('from exit')
try:
    with ExitRaises():
        print('body runs')
except RuntimeError as e:
    print(type(e).__name__, e)
with CM('nested1'):
    with CM('nested2'):
        print('deep')
try:
    with CM('e', swallow=True):
        with CM('f'):
            raise IndexError('deep error')
    print('outer swallowed it')
except IndexError:
    print('not here')
