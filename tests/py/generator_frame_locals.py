# PEP 667 on a suspended generator's frame (CPython 3.13+; the .exp is CPython 3.14's
# output, whose FrameLocalsProxy refuses to delete a variable with ValueError): a
# write through gi_frame.f_locals is what the generator sees when it resumes; keys
# that are not variables stay on the frame object, which gi_frame hands out again;
# once the generator has finished, its frame object keeps its last locals.
import sys


def stepper():
    total = 0
    step = 1
    while total < 20:
        received = yield total
        if received is not None:
            print("received", received)
        total += step


g = stepper()
print(next(g))
frame = g.gi_frame
print(frame is g.gi_frame, type(frame.f_locals).__name__)
proxy = frame.f_locals
proxy["step"] = 5
print(next(g), next(g))
print(sorted(frame.f_locals.items()))
g.gi_frame.f_locals["total"] = 2
print(g.send("hello"))
proxy["note"] = "kept"
print("note" in g.gi_frame.f_locals, g.gi_frame.f_locals["note"])
for key in ("note", "note", "step", "absent"):
    try:
        del proxy[key]
        print("deleted", key)
    except (KeyError, ValueError) as e:
        print(type(e).__name__, e)
proxy["later"] = 1
print(list(g))
print(g.gi_frame, sorted(frame.f_locals))


# Before the first next(): the arguments can be changed.
def summed(a, b=2):
    c = a + b
    yield c


s = summed(1)
s.gi_frame.f_locals["b"] = 40
print(next(s))


# A variable a closure captured is written through its cell.
def with_closure():
    shared = "old"

    def read():
        return shared
    yield read()
    yield read()


w = with_closure()
print(next(w))
w.gi_frame.f_locals["shared"] = "new"
print(next(w))


# Coroutines: cr_frame works the same.
class Pause:
    def __await__(self):
        yield "paused"


async def job():
    value = 1
    await Pause()
    return value


c = job()
print(c.send(None))
c.cr_frame.f_locals["value"] = "set from outside"
try:
    c.send(None)
except StopIteration as e:
    print("returned", e.value)


# The running frame's own proxy still writes through.
def direct():
    x = 1
    sys._getframe().f_locals["x"] = 2
    return x


print(direct())
