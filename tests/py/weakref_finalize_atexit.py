# weakref.finalize at interpreter exit: live finalizers with atexit true run, newest
# first; ones made during exit run too; a failing one does not stop the others
import gc
import sys
import weakref


class Res:
    def __init__(self, name):
        self.name = name


def report(msg, *extra, **kw):
    print('finalizer:', msg, extra, sorted(kw.items()))
    sys.stdout.flush()


def failing(msg):
    print('finalizer:', msg, 'about to fail')
    raise RuntimeError('finalizer failed on purpose')


keep = []


def new(name):
    r = Res(name)
    keep.append(r)
    return r


f1 = weakref.finalize(new('first'), report, 'first', 1, key='v')
f2 = weakref.finalize(new('second'), report, 'second')
f3 = weakref.finalize(new('third'), report, 'third (atexit off)')
f3.atexit = False
f4 = weakref.finalize(new('fourth'), failing, 'fourth')
f5 = weakref.finalize(new('fifth'), report, 'fifth (called early)')
f6 = weakref.finalize(new('sixth'), report, 'sixth (detached)')


def spawn_more():
    print('finalizer: spawner runs and makes two more')
    weakref.finalize(new('late-1'), report, 'made during exit, 1')
    weakref.finalize(new('late-2'), report, 'made during exit, 2')


f7 = weakref.finalize(new('seventh'), spawn_more)
f8 = weakref.finalize(new('eighth'), report, 'eighth')

print(f1.atexit, f3.atexit, f1.alive, f3.alive)
f5()
print(f5.alive, f5.atexit)
d = f6.detach()
print(d[1] is report, d[2], f6.alive)
d = None

# a finalizer whose object dies before exit runs then, not at exit
gone = Res('gone')
fg = weakref.finalize(gone, report, 'died before exit')
del gone
gc.collect()
print('alive after collect:', fg.alive)

# finalize(...) of something that cannot be weakly referenced
try:
    weakref.finalize([], report)
except TypeError as e:
    print('TypeError', e)

print('main program ends; live finalizers:',
      sum(f.alive for f in (f1, f2, f3, f4, f5, f6, f7, f8)))
