"""Iterator building blocks, written for weft."""

import _thread

__all__ = [
    "accumulate", "batched", "chain", "combinations", "combinations_with_replacement",
    "compress", "count", "cycle", "dropwhile", "filterfalse", "groupby", "islice",
    "pairwise", "permutations", "product", "repeat", "starmap", "takewhile", "tee",
    "zip_longest",
]


def _index_arg(x, what):
    try:
        return x.__index__()
    except AttributeError:
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type(x).__name__) from None


_SPAN = 1 << 40


def _span(start, step):
    # The next _SPAN numbers of a count, or None (plain steps) past what a range holds.
    try:
        return iter(range(start, start + step * _SPAN, step))
    except OverflowError:
        return None


class count:
    def __init__(self, start=0, step=1):
        for v in (start, step):
            if not isinstance(v, (int, float, complex)) and not hasattr(v, "__add__"):
                raise TypeError("a number is required")
        # A bool counts as the int it is (count(True) starts at 1).
        if type(start) is bool:
            start = int(start)
        if type(step) is bool:
            step = int(step)
        self._n = start
        self._step = step
        # Threads sharing one count get each number once: int counts hand out the
        # numbers of a range iterator, whose steps are atomic; `_n` (for repr) follows.
        self._it = None
        if type(start) is int and type(step) is int and step:
            self._it = _span(start, step)

    def __iter__(self):
        return self

    def __next__(self):
        it = self._it
        if it is None:
            n = self._n
            self._n = n + self._step
            return n
        for n in it:
            self._n = n + self._step
            return n
        # A whole span (2**40 numbers) handed out: go on with the next.
        self._it = _span(self._n, self._step)
        return self.__next__()

    def __repr__(self):
        if type(self._step) is int and self._step == 1:
            return "count(%r)" % (self._n,)
        return "count(%r, %r)" % (self._n, self._step)


class cycle:
    def __init__(self, iterable, /):
        self._it = iter(iterable)
        self._saved = []
        self._i = -1

    def __iter__(self):
        return self

    def __next__(self):
        if self._it is not None:
            try:
                x = next(self._it)
            except StopIteration:
                self._it = None
            else:
                self._saved.append(x)
                return x
        saved = self._saved
        if not saved:
            raise StopIteration
        self._i = i = (self._i + 1) % len(saved)
        return saved[i]


class repeat:
    def __init__(self, object, times=None):
        self._obj = object
        if times is not None:
            times = _index_arg(times, "times")
            if times < 0:
                times = 0
        self._times = times

    def __iter__(self):
        return self

    def __next__(self):
        t = self._times
        if t is None:
            return self._obj
        if t <= 0:
            raise StopIteration
        self._times = t - 1
        return self._obj

    def __length_hint__(self):
        if self._times is None:
            raise TypeError("len() of unsized object")
        return self._times

    def __repr__(self):
        if self._times is None:
            return "repeat(%r)" % (self._obj,)
        return "repeat(%r, %d)" % (self._obj, self._times)


def _add(a, b):
    return a + b


def accumulate(iterable, func=None, *, initial=None):
    it = iter(iterable)
    if func is None:
        func = _add

    def gen():
        total = initial
        if initial is None:
            try:
                total = next(it)
            except StopIteration:
                return
        yield total
        for x in it:
            total = func(total, x)
            yield total
    return gen()


def batched(iterable, n, *, strict=False):
    n = _index_arg(n, "n")
    if n < 1:
        raise ValueError("n must be at least one")
    it = iter(iterable)

    def gen():
        while True:
            batch = []
            for x in it:
                batch.append(x)
                if len(batch) == n:
                    break
            if not batch:
                return
            if strict and len(batch) != n:
                raise ValueError("batched(): incomplete batch")
            yield tuple(batch)
            if len(batch) < n:
                return
    return gen()


class chain:
    def __init__(self, *iterables):
        self._source = iter(iterables)
        self._active = None

    @classmethod
    def from_iterable(cls, iterable, /):
        self = cls.__new__(cls)
        self._source = iter(iterable)
        self._active = None
        return self

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            if self._active is None:
                if self._source is None:
                    raise StopIteration
                try:
                    self._active = iter(next(self._source))
                except StopIteration:
                    self._source = None
                    raise
            try:
                return next(self._active)
            except StopIteration:
                self._active = None


def compress(data, selectors):
    return (d for d, s in zip(data, selectors) if s)


def dropwhile(predicate, iterable):
    it = iter(iterable)

    def gen():
        for x in it:
            if not predicate(x):
                yield x
                break
        for x in it:
            yield x
    return gen()


def takewhile(predicate, iterable):
    it = iter(iterable)

    def gen():
        for x in it:
            if predicate(x):
                yield x
            else:
                return
    return gen()


def filterfalse(function, iterable, /):
    it = iter(iterable)
    if function is None:
        return (x for x in it if not x)
    return (x for x in it if not function(x))


class groupby:
    def __init__(self, iterable, key=None):
        self._it = iter(iterable)
        self._keyfunc = key
        self._marker = object()
        self._tgtkey = self._currkey = self._currvalue = self._marker
        self._id = None

    def __iter__(self):
        return self

    def _step(self):
        v = next(self._it)
        self._currvalue = v
        self._currkey = v if self._keyfunc is None else self._keyfunc(v)

    def __next__(self):
        self._id = object()
        marker = self._marker
        if self._currkey is marker:
            self._step()
        elif self._tgtkey is not marker:
            while self._currkey == self._tgtkey:
                self._step()
        self._tgtkey = self._currkey
        return self._currkey, self._grouper(self._tgtkey, self._id)

    def _grouper(self, tgtkey, id):
        while self._id is id and self._currkey == tgtkey:
            yield self._currvalue
            try:
                self._step()
            except StopIteration:
                return


def islice(iterable, *args):
    s = slice(*args)
    start, stop, step = s.start, s.stop, s.step
    if start is None:
        start = 0
    elif not isinstance(start, int) or start < 0:
        raise ValueError("Indices for islice() must be None or an integer: "
                         "0 <= x <= sys.maxsize.")
    if stop is not None and (not isinstance(stop, int) or stop < 0):
        raise ValueError("Stop argument for islice() must be None or an integer: "
                         "0 <= x <= sys.maxsize.")
    if step is None:
        step = 1
    elif not isinstance(step, int) or step <= 0:
        raise ValueError("Step for islice() must be a positive integer or None.")
    it = iter(iterable)

    def gen():
        cnt = 0
        nxt = start
        while True:
            while cnt < nxt:
                try:
                    next(it)
                except StopIteration:
                    return
                cnt += 1
            if stop is not None and cnt >= stop:
                return
            try:
                item = next(it)
            except StopIteration:
                return
            cnt += 1
            nxt += step
            if stop is not None and nxt > stop:
                nxt = stop
            yield item
    return gen()


def starmap(function, iterable, /):
    it = iter(iterable)
    return (function(*args) for args in it)


class _TeeData:
    __slots__ = ("it", "buf", "lock", "base")

    def __init__(self, it):
        self.it = it
        self.buf = []
        self.base = 0
        self.lock = _thread.allocate_lock()


class _tee:
    __slots__ = ("_data", "_pos", "__weakref__")

    def __iter__(self):
        return self

    def __next__(self):
        d = self._data
        with d.lock:
            i = self._pos - d.base
            if i < len(d.buf):
                v = d.buf[i]
            else:
                v = next(d.it)
                d.buf.append(v)
            self._pos += 1
            return v

    def __copy__(self):
        t = _tee.__new__(_tee)
        t._data = self._data
        t._pos = self._pos
        return t


def tee(iterable, n=2, /):
    n = _index_arg(n, "n")
    if n < 0:
        raise ValueError("n must be >= 0")
    if n == 0:
        return ()
    it = iter(iterable)
    if isinstance(it, _tee):
        first = it.__copy__()
    else:
        first = _tee.__new__(_tee)
        first._data = _TeeData(it)
        first._pos = 0
    out = [first]
    for _ in range(n - 1):
        out.append(first.__copy__())
    return tuple(out)


def zip_longest(*args, fillvalue=None):
    its = [iter(a) for a in args]

    def gen():
        active = len(its)
        if not active:
            return
        while True:
            values = []
            for i, it in enumerate(its):
                try:
                    v = next(it)
                except StopIteration:
                    active -= 1
                    if not active:
                        return
                    its[i] = repeat(fillvalue)
                    v = fillvalue
                values.append(v)
            yield tuple(values)
    return gen()


def product(*iterables, repeat=1):
    repeat = _index_arg(repeat, "repeat")
    if repeat < 0:
        raise ValueError("repeat argument cannot be negative")
    pools = [tuple(p) for p in iterables] * repeat

    def gen():
        result = [()]
        for pool in pools:
            result = [x + (y,) for x in result for y in pool]
        for prod in result:
            yield prod
    return gen()


def permutations(iterable, r=None):
    pool = tuple(iterable)
    n = len(pool)
    if r is None:
        r = n
    else:
        r = _index_arg(r, "r")
        if r < 0:
            raise ValueError("r must be non-negative")

    def gen():
        if r > n:
            return
        indices = list(range(n))
        cycles = list(range(n, n - r, -1))
        yield tuple(pool[i] for i in indices[:r])
        while n:
            for i in reversed(range(r)):
                cycles[i] -= 1
                if cycles[i] == 0:
                    indices[i:] = indices[i + 1:] + indices[i:i + 1]
                    cycles[i] = n - i
                else:
                    j = cycles[i]
                    indices[i], indices[-j] = indices[-j], indices[i]
                    yield tuple(pool[i] for i in indices[:r])
                    break
            else:
                return
    return gen()


def combinations(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    r = _index_arg(r, "r")
    if r < 0:
        raise ValueError("r must be non-negative")

    def gen():
        if r > n:
            return
        indices = list(range(r))
        yield tuple(pool[i] for i in indices)
        while True:
            for i in reversed(range(r)):
                if indices[i] != i + n - r:
                    break
            else:
                return
            indices[i] += 1
            for j in range(i + 1, r):
                indices[j] = indices[j - 1] + 1
            yield tuple(pool[i] for i in indices)
    return gen()


def combinations_with_replacement(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    r = _index_arg(r, "r")
    if r < 0:
        raise ValueError("r must be non-negative")

    def gen():
        if not n and r:
            return
        indices = [0] * r
        yield tuple(pool[i] for i in indices)
        while True:
            for i in reversed(range(r)):
                if indices[i] != n - 1:
                    break
            else:
                return
            indices[i:] = [indices[i] + 1] * (r - i)
            yield tuple(pool[i] for i in indices)
    return gen()


def pairwise(iterable, /):
    it = iter(iterable)

    def gen():
        try:
            a = next(it)
        except StopIteration:
            return
        for b in it:
            yield a, b
            a = b
    return gen()
