# pickle (and copy) of built-in values, classes and references.
import copy
import io
import pickle
from collections import OrderedDict, namedtuple

Point = namedtuple("Point", "x y")


class Account:
    def __init__(self, owner, balance):
        self.owner, self.balance = owner, balance

    def __eq__(self, other):
        return vars(self) == vars(other)


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a, self.b = 1, [2]


class Custom:
    def __init__(self, v):
        self.v = v

    def __reduce__(self):
        return (Custom, (self.v * 2,))


values = [None, True, 12, -3 ** 70, 1.25, 2j, "t\u00e9xt", b"by", bytearray(b"ba"),
          (1, (2,)), [1, [2]], {"k": {1, 2}}, frozenset("ab"), Point(1, 2),
          OrderedDict(a=1), Account("ann", 10), range(3, 9, 2), slice(1, 5), Ellipsis, len]
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    for v in values:
        back = pickle.loads(pickle.dumps(v, proto))
        assert back == v, (proto, v, back)
print("protocols", pickle.HIGHEST_PROTOCOL + 1, "values", len(values))
shared = [1]
both = pickle.loads(pickle.dumps([shared, shared]))
print(both, both[0] is both[1])
s = pickle.loads(pickle.dumps(Slotted()))
print(s.a, s.b, pickle.loads(pickle.dumps(Custom(4))).v)
buf = io.BytesIO()
pickle.dump({"x": 1}, buf)
pickle.dump([2], buf)
buf.seek(0)
print(pickle.load(buf), pickle.load(buf))
print(pickle.dumps((1, "a"), 0), pickle.dumps([1, 2], 2))
try:
    pickle.dumps(lambda: 0)
except (pickle.PicklingError, AttributeError) as e:
    print(type(e).__name__)
try:
    pickle.loads(b"not a pickle")
except (pickle.UnpicklingError, KeyError):
    # CPython's _pickle says UnpicklingError; pickle.py (what weft runs) a KeyError
    print("bad pickle")
orig = {"list": [1, [2, 3]], "acct": Account("bob", 5)}
shallow, deep = copy.copy(orig), copy.deepcopy(orig)
print(shallow["list"] is orig["list"], deep["list"] is orig["list"], deep == orig)
