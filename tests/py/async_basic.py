# Coroutines driven by a small hand-made loop (no asyncio): await, results,
# exceptions, send/throw/close, attributes, types.coroutine.
import types


class Pending:
    """A future-like awaitable: suspends once (yielding itself to the loop), and is
    resumed with the value the loop computes for it."""

    def __init__(self, tag):
        self.tag = tag

    def __await__(self):
        answer = yield self
        return answer


def drive(coro, log=None):
    """Run coro to the end: each Pending it yields is answered with tag * 2."""
    answer = None
    while True:
        try:
            pending = coro.send(answer)
        except StopIteration as stop:
            return stop.value
        if log is not None:
            log.append(pending.tag)
        answer = pending.tag * 2


async def double(x):
    return await Pending(x)


async def total(*xs):
    acc = 0
    for x in xs:
        acc += await double(x)
    return acc


steps = []
print("total", drive(total(1, 2, 3), steps), steps)

c = total(5)
print(type(c).__name__, type(c) is types.CoroutineType)
print(repr(c).startswith("<coroutine object total at 0x"))
print(c.__name__, c.__qualname__, c.cr_code.co_name)
print("before:", c.cr_running, c.cr_suspended, c.cr_await)
first = c.send(None)
print("suspended:", c.cr_running, c.cr_suspended, type(c.cr_await).__name__)
try:
    c.send(first.tag * 2)
except StopIteration as e:
    print("done with", e.value)
print("after:", c.cr_running, c.cr_suspended, c.cr_await, c.cr_frame)


class Box:
    async def method(self, v):
        return ("method", await double(v))


print(Box.method.__qualname__, drive(Box().method(21)))
c = Box().method(1)
print(c.__qualname__)
c.close()


# Exceptions travel through awaits both ways.
async def failing():
    await Pending(1)
    raise KeyError("inner")


async def catcher():
    try:
        await failing()
    except KeyError as e:
        return "caught " + repr(e)


print(drive(catcher()))


async def waits_for_throw():
    try:
        await Pending(7)
    except ValueError as e:
        print("thrown in:", e)
        return await double(4)


c = waits_for_throw()
c.send(None)
try:
    print(c.throw(ValueError("from outside")).tag)
    c.send(None)
except StopIteration as e:
    print("result", e.value)


# close() raises GeneratorExit at the await.
async def closable():
    try:
        await Pending(0)
    finally:
        print("cleanup ran")


c = closable()
c.send(None)
c.close()
c.close()
print("closed:", c.cr_suspended)


# __await__ objects, coroutine_wrapper.
class Twice:
    def __init__(self, c):
        self.c = c

    def __await__(self):
        return self.c.__await__()


async def uses_wrapper():
    return await Twice(double(10))


print("wrapper", drive(uses_wrapper()))
w = double(3).__await__()
print(type(w).__name__, iter(w) is w)
p = next(w)
try:
    w.send(p.tag * 2)
except StopIteration as e:
    print("wrapper send", e.value)


# Return values of every kind, and None.
async def nothing():
    pass


async def returns_tuple():
    return (1, 2)


print(drive(nothing()), drive(returns_tuple()))


# Generator-based coroutines.
@types.coroutine
def legacy(n):
    got = yield Pending(n)
    return got + 1


async def uses_legacy():
    return await legacy(5)


print("legacy", drive(uses_legacy()))
print(legacy.__name__, bool(legacy.__code__.co_flags & 0x100))


@types.coroutine
def legacy_delegating():
    r = yield from double(2)
    return r


async def uses_legacy2():
    return await legacy_delegating()


print("legacy yield from", drive(uses_legacy2()))


def plain_gen():
    yield Pending(3)
    return "plain"


wrapped = types.coroutine(lambda: plain_gen())


async def uses_wrapped():
    return await wrapped()


print("wrapped", drive(uses_wrapped()))
print(types.coroutine(nothing) is nothing)


# Awaiting inside expressions and nested functions.
async def exprs():
    a = [await double(i) for i in range(3)]
    b = {i: await double(i) for i in range(2)}
    c = (await double(1)) + (await double(2)) * 2
    d = f"{await double(5)}!"

    async def inner(y):
        return await double(y) + 1

    e = await inner(4)
    return a, b, c, d, e


print(drive(exprs()))
print(total.__code__.co_flags & 0x80 != 0, total.__code__.co_flags & 0x20)


# Origin tracking (per thread, off by default).
import sys


def make_tracked():
    return nothing()


print("depth", sys.get_coroutine_origin_tracking_depth())
c = nothing()
print("origin off:", c.cr_origin)
c.close()
sys.set_coroutine_origin_tracking_depth(2)
c = make_tracked()
print([(f.rsplit("/", 1)[-1], line, fn) for f, line, fn in c.cr_origin])
c.close()
sys.set_coroutine_origin_tracking_depth(0)
try:
    sys.set_coroutine_origin_tracking_depth(-1)
except ValueError as e:
    print(e)


# cr_frame while suspended: where it stopped and its locals.
async def paused(a):
    b = a * 2
    await Pending(b)


c = paused(4)
c.send(None)
fr = c.cr_frame
print(fr.f_code.co_name, fr.f_lineno, sorted(fr.f_locals.items()), fr.f_back)
c.close()
print("closed frame:", c.cr_frame)
c = paused(1)
print("unstarted frame at the def line:", c.cr_frame.f_lineno == c.cr_code.co_firstlineno)
c.close()
