# Instances of Python classes called through __call__ (the interpreter runs a Python
# __call__ inline): arguments, keywords, generators, errors, replacement, subclasses.
import sys
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, y=0, *rest, scale=1):
        return (self.n + x + y + sum(rest)) * scale
a = Adder(10)
print(a(1), a(1, 2), a(1, 2, 3, 4), a(1, scale=3), a(x=5))
try:
    a()
except TypeError as e:
    print(e)
class Gen:
    def __call__(self, n):
        yield from range(n)
print(list(Gen()(4)))
class Boom:
    def __call__(self):
        raise ValueError('boom')
try:
    Boom()()
except ValueError as e:
    tb = e.__traceback__
    names = []
    while tb:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print('ValueError', e, names)
class Late:
    pass
late = Late()
late.__call__ = lambda: 'instance attribute'
try:
    late()
except TypeError as e:
    print(e)
Late.__call__ = lambda self, k=2: ('class attribute', k)
print(late(), late(k=5))
class Sub(Adder):
    pass
print(Sub(1)(2))
class Static:
    __call__ = staticmethod(lambda x: ('static', x))
print(Static()(7))
class Deep:
    def __call__(self, n):
        return 0 if n == 0 else 1 + self(n - 1)
print(Deep()(200))
sys.setrecursionlimit(100)
try:
    Deep()(10**6)
except RecursionError as e:
    print('RecursionError')
class L(list):
    def __call__(self, i):
        return self[i]
print(L([4, 5, 6])(1), [Adder(i)(i) for i in range(4)])
