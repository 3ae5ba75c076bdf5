# Files dropped without close(): their buffers are written and their fds closed when
# they are collected (CPython: at once, by reference counting) or at exit.
import os
import gc

D = "/tmp/weft_io_finalize_%d" % os.getpid()
os.mkdir(D)
P = os.path.join(D, "f")

open(P, "w").write("dropped\n")
gc.collect()
with open(P) as f:
    print(repr(f.read()))


def write_some(k):
    f = open(P, "a")
    f.write("line %d\n" % k)


for k in range(5):
    write_some(k)
gc.collect()
with open(P) as f:
    print(sorted(f.read().splitlines()))  # in collection order

# many files opened and dropped: no descriptor leak stops the loop
n = 0
for i in range(3000):
    n += len(open(P, "rb").read(4))
print(n)

# a raw (unbuffered) file dropped
g = open(P, "wb", buffering=0)
g.write(b"raw\n")
del g
gc.collect()
with open(P, "rb") as f:
    print(f.read())

os.remove(P)
os.rmdir(D)
