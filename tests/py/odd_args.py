# Odd-argument calls to every builtin function and every method of the built-in types
# (and of a few native modules): wrong counts, wrong types, unknown keywords. Each call
# must return or raise an Exception subclass; an interpreter crash fails the test.
import builtins
import sys

# Functions that would read stdin, write to stdout, leave the process or the session.
SKIP = {"print", "input", "open", "breakpoint", "help", "exit", "quit", "__import__",
        "__build_class__", "copyright", "credits", "license"}
# At least this many calls; `weft tests/py/odd_args.py N` makes N (the suite: 10,000).
WANT = int(sys.argv[1]) if len(sys.argv) > 1 else 10000

ODD = [0, 1, -1, 7, 2 ** 70, 1.5, float("nan"), "", "ab", b"ab", None, True, [],
       [1, 2], (), {}, object(), 1j]


def samples():
    # Fresh instances each time, so a mutating call cannot leak into the next.
    return [[3, 1], {1: 2}, {1, 2}, frozenset({3}), (1, 2), "ab", b"ab",
            bytearray(b"ab"), 7, 1.5, 2j, range(3), slice(1, 2), True]


def targets():
    out = []
    for name in sorted(dir(builtins)):
        f = getattr(builtins, name)
        if name in SKIP or name.startswith("_") or not callable(f):
            continue
        if isinstance(f, type) and issubclass(f, BaseException):
            continue
        out.append((name, f))
    types = [list, dict, set, frozenset, tuple, str, bytes, bytearray, int, float,
             complex, range, slice, bool, object, property, staticmethod, classmethod,
             enumerate, zip, map, filter, reversed]
    for t in types:
        for name in sorted(t.__dict__):
            m = t.__dict__[name]
            if name in ("__init_subclass__", "__subclasshook__", "__new__"):
                continue
            if callable(m) or hasattr(m, "__get__"):
                out.append((t.__name__ + "." + name, getattr(t, name)))
    for modname in ("math", "cmath", "binascii", "zlib", "_struct", "array", "_random"):
        try:
            mod = __import__(modname)
        except ImportError:
            continue
        for name in sorted(dir(mod)):
            f = getattr(mod, name)
            if not name.startswith("_") and callable(f) and not isinstance(f, type):
                out.append((modname + "." + name, f))
    return out


# Keyword names the pseudo-random shapes use: parameters some natives have, and nonsense.
NAMES = ["zzz", "key", "reverse", "default", "start", "sep", "base", "encoding",
         "errors", "x", "iterable", "object", "source", "globals", "closure", "flags"]


def small_values():
    # Fresh each time (a mutating call must not grow a shared one); no huge ints, so
    # that pow() and friends stay quick.
    return [0, 1, -1, 7, 1.5, float("nan"), -2.5, "", "ab", "x", b"ab", None, True,
            [], [1, 2], (), (1,), {}, frozenset(), 1j]


# shapes() gives FIXED fixed shapes, then pseudo-random ones (called unbound only).
FIXED = 7


def step(seed):
    return (seed * 1103515245 + 12345) % 2147483648


def shapes(i):
    a = ODD[i % len(ODD)]
    b = ODD[(i * 7 + 3) % len(ODD)]
    out = [((), {}), ((a,), {}), ((a, b), {}), ((a, b, a, b, a), {}),
           ((), {"zzz": a}), ((a,), {"zzz": b}), ((b, a), {"key": a, "reverse": b})]
    # Three pseudo-random shapes (a small LCG seeded by i: cheap, and the same under
    # CPython and weft): 0-5 positional arguments and 0-2 keywords.
    seed = step(i + 1)
    for _ in range(3):
        pool = small_values()
        seed = step(seed)
        args = []
        for _ in range(seed % 6):
            seed = step(seed)
            args.append(pool[(seed >> 4) % len(pool)])
        kw = {}
        for _ in range((seed >> 8) % 3):
            seed = step(seed)
            kw[NAMES[(seed >> 4) % len(NAMES)]] = pool[(seed >> 12) % len(pool)]
        out.append((tuple(args), kw))
    return out


calls = 0
bad = []


def call(label, f, args, kw):
    global calls
    calls += 1
    try:
        f(*args, **kw)
    except Exception:
        pass
    except BaseException as e:
        bad.append((label, type(e).__name__))


ts = targets()
i = 0
while calls < WANT:
    for label, f in ts:
        for k, (args, kw) in enumerate(shapes(i)):
            call(label, f, args, kw)
            if k >= FIXED:
                continue
            # The same call on an instance (bound, or with the instance first).
            for s in samples()[i % 3::5]:
                call(label, f, (s,) + args, kw)
        i += 1

print("enough odd calls:", calls >= WANT)
print("anything but an Exception:", bad)
