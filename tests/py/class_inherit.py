# inheritance and super()
class Animal:
    kind = 'animal'
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + ' makes a sound'
    def describe(self):
        return self.kind + ':' + self.speak()
class Dog(Animal):
    kind = 'dog'
    def speak(self):
        return self.name + ' barks'
class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return super().speak() + ' softly'
a, d, p = Animal('generic'), Dog('rex'), Puppy('bit', 1)
for x in (a, d, p):
    print(x.speak(), '|', x.describe(), '|', x.kind)
print(p.age, p.name)
print(isinstance(p, Puppy), isinstance(p, Dog), isinstance(p, Animal), isinstance(d, Puppy))
print(issubclass(Puppy, Animal), issubclass(Animal, Dog), issubclass(Dog, Dog), issubclass(Dog, object))
print(isinstance(d, (int, Dog)), issubclass(bool, int), isinstance(True, int))
print(Puppy.__bases__[0].__name__, Dog.__base__.__name__ if hasattr(Dog, '__base__') else '')
print([c.__name__ for c in Puppy.__mro__])
class A:
    def who(self):
        return 'A'
class B(A):
    def who(self):
        return 'B>' + super().who()
class C(A):
    def who(self):
        return 'C>' + super().who()
class D(B, C):
    def who(self):
        return 'D>' + super().who()
print(D().who(), [k.__name__ for k in D.__mro__])
class Base:
    def __init__(self):
        self.log = ['base']
    def template(self):
        return self.hook() + '!'
    def hook(self):
        return 'base hook'
class Derived(Base):
    def __init__(self):
        super().__init__()
        self.log.append('derived')
    def hook(self):
        return 'derived hook'
dd = Derived()
print(dd.log, dd.template(), Base().template())
class NoInit(Animal):
    pass
print(NoInit('n').speak())
class Explicit(Animal):
    def speak(self):
        return Animal.speak(self) + ' (explicit)'
print(Explicit('e').speak())
class Counter:
    count = 0
    def __init__(self):
        type(self).count += 1
class Sub(Counter):
    pass
Counter(); Sub(); Sub()
print(Counter.count, Sub.count)
try:
    super_fail = Dog('x')
    super_fail.fly()
except AttributeError as e:
    print(type(e).__name__, e)
class Abstractish:
    def run(self):
        raise NotImplementedError('subclass must implement')
try:
    Abstractish().run()
except NotImplementedError as e:
    print(type(e).__name__, e)
