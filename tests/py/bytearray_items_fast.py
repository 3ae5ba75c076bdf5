# bytearray item reads and stores (the interpreter's fast path and its fallbacks), and two threads
# storing into one bytearray (its lock's bias is revoked).
import threading
b = bytearray(range(256)) * 4
print(b[0], b[-1], b[255], b[1023])
b[3] = 200; b[-2] = 7
print(b[3], b[-2])
for bad in (256, -1, 'x', 1.5):
    try:
        b[0] = bad
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    b[1024]
except IndexError as e:
    print('IndexError', e)
try:
    b[-1025] = 1
except IndexError as e:
    print('IndexError', e)
class B(bytearray):
    def __getitem__(self, i): return 'sub'
print(B(b'ab')[0])
# two threads writing one bytearray: the bias is revoked, no lost structure
shared = bytearray(1000)
def work(k):
    for r in range(200):
        for i in range(k, 1000, 2):
            shared[i] = (shared[i] + 1) % 256
ts = [threading.Thread(target=work, args=(k,)) for k in (0, 1)]
for t in ts: t.start()
for t in ts: t.join()
print(sum(shared), len(shared))
