# basic classes
class Point:
    dims = 2
    def __init__(self, x, y=0):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x * self.x + self.y * self.y
    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)
p = Point(3, 4)
print(p.x, p.y, p.norm2(), p.dims, Point.dims, Point(1).y)
q = p.moved(1, 1)
print(q.x, q.y, p.x, type(q).__name__, type(q) is Point)
p.z = 'dynamic'
print(p.z, hasattr(p, 'z'), hasattr(q, 'z'))
Point.dims = 3
print(p.dims, q.dims)
p.dims = 'inst'
print(p.dims, q.dims, Point.dims)
del p.dims
print(p.dims)
m = p.norm2
print(m(), Point.norm2(q))
class Empty:
    pass
e = Empty()
print(type(e).__name__, isinstance(e, Empty), isinstance(e, object), isinstance(p, Empty))
class Counter:
    total = 0
    def __init__(self):
        Counter.total += 1
        self.n = Counter.total
for _ in range(3):
    Counter()
print(Counter.total, Counter().n)
class Stack:
    def __init__(self):
        self.items = []
    def push(self, v):
        self.items.append(v)
        return self
    def pop(self):
        return self.items.pop()
    def size(self):
        return len(self.items)
s = Stack().push(1).push(2).push(3)
print(s.pop(), s.size(), s.items)
try:
    p.nope
except AttributeError as ex:
    print(type(ex).__name__, ex)
try:
    Point.nope
except AttributeError as ex:
    print(type(ex).__name__, ex)
try:
    Point()
except TypeError as ex:
    print(type(ex).__name__, ex)
try:
    Empty(1)
except TypeError as ex:
    print(type(ex).__name__, ex)
try:
    p.norm2(5)
except TypeError as ex:
    print(type(ex).__name__, ex)
print(getattr(p, 'x'), getattr(p, 'nope', 'default'))
setattr(p, 'x', 100)
print(p.x)
delattr(p, 'x')
print(hasattr(p, 'x'))
class WithClassList:
    shared = []
    def add(self, v):
        self.shared.append(v)
a1 = WithClassList(); a2 = WithClassList()
a1.add(1); a2.add(2)
print(WithClassList.shared)
print(p == p, p == q, p != q, Point(1, 1) == Point(1, 1))
print(callable(Point), callable(p), callable(p.norm2))
class Node:
    def __init__(self, val, nxt=None):
        self.val = val
        self.nxt = nxt
head = None
for v in range(5):
    head = Node(v, head)
vals = []
while head:
    vals.append(head.val)
    head = head.nxt
print(vals)
print(Point.__name__, p.__class__.__name__, p.__class__ is Point)
print(sorted(q.__dict__))
q.__dict__['w'] = 9
print(q.w, sorted(q.__dict__))
class Meth:
    def who(self):
        return 'instance method'
f = Meth().who
print(f())
