# signal, locale, timeit, queue and concurrent.futures.
import concurrent.futures
import locale
import os
import queue
import signal
import threading
import time
import timeit

got = []
old = signal.signal(signal.SIGUSR1, lambda num, frame: got.append(num))
os.kill(os.getpid(), signal.SIGUSR1)
for _ in range(200):
    if got:
        break
    time.sleep(0.01)
print(got == [signal.SIGUSR1], signal.getsignal(signal.SIGUSR1) is not old)
signal.signal(signal.SIGUSR1, signal.SIG_DFL)
print(signal.getsignal(signal.SIGUSR1) == signal.SIG_DFL, signal.Signals(2).name)
print(signal.SIGINT, int(signal.SIGTERM), signal.default_int_handler is not None)

print(locale.setlocale(locale.LC_ALL, "C"), locale.getlocale(locale.LC_NUMERIC))
conv = locale.localeconv()
print(conv["decimal_point"], repr(conv["thousands_sep"]), locale.format_string("%d", 1234567, grouping=True))
print(locale.strcoll("a", "b") < 0, locale.str(2.5), locale.atof("3.5"))

print(timeit.timeit("x = 1 + 1", number=1000) >= 0, len(timeit.repeat("pass", number=10, repeat=3)))
t = timeit.Timer("sorted(d)", setup="d = list(range(100))")
print(t.timeit(number=5) >= 0)

q = queue.Queue(maxsize=2)
q.put(1)
q.put(2)
print(q.full(), q.qsize())
try:
    q.put(3, timeout=0.01)
except queue.Full:
    print("Full")
print(q.get(), q.get(), q.empty())
try:
    q.get_nowait()
except queue.Empty:
    print("Empty")
lq, pq = queue.LifoQueue(), queue.PriorityQueue()
for v in (3, 1, 2):
    lq.put(v)
    pq.put(v)
print([lq.get() for _ in range(3)], [pq.get() for _ in range(3)])
work = queue.Queue()
done = []


def consumer():
    while (item := work.get()) is not None:
        done.append(item * 2)
        work.task_done()
    work.task_done()


c = threading.Thread(target=consumer)
c.start()
for i in range(5):
    work.put(i)
work.put(None)
work.join()
c.join()
print(sorted(done))

with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
    print(list(pool.map(lambda x: x * x, range(8))))
    futs = [pool.submit(pow, 2, n) for n in range(5)]
    print(sorted(f.result() for f in concurrent.futures.as_completed(futs)))
    bad = pool.submit(lambda: 1 / 0)
    print(type(bad.exception()).__name__)
    barrier = threading.Barrier(4, timeout=5)
    print(sum(pool.map(lambda _: barrier.wait() >= 0, range(4))))
