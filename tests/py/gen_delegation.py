# `yield from`: throw() and close() reach the innermost iterator first (PEP 380).


def leaf(log):
    try:
        yield 1
        yield 2
    except ValueError as e:
        log.append("leaf caught %r" % (e,))
        yield "recovered"
    except GeneratorExit:
        log.append("leaf closed")
        raise
    finally:
        log.append("leaf finally")
    return "leaf result"


def middle(log):
    r = yield from leaf(log)
    log.append("middle got %r" % (r,))
    yield "after"


log = []
g = middle(log)
print(next(g))
print(g.throw(ValueError("boom")))
print(next(g), log)

log = []
g = middle(log)
next(g)
g.close()
print("closed", log)

# An exception the leaf does not handle comes out of the delegating frame.
def outer():
    try:
        yield from leaf([])
    except KeyError as e:
        yield "outer caught %r" % (e,)


g = outer()
next(g)
print(g.throw(KeyError("k")))

# Class, class with value, instance; a value that is already an instance.
def catcher():
    while True:
        try:
            yield
        except Exception as e:
            print("caught", type(e).__name__, e.args)


def deleg():
    yield from catcher()


g = deleg()
next(g)
g.throw(ValueError)
g.throw(ValueError, 5)
g.throw(ValueError, (1, 2))
g.throw(ValueError, ValueError(7))
g.throw(TypeError("t"))
try:
    g.throw(1)
except TypeError as e:
    print("TypeError:", e)


# A duck-typed iterator: its throw gets what was thrown, as given; its StopIteration
# value is the result of `yield from`.
class Duck:
    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n > 2:
            raise StopIteration("duck done")
        return self.n

    def throw(self, *args):
        print("duck throw", [a if not isinstance(a, type) else a.__name__ for a in args])
        return "from duck throw"

    def close(self):
        print("duck close")


def use_duck():
    r = yield from Duck()
    yield "result: %s" % r


g = use_duck()
print(next(g), g.throw(ZeroDivisionError), g.throw(KeyError, "x"))
print(list(g))
g = use_duck()
next(g)
g.close()

# A throw() returning (StopIteration) finishes the `yield from` with a value.
def finisher():
    try:
        yield 1
    except ValueError:
        return "finished by throw"


def wrap():
    r = yield from finisher()
    yield r


g = wrap()
next(g)
print(g.throw(ValueError))


# next() lets a user iterator's StopIteration (and its value) through unchanged.
class Stopper:
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration("payload")


try:
    next(Stopper())
except StopIteration as e:
    print("StopIteration", e.args, e.value)
print(next(Stopper(), "default"))
