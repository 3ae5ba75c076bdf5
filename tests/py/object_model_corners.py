# Corners of the object model: static/class methods as operator dunders, object.__new__
# on built-in layouts, attribute names that are not str, deleting attributes of
# built-in types, super()'s repr, and __new__ of exceptions returning non-exceptions.


class Ops:
    @staticmethod
    def __sub__(other):
        return ("static sub", other)

    @classmethod
    def __add__(cls, other):
        return ("class add", cls.__name__, other)

    @staticmethod
    def __getitem__(key):
        return ("static item", key)

    @classmethod
    def __setitem__(cls, key, value):
        print("class setitem", cls.__name__, key, value)

    @staticmethod
    def __delitem__(key):
        print("static delitem", key)


ops = Ops()
print(ops - 1, ops + 2, ops[3])
ops[4] = 5
del ops[6]


def expect_type_error(label, action):
    try:
        action()
    except TypeError as err:
        print(label, "TypeError:", err)
    else:
        print(label, "no error")


class Plain:
    pass


class ListKind(list):
    pass


for kind in (int, KeyError, dict, ListKind):
    expect_type_error("object.__new__", lambda: object.__new__(kind))
expect_type_error("object.__new__ non-type", lambda: object.__new__(3))
print(type(object.__new__(Plain)).__name__)


def drop_method():
    del int.bit_length


expect_type_error("del built-in attr", drop_method)
expect_type_error("setattr name", lambda: object.__setattr__(Plain(), 1, 2))
expect_type_error("delattr name", lambda: object.__delattr__(Plain(), 1.5))


class Base:
    def who(self):
        return "base"


class Child(Base):
    def show(self):
        return repr(super()), repr(super(Child, Child)), super().who()


print(Child().show())


class Odd(Exception):
    def __new__(cls, *args):
        return "not an exception"


def thrower():
    yield


expect_type_error("throw", lambda: thrower().throw(Odd))
try:
    raise Odd("x")
except TypeError as err:
    print("raise:", err)
