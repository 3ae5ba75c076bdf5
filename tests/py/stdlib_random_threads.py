# One random.Random shared by threads running in parallel: every draw is a whole draw
# (the generator's state is never torn), and a seeded generator is still reproducible.
import random
import threading

shared = random.Random(7)
results = [[] for _ in range(4)]


def draw(out):
    for _ in range(5000):
        out.append(shared.random())


threads = [threading.Thread(target=draw, args=(out,)) for out in results]
for t in threads:
    t.start()
for t in threads:
    t.join()
values = [v for out in results for v in out]
print(len(values), all(0.0 <= v < 1.0 for v in values), len(set(values)) > 19900)

# Each random() takes two words of the generator at once, so the threads' values
# together are exactly the first 20000 values of a fresh generator, in some order.
replay = random.Random(7)
expected = [replay.random() for _ in range(20000)]
print(sorted(values) == sorted(expected))
