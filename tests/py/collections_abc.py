from collections.abc import *
import collections.abc
import collections
print(collections.abc.Mapping)
print(isinstance([], Sequence), isinstance([], MutableSequence), isinstance((), MutableSequence))
print(isinstance({}, Mapping), isinstance({}, MutableMapping), isinstance(1, Hashable), isinstance([], Hashable))
print(isinstance(iter([]), Iterator), isinstance([], Iterable), isinstance(len, Callable), isinstance(1, Callable))
class It:
    def __iter__(self): return self
    def __next__(self): raise StopIteration
print(isinstance(It(), Iterator), issubclass(It, Iterable), isinstance(It(), Sized))
class MyMap(Mapping):
    def __init__(self, d): self.d = d
    def __getitem__(self, k): return self.d[k]
    def __iter__(self): return iter(self.d)
    def __len__(self): return len(self.d)
m = MyMap({'a': 1})
print(m.get('a'), 'a' in m, list(m.keys()), list(m.items()), m == {'a': 1}, isinstance(m, Mapping))
try:
    Mapping()
except TypeError as e: print("TypeError")
from abc import ABC, abstractmethod
class Base(ABC):
    @abstractmethod
    def f(self): ...
class Impl(Base):
    def f(self): return 1
print(Impl().f(), isinstance(Impl(), Base))
try: Base()
except TypeError as e: print("TypeError", "Base" in str(e))
class Reg: pass
Base.register(Reg)
print(isinstance(Reg(), Base), issubclass(Reg, Base), issubclass(int, Base))
print(isinstance(collections.deque(), Sequence), isinstance(collections.OrderedDict(), MutableMapping))
class MySeq(Sequence):
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
    def __getitem__(self, i):
        if i >= self.n: raise IndexError(i)
        return i * 10
s = MySeq(3)
print(list(s), 20 in s, s.index(10), s.count(0), list(reversed(s)), isinstance(s, Reversible))
class MySet(Set):
    def __init__(self, it): self.items = list(dict.fromkeys(it))
    def __contains__(self, x): return x in self.items
    def __iter__(self): return iter(self.items)
    def __len__(self): return len(self.items)
a, b = MySet([1, 2, 3]), MySet([2, 3, 4])
print(sorted(a & b), sorted(a | b), sorted(a - b), sorted(a ^ b), a <= MySet([1, 2, 3, 5]), a == MySet([3, 2, 1]))
class MyMM(MutableMapping):
    def __init__(self): self.d = {}
    def __getitem__(self, k): return self.d[k]
    def __setitem__(self, k, v): self.d[k] = v
    def __delitem__(self, k): del self.d[k]
    def __iter__(self): return iter(self.d)
    def __len__(self): return len(self.d)
mm = MyMM()
mm.update({"a": 1}, b=2)
print(mm.setdefault("c", 3), mm.pop("a"), mm.popitem(), len(mm), dict(mm.items()))
class M(type):
    def __call__(cls, *a):
        print("meta call", a)
        return super().__call__(*a)
class WithMeta(metaclass=M):
    def __init__(self, x): self.x = x
print(WithMeta(5).x)
class Meta2(type):
    def __instancecheck__(cls, x): return x == 42
class Odd(metaclass=Meta2): pass
print(isinstance(42, Odd), isinstance(1, Odd), isinstance(42, (int, Odd)), isinstance("s", (int, Odd)))
