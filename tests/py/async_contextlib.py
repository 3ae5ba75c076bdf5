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
