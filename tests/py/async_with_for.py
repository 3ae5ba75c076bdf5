# async with and async for: protocol calls, exception passing and suppression,
# break/continue/return through them, else clauses, CPython's TypeErrors.
# The .exp is CPython 3.14's output (tools/get_cpython314.sh): 3.14's TypeError for a
# bad async context manager names the missing method.


class Tick:
    """Suspends once; the loop sends back None."""

    def __await__(self):
        yield "tick"


def drive(coro):
    ticks = 0
    while True:
        try:
            coro.send(None)
        except StopIteration as stop:
            return stop.value, ticks
        ticks += 1


def run(make):
    try:
        print("->", drive(make()))
    except BaseException as e:
        print("!!", type(e).__name__, e)


class Manager:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    async def __aenter__(self):
        await Tick()
        print("enter", self.name)
        return self.name.upper()

    async def __aexit__(self, typ, val, tb):
        await Tick()
        print("exit", self.name, typ.__name__ if typ else None, val, tb is not None)
        return self.suppress


async def plain():
    async with Manager("a") as x:
        print("body", x)
    return "plain"


async def two_items():
    async with Manager("a") as x, Manager("b") as y:
        print("body", x, y)
    return x + y


async def raising():
    async with Manager("r"):
        raise ValueError("v")


async def suppressing():
    async with Manager("s", suppress=True):
        raise ValueError("hidden")
    return "suppressed"


async def returning():
    async with Manager("ret"):
        return "from body"


async def nested_exc():
    try:
        async with Manager("outer"), Manager("inner", suppress=True):
            raise KeyError("k")
        print("after with")
    except KeyError:
        print("not reached")
    return "ok"


for f in (plain, two_items, raising, suppressing, returning, nested_exc):
    run(f)


class Counter:
    """An async iterator counting to n, awaiting before each item."""

    def __init__(self, n):
        self.i = 0
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        await Tick()
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i


async def loop_else():
    got = []
    async for v in Counter(3):
        got.append(v)
    else:
        got.append("else")
    return got


async def loop_break():
    got = []
    async for v in Counter(10):
        if v == 2:
            continue
        if v == 5:
            break
        got.append(v)
    else:
        got.append("no else")
    return got


async def loop_return():
    async for v in Counter(10):
        async for w in Counter(10):
            if v * w == 6:
                return v, w


async def loop_in_with():
    async with Manager("m"):
        async for v in Counter(2):
            print("item", v)
            if v == 2:
                return "left"


async def loop_exception():
    try:
        async for v in Counter(5):
            if v == 3:
                raise RuntimeError("at 3")
    except RuntimeError as e:
        return str(e)


async def nested_targets():
    out = []
    async for a, b in Pairs():
        out.append(a + b)
    return out


class Pairs:
    def __init__(self):
        self.items = [(1, 2), (3, 4)]

    def __aiter__(self):
        return self

    async def __anext__(self):
        if not self.items:
            raise StopAsyncIteration
        return self.items.pop(0)


for f in (loop_else, loop_break, loop_return, loop_in_with, loop_exception, nested_targets):
    run(f)


# The protocol errors.
class NoAexit:
    async def __aenter__(self):
        return 1


class NoAenter:
    async def __aexit__(self, *a):
        return False


class SyncEnter:
    def __aenter__(self):
        return 1

    async def __aexit__(self, *a):
        return False


class SyncExit:
    async def __aenter__(self):
        return 1

    def __aexit__(self, *a):
        return None


class BadAiter:
    def __aiter__(self):
        return 5


class SyncAnext:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 7


class OnlyIter:
    def __iter__(self):
        return iter([1])


async def with_int():
    async with 1:
        pass


async def with_no_aexit():
    async with NoAexit():
        pass


async def with_no_aenter():
    async with NoAenter():
        pass


async def with_sync_enter():
    async with SyncEnter():
        pass


async def with_sync_exit():
    async with SyncExit():
        pass


async def for_int():
    async for x in 5:
        pass


async def for_bad_aiter():
    async for x in BadAiter():
        pass


async def for_sync_anext():
    async for x in SyncAnext():
        pass


async def for_plain_iterable():
    async for x in OnlyIter():
        pass


for f in (with_int, with_no_aexit, with_no_aenter, with_sync_enter, with_sync_exit,
          for_int, for_bad_aiter, for_sync_anext, for_plain_iterable):
    run(f)


# An exception raised by __aexit__ replaces the body's, with it as the context.
class ExitRaises:
    async def __aenter__(self):
        return self

    async def __aexit__(self, typ, val, tb):
        raise OSError("from exit")


async def exit_raises():
    try:
        async with ExitRaises():
            raise ValueError("body")
    except OSError as e:
        return repr(e), repr(e.__context__)


run(exit_raises)
