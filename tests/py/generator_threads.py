# Several threads pull from one shared generator. A generator runs on one thread at a
# time: a thread that finds it running gets ValueError("generator already executing")
# and retries. Every value must come out exactly once, and the generator's frame must
# survive collections run by other threads while it is suspended or running.
import gc
import threading

N = 3000


def numbers(n):
    for i in range(n):
        if i % 500 == 0:
            # A little garbage and a collection while this frame is running.
            junk = [[j] for j in range(50)]
            gc.collect()
        yield i


def chained(n):
    yield from numbers(n)


for make in (numbers, chained):
    gen = make(N)
    got = [[] for _ in range(4)]
    busy = [0] * 4

    def pull(k):
        while True:
            try:
                v = next(gen)
            except StopIteration:
                return
            except ValueError as e:
                if "already executing" not in str(e):
                    raise
                busy[k] += 1
                continue
            got[k].append(v)

    ts = [threading.Thread(target=pull, args=(k,)) for k in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    allv = sorted(v for g in got for v in g)
    print(make.__name__, len(allv), allv == list(range(N)))

# A generator that resumes itself is already executing, on its own thread too.
def selfish():
    yield next(me)


me = selfish()
try:
    next(me)
except ValueError as e:
    print("ValueError:", e)

# close() and send() on finished, unstarted and suspended generators.
g = numbers(3)
print(next(g), g.send(None))
g.close()
print(list(g))
g2 = numbers(3)
g2.close()
print(list(g2))
try:
    numbers(2).send(5)
except TypeError as e:
    print("TypeError:", e)
