from collections import deque

d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], d[2])
print(d.pop(), d.popleft(), d)
d.extend("ab")
d.extendleft([9, 8])
print(d, list(d), list(reversed(d)))
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
d.rotate(0)
print(d, d.count("a"), d.index("a"), 2 in d, 99 in d)
d[1] = "X"
del d[0]
print(d)
d.insert(1, "ins")
d.remove("ins")
d.reverse()
print(d)
d.clear()
print(d, bool(d), len(d))
try:
    d.pop()
except IndexError as e:
    print("IndexError", e)
try:
    d.popleft()
except IndexError as e:
    print("IndexError", e)
try:
    deque()[0]
except IndexError as e:
    print("IndexError", e)
try:
    deque([1]).remove(2)
except ValueError:
    print("ValueError")

m = deque(range(5), maxlen=3)
print(m, m.maxlen)
m.append(5)
print(m)
m.appendleft(0)
print(m)
m.extend([7, 8])
print(m)
try:
    m.insert(0, 1)
except IndexError as e:
    print("IndexError", e)
print(deque(maxlen=0), deque("ab", 0))
try:
    deque([], -1)
except ValueError as e:
    print("ValueError", e)

big = deque()
for i in range(1000):
    big.append(i)
    big.appendleft(-i)
for i in range(500):
    big.popleft()
    big.pop()
print(len(big), big[0], big[-1], sum(big))
big.rotate(123)
print(big[0], big[-1])

print(deque([1, 2]) == deque([1, 2]), deque([1]) != deque([2]), deque([1, 2]) < deque([1, 3]))
print(deque([1]) + deque([2]), deque([1, 2]) * 2, 2 * deque([0]))
x = deque([1])
x += [2, 3]
print(x)
c = x.copy()
c.append(4)
print(x, c)
d = deque("abc")
d.extend(d)
print(d)
try:
    for v in d:
        d.append(1)
except RuntimeError as e:
    print("RuntimeError", e)
r = deque()
r.append(r)
print(r)


class MyDeque(deque):
    pass


print(MyDeque([1]))
