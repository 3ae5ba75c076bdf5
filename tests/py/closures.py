# closures and nonlocal
def make_adder(n):
    def add(x):
        return x + n
    return add
a5 = make_adder(5)
a10 = make_adder(10)
print(a5(1), a10(1), make_adder(-1)(0))
def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1 = counter()
c2 = counter()
print(c1(), c1(), c1(), c2())
def late_binding():
    fns = []
    for i in range(3):
        fns.append(lambda: i)
    return [f() for f in fns]
print(late_binding())
def early_binding():
    fns = []
    for i in range(3):
        fns.append(lambda i=i: i)
    return [f() for f in fns]
print(early_binding())
def shared():
    v = []
    def push(x):
        v.append(x)
    def get():
        return list(v)
    return push, get
push, get = shared()
push(1); push(2)
print(get())
def nested3():
    x = 'outer'
    def mid():
        y = 'mid'
        def inner():
            return x + '/' + y
        return inner
    return mid()()
print(nested3())
def rebind():
    x = 1
    def change():
        nonlocal x
        x = 2
    before = x
    change()
    return before, x
print(rebind())
def later_assign():
    def show():
        return val
    val = 'assigned after def'
    return show()
print(later_assign())
def acc_factory():
    total = 0
    def acc(n):
        nonlocal total
        total += n
        return total
    return acc
acc = acc_factory()
print([acc(i) for i in range(5)])
def unbound():
    def inner():
        return z
    try:
        inner()
    except NameError as e:
        print(type(e).__name__, e)
    z = 1
unbound()
def local_before_assign():
    try:
        print(q)
    except UnboundLocalError as e:
        print(type(e).__name__, e)
    q = 5
    return q
print(local_before_assign())
def compose(f, g):
    return lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5))
def memo(fn):
    cache = {}
    def wrapped(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    return wrapped
def slow_fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
fib = memo(slow_fib)
print(fib(80))
x = 'global'
def reads_global():
    return x
def shadows():
    x = 'local'
    return x
print(reads_global(), shadows(), x)
