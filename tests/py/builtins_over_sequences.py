# sum/any/all/min/max over tuples, lists, bytes and bytearrays (read item by item),
# including a list that grows while it is read and subclasses with their own __iter__
data = [3, 1, 4, 1, 5, 9, 2, 6]
for seq in (data, tuple(data), bytes(data), bytearray(data)):
    print(type(seq).__name__, sum(seq), sum(seq, 10), min(seq), max(seq), any(seq), all(seq))
print(sum(bytearray(160000)), sum(bytes(range(256)) * 10), all(b''), any(bytearray(3)))
print(sum([0.5, 1, 2**70]), sum(((1, 2), (3,)), ()), max([], default='empty'))
class Grow:
    def __init__(self, lst):
        self.lst = lst
    def __radd__(self, other):
        if len(self.lst) < 6:
            self.lst.append(Grow(self.lst))
        return other + 1
g = []
g.append(Grow(g))
print(sum(g), len(g))
class Odd(list):
    def __iter__(self):
        return iter([100])
print(sum(Odd([1, 2, 3])), max(Odd([1, 2])))
try:
    sum(['a', 'b'])
except TypeError as e:
    print(e)
try:
    min(())
except ValueError as e:
    print(e)
print(min([3, 1, 2], key=lambda x: -x), max((1, 5, 3), key=str))
