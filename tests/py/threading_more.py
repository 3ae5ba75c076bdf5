# threading beyond thread_api.py: Event and Condition details (wait_for timeouts,
# notify(n), ownership errors), Semaphore timeouts and reprs, Timer (fires, cancel),
# Barrier (indices, action, abort, reset, action errors), the thread registry
# (enumerate, active_count, current_thread in threads), Thread names, reprs and
# property errors, local with constructor arguments.
import threading
import time


def clean(text, long_number="IDENT"):
    """Addresses and idents vary from run to run: 0x... becomes ADDR, numbers of four
    digits or more become `long_number`."""
    text, out, i = str(text), [], 0
    while i < len(text):
        j = i + 1
        if text.startswith("0x", i):
            j = i + 2
            while j < len(text) and text[j] in "0123456789abcdef":
                j += 1
            out.append("ADDR")
        elif text[i].isdigit():
            while j < len(text) and text[j].isdigit():
                j += 1
            out.append(long_number if j - i >= 4 else text[i:j])
        else:
            out.append(text[i])
        i = j
    return "".join(out)


def numbered(name):
    """Thread-12 (f) -> Thread-N (f)"""
    return "".join("N" if ch.isdigit() else ch for ch in name).replace("NN", "N").replace("NN", "N")


def run_all(threads):
    for t in threads:
        t.start()
    for t in threads:
        t.join()


# ---- Event
ev = threading.Event()
print(ev.is_set(), ev.wait(0), ev.wait(0.01), clean(repr(ev)).endswith("unset>"))
ev.set()
print(ev.is_set(), ev.wait(), ev.wait(0), clean(repr(ev)).endswith(": set>"), ev.isSet())
ev.clear()
print(ev.is_set(), clean(repr(ev)).split(" at ")[0])
woken = []
go = threading.Event()
waiters = [threading.Thread(target=lambda i=i: woken.append((i, go.wait(5)))) for i in range(3)]
for t in waiters:
    t.start()
time.sleep(0.02)
go.set()
for t in waiters:
    t.join()
print(sorted(woken))

# ---- Condition
cond = threading.Condition()
calls = []


def predicate():
    calls.append(1)
    return len(calls) >= 3


with cond:
    print("wait_for with timeout 0:", cond.wait_for(lambda: False, 0))
    print("wait_for times out:", cond.wait_for(lambda: False, 0.02))
    print("wait_for predicate:", cond.wait_for(predicate, 0.01), len(calls) >= 2)
    print("wait_for value:", cond.wait_for(lambda: "truthy"))
for action in (cond.wait, cond.notify, cond.notify_all):
    try:
        action()
    except RuntimeError as e:
        print("RuntimeError", e)
print(clean(repr(cond)).startswith("<Condition(<unlocked _thread.RLock object"), clean(repr(cond))[-4:])

# notify(n) wakes exactly n of the waiters; notify_all the rest.
plain = threading.Condition(threading.Lock())
state = {"ready": 0, "woken": 0}


def sleeper():
    with plain:
        state["ready"] += 1
        plain.wait()
        state["woken"] += 1


sleepers = [threading.Thread(target=sleeper) for _ in range(4)]
for t in sleepers:
    t.start()
deadline = time.monotonic() + 5
while time.monotonic() < deadline:
    with plain:
        # every sleeper is inside wait() once it counted itself and let go of the lock
        if state["ready"] == 4:
            plain.notify(2)
            break
    time.sleep(0.005)
deadline = time.monotonic() + 5
while state["woken"] < 2 and time.monotonic() < deadline:
    time.sleep(0.005)
time.sleep(0.02)
with plain:
    print("after notify(2):", state["woken"])
    plain.notify_all()
for t in sleepers:
    t.join()
print("after notify_all:", state["woken"])

# RLock-based Condition: wait releases every recursion level.
rcond = threading.Condition(threading.RLock())
flag = []


def setter():
    with rcond:
        flag.append("set")
        rcond.notify()


with rcond:
    with rcond:
        t = threading.Thread(target=setter)
        t.start()
        print("nested wait:", rcond.wait_for(lambda: flag, 5), flag)
t.join()

# ---- Semaphore / BoundedSemaphore
sem = threading.Semaphore(1)
print(sem.acquire(), sem.acquire(timeout=0.01), sem.acquire(False), clean(repr(sem)).endswith("value=0>"))
sem.release(3)
print(clean(repr(sem)).endswith("value=3>"), [sem.acquire(False) for _ in range(4)])
for bad in (lambda: threading.Semaphore(-1), lambda: sem.acquire(False, 1), lambda: sem.release(0)):
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)
bsem = threading.BoundedSemaphore(2)
with bsem:
    print(clean(repr(bsem)).endswith("value=1/2>"), type(bsem).__name__)
try:
    bsem.release()
except ValueError as e:
    print("ValueError", e)
got = []
gate = threading.Semaphore(0)
takers = [threading.Thread(target=lambda: got.append(gate.acquire(timeout=5))) for _ in range(3)]
for t in takers:
    t.start()
gate.release(3)
for t in takers:
    t.join()
print("semaphore takers:", got)

# ---- Timer
fired = []
timer = threading.Timer(0.01, lambda *a, **k: fired.append((a, k)), args=(1, 2), kwargs={"k": 3})
timer.start()
timer.join()
print("timer fired:", fired, timer.finished.is_set(), timer.interval, timer.args, timer.kwargs)
late = threading.Timer(10, fired.append, args=["never"])
late.start()
late.cancel()
late.join()
print("cancelled:", fired, late.is_alive(), late.function.__self__ is fired)
t0 = threading.Timer(0, fired.append, ["zero"])
print(t0.args, t0.kwargs, isinstance(t0, threading.Thread))
t0.start()
t0.join()
print(fired[-1])

# ---- Barrier
order = []
bar = threading.Barrier(3, action=lambda: order.append("action"))
indices = []


def party():
    indices.append(bar.wait())
    order.append("through")


run_all([threading.Thread(target=party) for _ in range(3)])
print(sorted(indices), order, bar.n_waiting, bar.broken, bar.parties)
print(clean(repr(bar)).endswith("waiters=0/3>"))
run_all([threading.Thread(target=party) for _ in range(3)])
print("second round:", sorted(indices[3:]), order.count("action"))

# abort breaks it for the waiters and for later callers, until reset.
bar = threading.Barrier(2)
outcome = []


def wait_and_record():
    try:
        bar.wait()
        outcome.append("passed")
    except threading.BrokenBarrierError:
        outcome.append("broken")


w = threading.Thread(target=wait_and_record)
w.start()
while bar.n_waiting != 1:
    time.sleep(0.005)
print("waiting:", bar.n_waiting, clean(repr(bar)).endswith("waiters=1/2>"))
bar.abort()
w.join()
print(outcome, bar.broken, bar.n_waiting, clean(repr(bar)).endswith("broken>"))
try:
    bar.wait()
except threading.BrokenBarrierError as e:
    print("BrokenBarrierError", repr(e), isinstance(e, RuntimeError))
bar.reset()
print("after reset:", bar.broken, bar.n_waiting)
run_all([threading.Thread(target=wait_and_record) for _ in range(2)])
print(outcome)

# reset while a thread waits: that thread gets BrokenBarrierError, the barrier works on.
outcome.clear()
w = threading.Thread(target=wait_and_record)
w.start()
while bar.n_waiting != 1:
    time.sleep(0.005)
bar.reset()
w.join()
print("reset during wait:", outcome, bar.broken)
run_all([threading.Thread(target=wait_and_record) for _ in range(2)])
print(outcome)

# an error in the action breaks the barrier; the thread running it sees the error.
outcome.clear()
bad = threading.Barrier(2, action=lambda: 1 / 0)


def bad_party():
    try:
        bad.wait()
        outcome.append("passed")
    except threading.BrokenBarrierError:
        outcome.append("broken")
    except ZeroDivisionError:
        outcome.append("action error")


run_all([threading.Thread(target=bad_party) for _ in range(2)])
print(sorted(outcome), bad.broken)
timed = threading.Barrier(2, timeout=0.01)
try:
    timed.wait()
except threading.BrokenBarrierError:
    print("timed out, broken:", timed.broken)

# ---- the registry, names, reprs
release = threading.Event()
started = threading.Event()
seen = {}


def registered(tag):
    me = threading.current_thread()
    seen[tag] = (me.name, me in threading.enumerate(), me.is_alive(), me is not threading.main_thread())
    started.set()
    release.wait(5)


before = threading.active_count()
workers = [threading.Thread(target=registered, args=(i,), name="w%d" % i) for i in range(2)]
print([clean(repr(w)) for w in workers])
workers[1].daemon = True
for w in workers:
    started.clear()
    w.start()
    started.wait(5)
print(threading.active_count() - before, sorted(seen.items()))
print([clean(repr(w)) for w in workers])
names = sorted(t.name for t in threading.enumerate())
print(names, threading.main_thread().name in names)
release.set()
for w in workers:
    w.join()
print([clean(repr(w)) for w in workers], threading.active_count() == before,
      [w.is_alive() for w in workers])


def named_target():
    pass


a = threading.Thread(target=named_target)
b = threading.Thread()
c = threading.Thread(target=lambda: None)
d = threading.Thread(name=42)
print(numbered(a.name), numbered(b.name), numbered(c.name), d.name)
print(int(b.name.split("-")[1]) - int(a.name.split("-")[1].split()[0]))
d.name = "renamed"
d.setName(d.getName() + "!")
print(d.name, d.isDaemon(), d.ident, d.native_id, d.is_alive())
d.setDaemon(True)
print(d.daemon, clean(repr(d)))
for action in (d.join, lambda: threading.current_thread().join()):
    try:
        action()
    except RuntimeError as e:
        print("RuntimeError", e)
d.start()
d.join()
print(d.ident is not None, d.native_id is not None, clean(repr(d)))
for action in (d.start, lambda: setattr(d, "daemon", False)):
    try:
        action()
    except RuntimeError as e:
        print("RuntimeError", e)


class NoInit(threading.Thread):
    def __init__(self):
        pass


for action in (lambda: repr(NoInit()), lambda: NoInit().start(), lambda: NoInit().join()):
    try:
        action()
    except (AssertionError, RuntimeError) as e:
        print(type(e).__name__, e)
try:
    threading.Thread(group=1)
except AssertionError as e:
    print("AssertionError", e)

inherited = []
parent = threading.Thread(target=lambda: inherited.append(threading.Thread().daemon), daemon=True)
parent.start()
parent.join()
print("daemon inherited:", inherited, threading.Thread().daemon)


# ---- local with constructor arguments
class Config(threading.local):
    def __init__(self, level, *, tag="t"):
        self.level = level
        self.tag = tag


conf = Config(3, tag="main")
conf.level = 10
results = []
t = threading.Thread(target=lambda: results.append((conf.level, conf.tag)))
t.start()
t.join()
print("local per thread:", results, conf.level, conf.tag)
try:
    threading.local(1)
except TypeError as e:
    print("TypeError", e)
print(threading.get_ident() == threading.main_thread().ident, threading.TIMEOUT_MAX > 0,
      threading.ThreadError is RuntimeError, threading.gettrace(), threading.getprofile())
threading.settrace(print)
threading.setprofile(len)
print(threading.gettrace() is print, threading.getprofile() is len)
threading.settrace(None)
threading.setprofile(None)
