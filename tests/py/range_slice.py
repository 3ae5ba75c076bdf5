# range objects and slicing
r = range(10)
print(r, len(r), r[0], r[-1], r[3], list(r[2:5]), r[2:5], r[::2], r[::-1])
print(list(range(5)), list(range(2, 8)), list(range(0, 20, 5)), list(range(10, 0, -3)), list(range(5, 0)))
print(len(range(0)), len(range(1, 10, 2)), len(range(10, 0, -2)), len(range(0, 10, -1)))
print(5 in r, 10 in r, -1 in r, 4 in range(0, 10, 2), 5 in range(0, 10, 2))
print(range(3) == range(3), range(0) == range(5, 5), range(0, 3) == range(0, 3, 1))
print(list(reversed(range(4))), sum(range(101)), max(range(7)), min(range(3, 9)))
print(range(1, 10, 3).index(7), range(10).count(3), range(2, 20, 4)[-2])
big = range(10 ** 12)
print(len(big), big[-1], big[10 ** 11], 10 ** 11 in big)
try:
    r[10]
except IndexError as e:
    print(type(e).__name__, e)
try:
    range(1, 2, 0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    range(1.5)
except TypeError as e:
    print(type(e).__name__, e)
s = 'abcdefghij'
l = list(s)
t = tuple(s)
for sl in [(None, None, None), (2, None, None), (None, 3, None), (-3, None, None), (1, 8, 2), (8, 1, -2),
           (None, None, -1), (-1, -8, -3), (100, None, None), (None, -100, None), (3, 3, None), (5, 2, None),
           (-100, 100, 4), (None, None, 3), (9, None, -4)]:
    k = slice(*sl)
    print(sl, s[k], ''.join(l[k]), ''.join(t[k]), list(range(10)[k]))
print(slice(1, 5), slice(3), slice(1, 2, 3).start, slice(1, 2, 3).stop, slice(1, 2, 3).step)
try:
    s[::0]
except ValueError as e:
    print(type(e).__name__, e)
m = list(range(10))
m[2:8:3] = ['x', 'y']
print(m)
m[::-1] = range(10)
print(m)
m[8:2:-2] = 'abc'
print(m)
for i in range(3):
    for j in range(i, 3):
        print(i, j, end='; ')
print()
acc = []
for i in range(20, 0, -7):
    acc.append(i)
print(acc)
print(list(range(-5, 5, 3)), list(range(-1, -10, -4)), range(3)[1:], range(0, 10, 3)[::-1])
