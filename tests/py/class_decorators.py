# staticmethod, classmethod, property
class Temp:
    scale = 'C'
    instances = 0
    def __init__(self, deg):
        self._deg = deg
        Temp.instances += 1
    @property
    def deg(self):
        return self._deg
    @deg.setter
    def deg(self, v):
        if v < -273:
            raise ValueError('too cold')
        self._deg = v
    @deg.deleter
    def deg(self):
        print('deleting deg')
        del self._deg
    @property
    def fahrenheit(self):
        return self._deg * 9 / 5 + 32
    @staticmethod
    def convert(c):
        return c * 9 / 5 + 32
    @classmethod
    def freezing(cls):
        return cls(0)
    @classmethod
    def describe(cls):
        return cls.__name__ + ' in ' + cls.scale
t = Temp(100)
print(t.deg, t.fahrenheit, Temp.convert(37), t.convert(0))
t.deg = 25
print(t.deg, t.fahrenheit)
try:
    t.deg = -300
except ValueError as e:
    print(type(e).__name__, e)
try:
    t.fahrenheit = 5
except AttributeError as e:
    print(type(e).__name__, e)
del t.deg
print(hasattr(t, '_deg'))
f = Temp.freezing()
print(type(f).__name__, f.deg, Temp.describe(), Temp.instances)
class Kelvin(Temp):
    scale = 'K'
k = Kelvin.freezing()
print(type(k).__name__, Kelvin.describe(), k.describe(), isinstance(k, Temp))
print(isinstance(Temp.__dict__['convert'], staticmethod), isinstance(Temp.__dict__['freezing'], classmethod), isinstance(Temp.__dict__['deg'], property))
class Lazy:
    def __init__(self):
        self.calls = 0
    @property
    def value(self):
        self.calls += 1
        return self.calls * 10
z = Lazy()
print(z.value, z.value, z.calls)
class Manual:
    def get_x(self):
        return 'x!'
    x = property(get_x)
    def helper(a, b):
        return a + b
    helper = staticmethod(helper)
    def make(cls):
        return cls.__name__
    make = classmethod(make)
print(Manual().x, Manual.helper(2, 3), Manual.make(), Manual().make())
class Registry:
    items = []
    @classmethod
    def register(cls, v):
        cls.items.append(v)
        return len(cls.items)
    @staticmethod
    def no_self():
        return 'static ok'
print(Registry.register('a'), Registry.register('b'), Registry.items, Registry().no_self())
class Circle:
    def __init__(self, r):
        self.r = r
    @property
    def area(self):
        return round(3.14159 * self.r ** 2, 2)
    @property
    def diameter(self):
        return self.r * 2
    @diameter.setter
    def diameter(self, d):
        self.r = d / 2
c = Circle(2)
print(c.area, c.diameter)
c.diameter = 10
print(c.r, c.area)
try:
    del c.area
except AttributeError as e:
    print(type(e).__name__, e)
print(Temp.deg.__class__.__name__, Temp.convert.__name__)
