# lists: methods, slicing, slice assignment, del
a = [3, 1, 4, 1, 5]
print(a, len(a), a[0], a[-1], a[1:3], a[::-1], a[::2], a[-2:], a[:100])
a.append(9); print(a)
a.extend([2, 6]); print(a)
a.insert(0, 0); print(a)
a.insert(-1, 7); print(a)
a.insert(100, 8); print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(1); print(a)
print(a.index(5), a.count(1), a.count(42), 4 in a, 42 not in a)
a.reverse(); print(a)
b = a.copy(); b.clear(); print(a, b)
c = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
c[2:4] = ['a', 'b', 'c']; print(c)
c[1:1] = [99]; print(c)
c[:3] = []; print(c)
c[::2] = [0, 0, 0, 0, 0]; print(c)
c[-1:] = range(3); print(c)
del c[0]; print(c)
del c[1:3]; print(c)
del c[::2]; print(c)
d = [1, 2] + [3], [0] * 3, 2 * [None]
print(d)
e = [1, 2]
e += [3]; print(e)
e *= 2; print(e)
print([1, 2] == [1, 2], [1, 2] < [1, 3], [1, 2] < [1, 2, 0], [] < [0], [2] > [1, 9])
nested = [[0] * 2 for _ in range(2)]
nested[0][0] = 5; print(nested)
alias = [[0] * 2] * 2
alias[0][0] = 5; print(alias)
x = [1, 2, 3]
y = x
y.append(4)
print(x, x is y, x == list(x), x is list(x))
print(list(), list('ab'), list(range(3)), list((1, 2)), list({'k': 1}))
print(sum([1, 2, 3]), min([4, 2, 8]), max([4, 2, 8]), sorted([3, 1, 2]))
for err in range(5):
    try:
        if err == 0:
            [][0]
        elif err == 1:
            [1].remove(2)
        elif err == 2:
            [].pop()
        elif err == 3:
            [1, 2].index(3)
        else:
            [1] + (2,)
    except (IndexError, ValueError, TypeError) as ex:
        print(type(ex).__name__, ex)
try:
    c = [1, 2, 3]
    c[::2] = [1]
except ValueError as ex:
    print(type(ex).__name__, ex)
try:
    [1, 2][5] = 0
except IndexError as ex:
    print(type(ex).__name__, ex)
try:
    key = 'a'
    [1, 2][key]
except TypeError as ex:
    print(type(ex).__name__, ex)
r = [1]
r.append(r)
print(r)
big = list(range(1000))
print(len(big), big[500], big[-1], sum(big))
print([i * i for i in range(6) if i % 2], [[j for j in range(i)] for i in range(3)])
