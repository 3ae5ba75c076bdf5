import itertools
import sys
if sys.version_info >= (3, 12):
    batched = itertools.batched
else:
    def batched(iterable, n):
        if n < 1:
            raise ValueError("n must be at least one")
        it = iter(iterable)
        while True:
            b = tuple(itertools.islice(it, n))
            if not b:
                return
            yield b
print(list(batched("abcdefg", 3)), list(batched([], 2)), list(batched(range(4), 2)))
try:
    list(batched("a", 0))
except ValueError as e:
    print("ValueError", e)
