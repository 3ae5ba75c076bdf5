# Weak reference and proxy slots, the _thread lock methods and a few sys and _thread
# functions bind their arguments like CPython 3.11's: slot wrappers say "expected N
# arguments", acquire takes two keywords, sys.exit one positional argument.
import _thread
import sys
import weakref


class Thing:
    def __abs__(self):
        return 11

    def __index__(self):
        return 6

    def __float__(self):
        return 2.5

    def __int__(self):
        return 9

    def __divmod__(self, other):
        return ("divmod", other)

    def __rdivmod__(self, other):
        return ("rdivmod", other)

    def __bytes__(self):
        return b"raw"

    def __reversed__(self):
        return iter("cba")


def attempt(label, make):
    try:
        got = make()
    except (TypeError, ValueError, RuntimeError) as e:
        print(label, type(e).__name__ + ":", e)
    else:
        print(label, "->", repr(got))


thing = Thing()
px = weakref.proxy(thing)
ref = weakref.ref(thing)
P = type(px)

attempt("abs", lambda: abs(px))
attempt("int", lambda: int(px))
attempt("float", lambda: float(px))
attempt("divmod", lambda: divmod(px, 4))
attempt("rdivmod", lambda: divmod(4, px))
attempt("bytes", lambda: bytes(px))
attempt("reversed", lambda: "".join(reversed(px)))
attempt("index", lambda: px.__index__())
attempt("__abs__ extra", lambda: P.__abs__(px, 1))
attempt("__divmod__ short", lambda: P.__divmod__(px))
attempt("__index__ extra", lambda: P.__index__(px, 1, 2))
attempt("__bytes__ extra", lambda: P.__bytes__(px, 1))
attempt("__reversed__ kw", lambda: P.__reversed__(px, a=1))

attempt("ref eq", lambda: ref == weakref.ref(thing))
attempt("ref ne", lambda: ref != weakref.ref(thing))
attempt("__eq__ short", lambda: ref.__eq__())
attempt("__ne__ long", lambda: ref.__ne__(1, 2))
attempt("__init__ short", lambda: ref.__init__())
attempt("__init__ long", lambda: ref.__init__(thing, None, 3))
attempt("__init__ ok", lambda: ref.__init__(thing))
attempt("call ok", lambda: ref() is thing)
attempt("call arg", lambda: ref(1))
attempt("call kw", lambda: ref(x=1))

lock = _thread.allocate_lock()
rl = _thread.RLock()
attempt("acquire 3", lambda: lock.acquire(1, 2, 3))
attempt("acquire kw", lambda: lock.acquire(wait=1))
attempt("acquire total", lambda: lock.acquire(True, timeout=1, wait=2))
attempt("acquire bad timeout", lambda: lock.acquire(timeout="soon"))
attempt("acquire nonblocking timeout", lambda: lock.acquire(blocking=False, timeout=1))
attempt("acquire ok", lambda: lock.acquire(blocking=True, timeout=0.5))
attempt("acquire held", lambda: lock.acquire(False))
attempt("exit with args", lambda: lock.__exit__(None, None, None))
attempt("locked", lambda: lock.locked())
attempt("enter with arg", lambda: lock.__enter__(False))
attempt("exit none", lambda: lock.__exit__())
attempt("exit again", lambda: lock.__exit__())
attempt("rlock acquire 3", lambda: rl.acquire(1, 2, 3))
attempt("rlock enter", lambda: rl.__enter__())
attempt("rlock exit args", lambda: rl.__exit__(1, 2, 3))
attempt("rlock exit again", lambda: rl.__exit__())
with lock:
    print("inside with:", lock.locked())
print("after with:", lock.locked())


def exits(label, make):
    try:
        make()
    except SystemExit as e:
        print(label, "SystemExit", e.args)
    except TypeError as e:
        print(label, "TypeError:", e)


exits("exit 2", lambda: sys.exit(1, 2))
exits("exit kw", lambda: sys.exit(code=1))
exits("exit none", lambda: sys.exit())
exits("exit one", lambda: sys.exit("bye"))
attempt("excepthook 1", lambda: sys.excepthook(1))
attempt("excepthook kw", lambda: sys.excepthook(1, 2, 3, extra=1))
attempt("stack_size 2", lambda: _thread.stack_size(1, 2))
attempt("stack_size kw", lambda: _thread.stack_size(size=1))
attempt("stack_size small", lambda: _thread.stack_size(100))
attempt("stack_size none", lambda: _thread.stack_size())
attempt("start_new_thread 1", lambda: _thread.start_new_thread(print))
attempt("start_new_thread 4", lambda: _thread.start_new_thread(print, (), {}, 4))
attempt("start_new_thread kw", lambda: _thread.start_new_thread(print, (), extra=1))
attempt("start_new_thread not callable", lambda: _thread.start_new_thread(3, ()))
