# Coroutines in every kind of definition and expression: methods with super() and
# __class__, static/class methods, closures, defaults, walrus, unpacking, match, finally.
class S:
    def __await__(self):
        return (yield "s")
def drive(c):
    v = None
    while True:
        try:
            c.send(v)
        except StopIteration as e:
            return e.value
class Base:
    async def m(self, x):
        await S()
        return ["base", x]
class Sub(Base):
    async def m(self, x):
        r = await super().m(x)
        return r + ["sub", __class__.__name__]
    @staticmethod
    async def st(a, *rest, k=3, **kw):
        return a, rest, k, kw
    @classmethod
    async def cm(cls):
        return cls.__name__
print(drive(Sub().m(1)), drive(Sub.st(1, 2, k=4, z=5)), drive(Sub.cm()))
def outer():
    fs = []
    for i in range(3):
        async def f(i=i):
            await S()
            return i
        fs.append(f)
    return fs
print([drive(f()) for f in outer()])
async def closure():
    n = 0
    async def inc():
        nonlocal n
        await S()
        n += 1
    for _ in range(3):
        await inc()
    return n
print(drive(closure()))
async def gen_in_coro():
    def g():
        yield 1
        yield 2
    return list(g()), [x for x in g()]
print(drive(gen_in_coro()))
async def walrus():
    if (y := await S()) is None:
        return "none"
print(drive(walrus()))
async def star():
    a, *b = [await S(), 2, 3]
    return a, b, {**{"k": await S()}}
print(drive(star()))
async def cond():
    return (await S()) if True else 0, [await S() for _ in "ab" if await S() is None]
print(drive(cond()))
async def match_it(v):
    match await S():
        case None:
            return "matched none"
print(drive(match_it(1)))
async def aw_in_finally_return():
    try:
        return 1
    finally:
        await S()
print(drive(aw_in_finally_return()))
async def deco_gen():
    yield await S()
async def use():
    return [x async for x in deco_gen()]
print(drive(use()))
