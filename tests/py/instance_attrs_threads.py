# Threads writing distinct attributes of shared instances while another thread asks
# for the instances' __dict__ (which moves the attributes from the instance into a
# dict), and a reader checks values: no write may be lost, no read may be wrong.
import threading

N_OBJ = 3000
ROUNDS = 8
WRITERS = 2


class Box:
    pass


errors = []
lost = [0]
batch = []
barrier = threading.Barrier(WRITERS + 3)


def writer(w):
    name = "w%d" % w
    for r in range(ROUNDS):
        barrier.wait()
        for o in batch:
            setattr(o, name, r)
        barrier.wait()


def dict_maker():
    for r in range(ROUNDS):
        barrier.wait()
        for i, o in enumerate(batch):
            d = o.__dict__
            if i % 5 == 0:
                o.extra = i
            if d is not o.__dict__:
                errors.append("dict changed")
        barrier.wait()


def reader():
    for r in range(ROUNDS):
        barrier.wait()
        for o in batch:
            for w in range(WRITERS):
                v = getattr(o, "w%d" % w, None)
                if v is not None and v != r:
                    errors.append(("bad value", v, r))
        barrier.wait()


threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
threads += [threading.Thread(target=dict_maker), threading.Thread(target=reader)]
for t in threads:
    t.start()
for r in range(ROUNDS):
    batch[:] = [Box() for _ in range(N_OBJ)]
    barrier.wait()
    barrier.wait()
    for i, o in enumerate(batch):
        for w in range(WRITERS):
            if getattr(o, "w%d" % w, None) != r:
                lost[0] += 1
        if i % 5 == 0 and o.extra != i:
            lost[0] += 1
for t in threads:
    t.join()

print("errors:", errors)
print("lost writes:", lost[0])
