# The errors around coroutines: SyntaxErrors where await/async are not allowed,
# the TypeErrors of await, reuse of finished coroutines, PEP 479 for coroutines.

SOURCES = [
    "await x",
    "def f():\n    await x",
    "class C:\n    await x",
    "lambda: await x",
    "async def f():\n    def g():\n        await x",
    "async def f():\n    lambda: await x",
    "async for x in y:\n    pass",
    "def f():\n    async for x in y:\n        pass",
    "async with x:\n    pass",
    "def f():\n    async with x:\n        pass",
    "async def f():\n    yield from x",
    "async def f():\n    yield 1\n    return 2",
    "async def f():\n    return 2\n    yield 1",
    "async def f():\n    yield\n    return None",
    "def f():\n    return [x async for x in y]",
    "def f():\n    return [await x for x in y]",
    "def f():\n    return {x: 1 async for x in y}",
    "[x async for x in y]",
    "def f():\n    return [[z async for z in x] for x in y]",
    # Accepted:
    "def f():\n    return (x async for x in y)",
    "def f():\n    return (await x for x in y)",
    "(x async for x in y)",
    "async def f():\n    return [[z async for z in x] for x in y]",
    "async def f():\n    return {x: await x for x in y}",
    "async def f():\n    yield 1\n    return",
    "async def f():\n    async with a as b, c:\n        async for x in b:\n            await x",
    "async def f():\n    def g():\n        yield 1\n    return g",
]

for src in SOURCES:
    try:
        compile(src, "<test>", "exec")
        print("ok:", src.replace("\n", " | "))
    except SyntaxError as e:
        print("SyntaxError:", e.msg, "|", src.replace("\n", " | "))


def drive(coro):
    while True:
        try:
            coro.send(None)
        except StopIteration as stop:
            return stop.value


def attempt(label, fn):
    try:
        print(label, "->", fn())
    except BaseException as e:
        print(label, "!!", type(e).__name__, e)


class ReturnsInt:
    def __await__(self):
        return 5


async def simple():
    return "value"


class ReturnsCoroutine:
    def __await__(self):
        return self.c

    def __init__(self):
        self.c = simple()


async def await_on(obj):
    return await obj


def gen():
    yield 1


attempt("int", lambda: drive(await_on(1)))
attempt("None", lambda: drive(await_on(None)))
attempt("generator", lambda: drive(await_on(gen())))
attempt("__await__ int", lambda: drive(await_on(ReturnsInt())))
rc = ReturnsCoroutine()
attempt("__await__ coroutine", lambda: drive(await_on(rc)))
rc.c.close()

# A finished coroutine can't be awaited again (nor resumed).
c = simple()
attempt("first", lambda: drive(c))
attempt("again", lambda: drive(c))
attempt("await again", lambda: drive(await_on(c)))
attempt("throw after", lambda: c.throw(ValueError))
attempt("close after", lambda: c.close())

c = simple()
attempt("send non-None", lambda: c.send(1))
attempt("iter", lambda: iter(c))
attempt("next", lambda: next(c))
c.close()


# Awaiting a coroutine that is already being awaited.
class Suspend:
    def __await__(self):
        yield


async def slow():
    await Suspend()


shared = slow()


async def first_waiter():
    await shared


w1 = first_waiter()
w1.send(None)
attempt("being awaited", lambda: drive(await_on(shared)))
w1.close()


# PEP 479 for coroutines.
async def raises_stop():
    raise StopIteration("s")


def pep479():
    try:
        drive(raises_stop())
    except RuntimeError as e:
        return str(e), repr(e.__cause__)


attempt("StopIteration", pep479)


# Running coroutines report it.
async def introspect():
    return me.cr_running, me.cr_suspended


me = introspect()
attempt("running", lambda: drive(me))


async def reenter():
    me2.send(None)


me2 = reenter()
attempt("already executing", lambda: drive(me2))


# throw() with bad arguments leaves the coroutine suspended.
c = slow()
c.send(None)
attempt("throw int", lambda: c.throw(1))
print("still suspended:", c.cr_suspended)
attempt("throw class", lambda: c.throw(KeyError))
print("suspended after:", c.cr_suspended)


# Yield from a coroutine in a plain generator.
made = []


def plain_delegator():
    made.append(simple())
    yield from made[0]


attempt("yield from coroutine", lambda: list(plain_delegator()))
made[0].close()


# A coroutine that dies never started warns (once collected: gc.collect()).
import gc
import warnings


async def forgotten():
    pass


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    lost = forgotten()
    del lost
    gc.collect()
    closed = forgotten()
    closed.close()
    del closed
    done = forgotten()
    try:
        done.send(None)
    except StopIteration:
        pass
    del done
    gc.collect()
print([(w.category.__name__, str(w.message)) for w in caught])
