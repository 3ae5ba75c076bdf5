# which objects can be weakly referenced
import gc
import weakref
def try_ref(label, value):
    try:
        r = weakref.ref(value)
        print(label, 'ok', r() is value)
    except TypeError as e:
        print(label, type(e).__name__, e)
class Plain:
    pass
def function():
    pass
try_ref('int', 1)
try_ref('big int', 2 ** 100)
try_ref('bool', True)
try_ref('float', 1.5)
try_ref('str', 'text')
try_ref('empty str', '')
try_ref('bytes', b'bytes')
try_ref('tuple', (1, 2))
try_ref('empty tuple', ())
try_ref('None', None)
try_ref('list', [1, 2])
try_ref('dict', {'a': 1})
try_ref('instance', Plain())
try_ref('class', Plain)
try_ref('function', function)
try_ref('lambda', lambda: 0)
for bad in (3, 'x', (), None, [], {}):
    try:
        weakref.ref(bad, lambda w: None)
    except TypeError as e:
        print('with callback', type(e).__name__, e)
for bad in (7, 'abc', (1,), None, [0], {1: 2}):
    try:
        weakref.finalize(bad, print, 'never')
    except TypeError as e:
        print('finalize', type(e).__name__, e)
class Sub(Plain):
    pass
s = Sub()
rs = weakref.ref(s)
print(rs() is s, type(rs()).__name__)
del s
gc.collect()
print(rs() is None)
class WithDunders:
    def __eq__(self, other):
        return True
    def __hash__(self):
        return 1
w = WithDunders()
rw = weakref.ref(w)
print(rw() is w, rw() == 5)
del w
gc.collect()
print(rw())
try_ref('builtin exception', ValueError('exc'))
class MyError(Exception):
    pass
try_ref('user exception', MyError('mine'))
try_ref('range', range(3))
