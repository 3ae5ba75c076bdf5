# __slots__ names show in the class namespace as member descriptors
# (types.MemberDescriptorType) whose __get__/__set__/__delete__ reach the slot.
import copy
import types


class Pair:
    __slots__ = ("left", "right")

    def __init__(self):
        self.left = 1


p = Pair()
print(Pair.left, type(Pair.__dict__["left"]) is types.MemberDescriptorType)
print(types.MemberDescriptorType.__name__, p.left, hasattr(p, "right"))
print(sorted(k for k in Pair.__dict__ if not k.startswith("__")), "right" in dir(Pair))
try:
    p.right
except AttributeError as e:
    print("AttributeError", e)
Pair.right.__set__(p, 5)
print(p.right, Pair.left.__get__(p), Pair.left.__get__(None, Pair) is Pair.left)
Pair.right.__delete__(p)
print(hasattr(p, "right"))
for src in ["Pair.left.__get__(3)", "Pair.right.__delete__(p)", "Pair.left.__set__('x', 1)"]:
    try:
        eval(src)
    except (TypeError, AttributeError) as e:
        print(src, "->", type(e).__name__, e)


class Triple(Pair):
    __slots__ = ("third",)


t = Triple()
t.third = 3
print(t.left, t.third, "left" in Triple.__dict__, "third" in Triple.__dict__, Triple.third)
del t.left
try:
    t.left
except AttributeError as e:
    print("AttributeError", e)
c = copy.copy(p)
d = copy.deepcopy(t)
print(c.left, d.third, hasattr(d, "left"))
try:
    del p.right
except AttributeError as e:
    print("del unset slot: AttributeError", e)
