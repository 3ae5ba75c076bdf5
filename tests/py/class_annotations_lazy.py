# PEP 649/749 for classes, as CPython 3.14 has it: the .exp is CPython 3.14's output
# (tools/get_cpython314.sh installs it; 3.13 fails at the first forward reference).
# A class whose annotations name something defined later can be made; its
# __annotations__ are computed when read, __annotate__ is the function computing them,
# a class never shows a base's, and assigning or deleting either one replaces the other.


class Node:
    value: int
    parent: Tree            # defined below: no error while the class is made
    children: "list[Node]"


class Tree:
    root: Node


try:
    print(Node.__annotations__)
except NameError as e:
    print("NameError", e)
print(Tree.__annotations__)
print(Node.__annotate__.__name__, Node.__annotate__.__qualname__)
print(Node.__annotate__(1) == Node.__annotations__)
try:
    Node.__annotate__(3)
except NotImplementedError:
    print("format 3: NotImplementedError")


class Later:
    a: Missing


try:
    Later.__annotations__
except NameError as e:
    print("NameError:", e)
Missing = complex
print(Later.__annotations__)


# An annotation raising something else is also left for the first read.
class Broken:
    b: 1 / 0


try:
    Broken.__annotations__
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)


# A class's own annotations only.
class Base:
    base_field: int


class Derived(Base):
    pass


class Derived2(Base):
    own: str


print(Derived.__annotations__, Derived.__annotate__)
print(Derived2.__annotations__, Base.__annotations__)


class Plain:
    pass


print(Plain.__annotate__, Plain.__annotations__)
for t in (int, object):
    for attr in ("__annotations__", "__annotate__"):
        try:
            getattr(t, attr)
        except AttributeError as e:
            print("AttributeError:", e)


# Names are looked up in the class body first, then globals; enclosing function
# locals are seen too; private names are mangled.
shadow = "global"


def build():
    local_type = bytearray

    class Inside:
        shadow = frozenset
        s: shadow
        loc: local_type
        __hidden: Unknown
    return Inside


Inside = build()
Unknown = memoryview
print(Inside.__annotations__)


# Statements that did not run leave no annotation.
class Conditional:
    flag = True
    if flag:
        on: int
    else:
        off: int
    while False:
        never: int
    try:
        tried: bytes
    except Exception:
        caught: int


print(Conditional.__annotations__)


# Assigning __annotate__ replaces what was computed; assigning __annotations__ or
# deleting it drops the function.
def other(format):
    return {"replaced": format}


class Swap:
    first: int


print(Swap.__annotations__)
Swap.__annotate__ = other
print(Swap.__annotations__, Swap.__annotate__ is other)
Swap.__annotations__ = {"set": 1}
print(Swap.__annotations__, Swap.__annotate__)
del Swap.__annotations__
print(Swap.__annotations__, Swap.__annotate__)
try:
    Swap.__annotate__ = 42
except TypeError as e:
    print("TypeError:", e)


def not_a_dict(format):
    return [1]


class Odd:
    pass


Odd.__annotate__ = not_a_dict
try:
    Odd.__annotations__
except TypeError as e:
    print("TypeError:", e)

# type() with annotations in the namespace keeps them.
T = type("T", (), {"__annotations__": {"t": int}})
print(T.__annotations__, T.__annotate__)


# Generic classes see their type parameters.
class Box[V]:
    item: V
    others: list[Later2]


Later2 = int
print(Box.__annotations__)


# After the class is made, its annotation scopes read the class's own dict: a name
# bound on the class later wins over a global of the same name.
class Reads:
    a: Attr

    def method(self, x: Attr2) -> Attr:
        pass


Reads.Attr = "on the class"
Attr = "global"
Attr2 = "global 2"
print(Reads.__annotations__, Reads.method.__annotations__)


# A statement that may not run, in a class whose annotations are computed late.
class CondLate:
    if len(__name__) > 0:
        ran: Forward
    else:
        skipped: Forward
    always: int


Forward = tuple
print(CondLate.__annotations__)
