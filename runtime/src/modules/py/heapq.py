"""Heap queue (min-heap on a list), written for weft."""

__all__ = ["heappush", "heappop", "heapify", "heapreplace", "merge", "nlargest",
           "nsmallest", "heappushpop"]


def _check(heap, fname):
    if not isinstance(heap, list):
        raise TypeError("%s() argument 1 must be list, not %s"
                        % (fname, type(heap).__name__))


def _sift_up(heap, start, pos):
    # move heap[pos] towards the root (index start) while it is smaller than its parent
    item = heap[pos]
    while pos > start:
        parent_pos = (pos - 1) >> 1
        parent = heap[parent_pos]
        if item < parent:
            heap[pos] = parent
            pos = parent_pos
            continue
        break
    heap[pos] = item


def _sift_down(heap, pos):
    # move heap[pos] down to a leaf along the smaller children, then back up
    end = len(heap)
    start = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and not heap[child] < heap[right]:
            child = right
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _sift_up(heap, start, pos)


def heappush(heap, item, /):
    _check(heap, "heappush")
    heap.append(item)
    _sift_up(heap, 0, len(heap) - 1)


def heappop(heap, /):
    _check(heap, "heappop")
    if not heap:
        raise IndexError("index out of range")
    last = heap.pop()
    if heap:
        result = heap[0]
        heap[0] = last
        _sift_down(heap, 0)
        return result
    return last


def heapreplace(heap, item, /):
    _check(heap, "heapreplace")
    if not heap:
        raise IndexError("index out of range")
    result = heap[0]
    heap[0] = item
    _sift_down(heap, 0)
    return result


def heappushpop(heap, item, /):
    _check(heap, "heappushpop")
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _sift_down(heap, 0)
    return item


def heapify(x, /):
    _check(x, "heapify")
    for i in reversed(range(len(x) // 2)):
        _sift_down(x, i)


# max-heap helpers (CPython 3.14 makes these public)

def _sift_up_max(heap, start, pos):
    item = heap[pos]
    while pos > start:
        parent_pos = (pos - 1) >> 1
        parent = heap[parent_pos]
        if parent < item:
            heap[pos] = parent
            pos = parent_pos
            continue
        break
    heap[pos] = item


def _sift_down_max(heap, pos):
    end = len(heap)
    start = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and not heap[right] < heap[child]:
            child = right
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _sift_up_max(heap, start, pos)


def heapify_max(x, /):
    _check(x, "heapify_max")
    for i in reversed(range(len(x) // 2)):
        _sift_down_max(x, i)


def heappush_max(heap, item, /):
    _check(heap, "heappush_max")
    heap.append(item)
    _sift_up_max(heap, 0, len(heap) - 1)


def heappop_max(heap, /):
    _check(heap, "heappop_max")
    if not heap:
        raise IndexError("index out of range")
    last = heap.pop()
    if heap:
        result = heap[0]
        heap[0] = last
        _sift_down_max(heap, 0)
        return result
    return last


def heapreplace_max(heap, item, /):
    _check(heap, "heapreplace_max")
    if not heap:
        raise IndexError("index out of range")
    result = heap[0]
    heap[0] = item
    _sift_down_max(heap, 0)
    return result


def heappushpop_max(heap, item, /):
    _check(heap, "heappushpop_max")
    if heap and item < heap[0]:
        item, heap[0] = heap[0], item
        _sift_down_max(heap, 0)
    return item


_heapify_max = heapify_max
_heappop_max = heappop_max
_heapreplace_max = heapreplace_max


def merge(*iterables, key=None, reverse=False):
    entries = []
    for order, it in enumerate(map(iter, iterables)):
        for value in it:
            k = value if key is None else key(value)
            entries.append([k, order, value, it])
            break
    if reverse:
        # largest first: order keys descending, ties by input order
        def better(a, b):
            return b[0] < a[0] or (not a[0] < b[0] and a[1] < b[1])
    else:
        def better(a, b):
            return a[0] < b[0] or (not b[0] < a[0] and a[1] < b[1])
    while entries:
        best = 0
        for i in range(1, len(entries)):
            if better(entries[i], entries[best]):
                best = i
        e = entries[best]
        yield e[2]
        for value in e[3]:
            e[0] = value if key is None else key(value)
            e[2] = value
            break
        else:
            del entries[best]


def nsmallest(n, iterable, key=None):
    if n <= 0:
        return []
    if key is None:
        return sorted(iterable)[:n]
    return sorted(iterable, key=key)[:n]


def nlargest(n, iterable, key=None):
    if n <= 0:
        return []
    if key is None:
        return sorted(iterable, reverse=True)[:n]
    return sorted(iterable, key=key, reverse=True)[:n]
