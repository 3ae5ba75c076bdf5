# weak containers under churn: objects come and go, collections happen in the middle of
# loops over the containers; after each collection the containers hold exactly the
# objects that are still strongly referenced
import gc
import weakref


class Obj:
    def __init__(self, n):
        self.n = n


def rng(seed):
    state = seed
    while True:
        state = (state * 1103515245 + 12345) % 2147483648
        yield state


r = rng(7)
values = weakref.WeakValueDictionary()
keys = weakref.WeakKeyDictionary()
members = weakref.WeakSet()
live = {}
newest = {}
ok = True
for step in range(300):
    x = next(r) % 100
    if x < 60:
        o = Obj(step)
        live[step] = o
        values[step % 50] = o          # keys are reused: replaced values must not evict
        newest[step % 50] = step
        keys[o] = step
        members.add(o)
    elif live:
        victim = sorted(live)[next(r) % len(live)]
        del live[victim]
    o = None
    if step % 25 == 24:
        # collect while a loop over each container is running
        seen = 0
        for k in values:
            seen += 1
            if seen == 3:
                gc.collect()
        for k in keys:
            pass
        for m in members:
            gc.collect()
            break
        k = m = None
        gc.collect()
        alive = set(live.values())
        ok = ok and set(members) == alive
        ok = ok and set(keys.keys()) == alive
        ok = ok and all(keys[a] == a.n for a in alive)
        # a slot holds the newest value stored there while that value is alive, and
        # nothing once it died (an older value's death never evicts a newer one)
        expect = {}
        for slot, st in newest.items():
            if st in live:
                expect[slot] = live[st]
        ok = ok and dict(values.items()) == expect
        for slot, ob in values.items():
            ok = ok and ob in alive and ob.n % 50 == slot
        ok = ok and len(members) == len(alive) and len(keys) == len(alive)
        alive = expect = ob = None
print('consistent:', ok)
live.clear()
gc.collect()
print(len(values), len(keys), len(members))
