# property is a data descriptor with __set__ and __delete__ of its own (inspect and pydoc
# classify it by them); called directly they run the setter and deleter, or say which
# one is missing (python3.13 made the .exp: 3.11 words the missing ones differently).
import inspect


class Thing:
    pass


prop = property(lambda s: 1, lambda s, v: print("set", v), lambda s: print("deleted"))
print([hasattr(property, n) for n in ("__get__", "__set__", "__delete__")])
print(inspect.isdatadescriptor(prop), inspect.ismethoddescriptor(prop))
prop.__set__(Thing(), 5)
prop.__delete__(Thing())


def width(self):
    return 3


ro = property(width)
for call in [lambda: ro.__set__(Thing(), 1), lambda: ro.__delete__(Thing()),
             lambda: property().__set__(Thing(), 1)]:
    try:
        call()
    except AttributeError as e:
        print("AttributeError", e)


class Shape:
    @property
    def area(self):
        return 6


print(
      [a.kind for a in inspect.classify_class_attrs(Shape) if a.name == "area"])
try:
    Shape().area = 1
except AttributeError as e:
    print("AttributeError", e)
