import heapq
import bisect

h = []
for x in [5, 1, 8, 3, 9, 2, 7]:
    heapq.heappush(h, x)
print(h[0], [heapq.heappop(h) for _ in range(len(h))])
data = [9, 4, 7, 1, 0, 3, 3, 8]
heapq.heapify(data)
print(data[0], sorted(data) == [heapq.heappop(data) for _ in range(len(data))] or True)
h = [1, 5, 3]
heapq.heapify(h)
print(heapq.heapreplace(h, 4), h[0], heapq.heappushpop(h, 0), heapq.heappushpop(h, 10), sorted(h))
try:
    heapq.heappop([])
except IndexError as e:
    print("IndexError", e)
try:
    heapq.heapreplace([], 1)
except IndexError as e:
    print("IndexError", e)
try:
    heapq.heappush((), 1)
except TypeError as e:
    print("TypeError", e)
print(heapq.nlargest(3, [5, 1, 8, 3, 9]), heapq.nsmallest(2, [5, 1, 8, 3, 9]))
print(heapq.nlargest(2, ["aaa", "b", "cc"], key=len), heapq.nsmallest(5, [3, 1]), heapq.nlargest(0, [1]))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [0, 3])), list(heapq.merge()))
print(list(heapq.merge([5, 3], [4, 1], reverse=True)), list(heapq.merge(["b", "ccc"], ["aa"], key=len)))
h = []
for p, name in [(3, "c"), (1, "a"), (2, "b"), (1, "aa")]:
    heapq.heappush(h, (p, name))
print([heapq.heappop(h) for _ in range(4)])
vals = [(i * 7919) % 101 for i in range(200)]
hh = []
for v in vals:
    heapq.heappush(hh, v)
print([heapq.heappop(hh) for _ in range(200)] == sorted(vals))

a = [1, 2, 4, 4, 8]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 4), bisect.bisect(a, 0), bisect.bisect(a, 9))
print(bisect.bisect_left(a, 4, 3), bisect.bisect_right(a, 4, 0, 2))
bisect.insort(a, 3)
bisect.insort_left(a, 4)
bisect.insort_right(a, 100)
print(a)
recs = [("a", 1), ("b", 3), ("c", 5)]
print(bisect.bisect_left(recs, 3, key=lambda r: r[1]), bisect.bisect_right(recs, 3, key=lambda r: r[1]))
bisect.insort(recs, ("x", 4), key=lambda r: r[1])
bisect.insort_left(recs, ("y", 0), key=lambda r: r[1])
print(recs)
try:
    bisect.bisect([], 1, -1)
except ValueError as e:
    print("ValueError", e)
