# Readers of lists and dicts take no lock. Here they read while writers grow, shrink
# and rewrite the same containers; every value a reader sees must be one that was
# really stored, lengths stay within what the writers allow, and iterating a dict
# whose size does not change never fails.
import threading

ROUNDS = 4000
stop = threading.Event()
problems = []

lst = list(range(100))          # items are always ints 0 <= x < 1000000
dct = {k: k for k in range(64)}  # keys 0..63 always present, values ints
extra = {}                       # grows and shrinks


def list_writer():
    for i in range(ROUNDS):
        lst.append(i % 1000)
        lst.insert(0, i % 997)
        if len(lst) > 300:
            del lst[:150]
        lst[i % 50] = i
        lst.pop()
    stop.set()


def dict_writer():
    i = 0
    while not stop.is_set():
        dct[i % 64] = i
        extra[i] = i
        if len(extra) > 500:
            extra.clear()
        i += 1


def reader():
    seen = 0
    while not stop.is_set():
        n = len(lst)
        if not 0 <= n <= 1000:
            problems.append(("len", n))
        for x in lst:
            if type(x) is not int or not 0 <= x < 1000000:
                problems.append(("item", x))
            seen += 1
        for j in (0, 5, 99):
            try:
                x = lst[j]
            except IndexError:
                continue
            if type(x) is not int:
                problems.append(("index", x))
        keys = 0
        for k, v in dct.items():
            if type(v) is not int:
                problems.append(("value", v))
            keys += 1
        if keys != 64 or len(dct) != 64:
            problems.append(("dict size", keys, len(dct)))
        m = len(extra)
        if not 0 <= m <= 501:
            problems.append(("extra len", m))
        if 7 in lst and lst.count(7) < 0:
            problems.append("count")


ts = [threading.Thread(target=f) for f in (list_writer, dict_writer, reader, reader)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("problems:", problems[:5], len(problems))
print("list items ok:", all(type(x) is int for x in lst))
print("dict:", len(dct), sorted(dct)[:3], sorted(dct)[-1])
