"""gc_pause: the cost of a full gc.collect() with 10^6 small live objects.

Builds a complete binary tree of class instances (each with a value and two child
attributes), keeps only the root, and times gc.collect() (best of several). Nothing
is garbage, so the pause is the collector's cost of proving everything live: under
weft, marking 10^6 instances; under CPython, the cyclic GC traversing them.
The project's target: weft's collect <= 1/4 of CPython 3.11's.

`time_collector_pause` is the collector's own figure (weft's gc.get_stats()), printed
where the interpreter keeps one: it excludes the call's overhead but needs no clock.
"""

import gc

from _bench import best_of, report, report_time, scaled

LIVE = scaled(1000000)
RUNS = 5


class Node:
    def __init__(self, value):
        self.value = value
        self.left = None
        self.right = None


def build(n):
    """A complete binary tree of n nodes in heap order (children of i: 2i+1, 2i+2),
    built without recursion; returns the root. The index list dies with this call."""
    nodes = [Node(i) for i in range(n)]
    for i in range(n):
        node = nodes[i]
        j = 2 * i + 1
        if j < n:
            node.left = nodes[j]
        if j + 1 < n:
            node.right = nodes[j + 1]
    return nodes[0]


def checksum(root):
    """Node count and value sum by an explicit-stack walk (no recursion limit)."""
    count = 0
    total = 0
    stack = [root]
    while stack:
        node = stack.pop()
        count += 1
        total += node.value
        if node.left is not None:
            stack.append(node.left)
        if node.right is not None:
            stack.append(node.right)
    return "%d/%d" % (count, total)


def collector_pause(runs):
    """The best pause of the last `runs` collections as the collector itself reports
    it (weft: gc.get_stats() entries carry `pause_ns`), or None where it does not
    (CPython's entries are per-generation counters). Needs no time module."""
    get_stats = getattr(gc, "get_stats", None)
    if get_stats is None:
        return None
    recent = get_stats()[-runs:]
    if len(recent) < runs:
        return None
    pauses = []
    for s in recent:
        if not isinstance(s, dict) or "pause_ns" not in s:
            return None
        pauses.append(s["pause_ns"])
    return min(pauses) / 1e9


def main():
    root = build(LIVE)
    # Collect the building garbage first, so every timed run sees the same heap.
    gc.collect()
    best, _ = best_of(RUNS, gc.collect)
    print("live objects: %d" % LIVE)
    report_time("time", best)
    report_time("per_object_ns", best / LIVE * 1e9)
    pause = collector_pause(RUNS)
    if pause is not None:
        report("time_collector_pause", pause)
        report("collector_pause_per_object_ns", pause / LIVE * 1e9)
    report("checksum", checksum(root))


main()
