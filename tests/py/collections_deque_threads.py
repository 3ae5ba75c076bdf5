# Several threads push and pop on one deque at once; every item comes out exactly once.
import threading
from collections import deque

d = deque()
N = 4
PER = 2000
got = [[] for _ in range(N)]


def producer(k):
    for i in range(PER):
        if i % 2:
            d.append((k, i))
        else:
            d.appendleft((k, i))


def consumer(k):
    out = got[k]
    n = 0
    while n < PER:
        try:
            out.append(d.pop() if n % 2 else d.popleft())
            n += 1
        except IndexError:
            pass


ts = [threading.Thread(target=producer, args=(k,)) for k in range(N)]
ts += [threading.Thread(target=consumer, args=(k,)) for k in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
allitems = sorted(x for g in got for x in g)
print(len(allitems), allitems == sorted((k, i) for k in range(N) for i in range(PER)), len(d))

m = deque(maxlen=10)


def bounded(k):
    for i in range(3000):
        m.append(i)
        if i % 3 == 0:
            try:
                m.popleft()
            except IndexError:
                pass


ts = [threading.Thread(target=bounded, args=(k,)) for k in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(len(m) <= 10, m.maxlen)
