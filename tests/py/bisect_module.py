# bisect: left/right on runs of equal items, lo/hi bounds, key=, insort on lists and
# other sequences with insert(), which side of `<` the needle is on, errors.
import bisect
from bisect import bisect_left, bisect_right, insort_left, insort_right

data = [1, 2, 2, 2, 5, 8, 8, 13]
for x in (0, 1, 2, 3, 8, 13, 14):
    print(x, bisect_left(data, x), bisect_right(data, x), bisect.bisect(data, x))
print("bounds", bisect_left(data, 2, 2), bisect_right(data, 2, 0, 2), bisect_left(data, 8, 0, 3),
      bisect_right(data, 100, 3, 5), bisect_left(data, 0, 5), bisect_right(data, 5, hi=4))
print("hi past end", bisect_left([1, 2], 5, 0, 2), bisect_right(data, 2, lo=3, hi=None))
print("empty", bisect_left([], 1), bisect_right([], 1), bisect_left([3], 3, 1))
print("lo > hi", bisect_left(data, 5, 6, 2), bisect_right(data, 5, 6, 2))
try:
    bisect_left(data, 1, -1)
except ValueError as e:
    print("ValueError", e)
try:
    bisect_right(data, 1, lo=-5)
except ValueError as e:
    print("ValueError", e)
try:
    bisect_left(data, "x")
except TypeError:
    print("TypeError comparing str and int")

# key= compares key(item) with x; x itself is already a key.
people = [("ann", 19), ("bob", 25), ("cy", 25), ("dee", 31)]
age = lambda p: p[1]
print("key", bisect_left(people, 25, key=age), bisect_right(people, 25, key=age),
      bisect_left(people, 40, key=age), bisect_right(people, 25, 0, 2, key=age))
insort_left(people, ("eve", 25), key=age)
insort_right(people, ("fay", 25), key=age)
insort_right(people, ("gus", 1), key=age)
bisect.insort(people, ("hal", 99), key=age)
print(people)
words = sorted(["pear", "fig", "banana", "kiwi"], key=len)
bisect.insort(words, "plum", key=len)
insort_left(words, "date", key=len)
print(words)

# insort on plain lists, with bounds.
nums = []
for n in (5, 1, 4, 1, 5, 9, 2, 6):
    insort_right(nums, n)
print(nums)
insort_left(nums, 5)
insort_right(nums, 0, 3, 5)
print(nums)


# The needle's side of `<`, and how many comparisons are made.
class Item:
    calls = []

    def __init__(self, v, tag):
        self.v, self.tag = v, tag

    def __lt__(self, other):
        Item.calls.append(self.tag + other.tag)
        return self.v < other.v

    def __repr__(self):
        return "%s%d" % (self.tag, self.v)


row = [Item(i // 2, "a") for i in range(10)]
print(bisect_left(row, Item(2, "x")), Item.calls)
Item.calls = []
print(bisect_right(row, Item(2, "x")), Item.calls)
Item.calls = []
insort_left(row, Item(3, "y"))
insort_right(row, Item(3, "z"))
print(row, len(Item.calls))


# Any sequence with __getitem__/__len__ for bisect, plus insert() for insort.
class Seq:
    def __init__(self, items):
        self.items = list(items)
        self.inserts = []

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]

    def insert(self, i, x):
        self.inserts.append((i, x))
        self.items.insert(i, x)


s = Seq(range(0, 20, 2))
print(bisect_left(s, 7), bisect_right(s, 8), bisect_left(s, 8))
insort_left(s, 8)
insort_right(s, 8)
bisect.insort_right(s, -3)
print(s.inserts, s.items)
print(bisect_left((1, 3, 5), 3), bisect_right("acegi", "e"), bisect_left(range(0, 100, 3), 50))
try:
    insort_left((1, 2), 3)
except AttributeError:
    print("AttributeError: tuple has no insert")
print(bisect.bisect is bisect_right, bisect.insort is insort_right)
