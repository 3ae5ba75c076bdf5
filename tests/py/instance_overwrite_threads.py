# Overwriting an attribute an instance already has takes no lock; it races here with
# other threads turning the same instances' attributes into a __dict__ (the switch
# copies the attributes). Each writer owns one attribute and writes the round number
# into it on every instance; after each round every attribute must hold that round.
import threading

N_OBJ = 2000
ROUNDS = 6
WRITERS = 3


class Plain:
    def __init__(self):
        self.w0 = -1
        self.w1 = -1
        self.w2 = -1


class Slotted:
    __slots__ = ("w0", "w1", "w2")

    def __init__(self):
        self.w0 = -1
        self.w1 = -1
        self.w2 = -1


batch = []
bar = threading.Barrier(WRITERS + 2)


def writer(k):
    name = "w%d" % k
    for r in range(ROUNDS):
        bar.wait()
        for o in batch:
            setattr(o, name, r)
            setattr(o, name, r)  # a second overwrite, after the switch if it came
        bar.wait()


def switcher():
    for r in range(ROUNDS):
        bar.wait()
        for o in reversed(batch):
            if hasattr(o, "__dict__"):
                d = o.__dict__
                if not isinstance(d, dict):
                    print("not a dict")
        bar.wait()


ts = [threading.Thread(target=writer, args=(k,)) for k in range(WRITERS)]
ts.append(threading.Thread(target=switcher))
for t in ts:
    t.start()
lost = 0
for r in range(ROUNDS):
    cls = Plain if r % 2 == 0 else Slotted
    batch[:] = [cls() for _ in range(N_OBJ)]
    bar.wait()
    bar.wait()
    for o in batch:
        for k in range(WRITERS):
            if getattr(o, "w%d" % k) != r:
                lost += 1
for t in ts:
    t.join()
print("lost writes:", lost)

# Slots-only instances: stores to slots work, other names do not.
s = Slotted()
s.w1 = "x"
print(s.w0, s.w1, s.w2)
try:
    s.other = 1
except AttributeError as e:
    print("AttributeError")
print(hasattr(s, "__dict__"))


# The switch keeps attribute order, also after overwrites.
class Ordered:
    pass


o = Ordered()
o.a = 1
o.b = 2
o.c = 3
o.a = 10
o.b = 20
print(o.__dict__)
o.c = 30
print(vars(o), o.c)
