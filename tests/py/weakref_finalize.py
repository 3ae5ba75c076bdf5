# weakref.finalize
import gc
import weakref
class Obj:
    def __init__(self, name):
        self.name = name
calls = []
def on_death(tag, extra=None):
    calls.append((tag, extra))
    return 'result:' + tag
o = Obj('x')
f = weakref.finalize(o, on_death, 'x', extra=1)
print(f.alive, calls)
info = f.peek()
print(info[0] is o, info[1].__name__, info[2], info[3])
gc.collect()
print(f.alive, calls)
del o, info
gc.collect()
print(f.alive, calls, f.peek())
print(f(), calls)
# calling a finalizer directly runs it once
o2 = Obj('y')
f2 = weakref.finalize(o2, on_death, 'y')
print(f2(), f2.alive, f2(), f2.peek())
del o2
gc.collect()
print(calls)
# detach returns the details and disarms it
o3 = Obj('z')
f3 = weakref.finalize(o3, on_death, 'z', extra=[1, 2])
d = f3.detach()
print(d[0] is o3, d[1] is on_death, d[2], d[3], f3.alive, f3.detach(), f3.peek())
d = None
del o3
gc.collect()
print(calls[-1], len(calls), f3())
# several finalizers on one object all run
ran = []
o4 = Obj('multi')
fa = weakref.finalize(o4, ran.append, 'a')
fb = weakref.finalize(o4, ran.append, 'b')
fc = weakref.finalize(o4, ran.append, 'c')
fb.detach()
del o4
gc.collect()
print(sorted(ran), fa.alive, fb.alive, fc.alive)
# finalizer of an object in a cycle
o5 = Obj('cycle')
o5.me = o5
f5 = weakref.finalize(o5, on_death, 'cycle')
del o5
gc.collect()
print(calls[-1], f5.alive)
# the finalizer object need not be kept by the program
def attach():
    tmp = Obj('tmp')
    weakref.finalize(tmp, on_death, 'unreferenced finalizer')
    return tmp
held = attach()
gc.collect()
print(calls[-1])
held = None
gc.collect()
print(calls[-1])
# kwargs and positional args are passed through
got = []
def collect_args(*a, **k):
    got.append((a, sorted(k.items())))
o6 = Obj('args')
f6 = weakref.finalize(o6, collect_args, 1, 'two', three=3, four=[4])
print(f6.peek()[2], f6.peek()[3] == {'three': 3, 'four': [4]})
o6 = None
gc.collect()
print(got)
# a finalizer that raises does not stop the program
def explode():
    raise ValueError('finalizer failure')
o7 = Obj('boom')
f7 = weakref.finalize(o7, explode)
del o7
gc.collect()
print('after failing finalizer', f7.alive)
print(isinstance(f, weakref.finalize))
try:
    weakref.finalize(5, print)
except TypeError as e:
    print(type(e).__name__, e)
print(len(calls))
