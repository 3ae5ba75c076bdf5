# list() and tuple() of an iterator announcing an impossible length (__length_hint__)
# raise MemoryError at once, as CPython's preallocation does, instead of filling
# memory item by item; ordinary hints and failing hints change nothing.
import itertools


def attempt(label, make):
    try:
        r = make()
        print(label, r if len(r) < 10 else len(r))
    except MemoryError:
        print(label, 'MemoryError')


attempt('repeat 2**40', lambda: list(itertools.repeat(1, 2**40)))
attempt('repeat 2**40 tuple', lambda: tuple(itertools.repeat(None, 2**40)))
attempt('repeat small', lambda: list(itertools.repeat('q', 4)))


class Counter:
    def __init__(self, hint):
        self.left = 3
        self.hint = hint

    def __iter__(self):
        return self

    def __next__(self):
        if self.left == 0:
            raise StopIteration
        self.left -= 1
        return self.left

    def __length_hint__(self):
        if isinstance(self.hint, Exception):
            raise self.hint
        return self.hint


attempt('huge hint', lambda: list(Counter(2**62)))
attempt('small hint', lambda: list(Counter(1)))
attempt('zero hint', lambda: list(Counter(0)))
attempt('type error hint', lambda: list(Counter(TypeError('no hint'))))
try:
    list(Counter(KeyError('boom')))
except KeyError as e:
    print('hint error propagates', e)
print('alive')
