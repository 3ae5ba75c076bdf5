# gc.get_objects, gc.get_referents and gc.get_referrers: membership questions whose
# answers CPython and weft share (weft's collector has no generations and does not
# keep small ints on the heap, so counts of those are not compared).
import gc


class Node:
    def __init__(self, name):
        self.name = name


def fresh():
    return [Node("payload"), {"key": "value"}]


held = fresh()
everything = gc.get_objects()
print(type(everything) is list)
print(any(o is held for o in everything), any(o is held[0] for o in everything))
# Atoms are not tracked containers.
text = "an untracked string " * 2
print(any(o is text for o in everything))
print(all(type(o) not in (str, bytes, float, int) for o in everything))
del everything

for g in (0, 1, 2, None):
    print(g, isinstance(gc.get_objects(g), list))
for bad in (-1, 3):
    try:
        gc.get_objects(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    gc.get_objects("0")
except TypeError as e:
    print("TypeError:", e)

# is_tracked agrees with get_objects: containers yes, atoms no.
print([gc.is_tracked(x) for x in ("text" * 3, 7, 2.5, b"by" * 4, 10**40, [], Node("n"), True)])

# get_referents: what a container holds.
a, b = Node("a"), "bee" * 3
box = [a, b, (a,)]
refs = gc.get_referents(box)
print(len(refs), any(r is a for r in refs), any(r is b for r in refs), (a,) in refs)
d = {"k1": a, "k2": box}
refs = gc.get_referents(d)
print(any(r is a for r in refs), any(r is box for r in refs))
print(gc.get_referents() == [], gc.get_referents("atom") == [])
both = gc.get_referents([a], (b,))
print(len(both), both[0] is a, both[1] is b)
cell_holder = (lambda: a).__closure__
print(cell_holder is None)

# get_referrers: who holds an object.
target = Node("target")
holder_list = [target]
holder_dict = {"t": target}
holder_tuple = (target, 1)
referrers = gc.get_referrers(target)
print(any(r is holder_list for r in referrers))
print(any(r is holder_tuple for r in referrers))
print(any(r is box for r in gc.get_referrers(a)))
lonely = Node("lonely")
print([r for r in gc.get_referrers(lonely) if type(r) is list])
print(gc.get_referrers() == [])
gc.collect()
print(any(r is holder_list for r in gc.get_referrers(target)))

# Walks while other threads allocate and mutate: the world is stopped for each.
import threading

stop = threading.Event()
shared = []


def churn():
    while not stop.is_set():
        shared.append([Node("x")] * 3)
        if len(shared) > 50:
            del shared[:25]


workers = [threading.Thread(target=churn) for _ in range(2)]
for w in workers:
    w.start()
seen = []
for _ in range(5):
    seen.append(any(o is shared for o in gc.get_objects()))
    seen.append(any(r is holder_list for r in gc.get_referrers(target)))
    seen.append(len(gc.get_referents(shared)) >= 0)
stop.set()
for w in workers:
    w.join()
print(all(seen))
