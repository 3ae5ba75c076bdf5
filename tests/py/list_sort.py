# sorting
a = [5, 2, 9, 1, 5, 6]
a.sort(); print(a)
a.sort(reverse=True); print(a)
print(sorted(['banana', 'Apple', 'cherry']), sorted(['banana', 'Apple', 'cherry'], key=str.lower))
words = ['bb', 'a', 'ccc', 'dd', 'e']
print(sorted(words, key=len), sorted(words, key=len, reverse=True))
pairs = [(1, 'b'), (0, 'z'), (1, 'a'), (0, 'a')]
print(sorted(pairs), sorted(pairs, key=lambda p: p[1]), sorted(pairs, key=lambda p: -p[0]))
recs = [{'n': 'x', 'v': 3}, {'n': 'y', 'v': 1}, {'n': 'z', 'v': 2}]
print([r['n'] for r in sorted(recs, key=lambda r: r['v'])])
# stability
data = [('a', 2), ('b', 1), ('c', 2), ('d', 1), ('e', 2)]
print(sorted(data, key=lambda t: t[1]))
print(sorted(data, key=lambda t: t[1], reverse=True))
print(sorted([3.5, -1, 2, 0.0, -7.25]), sorted([True, False, 2, -1]))
print(sorted('hello'), sorted((3, 1, 2)), sorted({3: 'a', 1: 'b'}), sorted(set([4, 2, 9])))
print(sorted([]), sorted([1]), sorted(range(10, 0, -3)))
class Item:
    def __init__(self, k):
        self.k = k
    def __lt__(self, other):
        return self.k < other.k
    def __repr__(self):
        return 'Item(%d)' % self.k
print(sorted([Item(3), Item(1), Item(2)]))
print(max([Item(3), Item(7), Item(2)]), min([Item(3), Item(7), Item(2)]))
b = list(range(20))
b.sort(key=lambda v: (v % 3, -v)); print(b)
big = [(i * 7919) % 1000 for i in range(1000)]
big.sort()
print(big[:5], big[-5:], all([big[i] <= big[i + 1] for i in range(len(big) - 1)]))
try:
    sorted([1, 'a'])
except TypeError as e:
    print(type(e).__name__, e)
try:
    [object(), object()].sort()
except TypeError as e:
    print(type(e).__name__, e)
print(a.sort() is None)
nums = [10, 9, 100, 1]
print(sorted(nums, key=str), sorted(nums, key=lambda v: str(v), reverse=True))
m = [[3, 1], [1, 2], [3, 0]]
m.sort(); print(m)
