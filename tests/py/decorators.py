# function and class decorators
def loud(fn):
    def wrapper(*args, **kwargs):
        print('calling', fn.__name__, args, sorted(kwargs.items()))
        result = fn(*args, **kwargs)
        print('result', result)
        return result
    return wrapper
@loud
def add(a, b=0):
    return a + b
add(1, 2)
add(5, b=6)
print(add.__name__)
def repeat(n):
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(n)]
        return wrapper
    return deco
@repeat(3)
def hi(name):
    return 'hi ' + name
print(hi('bob'))
def tag(label):
    def deco(fn):
        def wrapper():
            return '<' + label + '>' + fn() + '</' + label + '>'
        return wrapper
    return deco
@tag('b')
@tag('i')
def text():
    return 'styled'
print(text())
order = []
def track(name):
    order.append('factory ' + name)
    def deco(fn):
        order.append('apply ' + name)
        return fn
    return deco
@track('outer')
@track('inner')
def tracked():
    pass
print(order)
registry = {}
def register(fn):
    registry[fn.__name__] = fn
    return fn
@register
def alpha():
    return 'A'
@register
def beta():
    return 'B'
print(sorted(registry), registry['beta']())
def count_calls(fn):
    def wrapper(*a):
        wrapper.calls += 1
        return fn(*a)
    wrapper.calls = 0
    return wrapper
@count_calls
def sq(x):
    return x * x
sq(2); sq(3)
print(sq.calls, sq(4), sq.calls)
def add_method(cls):
    cls.extra = lambda self: 'extra on ' + type(self).__name__
    return cls
@add_method
class Thing:
    pass
print(Thing().extra())
def singleton(cls):
    instances = {}
    def get(*a):
        if cls not in instances:
            instances[cls] = cls(*a)
        return instances[cls]
    return get
@singleton
class Config:
    def __init__(self, v):
        self.v = v
c1 = Config(1)
c2 = Config(2)
print(c1 is c2, c1.v)
def memoize(fn):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    return wrapper
@memoize
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(90))
def shout(fn):
    def wrapper(self, *a):
        return fn(self, *a).upper() + '!'
    return wrapper
class Greeter:
    @shout
    def greet(self, who):
        return 'hello ' + who
print(Greeter().greet('world'))
def replace_with_value(fn):
    return fn()
@replace_with_value
def computed():
    return 42
print(computed)
@(lambda f: lambda: f().upper())
def expr_deco():
    return 'arbitrary expression'
print(expr_deco())
