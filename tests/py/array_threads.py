# One array.array mutated from four threads at once: each operation is atomic, so the
# final contents are exact.
import threading
from array import array

N_THREADS = 4
ROUNDS = 400
shared = array("i")


def worker(k):
    global shared
    for i in range(ROUNDS):
        shared.append(k)
        shared.extend([k, k])
        shared += array("i", [k])
        shared.insert(0, k)
        mid = len(shared) // 2
        shared[mid:mid] = array("i", [k])


threads = [threading.Thread(target=worker, args=(k,)) for k in range(N_THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(shared), [shared.count(k) for k in range(N_THREADS)], sum(shared))

# pops and removes from four threads
pool = array("H", range(1000)) * 4
taken = [0] * N_THREADS


def taker(k):
    for i in range(250):
        pool.pop()
        pool.remove(pool[0])
        taken[k] += 2


threads = [threading.Thread(target=taker, args=(k,)) for k in range(N_THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(pool), sum(taken))

# readers never see a half-written array while a writer replaces it wholesale
box = array("d", [1.0] * 32)
torn = []


def writer():
    for i in range(1500):
        box[:] = array("d", [float(i % 2)] * 32)


def reader():
    for _ in range(1500):
        snap = box.tolist()
        if len(snap) != 32 or len(set(snap)) != 1:
            torn.append(snap)


threads = [threading.Thread(target=writer)] + [threading.Thread(target=reader) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("torn:", len(torn))
