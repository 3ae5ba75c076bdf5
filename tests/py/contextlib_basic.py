import sys
from contextlib import (contextmanager, suppress, closing, nullcontext, ExitStack,
                        redirect_stdout, AbstractContextManager)

log = []


@contextmanager
def tag(name):
    log.append("enter " + name)
    try:
        yield name.upper()
    finally:
        log.append("exit " + name)


with tag("a") as v:
    log.append(v)
print(log)
log.clear()
try:
    with tag("b"):
        raise KeyError("k")
except KeyError as e:
    print("KeyError", e, log)


@contextmanager
def swallow():
    try:
        yield
    except ValueError as e:
        print("swallowed", e)


with swallow():
    raise ValueError("oops")
print("after swallow")


@contextmanager
def noyield():
    if False:
        yield


try:
    with noyield():
        pass
except RuntimeError as e:
    print("RuntimeError", e)


@contextmanager
def twice():
    yield
    yield


try:
    with twice():
        pass
except RuntimeError as e:
    print("RuntimeError", e)


@tag("deco")
def decorated():
    log.append("body")


log.clear()
decorated()
decorated()
print(log)

with suppress(KeyError, IndexError):
    [][1]
print("suppressed")
try:
    with suppress(KeyError):
        1 / 0
except ZeroDivisionError:
    print("not suppressed")


class Res:
    def close(self):
        print("closed")


with closing(Res()) as r:
    print(type(r).__name__)
with nullcontext(5) as n:
    print(n)
with nullcontext() as n:
    print(n)

with ExitStack() as stack:
    for i in range(3):
        stack.callback(print, "callback", i)
    v = stack.enter_context(tag("in-stack"))
    print("value", v)
print(log[-1])

with ExitStack() as stack:
    stack.push(lambda *exc: print("push exit", exc[0].__name__) or True)
    raise IndexError
print("stack suppressed")

try:
    with ExitStack() as stack:
        stack.callback(print, "cleanup ran")
        raise ValueError("inner")
except ValueError as e:
    print("ValueError", e)

with ExitStack() as outer:
    inner = ExitStack()
    inner.callback(print, "moved")
    moved = inner.pop_all()
    print("before close")
moved.close()
try:
    ExitStack().enter_context(5)
except TypeError:
    print("TypeError")


class Cap:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)

    def flush(self):
        pass


cap = Cap()
with redirect_stdout(cap):
    print("hidden", 1)
print("captured", "".join(cap.parts).split())


class CM(AbstractContextManager):
    def __exit__(self, *a):
        print("CM exit")


with CM() as cm:
    print(type(cm).__name__)
