# An exception raised by a descriptor's __set_name__ during class creation propagates
# as it is, with a note naming the descriptor's type, the attribute and the class
# (CPython 3.12+; python3.13 made the .exp).
class Named:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)


class Failing:
    def __set_name__(self, owner, name):
        raise ValueError("refused " + name)


class Fine:
    a = Named()
    b = Named()

try:
    class Broken:
        ok = Named()
        bad = Failing()
except ValueError as e:
    print(type(e).__name__, e)
    print(e.__notes__)
    print(e.__cause__, e.__context__)

try:
    type("Dyn", (), {"k": Failing()})
except ValueError as e:
    print(e, e.__notes__)


class LookupFails:
    def __set_name__(self, owner, name):
        raise KeyError(name)


try:
    class Other:
        zz = LookupFails()
except KeyError as e:
    print(repr(e), e.__notes__)
