# gc.callbacks: each collection calls every callback with "start" before and "stop"
# after, passing a dict with the generation, the objects collected and the uncollectable.
import gc

seen = []


def watcher(phase, info):
    seen.append((phase, dict(info)))


class Ring:
    def __init__(self):
        self.next = self


def make_garbage(n):
    for _ in range(n):
        Ring()


gc.callbacks.append(watcher)
make_garbage(50)
gc.collect()
gc.callbacks.remove(watcher)

start, stop = seen[-2], seen[-1]
print(start[0], sorted(start[1].items()))
print(stop[0], sorted(stop[1]), stop[1]["generation"], stop[1]["uncollectable"])
print("collected at least the rings:", stop[1]["collected"] >= 50)
phases = [p for p, _ in seen]
print("phases alternate:", all(a != b for a, b in zip(phases, phases[1:])))

# Removed callbacks are not called again.
count = len(seen)
gc.collect()
print("after removal:", len(seen) == count)

# A callback that raises is reported, the others still run, the collection completes.
calls = []


def failing(phase, info):
    raise RuntimeError("callback failed")


def recorder(phase, info):
    calls.append(phase)


gc.callbacks.extend([failing, recorder])
gc.collect()
gc.callbacks.clear()
print(calls)

# A callback may itself allocate and collect without recursing into the callbacks.
nested = []


def collecting(phase, info):
    nested.append(phase)
    if phase == "start" and len(nested) == 1:
        gc.collect()


gc.callbacks.append(collecting)
gc.collect()
gc.callbacks.clear()
print(nested[:2])
