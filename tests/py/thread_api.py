# The threading API: Thread, join, names, idents, current/main thread, Event,
# Condition, Semaphore, BoundedSemaphore, Barrier, RLock, local, timeouts, excepthook.
import threading
import time
import _thread

# Thread basics and subclassing.
results = []


class Worker(threading.Thread):
    def __init__(self, n):
        super().__init__(name="worker-%d" % n)
        self.n = n

    def run(self):
        results.append((self.name, self.n * self.n))


ws = [Worker(i) for i in range(3)]
print([w.is_alive() for w in ws], ws[0].ident is None)
for w in ws:
    w.start()
for w in ws:
    w.join()
print(sorted(results), [w.is_alive() for w in ws])
print(threading.current_thread().name, threading.main_thread() is threading.current_thread())
print(threading.active_count(), len(threading.enumerate()))


def target(a, b, c=0):
    results.append(a + b + c)


t = threading.Thread(target=target, args=(1, 2), kwargs={"c": 3}, daemon=True)
print(t.daemon, t.name.startswith("Thread-"), t.name.endswith("(target)"))
t.start()
t.join()
print(results[-1], t.ident is not None, t.ident != threading.get_ident())
try:
    t.start()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    threading.current_thread().join()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    threading.Thread().join()
except RuntimeError as e:
    print("RuntimeError:", e)

# join with a timeout on a thread that is still blocked.
ev = threading.Event()
slow = threading.Thread(target=ev.wait)
slow.start()
slow.join(0.05)
print("alive after timed join:", slow.is_alive())
ev.set()
slow.join()
print("alive after set:", slow.is_alive())

# Lock timeouts.
lock = threading.Lock()
lock.acquire()
t0 = time.monotonic()
print(lock.acquire(timeout=0.05), time.monotonic() - t0 >= 0.04)
print(lock.acquire(False), lock.locked())
lock.release()
print(lock.locked())

# RLock re-entry and ownership.
r = threading.RLock()
with r:
    with r:
        print("nested rlock ok")
got = []
th = threading.Thread(target=lambda: got.append(r.acquire(timeout=0.01)))
r.acquire()
th.start()
th.join()
r.release()
print("other thread got the held rlock:", got)

# Condition: a producer/consumer queue.
cond = threading.Condition()
queue = []
consumed = []


def consumer():
    for _ in range(5):
        with cond:
            while not queue:
                cond.wait()
            consumed.append(queue.pop(0))


c = threading.Thread(target=consumer)
c.start()
for i in range(5):
    with cond:
        queue.append(i)
        cond.notify()
c.join()
print("consumed", consumed)
with cond:
    print("wait timeout:", cond.wait(0.01))
    print("wait_for:", cond.wait_for(lambda: True))

# Semaphores.
sem = threading.Semaphore(2)
print(sem.acquire(), sem.acquire(), sem.acquire(blocking=False))
sem.release(2)
bs = threading.BoundedSemaphore(1)
bs.acquire()
bs.release()
try:
    bs.release()
except ValueError as e:
    print("ValueError:", e)

# Barrier.
order = []
barrier = threading.Barrier(3, action=lambda: order.append("action"))


def arrive(i):
    barrier.wait()
    order.append("after")


bt = [threading.Thread(target=arrive, args=(i,)) for i in range(3)]
for t in bt:
    t.start()
for t in bt:
    t.join()
print(order, barrier.broken, barrier.parties, barrier.n_waiting)
b2 = threading.Barrier(2, timeout=0.02)
try:
    b2.wait()
except threading.BrokenBarrierError:
    print("barrier broke on timeout", b2.broken)

# local: each thread sees its own attributes.
data = threading.local()
data.x = "main"
seen = []


def use_local(i):
    seen.append(hasattr(data, "x"))
    data.x = i
    time.sleep(0.01)
    seen.append(data.x == i)


lt = [threading.Thread(target=use_local, args=(i,)) for i in range(3)]
for t in lt:
    t.start()
for t in lt:
    t.join()
print(seen.count(False), seen.count(True), data.x)


class MyLocal(threading.local):
    def __init__(self, v):
        self.v = v


ml = MyLocal(7)
out = []
t = threading.Thread(target=lambda: out.append(ml.v))
t.start()
t.join()
print("local __init__ per thread:", out)

# An exception escaping a thread goes to threading.excepthook.
caught = []
threading.excepthook = lambda args: caught.append(
    (args.exc_type.__name__, str(args.exc_value), args.thread.name))


def fail():
    raise ValueError("bad thing")


t = threading.Thread(target=fail, name="failing")
t.start()
t.join()
print(caught)

# _thread level.
done = _thread.allocate_lock()
done.acquire()
box = []


def low(a, b):
    box.append(a * b)
    done.release()


_thread.start_new_thread(low, (6, 7))
done.acquire()
print(box, isinstance(_thread.get_ident(), int), _thread.TIMEOUT_MAX > 1e6)
