# Async generators: yield in async def, __anext__/asend/athrow/aclose awaitables,
# attributes, StopAsyncIteration, async comprehensions and generator expressions.
import types


class Tick:
    def __await__(self):
        got = yield "tick"
        return got


def drive(coro):
    while True:
        try:
            coro.send(None)
        except StopIteration as stop:
            return stop.value


def run(make):
    try:
        print("->", drive(make()))
    except BaseException as e:
        print("!!", type(e).__name__, e)


async def countdown(n):
    while n:
        await Tick()
        yield n
        n -= 1


g = countdown(2)
print(type(g).__name__, type(g) is types.AsyncGeneratorType)
print(repr(g).startswith("<async_generator object countdown at 0x"))
print(g.__name__, g.__qualname__, g.ag_code.co_name, g.ag_running, g.ag_await)
print(g.__aiter__() is g, hasattr(g, "__iter__"), hasattr(g, "__next__"))
print(countdown.__code__.co_flags & 0x200 != 0)


async def collect():
    return [v async for v in countdown(3)]


run(collect)


# Stepping the awaitables by hand.
aw = g.__anext__()
print(type(aw).__name__)
print("step", aw.send(None))
try:
    aw.send(None)
except StopIteration as e:
    print("value", e.value)
try:
    aw.send(None)
except RuntimeError as e:
    print(e)


# asend delivers values to the yield.
async def echo():
    received = []
    try:
        while True:
            v = yield len(received)
            received.append(v)
    finally:
        print("echo finally", received)


async def use_echo():
    e = echo()
    out = [await e.__anext__()]
    out.append(await e.asend("a"))
    out.append(await e.asend("b"))
    await e.aclose()
    return out


run(use_echo)


# athrow: caught inside and yielding, or propagating.
async def resilient():
    while True:
        try:
            yield "normal"
        except ValueError as e:
            yield "handled " + str(e)


async def use_athrow():
    r = resilient()
    a = await r.__anext__()
    b = await r.athrow(ValueError("x"))
    c = await r.athrow(ValueError, ValueError("y"))
    try:
        await r.athrow(KeyError("k"))
    except KeyError as e:
        d = "propagated " + repr(e)
    try:
        await r.__anext__()
    except StopAsyncIteration:
        e = "finished"
    return a, b, c, d, e


run(use_athrow)


# aclose: finally blocks run; ignoring GeneratorExit is an error.
async def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2


async def use_stubborn():
    s = stubborn()
    await s.__anext__()
    try:
        await s.aclose()
    except RuntimeError as e:
        return str(e)


run(use_stubborn)


async def awaits_in_finally():
    try:
        yield 1
    finally:
        await Tick()
        print("finally awaited")


async def use_awaits_in_finally():
    a = awaits_in_finally()
    await a.__anext__()
    r = await a.aclose()
    r2 = await a.aclose()
    try:
        await a.__anext__()
    except StopAsyncIteration:
        return r, r2, "exhausted"


run(use_awaits_in_finally)


async def never_started():
    yield 1


async def close_unstarted():
    n = never_started()
    await n.aclose()
    return [x async for x in n]


run(close_unstarted)


# StopIteration / StopAsyncIteration raised inside become RuntimeError.
async def raises_stop():
    yield 1
    raise StopIteration("inner")


async def raises_stop_async():
    yield 1
    raise StopAsyncIteration


async def consume(make):
    out = []
    try:
        async for v in make():
            out.append(v)
    except RuntimeError as e:
        out.append((str(e), type(e.__cause__).__name__))
    return out


run(lambda: consume(raises_stop))
run(lambda: consume(raises_stop_async))


# Reusing an awaitable, sending into a just-started one.
async def reuse():
    n = never_started()
    aw = n.__anext__()
    first = await aw
    try:
        await aw
    except RuntimeError as e:
        return first, str(e)


run(reuse)
try:
    never_started().asend("x").send(None)
except TypeError as e:
    print(e)
try:
    never_started().athrow(ValueError).send("x")
except RuntimeError as e:
    print(e)


# Async generator expressions and comprehensions of every kind.
async def comprehensions():
    squares = (v * v async for v in countdown(3))
    print(type(squares).__name__)
    a = [v async for v in squares]
    b = {v async for v in countdown(2)}
    c = {v: -v async for v in countdown(2) if v > 1}
    d = [(x, y) async for x in countdown(2) for y in "ab"]
    e = [[w async for w in countdown(x)] for x in range(3)]
    f = [await Tick() for _ in range(2)]
    g = (await Tick() for _ in range(1))
    h = [v async for v in g]
    return a, sorted(b), c, d, e, f, h


run(comprehensions)


# A generator expression with async for is allowed in a plain function.
def make_agen_expr():
    return (x + 1 async for x in countdown(2))


async def use_expr():
    return [v async for v in make_agen_expr()]


run(use_expr)


# Methods, closures, nested async generators.
class Source:
    def __init__(self, items):
        self.items = items

    async def stream(self):
        for i in self.items:
            yield i


async def chain(*sources):
    for s in sources:
        async for v in s.stream():
            yield v


async def use_chain():
    return [v async for v in chain(Source([1, 2]), Source("xy"))]


run(use_chain)
print(Source.stream.__qualname__)


# Only one asend/athrow at a time; ag_running tells whether one is part-way.
async def two_steps():
    await Tick()
    yield 1
    await Tick()
    yield 2


t = two_steps()
first = t.__anext__()
print("running before:", t.ag_running)
first.send(None)
print("running during:", t.ag_running)
for second in (t.__anext__(), t.asend(None), t.athrow(ValueError), t.aclose()):
    try:
        second.send(None)
    except RuntimeError as e:
        print(e)
try:
    first.send(None)
except StopIteration as e:
    print("first gave", e.value, "running after:", t.ag_running)


# sys.set_asyncgen_hooks: firstiter on first use, finalizer for an unfinished generator
# that dies (found by gc.collect()).
import sys
import gc
print(sys.get_asyncgen_hooks())
seen = []
def first(g): seen.append(("first", g.__name__))
def fin(g): seen.append(("fin", g.__name__)); keep.append(g)
keep = []
sys.set_asyncgen_hooks(firstiter=first, finalizer=fin)
h = sys.get_asyncgen_hooks()
print(h.firstiter is first, h.finalizer is fin, type(h).__name__, len(h))
async def ag():
    try:
        yield 1
        yield 2
    finally:
        seen.append("finally")
def drive_all(c):
    try:
        while True: c.send(None)
    except StopIteration as e: return e.value
g = ag()
print(drive_all(g.__anext__()))
print(seen)
del g
gc.collect()
print(seen)
k = keep.pop()
print(drive_all(k.aclose()), seen)
g2 = ag()
drive_all(g2.__anext__()); drive_all(g2.__anext__())
try: drive_all(g2.__anext__())
except StopAsyncIteration: print("exhausted")
del g2; gc.collect(); print(seen)
try: sys.set_asyncgen_hooks(firstiter=1)
except TypeError as e: print(e)
try: sys.set_asyncgen_hooks(None, 2)
except TypeError as e: print(e)
sys.set_asyncgen_hooks(None, None)
print(sys.get_asyncgen_hooks())


# The aiter() and anext() builtins.
class Tick2:
    def __await__(self):
        yield "t"
async def two():
    await Tick2()
    yield 1
    await Tick2()
    yield 2
def drive_n(c):
    n = 0
    try:
        while True:
            c.send(None); n += 1
    except StopIteration as e:
        return e.value, n
async def main():
    a = aiter(two())
    out = [await anext(a), await anext(a), await anext(a, "done"), await anext(a, "done")]
    try:
        await anext(a)
    except StopAsyncIteration:
        out.append("stop")
    return out
print(drive_n(main()))
a = two()
print(type(anext(a)).__name__, type(anext(a, 5)).__name__)
for bad in (lambda: aiter(1), lambda: anext(1)):
    try: bad()
    except TypeError as e: print(e)
class AI:
    def __aiter__(self): return 1
try: aiter(AI())
except TypeError as e: print(e)
class Counter:
    def __init__(self): self.n = 0
    def __aiter__(self): return self
    async def __anext__(self):
        self.n += 1
        if self.n > 2: raise StopAsyncIteration
        await Tick2()
        return self.n
async def m2():
    c = Counter()
    return [await anext(c, None) for _ in range(4)]
print(drive_n(m2()))
