# Coroutines and async generators driven by several threads at once (each its own),
# one coroutine shared between two threads (never run by both at once), with the
# collector running meanwhile.
import gc
import threading


class Step:
    def __await__(self):
        got = yield "step"
        return got


async def numbers(n):
    for i in range(n):
        await Step()
        yield i


async def work(k):
    total = 0
    async for v in numbers(50):
        total += v * k
        if v % 10 == 0:
            gc.collect()
    try:
        async with Guard():
            raise KeyError(k)
    except KeyError:
        pass
    return total


class Guard:
    async def __aenter__(self):
        await Step()

    async def __aexit__(self, *exc):
        await Step()
        return False


def drive(coro):
    while True:
        try:
            coro.send(None)
        except StopIteration as stop:
            return stop.value


results = {}


def runner(k):
    results[k] = drive(work(k))


threads = [threading.Thread(target=runner, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()))


# One coroutine, resumed from two threads in turn (a lock makes the turns).
async def counter(n):
    seen = 0
    for _ in range(n):
        await Step()
        seen += 1
    return seen


shared = counter(200)
turn = threading.Lock()
outcome = []
errors = []


def take_turns():
    while True:
        with turn:
            if outcome:
                return
            try:
                shared.send(None)
            except StopIteration as e:
                outcome.append(e.value)
            except ValueError as e:
                errors.append(str(e))


pair = [threading.Thread(target=take_turns) for _ in range(2)]
for t in pair:
    t.start()
for t in pair:
    t.join()
print(outcome, errors)
