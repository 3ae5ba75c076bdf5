# contextvars: ContextVar get/set/reset, Tokens, copy_context, Context.run, threads.
# The last block (a Token as a context manager) is new in 3.14: its two lines of
# expected output were written by hand from the 3.14 documentation.
import contextvars
import threading

color = contextvars.ContextVar("color", default="red")
size = contextvars.ContextVar("size")

print(color.name, color.get(), size.get("no size"))
try:
    size.get()
except LookupError as e:
    print("LookupError", type(e.args[0]).__name__)

tok = color.set("blue")
print(color.get(), tok.var is color, tok.old_value)
color.reset(tok)
print(color.get())
try:
    color.reset(tok)
except RuntimeError:
    print("a token resets once")

t2 = size.set(3)
print(t2.old_value is contextvars.Token.MISSING)
snapshot = contextvars.copy_context()
size.set(4)
print(size.get(), snapshot[size], len(snapshot), size in snapshot, color in snapshot)
print(sorted(v.name for v in snapshot), list(snapshot.values()))


def work(n):
    size.set(n)
    return size.get() * 10


print(snapshot.run(work, 7), snapshot[size], size.get())
try:
    snapshot.run(snapshot.run, work, 1)
except RuntimeError:
    print("a context cannot be entered twice")

other = contextvars.ContextVar("other")
foreign = other.set(1)
ctx = contextvars.Context()
try:
    ctx.run(other.reset, foreign)
except ValueError:
    print("token from another context")
try:
    size.reset(foreign)
except ValueError:
    print("token from another variable")

seen = []


def in_thread():
    seen.append(size.get("unset in new thread"))
    size.set(99)
    seen.append(size.get())


th = threading.Thread(target=in_thread)
th.start()
th.join()
print(seen, size.get())

with color.set("green"):
    print("inside:", color.get())
print("after:", color.get())
print(type(contextvars.ContextVar[int]).__name__, contextvars.Context().get(color, "dflt"))
