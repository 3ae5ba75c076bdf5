# sets (ints only printed sorted)
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(sorted(a.union(b)), sorted(a.intersection(b)), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
print(len(a), 3 in a, 9 in a, 9 not in a)
print({1, 2} <= a, {1, 2} < a, a <= a, a < a, a >= {1}, a > {9}, a.issubset({1, 2, 3, 4, 5}), a.issuperset({2}))
print(a.isdisjoint({9, 10}), a.isdisjoint(b), {1, 2} == {2, 1}, {1} != {2})
s = set()
s.add(3); s.add(1); s.add(3)
print(sorted(s), len(s))
s.update([5, 6], (7,))
print(sorted(s))
s.discard(100); s.discard(5)
print(sorted(s))
s.remove(6)
print(sorted(s))
try:
    s.remove(42)
except KeyError as e:
    print(type(e).__name__, e)
p = s.pop()
print(p in {1, 3, 7}, len(s))
s.clear()
print(s, len(s), bool(s))
try:
    set().pop()
except KeyError as e:
    print(type(e).__name__, e)
c = {1, 2, 3}
c |= {4}; print(sorted(c))
c &= {2, 3, 4, 9}; print(sorted(c))
c -= {3}; print(sorted(c))
c ^= {4, 8}; print(sorted(c))
print(sorted(set([3, 3, 1])), sorted(set('aabbc')), sorted(set(range(5))), set(), sorted({x % 3 for x in range(10)}))
print(sorted({'x', 'y'} | {'z'}), len({'a', 'b', 'a'}))
d = a.copy()
d.add(99)
print(sorted(a), sorted(d))
try:
    {[1, 2]}
except TypeError as e:
    print(type(e).__name__, e)
try:
    {1} + {2}
except TypeError as e:
    print(type(e).__name__, e)
print({1, 1.0, True}, {(1, 2), (1, 2)})
print(sorted({-5, 10, 0, 3}), min({4, 2, 8}), max({4, 2, 8}), sum({1, 2, 3}))
seen = set()
uniq = []
for v in [3, 1, 3, 2, 1, 5]:
    if v not in seen:
        seen.add(v)
        uniq.append(v)
print(uniq)
big = set(range(1000))
big -= set(range(0, 1000, 3))
print(len(big), 999 in big, 998 in big, sum(big))
print(sorted(a.intersection(b, {4})), sorted(a.union([7], (8,))))
