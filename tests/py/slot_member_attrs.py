# The member descriptors a class's __slots__ creates: their name, qualified name,
# owning class, doc and repr.
class Point:
    __slots__ = ("x", "y")


class Outer:
    class Inner:
        __slots__ = ("v",)


m = Point.__dict__["x"]
print(type(m).__name__, m.__name__, m.__qualname__, m.__objclass__.__name__, m.__doc__)
print(repr(m), repr(Point.y))
inner = Outer.Inner.__dict__["v"]
print(inner.__name__, inner.__qualname__, repr(inner))
p = Point()
m.__set__(p, 5)
print(m.__get__(p, Point), p.x, m.__get__(None, Point) is m)
try:
    Point.y.__get__(p, Point)
except AttributeError as e:
    print("AttributeError", e)
