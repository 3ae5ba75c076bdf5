# A generator or coroutine suspended inside an except block keeps its handled exception
# to itself: the caller's sys.exc_info() does not see it, and it is back on resume.
import sys
class S:
    def __await__(self):
        yield
def drive(c):
    try:
        while True:
            c.send(None)
            print("  caller sees:", sys.exc_info()[0])
    except StopIteration as e: return e.value
async def handler():
    try:
        raise KeyError("k")
    except KeyError:
        await S()
        print("  inside sees:", sys.exc_info()[0])
        try:
            raise
        except KeyError as e:
            return "reraised " + repr(e)
print(drive(handler()))
async def fin():
    try:
        return "ret"
    finally:
        await S()
        print("  finally awaited")
print(drive(fin()))
async def ctx():
    try:
        raise ValueError
    except ValueError:
        try:
            await S()
            raise TypeError
        except TypeError as t:
            return repr(t.__context__)
print(drive(ctx()))
try:
    raise OSError
except OSError:
    print(drive(handler()))
    print("outer still:", sys.exc_info()[0])


def g():
    try:
        raise KeyError
    except KeyError:
        yield 1
        print("in gen:", sys.exc_info()[0])
        yield 2
    print("after handler:", sys.exc_info()[0])
    yield 3
it = g()
for v in it:
    print(v, "caller:", sys.exc_info()[0])
try:
    raise OSError
except OSError:
    it = g()
    for v in it:
        print(v, "caller:", sys.exc_info()[0])
def g2():
    try:
        raise KeyError
    except KeyError:
        yield 1
        yield 2
x = g2(); next(x)
try: x.throw(1)
except TypeError as e: print(e)
print(next(x), sys.exc_info()[0])
