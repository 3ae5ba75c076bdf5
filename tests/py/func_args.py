# function arguments
def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))
print(f(1, c=3))
print(f(1, 5, 6, 7, c=8, e=9, z=0))
print(f(a=1, c=3, d=5, b=9))
def g(x, y=[]):
    y.append(x)
    return y
print(g(1), g(2), g(3, []))
def h(*args):
    return args
print(h(), h(1), h(1, 2, 3), h(*[4, 5], 6, *(7,)))
def k(**kw):
    return kw
print(k(), k(a=1, b=2), k(**{'x': 1}, y=2))
def pos(a, b, c):
    return a * 100 + b * 10 + c
print(pos(1, 2, 3), pos(*(1, 2), 3), pos(c=3, a=1, b=2), pos(1, **{'b': 2, 'c': 3}))
def kwonly(*, x, y=0):
    return x - y
print(kwonly(x=5), kwonly(y=1, x=5))
def posonly(a, b, /, c):
    return (a, b, c)
print(posonly(1, 2, 3), posonly(1, 2, c=3))
def defaults(a, b=None, c='s'):
    return a, b, c
print(defaults(0), defaults(0, c='t'), defaults.__name__)
def ret_none():
    pass
print(ret_none())
def multi():
    return 1, 'two'
p, q = multi()
print(p, q, multi())
errs = [
    lambda: pos(1, 2),
    lambda: pos(1, 2, 3, 4),
    lambda: pos(1, 2, 3, d=4),
    lambda: pos(1, 2, a=3),
    lambda: kwonly(5),
    lambda: kwonly(),
    lambda: f(1),
    lambda: posonly(a=1, b=2, c=3),
    lambda: h(x=1),
    lambda: ret_none(1),
    lambda: k(1),
    lambda: pos(*[1], **{'b': 2}),
]
for e in errs:
    try:
        e()
    except TypeError as ex:
        print(type(ex).__name__, ex)
def outer(fn, *a, **kw):
    return fn(*a, **kw)
print(outer(pos, 7, 8, c=9), outer(max, 3, 9, 4), outer(sorted, [3, 1], reverse=True))
def counter(start, step=1):
    vals = []
    n = start
    while n < start + 5 * step:
        vals.append(n)
        n += step
    return vals
print(counter(0), counter(10, step=3))
def doc():
    "docstring here"
    return 1
print(doc.__doc__, doc())
def many(a, b, c, d, e, f, g, h):
    return a + b + c + d + e + f + g + h
print(many(*range(8)))
print(f(1, 2, 3, c=4, **{'d': 5, 'extra': 6}))
