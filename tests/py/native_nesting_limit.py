# Natives that recurse on their arguments raise RecursionError on deep acyclic data, as
# CPython does (its C recursion limit), instead of answering or overflowing the stack;
# hashing a deep tuple is bounded only by the stack in both.
import json, copy, pickle
def nest(n, wrap):
    a = 0
    for _ in range(n):
        a = wrap(a)
    return a
for n in (100, 50000):
    for name, f in [
        ("tuple hash", lambda: hash(nest(n, lambda x: (x,))) is not None),
        ("isinstance", lambda: isinstance(1, nest(n, lambda x: (str, x) if x else (str, float)))),
        ("in", lambda: nest(n, lambda x: [x]) in [nest(n, lambda x: [x])]),
        ("str", lambda: len(str(nest(n, lambda x: [x])))),
        ("dict repr", lambda: len(repr(nest(n, lambda x: {1: x})))),
        ("json", lambda: len(json.dumps(nest(n, lambda x: [x])))),
        ("lt", lambda: nest(n, lambda x: [x]) < nest(n, lambda x: [x])),
    ]:
        try:
            print(n, name, f())
        except RecursionError as e:
            print(n, name, "RecursionError", e)
