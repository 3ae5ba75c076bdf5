# The abc module: abstract method enforcement (methods, properties, class and static
# methods, the legacy decorators), update_abstractmethods, register() and the caches
# behind isinstance/issubclass, __subclasshook__ verdicts, get_cache_token.
import abc
from abc import ABC, ABCMeta, abstractmethod


def try_make(cls):
    try:
        cls()
        return "made"
    except TypeError as e:
        # the wording changed across CPython versions; the class name is always there
        return "TypeError(%s)" % (cls.__name__ in str(e))


class Shape(ABC):
    @abstractmethod
    def area(self):
        return 0

    @property
    @abstractmethod
    def name(self):
        ...

    @classmethod
    @abstractmethod
    def unit(cls):
        ...

    def describe(self):
        return "%s of area %s %s" % (self.name, self.area(), self.unit())


class HalfDone(Shape):
    def area(self):
        return super().area() + 1


class Square(HalfDone):
    name = "square"

    @classmethod
    def unit(cls):
        return "m2"


print(sorted(Shape.__abstractmethods__), sorted(HalfDone.__abstractmethods__),
      sorted(Square.__abstractmethods__))
print(try_make(Shape), try_make(HalfDone), try_make(Square), Square().describe())
print(type(Shape.__abstractmethods__).__name__, Shape.area.__isabstractmethod__,
      hasattr(Square.area, "__isabstractmethod__"))


class Legacy(metaclass=ABCMeta):
    @abc.abstractclassmethod
    def make(cls):
        return cls

    @abc.abstractstaticmethod
    def helper():
        return "helped"

    @abc.abstractproperty
    def size(self):
        return 3


print(sorted(Legacy.__abstractmethods__), try_make(Legacy), Legacy.make(), Legacy.helper())
print(isinstance(Legacy.__dict__["make"], classmethod), abc.abstractproperty.__mro__[1] is property,
      Legacy.__dict__["size"].__isabstractmethod__)


class Done(Legacy):
    make = classmethod(lambda cls: "done")
    helper = staticmethod(lambda: "h")
    size = 5


print(try_make(Done), Done().size, Done.make(), sorted(Done.__abstractmethods__))


# update_abstractmethods after filling in a method later.
class Later(ABC):
    @abstractmethod
    def run(self):
        ...


class Patched(Later):
    pass


print(try_make(Patched))
Patched.run = lambda self: "ran"
print(try_make(Patched), sorted(Patched.__abstractmethods__))
abc.update_abstractmethods(Patched)
print(try_make(Patched), Patched().run(), sorted(Patched.__abstractmethods__))
print(abc.update_abstractmethods(int) is int)


# register(), virtual subclasses and the caches.
class Animal(ABC):
    pass


class Dog:
    pass


class Puppy(Dog):
    pass


token = abc.get_cache_token()
print(isinstance(Dog(), Animal), issubclass(Puppy, Animal))
print(Animal.register(Dog) is Dog, abc.get_cache_token() != token)
print(isinstance(Dog(), Animal), issubclass(Puppy, Animal), isinstance(Puppy(), Animal))
print(Animal.register(Dog) is Dog, Animal.register(Animal) is Animal)


@Animal.register
class Cat:
    pass


print(Cat.__name__, issubclass(Cat, Animal), issubclass(Cat, ABC), issubclass(Animal, Cat))
try:
    Animal.register(5)
except TypeError as e:
    print("TypeError", e)


class Mammal(Animal):
    pass


try:
    Mammal.register(Animal)
except RuntimeError as e:
    print("RuntimeError", e)
try:
    issubclass(5, Animal)
except TypeError as e:
    print("TypeError", e)
print(issubclass(Mammal, Animal), issubclass(Animal, Mammal), isinstance(Mammal(), Animal))


class Pet(Mammal):
    pass


Pet.register(int)
print(issubclass(int, Pet), issubclass(int, Mammal), issubclass(int, Animal), issubclass(bool, Animal))
print(isinstance(3, Animal), isinstance("3", Animal), issubclass(str, Pet))

# The private cache helpers: a cleared registry keeps cached verdicts until the caches
# are cleared too.
Animal._abc_registry_clear()
print(issubclass(Dog, Animal), issubclass(Cat, Animal))
Animal._abc_caches_clear()
print(issubclass(Dog, Animal), issubclass(Cat, Animal))


# __subclasshook__ verdicts win over everything else.
class HasQuack(ABC):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is not HasQuack:
            return NotImplemented
        if any("quack" in B.__dict__ for B in C.__mro__):
            return True
        if getattr(C, "refuse", False):
            return False
        return NotImplemented


class Duck:
    def quack(self):
        return "quack"


class Refuser(HasQuack):
    refuse = True


class Robot:
    pass


HasQuack.register(Robot)
print(issubclass(Duck, HasQuack), isinstance(Duck(), HasQuack), issubclass(Refuser, HasQuack))
print(issubclass(Robot, HasQuack), issubclass(int, HasQuack))


class SubQuack(HasQuack):
    pass


print(issubclass(Duck, SubQuack), issubclass(Refuser, SubQuack))


# An object that claims another class through __class__.
class Proxy:
    @property
    def __class__(self):
        return Dog


Animal.register(Dog)
print(isinstance(Proxy(), Animal), type(Proxy()).__name__)


# Metaclass derived from ABCMeta, and ABCMeta called directly.
class Meta(ABCMeta):
    def __call__(cls, *args):
        print("Meta.__call__", cls.__name__, args)
        return super().__call__(*args)


class WithMeta(metaclass=Meta):
    @abstractmethod
    def f(self):
        ...


class Concrete(WithMeta):
    def __init__(self, x):
        self.x = x

    def f(self):
        return self.x


print(try_make(WithMeta), Concrete(4).f(), isinstance(Concrete(1), WithMeta))
Dyn = ABCMeta("Dyn", (), {"g": abstractmethod(lambda self: 1), "__module__": __name__})
print(Dyn.__name__, sorted(Dyn.__abstractmethods__), try_make(Dyn), type(Dyn) is ABCMeta)
print(isinstance(ABC, ABCMeta), ABC.__slots__, type(abc.get_cache_token()).__name__)
