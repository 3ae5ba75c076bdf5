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
    if keep_equal:
        def stays_before(item):
            return not x < item
    else:
        def stays_before(item):
            return item < x
    while lo < hi:
        middle = (lo + hi) // 2
        probe = a[middle] if key is None else key(a[middle])
        if stays_before(probe):
            lo = middle + 1
        else:
            hi = middle
    return lo


def bisect_left(a, x, lo=0, hi=None, *, key=None):
    """Index at which to insert x in the sorted a[lo:hi], before any equal items."""
    return _boundary(a, x, lo, hi, key, False)


def bisect_right(a, x, lo=0, hi=None, *, key=None):
    """Index at which to insert x in the sorted a[lo:hi], after any equal items."""
    return _boundary(a, x, lo, hi, key, True)


def _insert_sorted(a, x, lo, hi, key, keep_equal):
    # the search compares keys, so x is looked up by its own key first
    where = _boundary(a, x if key is None else key(x), lo, hi, key, keep_equal)
    a.insert(where, x)


def insort_left(a, x, lo=0, hi=None, *, key=None):
    """Insert x into the sorted a[lo:hi], before any equal items."""
    _insert_sorted(a, x, lo, hi, key, False)


def insort_right(a, x, lo=0, hi=None, *, key=None):
    """Insert x into the sorted a[lo:hi], after any equal items."""
    _insert_sorted(a, x, lo, hi, key, True)


bisect = bisect_right
insort = insort_right
