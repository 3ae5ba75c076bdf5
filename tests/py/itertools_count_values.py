# itertools.count hands out its numbers from a range iterator when it can (atomic steps
# for threads): the values and repr must be the same as counting by hand, also where a
# range cannot hold the numbers (past 64 bits) and for non-int steps.
import itertools


def first(c, n=4):
    return [next(c) for _ in range(n)]


for args in [(), (5,), (-5, -3), (2**63 - 2,), (2**70, 3), (0, 2**40), (-2**63, -1),
             (1.5, 0.25), (0, 0), (3, -1), (True,), (10, True)]:
    c = itertools.count(*args)
    print(args, first(c), repr(c))
c = itertools.count(7)
print(next(c), repr(c), next(iter(c)), repr(c))
print(list(zip(itertools.count(2**62), "abc")))
