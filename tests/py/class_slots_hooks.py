# __slots__, __init_subclass__ keywords, __set_name__, __class_getitem__, method objects
class Point:
    __slots__ = ('x', 'y')

    def __init__(self, x, y):
        self.x = x
        self.y = y


pt = Point(1, 2)
pt.x = 10
print(pt.x, pt.y, hasattr(pt, '__dict__'), Point.__slots__)
try:
    pt.z = 3
except AttributeError:
    print('AttributeError: z is not a slot')
try:
    pt.__dict__
except AttributeError:
    print('AttributeError: no __dict__')
try:
    vars(pt)
except TypeError as e:
    print('TypeError', e)
del pt.y
print(hasattr(pt, 'y'))
pt.y = 5
print(pt.y)


class Point3(Point):
    __slots__ = ('z',)


p3 = Point3(1, 2)
p3.z = 3
print(p3.x, p3.y, p3.z, hasattr(p3, '__dict__'))
try:
    p3.w = 4
except AttributeError:
    print('AttributeError: w is not a slot')


class Loose(Point):
    pass


lo = Loose(1, 2)
lo.anything = 'ok'
print(lo.anything, lo.x, lo.y)


class WithDict:
    __slots__ = ('a', '__dict__')


wd = WithDict()
wd.a = 1
wd.b = 2
print(wd.a, wd.b, vars(wd)['b'])


class OneSlot:
    __slots__ = 'only'


o1 = OneSlot()
o1.only = 'yes'
print(o1.only)

for bad in (['1x'], [3], ['a', 'a'] if False else ['__dict__', '__dict__']):
    try:
        type('Bad', (), {'__slots__': bad})
        print('accepted', bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__)
try:
    type('Clash', (), {'__slots__': ('v',), 'v': 1})
except ValueError as e:
    print('ValueError', e)


# __init_subclass__ receives the class keywords
class Plugin:
    registry = {}

    def __init_subclass__(cls, /, name=None, **kw):
        super().__init_subclass__(**kw)
        Plugin.registry[name or cls.__name__] = cls


class Alpha(Plugin, name='alpha'):
    pass


class Beta(Plugin):
    pass


print(sorted(Plugin.registry), Plugin.registry['alpha'] is Alpha)
try:
    class Gamma(Plugin, name='g', unknown=1):
        pass
except TypeError as e:
    print('TypeError', e)
try:
    class Delta(flavour='x'):
        pass
except TypeError as e:
    print('TypeError', e)


# __set_name__ on descriptors
class Field:
    def __set_name__(self, owner, name):
        self.owner = owner.__name__
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return '%s.%s' % (self.owner, self.name)


class Record:
    title = Field()
    body = Field()


rec = Record()
print(rec.title, rec.body, Record.title.name)


# __class_getitem__ on a user class
class Box:
    def __class_getitem__(cls, item):
        return ('Box', cls.__name__, item)


class SubBox(Box):
    pass


print(Box[int], SubBox['x'])


# building bound methods from a function and an instance
class Greeter:
    def __init__(self, who):
        self.who = who

    def hello(self, punct='!'):
        return 'hello ' + self.who + punct


g = Greeter('you')
MethodType = type(g.hello)
m = MethodType(Greeter.hello, Greeter('there'))
print(m(), m('?'), m.__self__.who, m.__func__ is Greeter.hello)
print(g.hello == g.hello, g.hello != g.hello, g.hello == Greeter('you').hello)
print(hash(g.hello) == hash(g.hello), len({g.hello, g.hello}))
try:
    MethodType(Greeter.hello, None)
except TypeError as e:
    print('TypeError', e)
try:
    MethodType(1, g)
except TypeError as e:
    print('TypeError', e)
