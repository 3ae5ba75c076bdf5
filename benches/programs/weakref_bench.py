"""weakref_bench: weak references created and cleared, at several sizes, to show that
the cost per element stays flat (linear scaling).

(a) many referents: create a weak reference to each of n fresh objects, drop the
    objects, gc.collect(); every reference must then be dead.
(b) one referent: create n weak references (with callbacks, so each is a distinct
    object; CPython shares a callback-less ref) to one live object, drop them,
    gc.collect(); the object must have no weak references left.
Under CPython reference counting does most of the clearing at `del`; under weft (no
reference counting) gc.collect() does it. The timed section covers both.

Per-element figures subtract the time of an empty gc.collect() (`collect_ns`), which
is paid once whatever n is; otherwise small sizes would look expensive per element.
"""

import gc
import weakref

from _bench import best_of, report, report_time, scaled

SIZES_A = [scaled(n, 10) for n in (10000, 30000, 100000)]
SIZES_B = [scaled(n, 10) for n in (4000, 16000, 64000)]
RUNS = 3


class Obj:
    pass


def callback(ref):
    # Never runs here: the references die before (or with) their referent.
    pass


def many_referents(n):
    """(a): returns how many of the n references are dead afterwards (n when right)."""
    objs = [Obj() for _ in range(n)]
    refs = [weakref.ref(o) for o in objs]
    del objs
    gc.collect()
    dead = 0
    for r in refs:
        if r() is None:
            dead += 1
    return dead


# MicroPython's weakref has no getweakrefcount: (b) then cannot check its result.
_count = getattr(weakref, "getweakrefcount", None)


def one_referent(target, n):
    """(b): returns the weak references left on target afterwards (0 when right;
    None where the interpreter cannot count them)."""
    refs = [weakref.ref(target, callback) for _ in range(n)]
    del refs
    gc.collect()
    if _count is None:
        return None
    return _count(target)


def measure(label, sizes, fn, base):
    """Time fn at every size; report seconds and net ns per element.
    Returns (fn's results, best time at the largest size)."""
    results = []
    best = 0.0
    for n in sizes:
        best, result = best_of(RUNS, lambda n=n: fn(n))
        results.append(result)
        report_time("time_%s_%d" % (label, n), best)
        report_time("%s_%d_per_elem_ns" % (label, n), (best - base) / n * 1e9)
    return results, best


def main():
    gc.collect()
    target = Obj()
    base, _ = best_of(RUNS, gc.collect)
    report_time("collect_ns", base * 1e9)
    dead, t_a = measure("many", SIZES_A, many_referents, base)
    left, t_b = measure("one", SIZES_B, lambda n: one_referent(target, n), base)
    # Headline figure for compare.py: both parts at their largest size.
    report_time("time", t_a + t_b)
    report("checksum", "dead=%s left=%s" % (dead, left))


main()
