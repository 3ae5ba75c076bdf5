"""Bisection on sorted sequences, for weft.

All four functions come down to one binary search, `_boundary`: in a[lo:hi], sorted by
key, find where the items that must stay before x end. The left variants keep before x
only the items that compare less than x; the right variants also keep the equal ones.
Only `<` is used, with x on the same side as CPython puts it.
"""

__all__ = ["bisect", "bisect_left", "bisect_right", "insort", "insort_left",
           "insort_right"]


def _boundary(a, x, lo, hi, key, keep_equal):
    if lo < 0:
        raise ValueError("lo must be non-negative")
    if hi is None:
        hi = len(a)
    while lo < hi:
        middle = (lo + hi) // 2
        probe = a[middle] if key is None else key(a[middle])
        if (not x < probe) if keep_equal else probe < x:
            lo = middle + 1     # a[middle] stays before x
        else:
            hi = middle
    return lo


def bisect_left(a, x, lo=0, hi=None, *, key=None):
    """Index at which to insert x in the sorted a[lo:hi], before any equal items."""
    return _boundary(a, x, lo, hi, key, False)


def bisect_right(a, x, lo=0, hi=None, *, key=None):
    """Index at which to insert x in the sorted a[lo:hi], after any equal items."""
    return _boundary(a, x, lo, hi, key, True)


def insort_left(a, x, lo=0, hi=None, *, key=None):
    """Insert x into the sorted a[lo:hi], before any equal items."""
    # the search compares keys, so x is placed by its own key
    where = _boundary(a, x if key is None else key(x), lo, hi, key, False)
    a.insert(where, x)


def insort_right(a, x, lo=0, hi=None, *, key=None):
    """Insert x into the sorted a[lo:hi], after any equal items."""
    where = _boundary(a, x if key is None else key(x), lo, hi, key, True)
    a.insert(where, x)


bisect = bisect_right
insort = insort_right
