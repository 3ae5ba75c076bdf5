# One bytearray mutated from four threads at once: every single operation is atomic,
# so no append, extend, +=, slice assignment or insert is lost.
import threading

shared = bytearray()
N_THREADS = 4
ROUNDS = 300


def worker(k):
    global shared
    for i in range(ROUNDS):
        shared.append(k)
        shared.extend(bytes([k, k]))
        shared += bytes([k])
        shared[:0] = bytes([k])
        shared.insert(len(shared) // 2, k)


threads = [threading.Thread(target=worker, args=(k,)) for k in range(N_THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

print(len(shared))
print([shared.count(k) for k in range(N_THREADS)])

# Concurrent removals: each thread pops a fixed number; the total is exact.
pool = bytearray(range(200)) * 8
popped = [0] * N_THREADS


def popper(k):
    for _ in range(300):
        pool.pop()
        popped[k] += 1


threads = [threading.Thread(target=popper, args=(k,)) for k in range(N_THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(pool), sum(popped))

# Readers see consistent snapshots while a writer rewrites the whole buffer.
box = bytearray(b"a" * 64)
bad = []


def writer():
    for i in range(2000):
        box[:] = bytes([97 + i % 2]) * 64


def reader():
    for _ in range(2000):
        snap = bytes(box)
        if len(set(snap)) != 1 or len(snap) != 64:
            bad.append(snap)


threads = [threading.Thread(target=writer)] + [threading.Thread(target=reader) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("torn snapshots:", len(bad))
