# super() corners: classmethods, staticmethods, properties, class attributes and
# descriptors through super(), two-argument forms, the super object's own attributes,
# __getattr__ chains, errors (python3.13 made the .exp: its super() messages name the
# types).
class A:
    def __init_subclass__(cls, **kw):
        print("A.init_subclass", cls.__name__, kw)
    @classmethod
    def make(cls): return "A.make:" + cls.__name__
    @staticmethod
    def st(): return "A.st"
    def m(self): return "A.m"
    @property
    def p(self): return "A.p"
    x = 5
class B(A, flag=1):
    @classmethod
    def make(cls): return "B>" + super().make()
    def m(self): return "B>" + super().m() + super().st() + super().p + str(super().x)
    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
class C(B): pass
print(B.make(), B().m(), C.make())
print(super(B, B()).m(), super(B, B).make(), super(A, B()).__class__)
s = super(B, B())
print(s.__self__.__class__.__name__, s.__thisclass__.__name__, s.__self_class__.__name__)
class D(dict):
    def __getitem__(self, k): return super().__getitem__(k) * 2
    def get(self, k, d=None): return super().get(k, d)
print(D(a=2)['a'], D(a=2).get('a'))
class E:
    def __getattr__(self, n): return "E." + n
class F(E):
    def __getattr__(self, n): return "F>" + super().__getattr__(n)
print(F().zz)
try:
    super(int, "x")
except TypeError as e: print(e)
def outside():
    try: super()
    except RuntimeError as e: print(e)
outside()


class Tracked:
    """A descriptor reached through super(): bound with the instance and its class."""

    def __get__(self, obj, objtype=None):
        return ("tracked", obj is not None, objtype.__name__)


class Top:
    t = Tracked()


class Below(Top):
    def read(self):
        return super().t

    @classmethod
    def read_cls(cls):
        return super().t


print(Below().read(), Below.read_cls())
try:
    super(3, 4)
except TypeError as e:
    print("TypeError", e)
