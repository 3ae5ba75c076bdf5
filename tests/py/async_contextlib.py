# contextlib's async side: asynccontextmanager (normal exit, handled and propagated
# exceptions, as a decorator, misuse), aclosing, nullcontext, AbstractAsyncContextManager.
import contextlib
class S:
    def __await__(self):
        return (yield "s")
def drive(c):
    while True:
        try:
            c.send(None)
        except StopIteration as e:
            return e.value
log = []
@contextlib.asynccontextmanager
async def resource(name):
    await S()
    log.append("open " + name)
    try:
        yield name.upper()
    except KeyError as e:
        log.append("handled " + repr(e))
    finally:
        await S()
        log.append("close " + name)
async def main():
    async with resource("a") as r:
        log.append("body " + r)
    async with resource("b"):
        raise KeyError("k")
    try:
        async with resource("c"):
            raise ValueError("v")
    except ValueError as e:
        log.append("propagated " + repr(e))
    @resource("d")
    async def decorated(x):
        log.append("inside decorated")
        return x * 2
    log.append(await decorated(21))
    class Thing:
        async def aclose(self):
            log.append("aclosed")
    async with contextlib.aclosing(Thing()) as t:
        log.append(type(t).__name__)
    async with contextlib.nullcontext(5) as n:
        log.append(n)
    @contextlib.asynccontextmanager
    async def no_yield():
        if False:
            yield
    try:
        async with no_yield():
            pass
    except RuntimeError as e:
        log.append(str(e))
    @contextlib.asynccontextmanager
    async def two_yields():
        yield 1
        yield 2
    try:
        async with two_yields():
            pass
    except RuntimeError as e:
        log.append(str(e))
    @contextlib.asynccontextmanager
    async def stops():
        yield
    try:
        async with stops():
            raise StopAsyncIteration("s")
    except StopAsyncIteration as e:
        log.append("stop passed " + repr(e))
    print(isinstance(resource("x"), contextlib.AbstractAsyncContextManager))
    class Plain:
        async def __aenter__(self): pass
        async def __aexit__(self, *a): pass
    print(issubclass(Plain, contextlib.AbstractAsyncContextManager))
drive(main())
for line in log:
    print(line)


# AsyncExitStack.
class S2:
    def __await__(self):
        return (yield "s")
def drive_stack(c):
    while True:
        try:
            c.send(None)
        except StopIteration as e:
            return e.value
log = []  # a fresh log
class ACM:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress
    async def __aenter__(self):
        await S2()
        log.append("enter " + self.name)
        return self.name
    async def __aexit__(self, typ, val, tb):
        await S2()
        log.append("exit %s %s" % (self.name, typ.__name__ if typ else None))
        return self.suppress
class CM:
    def __enter__(self):
        log.append("sync enter")
        return "sync"
    def __exit__(self, *exc):
        log.append("sync exit")
async def cb(x):
    await S2()
    log.append("async callback %s" % x)
async def main_stack():
    async with contextlib.AsyncExitStack() as stack:
        log.append(await stack.enter_async_context(ACM("a")))
        log.append(stack.enter_context(CM()))
        stack.push_async_callback(cb, 1)
        stack.callback(log.append, "sync callback")
        log.append(await stack.enter_async_context(ACM("b")))
    async with contextlib.AsyncExitStack() as stack:
        await stack.enter_async_context(ACM("outer", suppress=True))
        await stack.enter_async_context(ACM("inner"))
        raise KeyError("k")
    log.append("suppressed")
    stack = contextlib.AsyncExitStack()
    await stack.enter_async_context(ACM("later"))
    moved = stack.pop_all()
    await stack.aclose()
    log.append("moved has entries")
    await moved.aclose()
    try:
        await contextlib.AsyncExitStack().enter_async_context(CM())
    except TypeError as e:
        log.append(str(e))
    async def failing_exit(*exc):
        raise OSError("from exit")
    try:
        async with contextlib.AsyncExitStack() as stack:
            stack.push_async_exit(failing_exit)
            raise ValueError("body")
    except OSError as e:
        log.append("replaced: %r, context %r" % (e, e.__context__))
drive_stack(main_stack())
print("\n".join(log))
print(isinstance(contextlib.AsyncExitStack(), contextlib.ExitStack))
