# contextlib beyond the basics: how @contextmanager treats exceptions (handled,
# replaced, re-raised, StopIteration, misbehaving generators), decorator use,
# ExitStack ordering/suppression/exception chaining, suppress, closing, nullcontext,
# redirect_stdout/stderr (nested), chdir, AbstractContextManager and ContextDecorator.
import io
import os
import sys
from contextlib import (contextmanager, suppress, closing, nullcontext, ExitStack,
                        redirect_stdout, redirect_stderr, AbstractContextManager,
                        ContextDecorator, chdir)


def show(label, fn):
    try:
        print(label, "->", fn())
    except BaseException as e:
        ctx = e.__context__
        print(label, "raised", type(e).__name__, e,
              "| context:", None if ctx is None else type(ctx).__name__)


@contextmanager
def handler(mode):
    """Handles errors according to mode."""
    try:
        yield mode
    except ValueError as e:
        if mode == "swallow":
            print("  swallowed", e)
        elif mode == "replace":
            raise KeyError("replaced") from e
        elif mode == "reraise":
            print("  saw", e)
            raise
    finally:
        print("  cleanup", mode)


def block(mode, exc):
    def run():
        with handler(mode) as got:
            if exc is not None:
                raise exc
            return "value " + got
    return run


for mode in ("swallow", "replace", "reraise", "ignore"):
    show(mode + " ok", block(mode, None))
    show(mode + " ValueError", block(mode, ValueError("v")))
    show(mode + " TypeError", block(mode, TypeError("t")))

print(handler.__name__, handler.__doc__, handler.__wrapped__.__name__)
cm = handler("swallow")
print(type(cm).__name__, cm.__doc__)


@contextmanager
def passthrough():
    yield


def raise_stop():
    with passthrough():
        raise StopIteration("stop!")


show("StopIteration through", raise_stop)


@contextmanager
def catches_stop():
    try:
        yield
    except StopIteration:
        print("  generator caught StopIteration")


def stop_caught():
    with catches_stop():
        raise StopIteration
    return "after"


show("StopIteration caught", stop_caught)


@contextmanager
def no_yield():
    if False:
        yield


@contextmanager
def two_yields():
    try:
        yield 1
    except ValueError:
        pass
    yield 2


@contextmanager
def keeps_going():
    while True:
        try:
            yield
        except Exception:
            print("  ignoring")


def enter_no_yield():
    with no_yield():
        return "body"


def two_normal():
    with two_yields():
        pass


def two_after_throw():
    with two_yields():
        raise ValueError


def ignore_all():
    with keeps_going():
        raise OSError("os")


show("no yield", enter_no_yield)
show("two yields", two_normal)
show("two yields after throw", two_after_throw)
show("ignores everything", ignore_all)

# __exit__ called directly with a type only builds the exception.
cm = handler("swallow")
cm.__enter__()
print("direct exit", cm.__exit__(ValueError, None, None))
cm = handler("reraise")
cm.__enter__()
print("direct exit", cm.__exit__(ValueError, None, None))

# Decorator use: every call gets a fresh generator.
calls = []


@contextmanager
def traced(name):
    calls.append("in " + name)
    yield
    calls.append("out " + name)


@traced("deco")
def work(x):
    calls.append("work %d" % x)
    return x * 2


print(work(1), work(2), calls, work.__name__)
cm = traced("once")
with cm:
    pass
try:
    with cm:
        pass
except (AttributeError, RuntimeError, TypeError) as e:
    print("second entry fails:", type(e).__name__)


# ExitStack.
class Res:
    def __init__(self, name, swallow=False):
        self.name, self.swallow = name, swallow

    def __enter__(self):
        print("  enter", self.name)
        return self.name.upper()

    def __exit__(self, typ, exc, tb):
        print("  exit", self.name, None if typ is None else typ.__name__)
        return self.swallow


def stack_run(raise_in_body, *setups):
    with ExitStack() as stack:
        for setup in setups:
            setup(stack)
        if raise_in_body:
            raise raise_in_body
        return "body done"


show("stack order", lambda: stack_run(None,
                                     lambda s: print("  got", s.enter_context(Res("a"))),
                                     lambda s: s.callback(print, "  callback", 1, end="!\n"),
                                     lambda s: s.push(Res("pushed")),
                                     lambda s: s.push(lambda *e: print("  push fn", e[0]))))
show("stack suppress", lambda: stack_run(ValueError("body"),
                                        lambda s: s.enter_context(Res("outer")),
                                        lambda s: s.enter_context(Res("inner", True))))


def fail(msg):
    def cb(*exc):
        raise RuntimeError(msg)
    return cb


def stack_chain():
    with ExitStack() as stack:
        stack.push(lambda *e: print("  last sees", e[0].__name__, e[1]) or False)
        stack.push(fail("second"))
        stack.push(fail("first"))
        raise ValueError("body")


try:
    stack_chain()
except RuntimeError as e:
    chain = []
    while e is not None:
        chain.append("%s(%s)" % (type(e).__name__, e))
        e = e.__context__
    print("chain", chain)


def stack_raise_then_swallow():
    with ExitStack() as stack:
        stack.push(lambda *e: True)
        stack.push(fail("dropped"))
    return "swallowed"


show("raise then swallow", stack_raise_then_swallow)

stack = ExitStack()
stack.callback(print, "  moved callback")
other = stack.pop_all()
print("pop_all", type(other).__name__)
stack.close()
print("closing moved")
other.close()
other.close()
cb = ExitStack().callback(len)
print("callback returns", cb is len)
try:
    ExitStack().enter_context(object())
except TypeError as e:
    print("TypeError", e)


class NoExit:
    def __enter__(self):
        return 1


try:
    ExitStack().enter_context(NoExit())
except TypeError as e:
    print("TypeError", e)

# suppress, closing, nullcontext.
with suppress(KeyError, IndexError) as s:
    {}["x"]
print("suppressed", s)
with suppress(LookupError):
    [][0]
print("suppressed subclass")
show("suppress other", lambda: [suppress(KeyError).__enter__(), suppress(KeyError).__exit__(
    ValueError, ValueError(), None)])
try:
    with suppress():
        raise ValueError("nothing suppressed")
except ValueError as e:
    print("ValueError", e)


class Thing:
    def close(self):
        print("  closed")


with closing(Thing()) as t:
    print("closing gives", type(t).__name__)
try:
    with closing(Thing()):
        raise OSError("io")
except OSError:
    print("closed even on error")
with nullcontext(42) as v, nullcontext() as w:
    print("nullcontext", v, w)

# redirections, nested and reentrant.
buf, inner = io.StringIO(), io.StringIO()
r = redirect_stdout(buf)
with r as target:
    print("one")
    with redirect_stdout(inner):
        print("two")
    with r:
        print("three")
    print("four", target is buf)
print("buf", buf.getvalue().split(), "inner", inner.getvalue().split())
err = io.StringIO()
with redirect_stderr(err):
    sys.stderr.write("to err\n")
print("err", repr(err.getvalue()), sys.stderr is sys.__stderr__)

# chdir restores the directory, also when nested.
start = os.getcwd()
with chdir("/") as c:
    print("chdir gives", c, os.getcwd())
    with chdir(start):
        print("back inside", os.getcwd() == start)
    print("still root", os.getcwd())
print("restored", os.getcwd() == start)


# AbstractContextManager: structural check, default __enter__, abstract __exit__.
class Duck:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        return None


class HalfDuck:
    def __enter__(self):
        return self


class Mine(AbstractContextManager):
    def __exit__(self, *a):
        print("  Mine exit")


print(isinstance(Duck(), AbstractContextManager), isinstance(HalfDuck(), AbstractContextManager),
      issubclass(ExitStack, AbstractContextManager), isinstance(nullcontext(), AbstractContextManager))
with Mine() as m:
    print("Mine enter gives self", type(m).__name__)


class NoExitCM(AbstractContextManager):
    pass


try:
    NoExitCM()
except TypeError:
    print("abstract without __exit__")


# ContextDecorator on a class-based manager.
class logged(ContextDecorator):
    def __init__(self, tag):
        self.tag = tag

    def __enter__(self):
        print("  start", self.tag)
        return self

    def __exit__(self, *exc):
        print("  end", self.tag, exc[0] is not None)
        return False


@logged("f")
def f(a, b=2):
    """f's doc"""
    return a + b


print(f(1), f.__name__, f.__doc__)
show("decorated raises", lambda: logged("g")(lambda: 1 / 0)())
