# Several threads writing to and reading from one file object: no line is lost or torn.
import os
import io
import threading

D = "/tmp/weft_io_threads_%d" % os.getpid()
os.mkdir(D)
P = os.path.join(D, "t.txt")

N = 4
M = 500
# (binary: CPython's TextIOWrapper is not thread-safe, its buffered layer is)
with open(P, "wb") as f:
    def writer(k):
        for i in range(M):
            f.write(b"t%d-%d\n" % (k, i))
    ts = [threading.Thread(target=writer, args=(k,)) for k in range(N)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
with open(P) as f:
    lines = f.read().splitlines()
print(len(lines), len(set(lines)))
print(sorted(lines) == sorted("t%d-%d" % (k, i) for k in range(N) for i in range(M)))

got = []
with open(P, "rb") as f:
    def reader():
        mine = []
        while True:
            line = f.readline()
            if not line:
                break
            mine.append(line)
        got.append(mine)
    ts = [threading.Thread(target=reader) for k in range(N)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
allgot = [l for m in got for l in m]
print(len(allgot), sorted(l.decode().rstrip("\n") for l in allgot) == sorted(lines))

b = io.BytesIO()
def bw(k):
    for i in range(M):
        b.write(b"%d" % k)
ts = [threading.Thread(target=bw, args=(k,)) for k in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
v = b.getvalue()
print(len(v), sorted(v.count(b"%d" % k) for k in range(N)))

os.remove(P)
os.rmdir(D)
