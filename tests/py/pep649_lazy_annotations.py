# PEP 649/749 (CPython 3.14): a function's annotations are evaluated lazily, by its
# __annotate__ function, the first time __annotations__ is read.
# The .exp is CPython 3.14's output (tools/get_cpython314.sh installs it); CPython 3.13
# fails at the first def.

# A forward reference to a name that does not exist yet is no error at def time.
def f(x: Later, y: int = 3) -> Later:
    return x

print(callable(f.__annotate__))
class Later:
    pass
print(f.__annotations__)
print(f.__annotations__ is f.__annotations__)

# Reading __annotations__ before the name exists raises then, and again later.
def g(a: Missing):
    pass
for _ in range(2):
    try:
        g.__annotations__
    except NameError as e:
        print("NameError:", e)
Missing = list
print(g.__annotations__)

# __annotate__ takes a format; VALUE is 1; formats it does not support raise
# NotImplementedError.
def h(p: int, *args: str, **kw: float) -> None:
    pass
print(h.__annotate__(1))
try:
    h.__annotate__(3)
except NotImplementedError:
    print("NotImplementedError")

# A function without annotations has __annotate__ None and empty annotations.
def plain(a, b):
    pass
print(plain.__annotate__, plain.__annotations__)

# Annotations see the closure as it is when they are evaluated.
def outer():
    T = int
    def inner(v: T) -> T:
        pass
    T = str
    return inner
print(outer().__annotations__)

# Each annotation is evaluated once, when first asked for.
calls = []
def note(x):
    calls.append(x)
    return x
def counted(a: note("a"), b: note("b")) -> note("r"):
    pass
print(calls)
print(counted.__annotations__)
print(calls)
counted.__annotations__
print(calls)

# Assigning __annotations__ replaces them.
def assigned(x: int):
    pass
assigned.__annotations__ = {"x": str}
print(assigned.__annotations__)

# Lambdas have no annotations; methods have their function's.
class K:
    def m(self, other: "K") -> K:
        return self
print(K.m.__annotations__, K().m.__annotations__ == K.m.__annotations__)

# Annotations of methods see the class namespace (through its __classdict__), then
# the globals; what the class body defines later is there too.
class Space:
    Unit = int
    def area(self, w: Unit, h: Scale) -> Result:
        pass
    Scale = float
Result = complex
print(Space.area.__annotations__)

def in_function():
    local = bytes
    class Inner:
        def m(self, a: local, b: len, c: Inner) -> Nested:
            pass
        Nested = dict
    return Inner
print(in_function().m.__annotations__)

# functools.wraps keeps them lazy: a decorator may run before a forward reference exists.
import functools
def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)
    return wrapper
@logged
def later_ref(x: NotYet) -> NotYet:
    return x
class NotYet:
    pass
print(later_ref.__name__, later_ref.__annotations__)

# Annotations are evaluated in a scope of their own: yield, await and := are not
# allowed there (under 3.13 the first made the enclosing function a generator).
for src in ["def f():\n    def g(x: (yield)): pass",
            "async def f():\n    def g() -> (await h()): pass",
            "def g(x: (y := int)): pass"]:
    try:
        compile(src, "<test>", "exec")
        print("compiled")
    except SyntaxError as e:
        print("SyntaxError:", e.msg)

# Setting __annotate__ drops computed annotations; setting __annotations__ drops __annotate__.
def sa(x: int): pass
sa.__annotate__ = lambda fmt: {"y": str}
print(sa.__annotations__)
sa.__annotations__ = {"z": float}
print(sa.__annotate__, sa.__annotations__)
def sb(x: int): pass
sb.__annotations__
sb.__annotate__ = lambda fmt: {"w": bytes}
print(sb.__annotations__)
try:
    sb.__annotate__ = 5
except TypeError as e:
    print(e)
try:
    sb.__annotations__ = 5
except TypeError as e:
    print(e)
sb.__annotations__ = None
print(sb.__annotations__, sb.__annotate__)
